"""The gist sets (``chuhai_tools/data/gist``): live comments per market language, each
labelled with the slots its Chinese gist must carry (intent, product, colours, sizes,
quantity), scored per language. Project-written: ``dev`` was scored while the lexicons were
fixed, ``test`` is held out and scored as written (docs/data-cards/gist-test.md)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Final

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from chuhai.enrich.gist import Gist, GistEngine
from chuhai.errors import ConfigError
from chuhai.records import Product

if TYPE_CHECKING:
    from chuhai.enrich.analyzer import Analyzer
    from chuhai_tools.evaluation.report import Target

__all__ = [
    "GIST_BAR",
    "SLOTS",
    "SPLITS",
    "GistItem",
    "GistSet",
    "gist_catalog",
    "gist_markdown",
    "gist_rows",
    "gist_sets",
    "gist_targets",
]

GIST_BAR: Final = 0.85  # slot accuracy per language (issue 14)
SLOTS: Final = ("intent", "product", "colours", "sizes", "quantity")
_FOLDER: Final = "data/gist"
SPLITS: Final = ("test", "dev")


class GistItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=1)
    intent: str
    product: str | None = None
    colours: list[str] = Field(default_factory=list)
    sizes: list[str] = Field(default_factory=list)
    quantity: int | None = Field(default=None, ge=1)


class GistSet(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    language: str
    market: str
    items: list[GistItem] = Field(min_length=1)


class _Catalog(BaseModel):
    products: list[Product]


def _read(name: str) -> Any:
    text = resources.files("chuhai_tools").joinpath(f"{_FOLDER}/{name}").read_text("utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=1)
def gist_catalog() -> tuple[Product, ...]:
    return tuple(_Catalog.model_validate(_read("catalog.yaml")).products)


def gist_sets(split: str = "test") -> dict[str, GistSet]:
    """The labelled comments of ``split`` by language."""
    folder = resources.files("chuhai_tools").joinpath(f"{_FOLDER}/{split}")
    sets = {}
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".yaml"):
            continue
        try:
            found = GistSet.model_validate(_read(f"{split}/{entry.name}"))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ConfigError(f"{_FOLDER}/{split}/{entry.name}: {where}: {first['msg']}") from None
        sets[found.language] = found
    return sets


def _right(item: GistItem, gist: Gist) -> dict[str, bool]:
    return {
        "intent": gist.intent == item.intent,
        "product": gist.product == item.product,
        "colours": set(gist.colours) == set(item.colours),
        "sizes": {s.upper() for s in gist.sizes} == {s.upper() for s in item.sizes},
        "quantity": gist.quantity == item.quantity,
    }


def gist_rows(
    analyzer: Analyzer | None = None,
    *,
    split: str = "test",
    sets: dict[str, GistSet] | None = None,
    misses: list[dict[str, Any]] | None = None,
    on_set: Callable[[str], None] | None = None,
) -> list[dict[str, Any]]:
    """Slot accuracy per language (the share of the five slots right, over all items), each
    slot's accuracy, and the share of items with every slot right. With ``analyzer`` the
    gists get the enrich stage's annotations, as on /live."""
    engine = GistEngine(gist_catalog())
    rows: list[dict[str, Any]] = []
    totals: dict[str, int] = dict.fromkeys(SLOTS, 0)
    count = 0
    for language, found in (sets or gist_sets(split)).items():
        if on_set is not None:
            on_set(language)
        texts = [i.text for i in found.items]
        notes: Sequence[Any] = (
            analyzer.analyze(texts, found.market) if analyzer is not None else [None] * len(texts)
        )
        right: dict[str, int] = dict.fromkeys(SLOTS, 0)
        whole = 0
        filled = [0, 0]  # slots the item fills (product, colours, sizes, quantity): right, all
        for item, note in zip(found.items, notes, strict=True):
            gist = engine.gist(item.text, annotations=note, market=found.market)
            marks = _right(item, gist)
            for slot, ok in marks.items():
                right[slot] += ok
            whole += all(marks.values())
            for slot in SLOTS[1:]:
                if getattr(item, slot):
                    filled[0] += marks[slot]
                    filled[1] += 1
            if misses is not None and not all(marks.values()):
                misses.append({"language": language, "text": item.text, "gist": gist.text,
                               "wrong": [s for s, ok in marks.items() if not ok]})  # fmt: skip
        n = len(found.items)
        rows.append(_row(language, n, right, whole, (filled[0], filled[1])) | {"set": split})
        totals = {s: totals[s] + right[s] for s in SLOTS}
        count += n
    if rows:
        wholes = sum(r["all slots right"] * r["n"] for r in rows)
        both = (sum(r["_filled"] for r in rows), sum(r["_given"] for r in rows))
        rows.append(_row("all", count, totals, wholes, both) | {"set": split})
    for row in rows:
        del row["_filled"], row["_given"]
    return rows


def _row(
    language: str, n: int, right: dict[str, int], whole: float, filled: tuple[int, int]
) -> dict[str, Any]:
    return {
        "set": "",
        "language": language,
        "n": n,
        "slot accuracy": sum(right.values()) / (len(SLOTS) * n),
        **{slot: right[slot] / n for slot in SLOTS},
        "filled slots right": filled[0] / filled[1] if filled[1] else None,
        "all slots right": whole / n,
        "_filled": filled[0],
        "_given": filled[1],
    }


def gist_targets(rows: Sequence[dict[str, Any]]) -> list[Target]:
    """Slot accuracy >= 0.85 on the held-out test set, per language with enough items."""
    from chuhai_tools.evaluation.report import MIN_TARGET_N, Target

    return [
        Target(
            f"gist slot accuracy, {r['language']} (held-out, n={r['n']})",
            f">= {GIST_BAR:.2f}",
            float(r["slot accuracy"]),
            float(r["slot accuracy"]) >= GIST_BAR,
        )
        for r in rows
        if r["set"] == "test" and r["language"] != "all" and int(r["n"]) >= MIN_TARGET_N
    ]


def gist_markdown(rows: Sequence[dict[str, Any]], *, enrich: bool) -> str:
    """The section of docs/EVALUATION.md: what is measured, then the table."""
    from chuhai_tools.evaluation.report import markdown_table

    how = (
        "with the enrich stage's annotations (language, intent to fall back on), as on /live"
        if enrich
        else "from the text alone (no annotations)"
    )
    return (
        "The Chinese gist of each labelled live comment (`chuhai.enrich.gist`), computed "
        f"{how}, scored on the five slots it must carry: intent, product (catalog SKU), "
        "colours, sizes, quantity. *Slot accuracy* is the share of the five slots exactly "
        "right over all items (an empty slot must stay empty); *filled slots right* counts "
        "only the product, colour, size and quantity slots the item fills; *all slots right* "
        "is the share of items with all five right. `test` is held out (scored as written), "
        "`dev` was scored while the lexicons were fixed (docs/data-cards/gist-test.md). "
        f"Bar: slot accuracy >= {GIST_BAR:.2f} per language on `test`.\n\n" + markdown_table(rows)
    )
