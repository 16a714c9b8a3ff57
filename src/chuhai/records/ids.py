"""Stable identifiers and text normalisation shared by every connector.

Ids are derived, never random, so that importing the same source twice yields the same ids
and the stores can drop the second copy.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["clean_text", "stable_id"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def stable_id(*parts: object) -> str:
    """A 32-hex-digit id from the parts (BLAKE2b-128 of their ``|``-joined text)."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.blake2b(joined.encode("utf-8"), digest_size=16).hexdigest()


def clean_text(text: str) -> str:
    """NFC, no control characters, one kind of newline, no runs of blanks, trimmed."""
    if text.isascii() and text.isprintable():
        return text.strip()  # fast path for the common single-line ASCII case
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()
