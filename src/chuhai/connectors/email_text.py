"""Turning an e-mail body into what the customer actually wrote.

``html_to_text`` renders HTML mail as plain text (no scripts, styles or quoted blocks);
``strip_reply`` cuts quoted replies, forwarded messages, signatures and "sent from my phone"
lines, recognising the reply headers of common mail clients in the market languages.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Final

__all__ = ["html_to_text", "strip_reply"]

_BLOCK_TAGS: Final = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "hr",
        "pre",
    ]
)
_SKIP_TAGS: Final = frozenset({"script", "style", "head", "title", "noscript", "template"})

# A line that introduces quoted history; everything from it on is not the customer's words.
_REPLY_HEADERS: Final = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^On\b.{0,300}\bwrote:?$",  # Gmail, Apple Mail (en)
        r"^El\b.{0,300}\bescribió:?$",  # es
        r"^Em\b.{0,300}\bescreveu:?$",  # pt
        r"^Le\b.{0,300}\ba écrit ?:?$",  # fr
        r"^Am\b.{0,300}\bschrieb.{0,80}:?$",  # de
        r"^Pada\b.{0,300}\bmenulis:?$",  # id / ms
        r"^Vào\b.{0,300}\bđã viết:?$",  # vi
        r"^เมื่อ.{0,300}เขียนว่า:?$",  # th
        r"^在.{0,300}写道[:：]?$",  # zh
        r"^-{2,}\s*(Original Message|Forwarded message|原始邮件|转发的邮件|Pesan Asli"
        r"|Pesan yang diteruskan)\s*-{2,}$",
        r"^_{10,}$",  # Outlook's separator line
        r"^Begin forwarded message:?$",
    )
)
# Outlook-style header block: "From:" followed within a few lines by "Sent:"/"Date:".
_FROM_LINE: Final = re.compile(
    r"^\*?(From|Von|De|Dari|发件人|寄件者|จาก|Từ)\s*\*?[:：]", re.IGNORECASE
)
_DATE_LINE: Final = re.compile(
    r"^\*?(Sent|Date|Gesendet|Enviado|Envoyé|Dikirim|Tanggal|发送时间|日期|ส่ง|Đã gửi)\s*\*?[:：]",
    re.IGNORECASE,
)
_MOBILE_FOOTER: Final = re.compile(
    r"^(Sent from my \w+|Get Outlook for \w+|Dikirim dari \w+|Enviado desde mi \w+"
    r"|Enviado do meu \w+|ส่งจาก .{1,30}|发自我的\w+|Gửi từ \w+).{0,40}$",
    re.IGNORECASE,
)


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._quote = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = " ".join(v or "" for k, v in attrs if k == "class")
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag == "blockquote" or "gmail_quote" in classes or "yahoo_quoted" in classes:
            self._quote += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag == "td":
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and self._skip:
            self._skip -= 1
        elif tag == "blockquote" and self._quote:
            self._quote -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip and not self._quote:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Readable text of an HTML body; quoted blocks (``<blockquote>``, gmail_quote) dropped."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def strip_reply(text: str) -> str:
    """The new part of a message: no quoted history, signature or mobile footer."""
    lines = text.replace("\r\n", "\n").split("\n")
    kept: list[str] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        joined = f"{stripped} {lines[index + 1].strip()}" if index + 1 < len(lines) else stripped
        if any(p.match(stripped) or p.match(joined) for p in _REPLY_HEADERS):
            break
        if _FROM_LINE.match(stripped) and any(
            _DATE_LINE.match(following.strip()) for following in lines[index + 1 : index + 5]
        ):
            break
        if stripped in ("--", "-- ") or line == "-- ":
            break
        if stripped.startswith(">"):
            continue
        if _MOBILE_FOOTER.match(stripped):
            continue
        kept.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
