"""Every table of a zone store, declared once: its columns (kind, nullability), primary key and
indexes. The column tuples the stores write with (``codec.VOICE_COLUMNS`` ...) and the Arrow
types of a batch derive from here; rows are built and read by column name through
:meth:`Table.row` and :meth:`Table.read`.

The migrations in ``store/migrations`` stay the way stores are created and upgraded (they must
not change meaning for stores already written); tests/store/test_schema.py builds a fresh store
on each backend and fails where a migration and this declaration disagree.

Column kinds are engine-neutral: ``text``, ``int``, ``float``, ``ts`` (naive UTC timestamp).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import Any, Final, Literal

__all__ = [
    "AFFILIATE_ORDERS",
    "ALERT_DELIVERIES",
    "ANALYTICS_STATE",
    "ANNOTATIONS",
    "ASPECTS",
    "ASPECT_FACTS",
    "CREATORS",
    "CREATOR_CONTENT",
    "DECLARED",
    "IMPORTS",
    "JOURNAL",
    "KNOWLEDGE",
    "ORDERS",
    "PRODUCTS",
    "QUARANTINE",
    "REFUNDS",
    "SCHEMA_MIGRATIONS",
    "SESSIONS",
    "THEMES",
    "THEME_FACTS",
    "VOICES",
    "VOICE_FACTS",
    "VOICE_THEMES",
    "Column",
    "ColumnKind",
    "Columns",
    "Index",
    "Role",
    "Row",
    "Table",
    "tables",
]

ColumnKind = Literal["text", "int", "float", "ts"]
Columns = tuple[tuple[str, ColumnKind], ...]
"""(name, kind) per column, in table order: what bulk writes and Arrow batches are built from."""
Row = tuple[Any, ...]

Role = Literal["records", "derived", "bookkeeping"]
"""``records``: what the stages write and read (``store.TABLES``); ``derived``: rebuilt from
them (the analytics tables); ``bookkeeping``: the store's own state."""


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: ColumnKind
    nullable: bool = False


@dataclass(frozen=True, slots=True)
class Index:
    name: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    indexes: tuple[Index, ...] = ()
    role: Role = "records"
    doc: str = field(default="", compare=False)

    @cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @cached_property
    def pairs(self) -> Columns:
        """The (name, kind) tuple of every column, in table order."""
        return tuple((c.name, c.kind) for c in self.columns)

    @cached_property
    def _getter(self) -> itemgetter[Any]:
        return itemgetter(*self.names)

    def row(self, values: Mapping[str, Any]) -> Row:
        """The row tuple of a mapping from column name to value (KeyError on a missing name)."""
        found: Row = self._getter(values)
        return found

    def read(self, row: Sequence[Any]) -> dict[str, Any]:
        """A row selected with every column in table order, by column name."""
        return dict(zip(self.names, row, strict=True))


def _text(name: str, *, null: bool = False) -> Column:
    return Column(name, "text", null)


def _int(name: str, *, null: bool = False) -> Column:
    return Column(name, "int", null)


def _float(name: str, *, null: bool = False) -> Column:
    return Column(name, "float", null)


def _ts(name: str, *, null: bool = False) -> Column:
    return Column(name, "ts", null)


_SOURCE: Final = (
    _text("source_system"),
    _text("source_file", null=True),
    _text("source_locator", null=True),
    _text("source_id", null=True),
)
_DIMENSIONS: Final = (
    _text("market"),
    _ts("time"),
    _text("channel"),
    _text("sku", null=True),
    _text("language"),
    _text("person"),
    _int("stars", null=True),
    _text("sentiment", null=True),
    _text("emotion", null=True),
    _text("intent", null=True),
)

# -- records (migration 0001) -----------------------------------------------------------------

VOICES: Final = Table(
    "voices",
    (
        _text("id"),
        _text("channel"),
        _text("market"),
        _text("zone"),
        _text("language"),
        _text("sku", null=True),
        _ts("time"),
        _text("author", null=True),
        _text("text"),
        _float("rating", null=True),
        _float("rating_max", null=True),
        _text("conversation_id", null=True),
        *_SOURCE,
        _text("metadata"),  # JSON
        _ts("ingested_at"),
    ),
    primary_key=("id",),
    indexes=(Index("voices_market_time", ("market", "time")), Index("voices_sku", ("sku",))),
    doc="What customers said, as imported.",
)
ORDERS: Final = Table(
    "orders",
    (
        _text("id"),
        _text("sku"),
        _text("market"),
        _text("zone"),
        _int("quantity"),
        _float("unit_price"),
        _text("currency"),
        _ts("time"),
        _text("session_id", null=True),
        _text("buyer", null=True),
        *_SOURCE,
        _ts("ingested_at"),
    ),
    primary_key=("id",),
    indexes=(Index("orders_sku_time", ("sku", "time")),),
    doc="Orders, as imported.",
)
PRODUCTS: Final = Table(
    "products",
    (
        _text("sku"),
        _text("category", null=True),
        _text("names"),  # JSON
        _text("markets"),  # JSON
        _text("attributes"),  # JSON
        _text("content_hash"),
        _ts("updated_at"),
    ),
    primary_key=("sku",),
    doc="The brand's catalog (replaced when its content hash changes).",
)
KNOWLEDGE: Final = Table(
    "knowledge_entries",
    (
        _text("id"),
        _text("sku"),
        _text("language"),
        _text("question"),
        _text("answer"),
        _text("tags"),  # JSON
    ),
    primary_key=("id",),
    indexes=(Index("knowledge_entries_sku", ("sku",)),),
    doc="Questions and answers about a product, for the live copilot.",
)
SESSIONS: Final = Table(
    "live_sessions",
    (
        _text("id"),
        _text("room"),
        _text("market"),
        _text("zone"),
        _text("platform"),
        _text("host", null=True),
        _ts("started_at"),
        _ts("ended_at", null=True),
        _text("products"),  # JSON
        *_SOURCE,
        _text("content_hash"),
    ),
    primary_key=("id",),
    doc="Live-stream sessions (replaced when their content hash changes).",
)
QUARANTINE: Final = Table(
    "quarantine",
    (
        _text("id"),
        _text("connector"),
        _text("file"),
        _int("line", null=True),
        _text("locator", null=True),
        _text("reason"),
        _text("raw"),
        _text("market", null=True),
        _ts("created_at"),
    ),
    primary_key=("id",),
    doc="Rows a connector could not read, with the reason.",
)
IMPORTS: Final = Table(
    "imports",
    (
        _text("id"),
        _text("file"),
        _text("sha256"),
        _text("connector"),
        _int("accepted"),
        _int("duplicates"),
        _int("updated"),
        _int("quarantined"),
        _int("skipped"),
        _ts("started_at"),
        _ts("finished_at"),
    ),
    primary_key=("id",),
    doc="One file's import into this zone: the zone's share of the counts.",
)

# -- enrichment (migration 0002) --------------------------------------------------------------

ANNOTATIONS: Final = Table(
    "voice_annotations",
    (
        _text("voice_id"),
        _text("market"),
        _text("zone"),
        _text("language"),
        _float("language_confidence"),
        _text("sentiment"),
        _float("sentiment_score"),
        _float("sentiment_confidence"),
        _text("emotion"),
        _float("emotion_confidence"),
        _text("intent"),
        _float("intent_confidence"),
        _float("toxicity_score"),
        _text("toxicity_severity"),
        _text("tier"),
        _text("model_version"),
        _text("detail"),  # JSON: the whole Annotations record
        _ts("annotated_at"),
    ),
    primary_key=("voice_id",),
    indexes=(Index("voice_annotations_sentiment", ("sentiment",)),),
    doc="What the enrich stage says about a voice; the voice itself stays as imported.",
)
ASPECTS: Final = Table(
    "voice_aspects",
    (
        _text("id"),
        _text("voice_id"),
        _text("market"),
        _text("zone"),
        _text("aspect"),
        _text("sentiment"),
        _float("score"),
        _text("keyword"),
    ),
    primary_key=("id",),
    indexes=(
        Index("voice_aspects_voice", ("voice_id",)),
        Index("voice_aspects_aspect", ("aspect",)),
    ),
    doc="One row per aspect a voice mentions.",
)

# -- voice of customer (migration 0003) -------------------------------------------------------

THEMES: Final = Table(
    "themes",
    (
        _text("id"),
        _text("zone"),
        _text("kind"),
        _text("name"),
        _text("key_phrases"),  # JSON
        _text("seeds"),  # JSON
        _float("threshold", null=True),
        _text("markets"),  # JSON
        _int("size"),
        _text("detail"),  # JSON
        _text("run_id"),
        _ts("created_at"),
    ),
    primary_key=("id",),
    doc="Themes found (or defined by seed phrases) in this zone.",
)
VOICE_THEMES: Final = Table(
    "voice_themes",
    (
        _text("id"),
        _text("voice_id"),
        _text("theme_id"),
        _text("market"),
        _text("zone"),
        _float("score"),
    ),
    primary_key=("id",),
    indexes=(
        Index("voice_themes_theme", ("theme_id",)),
        Index("voice_themes_voice", ("voice_id",)),
    ),
    doc="Which voices a theme holds.",
)
ALERT_DELIVERIES: Final = Table(
    "alert_deliveries",
    (
        _text("id"),
        _text("alert_id"),
        _text("target"),
        _int("status"),
        _ts("delivered_at"),
    ),
    primary_key=("id",),
    indexes=(Index("alert_deliveries_alert", ("alert_id",)),),
    doc="Webhook deliveries, so that each alert is sent once.",
)

# -- analytics (migration 0004) ---------------------------------------------------------------

ANALYTICS_STATE: Final = Table(
    "analytics_state",
    (_text("name"), _int("dirty"), _ts("refreshed_at", null=True)),
    primary_key=("name",),
    role="bookkeeping",
    doc="Whether the analytics tables match their sources.",
)
VOICE_FACTS: Final = Table(
    "voice_facts",
    (_text("id"), *_DIMENSIONS),
    role="derived",
    doc="One row per voice with every dimension a dashboard filters by.",
)
ASPECT_FACTS: Final = Table(
    "aspect_facts",
    (_text("voice_id"), _text("aspect"), _text("polarity"), *_DIMENSIONS),
    role="derived",
    doc="One row per aspect mention, with the voice's dimensions.",
)
THEME_FACTS: Final = Table(
    "theme_facts",
    (_text("voice_id"), _text("theme_id"), *_DIMENSIONS),
    role="derived",
    doc="One row per theme assignment, with the voice's dimensions.",
)

# -- the live journal (migration 0005) --------------------------------------------------------

JOURNAL: Final = Table(
    "live_journal",
    (
        _text("id"),
        _text("room"),
        _text("session_id", null=True),
        _text("market"),
        _text("zone"),
        _ts("time"),
        _text("kind"),
        _text("ref", null=True),
        _text("sku", null=True),
        _int("count"),
        _float("value"),
        _text("actor", null=True),
        _text("detail"),  # JSON
    ),
    primary_key=("id",),
    indexes=(
        Index("live_journal_session", ("session_id", "time")),
        Index("live_journal_room", ("room", "time")),
    ),
    doc="The live rooms' events that are no comments (viewers, gifts, likes, pins, ...).",
)

# -- refunds and returns, for the partners' statements (migration 0007) ----------------------

REFUNDS: Final = Table(
    "refunds",
    (
        _text("id"),
        _text("order_id"),
        _text("sku", null=True),
        _text("market"),
        _text("zone"),
        _text("kind"),
        _int("quantity"),
        _float("amount"),
        _text("currency"),
        _ts("time"),
        _text("reason", null=True),
        *_SOURCE,
        _ts("ingested_at"),
    ),
    primary_key=("id",),
    indexes=(Index("refunds_order", ("order_id",)), Index("refunds_time", ("time",))),
    doc="Refunds and returns of orders (no buyer: the order keeps it).",
)

# -- creators (migration 0006) ----------------------------------------------------------------

CREATORS: Final = Table(
    "creators",
    (
        _text("id"),
        _text("handle"),
        _text("platform"),
        _text("market"),
        _text("zone"),
        _text("commission_rate"),  # decimal text
        _text("agency", null=True),
        _int("samples_sent"),
        _text("sample_sku", null=True),
        _text("sample_cost", null=True),  # decimal text, in currency
        _text("currency"),
        _int("followers", null=True),
        *_SOURCE,
        _text("content_hash"),
        _ts("updated_at"),
    ),
    primary_key=("id",),
    indexes=(Index("creators_market_handle", ("market", "handle")),),
    doc="Affiliate creators of this zone's markets (personal data; replaced when changed).",
)
CREATOR_CONTENT: Final = Table(
    "creator_content",
    (
        _text("id"),
        _text("content_id"),
        _text("creator_id"),
        _text("market"),
        _text("zone"),
        _text("kind"),
        _ts("time"),
        _int("views"),
        _int("clicks", null=True),
        _text("skus"),  # JSON
        *_SOURCE,
        _text("content_hash"),
    ),
    primary_key=("id",),
    indexes=(Index("creator_content_creator", ("creator_id", "time")),),
    doc="Creators' videos and lives that showed the brand's products.",
)
AFFILIATE_ORDERS: Final = Table(
    "affiliate_orders",
    (
        _text("id"),
        _text("order_id"),
        _text("creator_id"),
        _text("content_id", null=True),
        _text("content_kind", null=True),
        _text("attribution"),
        _text("sku"),
        _text("market"),
        _text("zone"),
        _int("quantity"),
        _text("unit_price"),  # decimal text
        _text("currency"),
        _text("commission_rate", null=True),
        _text("commission", null=True),
        _text("status"),
        _text("refund_amount"),
        _int("returned_units"),
        _ts("time"),
        _text("buyer", null=True),
        *_SOURCE,
        _text("content_hash"),
    ),
    primary_key=("id",),
    indexes=(
        Index("affiliate_orders_creator", ("creator_id", "time")),
        Index("affiliate_orders_order", ("order_id",)),
    ),
    doc="Order lines the platform attributes to a creator (direct or attributed), with the "
    "commission and refund or return (replaced when the export reports a change).",
)

# -- the store's own (created by SqlZoneStore.migrate before any migration) -------------------

SCHEMA_MIGRATIONS: Final = Table(
    "schema_migrations",
    (_int("version"), _text("name"), _ts("applied_at")),
    primary_key=("version",),
    role="bookkeeping",
    doc="Which migrations this store has applied.",
)

DECLARED: Final[tuple[Table, ...]] = (
    VOICES,
    ANNOTATIONS,
    ASPECTS,
    ORDERS,
    PRODUCTS,
    KNOWLEDGE,
    SESSIONS,
    QUARANTINE,
    IMPORTS,
    THEMES,
    VOICE_THEMES,
    ALERT_DELIVERIES,
    JOURNAL,
    CREATORS,
    CREATOR_CONTENT,
    AFFILIATE_ORDERS,
    REFUNDS,
    VOICE_FACTS,
    ASPECT_FACTS,
    THEME_FACTS,
    ANALYTICS_STATE,
    SCHEMA_MIGRATIONS,
)
"""Every table of a zone store; the records tables in the order ``store.TABLES`` lists them."""


def tables(role: Role) -> tuple[str, ...]:
    """The names of the declared tables of one role, in declaration order."""
    return tuple(t.name for t in DECLARED if t.role == role)
