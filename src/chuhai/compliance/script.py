"""The pre-live script checker: banned or risky claims in a host's script (or transcript) for
one market, platform and product category, each with the rule, the span, why, the source and a
safer wording in English, Chinese and the line's own language, most severe first.

Three tiers: the rule packs' patterns (``claims/*.yaml``, only the rules for the product's
category), certification claims the product has no certificate on file for
(``certifications.yaml``), and, when an :class:`~chuhai.compliance.understanding.Understanding`
is given, lines whose meaning is close to a risky exemplar though no pattern matched, and, when
a :class:`~chuhai.compliance.claim_model.ClaimModel` is given, lines the trained classifier
calls risky though nothing else flagged them.

A screening aid: a finding means a person should look at the sentence before going live.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from pydantic import BaseModel, ConfigDict, Field, field_validator

from chuhai.compliance.categories import (
    claimed_certifications,
    held_certifications,
    normalise_category,
)
from chuhai.compliance.models import ClaimRule, ClaimSet
from chuhai.compliance.registry import claim_sets
from chuhai.datafiles import load_model
from chuhai.markets import MARKET_INFO

if TYPE_CHECKING:
    from chuhai.compliance.claim_model import ClaimModel
    from chuhai.compliance.understanding import Understanding

__all__ = ["SEVERITIES", "ScriptChecker", "ScriptFinding", "TimedLine", "severity_order"]

SEVERITIES: Final = ("critical", "high", "medium", "low")
_FLAGS: Final = re.IGNORECASE | re.UNICODE


@dataclass(frozen=True)
class ScriptFinding:
    rule: str
    category: str
    severity: str
    start: int
    end: int
    text: str
    why: str
    source: str
    suggestion: str
    suggestion_zh: str
    action: str
    line: int
    time: float | None = None  # seconds into the session, for transcripts
    missing_disclosure: bool = False
    why_zh: str = ""  # empty where the rule has no Chinese yet
    lang: str = ""  # the line's language (ISO 639-1), "und" when unknown
    suggestion_local: str = ""  # the safer wording in the line's language (else the market's)
    claim_class: str | None = None
    tier: str = "pattern"  # pattern | certificate | understanding | model
    score: float | None = None  # the understanding tier's similarity, the model's risk

    def as_dict(self) -> dict[str, Any]:
        out = {
            "rule": self.rule, "start": self.start, "end": self.end, "text": self.text,
            "severity": self.severity, "why": self.why, "why_zh": self.why_zh or None,
            "source": self.source,
            "suggestion": self.suggestion, "suggestion_zh": self.suggestion_zh,
            "suggestion_local": self.suggestion_local or self.suggestion, "lang": self.lang,
            "category": self.category, "claim_class": self.claim_class, "tier": self.tier,
            "action": self.action, "line": self.line,
        }  # fmt: skip
        if self.score is not None:
            out["score"] = round(self.score, 3)
        if self.time is not None:
            out["time"] = self.time
        if self.missing_disclosure:
            out["missing_disclosure"] = True
        return out


@dataclass(frozen=True)
class TimedLine:
    """A piece of a transcript: its text, where it starts in the session, its line."""

    text: str
    line: int
    time: float | None = None


@cache
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, _FLAGS) for p in patterns)


def severity_order(finding: ScriptFinding) -> tuple[int, int, int, str]:
    """Most severe first, then in script order."""
    return (SEVERITIES.index(finding.severity), finding.line, finding.start, finding.rule)


class ScriptChecker:
    """``check(text)`` -> findings for ``market`` on ``platform`` (None: law only), for a
    product of ``category`` (None: every rule applies) holding ``certificates`` (None: not
    known; a certification claim is then a finding to check)."""

    def __init__(
        self,
        market: str,
        platform: str | None = "tiktok_shop",
        sets: Sequence[ClaimSet] = (),
        *,
        category: str | None = None,
        certificates: Iterable[str] | None = None,
        understanding: Understanding | None = None,
        model: ClaimModel | None = None,
    ) -> None:
        self.market = market
        self.platform = platform
        self.category = normalise_category(category)
        self.certificates = None if certificates is None else sorted(set(certificates))
        self.held = held_certifications(self.certificates or (), market)
        self.understanding = understanding
        self.model = model
        chosen = sets or claim_sets()
        self.sets = [
            s for s in chosen if s.covers(market) and (s.platform is None or s.platform == platform)
        ]

    @property
    def rules(self) -> list[ClaimRule]:
        """The rules for this market, platform and product category."""
        return [rule for s in self.sets for rule in s.rules if self.applies(rule)]

    def applies(self, rule: ClaimRule) -> bool:
        return not rule.categories or self.category == "general" or self.category in rule.categories

    def check(self, text: str) -> list[ScriptFinding]:
        lines = [TimedLine(t, n) for n, t in enumerate(text.split("\n"), start=1)]
        return self.check_lines(lines, whole=text)

    def check_lines(
        self, lines: Sequence[TimedLine], whole: str | None = None
    ) -> list[ScriptFinding]:
        """Findings per line (offsets within the whole text when ``whole`` is given)."""
        everything = whole if whole is not None else "\n".join(line.text for line in lines)
        lines = [replace(line, text=without_disclaimers(line.text)) for line in lines]
        offsets, position = [], 0
        for line in lines:
            offsets.append(position)
            position += len(line.text) + 1
        found: list[ScriptFinding] = []
        for rule in self.rules:
            disclosed = bool(rule.requires) and any(
                p.search(everything) for p in _compiled(tuple(rule.requires))
            )
            for line, offset in zip(lines, offsets, strict=True):
                if rule.requires and not rule.requires_when:
                    if not disclosed:
                        found += self._matches(rule, rule.patterns, line, offset, missing=True)
                    continue
                found += self._matches(rule, rule.patterns, line, offset, missing=False)
                if rule.requires_when and not disclosed:
                    found += self._matches(rule, rule.requires_when, line, offset, missing=True)
        for line, offset in zip(lines, offsets, strict=True):
            found += self._certificate_claims(line, offset)
        found = _without_repeats(found)
        if self.understanding is not None:
            found += self._understood(lines, offsets, {f.line for f in found})
        if self.model is not None:
            found += self._modelled(lines, offsets, {f.line for f in found})
        languages = [_language(line.text, self.market) for line in lines]
        by_line = {line.line: lang for line, lang in zip(lines, languages, strict=True)}
        local = [self._localised(f, by_line.get(f.line, "und")) for f in found]
        return sorted(local, key=severity_order)

    def _certificate_claims(self, line: TimedLine, offset: int) -> list[ScriptFinding]:
        """Marks the line claims that the product has no certificate on file for."""
        out = []
        for cert, start, end in claimed_certifications(line.text, self.market):
            if cert.id in self.held:
                continue
            unknown = self.certificates is None
            why = (
                f"The script claims {cert.name}; "
                + ("no certificates were given for this product: check one is on file "
                   "before saying it." if unknown else "no such certificate is on file for "
                   "this product. A certification claim without the certificate is false.")
            )  # fmt: skip
            why_zh = f"话术宣称产品具有{cert.name_zh}；" + (
                "未提供该产品的证书信息，开播前请确认证书已备案。"
                if unknown
                else "该产品没有备案此证书。没有证书的认证宣称属于虚假宣传。"
            )
            advice = _class_advice("certification")
            out.append(
                ScriptFinding(
                    rule=f"CERT-{cert.id}", category="certification_claim",
                    severity="medium" if unknown else "high",
                    start=offset + start, end=offset + end, text=line.text[start:end],
                    why=why, why_zh=why_zh, source=cert.sources[0],
                    suggestion=advice[0], suggestion_zh=advice[1], action="verify",
                    line=line.line, time=line.time, claim_class="certification",
                    tier="certificate",
                )
            )  # fmt: skip
        return out

    def _understood(
        self, lines: Sequence[TimedLine], offsets: Sequence[int], flagged: set[int]
    ) -> list[ScriptFinding]:
        """Lines no pattern caught whose meaning is close to a risky exemplar."""
        assert self.understanding is not None
        todo = [(n, line) for n, line in enumerate(lines) if _open(line, flagged)]
        judged = self.understanding.judge([line.text for _, line in todo], self.category)
        out = []
        for (n, line), judgement in zip(todo, judged, strict=True):
            if judgement is None:
                continue
            claim = judgement.claim
            start = len(line.text) - len(line.text.lstrip())
            out.append(
                ScriptFinding(
                    rule=f"UNDERSTOOD-{claim.id.upper().replace('_', '-')}",
                    category=claim.id, severity=claim.severity,
                    start=offsets[n] + start, end=offsets[n] + len(line.text.rstrip()),
                    text=line.text.strip(),
                    why=f'Reads like a risky claim (close to "{judgement.exemplar}"). {claim.why}',
                    why_zh=f"语义接近风险表述（如：“{judgement.exemplar}”）。{claim.why_zh}",
                    source="chuhai understanding tier (compliance/exemplars.yaml)",
                    suggestion=claim.suggestion, suggestion_zh=claim.suggestion_zh,
                    action="review", line=line.line, time=line.time, claim_class=claim.id,
                    tier="understanding", score=judgement.similarity,
                )
            )  # fmt: skip
        return out

    def _modelled(
        self, lines: Sequence[TimedLine], offsets: Sequence[int], flagged: set[int]
    ) -> list[ScriptFinding]:
        """Lines nothing else flagged that the trained classifier calls risky."""
        from chuhai.compliance.claim_model import model_texts

        assert self.model is not None
        texts = model_texts()
        todo = [(n, line) for n, line in enumerate(lines) if _open(line, flagged)]
        judged = self.model.judge([line.text for _, line in todo])
        out = []
        for (n, line), judgement in zip(todo, judged, strict=True):
            claim = None if judgement is None else texts.get(judgement.claim)
            if judgement is None or claim is None:
                continue
            start = len(line.text) - len(line.text.lstrip())
            out.append(
                ScriptFinding(
                    rule=f"MODEL-{claim.id.upper().replace('_', '-')}",
                    category=claim.id, severity=texts.severity,
                    start=offsets[n] + start, end=offsets[n] + len(line.text.rstrip()),
                    text=line.text.strip(), why=claim.why, why_zh=claim.why_zh,
                    source="chuhai trained tier (compliance/claim_model.npz)",
                    suggestion=claim.suggestion, suggestion_zh=claim.suggestion_zh,
                    action="review", line=line.line, time=line.time, claim_class=claim.id,
                    tier="model", score=judgement.risk,
                )
            )  # fmt: skip
        return out

    def _localised(self, finding: ScriptFinding, lang: str) -> ScriptFinding:
        """The finding with the safer wording in the line's language (else the market's)."""
        wanted = (
            [lang, *MARKET_INFO[self.market].languages] if self.market in MARKET_INFO else [lang]
        )
        texts = self._suggestions(finding)
        local = next((texts[code] for code in wanted if code in texts), finding.suggestion)
        return replace(finding, lang=lang, suggestion_local=local)

    def _suggestions(self, finding: ScriptFinding) -> dict[str, str]:
        if finding.tier == "pattern":
            rule = next((r for r in self.rules if r.id == finding.rule), None)
            if rule is not None:
                return {"en": rule.suggestion, **rule.suggestions}
            return {}
        claim = finding.claim_class or ""
        return _class_suggestions(claim)

    def _matches(
        self, rule: ClaimRule, patterns: list[str], line: TimedLine, offset: int, *, missing: bool
    ) -> list[ScriptFinding]:
        out = []
        for pattern in _compiled(tuple(patterns)):
            for match in pattern.finditer(line.text):
                if match.end() == match.start():
                    continue
                why, why_zh = rule.why, rule.why_zh or ""
                if missing:
                    why = "No disclosure found in the script. " + why
                    why_zh = "话术中没有找到必需的声明。" + why_zh if why_zh else ""
                out.append(
                    ScriptFinding(
                        rule=rule.id,
                        category=rule.category,
                        severity=rule.severity,
                        start=offset + match.start(),
                        end=offset + match.end(),
                        text=match.group(),
                        why=why,
                        source=source_for(rule.sources, self.market),
                        suggestion=rule.suggestion,
                        suggestion_zh=rule.suggestion_zh,
                        action=rule.action,
                        line=line.line,
                        time=line.time,
                        missing_disclosure=missing,
                        why_zh=why_zh,
                    )
                )
        return out


@cache
def _identifier() -> Any:
    from chuhai.enrich.language import LanguageIdentifier

    return LanguageIdentifier()


def _language(text: str, market: str) -> str:
    if not text.strip():
        return "und"
    guess = _identifier().identify(text, market if market in MARKET_INFO else None)
    return str(guess.code)


@cache
def _class_suggestions(claim: str) -> dict[str, str]:
    from chuhai.compliance.understanding import exemplars

    for item in exemplars().classes:
        if item.id == claim:
            return {"en": item.suggestion, **item.suggestions}
    return {}


def _class_advice(claim: str) -> tuple[str, str]:
    from chuhai.compliance.understanding import exemplars

    item = next(c for c in exemplars().classes if c.id == claim)
    return item.suggestion, item.suggestion_zh


class Disclaimer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[A-Z0-9-]+$")
    why: str = Field(min_length=10)
    patterns: list[str] = Field(min_length=1)

    @field_validator("patterns")
    @classmethod
    def _compile(cls, value: list[str]) -> list[str]:
        for pattern in value:
            re.compile(pattern, _FLAGS)
        return value


class Disclaimers(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    disclaimers: list[Disclaimer] = Field(min_length=1)


@cache
def _disclaimer_patterns() -> tuple[re.Pattern[str], ...]:
    path = Path(str(resources.files("chuhai.compliance").joinpath("disclaimers.yaml")))
    table = load_model(path, Disclaimers)
    return tuple(re.compile(p, _FLAGS) for d in table.disclaimers for p in d.patterns)


def _open(line: TimedLine, flagged: set[int]) -> bool:
    """A line the meaning and model tiers read: not flagged, and words left once its
    disclaimers are blanked (a line that is all disclaimer says nothing to judge)."""
    return line.line not in flagged and _WORDS.search(line.text) is not None


_WORDS: Final = re.compile(r"[^\W\d_]{2,}")


def without_disclaimers(text: str) -> str:
    """``text`` with the disclaimers the law asks for blanked (same length: offsets hold), so
    "not intended to ... treat, cure or prevent any disease" is not read as a cure claim."""
    for pattern in _disclaimer_patterns():
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


_MARKET_PREFIX: Final = re.compile(r"^([A-Z]{2}(?:-[A-Z]{2})?)\s*:")


def source_for(sources: Sequence[str], market: str) -> str:
    """The source that speaks for ``market``: one marked "TH: ...", else the first marked for
    no market in particular, else the first (a rule shared by markets lists one per market)."""
    marked = [(_MARKET_PREFIX.match(s), s) for s in sources]
    for match, source in marked:
        if match and match.group(1) == market:
            return source
    unmarked = [source for match, source in marked if not match]
    return unmarked[0] if unmarked else sources[0]


def _without_repeats(found: list[ScriptFinding]) -> list[ScriptFinding]:
    """One finding per rule and overlapping span (a rule's patterns often overlap)."""
    kept: list[ScriptFinding] = []
    for f in sorted(found, key=lambda f: (f.start, -(f.end - f.start), f.rule)):
        if any(k.rule == f.rule and k.start < f.end and f.start < k.end for k in kept):
            continue
        kept.append(f)
    return kept
