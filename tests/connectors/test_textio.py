from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from chuhai.connectors.textio import BadLine, Line, TextFile, check_encoding
from chuhai.errors import InputError, RecordError


def read(path: Path, **kwargs: object) -> tuple[list[Line], list[BadLine], TextFile]:
    text = TextFile(path, fallbacks=("gb18030", "cp1252"), **kwargs)  # type: ignore[arg-type]
    items = list(text.lines())
    return (
        [i for i in items if isinstance(i, Line)],
        [i for i in items if isinstance(i, BadLine)],
        text,
    )


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
def test_byte_order_marks_decide_the_encoding(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(bom + "a,b\r\nไทย,中文\r\n".encode(encoding))
    lines, bad, _ = read(path)
    assert [line.text for line in lines] == ["a,b\n", "ไทย,中文\n"]
    assert bad == []


def test_lines_that_are_not_utf8_are_decoded_with_the_guessed_fallback(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        b"id,note\n"
        + "1,ok in utf-8 ✓\n".encode()
        + "2,参与者找不到风扇的开关，按了三次才开机。\n".encode("gbk")
        + "3,说明书只有中英文，泰国参与者看不懂。\n".encode("gbk")
    )
    lines, bad, text = read(path)
    assert [line.text for line in lines][2:] == [
        "2,参与者找不到风扇的开关，按了三次才开机。\n",
        "3,说明书只有中英文，泰国参与者看不懂。\n",
    ]
    assert bad == []
    assert text.decoded_with == {"utf-8": 2, "gb18030": 2}
    assert text.fallback_guessed


def test_windows_1252_lines(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_bytes("a\nCafé très bon – 5€ naïve, Größe\n".encode("cp1252"))
    lines, _, text = read(path)
    assert lines[1].text == "Café très bon – 5€ naïve, Größe\n"
    assert text.decoded_with["cp1252"] == 1


def test_forced_encoding_reports_lines_it_cannot_decode(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(b"ok\n\xff\xfe\xfa broken\n")
    lines, bad, _ = read(path, encoding="utf-8")
    assert [line.number for line in lines] == [1]
    assert [(b.number, b.reason) for b in bad] == [(2, "bytes that are not valid utf-8")]


def test_a_line_over_the_limit_is_reported_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_bytes(b"first\n" + b"x" * 5000 + b"\nlast\n")
    lines, bad, _ = read(path, max_line_bytes=1024)
    assert [line.text for line in lines] == ["first\n", "last\n"]
    assert [b.number for b in bad] == [2]
    assert "longer than 1024 bytes" in bad[0].reason
    assert bad[0].raw.endswith(b"(5001 bytes)")


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary\x00" * 50, bytes(range(1, 9)) * 200])
def test_binary_files_are_refused_whole(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "b.bin"
    path.write_bytes(data)
    with pytest.raises(RecordError, match="binary file"):
        read(path)


def test_empty_file_has_no_lines(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_bytes(b"")
    assert read(path)[0] == []


def test_progress_gets_every_byte(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(b"a\nbb\nccc\n")
    seen: list[int] = []
    list(TextFile(path, on_bytes=seen.append).lines())
    assert sum(seen) == 9


def test_check_encoding() -> None:
    assert check_encoding("GBK") == "gbk"
    with pytest.raises(InputError, match="unknown encoding"):
        check_encoding("klingon")


SETTINGS_FALLBACKS = ("gb18030", "cp1252", "big5", "cp874", "cp1258", "shift_jis")
THAI = [
    "สินค้าดีมาก ส่งเร็ว แพ็คมาอย่างดี",
    "พัดลมเสียงเงียบ ใช้งานได้จริง คุ้มค่า",
    "แบตเตอรี่หมดเร็วไปหน่อย แต่โดยรวมโอเค",
]


@pytest.mark.parametrize(
    "latin",
    [
        "Café très bon, qualité supérieure",
        "déçu",
        "Größe passt, schöne Farbe",
        "Canción: ¡España! à la hôtel",
    ],
)
def test_a_latin1_line_in_a_thai_file_is_decoded_on_its_own(tmp_path: Path, latin: str) -> None:
    path = tmp_path / "th.csv"
    body = [f"{n},{text}\n".encode("cp874") for n, text in enumerate(THAI, start=1)]
    path.write_bytes(b"id,text\n" + b"".join(body) + f"9,{latin}\n".encode("latin-1"))
    text = TextFile(path, fallbacks=SETTINGS_FALLBACKS)
    items = list(text.lines())
    assert [i.text for i in items if isinstance(i, Line)][1:] == [
        *(f"{n},{t}\n" for n, t in enumerate(THAI, start=1)),
        f"9,{latin}\n",
    ]
    assert text.decoded_with["cp874"] == 3
    assert text.decoded_with["cp1252"] == 1  # and the report says so


def test_a_line_garbled_in_every_fallback_is_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "th.csv"
    body = b"".join(f"{n},{t}\n".encode("cp874") for n, t in enumerate(THAI, start=1))
    path.write_bytes(b"id,text\n" + body + b"9,\xff\xff\xff\xff\xff\n")
    items = list(TextFile(path, fallbacks=SETTINGS_FALLBACKS).lines())
    lines = [i for i in items if isinstance(i, Line)]
    bad = [i for i in items if isinstance(i, BadLine)]
    assert [line.text for line in lines][1:] == [f"{n},{t}\n" for n, t in enumerate(THAI, start=1)]
    assert [b.number for b in bad] == [5]
    assert "garbled" in bad[0].reason
