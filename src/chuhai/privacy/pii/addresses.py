"""Street addresses, by the way each market writes them."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import ClassVar, Final

from chuhai.privacy.pii.base import Entity, EntityType, PatternRecognizer

__all__ = ["AddressRecognizer"]

_STREET_WORDS: Final = (
    r"Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|"
    r"Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Crescent|Close|"
    r"Grove|Gardens|Row|Alley|Plaza|Loop|Pike|Route|Walk|Mews|Hill|Park"
)
_UNIT: Final = r"(?:[ ,]+(?:Apt|Apartment|Suite|Ste|Unit|Flat|Fl|Floor|Rm|Room|#)\.?[ ]*[\w-]+)?"
_US_TAIL: Final = r"(?:,?[ ]*\n?[ ]*[A-Z][\w .'-]{1,30},[ ]*[A-Z]{2}[ ]+\d{5}(?:-\d{4})?)?"
_UK_POSTCODE: Final = r"(?:,?[ ]*[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[A-Z]{2})?"

_PATTERNS: Final = (
    # 1600 Pennsylvania Avenue NW, Apt 5, Washington, DC 20500 / 10 Downing Street, SW1A 2AA
    rf"\b\d{{1,6}}[A-Za-z]?[ ]+(?:[A-Z0-9][\w'.-]*[ ]+){{0,4}}(?:{_STREET_WORDS})\.?"
    rf"(?:[ ]+(?:N|S|E|W|NE|NW|SE|SW))?{_UNIT}{_US_TAIL}{_UK_POSTCODE}(?!\w)",
    # Jl. Sudirman No. 5, RT 02/RW 03 / Jalan Ampang 12 / Lorong ...
    r"\b(?:Jl\.?|Jln\.?|Jalan|Gg\.?|Gang|Lorong|Lrg\.?|Persiaran|Lebuh)[ ]+[\w .'-]{2,40}?"
    r"(?:No\.?|Nomor|Blok)[ ]*[\w/-]+(?:,?[ ]*RT\.?[ ]*\d+[ ]*/[ ]*RW\.?[ ]*\d+)?",
    r"\b(?:Jl\.?|Jln\.?|Jalan)[ ]+[A-Z][\w'-]*(?:[ ]+[A-Z][\w'-]*){0,3}[ ]+\d{1,5}[A-Z]?\b",
    # Thai: เลขที่ 99/1 ซอย ... ถนน ... / 123/4 หมู่ 5 ...
    r"(?:เลขที่|บ้านเลขที่)?[ ]*\d{1,5}(?:/\d{1,4})?[ ]+(?:หมู่(?:ที่)?[ ]*\d+[ ]*)?"
    r"(?:ซอย|ซ\.|ถนน|ถ\.|หมู่บ้าน|ตำบล|ต\.|แขวง)[ ]*[\u0e00-\u0e7f\w]+"
    r"(?:[ ]+(?:ซอย|ซ\.|ถนน|ถ\.|ตำบล|ต\.|แขวง|อำเภอ|อ\.|เขต|จังหวัด|จ\.)[ ]*[\u0e00-\u0e7f\w]+){0,5}",
    # Vietnamese: số 12 đường Lê Lợi, phường ..., quận ...
    r"(?i:số|sn)[ ]+\d{1,5}[\w/]*,?[ ]+(?i:đường|phố|ngõ|hẻm|ngách|kiệt)[ ]+[^\d,\n]{2,30}"
    r"(?:,[ ]*(?i:phường|xã|quận|huyện|tp\.?|thành phố|tỉnh)[ ]+[^,\n]{2,25}){0,4}",
    r"\b\d{1,5}[\w/]*[ ]+(?i:đường|phố)[ ]+[^\d,\n]{2,30}(?:,[ ]*(?i:phường|quận|huyện|tp\.?)[ ]+[^,\n]{2,25}){0,3}",
    # Chinese: 广东省深圳市南山区科技园路1号 / 北京市朝阳区建国路88号3栋
    r"(?:[\u4e00-\u9fff]{2,3}(?:省|自治区))?[\u4e00-\u9fff]{2,4}市[\u4e00-\u9fff]{0,6}(?:区|县|镇)"
    r"[\u4e00-\u9fff\w]{0,20}?(?:路|街|道|巷|弄|村)[\w\u4e00-\u9fff]{0,6}?\d+[号號](?:\d+[栋幢楼室单元])*",
    # es / pt: Calle Mayor 5, 3º / Av. Reforma 222 / Rua Augusta, 1500
    r"\b(?:Calle|C/|Avenida|Av\.|Avda\.|Carrera|Cra\.|Paseo|Plaza|Camino|Rua|R\.|Travessa|"
    r"Alameda|Estrada|Rodovia|Praça)[ ]+[\w .'-]{2,40}?,?[ ]*(?:n[ºo°.]?[ ]*)?\d{1,5}\b"
    r"(?:[ ,]+(?:apto|ap|piso|dpto|depto|casa|bloco|int)\.?[ ]*[\w-]+)?",
    # Filipino: Blk 5 Lot 3, Brgy. San Isidro
    r"\b(?:Blk|Block)\.?[ ]*\d+[ ,]+Lot[ ]*\d+[^,\n]{0,40}(?:,[ ]*(?:Brgy|Barangay)\.?[ ]+[^,\n]{2,30})?",
)


# "地址" (address) glued to the address it introduces is a label, not part of it.
_HAN_LABEL: Final = re.compile(r"(?:收货|收件|送货)?(?:地址|住址|址)[:：]?")


class AddressRecognizer(PatternRecognizer):
    name = "address"
    entity_type: ClassVar[EntityType] = "ADDRESS"
    NEEDS = "digit"  # every pattern holds a house or building number
    PATTERNS = tuple(re.compile(p) for p in _PATTERNS)
    SCORE = 0.8

    def find(self, text: str, market: str | None) -> list[Entity]:
        out = []
        for found in super().find(text, market):
            label = _HAN_LABEL.match(text, found.start, found.end)
            if label and label.end() < found.end:
                found = replace(found, start=label.end())  # noqa: PLW2901
            out.append(found)
        return out
