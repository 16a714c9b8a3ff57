"""Worker processes must give exactly what the in-process path gives."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest

from chuhai.connectors import IngestOptions
from chuhai.connectors.textio import BadLine, Line
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
    for zone in ("US", "ID", "TH", "INTAKE"):  # the same secrets in both runs and workers
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


def _text(raw: str | bytes) -> str:
    return raw.decode() if isinstance(raw, bytes) else raw


def _runaway_file() -> tuple[list[str], list[Line]]:
    """Rows with stray quotes, real multi-line values and a value past the size limit."""
    header = ["id", "time", "market", "sku", "author", "rating", "text"]

    def row(n: int, text: str = "ok") -> str:
        return f"R{n},2026-10-01T10:00:00Z,US,FN-300,u{n},5,{text}\n"

    body = [
        row(1),
        row(2, '"stray quote'),
        row(3),
        row(4, '"real\nmulti-line, value"'),
        row(5),
        row(6, '"stray again'),
        row(7, '"closes the stray, opens a real one'),
        "and, goes, on\n",
        'to here"\n',
        row(8, '"' + "long prose line\n" * 20 + 'end"'),
        row(9, '"He said ""wow""\nand left"'),
        row(10),
        row(11, '"never closed'),
        row(12),
    ]
    tail = [row(13, 'a 12" fan'), row(14, '"fine"'), row(15, 'and a 16" one'), row(16)]
    text = ",".join(header) + "\n" + "".join(body[:-2] + tail + body[-2:])
    lines = [Line(n, t) for n, t in enumerate(text.splitlines(keepends=True), start=1)]
    return header, lines


@pytest.mark.parametrize("size", [1, 2, 3, 7, 100])
def test_chunks_end_where_the_reader_ends_a_record(tmp_path: Path, size: int) -> None:
    from chuhai.connectors import IngestContext
    from chuhai.connectors.tabular import ReviewsConnector

    settings = make_settings(tmp_path, ingest={"max_text_chars": 200})
    reader = ReviewsConnector(IngestContext(settings)).reader
    header, lines = _runaway_file()

    def parse(part: list[Line | BadLine]) -> list[tuple[object, ...]]:
        rows = reader.delimited(part, ",", header=header)
        return [(type(r).__name__, r.line, getattr(r, "reason", ""), _text(r.raw)) for r in rows]

    whole = parse(list(lines[1:]))
    guard = reader.quote_guard(len(header), ",")
    chunks = list(chunk_records(lines[1:], quoted=True, size=size, guard=guard))
    assert [item.number for chunk in chunks for item in chunk] == [x.number for x in lines[1:]]
    assert [row for chunk in chunks for row in parse(chunk)] == whole
    problems = [line for kind, line, _, _ in whole if kind == "RowProblem"]
    assert problems[:2] == [3, 8]  # the stray quotes of R2 and R6, alone
    assert 12 in problems and 40 in problems  # the value past the limit, the unclosed one
    assert not {36, 37, 38, 39} & set(problems)  # inch marks are no quotes
    accepted = [raw for kind, _, _, raw in whole if kind == "Row"]
    assert any("real\nmulti-line, value" in str(raw) for raw in accepted)
    assert any('""wow""\nand left' in str(raw) for raw in accepted)
    assert str(accepted[-1]).startswith("R12,")
    assert str(accepted[-5]).startswith("R13,")


def test_workers_read_runaway_quotes_as_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import functools

    from chuhai.pipeline import runner

    for zone in ("US", "ID", "TH", "INTAKE"):
        monkeypatch.setenv(f"CHUHAI_ZONE_SECRET_{zone}", f"test-secret-of-zone-{zone}")
    monkeypatch.setattr(runner, "chunk_records", functools.partial(chunk_records, size=2))
    _, lines = _runaway_file()
    source = tmp_path / "reviews.csv"
    source.write_text("".join(line.text for line in lines), encoding="utf-8")
    results = []
    for workers in (1, 2):
        settings = make_settings(
            tmp_path / f"w{workers}",
            ingest={"max_text_chars": 200},
            pipeline={"workers": workers, "parallel_min_bytes": 0},
        )
        with Pipeline(settings) as pipeline:
            report = pipeline.ingest([source], kind="reviews", options=IngestOptions())
            results.append((report.files[0].counts.as_dict(), snapshot(pipeline)))
    assert results[0] == results[1]
    assert (results[0][0]["accepted"], results[0][0]["quarantined"]) == (12, 24)
