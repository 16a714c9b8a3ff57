"""Charts as inline SVG, drawn on the server: they work offline, print in reports, and need
no script. Every bar and point carries a ``<title>`` with its exact number."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Final

__all__ = ["Bar", "bars", "line", "stacked"]

POS: Final = "#2e9d5b"
NEU: Final = "#b9c0c8"
NEG: Final = "#d64545"
INK: Final = "#2c3440"
ACCENT: Final = "#3b6fd8"
WARN: Final = "#d98c1f"
VOLUME: Final = "#e4e8ee"
LABEL_MAX: Final = 36  # characters of a bar's label
FONT: Final = "font-family=\"system-ui, 'Noto Sans CJK SC', 'Noto Sans Thai', Loma, sans-serif\""


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    href: str | None = None
    note: str = ""  # shown after the value
    fill: str | None = None  # this bar's colour (e.g. a market with warning alerts)


def _svg(width: int, height: int, body: list[str], label: str) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(label)}" {FONT} font-size="12" '
        f'xmlns="http://www.w3.org/2000/svg">' + "".join(body) + "</svg>"
    )


def _link(href: str | None, inner: str) -> str:
    return f'<a href="{escape(href)}">{inner}</a>' if href else inner


def _legend(items: Sequence[tuple[str, str]], x: float, y: float) -> list[str]:
    """Colour swatches with their names in one row (left to right from ``x``)."""
    out = []
    for colour, name in items:
        out.append(
            f'<rect class="legend" x="{x:.1f}" y="{y - 9}" width="10" height="10" rx="2" '
            f'fill="{colour}" stroke="#aab2bd" stroke-width=".5"/>'
            f'<text x="{x + 14:.1f}" y="{y}" fill="{INK}">{escape(name)}</text>'
        )
        x += 26 + 12 * _width(name)
    return out


def _width(text: str) -> float:
    """About how many 12px-wide cells ``text`` takes (a CJK character ~1, a Latin one ~0.6)."""
    return sum(1.0 if ord(c) > 0x2E80 else 0.6 for c in text)


def _label_space(labels: Iterable[str]) -> int:
    """Room left of the bars for the longest label (a product's name beside its SKU)."""
    widest = max((_width(label[:LABEL_MAX]) for label in labels), default=0)
    return max(150, min(300, round(12 * widest) + 14))


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def bars(
    rows: Sequence[Bar], *, label: str, width: int = 520, colour: str = ACCENT, signed: bool = False
) -> str:
    """Horizontal bars; ``signed`` draws negative values to the left of a middle axis."""
    if not rows:
        return ""
    row_h, left = 22, _label_space(r.label for r in rows)
    height = row_h * len(rows) + 6
    span = max((abs(r.value) for r in rows), default=0) or 1
    plot = width - left - 70
    body: list[str] = []
    zero = left + (plot / 2 if signed else 0)
    scale = (plot / 2 if signed else plot) / span
    for i, row in enumerate(rows):
        y = 3 + i * row_h
        size = abs(row.value) * scale
        x = zero - size if signed and row.value < 0 else zero
        fill = row.fill or ((NEG if row.value < 0 else POS) if signed else colour)
        text = f"{escape(row.label)}: {_number(row.value)}{escape(row.note)}"
        body.append(
            f'<text x="{left - 6}" y="{y + 15}" text-anchor="end" fill="{INK}">'
            f"{escape(row.label[:LABEL_MAX])}</text>"
        )
        bar = (
            f'<rect x="{x:.1f}" y="{y + 3}" width="{max(size, 1):.1f}" height="{row_h - 8}" '
            f'rx="2" fill="{fill}"><title>{text}</title></rect>'
        )
        body.append(_link(row.href, bar))
        tx = (x + size + 4) if not (signed and row.value < 0) else zero + 4
        body.append(
            f'<text x="{tx:.1f}" y="{y + 15}" fill="{INK}">{_number(row.value)}'
            f"{escape(row.note)}</text>"
        )
    if signed:
        body.append(
            f'<line x1="{zero}" y1="0" x2="{zero}" y2="{height}" stroke="{NEU}" stroke-width="1"/>'
        )
    return _svg(width, height, body, label)


def stacked(
    rows: Sequence[tuple[str, int, int, int, str | None]],
    *,
    label: str,
    width: int = 520,
    names: tuple[str, str, str] = ("positive", "neutral", "negative"),
) -> str:
    """One bar per row split into positive / neutral / negative (label, pos, neu, neg, href of
    the negative part)."""
    if not rows:
        return ""
    row_h, left, top = 22, _label_space(name for name, *_ in rows), 20
    plot = width - left - 60
    most = max(p + u + n for _, p, u, n, _ in rows) or 1
    body: list[str] = _legend(list(zip((POS, NEU, NEG), names, strict=True)), left, 12)
    for i, (name, pos, neu, neg, href) in enumerate(rows):
        y = top + 3 + i * row_h
        body.append(
            f'<text x="{left - 6}" y="{y + 15}" text-anchor="end" fill="{INK}">'
            f"{escape(name[:LABEL_MAX])}</text>"
        )
        x = float(left)
        for value, colour, part, link in (
            (pos, POS, names[0], None),
            (neu, NEU, names[1], None),
            (neg, NEG, names[2], href),
        ):
            size = value / most * plot
            if value:
                rect = (
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{size:.1f}" height="{row_h - 8}" '
                    f'fill="{colour}"><title>{escape(name)} · {escape(part)}: {value:,}</title>'
                    "</rect>"
                )
                body.append(_link(link, rect))
            x += size
        body.append(f'<text x="{x + 4:.1f}" y="{y + 15}" fill="{INK}">{pos + neu + neg:,}</text>')
    return _svg(width, top + row_h * len(rows) + 6, body, label)


def _nice(value: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten at or above ``value`` (an axis' top)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return float(next(m * power for m in (1, 2, 5, 10) if m * power >= value))


def line(
    points: Sequence[tuple[str, float | None]],
    *,
    label: str,
    volumes: Sequence[float] = (),
    width: int = 620,
    height: int = 200,
    low: float = -100,
    high: float = 100,
    names: tuple[str, str] | None = None,
) -> str:
    """A line of values over labelled steps (e.g. weekly Net Sentiment) over grey volume bars,
    with the line's scale on the left and the volumes' on the right; ``names`` (the line's,
    the bars') adds a legend above."""
    if not points:
        return ""
    left, right, bottom = 40, 44 if volumes else 10, 28
    top = 26 if names else 10
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(points), 1)
    body: list[str] = []
    most = _nice(max(volumes, default=0))
    for i, volume in enumerate(volumes):
        h = volume / most * plot_h
        body.append(
            f'<rect x="{left + i * step + step * 0.15:.1f}" y="{top + plot_h - h:.1f}" '
            f'width="{step * 0.7:.1f}" height="{h:.1f}" fill="{VOLUME}">'
            f"<title>{escape(points[i][0])}: {volume:,.0f}</title></rect>"
        )
    for tick in (low, 0.0, high):
        y = top + (high - tick) / (high - low) * plot_h
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#d5dae1" '
            'stroke-dasharray="3 3"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" fill="{INK}">{tick:g}</text>'
        )
    if volumes:  # the volumes' own axis, on the right
        axis = width - right + 2
        body.append(
            f'<line class="volume-axis" x1="{axis}" y1="{top}" x2="{axis}" y2="{top + plot_h}" '
            f'stroke="#aab2bd"/>'
        )
        for tick in (0.0, most / 2, most):
            y = top + plot_h - tick / most * plot_h
            body.append(
                f'<text class="volume-tick" x="{axis + 4}" y="{y + 4:.1f}" fill="#67707c">'
                f"{_number(tick)}</text>"
            )
    path: list[str] = []
    for i, (name, value) in enumerate(points):
        x = left + i * step + step / 2
        if i % max(1, len(points) // 8) == 0:
            body.append(
                f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" fill="{INK}">'
                f"{escape(name[5:] if len(name) > 7 else name)}</text>"
            )
        if value is None:
            continue
        y = top + (high - max(low, min(high, value))) / (high - low) * plot_h
        path.append(f"{'M' if not path else 'L'}{x:.1f},{y:.1f}")
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{ACCENT}">'
            f"<title>{escape(name)}: {value:g}</title></circle>"
        )
    if path:
        body.insert(
            len(volumes) + 3,
            f'<path d="{" ".join(path)}" fill="none" stroke="{ACCENT}" stroke-width="2"/>',
        )
    if names:
        body += _legend([(ACCENT, names[0]), (VOLUME, names[1])], left, 14)
    return _svg(width, height, body, label)
