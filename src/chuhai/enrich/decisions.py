"""From calibrated probabilities to the labels users see, and the rules that keep them honest.

A probability table is not a decision. The argmax of three classes calls a review neutral
whenever ``neu`` edges out two split opinions, although the text clearly leans one way; users
read the label, so that is what must be right:

* **neutral only when the text is neutral**: ``neu`` needs ``P(neu) >= neutral_threshold``
  (fitted in training on held-out data) *and* a small score (``|P(pos) - P(neg)| <=
  NEUTRAL_SCORE``); otherwise the sign of the score decides;
* **label, score and intent agree**: a comment shown as a complaint is negative and a refund or
  return request is never positive or neutral: a complaint is a grievance, so its neutral share
  is read as negative before the label is read off the probabilities ("三周才收到", three weeks
  to arrive, reads flat); where its wording still leans positive it is not shown as a complaint
  (praise the intent head took for one), while a refund request stays one and reads negative;
* the score keeps the sign of the label;
* **clear chat cues count**: a chat message with livestream emotes whose lexicon hits lean
  clearly one way (mean score at least ``LEXICON_POLAR`` in size: "SPAM IN CHAT WutFaceW",
  "SPOILER: THEY WIN LUL") is not called neutral because the sentence heads, which read words,
  found the words flat: the neutral mass moves to the lexicon's side in proportion to its
  strength, so the heads can still overrule it when they lean the other way. (Emoji and
  chat words alone beside prose do not lean it: on Thai posts that cost neutral recall.)
"""

from __future__ import annotations

from typing import Final, Literal

import numpy as np

from chuhai.enrich.heads import FloatArray
from chuhai.records.annotations import SentimentJudgement

__all__ = [
    "CHATTER_INTENTS",
    "COMPLAINT_INTENTS",
    "CONFIDENT_EMOTION",
    "GATING_TASKS",
    "LEXICON_POLAR",
    "NEUTRAL_SCORE",
    "REQUEST_INTENTS",
    "SENTIMENTS",
    "agree_with_intent",
    "gating_confidence",
    "lean_to_lexicon",
    "sentiment_judgement",
    "sentiment_label",
]

SENTIMENTS: Final = ("neg", "neu", "pos")  # the order of the sentiment heads' columns
NEUTRAL_SCORE: Final = 0.3  # above this |score| a text leans too clearly to be neutral
# From this mean lexicon score on, emoji, emotes and chat words say a message is not neutral.
LEXICON_POLAR: Final = 0.4
# Intents whose text is a grievance: their sentiment is never positive.
COMPLAINT_INTENTS: Final = frozenset(
    {"complaint_product", "complaint_delivery", "complaint_service", "refund_return"}
)
# Of those, the ones that ask for an action: however warmly worded, they stay what they are.
REQUEST_INTENTS: Final = frozenset({"refund_return"})
# An emotion is shown (live temperature, VOC emotion mix) only at this confidence or above;
# below it the heads are right too rarely to mean something (docs/EVALUATION.md, calibration).
CONFIDENT_EMOTION: Final = 0.5

# Tasks whose doubt sends a text to the transformer. Emotion (nine classes) is seldom
# confident: in the fast tier it keeps the fast head's answer with its calibrated confidence.
GATING_TASKS: Final = ("sentiment", "intent")
# Intents nobody has to act on. Live chat is mostly these; when the fast head is sure a
# comment is one of them, which one it is does not need the transformer.
CHATTER_INTENTS: Final = frozenset({"greeting", "praise", "feedback", "spam_offtopic"})

Sentiment = Literal["neg", "neu", "pos"]


def sentiment_label(p: FloatArray, neutral_threshold: float) -> Sentiment:
    """The label of one (neg, neu, pos) probability row."""
    score = float(p[2] - p[0])
    if p[1] >= neutral_threshold and abs(score) <= NEUTRAL_SCORE:
        return "neu"
    if score == 0.0:
        return "neu"
    return "pos" if score > 0 else "neg"


def sentiment_judgement(p: FloatArray, neutral_threshold: float) -> SentimentJudgement:
    label = sentiment_label(p, neutral_threshold)
    score = max(-1.0, min(1.0, float(p[2] - p[0])))
    # how sure: the calibrated probability of the label shown
    confidence = float(p[SENTIMENTS.index(label)])
    return SentimentJudgement(label=label, score=round(score, 4), confidence=round(confidence, 4))


def lean_to_lexicon(p: FloatArray, lexicon_score: float, neutral_threshold: float) -> FloatArray:
    """The (neg, neu, pos) row of a message whose chat lexicon hits lean clearly one way: where
    it would be labelled ``neu``, that share ``|lexicon_score|`` of P(neu) moves to the
    lexicon's side. A row already labelled pos or neg, or a weak lexicon lean, is left as is."""
    if abs(lexicon_score) < LEXICON_POLAR or sentiment_label(p, neutral_threshold) != "neu":
        return p
    q = p.astype(np.float32).copy()
    moved = min(abs(lexicon_score), 1.0) * float(q[1])
    q[1] -= moved
    q[2 if lexicon_score > 0 else 0] += moved
    return q


def agree_with_intent(
    sentiment: FloatArray, intent: FloatArray, intents: tuple[str, ...]
) -> tuple[FloatArray, FloatArray]:
    """Sentiment and intent probabilities made to agree: a complaint or refund request is
    never positive or neutral. A complaint's neutral mass moves to ``neg`` ("parcel three
    weeks late" reads flat but is a grievance; shown as a complaint, it is not neutral).
    Where the text still leans positive, a refund request stays one (it is an action to take,
    however politely asked) and its sentiment turns negative; a complaint gives way to the
    intent's best non-complaint label, as the wording says ("bagus banget, suka sekali!" is
    praise). The intent head takes a product's name for a grievance too readily ("Bỉm mềm, bé
    mặc qua đêm không bị hăm, không tràn" read ``complaint_product`` at 0.9): on held-out reviews,
    letting a sure intent turn praise negative cost 2 points of label accuracy."""
    best = int(intent.argmax())
    if intents[best] not in COMPLAINT_INTENTS:
        return sentiment, intent
    q = sentiment.astype(np.float32).copy()
    q[0] += q[1]
    q[1] = 0.0
    if q[2] <= q[0]:
        return q, intent
    if intents[best] in REQUEST_INTENTS:
        return np.array([q[2], q[1], q[0]], dtype=np.float32), intent
    kept = np.array([label not in COMPLAINT_INTENTS for label in intents], dtype=np.float32)
    others = intent * kept
    return sentiment, np.asarray(others / max(float(others.sum()), 1e-9), dtype=np.float32)


def gating_confidence(
    task: str, labels: tuple[str, ...], p: FloatArray, neutral_threshold: float
) -> float:
    """How sure a head is of what matters: for intent, whether a comment needs an action at
    all when it is taken for chatter; for sentiment, of the label shown (neutral, or the
    side against the other side); otherwise its top class."""
    if task == "intent" and labels[int(p.argmax())] in CHATTER_INTENTS:
        return float(sum(p[i] for i, label in enumerate(labels) if label in CHATTER_INTENTS))
    if task == "sentiment":
        label = sentiment_label(p, neutral_threshold)
        if label == "neu":
            return float(p[1])
        side = float(p[2] if label == "pos" else p[0])
        return side / max(float(p[0] + p[2]), 1e-9)
    return float(p.max())
