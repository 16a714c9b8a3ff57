"""The pre-live script checker: banned or risky claims in a host's script (or transcript) for
one market and platform, each with the rule, the span, why, the source and a safer wording.

A screening aid: a finding means a person should look at the sentence before going live.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

from chuhai.compliance.models import ClaimRule, ClaimSet
from chuhai.compliance.registry import claim_sets

__all__ = ["SEVERITIES", "ScriptChecker", "ScriptFinding", "TimedLine"]

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

    def as_dict(self) -> dict[str, Any]:
        out = {
            "rule": self.rule, "start": self.start, "end": self.end, "text": self.text,
            "severity": self.severity, "why": self.why, "why_zh": self.why_zh or None,
            "source": self.source,
            "suggestion": self.suggestion, "suggestion_zh": self.suggestion_zh,
            "category": self.category, "action": self.action, "line": self.line,
        }  # fmt: skip
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


class ScriptChecker:
    """``check(text)`` -> findings for ``market`` on ``platform`` (None: law only)."""

    def __init__(
        self, market: str, platform: str | None = "tiktok_shop", sets: Sequence[ClaimSet] = ()
    ) -> None:
        self.market = market
        self.platform = platform
        chosen = sets or claim_sets()
        self.sets = [
            s for s in chosen if s.covers(market) and (s.platform is None or s.platform == platform)
        ]

    @property
    def rules(self) -> list[ClaimRule]:
        return [rule for s in self.sets for rule in s.rules]

    def check(self, text: str) -> list[ScriptFinding]:
        lines = [TimedLine(t, n) for n, t in enumerate(text.split("\n"), start=1)]
        return self.check_lines(lines, whole=text)

    def check_lines(
        self, lines: Sequence[TimedLine], whole: str | None = None
    ) -> list[ScriptFinding]:
        """Findings per line (offsets within the whole text when ``whole`` is given)."""
        everything = whole if whole is not None else "\n".join(line.text for line in lines)
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
        return _without_repeats(found)

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
                        source=rule.sources[0],
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


def _without_repeats(found: list[ScriptFinding]) -> list[ScriptFinding]:
    """One finding per rule and overlapping span (a rule's patterns often overlap)."""
    kept: list[ScriptFinding] = []
    for f in sorted(found, key=lambda f: (f.start, -(f.end - f.start), f.rule)):
        if any(k.rule == f.rule and k.start < f.end and f.start < k.end for k in kept):
            continue
        kept.append(f)
    return kept
