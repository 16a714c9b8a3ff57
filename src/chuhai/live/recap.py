"""The 直播复盘 (post-live review) of one session, computed from what its zone stores: the
comments (voices of channel live_comment), the orders tied to the session, the live journal
(viewers, gifts, likes, the host's answers, pins and moderation) and the session record.

Which comments belong to a session: :mod:`chuhai.live.recap_data`. Residency: read through
:class:`~chuhai.voc.service.VocService` as the VOC reports are: where the reader may read the
zone's raw data, everything (audited when it crosses a border); elsewhere no quotes, and every
figure about fewer than k people hidden (:class:`~chuhai.live.recap_calc.Cut`), with
five-minute steps on the timeline so that steps keep enough people.
"""

from __future__ import annotations

import logging
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Final

from chuhai.enrich.gist import Gist, GistEngine
from chuhai.errors import InputError
from chuhai.live.recap_actions import recommend
from chuhai.live.recap_calc import SPIKE_RULE, Cut, spike_runs, spike_threshold, temperatures
from chuhai.live.recap_data import RAW_STEP_S, Comment, SessionData, gather
from chuhai.live.recap_model import (
    Activity,
    Complaint,
    Moderation,
    ModerationAction,
    Point,
    ProductLine,
    Questions,
    Quote,
    Recap,
    Revenue,
    SessionFigures,
    SessionInfo,
    SlowAnswer,
    Spike,
)
from chuhai.live.room import COMPLAINTS, QUESTION_INTENTS
from chuhai.markets import market_info
from chuhai.records import LiveSession, Order, Product
from chuhai.voc.service import VocService

__all__ = ["find_session", "list_sessions", "recap"]

log = logging.getLogger(__name__)

SPIKE_QUOTES: Final = 6
COMPLAINT_QUOTES: Final = 3
SLOWEST: Final = 5
RELEASED_STEP_S: Final = 300
_GIST_CHARS: Final = 400


def list_sessions(svc: VocService) -> list[tuple[str, LiveSession]]:
    """(zone, session) of every stored session the reader's team may see, newest first."""
    found = [(zone, s) for zone, store in svc.stores().items() for s in store.sessions()]
    return sorted(found, key=lambda item: (item[1].started_at, item[1].id), reverse=True)


def find_session(svc: VocService, session_id: str) -> tuple[str, LiveSession]:
    """The zone and record of a session, or InputError saying how to find one."""
    for zone, session in list_sessions(svc):
        if session.id == session_id:
            return zone, session
    raise InputError(
        f"no live session {session_id!r}: `chuhai live recap --list` (or GET /v1/live/sessions)"
        " lists them; import sessions with `chuhai ingest FILE --kind sessions`"
    )


class _Builder:
    def __init__(self, svc: VocService, zone: str, gists: GistEngine, products: list[Product]):
        self.svc = svc
        self.zone = zone
        self.access = svc.access(zone)
        self.raw = self.access.allowed
        self.cut = Cut(svc.k, restricted=not self.raw)
        self.gists = gists
        self.catalog = {p.sku: p for p in products}
        self._gists: dict[str, Gist] = {}

    # -- quotes -------------------------------------------------------------------------------

    def gist(self, c: Comment) -> Gist | None:
        """The offline Chinese gist of a comment, as the copilot makes it (None for Chinese)."""
        v = c.voice
        if v.language == "zh" or not v.text.strip():
            return None
        if v.id not in self._gists:
            self._gists[v.id] = self.gists.gist(
                v.text[:_GIST_CHARS], annotations=v.annotations, market=v.market, pinned=c.shown
            )
        return self._gists[v.id]

    def quote(self, c: Comment) -> Quote:
        v = c.voice
        gist = self.gist(c)
        return Quote(id=v.id, time=v.time, language=v.language, text=v.text,
                     gist_zh=gist.text if gist else None, intent=c.intent,
                     sentiment=c.sentiment)  # fmt: skip

    def quotes(self, comments: Sequence[Comment], most: int) -> list[Quote]:
        """Up to ``most`` comments with different words (none for an aggregates-only reader)."""
        if not self.raw:
            return []
        seen: set[str] = set()
        distinct = []
        for c in comments:
            words = " ".join(c.voice.text.casefold().split())
            if words not in seen:
                seen.add(words)
                distinct.append(c)
        return [self.quote(c) for c in distinct[:most]]

    # -- figures of one session ---------------------------------------------------------------

    def answers(self, s: SessionData) -> tuple[set[str], dict[str, float], list[Comment]]:
        """Ids of the questions answered, seconds to each answer, and the questions asked:
        question intents, any comment the host marked answered, and a question asked again
        in the same words before its answer."""
        by_ref: dict[str, Comment] = {}
        for c in s.comments:
            by_ref[c.voice.id] = c
            if c.voice.source.source_id:
                by_ref.setdefault(c.voice.source.source_id, c)
        seconds: dict[str, float] = {}
        answered_text: dict[str, float] = {}
        for e in s.journal:
            found = by_ref.get(e.ref or "") if e.kind == "answered" else None
            if found is None or found.voice.id in seconds:
                continue
            said = e.detail.get("seconds")
            took = e.time.timestamp() - found.at  # the host's own figure when it gave one
            if isinstance(said, int | float) and not isinstance(said, bool):
                took = float(said)
            seconds[found.voice.id] = max(0.0, took)
            answered_text.setdefault(found.voice.text.casefold().strip(), e.time.timestamp())
        asked = [c for c in s.comments if c.intent in QUESTION_INTENTS or c.voice.id in seconds]
        done = set(seconds)
        for c in asked:
            until = answered_text.get(c.voice.text.casefold().strip())
            if until is not None and c.at <= until:
                done.add(c.voice.id)
        return done, seconds, asked

    def figures(self, s: SessionData) -> SessionFigures:
        comments, _ = self.cut.count((True, c.voice.author) for c in s.comments)
        buying, _ = self.cut.count(
            (c.intent == "purchase_intent", c.voice.author) for c in s.comments
        )
        done, _, asked = self.answers(s)
        asked_n, _ = self.cut.count((c in asked, c.voice.author) for c in s.comments)
        temps = self.temperature_curve(s)
        gmv = {r.currency: r.gmv for r in self.revenue(s.orders)}
        return SessionFigures(
            id=s.record.id,
            started_at=s.record.started_at,
            host=s.record.host,
            minutes=s.minutes,
            comments=comments,
            comments_per_min=round(comments / max(s.seconds / 60, 1), 2)
            if comments is not None
            else None,
            purchase_rate=round(buying / comments, 4) if buying is not None and comments else None,
            gmv=gmv,
            answer_rate=round(len(done) / asked_n, 4) if asked_n else None,
            temperature=round(statistics.fmean(temps), 1) if temps and comments else None,
        )

    def temperature_curve(self, s: SessionData) -> list[float]:
        """The temperature at the end of each step from the first comment on."""
        if not s.comments:
            return []
        curve = temperatures([(c.at, c.score, c.emotion) for c in s.comments], s.start,
                             s.bucket_s, s.steps)  # fmt: skip
        return curve[s.step(s.comments[0].at) :]

    def revenue(self, orders: Sequence[Order]) -> list[Revenue]:
        total_hidden, hidden = self.cut.groups((o.currency, o.buyer) for o in orders)
        out = []
        for currency in sorted({o.currency for o in orders}):
            lines = [o for o in orders if o.currency == currency]
            if total_hidden or currency in hidden:
                out.append(Revenue(currency=currency, orders=None, units=None, gmv=None,
                                   buyers=None))  # fmt: skip
                continue
            out.append(
                Revenue(
                    currency=currency,
                    orders=len({o.source.source_id or o.id for o in lines}),
                    units=sum(o.quantity for o in lines),
                    gmv=round(sum(o.quantity * o.unit_price for o in lines), 2),
                    buyers=len({o.buyer for o in lines if o.buyer}),
                )
            )
        return out

    # -- the sections of the recap ------------------------------------------------------------

    def timeline(self, s: SessionData) -> tuple[list[Point], float | None, list[Spike]]:
        total_hidden, hidden = self.cut.groups((str(s.step(c.at)), c.voice.author)
                                               for c in s.comments)  # fmt: skip
        shown: list[int | None] = [
            None if total_hidden or str(i) in hidden else s.counts.get(i, 0) for i in range(s.steps)
        ]
        threshold = spike_threshold([n for n in shown if n is not None])
        runs = spike_runs(shown, threshold)
        spiking = {i for first, n in runs for i in range(first, first + n)}
        temps = temperatures([(c.at, c.score, c.emotion) for c in s.comments], s.start,
                             s.bucket_s, s.steps)  # fmt: skip
        viewers: dict[int, int] = {}
        for e in s.journal:
            if e.kind == "viewers":
                i = s.step(e.time.timestamp())
                viewers[i] = max(viewers.get(i, 0), e.count)
        first = s.step(s.comments[0].at) if s.comments else s.steps
        points = [
            Point(
                minute=i * s.bucket_s // 60,
                comments=shown[i],
                temperature=temps[i] if shown[i] is not None and i >= first else None,
                viewers=viewers.get(i),
                spike=i in spiking,
            )
            for i in range(s.steps)
        ]
        spikes = []
        for start, n in runs:
            behind = [c for c in s.comments if start <= s.step(c.at) < start + n]
            intents = Counter(c.intent or "unknown" for c in behind)
            top = intents.most_common(1)[0][0] if intents else None
            ordered = sorted(behind, key=lambda c: (c.intent != top, c.at))
            spikes.append(
                Spike(
                    minute=start * s.bucket_s // 60,
                    minutes=n * s.bucket_s // 60,
                    comments=len(behind),
                    intents=dict(intents.most_common()),
                    quotes=self.quotes(ordered, SPIKE_QUOTES),
                )
            )
        return points, threshold, spikes

    def questions(self, s: SessionData) -> Questions:
        done, seconds, asked = self.answers(s)
        asked_n, _ = self.cut.count((c in asked, c.voice.author) for c in s.comments)
        slow = sorted(seconds.items(), key=lambda item: -item[1])[:SLOWEST]
        by_id = {c.voice.id: c for c in s.comments}
        unanswered = Counter(c.intent or "unknown" for c in asked if c.voice.id not in done)
        total_hidden, hidden = self.cut.groups(
            (c.intent or "unknown", c.voice.author) for c in asked if c.voice.id not in done
        )
        return Questions(
            asked=asked_n,
            answered=len(done),
            answer_rate=round(len(done) / asked_n, 4) if asked_n else None,
            median_seconds=round(statistics.median(seconds.values()), 1) if seconds else None,
            slowest=[
                SlowAnswer(
                    question_id=qid,
                    seconds=round(took, 1),
                    intent=by_id[qid].intent,
                    quote=self.quote(by_id[qid]) if self.raw else None,
                )
                for qid, took in slow
            ],
            top_unanswered={
                k: n for k, n in unanswered.most_common(5) if not total_hidden and k not in hidden
            },
        )

    def complaints(self, s: SessionData) -> list[Complaint]:
        total_hidden, hidden = self.cut.groups((c.intent or "-", c.voice.author)
                                               for c in s.comments)  # fmt: skip
        found = Counter(c.intent for c in s.comments if c.intent in COMPLAINTS)
        out = []
        for intent, n in found.most_common():
            mine = [c for c in s.comments if c.intent == intent]
            gone = total_hidden or intent in hidden
            strongest = sorted(mine, key=lambda c: (c.score, c.at))
            out.append(
                Complaint(
                    intent=str(intent),
                    comments=None if gone else n,
                    people=None if gone else len({c.voice.author for c in mine}),
                    quotes=self.quotes(strongest, COMPLAINT_QUOTES),
                )
            )
        return out

    def products(self, s: SessionData, language: str) -> list[ProductLine]:
        pins = Counter(
            e.sku for e in s.journal if e.kind == "pin" and e.sku and not e.detail.get("unpinned")
        )
        names = {
            sku: sorted({n.casefold() for n in p.names.values()} | {sku.casefold()})
            for sku, p in self.catalog.items()
        }
        mentions: dict[str, set[str]] = defaultdict(set)
        for c in s.comments:  # by name, or as the gist reads it ("kipas" while a fan is shown)
            low = c.voice.text.casefold()
            gist = self.gist(c)
            for sku, words in names.items():
                named = gist is not None and gist.product == sku
                if named or c.voice.sku == sku or any(w in low for w in words):
                    mentions[sku].add(c.voice.id)
        units = Counter[str]()
        for o in s.orders:
            units[o.sku] += o.quantity
        skus = dict.fromkeys([*s.record.products, *pins, *mentions, *units])
        out = []
        for sku in skus:
            count, _ = self.cut.count((c.voice.id in mentions[sku], c.voice.author)
                                      for c in s.comments)  # fmt: skip
            sold, _ = self.cut.count((o.sku == sku, o.buyer) for o in s.orders)
            product = self.catalog.get(sku)
            out.append(
                ProductLine(
                    sku=sku,
                    name_zh=product.names.get("zh") if product else None,
                    name=product.name(language) if product else None,
                    shown=sku in s.record.products,
                    pinned=pins.get(sku, 0),
                    mentions=count,
                    units=units.get(sku, 0) if sold is not None else None,
                )
            )
        return out

    def moderation(self, s: SessionData) -> Moderation:
        undone = {e.ref for e in s.journal if e.kind == "undo" and e.ref}
        log_ = [
            ModerationAction(
                id=e.id,
                time=e.time,
                action=str(e.detail.get("action") or "hide"),
                comment_id=e.ref,
                actor=e.actor,
                undone=e.id in undone,
            )
            for e in s.journal
            if e.kind == "moderation"
        ]
        kept = Counter(a.action for a in log_ if not a.undone)
        return Moderation(actions=dict(kept.most_common()), undone=sum(a.undone for a in log_),
                          log=log_)  # fmt: skip

    def activity(self, s: SessionData) -> Activity:
        counts: Counter[str] = Counter()
        value: dict[str, float] = defaultdict(float)
        viewers = [e.count for e in s.journal if e.kind == "viewers"]
        for e in s.journal:
            if e.kind == "viewers" or e.kind not in _ACTIVITY:
                continue
            counts[e.kind] += max(e.count, 1)
            if e.kind == "gift" and e.value:
                value[str(e.detail.get("unit") or "value")] += e.value
        named = ("gift", "like", "join", "follow", "share")
        return Activity(
            gifts=counts["gift"],
            gift_value={unit: round(v, 2) for unit, v in sorted(value.items())},
            likes=counts["like"],
            joins=counts["join"],
            follows=counts["follow"],
            shares=counts["share"],
            other={k: n for k, n in sorted(counts.items()) if k not in named},
            viewers_peak=max(viewers) if viewers else None,
            viewers_mean=round(statistics.fmean(viewers), 1) if viewers else None,
            viewers_last=viewers[-1] if viewers else None,
        )

    def by_host(self, sessions: Sequence[SessionData]) -> list[dict[str, str | float | int | None]]:
        orders = [o for s in sessions for o in s.orders]
        host_of = {s.record.id: s.record.host or "—" for s in sessions}
        total_hidden, hidden = self.cut.groups(
            (f"{host_of[o.session_id or '']}\x1f{o.currency}", o.buyer) for o in orders
        )
        rows: dict[tuple[str, str], dict[str, str | float | int | None]] = {}
        for s in sessions:
            for o in s.orders:
                key = (host_of[s.record.id], o.currency)
                row = rows.setdefault(key, {"host": key[0], "currency": key[1], "sessions": 0,
                                            "gmv": 0.0, "_seen": ""})  # fmt: skip
                if s.record.id not in str(row["_seen"]).split("\x1f"):
                    row["_seen"] = f"{row['_seen']}\x1f{s.record.id}"
                    row["sessions"] = int(row["sessions"] or 0) + 1
                row["gmv"] = round(float(row["gmv"] or 0.0) + o.quantity * o.unit_price, 2)
        out = []
        for (host, currency), row in sorted(rows.items()):
            row.pop("_seen")
            if total_hidden or f"{host}\x1f{currency}" in hidden:
                row["gmv"] = None
            out.append(row)
        return out


_ACTIVITY: Final = frozenset({"gift", "like", "join", "follow", "share", "subscribe", "raid",
                              "unknown"})  # fmt: skip


def recap(
    svc: VocService,
    session_id: str,
    *,
    gists: GistEngine | None = None,
    now: datetime | None = None,
) -> Recap:
    """The recap of ``session_id`` as ``svc``'s reader may see it."""
    zone, record = find_session(svc, session_id)
    zone = svc.zone_of(record.market)  # a team outside the market: AccessError
    store = svc.router.store(zone)
    access = svc.access(zone)
    if access.allowed:
        svc.guard.check(zone, svc.reader, "cross_zone_read", "live recap", f"session {session_id}")
    else:
        svc.guard.note_release(zone, svc.reader, purpose="live recap", what="live recap",
                               session=session_id)  # fmt: skip
    products = store.products()
    builder = _Builder(svc, zone, gists or GistEngine(products), products)
    sessions = gather(store, record)
    step_s = RAW_STEP_S if builder.raw else RELEASED_STEP_S
    for s in sessions:
        s.timeline(step_s)
    this = sessions[0]
    figures = builder.figures(this)
    points, threshold, spikes = builder.timeline(this)
    commenters_n = len({c.voice.author for c in this.comments})
    comments_hidden = figures.comments is None
    temps = [p.temperature for p in points if p.temperature is not None]
    buying, _ = builder.cut.count(
        (c.intent == "purchase_intent", c.voice.author) for c in this.comments
    )
    language = market_info(record.market).languages[0]
    result = Recap(
        session=SessionInfo(
            id=record.id,
            room=record.room,
            market=record.market,
            zone=zone,
            platform=record.platform,
            host=record.host,
            started_at=record.started_at,
            ended_at=record.ended_at,
            minutes=this.minutes,
            length_from="session" if record.ended_at is not None else "events",
        ),
        generated_at=(now or datetime.now(UTC)).astimezone(UTC),
        raw=builder.raw,
        k=svc.k,
        reason=None if access.allowed else access.reason,
        bucket_s=step_s,
        comments=figures.comments,
        commenters=None if comments_hidden else commenters_n,
        comments_per_min=figures.comments_per_min,
        timeline=points,
        spike_rule=SPIKE_RULE,
        spike_threshold=threshold,
        spikes=spikes,
        purchase_intent=buying,
        purchase_rate=figures.purchase_rate,
        revenue=builder.revenue(this.orders),
        by_host=builder.by_host(sessions),
        questions=builder.questions(this),
        complaints=builder.complaints(this),
        temperature_mean=figures.temperature,
        temperature_end=temps[-1] if temps else None,
        products=builder.products(this, language),
        moderation=builder.moderation(this),
        activity=builder.activity(this),
        previous=[builder.figures(s) for s in sessions[1:]],
        this=figures,
        actions=[],
        hidden=0,
    )
    demo = sum(1 for e in this.journal if e.actor == "demo")  # chuhai.demo.live_actions
    return result.model_copy(
        update={"actions": recommend(result), "hidden": builder.cut.hidden, "demo_actions": demo}
    )
