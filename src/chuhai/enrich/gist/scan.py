"""Finding lexicon entries in chat: longest match first, at word edges in spaced scripts,
anywhere in Thai (written without spaces), stretched letters allowed ("ขาววว", "hitammm")."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final, Literal

__all__ = ["Entry", "Index", "Match", "fold", "has_accents", "normalise"]

Kind = Literal[
    "colour", "size", "size_cue", "number", "classifier", "multiplier", "unit", "measure",
    "cue", "place", "product", "filler", "blocker", "each",
]  # fmt: skip
# Thai, Lao, Khmer, Myanmar and Han are written without spaces between words.
_UNSPACED_RE: Final = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3400-\u9fff]")
_WORDLIKE_RE: Final = re.compile(r"[^\W_]|[\u0300-\u036f\u064b-\u065f\u0670]")
# Thai and Arabic-Indic digits read as ASCII ones (one character for one: offsets hold).
_DIGITS: Final = {
    ord(c): str(unicodedata.digit(c)) for c in "๐๑๒๓๔๕๖๗๘๙٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９"
}
_PUNCT: Final = str.maketrans({"？": "?", "！": "!", "，": ",", "．": ".", "　": " "})


@dataclass(frozen=True, slots=True)
class Entry:
    kind: Kind
    value: str  # the canonical key, topic or number
    language: str


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    entries: tuple[Entry, ...]

    def value(self, kind: Kind) -> str | None:
        return next((e.value for e in self.entries if e.kind == kind), None)

    def has(self, *kinds: Kind) -> bool:
        return any(e.kind in kinds for e in self.entries)


def _unspaced(char: str) -> bool:
    return _UNSPACED_RE.match(char) is not None


def _wordlike(char: str) -> bool:
    """A letter of a spaced script (Latin, Vietnamese, Arabic...), a mark or a digit."""
    return _WORDLIKE_RE.match(char) is not None and _UNSPACED_RE.match(char) is None


def normalise(text: str) -> str:
    """Lower case, ASCII digits, half-width punctuation; one character for one, so offsets
    into the result are offsets into the text."""
    text = unicodedata.normalize("NFC", text)
    out = []
    for char in text.translate(_DIGITS).translate(_PUNCT):
        low = char.lower()
        out.append(low if len(low) == 1 else char)
    return "".join(out)


def fold(text: str) -> str:
    """Accents taken off, one character for one ("màu đen" -> "mau den")."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFD", char)[0]
        out.append("d" if char in "đĐ" else base)
    return "".join(out)


def has_accents(text: str) -> bool:
    return fold(text) != text


_END: Final = "\0"  # a trie node's key: the entry key that ends there


class Index:
    """Entries by their normalised key, in a trie matched longest-first from the left."""

    def __init__(self, items: Iterable[tuple[str, Entry]], suffixes: Iterable[str] = ()) -> None:
        # endings any word may take ("kipasnya"); Latin words may also take a plural -s/-es
        self.suffixes = tuple(sorted({normalise(x) for x in suffixes}, key=len, reverse=True))
        entries: dict[str, list[Entry]] = {}
        for key, entry in items:
            normal = " ".join(normalise(key).split())
            if normal and entry not in entries.setdefault(normal, []):
                entries[normal].append(entry)
        self.entries = {k: tuple(v) for k, v in entries.items()}
        # words that say a size ("size M"), built once: every comment's slots read them
        self.size_words = frozenset(k for k, es in self.entries.items() if es[0].kind == "size_cue")
        self._trie: dict[str, Any] = {}
        for key in self.entries:
            node = self._trie
            for char in key:
                node = node.setdefault(char, {})
            node[_END] = key

    def __len__(self) -> int:
        return len(self.entries)

    def scan(self, low: str) -> list[Match]:
        """``low`` is a :func:`normalise`-d text."""
        found: list[Match] = []
        i, n = 0, len(low)
        spaced = _spaced_letters(low)
        while i < n:
            end = -1
            # no entry starts inside a word of a spaced script; a letter after a digit
            # starts one ("2pcs"), a digit after a digit does not (see :func:`_edges`)
            if i and spaced[i] and spaced[i - 1] and (not low[i - 1].isdigit() or low[i].isdigit()):
                i += 1
                continue
            if low[i] in self._trie:
                found_here = self._endings(_walk(self._trie, low, i), low)
                for key, stop in sorted(found_here, key=lambda c: (-len(c[0]), -c[1])):
                    if _edges(key, low, i, stop):
                        found.append(Match(i, stop, self.entries[key]))
                        end = stop
                        break
            i = end if end > 0 else i + 1
        return found

    def _endings(self, found: list[tuple[str, int]], low: str) -> list[tuple[str, int]]:
        out = list(found)
        for key, stop in found:
            endings = self.suffixes + (("es", "s") if _plural(key) else ())
            out += [(key, stop + len(e)) for e in endings if low.startswith(e, stop)]
        return out


def _plural(key: str) -> bool:
    return len(key) >= 3 and key[-1].isascii() and key[-1].isalpha()


_SPACED_LETTER: dict[str, bool] = {}  # :func:`_wordlike` by character (a regex per letter
# of every comment was most of a scan's time); at most one entry per code point


def _spaced_letters(text: str) -> list[bool]:
    """:func:`_wordlike` of each character of ``text``."""
    known = _SPACED_LETTER
    out = []
    for char in text:
        flag = known.get(char)
        if flag is None:
            flag = known[char] = _wordlike(char)
        out.append(flag)
    return out


def _walk(trie: dict[str, Any], text: str, start: int) -> list[tuple[str, int]]:
    """Every key that matches ``text`` from ``start``, with where it ends: a letter may be
    stretched ("ขาวววว", "greeeen"), a space in a key stands for any run of spaces."""
    out: list[tuple[str, int]] = []
    n = len(text)
    stack: list[tuple[dict[str, Any], int, str]] = [(trie, start, "")]
    while stack:
        node, j, last = stack.pop()
        if _END in node:
            stop = j
            while last.isalpha() and stop < n and text[stop] == last:
                stop += 1
            out.append((node[_END], stop))
        if j >= n:
            continue
        char = text[j]
        if " " in node and char.isspace():
            k = j
            while k < n and text[k].isspace():
                k += 1
            stack.append((node[" "], k, " "))
        if char in node and char != " ":
            stack.append((node[char], j + 1, char))
        if last.isalpha() and char == last and char not in node:
            stack.append((node, j + 1, last))  # a stretched letter: "ขาววว"
    return out


def _edges(key: str, text: str, start: int, end: int) -> bool:
    """Entries of spaced scripts stand as whole words: "red" is not in "bored". A digit may
    touch a word ("2pcs", "50rb"), but not another digit."""
    first, last = key[0], key[-1]
    if start > 0 and not _unspaced(first):
        before = text[start - 1]
        if _wordlike(before) and not (before.isdigit() and not first.isdigit()):
            return False
    if end < len(text) and not _unspaced(last):
        after = text[end]
        if _wordlike(after) and not (after.isdigit() and not last.isdigit()):
            return False
    return True
