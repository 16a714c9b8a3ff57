"""The bar on top of every page: the parts of chuhai the user's role may open, who is signed
in, and the one language switch (a cookie) for all pages, server-rendered or scripted."""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import urlencode

from chuhai.access.roles import Permission, Principal

__all__ = ["SITE", "inject", "site_links", "switch_url"]

# key (label site_<key>), path, what the role needs (None: anyone)
SITE: Final[tuple[tuple[str, str, Permission | None], ...]] = (
    ("voc", "/voc", Permission.VOC),
    ("live", "/live", Permission.LIVE),
    ("compliance", "/compliance", Permission.RULES),
    ("draft", "/draft", Permission.TOOLS),
    ("supply", "/supply", Permission.SUPPLY),
    ("creators", "/creators", Permission.VOC),
    ("calendar", "/calendar", Permission.TOOLS),
    ("partners", "/partners", Permission.PARTNERS),
    ("audit", "/audit", Permission.AUDIT),
    ("admin", "/admin", Permission.ADMIN),
    ("docs", "/docs", None),
)
_SIGNED_IN_ONLY: Final = (Permission.AUDIT, Permission.ADMIN)  # they name the user
_BODY: Final = re.compile(r"<body[^>]*>", re.IGNORECASE)


def site_links(user: Principal | None) -> list[tuple[str, str]]:
    """(key, path) of what ``user`` may open; without sign-in (``user`` None) every page but
    the audit log and the admin page, which need a signed-in user."""
    if user is None:
        return [(key, path) for key, path, need in SITE if need not in _SIGNED_IN_ONLY]
    return [(key, path) for key, path, need in SITE if need is None or user.can(need)]


def switch_url(path: str, query: dict[str, str], lang: str) -> str:
    """This page in the other language (the server remembers the choice for every page)."""
    other = "en" if lang == "zh" else "zh"
    return f"{path}?{urlencode({**{k: v for k, v in query.items() if k != 'lang'}, 'lang': other})}"


def inject(html: str, bar: str) -> str:
    """A static page with the bar at the top of its body (or at its ``<!--chuhai:site-->``)."""
    if "<!--chuhai:site-->" in html:
        return html.replace("<!--chuhai:site-->", bar, 1)
    found = _BODY.search(html)
    return html[: found.end()] + "\n" + bar + html[found.end() :] if found else bar + html
