"""The network drawn as inline SVG on the server: factories (by industrial belt) on the left,
overseas warehouses in the middle, markets on the right; a line per link as thick as its
units a week, each with a ``<title>`` giving the exact figure. Nodes without flow are grey."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Final

from chuhai.charts import ACCENT, FONT, INK, NEU, WARN
from chuhai.supply.network.models import NetworkSetup
from chuhai.supply.network.solve import NetworkPlan

__all__ = ["draw_network"]

_ROW: Final = 34
_X: Final = (20, 330, 620)
_BOX: Final = (210, 170, 110)


def _label(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def draw_network(
    setup: NetworkSetup,
    plan: NetworkPlan,
    headings: tuple[str, str, str],
    market_name: Callable[[str], str] = str,
    units_word: str = "units/week",
) -> str:
    factories = sorted(setup.factories, key=lambda f: (f.belt, f.name))
    columns = [
        [(f.name, f"{_label(f.name)}", f.belt) for f in factories],
        [(w.name, _label(w.name, 22), w.country) for w in setup.warehouses],
        [(m, _label(market_name(m), 14), "") for m in setup.markets],
    ]
    height = 60 + _ROW * max(len(c) for c in columns)
    where: dict[str, tuple[int, float]] = {}
    body: list[str] = []
    used = {o for o, _, _ in plan.links()} | {d for _, d, _ in plan.links()}
    for i, column in enumerate(columns):
        x, width = _X[i], _BOX[i]
        top = 50 + (height - 60 - _ROW * len(column)) / 2
        body.append(f'<text x="{x}" y="24" font-weight="600" fill="{INK}">'
                    f"{escape(headings[i])}</text>")  # fmt: skip
        names = ' lang="und"' if i < 2 else ""  # the setup's own names, not the page's words
        for j, (key, text, note) in enumerate(column):
            y = top + j * _ROW
            where[key] = (i, y + 13)
            colour = ACCENT if key in used else NEU
            title = f"{key} · {note}" if note else key
            body.append(
                f'<g><title>{escape(title)}</title><rect x="{x}" y="{y}" width="{width}" '
                f'height="26" rx="4" fill="white" stroke="{colour}"/><text x="{x + 6}" '
                f'y="{y + 17}" fill="{INK}"{names}>{escape(text)}</text></g>'
            )
    links = plan.links()
    top_units = max((u for _, _, u in links), default=1.0) or 1.0
    lines = []
    for origin, destination, units in links:
        if origin not in where or destination not in where:
            continue
        i, y1 = where[origin]
        _, y2 = where[destination]
        x1, x2 = _X[i] + _BOX[i], _X[i + 1]
        stroke = 1 + 9 * units / top_units
        colour = WARN if i == 0 and units == top_units else ACCENT
        lines.append(
            f'<path d="M{x1},{y1:.1f} C{x1 + 50},{y1:.1f} {x2 - 50},{y2:.1f} {x2},{y2:.1f}" '
            f'fill="none" stroke="{colour}" stroke-opacity="0.55" stroke-width="{stroke:.1f}">'
            f"<title>{escape(origin)} → {escape(destination)}: {units:,.0f} "
            f"{escape(units_word)}</title></path>"
        )
    label = " → ".join(headings)
    return (
        f'<svg class="chart network" viewBox="0 0 760 {height}" width="100%" role="img" '
        f'aria-label="{escape(label)}" {FONT} font-size="12" '
        f'xmlns="http://www.w3.org/2000/svg">' + "".join(lines + body) + "</svg>"
    )
