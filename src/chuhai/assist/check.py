"""Every draft passes two checks before it is shown: the claim checker of its market
(:class:`chuhai.compliance.script.ScriptChecker`) and the brand's glossary and voice
(:func:`chuhai.assist.voice.check_voice`)."""

from __future__ import annotations

import inspect
from typing import Any

from chuhai.assist.models import DraftFinding
from chuhai.assist.voice import check_voice
from chuhai.compliance.script import ScriptChecker
from chuhai.glossary import Glossary

__all__ = ["DraftChecker"]

_SEVERITY = {"critical": 0, "high": 1, "medium": 2, "low": 3}


class DraftChecker:
    def __init__(
        self,
        market: str,
        glossary: Glossary,
        *,
        category: str | None = None,
        platform: str | None = "tiktok_shop",
    ) -> None:
        self.market = market
        self.glossary = glossary
        options: dict[str, Any] = {}
        accepted = inspect.signature(ScriptChecker).parameters
        if category and "category" in accepted:  # the category-aware checker takes it
            options["category"] = category
        self.claims = ScriptChecker(market, platform, **options)

    def check(self, text: str, language: str, channel: str, source: str = "") -> list[DraftFinding]:
        found = [
            DraftFinding(
                check="claim",
                rule=f.rule,
                severity=f.severity,
                text=f.text,
                why=f.why,
                why_zh=f.why_zh or None,
                suggestion=str(getattr(f, "suggestion_local", "") or f.suggestion),
                suggestion_zh=f.suggestion_zh,
            )
            for f in self.claims.check(text)
        ]
        found += [
            DraftFinding(
                check="glossary",
                rule=f"GLOSSARY-{v.kind.upper()}",
                severity="medium" if v.blocking else "low",
                text=v.text,
                why=v.why,
                why_zh=v.why_zh,
                suggestion=v.suggestion,
                blocking=v.blocking,
            )
            for v in check_voice(text, self.glossary, language, channel, source)
        ]
        return sorted(found, key=lambda f: (_SEVERITY.get(f.severity, 9), f.check))
