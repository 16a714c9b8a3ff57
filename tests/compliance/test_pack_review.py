"""Rule packs that stay current: review dates and source kinds on every fact, 'verified' only
on a law or regulator source (file:line errors), ``chuhai compliance due``, the changelog."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuhai.cli import app
from chuhai.compliance import RulePackError, packs
from chuhai.compliance.loader import load_model
from chuhai.compliance.models import RulePack
from chuhai.compliance.review import cutoff, due_facts
from chuhai.errors import InputError

TH = Path(__file__).parents[2] / "src/chuhai/compliance/packs/th.yaml"
SHIPPED_REVIEW = "2026-12-03"  # the date the shipped packs were last reviewed against (issue 19)
runner = CliRunner()


def _th_with_breach(sources: str, verified: str = "verified") -> str:
    text = TH.read_text("utf-8")
    start = text.index("breach:\n")
    end = text.index("  details:", start)
    block = (
        "breach:\n  summary: PDPC Office within 72 hours of becoming aware (s.37(4)).\n"
        f"  reviewed: 2026-12-01\n  sources:\n{sources}  verified: {verified}\n"
    )
    return text[:start] + block + text[end:]


def test_verified_fact_without_law_or_regulator_source_is_rejected_with_its_line(
    tmp_path: Path,
) -> None:
    broken = _th_with_breach(
        "  - url: https://example.org/blog\n    kind: secondary\n"
        "  - url: https://example.com/firm-note\n    kind: law_firm\n"
    )
    path = tmp_path / "th.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(RulePackError, match=r"breach\.verified: .*law .*regulator") as caught:
        load_model(path, RulePack)
    lines = broken.splitlines()
    breach = lines.index("breach:")
    expected = breach + 1 + lines[breach:].index("  verified: verified")
    assert caught.value.line == expected
    assert str(caught.value).startswith(f"{path}:{expected}: ")


@pytest.mark.parametrize("kind", ["law", "regulator"])
def test_verified_fact_with_a_primary_source_loads(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "th.yaml"
    path.write_text(
        _th_with_breach(f"  - url: https://example.go.th/act\n    kind: {kind}\n"), encoding="utf-8"
    )
    assert load_model(path, RulePack).breach.verified == "verified"


def test_partial_on_secondary_sources_loads_and_a_fact_needs_a_review_date(tmp_path: Path) -> None:
    path = tmp_path / "th.yaml"
    weak = _th_with_breach("  - url: https://example.org/blog\n    kind: secondary\n", "partial")
    path.write_text(weak, encoding="utf-8")
    assert load_model(path, RulePack).breach.secondary_only
    path.write_text(weak.replace("  reviewed: 2026-12-01\n", "", 1), encoding="utf-8")
    with pytest.raises(RulePackError, match=r"breach\.reviewed: Field required"):
        load_model(path, RulePack)
    path.write_text(
        weak.replace("blog\n    kind: secondary", "blog\n    kind: blog"), encoding="utf-8"
    )
    with pytest.raises(RulePackError, match=r"breach\.sources\.0\.kind"):
        load_model(path, RulePack)


@pytest.mark.parametrize("pack", packs(), ids=lambda p: p.id)
def test_every_shipped_fact_has_a_review_date_and_typed_sources(pack: RulePack) -> None:
    for where, fact in pack.facts():
        assert fact.reviewed <= dt.date.fromisoformat(SHIPPED_REVIEW), (pack.id, where)
        if fact.verified == "verified":
            assert any(s.kind in ("law", "regulator") for s in fact.sources), (pack.id, where)
    assert pack.changelog, pack.id
    for change in pack.changelog:
        assert change.what_zh and re.search(r"[\u4e00-\u9fff]", change.what_zh)
        assert change.why_zh and re.search(r"[\u4e00-\u9fff]", change.why_zh)
    for duty in pack.duties:
        assert duty.name_zh and duty.summary_zh


def test_cutoff_counts_days_weeks_months_and_years() -> None:
    day = dt.date(2026, 8, 31)
    assert cutoff(day, "6m") == dt.date(2026, 2, 28)
    assert cutoff(day, "90d") == dt.date(2026, 6, 2)
    assert cutoff(day, "2w") == dt.date(2026, 8, 17)
    assert cutoff(day, "1y") == dt.date(2025, 8, 31)
    for bad in ("six months", "0m", "6q", ""):
        with pytest.raises(InputError, match="--older-than"):
            cutoff(day, bad)


def test_due_lists_overdue_facts_and_secondary_only_ones(tmp_path: Path) -> None:
    found = due_facts(packs(), cutoff(dt.date.fromisoformat(SHIPPED_REVIEW), "6m"))
    assert found == []  # every shipped fact re-reviewed, none on secondary sources only
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "th.yaml").write_text(
        _th_with_breach("  - url: https://example.org/blog\n    kind: secondary\n", "partial"),
        encoding="utf-8",
    )
    weak = due_facts(packs(tmp_path), cutoff(dt.date.fromisoformat(SHIPPED_REVIEW), "6m"))
    assert [(d.pack, d.where, d.reasons) for d in weak] == [("TH", "breach", ("secondary-only",))]
    later = due_facts(packs(), cutoff(dt.date(2027, 7, 1), "6m"))
    overdue = {(d.pack, d.where) for d in later if "overdue" in d.reasons}
    assert ("BR", "transfer") in overdue  # reviewed 2026-11-25
    assert ("SG", "breach") in overdue and ("MY", "duties[0]") in overdue  # reviewed 2026-12-03


def _config(tmp_path: Path) -> Path:
    path = tmp_path / "chuhai.toml"
    path.write_text('markets = ["TH"]\ndata_dir = "d"\n', encoding="utf-8")
    return path


def test_due_command_prints_nothing_overdue_on_the_shipped_packs(tmp_path: Path) -> None:
    config = ["-c", str(_config(tmp_path)), "compliance", "due"]
    result = runner.invoke(app, [*config, "--as-of", SHIPPED_REVIEW, "--fail"])
    assert result.exit_code == 0, result.output
    assert "nothing overdue" in result.stdout and "secondary sources only" not in result.stdout
    data = json.loads(runner.invoke(app, [*config, "--as-of", SHIPPED_REVIEW, "--json"]).stdout)
    assert data["overdue"] == 0 and data["reviewed_before"] == "2026-06-03"
    assert data["facts"] == []
    late = runner.invoke(app, [*config, "--as-of", "2027-07-01", "--fail", "--json"])
    assert late.exit_code == 1 and json.loads(late.stdout)["overdue"] > 0
    bad = runner.invoke(app, [*config, "--older-than", "soon"])
    assert bad.exit_code == 2 and "--older-than 'soon'" in bad.stderr
    assert runner.invoke(app, [*config, "--as-of", "2026-13-01"]).exit_code == 2


def test_show_prints_review_dates_source_kinds_and_the_changelog(tmp_path: Path) -> None:
    config = ["-c", str(_config(tmp_path)), "compliance", "show"]
    table = runner.invoke(app, [*config, "SG"], env={"COLUMNS": "250"})
    assert table.exit_code == 0, table.output
    assert "reviewed 2026-12-03" in table.stdout and "[statute/regulation]" in table.stdout
    assert "72 h from assessment" in table.stdout
    my = runner.invoke(app, [*config, "MY"], env={"COLUMNS": "250"})
    assert "Data protection officer (s.12A)" in my.stdout and "[regulator guidance]" in my.stdout
    data = json.loads(runner.invoke(app, [*config, "GB", "--json"]).stdout)
    duaa = next(law for law in data["packs"][0]["laws"] if "DUAA" in law["name"])
    assert duaa["verified"] == "verified" and duaa["reviewed"] == SHIPPED_REVIEW
    assert {"url": "https://www.legislation.gov.uk/uksi/2026/82/made", "kind": "law"}.items() <= (
        duaa["sources"][0].items()
    )
    changes = runner.invoke(app, [*config, "VN", "--changes"], env={"COLUMNS": "250"})
    assert changes.exit_code == 0 and "Decree 356" in changes.stdout and "why:" in changes.stdout
    listed = json.loads(runner.invoke(app, [*config, "GB", "--changes", "--json"]).stdout)
    assert listed["changes"][0]["pack"] == "GB" and "SI 2026/82" in listed["changes"][0]["what"]
