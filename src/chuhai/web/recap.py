"""The 直播复盘 as HTML: the page ``/live/recap/{session}``, the list ``/live/recap``, and the
self-contained file ``chuhai live recap --out`` writes (inline CSS and SVG, no network; PDF
through :func:`chuhai.web.report.write_pdf`). Chinese by default, English with ``lang="en"``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from chuhai import charts
from chuhai.access.roles import Principal
from chuhai.live.recap_model import Point, Recap
from chuhai.markets import market_info
from chuhai.records import LiveSession
from chuhai.voc.scope import Scope
from chuhai.voc.service import VocService
from chuhai.web import views
from chuhai.web.i18n import UI, Lang, Translator
from chuhai.web.render import page

__all__ = ["render_index", "render_recap", "timeline_chart"]


def _clock(when: datetime, market: str) -> str:
    return when.astimezone(ZoneInfo(market_info(market).timezone)).strftime("%Y-%m-%d %H:%M")


def timeline_chart(
    points: Sequence[Point], t: Translator, *, bucket_s: int, width: int = 760, height: int = 220
) -> str:
    """Comments per step as bars (spikes in amber, hidden steps hatched) and the viewers the
    platform reported as a line on its own axis on the right."""
    if not points:
        return ""
    left, right, top, bottom = 40, 52, 24, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / len(points)
    most = charts._nice(max((p.comments or 0 for p in points), default=0))
    peak = charts._nice(max((p.viewers or 0 for p in points), default=0))
    body: list[str] = []
    for tick in (0.0, most / 2, most):
        y = top + plot_h - tick / most * plot_h
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#d5dae1" '
            f'stroke-dasharray="3 3"/><text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" '
            f'fill="{charts.INK}">{tick:g}</text>'
        )
    minutes = bucket_s // 60
    label_every = max(1, len(points) // 10)
    for i, p in enumerate(points):
        x = left + i * step
        what = f"{p.minute}′–{p.minute + minutes}′"
        if p.comments is None:
            body.append(
                f'<rect class="hidden-step" x="{x + step * 0.1:.1f}" y="{top}" '
                f'width="{step * 0.8:.1f}" height="{plot_h}" fill="#f1f3f6">'
                f"<title>{escape(what)}: {escape(t('recap_hidden', k='k'))}</title></rect>"
            )
        else:
            h = p.comments / most * plot_h
            fill = charts.WARN if p.spike else charts.ACCENT
            mark = f" · {t('recap_spike')}" if p.spike else ""
            body.append(
                f'<rect class="{"spike" if p.spike else "step"}" x="{x + step * 0.1:.1f}" '
                f'y="{top + plot_h - h:.1f}" width="{step * 0.8:.1f}" height="{h:.1f}" '
                f'fill="{fill}"><title>{escape(what)}: {p.comments}{escape(mark)}</title></rect>'
            )
        if i % label_every == 0:
            body.append(
                f'<text x="{x + step / 2:.1f}" y="{height - 12}" text-anchor="middle" '
                f'fill="{charts.INK}">{p.minute}′</text>'
            )
    path = [
        f"{'M' if not i else 'L'}{left + j * step + step / 2:.1f},"
        f"{top + plot_h - (p.viewers or 0) / peak * plot_h:.1f}"
        for i, (j, p) in enumerate((j, p) for j, p in enumerate(points) if p.viewers is not None)
    ]
    if path:
        axis = width - right + 2
        body.append(
            f'<path class="viewers" d="{" ".join(path)}" fill="none" stroke="{charts.NEG}" '
            f'stroke-width="1.5"/><line x1="{axis}" y1="{top}" x2="{axis}" y2="{top + plot_h}" '
            'stroke="#aab2bd"/>'
        )
        for tick in (0.0, peak / 2, peak):
            y = top + plot_h - tick / peak * plot_h
            body.append(
                f'<text x="{axis + 4}" y="{y + 4:.1f}" fill="#67707c">{charts._number(tick)}</text>'
            )
    legend = [(charts.ACCENT, t("recap_comments")), (charts.WARN, t("recap_spike"))]
    if path:
        legend.append((charts.NEG, t("recap_viewers")))
    body += charts._legend(legend, left, 14)
    body.append(
        f'<text x="{width - right}" y="{height - 1}" text-anchor="end" fill="#67707c" '
        f'font-size="10">{escape(t("recap_minute_axis"))}</text>'
    )
    return charts._svg(width, height, body, t("recap_timeline"))


def _temperature_chart(r: Recap, t: Translator) -> str:
    points = [(f"{p.minute}′", p.temperature) for p in r.timeline]
    if not any(v is not None for _, v in points):
        return ""
    volumes = [float(p.comments or 0) for p in r.timeline]
    names = (t("recap_temperature"), t("recap_comments"))
    return charts.line(
        points, label=names[0], volumes=volumes, width=760, low=0, high=100, names=names
    )


def _context(svc: VocService, lang: Lang) -> tuple[Translator, Any]:

    zones = {z: tuple(m) for z, m in svc.settings.zone_markets().items()}
    return Translator(lang, zones), views.Links(lang, Scope())


def render_recap(
    svc: VocService,
    r: Recap,
    *,
    lang: Lang = "zh",
    path: str = "",
    query: dict[str, str] | None = None,
    user: Principal | None = None,
    standalone: bool = False,
) -> str:
    """The recap's HTML: with the site's bar (``standalone`` False), or as one file."""

    t, links = _context(svc, lang)

    def action(key: str) -> str:
        return t(f"recap_action_{key}") if f"recap_action_{key}" in UI else key

    return page(
        "recap.html",
        svc=svc,
        lang=lang,
        links=links,
        path=path,
        query=query or {},
        inline_css=standalone,
        standalone=standalone,
        user=user,
        r=r,
        market=r.session.market,
        clock=lambda when: _clock(when, r.session.market),
        timeline=timeline_chart(r.timeline, t, bucket_s=r.bucket_s),
        temperature=_temperature_chart(r, t),
        action=action,
    )


def render_index(
    svc: VocService,
    sessions: Sequence[tuple[str, LiveSession]],
    *,
    lang: Lang = "zh",
    path: str = "",
    query: dict[str, str] | None = None,
    user: Principal | None = None,
) -> str:
    """The list of stored sessions, each linked to its recap."""

    _, links = _context(svc, lang)
    return page(
        "recap_index.html",
        svc=svc,
        lang=lang,
        links=links,
        path=path,
        query=query or {},
        user=user,
        sessions=[s for _, s in sessions],
        clock=_clock,
    )
