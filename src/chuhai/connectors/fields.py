"""Parsing the values found in exports: times, numbers, ratings, lists.

Each parser raises :class:`RecordError` with a one-line reason naming the bad value, which
becomes the quarantine reason of the row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Final

from pydantic import ValidationError

from chuhai.errors import RecordError

__all__ = [
    "EARLIEST",
    "check_plausible",
    "describe_validation_error",
    "parse_amount",
    "parse_int",
    "parse_list",
    "parse_rating",
    "parse_time",
    "time_parser",
]

EARLIEST: Final = datetime(2000, 1, 1, tzinfo=UTC)
_FUTURE_SLACK: Final = timedelta(days=2)
_STARS: Final = re.compile(r"^[★☆✩✭⭐\s]+$")
_NUMBER: Final = re.compile(r"[-+]?\d[\d.,'\s]*")
_THOUSANDS: Final = re.compile(r"^[1-9]\d{0,2}([.,'\s]\d{3})+$")


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


TimeParser = Callable[[object, tzinfo], datetime]

# strptime directives a compiled pattern can read with a regex (the slow part of strptime is
# re-parsing the format for every value).
_DIRECTIVES: Final = {
    "Y": r"(?P<Y>\d{4})",
    "m": r"(?P<m>\d{1,2})",
    "d": r"(?P<d>\d{1,2})",
    "H": r"(?P<H>\d{1,2})",
    "M": r"(?P<M>\d{1,2})",
    "S": r"(?P<S>\d{1,2})",
    "f": r"(?P<f>\d{1,6})",
    "%": "%",
}


def time_parser(fmt: str) -> TimeParser:
    """A parser for one time format, faster than :func:`parse_time` on simple patterns."""
    pattern = _compile_format(fmt)
    if pattern is None:
        return lambda value, tz: parse_time(value, fmt, tz)
    now = datetime.now(UTC)  # one clock read per file, not per row

    def parse(value: object, tz: tzinfo) -> datetime:
        match = pattern.fullmatch(value.strip()) if isinstance(value, str) else None
        if match is None:
            return parse_time(value, fmt, tz)  # slow path: the exact error message
        g = match.groupdict()
        try:
            parsed = datetime(
                int(g["Y"]),
                int(g["m"]),
                int(g["d"]),
                int(g.get("H") or 0),
                int(g.get("M") or 0),
                int(g.get("S") or 0),
                int((g.get("f") or "0").ljust(6, "0")),
                tzinfo=tz,
            )
        except ValueError:
            return parse_time(value, fmt, tz)
        return check_plausible(parsed, value, now=now)

    return parse


def _compile_format(fmt: str) -> re.Pattern[str] | None:
    if fmt in ("auto", "iso", "epoch", "epoch_ms"):
        return None
    out, i = [], 0
    while i < len(fmt):
        if fmt[i] == "%" and i + 1 < len(fmt):
            directive = _DIRECTIVES.get(fmt[i + 1])
            if directive is None:
                return None  # %b, %p, %z ...: leave it to strptime
            out.append(directive)
            i += 2
        else:
            out.append(re.escape(fmt[i]))
            i += 1
    if not {"Y", "m", "d"} <= set(re.findall(r"\?P<(\w)>", "".join(out))):
        return None
    return re.compile("".join(out))


def parse_time(value: object, fmt: str, tz: tzinfo, *, now: datetime | None = None) -> datetime:
    """A UTC time from ``value``.

    ``fmt`` is ``auto`` (ISO 8601 text or a Unix epoch in seconds or milliseconds), ``iso``,
    ``epoch``, ``epoch_ms`` or a ``strptime`` pattern. Naive times are read in ``tz``.
    Times before 2000 or more than two days ahead are refused as implausible.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        raise RecordError("missing time")
    try:
        parsed = _parse_time(value, fmt)
    except (ValueError, OverflowError, OSError, TypeError):
        expected = {"auto": "ISO 8601 or epoch", "iso": "ISO 8601"}.get(fmt, fmt)
        raise RecordError(f"invalid time {_show(value)}: expected {expected}") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return check_plausible(parsed, value, now=now)


def check_plausible(parsed: datetime, value: object, *, now: datetime | None = None) -> datetime:
    """``parsed`` in UTC, unless it is before 2000 or more than two days ahead."""
    parsed = parsed.astimezone(UTC)
    limit = (now or datetime.now(UTC)) + _FUTURE_SLACK
    if not EARLIEST <= parsed <= limit:
        raise RecordError(f"implausible time {_show(value)} (before 2000 or in the future)")
    return parsed


def _parse_time(value: object, fmt: str) -> datetime:
    if isinstance(value, bool):
        raise TypeError("a boolean is not a time")
    if fmt in ("auto", "epoch", "epoch_ms") and isinstance(value, int | float):
        return _from_epoch(float(value), fmt)
    text = str(value).strip()
    if fmt in ("epoch", "epoch_ms") or (fmt == "auto" and re.fullmatch(r"\d{9,13}(\.\d+)?", text)):
        return _from_epoch(float(text), fmt)
    if fmt in ("auto", "iso"):
        return datetime.fromisoformat(text)
    return datetime.strptime(text, fmt)


def _from_epoch(seconds: float, fmt: str) -> datetime:
    if fmt == "epoch_ms" or (fmt == "auto" and seconds > 1e11):
        seconds /= 1000.0
    return datetime.fromtimestamp(seconds, tz=UTC)


def parse_amount(value: object) -> float:
    """A number from ``12.5``, ``4,5``, ``1,299.00``, ``Rp 125.000``, ``฿1 290``, ``$12``."""
    if isinstance(value, bool):
        raise RecordError(f"not a number: {_show(value)}")
    if isinstance(value, int | float):
        return float(value)
    text = str(value or "").strip()
    if text.isdigit():
        return float(text)
    match = _NUMBER.search(text)
    if not match or re.search(r"\d", text[match.end() :]):
        raise RecordError(f"not a number: {_show(value)}")
    number = match.group().strip().replace("'", "").replace(" ", "")
    sign = -1.0 if number.startswith("-") else 1.0
    number = number.lstrip("+-")
    if _THOUSANDS.match(number):
        number = re.sub(r"[.,]", "", number)
    elif "," in number and "." in number:
        decimal = "," if number.rfind(",") > number.rfind(".") else "."
        number = number.replace("." if decimal == "," else ",", "").replace(",", ".")
    else:
        number = number.replace(",", ".")
    try:
        return sign * float(number)
    except ValueError:
        raise RecordError(f"not a number: {_show(value)}") from None


def parse_int(value: object) -> int:
    """A whole number; ``3.0`` is accepted, ``3.5`` is not."""
    number = parse_amount(value)
    if number != int(number):
        raise RecordError(f"not a whole number: {_show(value)}")
    return int(number)


def parse_rating(value: object) -> float | None:
    """A rating from ``4``, ``4,5``, ``5 stars``, ``★★★★☆``; ``None`` when empty."""
    if isinstance(value, str) and value.isdigit():
        return float(value)  # the common case: "5"
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str) and _STARS.match(value):
        return float(value.count("★") + value.count("⭐") + value.count("✭"))
    return parse_amount(value)


def parse_list(value: object, separator: str) -> list[str]:
    """A list from a JSON array or ``a;b;c`` text."""
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(separator) if part.strip()]


def describe_validation_error(exc: ValidationError) -> str:
    """One line from a pydantic error: ``rating: Input should be ... (got 7)``.

    Union members add their type to the location (``x.str``, ``x.int``); those are folded so
    one bad field gives one message.
    """
    parts: list[str] = []
    seen: set[str] = set()
    for error in exc.errors():
        loc = ".".join(str(p) for p in error["loc"] if not _is_type_tag(p))
        if loc in seen:
            continue
        seen.add(loc)
        msg = str(error["msg"]).removeprefix("Value error, ")
        got = error.get("input")
        shown = "" if isinstance(got, dict) or got is None else f" (got {_show(got)})"
        parts.append(f"{loc}: {msg}{shown}" if loc else msg)
        if len(parts) == 3:
            break
    return "; ".join(parts)


_TYPE_TAGS: Final = frozenset(
    {"str", "int", "float", "bool", "list", "dict", "none", "tuple", "set"}
)


def _is_type_tag(part: object) -> bool:
    return isinstance(part, str) and (part in _TYPE_TAGS or "[" in part)
