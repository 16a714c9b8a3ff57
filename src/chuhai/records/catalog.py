"""The product catalog and its multilingual knowledge base (company data, not personal data)."""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chuhai.records.ids import stable_id
from chuhai.records.types import Attributes, Language, MarketCode, Sku

__all__ = ["KnowledgeEntry", "Product"]


class KnowledgeEntry(BaseModel):
    """A question/answer pair in one language, used to answer viewers and customers."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    language: Language
    question: str = Field(min_length=1, max_length=2000)
    answer: str = Field(min_length=1, max_length=5000)
    tags: list[Annotated[str, Field(max_length=100)]] = Field(default_factory=list)

    def entry_id(self, sku: str) -> str:
        return stable_id("kb", sku, self.language, self.question)


class Product(BaseModel):
    """A SKU with its names per language, the markets it is sold in and its FAQ."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sku: Sku
    names: dict[Language, Annotated[str, Field(min_length=1, max_length=300)]] = Field(min_length=1)
    category: str | None = Field(default=None, max_length=100)
    markets: list[MarketCode] = Field(min_length=1)
    attributes: Attributes = Field(default_factory=dict)
    knowledge: list[KnowledgeEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_questions(self) -> Self:
        seen: set[tuple[str, str]] = set()
        for entry in self.knowledge:
            key = (entry.language, entry.question)
            if key in seen:
                raise ValueError(f"question repeated in {entry.language}: {entry.question!r}")
            seen.add(key)
        return self

    def name(self, language: str, fallback: str = "en") -> str:
        """The name in ``language``, else ``fallback``, else any."""
        return (
            self.names.get(language) or self.names.get(fallback) or next(iter(self.names.values()))
        )
