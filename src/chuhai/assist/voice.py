"""A text checked against a brand's glossary and voice: banned words, names that must stay,
fixed translations, the Thai polite particle, pronouns to avoid, how many emoji.

Words are matched whole in spaced scripts and anywhere in Thai and Chinese (no spaces
between words there). Findings that ``block`` make a draft go back for a rewrite; the others
(an address word the text does not use) are shown as advice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from chuhai.glossary import Glossary

__all__ = ["VoiceFinding", "check_voice", "count_emoji"]

_UNSPACED = ("th", "zh", "ja", "ko", "lo", "km", "my")
# a flag (two regional letters), or a pictograph or dingbat (skin tones are part of the one
# before them, not emoji of their own); not CJK punctuation
_EMOJI = re.compile(
    "[\U0001f1e6-\U0001f1ff]{2}"
    "|[\U0001f300-\U0001f3fa\U0001f400-\U0001faff\u2600-\u27bf\u2b50\u2b55]"
)


@dataclass(frozen=True)
class VoiceFinding:
    kind: str  # banned, keep, term, particle, pronoun, emoji, address
    text: str
    why: str
    why_zh: str
    suggestion: str
    blocking: bool = True
    start: int = -1
    end: int = -1

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def count_emoji(text: str) -> int:
    return len(_EMOJI.findall(text))


@cache
def _word(term: str, language: str) -> re.Pattern[str]:
    escaped = re.escape(term)
    if language in _UNSPACED or not re.match(r"\w", term[:1]):
        return re.compile(escaped, re.IGNORECASE)
    return re.compile(rf"(?<!\w){escaped}(?!\w)", re.IGNORECASE)


def _contains(text: str, term: str, language: str) -> bool:
    return _word(term, language).search(text) is not None


def check_voice(
    text: str,
    glossary: Glossary,
    language: str,
    channel: str,
    source: str = "",
) -> list[VoiceFinding]:
    """Findings of ``text`` (written in ``language`` for ``channel``) against ``glossary``;
    ``source`` is what it was written from (the brief, the customer's message): a name or
    a glossary term found there must come out as the glossary says."""
    found: list[VoiceFinding] = []
    for banned in glossary.banned:
        if banned.languages and language not in banned.languages:
            continue
        for match in _word(banned.text, language).finditer(text):
            instead = f' Say "{banned.instead}".' if banned.instead else ""
            found.append(
                VoiceFinding(
                    "banned", match.group(), (banned.why or "The brand never uses this word.")
                    + instead, f"品牌禁用词「{match.group()}」。"
                    + (f"改用「{banned.instead}」。" if banned.instead else ""),
                    banned.instead or "", start=match.start(), end=match.end(),
                )
            )  # fmt: skip
    for name in glossary.keep:
        if source and _contains(source, name, "zh") and not _contains(text, name, language):
            found.append(
                VoiceFinding("keep", name, f"The name {name!r} must appear unchanged.",
                             f"品牌/产品名「{name}」必须原样保留，不得翻译或改写。", name)
            )  # fmt: skip
    for term in glossary.terms:
        wanted = term.zh if language == "zh" else term.renderings.get(language)
        said = (term.zh, *term.renderings.values())
        if not wanted or not source or not any(_contains(source, w, "zh") for w in said):
            continue
        if not _contains(text, wanted, language):
            found.append(
                VoiceFinding("term", wanted, f"{term.zh!r} is always rendered as {wanted!r}.",
                             f"术语「{term.zh}」固定译为「{wanted}」。", wanted)
            )  # fmt: skip
    found += _voice(text, glossary, language, channel)
    return found


def _voice(text: str, glossary: Glossary, language: str, channel: str) -> list[VoiceFinding]:
    voice, found = glossary.voice, []
    spoken = channel in ("script", "reply", "email")
    if voice.particle and language == "th" and spoken and text.strip():
        if not any(p in text for p in voice.particle):
            wanted = " / ".join(voice.particle)
            found.append(
                VoiceFinding("particle", "", f"A Thai {channel} ends politely with {wanted}.",
                             f"泰语{_CHANNEL_ZH.get(channel, '')}需要礼貌语气词（{wanted}）。",
                             wanted)
            )  # fmt: skip
        elif len(voice.particle) == 1:
            pass
        elif all(p in text for p in voice.particle):
            found.append(
                VoiceFinding("particle", "", "One speaker: use either ค่ะ or ครับ, not both.",
                             "同一位主播/客服只用一种语气词（ค่ะ 或 ครับ），不要混用。",
                             voice.particle[0])
            )  # fmt: skip
    for pronoun in voice.avoid or []:
        for match in _word(pronoun, language).finditer(text):
            found.append(
                VoiceFinding("pronoun", match.group(), f"The brand never says {pronoun!r}.",
                             f"品牌不使用称呼「{pronoun}」。", voice.address_for(channel) or "",
                             start=match.start(), end=match.end())
            )  # fmt: skip
    address = voice.address_for(channel)
    if address and spoken and language != "zh" and not _contains(text, address, language):
        found.append(
            VoiceFinding("address", address, f"The brand addresses customers as {address!r}.",
                         f"品牌对客户的称呼是「{address}」。", address, blocking=False)
        )  # fmt: skip
    limit = voice.emoji_limit
    emoji = count_emoji(text)
    if limit is not None and emoji > limit:
        found.append(
            VoiceFinding("emoji", str(emoji), f"{emoji} emoji; the brand uses at most {limit}.",
                         f"表情符号 {emoji} 个，品牌在此最多用 {limit} 个。", "")
        )  # fmt: skip
    return found


_CHANNEL_ZH = {"script": "直播话术", "reply": "回复", "email": "邮件"}
