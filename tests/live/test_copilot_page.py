"""The copilot page in a real browser (Playwright driving Debian's Chromium): a replayed
session shows annotated comments with a Chinese gist, a suggested answer with a copy button,
a hidden toxic comment, the temperature gauge moving, the language switch, and a reconnect
that neither loses nor repeats a comment. A screenshot is kept in test-artifacts/."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator

import pytest

from chuhai.api import create_app
from chuhai.live.copilot import Copilot
from chuhai.live.hub import LiveHub
from chuhai.settings import Settings
from tests.browser import ARGS, ARTIFACTS, CHROMIUM, need_browser, serving
from tests.live.conftest import PRODUCTS, SESSION


@pytest.fixture
def served(settings_live: Settings) -> Iterator[tuple[str, LiveHub]]:
    need_browser()
    copilot = Copilot(settings_live, products=PRODUCTS, pinned={"shop.id": ["FN-300"]})
    hub = LiveHub(settings_live, copilot=copilot, products=PRODUCTS)
    with hub, serving(create_app(live_hub=hub)) as base:
        yield base, hub


def _replay(hub: LiveHub, lines: list[str], pause: float) -> threading.Thread:
    def run() -> None:
        for line in lines:
            hub.process(json.loads(line))
            time.sleep(pause)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_copilot_page_follows_a_replayed_session(served: tuple[str, LiveHub]) -> None:
    from playwright.sync_api import expect, sync_playwright

    base, hub = served
    lines = [line for line in SESSION.read_text("utf-8").splitlines() if line]
    hub.process(json.loads(lines[0]))  # the room exists before the page opens
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/live?room=shop.id")
        expect(page.locator("#status")).to_have_attribute("data-state", "open", timeout=10_000)
        gauge = page.locator("#temperature-gauge")
        start = float(gauge.get_attribute("data-value") or 50)
        _replay(hub, lines[1:10], 0.15).join()

        question = page.locator(".comment", has_text="baterainya tahan berapa jam kak?")
        expect(question).to_have_count(1, timeout=10_000)
        expect(question.locator(".gist")).to_contain_text("电池能用多久？")
        expect(question.locator(".reply-text")).to_have_text(
            "Sampai 12 jam di kecepatan terendah, kak."
        )
        expect(question.locator("button.copy")).to_have_text("复制", use_inner_text=True)

        toxic = page.locator(".comment", has_text="penipu")
        expect(toxic).to_have_class("comment hidden")
        expect(toxic.locator(".badge")).to_have_text("已隐藏", use_inner_text=True)
        expect(page.locator(".comment", has_text="[PHONE]")).to_have_class("comment hidden")

        page.wait_for_function(
            f"Number(document.getElementById('temperature-gauge').dataset.value) > {start + 2}",
            timeout=10_000,
        )

        page.evaluate("connect()")  # a reconnect, mid-session
        _replay(hub, lines[10:], 0.05).join()
        expect(page.locator(".comment", has_text="udah co kak!")).to_have_count(1, timeout=10_000)
        seqs = page.eval_on_selector_all(
            ".comment", "cards => cards.map(c => Number(c.dataset.seq))"
        )
        duplicates_collapsed = 1  # "bagus banget kak 😍🔥" came twice: one card, ×2
        assert sorted(seqs) == sorted(set(seqs))  # nothing shown twice
        assert len(seqs) == 14 - duplicates_collapsed  # nothing lost
        expect(page.locator(".comment", has_text="bagus banget").locator(".dup")).to_have_text("×2")

        page.click("#lang")
        expect(page.locator("h1")).to_have_text("Live-room copilot")
        expect(question.locator("button.copy")).to_have_text("Copy", use_inner_text=True)
        expect(toxic.locator(".badge")).to_have_text("hidden", use_inner_text=True)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "copilot-page.png"), full_page=True)
        browser.close()
    assert (ARTIFACTS / "copilot-page.png").stat().st_size > 10_000
