"""The pre-live script checker on project-written scripts, one per market: every banned line
raises its rule (with span, why, source and a safer wording), the clean script raises
nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from chuhai.cli import app
from chuhai.compliance.script import ScriptChecker

SCRIPTS = Path(__file__).parents[1] / "fixtures" / "scripts"
MARKETS = sorted(p.stem for p in SCRIPTS.glob("*.yaml"))


def _script(market: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((SCRIPTS / f"{market}.yaml").read_text("utf-8"))
    return data


@pytest.mark.parametrize("market", MARKETS)
def test_each_banned_line_raises_its_rule(market: str) -> None:
    script = _script(market)
    checker = ScriptChecker(script["market"])
    lines = [line for line, _ in script["banned"]]
    findings = checker.check("\n".join(lines))
    for number, (line, rule) in enumerate(script["banned"], start=1):
        on_line = {f.rule for f in findings if f.line == number}
        assert rule in on_line, (line, on_line)
    for f in findings:
        assert (
            f.source.startswith(("http", "16 CFR", "UCPD", "Decree", "TikTok")) or ":" in f.source
        )
        assert f.why and f.suggestion and f.suggestion_zh
        assert "\n".join(lines)[f.start : f.end] == f.text


@pytest.mark.parametrize("market", MARKETS)
def test_clean_script_raises_nothing(market: str) -> None:
    script = _script(market)
    assert ScriptChecker(script["market"]).check(script["clean"]) == []


def test_disclosure_rules_fire_only_without_the_disclosure() -> None:
    checker = ScriptChecker("US")
    undisclosed = checker.check("Lumio gifted me this, use my code LUMIO10")
    assert {f.rule for f in undisclosed if f.missing_disclosure} == {"US-FTC-ENDORSE-001"}
    disclosed = checker.check("#ad Lumio gifted me this, use my code LUMIO10")
    assert not any(f.rule == "US-FTC-ENDORSE-001" for f in disclosed)


def test_market_and_platform_choose_the_rules() -> None:
    line = "这是全网最好的台灯"
    assert {f.rule for f in ScriptChecker("CN").check(line)} == {"CN-ADLAW-ABS-001"}
    assert ScriptChecker("US").check(line) == []  # China's Advertising Law is not US law
    off_platform = "DM me on WhatsApp to pay"
    assert ScriptChecker("US", platform=None).check(off_platform) == []  # law only
    assert ScriptChecker("US").check(off_platform)  # TikTok Shop's own rule


runner = CliRunner()


def test_cli_json_findings(tmp_path: Path) -> None:
    script = tmp_path / "th.txt"
    script.write_text("สวัสดีค่ะ\nครีมตัวนี้รักษาสิวหายขาดค่ะ\n", encoding="utf-8")
    result = runner.invoke(app, ["script", "check", "--market", "TH", "--json", str(script)])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert "not legal advice" in report["disclaimer"]
    first = report["findings"][0]
    assert set(first) >= {"rule", "start", "end", "text", "severity", "why", "source", "suggestion"}
    assert first["line"] == 2
    table = runner.invoke(app, ["script", "check", "--market", "TH", str(script)])
    assert "screening aids, not legal advice" in table.stderr
    assert "规则包仅供合规筛查参考" in table.stderr
    assert first["why_zh"].startswith("佛历2558年《化妆品法》")
    cells = re.sub(r"[\s│]", "", table.stdout)
    assert "佛历2558年《化妆品法》" in cells


def test_cli_fail_on_and_bad_input(tmp_path: Path) -> None:
    script = tmp_path / "s.txt"
    script.write_text("Only 2 left!\n", encoding="utf-8")  # medium
    ok = runner.invoke(app, ["script", "check", "-m", "US", "--fail-on", "high", str(script)])
    assert ok.exit_code == 0
    failed = runner.invoke(app, ["script", "check", "-m", "US", "--fail-on", "medium", str(script)])
    assert failed.exit_code == 1
    bad = runner.invoke(app, ["script", "check", "-m", "US", "--fail-on", "huge", str(script)])
    assert bad.exit_code == 2 and "Invalid value for '--fail-on'" in bad.stderr
    missing = runner.invoke(app, ["script", "check", "-m", "US", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr


def test_cli_reads_a_transcript_with_times(tmp_path: Path) -> None:
    vtt = tmp_path / "live.vtt"
    vtt.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHost: welcome everyone\n\n"
        "00:02:05.000 --> 00:02:09.000\nHost: this balm cures eczema\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["script", "check", "-m", "US", "--json", str(vtt)])
    assert result.exit_code == 0, result.stderr
    (finding,) = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "TTS-MED-001"]
    assert finding["time"] == 125.0


def test_every_claim_rule_says_why_in_chinese() -> None:
    from chuhai.compliance import claim_sets

    missing = [r.id for s in claim_sets() for r in s.rules if not r.why_zh]
    assert not missing


@pytest.mark.parametrize(
    ("market", "line", "rule", "why_zh"),
    [
        ("TH", "ครีมตัวนี้รักษาสิวหายขาดค่ะ", "TH-FDA-COS-001", "《化妆品法》"),
        ("CN", "这是全网最好的台灯", "CN-ADLAW-ABS-001", "绝对化用语"),
        ("US", "Lumio gifted me this, use my code LUMIO10", "US-FTC-ENDORSE-001",
         "话术中没有找到必需的声明。"),
    ],
)  # fmt: skip
def test_a_finding_says_why_in_chinese(market: str, line: str, rule: str, why_zh: str) -> None:
    found = [f for f in ScriptChecker(market).check(line) if f.rule == rule]
    assert found and why_zh in found[0].why_zh
    assert found[0].as_dict()["why_zh"] == found[0].why_zh
