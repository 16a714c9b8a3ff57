"""Messaging-app handles and links (LINE, WhatsApp, Telegram, WeChat, Zalo): contact details
that take a buyer off the platform, in every market, and identify a person.

The apps, the names chats give them, the shape of their IDs and their link patterns are data
(``privacy/data/messengers.yaml``), validated when read. A link counts wherever it appears; a
handle counts after the app's name when something says it is one: an ``@``, a separator
("wx: abc123", "微信号 abc", "LINE ID abc"), a word asking to be added just before the name
("加微信 abc", "add LINE ..."), or a shape no word has (digits, ``_``). Names that are also
everyday words ("line", "tele", "wa") need more than the shape, so "the line was long" and
"line 5" are no handle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import ClassVar, Final, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from chuhai.datafiles import load_model, parse_model
from chuhai.privacy.pii.base import Entity, EntityType, Recognizer

__all__ = ["MessengerApp", "MessengerData", "MessengerRecognizer", "load_messengers"]

LINK_SCORE: Final = 0.97  # a whole link beats a phone number found inside it
HANDLE_SCORE: Final = 0.85
# a number after "WhatsApp" or "ไลน์" stays a PHONE wherever libphonenumber knows it (0.8+)
NUMBER_SCORE: Final = 0.75
# what may stand between an app's name and the handle; the first group marks it explicit
_SEPARATOR: Final = r"(?P<sep>[ \t]*(?:(?P<explicit>[:：=]|\bid\b|号|ไอดี)[ \t:：=]*)?(?:is[ \t]+)?)"
# the whole token, not the prefix of a longer one (Han or Thai text may touch it)
_HANDLE_END: Final = r"(?![A-Za-z0-9_@.-]*[A-Za-z0-9_@])"


def _pattern(value: str) -> str:
    try:
        compiled = re.compile(value, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"not a valid pattern ({exc}): {value!r}") from None
    if compiled.fullmatch(""):
        raise ValueError(f"matches the empty string: {value!r}")
    return value


class MessengerApp(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    app: str = Field(pattern=r"^[A-Z][A-Z_]{1,19}$")
    names: list[str] = Field(min_length=1)
    ambiguous: list[str] = Field(default_factory=list)
    handle: str
    links: list[str] = Field(default_factory=list)

    @field_validator("names", "ambiguous")
    @classmethod
    def _words(cls, value: list[str]) -> list[str]:
        words = [w.strip().casefold() for w in value]
        if any(not w for w in words):
            raise ValueError("an empty name")
        return words

    @field_validator("handle")
    @classmethod
    def _handle(cls, value: str) -> str:
        return _pattern(value)

    @field_validator("links")
    @classmethod
    def _links(cls, value: list[str]) -> list[str]:
        return [_pattern(v) for v in value]

    @model_validator(mode="after")
    def _ambiguous_are_names(self) -> Self:
        if stray := sorted(set(self.ambiguous) - set(self.names)):
            raise ValueError(f"{self.app}: ambiguous {stray} are not among its names")
        return self


class MessengerData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    cues: list[str] = Field(default_factory=list)
    not_handles: list[str] = Field(default_factory=list)
    apps: list[MessengerApp] = Field(min_length=1)

    @field_validator("cues", "not_handles")
    @classmethod
    def _words(cls, value: list[str]) -> list[str]:
        words = [w.strip().casefold() for w in value]
        if any(not w for w in words):
            raise ValueError("an empty word")
        return words

    @model_validator(mode="after")
    def _unique(self) -> Self:
        seen: dict[str, str] = {}
        for app in self.apps:
            if app.app in seen.values():
                raise ValueError(f"app {app.app} is listed twice")
            for name in app.names:
                if name in seen:
                    raise ValueError(f"name {name!r} is given to {seen[name]} and {app.app}")
                seen[name] = app.app
        return self


DATA_FILE: Final = "data/messengers.yaml"


@cache
def load_messengers(path: Path | None = None) -> MessengerData:
    """The apps of ``path`` (default: chuhai's own list); a broken file is a ConfigError with
    the file and the line."""
    if path is None:
        source = resources.files("chuhai.privacy").joinpath(DATA_FILE)
        return parse_model(Path(str(source)), source.read_text("utf-8"), MessengerData)
    return load_model(path, MessengerData)


def _alternation(words: list[str]) -> str:
    """Longest first, so "微信号" wins over "微信"; ASCII words as whole words."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        escaped = re.escape(word).replace(r"\ ", r"[ \t]?")
        parts.append(rf"(?<![\w@./-]){escaped}(?![^\W\d_])" if word.isascii() else escaped)
    return "|".join(parts)


@dataclass(frozen=True)
class _App:
    name: str
    ambiguous: frozenset[str]
    handles: re.Pattern[str]


class MessengerRecognizer(Recognizer):
    name = "messenger"
    entity_type: ClassVar[EntityType] = "MESSENGER"

    def __init__(self, data: MessengerData | None = None) -> None:
        data = data or load_messengers()
        flags = re.IGNORECASE
        # one group per app: the match's lastgroup names the app of a link
        links = "|".join(f"(?P<{a.app}>{'|'.join(a.links)})" for a in data.apps if a.links)
        self._links = re.compile(rf"(?<![\w.-])(?:https?://)?(?:www\.)?(?:{links})", flags)
        self._apps = [
            _App(
                app.app,
                frozenset(app.ambiguous),
                re.compile(
                    rf"(?P<name>{_alternation(app.names)}){_SEPARATOR}"
                    rf"(?P<handle>{app.handle}){_HANDLE_END}",
                    flags,
                ),
            )
            for app in data.apps
        ]
        self._cue = re.compile(rf"(?:{_alternation(data.cues)})[ \t]*$", flags)
        self._not_handles = frozenset(data.not_handles)

    def find(self, text: str, market: str | None) -> list[Entity]:
        found = [
            Entity("MESSENGER", m.start(), m.end(), LINK_SCORE, m.lastgroup or "", self.name)
            for m in self._links.finditer(text)
        ]
        for app in self._apps:
            for m in app.handles.finditer(text):
                if self._is_handle(text, m, app):
                    start, end = m.span("handle")
                    number = sum(c.isdigit() for c in m["handle"]) >= 7 and not re.search(
                        "[A-Za-z]", m["handle"]
                    )
                    score = NUMBER_SCORE if number else HANDLE_SCORE
                    found.append(Entity("MESSENGER", start, end, score, app.name, self.name))
        return found

    def _is_handle(self, text: str, m: re.Match[str], app: _App) -> bool:
        name, handle = m["name"].casefold(), m["handle"]
        if handle.casefold().lstrip("@") in self._not_handles:
            return False
        if name.isascii() and not m["sep"] and not handle.startswith("@"):
            return False  # "wx123" is a word, not a name and a handle
        digits = sum(c.isdigit() for c in handle)
        strong = (
            handle.startswith("@")
            or bool(m["explicit"])
            or digits >= 7  # a phone number
            or bool(self._cue.search(text, max(0, m.start() - 30), m.start()))
        )
        if " ".join(name.split()) in app.ambiguous:
            return strong
        return strong or digits > 0 or "_" in handle or "." in handle.strip(".")
