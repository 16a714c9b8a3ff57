"""The curated public API: what `from chuhai import ...` offers is pinned here."""

from __future__ import annotations

import chuhai


def test_exported_members() -> None:
    assert sorted(chuhai.__all__) == sorted(
        [
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
    )
    for name in chuhai.__all__:
        assert getattr(chuhai, name) is not None


def test_exceptions_share_one_base() -> None:
    for name in (
        "ConfigError",
        "InputError",
        "MappingError",
        "MigrationError",
        "RecordError",
        "ResidencyError",
        "StoreError",
    ):
        assert issubclass(getattr(chuhai, name), chuhai.ChuhaiError)
    assert issubclass(chuhai.MappingError, chuhai.InputError)
    assert issubclass(chuhai.MigrationError, chuhai.StoreError)
