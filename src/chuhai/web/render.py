"""Server-side HTML of the VOC dashboard and reports (Jinja2 templates, autoescaped)."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape

from chuhai import __version__
from chuhai.voc.service import VocService
from chuhai.voc.trends import Alert
from chuhai.web.i18n import Lang, Translator
from chuhai.web.views import Links

__all__ = ["alert_link", "page", "plain_page", "stylesheet"]


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
    other = "en" if lang == "zh" else "zh"
    switch = f"{path}?{urlencode({**query, 'lang': other})}"
    return (
        _environment()
        .get_template(template)
        .render(
            t=Translator(lang),
            lang=lang,
            link=links,
            scope=links.scope,
            reader=svc.reader,
            k=svc.k,
            version=__version__,
            nav_markets=svc.markets,
            switch_url=switch,
            zone_of=svc.zone_of,
            alert_link=lambda a: alert_link(links, a),
            inline_css=stylesheet() if inline_css else None,
            market=context.pop("market", None),
            user=context.pop("user", None),
            **context,
        )
    )


def plain_page(template: str, *, lang: Lang, **context: Any) -> str:
    """Pages outside the dashboard (sign-in, admin, audit): no market navigation."""
    context.setdefault("user", None)
    return _environment().get_template(template).render(t=Translator(lang), lang=lang, **context)
