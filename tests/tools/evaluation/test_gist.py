"""The gist sets: valid labels, scoring per slot, and the held-out bar from the text alone."""

from __future__ import annotations

import pytest

from chuhai.enrich.gist import load_gist_data
from chuhai.enrich.gist.data import LETTER_SIZE
from chuhai_tools.datasets import INTENTS
from chuhai_tools.evaluation.gist import (
    GIST_BAR,
    SPLITS,
    GistItem,
    GistSet,
    gist_catalog,
    gist_rows,
    gist_sets,
    gist_targets,
)

HELD_OUT = ("th", "id", "vi", "en", "ms", "tl")


@pytest.mark.parametrize("split", SPLITS)
def test_labels_are_valid(split: str) -> None:
    sets = gist_sets(split)
    assert set(HELD_OUT) <= set(sets)
    zh = load_gist_data().templates
    skus = {p.sku for p in gist_catalog()}
    texts = set()
    for found in sets.values():
        for item in found.items:
            assert item.intent in INTENTS, item
            assert item.product is None or item.product in skus, item
            assert set(item.colours) <= set(zh.colours), item
            assert all(s in zh.sizes or LETTER_SIZE.match(s) or s.isdigit() for s in item.sizes)
            texts.add(item.text)
    assert len(texts) == sum(len(s.items) for s in sets.values())  # no comment twice


def test_test_and_dev_share_no_comment() -> None:
    test = {i.text for s in gist_sets("test").values() for i in s.items}
    dev = {i.text for s in gist_sets("dev").values() for i in s.items}
    assert not test & dev


def test_scoring_counts_each_slot() -> None:
    found = GistSet(
        language="th",
        market="TH",
        items=[
            GistItem(text="มีสีขาวไหมคะ", intent="stock_question", colours=["white"]),
            # the gist finds white, not the red the label says: colour wrong, 4 of 5 right
            GistItem(text="มีสีขาวไหมคะ ", intent="stock_question", colours=["red"]),
        ],
    )
    rows = gist_rows(sets={"th": found})
    th, total = rows
    assert th["slot accuracy"] == pytest.approx(9 / 10)
    assert (th["intent"], th["colours"], th["all slots right"]) == (1.0, 0.5, 0.5)
    assert th["filled slots right"] == pytest.approx(1 / 2)
    assert total["language"] == "all" and total["n"] == 2


def test_the_held_out_set_meets_the_bar_from_the_text_alone() -> None:
    rows = gist_rows(split="test")
    targets = gist_targets(rows)
    assert {t.what.split(",")[1].split("(")[0].strip() for t in targets} == set(HELD_OUT)
    missed = [t for t in targets if not t.met]
    assert not missed, missed
    assert all(r["slot accuracy"] >= GIST_BAR for r in rows if r["language"] in HELD_OUT)
