"""What each dashboard page and the report show, computed once for both: measures through the
VOC service, turned into tables and SVG charts with links that drill down to quotes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from chuhai import charts
from chuhai.charts import Bar
from chuhai.errors import ResidencyError
from chuhai.voc.actions import recommend
from chuhai.voc.measures import Summary
from chuhai.voc.scope import Scope
from chuhai.voc.service import VocService
from chuhai.voc.trends import Alert
from chuhai.web.i18n import Translator

__all__ = [
    "Links",
    "alerts_view",
    "labels",
    "market_view",
    "overview_view",
    "product_names",
    "product_view",
    "quotes_view",
    "theme_view",
    "themes_view",
    "warnings",
]


@dataclass(frozen=True)
class Links:
    """URLs that keep the language and the filters of the page they are on."""

    lang: str
    scope: Scope

    def to(self, path: str, **params: object) -> str:
        query = {"lang": self.lang, **{k: v for k, v in params.items() if v not in (None, "")}}
        return f"{path}?{urlencode(query)}"

    def filters(self) -> dict[str, str]:
        s = self.scope
        out = {"period": s.period.label if s.period else None, "sku": s.sku, "channel": s.channel}
        return {k: v for k, v in out.items() if v}

    def quotes(self, market: str, **params: object) -> str:
        return self.to("/voc/quotes", market=market, **{**self.filters(), **params})


def warnings(alerts: list[Alert]) -> int:
    """How many warning alerts: a period with any is not coloured as good news."""
    return sum(1 for a in alerts if a.severity == "warning")


def labels(t: Translator) -> tuple[Translator, Translator]:
    """Chinese and English words for the recommended actions (both are kept on each)."""
    return Translator("zh", t.zones), Translator("en", t.zones)


def product_names(svc: VocService, lang: str) -> dict[str, str]:
    """SKU -> the catalogue's name in ``lang`` (Chinese, else English, else any), for every
    place a SKU is shown; the catalogue is the company's own data, read in every zone."""
    names: dict[str, str] = {}
    for store in svc.stores().values():
        for product in store.products():
            names.setdefault(product.sku, product.name(lang))
    return names


def _sentiment_chart(summary: Summary, t: Translator, link: Links, market: str) -> str:
    total = summary.total
    return charts.stacked(
        [(t("sentiment"), total.pos, total.neu, total.neg, link.quotes(market, sentiment="neg"))],
        label=t("sentiment"),
        names=(t.sentiment("pos"), t.sentiment("neu"), t.sentiment("neg")),
    )


def summary_charts(
    summary: Summary,
    t: Translator,
    link: Links,
    market: str,
    products: dict[str, str] | None = None,
) -> dict[str, str]:
    b = summary.breakdowns
    weeks = b["week"].rows
    names = (t.sentiment("pos"), t.sentiment("neu"), t.sentiment("neg"))
    products = products or {}
    return {
        "weekly": charts.line(
            [(r.key, r.net_sentiment) for r in weeks],
            volumes=[r.voices for r in weeks],
            label=t("weekly"),
            width=1100,
            height=240,
            names=(t("net_axis"), t("voices_axis")),
        ),
        "sentiment": _sentiment_chart(summary, t, link, market),
        "emotions": charts.bars(
            [
                Bar(t.emotion(r.key), r.voices, link.quotes(market, emotion=r.key))
                for r in b["emotion"].rows[:9]
                if r.key != "-"
            ],
            label=t("emotions"),
        ),
        "intents": charts.bars(
            [
                Bar(t.intent(r.key), r.voices, link.quotes(market, intent=r.key))
                for r in b["intent"].rows[:10]
                if r.key != "-"
            ],
            label=t("intents"),
        ),
        "aspects": charts.stacked(
            [
                (
                    t.aspect(a["aspect"]),
                    a["pos"],
                    a["neu"],
                    a["neg"],
                    link.quotes(market, aspect=a["aspect"], sentiment="neg"),
                )
                for a in summary.aspects
            ],
            label=t("aspects"),
            names=names,
        ),
        "ratings": charts.bars(
            [Bar("★" * int(r.key), r.voices) for r in reversed(b["stars"].rows) if r.key != "-"],
            label=t("ratings"),
            colour="#e0a526",
        ),
        "share_of_voice": charts.bars(
            [
                Bar(
                    f"{r.key} {products[r.key]}" if r.key in products else r.key,
                    round(
                        100
                        * r.voices
                        / max(1, sum(x.voices for x in b["sku"].rows if x.key != "-")),
                        1,
                    ),
                    link.to(f"/voc/product/{r.key}", **link.filters()),
                    "%",
                )
                for r in b["sku"].rows
                if r.key != "-"
            ],
            label=t("share_of_voice"),
        ),
        "channels": charts.bars(
            [
                Bar(t.channel(r.key), r.voices, link.quotes(market, channel=r.key))
                for r in b["channel"].rows
            ],
            label=t("channels"),
        ),
    }


def overview_view(svc: VocService, scope: Scope, t: Translator, link: Links) -> dict[str, Any]:
    summaries = svc.released(scope)
    alerts = svc.alerts()
    warned = Counter(a.market for a in alerts if a.severity == "warning")
    rows = []
    for summary in summaries:
        market = summary.scope.markets[0]
        zone = svc.zone_of(market)
        worst = max(summary.aspects, key=lambda a: a["neg"], default=None)
        rows.append(
            {
                "market": market,
                "zone": zone,
                "summary": summary,
                "rating": summary.rating()["mean"],
                "raw": svc.access(zone).allowed,
                "worst": worst,
                "alerts": sum(1 for a in alerts if a.market == market),
                "warnings": warned[market],
                "weekly": charts.line(
                    [(r.key, r.net_sentiment) for r in summary.breakdowns["week"].rows],
                    volumes=[r.voices for r in summary.breakdowns["week"].rows],
                    label=f"{t.market(market)} {t('weekly')}",
                    width=360,
                    height=120,
                ),
            }
        )
    net = charts.bars(
        [
            Bar(
                t.market(r["market"]),
                r["summary"].total.net_sentiment or 0,
                link.to(f"/voc/market/{r['market']}", **link.filters()),
                fill=charts.WARN if r["warnings"] else None,
            )
            for r in rows
        ],
        label=t("net_sentiment"),
        signed=True,
    )
    skus: dict[str, dict[str, int]] = {}
    for summary in summaries:
        for r in summary.breakdowns["sku"].rows:
            if r.key != "-":
                skus.setdefault(r.key, {})[summary.scope.markets[0]] = r.voices
    return {
        "rows": rows,
        "net_chart": net,
        "alerts": alerts[:8],
        "skus": skus,
        "markets": [r["market"] for r in rows],
    }


def market_view(svc: VocService, scope: Scope, t: Translator, link: Links) -> dict[str, Any]:
    market = scope.markets[0]
    zone = svc.zone_of(market)
    summary = svc.summary(scope)
    access = svc.access(zone)
    alerts = svc.alerts(market=market)
    themes = svc.themes(scope, quotes=0)[:10] if summary is not None else []
    actions = recommend(summary, alerts, *labels(t)) if summary is not None else []
    products = product_names(svc, t.lang)
    return {
        "market": market,
        "zone": zone,
        "summary": summary,
        "access": access,
        "charts": summary_charts(summary, t, link, market, products) if summary else {},
        "alerts": alerts,
        "warnings": warnings(alerts),
        "themes": themes,
        "actions": actions,
        "rating": summary.rating() if summary is not None else None,
    }


def product_view(
    svc: VocService, sku: str, scope: Scope, t: Translator, link: Links
) -> dict[str, Any]:
    rows = []
    for market in scope.markets or tuple(svc.markets):
        narrowed = scope.narrowed(markets=(market,), sku=sku)
        summary = svc.summary(narrowed)
        if summary is None or summary.total.voices == 0:
            continue
        rows.append(
            {
                "market": market,
                "summary": summary,
                "raw": svc.access(svc.zone_of(market)).allowed,
                "rating": summary.rating()["mean"],
                "aspects": charts.stacked(
                    [
                        (
                            t.aspect(a["aspect"]),
                            a["pos"],
                            a["neu"],
                            a["neg"],
                            link.quotes(market, sku=sku, aspect=a["aspect"], sentiment="neg"),
                        )
                        for a in summary.aspects
                    ],
                    label=f"{t.market(market)} {t('aspects')}",
                    names=(t.sentiment("pos"), t.sentiment("neu"), t.sentiment("neg")),
                ),
            }
        )
    return {"sku": sku, "rows": rows}


def themes_view(svc: VocService, scope: Scope, link: Links) -> dict[str, Any]:
    market = scope.markets[0]
    zone = svc.zone_of(market)
    return {
        "market": market,
        "zone": zone,
        "access": svc.access(zone),
        "themes": svc.themes(scope, quotes=2),
    }


def theme_view(
    svc: VocService, theme_id: str, scope: Scope, t: Translator, link: Links
) -> dict[str, Any] | None:
    found = svc.theme(theme_id)
    if found is None:
        return None
    zone, theme = found
    markets = [m for m in theme.markets if svc.zone_of(m) == zone] or list(
        svc.settings.zone_markets()[zone]
    )
    market = scope.markets[0] if scope.markets and scope.markets[0] in markets else markets[0]
    narrowed = scope.narrowed(markets=(market,), theme=theme.id)
    # measures cut by a theme are read inside the zone only (see chuhai.voc.release)
    summary = svc.summary(narrowed) if svc.access(zone).allowed else None
    quotes, refused = _quotes_or_reason(svc, narrowed, 20, 0)
    return {
        "theme": theme,
        "zone": zone,
        "market": market,
        "summary": summary,
        "warnings": warnings(svc.alerts(market=market)) if summary else 0,
        "charts": summary_charts(summary, t, link, market, product_names(svc, t.lang))
        if summary
        else {},
        "quotes": quotes,
        "refused": refused,
    }


def _quotes_or_reason(
    svc: VocService, scope: Scope, limit: int, offset: int
) -> tuple[list[Any], str | None]:
    try:
        return svc.quotes(scope, limit=limit, offset=offset), None
    except ResidencyError:
        return [], svc.access(svc.zone_of(scope.markets[0])).reason


def quotes_view(svc: VocService, scope: Scope, limit: int, offset: int) -> dict[str, Any]:
    quotes, refused = _quotes_or_reason(svc, scope, limit + 1, offset)
    return {
        "market": scope.markets[0],
        "quotes": quotes[:limit],
        "more": len(quotes) > limit,
        "refused": refused,
        "limit": limit,
        "offset": offset,
    }


def alerts_view(alerts: list[Alert]) -> dict[str, Any]:
    weeks = sorted({a.week for a in alerts})
    return {"alerts": alerts, "weeks": weeks}
