"""The OpenAI-compatible provider against a local server that speaks the protocol: many texts
per request, answers checked and asked again in halves, retries with backoff, Retry-After,
timeouts, a provider left alone after failures, and the day's character budget."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from chuhai.enrich.translation import OpenAICompatibleTranslator, UsageMeter
from chuhai.enrich.translation.openai_compatible import parse_answer
from tests.enrich.translation.fake_chat import FakeChat, Reply, translate_all

COMMENTS = ["kirim cepat", "ada warna putih?", "mau 2 ya kak", "COD bisa?", "ongkir berapa"]


def provider(chat: FakeChat, **kwargs: Any) -> OpenAICompatibleTranslator:
    defaults: dict[str, Any] = {"base_url": chat.url, "model": "m", "backoff_s": 0.01}
    return OpenAICompatibleTranslator(**(defaults | kwargs))


def test_the_protocol(chat: FakeChat, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_KEY", "sk-test")
    translator = provider(chat, model="qwen-plus", api_key_env="TEST_KEY", json_mode=True)
    assert translator.translate(["kirim cepat"], "zh", "id") == ["发货快"]
    sent = chat.requests[0]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["auth"] == "Bearer sk-test"
    assert sent["body"]["model"] == "qwen-plus"
    assert sent["body"]["response_format"] == {"type": "json_object"}
    system = sent["body"]["messages"][0]["content"]
    assert "Simplified Chinese" in system and "Indonesian" in system and "⟦0⟧" in system


@pytest.mark.parametrize(
    ("batch_size", "batch_chars", "requests"),
    [(32, 6000, 1), (2, 6000, 3), (32, 30, 3), (1, 6000, 5)],
)
def test_many_comments_go_in_one_request(
    chat: FakeChat, batch_size: int, batch_chars: int, requests: int
) -> None:
    translator = provider(chat, batch_size=batch_size, batch_chars=batch_chars)
    got = translator.translate(COMMENTS, "zh", "id")
    assert got == ["发货快", "有白色吗？", "译[mau 2 ya kak]", "译[COD bisa?]", "译[ongkir berapa]"]
    assert len(chat.requests) == requests
    assert [t for sent in chat.texts_sent for t in sent] == COMMENTS


def _swap(items: dict[str, str]) -> str:
    answer = json.loads(translate_all(items))
    return json.dumps(dict(zip(answer, reversed(list(answer.values())), strict=True)))


def _bad_batches(content: Any) -> Any:
    """Batches answered with ``content(items)``, single texts answered well."""

    def policy(items: dict[str, str]) -> Reply:
        return Reply(content=content(items)) if len(items) > 1 else Reply()

    return policy


@pytest.mark.parametrize(
    ("why", "content"),
    [
        ("not JSON", lambda items: "Sure! Here are the translations: 1. ..."),
        ("a text missing", lambda items: json.dumps({"1": "x"})),
        ("a number too many", lambda items: translate_all(items | {"99": "extra"})),
        ("a list too short", lambda items: json.dumps(["x"])),
        ("not strings", lambda items: json.dumps(dict.fromkeys(items, 1))),
    ],
)
def test_a_malformed_answer_is_asked_again_in_halves(
    chat: FakeChat, why: str, content: Any
) -> None:
    chat.policy = _bad_batches(content)
    translator = provider(chat)
    got = translator.translate(COMMENTS[:4], "zh", "id")
    assert got == ["发货快", "有白色吗？", "译[mau 2 ya kak]", "译[COD bisa?]"], why
    assert [len(t) for t in chat.texts_sent] == [4, 2, 1, 1, 2, 1, 1]
    assert translator.meter.snapshot()["malformed"] == 3


def test_an_answer_that_stays_malformed_gives_none(chat: FakeChat) -> None:
    chat.policy = lambda items: Reply(content='{"oops": ')
    assert provider(chat).translate(COMMENTS[:2], "zh") == [None, None]


def test_one_text_answered_in_plain_words_is_taken(chat: FakeChat) -> None:
    chat.script = [Reply(content="发货很快")]
    assert provider(chat).translate(["kirim cepat"], "zh") == ["发货很快"]


@pytest.mark.parametrize(
    ("script", "result", "requests", "retries", "errors"),
    [
        ([Reply(500)] * 9, None, 4, 3, 1),  # retried 3 times, then given up
        ([Reply(502), Reply(503)], "发货快", 3, 2, 0),
        ([Reply(429, {"Retry-After": "0"})], "发货快", 2, 1, 0),
        ([Reply(400)], None, 1, 0, 1),  # a request the server refuses is not sent again
        ([Reply(401)], None, 1, 0, 1),
        ([Reply(200, raw=b"<html>proxy error</html>")], None, 1, 0, 0),
    ],
)
def test_failures_are_retried_with_backoff_then_given_up(
    chat: FakeChat,
    script: list[Reply],
    result: str | None,
    requests: int,
    retries: int,
    errors: int,
) -> None:
    chat.script = list(script)
    translator = provider(chat)
    assert translator.translate(["kirim cepat"], "zh", "id") == [result]
    assert len(chat.requests) == requests
    stats = translator.meter.snapshot()
    assert (stats["retries"], stats["errors"]) == (retries, errors)


def test_retry_after_is_honoured(chat: FakeChat) -> None:
    chat.script = [Reply(429, {"Retry-After": "1"})]
    started = time.monotonic()
    assert provider(chat).translate(["kirim cepat"], "zh") == ["发货快"]
    assert time.monotonic() - started >= 1.0


def test_a_retry_after_longer_than_the_wait_allowed_is_not_waited_for(chat: FakeChat) -> None:
    chat.script = [Reply(429, {"Retry-After": "120"})]
    started = time.monotonic()
    assert provider(chat, max_wait_s=5).translate(["kirim cepat"], "zh") == [None]
    assert time.monotonic() - started < 3.0 and len(chat.requests) == 1


@pytest.mark.parametrize(("timeout", "deadline"), [(0.3, None), (20.0, 0.3)])
def test_a_slow_server_gives_none_within_the_time_allowed(
    chat: FakeChat, timeout: float, deadline: float | None
) -> None:
    chat.policy = lambda items: Reply(delay=3)
    translator = provider(chat, timeout=timeout, retries=0)
    started = time.monotonic()
    until = started + deadline if deadline is not None else None
    assert translator.translate_by(["kirim cepat"], "zh", "id", until) == [None]
    assert time.monotonic() - started < 2.0  # the server answers after 3 s


def test_a_provider_that_keeps_failing_is_left_alone_for_a_while(chat: FakeChat) -> None:
    chat.policy = lambda items: Reply(500)
    translator = provider(chat, retries=0, batch_size=1)
    assert translator.translate(COMMENTS, "zh") == [None] * 5
    assert len(chat.requests) == 3 and translator.resting
    assert translator.translate(["kirim cepat"], "zh") == [None]
    assert len(chat.requests) == 3
    assert "HTTP 500" in str(translator.meter.snapshot()["last_error"])


def test_the_daily_budget_stops_sending(chat: FakeChat) -> None:
    meter = UsageMeter(daily_chars=20, provider="deepseek")
    translator = provider(chat, meter=meter)
    assert translator.translate(["kirim cepat"], "zh") == ["发货快"]  # 11 characters
    assert translator.translate(["ada warna putih?"], "zh") == [None]  # 16 more: over
    assert len(chat.requests) == 1
    stats = meter.snapshot()
    assert stats["chars"] == 11 and stats["refused"] == 1 and stats["remaining_chars"] == 9
    assert translator.translate(["COD bisa?"], "zh") == ["译[COD bisa?]"]  # 9 still fit
    assert meter.snapshot()["state"] == "over_budget"


@pytest.mark.parametrize(
    ("content", "count", "expected"),
    [
        ('{"1": "一", "2": "二"}', 2, ["一", "二"]),
        ('```json\n{"1": "一", "2": "二"}\n```', 2, ["一", "二"]),
        ('Here you go: {"1": "一", "2": "二"} Done.', 2, ["一", "二"]),
        ('{"translations": {"1": "一", "2": "二"}}', 2, ["一", "二"]),
        ('{"translations": ["一", "二"]}', 2, ["一", "二"]),
        ('{"translations": ["一"]}', 1, ["一"]),
        ('["一", "二"]', 2, ["一", "二"]),
        ('{"1": "一", "2": ""}', 2, ["一", None]),
        ('{"1": "一"}', 2, None),
        ('{"1": "一", "2": "二", "3": "三"}', 2, None),
        ('{"2": "二", "3": "三"}', 2, None),
        ("一", 1, None),
        ('{"1": ["一"]}', 1, None),
    ],
)
def test_parse_answer(content: str, count: int, expected: list[str | None] | None) -> None:
    assert parse_answer(content, count) == expected


def test_a_refused_key_is_named_never_shown(
    chat: FakeChat, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEST_KEY", "sk-live-0123456789")
    chat.script = [Reply(401, raw=b'{"error": "Incorrect API key provided: sk-live-0123456789"}')]
    translator = provider(chat, api_key_env="TEST_KEY")
    assert translator.translate(["kirim cepat"], "zh") == [None]
    error = str(translator.meter.snapshot()["last_error"])
    assert "HTTP 401" in error and "$TEST_KEY" in error and "0123456789" not in error
