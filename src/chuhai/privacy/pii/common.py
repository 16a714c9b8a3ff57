"""Identifiers that look the same in every market: e-mail, IP, payment card, IBAN, phone."""

from __future__ import annotations

import ipaddress
import re
from typing import ClassVar, Final

from chuhai.privacy.pii.base import Entity, EntityType, PatternRecognizer, Recognizer, near

__all__ = [
    "CardRecognizer",
    "EmailRecognizer",
    "IbanRecognizer",
    "IpRecognizer",
    "PhoneRecognizer",
]


class EmailRecognizer(PatternRecognizer):
    name = "email"
    entity_type: ClassVar[EntityType] = "EMAIL"
    NEEDS = "@"
    # ASCII addresses: Han or Thai text may touch them ("邮箱buyer@mail.example谢谢")
    PATTERNS = (
        re.compile(
            r"(?<![A-Za-z0-9.+_%-])[A-Za-z0-9._%+-]{1,64}@"
            r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])"
        ),
    )
    SCORE = 0.95


class IpRecognizer(PatternRecognizer):
    name = "ip"
    NEEDS = "digit"
    entity_type: ClassVar[EntityType] = "IP_ADDRESS"
    PATTERNS = (
        re.compile(r"(?<![0-9A-Za-z.])(?:\d{1,3}\.){3}\d{1,3}(?![0-9A-Za-z]|\.\d)"),
        re.compile(
            r"(?<![\w:])(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{0,4}(?::[0-9a-f]{1,4})*(?![\w:])", re.I
        ),
    )
    SCORE = 0.75
    CONTEXT = ("ip", "address", "server", "login from", "alamat ip", "địa chỉ ip")

    def validate(self, value: str) -> bool:
        try:
            ipaddress.ip_address(value)
        except ValueError:
            return False
        return True

    def score(self, text: str, start: int, end: int, market: str | None) -> float:
        if near(text, start, end, ("version", "ver.", "firmware", "build"), window=15):
            return 0.3  # "version 1.0.0.1" is not an address
        return super().score(text, start, end, market)


class CardRecognizer(PatternRecognizer):
    """Payment cards: 13-19 digits in groups, a known network prefix and a valid Luhn digit."""

    name = "card"
    NEEDS = "digit"
    entity_type: ClassVar[EntityType] = "CREDIT_CARD"
    PATTERNS = (re.compile(r"(?<![0-9A-Za-z-])(?:\d[ -]?){12,18}\d(?![0-9A-Za-z-])"),)
    SCORE = 0.9
    _NETWORKS: ClassVar[re.Pattern[str]] = re.compile(
        r"4|5[1-5]|2[2-7]|3[47]|3[068]|6(?:011|5|4[4-9]|22)|35|62|81|9704|220[0-4]"
    )

    def validate(self, value: str) -> bool:
        digits = re.sub(r"\D", "", value)
        return 13 <= len(digits) <= 19 and bool(self._NETWORKS.match(digits)) and luhn(digits)


def luhn(digits: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = int(char)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


class IbanRecognizer(PatternRecognizer):
    name = "iban"
    NEEDS = "digit"
    entity_type: ClassVar[EntityType] = "IBAN"
    PATTERNS = (
        re.compile(r"(?<![0-9A-Za-z])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{1,4}){3,8}(?![0-9A-Za-z])"),
    )
    SCORE = 0.95

    def validate(self, value: str) -> bool:
        from stdnum import iban

        return bool(iban.is_valid(value))


_PHONE_LIKE: Final = re.compile(
    r"(?<![0-9A-Za-z])(?:\+?\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,5}){0,4}"
    r"(?:[ ]?(?:x|ext\.?)[ ]?\d{1,5})?(?![0-9A-Za-z])"
)


class PhoneRecognizer(Recognizer):
    """Phone numbers as the market writes them (the market's region for numbers without a
    country code), and any number written with +country code; validity by libphonenumber."""

    name = "phone"
    NEEDS = "digit"
    entity_type: ClassVar[EntityType] = "PHONE"
    CONTEXT: Final = (
        "phone", "call", "tel", "mobile", "cell", "whatsapp", "wa.me", "hp", "no hp",
        "fax", "reach me", "text me",
        "telepon", "โทร", "เบอร์", "điện thoại", "sđt", "zalo", "teléfono", "celular",
        "电话", "手机", "微信", "联系", "viber", "line",
    )  # fmt: skip

    def find(self, text: str, market: str | None) -> list[Entity]:
        import phonenumbers

        # libphonenumber's regions are ISO codes; numbers with +country code match anywhere
        matcher = phonenumbers.PhoneNumberMatcher(
            text, market or "US", leniency=phonenumbers.Leniency.VALID, max_tries=200
        )
        found = []
        for match in matcher:
            score = 0.95 if near(text, match.start, match.end, self.CONTEXT) else 0.8
            found.append(Entity("PHONE", match.start, match.end, score, "", self.name))
        # A number the market's plan does not know (a foreign one written without its
        # country code) still counts when a word beside it says it is a phone number.
        for loose in _PHONE_LIKE.finditer(text):
            start, end = loose.span()
            digits = sum(c.isdigit() for c in loose.group())
            if (
                7 <= digits <= 15
                and near(text, start, end, self.CONTEXT, window=30)
                and all(end <= e.start or start >= e.end for e in found)
            ):
                found.append(Entity("PHONE", start, end, 0.7, "", self.name))
        return found
