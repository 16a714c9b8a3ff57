"""One language for every page: ``?lang=zh|en`` on any page sets the ``chuhai_lang`` cookie,
and every page (server-rendered or scripted) reads it when the URL names no language."""

from __future__ import annotations

from typing import Annotated, Final
from urllib.parse import parse_qs

from fastapi import Depends, Query, Request
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chuhai.api.access import principal_of
from chuhai.errors import ResidencyError
from chuhai.web.i18n import LANG_COOKIE, LANGS, Lang, Translator, pick_lang
from chuhai.web.render import plain_page

__all__ = ["LangDep", "RememberLanguage", "lang_cookie", "lang_of", "refused_page"]

YEAR: Final = 365 * 24 * 3600


def lang_cookie(lang: str) -> str:
    """The Set-Cookie value; scripts read it too (not HttpOnly: it holds no secret)."""
    return f"{LANG_COOKIE}={lang}; Path=/; Max-Age={YEAR}; SameSite=Lax"


def lang_of(
    request: Request,
    lang: Annotated[
        str | None, Query(max_length=5, description="zh (default) or en; remembered for all pages")
    ] = None,
) -> Lang:
    """The page's language: ``?lang=``, else the remembered choice, else Chinese."""
    return pick_lang(lang, request.cookies.get(LANG_COOKIE))


LangDep = Annotated[Lang, Depends(lang_of)]


def refused_page(request: Request, exc: Exception) -> str:
    """The 403 page in the reader's language: in Chinese the refusal is said in Chinese (the
    exception's English text is for the API and the log)."""
    lang = pick_lang(request.query_params.get("lang"), request.cookies.get(LANG_COOKIE))
    t, user = Translator(lang), principal_of(request)
    if lang == "en":
        reason = str(exc)
    elif isinstance(exc, ResidencyError):
        reason = t("refused_residency")
    else:
        role = t.role(user.role.value) if user else "—"
        reason = t("refused_access", role=role, path=request.url.path)
    query = dict(request.query_params)
    return plain_page("refused.html", lang=lang, user=user, path=request.url.path, query=query,
                      reason=reason)  # fmt: skip


class RememberLanguage:
    """ASGI middleware: a response to a request with ``?lang=zh|en`` remembers it in the cookie
    (plain ASGI, so event streams and WebSockets pass through untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        wanted = None
        if scope["type"] == "http":
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            wanted = (query.get("lang") or [None])[-1]
        if wanted not in LANGS:
            await self.app(scope, receive, send)
            return

        async def remembering(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).append("set-cookie", lang_cookie(str(wanted)))
            await send(message)

        await self.app(scope, receive, remembering)
