"""The evaluation sets, read from the shared datasets folder (never shipped, never trained on
unless marked train-ok, and then only their held-out part is used here)."""

from __future__ import annotations

import csv
import io
import json
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Final, TypeVar
from xml.etree import ElementTree

from chuhai.errors import InputError
from chuhai_tools.datasets import (
    CLINC_TO_INTENT,
    intent_examples,
    project_examples,
    wisesight_test,
    xed_held_out,
    xed_rows,
)

__all__ = [
    "SENTIMENT_KINDS",
    "AspectItem",
    "CategoryItem",
    "ChatMessage",
    "Item",
    "aspect_sets",
    "category_sets",
    "emotion_sets",
    "intent_sets",
    "language_set",
    "limit",
    "sentiment_sets",
    "youtube_chat",
]

_NTREX: Final = {
    "eng": ("en", "US"), "zho-CN": ("zh", "CN"), "zho-TW": ("zh", "TW"), "spa": ("es", "ES"),
    "spa-MX": ("es", "MX"), "ind": ("id", "ID"), "tha": ("th", "TH"), "vie": ("vi", "VN"),
    "msa": ("ms", "MY"), "fil": ("tl", "PH"), "fra": ("fr", "FR"), "jpn": ("ja", "JP"),
    "kor": ("ko", "KR"),
}  # fmt: skip
# What each sentiment set's texts are: the bars differ for live chat and sentences/reviews.
SENTIMENT_KINDS: Final = {
    "zh-online-shopping": "review",
    "id-smsa": "review",
    "th-wisesight-test": "social post",
    "en-twitch": "live chat",
    "xed-heldout": "sentence",
    "chuhai-livechat-heldout": "live chat",
    "chuhai-reviews-heldout": "review",
}
MARKETS: Final = {
    "en": "US", "id": "ID", "th": "TH", "vi": "VN", "zh": "CN", "ms": "MY", "tl": "PH",
}  # fmt: skip
# XED's emotions that say pos or neg plainly (anticipation and surprise say neither).
_XED_POLARITY: Final = {
    "joy": "pos", "trust": "pos", "anger": "neg", "disgust": "neg", "sadness": "neg", "fear": "neg",
}  # fmt: skip
_INTENT_POLARITY: Final = {
    "complaint_product": "neg", "complaint_delivery": "neg", "complaint_service": "neg",
    "praise": "pos",
}  # fmt: skip
_POLARITY: Final = {
    "positive": "pos",
    "negative": "neg",
    "neutral": "neu",
    "pos": "pos",
    "neg": "neg",
    "neu": "neu",
    "neut": "neu",
}


@dataclass(frozen=True, slots=True)
class Item:
    text: str
    label: str
    language: str
    market: str | None = None


@dataclass(frozen=True, slots=True)
class AspectItem:
    text: str
    target: str
    label: str
    language: str


@dataclass(frozen=True, slots=True)
class CategoryItem:
    """A sentence with a gold polarity per aspect category, and no target words.

    Categories chuhai also has (price, service) carry chuhai's name; the rest keep the set's.
    """

    text: str
    language: str
    categories: dict[str, str]


@dataclass(frozen=True, slots=True)
class ChatMessage:
    stream: str
    index: int
    second: float
    user: str
    text: str


def youtube_chat(root: Path) -> list[ChatMessage]:
    """The M-Emoji YouTube live chat: 192 streams, messages in the order they were sent."""
    archive = _folder(root, "youtube-livechat-m-emoji") / "Emoji chat data.zip"
    messages: list[ChatMessage] = []
    with zipfile.ZipFile(archive) as z:
        names = [n for n in z.namelist() if n.endswith(".csv") and not n.startswith("__")]
        for name in sorted(names, key=lambda n: int(Path(n).stem.split("_")[-1])):
            with z.open(name) as raw:
                rows = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8-sig"))
                for n, row in enumerate(rows):
                    if row.get("Chat"):
                        second = float(row.get("Timestamp (seconds)") or 0)
                        user = row.get("Username") or "anon"
                        messages.append(ChatMessage(Path(name).stem, n, second, user, row["Chat"]))
    return messages


def _folder(root: Path, name: str) -> Path:
    path = root / name
    if not path.is_dir():
        raise InputError(f"evaluation dataset not found: {path} (pass --datasets PATH)")
    return path


_T = TypeVar("_T")


def _sample(items: list[_T], n: int, seed: int = 0) -> list[_T]:
    return items if len(items) <= n else random.Random(seed).sample(items, n)


def limit(sets: dict[str, list[_T]], n: int | None, seed: int = 0) -> dict[str, list[_T]]:
    """For quick runs: each set cut to a seeded random ``n`` of its items, in their order (a
    multi-language set of :class:`Item`: ``n`` per language)."""
    if n is None:
        return sets
    out = {}
    for name, items in sets.items():
        groups: dict[object, list[int]] = {}
        for index, item in enumerate(items):
            groups.setdefault(getattr(item, "language", None), []).append(index)
        keep = {i for group in groups.values() for i in _sample(group, n, seed)}
        out[name] = [x for i, x in enumerate(items) if i in keep]
    return out


def language_set(root: Path) -> list[Item]:
    """NTREX-128 news sentences, 13 languages (1,997 each)."""
    folder = _folder(root, "mt-ntrex128")
    out = []
    for suffix, (language, market) in _NTREX.items():
        name = "newstest2019-src.eng.txt" if suffix == "eng" else f"newstest2019-ref.{suffix}.txt"
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(Item(line.strip(), language, language, market))
    return out


def sentiment_sets(root: Path, zh_sample: int = 4000) -> dict[str, list[Item]]:
    """Sentence-level: Chinese shopping reviews, Indonesian SmSA, Thai wisesight, Twitch chat,
    XED's held-out sentences in market languages (pos/neg), the project's held-out live chat
    (pos/neg from its intents) and reviews (pos/neg/neu). :data:`SENTIMENT_KINDS` says what each
    set's texts are."""
    sets: dict[str, list[Item]] = {}
    with zipfile.ZipFile(
        _folder(root, "zh-online-shopping-10cats") / "online_shopping_10_cats.zip"
    ) as z:
        rows = list(
            csv.reader(io.TextIOWrapper(z.open("online_shopping_10_cats.csv"), encoding="utf-8"))
        )[1:]
    items = [
        Item(r[2].lstrip("\ufeff").strip(), "pos" if r[1] == "1" else "neg", "zh", "CN")
        for r in rows
        if len(r) == 3 and r[2].strip()
    ]
    pos = [i for i in items if i.label == "pos"]
    neg = [i for i in items if i.label == "neg"]
    sets["zh-online-shopping"] = _sample(pos, zh_sample // 2) + _sample(neg, zh_sample // 2)
    sets["id-smsa"] = [
        Item(t, _POLARITY[lab.strip()], "id", "ID")
        for t, _, lab in (
            line.rpartition("\t")
            for line in (_folder(root, "id-indonlu-smsa") / "test_preprocess.tsv")
            .read_text(encoding="utf-8")
            .splitlines()
        )
    ]
    sets["th-wisesight-test"] = [
        Item(text, label, "th", "TH") for text, label in wisesight_test(root) if label != "q"
    ]
    with (_folder(root, "en-twitch-emote-controlled") / "labeled_dev_half.csv").open(
        encoding="utf-8"
    ) as handle:
        sets["en-twitch"] = [
            Item(r["message"], {"1": "pos", "-1": "neg", "0": "neu"}[r["sentiment"]], "en", "US")
            for r in csv.DictReader(handle)
        ]
    sets["xed-heldout"] = xed_sentiment(root)
    sets["chuhai-livechat-heldout"] = livechat_sentiment()
    sets["chuhai-reviews-heldout"] = review_sentiment()
    return sets


def xed_sentiment(root: Path, languages: tuple[str, ...] = tuple(MARKETS)) -> list[Item]:
    """The XED sentences held out of training (:func:`xed_held_out`), in ``languages``, as
    pos (joy, trust) or neg (anger, disgust, sadness, fear): only rows whose every label says
    the same polarity, and a text labelled both ways (the zh and cn projections) is left out."""
    found: dict[tuple[str, str], set[str]] = {}
    for language, text, emotions in xed_rows(root):
        if language in languages and xed_held_out(text):
            polarity = {_XED_POLARITY.get(e, "?") for e in emotions}
            found.setdefault((language, text), set()).update(polarity)
    return [
        Item(text, polarity.pop(), language, MARKETS.get(language))
        for (language, text), polarity in found.items()
        if len(polarity) == 1 and "?" not in polarity
    ]


def livechat_sentiment() -> list[Item]:
    """The project's held-out live-chat comments (never trained on) whose intent says the
    polarity: complaints are neg, praise is pos."""
    return [
        Item(e.text, _INTENT_POLARITY[e.label], e.language, MARKETS.get(e.language))
        for e in project_examples("intents_test")
        if e.label in _INTENT_POLARITY
    ]


def review_sentiment() -> list[Item]:
    """The project's held-out marketplace reviews in the market languages (pos/neg/neu),
    written apart from the training lines and never trained on: the only review set in vi,
    ms and tl."""
    return [
        Item(e.text, e.label, e.language, MARKETS.get(e.language))
        for e in project_examples("sentiment_reviews_test")
    ]


def aspect_sets(root: Path) -> dict[str, list[AspectItem]]:
    """Aspect-term polarity: SemEval-16 (7 languages), SemEval-14, Chinese products."""
    sets: dict[str, list[AspectItem]] = {}
    semeval16 = _folder(root, "semeval16-absa-multilingual")
    codes = {
        "english": "en",
        "spanish": "es",
        "french": "fr",
        "dutch": "nl",
        "russian": "ru",
        "turkish": "tr",
        "arabic": "ar",
    }
    for name, code in codes.items():
        domain = "hotels" if name == "arabic" else "restaurants"
        sets[f"semeval16-{code}"] = _three_line(semeval16 / f"{domain}_test_{name}.xml.dat", code)
    semeval14 = _folder(root, "semeval14-absa")
    sets["semeval14-laptops"] = _three_line(semeval14 / "Laptops_Test_Gold.xml.seg", "en")
    sets["semeval14-restaurants"] = _three_line(semeval14 / "Restaurants_Test_Gold.xml.seg", "en")
    chinese = _folder(root, "chinese-absa-products")
    sets["zh-absa-products"] = [
        item
        for domain in ("camera", "car", "notebook", "phone")
        for item in _three_line(chinese / f"{domain}.test.txt", "zh", joined=True)
    ]
    return sets


def _three_line(path: Path, language: str, *, joined: bool = False) -> list[AspectItem]:
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for i in range(0, len(lines) - 2, 3):
        sentence, target, polarity = lines[i], lines[i + 1].strip(), lines[i + 2].strip().lower()
        if joined:  # character-tokenised Chinese: "手 机" -> "手机"
            sentence, target = sentence.replace(" ", ""), target.replace(" ", "")
        text = sentence.replace("$T$", target).strip()
        if polarity in _POLARITY:
            out.append(AspectItem(" ".join(text.split()), target, _POLARITY[polarity], language))
    return out


def category_sets(root: Path) -> dict[str, list[CategoryItem]]:
    """Aspect categories with polarity: IndoNLU CASA (cars) and HoASA (hotels) tests, and the
    SemEval-14 restaurant sentences' categories (its train file: we never train on it)."""
    casa_hoasa = _folder(root, "id-indonlu-casa-hoasa")
    sets: dict[str, list[CategoryItem]] = {}
    for name in ("casa", "hoasa"):
        with (casa_hoasa / name / "test_preprocess.csv").open(encoding="utf-8") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            sets[f"id-{name}-test"] = [
                CategoryItem(
                    row[0],
                    "id",
                    {
                        c: _POLARITY[v]
                        for c, v in zip(header[1:], row[1:], strict=True)
                        if v in _POLARITY  # "neg_pos" (mixed) is left out
                    },
                )
                for row in reader
            ]
    root_xml = ElementTree.parse(
        _folder(root, "semeval14-absa") / "Restaurants_Train_v2.xml"
    ).getroot()
    restaurants = []
    for sentence in root_xml.iter("sentence"):
        categories = {
            c.get("category", ""): _POLARITY.get(c.get("polarity", ""), "")
            for c in sentence.iter("aspectCategory")
        }
        text = sentence.findtext("text") or ""
        if text.strip():
            restaurants.append(CategoryItem(text, "en", {c: p for c, p in categories.items() if p}))
    sets["semeval14-restaurants-categories"] = restaurants
    return sets


def emotion_sets(root: Path) -> dict[str, list[Item]]:
    """GoEmotions test in its Ekman form (six emotions + neutral), the XED sentences held out
    of training (English, and the projections in market languages), and IndoNLU EmoT test."""
    ekman = _folder(root, "en-goemotions") / "ekman"
    names = (ekman / "labels.txt").read_text(encoding="utf-8").split()
    go = []
    for line in (ekman / "test.tsv").read_text(encoding="utf-8").splitlines():
        text, ids, *_ = line.split("\t")
        labels = {names[int(i)] for i in ids.split(",")}
        if len(labels) == 1:
            go.append(Item(text, labels.pop(), "en", "US"))
    with (_folder(root, "id-indonlu-emot") / "test_preprocess.csv").open(
        encoding="utf-8"
    ) as handle:
        emot = [Item(r["tweet"], r["label"], "id", "ID") for r in csv.DictReader(handle)]
    xed_en: list[Item] = []
    xed_other: list[Item] = []
    for language, text, emotions in xed_rows(root):
        if len(emotions) == 1 and xed_held_out(text):
            item = Item(text, next(iter(emotions)), language, MARKETS.get(language))
            (xed_en if language == "en" else xed_other).append(item)
    return {
        "en-goemotions-test": go,
        "en-xed-heldout": xed_en,
        "multi-xed-heldout": xed_other,
        "id-emot-test": emot,
    }


def intent_sets(root: Path) -> dict[str, list[Item]]:
    """Held-out Bitext (20%, never trained on) and CLINC150 test intents that map to ours."""
    _, held = intent_examples(root)
    clinc = json.loads(
        (_folder(root, "en-clinc150") / "data_full.json").read_text(encoding="utf-8")
    )
    mapped = [
        Item(text, CLINC_TO_INTENT[name], "en", "US")
        for split in ("test", "oos_test")
        for text, name in clinc[split]
        if name in CLINC_TO_INTENT
    ]
    return {
        "en-bitext-heldout": [Item(e.text, e.label, "en", "US") for e in held],
        "en-clinc150-mapped": mapped,
        **_livechat_intents(),
    }


def _livechat_intents() -> dict[str, list[Item]]:
    """The project's held-out live-chat comments (never trained on), all and per language."""
    examples = project_examples("intents_test")
    items = [Item(e.text, e.label, e.language, MARKETS.get(e.language)) for e in examples]
    sets = {"chuhai-livechat-heldout": items}
    for language in sorted({i.language for i in items}):
        sets[f"chuhai-livechat-heldout {language}"] = [i for i in items if i.language == language]
    return sets
