"""The SVG charts: stacked bars carry a legend, the weekly line has an axis for its volume
bars and a legend, bars can be coloured one by one, and long labels get room."""

from __future__ import annotations

import re

from chuhai import charts
from chuhai.charts import Bar


def test_stacked_bars_have_a_legend_of_their_three_parts() -> None:
    svg = charts.stacked(
        [("电池续航", 3, 1, 9, None)], label="方面", names=("正面", "中性", "负面")
    )
    legend = re.findall(r'<rect class="legend"[^>]*fill="([^"]+)"[^>]*/><text[^>]*>([^<]+)<', svg)
    assert legend == [(charts.POS, "正面"), (charts.NEU, "中性"), (charts.NEG, "负面")]


def test_the_volume_bars_have_their_own_axis_and_the_line_a_legend() -> None:
    svg = charts.line([("2026-11-02", 10.0), ("2026-11-09", -20.0)], label="每周",
                      volumes=[120, 380], names=("净情感值", "声量（条）"))  # fmt: skip
    assert 'class="volume-axis"' in svg
    ticks = re.findall(r'class="volume-tick"[^>]*>([^<]+)<', svg)
    assert ticks == ["0", "250", "500"]  # up to a round number above the largest week
    assert ">净情感值</text>" in svg and ">声量（条）</text>" in svg


def test_a_line_without_volumes_has_no_volume_axis() -> None:
    svg = charts.line([("2026-11-02", 10.0)], label="x")
    assert "volume-axis" not in svg and "legend" not in svg


def test_a_bar_can_have_its_own_colour() -> None:
    svg = charts.bars([Bar("泰国", 21.8, fill=charts.WARN), Bar("美国", 47.6)], label="净情感值",
                      signed=True)  # fmt: skip
    fills = re.findall(r'<rect x="[^"]+" y="[^"]+" width="[^"]+" height="[^"]+" rx="2" '
                       r'fill="([^"]+)"', svg)  # fmt: skip
    assert fills == [charts.WARN, charts.POS]


def test_long_labels_get_room_left_of_the_bars() -> None:
    svg = charts.bars([Bar("PB-400 Lumio 魔方10000毫安充电宝", 38.3)], label="占比")
    x = float(re.search(r'<text x="([\d.]+)" y="\d+" text-anchor="end"', svg).group(1))  # type: ignore[union-attr]
    assert x > 150 and "魔方10000毫安充电宝</text>" in svg
