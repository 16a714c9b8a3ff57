"""The category-aware script checker: rules by product category, certification claims against
the certificates on file, severity order, safer wording in the line's language, the
understanding tier and the evaluation of a labelled set."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from chuhai.cli import app
from chuhai.compliance.categories import (
    CATEGORIES,
    certificates_on_file,
    certifications,
    certifications_for,
    held_certifications,
    normalise_category,
)
from chuhai.compliance.evaluation import evaluate, load_sets
from chuhai.compliance.models import ClaimSet
from chuhai.compliance.script import SEVERITIES, ScriptChecker, source_for, without_disclaimers
from chuhai.compliance.understanding import ExemplarSet, Understanding
from chuhai.enrich.embeddings.base import Embedder

runner = CliRunner()
DATA = Path(__file__).parent / "data" / "scripts"


def _rule(rule_id: str, pattern: str, severity: str = "high", **extra: Any) -> dict[str, Any]:
    return {
        "id": rule_id, "category": "test", "severity": severity, "action": "rewrite",
        "languages": ["th", "en"], "why": "A reason that is long enough.", "patterns": [pattern],
        "suggestion": "An English safer wording.", "suggestion_zh": "更安全的说法。",
        "sources": ["test"], **extra,
    }  # fmt: skip


def _set(*rules: dict[str, Any]) -> ClaimSet:
    return ClaimSet.model_validate({"set": "t", "markets": ["TH"], "rules": list(rules)})


def _rules(checker: ScriptChecker) -> set[str]:
    return {r.id for r in checker.rules}


def test_cosmetics_rules_do_not_judge_a_power_bank() -> None:
    sets = [_set(_rule("COS-1", r"ขาวใน ?\d+ ?วัน", categories=["cosmetics"]), _rule("ALL-1", "x"))]
    assert _rules(ScriptChecker("TH", None, sets, category="electronics")) == {"ALL-1"}
    assert _rules(ScriptChecker("TH", None, sets, category="cosmetics")) == {"COS-1", "ALL-1"}
    # no category known: every rule applies; a catalog's words map onto the vocabulary
    assert _rules(ScriptChecker("TH", None, sets)) == {"COS-1", "ALL-1"}
    assert _rules(ScriptChecker("TH", None, sets, category="Skin care")) == {"COS-1", "ALL-1"}
    text = "ขาวใน 7 วัน"
    assert not ScriptChecker("TH", None, sets, category="power bank").check(text)
    assert [f.rule for f in ScriptChecker("TH", None, sets, category="cosmetics").check(text)] == [
        "COS-1"
    ]


def test_rules_name_known_categories_and_iso_languages() -> None:
    with pytest.raises(ValidationError, match="unknown product categories"):
        _set(_rule("R-1", "x", categories=["gadgets"]))
    with pytest.raises(ValidationError, match="ISO 639"):
        _set(_rule("R-1", "x", suggestions={"Thai": "x"}))


def test_vocabulary_and_certificates_on_file() -> None:
    assert set(CATEGORIES) >= {"electronics", "cosmetics", "food_supplements", "apparel", "toys",
                               "home", "general"}  # fmt: skip
    assert normalise_category("Power banks") == "electronics"
    assert normalise_category("护肤品") == "cosmetics"
    assert normalise_category(None) == normalise_category("widgets") == "general"
    attributes = {"certificates": {"TH": ["มอก. 2879-2560"], "US": "FCC ID 2A3B"}}
    assert certificates_on_file(attributes, "TH") == {"มอก. 2879-2560"}
    assert held_certifications(certificates_on_file(attributes, "TH"), "TH") == {"TIS"}
    assert held_certifications(certificates_on_file(attributes, "US"), "US") == {"FCC"}
    assert held_certifications(["TIS 2879-2560"], "TH") == {"TIS"}
    assert certificates_on_file({"certifications": "CE, UKCA"}) == {"CE", "UKCA"}


def test_certifications_per_market_and_category_have_sources_and_flags() -> None:
    ids = {
        market: {c.id for c in certifications_for(market, "electronics")}
        for market in ("TH", "ID", "JP", "US", "DE", "GB")
    }
    assert "TIS" in ids["TH"] and "SNI" in ids["ID"] and "PSE" in ids["JP"]
    assert {"FCC", "UL"} <= ids["US"] and "CE" in ids["DE"] and "UKCA" in ids["GB"]
    assert "TIS" not in {c.id for c in certifications_for("TH", "cosmetics")}
    for cert in certifications():
        assert cert.sources and cert.verified in ("verified", "partial", "unverified")
        assert re.search(r"https://", cert.sources[0]), cert.id


def test_certification_claims_need_a_certificate_on_file() -> None:
    line = "พาวเวอร์แบงค์นี้ผ่าน มอก. แล้วค่ะ"
    unknown = ScriptChecker("TH", None, [_set(_rule("X", "zzz"))], category="electronics")
    (finding,) = unknown.check(line)
    assert (finding.rule, finding.severity, finding.text) == ("CERT-TIS", "medium", "มอก.")
    assert "มอก" not in finding.suggestion_zh and finding.why_zh
    none_on_file = ScriptChecker("TH", None, [_set(_rule("X", "zzz"))], certificates=[])
    assert [f.severity for f in none_on_file.check(line)] == ["high"]
    held = ScriptChecker("TH", None, [_set(_rule("X", "zzz"))], certificates=["TIS 2879-2560"])
    assert held.check(line) == []
    # a mark named without a claim word is not a claim; another market's mark is not judged
    assert unknown.check("มอก.") == []
    assert ScriptChecker("ID", None, [_set(_rule("X", "zzz"))]).check("This has FCC") == []
    assert [f.rule for f in ScriptChecker("US", None, [_set(_rule("X", "zzz"))]).check(
        "This charger is FCC certified")] == ["CERT-FCC"]  # fmt: skip


def test_findings_most_severe_first_with_local_wording() -> None:
    sets = [
        _set(
            _rule("LOW-1", "cheap", "low"),
            _rule("CRIT-1", "cure", "critical", suggestions={"th": "คำที่ปลอดภัยกว่า"}),
            _rule("MED-1", "ถูกที่สุด", "medium", suggestions={"th": "พูดสิ่งที่พิสูจน์ได้"}),
        )
    ]
    text = "so cheap today\nถูกที่สุดในตลาดค่ะ ไม่มีใครถูกกว่า\nIt will cure your headache"
    found = ScriptChecker("TH", None, sets).check(text)
    assert [f.rule for f in found] == ["CRIT-1", "MED-1", "LOW-1"]
    assert [SEVERITIES.index(f.severity) for f in found] == sorted(
        SEVERITIES.index(f.severity) for f in found
    )
    by_rule = {f.rule: f for f in found}
    # a Thai line: Thai wording; an English line in a Thai script: English wording
    assert by_rule["MED-1"].lang == "th" and by_rule["MED-1"].suggestion_local.startswith("พูด")
    assert by_rule["CRIT-1"].lang == "en"
    assert by_rule["CRIT-1"].suggestion_local == "An English safer wording."
    assert by_rule["CRIT-1"].as_dict()["suggestion_zh"] == "更安全的说法。"


class _Words(Embedder):
    """Bag of words hashed into 256 dimensions: close texts share words."""

    name: ClassVar[str] = "words"

    def __init__(self) -> None:
        self.dim = 256
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> Any:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        return self._normalised(out + 1e-6)


def _exemplars() -> ExemplarSet:
    claim = {
        "why": "A reason that is long enough.", "why_zh": "足够长的原因。",
        "suggestion": "Say what was tested.", "suggestion_zh": "说明测试内容。",
        "suggestions": {"th": "บอกว่าผ่านการทดสอบอะไร"},
    }  # fmt: skip
    return ExemplarSet.model_validate(
        {
            "source": "test exemplars",
            "classes": [
                {"id": "safety", "severity": "high", **claim,
                 "risky": ["it will never explode", "never ever explodes guaranteed",
                           "zero risk never explodes"]},
                {"id": "cosmetic_efficacy", "severity": "critical", "categories": ["cosmetics"],
                 **claim, "risky": ["white skin in three days", "whiter in three days",
                                    "skin white three days"]},
            ],
            "clean": ["it charges fast", "fast charging all day", "light and fast",
                      "comes with a cable", "order from the basket", "it will charge fast"],
        }
    )  # fmt: skip


def test_understanding_tier_flags_meaning_and_keeps_clean_lines_clean() -> None:
    tier = Understanding(_Words(), _exemplars(), threshold=0.6, margin=0.05)
    checker = ScriptChecker("TH", None, [_set(_rule("X", "zzz"))], category="electronics",
                            understanding=tier)  # fmt: skip
    found = checker.check("this one will never explode\nit charges fast\nwhite skin in three days")
    assert [(f.line, f.rule, f.tier, f.claim_class) for f in found] == [
        (1, "UNDERSTOOD-SAFETY", "understanding", "safety")
    ]
    assert found[0].score is not None and found[0].score >= 0.6
    assert "never explode" in found[0].why and found[0].why_zh
    # the cosmetics class applies to a cosmetics script only
    cosmetics = ScriptChecker("TH", None, [_set(_rule("X", "zzz"))], category="cosmetics",
                              understanding=tier)  # fmt: skip
    assert [f.claim_class for f in cosmetics.check("white skin in three days")] == [
        "cosmetic_efficacy"
    ]
    # a line a pattern already flagged gets no second finding from the tier
    patterned = ScriptChecker("TH", None, [_set(_rule("P", "never explode"))], understanding=tier)
    assert [f.rule for f in patterned.check("this one will never explode")] == ["P"]


def test_understanding_remembers_vectors() -> None:
    embedder = _Words()
    tier = Understanding(embedder, _exemplars(), threshold=0.6, margin=0.05)
    tier.judge(["a line", "another"])
    calls = embedder.calls
    tier.judge(["a line", "another"])
    assert embedder.calls == calls


def test_evaluation_counts_lines_per_market_and_category() -> None:
    sets = load_sets(DATA)
    report = evaluate(sets, None, examples=3)
    lines = [line for s in sets for line in s.lines]
    overall = report["overall"]
    assert overall["risky"] == sum(line.risky for line in lines)
    assert overall["clean"] == len(lines) - overall["risky"]
    assert set(report["market"]) == {s.market for s in sets}
    assert "TH/electronics" in report["market_category"] and "TH/en" in report["market_lang"]
    # the certification line is risky without the certificate and clean with it
    th = report["market_category"]["TH/electronics"]
    assert th["clean_flagged"] == 0.0 and th["caught"] >= 1
    assert "patterns" in report["tiers"] and "understanding" not in report["tiers"]
    only_th = load_sets(DATA, ["TH"])
    assert [s.market for s in only_th] == ["TH"]


def test_cli_eval_and_check_category(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["script", "eval", "--set", str(DATA), "--patterns-only", "--json", "-m", "TH"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data["market"]) == {"TH"} and data["overall"]["risky"] > 0
    script = tmp_path / "s.txt"
    script.write_text("พาวเวอร์แบงค์นี้ผ่าน มอก. แล้วค่ะ\n", encoding="utf-8")
    checked = runner.invoke(app, ["script", "check", str(script), "-m", "TH", "--category",
                                  "electronics", "--patterns-only", "--platform", "none",
                                  "--json"])  # fmt: skip
    assert checked.exit_code == 0, checked.output
    body = json.loads(checked.stdout)
    assert body["category"] == "electronics"
    assert {c["id"] for c in body["certifications"]} >= {"TIS"}
    assert [f["rule"] for f in body["findings"]] == ["CERT-TIS"]
    assert body["findings"][0]["suggestion_local"] and body["findings"][0]["lang"] == "th"
    held = runner.invoke(app, ["script", "check", str(script), "-m", "TH", "--category",
                               "electronics", "--certificate", "TIS", "--patterns-only",
                               "--platform", "none", "--json"])  # fmt: skip
    assert json.loads(held.stdout)["findings"] == []
    bad = runner.invoke(app, ["script", "check", str(script), "-m", "TH", "--category", "widgets"])
    assert bad.exit_code == 2 and "unknown category" in bad.output
    missing = runner.invoke(app, ["script", "eval", "--set", str(tmp_path / "none")])
    assert missing.exit_code == 2


@pytest.mark.parametrize(
    ("sources", "market", "expected"),
    [
        (["VN: law", "TH: act", "FTC note"], "TH", "TH: act"),
        (["VN: law", "FTC note"], "TH", "FTC note"),  # not another market's law
        (["VN: law", "CN: law"], "TH", "VN: law"),  # nothing better: the first
        (["plain source"], "US-CA", "plain source"),
        (["US-CA: CCPA", "US: FTC"], "US-CA", "US-CA: CCPA"),
    ],
)
def test_a_finding_cites_the_source_of_its_market(
    sources: list[str], market: str, expected: str
) -> None:
    assert source_for(sources, market) == expected


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("This is the cheapest power bank in Thailand", False),  # a power bank, not a transfer
        ("boleh bank in dulu ke akaun saya", True),
        ("bank-in terus, nanti saya pos", True),
    ],
)
def test_bank_in_means_a_transfer_not_a_power_bank(line: str, flagged: bool) -> None:
    found = ScriptChecker("MY", category="electronics").check(line)
    assert any(f.rule == "TTS-OFFPLATFORM-001" for f in found) is flagged


@pytest.mark.parametrize(
    ("market", "line", "flagged"),
    [
        ("US", "These statements have not been evaluated by the FDA. This product is not "
               "intended to diagnose, treat, cure or prevent any disease.", False),
        ("US", "This product is not intended to diagnose, treat, cure, or prevent any disease", False),
        ("CN", "本品不能代替药物，不具有疾病预防、治疗功能", False),
        ("US", "Our gummies treat anxiety in 7 days", True),  # the claim itself still counts
        ("US", "FDA approved formula, cures insomnia", True),
        ("CN", "本品能治疗失眠", True),
    ],
)  # fmt: skip
def test_required_disclaimers_are_not_read_as_claims(market: str, line: str, flagged: bool) -> None:
    found = ScriptChecker(market, category="food_supplements").check(line)
    assert bool(found) is flagged, [(f.rule, f.text) for f in found]


def test_a_line_that_is_all_disclaimer_is_blank_with_its_offsets() -> None:
    line = "本品不能代替药物，不具有疾病预防、治疗功能"
    blank = without_disclaimers(line)
    assert len(blank) == len(line) and not blank.strip("， ")  # only the comma is left
