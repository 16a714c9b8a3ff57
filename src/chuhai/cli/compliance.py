"""``chuhai compliance show|check`` and ``chuhai script check``: rule packs, the company's
config against them, and pre-live scripts. Screening aids, not legal advice."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from chuhai.cli.choices import Severity
from chuhai.cli.output import EXIT_FINDINGS, JsonOption, emit_json, err, escape, handle_errors, out
from chuhai.cli.state import state
from chuhai.errors import InputError
from chuhai.markets import market_info, normalize_market

if TYPE_CHECKING:
    from chuhai.compliance.models import RulePack

__all__ = ["compliance_app", "script_app"]

compliance_app = typer.Typer(
    help="Market rule packs (screening aids, not legal advice) and what your config lacks.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
script_app = typer.Typer(
    help="Check a live script or transcript for banned and risky claims before going live.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _disclaimer() -> None:
    from chuhai.compliance.models import DISCLAIMER, DISCLAIMER_ZH

    err.print(f"[yellow]{DISCLAIMER}[/]\n[yellow]{DISCLAIMER_ZH}[/]")


@compliance_app.command("show", short_help="The rule pack(s) of a market")
@handle_errors
def show(
    ctx: typer.Context,
    market: Annotated[str, typer.Argument(help="Market (ISO code, e.g. TH, GB, DE)")],
    details: Annotated[bool, typer.Option("--details", help="Also the research details")] = False,
    as_json: JsonOption = False,
) -> None:
    """The rule pack(s) of a market: laws, transfers, breach deadlines, children, sensitive
    data, marketing consent, penalties; each with its sources and whether it was verified."""
    from chuhai.compliance import packs_for_market
    from chuhai.compliance.models import DISCLAIMER

    code = normalize_market(market)
    found = packs_for_market(code, state(ctx).settings.compliance.overrides)
    if not found:
        raise InputError(f"no rule pack for {code} yet; packs exist for: {_pack_markets()}")
    if as_json:
        emit_json(
            {"market": code, "disclaimer": DISCLAIMER, "packs": [p.model_dump() for p in found]}
        )
        return
    _disclaimer()
    for pack in found:
        _print_pack(pack, details)


def _pack_markets() -> str:
    from chuhai.compliance import packs

    codes = {("EU" if p.id == "EU" else m) for p in packs() for m in p.markets}
    return ", ".join(sorted(codes))


def _flag(verified: str) -> str:
    return {"verified": "", "company": " [company]", "partial": " [partly verified]"}.get(
        verified, " [UNVERIFIED]"
    )


def _print_pack(pack: RulePack, details: bool) -> None:
    from rich.table import Table

    title = f"{pack.id}: {pack.name}" + (f" ({pack.scope})" if pack.scope else "")
    table = Table(title=escape(title), title_justify="left", show_lines=True)
    table.add_column("topic", style="bold")
    table.add_column("what the research says")
    table.add_column("sources")
    for law in pack.laws:
        text = law.name + (f", {law.citation}" if law.citation else "")
        text += f"; in force: {law.in_force}" if law.in_force else ""
        table.add_row("law", escape(text + _flag(law.verified)), escape("\n".join(law.sources[:2])))
    t = pack.transfer
    transfer = t.summary + f"\nbasis required: {'yes' if t.basis_required else 'no'}"
    if t.mechanisms:
        transfer += f"; mechanisms: {', '.join(t.mechanisms)}"
    if t.restricted_destinations:
        transfer += f"; restricted destinations: {', '.join(t.restricted_destinations)}"
    transfer += f"; localisation: {t.localisation}"
    rows: list[tuple[str, str, Any]] = [
        ("transfer abroad", transfer, t),
        ("breach notice", pack.breach.summary + (
            f"\nindividuals: {pack.breach.individuals}" if pack.breach.individuals else ""
        ), pack.breach),
        ("children", f"parental consent below {pack.children.parental_consent_below_age}: "
         + pack.children.summary, pack.children),
        ("sensitive data", ", ".join(pack.sensitive.categories) or pack.sensitive.summary,
         pack.sensitive),
        ("marketing consent", pack.marketing.summary, pack.marketing),
        ("penalties", "\n".join(pack.penalties.items) or pack.penalties.summary, pack.penalties),
    ]  # fmt: skip
    for topic, summary, fact in rows:
        extra = "\n".join(f"{k}: {v}" for k, v in fact.details.items()) if details else ""
        text = summary + ("\n" + extra if extra else "")
        table.add_row(
            topic, escape(text + _flag(fact.verified)), escape("\n".join(fact.sources[:2]))
        )
    for note in pack.notes:
        table.add_row("note", escape(note), "")
    out.print(table)


@compliance_app.command("check", short_help="What your config lacks for its markets")
@handle_errors
def check(
    ctx: typer.Context,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when a critical or high finding exists")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """What the company's config (chuhai.toml [compliance]) lacks for its markets: transfer
    bases, restricted destinations, localisation, retention periods, unverified research."""
    from rich.table import Table

    from chuhai.compliance.check import check_config
    from chuhai.compliance.models import DISCLAIMER

    settings = state(ctx).settings
    findings = check_config(settings)
    if as_json:
        emit_json(
            {
                "headquarters": settings.compliance.headquarters,
                "markets": settings.markets,
                "disclaimer": DISCLAIMER,
                "findings": [f.as_dict() for f in findings],
            }
        )
    else:
        _disclaimer()
        table = Table(
            title=f"Compliance check (data read from {settings.compliance.headquarters})",
            title_justify="left",
        )
        for column in ("level", "market", "topic", "finding", "pack"):
            table.add_column(column)
        for f in findings:
            table.add_row(
                f.level, f.market, f.topic, escape(f.message), f"{f.pack}{_flag(f.verified)}"
            )
        out.print(table if findings else "nothing missing")
    if strict and any(f.level in ("critical", "high") for f in findings):
        raise typer.Exit(EXIT_FINDINGS)


@script_app.command("check", short_help="Flag risky claims, with safer wording")
@handle_errors
def check_script(
    ctx: typer.Context,
    file: Annotated[
        str, typer.Argument(help="Script (.txt) or transcript (.vtt, .srt); - for stdin")
    ],
    market: Annotated[str, typer.Option("--market", "-m", help="Market the live is for")],
    platform: Annotated[
        str | None,
        typer.Option("--platform", help="Platform whose rules apply (default: from config)"),
    ] = None,
    fail_on: Annotated[
        Severity | None,
        typer.Option("--fail-on", help="Exit 1 on a finding this severe or worse"),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Flag banned or risky claims (medical, weight-loss, absolute terms, fake urgency, 'free',
    missing #ad, off-platform redirection, lucky draws ...) with a safer wording for each."""
    from rich.table import Table

    from chuhai.compliance.models import DISCLAIMER
    from chuhai.compliance.script import SEVERITIES, ScriptChecker

    code = normalize_market(market)
    chosen = platform or state(ctx).settings.compliance.platform
    checker = ScriptChecker(code, None if chosen == "none" else chosen)
    lines, text = _script_lines(file)
    findings = checker.check_lines(lines, whole=text)
    if as_json:
        emit_json(
            {
                "file": file, "market": code, "platform": chosen, "disclaimer": DISCLAIMER,
                "findings": [f.as_dict() for f in findings],
            }
        )  # fmt: skip
    else:
        _disclaimer()
        name = market_info(code).name_zh
        table = Table(title=escape(f"{file}: {len(findings)} finding(s) for {code} {name}"),
                      title_justify="left", show_lines=True)  # fmt: skip
        for column in ("line", "severity", "rule", "text", "why / 原因", "safer wording / 建议"):
            table.add_column(column)
        for f in findings:
            where = str(f.line) + (
                f" @{int(f.time // 60)}:{int(f.time % 60):02d}" if f.time is not None else ""
            )
            why = f"{f.why_zh}\n{f.why[:200]}" if f.why_zh else f.why[:240]
            table.add_row(where, f.severity, f.rule, escape(f.text), escape(why),
                          escape(f"{f.suggestion}\n{f.suggestion_zh}"))  # fmt: skip
        out.print(table if findings else "no risky claims found")
    if fail_on and any(SEVERITIES.index(f.severity) <= SEVERITIES.index(fail_on) for f in findings):
        raise typer.Exit(EXIT_FINDINGS)


def _script_lines(file: str) -> tuple[list[Any], str]:
    """The script's lines (a transcript's cues, with times) and its whole text."""
    import sys

    from chuhai.compliance.script import TimedLine
    from chuhai.connectors.textio import BadLine, TextFile
    from chuhai.connectors.transcripts import parse_srt, parse_vtt
    from chuhai.errors import RecordError

    if file == "-":
        text = sys.stdin.read()
        return [TimedLine(t, n) for n, t in enumerate(text.split("\n"), start=1)], text
    path = Path(file)
    if not path.is_file():
        raise InputError(f"no such file: {file}")
    read = [ln for ln in TextFile(path).lines() if not isinstance(ln, BadLine)]
    if path.suffix.lower() in (".vtt", ".srt"):
        parse = parse_vtt if path.suffix.lower() == ".vtt" else parse_srt
        try:
            cues = parse(read).cues
        except RecordError as exc:
            raise InputError(f"{file}: {exc.reason}") from None
        lines = [TimedLine(c.text, c.line, c.start) for c in cues]
        return lines, "\n".join(c.text for c in cues)
    texts = [ln.text.rstrip("\n") for ln in read]
    return [TimedLine(t, ln.number) for t, ln in zip(texts, read, strict=True)], "\n".join(texts)
