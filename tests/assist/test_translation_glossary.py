"""Translation uses the brand's glossary: names stay, fixed terms come back as the brand's
rendering for the target language."""

from __future__ import annotations

from chuhai.enrich.translation import (
    GlossaryTranslator,
    OpenAICompatibleTranslator,
    build_translator,
)
from chuhai.glossary import load_glossary, translation_terms
from chuhai.settings import TranslationProviderSettings
from tests.assist.conftest import GLOSSARY
from tests.enrich.translation.fake_chat import FakeChat, Reply


def test_fixed_terms_are_rendered_the_brands_way(chat: FakeChat) -> None:
    keep, fixed = load_glossary("TH", "lumio", GLOSSARY).translation_terms("th")
    inner = OpenAICompatibleTranslator(base_url=chat.url, model="m", backoff_s=0.01)
    translator = GlossaryTranslator(inner, keep, fixed={"th": fixed})
    chat.script = [Reply(content='{"1": "พัดลม ⟦0⟧ ⟦1⟧ ⟦2⟧ มาก"}')]
    out = translator.translate(["Lumio FN-300 whisper-quiet fan"], "th", "en")
    assert out == ["พัดลม Lumio FN-300 เงียบกริบ มาก"]
    assert chat.texts_sent == [["⟦0⟧ ⟦1⟧ ⟦2⟧ fan"]]  # the term never reached the model
    # into English the same term is not held (no rendering into en is fixed by "th")
    assert translator.protect("whisper-quiet", "en") == ("whisper-quiet", [])


def test_the_configured_glossary_file_reaches_every_translator(chat: FakeChat) -> None:
    """build_translator (the pipeline, the live room, the API, chuhai translate) reads the
    glossary file: the same names held and the same fixed rendering as above."""
    config = TranslationProviderSettings(name="openai", base_url=chat.url, model="m")
    translator = build_translator(config, glossary_file=GLOSSARY)
    chat.script = [Reply(content='{"1": "พัดลม ⟦0⟧ ⟦1⟧ ⟦2⟧ มาก"}')]
    out = translator.translate(["Lumio FN-300 whisper-quiet fan"], "th", "en")
    assert out == ["พัดลม Lumio FN-300 เงียบกริบ มาก"]
    assert chat.texts_sent == [["⟦0⟧ ⟦1⟧ ⟦2⟧ fan"]]
    keep, fixed = translation_terms(GLOSSARY)
    assert "Lumio" in keep and fixed["th"]["whisper-quiet"] == "เงียบกริบ"
    assert translation_terms(None) == ([], {})
