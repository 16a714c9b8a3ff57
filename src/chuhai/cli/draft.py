"""``chuhai draft copy|reply|factory``: drafts by the configured model (or offline templates),
each checked by the claim checker and the brand's glossary. Nothing is sent: a person reads,
changes and sends the text themselves (docs/ASSIST.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

import typer

from chuhai.cli.output import EXIT_FINDINGS, JsonOption, emit_json, err, escape, handle_errors, out
from chuhai.cli.state import state
from chuhai.errors import InputError

if TYPE_CHECKING:
    from chuhai.assist.drafter import Drafter
    from chuhai.assist.models import Draft, Evidence

__all__ = ["draft_app"]

R = TypeVar("R")

draft_app = typer.Typer(
    help="Drafts of listing copy, live scripts, replies and factory messages, claim-checked. "
    "Nothing is sent.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

MarketOption = Annotated[str, typer.Option("--market", "-m", help="Market (ISO code)")]
BrandOption = Annotated[str | None, typer.Option("--brand", help="Brand in glossary.toml")]
GlossaryOption = Annotated[
    Path | None,
    typer.Option("--glossary", help="glossary.toml (default: [providers.llm] glossary)"),
]
SkuOption = Annotated[str | None, typer.Option("--sku", help="The product (catalog SKU)")]
LanguageOption = Annotated[
    str | None, typer.Option("--language", help="Language of the draft (default: the market's)")
]
OfflineOption = Annotated[
    bool, typer.Option("--offline", help="Template draft from the knowledge base, no model")
]


def _text(value: str) -> str:
    if value == "-":
        import sys

        value = sys.stdin.read()
    if not value.strip():
        raise InputError("the text is empty")
    return value.strip()


def _drafter(
    ctx: typer.Context,
    market: str,
    brand: str | None,
    glossary: Path | None,
    offline: bool,
    *,
    sku: str | None = None,
    order_id: str | None = None,
) -> Drafter:
    from chuhai.assist.drafter import Drafter
    from chuhai.assist.grounding import load_context
    from chuhai.assist.provider import chat_model
    from chuhai.glossary import load_glossary
    from chuhai.markets import normalize_market

    settings = state(ctx).settings
    code = normalize_market(market)
    found = load_glossary(code, brand, glossary or settings.providers.llm.glossary)
    model = None if offline else chat_model(settings.providers)
    context = load_context(settings, code, order_id=order_id, sku=sku)
    if sku and sku not in context.products:
        err.print(f"[yellow]{escape(sku)} is not in the stored catalog: no product facts[/]")
    return Drafter(found, model, context, rounds=settings.providers.llm.rounds)


def _show(draft: Draft, as_json: bool) -> None:
    if as_json:
        emit_json(draft.model_dump(mode="json"))
    else:
        if draft.note:
            err.print(f"[yellow]{escape(draft.note)}[/]\n[yellow]{escape(draft.note_en or '')}[/]")
        out.print(f"[bold]{draft.kind} · {draft.task} · {draft.market} · {draft.language}[/]")
        out.print(escape(draft.text), highlight=False)
        if draft.back_translation_zh and draft.back_translation_kind != "same":
            out.print(f"\n[bold]中文回译[/] ({draft.back_translation_kind})")
            out.print(escape(draft.back_translation_zh), highlight=False)
        for f in draft.findings:
            colour = "red" if f.blocking else "yellow"
            out.print(
                f"[{colour}]{f.severity} {f.rule}[/] {escape(f.text)!r}: {escape(f.why_zh or '')} "
                f"{escape(f.why)} → {escape(f.suggestion_zh or f.suggestion)}",
                highlight=False,
            )
        out.print("\n[bold]sources[/]")
        for s in draft.sources:
            out.print(f"  {s.kind:8} {escape(s.ref)}: {escape(s.text[:100])}", highlight=False)
        mode = draft.model or "offline template"
        out.print(f"\nstatus {draft.status} · {mode} · rewrites {draft.rounds}")
    err.print("未发送：请人工审阅后自行发送。 Nothing was sent: a person reads and sends it.")
    if draft.status == "needs_review":
        raise typer.Exit(EXIT_FINDINGS)


@draft_app.command("copy", short_help="Listing title/description or live script from a brief")
@handle_errors
def copy(
    ctx: typer.Context,
    brief: Annotated[str, typer.Argument(help="The brief in Chinese ('-' reads stdin)")],
    market: MarketOption,
    task: Annotated[
        Literal["title", "description", "script"], typer.Option("--task", help="What to write")
    ] = "description",
    sku: SkuOption = None,
    brand: BrandOption = None,
    glossary: GlossaryOption = None,
    language: LanguageOption = None,
    category: Annotated[str | None, typer.Option("--category", help="Product category")] = None,
    offline: OfflineOption = False,
    as_json: JsonOption = False,
) -> None:
    """A listing title, description or live script for MARKET, localised from a Chinese
    brief and the catalog; claim-checked and glossary-checked before it is shown."""
    from chuhai.assist.models import CopyRequest

    request = _request(
        CopyRequest, market=market, task=task, brief=_text(brief), sku=sku, brand=brand,
        language=language, category=category,
    )  # fmt: skip
    drafter = _drafter(ctx, market, brand, glossary, offline, sku=sku)
    _show(drafter.copy(request), as_json)


@draft_app.command("reply", short_help="A reply to a review or an e-mail")
@handle_errors
def reply(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="What the customer wrote ('-' reads stdin)")],
    market: MarketOption,
    channel: Annotated[
        Literal["review", "email"], typer.Option("--channel", help="review or email")
    ] = "review",
    sku: SkuOption = None,
    order: Annotated[str | None, typer.Option("--order", help="The order id")] = None,
    rating: Annotated[float | None, typer.Option("--rating", help="The review's stars")] = None,
    brand: BrandOption = None,
    glossary: GlossaryOption = None,
    language: LanguageOption = None,
    offline: OfflineOption = False,
    as_json: JsonOption = False,
) -> None:
    """A reply grounded in the product's FAQ and the order (from the market's zone)."""
    from chuhai.assist.models import ReplyRequest

    request = _request(
        ReplyRequest, market=market, channel=channel, text=_text(text), sku=sku,
        order_id=order, rating=rating, brand=brand, language=language,
    )  # fmt: skip
    drafter = _drafter(ctx, market, brand, glossary, offline, sku=sku, order_id=order)
    if order and order not in drafter.context.orders:
        err.print(f"[yellow]order {escape(order)} not found in the {market} zone[/]")
    _show(drafter.reply(request), as_json)


@draft_app.command("factory", short_help="A message to a factory, in Chinese")
@handle_errors
def factory(
    ctx: typer.Context,
    sku: Annotated[str, typer.Argument(help="The product (catalog SKU)")],
    market: MarketOption,
    task: Annotated[
        Literal["reorder", "quality"], typer.Option("--task", help="reorder or quality")
    ] = "quality",
    quantity: Annotated[
        int | None, typer.Option("--quantity", min=1, help="Units to reorder")
    ] = None,
    needed_by: Annotated[str | None, typer.Option("--needed-by", help="e.g. 2026-12-01")] = None,
    factory_name: Annotated[str | None, typer.Option("--factory", help="Who it is to")] = None,
    notes: Annotated[str | None, typer.Option("--notes", help="Your own words to add")] = None,
    evidence: Annotated[
        Path | None, typer.Option("--evidence", help="Evidence JSON instead of the VOC stores")
    ] = None,
    period: Annotated[str | None, typer.Option("--period", help="VOC period, e.g. last-8w")] = None,
    brand: BrandOption = None,
    glossary: GlossaryOption = None,
    offline: OfflineOption = False,
    as_json: JsonOption = False,
) -> None:
    """A reorder or a quality complaint in Chinese, backed by what MARKET's customers said
    (VOC, read through the residency guard)."""
    from chuhai.assist.models import FactoryRequest

    found = _evidence(ctx, evidence, market, sku, period) if task == "quality" else None
    request = _request(
        FactoryRequest, task=task, sku=sku, market=market, brand=brand, factory=factory_name,
        quantity=quantity, needed_by=needed_by, notes=notes, evidence=found,
    )  # fmt: skip
    drafter = _drafter(ctx, market, brand, glossary, offline, sku=sku)
    _show(drafter.factory(request), as_json)


def _evidence(
    ctx: typer.Context, path: Path | None, market: str, sku: str, period: str | None
) -> Evidence:
    from chuhai.assist.grounding import evidence_from_voc
    from chuhai.assist.models import Evidence
    from chuhai.markets import normalize_market
    from chuhai.voc.service import VocService

    if path is not None:
        try:
            return Evidence.model_validate(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            raise InputError(f"{path}: {str(exc).splitlines()[0]}") from None
    with VocService(state(ctx).settings) as voc:
        return evidence_from_voc(voc, normalize_market(market), sku, period=period)


def _request(kind: type[R], **values: Any) -> R:
    from pydantic import ValidationError

    try:
        return kind(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{where}: {first['msg']}") from None
