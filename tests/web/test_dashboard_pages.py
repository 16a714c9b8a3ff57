"""The VOC dashboard in a real browser (Debian's Chromium), in Chinese and in English: the
overview, a market, its themes, the alerts, and the drill-down from a chart to the quotes.
Screenshots go to test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from chuhai.api import create_app
from chuhai.enrich.embeddings import HashingEmbedder
from chuhai.settings import Settings
from chuhai.store import ZoneRouter
from chuhai.voc.scope import Scope
from chuhai.voc.themes.discover import ThemeFinder
from chuhai.voc.themes.seeds import apply_seeded, define_theme
from tests.browser import ARGS, ARTIFACTS, CHROMIUM, need_browser, serving
from tests.voc.factory import populate, two_zone_settings


@pytest.fixture(scope="module")
def configured(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = two_zone_settings(tmp_path_factory.mktemp("web") / "data")
    populate(settings)
    with ZoneRouter(settings) as router:
        for zone in ("th", "us"):
            store = router.store(zone)
            ThemeFinder(store, HashingEmbedder(), min_people=10).discover(Scope())
        seeded = define_theme(router.store("th"), "แบตเสื่อม", ["แบตหมด"], markets=["TH"])
        apply_seeded(router.store("th"), None, [seeded])
    return settings


@pytest.fixture(scope="module")
def browser_page(configured: Settings) -> Iterator[tuple[str, Any]]:
    need_browser()
    from playwright.sync_api import sync_playwright

    with serving(create_app(settings=configured)) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        yield base, page
        browser.close()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"voc-{name}.png"), full_page=True)


@pytest.mark.parametrize(
    ("lang", "heading", "us", "lock"),
    [("zh", "总览", "美国", "仅汇总数据"), ("en", "Overview", "US", "aggregates only")],
)
def test_overview(
    browser_page: tuple[str, Any], lang: str, heading: str, us: str, lock: str
) -> None:
    from playwright.sync_api import expect

    base, page = browser_page
    page.goto(f"{base}/voc?lang={lang}")
    expect(page.locator("h1")).to_have_text(heading)
    table = page.locator("#market-table")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table.locator("tr", has_text=us)).to_contain_text(lock)
    expect(page.locator("svg.chart").first).to_be_visible()
    shot(page, f"overview-{lang}")


def test_market_page_switches_language_and_drills_down(browser_page: tuple[str, Any]) -> None:
    from playwright.sync_api import expect

    base, page = browser_page
    page.goto(f"{base}/voc/market/TH?lang=zh")
    expect(page.locator("h1")).to_contain_text("市场 泰国")
    expect(page.locator("#kpi-volume")).to_have_text("360")
    expect(page.locator(".actions")).to_contain_text("电池续航")
    shot(page, "market-th-zh")
    page.click("#lang-switch")
    expect(page.locator("h1")).to_contain_text("Market TH")
    expect(page).to_have_url(f"{base}/voc/market/TH?lang=en")
    shot(page, "market-th-en")
    # the negative part of the battery bar links to its quotes
    page.locator("#aspects a[href*='aspect=battery']").first.click()
    expect(page.locator("h1")).to_contain_text("Quotes · TH")
    expect(page.locator(".quote").first).to_contain_text("แบตหมดเร็วมาก")
    expect(page.locator(".quote .tag.s-neg").first).to_have_text("negative")
    shot(page, "quotes-th-en")


def test_a_zone_without_transfer_basis_shows_aggregates_only(browser_page: tuple[str, Any]) -> None:
    from playwright.sync_api import expect

    base, page = browser_page
    page.goto(f"{base}/voc/market/US?lang=en")
    expect(page.locator(".banner")).to_contain_text("only aggregates of at least 10 people")
    page.goto(f"{base}/voc/quotes?market=US&lang=en")
    expect(page.locator("#refused")).to_contain_text("no transfer basis")
    shot(page, "quotes-us-refused")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_themes_and_alerts(browser_page: tuple[str, Any], lang: str) -> None:
    from playwright.sync_api import expect

    base, page = browser_page
    page.goto(f"{base}/voc/themes?market=TH&lang={lang}")
    themes = page.locator("article.theme")
    expect(themes.first).to_be_visible()
    expect(page.locator("article.theme", has_text="แบตเสื่อม")).to_have_count(1)
    shot(page, f"themes-th-{lang}")
    page.goto(f"{base}/voc/alerts?week=2026-W46&lang={lang}")
    row = page.locator("tr.alert.warning", has_text="泰国" if lang == "zh" else "TH").first
    expect(row).to_contain_text("电池续航" if lang == "zh" else "battery")
    shot(page, f"alerts-{lang}")
    row.locator("a").click()
    expect(page.locator(".quote").first).to_contain_text("แบต")
