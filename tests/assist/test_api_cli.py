"""The drafting assistants over HTTP and on the command line: the same loop, the same
checks, JSON out; no route or command sends a draft anywhere."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from chuhai.api import create_app
from chuhai.cli.app import app as cli_app
from chuhai.settings import Settings
from tests.assist.conftest import GLOSSARY
from tests.assist.fake_llm import FakeLLM, answer

BAD = "Kipas Lumio FN-300 super senyap, terbaik nomor 1, chat WA ya kak"
GOOD = "Kipas Lumio FN-300 super senyap, tahan sampai 12 jam, kak"


def settings(tmp_path: Path, llm: FakeLLM) -> Settings:
    llm_config = {"name": "openai", "base_url": llm.url, "model": "m", "retries": 0,
                  "glossary": str(GLOSSARY)}  # fmt: skip
    return Settings.model_validate(
        {"data_dir": str(tmp_path / "data"), "providers": {"llm": llm_config}}
    )


def test_api_draft_loop_and_no_send_route(tmp_path: Path, llm: FakeLLM) -> None:
    llm.script = [answer(BAD), answer(GOOD, "Lumio FN-300 风扇超静音，续航12小时。")]
    with TestClient(create_app(settings=settings(tmp_path, llm))) as client:
        response = client.post(
            "/v1/draft/copy",
            json={"market": "id", "task": "script", "brief": "Lumio FN-300 静音风扇"},
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["text"] == GOOD and body["rounds"] == 1 and body["status"] == "clean"
        assert body["sent"] is False and body["needs_person"] is True
        assert body["back_translation_zh"].startswith("Lumio FN-300 风扇")
        spec = client.get("/openapi.json").json()
        drafts = {p: set(ops) for p, ops in spec["paths"].items() if "draft" in p}
        assert drafts == {
            "/v1/draft/copy": {"post"}, "/v1/draft/reply": {"post"},
            "/v1/draft/factory": {"post"}, "/draft": {"get"},
        }  # fmt: skip
        schema = spec["paths"]["/v1/draft/copy"]["post"]["responses"]["200"]["content"]
        assert schema["application/json"]["schema"]["$ref"].endswith("/Draft")
        assert (
            client.post("/v1/draft/copy", json={"market": "Atlantis", "brief": "x"}).status_code
            == 422
        )
        for lang, title in (("zh", "AI 草稿助手"), ("en", "Drafting assistant")):
            page = client.get(f"/draft?lang={lang}")
            assert page.status_code == 200 and title in page.text
    assert llm.paths == ["/v1/chat/completions"] * 2


def test_cli_draft_json(tmp_path: Path, llm: FakeLLM) -> None:
    config = tmp_path / "chuhai.toml"
    config.write_text(
        f'data_dir = "data"\n[providers.llm]\nname = "openai"\nbase_url = "{llm.url}"\n'
        f'model = "m"\nretries = 0\nrounds = 1\nglossary = "{GLOSSARY}"\n',
        encoding="utf-8",
    )
    llm.script = [answer(BAD)]  # never fixed: shown with its findings after one rewrite
    runner = CliRunner()
    result = runner.invoke(
        cli_app,
        ["-c", str(config), "draft", "copy", "Lumio FN-300 静音风扇", "-m", "ID",
         "--task", "script", "--json"],
    )  # fmt: skip
    assert result.exit_code == 1, result.output  # findings remain: exit 1, like script check
    body = json.loads(result.stdout)
    assert body["status"] == "needs_review" and body["rounds"] == 1
    assert {"ID-BPOM-ABS-001", "TTS-OFFPLATFORM-001"} <= {f["rule"] for f in body["findings"]}
    assert len(llm.requests) == 2
    offline = runner.invoke(
        cli_app,
        ["-c", str(config), "draft", "factory", "FN-300", "-m", "TH", "--task", "reorder",
         "--quantity", "500", "--offline", "--json"],
    )  # fmt: skip
    assert offline.exit_code == 0, offline.output
    draft = json.loads(offline.stdout)
    assert draft["mode"] == "template" and "500 件" in draft["text"] and draft["language"] == "zh"
    assert len(llm.requests) == 2  # --offline asks no model
    bad = runner.invoke(cli_app, ["-c", str(config), "draft", "copy", "x", "-m", "Atlantis"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
