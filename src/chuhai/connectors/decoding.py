"""Which legacy encoding a line that is not UTF-8 is written in, one line at a time.

Exports get pasted together: a Latin-1 review inside a Thai (cp874) file decodes "fine" as
cp874 and comes out as ``Caf้ tr่s``. So a line is read with the file's guess only when the
result could be real text; otherwise the configured fallbacks are tried for that line, and a
line no fallback reads cleanly is reported rather than stored garbled.

"Could be real text" is two checks: no spelling impossible in the script (a Thai vowel or tone
mark after a Latin letter, a private-use or C1 control character), and, for a switch to
another encoding, a low charset_normalizer mess ratio.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

__all__ = ["Decoded", "decode_line", "guess_fallback", "impossible"]

_MESS: Final = 0.2  # charset_normalizer's own threshold for "this is not text"
_VOTE_LINES: Final = 500

_IMPOSSIBLE: Final = re.compile(
    # Thai vowels and tone marks that only ever follow a Thai letter (not ๆ: often after a space)
    r"(?<![\u0E01-\u0E4E])[\u0E30-\u0E3A\u0E45\u0E47-\u0E4E]"
    # Thai leading vowels come before a Thai consonant
    r"|[\u0E40-\u0E44](?![\u0E01-\u0E2E\u0E40-\u0E44])"
    # Thai digits and signs glued to a Latin letter
    r"|[A-Za-z][\u0E3F\u0E4F-\u0E5B]|[\u0E3F\u0E4F-\u0E5B][A-Za-z]"
    # private use and C1 controls: bytes that map to no real character
    r"|[\uE000-\uF8FF\u0080-\u009F]"
)


def impossible(text: str) -> bool:
    """Whether ``text`` contains something no writer of its script would write."""
    return _IMPOSSIBLE.search(text) is not None


def _clean(text: str) -> bool:
    return not impossible(text) and mess_ratio(text, _MESS) < _MESS


@dataclass(frozen=True, slots=True)
class Decoded:
    """A line's text and encoding, or why it has none (``text`` is then ``None``)."""

    text: str | None
    encoding: str | None = None
    reason: str = ""


def decode_line(raw: bytes, guess: str | None, fallbacks: Sequence[str]) -> Decoded:
    """``raw`` in the file's guessed encoding if that reads as text, else in the fallback that
    reads it most cleanly, else a reason."""
    if guess is not None:
        try:
            text = raw.decode(guess)
        except UnicodeDecodeError:
            pass
        else:
            if not impossible(text):
                return Decoded(text, guess)
    best: tuple[float, int, int, str, str] | None = None
    decoded: list[str] = []
    for order, name in enumerate(fallbacks):
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            continue
        decoded.append(name)
        if impossible(text):
            continue
        mess = mess_ratio(text, _MESS)
        if mess >= _MESS:
            continue
        # least mess first; then the reading with more characters (a double-byte reading
        # that swallows the letters of a Latin word is the less likely one)
        key = (mess, -len(text), order, text, name)
        if best is None or key < best:
            best = key
    if best is not None:
        return Decoded(best[3], best[4])
    tried = ", ".join(["utf-8", *fallbacks])
    if not decoded:
        return Decoded(None, reason=f"undecodable bytes (tried {tried})")
    return Decoded(
        None,
        reason=(
            f"undecodable bytes: not UTF-8, and garbled as {', '.join(decoded)} "
            "(mixed encodings? pass --encoding)"
        ),
    )


def guess_fallback(lines: Sequence[bytes], fallbacks: Sequence[str]) -> str | None:
    """The fallback that reads the most of ``lines`` cleanly; charset_normalizer breaks ties.

    ``None`` when none reads any line cleanly: each line is then tried on its own."""
    sample = lines[:_VOTE_LINES]
    votes = dict.fromkeys(fallbacks, 0)
    for raw in sample:
        for name in fallbacks:
            try:
                text = raw.decode(name)
            except UnicodeDecodeError:
                continue
            if _clean(text):
                votes[name] += 1
    top = max(votes.values(), default=0)
    if top == 0:
        return None
    tied = [name for name, count in votes.items() if count == top]
    if len(tied) == 1:
        return tied[0]
    best = from_bytes(b"".join(sample), cp_isolation=tied).best()
    if best is not None:
        chosen = codecs.lookup(best.encoding).name
        for name in tied:
            if codecs.lookup(name).name == chosen:
                return name
    return tied[0]
