"""Slots from the entries found in a comment: what it is about (topics), colours, sizes,
quantities ("2 ตัว", "2pcs", "hai cái", "x2", "ambil 2", "ดำ 2", "dua hitam"), numbers with
their unit ("3 วัน", "50rb", "฿199", "สูง 160", "cao 1m60"), places and product nouns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from chuhai.enrich.gist.data import Templates
from chuhai.enrich.gist.scan import Kind, Match

__all__ = ["Slots", "extract"]

_NUMBER: Final = re.compile(r"(?<![a-z])([12])m(\d{1,2})(?![\d])|\d+(?:[.,]\d+)*")
_THOUSANDS: Final = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")
_LAUGH: Final = re.compile(r"^5{3,}$")  # Thai "555": laughing, not a number
_MAX_GAP: Final = 3  # characters of spaces or punctuation between a number and its word
_MAX_QUANTITY: Final = 999
_LOOSE_QUANTITY: Final = 20  # "ดำ 2", "ambil 2": a small number read as a quantity
# Words that only mean something beside a number; used so, they say nothing else.
_NUMBER_WORDS: Final[tuple[Kind, ...]] = (
    "classifier", "multiplier", "unit", "size_cue", "measure", "each",
)  # fmt: skip


@dataclass
class Slots:
    topics: list[str] = field(default_factory=list)
    colours: list[str] = field(default_factory=list)
    sizes: list[str] = field(default_factory=list)
    quantities: list[int] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)  # with their unit, in Chinese
    measures: list[str] = field(default_factory=list)  # "身高160"
    bare: list[str] = field(default_factory=list)  # numbers without a word that places them
    places: list[str] = field(default_factory=list)
    products: list[str] = field(default_factory=list)  # product noun keys
    each: int | None = None  # "อย่างละ 1", "1 of each": so many of every colour or size
    read: int = 0  # letters and digits the lexicons read
    total: int = 0

    @property
    def coverage(self) -> float:
        return min(1.0, self.read / self.total) if self.total else 0.0

    @property
    def quantity(self) -> int | None:
        if self.each is not None:
            return self.each * max(len(self.colours), len(self.sizes), 1)
        return sum(self.quantities) if self.quantities else None


@dataclass
class _Item:
    start: int
    end: int
    match: Match | None = None
    number: float | None = None
    unit: str | None = None  # "1m60": a height in centimetres
    used: bool = False

    def value(self, kind: Kind) -> str | None:
        return self.match.value(kind) if self.match is not None else None

    def has(self, *kinds: Kind) -> bool:
        return self.match is not None and self.match.has(*kinds)


def _add(values: list[str], value: str) -> None:
    if value not in values:
        values.append(value)


def _parse_number(token: str) -> float:
    """Thousands are written 50.000 or 1,200; decimals 1.5 or 1,5."""
    if _THOUSANDS.match(token):
        return float(re.sub(r"[.,]", "", token))
    parts = re.split(r"[.,]", token)
    return float(f"{parts[0]}.{parts[1]}") if len(parts) == 2 else float("".join(parts))


def _show(value: float) -> str:
    if value >= 10_000 and value % 1_000 == 0:
        return f"{value / 10_000:g}万"
    return f"{value:g}"


def _alnum(text: str, start: int, end: int) -> int:
    return sum(1 for c in text[start:end] if c.isalnum())


def _numbers(low: str, matches: list[Match]) -> list[_Item]:
    """Digits outside the entries found ("2xl" is a size, not 2), and number words."""
    covered = [(m.start, m.end) for m in matches]
    items = []
    for found in _NUMBER.finditer(low):
        if any(a <= found.start() < b for a, b in covered):
            continue
        if found.start() and low[found.start() - 1] == "#":
            continue  # "#4": a number that names, not one that counts
        if found.group(1):  # 1m60, 1m6: a height
            value = 100 * int(found.group(1)) + int(found.group(2).ljust(2, "0"))
            items.append(_Item(found.start(), found.end(), number=value, unit="cm"))
        else:
            items.append(_Item(found.start(), found.end(), number=_parse_number(found.group())))
    return items


def extract(
    original: str,
    low: str,
    matches: list[Match],
    templates: Templates,
    currency: str | None,
    size_words: frozenset[str] = frozenset(),
) -> Slots:
    """``original`` and ``low`` have the same length (see :func:`scan.normalise`)."""
    slots = Slots(total=_alnum(low, 0, len(low)))
    items = [_Item(m.start, m.end, match=m) for m in matches if not m.has("blocker")]
    items += _numbers(low, matches)
    items.sort(key=lambda it: it.start)
    slots.read = sum(_alnum(low, it.start, it.end) for it in items)
    # fillers ("ค่ะ", "kak") are read, but do not stand between a number and its word
    solid = [
        it for it in items if not (it.match and all(e.kind == "filler" for e in it.match.entries))
    ]
    for k, item in enumerate(solid):
        word = item.value("number")
        value = item.number if word is None else float(word)
        if value is None:
            continue
        prev = solid[k - 1] if k > 0 and _near(low, solid[k - 1].end, item.start) else None
        after = solid[k + 1] if k + 1 < len(solid) else None
        nxt = after if after is not None and _near(low, item.end, after.start) else None
        if prev is not None and _ends_with(low[prev.start : prev.end], size_words):
            prev.used = prev.has("size_cue")  # "tukar saiz 41": the change names a size
            if word is None and value == int(value):
                _add(slots.sizes, low[item.start : item.end])
                item.used = True
                continue
        _number(slots, low, item, value, word is not None, prev, nxt, templates, currency)
    for item in items:
        _read(slots, original, item, items)
    if "?" in low:
        _add(slots.topics, "question")
    return slots


def _ends_with(phrase: str, words: frozenset[str]) -> bool:
    """A longer phrase that ends with a size word ("tukar saiz", "đổi size", "เปลี่ยนไซส์")."""
    return any(len(phrase) > len(w) and phrase.endswith(w) for w in words)


def _near(low: str, end: int, start: int) -> bool:
    gap = low[end:start]
    return len(gap) <= _MAX_GAP and not any(c.isalnum() for c in gap)


def _use(item: _Item | None) -> None:
    if item is not None:
        item.used = True


def _number(
    slots: Slots,
    low: str,
    item: _Item,
    value: float,
    word: bool,
    prev: _Item | None,
    nxt: _Item | None,
    t: Templates,
    currency: str | None,
) -> None:
    """What one number is: a size, a measure, a quantity, an amount, or just a number."""
    whole = value == int(value)
    small = whole and 0 < value <= _LOOSE_QUANTITY
    text = low[item.start : item.end]
    p = prev.value if prev is not None else (lambda kind: None)
    n = nxt.value if nxt is not None else (lambda kind: None)
    if p("size_cue") is not None and whole and not word:
        _use(prev)
        _add(slots.sizes, text)
    elif (measure := p("measure")) is not None:
        unit = item.unit or n("unit")
        _use(prev)
        _use(nxt if n("unit") else None)
        _add(slots.measures, t.measures[measure] + _show(value) + (t.units[unit] if unit else ""))
    elif item.unit is not None:
        _add(slots.numbers, _show(value) + t.units[item.unit])
    elif p("each") is not None and small:
        _use(prev)
        _use(nxt if n("classifier") else None)
        slots.each = int(value)
    elif n("each") is not None and small:  # "1 of each"
        _use(nxt)
        slots.each = int(value)
    elif n("classifier") is not None and whole and value <= _MAX_QUANTITY:
        _use(nxt)
        slots.quantities.append(int(value))
    elif (scale := n("multiplier")) is not None:
        _use(nxt)
        _add(slots.numbers, _money(value * int(scale), currency, t))
    elif (unit := n("unit")) is not None:
        _use(nxt)
        shown = _money(value, unit, t) if unit.isupper() else _show(value) + t.units[unit]
        _add(slots.numbers, shown)
    elif (unit := p("unit")) is not None and unit.isupper():
        _use(prev)
        _add(slots.numbers, _money(value, unit, t))
    elif small and (
        p("classifier") == "x"
        or p("cue") in ("order", "want")
        or (prev is not None and prev.has("colour", "size"))
        or (nxt is not None and nxt.has("colour", "product"))
    ):
        _use(prev if p("classifier") == "x" else None)
        slots.quantities.append(int(value))
    elif not word and not _LAUGH.match(text):
        _add(slots.bare, text)
    else:
        return
    item.used = True


def _money(value: float, currency: str | None, t: Templates) -> str:
    return _show(value) + t.units.get(currency or "", "")


def _read(slots: Slots, original: str, item: _Item, items: list[_Item]) -> None:
    m = item.match
    if m is None or (item.used and m.has(*_NUMBER_WORDS)):
        return
    seen: set[str] = set()
    for entry in m.entries:
        # one meaning per kind, the chosen language's first ("cream" is krem in Indonesian)
        if entry.kind != "cue" and entry.kind in seen:
            continue
        seen.add(entry.kind)
        if entry.kind == "cue":
            _add(slots.topics, entry.value)
        elif entry.kind == "colour":
            _add(slots.colours, entry.value)
        elif entry.kind == "size":
            if _letter(original, m) and not _after_cue(item, items):
                continue  # a lone lower-case "m" or "s" is no size unless "size m"
            _add(slots.sizes, entry.value)
        elif entry.kind == "place":
            _add(slots.places, entry.value)
        elif entry.kind == "product":
            _add(slots.products, entry.value)


def _letter(original: str, m: Match) -> bool:
    """One Latin letter typed in lower case."""
    word = original[m.start : m.end]
    return len(word.strip()) == 1 and word.isascii() and word.islower()


def _after_cue(item: _Item, items: list[_Item]) -> bool:
    before = [it for it in items if it.end <= item.start and it.match is not None]
    return bool(before) and before[-1].has("size_cue")
