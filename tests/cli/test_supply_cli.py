"""``chuhai supply`` and ``chuhai strategy`` end to end: JSON on stdout, exit codes 0/1/2."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuhai.cli import app

runner = CliRunner()


@pytest.fixture
def files(tmp_path: Path) -> Path:
    assert runner.invoke(app, ["supply", "init", str(tmp_path / "supply.toml")]).exit_code == 0
    rows = ["sku,market,week,quantity,live"]
    for week in range(1, 31):
        rows.append(f"PB-400,TH,2026-W{week:02d},{30 + 25 * (week % 4 == 0)},{int(week % 4 == 0)}")
        rows.append(f"NL-200,US,2026-W{week:02d},{12 + week % 3},0")
    (tmp_path / "demand.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "stock.csv").write_text("sku,market,on_hand,on_order\nPB-400,TH,40,0\n", "utf-8")
    return tmp_path


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_forecast_json(files: Path) -> None:
    code, out, err = _run("supply", "forecast", "--demand", str(files / "demand.csv"),
                          "--horizon", "4", "--json")  # fmt: skip
    assert code == 0, err
    body = json.loads(out)
    assert body["series"] == 2 and len(body["rows"]) == 8
    assert {"sku", "market", "ds", "mean", "q0.1", "q0.9"} <= set(body["rows"][0])


def test_plan_json_and_csv(files: Path) -> None:
    code, out, err = _run("supply", "plan", "--setup", str(files / "supply.toml"), "--demand",
                          str(files / "demand.csv"), "--inventory", str(files / "stock.csv"),
                          "--out", str(files / "plan.csv"), "--json")  # fmt: skip
    assert code == 0, err
    lines = {(x["sku"], x["market"]): x for x in json.loads(out)["lines"]}
    assert lines[("PB-400", "TH")]["on_hand"] == 40
    for line in lines.values():
        assert line["order_qty"] == 0 or line["order_qty"] >= 100  # the example's MOQs
    assert (files / "plan.csv").read_text("utf-8").startswith("sku,market,warehouse")


@pytest.mark.parametrize(
    ("as_of", "warning"),
    [
        ("2026-07-29", ""),  # the week after the data (2026-W01..W30, to Sunday 2026-07-26)
        ("2026-09-02", "the demand data ends 2026-07-26, 5 weeks before 2026-09-02"),
    ],
)
def test_plan_starts_from_as_of(files: Path, as_of: str, warning: str) -> None:
    code, out, err = _run("supply", "plan", "--setup", str(files / "supply.toml"), "--demand",
                          str(files / "demand.csv"), "--as-of", as_of, "--json")  # fmt: skip
    assert code == 0, err
    body = json.loads(out)
    assert body["as_of"] == as_of
    dates = [x["order_date"] for x in body["lines"] if x["order_date"]]
    assert dates and min(dates) == as_of  # an empty shelf orders that day, never before
    if warning:
        assert warning in " ".join(err.split()) and body["warnings"]
    else:
        assert "warning" not in err and body["warnings"] == []


def test_landed_and_risk(files: Path) -> None:
    setup = str(files / "supply.toml")
    code, out, _ = _run("supply", "landed", "--setup", setup, "--tariff", "US=+0.1", "--json")
    assert code == 0
    body = json.loads(out)
    assert body["unverified_tariffs"] == ["ID", "TH", "US"]
    us = [r for r in body["rows"] if r["market"] == "US"]
    assert all(r["margin_change"]["margin_after"] < r["margin_change"]["margin_before"] for r in us)
    (files / "revenue.csv").write_text("market,revenue\nUS,900\nTH,100\n", "utf-8")
    args = ("strategy", "risk", "--setup", setup, "--revenue", str(files / "revenue.csv"))
    code, out, _ = _run(*args, "--json")
    assert code == 0 and json.loads(out)["hhi"] == pytest.approx(8200)
    code, _, err = _run(*args, "--fail-hhi", "2500")
    assert code == 1 and "above 2,500" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("supply", "plan", "--setup", "{d}/none.toml"), "no such file"),
        (("supply", "forecast", "--demand", "{d}/demand.csv", "--quantiles", "a"), "quantiles"),
        (
            ("supply", "plan", "--setup", "{d}/supply.toml", "--demand", "{d}/bad.csv"),
            "negative quantity",
        ),
        (
            (
                "supply",
                "plan",
                "--setup",
                "{d}/supply.toml",
                "--demand",
                "{d}/demand.csv",
                "--horizon",
                "2",
            ),
            "longer",
        ),
        (("supply", "landed", "--setup", "{d}/supply.toml", "--mode", "teleport"), "unknown mode"),
        (
            (
                "supply",
                "plan",
                "--setup",
                "{d}/supply.toml",
                "--demand",
                "{d}/demand.csv",
                "--as-of",
                "2026-13-01",
            ),
            "--as-of '2026-13-01'",
        ),
        (("supply", "init", "{d}/supply.toml"), "exists"),
    ],
)
def test_bad_input_exits_2(files: Path, args: tuple[str, ...], message: str) -> None:
    (files / "bad.csv").write_text("sku,market,week,quantity\nPB-400,TH,2026-W01,-2\n", "utf-8")
    code, _, err = _run(*(a.format(d=files) for a in args))
    reason = err.strip().splitlines()[-1]  # notes may come first; the reason is one line
    assert code == 2 and reason.startswith("error:") and message in reason


def test_simulate_writes_a_chart(files: Path) -> None:
    code, out, err = _run("supply", "simulate", "--demand", str(files / "demand.csv"),
                          "--season", "10", "--chart", str(files / "out" / "sim.html"),
                          "--json")  # fmt: skip
    assert code == 0, err
    policies = {p["policy"]: p for p in json.loads(out)["policies"]}
    assert set(policies) == {"quick_response", "monthly", "big_order"}
    html = (files / "out" / "sim.html").read_text("utf-8")  # the folder is made
    assert html.count("<svg") == 4 and "quick_response" in html


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """chuhai.toml over zone stores where PB-400 is behind a battery alert in TH."""
    from chuhai.settings import load_settings
    from tests.supply.helpers import shop_with_quality_alert

    assert runner.invoke(app, ["supply", "init", str(tmp_path / "supply.toml")]).exit_code == 0
    config = tmp_path / "chuhai.toml"
    config.write_text(
        f'data_dir = "{tmp_path / "data"}"\nmarkets = ["US", "TH"]\n[compliance]\n'
        'headquarters = "CN"\n[[compliance.transfers]]\nfrom = "TH"\nto = "CN"\n'
        f'mechanism = "scc"\n[supply]\nsetup = "{tmp_path / "supply.toml"}"\n',
        encoding="utf-8",
    )
    shop_with_quality_alert(load_settings(config))
    return config


def test_plan_flags_the_line_behind_a_quality_alert(shop: Path) -> None:
    from tests.supply.helpers import ALERT_WEEK, PLAN_DAY

    base = ("-c", str(shop), "supply", "plan", "--as-of", PLAN_DAY, "--horizon", "8",
            "--model", "recent_mean")  # fmt: skip
    code, out, err = _run(*base, "--json", "--out", str(shop.parent / "plan.csv"))
    assert code == 0, err
    lines = {(x["sku"], x["market"]): x for x in json.loads(out)["lines"]}
    flagged = lines[("PB-400", "TH")]
    assert flagged["quality_flag"] == "先核查批次" and flagged["alert_week"] == ALERT_WEEK
    assert flagged["alert_url"] == f"/voc/alerts?week={ALERT_WEEK}#alert-{flagged['alert_id']}"
    assert flagged["alert_id"] and flagged["alert_lift"] > 1.5
    for key in (("FN-300", "TH"), ("NL-200", "US")):  # no alert behind them
        assert (lines[key]["quality_flag"], lines[key]["alert_id"]) == ("", "")
    with (shop.parent / "plan.csv").open(encoding="utf-8") as handle:
        rows = {(r["sku"], r["market"]): r for r in csv.DictReader(handle)}
    assert rows[("PB-400", "TH")]["quality_flag"] == "先核查批次"
    assert rows[("PB-400", "TH")]["alert_id"] == flagged["alert_id"]
    assert rows[("PB-400", "TH")]["alert_url"] == flagged["alert_url"]
    assert rows[("FN-300", "TH")]["quality_flag"] == rows[("NL-200", "US")]["quality_flag"] == ""
    code, text, err = _run(*base)
    assert code == 0, err
    said = " ".join(text.split())
    assert "PB-400 TH: 先核查批次 (check the batch first):" in said
    assert flagged["alert_id"] in said and ALERT_WEEK in said
    assert "FN-300 TH: 先核查批次" not in said and "NL-200 US: 先核查批次" not in said


@pytest.mark.parametrize(
    ("lang", "expected", "absent"),
    [
        ("zh", ["采购计划", "市场", "运输方式", "泰国"], ["order on", "planning aid"]),
        ("en", ["Purchase plan", "order on", "TH"], ["采购计划"]),
    ],
)
def test_plan_table_speaks_the_operators_language(
    files: Path, lang: str, expected: list[str], absent: list[str]
) -> None:
    code, out, err = _run("supply", "plan", "--setup", str(files / "supply.toml"), "--demand",
                          str(files / "demand.csv"), "--inventory", str(files / "stock.csv"),
                          "--as-of", "2026-07-29", "--lang", lang)  # fmt: skip
    assert code == 0, err
    for word in expected:
        assert word in out
    for word in absent:
        assert word not in out
    if lang == "zh":
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", out)
