from __future__ import annotations

from pathlib import Path

import pytest

from chuhai.errors import ConfigError, InputError
from chuhai.markets import EU_MEMBERS
from chuhai.settings import DEFAULT_MARKETS, load_settings


def test_defaults_give_each_market_its_own_zone(tmp_path: Path) -> None:
    settings = load_settings()
    assert settings.markets == list(DEFAULT_MARKETS)
    assert settings.zone_of("ID") == "id"
    assert settings.zone_markets()["th"] == ["TH"]
    assert settings.store_url("id").endswith("/chuhai-data/zones/id.duckdb")
    assert settings.store_url("id").startswith("duckdb:///")


def test_toml_file_with_an_eu_zone_and_relative_paths(tmp_path: Path) -> None:
    config = tmp_path / "conf" / "chuhai.toml"
    config.parent.mkdir()
    config.write_text(
        'data_dir = "store"\n'
        'markets = ["US", "EU", "ID"]\n'
        "[zones.eu]\n"
        'markets = ["EU"]\n'
        "[zones.id]\n"
        'markets = ["ID"]\n'
        'store = "duckdb:elsewhere/id.duckdb"\n'
        "[pipeline]\n"
        "batch_size = 100\n",
        encoding="utf-8",
    )
    settings = load_settings(config)
    assert settings.data_dir == tmp_path / "conf" / "store"
    assert settings.zone_of("FR") == "eu"
    assert settings.zone_of("DE") == "eu"
    assert set(settings.zone_markets()["eu"]) == EU_MEMBERS
    assert settings.store_url("id") == f"duckdb:///{tmp_path / 'conf' / 'elsewhere' / 'id.duckdb'}"
    assert settings.pipeline.batch_size == 100


def test_environment_wins_over_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "chuhai.toml"
    config.write_text('markets = ["US"]\n[pipeline]\nbatch_size = 100\n', encoding="utf-8")
    monkeypatch.setenv("CHUHAI_MARKETS", "US,ID, th")
    monkeypatch.setenv("CHUHAI_PIPELINE__BATCH_SIZE", "250")
    settings = load_settings(config)
    assert settings.markets == ["US", "ID", "TH"]
    assert settings.pipeline.batch_size == 250


def test_config_found_through_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "x.toml"
    config.write_text('markets = ["SG"]\n', encoding="utf-8")
    monkeypatch.setenv("CHUHAI_CONFIG", str(config))
    assert load_settings().markets == ["SG"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('markets = ["US", "XX"]', "markets: unknown market 'XX'"),
        ('markets = ["US"]\n[zones.a]\nmarkets = ["ID"]', "not among the enabled markets"),
        (
            'markets = ["US", "ID"]\n[zones.a]\nmarkets = ["ID"]\n[zones.b]\nmarkets = ["ID"]',
            "market ID is in two zones",
        ),
        ('markets = ["US"]\n[zones.Bad-Name]\nmarkets = ["US"]', "zone name 'Bad-Name'"),
        ('markets = ["US"]\n[pipeline]\nbatch_size = 0', "pipeline.batch_size"),
        ('markets = ["US"]\nunknown_key = 1', "unknown_key"),
        ('markets = ["US"', "chuhai.toml"),
        ("markets = []", "at least one market"),
    ],
)
def test_bad_config_names_file_and_field(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "chuhai.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"chuhai\.toml") as info:
        load_settings(config)
    assert message in str(info.value)


def test_missing_config_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.toml")


def test_unknown_market_and_zone_are_input_errors() -> None:
    settings = load_settings(markets=["US"])
    with pytest.raises(InputError, match="market ID is not enabled"):
        settings.zone_of("ID")
    with pytest.raises(InputError, match="unknown zone"):
        settings.store_url("id")


def test_example_config_loads() -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "chuhai.toml"
    settings = load_settings(example)
    assert settings.zone_of("FR") == "eu"
    assert settings.zone_of("US") == "us"
    assert settings.ingest.mailboxes["cs-id@yourbrand.example"] == "ID"


@pytest.mark.parametrize(
    ("store", "expected"),
    [
        ("duckdb:rel/x.duckdb", "duckdb:///{base}/rel/x.duckdb"),
        ("duckdb://rel/x.duckdb", "duckdb:///{base}/rel/x.duckdb"),
        ("duckdb:rel/x.duckdb?threads=2", "duckdb:///{base}/rel/x.duckdb?threads=2"),
        ("duckdb:///abs/x.duckdb", "duckdb:///abs/x.duckdb"),
        ("duckdb://:memory:", "duckdb://:memory:"),
        ("postgresql://db.example/chuhai", "postgresql://db.example/chuhai"),
    ],
)
def test_relative_store_urls_are_relative_to_the_config_file(
    tmp_path: Path, store: str, expected: str
) -> None:
    config = tmp_path / "chuhai.toml"
    config.write_text(
        f'markets = ["ID"]\n[zones.id]\nmarkets = ["ID"]\nstore = "{store}"\n', encoding="utf-8"
    )
    assert load_settings(config).store_url("id") == expected.format(base=tmp_path)


def test_list_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHUHAI_PIPELINE__ENRICH", "passthrough")
    monkeypatch.setenv("CHUHAI_PRIVACY__TYPES", "EMAIL, PHONE")
    monkeypatch.setenv("CHUHAI_COMPLIANCE__READER", "th")
    settings = load_settings()
    assert settings.pipeline.enrich == ["passthrough"]
    assert settings.privacy.types == ["EMAIL", "PHONE"]
    assert settings.compliance.reading_from == "TH"


EXAMPLE = Path(__file__).parents[1] / "examples" / "chuhai.toml"


@pytest.mark.parametrize("config", [None, EXAMPLE], ids=["defaults", "examples/chuhai.toml"])
def test_personal_data_is_redacted_unless_told_otherwise(
    config: Path | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README tells users to copy the example: a copy must not store PII in clear."""
    monkeypatch.delenv("CHUHAI_PIPELINE__PRIVACY", raising=False)
    settings = load_settings(config)
    assert settings.pipeline.privacy == "redact"
    assert settings.privacy.mode == "pseudonym"  # findable by privacy erase and export
