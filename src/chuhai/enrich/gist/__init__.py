"""A Chinese gist of what a customer said, offline: slots found by per-language lexicons
(``data/*.yaml``) rendered with Chinese templates; marked as a gist, never a translation."""

from chuhai.enrich.gist.base import OTHER, TOPICS, Gist
from chuhai.enrich.gist.data import GistDataError, load_gist_data
from chuhai.enrich.gist.engine import GistEngine, gist_sentences, split_sentences

__all__ = [
    "OTHER",
    "TOPICS",
    "Gist",
    "GistDataError",
    "GistEngine",
    "gist_sentences",
    "load_gist_data",
    "split_sentences",
]
