"""The analyzer with the shipped heads and the real offline embedder: every tier, every
output, and texts that are empty, emoji only, 50 kB, mixed-language or any Unicode at all."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace

import pytest

from chuhai.enrich.analyzer import Analyzer
from chuhai.enrich.models import TASKS
from chuhai.enrich.translation import GlossaryTranslator, Translator
from chuhai.records import Annotations


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def _valid(a: Annotations, analyzer: Analyzer) -> None:
    for task, judgement in (("emotion", a.emotion), ("intent", a.intent)):
        assert judgement.label in analyzer.models[task].labels
        assert 0 <= judgement.confidence <= 1
    assert a.sentiment.label in ("neg", "neu", "pos")
    assert -1 <= a.sentiment.score <= 1
    assert a.toxicity.severity in ("none", "mild", "strong")
    assert a.tier in ("lexicon", "fast", "full")


@pytest.mark.parametrize(
    ("text", "market", "sentiment"),
    [
        ("I love it, works perfectly and looks amazing", "US", "pos"),
        ("Terrible. It broke after one day, total waste of money", "US", "neg"),
        ("Barangnya bagus banget, suka sekali!", "ID", "pos"),
        ("Kecewa, barang rusak dan tidak bisa dipakai", "ID", "neg"),
        ("ของดีมาก ชอบมากค่ะ", "TH", "pos"),
        ("แย่มาก ใช้ไม่ได้เลย ผิดหวัง", "TH", "neg"),
        ("质量非常好，很满意", "CN", "pos"),
        ("太差了，用了一天就坏了", "CN", "neg"),
        ("Sản phẩm tuyệt vời, rất hài lòng", "VN", "pos"),
        ("Me encanta, excelente calidad", "MX", "pos"),
        ("🔥🔥😍😍", "US", "pos"),
        ("😡😡👎", "US", "neg"),
    ],
)
def test_clear_sentiment(analyzer: Analyzer, text: str, market: str, sentiment: str) -> None:
    a = analyzer.analyze_one(text, market)
    _valid(a, analyzer)
    assert a.sentiment.label == sentiment
    assert (a.sentiment.score > 0) == (sentiment == "pos")


@pytest.mark.parametrize(
    ("text", "market", "intent"),
    [
        ("how much is this one?", "US", "price_question"),
        ("harga berapa kak?", "ID", "price_question"),
        ("when will my order arrive? it's been two weeks", "US", "order_status"),
        ("I want a refund, please return my money", "US", "refund_return"),
        ("ราคาเท่าไหร่คะ", "TH", "price_question"),
        ("hello everyone!", "US", "greeting"),
    ],
)
def test_clear_intent(analyzer: Analyzer, text: str, market: str, intent: str) -> None:
    assert analyzer.analyze_one(text, market).intent.label == intent


def test_each_aspect_takes_the_sentiment_of_its_clause(analyzer: Analyzer) -> None:
    a = analyzer.analyze_one("The battery is great, but shipping was terribly slow", "US")
    by_aspect = {m.aspect: m.sentiment for m in a.aspects}
    assert by_aspect == {"battery": "pos", "shipping": "neg"}


def test_tiers(analyzer: Analyzer) -> None:
    emotes, thai, russian = analyzer.analyze(
        ["PogChamp PogChamp", "ของดีมาก ชอบมากค่ะ ส่งไวมาก", "Отличный товар, спасибо"], "TH"
    )
    assert emotes.tier == "lexicon"
    assert emotes.language.code == "und"
    assert thai.tier == "fast"  # sure and known to the static vocabulary: no transformer
    assert russian.tier == "full"  # Cyrillic was not distilled: the transformer reads it


def test_batch_equals_one_by_one(analyzer: Analyzer) -> None:
    texts = ["great price!", "ส่งช้ามาก", "物流太慢", "ok", ""]
    batch = analyzer.analyze(texts, "US")
    for text, together in zip(texts, batch, strict=True):
        alone = analyzer.analyze_one(text, "US")
        assert alone.sentiment.label == together.sentiment.label
        assert alone.intent.label == together.intent.label
        assert alone.sentiment.score == pytest.approx(together.sentiment.score, abs=0.02)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "😂😂😂",
        "🇮🇩🇹🇭",
        "<3 <3",
        "ok",
        "?",
        "x" * 50_000,
        ("Great fan. " * 5000)[:50_000],
        "this lipstick 颜色很好看 mà giá hơi đắt ค่ะ kak",
        "\u200b\u200d\ufeff",
        "\ud800 lone surrogate",
        "\x00\x01\x7f control",
        "Z̷̢͉̈́a̸̼͐l̵̰̓g̶̱̈́o̸̬͝",
    ],
)
def test_edge_texts(analyzer: Analyzer, text: str) -> None:
    (a,) = analyzer.analyze([text], "US")
    _valid(a, analyzer)


def test_no_crash_on_any_unicode(analyzer: Analyzer) -> None:
    rng = random.Random(7)
    texts = [
        "".join(chr(rng.randrange(0x20, 0x2FFFF)) for _ in range(rng.randrange(0, 60)))
        for _ in range(150)
    ]
    results = analyzer.analyze(texts, "ID")
    assert len(results) == len(texts)
    for a in results:
        _valid(a, analyzer)


class _Upper(Translator):
    name = "upper"

    def translate(
        self, texts: Sequence[str], target: str, source: str | None = None
    ) -> list[str | None]:
        return [f"[{source}->{target}] {t.upper()}" for t in texts]


def test_translation_is_asked_only_for_other_languages() -> None:
    analyzer = Analyzer(translator=GlossaryTranslator(_Upper(), ["lumio"]))
    foreign, own = analyzer.analyze(
        ["kipas lumio bagus sekali", "这个风扇很好用"], "ID", translate_to="zh"
    )
    assert foreign.translation == "[id->zh] KIPAS lumio BAGUS SEKALI"
    assert own.translation is None


def test_every_task_has_its_heads(analyzer: Analyzer) -> None:
    for task in TASKS:
        models = analyzer.models[task]
        assert models.embedding.labels == models.labels
        assert models.ngram.weights.shape[1] == len(models.labels)
        assert models.static.shape == (analyzer.static.dim, len(models.labels))


@pytest.mark.parametrize(
    ("cascade", "tiers"),
    [
        # an English chit-chat line, a short line the identifier cannot place, Indonesian,
        # and Russian (a script the static vocabulary does not know)
        ("accurate", ["full", "full", "full", "full"]),
        ("fast", ["fast", "fast", "fast", "full"]),
    ],
)
def test_cascades_decide_what_is_embedded(cascade: str, tiers: list[str]) -> None:
    analyzer = Analyzer(cascade=cascade)  # type: ignore[arg-type]
    results = analyzer.analyze(
        ["haha this guy is so funny", "W take", "kak ini bagus", "Очень плохо"], "US"
    )
    assert [r.tier for r in results] == tiers


def test_balanced_cascade_embeds_only_what_the_fast_heads_doubt(analyzer: Analyzer) -> None:
    sure, unsure = analyzer.analyze(
        ["thank you so much, love it", "who won the game last night"], "US"
    )
    assert sure.tier == "fast"
    assert unsure.tier == "full"


def test_unknown_cascade_is_refused() -> None:
    from chuhai.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown cascade"):
        Analyzer(cascade="turbo")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "target", "sentiment"),
    [
        ("The battery is great, but shipping was terribly slow", "battery", "pos"),
        ("The battery is great, but shipping was terribly slow", "shipping", "neg"),
        ("Baterainya awet. Tapi pengirimannya lama sekali, kecewa", "pengirimannya", "neg"),
        ("电池很耐用，但是物流太慢了", "电池", "pos"),
    ],
)
def test_sentiment_towards_a_term_is_that_of_its_clause(
    analyzer: Analyzer, text: str, target: str, sentiment: str
) -> None:
    (judged,) = analyzer.sentiment_at([text], [text.index(target)], None)
    assert judged.label == sentiment


@pytest.mark.parametrize(
    ("text", "market"),
    [
        ("It stopped working after three days and nobody replies to my messages", "US"),
        ("My parcel is three weeks late, where is it??", "US"),
        ("Llegó roto y nadie responde", "MX"),
        ("Barang datang rusak, chat ga dibales sama seller", "ID"),
        ("Sira agad after 2 days, sayang pera", "PH"),
        ("وصل المنتج مكسور ولا أحد يرد", "SA"),
    ],
)
def test_complaints_are_never_neutral_or_positive(
    analyzer: Analyzer, text: str, market: str
) -> None:
    a = analyzer.analyze_one(text, market)
    if a.intent.label.startswith("complaint_") or a.intent.label == "refund_return":
        assert a.sentiment.label == "neg"
    assert a.sentiment.label != "pos"


@pytest.mark.parametrize(
    ("text", "market", "sentiment"),
    [
        ("LUL LUL", "US", "pos"),
        ("KEKW", "US", "pos"),
        ("5555555", "TH", "pos"),
        ("BibleThump", "US", "neg"),
        ("mantul kak 🔥", "ID", "pos"),
        ("sulit!", "PH", "pos"),
    ],
)
def test_chat_tokens_take_a_side(
    analyzer: Analyzer, text: str, market: str, sentiment: str
) -> None:
    a = analyzer.analyze_one(text, market)
    assert a.sentiment.label == sentiment


def test_labels_and_scores_agree_on_every_tier(analyzer: Analyzer) -> None:
    texts = [
        "LUL", "PogChamp", "ok", "so so", "harga berapa kak?", "ส่งช้ามาก", "物流太慢了",
        "Hàng ổn", "not bad at all", "Очень плохо", "W", "🔥🔥", "is it waterproof?",
    ]  # fmt: skip
    for a in analyzer.analyze(texts, "US"):
        if a.sentiment.label == "neu":
            assert abs(a.sentiment.score) <= 0.3
        else:
            assert (a.sentiment.score > 0) == (a.sentiment.label == "pos")


def test_clauses_never_pass_through_the_transformer_again() -> None:
    analyzer = Analyzer(cascade="accurate")
    analyzer.embedder.clear()
    analyzer.analyze_one("The battery is great, but shipping was terribly slow", "US")
    assert analyzer.embedder.misses == 1  # the whole text once; its clauses by the fast heads


@pytest.mark.parametrize(
    ("cache_size", "calls", "analysed_last"),
    [
        (2, [["ok"], ["ok"]], []),  # a repeat is answered from the cache
        (2, [["ok", "mahal"], ["ok"], ["bagus"], ["ok", "mahal"]], ["mahal"]),  # LRU order
        (2, [["ok", "mahal", "bagus"], ["ok"]], ["ok"]),  # a batch over capacity: its last stay
        (2, [["ok", "ok"], ["ok"]], []),
        (0, [["ok"], ["ok"]], ["ok"]),  # cache_size 0: nothing kept
    ],
)
def test_recent_results_are_cached_least_recently_used_out(
    analyzer: Analyzer,
    monkeypatch: pytest.MonkeyPatch,
    cache_size: int,
    calls: list[list[str]],
    analysed_last: list[str],
) -> None:
    fresh = Analyzer(analyzer.models, embedder=analyzer.embedder, cache_size=cache_size)
    analysed: list[list[str]] = []
    real = fresh._analyze

    def counting(texts: Sequence[str], *args: str | None) -> list[Annotations]:
        analysed.append(list(texts))
        return real(texts, *args)

    monkeypatch.setattr(fresh, "_analyze", counting)
    for texts in calls[:-1]:
        fresh.analyze(texts, "ID")
    analysed.clear()
    got = fresh.analyze(calls[-1], "ID")
    assert [t for batch in analysed for t in batch] == analysed_last
    assert [a.sentiment for a in got] == [a.sentiment for a in analyzer.analyze(calls[-1], "ID")]
    assert len(fresh._results) <= cache_size


def test_each_language_reads_its_own_neutral_threshold(analyzer: Analyzer) -> None:
    """A language with its own neutral threshold is labelled by it; the others keep the
    overall one."""
    text = {"en": "What colour is this bag?", "id": "Ukuran M ada kak?"}
    base = analyzer.models
    plain = {lang: analyzer.analyze([t])[0].sentiment for lang, t in text.items()}
    assert plain["en"].label == "neu" and plain["id"].label == "neu"
    never_neutral_en = replace(base["sentiment"], neutral_by_language={"en": 1.01})
    bundle = replace(base, tasks={**base.tasks, "sentiment": never_neutral_en})
    strict = Analyzer(bundle, embedder=analyzer.embedder, cascade="accurate")
    assert strict.analyze([text["en"]])[0].sentiment.label in ("pos", "neg")
    assert strict.analyze([text["id"]])[0].sentiment.label == "neu"


@pytest.mark.parametrize(
    "text", ["parcel three weeks late", "paket belum sampai 3 minggu", "hàng giao trễ 2 tuần"]
)
def test_sentiment_towards_a_term_agrees_with_the_intent(analyzer: Analyzer, text: str) -> None:
    """A complaint that reads flat is negative towards what it names, as in ``analyze``."""
    assert analyzer.analyze([text])[0].sentiment.label == "neg"
    assert analyzer.sentiment_at([text], [0])[0].label == "neg"
