"""The gist engine: which lexicon reads a comment best, its slots, the product it names in
the catalog, and the Chinese sentence. Offline and rule-based: no model, no network."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Final

from chuhai.enrich.gist.base import Gist
from chuhai.enrich.gist.data import GistData, LanguageLexicon, load_gist_data
from chuhai.enrich.gist.extract import Slots, extract
from chuhai.enrich.gist.render import as_statement, decide, render
from chuhai.enrich.gist.scan import Entry, Index, Match, fold, has_accents, normalise
from chuhai.markets import market_info
from chuhai.records.annotations import Annotations
from chuhai.records.catalog import Product

__all__ = ["GistEngine", "gist_sentences", "split_sentences"]

# Priors when choosing the lexicon: the language the enrich stage found, then the market's.
_DETECTED_PRIOR: Final = 0.2
_MARKET_PRIOR: Final = 0.1
_BORROWED: Final = 0.5
_COUNTED: Final = ("price_question", "purchase_intent")  # where a lone small number is a count
_LOOSE_COUNT: Final = 20
_SENTENCE: Final = re.compile(r"(?<=[.!?。！？])\s+|[\n;；]+|(?<=[\u0e00-\u0e7f])\s{2,}")
_TOKEN: Final = re.compile(r"[a-z][a-z0-9]{2,}")
_SCRIPTS: Final = (
    ("th", re.compile(r"[\u0e01-\u0e5b]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("vi", re.compile(r"[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")),
)
_OWN_SCRIPT: Final = frozenset(("th", "ar"))


class GistEngine:
    """``gist(text, ...)`` -> :class:`Gist`; ``products`` is the catalog products are matched
    against (by SKU, a name word only one product has, or the kind of product named)."""

    def __init__(self, products: Sequence[Product] = (), data: GistData | None = None) -> None:
        self.data = data or load_gist_data()
        self.templates = self.data.templates
        # English first: text only the shared words read ("size M", "cod") is taken as English
        self.languages = sorted((k for k in self.data.lexicons if k != "common"), key="en".__ne__)
        self._indexes: dict[tuple[str, bool], Index] = {}
        self.products = {p.sku: p for p in products}
        self._catalog, self._by_noun = self._catalog_index(products)

    # -- lexicons ----------------------------------------------------------------------------

    def _lexicons(self, language: str) -> list[LanguageLexicon]:
        lexicons = self.data.lexicons
        names = [language, *lexicons[language].also, "common"]
        return [lexicons[n] for n in dict.fromkeys(names) if n in lexicons]

    def index(self, language: str, *, folded: bool = False) -> Index:
        """The entries read for ``language`` (with its ``also`` lexicons and the common one);
        ``folded`` adds the accentless spellings of lexicons that ask for them."""
        key = (language, folded)
        if key not in self._indexes:
            lexicons = self._lexicons(language)
            items = list(_entries(lexicons))
            if folded:
                items += _folded(items, lexicons)
            self._indexes[key] = Index(items, [x for lx in lexicons for x in lx.suffixes])
        return self._indexes[key]

    def _scan(self, language: str, low: str, folded: bool | None = None) -> list[Match]:
        """``folded``: whether the text was typed without accents (worked out if not given)."""
        folded = not has_accents(low) if folded is None else folded
        return self.index(language, folded=folded).scan(low)

    def choose_language(
        self, low: str, detected: str | None = None, market: str | None = None
    ) -> tuple[str, list[Match] | None]:
        """The lexicon that reads most of the text, the detected and market languages first
        (language identification is unsure on short chat and on Vietnamese typed without
        accents); with what it found there (None if it was not scanned), so that
        :meth:`slots` does not scan the text again."""
        preferred = market_info(market).languages if market else ()
        best, best_score, best_matches = None, -1.0, None
        letters = sum(1 for c in low if c.isalnum()) or 1
        folded = not has_accents(low)
        for language in self._candidates(low, detected, preferred):
            own = borrowed = 0
            matches = self._scan(language, low, folded)
            for m in matches:
                if m.has("blocker"):
                    continue
                n = sum(1 for c in low[m.start : m.end] if c.isalnum())
                if any(e.language == language for e in m.entries):
                    own += n
                else:
                    borrowed += n
            # words read through another lexicon count half: English text is English
            read = (own + _BORROWED * borrowed) / letters
            if not read:
                continue
            score = read + (_DETECTED_PRIOR if language == detected else 0.0)
            score += _MARKET_PRIOR if language in preferred[:1] else 0.0
            if score > best_score:
                best, best_score, best_matches = language, score, matches
        if best is not None:
            return best, best_matches
        return (detected if detected in self.data.lexicons else "en"), None

    def _candidates(
        self, low: str, detected: str | None = None, preferred: Sequence[str] = ()
    ) -> list[str]:
        """A script only one lexicon is written in decides alone (Thai, Arabic, Vietnamese
        letters); Latin text is tried with the detected language, the market's and English
        when the detected one has a lexicon (a scan per Latin lexicon was most of a live
        comment's time), else with every Latin lexicon."""
        for language, script in _SCRIPTS:
            if language in self.data.lexicons and len(script.findall(low)) >= 2:
                return [language]
        latin = [k for k in self.languages if k not in _OWN_SCRIPT]
        if detected in latin:
            return [k for k in latin if k == detected or k in preferred or k == "en"]
        return latin

    # -- the catalog -------------------------------------------------------------------------

    def _catalog_index(self, products: Sequence[Product]) -> tuple[Index, dict[str, set[str]]]:
        items: list[tuple[str, Entry]] = []
        tokens: dict[str, set[str]] = {}
        by_noun: dict[str, set[str]] = {}
        for product in products:
            sku = product.sku
            for form in {sku, sku.replace("-", ""), sku.replace("-", " ")}:
                items.append((form, Entry("product", sku, "catalog")))
            for language, name in product.names.items():
                low = normalise(name)
                for token in _TOKEN.findall(low):
                    tokens.setdefault(token, set()).add(sku)
                scan_as = language if language in self.data.lexicons else "en"
                for m in self.index(scan_as).scan(low):
                    noun = m.value("product")
                    if noun is not None:
                        by_noun.setdefault(noun, set()).add(sku)
        # a name word only one product has ("Breeze") names it; the brand every name has does
        # not, nor a word the lexicons read otherwise ("fan", "black")
        known = {
            word
            for language in self.languages
            for key in self.index(language).entries
            for word in key.split()
        }
        for token, skus in tokens.items():
            if len(skus) == 1 and token not in known:
                items.append((token, Entry("product", next(iter(skus)), "catalog")))
        return Index(items), by_noun

    def _product(
        self, low: str, nouns: list[str], pinned: Sequence[str]
    ) -> tuple[str | None, str | None]:
        """(SKU, what the gist calls it)."""
        skus = list(dict.fromkeys(m.entries[0].value for m in self._catalog.scan(low)))
        if not skus and nouns:
            candidates = set.union(*(self._by_noun.get(n, set()) for n in nouns))
            chosen = candidates & set(pinned) if len(candidates) > 1 else candidates
            skus = sorted(chosen) if len(chosen) == 1 else []
        noun = self.templates.products[nouns[0]] if nouns else None
        if len(skus) == 1:
            product = self.products[skus[0]]
            kinds = [k for k, held in self._by_noun.items() if product.sku in held]
            noun = noun or (self.templates.products[kinds[0]] if kinds else None)
            named = product.names.get("zh") or (f"{noun}（{product.sku}）" if noun else None)
            return product.sku, named or product.names.get("en") or product.sku
        return None, noun

    # -- gists -------------------------------------------------------------------------------

    def slots(
        self, text: str, language: str | None = None, market: str | None = None
    ) -> tuple[str, str, Slots]:
        """(the language read, the normalised text, its slots)."""
        original = unicodedata.normalize("NFC", text)
        low = normalise(original)
        chosen, matches = self.choose_language(low, language, market)
        lexicons = self._lexicons(chosen)
        currency = market_info(market).currency if market else lexicons[0].currency
        # particles that may stand inside a phrase ("hindi po umaandar") are read as spaces
        clear, blanked = _blank(low, [w for lx in lexicons for w in lx.transparent])
        index = self.index(chosen, folded=not has_accents(low))
        if matches is None or blanked:
            matches = index.scan(clear)
        found = extract(original, clear, matches, self.templates, currency, index.size_words)
        found.read += blanked
        return chosen, low, found

    def gist(
        self,
        text: str,
        *,
        annotations: Annotations | None = None,
        language: str | None = None,
        market: str | None = None,
        pinned: Sequence[str] = (),
        statement: bool = False,
    ) -> Gist:
        """The gist of one comment. ``annotations`` (the enrich stage's) give the language and
        the intent to fall back on; ``pinned`` SKUs settle which product a kind names;
        ``statement``: a review sentence, which names a price to say something about it (live
        chat that names a price asks it, question mark or not)."""
        detected = language or (annotations.language.code if annotations else None)
        chosen, low, s = self.slots(text, detected, market)
        fallback = (
            (annotations.intent.label, annotations.intent.confidence) if annotations else None
        )
        decision = decide(s, fallback)
        if statement:
            decision = as_statement(s, decision)
        if decision.intent in _COUNTED and s.quantity is None and len(s.bare) == 1:
            count = s.bare[0]  # "price for 3?", "harga 2 berapa": how many
            if count.isdigit() and 0 < int(count) <= _LOOSE_COUNT:
                s.quantities.append(int(count))
                s.bare.clear()
        sku, product_zh = self._product(low, s.products, pinned)
        shown_language = detected if detected and detected != "und" else chosen
        sentence = render(s, decision.intent, self.templates, product_zh, shown_language)
        confidence = decision.confidence * (0.6 + 0.4 * s.coverage)
        return Gist(
            text=sentence,
            intent=decision.intent,
            confidence=round(confidence, 3),
            language=chosen,
            topics=tuple(s.topics),
            product=sku,
            product_zh=product_zh,
            colours=tuple(s.colours),
            sizes=tuple(s.sizes),
            quantity=s.quantity,
            place=s.places[0] if s.places else None,
            numbers=tuple(s.numbers + s.measures),
        )

    def gist_texts(self, texts: Sequence[str], source: str | None = None) -> list[str | None]:
        """The gist of each text where it read something, else ``None`` (the shape of a
        translator's offline fallback: ``chuhai.enrich.translation.build_translator(gist=)``)."""
        gists = (self.gist(text, language=source) for text in texts)
        return [g.text if g.understood else None for g in gists]

    def gist_sentences(
        self, text: str, *, language: str | None = None, market: str | None = None
    ) -> list[tuple[str, Gist]]:
        """Each sentence of a review or quote with its gist."""
        return [
            (sentence, self.gist(sentence, language=language, market=market, statement=True))
            for sentence in split_sentences(text)
        ]


def _blank(low: str, words: Sequence[str]) -> tuple[str, int]:
    """``low`` with ``words`` (whole words) turned into spaces, and how many letters that was."""
    if not words:
        return low, 0
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, words)) + r")(?![^\W_])")
    blanked = 0

    def space(m: re.Match[str]) -> str:
        nonlocal blanked
        blanked += len(m.group())
        return " " * len(m.group())

    return pattern.sub(space, low), blanked


def split_sentences(text: str) -> list[str]:
    """Sentences: after . ! ? (and their Chinese forms), at line breaks, at wide gaps in Thai."""
    return [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]


@lru_cache(maxsize=1)
def _default() -> GistEngine:
    return GistEngine()


def gist_sentences(
    text: str,
    *,
    language: str | None = None,
    market: str | None = None,
    products: Sequence[Product] = (),
) -> list[tuple[str, Gist]]:
    """Each sentence of ``text`` with its Chinese gist (for quotes and reviews)."""
    engine = GistEngine(products) if products else _default()
    return engine.gist_sentences(text, language=language, market=market)


def _entries(lexicons: Iterable[LanguageLexicon]) -> Iterable[tuple[str, Entry]]:
    for lx in lexicons:
        lang = lx.language
        for key, words in lx.colours.items():
            yield from ((w, Entry("colour", key, lang)) for w in words)
        for key, words in lx.sizes.items():
            yield from ((w, Entry("size", key, lang)) for w in words)
        yield from ((w, Entry("size_cue", "size", lang)) for w in lx.size_cues)
        yield from ((w, Entry("number", str(n), lang)) for w, n in lx.numbers.items())
        yield from (
            (w, Entry("classifier", "x" if w in "x×" else "piece", lang)) for w in lx.classifiers
        )
        yield from ((w, Entry("multiplier", str(n), lang)) for w, n in lx.multipliers.items())
        yield from ((w, Entry("each", "each", lang)) for w in lx.each)
        for kind, section in (
            ("unit", lx.units), ("measure", lx.measures), ("cue", lx.cues), ("place", lx.places),
            ("product", lx.products),
        ):  # fmt: skip
            for key, words in section.items():
                yield from ((w, Entry(kind, key, lang)) for w in words)  # type: ignore[arg-type]
        yield from ((w, Entry("filler", "", lang)) for w in lx.fillers)
        yield from ((w, Entry("blocker", "", lang)) for w in lx.blockers)


def _folded(
    items: list[tuple[str, Entry]], lexicons: list[LanguageLexicon]
) -> list[tuple[str, Entry]]:
    """Accentless spellings of the words of lexicons with ``fold_accents``; one that would
    read as two different things ("đen" black, "đến" to: both "den") is left out, unless a
    lexicon lists it as written."""
    folding = {lx.language for lx in lexicons if lx.fold_accents}
    written = {normalise(k) for k, _ in items}
    meanings: dict[str, set[tuple[str, str]]] = {}
    out: dict[str, list[Entry]] = {}
    for key, entry in items:
        folded = fold(normalise(key))
        if entry.language not in folding or folded == normalise(key) or folded in written:
            continue
        meanings.setdefault(folded, set()).add((entry.kind, entry.value))
        out.setdefault(folded, []).append(entry)
    return [(k, e) for k, entries in out.items() if len(meanings[k]) == 1 for e in entries]
