"""Call transcripts: WebVTT, SRT and plain text with speaker labels.

The customer's turns become voices; the agent's turns are skipped. Speakers are told apart by
their labels (``Agent``, ``客服``, ``Pelanggan``, ``<v Customer>`` ...; lists in
``ingest.agent_speakers`` / ``ingest.customer_speakers``), or by naming the agents in the
call's metadata. Consecutive cues of one speaker form one turn.

Call metadata (all optional) comes from a WebVTT ``NOTE`` block, ``# key: value`` lines at
the top of a text transcript, or a sidecar ``<name>.meta.json``::

    call_id: C-1042      started: 2026-10-03T10:15:00+07:00     market: ID
    sku: LB-100          customer: +62 812 5555 0101             agents: Rina, Dewi

Speaker names are personal data: they are used to tell roles apart and never stored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import ClassVar, Final

from pydantic import ValidationError

from chuhai.connectors.base import Connector, Item, Skip
from chuhai.connectors.fields import describe_validation_error, parse_time
from chuhai.connectors.textio import BadLine, Line
from chuhai.errors import RecordError
from chuhai.records import Channel, SourceRef, Voice, stable_id

__all__ = ["Cue", "TranscriptConnector", "parse_srt", "parse_text_transcript", "parse_vtt"]

_TIMING: Final = re.compile(
    r"^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})"
)
_VOICE_TAG: Final = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAGS: Final = re.compile(r"</?[a-zA-Z][^>]*>|<\d{1,2}:\d{2}[^>]*>")
_LABEL: Final = re.compile(r"^\s*[-–]?\s*\[?([^\]:：\[]{1,40}?)\]?\s*[:：]\s+(.*)$")
_TXT_TIME: Final = re.compile(r"^\s*[\[(]?((?:\d{1,2}:)?\d{1,2}:\d{2})(?:[.,]\d+)?[\])]?\s+(.*)$")
_META_LINE: Final = re.compile(r"^\s*#?\s*([A-Za-z_]+)\s*[:=]\s*(.+?)\s*$")


@dataclass(slots=True)
class Cue:
    """One timed (or untimed) piece of speech."""

    line: int
    speaker: str | None
    text: str
    start: float | None = None


@dataclass
class _Parsed:
    cues: list[Cue] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    problems: list[tuple[int, str, str]] = field(default_factory=list)  # line, reason, raw


def _seconds(stamp: str) -> float:
    parts = stamp.replace(",", ".").split(":")
    total = 0.0
    for part in parts:
        total = total * 60 + float(part)
    return total


def _speaker_and_text(payload: str) -> tuple[str | None, str]:
    voice = _VOICE_TAG.search(payload)
    if voice:
        speaker = voice.group(1).strip()
        return speaker, _TAGS.sub("", payload).strip()
    text = _TAGS.sub("", payload).strip()
    label = _LABEL.match(text)
    if label and not re.search(r"https?$|\d$", label.group(1)):
        return label.group(1).strip(), label.group(2).strip()
    return None, text


def _blocks(lines: list[Line]) -> Iterator[list[Line]]:
    block: list[Line] = []
    for line in lines:
        if line.text.strip():
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


def _timed_blocks(blocks: Iterable[list[Line]], parsed: _Parsed, *, srt: bool) -> None:
    for block in blocks:
        texts = [ln.text.rstrip("\n") for ln in block]
        timing_at = next((i for i, t in enumerate(texts[:3]) if "-->" in t), None)
        if timing_at is None:
            raw = "\n".join(texts)
            parsed.problems.append((block[0].number, "cue without a timing line", raw))
            continue
        match = _TIMING.match(texts[timing_at])
        if not match or (srt and timing_at == 1 and not texts[0].strip().isdigit()):
            raw = "\n".join(texts)
            parsed.problems.append((block[timing_at].number, "malformed cue timing", raw))
            continue
        speaker: str | None = None
        pieces = []
        for payload in texts[timing_at + 1 :]:
            who, said = _speaker_and_text(payload)
            speaker = speaker or who
            if said:
                pieces.append(said)
        if pieces:
            start = _seconds(match.group(1))
            parsed.cues.append(Cue(block[0].number, speaker, " ".join(pieces), start))


def parse_vtt(lines: list[Line]) -> _Parsed:
    """Cues and NOTE metadata of a WebVTT file."""
    parsed = _Parsed()
    if not lines or not lines[0].text.lstrip("\ufeff").startswith("WEBVTT"):
        raise RecordError("not WebVTT: the first line must start with WEBVTT")
    cues: list[list[Line]] = []
    for block in _blocks(lines[1:]):
        first = block[0].text.strip()
        if first.startswith("NOTE"):
            for line in [first.removeprefix("NOTE"), *(ln.text for ln in block[1:])]:
                match = _META_LINE.match(line)
                if match:
                    parsed.meta[match.group(1).lower()] = match.group(2)
        elif not first.startswith(("STYLE", "REGION")):
            cues.append(block)
    _timed_blocks(cues, parsed, srt=False)
    return parsed


def parse_srt(lines: list[Line]) -> _Parsed:
    """Cues of an SRT file; speakers from ``Name:`` or ``[Name]`` prefixes."""
    parsed = _Parsed()
    _timed_blocks(_blocks(lines), parsed, srt=True)
    if not parsed.cues and parsed.problems:
        raise RecordError("not SRT: no cue has a valid timing line")
    return parsed


def parse_text_transcript(lines: list[Line]) -> _Parsed:
    """``Speaker: text`` lines, optional ``[hh:mm:ss]`` stamps, ``# key: value`` header."""
    parsed = _Parsed()
    header = True
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if header and text.startswith("#"):
            match = _META_LINE.match(text)
            if match:
                parsed.meta[match.group(1).lower()] = match.group(2)
            continue
        header = False
        start: float | None = None
        stamp = _TXT_TIME.match(text)
        if stamp:
            start, text = _seconds(stamp.group(1)), stamp.group(2)
        speaker, said = _speaker_and_text(text)
        if speaker is None:
            if parsed.cues:  # a continuation of the previous turn
                parsed.cues[-1].text += " " + said
            else:
                parsed.problems.append((line.number, "text before the first speaker label", text))
            continue
        parsed.cues.append(Cue(line.number, speaker, said, start))
    return parsed


class TranscriptConnector(Connector):
    name = "calls"
    summary = "Call transcripts: WebVTT, SRT, or text with speaker labels (customer turns only)"
    suffixes: ClassVar[tuple[str, ...]] = (".vtt", ".srt", ".txt")

    def read(self, path: Path) -> Iterator[Item]:
        market = self.ctx.options.market
        try:
            lines = self._lines(path)
            if not any(line.text.strip() for line in lines):
                return
            parsed = self._parse(path, lines)
            meta = {**self._sidecar(path), **parsed.meta}
            market = self.ctx.market(meta.get("market"))
            for number, reason, raw in parsed.problems:
                yield self.reject(path, reason, line=number, raw=raw, market=market)
            yield from self._turns(path, parsed.cues, meta, market)
        except RecordError as exc:
            yield self.reject(path, f"file rejected: {exc.reason}", market=_enabled(self, market))
        except ValidationError as exc:
            reason = f"file rejected: {describe_validation_error(exc)}"
            yield self.reject(path, reason, market=_enabled(self, market))

    def _lines(self, path: Path) -> list[Line]:
        text = self.ctx.text_file(path)
        lines: list[Line] = []
        for item in text.lines():
            if isinstance(item, BadLine):
                raise RecordError(f"line {item.number}: {item.reason}")
            lines.append(item)
        for note in text.encoding_notes():
            self.ctx.warn(note)
        return lines

    def _parse(self, path: Path, lines: list[Line]) -> _Parsed:
        suffix = path.suffix.lower()
        first = lines[0].text.lstrip("\ufeff") if lines else ""
        if suffix == ".vtt" or first.startswith("WEBVTT"):
            return parse_vtt(lines)
        if suffix == ".srt":
            return parse_srt(lines)
        return parse_text_transcript(lines)

    def _sidecar(self, path: Path) -> dict[str, str]:
        sidecar = path.with_name(path.stem + ".meta.json")
        if not sidecar.is_file():
            return {}
        try:
            data = json.loads(sidecar.read_text(encoding="utf-8-sig"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise RecordError(f"unreadable {sidecar.name}: {exc}") from None
        if not isinstance(data, dict):
            raise RecordError(f"{sidecar.name} must hold a JSON object")
        return {
            str(k).lower(): ", ".join(map(str, v)) if isinstance(v, list) else str(v)
            for k, v in data.items()
        }

    def _roles(self, speakers: list[str], meta: dict[str, str]) -> dict[str, str]:
        ingest = self.ctx.settings.ingest
        named_agents = {
            n.strip().casefold() for n in meta.get("agents", "").split(",") if n.strip()
        }
        roles: dict[str, str] = {}
        for speaker in speakers:
            key = speaker.casefold()
            if key in named_agents or _has_marker(key, ingest.agent_speakers):
                roles[speaker] = "agent"
            elif _has_marker(key, ingest.customer_speakers):
                roles[speaker] = "customer"
        unknown = [s for s in speakers if s not in roles]
        if len(unknown) == 1 and "agent" in roles.values():
            roles[unknown[0]] = "customer"
        elif len(unknown) == 1 and "customer" in roles.values():
            roles[unknown[0]] = "agent"
        elif unknown:
            raise RecordError(
                f"cannot tell agent from customer among {len(unknown)} unlabelled speakers; "
                "name the agents in the call metadata (agents: ...)"
            )
        return roles

    def _turns(
        self, path: Path, cues: list[Cue], meta: dict[str, str], market: str
    ) -> Iterator[Item]:
        zone = self.ctx.zone_of(market)
        speakers = list(dict.fromkeys(c.speaker for c in cues if c.speaker))
        if any(c.speaker is None for c in cues):
            raise RecordError("some cues have no speaker label")
        roles = self._roles(speakers, meta)
        if "customer" not in roles.values():
            raise RecordError("no customer speaker found")
        call_id = meta.get("call_id") or path.stem
        started = self._started(path, meta, market)
        customer = meta.get("customer")
        turns: list[list[Cue]] = []
        for cue in cues:
            if turns and turns[-1][0].speaker == cue.speaker:
                turns[-1].append(cue)
            else:
                turns.append([cue])
        for index, turn in enumerate(turns, start=1):
            first = turn[0]
            assert first.speaker is not None
            locator = f"turn {index} (line {first.line})"
            if roles[first.speaker] == "agent":
                yield Skip("agent turn", locator)
                continue
            offset = first.start or 0.0
            yield Voice(
                id=stable_id("call", call_id, index),
                channel=Channel.CALL,
                market=market,
                zone=zone,
                sku=meta.get("sku") or None,
                time=started + timedelta(seconds=offset),
                author=self.ctx.pseudonym(zone, customer or f"call:{call_id}:{first.speaker}"),
                text=self.ctx.text(" ".join(c.text for c in turn)),
                conversation_id=stable_id("call", call_id),
                source=SourceRef(
                    system=path.suffix.lower().lstrip(".") or "transcript",
                    file=path.name,
                    locator=locator,
                    source_id=call_id,
                ),
                metadata={"turn": index, "offset_seconds": offset, "speaker_role": "customer"},
            )

    def _started(self, path: Path, meta: dict[str, str], market: str) -> datetime:
        value = meta.get("started") or meta.get("started_at")
        if value:
            return parse_time(value, "auto", self.ctx.timezone(market))
        self.ctx.warn("no call start time; using the file's modification time")
        return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)


def _has_marker(label: str, markers: list[str]) -> bool:
    for marker in markers:
        m = marker.casefold()
        if m.isascii():
            if re.search(rf"(?<![\w]){re.escape(m)}(?![\w])", label):
                return True
        elif m in label:
            return True
    return False


def _enabled(connector: Connector, market: str | None) -> str | None:
    if market is None:
        return None
    try:
        connector.ctx.zone_of(market)
    except RecordError:
        return None
    return market
