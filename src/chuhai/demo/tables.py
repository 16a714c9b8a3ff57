"""Writes the demo's tabular files: catalog, reviews, surveys, user tests, sessions, orders.

A few rows are deliberately broken (an impossible rating, a date that does not exist, a
truncated last line, a negative quantity, an unknown market) so the demo shows quarantine;
some of them carry a phone number, a national ID or an e-mail address, which quarantine
keeps only redacted.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo

import yaml

from chuhai.demo.catalog import PRICES, PRODUCTS
from chuhai.demo.phrases import (
    ASPECTS_BY_CATEGORY,
    CLOSERS,
    EMOJI,
    REVIEW_PHRASES,
    SURVEY_ANSWERS,
    USER_TEST_NOTES,
)
from chuhai.markets import market_info

__all__ = [
    "TIKTOK_COLUMNS",
    "LiveSessionPlan",
    "handle",
    "local_time",
    "review_text",
    "star_rating",
    "tiktok_row",
    "write_catalog",
    "write_orders",
    "write_reviews",
    "write_sessions",
    "write_surveys",
    "write_user_tests",
]

MARKET_LANGUAGE = {"US": "en", "ID": "id", "TH": "th"}
_SYLLABLES = [
    "ka",
    "ri",
    "na",
    "po",
    "mi",
    "su",
    "ta",
    "lo",
    "be",
    "di",
    "ya",
    "no",
    "pim",
    "nok",
    "an",
    "ra",
]


@dataclass(frozen=True, slots=True)
class LiveSessionPlan:
    """A live session of the demo: where, when and what was pinned."""

    id: str
    room: str
    market: str
    host: str
    start: datetime
    minutes: int
    products: tuple[str, ...]
    earlier: bool = False  # a room's earlier session, for the recap's comparison


def handle(rng: random.Random) -> str:
    """A made-up social handle."""
    name = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))
    return f"{name}{rng.choice(['', '_', '.'])}{rng.randint(1, 999) if rng.random() < 0.6 else ''}"


def local_time(market: str, day: datetime, rng: random.Random) -> datetime:
    """A time on ``day`` between 08:00 and 23:00 in the market's time zone."""
    tz = ZoneInfo(market_info(market).timezone)
    base = datetime(day.year, day.month, day.day, 8, tzinfo=tz)
    return base + timedelta(minutes=rng.randint(0, 15 * 60))


def _products_in(market: str) -> list[dict[str, Any]]:
    return [p for p in PRODUCTS if market in p["markets"]]


def write_catalog(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = "# Lumio product catalog (demo). Written for chuhai; the brand is fictional.\n"
    path.write_text(
        header + yaml.safe_dump({"products": PRODUCTS}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )


TIKTOK_COLUMNS: Final = (
    "Review ID",
    "Order ID",
    "Product Name",
    "Seller SKU",
    "Buyer Nickname",
    "Star Rating",
    "Review Content",
    "Review Time",
    "Has Image/Video",
)


def tiktok_row(
    market: str, n: int, product: dict[str, Any], stars: int, text: str, when: datetime, buyer: str
) -> list[object]:
    """One row of a TikTok-Shop-like review export (the columns of ``TIKTOK_COLUMNS``)."""
    return [
        f"{market}R{700000 + n}",
        f"{market}O{500000 + n}",
        product["names"][MARKET_LANGUAGE.get(market, "en")],
        product["sku"],
        buyer,
        stars,
        text,
        when.strftime("%Y/%m/%d %H:%M:%S"),
        "Yes" if n % 3 == 0 else "No",
    ]


def review_text(rng: random.Random, language: str, category: str, stars: int) -> str:
    """A review in ``language`` whose aspects and tone agree with its star rating."""
    aspects = rng.sample(ASPECTS_BY_CATEGORY[category], k=rng.randint(1, 3))
    positive_share = {5: 1.0, 4: 0.8, 3: 0.5, 2: 0.2, 1: 0.0}[stars]
    parts = []
    for aspect in aspects:
        good, bad = REVIEW_PHRASES[aspect][language]
        parts.append(rng.choice(good if rng.random() < positive_share else bad))
    if rng.random() < 0.5:
        good, bad = CLOSERS[language]
        parts.append(rng.choice(good if stars >= 4 else bad))
    if rng.random() < 0.35:
        parts.append(rng.choice(EMOJI[0] if stars >= 4 else EMOJI[1]))
    return " ".join(parts)


def star_rating(rng: random.Random) -> int:
    """A rating drawn with the skew of real marketplaces (45% five stars, 12% one star)."""
    return rng.choices([5, 4, 3, 2, 1], weights=[45, 25, 10, 8, 12])[0]


def write_reviews(
    directory: Path, rng: random.Random, days: list[datetime], spike_days: Sequence[datetime] = ()
) -> dict[str, Path]:
    """TikTok-Shop-like CSV exports for ID and TH, an Amazon-like TSV for US, and its mapping.

    On ``spike_days`` Thai buyers of one batch of power banks complain about the battery: the
    week-over-week alert the demo shows."""
    directory.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for market, count in (("ID", 150), ("TH", 120)):
        language = MARKET_LANGUAGE[market]
        path = directory / f"tiktok-{market.lower()}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle_:
            writer = csv.writer(handle_)
            writer.writerow(TIKTOK_COLUMNS)
            for n in range(count):
                product = rng.choice(_products_in(market))
                stars = star_rating(rng)
                text = review_text(rng, language, str(product["category"]), stars)
                when = local_time(market, rng.choice(days), rng)
                writer.writerow(tiktok_row(market, n, product, stars, text, when, handle(rng)))
            if market == "TH" and spike_days:
                _battery_spike(writer, rng, count, spike_days)
            if market == "ID":  # three broken rows, as real exports have
                day = days[0].strftime("%Y/%m/%d 10:00:00")
                writer.writerow(
                    ["IDR799001", "IDO599001", "Kipas", "FN-300", "t1", 6,
                     "Bagus! WA 0812-3456-7890", day, "No"]
                )  # fmt: skip
                bad_date = "2026/02/30 10:00:00"
                writer.writerow(
                    ["IDR799002", "IDO599002", "Kipas", "FN-300", "t2", 5,
                     "Mantap, NIK 3171011505901234", bad_date, "No"]
                )  # fmt: skip
                handle_.write('IDR799003,IDO599003,Kipas,FN-300,"cut off mid-export')
        written[market] = path
    written["US"] = _amazon(directory, rng, days)
    return written


SPIKE_REVIEWS = 45


def _battery_spike(writer: Any, rng: random.Random, first: int, days: Sequence[datetime]) -> None:
    [power_bank] = [p for p in PRODUCTS if p["sku"] == "PB-400"]
    complaints = REVIEW_PHRASES["battery"]["th"][1]
    for n in range(first, first + SPIKE_REVIEWS):
        stars = rng.choice([1, 1, 2])
        text = " ".join(rng.sample(complaints, k=rng.randint(1, 2)))
        when = local_time("TH", rng.choice(list(days)), rng)
        writer.writerow(tiktok_row("TH", n, power_bank, stars, text, when, handle(rng)))


def _amazon(directory: Path, rng: random.Random, days: list[datetime]) -> Path:
    asins = {p["sku"]: f"B0LUMIO{i:03d}" for i, p in enumerate(PRODUCTS)}
    mapping = directory / "amazon-lumio.toml"
    lines = [
        "# Lumio's Amazon export: the shipped amazon-reviews mapping plus our ASIN -> SKU table.",
        'extends = "amazon-reviews"',
        'name = "amazon-lumio"',
        "",
        "[values.sku]",
    ]
    lines += [f'{asin} = "{sku}"' for sku, asin in asins.items()]
    mapping.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = directory / "amazon-us.tsv"
    columns = [
        "marketplace",
        "customer_id",
        "review_id",
        "product_id",
        "product_parent",
        "product_title",
        "product_category",
        "star_rating",
        "helpful_votes",
        "total_votes",
        "vine",
        "verified_purchase",
        "review_headline",
        "review_body",
        "review_date",
    ]
    headlines = {5: "Love it", 4: "Pretty good", 3: "It's okay", 2: "Not great", 1: "Don't buy"}
    with path.open("w", encoding="utf-8", newline="") as handle_:
        writer = csv.writer(handle_, delimiter="\t")
        writer.writerow(columns)
        for n in range(100):
            product = rng.choice(_products_in("US"))
            stars = star_rating(rng)
            votes = rng.randint(0, 12)
            writer.writerow(
                [
                    "US",
                    40000000 + rng.randint(0, 999999),
                    f"R{rng.randint(10**12, 10**13 - 1)}",
                    asins[str(product["sku"])],
                    100000 + n,
                    product["names"]["en"],
                    "Home",
                    stars,
                    rng.randint(0, votes),
                    votes,
                    "N",
                    rng.choice(["Y", "Y", "N"]),
                    headlines[stars],
                    review_text(rng, "en", str(product["category"]), stars),
                    rng.choice(days).strftime("%Y-%m-%d"),
                ]
            )
    return path


def write_surveys(path: Path, rng: random.Random, days: list[datetime]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle_:
        writer = csv.writer(handle_)
        writer.writerow(
            [
                "response_id",
                "submitted_at",
                "market",
                "sku",
                "respondent",
                "score",
                "liked_most",
                "to_improve",
                "survey",
            ]
        )
        for n in range(90):
            market = ("US", "ID", "TH")[n % 3]
            liked, improve = SURVEY_ANSWERS[MARKET_LANGUAGE[market]]
            product = rng.choice(_products_in(market))
            writer.writerow(
                [
                    f"S{3000 + n}",
                    local_time(market, rng.choice(days), rng).isoformat(),
                    market,
                    product["sku"],
                    f"{handle(rng)}@mail.example",
                    rng.choices(range(11), weights=[1, 1, 1, 1, 2, 3, 4, 6, 9, 9, 8])[0],
                    rng.choice(liked),
                    rng.choice(improve),
                    "post-purchase",
                ]
            )


def write_user_tests(path: Path, rng: random.Random, days: list[datetime]) -> None:
    """Chinese notes saved by Excel in GBK, the way a Shenzhen team's export arrives."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="gbk", newline="") as handle_:
        writer = csv.writer(handle_)
        writer.writerow(
            [
                "note_id",
                "session_date",
                "market",
                "sku",
                "participant",
                "task",
                "note",
                "severity",
                "language",
            ]
        )
        n = 0
        for market in ("TH", "ID"):
            for task, note, severity in USER_TEST_NOTES:
                n += 1
                sku = "LB-100" if "台灯" in note else "FN-300"
                writer.writerow(
                    [
                        f"UT{n:03d}",
                        rng.choice(days).strftime("%Y-%m-%d"),
                        market,
                        sku,
                        f"P{rng.randint(1, 8)}-{market}",
                        task,
                        note,
                        severity,
                        "zh",
                    ]
                )


def write_sessions(path: Path, sessions: list[LiveSessionPlan]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle_:
        writer = csv.writer(handle_)
        writer.writerow(
            [
                "session_id",
                "room",
                "market",
                "platform",
                "host",
                "started_at",
                "ended_at",
                "products",
            ]
        )
        for s in sessions:
            end = s.start + timedelta(minutes=s.minutes)
            writer.writerow(
                [
                    s.id,
                    s.room,
                    s.market,
                    "tiktok_shop",
                    s.host,
                    s.start.isoformat(),
                    end.isoformat(),
                    ";".join(s.products),
                ]
            )


def write_orders(
    path: Path, rng: random.Random, days: list[datetime], sessions: list[LiveSessionPlan]
) -> None:
    """Everyday orders plus a burst during each live session; two broken rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle_:
        writer = csv.writer(handle_)
        writer.writerow(
            [
                "order_id",
                "line_id",
                "sku",
                "market",
                "quantity",
                "unit_price",
                "currency",
                "ordered_at",
                "live_session_id",
                "buyer_id",
            ]
        )
        n = 0
        for market in ("US", "ID", "TH"):
            for _ in range(140):
                n += 1
                product = rng.choice(_products_in(market))
                sku = str(product["sku"])
                writer.writerow(
                    [
                        f"O{900000 + n}",
                        1,
                        sku,
                        market,
                        rng.choice([1, 1, 1, 2]),
                        PRICES[sku][market],
                        market_info(market).currency,
                        local_time(market, rng.choice(days), rng).isoformat(),
                        "",
                        handle(rng),
                    ]
                )
        for s in sessions:
            draw = random.Random(f"orders-{s.id}") if s.earlier else rng  # see write_live_chat
            for _ in range({"ID": 90, "TH": 80, "US": 30}[s.market] // (2 if s.earlier else 1)):
                n += 1
                sku = draw.choice(s.products)
                when = s.start + timedelta(minutes=draw.randint(3, s.minutes + 30))
                writer.writerow(
                    [
                        f"O{900000 + n}",
                        1,
                        sku,
                        s.market,
                        draw.choice([1, 1, 2, 3]),
                        PRICES[sku][s.market],
                        market_info(s.market).currency,
                        when.isoformat(),
                        s.id,
                        handle(draw),
                    ]
                )
        writer.writerow(
            ["O999998", 1, "FN-300", "ID", -1, 149000, "IDR", days[0].isoformat(), "", "refund_row"]
        )
        writer.writerow(
            ["O999999", 1, "FN-300", "Narnia", 1, 10, "USD", days[0].isoformat(), "",
             "typo.row@mail.example"]
        )  # fmt: skip
