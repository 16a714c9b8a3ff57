"""The small base class every pipeline stage between ingest and store derives from."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import ClassVar

from chuhai.records import Record, Rejection
from chuhai.settings import Settings

__all__ = ["Stage", "run_stages"]


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


def run_stages(
    stages: Sequence[Stage], records: Sequence[Record]
) -> tuple[list[Record], list[Rejection]]:
    """Records after every stage in order, and what the stages rejected on the way."""
    current: list[Record] = list(records)
    rejected: list[Rejection] = []
    for stage in stages:
        result = stage.process(current)
        current = [r for r in result if not isinstance(r, Rejection)]
        rejected.extend(r for r in result if isinstance(r, Rejection))
    return current, rejected
