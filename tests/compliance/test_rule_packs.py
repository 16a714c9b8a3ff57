"""Rule packs as validated data: every market covered, unverified facts stay marked, broken
files fail with file and line, company overrides, and ``chuhai compliance show|check``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuhai.cli import app
from chuhai.compliance import RulePackError, packs, packs_for_market
from chuhai.compliance.check import check_config
from chuhai.compliance.loader import load_model
from chuhai.compliance.models import Law, RulePack, Topic
from chuhai.compliance.registry import apply_overrides
from chuhai.markets import EU_MEMBERS
from tests.conftest import make_settings

REQUIRED = ["US", "GB", "CN", "SG", "TH", "ID", "VN", "MY", "PH", "BR", "MX", "SA", "DE", "FR"]


@pytest.mark.parametrize("market", REQUIRED)
def test_every_market_has_a_pack(market: str) -> None:
    found = packs_for_market(market)
    assert found
    for pack in found:
        assert pack.laws and pack.transfer.summary and pack.breach.summary
        assert pack.children.parental_consent_below_age is not None


def test_us_has_federal_and_california_and_eu_members_share_one_pack() -> None:
    assert [p.id for p in packs_for_market("US")] == ["US", "US-CA"]
    assert {p.id for m in EU_MEMBERS for p in packs_for_market(m)} == {"EU"}


def test_facts_without_a_source_are_never_marked_verified() -> None:
    for pack in packs():
        facts: list[Law | Topic] = [*pack.laws, pack.transfer, pack.breach, pack.children]
        for fact in [*facts, pack.sensitive, pack.marketing, pack.penalties]:
            if fact.verified == "verified":
                assert fact.sources, (pack.id, fact)


def test_research_marked_unverified_stays_so() -> None:
    (us,) = [p for p in packs() if p.id == "US"]
    assert us.breach.verified == "unverified"  # "verified: false" in the research
    (cn,) = [p for p in packs() if p.id == "CN"]
    assert cn.unverified >= 1


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("id: XX\nname: a: b\n", 2, "not valid YAML: mapping values are not allowed"),
        ("- a list\n", 1, "must be a mapping"),
        ("id: TH\nname: T\nmarkets: [TH]\nlaws: []\n", 4, "laws: List should have at least 1 item"),
    ],
)
def test_broken_pack_names_file_line_and_problem(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = tmp_path / "th.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulePackError, match=message) as caught:
        load_model(path, RulePack)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_wrong_type_deep_in_a_pack_points_at_its_line(tmp_path: Path) -> None:
    source = (Path(__file__).parents[2] / "src/chuhai/compliance/packs/th.yaml").read_text("utf-8")
    broken = source.replace("regulator_hours: 72", "regulator_hours: soon")
    path = tmp_path / "th.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(RulePackError, match=r"breach\.regulator_hours") as caught:
        load_model(path, RulePack)
    expected = broken.splitlines().index("  regulator_hours: soon") + 1
    assert caught.value.line == expected


def test_overrides_replace_a_fact_and_mark_it_the_company_s() -> None:
    (th,) = packs_for_market("TH")
    changed = apply_overrides(th, {"children.parental_consent_below_age": 18})
    assert changed.children.parental_consent_below_age == 18
    assert changed.children.verified == "company"
    with pytest.raises(RulePackError, match=r"no field children\.age"):
        apply_overrides(th, {"children.age": 1})
    with pytest.raises(RulePackError, match="parental_consent_below_age"):
        apply_overrides(th, {"children.parental_consent_below_age": "adult"})


def _findings(tmp_path: Path, **compliance: object) -> list[tuple[str, str, str]]:
    settings = make_settings(tmp_path, markets=["EU", "TH", "US"], compliance=compliance)
    return [(f.level, f.market, f.topic) for f in check_config(settings)]


def test_check_reports_a_missing_transfer_basis(tmp_path: Path) -> None:
    found = _findings(tmp_path)
    assert ("high", "EU", "transfer") in found
    assert ("high", "TH", "transfer") in found
    assert ("critical", "US", "transfer") in found  # DOJ rule: no contract lifts it
    assert ("warning", "TH", "retention") in found


def test_check_accepts_a_configured_basis_and_warns_on_an_unknown_mechanism(tmp_path: Path) -> None:
    found = _findings(
        tmp_path,
        transfers=[{"from": "EU", "to": "CN", "mechanism": "scc"},
                   {"from": "TH", "to": "CN", "mechanism": "handshake"}],
        retention_days={"EU": 730, "TH": 365, "US": 365},
    )  # fmt: skip
    assert ("high", "EU", "transfer") not in found
    assert ("warning", "TH", "transfer") in found
    assert not [f for f in found if f[2] == "retention"]


def test_no_transfer_finding_when_headquarters_is_in_the_market(tmp_path: Path) -> None:
    found = _findings(tmp_path, headquarters="DE")
    assert ("high", "EU", "transfer") not in found


runner = CliRunner()


def _config(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "chuhai.toml"
    path.write_text(f'markets = ["TH", "EU"]\ndata_dir = "d"\n{extra}', encoding="utf-8")
    return path


def test_show_json_and_table(tmp_path: Path) -> None:
    config = _config(tmp_path)
    result = runner.invoke(app, ["-c", str(config), "compliance", "show", "TH", "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["packs"][0]["id"] == "TH" and "not legal advice" in data["disclaimer"]
    table = runner.invoke(app, ["-c", str(config), "compliance", "show", "de"])
    assert table.exit_code == 0
    assert "EU: European Union" in table.stdout and "not legal advice" in table.stderr
    unknown = runner.invoke(app, ["-c", str(config), "compliance", "show", "JP"])
    assert unknown.exit_code == 2 and "no rule pack for JP" in unknown.stderr


def test_check_strict_exits_1_on_high_findings(tmp_path: Path) -> None:
    config = _config(tmp_path)
    lax = runner.invoke(app, ["-c", str(config), "compliance", "check", "--json"])
    assert lax.exit_code == 0
    assert any(f["topic"] == "transfer" for f in json.loads(lax.stdout)["findings"])
    strict = runner.invoke(app, ["-c", str(config), "compliance", "check", "--strict"])
    assert strict.exit_code == 1
    covered = _config(
        tmp_path,
        '[[compliance.transfers]]\nfrom = "EU"\nto = "CN"\nmechanism = "scc"\n'
        '[[compliance.transfers]]\nfrom = "TH"\nto = "CN"\nmechanism = "scc"\n',
    )
    assert (
        runner.invoke(app, ["-c", str(covered), "compliance", "check", "--strict"]).exit_code == 0
    )


def _texts(pack: RulePack) -> list[tuple[str, str, str | None]]:
    """(where, English, Chinese) of every text the compliance page shows of a pack."""
    out: list[tuple[str, str, str | None]] = [("name", pack.name, pack.name_zh)]
    if pack.scope:
        out.append(("scope", pack.scope, pack.scope_zh))
    for n, law in enumerate(pack.laws):
        out.append((f"laws[{n}].name", law.name, law.name_zh))
        if law.in_force:
            out.append((f"laws[{n}].in_force", law.in_force, law.in_force_zh))
    for topic in ("transfer", "breach", "children", "sensitive", "marketing", "penalties"):
        fact: Topic = getattr(pack, topic)
        out.append((f"{topic}.summary", fact.summary, fact.summary_zh))
    return out


@pytest.mark.parametrize("pack", packs(), ids=lambda p: p.id)
def test_every_text_of_every_pack_is_also_in_chinese(pack: RulePack) -> None:
    missing = [where for where, _, zh in _texts(pack) if not zh]
    assert not missing, f"{pack.id}: no Chinese for {missing}"
    if pack.sensitive.categories:
        assert len(pack.sensitive.categories_zh) == len(pack.sensitive.categories)
    for where, _, zh in _texts(pack):  # Chinese, not English copied over
        assert zh and re.search(r"[\u4e00-\u9fff]", zh), (pack.id, where, zh)


def test_chinese_categories_must_pair_with_the_english_ones(tmp_path: Path) -> None:
    source = (Path(__file__).parents[2] / "src/chuhai/compliance/packs/th.yaml").read_text("utf-8")
    broken = source.replace('  - "生物识别数据"\n', "", 1)
    path = tmp_path / "th.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(RulePackError, match="categories_zh has 10 entries for 11 categories"):
        load_model(path, RulePack)


def test_a_pack_without_chinese_still_loads() -> None:
    # the page then shows the English, marked as not yet translated (compliance.js)
    pack = RulePack.model_validate(
        {k: v for k, v in packs_for_market("TH")[0].model_dump().items() if k != "name_zh"}
    )
    assert pack.name_zh is None and pack.name == "Thailand"
