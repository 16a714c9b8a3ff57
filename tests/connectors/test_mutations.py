"""Mutated copies of every fixture (fixed seed): no exception escapes an import, and every
quarantined row the report counts is in a store."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from chuhai.connectors import IngestOptions
from chuhai.pipeline import Pipeline
from chuhai.store import INTAKE_ZONE
from tests.conftest import FIXTURES, make_settings

SOURCES = [
    ("reviews/tiktok_id.csv", "reviews", {"market": "ID", "mapping": "tiktok-shop-reviews"}),
    ("reviews/amazon_us.tsv", "reviews", {"mapping": "amazon-reviews"}),
    ("reviews/generic.json", "reviews", {}),
    ("reviews/generic.jsonl", "reviews", {}),
    ("email/html_reply.eml", "email", {}),
    ("email/support.mbox", "email", {}),
    ("calls/call.vtt", "calls", {}),
    ("calls/call.txt", "calls", {}),
    ("surveys/survey.csv", "surveys", {}),
    ("live/chat.jsonl", "live", {"market": "TH"}),
    ("orders/orders.csv", "orders", {}),
    ("catalog/products.yaml", "products", {}),
]
TOKENS = [
    b"\n",
    b'"',
    b"From ",
    b"-->",
    b"Date: x\n",
    b"=?utf-8?b?zz?=",
    b"{",
    b"- ",
    b": ",
    b"\xff\xfe",
]


def mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        pos = rng.randrange(len(out) + 1)
        roll = rng.random()
        if roll < 0.3 and out:
            del out[pos : pos + rng.randint(1, 40)]
        elif roll < 0.6:
            out[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 20)))
        else:
            out[pos:pos] = rng.choice(TOKENS)
    return bytes(out)


@pytest.mark.parametrize("seed", range(3))
def test_mutated_inputs_never_crash_an_import(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    with Pipeline(make_settings(tmp_path)) as pipeline:
        for n in range(50):
            name, kind, options = rng.choice(SOURCES)
            path = tmp_path / f"mutant-{n}{Path(name).suffix}"
            path.write_bytes(mutate((FIXTURES / name).read_bytes(), rng))
            report = pipeline.ingest([path], kind=kind, options=IngestOptions(**options)).files[0]
            stored = 0
            for zone in [*pipeline.router.zones, INTAKE_ZONE]:
                if pipeline.router.exists(zone):
                    stored += sum(
                        1
                        for r in pipeline.router.store(zone).rejections()
                        if r.rejection.file == str(path)
                    )
            assert stored == report.counts.quarantined, (name, report.as_dict())
