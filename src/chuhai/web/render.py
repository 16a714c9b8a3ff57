"""Server-side HTML of the VOC dashboard and reports (Jinja2 templates, autoescaped)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from importlib import resources
from typing import Any, Final

from jinja2 import Environment, PackageLoader, select_autoescape

from chuhai import __version__
from chuhai.access.roles import Principal
from chuhai.voc.service import VocService
from chuhai.voc.trends import Alert
from chuhai.web.i18n import Lang, Translator
from chuhai.web.labels import AUDIT_VALUE
from chuhai.web.site import inject, site_links, switch_url
from chuhai.web.views import Links, product_names

__all__ = ["alert_link", "page", "plain_page", "site_bar", "static_page", "stylesheet"]


COLON: Final = {"zh": "：", "en": ": "}


@functools.cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("chuhai.web", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


@functools.cache
def stylesheet() -> str:
    return resources.files("chuhai.web").joinpath("static/voc.css").read_text("utf-8")


def alert_link(links: Links, alert: Alert) -> str:
    """The quotes behind an alert: its market, its week, its series."""
    params: dict[str, object] = {"market": alert.market, "period": alert.week}
    if alert.dimension == "aspect_negative":
        params |= {"aspect": alert.key, "sentiment": "neg"}
    elif alert.dimension == "intent":
        params["intent"] = alert.key
    elif alert.dimension == "theme":
        params["theme"] = alert.key
    else:
        params["sentiment"] = "neg"
    return links.to("/voc/quotes", **params)


def net_class(net: float | None, warnings: int) -> str:
    """The colour of a Net Sentiment: amber in a period with warning alerts (a positive
    average must not read as "all is well" then), else green or red by its sign."""
    if net is None:
        return ""
    if warnings:
        return "warn"
    return "neg" if net < 0 else "pos"


def theme_name(lang: Lang) -> Callable[[Any], str]:
    """A theme's name for the reader: its Chinese name in Chinese mode where it has one."""

    def name(theme: Any) -> str:
        chinese = getattr(theme, "name_zh", None)
        return str(chinese) if lang == "zh" and chinese else str(theme.name)

    return name


def _chips(svc: VocService, t: Translator, products: dict[str, str]) -> Callable[[str, str], str]:
    """A page filter in words; a theme by its name and a product with its name."""

    def chip(key: str, value: str) -> str:
        if key == "theme":
            found = svc.theme(value)
            value = theme_name(t.lang)(found[1]) if found else t("unnamed_theme")
        elif key == "sku" and value in products:
            value = f"{value} {products[value]}"
        return t.chip(key, value)

    return chip


def audit_value(t: Translator) -> Callable[[str, Any], tuple[str, str]]:
    """A recorded value of an audit entry and the language it is in ("" for the page's):
    roles, countries, events and the code's own purposes in words, free text as recorded."""

    def words(key: str, value: Any) -> str | None:
        if isinstance(value, dict):
            return " · ".join(t.chip(k, _plain(t, k, v)) for k, v in value.items())
        if isinstance(value, list):
            return t.markets(map(str, value)) if key == "markets" else ", ".join(map(str, value))
        if not isinstance(value, str):
            return json.dumps(value, ensure_ascii=False)
        if key == "role":
            return t.role(value)
        if key in ("market", "reader", "location", "source", "to"):
            return t.market(value)
        if key == "requested":
            return t.event(value)
        if value in AUDIT_VALUE:
            return t.pick(AUDIT_VALUE[value])
        return None

    def shown(key: str, value: Any) -> tuple[str, str]:
        said = words(key, value)
        if said is not None:
            return said, ""
        return str(value), "" if key in ("user", "by", "client", "path", "zone") else "en"

    return shown


def _plain(t: Translator, key: str, value: Any) -> str:
    if isinstance(value, list):
        return t.markets(map(str, value)) if key == "markets" else ", ".join(map(str, value))
    return str(value)


def page(
    template: str,
    *,
    svc: VocService,
    lang: Lang,
    links: Links,
    path: str,
    query: dict[str, str],
    inline_css: bool = False,
    **context: Any,
) -> str:
    """Render ``template`` with what every page needs (language switch, navigation)."""
    user: Principal | None = context.pop("user", None)
    zones = {z: tuple(m) for z, m in svc.settings.zone_markets().items()}
    t = Translator(lang, zones)
    products = product_names(svc, lang)
    return (
        _environment()
        .get_template(template)
        .render(
            t=t,
            lang=lang,
            colon=COLON[lang],
            link=links,
            scope=links.scope,
            reader=svc.reader,
            k=svc.k,
            version=__version__,
            nav_markets=svc.markets,
            switch_url=switch_url(path, query, lang),
            site=site_links(user),
            products=products,
            net_class=net_class,
            theme_name=theme_name(lang),
            chip=_chips(svc, t, products),
            zone_of=svc.zone_of,
            alert_link=lambda a: alert_link(links, a),
            inline_css=stylesheet() if inline_css else None,
            market=context.pop("market", None),
            user=user,
            **context,
        )
    )


def plain_page(
    template: str,
    *,
    lang: Lang,
    path: str = "",
    query: dict[str, str] | None = None,
    **context: Any,
) -> str:
    """Pages outside the dashboard (sign-in, admin, audit, refusals): the bar, no markets.
    ``site=[]`` hides the bar's links (the sign-in page)."""
    user: Principal | None = context.pop("user", None)
    context.setdefault("site", site_links(user))
    t = Translator(lang)
    return (
        _environment()
        .get_template(template)
        .render(
            t=t,
            colon=COLON[lang],
            audit_value=audit_value(t),
            lang=lang,
            user=user,
            switch_url=switch_url(path, query or {}, lang),
            **context,
        )
    )


def site_bar(
    *, lang: Lang, user: Principal | None, path: str, query: dict[str, str], current: str
) -> str:
    """The bar as a fragment, for the scripted pages (/live, /compliance)."""
    return (
        _environment()
        .get_template("site.html")
        .render(
            t=Translator(lang),
            lang=lang,
            user=user,
            site=site_links(user),
            switch_url=switch_url(path, query, lang),
            current=current,
        )
    )


def static_page(name: str, bar: str) -> str:
    """A page of ``chuhai.web/static`` with the bar on top."""
    html = resources.files("chuhai.web").joinpath(f"static/{name}").read_text("utf-8")
    return inject(html, bar)
