"""The fixed choices of CLI options, as Enums: ``--help`` lists them and click refuses a bad
value with exit 2 and its own one-line message.

They mirror registries that live in heavy modules (connectors, enrich, supply forecasters ...)
so that ``chuhai --help`` stays fast; tests/cli/test_choices.py fails when a mirror and its
registry disagree. Choices that depend on a file (a setup's shipping modes, a config's zones)
stay checked by hand where they are used.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "Cascade",
    "Engine",
    "EvalSection",
    "Forecaster",
    "Freq",
    "Gaps",
    "Kind",
    "Lang",
    "RedactionMode",
    "Role",
    "Sentiment",
    "Severity",
    "Task",
]


class Lang(StrEnum):
    """Language of the tables the CLI prints for operators."""

    ZH = "zh"
    EN = "en"


class Kind(StrEnum):
    """What imported files hold (chuhai.connectors.CONNECTORS)."""

    REVIEWS = "reviews"
    EMAIL = "email"
    CALLS = "calls"
    SURVEYS = "surveys"
    USER_TESTS = "user-tests"
    LIVE = "live"
    ORDERS = "orders"
    PRODUCTS = "products"
    SESSIONS = "sessions"
    CREATORS = "creators"
    CREATOR_CONTENT = "creator-content"
    AFFILIATE_ORDERS = "affiliate-orders"


class Engine(StrEnum):
    """Where the enrich stage runs (chuhai.enrich.engines.ENGINES)."""

    INPROCESS = "inprocess"
    RAY = "ray"


class Cascade(StrEnum):
    """How much of the analyzer's model cascade runs (chuhai.enrich.analyzer.CASCADES)."""

    ACCURATE = "accurate"
    BALANCED = "balanced"
    FAST = "fast"


class Severity(StrEnum):
    """Severity of a script finding (chuhai.compliance.script.SEVERITIES)."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class RedactionMode(StrEnum):
    """How found personal data is redacted (chuhai.privacy.pii.REDACTION_MODES)."""

    MASK = "mask"
    PSEUDONYM = "pseudonym"
    DROP = "drop"


class Sentiment(StrEnum):
    """A voice's polarity (chuhai.voc.scope.POLARITIES)."""

    POS = "pos"
    NEU = "neu"
    NEG = "neg"


class Role(StrEnum):
    """A user's role (chuhai.access.roles.Role)."""

    ADMIN = "admin"
    HQ = "hq"
    LOCAL = "local"
    AUDITOR = "auditor"
    PARTNER = "partner"


class Freq(StrEnum):
    """Period of a demand series: weeks or days."""

    W = "W"
    D = "D"


class Gaps(StrEnum):
    """What a missing period of a demand series becomes."""

    ERROR = "error"
    ZERO = "zero"
    INTERPOLATE = "interpolate"


class Forecaster(StrEnum):
    """Demand forecasters (chuhai.supply.forecast.FORECASTERS)."""

    AUTO_ETS = "auto_ets"
    CHUHAI = "chuhai"
    CROSTON_SBA = "croston_sba"
    EVENT_GBM = "event_gbm"
    RECENT_MEAN = "recent_mean"
    SEASONAL_NAIVE = "seasonal_naive"
    TSB = "tsb"


class Task(StrEnum):
    """The trained heads (TASK_SPECS of the training code)."""

    SENTIMENT = "sentiment"
    EMOTION = "emotion"
    INTENT = "intent"


class EvalSection(StrEnum):
    """Sections of ``chuhai eval``: the evaluation's SECTIONS, then PII and the gist."""

    LANGUAGE = "language"
    SENTIMENT = "sentiment"
    ASPECTS = "aspects"
    ASPECT_CATEGORIES = "aspect categories"
    EMOTION = "emotion"
    INTENT = "intent"
    CASCADES = "cascades"
    PII = "pii"
    GIST = "gist"
