"""Writes the whole demo sample and its chuhai.toml, and says how to import each part."""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from chuhai.connectors import IngestOptions
from chuhai.demo.catalog import BRAND_DOMAIN
from chuhai.demo.conversations import MAILBOXES, write_calls, write_emails, write_live_chat
from chuhai.demo.tables import (
    LiveSessionPlan,
    write_catalog,
    write_orders,
    write_reviews,
    write_sessions,
    write_surveys,
    write_user_tests,
)
from chuhai.supply.setup import EXAMPLE_SETUP
from chuhai.voc.trends import week_start

__all__ = ["DEMO_MARKETS", "ImportStep", "write_sample"]

DEMO_MARKETS = ("US", "ID", "TH")


@dataclass(frozen=True, slots=True)
class ImportStep:
    """One ``chuhai ingest`` of the demo: what, how, and the equivalent command line."""

    label: str
    path: Path
    kind: str | None = None
    options: IngestOptions = field(default_factory=IngestOptions)

    def command(self, root: Path) -> str:
        parts = ["chuhai", "ingest", str(self.path.relative_to(root))]
        if self.kind:
            parts += ["--kind", self.kind]
        if self.options.mapping:
            mapping = self.options.mapping
            parts += [
                "--mapping",
                str(Path(mapping).relative_to(root)) if "/" in mapping else mapping,
            ]
        if self.options.market:
            parts += ["--market", self.options.market]
        return " ".join(parts)


def _config(directory: Path) -> str:
    mailboxes = "\n".join(f'"{address}" = "{market}"' for market, address in MAILBOXES.items())
    return f"""# chuhai settings for the demo (written by `chuhai demo`).
data_dir = "data"
markets = [{", ".join(f'"{m}"' for m in DEMO_MARKETS)}]

[pipeline]
privacy = "redact"
enrich = ["multilingual"]

[compliance]
headquarters = "CN"   # the team reading this data sits in China

# The demo pretends standard contractual clauses are signed for Indonesia and Thailand, so
# raw data of those zones may be read from CN; US data has no basis and stays in its zone
# (`chuhai quarantine --zone us` shows counts only). Not legal advice.
[[compliance.transfers]]
from = "ID"
to = "CN"
mechanism = "safeguards"
reference = "demo: standard contractual clauses"

[[compliance.transfers]]
from = "TH"
to = "CN"
mechanism = "scc"
reference = "demo: ASEAN model contractual clauses"

[compliance.retention_days]
US = 1095
ID = 1095
TH = 1095

[ingest]
agent_emails = ["@{BRAND_DOMAIN}"]

[ingest.mailboxes]
{mailboxes}

# Factories, shipping modes, warehouses, tariffs (marked unverified) and risk scenarios of the
# demo brand: `chuhai supply plan`, `chuhai supply landed`, `chuhai strategy risk`.
[supply]
setup = "supply.toml"
"""


def write_sample(
    directory: Path, *, seed: int = 7, today: datetime | None = None
) -> list[ImportStep]:
    """Write the sample under ``directory/input`` and ``directory/chuhai.toml``."""
    rng = random.Random(seed)
    today = (today or datetime.now(UTC)).astimezone(UTC)
    last = datetime(today.year, today.month, today.day, tzinfo=UTC) - timedelta(days=3)
    days = [last - timedelta(days=d) for d in range(56)]  # eight weeks of history
    live_day = last - timedelta(days=10)
    sessions = [
        LiveSessionPlan(
            "ID-LIVE-01",
            "lumio.id",
            "ID",
            "Kak Rina",
            _at(live_day, 19, "Asia/Jakarta"),
            90,
            ("FN-300", "PB-400", "MH-600"),
        ),
        LiveSessionPlan(
            "TH-LIVE-01",
            "lumio.th",
            "TH",
            "พี่แนน",
            _at(live_day, 20, "Asia/Bangkok"),
            90,
            ("FN-300", "LB-100"),
        ),
        LiveSessionPlan(
            "US-LIVE-01",
            "lumio.us",
            "US",
            "Jess",
            _at(live_day + timedelta(days=1), 18, "America/New_York"),
            60,
            ("PB-400", "NL-200"),
        ),
    ]
    # Each room's session two weeks before: the recap compares a session with the room's
    # earlier ones (listed last: the shared random stream stays as it was).
    sessions += [
        LiveSessionPlan(f"{s.market}-LIVE-00", s.room, s.market, s.host,
                        s.start - timedelta(days=14), 60, s.products, earlier=True)
        for s in list(sessions)
    ]  # fmt: skip
    root = directory / "input"
    write_catalog(root / "catalog" / "products.yaml")
    spike = week_start(today.date()) - timedelta(days=7)  # the last complete week: the alert week
    spike_days = [d for d in days if spike <= d.date() < spike + timedelta(days=7)]
    reviews = write_reviews(root / "reviews", rng, days, spike_days)
    write_emails(root / "email", rng, days)
    write_calls(root / "calls", rng, days)
    write_surveys(root / "surveys" / "post-purchase.csv", rng, days)
    write_user_tests(root / "user-tests" / "notes-gbk.csv", rng, days)
    write_sessions(root / "live" / "sessions.csv", sessions)
    write_live_chat(root / "live" / "chat", rng, sessions)
    write_orders(root / "orders" / "orders.csv", rng, days, sessions)
    (directory / "chuhai.toml").write_text(_config(directory), encoding="utf-8")
    shutil.copyfile(EXAMPLE_SETUP, directory / "supply.toml")
    tiktok = "tiktok-shop-reviews"
    return [
        ImportStep("product catalog + FAQ", root / "catalog" / "products.yaml"),
        ImportStep("live sessions", root / "live" / "sessions.csv", "sessions"),
        ImportStep(
            "TikTok Shop reviews (ID)",
            reviews["ID"],
            "reviews",
            IngestOptions(market="ID", mapping=tiktok),
        ),
        ImportStep(
            "TikTok Shop reviews (TH)",
            reviews["TH"],
            "reviews",
            IngestOptions(market="TH", mapping=tiktok),
        ),
        ImportStep(
            "Amazon reviews (US)",
            reviews["US"],
            "reviews",
            IngestOptions(mapping=str(root / "reviews" / "amazon-lumio.toml")),
        ),
        ImportStep("e-mail (mbox + .eml)", root / "email"),
        ImportStep("call transcripts", root / "calls", "calls"),
        ImportStep("post-purchase survey", root / "surveys" / "post-purchase.csv", "surveys"),
        ImportStep("user-test notes (GBK)", root / "user-tests" / "notes-gbk.csv", "user-tests"),
        ImportStep("live chat replays", root / "live" / "chat", "live"),
        ImportStep("orders", root / "orders" / "orders.csv", "orders"),
    ]


def _at(day: datetime, hour: int, tz: str) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo(tz))
