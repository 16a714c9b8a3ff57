"""Rows out of CSV, TSV, JSON and JSON Lines files, with their line numbers and raw text.

Structural problems (wrong number of fields, a line that is not JSON, a line no encoding can
decode) come out as rejections; problems with the whole file (binary, not JSON at all,
columns the mapping needs are missing) raise :class:`RecordError` for the connector to turn
into one file-level rejection.
"""

from __future__ import annotations

import csv
import json
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chuhai.connectors.base import IngestContext
from chuhai.connectors.mapping import TableMapping
from chuhai.connectors.quotes import QuoteGuard
from chuhai.connectors.textio import BadLine, Line, TextFile
from chuhai.errors import RecordError

__all__ = ["MAX_JSON_DEPTH", "Row", "RowProblem", "TableReader", "load_json"]

MAX_JSON_DEPTH = 64

# A quoted field may legitimately span many lines; the line-length limit guards memory.
csv.field_size_limit(2**31 - 1)


@dataclass(slots=True)
class Row:
    """One source row: its raw values by column, where it was and its raw text."""

    line: int | None
    locator: str
    values: Mapping[str, Any]
    raw: str
    market: str | None = field(default=None)  # set once known, so a rejection can be zoned


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row that could not even be split into columns."""

    line: int | None
    locator: str
    reason: str
    raw: str | bytes


class TableReader:
    """Reads the rows of one file according to a mapping's format settings."""

    def __init__(self, ctx: IngestContext, mapping: TableMapping, required: frozenset[str]) -> None:
        self.ctx = ctx
        self.mapping = mapping
        self.required = required

    def format_of(self, path: Path) -> str:
        if self.mapping.format:
            return self.mapping.format
        suffix = path.suffix.lower().lstrip(".")
        if suffix in ("csv", "tsv", "json", "jsonl"):
            return suffix
        if suffix in ("ndjson", "txt"):
            return "jsonl" if suffix == "ndjson" else "csv"
        raise RecordError(f"cannot tell the format of {path.name}: set format in the mapping")

    def text_file(self, path: Path) -> TextFile:
        return self.ctx.text_file(path)

    def delimiter(self, fmt: str) -> str:
        return self.mapping.delimiter or ("\t" if fmt == "tsv" else ",")

    def rows(self, path: Path) -> Iterator[Row | RowProblem]:
        fmt = self.format_of(path)
        text = self.text_file(path)
        if fmt in ("csv", "tsv"):
            yield from self.delimited(text.lines(), self.delimiter(fmt))
        elif fmt == "jsonl":
            yield from self.json_lines(text.lines())
        else:
            yield from self._json(path, text)
        self.report_encodings(text)

    def report_encodings(self, text: TextFile) -> None:
        for note in text.encoding_notes():
            self.ctx.warn(note)

    # -- CSV / TSV -----------------------------------------------------------------------------

    def quote_guard(self, width: int, delimiter: str) -> QuoteGuard:
        """How runaway quoted values are told from real ones in this file (see ``quotes``)."""
        return QuoteGuard(width, delimiter, self.ctx.settings.ingest.max_text_chars)

    def delimited(
        self, lines: Iterable[Line | BadLine], delimiter: str, header: list[str] | None = None
    ) -> Iterator[Row | RowProblem]:
        """Rows of delimited text; the first record is the header unless one is given.

        A quoted value that runs away (see :mod:`.quotes`) costs only its opening line: that
        line is a problem and the lines after it are read again."""
        feed = _Feed(lines)
        reader = csv.reader(feed, delimiter=delimiter, strict=False)
        guard = self.quote_guard(len(header), delimiter) if header is not None else None
        while True:
            feed.start(guard)
            fields: list[str] | None = None
            error: str | None = None
            try:
                fields = next(reader)
            except StopIteration:
                pass
            except _TooLongError:
                pass  # judged below, like a value that closed
            except csv.Error as exc:
                error = f"malformed CSV: {exc}"
            yield from feed.problems()  # lines the reader never saw, in file order
            taken = feed.taken
            if guard is not None and len(taken) > 1 and error is None:
                reason = guard.runaway(
                    taken[0].text,
                    [line.text for line in taken[1:]],
                    closed=not feed.exhausted,
                )
                if reason is not None:
                    first = taken[0]
                    yield RowProblem(first.number, f"line {first.number}", reason, first.text)
                    feed.again(taken[1:])
                    continue
            if error is not None:
                first_number = taken[0].number if taken else None
                yield RowProblem(first_number, _lines(taken), error, _joined(taken))
                continue
            if fields is None:
                return
            if not fields or (len(fields) == 1 and not fields[0].strip()):
                continue  # a blank line carries nothing
            if header is None:
                header = [name.strip() for name in fields]
                self.check_header(header)
                guard = self.quote_guard(len(header), delimiter)
                continue
            if len(fields) != len(header):
                extra = fields[len(header) :]
                if len(fields) < len(header) or any(v.strip() for v in extra):
                    reason = f"expected {len(header)} fields, found {len(fields)}"
                    yield RowProblem(taken[0].number, _lines(taken), reason, _joined(taken))
                    continue
            yield Row(
                taken[0].number,
                _lines(taken),
                dict(zip(header, fields, strict=False)),
                _joined(taken),
            )

    def check_header(self, header: list[str]) -> None:
        """Raise :class:`RecordError` when columns the mapping needs are missing."""
        present = set(header)
        duplicates = sorted({h for h in header if header.count(h) > 1 and h})
        if duplicates:
            self.ctx.warn(f"repeated column name(s): {', '.join(duplicates)}; the last one wins")
        missing_required = []
        for name in sorted(self.required):
            sources = self.mapping.sources(name)
            if sources and not present.intersection(sources):
                missing_required.append(f"{name} <- {' | '.join(sources)}")
        if missing_required:
            raise RecordError(
                f"columns missing for {'; '.join(missing_required)} "
                f"(mapping {self.mapping.name}; file has: {', '.join(header[:20])})"
            )
        for column, used_for in self.mapping.referenced_columns().items():
            if column not in present:
                self.ctx.warn(f"column {column!r} ({used_for}) is not in the file")

    # -- JSON ----------------------------------------------------------------------------------

    def json_lines(self, lines: Iterable[Line | BadLine]) -> Iterator[Row | RowProblem]:
        """One row per JSON object line."""
        for item in lines:
            if isinstance(item, BadLine):
                yield RowProblem(item.number, f"line {item.number}", item.reason, item.raw)
                continue
            stripped = item.text.strip()
            if not stripped:
                continue
            locator = f"line {item.number}"
            try:
                value = load_json(stripped)
            except RecordError as exc:
                yield RowProblem(item.number, locator, exc.reason, stripped)
                continue
            if not isinstance(value, dict):
                yield RowProblem(item.number, locator, "expected a JSON object", stripped)
                continue
            yield Row(item.number, locator, value, stripped)

    def _json(self, path: Path, text: TextFile) -> Iterator[Row | RowProblem]:
        pieces = []
        for item in text.lines():
            if isinstance(item, BadLine):
                raise RecordError(f"line {item.number}: {item.reason}")
            pieces.append(item.text)
        body = "".join(pieces)
        if not body.strip():
            return
        try:
            document = json.loads(body)
        except json.JSONDecodeError as exc:
            raise RecordError(
                f"not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
            ) from None
        except (RecursionError, ValueError) as exc:
            raise RecordError(f"not JSON: {_json_problem(exc)}") from None
        records, prefix = _at_path(document, self.mapping.records_path)
        for index, value in enumerate(records):
            locator = f"{prefix}[{index}]"
            if _depth(value) > MAX_JSON_DEPTH:
                reason = f"not JSON we can use: nested deeper than {MAX_JSON_DEPTH} levels"
                yield RowProblem(None, locator, reason, "")
                continue
            raw = json.dumps(value, ensure_ascii=False)
            if not isinstance(value, dict):
                yield RowProblem(None, locator, "expected a JSON object", raw)
                continue
            yield Row(None, locator, value, raw)


def load_json(text: str) -> Any:
    """One JSON value, or :class:`RecordError` saying why it is not one we can use.

    Nesting is capped at ``MAX_JSON_DEPTH``: deeper values exhaust the recursion limit when
    parsed, printed or stored, and no export nests that deep."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RecordError(f"not JSON: {exc.msg}") from None
    except (RecursionError, ValueError) as exc:
        raise RecordError(f"not JSON: {_json_problem(exc)}") from None
    if text.count("{") + text.count("[") > MAX_JSON_DEPTH and _depth(value) > MAX_JSON_DEPTH:
        raise RecordError(f"not JSON we can use: nested deeper than {MAX_JSON_DEPTH} levels")
    return value


def _json_problem(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return f"nested deeper than {MAX_JSON_DEPTH} levels"
    return str(exc).split(";")[0]  # e.g. an integer of more than 4300 digits


def _depth(value: Any) -> int:
    """How deep lists and objects nest in ``value`` (without recursion)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Iterable[Any] = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_JSON_DEPTH:
            break
        stack.extend((child, depth + 1) for child in children)
    return deepest


def _at_path(document: Any, records_path: str | None) -> tuple[list[Any], str]:
    node = document
    prefix = "$"
    for key in (records_path or "").split("."):
        if not key:
            continue
        if not isinstance(node, dict) or key not in node:
            raise RecordError(f"no {key!r} at {prefix} (records_path = {records_path!r})")
        node = node[key]
        prefix += f".{key}"
    if isinstance(node, dict) and not records_path:
        lists = [k for k, v in node.items() if isinstance(v, list)]
        if len(lists) == 1:  # {"reviews": [...]} needs no records_path
            return node[lists[0]], f"$.{lists[0]}"
    if not isinstance(node, list):
        raise RecordError(
            f"expected a list of records at {prefix}; set records_path in the mapping"
        )
    return node, prefix


class _TooLongError(RecordError):
    """A quoted value ran past the guard's limit: the reader is stopped mid-record (and
    :meth:`TableReader.delimited` says why, with the lines it took)."""


class _Feed:
    """The lines a ``csv.reader`` reads, with what each record took of them.

    Lines can be pushed back to be read again, and a record is cut off (``_TooLongError``) once
    its quoted value passes the guard's limit, so a runaway never holds the file in memory."""

    def __init__(self, lines: Iterable[Line | BadLine]) -> None:
        self._source = iter(lines)
        self._again: deque[Line] = deque()
        self._bad: list[BadLine] = []
        self._guard: QuoteGuard | None = None
        self._chars = 0
        self.taken: list[Line] = []
        self.exhausted = False

    def start(self, guard: QuoteGuard | None) -> None:
        """A new record begins."""
        self._guard = guard
        self._chars = 0
        self.taken = []
        self.exhausted = False

    def again(self, lines: list[Line]) -> None:
        """Read ``lines`` again, before the rest of the input."""
        self._again.extendleft(reversed(lines))

    def problems(self) -> Iterator[RowProblem]:
        for bad in self._bad:
            yield RowProblem(bad.number, f"line {bad.number}", bad.reason, bad.raw)
        self._bad.clear()

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        while True:
            if self._again:
                item: Line | BadLine = self._again.popleft()
            else:
                try:
                    item = next(self._source)
                except StopIteration:
                    self.exhausted = True
                    raise
            if isinstance(item, BadLine):
                self._bad.append(item)
                continue
            break
        if self.taken:  # the record goes on: a quoted value spans lines
            self._chars += len(item.text)
        self.taken.append(item)
        if self._guard is not None and self._chars > self._guard.limit:
            raise _TooLongError("quoted value too long")
        return item.text


def _lines(taken: list[Line]) -> str:
    if not taken:
        return "end of file"
    first, last = taken[0].number, taken[-1].number
    return f"line {first}" if first == last else f"lines {first}-{last}"


def _joined(taken: list[Line]) -> str:
    return "".join(line.text for line in taken)
