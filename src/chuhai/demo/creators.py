"""The demo's affiliate creators: four per market with different fortunes, their videos and
lives, and the orders TikTok Shop attributes to them (issue 18).

Written by the project; handles are made up. Most attributed orders in ID and TH are the
orders of the demo's TikTok Shop reviews (same order id and buyer), so each creator's buyers'
voices can be read: the creator whose buyers give one or two stars is the one with the
complaints. ID and TH come as TikTok-Shop-style exports (``--market``), US as the generic CSV.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final

from chuhai.connectors import IngestOptions
from chuhai.demo.catalog import PRICES
from chuhai.demo.sample import ImportStep
from chuhai.demo.tables import local_time
from chuhai.markets import market_info

__all__ = ["CREATORS", "creator_steps", "write_creators"]


@dataclass(frozen=True)
class Profile:
    handle: str
    market: str
    rate: str  # commission rate as the export writes it
    agency: str
    samples: int
    sample_sku: str
    share: float  # share of the market's review orders attributed to them
    refund: float  # chance an order is refunded or returned
    low_stars: bool  # takes the one- and two-star buyers


CREATORS: Final = (
    Profile("kak.rina", "ID", "10%", "MCN Nusantara", 3, "FN-300", 0.30, 0.03, False),
    Profile("mas.budi.review", "ID", "28%", "", 2, "PB-400", 0.20, 0.05, False),
    Profile("dewi.glow", "ID", "12%", "Glow Agency", 4, "MH-600", 0.15, 0.35, True),
    Profile("new.face.id", "ID", "10%", "", 1, "FN-300", 0.02, 0.0, False),
    Profile("nong.fah", "TH", "12%", "BKK Creators", 3, "LB-100", 0.30, 0.04, False),
    Profile("pee.tom", "TH", "25%", "", 2, "PB-400", 0.20, 0.06, False),
    Profile("mali.review", "TH", "15%", "", 5, "FN-300", 0.15, 0.30, True),
    Profile("jess.home", "US", "15%", "Lumio Partners", 2, "NL-200", 0.0, 0.05, False),
    Profile("techwithtom", "US", "20%", "", 3, "PB-400", 0.0, 0.08, False),
    Profile("cozy.corner", "US", "12%", "", 2, "NL-200", 0.0, 0.02, False),
)

_STATUS: Final = {"settled": "Completed", "refunded": "Refunded", "returned": "Return and refund"}
_TIKTOK: Final = (
    "Order ID", "SKU ID", "Seller SKU", "Creator Username", "Content ID", "Content Type",
    "Attribution Type", "Quantity", "SKU Unit Price", "Currency", "Standard Commission Rate",
    "Actual Commission", "Order Status", "Refund Amount", "Returned Quantity",
    "Order Created Time", "Buyer Username",
)  # fmt: skip
_GENERIC: Final = (
    "order_id", "creator", "content_id", "content_kind", "attribution", "sku", "market",
    "quantity", "unit_price", "currency", "commission_rate", "commission", "status",
    "refund_amount", "returned_units", "ordered_at", "buyer_id",
)  # fmt: skip


def _reviews(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [r for r in rows if (r.get("Star Rating") or "").isdigit() and r.get("Review Time")]


def _status(rng: random.Random, profile: Profile) -> str:
    if rng.random() >= profile.refund:
        return "settled"
    return rng.choice(["refunded", "returned"])


def _content(profile: Profile, days: list[datetime]) -> list[list[object]]:
    """Two videos and a live per creator, a few days apart."""
    rng = random.Random(f"content-{profile.handle}")
    out: list[list[object]] = []
    for n, kind in enumerate(("video", "video", "live")):
        when = local_time(profile.market, days[min(len(days) - 1, 5 + n * 9)], rng)
        views = rng.randint(3_000, 60_000)
        out.append([f"{profile.handle}-{kind}-{n}", profile.handle, profile.market, kind,
                    when.replace(tzinfo=None).isoformat(timespec="seconds"), views,
                    int(views * rng.uniform(0.01, 0.04)), profile.sample_sku])  # fmt: skip
    return out


def creator_steps(
    directory: Path, *, seed: int = 7, today: datetime | None = None
) -> list[ImportStep]:
    """Write the creators' part of the sample beside the rest (the same eight weeks)."""
    today = (today or datetime.now(UTC)).astimezone(UTC)
    last = datetime(today.year, today.month, today.day, tzinfo=UTC) - timedelta(days=3)
    days = [last - timedelta(days=d) for d in range(56)]
    root = directory / "input"
    reviews = {m: root / "reviews" / f"tiktok-{m.lower()}.csv" for m in ("ID", "TH")}
    return write_creators(root / "creators", reviews, days, seed)


def write_creators(
    root: Path, reviews: dict[str, Path], days: list[datetime], seed: int = 7
) -> list[ImportStep]:
    """Write the creators, their content and attributed orders under ``root``; the steps
    that import them (after the reviews, so buyers' voices are there to link)."""
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"creators-{seed}")
    with (root / "creators.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["handle", "market", "commission_rate", "agency", "samples_sent",
                         "sample_sku", "followers"])  # fmt: skip
        for p in CREATORS:
            writer.writerow([f"@{p.handle}", p.market, p.rate, p.agency, p.samples,
                             p.sample_sku, rng.randint(5_000, 400_000)])  # fmt: skip
        writer.writerow(["@no.rate", "ID", "", "", 0, "", 10])  # quarantined: no rate
    with (root / "content.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["content_id", "creator", "market", "kind", "posted_at", "views",
                         "clicks", "skus"])  # fmt: skip
        for p in CREATORS:
            writer.writerows(_content(p, days))
    steps = [
        ImportStep("creators", root / "creators.csv", "creators"),
        ImportStep("creators' videos and lives", root / "content.csv", "creator-content"),
    ]
    for market in ("ID", "TH"):
        path = root / f"tiktok-affiliate-orders-{market.lower()}.csv"
        _tiktok_orders(path, market, _reviews(reviews[market]), rng)
        steps.append(
            ImportStep(
                f"TikTok Shop affiliate orders ({market})",
                path,
                "affiliate-orders",
                IngestOptions(market=market, mapping="tiktok-shop-affiliate-orders"),
            )
        )
    path = root / "affiliate-orders-us.csv"
    _generic_orders(path, "US", days, rng)
    steps.append(ImportStep("affiliate orders (US)", path, "affiliate-orders"))
    return steps


def _pick(profiles: list[Profile], stars: int, rng: random.Random) -> Profile | None:
    """The creator an order of a review with ``stars`` is attributed to (or none)."""
    low = [p for p in profiles if p.low_stars]
    if stars <= 2 and low and rng.random() < 0.7:
        return low[0]
    draw = rng.random()
    for p in profiles:
        if draw < p.share:
            return p
        draw -= p.share
    return None


def _tiktok_orders(
    path: Path, market: str, reviews: list[dict[str, str]], rng: random.Random
) -> None:
    profiles = [p for p in CREATORS if p.market == market]
    currency = market_info(market).currency
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(_TIKTOK)
        for review in reviews:
            profile = _pick(profiles, int(review["Star Rating"]), rng)
            if profile is None:
                continue
            sku = review["Seller SKU"]
            quantity = rng.choice([1, 1, 1, 2])
            status = _status(rng, profile)
            price = PRICES[sku][market]
            content = f"{profile.handle}-{rng.choice(['video-0', 'video-1', 'live-2'])}"
            kind = "LIVE" if content.endswith("live-2") else "Video"
            writer.writerow([
                review["Order ID"], f"{sku}-1", sku, profile.handle, content, kind,
                "Direct" if rng.random() < 0.8 else "Indirect", quantity, f"{price:.2f}",
                currency, profile.rate, "", _STATUS[status], "",
                quantity if status == "returned" else "", review["Review Time"],
                review["Buyer Nickname"],
            ])  # fmt: skip
        # a row the export cut short: quarantined with its line and reason
        writer.writerow([f"{market}O-broken", "", "FN-300", profiles[0].handle, "", "Video",
                         "Direct", "two", "", currency, "", "", "Completed", "", "",
                         "2026/02/30 10:00:00", ""])  # fmt: skip


def _generic_orders(path: Path, market: str, days: list[datetime], rng: random.Random) -> None:
    profiles = [p for p in CREATORS if p.market == market]
    currency = market_info(market).currency
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(_GENERIC)
        n = 0
        for profile in profiles:
            for _ in range(rng.randint(8, 25)):
                n += 1
                sku = rng.choice(["NL-200", "PB-400", profile.sample_sku])
                quantity = rng.choice([1, 1, 2])
                status = _status(rng, profile)
                when = local_time(market, rng.choice(days), rng) - timedelta(minutes=1)
                writer.writerow([
                    f"USA{800000 + n}", profile.handle, f"{profile.handle}-video-0", "video",
                    "direct" if rng.random() < 0.75 else "attributed", sku, market, quantity,
                    PRICES[sku][market], currency, profile.rate, "", status, "",
                    quantity if status == "returned" else "", when.isoformat(),
                    f"us-buyer-{n}",
                ])  # fmt: skip
