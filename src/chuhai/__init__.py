"""chuhai (出海): customer voice, compliance and supply planning for brands that sell abroad
through livestreams.

The public API::

    from chuhai import load_settings, Pipeline, IngestOptions
    settings = load_settings("chuhai.toml")
    with Pipeline(settings) as pipeline:
        report = pipeline.ingest([Path("reviews.csv")], kind="reviews",
                                 options=IngestOptions(market="ID", mapping="tiktok-shop-reviews"))
"""

from importlib.metadata import PackageNotFoundError, version

from chuhai.connectors import IngestOptions
from chuhai.errors import (
    ChuhaiError,
    ConfigError,
    InputError,
    MappingError,
    MigrationError,
    RecordError,
    ResidencyError,
    StoreError,
)
from chuhai.pipeline import IngestReport, LiveFeed, Pipeline, PushResult
from chuhai.records import (
    Channel,
    KnowledgeEntry,
    LiveSession,
    Order,
    Product,
    Rejection,
    SourceRef,
    Voice,
)
from chuhai.settings import Settings, load_settings
from chuhai.store import ZoneRouter, ZoneStore, open_store

try:
    __version__ = version("chuhai")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+unknown"

__all__ = [
    "Channel",
    "ChuhaiError",
    "ConfigError",
    "IngestOptions",
    "IngestReport",
    "InputError",
    "KnowledgeEntry",
    "LiveFeed",
    "LiveSession",
    "MappingError",
    "MigrationError",
    "Order",
    "Pipeline",
    "Product",
    "PushResult",
    "RecordError",
    "Rejection",
    "ResidencyError",
    "Settings",
    "SourceRef",
    "StoreError",
    "Voice",
    "ZoneRouter",
    "ZoneStore",
    "__version__",
    "load_settings",
    "open_store",
]
