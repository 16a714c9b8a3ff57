"""``chuhai report``: one market's period as a self-contained HTML file (inline CSS and SVG,
no network), and as PDF printed by Chromium where it is installed."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Literal

from chuhai.errors import InputError
from chuhai.voc.actions import recommend
from chuhai.voc.scope import Period, Scope
from chuhai.voc.service import VocService
from chuhai.voc.trends import Alert, week_start
from chuhai.web import views
from chuhai.web.i18n import Translator
from chuhai.web.render import page

__all__ = ["CHROMIUM", "render_report", "write_pdf"]

log = logging.getLogger(__name__)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _period_alerts(svc: VocService, market: str, period: Period | None) -> list[Alert]:
    """The alerts of every complete ISO week that starts inside the period (else last week's)."""
    if period is None:
        return svc.alerts(market=market)
    found: list[Alert] = []
    monday = week_start(period.start.date())
    if monday < period.start.date():
        monday += timedelta(days=7)
    last = min(period.end.date(), datetime.now(UTC).date())
    while monday + timedelta(days=7) <= last:
        found += svc.alerts(week=monday, market=market)
        monday += timedelta(days=7)
    return found


def render_report(
    svc: VocService,
    market: str,
    period: str | None,
    *,
    lang: Literal["zh", "en"] = "zh",
    today: date | None = None,
) -> str:
    """The report's HTML."""
    scope = Scope.build(market=market, period=period, today=today)
    code = scope.markets[0]
    zones = {z: tuple(m) for z, m in svc.settings.zone_markets().items()}
    t, links = Translator(lang, zones), views.Links(lang, scope)
    summary = svc.summary(scope, purpose="voc report")
    alerts = _period_alerts(svc, code, scope.period)
    zone = svc.zone_of(code)
    themes = svc.themes(scope, quotes=2)[:8] if summary is not None else []
    return page(
        "report.html",
        svc=svc,
        lang=lang,
        links=links,
        path="",
        query={},
        inline_css=True,
        market=code,
        zone=zone,
        summary=summary,
        access=svc.access(zone),
        alerts=alerts,
        charts=views.summary_charts(summary, t, links, code, views.product_names(svc, lang))
        if summary is not None
        else {},
        actions=recommend(summary, alerts, *views.labels(t)) if summary is not None else [],
        warnings=views.warnings(alerts),
        themes=themes,
        period_label=scope.period.label if scope.period else t("all_time"),
        raw_markets=(),
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )


def write_pdf(html: Path, pdf: Path) -> None:
    """Print the HTML report to PDF with Debian's Chromium (``make browser`` installs it)."""
    if not CHROMIUM.is_file():
        raise InputError(f"PDF needs Chromium at {CHROMIUM} (make browser); the HTML is at {html}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise InputError("PDF needs the playwright package (pip install playwright)") from None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page()
            tab.goto(html.resolve().as_uri())
            tab.pdf(
                path=str(pdf),
                format="A4",
                print_background=True,
                margin={"top": "12mm", "bottom": "12mm", "left": "10mm", "right": "10mm"},
            )
        finally:
            browser.close()
