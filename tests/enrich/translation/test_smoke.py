"""Opt-in smoke tests against the real endpoints (network, costs a few characters): skipped
unless CHUHAI_SMOKE_PROVIDERS names the presets to try and their keys are set, e.g.

    CHUHAI_SMOKE_PROVIDERS=deepseek,qwen DEEPSEEK_API_KEY=... DASHSCOPE_API_KEY=... \\
        .venv/bin/pytest tests/enrich/translation/test_smoke.py
"""

from __future__ import annotations

import os

import pytest

from chuhai.enrich.translation import PRESETS, build_translator
from chuhai.settings import TranslationProviderSettings

_WANTED = {p.strip() for p in os.environ.get("CHUHAI_SMOKE_PROVIDERS", "").split(",") if p}


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_a_real_provider_translates_a_batch_and_keeps_the_brand(name: str) -> None:
    preset = PRESETS[name]
    if name not in _WANTED:
        pytest.skip(f"set CHUHAI_SMOKE_PROVIDERS={name} to call {preset.base_url}")
    if preset.needs_key and not os.environ.get(preset.api_key_env):
        pytest.skip(f"{preset.api_key_env} is not set")
    config = TranslationProviderSettings(
        name=name,  # type: ignore[arg-type]
        base_url=os.environ.get(f"CHUHAI_SMOKE_{name.upper()}_URL"),
        model=os.environ.get(f"CHUHAI_SMOKE_{name.upper()}_MODEL"),
        glossary=["Lumio"],
    )
    translator = build_translator(config)
    texts = ["Lumio ini ada warna putih?", "kirim ke Surabaya berapa hari kak?"]
    got = translator.translate(texts, "zh", "id")
    assert all(got), got
    assert got[0] is not None and "Lumio" in got[0]
    assert translator.translate(["มีสีขาวไหมคะ"], "zh", "th")[0]
