"""The live room waits for a translation at most its budget; what comes later is handed over
when it comes, and a provider that is not keeping up is not sent more."""

from __future__ import annotations

import threading
import time

from chuhai.enrich.translation import GlossaryTranslator, OpenAICompatibleTranslator, UsageMeter
from chuhai.enrich.translation.live import Job, LiveTranslator
from tests.enrich.translation.fake_chat import FakeChat, Reply


def live(chat: FakeChat, budget_s: float = 0.3, workers: int = 2) -> LiveTranslator:
    meter = UsageMeter(provider="openai")
    inner = OpenAICompatibleTranslator(base_url=chat.url, model="m", meter=meter, retries=0)
    return LiveTranslator(
        GlossaryTranslator(inner), budget_s=budget_s, workers=workers, meter=meter
    )


def test_in_time_translations_come_back_in_one_request(chat: FakeChat) -> None:
    translator = live(chat, budget_s=5)
    jobs = [Job("kirim cepat", "zh", "id"), Job("ada warna putih?", "zh", "id"),
            Job("มีสีขาวไหมคะ", "zh", "th")]  # fmt: skip
    result = translator.run(jobs)
    assert result.texts == ["发货快", "有白色吗？", "有白色的吗？"] and not result.pending
    assert sorted(len(t) for t in chat.texts_sent) == [1, 2]  # one request per language pair


def test_a_slow_provider_costs_the_budget_and_the_translation_follows(chat: FakeChat) -> None:
    chat.policy = lambda items: Reply(delay=2.5)
    translator = live(chat, budget_s=0.3)
    late: list[tuple[int, str]] = []
    arrived = threading.Event()

    def on_late(index: int, text: str) -> None:
        late.append((index, text))
        arrived.set()

    started = time.monotonic()
    result = translator.run([Job("kirim cepat", "zh", "id")], on_late)
    assert time.monotonic() - started < 2.0  # the budget, not the provider's 2.5 s
    assert result.texts == [None] and result.pending == {0}
    assert arrived.wait(5) and late == [(0, "发货快")]
    assert translator.meter is not None and translator.meter.snapshot()["slow"] == 1
    # the late translation is cached: the same words typed again are translated at once
    started = time.monotonic()
    assert translator.run([Job("kirim cepat", "zh", "id")]).texts == ["发货快"]
    assert time.monotonic() - started < 0.5


def test_while_requests_are_out_new_texts_are_not_sent(chat: FakeChat) -> None:
    chat.policy = lambda items: Reply(delay=1.0)
    translator = live(chat, budget_s=0.05, workers=1)
    for n in range(4):
        translator.run([Job(f"comment {n}", "zh", "id")])
    time.sleep(0.2)
    assert len(chat.requests) <= 2  # at most 2 out (workers * 2); the rest got their gist
    assert translator.meter is not None and translator.meter.snapshot()["slow"] == 4
    translator.close()


def test_without_a_provider_nothing_waits() -> None:
    from chuhai.enrich.translation import NoTranslator

    translator = LiveTranslator(GlossaryTranslator(NoTranslator()))
    assert translator.run([Job("kirim cepat", "zh", "id")]).texts == [None]
