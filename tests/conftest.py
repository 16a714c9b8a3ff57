"""Shared fixtures: isolated settings, a pipeline over temporary DuckDB zone stores."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# pytest-xdist workers inherit COLUMNS=80, which the CLI reads as a terminal's width: tables
# would be cropped unlike in a plain run. Piped output is what the CLI tests check.
if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ.pop("COLUMNS", None)
    os.environ.pop("LINES", None)

from chuhai.connectors import IngestOptions
from chuhai.pipeline import FileReport, Pipeline
from chuhai.records import Rejection, Voice
from chuhai.settings import Settings, load_settings
from chuhai.store import INTAKE_ZONE

FIXTURES = Path(__file__).parent / "fixtures"
MARKETS = ["US", "GB", "ID", "TH"]


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No CHUHAI_* settings from the caller, and a working directory without chuhai.toml.
    CHUHAI_REQUIRE_* stay: they tell tests that a service must be there (CI)."""
    for name in list(os.environ):
        if name.startswith("CHUHAI_") and not name.startswith("CHUHAI_REQUIRE_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    base: dict[str, Any] = {
        "data_dir": tmp_path / "data",
        "markets": MARKETS,
        "ingest": {
            "agent_emails": ["@lumio.example"],
            "mailboxes": {
                "support-us@lumio.example": "US",
                "cs-id@lumio.example": "ID",
                "cs-th@lumio.example": "TH",
            },
        },
    }
    base.update(overrides)
    return load_settings(**base)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def pipeline(settings: Settings) -> Iterator[Pipeline]:
    with Pipeline(settings) as p:
        yield p


Ingest = Callable[..., FileReport]


@pytest.fixture
def ingest(pipeline: Pipeline) -> Ingest:
    """Import one file and return its report: ``ingest(path, "reviews", market="ID")``."""

    def run(path: Path, kind: str | None = None, **options: Any) -> FileReport:
        report = pipeline.ingest([path], kind=kind, options=IngestOptions(**options))
        assert len(report.files) == 1, report.files
        return report.files[0]

    return run


@pytest.fixture
def voices(pipeline: Pipeline) -> Callable[[str], list[Voice]]:
    """Voices stored in a zone."""

    def read(zone: str) -> list[Voice]:
        if not pipeline.router.exists(zone):
            return []
        return pipeline.router.store(zone).voices()

    return read


@pytest.fixture
def rejections(pipeline: Pipeline) -> Callable[[str | None], list[Rejection]]:
    """Quarantined rows of a zone (``None``: of every zone and the intake store)."""

    def read(zone: str | None = None) -> list[Rejection]:
        zones = [zone] if zone else [*pipeline.router.zones, INTAKE_ZONE]
        found: list[Rejection] = []
        for name in zones:
            if pipeline.router.exists(name):
                found.extend(r.rejection for r in pipeline.router.store(name).rejections())
        return sorted(found, key=lambda r: (r.file, r.line or 0, r.locator or ""))

    return read
