"""Chinese names for themes: the phrase bank is valid, keyword sets in Thai, Indonesian and
Vietnamese (and English) get the Chinese name of what they say, negations are kept apart,
and a theme whose keywords name anything never gets a numbered name."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import pytest

from chuhai.enrich.aspects import AspectFinder
from chuhai.enrich.embeddings import Embedder
from chuhai.enrich.heads import FloatArray
from chuhai.voc.themes.chinese import REQUIRED_LANGUAGES, _terms, name_in_chinese, phrase_bank
from chuhai.voc.tokens import key_terms, tokens


def test_every_entry_speaks_every_market_language() -> None:
    bank = phrase_bank()
    assert len(bank.phrases) >= 40
    for entry in bank.phrases:
        phrases = entry.phrases()
        missing = [lang for lang in REQUIRED_LANGUAGES if not phrases.get(lang)]
        assert not missing, f"{entry.zh}: no phrase in {missing}"
        assert entry.aspect is None or entry.aspect in bank.aspects, entry.zh
        for language, words in phrases.items():
            for phrase in words:
                assert _terms(phrase, language), f"{entry.zh}: {phrase!r} has no content word"


def test_no_phrase_names_two_things() -> None:
    owners: dict[frozenset[str], set[str]] = defaultdict(set)
    for entry in phrase_bank().phrases:
        for language, words in entry.phrases().items():
            for phrase in words:
                owners[_terms(phrase, language)].add(entry.zh)
    shared = {tuple(sorted(t)): names for t, names in owners.items() if len(names) > 1}
    assert not shared


def test_every_aspect_has_a_chinese_name() -> None:
    assert set(AspectFinder().aspects) <= set(phrase_bank().aspects)


@pytest.mark.parametrize("word", phrase_bank().th_words)
def test_thai_compounds_are_one_word(word: str) -> None:
    assert tokens(word, "th") == [word]


@pytest.mark.parametrize(
    ("keywords", "expected"),
    [
        # Thai: the theme of the issue, and the bigrams of the old segmentation
        (["เดียวชาร์จ", "เดือน", "ชาร์จไม่เข้า", "ชาร์จนาน"], "充不进电 · 充电慢"),
        (["เดือนเดียว", "ชาร์จไม่เข้า"], "充不进电"),
        (["แบต", "หมดเร็ว", "แบตหมด", "ชั่วโมง"], "掉电快、续航短"),
        (["ทัก", "แชท", "ไม่มีใครตอบ"], "客服不回复"),
        (["ส่งช้า", "รอ", "อาทิตย์"], "发货慢、物流慢"),
        (["สี", "ไม่ตรงปก"], "与图片不符"),
        (["กล่องบุบ", "กล่อง"], "包装破损"),
        (["ราคาเท่าไหร่"], "问价格"),
        (["ถุง", "ผ้า", "แถม"], "赠品"),
        (["เสียงดัง", "ระดับ"], "噪音大"),
        # Indonesian
        (["nggak dicas", "baru sebulan", "sebulan"], "充不进电"),
        (["baterai", "cepat habis", "habis"], "掉电快、续航短"),
        (["pengiriman", "lama banget", "pengirimannya lama"], "发货慢、物流慢"),
        (["kardusnya penyok", "penyok"], "包装破损"),
        (["fast respon", "seller"], "客服回复快"),
        (["kemahalan", "kualitas"], "价格偏贵"),
        (["lampunya terang", "baca", "enak"], "灯光明亮护眼"),
        (["bisa cod", "kak"], "问能否货到付款"),
        # Vietnamese
        (["không sạc", "sạc"], "充不进电"),
        (["hết pin nhanh", "pin"], "掉电快、续航短"),
        (["giao hàng", "chậm", "giao chậm"], "发货慢、物流慢"),
        (["hộp bị móp", "móp"], "包装破损"),
        (["chất lượng kém", "hàng dỏm"], "质量差"),
        (["ồn", "kêu to"], "噪音大"),
        # English
        (["battery dies", "two hours"], "掉电快、续航短"),
        (["dont buy"], "不推荐购买"),
    ],
)  # fmt: skip
def test_keyword_sets_get_their_chinese_name(keywords: list[str], expected: str) -> None:
    name = name_in_chinese(keywords)
    assert name.name == expected
    assert name.source == "phrases" and name.terms
    assert set(name.terms) <= set(keywords)  # the original words it stands for


@pytest.mark.parametrize(
    ("texts", "language", "expected"),
    [
        (["ใช้ไปเดือนเดียวชาร์จไม่เข้าแล้ว", "ชาร์จไม่เข้าเลยค่ะ", "ชาร์จไม่เข้าแล้ว เสียดายมาก"],
         "th", "充不进电"),
        (["Baru sebulan sudah nggak bisa dicas.", "nggak bisa dicas lagi kak", "gak bisa dicas"],
         "id", "充不进电"),
        (["Không sạc được nữa", "sạc không vào luôn", "không sạc được shop ơi"], "vi", "充不进电"),
        (["ส่งช้ามาก รอเกือบสองอาทิตย์", "ส่งช้าจัง", "ขนส่งช้ามาก"], "th", "发货慢、物流慢"),
        (["Pengirimannya lama banget", "pengiriman lama, kurir lambat", "lama sampai"],
         "id", "发货慢、物流慢"),
    ],
)  # fmt: skip
def test_what_people_write_is_named_through_its_key_terms(
    texts: list[str], language: str, expected: str
) -> None:
    counts: dict[str, int] = defaultdict(int)
    for text in texts:
        for term in set(key_terms(text, language)):
            counts[term] += 1
    keywords = sorted(counts, key=lambda t: (-counts[t], t))[:5]
    assert name_in_chinese(keywords).name.split(" · ")[0] == expected


@pytest.mark.parametrize(
    ("keywords", "expected"),
    [
        (["berisik"], "噪音大"),
        (["nggak berisik"], "很安静"),
        (["không ồn"], "很安静"),
        (["ồn"], "噪音大"),
        (["ไม่ตอบ"], "客服不回复"),
    ],
)
def test_a_negation_is_not_its_word(keywords: list[str], expected: str) -> None:
    assert name_in_chinese(keywords).name == expected


def test_complaints_are_not_named_by_praise() -> None:
    # สวย (pretty) in a theme of complaints about boxes: the complaint, or the aspect
    assert "好看" not in name_in_chinese(["สวย", "กล่อง"], sentiment=-80).name
    assert name_in_chinese(["สวย"], sentiment=80).name == "好看、颜值高"


@pytest.mark.parametrize(
    ("keywords", "aspect", "intent", "expected"),
    [
        (["battery"], None, None, "电池续航差评"),  # an aspect word, no bank phrase
        ([], "quality", None, "质量差评"),  # the theme's aspect (as 'quality #6' had)
        (["kipas", "berapa"], None, "price_question", "问价格"),
        ([], None, "greeting", "打招呼/闲聊"),
    ],
)
def test_no_numbered_name_when_anything_names_it(
    keywords: list[str], aspect: str | None, intent: str | None, expected: str
) -> None:
    name = name_in_chinese(keywords, aspect=aspect, intent=intent, sentiment=-60, number=6)
    assert name.name == expected
    assert "#" not in name.name


def test_voices_name_a_theme_its_key_phrases_do_not() -> None:
    texts = ["มีสีขาวไหมคะ", "มีสีขาวไหม", "อยากได้สีขาว มีสีขาวไหมคะ", "สวัสดีค่ะ"]
    name = name_in_chinese([], texts=texts, number=3)
    assert (name.name, name.source) == ("问颜色", "voices")
    assert name_in_chinese([], texts=["สวัสดีค่ะ"], number=3).name == "其他话题 #3"


class _Planted(Embedder):
    """Puts one phrase next to the bank's ชาร์จไม่เข้า, everything else far away."""

    name = "planted"
    dim = 4

    def embed(self, texts: Sequence[str]) -> FloatArray:
        out = np.zeros((len(texts), 4), np.float32)
        for i, text in enumerate(texts):
            near = text in ("ชาร์จไม่เข้า", "แบตไม่ยอมรับไฟ")
            out[i] = [1, 0, 0, 0] if near else [0, 1, 0, 0] if i % 2 else [0, 0, 1, 0]
        return out


def test_meaning_names_a_theme_the_words_miss() -> None:
    assert name_in_chinese(["แบตไม่ยอมรับไฟ"]).source != "phrases"  # no word in the bank
    name = name_in_chinese(["แบตไม่ยอมรับไฟ"], embedder=_Planted())
    assert (name.name, name.source) == ("充不进电", "meaning")


def test_questions_say_they_ask() -> None:
    # viewers asking whether it is quiet: not praise, not a complaint, a question
    name = name_in_chinese(["nggak berisik"], intent="spec_question", sentiment=-80)
    assert name.name == "问规格：很安静"
    assert name_in_chinese(["ราคาเท่าไหร่"], intent="price_question").name == "问价格"


def test_voices_of_complaints_do_not_name_praise() -> None:
    texts = ["baterai awet? bohong", "katanya baterai awet, ternyata cepat habis"] * 3
    assert "续航持久" not in name_in_chinese([], texts=texts, sentiment=-100).name
