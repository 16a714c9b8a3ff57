"""``chuhai partners``: the statement as JSON, CSV and HTML, refunds imported from a CSV with
bad rows named, and bad input refused with exit 2 and one line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from chuhai.cli import app
from chuhai.settings import load_settings
from chuhai.store import ZoneRouter
from tests.partners.test_access import PARTNERS_TOML, SUPPLY_TOML
from tests.partners.test_store import _store_orders

runner = CliRunner()
REFUNDS_CSV = """refund_id,order_id,sku,market,kind,quantity,amount,currency,time,reason
R1,O1,FN-300,ID,return,2,300000,IDR,2026-11-08T12:00:00+07:00,broken
R2,O4,FN-300,ID,refund,1,150000,IDR,2026-11-15T12:00:00+07:00,late
R9,O3,,Narnia,refund,1,5,IDR,2026-11-20T00:00:00Z,
R8,O3,,ID,refund,1,-5,IDR,2026-11-20T00:00:00Z,
"""


def _config(tmp_path: Path) -> Path:
    (tmp_path / "supply.toml").write_text(SUPPLY_TOML, encoding="utf-8")
    (tmp_path / "partners.toml").write_text(PARTNERS_TOML, encoding="utf-8")
    config = tmp_path / "chuhai.toml"
    config.write_text(
        'data_dir = "data"\nmarkets = ["ID", "TH"]\n[supply]\nsetup = "supply.toml"\n',
        encoding="utf-8",
    )
    with ZoneRouter(load_settings(config)) as router:
        for zone in ("id", "th"):
            router.store(zone).add_orders([o for o in _store_orders() if o.zone == zone])
    return config


def test_refunds_then_statements(tmp_path: Path) -> None:
    config = _config(tmp_path)
    (tmp_path / "refunds.csv").write_text(REFUNDS_CSV, encoding="utf-8")
    args = ["-c", str(config), "partners", "refunds", str(tmp_path / "refunds.csv"), "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert (answer["inserted"], answer["duplicates"]) == (2, 0)
    assert [r.split(":")[0] for r in answer["rejected"]] == [
        "refunds.csv line 4",
        "refunds.csv line 5",
    ]
    assert json.loads(runner.invoke(app, args).stdout)["duplicates"] == 2  # idempotent

    base = ["-c", str(config), "partners", "statement", "--period", "2026-11"]
    result = runner.invoke(app, [*base, "--partner", "nusa-live", "--json"])
    assert result.exit_code == 0, result.output
    (s,) = json.loads(result.stdout)["statements"]
    # no creators' orders: as in test_access.py, payable 232,381
    assert (s["share"], s["clawback"], s["payable"]) == ("250000", "17619", "232381")
    csv_text = runner.invoke(app, [*base, "--format", "csv"]).stdout
    assert "clawback of 2026-10" in csv_text and "siam-team" in csv_text
    out = tmp_path / "out" / "statement.html"
    result = runner.invoke(app, [*base, "--format", "html", "--lang", "en", "-o", str(out)])
    assert result.exit_code == 0 and "232,381" in out.read_text(encoding="utf-8")


def test_bad_input_exits_2(tmp_path: Path) -> None:
    config = _config(tmp_path)
    for extra in (["--period", "2026-13"], ["--period", "2026-11", "--partner", "nobody"]):
        result = runner.invoke(app, ["-c", str(config), "partners", "statement", *extra])
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
    (tmp_path / "partners.toml").write_text("[[partners]]\nid = 'X'\n", encoding="utf-8")
    result = runner.invoke(app, ["-c", str(config), "partners", "statement", "--period", "2026-11"])
    assert result.exit_code == 2 and "partners.toml" in result.output
