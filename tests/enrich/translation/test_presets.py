"""Presets for the endpoints Chinese sellers use fill base URL, model and the key's variable;
the config may override them; keys live only in the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from chuhai.enrich.translation import (
    PRESETS,
    NoTranslator,
    OpenAICompatibleTranslator,
    Rendered,
    build_translator,
)
from chuhai.enrich.translation.presets import resolve_endpoint
from chuhai.errors import ConfigError
from chuhai.settings import TranslationProviderSettings, load_settings
from tests.enrich.translation.fake_chat import FakeChat, Reply


@pytest.mark.parametrize(
    ("name", "url", "model", "env"),
    [
        ("deepseek", "https://api.deepseek.com/v1", "deepseek-chat", "DEEPSEEK_API_KEY"),
        ("qwen", "https://dashscope.aliyuncs.com/compatible-mode/v1", "qwen-plus",
         "DASHSCOPE_API_KEY"),
        ("doubao", "https://ark.cn-beijing.volces.com/api/v3", "doubao-seed-1-6-flash-250828",
         "ARK_API_KEY"),
        ("moonshot", "https://api.moonshot.cn/v1", "moonshot-v1-8k", "MOONSHOT_API_KEY"),
        ("ollama", "http://localhost:11434/v1", "qwen2.5:7b", "OLLAMA_API_KEY"),
        ("vllm", "http://localhost:8000/v1", "Qwen/Qwen2.5-7B-Instruct", "VLLM_API_KEY"),
    ],
)  # fmt: skip
def test_a_preset_fills_the_endpoint(
    name: str, url: str, model: str, env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(env, "sk-from-env")
    translator = build_translator(TranslationProviderSettings(name=name))  # type: ignore[arg-type]
    inner = translator.inner
    assert isinstance(inner, OpenAICompatibleTranslator)
    assert (inner.url, inner.model, inner.api_key) == (
        f"{url}/chat/completions",
        model,
        "sk-from-env",
    )
    assert translator.available


def test_the_config_overrides_a_preset() -> None:
    config = TranslationProviderSettings(
        name="qwen",
        base_url="https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
        model="qwen-flash",
        api_key_env="MY_QWEN_KEY",
        json_mode=False,
    )
    endpoint = resolve_endpoint(config)
    assert endpoint.base_url.startswith("https://dashscope-intl")
    assert (endpoint.model, endpoint.api_key_env, endpoint.json_mode) == (
        "qwen-flash", "MY_QWEN_KEY", False
    )  # fmt: skip


@pytest.mark.parametrize("name", ["deepseek", "qwen", "doubao", "moonshot"])
def test_a_cloud_preset_without_its_key_is_a_clear_config_error(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = PRESETS[name].api_key_env
    monkeypatch.delenv(env, raising=False)
    with pytest.raises(ConfigError, match=env):
        build_translator(TranslationProviderSettings(name=name))  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["ollama", "vllm"])
def test_a_local_server_needs_no_key(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PRESETS[name].api_key_env, raising=False)
    inner = build_translator(TranslationProviderSettings(name=name)).inner  # type: ignore[arg-type]
    assert isinstance(inner, OpenAICompatibleTranslator) and inner.api_key == ""


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('name = "deepseek"\napi_key = "sk-123"', "never kept in the config"),
        ('name = "deepseek"\napi_key_env = "sk-1234567890abcdef"', "must name an environment"),
        ('name = "kimi"', "providers.translation.name"),
        ('name = "qwen"\ndaily_chars = -1', "daily_chars"),
    ],
)
def test_bad_provider_settings_are_refused(tmp_path: Path, toml: str, message: str) -> None:
    config = tmp_path / "chuhai.toml"
    config.write_text(f"[providers.translation]\n{toml}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_settings(config)


def test_the_preset_name_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CHUHAI_PROVIDERS__TRANSLATION__NAME", "deepseek")
    monkeypatch.setenv("CHUHAI_PROVIDERS__TRANSLATION__DAILY_CHARS", "200000")
    settings = load_settings(None)
    assert settings.providers.translation.name == "deepseek"
    assert settings.providers.translation.daily_chars == 200_000


def test_the_meter_lives_in_the_data_dir(chat: FakeChat, tmp_path: Path) -> None:
    config = TranslationProviderSettings(name="openai", base_url=chat.url, model="m")
    build_translator(config, data_dir=tmp_path).translate(["kirim cepat"], "zh")
    again = build_translator(config, data_dir=tmp_path).inner
    assert isinstance(again, OpenAICompatibleTranslator)
    assert again.meter.snapshot()["chars"] == len("kirim cepat")


def test_none_provider_translates_nothing() -> None:
    translator = build_translator(TranslationProviderSettings())
    assert isinstance(translator.inner, NoTranslator)
    assert not translator.available
    assert translator.translate(["hola"], "zh") == [None]


@pytest.mark.parametrize(
    "config",
    [TranslationProviderSettings(name="openai"), TranslationProviderSettings(name="argos")],
)
def test_incomplete_provider_settings_are_rejected(config: TranslationProviderSettings) -> None:
    with pytest.raises(ConfigError):
        build_translator(config)


def test_what_the_provider_cannot_translate_gets_the_offline_gist(chat: FakeChat) -> None:
    chat.policy = lambda items: Reply(400)
    config = TranslationProviderSettings(name="openai", base_url=chat.url, model="m")
    rendered = build_translator(config).render(["มีสีขาวไหมคะ", "asdf qwer"], "zh", "th")
    assert rendered == [Rendered("问库存：有白色吗？", "gist"), Rendered(None, "none")]
