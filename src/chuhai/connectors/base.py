"""The connector contract: a file in, records, rejections and skips out.

A connector never raises for bad content. It yields a :class:`~chuhai.records.Rejection` for
each row it cannot use (a whole-file rejection when nothing in the file is usable) and a
:class:`Skip` for rows that are valid but are not customer data (an agent's turn in a call,
a gift event in a live chat), so that every line is accounted for.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import tzinfo
from pathlib import Path
from typing import ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from chuhai.connectors.textio import TextFile
from chuhai.errors import InputError, RecordError
from chuhai.markets import market_info, normalize_market
from chuhai.privacy.pseudonym import ZoneSecrets
from chuhai.records import Record, Rejection, clean_text
from chuhai.settings import Settings

__all__ = [
    "Connector",
    "IngestContext",
    "IngestOptions",
    "Item",
    "Record",
    "Skip",
    "load_timezone",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Skip:
    """A valid row that is deliberately not stored (not customer data), with why."""

    reason: str
    locator: str | None = None


Item = Record | Rejection | Skip


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """What the user said about the files being imported."""

    market: str | None = None
    encoding: str | None = None
    mapping: str | None = None
    timezone: str | None = None


def load_timezone(name: str) -> tzinfo:
    """An IANA time zone, or :class:`InputError`."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InputError(
            f"unknown time zone {name!r} (use an IANA name like Asia/Jakarta)"
        ) from exc


@dataclass
class IngestContext:
    """Everything a connector needs besides the file: settings, options, secrets, progress."""

    settings: Settings
    options: IngestOptions = field(default_factory=IngestOptions)
    on_bytes: Callable[[int], None] | None = None
    warnings: list[str] = field(default_factory=list)
    room_markets: Mapping[str, str] = field(default_factory=dict)
    """Live room names and session ids -> market, from the live sessions already stored."""

    def __post_init__(self) -> None:
        if self.options.market is not None:
            market = normalize_market(self.options.market)
            self.settings.zone_of(market)  # InputError when the market is not enabled
            self.options = replace(self.options, market=market)
        self._forced_tz = load_timezone(self.options.timezone) if self.options.timezone else None
        self._secrets = ZoneSecrets(self.settings.data_dir)
        self._zones: dict[str, str] = {}
        self._timezones: dict[tuple[str, str | None], tzinfo] = {}

    def text_file(self, path: Path) -> TextFile:
        """``path`` read with the user's encoding, the configured fallbacks and line limit."""
        ingest = self.settings.ingest
        return TextFile(
            path,
            encoding=self.options.encoding,
            fallbacks=tuple(ingest.fallback_encodings),
            max_line_bytes=ingest.max_line_bytes,
            on_bytes=self.on_bytes,
        )

    def warn(self, message: str) -> None:
        """A note for the import report (the file was still imported)."""
        if message not in self.warnings:
            log.info(message)
            self.warnings.append(message)

    def market(self, value: object | None) -> str:
        """The market of a row: its own value if it has one, else the ``--market`` default."""
        if value is not None and str(value).strip():
            try:
                market = normalize_market(str(value))
            except InputError as exc:
                raise RecordError(str(exc)) from exc
        elif self.options.market is not None:
            market = self.options.market
        else:
            raise RecordError("no market: map a market column or pass --market")
        return market

    def zone_of(self, market: str) -> str:
        zone = self._zones.get(market)
        if zone is None:
            try:
                zone = self._zones[market] = self.settings.zone_of(market)
            except InputError as exc:
                raise RecordError(str(exc)) from exc
        return zone

    def pseudonym(self, zone: str, identifier: object | None) -> str | None:
        """A keyed pseudonym of a handle/address in ``zone``; ``None`` for an empty one."""
        if identifier is None or not str(identifier).strip():
            return None
        return self._secrets.pseudonymizer(zone).pseudonym(str(identifier))

    def timezone(self, market: str, mapping_tz: str | None = None) -> tzinfo:
        """Time zone for naive times: ``--timezone``, else the mapping's, else the market's.

        Asked once per row, so remembered per (market, mapping zone)."""
        key = (market, mapping_tz)
        tz = self._timezones.get(key)
        if tz is None:
            if self._forced_tz is not None:
                tz = self._forced_tz
            elif mapping_tz and mapping_tz != "market":
                tz = load_timezone(mapping_tz)
            else:
                tz = ZoneInfo(market_info(market).timezone)
            self._timezones[key] = tz
        return tz

    def text(self, value: object | None, *, required: bool = True) -> str:
        """Cleaned text, within the configured length limit."""
        text = clean_text(str(value)) if value is not None else ""
        limit = self.settings.ingest.max_text_chars
        if len(text) > limit:
            raise RecordError(f"text of {len(text)} characters is over the limit of {limit}")
        if required and not text:
            raise RecordError("empty text")
        return text


class Connector(ABC):
    """Turns files of one real format into records.

    Subclasses set ``name`` (the ``--kind`` on the command line), ``summary`` (help text) and
    ``suffixes`` (file endings they read when given a directory).
    """

    name: ClassVar[str]
    summary: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]] = ()

    def __init__(self, ctx: IngestContext) -> None:
        self.ctx = ctx

    @classmethod
    def files_in(cls, directory: Path) -> list[Path]:
        """The files below ``directory`` this connector reads (by their endings)."""
        return sorted(
            p for p in directory.rglob("*") if p.is_file() and p.name.lower().endswith(cls.suffixes)
        )

    @abstractmethod
    def read(self, path: Path) -> Iterator[Item]:
        """Records, rejections and skips for one file. Must not raise for bad content."""

    def reject(
        self,
        path: Path,
        reason: str,
        *,
        line: int | None = None,
        locator: str | None = None,
        raw: str | bytes = "",
        market: str | None = None,
    ) -> Rejection:
        return Rejection.of(
            connector=self.name,
            file=str(path),
            reason=reason,
            line=line,
            locator=locator,
            raw=raw,
            market=market,
        )
