"""The live-room copilot: one comment in, one annotated comment out.

Per comment, in the market's zone: validation (room -> market, pseudonymous viewer), flood
and duplicate checks, PII redaction, language, intent, sentiment, emotion, toxicity, a
moderation action, the purchase-intent signal, and for questions the best knowledge-base
answer with a Chinese gist of what was asked. Room state is kept by the hub that publishes
the results (see :mod:`chuhai.live.hub`), so workers in other processes stay stateless but for
the shared duplicate and flood memory.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from chuhai.enrich.analyzer import Analyzer
from chuhai.enrich.decisions import CONFIDENT_EMOTION
from chuhai.enrich.embeddings import normalise_key
from chuhai.enrich.gist import GistEngine
from chuhai.enrich.translation import GlossaryTranslator
from chuhai.enrich.translation.live import Job, LiveTranslator
from chuhai.live.events import EventReader
from chuhai.live.knowledge import KnowledgeIndex, KnowledgeMatch
from chuhai.live.labels import EMOTION_ZH, INTENT_ZH, REPLY_TEMPLATES
from chuhai.live.room import QUESTION_INTENTS
from chuhai.live.shared import Check, MemoryState, SharedState
from chuhai.privacy.redacting import RedactingPrivacy
from chuhai.records import Annotations, Product, Rejection, Voice
from chuhai.settings import ModerationSettings, Settings

__all__ = ["MODERATION_LEVELS", "Copilot", "CopilotOutput", "level_policy"]

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"\[([A-Z_]+):p_[0-9a-f]+\]")
_CONTACT = ("PHONE", "EMAIL", "MESSENGER")  # off-platform contact, in every market
Kind = Literal["comment", "rejected", "skipped"]
# (room, event id, fields): a translation that came after its comment was sent
LateTranslation = Callable[[str, str, dict[str, Any]], object]
ModerationLevel = Literal["strict", "normal", "relaxed"]
MODERATION_LEVELS: tuple[ModerationLevel, ...] = ("strict", "normal", "relaxed")


def level_policy(level: str, base: ModerationSettings) -> ModerationSettings:
    """A room's moderation level over the market's policy (``normal``): ``strict`` hides mild
    language and spam too; ``relaxed`` lets mild language through and only flags spam. Abuse
    and contact details (a platform rule) stay as the market's policy says."""
    if level == "strict":
        return base.model_copy(update={"mild": "hide", "spam": "hide"})
    if level == "relaxed":
        return base.model_copy(update={"mild": "allow", "spam": "flag"})
    return base


@dataclass
class CopilotOutput:
    """What one event became; ``data`` is the JSON the copilot page and API show."""

    kind: Kind
    data: dict[str, Any]
    room: str | None = None
    voice: Voice | None = None
    rejection: Rejection | None = None
    vector: Any = None  # the question's embedding, for grouping questions by meaning
    timings: dict[str, float] = field(default_factory=dict)


class Copilot:
    def __init__(
        self,
        settings: Settings,
        *,
        products: Sequence[Product] = (),
        room_markets: Mapping[str, str] | None = None,
        pinned: Mapping[str, Sequence[str]] | None = None,
        analyzer: Analyzer | None = None,
        shared: SharedState | None = None,
        translator: GlossaryTranslator | None = None,
    ) -> None:
        self.settings = settings
        self.config = settings.live
        self.reader = EventReader(settings, room_markets or {})
        self.analyzer = analyzer or Analyzer(cascade=self.config.cascade, translator=translator)
        careful = Analyzer(
            self.analyzer.models,
            embedder=self.analyzer.embedder,
            languages=self.analyzer.languages,
            cascade="accurate",
        )
        self.translator = translator or self.analyzer.translator
        self.live_translation = LiveTranslator(
            self.translator,
            budget_s=settings.providers.translation.live_budget_s,
            meter=getattr(self.translator.inner, "meter", None),
        )
        self.on_late: LateTranslation | None = None  # the hub updates the page's card
        self.shared = shared or MemoryState()
        self.privacy = RedactingPrivacy(settings)
        self.products = list(products)
        self.gists = GistEngine(self.products)  # the offline Chinese line of each comment
        # FAQ questions get their intent once, with the embedding model: a viewer's question
        # that matches one takes its intent, surer than a fast guess on noisy chat.
        self.knowledge = KnowledgeIndex(
            self.products,
            self.analyzer.embedder,
            classify=lambda texts: [a.intent.label for a in careful.analyze(texts)],
        )
        self.pinned = {room: list(skus) for room, skus in (pinned or {}).items()}
        self.levels: dict[str, str] = {}  # room -> moderation level set on the page

    def process(self, raw: bytes | str | Mapping[str, Any]) -> CopilotOutput:
        return self.process_many([raw])[0]

    def process_many(self, raws: Sequence[bytes | str | Mapping[str, Any]]) -> list[CopilotOutput]:
        """Results in the order of the events; comments are analysed together (a backlog after
        a burst is cleared in batches, which the embedding model does faster)."""
        started = time.perf_counter()
        outputs: list[CopilotOutput | None] = [None] * len(raws)
        voices: list[tuple[int, Voice]] = []
        for index, raw in enumerate(raws):
            read = self.reader.read(raw)
            if read.status == "comment" and read.voice is not None:
                voices.append((index, read.voice))
                continue
            event = read.event or {}
            room = str(event.get("room") or "") or None
            kind: Kind = "rejected" if read.status == "rejected" else "skipped"
            data = {"kind": kind, "room": room, "id": event.get("id"), "reason": read.reason}
            if kind == "skipped":  # a gift, like, viewer count...: the hub counts and logs it
                data |= _activity(event, self.reader.market_of(room or ""))
            outputs[index] = CopilotOutput(kind, data, room, rejection=read.rejection)
        # Redaction first: nothing below, not even a flood notice, sees a raw phone number.
        redacted = self.privacy.process([v for _, v in voices])
        todo: list[tuple[int, Voice, dict[str, Any]]] = []
        rows: list[tuple[int, Voice, dict[str, Any], Check]] = []
        for (index, voice), clean in zip(voices, redacted, strict=True):
            assert isinstance(clean, Voice)
            room = str(voice.metadata.get("room") or voice.conversation_id or "")
            data = {
                "kind": "comment",
                "id": voice.source.source_id or voice.id,
                "room": room,
                "market": voice.market,
                "time": voice.time.isoformat(),
                "user": (voice.author or "")[:8],
                "text": _mask(clean.text),
            }
            key = hashlib.sha1(normalise_key(clean.text).encode()).hexdigest()[:16]
            user = voice.author or "anonymous"
            rows.append((index, clean, data, Check(room, user, key, str(data["id"]))))
        # the flood and duplicate memory for the whole batch at once (one Redis round trip)
        checks = self.shared.check_many(
            [check for *_, check in rows],
            window=self.config.flood_window_s,
            limit=self.config.flood_limit,
            ttl=self.config.duplicate_window_s,
        )
        for (index, clean, data, check), (count, first) in zip(rows, checks, strict=True):
            if count > self.config.flood_limit:
                data |= {
                    "flood": True,
                    "action": "hide",
                    "why_hidden": "flood: too many comments from one viewer",
                }
                outputs[index] = CopilotOutput("comment", data, check.room, voice=clean)
                continue
            # The same event run again (a Redis event claimed from a dead worker, a batch
            # retried one by one) is not a duplicate of itself.
            data["duplicate_of"] = first if first != str(data["id"]) else None
            todo.append((index, clean, data))
        annotations = self._annotate([v for _, v, _ in todo])
        comments: list[CopilotOutput] = []
        answers = self._answers(
            [(d["room"], v.text, a) for (_, v, d), a in zip(todo, annotations, strict=True)]
        )
        for (index, voice, data), a, (match, vector) in zip(
            todo, annotations, answers, strict=True
        ):
            pii = str(voice.metadata.get("pii") or "")
            action, why = self._moderate(voice.market, a, pii, data["room"])
            intent = match.intent if match is not None and match.intent else a.intent.label
            emotion = a.emotion.label if a.emotion.confidence >= CONFIDENT_EMOTION else "neutral"
            data |= {
                "language": a.language.code,
                "intent": intent,
                "intent_zh": INTENT_ZH.get(intent, intent),
                # the room's temperature reads only emotions the heads are sure of
                "emotion": emotion,
                "emotion_zh": EMOTION_ZH.get(emotion, emotion),
                "sentiment": a.sentiment.label,
                "sentiment_score": a.sentiment.score,
                "toxicity": a.toxicity.severity,
                "toxic_terms": a.toxicity.terms,
                "purchase": intent == "purchase_intent",
                "action": action,
                "why_hidden": why,
                "pii": pii or None,
                **self._gist(data["text"], a, match, voice.market, data["room"]),
                "answer": self._reply(a, match),
            }
            stored = voice.model_copy(update={"annotations": a})
            output = CopilotOutput("comment", data, data["room"], voice=stored, vector=vector)
            outputs[index] = output
            comments.append(output)
        self._translate(comments)
        took = (time.perf_counter() - started) * 1000
        done = [o for o in outputs if o is not None]
        for output in done:
            output.timings["batch_ms"] = took
        return done

    def _annotate(self, voices: Sequence[Voice]) -> list[Annotations]:
        """The fast analysis, by market (the market is the language prior)."""
        out: list[Annotations | None] = [None] * len(voices)
        groups: dict[str, list[int]] = {}
        for i, voice in enumerate(voices):
            groups.setdefault(voice.market, []).append(i)
        limit = self.config.analyze_chars
        for market, indices in groups.items():
            found = self.analyzer.analyze(
                [_condense(voices[i].text, limit) for i in indices], market
            )
            for i, result in zip(indices, found, strict=True):
                out[i] = result
        return [a for a in out if a is not None]

    def _moderate(
        self, market: str, a: Annotations, pii: str, room: str = ""
    ) -> tuple[str, str | None]:
        policy = level_policy(self.levels.get(room, "normal"), self.config.policy(market))
        steps: list[tuple[str, str]] = []
        if a.toxicity.severity == "strong":
            steps.append((policy.strong, "strong language: " + ", ".join(a.toxicity.terms)))
        elif a.toxicity.severity == "mild":
            steps.append((policy.mild, "mild language: " + ", ".join(a.toxicity.terms)))
        contact = any(kind in pii for kind in _CONTACT)
        if contact:
            steps.append((policy.contact_details, "contact details posted in the chat"))
        # a number posted in the chat reads as spam to the heads: the market's contact
        # policy decides such a comment, not the spam rule
        if not contact and a.intent.label == "spam_offtopic" and a.intent.confidence >= 0.6:
            steps.append((policy.spam, "spam or off-topic"))
        for wanted in ("hide", "flag"):
            for action, why in steps:
                if action == wanted:
                    return action, why
        return "allow", None

    def _answers(
        self, items: Sequence[tuple[str, str, Annotations]]
    ) -> list[tuple[KnowledgeMatch | None, Any]]:
        """For each comment, its FAQ answer (and the embedding, where one was made): question-
        like comments try the FAQ in their own language by spelling first; product questions
        the spelling does not place get the cross-lingual search (one batch for all)."""
        out: list[tuple[KnowledgeMatch | None, Any]] = [(None, None)] * len(items)
        if not len(self.knowledge):
            return out
        deep: list[int] = []
        for i, (_, text, a) in enumerate(items):
            if not _looks_like_question(text):
                continue
            match = self.knowledge.lexical(text, a.language.code)
            if match is not None:
                out[i] = (match, None)
            elif a.intent.label in QUESTION_INTENTS:
                deep.append(i)
        if not deep:
            return out
        limit = self.config.analyze_chars
        vectors = self.analyzer.embedder.embed([_condense(items[i][1], limit) for i in deep])
        for i, vector in zip(deep, vectors, strict=True):
            room, _, a = items[i]
            match = self.knowledge.best(
                vector,
                a.language.code,
                min_score=self.config.answer_min_score,
                skus=self.pinned.get(room, ()),
            )
            out[i] = (match, vector)
        return out

    def _gist(
        self, text: str, a: Annotations, match: KnowledgeMatch | None, market: str, room: str
    ) -> dict[str, Any]:
        """What the viewer said, for a Chinese-speaking host, offline: the gist of the comment
        (what it asks, its colours, sizes, quantity, product, in Chinese; marked as a gist,
        with its confidence), or the matched FAQ question where the gist read nothing more
        specific than "is there?" ("does the lamp have a timer?"). A provider's translation
        replaces it (_translate)."""
        if a.language.code == "zh":
            return {"gist_zh": text, "gist_kind": "original", "gist_confidence": None}
        pinned = self.pinned.get(room, ())
        gist = self.gists.gist(text, annotations=a, market=market, pinned=pinned)
        if match is not None and match.question_zh and not gist.specific:
            heads = self.gists.templates.intents
            head = heads.get(match.intent or gist.intent, heads["other"])
            return {
                "gist_zh": f"{head}：{match.question_zh}",
                "gist_kind": "gist",
                "gist_confidence": round(match.score, 3),
            }
        return {"gist_zh": gist.text, "gist_kind": "gist", "gist_confidence": gist.confidence}

    def _reply(self, a: Annotations, match: KnowledgeMatch | None) -> dict[str, Any] | None:
        """The suggested reply with what it says in Chinese (``answer_zh``) for the host: the
        brand's own Chinese FAQ answer or template; a provider translates the reply into the
        viewer's language and back (_translate). The comment gist is not used: it reads a
        reply as a question."""
        language = a.language.code
        reply: dict[str, Any]
        if match is not None:
            reply = {
                "text": match.answer,
                "language": match.language,
                "source": "faq",
                "sku": match.sku,
                "question": match.question,
                "question_zh": match.question_zh,
                "score": match.score,
                "answer_zh": match.answer if match.language == "zh" else match.answer_zh,
                "answer_zh_kind": "faq",
            }
        else:
            templates = REPLY_TEMPLATES.get(a.intent.label)
            if not templates:
                return None
            reply = {
                "text": templates.get(language) or templates["en"],
                "language": language if language in templates else "en",
                "source": "template",
                "answer_zh": templates.get("zh"),
                "answer_zh_kind": "template",
            }
        if reply["answer_zh"] is None:
            reply["answer_zh_kind"] = None
        return reply

    def _translate(self, outputs: Sequence[CopilotOutput]) -> None:
        """A provider's translations, within the room's latency budget: each comment into
        Chinese, FAQ answers into the viewer's language, replies back into Chinese. What comes
        later goes to ``on_late``; until then the comment shows its gist."""
        if not self.live_translation.available or not outputs:
            return
        until = time.monotonic() + self.live_translation.budget_s
        jobs: list[tuple[Job, CopilotOutput, str]] = []
        for output in outputs:
            data, language = output.data, str(output.data.get("language") or "und")
            if data.get("action") == "hide" or data.get("flood"):
                continue
            if language not in ("zh", "und") and data["text"].strip():
                jobs.append((Job(data["text"], "zh", language), output, "gist"))
            answer = data.get("answer")
            if not answer or language == "und":
                continue
            if answer["language"] != language and answer["source"] == "faq":
                jobs.append((Job(answer["text"], language, answer["language"]), output, "answer"))
            elif answer["language"] != "zh" and answer.get("answer_zh") is None:
                jobs.append((Job(answer["text"], "zh", answer["language"]), output, "back"))
        back = self._run(jobs, until)
        if back:  # replies translated just now are translated back, in what is left of the wait
            self._run(back, until)

    def _run(
        self, jobs: list[tuple[Job, CopilotOutput, str]], until: float
    ) -> list[tuple[Job, CopilotOutput, str]]:
        """Runs ``jobs``; returns the back-translations the answers translated now need."""

        def fields(output: CopilotOutput, kind: str, text: str) -> dict[str, Any]:
            if kind == "gist":
                return {"gist_zh": text, "gist_kind": "translation"}
            answer = dict(output.data["answer"])
            if kind == "answer":
                answer |= {"text": text, "language": output.data["language"], "translated": True}
            else:
                answer |= {"answer_zh": text, "answer_zh_kind": "translation"}
            return {"answer": answer}

        def late(i: int, text: str) -> None:
            _, output, kind = jobs[i]
            if self.on_late is not None and output.room:
                self.on_late(output.room, str(output.data["id"]), fields(output, kind, text))

        result = self.live_translation.run([job for job, _, _ in jobs], late, until=until)
        back: list[tuple[Job, CopilotOutput, str]] = []
        for (job, output, kind), text in zip(jobs, result.texts, strict=True):
            if not text:
                continue
            output.data |= fields(output, kind, text)
            if kind == "gist" and output.voice is not None and output.voice.annotations:
                annotations = output.voice.annotations.model_copy(update={"translation": text})
                output.voice = output.voice.model_copy(update={"annotations": annotations})
            if kind == "answer":
                back.append((Job(text, "zh", job.target), output, "back"))
        return back


# What makes a comment a question: a question mark after some words, a question word first,
# or a question particle (Thai, Chinese, Vietnamese put them anywhere or at the end).
_QUESTION_FIRST = frozenset(
    "how what when where which who why does do is are can could will any berapa brp apa kapan "
    "bisa ada gimana bagaimana boleh mana magkano ilan saan paano meron cuánto cuanto cuándo "
    "dónde donde qué quanto quando onde combien est".split()
)
_QUESTION_PARTICLE = re.compile(
    r"ไหม|มั้ย|เท่าไหร่|กี่|ยังไง|หรือเปล่า|吗|多少|多久|几|怎么|什么|哪|能不能|有没有|"
    r"\b(?:không|bao nhiêu|mấy|nhiêu|ko ạ|chưa ạ|kah|ba)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")


def _looks_like_question(text: str) -> bool:
    words = _WORD.findall(text.casefold())
    if not words:
        return False
    return (
        ("?" in text or "？" in text)
        or words[0] in _QUESTION_FIRST
        or bool(_QUESTION_PARTICLE.search(text))
    )


_REPEAT = re.compile(r"(\S+)(?:\s+\1){3,}")


def _condense(text: str, limit: int) -> str:
    """Chat copypasta ("LUL LUL LUL ...", a line pasted ten times) says what it says in three
    repeats; the embedding model's cost grows with length, so live comments are cut short."""
    return _REPEAT.sub(r"\1 \1 \1", text)[:limit]


def _mask(text: str) -> str:
    """Keyed redaction tokens shown as their type: [PHONE:p_…] -> [PHONE]."""
    return _TOKEN.sub(r"[\1]", text)


_ACTIVITY_FIELDS = ("count", "value", "unit", "gift", "sku", "product", "action", "raw_type")


def _activity(event: Mapping[str, Any], room_market: str | None) -> dict[str, Any]:
    """What the hub needs of a platform event that is no comment (no user, no text)."""
    data = {k: event[k] for k in _ACTIVITY_FIELDS if isinstance(event.get(k), str | int | float)}
    session = event.get("session") or event.get("session_id")
    return {
        **data,
        "type": str(event.get("type") or "unknown")[:32],
        "session": str(session)[:128] if session else None,
        "market": event.get("market") or room_market,
        "time": event.get("time"),
    }
