"""Rows out of CSV, TSV, JSON and JSON Lines files, with their line numbers and raw text.

Structural problems (wrong number of fields, a line that is not JSON, a line no encoding can
decode) come out as rejections; problems with the whole file (binary, not JSON at all,
columns the mapping needs are missing) raise :class:`RecordError` for the connector to turn
into one file-level rejection.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chuhai.connectors.base import IngestContext
from chuhai.connectors.mapping import TableMapping
from chuhai.connectors.textio import BadLine, Line, TextFile
from chuhai.errors import RecordError

__all__ = ["Row", "RowProblem", "TableReader"]

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

    def delimited(
        self, lines: Iterable[Line | BadLine], delimiter: str, header: list[str] | None = None
    ) -> Iterator[Row | RowProblem]:
        """Rows of delimited text; the first record is the header unless one is given."""
        taken: list[Line] = []
        problems: list[BadLine] = []

        def feed() -> Iterator[str]:
            for item in lines:
                if isinstance(item, BadLine):
                    problems.append(item)
                    continue
                taken.append(item)
                yield item.text

        reader = csv.reader(feed(), delimiter=delimiter, strict=False)
        while True:
            taken.clear()
            fields: list[str] | None = None
            error: str | None = None
            try:
                fields = next(reader)
            except StopIteration:
                pass
            except csv.Error as exc:
                error = f"malformed CSV: {exc}"
            for bad in problems:  # lines the reader never saw, in file order
                yield RowProblem(bad.number, f"line {bad.number}", bad.reason, bad.raw)
            problems.clear()
            if error is not None:
                first = taken[0].number if taken else None
                yield RowProblem(first, _lines(taken), error, _joined(taken))
                continue
            if fields is None:
                return
            if not fields or (len(fields) == 1 and not fields[0].strip()):
                continue  # a blank line carries nothing
            if header is None:
                header = [name.strip() for name in fields]
                self.check_header(header)
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
                value = json.loads(stripped)
            except json.JSONDecodeError as exc:
                yield RowProblem(item.number, locator, f"not JSON: {exc.msg}", stripped)
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
        records, prefix = _at_path(document, self.mapping.records_path)
        for index, value in enumerate(records):
            locator = f"{prefix}[{index}]"
            raw = json.dumps(value, ensure_ascii=False)
            if not isinstance(value, dict):
                yield RowProblem(None, locator, "expected a JSON object", raw)
                continue
            yield Row(None, locator, value, raw)


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


def _lines(taken: list[Line]) -> str:
    if not taken:
        return "end of file"
    first, last = taken[0].number, taken[-1].number
    return f"line {first}" if first == last else f"lines {first}-{last}"


def _joined(taken: list[Line]) -> str:
    return "".join(line.text for line in taken)
