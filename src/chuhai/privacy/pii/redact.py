"""Redaction: each piece of personal data masked, replaced by a keyed pseudonym, or dropped.

* ``mask``: ``[PHONE]``, the type only;
* ``pseudonym``: ``[PHONE:p_3f9a…]``, the zone's keyed pseudonym of the value, so the same
  phone number gets the same token in every channel of a zone and can be found again by a
  data-subject request, without the number being stored;
* ``drop``: the value is removed and nothing marks where it was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, Literal

from chuhai.privacy.pii.base import Entity
from chuhai.privacy.pseudonym import Pseudonymizer

__all__ = ["REDACTION_MODES", "RedactionMode", "Redactor", "normalise_value"]

RedactionMode = Literal["mask", "pseudonym", "drop"]
REDACTION_MODES: Final[tuple[RedactionMode, ...]] = ("mask", "pseudonym", "drop")
_SEPARATORS: Final = re.compile(r"[\s().+-]")


def normalise_value(entity_type: str, value: str) -> str:
    """The form a value is pseudonymised in: "+62 812-3456" and "+628123456" agree."""
    if entity_type in ("PHONE", "CREDIT_CARD", "IBAN", "NATIONAL_ID"):
        return _SEPARATORS.sub("", value).replace(".", "").replace("/", "").upper()
    return " ".join(value.split()).casefold()


class Redactor:
    def __init__(self, mode: RedactionMode, pseudonymizer: Pseudonymizer | None = None) -> None:
        if mode not in REDACTION_MODES:
            raise ValueError(
                f"unknown redaction mode {mode!r}; modes: {', '.join(REDACTION_MODES)}"
            )
        if mode == "pseudonym" and pseudonymizer is None:
            raise ValueError("pseudonym redaction needs the zone's pseudonymizer")
        self.mode = mode
        self.pseudonymizer = pseudonymizer

    def token(self, entity: Entity, value: str) -> str:
        if self.mode == "drop":
            return ""
        if self.mode == "mask":
            return f"[{entity.type}]"
        assert self.pseudonymizer is not None
        # Keyed like authors are: a sender's address and the same address in a chat line get
        # the same token, so a data-subject request finds both.
        key = normalise_value(entity.type, value)
        return f"[{entity.type}:{self.pseudonymizer.pseudonym(key)}]"

    def redact(self, text: str, entities: Sequence[Entity]) -> str:
        """``text`` with every entity replaced (entities must not overlap)."""
        parts = []
        position = 0
        for entity in sorted(entities, key=lambda e: e.start):
            parts.append(text[position : entity.start])
            parts.append(self.token(entity, text[entity.start : entity.end]))
            position = entity.end
        parts.append(text[position:])
        redacted = "".join(parts)
        return re.sub(r"  +", " ", redacted) if self.mode == "drop" else redacted
