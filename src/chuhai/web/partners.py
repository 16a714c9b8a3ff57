"""The partners' statements as a page (中文 / English), for ``/partners`` and for
``chuhai partners statement --format html``."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from chuhai.access.roles import Principal
from chuhai.partners.money import Money
from chuhai.partners.statement import Statement
from chuhai.web.i18n import Lang
from chuhai.web.render import plain_page

__all__ = ["render_statements"]


def render_statements(
    statements: Sequence[Statement],
    money: Money,
    *,
    lang: Lang,
    period: str,
    user: Principal | None = None,
    path: str = "",
    query: dict[str, str] | None = None,
    in_app: bool = False,
    missing: str | None = None,
) -> str:
    """The page; ``in_app``: with the site bar and the period form (else a file);
    ``missing``: the partners.toml that is not there yet."""

    def fmt(value: Decimal, currency: str) -> str:
        return money.text(value, currency)

    def pct(rate: Decimal) -> str:
        return f"{rate * 100:.2f}".rstrip("0").rstrip(".") + "%"

    extra: dict[str, Any] = {"periods": True} if in_app else {"site": []}
    return plain_page(
        "partners.html",
        lang=lang,
        path=path,
        query=query,
        user=user,
        current="partners",
        statements=statements,
        period=period,
        fmt=fmt,
        pct=pct,
        missing=missing,
        **extra,
    )
