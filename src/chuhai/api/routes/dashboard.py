"""The VOC web app: server-rendered pages (中文 / English: ``?lang=``, remembered for every
page) and CSV exports.

Charts are SVG drawn on the server: the pages need no script and no network.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from chuhai.access.roles import Permission
from chuhai.api.access import principal_of, require
from chuhai.api.deps import VocDep
from chuhai.api.lang import LangDep
from chuhai.api.responses import CsvResponse
from chuhai.api.routes.voc import Filters, MarketQuery, scope_from
from chuhai.errors import ResidencyError
from chuhai.records import Channel
from chuhai.voc.scope import Period, Scope
from chuhai.voc.service import VocService
from chuhai.voc.trends import alert_week, week_label
from chuhai.web import views
from chuhai.web.i18n import Lang, Translator
from chuhai.web.render import page

__all__ = ["router"]

router = APIRouter(tags=["dashboard"], dependencies=[require(Permission.VOC)])
CHANNELS = [c.value for c in Channel]


def _html(
    request: Request, voc: VocDep, template: str, scope: Scope, lang: Lang, **ctx: Any
) -> HTMLResponse:
    links = views.Links(lang, scope)
    query = {k: v for k, v in request.query_params.items() if k != "lang"}
    body = page(
        template, svc=voc, lang=lang, links=links, path=request.url.path, query=query,
        user=principal_of(request), **ctx,
    )  # fmt: skip
    return HTMLResponse(body)


def _context(voc: VocService, lang: Lang, scope: Scope) -> tuple[Translator, views.Links]:
    zones = {z: tuple(m) for z, m in voc.settings.zone_markets().items()}
    return Translator(lang, zones), views.Links(lang, scope)


@router.get("/", include_in_schema=False)
def home() -> RedirectResponse:
    return RedirectResponse("/voc")


@router.get("/voc", response_class=HTMLResponse)
def overview_page(request: Request, voc: VocDep, filters: Filters, lang: LangDep) -> HTMLResponse:
    """Every market side by side (aggregates of at least k people), alerts, share of voice."""
    scope = scope_from(filters)
    t, links = _context(voc, lang, scope)
    data = views.overview_view(voc, scope, t, links)
    return _html(request, voc, "overview.html", scope, lang, page="overview", **data)


@router.get("/voc/market/{market}", response_class=HTMLResponse)
def market_page(
    request: Request,
    voc: VocDep,
    lang: LangDep,
    market: Annotated[str, Path(max_length=40)],
    filters: Filters,
) -> HTMLResponse:
    """All measures of one market, its themes, alerts and recommended actions."""
    scope = scope_from(filters, market)
    t, links = _context(voc, lang, scope)
    data = views.market_view(voc, scope, t, links)
    skus = (
        sorted({r.key for r in data["summary"].breakdowns["sku"].rows if r.key != "-"})
        if data["summary"]
        else []
    )
    return _html(
        request,
        voc,
        "market.html",
        scope,
        lang,
        page="market",
        skus=skus,
        channels=CHANNELS,
        **data,
    )


@router.get("/voc/product/{product}", response_class=HTMLResponse)
def product_page(
    request: Request,
    voc: VocDep,
    lang: LangDep,
    product: Annotated[str, Path(max_length=64)],
    filters: Filters,
) -> HTMLResponse:
    """One product in every market."""
    scope = scope_from(filters)
    t, links = _context(voc, lang, scope)
    data = views.product_view(voc, product, scope.narrowed(sku=None), t, links)
    return _html(request, voc, "product.html", scope, lang, page="product", **data)


@router.get("/voc/themes", response_class=HTMLResponse)
def themes_page(
    request: Request,
    voc: VocDep,
    lang: LangDep,
    filters: Filters,
    market: Annotated[str | None, Query(max_length=40)] = None,
) -> HTMLResponse:
    """Themes of one market: key phrases, tags, size, Net Sentiment, representative quotes."""
    scope = scope_from(filters, market or voc.markets[0])
    _, links = _context(voc, lang, scope)
    data = views.themes_view(voc, scope, links)
    return _html(request, voc, "themes.html", scope, lang, page="themes", **data)


@router.get("/voc/themes/{theme_id}", response_class=HTMLResponse)
def theme_page(
    request: Request,
    voc: VocDep,
    lang: LangDep,
    theme_id: Annotated[str, Path(max_length=64)],
    filters: Filters,
    market: Annotated[str | None, Query(max_length=40)] = None,
) -> HTMLResponse:
    """One theme: its measures over time and its quotes."""
    scope = scope_from(filters, market)
    t, links = _context(voc, lang, scope)
    data = views.theme_view(voc, theme_id, scope, t, links)
    if data is None:
        raise HTTPException(status_code=404, detail=f"no theme {theme_id}")
    return _html(request, voc, "theme.html", scope, lang, page="theme", **data)


def _week(week: str | None) -> str:
    return Period.parse(week).label if week else week_label(alert_week())


@router.get("/voc/alerts", response_class=HTMLResponse)
def alerts_page(
    request: Request,
    voc: VocDep,
    lang: LangDep,
    week: Annotated[str | None, Query(max_length=10)] = None,
) -> HTMLResponse:
    """This week's significant changes, each linked to the quotes behind it."""
    label = _week(week)
    found = voc.alerts(week=Period.parse(label).start.date())
    raw = [m for m in voc.markets if voc.access(voc.zone_of(m)).allowed]
    return _html(
        request,
        voc,
        "alerts.html",
        Scope(),
        lang,
        page="alerts",
        week=label,
        alerts=found,
        raw_markets=raw,
    )


@router.get("/voc/quotes", response_class=HTMLResponse)
def quotes_page(
    request: Request,
    voc: VocDep,
    lang: LangDep,
    market: MarketQuery,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=200)] = 30,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> HTMLResponse:
    """The voices behind a number (drill-down), newest first."""
    scope = scope_from(filters, market)
    data = views.quotes_view(voc, scope, limit, offset)
    params = {k: v for k, v in request.query_params.items() if k != "lang"}
    params["offset"] = str(offset)
    status = 403 if data["refused"] else 200
    response = _html(request, voc, "quotes.html", scope, lang, page="quotes", params=params, **data)
    response.status_code = status
    return response


@router.get("/voc/journey", response_class=HTMLResponse)
def journey_page(
    request: Request,
    voc: VocDep,
    lang: LangDep,
    zone: Annotated[str, Query(max_length=32)],
    person: Annotated[str, Query(min_length=1, max_length=200)],
) -> HTMLResponse:
    """One pseudonymised person across channels within their zone."""
    if zone not in voc.router.zones:
        raise HTTPException(status_code=404, detail=f"unknown zone {zone!r}")
    try:
        journey, refused = voc.journey(zone, person), None
    except ResidencyError:
        journey, refused = {"zone": zone, "person": person, "steps": []}, voc.access(zone).reason
    response = _html(
        request,
        voc,
        "journey.html",
        Scope(),
        lang,
        page="journey",
        journey=journey,
        refused=refused,
    )
    response.status_code = 403 if refused else 200
    return response


# -- CSV exports ----------------------------------------------------------------------------


def _csv(name: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    # A byte-order mark so that Excel opens Chinese and Thai text correctly.
    return Response(
        "\ufeff" + buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/voc/export/measures.csv", response_class=CsvResponse)
def export_measures(voc: VocDep, market: MarketQuery, filters: Filters) -> Response:
    """Every breakdown of a market's measures as rows (breakdown, key, voices, ...)."""
    scope = scope_from(filters, market)
    summary = voc.summary(scope)
    header = [
        "market",
        "breakdown",
        "key",
        "voices",
        "people",
        "pos",
        "neu",
        "neg",
        "share",
        "net_sentiment",
    ]
    rows: list[list[object]] = []
    if summary is not None and summary.hidden:  # no figure of a hidden scope, not even 0
        rows.append([market, "total", "hidden", "", "", "", "", "", "", ""])
    elif summary is not None:
        t = summary.total
        rows.append(
            [market, "total", "all", t.voices, t.people, t.pos, t.neu, t.neg, 1.0, t.net_sentiment]
        )
        for name, breakdown in summary.breakdowns.items():
            rows += [
                [
                    market,
                    name,
                    r.key,
                    r.voices,
                    r.people,
                    r.pos,
                    r.neu,
                    r.neg,
                    r.share,
                    r.net_sentiment,
                ]
                for r in breakdown.rows
            ]
        rows += [
            [
                market,
                "aspect",
                a["aspect"],
                a["total"],
                "",
                a["pos"],
                a["neu"],
                a["neg"],
                "",
                a["net_sentiment"],
            ]
            for a in summary.aspects
        ]
    return _csv(f"measures-{scope.markets[0]}.csv", header, rows)


@router.get("/voc/export/quotes.csv", response_class=CsvResponse)
def export_quotes(
    voc: VocDep,
    market: MarketQuery,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=50_000)] = 5000,
) -> Response:
    """The quotes of a scope (403 where they may not leave their zone)."""
    scope = scope_from(filters, market)
    found = voc.quotes(scope, limit=limit)
    header = [
        "id",
        "time",
        "market",
        "channel",
        "sku",
        "language",
        "text",
        "rating",
        "person",
        "sentiment",
        "emotion",
        "intent",
    ]
    return _csv(
        f"quotes-{scope.markets[0]}.csv", header, ([getattr(q, h) for h in header] for q in found)
    )


@router.get("/voc/export/themes.csv", response_class=CsvResponse)
def export_themes(voc: VocDep, market: MarketQuery, filters: Filters) -> Response:
    scope = scope_from(filters, market)
    header = [
        "id",
        "kind",
        "name",
        "key_phrases",
        "seeds",
        "aspect",
        "intent",
        "voices",
        "people",
        "net_sentiment",
    ]
    rows = [
        [
            v.theme.id,
            v.theme.kind,
            v.theme.name,
            " | ".join(v.theme.key_phrases),
            " | ".join(v.theme.seeds),
            v.theme.aspect,
            v.theme.intent,
            v.voices,
            v.people,
            v.net_sentiment,
        ]
        for v in voc.themes(scope, quotes=0)
    ]
    return _csv(f"themes-{scope.markets[0]}.csv", header, rows)


@router.get("/voc/export/alerts.csv", response_class=CsvResponse)
def export_alerts(
    voc: VocDep, week: Annotated[str | None, Query(max_length=10)] = None
) -> Response:
    label = _week(week)
    found = voc.alerts(week=Period.parse(label).start.date())
    header = [
        "id",
        "week",
        "zone",
        "market",
        "dimension",
        "key",
        "label",
        "direction",
        "severity",
        "count",
        "people",
        "voices",
        "share",
        "baseline_count",
        "baseline_voices",
        "baseline_share",
        "lift",
        "p_value",
        "q_value",
    ]
    return _csv(f"alerts-{label}.csv", header, ([getattr(a, h) for h in header] for a in found))
