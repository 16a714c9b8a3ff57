"""The small base class every pipeline stage between ingest and store derives from."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import ClassVar

from chuhai.records import Record, Rejection
from chuhai.settings import Settings

__all__ = ["Stage"]


class Stage(ABC):
    """Transforms a batch of records; may reject some (they go to quarantine).

    ``kind`` is the pipeline slot (``privacy`` or ``enrich``), ``name`` the key that
    ``chuhai.toml`` uses to pick the implementation, ``is_available`` false when an optional
    dependency is missing.
    """

    kind: ClassVar[str]
    name: ClassVar[str]
    is_available: ClassVar[bool] = True

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @abstractmethod
    def process(self, records: Sequence[Record]) -> list[Record | Rejection]:
        """The batch after this stage."""

    def close(self) -> None:  # noqa: B027 - an optional hook, not an abstract method
        """Release models, connections, threads."""
