"""Quality alerts on the purchase plan: reordering a SKU whose customers have just started
complaining about its battery, defects or the product itself may ship more of a bad batch.

VOC alerts are per market and series (:mod:`chuhai.voc.trends`), not per SKU. A reorder line
(SKU x market) is flagged "先核查批次" (check the batch first) when its market has a warning
alert, rising, on a quality series in the last complete week before the plan's day, and the
SKU is behind it: at least ``MIN_VOICES`` of the alert's voices that week, and at least
``MIN_SHARE`` of them. The order stays in the plan; the operator decides after checking.

Where the reader may not read the zone's rows, the SKU must also have ``k`` people in the
series (only a flag leaves the zone, never the SKU's count).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Final

from chuhai.supply.planner import PlanLine
from chuhai.voc.service import VocService
from chuhai.voc.trends import Alert, alert_week

__all__ = [
    "CHECK_BATCH",
    "MIN_SHARE",
    "MIN_VOICES",
    "QUALITY_SERIES",
    "alert_words",
    "flag_quality",
]

log = logging.getLogger(__name__)

CHECK_BATCH: Final = "先核查批次"  # check the batch first
# Series that speak of the product's quality: negative battery and quality (broken,
# defective, stopped working) mentions, and product complaints.
QUALITY_SERIES: Final = frozenset(
    {
        ("aspect_negative", "battery"),
        ("aspect_negative", "quality"),
        ("intent", "complaint_product"),
    }
)
_NAMES: Final = {  # (zh, en) of each series, for the CLI's line under the plan
    ("aspect_negative", "battery"): ("电池续航差评", "negative battery mentions"),
    ("aspect_negative", "quality"): ("质量差评（损坏、瑕疵）", "negative quality mentions"),
    ("intent", "complaint_product"): ("商品投诉", "product complaints"),
}
MIN_VOICES: Final = 3
MIN_SHARE: Final = 0.2


def flag_quality(lines: Sequence[PlanLine], voc: VocService, as_of: date | None = None) -> int:
    """Flag the reorder lines behind a quality alert of the week before ``as_of`` (default
    today), with the strongest such alert; return how many were flagged."""
    monday = alert_week(as_of)
    wanted = {line.market for line in lines if line.order_qty > 0}
    alerts = [
        a
        for a in voc.alerts(week=monday)
        if a.market in wanted
        and a.severity == "warning"
        and a.direction == "up"
        and (a.dimension, a.key) in QUALITY_SERIES
    ]  # strongest first (voc.alerts' order): a line keeps the first alert it is behind
    behind: dict[tuple[str, str], Alert] = {}
    for alert in alerts:
        for sku in _skus_behind(voc, alert, monday):
            behind.setdefault((sku, alert.market), alert)
    flagged = 0
    for line in lines:
        found = behind.get((line.sku, line.market))
        if found is None or line.order_qty <= 0:
            continue
        alert = found
        line.quality_flag = CHECK_BATCH
        line.alert_id, line.alert_week = alert.id, alert.week
        line.alert_url = f"/voc/alerts?week={alert.week}#alert-{alert.id}"
        line.alert_dimension, line.alert_key = alert.dimension, alert.key
        line.alert_lift = alert.lift
        flagged += 1
    if flagged:
        log.info("%d reorder line(s) behind a quality alert of %s", flagged, alerts[0].week)
    return flagged


def alert_words(line: PlanLine) -> str:
    """What the line's alert is about, in Chinese and English: 电池续航差评 7.0 倍 /
    negative battery mentions 7.0x."""
    zh, en = _NAMES.get((line.alert_dimension, line.alert_key), (line.alert_key, line.alert_key))
    lift = line.alert_lift
    times = (f"{lift:.1f} 倍", f"{lift:.1f}x") if lift else ("新出现", "new")
    return f"{zh} {times[0]} / {en} {times[1]}"


def _skus_behind(voc: VocService, alert: Alert, monday: date) -> list[str]:
    store = voc.stores().get(alert.zone)
    if store is None:
        return []
    start = datetime(monday.year, monday.month, monday.day)
    counts = store.series_by_sku(
        alert.market,
        start,
        start + timedelta(days=7),
        (alert.dimension, alert.key),
        voc.settings.voc.alerts.channels,
    )
    people = 1 if voc.access(alert.zone).allowed else voc.k
    least = max(MIN_VOICES, MIN_SHARE * alert.count)
    return [sku for sku, (n, p) in counts.items() if n >= least and p >= people]
