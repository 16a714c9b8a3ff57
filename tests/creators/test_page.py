"""The creators' report over HTTP: JSON that fits its response model, and the page in Chinese
and English with the verdict and its reason."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from chuhai.api.app import create_app
from chuhai.settings import Settings
from tests.conftest import Ingest
from tests.creators.test_net_margin import _import


def test_json_and_page(tmp_path: Path, ingest: Ingest, settings: Settings) -> None:
    _import(tmp_path, ingest)
    local = settings.model_copy(
        update={"compliance": settings.compliance.model_copy(update={"reader": "ID"})}
    )
    with TestClient(create_app(settings=local)) as client:
        answer = client.get("/v1/creators", params={"market": "ID"})
        assert answer.status_code == 200, answer.text
        (creator,) = answer.json()["ranked"]
        assert (creator["handle"], creator["verdict"]) == ("rina.review", "stop")
        assert creator["gmv"] == "1113000"
        zh = client.get("/creators", params={"market": "ID", "lang": "zh"})
        assert zh.status_code == 200
        assert (
            "达人带货分析" in zh.text and "停止合作" in zh.text and "退款占 GMV 的 44.6%" in zh.text
        )
        assert 'href="/creators" data-zh="达人" data-en="Creators" aria-current="page"' in zh.text
        en = client.get("/creators", params={"market": "ID", "lang": "en"})
        assert "refunds take 44.6% of GMV" in en.text and "@rina.review" in en.text
