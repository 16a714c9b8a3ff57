"""Quality alerts reach the purchase plan: a reorder line whose SKU is behind a warning alert
on quality in its market (battery, defects, product complaints) says "先核查批次" and links the
alert; other SKUs, other markets and other alerts leave their lines alone."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date

import pytest

from chuhai.settings import Settings
from chuhai.store import ZoneRouter
from chuhai.supply.planner import PlanLine
from chuhai.supply.quality import CHECK_BATCH, flag_quality
from chuhai.supply.service import plan_from_stores
from chuhai.supply.setup import EXAMPLE_SETUP
from chuhai.voc.service import VocService
from tests.supply.helpers import ALERT_WEEK, PLAN_DAY, shop_with_quality_alert
from tests.voc.factory import two_zone_settings


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("quality")
    shutil.copyfile(EXAMPLE_SETUP, root / "supply.toml")
    settings = two_zone_settings(root / "data", supply={"setup": str(root / "supply.toml")})
    shop_with_quality_alert(settings)
    return settings


@pytest.fixture(scope="module")
def lines(shop: Settings) -> Iterator[dict[tuple[str, str], PlanLine]]:
    day = date.fromisoformat(PLAN_DAY)
    with ZoneRouter(shop) as router:
        result = plan_from_stores(shop, router, horizon=8, model="recent_mean", as_of=day)
        flag_quality(result.lines, VocService(shop, router=router), day)
    yield {(line.sku, line.market): line for line in result.lines}


@pytest.mark.parametrize(
    ("sku", "market", "flagged"),
    [
        ("PB-400", "TH", True),  # 20 of the week's 21 battery complaints
        ("FN-300", "TH", False),  # one complaint in the same alert: not behind it
        ("NL-200", "US", False),  # no alert in its market
    ],
)
def test_a_line_behind_a_quality_alert_says_check_the_batch_first(
    shop: Settings, lines: dict[tuple[str, str], PlanLine], sku: str, market: str, flagged: bool
) -> None:
    line = lines[sku, market]
    if not flagged:
        assert (line.quality_flag, line.alert_id, line.alert_url) == ("", "", "")
        return
    with VocService(shop) as voc:
        alerts = {a.id: a for a in voc.alerts(week=date(2026, 10, 12), market=market)}
    alert = alerts[line.alert_id]
    assert line.quality_flag == CHECK_BATCH == "先核查批次"
    assert (alert.severity, alert.direction, alert.week) == ("warning", "up", ALERT_WEEK)
    assert (line.alert_dimension, line.alert_key) == (alert.dimension, alert.key)
    assert (alert.dimension, alert.key) in {("aspect_negative", "battery"),
                                            ("intent", "complaint_product")}  # fmt: skip
    assert line.alert_url == f"/voc/alerts?week={ALERT_WEEK}#alert-{alert.id}"
    assert line.alert_lift == alert.lift and line.alert_week == ALERT_WEEK
    assert line.order_qty > 0  # a flag, not a cancelled order: the operator decides


def test_a_plan_after_the_alert_has_passed_is_not_flagged(shop: Settings) -> None:
    day = date(2026, 11, 4)  # two weeks on: the last complete week had no alert
    with ZoneRouter(shop) as router:
        result = plan_from_stores(shop, router, horizon=8, model="recent_mean", as_of=day)
        assert flag_quality(result.lines, VocService(shop, router=router), day) == 0
    assert not any(line.quality_flag for line in result.lines)
