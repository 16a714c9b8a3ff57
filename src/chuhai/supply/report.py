"""The simulation's comparison as one self-contained HTML page of SVG bar charts, and the
backtest as Markdown tables."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import pandas as pd

from chuhai.charts import ACCENT, NEG, POS, Bar, bars
from chuhai.supply.backtest import BacktestResult
from chuhai.supply.simulate import PolicyResult

__all__ = ["backtest_markdown", "simulation_html", "simulation_markdown"]

_METRICS = (
    ("fill_rate", "Fill rate (share of demand served) 满足率", POS, 100.0, "%"),
    ("periods_of_cover", "Average stock, in periods of demand 平均库存（周数）", ACCENT, 1.0, ""),
    ("leftover_share", "Leftover at season end, share of units bought 季末剩余", NEG, 100.0, "%"),
    (
        "total_cost",
        "Cost of the policy, in thousands (freight, holding, lost margin, leftover) 总成本",
        NEG,
        0.001,
        " k",
    ),
)


def simulation_markdown(results: Sequence[PolicyResult]) -> str:
    lines = [
        "| policy | fill rate | average stock (periods of demand) "
        "| leftover (share of units bought) | orders | cost of the policy |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.policy} | {r.fill_rate:.1%} | {r.periods_of_cover:.2f} "
            f"| {r.leftover_share:.1%} | {r.orders:,} | {r.total_cost:,.0f} |"
        )
    return "\n".join(lines)


_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:760px;margin:2em auto;color:#2c3440}"
    "h2{font-size:1em;margin-top:1.6em}table{border-collapse:collapse}"
    "td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right}"
    "td:first-child,th:first-child{text-align:left}"
)


def _html_table(results: Sequence[PolicyResult]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in (
        "policy", "fill rate", "average stock (periods)", "leftover (share bought)", "orders",
        "cost of the policy"))  # fmt: skip
    rows = "".join(
        f"<tr><td>{escape(r.policy)}</td><td>{r.fill_rate:.1%}</td>"
        f"<td>{r.periods_of_cover:.2f}</td><td>{r.leftover_share:.1%}</td>"
        f"<td>{r.orders:,}</td><td>{r.total_cost:,.0f}</td></tr>"
        for r in results
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def simulation_html(results: Sequence[PolicyResult], title: str, note: str) -> str:
    charts = []
    for key, label, colour, scale, unit in _METRICS:
        data = [Bar(r.policy, round(float(getattr(r, key)) * scale, 1), note=unit) for r in results]
        chart = bars(data, label=label, colour=colour, width=640)
        charts.append(f"<h2>{escape(label)}</h2>{chart}")
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_CSS}"
        "</style></head><body>"
        f"<h1>{escape(title)}</h1><p>{escape(note)}</p>{''.join(charts)}"
        f"<h2>Figures</h2>{_html_table(results)}</body></html>"
    )


def backtest_markdown(result: BacktestResult) -> str:
    frame = pd.DataFrame(result.rows)
    parts = []
    for metric in ("wape", "mase"):
        table = frame.pivot(index="horizon", columns="model", values=metric)
        models = list(dict.fromkeys(frame["model"]))
        header = f"| horizon | {' | '.join(models)} |\n|---|{'---|' * len(models)}"
        body = [
            f"| {h} | " + " | ".join(f"{table.loc[h, m]:.3f}" for m in models) + " |"
            for h in table.index
        ]
        mean = " | ".join(f"**{table[m].mean():.3f}**" for m in models)
        parts.append(
            f"**{metric.upper()}**\n\n{header}\n" + "\n".join(body) + f"\n| mean | {mean} |"
        )
    seconds = ", ".join(f"{m} {s:.0f} s" for m, s in result.seconds.items())
    parts.append(
        f"{result.series:,} series, origins {', '.join(result.origins)}; fit + forecast time "
        f"over all origins: {seconds}."
    )
    return "\n\n".join(parts)
