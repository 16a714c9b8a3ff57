"""chuhai (出海): customer voice, compliance and supply planning for brands that sell abroad
through livestreams.

The public API::

    from chuhai import load_settings, Pipeline, IngestOptions
    settings = load_settings("chuhai.toml")
    with Pipeline(settings) as pipeline:
        report = pipeline.ingest([Path("reviews.csv")], kind="reviews",
                                 options=IngestOptions(market="ID", mapping="tiktok-shop-reviews"))

Names are imported on first use (PEP 562), so ``import chuhai`` and ``chuhai --help`` do not
load DuckDB, pyarrow or pydantic.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from chuhai.connectors import IngestOptions
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

    __version__: str

# Public name -> module that defines it; imported by __getattr__ on first access.
_LAZY: dict[str, str] = {
    "IngestOptions": "chuhai.connectors",
    "IngestReport": "chuhai.pipeline",
    "LiveFeed": "chuhai.pipeline",
    "Pipeline": "chuhai.pipeline",
    "PushResult": "chuhai.pipeline",
    "Channel": "chuhai.records",
    "KnowledgeEntry": "chuhai.records",
    "LiveSession": "chuhai.records",
    "Order": "chuhai.records",
    "Product": "chuhai.records",
    "Rejection": "chuhai.records",
    "SourceRef": "chuhai.records",
    "Voice": "chuhai.records",
    "Settings": "chuhai.settings",
    "load_settings": "chuhai.settings",
    "ZoneRouter": "chuhai.store",
    "ZoneStore": "chuhai.store",
    "open_store": "chuhai.store",
}


def _version() -> str:
    # importlib.metadata alone costs ~40 ms of start-up: read it only when asked.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("chuhai")
    except PackageNotFoundError:  # running from a source tree without installation
        return "0.0.0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        value: Any = _version()
        globals()[name] = value
        return value
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'chuhai' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY) | {"__version__"})


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
