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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from chuhai.enrich.analyzer import Analyzer
from chuhai.enrich.embeddings import normalise_key
from chuhai.enrich.translation import GlossaryTranslator
from chuhai.live.events import EventReader
from chuhai.live.knowledge import KnowledgeIndex, KnowledgeMatch
from chuhai.live.labels import EMOTION_ZH, INTENT_ZH, LANGUAGE_ZH, REPLY_TEMPLATES
from chuhai.live.room import QUESTION_INTENTS
from chuhai.live.shared import MemoryState, SharedState
from chuhai.privacy.redacting import RedactingPrivacy
from chuhai.records import Annotations, Product, Rejection, Voice
from chuhai.settings import Settings

__all__ = ["Copilot", "CopilotOutput"]

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"\[([A-Z_]+):p_[0-9a-f]+\]")
_CONTACT = ("PHONE", "EMAIL")
Kind = Literal["comment", "rejected", "skipped"]


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
        # Questions are what the host must answer: they always get the embedding model, which
        # also finds their FAQ answer (one comment in five in the demo rooms).
        self.careful = Analyzer(
            self.analyzer.models,
            embedder=self.analyzer.embedder,
            translator=self.analyzer.translator,
            languages=self.analyzer.languages,
            cascade="accurate",
        )
        self.translator = translator or self.analyzer.translator
        self.shared = shared or MemoryState()
        self.privacy = RedactingPrivacy(settings)
        self.products = list(products)
        self.knowledge = KnowledgeIndex(self.products, self.analyzer.embedder)
        self.pinned = {room: list(skus) for room, skus in (pinned or {}).items()}

    def process(self, raw: bytes | str | Mapping[str, Any]) -> CopilotOutput:
        started = time.perf_counter()
        read = self.reader.read(raw)
        event = read.event or {}
        room = str(event.get("room") or "") or None
        if read.status == "rejected":
            return CopilotOutput(
                "rejected",
                {"kind": "rejected", "room": room, "id": event.get("id"), "reason": read.reason},
                room,
                rejection=read.rejection,
            )
        if read.status == "skipped" or read.voice is None:
            return CopilotOutput(
                "skipped",
                {"kind": "skipped", "room": room, "id": event.get("id"), "reason": read.reason},
                room,
            )
        voice = read.voice
        room = str(voice.metadata.get("room") or voice.conversation_id or "")
        event_id = voice.source.source_id or voice.id
        data: dict[str, Any] = {
            "kind": "comment",
            "id": event_id,
            "room": room,
            "market": voice.market,
            "time": voice.time.isoformat(),
            "user": (voice.author or "")[:8],
        }
        user = voice.author or "anonymous"
        if (
            self.shared.recent_count(room, user, self.config.flood_window_s)
            > self.config.flood_limit
        ):
            data |= {
                "text": _mask(voice.text),
                "flood": True,
                "action": "hide",
                "why_hidden": "flood: too many comments from one viewer",
            }
            return CopilotOutput("comment", data, room, voice=voice)
        redacted = self.privacy.process([voice])[0]
        assert isinstance(redacted, Voice)
        key = hashlib.sha1(normalise_key(redacted.text).encode()).hexdigest()[:16]
        duplicate_of = self.shared.first_seen(room, key, event_id, self.config.duplicate_window_s)
        judge = self.careful if _looks_like_question(redacted.text) else self.analyzer
        annotations = judge.analyze_one(redacted.text, voice.market)
        timings = {"analyze_ms": (time.perf_counter() - started) * 1000}
        text = _mask(redacted.text)
        pii = str(redacted.metadata.get("pii") or "")
        action, why = self._moderate(voice.market, annotations, pii)
        match, vector = self._answer(room, redacted.text, annotations)
        data |= {
            "text": text,
            "language": annotations.language.code,
            "intent": annotations.intent.label,
            "intent_zh": INTENT_ZH.get(annotations.intent.label, annotations.intent.label),
            "emotion": annotations.emotion.label,
            "emotion_zh": EMOTION_ZH.get(annotations.emotion.label, annotations.emotion.label),
            "sentiment": annotations.sentiment.label,
            "sentiment_score": annotations.sentiment.score,
            "toxicity": annotations.toxicity.severity,
            "toxic_terms": annotations.toxicity.terms,
            "purchase": annotations.intent.label == "purchase_intent",
            "action": action,
            "why_hidden": why,
            "pii": pii or None,
            "duplicate_of": duplicate_of,
            "gist_zh": self._gist(text, annotations, match),
            "answer": self._reply(annotations, match),
        }
        timings["total_ms"] = (time.perf_counter() - started) * 1000
        stored = redacted.model_copy(update={"annotations": annotations})
        return CopilotOutput("comment", data, room, voice=stored, vector=vector, timings=timings)

    def _moderate(self, market: str, a: Annotations, pii: str) -> tuple[str, str | None]:
        policy = self.config.policy(market)
        steps: list[tuple[str, str]] = []
        if a.toxicity.severity == "strong":
            steps.append((policy.strong, "strong language: " + ", ".join(a.toxicity.terms)))
        elif a.toxicity.severity == "mild":
            steps.append((policy.mild, "mild language: " + ", ".join(a.toxicity.terms)))
        if any(kind in pii for kind in _CONTACT):
            steps.append((policy.contact_details, "contact details posted in the chat"))
        if a.intent.label == "spam_offtopic" and a.intent.confidence >= 0.6:
            steps.append((policy.spam, "spam or off-topic"))
        for wanted in ("hide", "flag"):
            for action, why in steps:
                if action == wanted:
                    return action, why
        return "allow", None

    def _answer(self, room: str, text: str, a: Annotations) -> tuple[KnowledgeMatch | None, Any]:
        if a.intent.label not in QUESTION_INTENTS or not len(self.knowledge):
            return None, None
        vector = self.analyzer.embedder.embed([text])[0]
        match = self.knowledge.best(
            vector,
            a.language.code,
            min_score=self.config.answer_min_score,
            skus=self.pinned.get(room, ()),
        )
        return match, vector

    def _gist(self, text: str, a: Annotations, match: KnowledgeMatch | None) -> str:
        """What the viewer said, for a Chinese-speaking host: a translation when a provider is
        configured, else the matched FAQ question in Chinese, else the labels."""
        label = INTENT_ZH.get(a.intent.label, a.intent.label)
        if self.translator.available and a.language.code not in ("zh", "und"):
            translated = self.translator.translate([text], "zh", a.language.code)[0]
            if translated:
                return translated
        if a.language.code == "zh":
            return text
        if match and match.question_zh:
            return f"{label}：{match.question_zh}"
        language = LANGUAGE_ZH.get(a.language.code, a.language.code)
        emotion = EMOTION_ZH.get(a.emotion.label, a.emotion.label)
        return f"{label}（{language}，{emotion}）"

    def _reply(self, a: Annotations, match: KnowledgeMatch | None) -> dict[str, Any] | None:
        language = a.language.code
        if match is not None:
            reply: dict[str, Any] = {
                "text": match.answer,
                "language": match.language,
                "source": "faq",
                "sku": match.sku,
                "question": match.question,
                "score": match.score,
            }
            if match.language != language and self.translator.available and language != "und":
                translated = self.translator.translate([match.answer], language, match.language)
                if translated[0]:
                    reply |= {"text": translated[0], "language": language, "translated": True}
            return reply
        templates = REPLY_TEMPLATES.get(a.intent.label)
        if templates:
            chosen = templates.get(language) or templates["en"]
            return {
                "text": chosen,
                "language": language if language in templates else "en",
                "source": "template",
            }
        return None


_QUESTION = re.compile(
    r"[?？]|\b(?:how|what|when|where|which|does|do|is|are|can|any|berapa|apa|kapan|bisa|ada|"
    r"gimana|bagaimana|mana|boleh|magkano|ilan|saan|paano|cuánto|cuando|dónde|qué|quanto|"
    r"quando|onde|bao|nhiêu|không|mấy|sao)\b|ไหม|มั้ย|เท่าไหร่|กี่|อะไร|ยังไง|ได้ไหม|吗|多少|几|怎么|什么|哪|能不能",
    re.IGNORECASE,
)


def _looks_like_question(text: str) -> bool:
    return bool(_QUESTION.search(text))


def _mask(text: str) -> str:
    """Keyed redaction tokens shown as their type: [PHONE:p_…] -> [PHONE]."""
    return _TOKEN.sub(r"[\1]", text)
