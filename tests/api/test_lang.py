"""One language for all pages: ``?lang=`` on any page sets the cookie, and every page after it,
server-rendered (/voc, /supply, /login) or scripted (/live, /compliance), speaks it."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from chuhai.api import create_app
from chuhai.records import Order, Product, SourceRef
from chuhai.settings import Settings
from chuhai.store import ZoneRouter
from chuhai.supply.setup import EXAMPLE_SETUP
from tests.voc.factory import MONDAY, populate, two_zone_settings

PAGES = ["/voc", "/voc/market/TH", "/voc/alerts", "/supply", "/compliance", "/live", "/login"]


@pytest.fixture(scope="module")
def configured(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("lang")
    shutil.copyfile(EXAMPLE_SETUP, root / "supply.toml")
    settings = two_zone_settings(root / "data", supply={"setup": str(root / "supply.toml")})
    populate(settings, weeks=2, per_week=30)
    orders = [
        Order(id=f"O{week}-{i}", sku="PB-400", market="TH", zone="th", quantity=1,
              unit_price=550, currency="THB", source=SourceRef(system="test"),
              time=MONDAY - timedelta(weeks=14) + timedelta(weeks=week, hours=i))
        for week in range(16) for i in range(20)
    ]  # fmt: skip
    with ZoneRouter(settings) as router:
        router.store("th").add_orders(orders)
        router.store("th").put_products(
            [
                Product(
                    sku="PB-400",
                    names={"zh": "魔方充电宝", "en": "Cube power bank"},
                    markets=["TH"],
                )
            ]
        )
    return settings


@pytest.fixture
def client(configured: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings=configured)) as client:
        yield client


def _lang(html: str) -> str:
    found = re.search(r'id="site-bar" data-lang="(zh|en)"', html)
    assert found, html[:300]
    return found.group(1)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("first", ["/voc", "/compliance", "/live"])
def test_the_language_chosen_on_one_page_holds_on_every_page(
    client: TestClient, first: str, lang: str
) -> None:
    chosen = client.get(first, params={"lang": lang})
    assert f"chuhai_lang={lang}; Path=/" in chosen.headers["set-cookie"]
    for path in PAGES:
        page = client.get(path)
        assert page.status_code == 200, path
        assert _lang(page.text) == lang, path
        other = "zh" if lang == "en" else "en"
        assert re.search(rf'id="lang-switch" href="{path}\?lang={other}"', page.text), path


def test_without_a_choice_pages_are_in_chinese(client: TestClient) -> None:
    page = client.get("/voc/market/TH")
    assert _lang(page.text) == "zh" and "set-cookie" not in page.headers
    assert '<html lang="zh-CN">' in page.text


def test_every_page_has_the_bar_with_every_part_of_chuhai(client: TestClient) -> None:
    for path in PAGES[:-1]:
        bar = client.get(path).text.split('id="site-bar"')[1].split("</div>")[0]
        for href in ("/voc", "/live", "/compliance", "/supply", "/docs"):
            assert f'href="{href}"' in bar, (path, href)


def test_skus_come_with_their_product_names(client: TestClient) -> None:
    zh = client.get("/voc", params={"lang": "zh"}).text
    assert '<span class="sku">PB-400</span> <span class="product-name">魔方充电宝</span>' in zh
    en = client.get("/voc/market/TH", params={"lang": "en"}).text
    assert "PB-400 Cube power bank" in en  # the share-of-voice chart and the product filter
