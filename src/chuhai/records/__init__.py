"""The typed records of chuhai, each with one home."""

from chuhai.records.annotations import (
    Annotations,
    AspectSentiment,
    Judgement,
    LanguageJudgement,
    SentimentJudgement,
    ToxicityJudgement,
)
from chuhai.records.catalog import KnowledgeEntry, Product
from chuhai.records.commerce import LiveSession, Order
from chuhai.records.creators import AffiliateOrder, Creator, CreatorContent
from chuhai.records.ids import clean_text, stable_id
from chuhai.records.quarantine import Rejection
from chuhai.records.voice import Channel, SourceRef, Voice

Record = Voice | Order | Product | LiveSession | Creator | CreatorContent | AffiliateOrder

__all__ = [
    "AffiliateOrder",
    "Annotations",
    "AspectSentiment",
    "Channel",
    "Creator",
    "CreatorContent",
    "Judgement",
    "KnowledgeEntry",
    "LanguageJudgement",
    "LiveSession",
    "Order",
    "Product",
    "Record",
    "Rejection",
    "SentimentJudgement",
    "SourceRef",
    "ToxicityJudgement",
    "Voice",
    "clean_text",
    "stable_id",
]
