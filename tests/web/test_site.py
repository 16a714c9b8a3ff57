"""The bar on every page: what each role may open, and the bar put into the scripted pages."""

from __future__ import annotations

import pytest

from chuhai.access.roles import Principal, Role
from chuhai.web.render import net_class
from chuhai.web.site import inject, site_links, switch_url


@pytest.mark.parametrize(
    ("role", "keys"),
    [
        (Role.ADMIN, ["voc", "live", "compliance", "draft", "supply", "creators", "calendar", "partners", "audit", "admin", "docs"]),
        (Role.HQ, ["voc", "compliance", "draft", "supply", "creators", "calendar", "partners", "docs"]),
        (Role.LOCAL, ["voc", "live", "compliance", "draft", "supply", "creators", "calendar", "docs"]),
        (Role.AUDITOR, ["compliance", "audit", "docs"]),
        (Role.PARTNER, ["partners", "docs"]),  # their own statement, nothing else
        (None, ["voc", "live", "compliance", "draft", "supply", "creators", "calendar", "partners", "docs"]),  # no sign-in (serve --no-auth)
    ],
)  # fmt: skip
def test_the_bar_shows_what_the_role_may_open(role: Role | None, keys: list[str]) -> None:
    user = Principal("x", role) if role else None
    assert [key for key, _ in site_links(user)] == keys


def test_the_switch_keeps_the_page_and_its_filters() -> None:
    assert switch_url("/voc/quotes", {"market": "TH", "lang": "zh"}, "zh") == (
        "/voc/quotes?market=TH&lang=en"
    )


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<body class="x">\n<main>', '<body class="x">\nBAR\n<main>'),
        ("<body><!--chuhai:site--><main>", "<body>BAR<main>"),
    ],
)
def test_the_bar_goes_on_top_of_a_static_page(html: str, expected: str) -> None:
    assert inject(html, "BAR") == expected


@pytest.mark.parametrize(
    ("net", "warnings", "colour"),
    [(21.8, 3, "warn"), (21.8, 0, "pos"), (-5.0, 0, "neg"), (-5.0, 2, "warn"), (None, 1, "")],
)
def test_net_sentiment_is_not_green_in_a_period_with_warnings(
    net: float | None, warnings: int, colour: str
) -> None:
    assert net_class(net, warnings) == colour
