"""National identifiers of chuhai's markets, each with its checksum where one is defined.

Checksums come from python-stdnum where it has the number; Singapore's NRIC/FIN check letter,
the UK NINO's prefix rules and Vietnam's CCCD structure are implemented here. A number that
fails its checksum is not reported as an identifier. Identifiers without a checksum (VN CCCD,
PH PhilSys, bare 9-digit US SSNs, UK NINO) count only in their own market or beside a word
that names them, since any 12- or 16-digit order number would otherwise match.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar, Final

from chuhai.privacy.pii.base import EntityType, PatternRecognizer, near

__all__ = ["NATIONAL_ID_RECOGNIZERS", "NationalIdRecognizer"]

# No Latin letter, digit or hyphen right before or after; Han or Thai text may touch the
# number ("身份证11010519491231002X").
_B: Final = r"(?<![0-9A-Za-z-])"
_E: Final = r"(?![0-9A-Za-z-])"


class NationalIdRecognizer(PatternRecognizer):
    entity_type: ClassVar[EntityType] = "NATIONAL_ID"
    HOME: ClassVar[frozenset[str]] = frozenset()  # markets that issue it
    NEEDS = "digit"
    CHECKSUM: ClassVar[bool] = True
    MIN_SCORE = 0.5

    def score(self, text: str, start: int, end: int, market: str | None) -> float:
        if self.CHECKSUM:
            return 0.95
        if self.CONTEXT and near(text, start, end, self.CONTEXT):
            return 0.85
        return 0.6 if market in self.HOME else 0.4


def _stdnum(module: str) -> Callable[[str], bool]:
    def is_valid(value: str) -> bool:
        import importlib

        return bool(importlib.import_module(f"stdnum.{module}").is_valid(value))

    return is_valid


class ChinaResidentId(NationalIdRecognizer):
    name = "cn_ric"
    kind = "CN_RIC"
    HOME = frozenset({"CN"})
    PATTERNS = (re.compile(_B + r"\d{17}[\dXx]" + _E),)
    validate = staticmethod(_stdnum("cn.ric"))  # type: ignore[assignment]


class IndonesiaNik(NationalIdRecognizer):
    """NIK: region code, birth date (+40 for women), serial. No check digit: the region and
    date must be real."""

    name = "id_nik"
    kind = "ID_NIK"
    HOME = frozenset({"ID"})
    CHECKSUM = False
    CONTEXT = ("nik", "ktp", "e-ktp", "kependudukan")
    PATTERNS = (re.compile(_B + r"\d{16}" + _E),)
    validate = staticmethod(_stdnum("id.nik"))  # type: ignore[assignment]


class MalaysiaMyKad(NationalIdRecognizer):
    """MyKad: birth date, birthplace code, serial. No check digit: date and place must be
    real."""

    name = "my_mykad"
    kind = "MY_MYKAD"
    HOME = frozenset({"MY"})
    CHECKSUM = False
    CONTEXT = ("ic", "mykad", "kad pengenalan", "no. kp", "nric", "i/c")
    PATTERNS = (re.compile(_B + r"\d{6}-?\d{2}-?\d{4}" + _E),)
    validate = staticmethod(_stdnum("my.nric"))  # type: ignore[assignment]


class ThailandPin(NationalIdRecognizer):
    name = "th_pin"
    kind = "TH_PIN"
    HOME = frozenset({"TH"})
    PATTERNS = (re.compile(_B + r"\d(?:[ -]?\d){12}" + _E),)
    validate = staticmethod(_stdnum("th.pin"))  # type: ignore[assignment]


class BrazilCpf(NationalIdRecognizer):
    name = "br_cpf"
    kind = "BR_CPF"
    HOME = frozenset({"BR"})
    PATTERNS = (re.compile(_B + r"\d{3}\.?\d{3}\.?\d{3}-?\d{2}" + _E),)
    validate = staticmethod(_stdnum("br.cpf"))  # type: ignore[assignment]


class BrazilCnpj(NationalIdRecognizer):
    name = "br_cnpj"
    kind = "BR_CNPJ"
    HOME = frozenset({"BR"})
    PATTERNS = (re.compile(_B + r"\d{2}\.?\d{3}\.?\d{3}/?\d{4}-?\d{2}" + _E),)
    validate = staticmethod(_stdnum("br.cnpj"))  # type: ignore[assignment]


class MexicoCurp(NationalIdRecognizer):
    name = "mx_curp"
    kind = "MX_CURP"
    HOME = frozenset({"MX"})
    PATTERNS = (re.compile(_B + r"[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX][A-Z]{5}[0-9A-Z]\d" + _E, re.I),)
    validate = staticmethod(_stdnum("mx.curp"))  # type: ignore[assignment]


class MexicoRfc(NationalIdRecognizer):
    name = "mx_rfc"
    kind = "MX_RFC"
    HOME = frozenset({"MX"})
    # persons only (13 characters): a company's RFC is not personal data
    PATTERNS = (re.compile(_B + r"[A-ZÑ&]{4}\d{6}[A-Z0-9]{3}" + _E, re.I),)

    def validate(self, value: str) -> bool:
        from stdnum.exceptions import ValidationError
        from stdnum.mx import rfc

        try:
            rfc.validate(value, validate_check_digits=True)
        except ValidationError:
            return False
        return True


class UsSsn(NationalIdRecognizer):
    """Written ###-##-####, or 9 bare digits beside a word that names it. No checksum: the
    area, group and serial rules (no 000, 666 or 9xx area) filter."""

    name = "us_ssn"
    kind = "US_SSN"
    HOME = frozenset({"US"})
    CHECKSUM = False
    PATTERNS = (re.compile(_B + r"\d{3}[- ]\d{2}[- ]\d{4}" + _E), re.compile(_B + r"\d{9}" + _E))
    CONTEXT = ("ssn", "social security", "social-security", "tax id")

    def validate(self, value: str) -> bool:
        from stdnum.us import ssn

        return bool(ssn.is_valid(value))

    def score(self, text: str, start: int, end: int, market: str | None) -> float:
        formatted = not text[start:end].isdigit()
        if near(text, start, end, self.CONTEXT):
            return 0.95
        if formatted:
            return 0.85 if market in self.HOME or market is None else 0.6
        return 0.3  # nine bare digits without a word naming them: an order number, mostly


class SingaporeNric(NationalIdRecognizer):
    """NRIC (S, T) and FIN (F, G, M): a letter, seven digits and a check letter."""

    name = "sg_nric"
    kind = "SG_NRIC"
    HOME = frozenset({"SG"})
    PATTERNS = (re.compile(_B + r"[STFGM]\d{7}[A-Z]" + _E, re.I),)
    _WEIGHTS: ClassVar[tuple[int, ...]] = (2, 7, 6, 5, 4, 3, 2)
    _LETTERS: ClassVar[dict[str, str]] = {
        "S": "JZIHGFEDCBA", "T": "JZIHGFEDCBA", "F": "XWUTRQPNMLK", "G": "XWUTRQPNMLK",
        "M": "KLJNPQRTUWX",
    }  # fmt: skip

    def validate(self, value: str) -> bool:
        value = value.upper()
        first, digits, check = value[0], value[1:8], value[8]
        total = sum(int(d) * w for d, w in zip(digits, self._WEIGHTS, strict=True))
        total += {"T": 4, "G": 4, "M": 3}.get(first, 0)
        if first == "M":
            return self._LETTERS["M"][10 - total % 11] == check
        return self._LETTERS[first][total % 11] == check


class UkNino(NationalIdRecognizer):
    """National Insurance number: two letters, six digits, A-D. Prefix rules, no checksum."""

    name = "gb_nino"
    kind = "GB_NINO"
    HOME = frozenset({"GB"})
    CHECKSUM = False
    PATTERNS = (re.compile(_B + r"[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]" + _E, re.I),)
    CONTEXT = ("national insurance", "ni number", "nino", "ni no")
    _BAD_PREFIX: ClassVar[frozenset[str]] = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})

    def validate(self, value: str) -> bool:
        prefix = value[:2].upper()
        return (
            prefix[0] not in "DFIQUV"
            and prefix[1] not in "DFIQUVO"
            and prefix not in self._BAD_PREFIX
        )

    def score(self, text: str, start: int, end: int, market: str | None) -> float:
        if near(text, start, end, self.CONTEXT):
            return 0.95
        return 0.8 if market in self.HOME or market is None else 0.6


# Province codes of the 12-digit citizen identity card (Circular 07/2016/TT-BCA), before
# the 2025 merger of provinces; cards keep their codes.
_VN_PROVINCES: Final = frozenset(
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 "
    "035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 "
    "070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096".split()
)


class VietnamCccd(NationalIdRecognizer):
    """Citizen identity card (CCCD): province code, a digit for sex and century, the birth
    year's last two digits, six digits. Structure only: no check digit is defined."""

    name = "vn_cccd"
    kind = "VN_CCCD"
    HOME = frozenset({"VN"})
    CHECKSUM = False
    PATTERNS = (re.compile(_B + r"\d{12}" + _E),)
    CONTEXT = ("cccd", "căn cước", "can cuoc", "cmnd", "chứng minh", "số định danh", "citizen id")

    def validate(self, value: str) -> bool:
        return value[:3] in _VN_PROVINCES and value[3] in "0123"  # 20th or 21st century


class PhilippinesPhilSys(NationalIdRecognizer):
    """PhilSys Number (PSN) or card number (PCN): 16 digits, often in groups of four. No
    public check digit: counts only beside a word that names it, or in the Philippines."""

    name = "ph_philsys"
    kind = "PH_PHILSYS"
    HOME = frozenset({"PH"})
    CHECKSUM = False
    PATTERNS = (re.compile(_B + r"\d{4}[- ]?\d{4}[- ]?\d{4}[- ]?\d{4}" + _E),)
    CONTEXT = ("philsys", "psn", "pcn", "philid", "national id", "pambansang")

    def score(self, text: str, start: int, end: int, market: str | None) -> float:
        if near(text, start, end, self.CONTEXT):
            return 0.85
        return 0.55 if market in self.HOME else 0.3


NATIONAL_ID_RECOGNIZERS: Final[tuple[type[NationalIdRecognizer], ...]] = (
    ChinaResidentId, IndonesiaNik, MalaysiaMyKad, ThailandPin, BrazilCpf, BrazilCnpj,
    MexicoCurp, MexicoRfc, UsSsn, SingaporeNric, UkNino, VietnamCccd, PhilippinesPhilSys,
)  # fmt: skip
