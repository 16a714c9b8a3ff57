"""The compliance page in a real browser: a market's rule pack with its unverified facts
marked, the script checker with a safer wording, the disclaimer in both languages."""

from __future__ import annotations

from chuhai.api import create_app
from tests.browser import ARGS, ARTIFACTS, CHROMIUM, need_browser, serving


def test_compliance_page() -> None:
    need_browser()
    from playwright.sync_api import expect, sync_playwright

    with serving(create_app()) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 1400})
        page.goto(f"{base}/compliance?market=TH")
        expect(page.locator("#disclaimer")).to_contain_text("不构成法律意见")
        expect(page.locator(".pack h3")).to_have_text("泰国")
        expect(page.locator(".pack .unverified").first).to_be_visible()
        expect(page.locator(".pack .reviewed").first).to_contain_text("审查日期：2026-")
        expect(page.locator(".pack .kind").first).to_have_text("法律法规原文")  # the PDPA text
        expect(page.locator(".pack .changelog summary")).to_have_text("变更记录")
        page.fill("#script", "ครีมตัวนี้รักษาสิวหายขาดค่ะ")
        page.click("#check")
        finding = page.locator(".finding", has_text="TH-FDA-COS-001").first
        expect(finding).to_be_visible(timeout=90_000)  # the first check loads the models
        expect(finding).to_contain_text("建议", use_inner_text=True)
        expect(finding).to_contain_text("化妆品广告无须许可")  # why, in Chinese
        page.click("#lang")  # in the bar on top, as on every page
        expect(page.locator("#disclaimer")).to_contain_text("not legal advice")
        expect(page.locator(".pack h3")).to_have_text("Thailand")
        expect(page.locator(".pack .reviewed").first).to_contain_text("reviewed 2026-")
        expect(page.locator(".pack .kind").first).to_have_text("statute/regulation")
        expect(finding).to_contain_text("Safer:", use_inner_text=True)
        expect(finding).to_contain_text("no ad licence needed")
        page.reload()  # the choice is remembered
        expect(page.locator("#disclaimer")).to_contain_text("not legal advice")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "compliance-page.png"), full_page=True)
        browser.close()
