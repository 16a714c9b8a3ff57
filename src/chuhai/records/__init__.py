"""The typed records of chuhai, each with one home."""

from chuhai.records.catalog import KnowledgeEntry, Product
from chuhai.records.commerce import LiveSession, Order
from chuhai.records.ids import clean_text, stable_id
from chuhai.records.quarantine import Rejection
from chuhai.records.voice import Channel, SourceRef, Voice

Record = Voice | Order | Product | LiveSession

__all__ = [
    "Channel",
    "KnowledgeEntry",
    "LiveSession",
    "Order",
    "Product",
    "Record",
    "Rejection",
    "SourceRef",
    "Voice",
    "clean_text",
    "stable_id",
]
