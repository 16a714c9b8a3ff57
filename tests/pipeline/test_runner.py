from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from chuhai.errors import ConfigError, InputError
from chuhai.pipeline import Pipeline, build_stages, plan_files
from chuhai.privacy import PassThroughPrivacy
from chuhai.records import Record, Rejection, Voice
from chuhai.stage import Stage
from tests.conftest import FIXTURES, make_settings


class RejectShouting(Stage):
    """A test stage: rejects voices written in capitals, marks the others."""

    kind = "enrich"
    name = "test-shouting"

    def process(self, records: Sequence[Record]) -> list[Record | Rejection]:
        out: list[Record | Rejection] = []
        for record in records:
            if isinstance(record, Voice) and record.text.isupper():
                out.append(
                    Rejection.of(
                        connector="test", file="stage", reason="shouting", market=record.market
                    )
                )
            elif isinstance(record, Voice):
                out.append(
                    record.model_copy(update={"metadata": {**record.metadata, "checked": True}})
                )
            else:
                out.append(record)
        return out


def test_stages_run_in_order_and_may_reject(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    source = tmp_path / "r.csv"
    source.write_text(
        "time,market,text\n2026-10-01T00:00:00Z,US,GREAT!!!\n2026-10-01T00:00:00Z,US,fine\n"
    )
    stages = [PassThroughPrivacy(settings), RejectShouting(settings)]
    with Pipeline(settings, stages=stages) as pipeline:
        report = pipeline.ingest([source], kind="reviews")
        [kept] = pipeline.router.store("us").voices()
        [rejected] = pipeline.router.store("us").rejections()
    assert (report.totals.accepted, report.totals.quarantined) == (1, 1)
    assert kept.metadata == {"checked": True}
    assert rejected.rejection.reason == "shouting"


def test_configured_stages() -> None:
    settings = make_settings(Path())
    assert [(s.kind, s.name) for s in build_stages(settings)] == [
        ("privacy", "redact"),
        ("enrich", "multilingual"),
    ]
    broken = make_settings(Path(), pipeline={"enrich": ["passthrough", "magic"]})
    with pytest.raises(
        ConfigError,
        match=r"pipeline.enrich: no stage named 'magic' \(available: passthrough, multilingual\)",
    ):
        build_stages(broken)


def test_small_batches_give_the_same_result(tmp_path: Path) -> None:
    results = []
    for batch_size in (2, 5000):
        settings = make_settings(tmp_path / str(batch_size), pipeline={"batch_size": batch_size})
        with Pipeline(settings) as pipeline:
            report = pipeline.ingest(
                [FIXTURES / "reviews/tiktok_id.csv"],
                kind="reviews",
                options=__import__("chuhai").IngestOptions(
                    market="ID", mapping="tiktok-shop-reviews"
                ),
            )
            results.append(
                (report.totals.as_dict(), [v.id for v in pipeline.router.store("id").voices()])
            )
    assert results[0] == results[1]


def test_import_log_has_each_zones_share(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    with Pipeline(settings) as pipeline:
        pipeline.ingest([FIXTURES / "surveys/survey.csv"], kind="surveys")
        logs = {zone: pipeline.router.store(zone).imports() for zone in ("us", "id", "th")}
    assert {zone: (e[0].accepted, e[0].quarantined) for zone, e in logs.items()} == {
        "us": (1, 0),
        "id": (2, 0),
        "th": (1, 1),
    }
    assert all(e[0].connector == "surveys" and len(e[0].sha256) == 64 for e in logs.values())


def test_plan_files(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for name in ("a.eml", "b.vtt", "b.meta.json", "c.csv", "d.yaml"):
        (tmp_path / "in" / name).write_text("x")
    planned, ignored = plan_files([tmp_path / "in"], None)
    assert [(p.name, k) for p, k in planned] == [
        ("a.eml", "email"),
        ("b.vtt", "calls"),
        ("d.yaml", "products"),
    ]
    assert ignored == [
        (str(tmp_path / "in" / "c.csv"), "kind unknown from the file name; pass --kind")
    ]
    planned, ignored = plan_files([tmp_path / "in"], "reviews")
    assert [p.name for p, _ in planned] == ["c.csv"]
    with pytest.raises(InputError, match=r"cannot tell what c\.csv holds"):
        plan_files([tmp_path / "in" / "c.csv"], None)
    with pytest.raises(InputError, match="no such file"):
        plan_files([tmp_path / "missing.csv"], "reviews")
    with pytest.raises(InputError, match="unknown kind 'tweets'"):
        plan_files([tmp_path / "in" / "c.csv"], "tweets")


PII_ROWS = (
    "time,market,rating,text\n"
    '2026-10-01T00:00:00Z,ID,lots,"wa aku 0812-3456-7890"\n'
    '2026-10-01T00:00:00Z,Narnia,4,"email dewi@mail.example"\n'
)


@pytest.mark.parametrize(
    ("how", "stages", "settings_overrides", "in_clear"),
    [
        ("configured stages", None, {}, False),
        ("hand-made stages, no privacy", "shouting", {}, False),  # the configured one redacts
        ("worker processes", None, {"pipeline": {"workers": 2, "parallel_min_bytes": 0}}, False),
        ("passthrough chosen", "passthrough", {}, True),
    ],
)
def test_quarantined_rows_are_redacted_by_the_privacy_stage(
    tmp_path: Path,
    how: str,
    stages: str | None,
    settings_overrides: dict[str, object],
    in_clear: bool,
) -> None:
    settings = make_settings(tmp_path, **settings_overrides)
    source = tmp_path / "r.csv"
    source.write_text(PII_ROWS, encoding="utf-8")
    chosen: list[Stage] | None = None
    if stages == "shouting":
        chosen = [RejectShouting(settings)]
    elif stages == "passthrough":
        chosen = [PassThroughPrivacy(settings)]
    with Pipeline(settings, stages=chosen) as pipeline:
        report = pipeline.ingest([source], kind="reviews")
        kept = [
            r.rejection.raw
            for zone in ("id", "intake")
            for r in pipeline.router.store(zone).rejections()
        ]
    assert report.totals.quarantined == 2, how
    stored = "\n".join(kept)
    assert ("0812-3456-7890" in stored) is in_clear and ("dewi@mail" in stored) is in_clear
    assert ("[PHONE:p_" in stored and "[EMAIL:p_" in stored) is not in_clear
