"""Every page as an operator sees it, in a real browser: signed in, in Chinese, then in English.

Each page is screenshotted (to a temporary folder, or to $CHUHAI_SCREENSHOTS to look at them)
and its visible text is checked: in Chinese no snake_case key, no market code, no English UI
label and no pack text left untranslated; in English no snake_case key either. What customers
wrote, and citations, are in their own language: elements marked with a ``lang`` of their
own are not the page's words and are left out of the check (so are ``code`` elements: ids).
The language is chosen once (``?lang=`` on the first page) and every later page, /live and
/compliance included, follows it.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from chuhai.access.roles import Role
from chuhai.api import create_app
from chuhai.api.access import AccessControl
from chuhai.enrich.embeddings import HashingEmbedder
from chuhai.records import Order, Product, SourceRef
from chuhai.settings import Settings
from chuhai.store import ZoneRouter
from chuhai.supply.setup import EXAMPLE_SETUP
from chuhai.voc.scope import Scope
from chuhai.voc.service import VocService
from chuhai.voc.themes.discover import ThemeFinder
from chuhai.web.i18n import UI
from chuhai.web.labels import ASPECT, CHANNEL, INTENT, SENTIMENT
from chuhai.web.report import render_report
from tests.browser import ARGS, CHROMIUM, need_browser, serving
from tests.voc.factory import MONDAY, populate, two_zone_settings

PASSWORD = "correct horse battery"
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
CODES = re.compile(r"\b(TH|US|CN|ID)\b")
# English words of the UI that a Chinese page must not show (short ones are too common in
# product names to tell apart).
ENGLISH = sorted(
    {en for zh, en in UI.values() if zh != en and len(en) > 5 and "{" not in en} - {"chuhai"}
    | {p[1] for table in (ASPECT, CHANNEL, INTENT, SENTIMENT) for p in table.values()}
    | {"new", "q-value", "Lift", "zone"},
    key=len,
    reverse=True,
)
PRODUCTS = [
    Product(
        sku="PB-400", names={"zh": "魔方充电宝", "en": "Cube power bank"}, markets=["TH", "US"]
    ),
    Product(sku="FN-300", names={"zh": "挂脖风扇", "en": "Neck fan"}, markets=["TH", "US"]),
]
# The words a page must show in each language (its heading, or a label of its own).
PAGES: list[tuple[str, str, str, str]] = [
    ("overview", "/voc", "总览", "Overview"),
    ("market-th", "/voc/market/TH", "泰国", "Market TH"),
    ("market-us", "/voc/market/US", "美国", "Market US"),
    ("product", "/voc/product/PB-400", "魔方充电宝", "Cube power bank"),
    ("themes", "/voc/themes?market=TH", "主题", "Themes"),
    ("alerts", "/voc/alerts?week=2026-W46", "电池续航", "battery"),
    (
        "quotes",
        "/voc/quotes?market=TH&aspect=battery&sentiment=neg",
        "方面：电池续航",
        "aspect: battery",
    ),
    ("quotes-us", "/voc/quotes?market=US", "原话 · 美国", "Quotes · US"),
    ("supply", "/supply", "补货计划", "Purchase plan"),
    ("compliance", "/compliance?market=TH", "不构成法律意见", "not legal advice"),
    ("live", "/live", "直播", "Live"),
    ("draft", "/draft", "草稿", "Draft"),
    ("calendar", "/calendar?market=TH", "市场日历", "Market calendar"),
    ("creators", "/creators", "达人带货", "Affiliate creators"),
    ("partners", "/partners", "合伙人分润", "Partner profit-share"),
    ("network", "/supply/network", "供应网络", "Supply network"),
    ("audit", "/audit", "审计日志", "Audit log"),
    ("admin", "/admin", "用户", "Users"),
]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, AccessControl]:
    root = tmp_path_factory.mktemp("every-page")
    shutil.copyfile(EXAMPLE_SETUP, root / "supply.toml")
    settings = two_zone_settings(root / "data", supply={"setup": str(root / "supply.toml")})
    populate(settings)
    source = SourceRef(system="test")
    orders = [
        Order(id=f"O{week}-{i}", sku="PB-400", market="TH", zone="th", quantity=1,
              unit_price=550, currency="THB", source=source,
              time=MONDAY - timedelta(weeks=10) + timedelta(weeks=week, hours=i))
        for week in range(16) for i in range(20)
    ]  # fmt: skip
    with ZoneRouter(settings) as router:
        for zone in ("th", "us"):
            store = router.store(zone)
            store.put_products(PRODUCTS)
            ThemeFinder(store, HashingEmbedder(), min_people=10).discover(Scope())
        router.store("th").add_orders(orders)
    control = AccessControl.from_settings(settings)
    control.secure_cookies = False
    control.store.add_user("boss", Role.ADMIN, PASSWORD)
    control.store.add_user("hq", Role.HQ, PASSWORD)
    return settings, control


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    kept = os.environ.get("CHUHAI_SCREENSHOTS")
    folder = Path(kept) if kept else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser(world: tuple[Settings, AccessControl]) -> Iterator[tuple[str, Any]]:
    need_browser()
    from playwright.sync_api import sync_playwright

    settings, control = world
    with serving(create_app(settings=settings, access=control)) as base, sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield base, chromium
        chromium.close()


# The page's own words: visible text outside elements in another language and outside ids.
VISIBLE_TEXT = """() => {
  const skip = "script, style, title, textarea, option, code, [lang]:not(html)";
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest(skip) || !node.textContent.trim()) continue;
    const box = parent.closest("svg") || parent;
    if (box.checkVisibility && !box.checkVisibility()) continue;
    out.push(node.textContent.trim());
  }
  return out.join("\\n");
}"""


def problems(text: str, lang: str) -> list[str]:
    found = [f"snake_case {m!r}" for m in sorted(set(SNAKE.findall(text)))]
    if lang == "zh":
        found += [f"market code {m!r}" for m in sorted(set(CODES.findall(text)))]
        found += [f"English {w!r}" for w in ENGLISH if re.search(rf"\b{re.escape(w)}\b", text)]
    return found


def sign_in(page: Any, base: str, user: str, lang: str) -> None:
    page.goto(f"{base}/login?lang={lang}")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", PASSWORD)
    page.click("#sign-in")
    page.wait_for_url(f"{base}/voc")


def look(page: Any, shots: Path, name: str, lang: str) -> list[str]:
    page.screenshot(path=str(shots / f"{lang}-{name}.png"), full_page=True)
    text = page.evaluate(VISIBLE_TEXT)
    found = [f"{name}: {p}" for p in problems(text, lang)]
    if lang == "zh" and page.locator(".untranslated").count():
        found.append(f"{name}: {page.locator('.untranslated').count()} texts not in Chinese")
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_speaks_one_language(browser: tuple[str, Any], shots: Path, lang: str) -> None:
    from playwright.sync_api import expect

    base, chromium = browser
    page = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    html_lang = "zh-CN" if lang == "zh" else "en"
    page.goto(f"{base}/login?lang={lang}")
    found = look(page, shots, "login", lang)
    sign_in(page, base, "boss", lang)
    for name, path, zh, en in PAGES:
        page.goto(base + path)  # no ?lang=: the choice made at sign-in holds
        expect(page.locator("#site-bar")).to_be_visible()
        expect(page.locator("body")).to_contain_text(zh if lang == "zh" else en, timeout=15_000)
        if name not in ("live", "compliance"):
            expect(page.locator("html")).to_have_attribute("lang", html_lang)
        if name == "compliance":
            page.fill("#script", "ครีมตัวนี้รักษาสิวหายขาดค่ะ ดีที่สุด")
            page.click("#check")
            # the first check loads the meaning tier's model (serve warms it; this app does not)
            expect(page.locator(".finding").first).to_be_visible(timeout=90_000)
        found += look(page, shots, name, lang)
    # a theme, and a person's journey, reached by their links
    page.goto(f"{base}/voc/themes?market=TH")
    page.locator("article.theme h2 a").first.click()
    found += look(page, shots, "theme", lang)
    page.locator(".quote a.person").first.click()
    expect(page.locator("ol.journey li").first).to_be_visible()
    found += look(page, shots, "journey", lang)
    # a page the role may not open (headquarters and the audit log)
    other = chromium.new_context(viewport={"width": 1280, "height": 700}).new_page()
    sign_in(other, base, "hq", lang)
    other.goto(f"{base}/audit")
    expect(other.locator("#refused")).to_be_visible()
    found += look(other, shots, "refused", lang)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_speaks_one_language(
    world: tuple[Settings, AccessControl], browser: tuple[str, Any], shots: Path, lang: str
) -> None:
    settings, _ = world
    with VocService(settings) as svc:
        html = render_report(svc, "TH", None, lang="zh" if lang == "zh" else "en",
                             today=datetime(2026, 11, 20, tzinfo=UTC).date())  # fmt: skip
    _, chromium = browser
    page = chromium.new_page(viewport={"width": 1000, "height": 900})
    page.set_content(html)
    assert page.locator("svg.chart").count() > 3
    found = look(page, shots, "report", lang)
    assert not found, "\n".join(found)
