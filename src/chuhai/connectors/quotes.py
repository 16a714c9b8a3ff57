"""Telling a quoted CSV value that never closed from a real multi-line value.

A stray quote (``5,"Good fan`` with no closing quote) makes a CSV reader take every following
line into that one value until the next quote, so the rows after it vanish inside one text.
A value that spans lines is taken for such a runaway, and only its opening line is rejected
(the lines after it are read again as rows), when

* it is still open at the end of the input;
* it runs past ``limit`` characters after its opening line (``ingest.max_text_chars``: it
  could not be stored anyway, and reading on would hold the rest of the file in memory); or
* one of the lines it took reads on its own as a row of the file: as many fields as the header,
  and numbers or times wherever the opening line has them before the quote (so prose with
  commas in a real review is not mistaken for a row).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

__all__ = ["QuoteGuard", "ends_in_quotes"]

# a number, a date or a time: digits and their punctuation (ISO's T and Z included)
_MEASURE: Final = re.compile(r"[-+]?[\d.,:/ TZ+-]*\d[\d.,:/ TZ+-]*")


def _measure(value: str) -> bool:
    return _MEASURE.fullmatch(value.strip()) is not None


@dataclass(frozen=True, slots=True)
class QuoteGuard:
    """What a file's rows look like: ``width`` fields split by ``delimiter``."""

    width: int
    delimiter: str
    limit: int

    def too_long(self, continuation: Sequence[str]) -> bool:
        return sum(len(text) for text in continuation) > self.limit

    def runaway(self, opening: str, continuation: Sequence[str], *, closed: bool) -> str | None:
        """Why the value opened on ``opening`` and running over ``continuation`` (the lines
        after it, up to the one that closed it) is a runaway, or ``None`` for a real value."""
        taken = len(continuation)
        if not closed:
            return (
                "unclosed quote: the quoted value opened on this line never closes "
                f"({taken} more line(s) to the end)"
            )
        if self.too_long(continuation):
            return (
                f"unclosed quote: the quoted value opened on this line runs over {taken} line(s) "
                f"and past {self.limit} characters (ingest.max_text_chars)"
            )
        rows = sum(1 for text in continuation if self._row_like(opening, text))
        if rows:
            return (
                f"unclosed quote: the quoted value opened on this line takes in {rows} line(s) "
                f"that read as rows of {self.width} fields"
            )
        return None

    def _row_like(self, opening: str, text: str) -> bool:
        fields = _split(text, self.delimiter)
        if len(fields) < self.width or any(f.strip() for f in fields[self.width :]):
            return False
        before = _split(opening, self.delimiter)[:-1]  # the fields before the one left open
        return all(_measure(f) for f, ref in zip(fields, before, strict=False) if _measure(ref))


def ends_in_quotes(text: str, delimiter: str, *, quoted: bool) -> bool:
    """Whether a quoted value is open at the end of ``text``, as ``csv`` (not strict) reads
    it; ``quoted``: whether one was open at its start. A quote opens a value only where a
    field starts; inside one, a doubled quote is a quote and a single one closes it."""
    at = text.find('"')
    while at != -1:
        if quoted:
            if text.startswith('"', at + 1):
                at = text.find('"', at + 2)
                continue
            quoted = False
        elif at == 0 or text[at - 1] == delimiter:
            quoted = True
        at = text.find('"', at + 1)
    return quoted


def _split(text: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([text], delimiter=delimiter, strict=False), [])
    except csv.Error:
        return []
