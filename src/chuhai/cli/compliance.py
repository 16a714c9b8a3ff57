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
    from chuhai.compliance.models import Fact, RulePack

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
    changes: Annotated[
        bool, typer.Option("--changes", help="The packs' changelogs: what changed, when, why")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """The rule pack(s) of a market: laws, transfers, breach deadlines, children, sensitive
    data, marketing consent, penalties; each with its review date, its sources and their kind
    (statute/regulation, regulator guidance, law-firm note, secondary) and whether it was
    verified. With --changes: each pack's changelog instead."""
    from chuhai.compliance import packs_for_market
    from chuhai.compliance.models import DISCLAIMER

    code = normalize_market(market)
    found = packs_for_market(code, state(ctx).settings.compliance.overrides)
    if not found:
        raise InputError(f"no rule pack for {code} yet; packs exist for: {_pack_markets()}")
    if changes:
        _print_changes(code, found, as_json)
        return
    if as_json:
        dumped = [p.model_dump(mode="json") for p in found]
        emit_json({"market": code, "disclaimer": DISCLAIMER, "packs": dumped})
        return
    _disclaimer()
    for pack in found:
        _print_pack(pack, details)


def _print_changes(code: str, found: list[RulePack], as_json: bool) -> None:
    if as_json:
        emit_json(
            {
                "market": code,
                "changes": [
                    {"pack": p.id, **c.model_dump(mode="json")} for p in found for c in p.changelog
                ],
            }
        )
        return
    for pack in found:
        out.print(f"{pack.id}: {escape(pack.name)}")
        if not pack.changelog:
            out.print("  no changes recorded")
        for change in pack.changelog:
            out.print(f"  {change.date.isoformat()}  {escape(change.what)}")
            out.print(f"              why: {escape(change.why)}")


def _sources(fact: Fact) -> str:
    """Review date, then each source (at most three) with its kind."""
    from chuhai.compliance.sources import KIND_LABELS

    lines = [f"reviewed {fact.reviewed.isoformat()}"]
    lines += [f"[{KIND_LABELS[s.kind][0]}] {s.url}" for s in fact.sources[:3]]
    if len(fact.sources) > 3:
        lines.append(f"(+{len(fact.sources) - 3} more)")
    return escape("\n".join(lines))


def _pack_markets() -> str:
    from chuhai.compliance import packs

    codes = {("EU" if p.id == "EU" else m) for p in packs() for m in p.markets}
    return ", ".join(sorted(codes))


def _clock(pack: RulePack) -> str:
    b = pack.breach
    if b.regulator_hours is None:
        return ""
    return f"\nregulator: {b.regulator_hours} h" + (f" from {b.clock_from}" if b.clock_from else "")


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
    table.add_column("reviewed / sources")
    for law in pack.laws:
        text = law.name + (f", {law.citation}" if law.citation else "")
        text += f"; in force: {law.in_force}" if law.in_force else ""
        table.add_row("law", escape(text + _flag(law.verified)), _sources(law))
    t = pack.transfer
    transfer = t.summary + f"\nbasis required: {'yes' if t.basis_required else 'no'}"
    if t.mechanisms:
        transfer += f"; mechanisms: {', '.join(t.mechanisms)}"
    if t.restricted_destinations:
        transfer += f"; restricted destinations: {', '.join(t.restricted_destinations)}"
    transfer += f"; localisation: {t.localisation}"
    rows: list[tuple[str, str, Any]] = [
        ("transfer abroad", transfer, t),
        ("breach notice", pack.breach.summary + _clock(pack) + (
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
        table.add_row(topic, escape(text + _flag(fact.verified)), _sources(fact))
    for duty in pack.duties:
        text = duty.name + (f"; in force: {duty.in_force}" if duty.in_force else "")
        table.add_row("duty", escape(f"{text}\n{duty.summary}{_flag(duty.verified)}"),
                      _sources(duty))  # fmt: skip
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


@compliance_app.command("due", short_help="Pack facts due for review, and weakly sourced ones")
@handle_errors
def due(
    older_than: Annotated[
        str,
        typer.Option(
            "--older-than", help="Due when last reviewed longer ago than this (90d, 6m, 1y)"
        ),
    ] = "6m",
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Count from this date (YYYY-MM-DD), not today")
    ] = None,
    fail: Annotated[
        bool, typer.Option("--fail", help="Exit 1 when a fact is overdue, for cron")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Facts of the shipped rule packs whose review is overdue, and facts whose only sources
    are secondary (news, vendors, aggregators, wikis): what to re-check against the law or
    the regulator next."""
    import datetime as dt

    from rich.table import Table

    from chuhai.compliance import packs
    from chuhai.compliance.review import cutoff, due_facts

    try:
        today = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    except ValueError:
        raise InputError(f"--as-of {as_of!r}: give a date as YYYY-MM-DD") from None
    before = cutoff(today, older_than)
    found = due_facts(packs(), before)
    overdue = [d for d in found if "overdue" in d.reasons]
    if as_json:
        emit_json(
            {"as_of": today.isoformat(), "older_than": older_than,
             "reviewed_before": before.isoformat(), "overdue": len(overdue),
             "facts": [d.as_dict() for d in found]}
        )  # fmt: skip
    else:
        err.print(f"overdue: reviewed before {before.isoformat()} ({older_than} before {today})")
        out.print(f"{len(overdue)} overdue" if overdue else "nothing overdue")
        weak = [d for d in found if "secondary-only" in d.reasons]
        if weak:
            out.print(f"{len(weak)} fact(s) rest on secondary sources only (never 'verified')")
        if found:
            table = Table(title_justify="left")
            for column in ("pack", "fact", "verified", "reviewed", "source kinds", "why due"):
                table.add_column(column)
            for d in found:
                table.add_row(d.pack, escape(d.where if d.title == d.where else d.title),
                              d.verified, d.reviewed.isoformat(), ", ".join(d.kinds) or "none",
                              ", ".join(d.reasons))  # fmt: skip
            out.print(table)
    if fail and overdue:
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
    category: Annotated[
        str | None,
        typer.Option(
            "--category",
            help="Product category: electronics, cosmetics, food_supplements, apparel, toys, "
            "home, general (default: every rule applies)",
        ),
    ] = None,
    certificate: Annotated[
        list[str] | None,
        typer.Option(
            "--certificate", help="A certificate on file for the product (TIS, FCC ...); repeat"
        ),
    ] = None,
    understanding: Annotated[
        bool,
        typer.Option(
            "--understanding/--patterns-only",
            help="Also flag lines whose meaning is close to risky exemplars (e5 model)",
        ),
    ] = True,
    trained: Annotated[
        bool,
        typer.Option(
            "--model/--no-model",
            help="Also flag lines the trained claim classifier calls risky (off: --patterns-only)",
        ),
    ] = True,
    fail_on: Annotated[
        Severity | None,
        typer.Option("--fail-on", help="Exit 1 on a finding this severe or worse"),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Flag banned or risky claims (medical, weight-loss, safety, absolute terms, fake discounts
    and countdowns, 'free', certification claims without a certificate on file, missing #ad,
    off-platform redirection, lucky draws ...) for the product's category, most severe first,
    each with why and a safer wording in Chinese and in the line's language."""
    from rich.table import Table

    from chuhai.compliance.categories import certifications_for
    from chuhai.compliance.models import DISCLAIMER
    from chuhai.compliance.script import SEVERITIES, ScriptChecker

    code = normalize_market(market)
    kind = _category(category)
    chosen = platform or state(ctx).settings.compliance.platform
    tier = None
    if understanding:
        from chuhai.compliance.understanding import default_understanding

        tier = default_understanding()
    checker = ScriptChecker(code, None if chosen == "none" else chosen, category=kind,
                            certificates=certificate, understanding=tier,
                            model=_claim_model(understanding and trained))  # fmt: skip
    lines, text = _script_lines(file)
    findings = checker.check_lines(lines, whole=text)
    needed = certifications_for(code, kind) if kind != "general" else []
    if as_json:
        emit_json(
            {
                "file": file, "market": code, "platform": chosen, "category": kind,
                "certificates": checker.certificates, "disclaimer": DISCLAIMER,
                "findings": [f.as_dict() for f in findings],
                "certifications": [
                    {"id": c.id, "name": c.name, "name_zh": c.name_zh, "mandatory": c.mandatory,
                     "on_file": c.id in checker.held, "verified": c.verified,
                     "source": c.sources[0]}
                    for c in needed
                ],
            }
        )  # fmt: skip
    else:
        _disclaimer()
        name = market_info(code).name_zh
        title = f"{file}: {len(findings)} finding(s) for {code} {name}, {kind}"
        table = Table(title=escape(title), title_justify="left", show_lines=True)
        for column in ("line", "severity", "rule", "text", "why / 原因", "safer wording / 建议"):
            table.add_column(column)
        for f in findings:
            where = str(f.line) + (
                f" @{int(f.time // 60)}:{int(f.time % 60):02d}" if f.time is not None else ""
            )
            why = f"{f.why_zh}\n{f.why[:200]}" if f.why_zh else f.why[:240]
            safer = f"{f.suggestion_zh}\n{f.suggestion_local or f.suggestion}"
            table.add_row(where, f.severity, f.rule, escape(f.text), escape(why),
                          escape(safer))  # fmt: skip
        out.print(table if findings else "no risky claims found")
        for c in needed:
            held = "on file / 已备案" if c.id in checker.held else "not on file / 未备案"
            flag = "" if c.verified == "verified" else " (unverified / 未核实)"
            err.print(escape(f"{c.id}: {c.name_zh} / {c.name}: {held}{flag}"))
    if fail_on and any(SEVERITIES.index(f.severity) <= SEVERITIES.index(fail_on) for f in findings):
        raise typer.Exit(EXIT_FINDINGS)


def _category(value: str | None) -> str:
    """The vocabulary key of ``--category`` (aliases such as "power bank" allowed)."""
    from chuhai.compliance.categories import CATEGORIES, normalise_category

    if value is None:
        return "general"
    kind = normalise_category(value)
    if kind == "general" and value.strip().lower() != "general":
        raise InputError(f"unknown category {value!r}: use one of {', '.join(CATEGORIES)}")
    return kind


@script_app.command("eval", short_help="Score the checker on the labelled script set")
@handle_errors
def eval_scripts(
    market: Annotated[
        list[str] | None, typer.Option("--market", "-m", help="Only this market; repeat")
    ] = None,
    directory: Annotated[
        Path | None,
        typer.Option("--set", help="Folder of <market>.yaml labelled sets (default: the shipped)"),
    ] = None,
    understanding: Annotated[
        bool,
        typer.Option("--understanding/--patterns-only", help="Include the understanding tier"),
    ] = True,
    trained: Annotated[
        bool,
        typer.Option(
            "--model/--no-model", help="Include the trained tier (off with --patterns-only)"
        ),
    ] = True,
    examples: Annotated[
        int, typer.Option("--examples", min=0, help="Missed and falsely flagged lines to show")
    ] = 0,
    cache: Annotated[
        Path | None,
        typer.Option("--cache", help="SQLite file keeping the lines' vectors between runs"),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Recall of risky lines and share of clean lines flagged, per market, per category, per
    market and category, per market language and per claim class."""
    from rich.table import Table

    from chuhai.compliance.evaluation import evaluate, load_sets

    folder = directory or _shipped_set()
    if not folder.is_dir():
        raise InputError(f"no labelled script set at {folder}")
    sets = load_sets(folder, [normalize_market(m) for m in market or []])
    if not sets:
        raise InputError(f"no <market>.yaml set in {folder} for {market or 'any market'}")
    tier = None
    if understanding:
        from chuhai.compliance.understanding import default_understanding

        tier = default_understanding(cache)
    report = evaluate(sets, tier, examples=examples, model=_claim_model(understanding and trained))
    report = {"set": str(folder), **report}
    if as_json:
        emit_json(report)
        return
    err.print(escape(f"{folder}: {report['tiers']}"))
    for group in ("market", "market_category", "market_lang", "claim_class", "split", "overall"):
        table = Table(title=group, title_justify="left")
        for column in ("group", "risky", "recall", "clean", "clean flagged"):
            table.add_column(column)
        rows = {"all": report["overall"]} if group == "overall" else report[group]
        for key, row in rows.items():
            recall = "-" if row["recall"] is None else f"{row['recall']:.3f}"
            share = "-" if row["clean_flagged"] is None else f"{row['clean_flagged']:.3f}"
            table.add_row(key, str(row["risky"]), recall, str(row["clean"]), share)
        out.print(table)
    if examples:
        for line in report["overall"].get("missed", []):
            out.print(escape(f"missed: {line}"))
        for line in report["overall"].get("false_alarms", []):
            out.print(escape(f"flagged clean: {line}"))


def _claim_model(wanted: bool) -> Any:
    """The shipped trained tier when ``wanted``, else None."""
    if not wanted:
        return None
    from chuhai.compliance.claim_model import default_claim_model

    return default_claim_model()


def _shipped_set() -> Path:
    """The labelled set shipped with the research tools (chuhai_tools, not imported)."""
    import importlib.util

    spec = importlib.util.find_spec("chuhai_tools")
    if spec is None or spec.origin is None:
        raise InputError("chuhai_tools is not installed: give the set with --set DIR")
    return Path(spec.origin).parent / "data" / "scripts"


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
