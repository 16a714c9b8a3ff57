"""Writes the demo's conversations: e-mail (mbox and .eml), call transcripts, live chat replays."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from html import escape
from pathlib import Path

from chuhai.demo.catalog import BRAND_DOMAIN, PRODUCTS
from chuhai.demo.phrases import LIVE_CHAT
from chuhai.demo.scripts import CALLS, EMAILS, STAFF_REPLIES
from chuhai.demo.tables import MARKET_LANGUAGE, LiveSessionPlan, handle, local_time

__all__ = ["MAILBOXES", "write_calls", "write_emails", "write_live_chat"]

# Fictional numbers (US 555-01xx is reserved for fiction).
SIGNATURES = {
    "en": "Thanks,\nAlex Morgan\n(312) 555-01{n2:02d}",
    "id": "Terima kasih,\nRina Wijaya\nHP 0813-{n4}-1234",
    "th": "ขอบคุณค่ะ\nชื่อ มาลี ค่ะ โทร 086-{n3:03d}-1234",
}
MAILBOXES = {
    "US": f"support-us@{BRAND_DOMAIN}",
    "ID": f"cs-id@{BRAND_DOMAIN}",
    "TH": f"cs-th@{BRAND_DOMAIN}",
}
_CUSTOMER_DOMAINS = ["gmail.example", "yahoo.example", "outlook.example"]


def _product_name(rng: random.Random, language: str) -> str:
    names = [p["names"][language] for p in PRODUCTS if language in p["names"]]
    return str(rng.choice(names))


def _mail(
    rng: random.Random,
    *,
    market: str,
    sender: str,
    subject: str,
    body: str,
    when: datetime,
    html: bool,
    reply: bool = False,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = MAILBOXES[market]
    message["Subject"] = ("Re: " if reply else "") + subject
    message["Date"] = format_datetime(when)
    # Deterministic ids: make_msgid() mixes in the clock, which would defeat idempotent re-runs.
    message["Message-ID"] = f"<{rng.getrandbits(64):016x}@mail.example>"
    if reply:
        message["In-Reply-To"] = f"<{rng.getrandbits(64):016x}@{BRAND_DOMAIN}>"
    message.set_content(body)
    if html:
        paragraphs = "".join(
            f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in body.split("\n\n")
        )
        message.add_alternative(f"<html><body>{paragraphs}</body></html>", subtype="html")
    return message


def _with_history(body: str, market: str, when: datetime) -> str:
    """The body of a reply that quotes the agent's earlier answer, as mail clients do."""
    language = MARKET_LANGUAGE[market]
    quoted = "\n".join(f"> {line}" for line in STAFF_REPLIES[language].splitlines())
    earlier = format_datetime(when - timedelta(days=1))
    header = {
        "en": f"On {earlier}, Lumio Support <{MAILBOXES[market]}> wrote:",
        "id": f"Pada {earlier}, Tim Lumio <{MAILBOXES[market]}> menulis:",
        "th": f"เมื่อ {earlier} Lumio <{MAILBOXES[market]}> เขียนว่า:",
    }[language]
    return f"{body.rstrip()}\n\n-- \nSent from my phone\n\n{header}\n{quoted}\n"


def write_emails(directory: Path, rng: random.Random, days: list[datetime]) -> None:
    """US: one mbox with customer mail and staff replies; ID and TH: one .eml per message."""
    directory.mkdir(parents=True, exist_ok=True)
    mbox_parts: list[bytes] = []
    for market, count in (("US", 22), ("ID", 12), ("TH", 10)):
        language = MARKET_LANGUAGE[market]
        for n in range(count):
            subject, body = rng.choice(EMAILS[language])
            fields = {
                "product": _product_name(rng, language),
                "order": f"#{rng.randint(100000, 999999)}",
            }
            when = local_time(market, rng.choice(days), rng)
            sender = f"{handle(rng)}@{rng.choice(_CUSTOMER_DOMAINS)}"
            reply = n % 4 == 2
            text = body.format(**fields)
            if n % 3 == 0:  # a signature with a phone number, for the privacy stage to redact
                tail = rng.randint(1000, 9999)
                text += "\n\n" + SIGNATURES[language].format(n2=tail % 100, n3=tail % 1000, n4=tail)
            text = _with_history(text, market, when) if reply else text
            message = _mail(
                rng,
                market=market,
                sender=sender,
                subject=subject.format(**fields),
                body=text,
                when=when,
                html=n % 3 == 1,
                reply=reply,
            )
            if market == "US":
                mbox_parts.append(_mbox_entry(message))
                if n % 3 == 0:  # the agent's answer sits in the same mailbox export
                    staff = _mail(
                        rng,
                        market=market,
                        sender=f"kelly@{BRAND_DOMAIN}",
                        subject="Re: " + subject.format(**fields),
                        body=STAFF_REPLIES[language],
                        when=when + timedelta(hours=3),
                        html=False,
                    )
                    mbox_parts.append(_mbox_entry(staff))
            else:
                folder = directory / market.lower()
                folder.mkdir(exist_ok=True)
                (folder / f"{market.lower()}-{n + 1:03d}.eml").write_bytes(message.as_bytes())
    (directory / "support-us.mbox").write_bytes(b"".join(mbox_parts))


def _mbox_entry(message: EmailMessage) -> bytes:
    body = message.as_bytes().replace(b"\nFrom ", b"\n>From ")
    return b"From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n" + body.rstrip(b"\n") + b"\n\n"


def _stamp(seconds: float, separator: str) -> str:
    whole, millis = int(seconds), int(seconds % 1 * 1000)
    hours, minutes, secs = whole // 3600, whole % 3600 // 60, whole % 60
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def write_calls(directory: Path, rng: random.Random, days: list[datetime]) -> None:
    """US as WebVTT with voice tags, ID as SRT with a sidecar, TH as labelled text."""
    for market, labels in (
        ("US", ("Agent", "Customer")),
        ("ID", ("Petugas", "Pelanggan")),
        ("TH", ("พนักงาน", "ลูกค้า")),
    ):
        language = MARKET_LANGUAGE[market]
        folder = directory / market.lower()
        folder.mkdir(parents=True, exist_ok=True)
        for index, script in enumerate(CALLS[language] * 2, start=1):
            call_id = f"{market}-C{1000 + index}"
            started = local_time(market, rng.choice(days), rng)
            customer = f"+{rng.randint(10**9, 10**10 - 1)}"
            offsets = [0.5]
            for _ in script[1:]:
                offsets.append(offsets[-1] + rng.uniform(3, 9))
            sku = rng.choice([p["sku"] for p in PRODUCTS if market in p["markets"]])
            if market == "US":
                lines = [
                    "WEBVTT",
                    "",
                    f"NOTE call_id: {call_id}",
                    f"started: {started.isoformat()}",
                    f"market: {market}",
                    f"sku: {sku}",
                    f"customer: {customer}",
                    "",
                ]
                for (role, text), start in zip(script, offsets, strict=True):
                    label = labels[0] if role == "agent" else labels[1]
                    lines += [
                        f"{_stamp(start, '.')} --> {_stamp(start + 2.5, '.')}",
                        f"<v {label}>{text}",
                        "",
                    ]
                (folder / f"{call_id}.vtt").write_text("\n".join(lines), encoding="utf-8")
            elif market == "ID":
                blocks = []
                for n, ((role, text), start) in enumerate(
                    zip(script, offsets, strict=True), start=1
                ):
                    label = labels[0] if role == "agent" else labels[1]
                    timing = f"{_stamp(start, ',')} --> {_stamp(start + 2.5, ',')}"
                    blocks.append(f"{n}\n{timing}\n{label}: {text}\n")
                (folder / f"{call_id}.srt").write_text("\n".join(blocks), encoding="utf-8")
                meta = {
                    "call_id": call_id,
                    "started": started.isoformat(),
                    "market": market,
                    "sku": sku,
                    "customer": customer,
                }
                (folder / f"{call_id}.meta.json").write_text(
                    json.dumps(meta, indent=2), encoding="utf-8"
                )
            else:
                lines = [
                    f"# call_id: {call_id}",
                    f"# started: {started.isoformat()}",
                    f"# market: {market}",
                    f"# sku: {sku}",
                    f"# customer: {customer}",
                    "",
                ]
                for (role, text), start in zip(script, offsets, strict=True):
                    label = labels[0] if role == "agent" else labels[1]
                    lines.append(f"[{_stamp(start, '.')[:8]}] {label}: {text}")
                (folder / f"{call_id}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_live_chat(directory: Path, rng: random.Random, sessions: list[LiveSessionPlan]) -> None:
    """One JSONL replay per session: comments of every intent plus gifts, likes, joins and the
    viewer count each minute; a flash sale makes a burst of orders in the chat. A room's
    earlier sessions draw from their own random stream (the rest of the sample stays as it
    was)."""
    directory.mkdir(parents=True, exist_ok=True)
    for session in sessions:
        own = random.Random(session.id)  # what was added later: not from the shared stream
        draw = own if session.earlier else rng
        language = MARKET_LANGUAGE[session.market]
        count = {"ID": 230, "TH": 250, "US": 90}[session.market]
        if session.earlier:
            count //= 2
        viewers = [handle(draw) for _ in range(count // 3)]
        events = _chat(draw, session, language, count, viewers)
        events += _viewer_counts(own, session) + _flash_sale(own, session, language, viewers)
        events.sort(key=lambda e: str(e["time"]))
        lines = [json.dumps(event, ensure_ascii=False) for event in events]
        if session.market == "ID" and not session.earlier:
            lines.insert(
                40, '{"id": "broken-1", "room": "' + session.room + '", "time": '
            )  # a truncated write
        if session.market == "TH" and not session.earlier:
            lines.insert(
                60,
                json.dumps(
                    {
                        "id": "no-text-1",
                        "room": session.room,
                        "type": "comment",
                        "time": session.start.isoformat(),
                        "user": "ghost",
                    }
                ),
            )
        (directory / f"{session.id}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


GIFTS = {"rose": 1, "heart": 5, "lion": 299}  # diamonds, as TikTok LIVE counts gifts
_CHAT_WEIGHTS = {
    "greeting": 10,
    "price": 14,
    "shipping": 8,
    "spec": 10,
    "stock": 7,
    "purchase": 16,
    "praise": 10,
    "complaint": 4,
    "chitchat": 15,
    "spam": 3,
    "contact": 2,
}


def _chat(
    rng: random.Random, session: LiveSessionPlan, language: str, count: int, viewers: list[str]
) -> list[dict[str, object]]:
    moments = sorted(rng.uniform(0, session.minutes * 60) for _ in range(count))
    events: list[dict[str, object]] = []
    for n, moment in enumerate(moments, start=1):
        event: dict[str, object] = {
            "id": f"{session.room}-{session.id}-{n}" if session.earlier else f"{session.room}-{n}",
            "room": session.room,
            "session_id": session.id,
            "time": (session.start + timedelta(seconds=moment)).isoformat(),
            "user": rng.choice(viewers),
        }
        roll = rng.random()
        if roll < 0.08:
            gift = rng.choice(["rose", "heart", "lion"])
            event |= {"type": "gift", "gift": gift, "value": GIFTS[gift], "unit": "diamonds"}
        elif roll < 0.15:
            event |= {"type": "like"}
        elif roll < 0.20:
            event |= {"type": "join"}
        else:
            kind = rng.choices(list(_CHAT_WEIGHTS), weights=list(_CHAT_WEIGHTS.values()))[0]
            event |= {"type": "comment", "text": rng.choice(LIVE_CHAT[kind][language])}
        events.append(event)
    return events


def _viewer_counts(rng: random.Random, session: LiveSessionPlan) -> list[dict[str, object]]:
    """What the platform says each minute: viewers rise, peak at the flash sale, and drift
    away in the second half (most in the first session of a room's two)."""
    peak = {"ID": 1800, "TH": 1500, "US": 400}[session.market] // (2 if session.earlier else 1)
    events: list[dict[str, object]] = []
    for minute in range(session.minutes):
        rise = min(1.0, (minute + 1) / 20)
        fall = max(0.0, (minute - session.minutes / 2) / session.minutes)
        level = peak * rise * (1 - (0.6 if not session.earlier else 0.3) * 2 * fall)
        events.append(
            {
                "id": f"{session.id}-viewers-{minute}",
                "room": session.room,
                "session_id": session.id,
                "time": (session.start + timedelta(minutes=minute, seconds=30)).isoformat(),
                "type": "viewers",
                "count": max(1, round(level * rng.uniform(0.92, 1.08))),
            }
        )
    return events


def _flash_sale(
    rng: random.Random, session: LiveSessionPlan, language: str, viewers: list[str]
) -> list[dict[str, object]]:
    """A minute of "I'll take one" after a flash sale is announced (the recap's spike)."""
    if session.earlier:
        return []
    at = session.start + timedelta(minutes=session.minutes // 3)
    return [
        {
            "id": f"{session.room}-sale-{n}",
            "room": session.room,
            "session_id": session.id,
            "time": (at + timedelta(seconds=rng.uniform(0, 55))).isoformat(),
            "user": rng.choice(viewers),
            "type": "comment",
            "text": rng.choice(LIVE_CHAT["purchase"][language]),
        }
        for n in range({"ID": 24, "TH": 26, "US": 12}[session.market])
    ]
