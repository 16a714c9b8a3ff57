"""``chuhai demo``: write the sample, import it through the real pipeline, summarise."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from chuhai.demo.creators import creator_steps
from chuhai.demo.live_actions import record_host_actions
from chuhai.demo.sample import ImportStep, write_sample
from chuhai.enrich.embeddings import Embedder
from chuhai.pipeline import IngestReport, Pipeline, Progress
from chuhai.settings import Settings, load_settings
from chuhai.store import ZoneRouter
from chuhai.store.summary import ZoneSummary, summarize
from chuhai.voc.scope import Scope
from chuhai.voc.trends import Alert

if TYPE_CHECKING:
    from chuhai.creators import CreatorReport
    from chuhai.supply.service import PlanResult

__all__ = ["DemoResult", "VocDemo", "run_creators", "run_demo", "run_supply", "run_voc"]


@dataclass
class DemoResult:
    directory: Path
    settings: Settings
    steps: list[ImportStep]
    reports: list[IngestReport]
    zones: list[ZoneSummary]
    host_actions: int = 0  # made-up answers, pins and moderation in the live journal (new)

    @property
    def report(self) -> IngestReport:
        merged = IngestReport()
        for report in self.reports:
            merged.files.extend(report.files)
            merged.ignored.extend(report.ignored)
        return merged


def run_demo(
    directory: Path,
    *,
    seed: int = 7,
    fresh: bool = False,
    today: datetime | None = None,
    progress: Progress | None = None,
) -> DemoResult:
    """Write the sample into ``directory`` and import it; ``fresh`` wipes earlier demo data."""
    directory = directory.resolve()
    if fresh:
        for name in ("data", "input"):
            shutil.rmtree(directory / name, ignore_errors=True)
    directory.mkdir(parents=True, exist_ok=True)
    steps = write_sample(directory, seed=seed, today=today)
    steps += creator_steps(directory, seed=seed, today=today)  # after the reviews they link to
    settings = load_settings(directory / "chuhai.toml")
    reports = []
    with Pipeline(settings, progress=progress) as pipeline:
        for step in steps:
            reports.append(pipeline.ingest([step.path], kind=step.kind, options=step.options))
        host_actions = record_host_actions(pipeline)
    with ZoneRouter(settings) as router:
        zones = summarize(router)
    return DemoResult(directory, settings, steps, reports, zones, host_actions)


@dataclass
class VocDemo:
    themes: dict[str, int]  # zone -> themes found
    alerts: list[Alert]
    report: Path


def run_voc(result: DemoResult, embedder: Embedder, progress: Progress | None = None) -> VocDemo:
    """Find the demo's themes, this week's alerts and write the Thai report (the VOC part)."""
    from chuhai.voc.service import VocService
    from chuhai.voc.themes.discover import ThemeFinder
    from chuhai.web.report import render_report

    settings = result.settings
    found: dict[str, int] = {}
    with VocService(settings) as svc:
        for zone, store in svc.stores().items():
            finder = ThemeFinder(store, embedder, min_people=settings.compliance.k_anonymity,
                                 progress=progress)  # fmt: skip
            found[zone] = len(finder.discover(Scope()).themes)
        alerts = svc.alerts()
        report = result.directory / "report-TH.html"
        report.write_text(render_report(svc, "TH", None), encoding="utf-8")
    return VocDemo(found, alerts, report)


def run_supply(result: DemoResult) -> PlanResult:
    """This week's purchase plan from the demo's orders and live sessions."""
    from chuhai.supply.service import plan_from_stores

    with ZoneRouter(result.settings) as router:
        return plan_from_stores(result.settings, router)


def run_creators(result: DemoResult) -> CreatorReport:
    """The creators' ranking as headquarters sees it (ID and TH through their transfer
    bases; US creators stay in their zone: totals only, where there are k of them)."""
    from chuhai.creators import SupplyCosts, creator_report
    from chuhai.supply.setup import load_setup
    from chuhai.voc.service import VocService

    costs = SupplyCosts(load_setup(result.settings.supply.setup))
    with VocService(result.settings) as voc:
        return creator_report(voc, costs)
