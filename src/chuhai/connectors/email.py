"""E-mail: ``.eml`` files and ``mbox`` archives become voices (subject + the new body text).

Mail from the brand's own staff (``ingest.agent_emails``) or from a support mailbox
(``ingest.mailboxes``) is skipped: it is not the customer's voice. The market comes from the
support mailbox the mail was sent to, else from ``--market``.
"""

from __future__ import annotations

import email
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from pathlib import Path
from typing import BinaryIO, ClassVar, Final

from pydantic import ValidationError

from chuhai.connectors.base import Connector, Item, Skip
from chuhai.connectors.email_text import html_to_text, strip_reply
from chuhai.connectors.fields import check_plausible, describe_validation_error
from chuhai.connectors.textio import refuse_binary
from chuhai.errors import RecordError
from chuhai.records import Channel, SourceRef, Voice, stable_id

__all__ = ["EmailConnector"]

_SUBJECT_PREFIX: Final = re.compile(
    r"^\s*((re|fw|fwd|aw|wg|sv|tr|rv|回复|答复|转发|回覆|轉寄|ตอบกลับ|trả lời)\s*[:：]\s*)+",
    re.IGNORECASE,
)
_MAX_MESSAGE_BYTES: Final = 50 << 20


class EmailConnector(Connector):
    name = "email"
    summary = "E-mail: .eml files and mbox archives (HTML turned to text, replies stripped)"
    suffixes: ClassVar[tuple[str, ...]] = (".eml", ".mbox")

    def read(self, path: Path) -> Iterator[Item]:
        try:
            with path.open("rb") as handle:
                head = handle.read(8192)
                refuse_binary(head)
                handle.seek(0)
                if not head.strip():
                    return
                if path.suffix.lower() == ".mbox" or head.startswith(b"From "):
                    yield from self._mbox(path, handle)
                else:
                    data = handle.read(_MAX_MESSAGE_BYTES + 1)
                    size = len(data) + len(handle.read())  # the rest is only counted
                    if self.ctx.on_bytes:
                        self.ctx.on_bytes(size)
                    yield self._message(path, [data], size, 1, "message")
        except RecordError as exc:
            yield self.reject(path, f"file rejected: {exc.reason}", market=self.ctx.options.market)

    def _mbox(self, path: Path, handle: BinaryIO) -> Iterator[Item]:
        """Split on ``From `` separator lines (mboxo/mboxrd), keeping line numbers."""
        chunk: list[bytes] = []
        size = 0  # bytes of the current message; past the limit only the count goes on
        start = 0
        count = 0
        previous_blank = True
        for number, line in enumerate(handle, start=1):
            if self.ctx.on_bytes:
                self.ctx.on_bytes(len(line))
            if line.startswith(b"From ") and previous_blank:
                if chunk:
                    count += 1
                    yield self._message(path, chunk, size, start, f"message {count}")
                chunk, size, start = [], 0, number + 1
                previous_blank = False
                continue
            unescaped = line[1:] if re.match(rb"^>+From ", line) else line  # mboxrd
            size += len(unescaped)
            if size <= _MAX_MESSAGE_BYTES:
                chunk.append(unescaped)
            previous_blank = not unescaped.strip()
        if chunk:
            count += 1
            yield self._message(path, chunk, size, start, f"message {count}")

    def _message(self, path: Path, parts: list[bytes], size: int, line: int, locator: str) -> Item:
        market: str | None = self.ctx.options.market
        data = b"".join(parts)
        try:
            if size > _MAX_MESSAGE_BYTES:
                raise RecordError(
                    f"message of {size} bytes is over the limit of {_MAX_MESSAGE_BYTES}"
                )
            message = email.message_from_bytes(data, policy=policy.default)
            assert isinstance(message, EmailMessage)
            sender = parseaddr(str(message.get("From", "")))[1].lower()
            if not sender or "@" not in sender:
                raise RecordError("no sender address (From header); not an e-mail?")
            recipients = [
                a.lower() for _, a in getaddresses(_headers(message, "To", "Cc", "Delivered-To"))
            ]
            if self._is_staff(sender):
                return Skip("sent by the brand's own staff", locator)
            market = self._market(recipients)
            return self._voice(path, message, sender, market, line, locator)
        except RecordError as exc:
            return self.reject(
                path, exc.reason, line=line, locator=locator, raw=data, market=market
            )
        except ValidationError as exc:
            reason = describe_validation_error(exc)
            return self.reject(path, reason, line=line, locator=locator, raw=data, market=market)

    def _voice(
        self, path: Path, message: EmailMessage, sender: str, market: str, line: int, locator: str
    ) -> Voice:
        zone = self.ctx.zone_of(market)
        time = _date(message)
        subject = _SUBJECT_PREFIX.sub("", str(message.get("Subject", "") or "")).strip()
        body = strip_reply(_body(message, self.ctx.settings.ingest.fallback_encodings))
        text = self.ctx.text("\n\n".join(p for p in (subject, body) if p), required=True)
        message_id = str(message.get("Message-ID", "") or "").strip().strip("<>") or None
        references = str(message.get("References", "") or "").split()
        root = (references[0] if references else None) or message.get("In-Reply-To") or message_id
        language = str(message.get("Content-Language", "") or "").split(",")[0].strip().lower()
        attachments = [part.get_filename() or "" for part in message.iter_attachments()]
        return Voice(
            id=stable_id("email", message_id)
            if message_id
            else stable_id("email", sender, time, text),
            channel=Channel.EMAIL,
            market=market,
            zone=zone,
            language=language if re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})*", language) else "und",
            time=time,
            author=self.ctx.pseudonym(zone, sender),
            text=text,
            conversation_id=stable_id("thread", str(root).strip("<> ")) if root else None,
            source=SourceRef(system="email", file=path.name, locator=locator, source_id=message_id),
            metadata={
                "subject": subject,
                "attachments": len(attachments),
                "is_reply": bool(references or message.get("In-Reply-To")),
            },
        )

    def _is_staff(self, sender: str) -> bool:
        ingest = self.ctx.settings.ingest
        if sender in ingest.mailboxes:
            return True
        domain = "@" + sender.rsplit("@", 1)[-1]
        staff = {a.lower() for a in ingest.agent_emails}
        return sender in staff or domain in staff

    def _market(self, recipients: list[str]) -> str:
        mailboxes = self.ctx.settings.ingest.mailboxes
        for address in recipients:
            if address in mailboxes:
                return mailboxes[address]
        return self.ctx.market(None)


def _headers(message: EmailMessage, *names: str) -> list[str]:
    values: list[str] = []
    for name in names:
        values.extend(str(v) for v in message.get_all(name, []) or [])
    return values


def _date(message: EmailMessage) -> datetime:
    raw = str(message.get("Date", "") or "").strip()
    if not raw:
        raise RecordError("no Date header")
    try:
        parsed = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        raise RecordError(f"invalid Date header {raw[:60]!r}") from None
    if parsed.tzinfo is None:  # "-0000" means UTC with no known local offset
        parsed = parsed.replace(tzinfo=UTC)
    return check_plausible(parsed, raw)


def _body(message: EmailMessage, fallbacks: list[str]) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeDecodeError, AssertionError):
        payload = part.get_payload(decode=True)
        content = _decode(payload if isinstance(payload, bytes) else b"", fallbacks)
    if not isinstance(content, str):
        return ""
    if part.get_content_subtype() == "html":
        return html_to_text(content)
    return content


def _decode(payload: bytes, fallbacks: list[str]) -> str:
    for encoding in ("utf-8", *fallbacks):
        try:
            return payload.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return payload.decode("utf-8", errors="replace")
