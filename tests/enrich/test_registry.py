"""The enrich stages by name: what ``[pipeline] enrich`` builds, in order, and the one-line
reason for a name that is not there."""

from __future__ import annotations

from pathlib import Path

import pytest

from chuhai.enrich.registry import ENRICHERS, build_enrichers
from chuhai.errors import ConfigError
from tests.conftest import make_settings


@pytest.mark.parametrize(
    ("names", "built"),
    [
        (["multilingual"], ["multilingual"]),
        (["passthrough"], ["passthrough"]),
        (["passthrough", "multilingual"], ["passthrough", "multilingual"]),
        ([], []),
    ],
)
def test_builds_the_configured_enrichers_in_order(names: list[str], built: list[str]) -> None:
    stages = build_enrichers(make_settings(Path(), pipeline={"enrich": names}))
    assert [(s.kind, s.name) for s in stages] == [("enrich", n) for n in built]


def test_an_unknown_name_says_what_is_available() -> None:
    settings = make_settings(Path(), pipeline={"enrich": ["magic"]})
    with pytest.raises(
        ConfigError, match=r"no stage named 'magic' \(available: passthrough, multi"
    ):
        build_enrichers(settings)


def test_the_registry_holds_enrich_stages_only() -> None:
    assert list(ENRICHERS) == ["passthrough", "multilingual"]
    assert {cls.kind for cls in ENRICHERS.values()} == {"enrich"}
