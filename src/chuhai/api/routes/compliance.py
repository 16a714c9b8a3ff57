"""Rule packs and the pre-live script checker over HTTP. Screening aids, not legal advice."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator

from chuhai.access.roles import Permission
from chuhai.api.access import principal_of, require
from chuhai.api.deps import market_code
from chuhai.api.lang import LangDep
from chuhai.api.models.common import ERRORS, Out
from chuhai.api.models.tools import PacksOut
from chuhai.compliance import DISCLAIMER, DISCLAIMER_ZH, packs_for_market
from chuhai.compliance.script import ScriptChecker
from chuhai.errors import InputError
from chuhai.markets import normalize_market
from chuhai.web.render import site_bar, static_page

__all__ = ["ScriptCheckRequest", "ScriptCheckResponse", "router"]

router = APIRouter(tags=["compliance"])
RULES = require(Permission.RULES)


class ScriptCheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=200_000, description="The script, or a transcript's text")
    market: str = Field(description="ISO market code the live is for")
    platform: Literal["tiktok_shop", "none"] = "tiktok_shop"
    category: str | None = Field(
        default=None,
        description="Product category (electronics, cosmetics, food_supplements, apparel, toys, "
        "home, general; catalog words such as 'power bank' too); none: every rule applies",
    )
    certificates: list[str] | None = Field(
        default=None,
        max_length=50,
        description="Certificates on file for the product (TIS, FCC ...); none: not known",
    )
    understanding: bool = Field(
        default=True,
        description="Also flag lines close in meaning to risky exemplars, and lines the trained "
        "claim model calls risky",
    )

    _market = field_validator("market")(market_code)

    @field_validator("category")
    @classmethod
    def _category(cls, value: str | None) -> str | None:
        from chuhai.compliance.categories import CATEGORIES, normalise_category

        if value is None:
            return None
        kind = normalise_category(value)
        if kind == "general" and value.strip().lower() != "general":
            raise ValueError(f"unknown category {value!r}: use one of {', '.join(CATEGORIES)}")
        return kind


class ScriptCheckResponse(Out):
    market: str
    category: str = "general"
    disclaimer: str = DISCLAIMER
    disclaimer_zh: str = DISCLAIMER_ZH
    findings: list[dict[str, Any]] = Field(description="Most severe first")
    certifications: list[dict[str, Any]] = Field(
        default_factory=list, description="Marks the category needs or carries in the market"
    )


@router.post(
    "/v1/script/check",
    dependencies=[require(Permission.TOOLS)],
    response_model=ScriptCheckResponse,
    responses=ERRORS,
)
def check_script(body: ScriptCheckRequest) -> ScriptCheckResponse:
    """Banned or risky claims for the product's category, most severe first, with rule, span,
    why, source and a safer wording in English, Chinese and the line's language."""
    from chuhai.compliance.categories import certifications_for

    assert body.market is not None
    platform = None if body.platform == "none" else body.platform
    tier = None
    if body.understanding:
        from chuhai.compliance.understanding import default_understanding

        tier = default_understanding()
    model = None
    if body.understanding:  # the trained tier comes with the meaning tier
        from chuhai.compliance.claim_model import default_claim_model

        model = default_claim_model()
    checker = ScriptChecker(body.market, platform, category=body.category,
                            certificates=body.certificates, understanding=tier,
                            model=model)  # fmt: skip
    findings = checker.check(body.text)
    needed = certifications_for(body.market, checker.category)
    return ScriptCheckResponse(
        market=body.market,
        category=checker.category,
        findings=[f.as_dict() for f in findings],
        certifications=[
            {"id": c.id, "name": c.name, "name_zh": c.name_zh, "mandatory": c.mandatory,
             "on_file": c.id in checker.held, "verified": c.verified, "source": c.sources[0]}
            for c in (needed if checker.category != "general" else [])
        ],
    )  # fmt: skip


@router.get(
    "/v1/compliance/packs/{market}", dependencies=[RULES], response_model=PacksOut, responses=ERRORS
)
def rule_packs(market: str) -> dict[str, Any]:
    """The rule pack(s) of a market, with sources and verification flags."""
    try:
        code = normalize_market(market)
    except InputError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    found = packs_for_market(code)
    if not found:
        raise HTTPException(status_code=404, detail=f"no rule pack for {code}")
    return {
        "market": code,
        "disclaimer": DISCLAIMER,
        "disclaimer_zh": DISCLAIMER_ZH,
        "packs": [p.model_dump(mode="json") for p in found],
    }


@router.get("/compliance", response_class=HTMLResponse, dependencies=[RULES])
def compliance_page(request: Request, lang: LangDep) -> HTMLResponse:
    """Rule packs of a market and the script checker (中文 / English), with the disclaimer."""
    bar = site_bar(lang=lang, user=principal_of(request), path="/compliance",
                   query=dict(request.query_params), current="compliance")  # fmt: skip
    return HTMLResponse(static_page("compliance.html", bar))
