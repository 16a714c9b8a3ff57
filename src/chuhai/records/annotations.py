"""What the enrich stage says about a voice: language, sentiment, emotion, intent, aspects,
toxicity and an optional translation, each label with a calibrated confidence."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Annotations",
    "AspectSentiment",
    "Judgement",
    "LanguageJudgement",
    "SentimentJudgement",
    "ToxicityJudgement",
]

Polarity = Literal["neg", "neu", "pos"]
Tier = Literal["lexicon", "fast", "full"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Judgement(_Frozen):
    """A label and how sure the model is (calibrated: 0.8 means right about 80% of the time)."""

    label: str
    confidence: float = Field(ge=0, le=1)


class LanguageJudgement(_Frozen):
    code: str  # ISO 639-1 or "und"
    confidence: float = Field(ge=0, le=1)
    method: str


class SentimentJudgement(_Frozen):
    label: Polarity
    score: float = Field(ge=-1, le=1, description="P(pos) - P(neg)")
    confidence: float = Field(ge=0, le=1)


class AspectSentiment(_Frozen):
    aspect: str
    sentiment: Polarity
    score: float = Field(ge=-1, le=1)
    keyword: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class ToxicityJudgement(_Frozen):
    score: float = Field(ge=0, le=1)
    severity: Literal["none", "mild", "strong"]
    terms: list[str] = Field(default_factory=list)

    @property
    def toxic(self) -> bool:
        return self.severity != "none"


class Annotations(_Frozen):
    """Everything the enrich stage adds to one text."""

    language: LanguageJudgement
    sentiment: SentimentJudgement
    emotion: Judgement
    intent: Judgement
    aspects: list[AspectSentiment] = Field(default_factory=list)
    toxicity: ToxicityJudgement
    translation: str | None = None
    tier: Tier = Field(description="lexicon: emoji/emotes only; fast: n-grams; full: + embeddings")
    model_version: str
