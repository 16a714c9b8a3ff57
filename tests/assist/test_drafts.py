"""The draft loop against a local server speaking the chat-completions protocol: a
non-compliant first draft is caught and rewritten, glossary terms are kept, a draft that
stays bad is shown with its findings, offline drafts are marked, and nothing is sent."""

from __future__ import annotations

import json

from chuhai.assist.drafter import Drafter
from chuhai.assist.grounding import Context
from chuhai.assist.models import CopyRequest, Evidence, FactoryRequest, ReplyRequest
from chuhai.assist.provider import ChatModel
from chuhai.glossary import load_glossary
from tests.assist.conftest import GLOSSARY
from tests.assist.fake_llm import FakeLLM, answer

BAD_TH = "พัดลม Lumio FN-300 เงียบกริบ ดีที่สุด ปลอดภัย 100% แอดไลน์ @lumio ค่ะ"
GOOD_TH = "พัดลม Lumio FN-300 เงียบกริบ ใช้งานได้สูงสุด 12 ชั่วโมงค่ะ"


def drafter(llm: FakeLLM, context: Context, market: str = "TH", rounds: int = 2) -> Drafter:
    model = ChatModel(base_url=llm.url, model="qwen-plus", label="qwen", retries=0)
    return Drafter(load_glossary(market, "lumio", GLOSSARY), model, context, rounds=rounds)


def test_a_noncompliant_first_draft_is_caught_and_rewritten(llm: FakeLLM, context: Context) -> None:
    llm.script = [answer(BAD_TH), answer(GOOD_TH, "Lumio FN-300 风扇静音，最长可用12小时。")]
    brief = "Lumio FN-300 静音风扇，续航12小时，适合卧室"
    draft = drafter(llm, context).copy(
        CopyRequest(market="TH", task="script", brief=brief, sku="FN-300")
    )
    assert draft.text == GOOD_TH and draft.status == "clean" and not draft.findings
    assert draft.rounds == 1 and [a.text for a in draft.attempts] == [BAD_TH, GOOD_TH]
    assert draft.attempts[0].findings >= 3
    assert draft.back_translation_zh == "Lumio FN-300 风扇静音，最长可用12小时。"
    assert draft.mode == "provider" and draft.model == "qwen:qwen-plus"
    # the rewrite request carried the findings: rule, the words, why and a safer wording
    rewrite = llm.messages(1)[-1]["content"]
    assert "[TH-" in rewrite and "ดีที่สุด" in rewrite and "Safer:" in rewrite  # a TH rule
    assert "TTS-OFFPLATFORM-001" in rewrite
    assert llm.messages(1)[-2] == {"role": "assistant", "content": answer(BAD_TH)}
    # the prompt held the glossary and the grounding
    system, user = llm.messages(0)[0]["content"], json.loads(llm.messages(0)[1]["content"])
    assert "Lumio, FN-300" in system and "静音 -> เงียบกริบ" in system and "ค่ะ" in system
    assert user["brief_zh"] == brief and user["faq"][0]["a"].startswith("ใช้งานได้สูงสุด 12")
    kinds = {s.kind for s in draft.sources}
    assert {"brief", "catalog", "faq", "glossary"} <= kinds
    # nothing was sent but the two chat requests; the draft waits for a person
    assert llm.paths == ["/v1/chat/completions"] * 2
    assert draft.sent is False and draft.needs_person is True


def test_a_translated_brand_name_is_sent_back(llm: FakeLLM, context: Context) -> None:
    lost = "พัดลมลูมิโอ เงียบกริบ ใช้งานได้ 12 ชั่วโมงค่ะ"  # the name translated away
    llm.script = [answer(lost), answer(GOOD_TH)]
    draft = drafter(llm, context).copy(
        CopyRequest(market="TH", task="description", brief="Lumio FN-300 静音", sku="FN-300")
    )
    assert draft.text == GOOD_TH and draft.rounds == 1
    assert "GLOSSARY-KEEP" in llm.messages(1)[-1]["content"]


def test_a_draft_that_stays_bad_is_shown_with_its_findings(llm: FakeLLM, context: Context) -> None:
    llm.script = [answer(BAD_TH)]  # the model never learns
    draft = drafter(llm, context, rounds=2).copy(
        CopyRequest(market="TH", task="script", brief="Lumio FN-300 静音", sku="FN-300")
    )
    assert len(llm.requests) == 3  # first draft + two bounded rewrites, no more
    assert draft.status == "needs_review" and draft.rounds == 2 and draft.text == BAD_TH
    rules = [f.rule for f in draft.findings]
    assert any(r.startswith("TH-") for r in rules) and "TTS-OFFPLATFORM-001" in rules
    severities = [f.severity for f in draft.findings]
    order = {"critical": 0, "high": 1, "medium": 2, "low": 3}
    assert severities == sorted(severities, key=order.__getitem__)
    assert all(f.why_zh for f in draft.findings if f.check == "claim")


def test_reply_grounded_in_faq_and_order(llm: FakeLLM, context: Context) -> None:
    good = "ขออภัยค่ะ พัดลม Lumio FN-300 ใช้งานได้สูงสุด 12 ชั่วโมงที่ความเร็วต่ำสุดค่ะ"
    llm.script = [answer(good)]
    draft = drafter(llm, context).reply(
        ReplyRequest(market="TH", text="แบตหมดเร็วมาก ใช้ได้แค่ 3 ชั่วโมง", sku="FN-300",
                     order_id="O-1001", rating=2)
    )  # fmt: skip
    facts = json.loads(llm.messages(0)[1]["content"])
    assert facts["order"].startswith("order O-1001: 2 x FN-300, 590 THB")
    assert facts["faq"][0]["q"] == "แบตอยู่ได้นานไหม"
    assert any(s.kind == "order" and s.ref == "O-1001" for s in draft.sources)
    assert draft.status == "clean" and draft.text == good


def test_reply_moving_the_customer_off_platform_is_rewritten(
    llm: FakeLLM, context: Context
) -> None:
    llm.script = [
        answer("Mohon maaf kak, chat WA 0812 ya kak, kami bantu."),
        answer("Mohon maaf kak, silakan chat kami lewat platform ya kak."),
    ]
    draft = drafter(llm, context, market="ID").reply(
        ReplyRequest(market="ID", text="Kipasnya rusak", sku="FN-300")
    )
    assert draft.rounds == 1 and "WA" not in draft.text and draft.status == "clean"


def test_factory_message_in_chinese_with_voc_evidence(llm: FakeLLM, context: Context) -> None:
    evidence = Evidence(
        market="TH", sku="FN-300", voices=120, negative=31,
        aspects=[{"aspect": "battery", "neg": 22, "total": 40}],
        quotes=[{"id": "v1", "language": "th", "text": "แบตหมดเร็ว", "gist_zh": "电池耗电快"}],
    )  # fmt: skip
    llm.script = [answer("王厂长您好：泰国客户反馈 FN-300 电池问题，120 条中 31 条负面。")]
    draft = drafter(llm, context).factory(
        FactoryRequest(task="quality", sku="FN-300", market="TH", evidence=evidence)
    )
    assert draft.language == "zh" and draft.back_translation_kind == "same"
    assert draft.back_translation_zh == draft.text
    facts = json.loads(llm.messages(0)[1]["content"])
    assert facts["voc_evidence"]["aspects"][0]["neg"] == 22
    assert {"voc", "quote"} <= {s.kind for s in draft.sources}


def test_offline_template_drafts_are_marked(context: Context) -> None:
    offline = Drafter(load_glossary("TH", "lumio", GLOSSARY), None, context)
    draft = offline.reply(
        ReplyRequest(market="TH", text="แบตอยู่ได้นานไหม ใช้แป๊บเดียวหมด", sku="FN-300",
                     order_id="O-1001", rating=2)
    )  # fmt: skip
    assert draft.mode == "template" and draft.note and "离线模板草稿" in draft.note
    assert draft.note_en and draft.note_en.startswith("Offline template draft")
    assert "ใช้งานได้สูงสุด 12 ชั่วโมง" in draft.text and "O-1001" in draft.text
    assert draft.back_translation_kind == "template" and draft.back_translation_zh
    assert "最低档最长可用12小时" in draft.back_translation_zh
    assert draft.status == "clean", draft.findings  # the template keeps the brand's voice
    script = offline.copy(CopyRequest(market="TH", task="script", brief="静音", sku="FN-300"))
    assert script.mode == "template" and script.text.startswith("สวัสดี")
    evidence = Evidence(market="TH", sku="FN-300", voices=50, negative=12,
                        aspects=[{"aspect": "battery", "neg": 9, "total": 14}],
                        quotes=[{"id": "v1", "text": "แบตหมดเร็ว", "gist_zh": "电池耗电快"}])  # fmt: skip
    factory = offline.factory(FactoryRequest(sku="FN-300", market="TH", evidence=evidence))
    assert "电池续航：9 条负面" in factory.text and "「电池耗电快」" in factory.text
    assert factory.sent is False


def test_a_failing_provider_falls_back_to_the_marked_template(
    llm: FakeLLM, context: Context
) -> None:
    llm.status = 503
    draft = drafter(llm, context).copy(
        CopyRequest(market="TH", task="title", brief="静音风扇", sku="FN-300")
    )
    assert draft.mode == "template" and draft.text == "พัดลม Lumio FN-300"
    assert draft.note and "模型调用失败" in draft.note and "HTTP 503" in draft.note
