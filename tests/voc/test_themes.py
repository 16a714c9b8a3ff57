"""Theme discovery, naming, seeded themes and quality measures."""

from __future__ import annotations

import random
from collections.abc import Iterator

import numpy as np
import pytest

from chuhai.enrich.embeddings import HashingEmbedder
from chuhai.errors import InputError
from chuhai.store import ZoneStore
from chuhai.voc.measures import Measures
from chuhai.voc.scope import Scope
from chuhai.voc.themes.cluster import ClusterSettings, find_clusters, unit
from chuhai.voc.themes.discover import ThemeFinder
from chuhai.voc.themes.naming import key_phrases
from chuhai.voc.themes.quality import diversity, nmi, npmi_coherence
from chuhai.voc.themes.seeds import apply_seeded, define_theme
from tests.store.sql import read_sql
from tests.voc.factory import annotated, memory_store

TOPICS = {
    "battery": ["battery dies after two hours", "battery drains so fast", "the battery died today",
                "battery does not hold a charge", "weak battery, dies quickly"],
    "shipping": ["shipping took three weeks", "slow shipping and late delivery",
                 "delivery was so late", "the parcel arrived late, slow shipping",
                 "late delivery again"],
    "colour": ["love the pink colour", "the colour is so pretty", "pretty pastel colour",
               "beautiful colour, love it", "colour looks lovely"],
}  # fmt: skip


@pytest.fixture
def store() -> Iterator[ZoneStore]:
    rng = random.Random(3)
    voices = []
    for topic, texts in TOPICS.items():
        for n in range(24):
            text = rng.choice(texts) + rng.choice(["", "!", " really", " :(", " 😍"])
            sentiment = "pos" if topic == "colour" else "neg"
            aspect = {"battery": "battery", "shipping": "shipping", "colour": "appearance"}[topic]
            voices.append(annotated(
                f"{topic}-{n}", text=text, language="en", author=f"{topic}-person-{n}",
                sentiment=sentiment, aspects=[(aspect, sentiment)], intent="feedback",
            ))  # fmt: skip
    with memory_store() as opened:
        opened.add_voices(voices)
        yield opened


def test_clusters_are_found_and_far_texts_are_outliers() -> None:
    rng = np.random.default_rng(0)
    centres = unit(rng.normal(size=(3, 32)))
    points = np.vstack([unit(c + 0.15 * rng.normal(size=(40, 32))) for c in centres])
    stray = unit(rng.normal(size=(1, 32)))
    found = find_clusters(np.vstack([points, stray]).astype(np.float32),
                          ClusterSettings(neighbours=0, assign_threshold=0.5))  # fmt: skip
    gold = [0] * 40 + [1] * 40 + [2] * 40
    assert found.k == 3
    assert nmi(gold, list(found.labels[:120])) == pytest.approx(1.0)
    assert found.labels[-1] == -1 and found.outlier_share == pytest.approx(1 / 121)


def test_too_few_texts_make_one_theme() -> None:
    x = unit(np.random.default_rng(1).normal(size=(6, 8))).astype(np.float32)
    assert set(find_clusters(x, ClusterSettings(min_size=5)).labels) == {0}


def test_key_phrases_need_several_people() -> None:
    docs = [{"battery", "dies"}, {"battery", "dies"}, {"battery", "slow"}, {"pink", "colour"}]
    labels = [0, 0, 0, 1]
    many = ["a", "b", "c", "d"]
    assert key_phrases(docs, labels, many, min_people=2)[0][0] == "battery"
    # one author wrote every "dies": never a name, whatever its score
    same = ["a", "a", "b", "c"]
    assert "dies" not in key_phrases(docs, labels, same, min_people=2)[0]
    assert (
        1 not in key_phrases(docs, labels, many, min_people=2)
        or not key_phrases(docs, labels, many, min_people=2)[1]
    )


def test_discovery_names_assigns_and_replaces(store: ZoneStore) -> None:
    finder = ThemeFinder(store, HashingEmbedder(), min_people=3,
                         clusters=ClusterSettings(min_size=5))  # fmt: skip
    result = finder.discover(Scope())
    assert result.voices == 72 and result.assigned + result.outliers == 72
    assert result.outlier_share < 0.1
    names = " ".join(t.name for t in result.themes)
    for word in ("battery", "shipping", "colour"):
        assert word in names
    battery = next(t for t in result.themes if "battery" in t.name)
    assert battery.aspect == "battery" and battery.net_sentiment == -100.0
    assert len(battery.representatives) == 3 and all(
        r.startswith("battery") for r in battery.representatives
    )
    again = finder.discover(Scope())
    assert result.replaced == 0 and again.replaced == len(result.themes)
    assert {t.id for t in store.themes()} == {t.id for t in again.themes}
    counted = Measures(store).themes(Scope.build(market="TH"))
    assert sum(r.voices for r in counted.rows) == again.assigned


THAI = {
    "battery": ["ใช้ไปเดือนเดียวชาร์จไม่เข้าแล้ว", "ชาร์จไม่เข้าเลยค่ะ", "ชาร์จไม่เข้าแล้ว เสียดาย",
                "เพิ่งซื้อมาชาร์จไม่เข้า"],
    "shipping": ["ส่งช้ามาก รอเกือบสองอาทิตย์", "ส่งช้าจัง รอนาน", "ขนส่งช้ามาก ส่งช้า",
                 "ส่งช้า รอตั้งนาน"],
    "praise": ["แม่ค้าตอบไวมาก ใจดี", "ตอบไว บริการดี", "แม่ค้าตอบไวค่ะ", "ตอบไวมากค่ะ"],
}  # fmt: skip


def test_thai_themes_are_named_in_chinese_with_their_words() -> None:
    rng = random.Random(5)
    voices = []
    for topic, texts in THAI.items():
        sentiment = "pos" if topic == "praise" else "neg"
        for n in range(20):
            voices.append(annotated(
                f"{topic}-{n}", text=rng.choice(texts), author=f"{topic}-{n}",
                sentiment=sentiment, intent="feedback",
            ))  # fmt: skip
    with memory_store() as store:
        store.add_voices(voices)
        finder = ThemeFinder(store, HashingEmbedder(), min_people=3,
                             clusters=ClusterSettings(min_size=5))  # fmt: skip
        themes = finder.discover(Scope()).themes
        named = {t.name_zh: t for t in store.themes()}  # as stored
    assert {"充不进电", "发货慢、物流慢", "客服回复快"} <= {n.split(" · ")[0] for n in named if n}
    battery = next(t for n, t in named.items() if n and n.startswith("充不进电"))
    assert "ชาร์จไม่เข้า" in battery.name_zh_terms and "ชาร์จไม่เข้า" in battery.key_phrases
    words = [w for t in themes for w in t.key_phrases]
    assert not {"เดียวชาร์จ", "ไวมาก", "ช้ารอ"} & set(words)  # no pair across words


def test_erasing_a_person_removes_their_theme_assignments(store: ZoneStore) -> None:
    ThemeFinder(store, HashingEmbedder(), min_people=3).discover(Scope())
    before = read_sql(store, "SELECT count(*) FROM voice_themes WHERE voice_id = 'battery-0'")[0][0]
    store.erase_subject(["battery-person-0"], [])
    after = read_sql(store, "SELECT count(*) FROM voice_themes WHERE voice_id = 'battery-0'")[0][0]
    assert (before, after) == (1, 0)


def test_seeded_theme_matches_words_and_meaning(store: ZoneStore) -> None:
    theme = define_theme(store, "Late parcels", ["late delivery"], threshold=0.3)
    [by_words] = apply_seeded(store, None, [theme])
    assert by_words.matched_meaning == 0 and by_words.matched_words > 0
    assert all("late delivery" in read_sql(store, "SELECT text FROM voices WHERE id = ?", [r])[0][0]
               for r in by_words.theme.representatives)  # fmt: skip
    assert by_words.theme.name_zh == "发货慢、物流慢"  # from its seed phrase
    [by_meaning] = apply_seeded(store, HashingEmbedder(), [theme])
    assert by_meaning.theme.size > by_words.theme.size
    ids = {r[0] for r in read_sql(store,
        "SELECT voice_id FROM voice_themes WHERE theme_id = ?", [theme.id])}  # fmt: skip
    assert all(i.startswith("shipping") for i in ids)
    assert store.theme(theme.id) is not None and store.theme(theme.id).size == len(ids)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "seeds", "threshold", "message"),
    [(" ", ["x"], 0.5, "needs a name"), ("t", [" "], 0.5, "seed phrase"),
     ("t", ["x"], 0.0, "threshold")],
)  # fmt: skip
def test_bad_seeded_themes(
    store: ZoneStore, name: str, seeds: list[str], threshold: float, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        define_theme(store, name, seeds, threshold=threshold)


def test_quality_measures() -> None:
    docs = [{"a", "b"}, {"a", "b"}, {"c", "d"}, {"c", "d"}]
    assert npmi_coherence([["a", "b"], ["c", "d"]], docs) == pytest.approx(1.0)
    assert npmi_coherence([["a", "c"]], docs) == pytest.approx(-1.0)
    assert diversity([["a", "b"], ["a", "c"]]) == 0.75
    assert nmi([0, 0, 1, 1], [5, 5, 7, 7]) == pytest.approx(1.0)
    assert nmi([0, 1, 0, 1], [0, 0, 1, 1]) == pytest.approx(0.0)
