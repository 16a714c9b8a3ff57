"""Glossary terms survive translation, translations are cached (never failures), and what the
provider cannot give is filled by the offline gist, marked as a gist."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest

from chuhai.enrich.translation import GlossaryTranslator, OpenAICompatibleTranslator, Rendered
from tests.enrich.translation.fake_chat import FakeChat, Reply, translate_all

GLOSSARY = ["Lumio Fan", "Lumio"]


def glossary_translator(chat: FakeChat, model: str = "m", **kwargs: object) -> GlossaryTranslator:
    inner = OpenAICompatibleTranslator(base_url=chat.url, model=model, backoff_s=0.01)
    return GlossaryTranslator(inner, GLOSSARY, **kwargs)  # type: ignore[arg-type]


def test_glossary_terms_go_as_markers_and_come_back(chat: FakeChat) -> None:
    translator = glossary_translator(chat)
    assert translator.translate(["Lumio Fan sangat bagus"], "zh", "id") == ["Lumio Fan 非常好"]
    assert chat.texts_sent == [["⟦0⟧ sangat bagus"]]


def _drop_markers(items: dict[str, str]) -> str:
    return json.dumps({k: v.replace("⟦0⟧", "卢米奥") for k, v in items.items()}, ensure_ascii=False)


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        # the batch lost the marker, the text asked alone keeps it
        ([Reply(content='{"1": "卢米奥 非常好", "2": "发货快"}')], ["Lumio Fan 非常好", "发货快"]),
        # lost twice: rejected, never shown with a translated brand name
        ([Reply(content='{"1": "卢米奥 非常好", "2": "发货快"}'),
          Reply(content='{"1": "卢米奥 非常好"}')], [None, "发货快"]),
        # a marker the model made up
        ([Reply(content='{"1": "⟦0⟧ ⟦1⟧ 非常好", "2": "发货快"}'),
          Reply(content='{"1": "⟦0⟧⟦7⟧"}')], [None, "发货快"]),
        # spacing inside a marker is forgiven
        ([Reply(content='{"1": "⟦ 0 ⟧ 非常好", "2": "发货快"}')], ["Lumio Fan 非常好", "发货快"]),
    ],
)  # fmt: skip
def test_a_translation_that_loses_a_glossary_term_is_asked_again_then_rejected(
    chat: FakeChat, answers: list[Reply], expected: list[str | None]
) -> None:
    chat.script = list(answers)
    got = glossary_translator(chat).translate(["Lumio Fan sangat bagus", "kirim cepat"], "zh", "id")
    assert got == expected


@pytest.mark.parametrize(
    ("second", "requests"),
    [
        (("Lumio Fan sangat bagus", "zh", "id", "m"), 1),  # the cache answers
        (("Lumio Fan sangat bagus", "en", "id", "m"), 2),  # another target
        (("Lumio Fan sangat bagus", "zh", "id", "other-model"), 2),  # another model
        (("kirim cepat", "zh", "id", "m"), 2),  # another text
    ],
)
def test_the_cache_is_keyed_by_text_languages_and_model(
    chat: FakeChat, second: tuple[str, str, str, str], requests: int
) -> None:
    shared = glossary_translator(chat)
    assert shared.translate(["Lumio Fan sangat bagus"] * 2, "zh", "id") == ["Lumio Fan 非常好"] * 2
    text, target, source, model = second
    again = shared if model == "m" else glossary_translator(chat, model)
    if model != "m":  # a translator for another model shares nothing with the first
        again._cache = shared._cache
    again.translate([text], target, source)
    assert len(chat.requests) == requests


def test_failures_are_not_cached(chat: FakeChat) -> None:
    chat.script = [Reply(400)]
    translator = glossary_translator(chat)
    assert translator.translate(["kirim cepat"], "zh") == [None]
    assert translator.translate(["kirim cepat"], "zh") == ["发货快"]


def test_the_cache_is_bounded(chat: FakeChat) -> None:
    translator = glossary_translator(chat, capacity=2)
    translator.translate(["a", "b", "c"], "zh")
    assert translator.lookup(["a", "b", "c"], "zh") == [None, "译[b]", "译[c]"]


def _gist(texts: Sequence[str], source: str | None) -> list[str | None]:
    return [f"问库存（{source}）" if "?" in t else None for t in texts]


@pytest.mark.parametrize(
    ("script", "target", "expected"),
    [
        ([], "zh", [Rendered("发货快", "translation"), Rendered("有白色吗？", "translation")]),
        ([Reply(500)] * 4, "zh", [Rendered(None, "none"), Rendered("问库存（id）", "gist")]),
        ([Reply(500)] * 4, "en", [Rendered(None, "none"), Rendered(None, "none")]),
    ],
)
def test_render_falls_back_to_the_gist_in_one_call(
    chat: FakeChat, script: list[Reply], target: str, expected: list[Rendered]
) -> None:
    chat.script = list(script)
    translator = glossary_translator(chat, gist=_gist)
    assert translator.render(["kirim cepat", "ada warna putih?"], target, "id") == expected


def test_render_without_a_provider_is_the_gist() -> None:
    from chuhai.enrich.translation import NoTranslator

    translator = GlossaryTranslator(NoTranslator(), gist=_gist)
    assert translator.render(["ada warna putih?"], "zh", "id") == [Rendered("问库存（id）", "gist")]


def test_translate_all_helper_is_what_the_server_answers() -> None:
    assert json.loads(translate_all({"1": "kirim cepat"})) == {"1": "发货快"}
