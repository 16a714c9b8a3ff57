"""The pipeline: ingest (connectors) -> privacy -> enrich -> zone store.

Records move in batches; each batch goes through the configured stages and is then written,
record by record, to the store of its market's zone and nowhere else. Rejections are kept in
the quarantine table of the row's zone (or of the intake store when the row's market is
unknown), redacted by the privacy stage like any text. Every file's import is logged in each
zone it touched.

Large CSV/TSV/JSONL files are split across worker processes (see :mod:`.parallel`); the
result is the same as in-process, only faster.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import logging
import os
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa

from chuhai.closing import Closeable
from chuhai.connectors import Connector, IngestContext, IngestOptions, Skip, connector_class
from chuhai.connectors.tabular import LiveChatConnector, TableConnector
from chuhai.connectors.textio import BadLine, Line
from chuhai.errors import RecordError
from chuhai.pipeline.parallel import ChunkResult, chunk_records, parallel_format, run_chunks
from chuhai.pipeline.planning import plan_files
from chuhai.pipeline.report import Counts, FileReport, IngestReport
from chuhai.pipeline.stages import build_privacy, build_stages
from chuhai.privacy.base import PrivacyStage
from chuhai.privacy.pseudonym import ZoneSecrets
from chuhai.progress import NullProgress, Progress
from chuhai.records import (
    AffiliateOrder,
    Creator,
    CreatorContent,
    LiveSession,
    Order,
    Product,
    Record,
    Rejection,
    Voice,
)
from chuhai.records.creators import CreatorRecord
from chuhai.records.journal import JournalEntry
from chuhai.settings import Settings
from chuhai.stage import Stage, run_stages
from chuhai.store import INTAKE_ZONE, ImportEntry, ZoneRouter, arrow

__all__ = ["Pipeline"]

log = logging.getLogger(__name__)

_REJECTION_BATCH = 1000
_MAX_AUTO_WORKERS = 4
_WRITE_ROWS = 20_000  # rows from worker chunks gathered into one store transaction


class Pipeline(Closeable):
    """Runs imports through the configured stages into the zone stores."""

    def __init__(
        self,
        settings: Settings,
        *,
        router: ZoneRouter | None = None,
        stages: list[Stage] | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.settings = settings
        self.router = router or ZoneRouter(settings)
        self.stages = stages if stages is not None else build_stages(settings)
        self.progress: Progress = progress or NullProgress()
        # Workers build their stages from settings; hand-made stages stay in this process.
        self._custom_stages = stages is not None
        self._room_markets: dict[str, str] | None = None
        self._privacy: PrivacyStage | None = None

    # -- files -------------------------------------------------------------------------------

    def ingest(
        self,
        paths: Sequence[Path],
        *,
        kind: str | None = None,
        options: IngestOptions | None = None,
    ) -> IngestReport:
        """Import files or directories; bad rows are quarantined, never raised."""
        options = options or IngestOptions()
        planned, ignored = plan_files(paths, kind)
        report = IngestReport(ignored=ignored)
        for path, file_kind in planned:
            report.files.append(self.ingest_file(path, file_kind, options))
        return report

    def ingest_file(self, path: Path, kind: str, options: IngestOptions) -> FileReport:
        """Import one file with the connector of ``kind``."""
        started = datetime.now(UTC)
        clock = time.perf_counter()
        ctx = IngestContext(
            self.settings, options, on_bytes=self.progress.advance, room_markets=self.room_markets()
        )
        connector = connector_class(kind)(ctx)
        report = FileReport(file=str(path), kind=kind, sha256=_sha256(path))
        workers = self._workers_for(path, connector)
        self.progress.start(path.name, path.stat().st_size)
        try:
            with _bulk_gc():
                if workers > 1 and isinstance(connector, TableConnector):
                    self._ingest_parallel(path, kind, connector, options, report, workers)
                else:
                    self._ingest_in_process(path, connector, report)
        finally:
            self.progress.finish()
        report.warnings = list(ctx.warnings)
        nothing = not (sum(report.records.values()) or report.counts.quarantined)
        if report.status == "ok" and nothing and not report.counts.skipped:
            report.status = "empty"
        report.seconds = time.perf_counter() - clock
        self._log_import(report, started)
        return report

    def _ingest_in_process(self, path: Path, connector: Connector, report: FileReport) -> None:
        records: list[Record] = []
        rejections: list[Rejection] = []
        batch_size = self.settings.pipeline.batch_size
        for item in connector.read(path):
            if isinstance(item, Rejection):
                _note_file_rejection(item, report)
                rejections.append(item)
                if len(rejections) >= _REJECTION_BATCH:
                    self._quarantine(rejections, report)
                    rejections = []
            elif isinstance(item, Skip):
                report.counts.skipped += 1
                report.skip_reasons[item.reason] += 1
            else:
                records.append(item)
                if len(records) >= batch_size:
                    self._write(records, report)
                    records = []
        self._write(records, report)
        self._quarantine(rejections, report)
        if isinstance(connector, LiveChatConnector):  # gifts, likes, viewers of a replay
            self.keep_journal(connector.take_journal())

    def _workers_for(self, path: Path, connector: Connector) -> int:
        """How many worker processes this file deserves (1 = in-process)."""
        configured = self.settings.pipeline.workers
        if configured == 1 or self._custom_stages or not isinstance(connector, TableConnector):
            return 1
        if parallel_format(connector, path) is None:
            return 1
        if path.stat().st_size < self.settings.pipeline.parallel_min_bytes:
            return 1
        return configured or min(os.cpu_count() or 1, _MAX_AUTO_WORKERS)

    def _ingest_parallel(
        self,
        path: Path,
        kind: str,
        connector: TableConnector,
        options: IngestOptions,
        report: FileReport,
        workers: int,
    ) -> None:
        fmt = parallel_format(connector, path)
        assert fmt is not None
        reader = connector.reader
        text = reader.text_file(path)
        secrets = ZoneSecrets(self.settings.data_dir)
        for zone in self.router.zones:  # create the secrets here, not racing in the workers
            secrets.secret(zone)
        try:
            lines: Iterator[Line | BadLine] = iter(text.lines())
            header = None
            if fmt != "jsonl":
                header = self._read_header(lines, reader.delimiter(fmt), connector, path, report)
                if header is None:
                    return
            guard = None
            if header is not None:
                guard = reader.quote_guard(len(header), reader.delimiter(fmt))
            chunks = chunk_records(lines, quoted=fmt != "jsonl", guard=guard)
            pending: dict[tuple[str, str], list[pa.Table]] = defaultdict(list)
            for result in run_chunks(
                self._plain_chunks(chunks, connector, path, report),
                workers=workers,
                settings=self.settings,
                kind=kind,
                options=options,
                room_markets=self.room_markets(),
                path=path,
                fmt=fmt,
                header=header,
            ):
                self._store_chunk(result, report, pending)
            self._flush_tables(pending, report)
        except RecordError as exc:
            rejection = connector.reject(
                path, f"file rejected: {exc.reason}", market=connector.ctx.options.market
            )
            _note_file_rejection(rejection, report)
            self._quarantine([rejection], report)
        reader.report_encodings(text)

    def _plain_chunks(
        self,
        chunks: Iterator[list[Line | BadLine]],
        connector: TableConnector,
        path: Path,
        report: FileReport,
    ) -> Iterator[list[tuple[int, str]]]:
        """Chunks as (number, text) tuples; unusable lines are quarantined here and now."""
        market = connector.ctx.options.market
        for chunk in chunks:
            bad = [item for item in chunk if isinstance(item, BadLine)]
            if bad:
                rejections = [
                    connector.reject(path, b.reason, line=b.number, raw=b.raw, market=market)
                    for b in bad
                ]
                self._quarantine(rejections, report)
            yield [(item.number, item.text) for item in chunk if isinstance(item, Line)]

    def _read_header(
        self,
        lines: Iterator[Line | BadLine],
        delimiter: str,
        connector: TableConnector,
        path: Path,
        report: FileReport,
    ) -> list[str] | None:
        """The first record of a delimited file, checked against the mapping."""
        taken: list[str] = []
        problems: list[Rejection] = []
        for item in lines:
            if isinstance(item, BadLine):
                market = connector.ctx.options.market
                problems.append(
                    connector.reject(
                        path, item.reason, line=item.number, raw=item.raw, market=market
                    )
                )
                continue
            if not taken and not item.text.strip():
                continue
            taken.append(item.text)
            if "".join(taken).count('"') % 2 == 0:
                break
        self._quarantine(problems, report)
        if not taken:
            return None
        header = [name.strip() for name in next(csv.reader(taken, delimiter=delimiter))]
        connector.reader.check_header(header)
        return header

    def _store_chunk(
        self,
        result: ChunkResult,
        report: FileReport,
        pending: dict[tuple[str, str], list[pa.Table]],
    ) -> None:
        report.records.update(result.built)
        report.counts.skipped += sum(result.skip_reasons.values())
        report.skip_reasons.update(result.skip_reasons)
        for key, data in result.tables.items():
            pending[key].append(arrow.from_ipc(data))
        if sum(t.num_rows for tables in pending.values() for t in tables) >= _WRITE_ROWS:
            self._flush_tables(pending, report)
        if result.records:
            _merge(report, self.store(result.records))
        self._quarantine(result.rejections, report)
        self.keep_journal(result.journal)

    def _flush_tables(
        self, pending: dict[tuple[str, str], list[pa.Table]], report: FileReport
    ) -> None:
        """One transaction per (table, zone) for several chunks: fewer, larger commits."""
        for (table, zone), tables in pending.items():
            written = self.router.store(zone).add_table(table, pa.concat_tables(tables))
            if table in ("voices", "orders"):  # annotation rows are not records of their own
                counts = Counts()
                counts.add_write(written)
                _merge(report, {zone: counts})
        pending.clear()

    # -- batches -----------------------------------------------------------------------------

    def process(self, records: Sequence[Record]) -> tuple[list[Record], list[Rejection]]:
        """Run the stages over a batch; return what survived and what they rejected."""
        return run_stages(self.stages, records)

    def write(self, records: Sequence[Record]) -> dict[str, Counts]:
        """Run the stages over records and store them; return the counts per zone."""
        kept, rejected = self.process(records)
        out = self.store(kept)
        for zone, count in self.keep_rejections(rejected).items():
            out.setdefault(zone, Counts()).quarantined += count
        return out

    def _write(self, records: Sequence[Record], report: FileReport) -> None:
        if records:
            report.records.update(type(record).__name__ for record in records)
            _merge(report, self.write(records))

    def store(self, records: Sequence[Record]) -> dict[str, Counts]:
        """Write records, each to its own zone; return the counts per zone."""
        voices: dict[str, list[Voice]] = defaultdict(list)
        orders: dict[str, list[Order]] = defaultdict(list)
        sessions: dict[str, list[LiveSession]] = defaultdict(list)
        products: dict[str, list[Product]] = defaultdict(list)
        creators: dict[str, list[CreatorRecord]] = defaultdict(list)
        for record in records:
            if isinstance(record, Voice):
                voices[record.zone].append(record)
            elif isinstance(record, Order):
                orders[record.zone].append(record)
            elif isinstance(record, LiveSession):
                sessions[record.zone].append(record)
                self._remember_session(record)
            elif isinstance(record, Creator | CreatorContent | AffiliateOrder):
                creators[record.zone].append(record)
            else:
                for zone in dict.fromkeys(self.settings.zone_of(m) for m in record.markets):
                    products[zone].append(record)
        out: dict[str, Counts] = defaultdict(Counts)
        for zone, batch in voices.items():
            out[zone].add_write(self.router.store(zone).add_voices(batch))
        for zone, order_batch in orders.items():
            out[zone].add_write(self.router.store(zone).add_orders(order_batch))
        for zone, session_batch in sessions.items():
            out[zone].add_write(self.router.store(zone).put_sessions(session_batch))
        for zone, product_batch in products.items():
            out[zone].add_write(self.router.store(zone).put_products(product_batch))
        for zone, creator_batch in creators.items():  # creators are personal data of the zone
            out[zone].add_write(self.router.store(zone).add_creator_records(creator_batch))
        return dict(out)

    # -- quarantine and the import log ---------------------------------------------------------

    def quarantine_zone(self, rejection: Rejection) -> str:
        """The zone a rejection is kept in: its market's, else the intake store."""
        if rejection.market is not None and rejection.market in self.settings.markets:
            return self.settings.zone_of(rejection.market)
        return INTAKE_ZONE

    def keep_journal(self, entries: Sequence[JournalEntry]) -> dict[str, int]:
        """Store live-room journal entries in their zones; return the new ones per zone."""
        by_zone: dict[str, list[JournalEntry]] = defaultdict(list)
        for entry in entries:
            by_zone[entry.zone].append(entry)
        return {zone: self.router.store(zone).add_journal(batch) for zone, batch in by_zone.items()}

    def keep_rejections(self, rejections: Sequence[Rejection]) -> dict[str, int]:
        """Store rejections in their zones, redacted by the privacy stage; return how many
        went to each."""
        by_zone: dict[str, list[Rejection]] = defaultdict(list)
        for rejection in rejections:
            kept = rejection
            if kept.market is not None and kept.market not in self.settings.markets:
                kept = kept.model_copy(update={"market": None})  # unknown market: intake
            by_zone[self.quarantine_zone(kept)].append(kept)
        for zone, batch in by_zone.items():
            self.router.store(zone).add_rejections(self.privacy.redact_rejections(zone, batch))
        return {zone: len(batch) for zone, batch in by_zone.items()}

    @property
    def privacy(self) -> PrivacyStage:
        """The privacy stage among the stages, else the configured one: a quarantined row
        is redacted whatever stages a caller hands in."""
        if self._privacy is None:
            found = [s for s in self.stages if isinstance(s, PrivacyStage)]
            self._privacy = found[0] if found else build_privacy(self.settings)
        return self._privacy

    def _quarantine(self, rejections: Sequence[Rejection], report: FileReport) -> None:
        for zone, count in self.keep_rejections(rejections).items():
            report.zone(zone).quarantined += count
            report.counts.quarantined += count

    def _log_import(self, report: FileReport, started: datetime) -> None:
        finished = datetime.now(UTC)
        for zone, counts in report.by_zone.items():
            self.router.store(zone).record_import(
                ImportEntry(
                    file=report.file,
                    sha256=report.sha256,
                    connector=report.kind,
                    started_at=started,
                    finished_at=finished,
                    accepted=counts.accepted,
                    duplicates=counts.duplicates,
                    updated=counts.updated,
                    quarantined=counts.quarantined,
                    skipped=counts.skipped,
                )
            )

    # -- live sessions ---------------------------------------------------------------------------

    def room_markets(self) -> dict[str, str]:
        """Room names and session ids of stored live sessions -> their market."""
        if self._room_markets is None:
            self._room_markets = {}
            for zone in self.router.zones:
                if self.router.exists(zone):
                    for session in self.router.store(zone).sessions():
                        self._remember_session(session)
        return self._room_markets

    def _remember_session(self, session: LiveSession) -> None:
        if self._room_markets is not None:
            self._room_markets[session.id] = session.market
            self._room_markets.setdefault(session.room, session.market)

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        for stage in self.stages:
            stage.close()
        if self._privacy is not None and self._privacy not in self.stages:
            self._privacy.close()
        self.router.close()


def _merge(report: FileReport, by_zone: dict[str, Counts]) -> None:
    for zone, counts in by_zone.items():
        zone_counts = report.zone(zone)
        zone_counts += counts
        report.counts += counts


def _note_file_rejection(rejection: Rejection, report: FileReport) -> None:
    if rejection.reason.startswith("file rejected:"):
        report.status = "rejected"
        report.rejection_reason = rejection.reason.removeprefix("file rejected: ")


@contextmanager
def _bulk_gc() -> Iterator[None]:
    """Collect young objects less often while a file streams through: a bulk import makes
    hundreds of thousands of short-lived objects, and the default threshold spends about
    a seventh of the import time in the cyclic collector. The threshold is restored after."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], 50_000), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
