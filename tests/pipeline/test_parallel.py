"""Worker processes must give exactly what the in-process path gives."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest

from chuhai.connectors import IngestOptions
from chuhai.connectors.textio import Line
from chuhai.pipeline import Pipeline
from chuhai.pipeline.parallel import chunk_records
from tests.conftest import make_settings


def awkward_csv(path: Path, rows: int) -> None:
    """Reviews with quoted multi-line text, commas, quotes, GBK lines and bad rows."""
    rng = random.Random(3)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "time", "market", "sku", "author", "rating", "text"])
    texts = ["Great, really", 'He said "wow"', "line one\nline two", "bagus banget 👍", "ดีมาก"]
    for n in range(rows):
        rating = 9 if n % 97 == 0 else rng.randint(1, 5)  # some invalid ratings
        time = "2026-02-30T10:00:00Z" if n % 89 == 0 else "2026-10-01T10:00:00Z"
        writer.writerow(
            [
                f"R{n}",
                time,
                rng.choice(["US", "ID", "TH"]),
                "FN-300",
                f"u{n % 50}",
                rating,
                rng.choice(texts),
            ]
        )
    data = buffer.getvalue().encode()
    gbk_row = '"RG1",2026-10-01T10:00:00Z,US,FN-300,zh,5,参与者找不到开关\n'.encode("gbk")
    path.write_bytes(
        data + gbk_row + b"R-long,2026-10-01T10:00:00Z,US,A,b,5," + b"x" * 2_000_000 + b"\n"
    )


def snapshot(pipeline: Pipeline) -> tuple[object, ...]:
    voices, rejected = {}, {}
    for zone in ("us", "id", "th", "intake"):
        if pipeline.router.exists(zone):
            store = pipeline.router.store(zone)
            voices[zone] = sorted(
                (v.id, v.text, v.author, v.time, v.source.locator) for v in store.voices()
            )
            rejected[zone] = sorted(
                (r.rejection.line, r.rejection.reason) for r in store.rejections()
            )
    return voices, rejected


def test_workers_give_the_same_result_as_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for zone in ("US", "ID", "TH"):  # the same secrets in both runs (and in the workers)
        monkeypatch.setenv(f"CHUHAI_ZONE_SECRET_{zone}", f"test-secret-of-zone-{zone}")
    source = tmp_path / "reviews.csv"
    awkward_csv(source, 3000)
    results = []
    for workers in (1, 2):
        settings = make_settings(
            tmp_path / f"w{workers}", pipeline={"workers": workers, "parallel_min_bytes": 0}
        )
        with Pipeline(settings) as pipeline:
            report = pipeline.ingest([source], kind="reviews", options=IngestOptions())
            results.append(
                (report.files[0].counts.as_dict(), report.files[0].warnings, snapshot(pipeline))
            )
    assert results[0] == results[1]
    counts = results[0][0]
    assert counts["quarantined"] > 60  # invalid ratings, dates and the long line
    assert counts["accepted"] + counts["quarantined"] == 3002
    assert results[0][1] == [
        "column 'language' (language) is not in the file",
        "1 line(s) decoded as gb18030 (guessed; pass --encoding to override)",
    ]


def test_parallel_import_rejects_a_file_missing_columns(tmp_path: Path) -> None:
    source = tmp_path / "r.csv"
    source.write_text("a,b\n1,2\n" * 10, encoding="utf-8")
    settings = make_settings(tmp_path, pipeline={"workers": 2, "parallel_min_bytes": 0})
    with Pipeline(settings) as pipeline:
        report = pipeline.ingest([source], kind="reviews").files[0]
    assert report.status == "rejected"
    assert "columns missing for text <- text; time <- time" in (report.rejection_reason or "")


@pytest.mark.parametrize("size", [1, 3, 50])
def test_chunks_never_split_a_quoted_record(size: int) -> None:
    rows = [["a", 'multi\n"line"\nvalue', "b"], ["c", "plain", 'x,"y"']] * 20
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    lines = [Line(n, t) for n, t in enumerate(buffer.getvalue().splitlines(keepends=True), start=1)]
    chunks = list(chunk_records(lines, quoted=True, size=size))
    assert sum(len(c) for c in chunks) == len(lines)
    parsed = [
        row
        for chunk in chunks
        for row in csv.reader(line.text for line in chunk if isinstance(line, Line))
    ]
    assert parsed == rows
