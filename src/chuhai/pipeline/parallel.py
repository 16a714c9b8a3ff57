"""Parallel ingest of large tabular files (CSV, TSV, JSON Lines).

The main process decodes the file and cuts it into chunks of whole records; worker processes
parse the chunks, build records, run the privacy and enrich stages and encode voices and
orders as Arrow tables per zone; the main process writes those tables to the zone stores.
Only plain lines go out and Arrow IPC bytes come back, because pickling pydantic records
costs more than building them.

Chunks are cut where a CSV record ends: after a line that leaves no quoted value open, as the
``csv`` module reads quotes. A quoted value the reader takes for a runaway
(:mod:`chuhai.connectors.quotes`) is judged the same way here, its opening line quarantined
with the reader's reason, so a chunk never ends inside a value the reader would read again.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import Any

from chuhai.connectors import IngestContext, IngestOptions, Skip, connector_class
from chuhai.connectors.quotes import QuoteGuard, ends_in_quotes
from chuhai.connectors.tabular import LiveChatConnector, TableConnector
from chuhai.connectors.textio import BadLine, Line
from chuhai.errors import RecordError
from chuhai.pipeline.stages import build_stages
from chuhai.records import Order, Record, Rejection, Voice
from chuhai.records.journal import JournalEntry
from chuhai.settings import Settings
from chuhai.stage import Stage, run_stages
from chuhai.store import arrow

__all__ = ["ChunkResult", "chunk_records", "parallel_format", "run_chunks"]

_CHUNK_LINES = 5000


@dataclass
class ChunkResult:
    """What a worker made of one chunk."""

    tables: dict[tuple[str, str], bytes] = field(default_factory=dict)  # (table, zone) -> IPC
    records: list[Record] = field(default_factory=list)  # sessions, products: few, sent as-is
    journal: list[JournalEntry] = field(default_factory=list)  # a live replay's gifts, likes...
    rejections: list[Rejection] = field(default_factory=list)
    skip_reasons: Counter[str] = field(default_factory=Counter)
    built: Counter[str] = field(default_factory=Counter)


def parallel_format(connector: TableConnector, path: Path) -> str | None:
    """``csv``, ``tsv`` or ``jsonl`` when the file can be split into chunks, else ``None``."""
    try:
        fmt = connector.reader.format_of(path)
    except RecordError:
        return None
    return fmt if fmt in ("csv", "tsv", "jsonl") else None


def chunk_records(
    lines: Iterable[Line | BadLine],
    *,
    quoted: bool,
    size: int = _CHUNK_LINES,
    guard: QuoteGuard | None = None,
) -> Iterator[list[Line | BadLine]]:
    """Consecutive lines in chunks of about ``size`` that never split a record."""
    delimiter = guard.delimiter if guard is not None else ","
    limit = guard.limit if guard is not None else None
    source = iter(lines)
    again: deque[Line | BadLine] = deque()
    chunk: list[Line | BadLine] = []
    opening: Line | None = None  # the line whose quoted value is still open
    opened = 0  # its index in chunk
    taken = 0  # characters of the lines after it
    while True:
        if again:
            item = again.popleft()
        else:
            try:
                item = next(source)
            except StopIteration:
                break
        chunk.append(item)
        if quoted and isinstance(item, Line):
            text = item.text
            if opening is None:
                if '"' in text and ends_in_quotes(text, delimiter, quoted=False):
                    opening, opened, taken = item, len(chunk) - 1, 0
            else:
                taken += len(text)
                closing = '"' in text and not ends_in_quotes(text, delimiter, quoted=True)
                reason = None
                if guard is not None and (closing or (limit is not None and taken > limit)):
                    after = [i.text for i in chunk[opened + 1 :] if isinstance(i, Line)]
                    reason = guard.runaway(opening.text, after, closed=True)
                if reason is not None:
                    # as the reader does: the opening line alone is bad, the rest is read again
                    chunk[opened] = BadLine(opening.number, reason, opening.text.encode())
                    again.extendleft(reversed(chunk[opened + 1 :]))
                    del chunk[opened + 1 :]
                    opening = None
                    continue
                if closing:
                    opening = None
        if len(chunk) >= size and opening is None:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# -- worker side ---------------------------------------------------------------------------------

_worker: _Worker | None = None


@dataclass
class _Worker:
    connector: TableConnector
    stages: list[Stage]
    path: Path
    fmt: str
    header: list[str] | None


def _init_worker(
    settings: Settings,
    kind: str,
    options: IngestOptions,
    room_markets: dict[str, str],
    path: str,
    fmt: str,
    header: list[str] | None,
) -> None:
    global _worker  # noqa: PLW0603 - one connector per worker process, built once
    ctx = IngestContext(settings, options, room_markets=room_markets)
    connector = connector_class(kind)(ctx)
    assert isinstance(connector, TableConnector)
    _worker = _Worker(connector, build_stages(settings), Path(path), fmt, header)


def _work(plain: list[tuple[int, str]]) -> ChunkResult:
    worker = _worker
    assert worker is not None, "worker not initialised"
    lines = [Line(number, text) for number, text in plain]
    reader = worker.connector.reader
    if worker.fmt == "jsonl":
        rows = reader.json_lines(lines)
    else:
        rows = reader.delimited(lines, reader.delimiter(worker.fmt), header=worker.header)
    return build_chunk(worker.connector, worker.stages, worker.path, rows)


def build_chunk(
    connector: TableConnector, stages: list[Stage], path: Path, rows: Iterable[Any]
) -> ChunkResult:
    """Records from rows, through the stages, encoded per (table, zone)."""
    result = ChunkResult()
    records: list[Record] = []
    for item in connector.items(path, rows):
        if isinstance(item, Rejection):
            result.rejections.append(item)
        elif isinstance(item, Skip):
            result.skip_reasons[item.reason] += 1
        else:
            records.append(item)
    if isinstance(connector, LiveChatConnector):
        result.journal = connector.take_journal()
    result.built.update(type(r).__name__ for r in records)
    records, rejected = run_stages(stages, records)
    result.rejections.extend(rejected)
    voices: dict[str, list[Voice]] = {}
    orders: dict[str, list[Order]] = {}
    for record in records:
        if isinstance(record, Voice):
            voices.setdefault(record.zone, []).append(record)
        elif isinstance(record, Order):
            orders.setdefault(record.zone, []).append(record)
        else:
            result.records.append(record)
    for zone, batch in voices.items():
        result.tables["voices", zone] = arrow.to_ipc(arrow.voices_table(batch))
        if any(v.annotations is not None for v in batch):
            result.tables["voice_annotations", zone] = arrow.to_ipc(arrow.annotations_table(batch))
            result.tables["voice_aspects", zone] = arrow.to_ipc(arrow.aspects_table(batch))
    for zone, order_batch in orders.items():
        result.tables["orders", zone] = arrow.to_ipc(arrow.orders_table(order_batch))
    return result


# -- main side -----------------------------------------------------------------------------------


def run_chunks(
    chunks: Iterable[list[tuple[int, str]]],
    *,
    workers: int,
    settings: Settings,
    kind: str,
    options: IngestOptions,
    room_markets: dict[str, str],
    path: Path,
    fmt: str,
    header: list[str] | None,
) -> Iterator[ChunkResult]:
    """Results in file order; at most two chunks per worker are in flight (bounded memory).

    Chunks are plain ``(line number, text)`` tuples: they pickle ~20x faster than objects.
    """
    # spawn, not fork: this process holds threads (progress bar) and open databases.
    # (forkserver with preloading measured no faster: its start sits on the critical path.)
    context = multiprocessing.get_context("spawn")
    initargs = (settings, kind, options, room_markets, str(path), fmt, header)
    pool: Pool = context.Pool(workers, initializer=_init_worker, initargs=initargs)
    pending: deque[AsyncResult[ChunkResult]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.apply_async(_work, (chunk,)))
            if len(pending) >= 2 * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
        pool.close()
    finally:
        pool.terminate()
        pool.join()
