"""The script checker's trained tier: the shipped classifier loads without pickle and has the
expected shape, catches lines no pattern does, leaves clean selling talk alone and only adds
findings to lines nothing else flagged."""

from __future__ import annotations

import zlib

import numpy as np
import pytest

from chuhai.compliance.claim_model import (
    CLEAN,
    N_FEATURES,
    TEXTS_FILE,
    WEIGHTS_FILE,
    ClaimModel,
    default_claim_model,
    features,
    model_texts,
)
from chuhai.compliance.evaluation import ScriptSet, evaluate
from chuhai.compliance.script import ScriptChecker

CLASSES = {"safety", "discount", "superlative", "health", "certification", "redirect"}

# market, category, line, claim class: risky lines the patterns miss and the model catches
CAUGHT = [
    ("MX", "cosmetics", "quita las manchas para siempre en solo 5 días", "health"),
    ("ID", "food_supplements", "minum rutin, asam urat langsung hilang kak", "health"),
    ("PH", "food_supplements", "nakakapayat talaga ito, minus 5 kilos agad", "health"),
    ("SG", "food_supplements", "drink this, your cholesterol confirm go down", "health"),
    ("MY", "cosmetics", "jerawat hilang dalam seminggu je", "health"),
]

# clean selling talk, close to the claim classes, that the model leaves alone
CLEAN_LINES = [
    ("US", "apparel", "these leggings are so comfy, perfect for yoga"),
    ("TH", "home", "หม้อใบนี้ล้างง่ายมากค่ะ"),
    ("ID", "electronics", "baterainya tahan seharian kalau dipakai normal"),
    ("BR", "cosmetics", "a textura é leve e não deixa a pele oleosa"),
    ("VN", "toys", "đồ chơi này phù hợp cho bé từ 3 tuổi trở lên"),
    ("CN", "apparel", "这件衣服面料很舒服，颜色也好看"),
    ("GB", "food_supplements", "mix one scoop with water after your workout"),
    ("ID", "electronics", "ada proteksi overcharge, jadi kalau penuh otomatis berhenti"),
    ("TH", "home", "ด้ามจับไม่ร้อนนะคะ ทำกับข้าวสบายมือ"),
    ("US", "home", "the handle stays cool while you cook, which I love"),
]


def test_the_shipped_weights_load_without_pickle_and_have_the_expected_shape() -> None:
    assert WEIGHTS_FILE.stat().st_size < 5 * 1024 * 1024
    with np.load(WEIGHTS_FILE, allow_pickle=False) as data:
        assert {str(c) for c in data["classes"]} == CLASSES | {CLEAN}
        assert int(data["n_features"]) == N_FEATURES
        assert data["weights"].shape == (len(data["columns"]), len(data["classes"]))
        assert data["columns"].max() < N_FEATURES
    model = default_claim_model()
    assert model.weights.shape == (N_FEATURES, len(CLASSES) + 1)
    assert 0.5 <= model.threshold < 1.0
    p = model.probabilities(["hello", ""])
    assert p.shape == (2, len(CLASSES) + 1)
    assert np.allclose(p.sum(axis=1), 1.0, atol=1e-5)


def test_every_class_has_words_in_english_and_chinese() -> None:
    texts = model_texts(TEXTS_FILE)
    assert texts.severity == "medium"
    assert {c.id for c in texts.classes} == CLASSES


def test_features_are_crc32_buckets_of_char_wb_ngrams() -> None:
    buckets, values = features("Ab")
    grams = [" a", "ab", "b ", " ab", "ab ", " ab "]
    assert buckets == sorted({zlib.crc32(g.encode()) % N_FEATURES for g in grams})
    assert np.isclose(sum(v * v for v in values), 1.0)
    assert features("90% OFF") == features("10% off")  # digits of any value, any case
    assert features("٩٠%") == features("90%")  # Arabic-Indic digits too
    assert features("   ") == ([], [])


@pytest.mark.parametrize(("market", "category", "line", "claim"), CAUGHT)
def test_the_model_catches_lines_no_pattern_does(
    market: str, category: str, line: str, claim: str
) -> None:
    assert ScriptChecker(market, category=category).check(line) == []
    found = ScriptChecker(market, category=category, model=default_claim_model()).check(line)
    assert len(found) == 1
    finding = found[0]
    assert finding.rule == f"MODEL-{claim.upper()}"
    assert (finding.tier, finding.severity, finding.claim_class) == ("model", "medium", claim)
    assert finding.text == line and finding.why and finding.why_zh and finding.suggestion_zh
    assert finding.score is not None and finding.score >= default_claim_model().threshold
    assert finding.suggestion_local  # in the line's language where exemplars.yaml has one


@pytest.mark.parametrize(("market", "category", "line"), CLEAN_LINES)
def test_the_model_leaves_clean_selling_talk_alone(market: str, category: str, line: str) -> None:
    assert ScriptChecker(market, category=category, model=default_claim_model()).check(line) == []


def test_the_model_adds_nothing_to_lines_a_pattern_caught() -> None:
    line = "this charger will never ever blow up on you, zero risk"
    found = ScriptChecker("US", category="electronics", model=default_claim_model()).check(line)
    assert found and all(f.tier == "pattern" for f in found)


def test_a_threshold_above_one_turns_the_model_off() -> None:
    strict = ClaimModel.load(threshold=1.01)
    market, category, line, _ = CAUGHT[0]
    assert ScriptChecker(market, category=category, model=strict).check(line) == []


def test_evaluation_counts_the_model_tier() -> None:
    lines = [{"text": t, "lang": "en", "category": c, "risky": True, "class": k}
             for m, c, t, k in CAUGHT if m == "SG"]  # fmt: skip
    lines += [{"text": "mix one scoop with water after your workout", "lang": "en",
               "category": "food_supplements", "risky": False}]  # fmt: skip
    sets = [ScriptSet.model_validate({"market": "SG", "lines": lines})]
    without = evaluate(sets, None)
    with_model = evaluate(sets, None, model=default_claim_model())
    assert without["overall"]["caught"] == 0
    assert with_model["overall"]["caught"] == 1 and with_model["overall"]["flagged"] == 0
    assert with_model["tiers"].endswith("+ model")
