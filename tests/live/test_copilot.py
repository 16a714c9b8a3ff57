"""One comment in, one annotated comment out: PII hidden, moderation per market, answers from
the FAQ in the viewer's language, a Chinese gist, and a clear outcome for every bad event."""

from __future__ import annotations

import json
import time
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from chuhai.enrich.translation import GlossaryTranslator, OpenAICompatibleTranslator, Translator
from chuhai.live.copilot import Copilot
from tests.enrich.translation.fake_chat import FakeChat, Reply, fake_chat
from tests.live.conftest import PRODUCTS, live_settings


def _event(text: str, room: str = "shop.id", user: str = "u1", n: int = 1) -> dict[str, Any]:
    return {"id": f"e{n}-{user}-{zlib.crc32(text.encode()) % 10_000}", "room": room,
            "time": "2026-11-08T20:00:05+07:00", "user": user, "text": text}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "room", "intent", "answer", "gist", "answer_zh"),
    [
        ("baterainya tahan berapa jam kak?", "shop.id", "spec_question",
         "Sampai 12 jam di kecepatan terendah, kak.", "电池能用多久？", "最低档可用12小时。"),
        ("แบตอยู่ได้กี่ชั่วโมงคะ", "shop.th", "spec_question",
         "ใช้ได้สูงสุด 12 ชั่วโมงที่ความแรงต่ำสุดค่ะ", "电池能用多久？", "最低档可用12小时。"),
        ("how long does the battery last?", "shop.us", "spec_question",
         "Up to 12 hours on the lowest speed.", "电池能用多久？", "最低档可用12小时。"),
        ("does the lamp have a timer?", "shop.us", "spec_question", "Yes, 30 or 60 minutes.",
         "台灯能定时吗？", "可以，30或60分钟。"),
    ],
)  # fmt: skip
def test_questions_get_the_faq_answer_in_the_viewer_s_language(
    copilot: Copilot, text: str, room: str, intent: str, answer: str, gist: str, answer_zh: str
) -> None:
    data = copilot.process(_event(text, room)).data
    assert data["intent"] == intent, data
    assert data["answer"]["text"] == answer and data["answer"]["source"] == "faq"
    # what the suggested reply says, for the host: the brand's own Chinese answer
    assert (data["answer"]["answer_zh"], data["answer"]["answer_zh_kind"]) == (answer_zh, "faq")
    assert gist in data["gist_zh"]
    assert data["action"] == "allow"


def test_no_answer_when_the_faq_has_none(copilot: Copilot) -> None:
    data = copilot.process(_event("kirim ke Papua berapa hari kak?")).data
    assert data["answer"] is None
    assert (data["gist_zh"], data["gist_kind"]) == ("问发货：几天到巴布亚？", "gist")


@pytest.mark.parametrize(
    ("text", "action", "why"),
    [
        ("anjing lo penipu bangsat", "hide", "strong language"),
        ("wa aku 0812-3456-7890 ya kak", "hide", "contact details"),
        ("bagus banget kak 😍", "allow", None),
    ],
)
def test_moderation(copilot: Copilot, text: str, action: str, why: str | None) -> None:
    data = copilot.process(_event(text)).data
    assert data["action"] == action
    assert (why is None and data["why_hidden"] is None) or why in data["why_hidden"]
    assert "0812" not in json.dumps(data)


@pytest.mark.parametrize(
    ("text", "room", "contact"),
    [
        ("add LINE @shopxyz murah kak", "shop.id", True),
        ("ไลน์ @abc นะคะ ถูกกว่า", "shop.th", True),
        ("แอดไลน์ shop123 ได้เลยค่ะ", "shop.th", True),
        ("cheaper at t.me/cheap_fans_deals", "shop.us", True),
        ("wx: abc123 cheaper", "shop.us", True),
        ("加微信 abc 便宜", "shop.us", True),
        ("chat wa.me/6281234567890 kak", "shop.id", True),
        ("zalo.me/0912345678", "shop.th", True),
        ("the line at the store was long", "shop.us", False),
        ("I use telegram too", "shop.us", False),
        ("ไลน์ขายดีมาก", "shop.th", False),
    ],
)
def test_messenger_handles_are_contact_details(
    copilot: Copilot, text: str, room: str, contact: bool
) -> None:
    data = copilot.process(_event(text, room)).data
    assert (data["why_hidden"] == "contact details posted in the chat") is contact, data
    if contact:  # hidden (the default policy), and the handle is not kept in clear
        assert data["action"] == "hide" and "MESSENGER" in data["pii"]
        assert "[MESSENGER" in data["text"]


def test_moderation_is_configured_per_market(tmp_path: Path) -> None:
    lenient = {"moderation_by_market": {"ID": {"strong": "flag", "contact_details": "allow"}}}
    copilot = Copilot(live_settings(tmp_path, **lenient), products=PRODUCTS)
    assert copilot.process(_event("anjing lo penipu bangsat")).data["action"] == "flag"
    data = copilot.process(_event("wa aku 0812-3456-7890")).data
    assert data["action"] == "allow" and data["text"] == "wa aku [PHONE]"  # still masked


def test_purchase_signal_and_reply_template(copilot: Copilot) -> None:
    data = copilot.process(_event("mau 2 kak")).data
    assert data["purchase"] is True
    assert data["answer"]["source"] == "template" and data["answer"]["language"] == "id"
    assert data["answer"]["answer_zh"] == "谢谢支持！点击下方小黄车下单 🛒"


def test_duplicates_are_collapsed_onto_the_first(copilot: Copilot) -> None:
    first = copilot.process(_event("bagus banget!!", user="a", n=1)).data
    again = copilot.process(_event("Bagus  banget!!", user="b", n=2)).data
    assert first["duplicate_of"] is None
    assert again["duplicate_of"] == first["id"]


def test_a_flood_from_one_viewer_is_hidden_and_the_rest_flows(copilot: Copilot) -> None:
    limit = copilot.config.flood_limit
    results = [
        copilot.process(_event(f"spam {n}", user="flooder", n=n)).data for n in range(limit + 3)
    ]
    assert [r.get("flood", False) for r in results] == [False] * limit + [True] * 3
    assert all(r["action"] == "hide" for r in results[limit:])
    assert copilot.process(_event("halo kak", user="calm")).data["action"] == "allow"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b'{"id": "x", "room": ', "not JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2]", "not a JSON object"),
        (json.dumps(_event("x" * 100_000)).encode(), "the live limit is 2,000"),
        (json.dumps(_event("hi", room="never.seen")).encode(), "unknown room 'never.seen'"),
        (json.dumps({**_event("hi"), "time": "yesterday-ish"}).encode(), "time"),
    ],
)
def test_bad_events_get_a_clear_outcome(copilot: Copilot, raw: bytes, reason: str) -> None:
    output = copilot.process(raw)
    assert output.kind == "rejected"
    assert reason in output.data["reason"]
    assert output.rejection is not None and output.rejection.reason == output.data["reason"]
    assert copilot.process(_event("halo kak")).kind == "comment"  # the stream keeps flowing


def test_gifts_and_likes_are_skipped(copilot: Copilot) -> None:
    output = copilot.process({**_event("x"), "type": "gift"})
    assert output.kind == "skipped" and "gift" in output.data["reason"]


def test_stored_voice_is_redacted_and_annotated(copilot: Copilot) -> None:
    output = copilot.process(_event("wa aku 0812-3456-7890"))
    assert output.voice is not None and output.voice.annotations is not None
    assert "0812" not in output.voice.text and "[PHONE:p_" in output.voice.text


class _Bracket(Translator):
    name = "bracket"

    def translate(
        self, texts: Sequence[str], target: str, source: str | None = None
    ) -> list[str | None]:
        return [f"<{source}->{target}> {t}" for t in texts]


def test_with_a_translation_provider_gist_and_answer_are_translated(tmp_path: Path) -> None:
    copilot = Copilot(
        live_settings(tmp_path), products=PRODUCTS, translator=GlossaryTranslator(_Bracket())
    )
    output = copilot.process(_event("hora de la batería? cuánto dura la batería?", "shop.us"))
    data = output.data
    assert data["gist_zh"].startswith("<es->zh>") and data["gist_kind"] == "translation"
    answer = data["answer"]
    assert answer["translated"] is True and answer["language"] == "es"
    assert answer["text"] == "<en->es> Up to 12 hours on the lowest speed."
    # the host reads the reply translated back, not the FAQ it came from
    assert answer["answer_zh"] == "<es->zh> <en->es> Up to 12 hours on the lowest speed."
    assert answer["answer_zh_kind"] == "translation"
    assert output.voice is not None and output.voice.annotations is not None
    assert output.voice.annotations.translation == data["gist_zh"]  # stored with the comment


# -- with a provider on a local server --------------------------------------------------------


@pytest.fixture(scope="module")
def provider_chat() -> Iterator[FakeChat]:
    with fake_chat() as chat:
        yield chat


@pytest.fixture(scope="module")
def translating_copilot(
    provider_chat: FakeChat, tmp_path_factory: pytest.TempPathFactory
) -> Copilot:
    inner = OpenAICompatibleTranslator(base_url=provider_chat.url, model="m", retries=0)
    settings = live_settings(tmp_path_factory.mktemp("provider"))
    copilot = Copilot(settings, products=PRODUCTS, translator=GlossaryTranslator(inner))
    copilot.live_translation.budget_s = 0.5
    return copilot


@pytest.fixture
def translating(provider_chat: FakeChat, translating_copilot: Copilot) -> Copilot:
    provider_chat.requests.clear()
    provider_chat.script.clear()
    provider_chat.policy = None
    translating_copilot.translator._cache.clear()
    inner = translating_copilot.translator.inner
    assert isinstance(inner, OpenAICompatibleTranslator)
    inner._failures, inner._resting_until = 0, 0.0
    return translating_copilot


def test_a_batch_of_comments_is_translated_in_one_request(
    translating: Copilot, provider_chat: FakeChat
) -> None:
    texts = ["kirim cepat", "ada warna putih?", "anjing lo penipu bangsat", "mau 2 ya kak",
             "baterainya tahan berapa jam kak?"]  # fmt: skip
    outputs = translating.process_many([_event(t, user=f"u{n}", n=n) for n, t in enumerate(texts)])
    # one request; the FAQ reply has the brand's Chinese answer, the template its Chinese
    # version: neither is sent to be translated back
    assert provider_chat.texts_sent == [[t for t in texts if "anjing" not in t]]
    assert outputs[4].data["answer"]["answer_zh"] == "最低档可用12小时。"
    gists = [(o.data["gist_zh"], o.data.get("gist_kind")) for o in outputs]
    assert gists[0] == ("发货快", "translation") and gists[1] == ("有白色吗？", "translation")
    assert gists[2][1] != "translation"  # a hidden comment is not sent anywhere


def test_a_slow_provider_costs_the_budget_and_the_translation_follows(
    translating: Copilot, provider_chat: FakeChat, tmp_path: Path
) -> None:
    from chuhai.live.hub import LiveHub

    provider_chat.policy = lambda items: Reply(delay=3.0)
    hub = LiveHub(translating.settings, copilot=translating, store=False)
    started = time.monotonic()
    data = hub.process(_event("kirim cepat", n=7)).data
    assert time.monotonic() - started < 2.5  # the room waited its budget, not the provider
    assert data.get("gist_kind") != "translation" and data["gist_zh"]
    for _ in range(100):
        events = hub.events_after("shop.id", 0)
        if len(events) == 2:
            break
        time.sleep(0.05)
    comment, update = events
    assert update["kind"] == "translation" and update["id"] == comment["id"]
    assert update["gist_zh"] == comment["gist_zh"] == "发货快"
    assert update["of"] == comment["seq"]


def test_a_failing_provider_leaves_the_offline_gist(
    translating: Copilot, provider_chat: FakeChat
) -> None:
    provider_chat.policy = lambda items: Reply(500)
    data = translating.process(_event("kirim ke Papua berapa hari kak?", n=8)).data
    assert (data["gist_zh"], data["gist_kind"]) == ("问发货：几天到巴布亚？", "gist")
