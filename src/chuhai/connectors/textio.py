"""Reading text files the way customer exports really arrive.

* A byte-order mark (UTF-8, UTF-16, UTF-32) decides the encoding.
* Otherwise each line is UTF-8 if it can be; lines that are not are decoded with the fallback
  encoding that reads most of them (GBK/GB18030, Windows-1252, ...; guessed once per file) or
  the one the user gives. A line that the guess reads as impossible text (a Latin-1 line in a
  Thai file) is decoded on its own with the fallback that reads it cleanly (see
  :mod:`.decoding`). So a file with mixed encodings loses nothing, and every guess is reported.
* A line longer than the limit, or one no candidate encoding reads as text, becomes a
  :class:`BadLine` instead of crashing the import.
* A binary file (NUL bytes, no UTF-16 BOM) is refused as a whole with a clear reason.
"""

from __future__ import annotations

import codecs
import logging
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Final

from chuhai.connectors.decoding import decode_line, guess_fallback
from chuhai.errors import InputError, RecordError

__all__ = ["BadLine", "Line", "TextFile", "check_encoding", "refuse_binary"]

log = logging.getLogger(__name__)

_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SAMPLE_BYTES: Final = 8192
_DETECT_BYTES: Final = 256 * 1024
_CHUNK: Final = 1 << 20


@dataclass(frozen=True, slots=True)
class Line:
    """One decoded line, with its newline (``csv`` needs it for quoted multi-line fields)."""

    number: int
    text: str


@dataclass(frozen=True, slots=True)
class BadLine:
    """A line that cannot be used, and why."""

    number: int
    reason: str
    raw: bytes


def check_encoding(name: str) -> str:
    """The canonical name of a codec, or :class:`InputError` for an unknown one."""
    try:
        return codecs.lookup(name).name
    except LookupError as exc:
        raise InputError(f"unknown encoding {name!r}") from exc


@dataclass
class TextFile:
    """A text file read line by line; see the module docstring for the rules."""

    path: Path
    encoding: str | None = None
    fallbacks: tuple[str, ...] = ("gb18030", "cp1252")
    max_line_bytes: int = 1 << 20
    on_bytes: Callable[[int], None] | None = None
    decoded_with: Counter[str] = field(default_factory=Counter)
    fallback_guessed: bool = False

    def encoding_notes(self) -> list[str]:
        """What the report should say about lines that were not UTF-8."""
        guess = " (guessed; pass --encoding to override)" if self.fallback_guessed else ""
        return [
            f"{count} line(s) decoded as {encoding}{guess}"
            for encoding, count in self.decoded_with.items()
            if encoding != "utf-8"
        ]

    def lines(self) -> Iterator[Line | BadLine]:
        """Decoded lines; raises :class:`RecordError` when the whole file is unusable."""
        with self.path.open("rb") as handle:
            head = handle.read(_SAMPLE_BYTES)
            bom_encoding, bom_len = _bom(head)
            if bom_encoding is None:
                refuse_binary(head)
            if bom_encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
                yield from self._wide_lines(handle, bom_encoding, bom_len)
                return
            handle.seek(bom_len)
            if self.encoding is None and _all_utf8(handle):
                handle.seek(bom_len)
                yield from self._utf8_lines(handle)
                return
            handle.seek(bom_len)
            fallback = self._fallback(handle) if self.encoding is None else None
            handle.seek(bom_len)
            yield from self._narrow_lines(handle, fallback)

    # -- helpers -----------------------------------------------------------------------------

    def _utf8_lines(self, handle: BinaryIO) -> Iterator[Line | BadLine]:
        """The common case, a file that is all UTF-8: decoded a block at a time (the line by
        line path costs the parallel import a third of its reading time)."""
        decoder = codecs.getincrementaldecoder("utf-8")()
        limit = self.max_line_bytes
        number = 0
        carry = ""
        overflow = 0  # bytes of a too-long line seen so far (its text is not kept)
        while True:
            block = handle.read(_CHUNK)
            if self.on_bytes and block:
                self.on_bytes(len(block))
            text = carry + decoder.decode(block, final=not block)
            pieces = text.split("\n")
            carry = pieces.pop()  # no newline yet: the start of the next line
            for piece in pieces:
                number += 1
                if overflow:
                    size = overflow + len(piece.encode("utf-8")) + 1
                    yield BadLine(
                        number, f"line longer than {limit} bytes", f"... ({size} bytes)".encode()
                    )
                    overflow = 0
                elif len(piece) * 4 >= limit and len(piece.encode("utf-8")) + 1 > limit:
                    size = len(piece.encode("utf-8")) + 1
                    shown = piece[:200].encode("utf-8") + f"... ({size} bytes)".encode()
                    yield BadLine(number, f"line longer than {limit} bytes", shown)
                else:
                    yield Line(number, piece.removesuffix("\r") + "\n")
            self.decoded_with["utf-8"] += len(pieces)
            if len(carry) > limit:  # a huge line still growing: stop holding its text
                overflow += len(carry.encode("utf-8"))
                carry = ""
            if not block:
                break
        if carry or overflow:
            number += 1
            self.decoded_with["utf-8"] += 1
            if overflow or len(carry.encode("utf-8")) > limit:
                size = overflow + len(carry.encode("utf-8"))
                yield BadLine(
                    number, f"line longer than {limit} bytes", f"... ({size} bytes)".encode()
                )
            else:
                yield Line(number, carry.removesuffix("\r"))

    def _narrow_lines(self, handle: BinaryIO, fallback: str | None) -> Iterator[Line | BadLine]:
        forced = self.encoding
        counts = self.decoded_with
        limit = self.max_line_bytes
        for number, raw, shown in _raw_lines(handle, limit, self.on_bytes):
            if raw is None:
                yield BadLine(number, f"line longer than {limit} bytes", shown)
                continue
            if forced is not None:
                try:
                    text = raw.decode(forced)
                except UnicodeDecodeError:
                    yield BadLine(number, f"bytes that are not valid {forced}", raw)
                    continue
                counts[forced] += 1
                yield Line(number, _newline(text))
                continue
            try:
                text = raw.decode("utf-8")
                counts["utf-8"] += 1
            except UnicodeDecodeError:
                decoded = decode_line(raw, fallback, self.fallbacks)
                if decoded.text is None or decoded.encoding is None:
                    yield BadLine(number, decoded.reason, raw)
                    continue
                text = decoded.text
                counts[decoded.encoding] += 1
            yield Line(number, _newline(text))

    def _wide_lines(
        self, handle: BinaryIO, encoding: str, bom_len: int
    ) -> Iterator[Line | BadLine]:
        handle.seek(bom_len)
        data = handle.read()
        if self.on_bytes:
            self.on_bytes(len(data) + bom_len)
        text = data.decode(encoding, errors="replace")
        for number, line in enumerate(text.splitlines(keepends=True), start=1):
            if len(line.encode("utf-8")) > self.max_line_bytes:
                yield BadLine(
                    number, f"line longer than {self.max_line_bytes} bytes", line[:200].encode()
                )
                continue
            self.decoded_with[encoding] += 1
            yield Line(number, _newline(line))

    def _fallback(self, handle: BinaryIO) -> str | None:
        """Guess one fallback encoding from the lines that are not UTF-8, if any."""
        sample: list[bytes] = []
        size = 0
        for _, raw, _ in _raw_lines(handle, self.max_line_bytes, None):
            if raw is None:
                continue
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                sample.append(raw)
                size += len(raw)
                if size >= _DETECT_BYTES:
                    break
        if not sample:
            return None
        guess = guess_fallback(sample, self.fallbacks)
        self.fallback_guessed = True
        log.info("%s: lines that are not UTF-8 look like %s", self.path, guess or "no one encoding")
        return guess


def _raw_lines(
    handle: BinaryIO, limit: int, on_bytes: Callable[[int], None] | None
) -> Iterator[tuple[int, bytes | None, bytes]]:
    """(number, line bytes or None when too long, what to show of it)."""
    number = 0
    while True:
        raw = handle.readline(limit + 1)
        if not raw:
            return
        number += 1
        size = len(raw)
        if size > limit and not raw.endswith(b"\n"):
            prefix = raw[:200]
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                raw = handle.readline(_CHUNK)
                size += len(raw)
            if on_bytes:
                on_bytes(size)
            yield number, None, prefix + f"... ({size} bytes)".encode()
            continue
        if on_bytes:
            on_bytes(size)
        yield number, raw, raw


def _bom(head: bytes) -> tuple[str | None, int]:
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name, len(bom)
    return None, 0


def _all_utf8(handle: BinaryIO) -> bool:
    """Whether the rest of the file decodes as UTF-8 (a fast C check, block by block)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while block := handle.read(_CHUNK * 4):
            decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def refuse_binary(head: bytes) -> None:
    if b"\x00" in head:
        raise RecordError("binary file (contains NUL bytes), not text")
    if head:
        controls = sum(1 for b in head if b < 9 or 13 < b < 32)
        if controls / len(head) > 0.1:
            raise RecordError("binary file (mostly control bytes), not text")


def _newline(text: str) -> str:
    if text.endswith("\r\n"):
        return text[:-2] + "\n"
    if text.endswith("\r"):
        return text[:-1] + "\n"
    return text
