// The live copilot page: follows one room over server-sent events. The browser resumes from
// the last event id after a reconnect; comments are also keyed by id here, so none shows twice.
// Every code the server sends (intent, emotion, language...) is shown through LABELS, which
// the server writes into the page; cards carry both languages and the body shows one.
"use strict";
const I18N = {
  zh: { title: "直播间助手", room: "直播间", rate: "条评论/分钟", purchase: "购买意向", temperature: "情绪温度",
        curve: "温度曲线", feed: "实时评论", showHidden: "显示已隐藏", alerts: "提醒",
        products: "讲解中的商品", note: "规则与模型仅供参考；回复建议请主播确认后使用。", copy: "复制",
        copied: "已复制", hidden: "已隐藏", flagged: "待审核", buy: "想买", suggested: "建议回复",
        unanswered: "未回答", answered: "已有答案", spike: "投诉激增", spikeDetail: "2 分钟内 {n} 条",
        noRooms: "暂无直播间", toggle: "English", gist: "要点", translation: "译文", replyZh: "中文意思",
        pin: "置顶商品", unpin: "取消置顶", mentions: "提及 {n} 次", noPinned: "还没有置顶商品",
        pinFailed: "置顶失败", lastAsked: "最近一次", other: "其他",
        answeredList: "刚回答的问题", pinNow: "建议立即置顶", modLog: "处理记录",
        settings: "直播间设置", market: "市场", moderationLevel: "审核力度", strict: "严格", normal: "标准",
        relaxed: "宽松", levelNote: "严格：轻度粗口和广告也建议隐藏；宽松：轻度粗口不处理。", save: "保存设置",
        saved: "已保存", saveFailed: "保存失败", autonomy: "模式", suggestMode: "建议模式", observeMode: "观察模式",
        viewers: "在线观众",
        noteSuggest: "建议模式：助手给出回复草稿、置顶和处理建议，全部由人工点击确认；任何内容都不会自动发到直播平台。",
        noteObserve: "观察模式：只显示评论和统计，不生成回复草稿和处理建议；任何内容都不会自动发到直播平台。",
        waiting: "待回答", markAnswered: "已回答", basis: "依据", basisCatalog: "商品目录", basisNone: "没有依据",
        fact_price: "价格", fact_stock: "库存", answeredIn: "{n} 秒后回答", noQuestions: "暂无待回答的问题",
        noDrafts: "观察模式：不生成回复草稿", pinIt: "立即置顶", seenN: "近 3 分钟提及 {n} 次",
        noSuggestions: "暂无建议", noLog: "暂无处理记录", undo: "撤销", undone: "已撤销",
        act_hide: "隐藏", act_delete: "删除", act_mute: "禁言", act_warn: "警告", confirmHide: "确认隐藏",
        suggestedHide: "建议隐藏", suggestedFlag: "建议审核", did_hide: "已隐藏", did_delete: "已删除",
        did_mute: "已禁言", did_warn: "已警告", actionFailed: "操作失败", original: "中文", waitedFor: "已等 {n}",
        conn_none: "未接入直播平台（经 API 推送）", conn_connecting: "连接中", conn_live: "直播中",
        conn_waiting: "等待重连", conn_ended: "直播已结束", conn_error: "连接出错", conn_stopped: "已停止",
        waitS: "{n} 秒后重试", eventsN: "已收事件 {n}", unknownN: "未识别事件 {n}", retriesN: "重试 {n} 次",
        questions: "待回答问题",
        questionsNote: "问的人越多越靠前；回答后点“已回答”，问题离开队列。" },
  en: { title: "Live-room copilot", room: "Room", rate: "comments/min", purchase: "purchase intent",
        temperature: "emotional temperature", curve: "temperature curve", feed: "Live comments",
        showHidden: "show hidden", alerts: "Alerts", products: "Pinned products",
        note: "Screening aids: check a suggested reply before you use it.", copy: "Copy", copied: "Copied",
        hidden: "hidden", flagged: "flagged", buy: "buying", suggested: "suggested reply",
        unanswered: "unanswered", answered: "answered", spike: "complaint spike", spikeDetail: "{n} in 2 min",
        noRooms: "no rooms yet", toggle: "中文", gist: "gist", translation: "translation",
        replyZh: "in Chinese", pin: "Pin product", unpin: "Unpin", mentions: "{n} mentions",
        noPinned: "no product pinned yet", pinFailed: "could not pin", lastAsked: "last asked", other: "other",
        answeredList: "Just answered", pinNow: "Pin this product now",
        modLog: "Moderation log", settings: "Room settings", market: "Market", moderationLevel: "Moderation",
        strict: "strict", normal: "normal", relaxed: "relaxed",
        levelNote: "Strict also suggests hiding mild language and spam; relaxed lets mild language through.",
        save: "Save settings", saved: "Saved", saveFailed: "Could not save", autonomy: "Mode",
        suggestMode: "Suggest", observeMode: "Observe", viewers: "viewers",
        noteSuggest: "Suggest mode: the copilot drafts replies and suggests pins and moderation; a person clicks every one. Nothing is ever posted to the platform.",
        noteObserve: "Observe mode: cards and counts only, no drafts and no suggested actions. Nothing is ever posted to the platform.",
        waiting: "to answer", markAnswered: "Answered", basis: "based on", basisCatalog: "catalog",
        basisNone: "nothing to rest on", fact_price: "price", fact_stock: "stock", answeredIn: "answered after {n} s",
        noQuestions: "no question waiting", noDrafts: "Observe mode: no reply drafts", pinIt: "Pin now",
        seenN: "{n} mentions in 3 min", noSuggestions: "no suggestion", noLog: "nothing decided yet",
        undo: "Undo", undone: "undone", act_hide: "Hide", act_delete: "Delete", act_mute: "Mute",
        act_warn: "Warn", confirmHide: "Confirm hide", suggestedHide: "suggest hiding", suggestedFlag: "suggest review",
        did_hide: "hidden", did_delete: "deleted", did_mute: "muted", did_warn: "warned",
        actionFailed: "action failed", original: "Chinese", waitedFor: "waiting {n}",
        conn_none: "no platform connection (events pushed through the API)", conn_connecting: "connecting",
        conn_live: "live", conn_waiting: "waiting to reconnect", conn_ended: "live ended", conn_error: "connection error",
        conn_stopped: "stopped", waitS: "retry in {n} s", eventsN: "{n} events", unknownN: "{n} unknown events",
        retriesN: "{n} retries", questions: "Questions to answer",
        questionsNote: "Most asked first; click Answered once you have answered and it leaves the queue." },
};
const TABLES = typeof LABELS === "undefined" ? { operator_timezone: "Asia/Shanghai" } : LABELS;
const params = new URLSearchParams(location.search);
const cookieLang = (document.cookie.match(/(?:^|;\s*)chuhai_lang=(zh|en)/) || [])[1];
let lang = params.get("lang") || cookieLang || localStorage.getItem("chuhai-lang") || "zh";
if (!I18N[lang]) lang = "zh";
const operatorZone = params.get("tz") || TABLES.operator_timezone || "Asia/Shanghai";
let marketZone = null;
let source = null, lastSeq = 0, room = null, pinned = [], autonomy = "suggest";
const seen = new Set();
const $ = (id) => document.getElementById(id);
const t = (key, n) => (I18N[lang][key] || key).replace("{n}", n);
// The same text in both languages, for cards that carry both.
const pair = (cls, key, n) => both(cls, I18N.zh[key].replace("{n}", n), I18N.en[key].replace("{n}", n));
const roomPath = (suffix) => `/v1/live/rooms/${encodeURIComponent(room)}${suffix}`;

// Changes go with the session's CSRF token (signed in by cookie); nothing here is posted to a
// live platform: the server records the decision and the page shows it.
async function post(path, body) {
  const headers = { "Content-Type": "application/json" };
  const bar = document.getElementById("site-bar");
  if (bar && bar.dataset.csrf) headers["X-CSRF-Token"] = bar.dataset.csrf;
  try {
    const response = await fetch(path, { method: "POST", headers, body: JSON.stringify(body || {}) });
    if (response.ok) return await response.json();
  } catch (e) { /* offline: said below */ }
  $("status").title = t("actionFailed");
  return null;
}
async function refreshState() {
  const state = await fetch(roomPath("/state"));
  if (state.ok) renderState(await state.json());
}

function applyLanguage() {
  // Cards carry both languages; the body's lang attribute shows one (no work per card).
  document.documentElement.lang = lang;
  document.body.dataset.lang = lang;
  document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  $("lang").textContent = t("toggle");
  renderClock();
}

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function both(cls, zh, en) {
  const span = el("span", cls);
  span.append(el("span", "zh", zh), el("span", "en", en));
  return span;
}

// [zh, en] for a code; an unknown one reads as words, never as snake_case.
function label(table, code, zh) {
  const found = (TABLES[table] || {})[code];
  if (found) return found;
  const words = String(code || "").replace(/_/g, " ");
  return [zh || t("other"), words || I18N.en.other];
}

function tagged(cls, table, code, zh) {
  const [z, e] = label(table, code, zh);
  return both(cls, z, e);
}

// "20:15 曼谷 (21:15 北京)": the market's time first, the operator's beside.
function clockAt(when, zone) {
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit",
                                              hour12: false }).format(when);
  } catch (e) { return when.toISOString().slice(11, 16); }
}
function city(zone, language) {
  const [zh, en] = label("city", zone, zone);
  return language === "zh" ? zh : en;
}
function timeText(when, language) {
  const own = `${clockAt(when, operatorZone)} ${city(operatorZone, language)}`;
  if (!marketZone || clockAt(when, marketZone) === clockAt(when, operatorZone)) return own;
  return `${clockAt(when, marketZone)} ${city(marketZone, language)} (${own})`;
}
function timeSpan(when) {
  const span = both("time", "", "");
  span.dataset.t = String(when.getTime());
  fillTime(span);
  return span;
}
function fillTime(span) {
  const when = new Date(Number(span.dataset.t));
  span.querySelector(".zh").textContent = timeText(when, "zh");
  span.querySelector(".en").textContent = timeText(when, "en");
}
function setMarketZone(zone) {
  if (!zone || zone === marketZone) return;
  marketZone = zone;
  document.querySelectorAll(".time[data-t]").forEach(fillTime);
  renderClock();
}
function renderClock() {
  $("clock").textContent = marketZone || operatorZone ? timeText(new Date(), lang) : "";
}

function gistLine(zh, kind, confidence) {
  // 要点 (a gist made from what was recognised) or 译文 (a translation), as the data says.
  const line = el("div", "gist");
  const mark = kind === "translation" ? "translation" : "gist";
  line.dataset.kind = mark;
  const badge = both("mark", I18N.zh[mark], I18N.en[mark]);
  if (typeof confidence === "number") badge.title = `${Math.round(100 * confidence)}%`;
  line.append(badge, el("span", "gist-text", zh));
  return line;
}

// What the reply's Chinese is: the brand's own Chinese answer, a translation or a gist.
const REPLY_ZH = { faq: "replyZh", template: "replyZh", translation: "translation", gist: "gist" };
function replyZhLine(answer) {
  const line = el("div", "reply-zh");
  const key = REPLY_ZH[answer.answer_zh_kind] || "replyZh";
  line.append(both("mark", I18N.zh[key], I18N.en[key]), el("span", "", answer.answer_zh));
  return line;
}

// A translation that came after its comment (the provider was slower than the room's wait):
// the card's gist line becomes the translation, its reply the translated one.
function applyTranslation(u) {
  const selector = `[data-event-id="${CSS.escape(String(u.id))}"]`;
  const card = pending.find((x) => x.matches(selector)) || document.querySelector(selector);
  if (!card) return;
  const old = card.querySelector(".gist");
  if (u.gist_zh && old) old.replaceWith(gistLine(u.gist_zh, u.gist_kind, u.gist_confidence));
  else if (u.gist_zh) card.querySelector(".text").before(gistLine(u.gist_zh, u.gist_kind));
  const reply = card.querySelector(".reply-text");
  if (u.answer && reply) reply.textContent = u.answer.text;
  const zh = card.querySelector(".reply-zh");
  if (u.answer && u.answer.answer_zh && reply) {
    if (zh) zh.replaceWith(replyZhLine(u.answer)); else reply.after(replyZhLine(u.answer));
  }
}

function addComment(c) {
  if (seen.has(c.seq)) return;
  seen.add(c.seq);
  lastSeq = Math.max(lastSeq, c.seq);
  if (c.kind === "translation") { applyTranslation(c); return; }
  if (c.duplicate_of) {
    const selector = `[data-event-id="${CSS.escape(String(c.duplicate_of))}"]`;
    const holder = pending.find((card) => card.matches(selector)) || document.querySelector(selector);
    const first = holder && holder.querySelector(".dup");
    if (first) { first.dataset.n = String(Number(first.dataset.n || 1) + 1); first.textContent = `×${first.dataset.n}`; return; }
  }
  const card = el("li", "comment");
  card.dataset.eventId = c.id;
  card.dataset.seq = c.seq;
  if (c.user) card.dataset.user = c.user;
  if (c.action === "hide") card.classList.add("hidden");
  if (c.action === "flag") card.classList.add("flagged");
  const meta = el("div", "meta");
  if (c.time) meta.append(timeSpan(new Date(c.time)));
  meta.append(tagged("tag", "language", c.language || "und"),
              tagged("tag intent", "intent", c.intent, c.intent_zh),
              tagged("tag emotion", "emotion", c.emotion, c.emotion_zh));
  if (c.purchase) meta.append(both("tag buy", I18N.zh.buy, I18N.en.buy));
  if (c.toxicity && c.toxicity !== "none") meta.append(tagged("tag toxic", "toxicity", c.toxicity));
  if (c.action && c.action !== "allow") {
    // the copilot's decision is a suggestion: a person confirms it (observe mode hides it)
    const key = c.action === "hide" ? "suggestedHide" : "suggestedFlag";
    meta.append(pair("badge suggest", key), both("why suggest", c.why_zh || "", c.why_hidden || ""));
  }
  meta.append(el("span", "decision"), el("span", "dup"));
  card.append(meta);
  const chinese = c.language === "zh" || !c.gist_zh || c.gist_zh === c.text;
  if (!chinese) card.append(gistLine(c.gist_zh, c.gist_kind, c.gist_confidence));
  card.append(el("div", chinese ? "text zh-text" : "text", c.text || ""));
  if (c.answer && c.action !== "hide") {
    const reply = el("div", "reply");
    const body = el("div", "reply-body");
    body.append(el("span", "reply-text", c.answer.text));
    if (c.answer.answer_zh && c.answer.language !== "zh") body.append(replyZhLine(c.answer));
    const copy = el("button", "copy");
    copy.type = "button";
    copy.append(el("span", "zh", I18N.zh.copy), el("span", "en", I18N.en.copy));
    copy.addEventListener("click", async () => {
      // the text on the card: a translation that came late may have replaced the first one
      try { await navigator.clipboard.writeText(body.querySelector(".reply-text").textContent); } catch (e) { /* no clipboard */ }
      copy.replaceChildren(el("span", "zh", I18N.zh.copied), el("span", "en", I18N.en.copied));
    });
    reply.append(el("span", "label", "💬"), body, copy);
    card.append(reply);
  }
  card.append(moderationButtons(c));
  decorate(card);
  pending.push(card);
  if (!scheduled) { scheduled = true; requestAnimationFrame(flushCards); }
}

// Comments arrive hundreds a second: they join the page once per frame, in one DOM change.
const pending = [];
let scheduled = false;
function flushCards() {
  scheduled = false;
  const feed = $("feed");
  const batch = document.createDocumentFragment();
  for (const card of pending.splice(0).reverse().slice(0, 500)) batch.append(card);
  feed.prepend(batch);
  while (feed.children.length > 500) feed.lastChild.remove();
}

function moderationButtons(c) {
  const row = el("div", "mod");
  for (const act of ["hide", "delete", "mute", "warn"]) {
    const button = el("button", "act");
    button.type = "button";
    button.dataset.act = act;
    const confirm = act === "hide" && c.action === "hide";  // the copilot suggested it
    if (confirm) button.classList.add("primary");
    button.append(pair("plain", `act_${act}`));
    if (confirm) button.append(pair("suggest", "confirmHide"));
    row.append(button);
  }
  return row;
}

// The host's decisions, from the moderation log the state brings: comment id -> entry, and
// the viewers muted (their later cards fold too).
let decisions = new Map(), mutedUsers = new Set(), modKey = "";
function decorate(card) {
  const found = decisions.get(card.dataset.eventId);
  const muted = card.dataset.user && mutedUsers.has(card.dataset.user);
  const action = found ? found.action : (muted ? "mute" : "");
  if (action) card.dataset.mod = action; else delete card.dataset.mod;
  const shown = card.querySelector(".decision");
  if (!shown) return;
  const who = found ? ` · ${found.actor}` : "";
  shown.replaceChildren(...(action ? [both("", I18N.zh[`did_${action}`] + who, I18N.en[`did_${action}`] + who)] : []));
}
function applyModeration(s) {
  const key = JSON.stringify([s.moderation_log || [], s.muted || []]);
  if (key === modKey) return;
  modKey = key;
  decisions = new Map();
  for (const entry of [...(s.moderation_log || [])].reverse()) {  // oldest first: the latest wins
    if (entry.undone) decisions.delete(entry.comment_id); else decisions.set(entry.comment_id, entry);
  }
  mutedUsers = new Set(s.muted || []);
  document.querySelectorAll("#feed .comment").forEach(decorate);
  pending.forEach(decorate);
  $("mod-log").replaceChildren(...((s.moderation_log || []).length ? s.moderation_log.map(logItem)
    : [pair("empty", "noLog")]));
}
function logItem(entry) {
  const item = el("li", entry.undone ? "log undone" : "log");
  item.dataset.entryId = entry.id;
  const head = el("div", "log-head");
  head.append(timeSpan(new Date(entry.time * 1000)), pair("log-action", `did_${entry.action}`),
              el("span", "actor", entry.actor));
  if (entry.undone) head.append(pair("undone-mark", "undone"));
  else {
    const undo = el("button", "undo");
    undo.type = "button";
    undo.append(pair("", "undo"));
    undo.addEventListener("click", async () => {
      undo.disabled = true;
      if (await post(roomPath(`/moderation/${encodeURIComponent(entry.id)}/undo`))) refreshState();
      else undo.disabled = false;
    });
    head.append(undo);
  }
  item.append(head, el("div", "log-text", entry.text));
  return item;
}

// What a draft's Chinese line is: the brand's own Chinese, the template's, a translation.
const DRAFT_ZH = { faq: "replyZh", template: "replyZh", translation: "translation", original: "original" };
function draftBox(q) {
  const d = q.draft;
  const box = el("div", `draft source-${d.source}`);
  const basis = el("div", "basis");
  basis.append(pair("mark", "basis"));
  if (d.source === "faq") {
    // the FAQ entry by its Chinese twin where the knowledge base has one
    const zh = d.question_zh && d.question_zh !== d.question ? `「${d.question_zh}」 ${d.question || ""}` : (d.question ? `「${d.question}」` : "");
    const head = ["FAQ", d.sku].filter(Boolean).join(" · ");
    basis.append(both("", [head, zh].filter(Boolean).join(" · "),
                      [head, d.question ? `"${d.question}"` : ""].filter(Boolean).join(" · ")));
  } else if (d.source === "fact") {
    basis.append(both("", `${I18N.zh.basisCatalog} · ${d.sku} · ${I18N.zh["fact_" + d.fact]}`,
                      `${I18N.en.basisCatalog} · ${d.sku} · ${I18N.en["fact_" + d.fact]}`));
  } else basis.append(pair("", "basisNone"));
  box.append(basis);
  if (d.flag_zh) box.append(both("flag", `⚠ ${d.flag_zh}`, `⚠ ${d.flag_en}`));
  const text = el("div", "draft-text");
  text.append(tagged("tag", "language", d.language), el("span", "draft-words", d.text));
  box.append(text);
  if (d.text_zh && d.text_zh_kind !== "original") {
    const zh = el("div", "draft-zh");
    const key = DRAFT_ZH[d.text_zh_kind] || "replyZh";
    zh.append(pair("mark", key), el("span", "", d.text_zh));
    box.append(zh);
  }
  const buttons = el("div", "draft-buttons");
  const copy = el("button", "copy");
  copy.type = "button";
  copy.append(pair("", "copy"));
  copy.addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(d.text); } catch (e) { /* no clipboard */ }
    copy.replaceChildren(pair("", "copied"));
  });
  buttons.append(copy, answeredButton(q));
  box.append(buttons);
  return box;
}
function answeredButton(q) {
  const done = el("button", "mark-answered");
  done.type = "button";
  done.append(pair("", "markAnswered"));
  done.addEventListener("click", async () => {
    done.disabled = true;
    if (await post(roomPath(`/questions/${encodeURIComponent(q.id)}/answered`))) {
      done.closest(".question").remove();
      refreshState();
    } else done.disabled = false;
  });
  return done;
}

function questionItem(q) {
  // Most asked first (the server's order); the marker says how many viewers wait on it.
  const item = el("li", "question unanswered");
  item.dataset.questionId = q.id;
  const head = el("div", "q-head");
  head.append(both("q-mark", `${I18N.zh.waiting} ×${q.count}`, `${I18N.en.waiting} ×${q.count}`),
              tagged("tag intent", "intent", q.intent));
  if (q.last) head.append(both("", I18N.zh.lastAsked, I18N.en.lastAsked), timeSpan(new Date(q.last * 1000)));
  const wait = el("span", "wait");
  wait.dataset.first = String(q.first);
  head.append(wait);
  item.append(head);
  if (q.gist_zh && q.gist_zh !== q.text) item.append(gistLine(q.gist_zh, q.gist_kind));
  item.append(el("div", "q-text", q.text));
  if (q.draft) item.append(draftBox(q));
  else {
    const buttons = el("div", "draft-buttons");
    buttons.append(answeredButton(q));
    item.append(buttons);
  }
  return item;
}
function renderWaits() {
  const now = Date.now() / 1000;
  document.querySelectorAll("#questions .wait").forEach((span) => {
    const s = Math.max(0, Math.round(now - Number(span.dataset.first)));
    const shown = s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
    span.replaceChildren(pair("", "waitedFor", shown));
  });
}

function suggestionItem(p) {
  const item = el("li", "suggestion");
  item.dataset.sku = p.sku;
  const names = el("span", "names");
  names.append(el("b", "", p.name_zh || p.name || p.sku));
  if (p.name && p.name !== p.name_zh) names.append(el("span", "local", p.name));
  names.append(el("span", "sku", p.sku), pair("mentions", "seenN", p.mentions));
  const button = el("button", "pin-now primary");
  button.type = "button";
  button.append(pair("", "pinIt"));
  button.addEventListener("click", () => { button.disabled = true; pin([p.sku, ...pinned.filter((s) => s !== p.sku)]); });
  item.append(names, button);
  return item;
}

let queueKey = "", suggestKey = "";
function renderHost(s) {
  autonomy = s.autonomy || "suggest";
  document.body.classList.toggle("observe", autonomy === "observe");
  if ($("autonomy").value !== autonomy) $("autonomy").value = autonomy;
  $("autonomy-note").replaceChildren(pair("", autonomy === "observe" ? "noteObserve" : "noteSuggest"));
  const key = JSON.stringify([s.questions, s.answered, autonomy]);
  if (key !== queueKey) {
    queueKey = key;
    const items = s.questions.map(questionItem);
    if (autonomy === "observe" && items.length) items.unshift(pair("empty", "noDrafts"));
    $("questions").replaceChildren(...(items.length ? items : [pair("empty", "noQuestions")]));
    $("queue-count").textContent = s.questions.length ? String(s.questions.length) : "";
    $("answered").replaceChildren(...(s.answered || []).map((a) => {
      const item = el("li", "question answered");
      item.dataset.questionId = a.id;
      item.append(pair("q-mark", "answeredIn", a.seconds),
                  el("span", "q-text", a.gist_zh && a.gist_zh !== a.text ? `${a.gist_zh} · ${a.text}` : a.text));
      return item;
    }));
    renderWaits();
  }
  const suggestions = s.pin_suggestions || [];
  const skey = JSON.stringify(suggestions);
  if (skey !== suggestKey) {
    suggestKey = skey;
    $("pin-suggestions").replaceChildren(...(suggestions.length ? suggestions.map(suggestionItem)
      : [pair("empty", "noSuggestions")]));
  }
  applyModeration(s);
}

function productItem(p) {
  const item = el("li", "product");
  item.dataset.sku = p.sku;
  const names = el("span", "names");
  names.append(el("b", "", p.name_zh || p.name || p.sku));
  if (p.name && p.name !== p.name_zh) names.append(el("span", "local", p.name));
  names.append(el("span", "sku", p.sku));
  const unpin = el("button", "unpin");
  unpin.type = "button";
  unpin.title = t("unpin");
  unpin.append(both("", "×", "×"));
  unpin.addEventListener("click", () => pin(pinned.filter((sku) => sku !== p.sku)));
  item.append(names, both("mentions", I18N.zh.mentions.replace("{n}", p.mentions),
                          I18N.en.mentions.replace("{n}", p.mentions)), unpin);
  return item;
}

function renderState(s) {
  setMarketZone(s.timezone);
  $("rate").textContent = s.comments_per_min;
  $("purchase").textContent = Math.round(100 * s.purchase_rate) + "%";
  $("temperature").textContent = s.temperature.toFixed(0);
  const gauge = $("temperature-gauge");
  gauge.dataset.value = String(s.temperature);
  $("needle").style.transform = `rotate(${(s.temperature - 50) * 1.8}deg)`;
  const points = s.curve.map(([, v], i, all) => `${(300 * i) / Math.max(1, all.length - 1)},${80 - 0.8 * v}`);
  $("curve-line").setAttribute("points", points.join(" "));
  $("viewers").textContent = s.viewers === null || s.viewers === undefined ? "–" : String(s.viewers);
  renderHost(s);
  $("alerts").replaceChildren(...s.alerts.map((a) => {
    const item = el("li", "alert");
    item.append(both("", `${I18N.zh.spike}：${I18N.zh.spikeDetail.replace("{n}", a.recent)}`,
                     `${I18N.en.spike}: ${I18N.en.spikeDetail.replace("{n}", a.recent)}`));
    if (a.time) item.append(timeSpan(new Date(a.time * 1000)));
    return item;
  }));
  pinned = s.pinned || [];
  const products = s.pinned_products || pinned.map((sku) => ({ sku, mentions: (s.mentions || {})[sku] || 0 }));
  $("products").replaceChildren(...(products.length ? products.map(productItem)
    : [both("empty", I18N.zh.noPinned, I18N.en.noPinned)]));
}

async function loadProducts() {
  if (!room) return;
  const response = await fetch(`/v1/live/rooms/${encodeURIComponent(room)}/products`);
  if (!response.ok) return;
  const { products } = await response.json();
  $("product-pick").replaceChildren(...products.map((p) => {
    const name = p.name_zh && p.name && p.name !== p.name_zh ? `${p.name_zh} · ${p.name}` : (p.name_zh || p.name || p.sku);
    const option = el("option", "", `${name} (${p.sku})`);
    option.value = p.sku;
    return option;
  }));
}

async function pin(skus) {
  const headers = { "Content-Type": "application/json" };
  const bar = document.getElementById("site-bar");
  if (bar && bar.dataset.csrf) headers["X-CSRF-Token"] = bar.dataset.csrf;
  const response = await fetch(roomPath("/pin"), { method: "POST", headers, body: JSON.stringify({ skus }) });
  if (!response.ok) { $("pin").textContent = t("pinFailed"); return; }
  $("pin").textContent = t("pin");
  await refreshState();
  loadProducts();
}

async function loadSettings() {
  if (!room) return;
  const response = await fetch(roomPath("/settings"));
  if (!response.ok) return;
  const settings = await response.json();
  $("set-market").replaceChildren(...settings.markets.map((code) => {
    const [zh, en] = label("market", code, code);
    const option = el("option", "", `${lang === "zh" ? zh : en} (${code})`);
    option.value = code;
    return option;
  }));
  if (settings.market) $("set-market").value = settings.market;
  $("set-moderation").value = settings.moderation;
  $("autonomy").value = settings.autonomy;
}

// The platform connection of the room, as the connectors report it (none: events come
// through the API; a server without connectors answers 404, which reads the same).
const PLATFORM = { tiktok: "TikTok", youtube: "YouTube", twitch: "Twitch" };
async function pollConnections() {
  if (!room) return;
  let found = [];
  try {
    const response = await fetch("/v1/live/connections");
    if (response.ok) {
      const body = await response.json();
      found = (Array.isArray(body) ? body : body.connections || []).filter((c) => c.room === room);
    }
  } catch (e) { /* the server is away: the stream status says so */ }
  renderConnection(found[0] || null);
}
function renderConnection(c) {
  const badge = $("conn");
  if (!c) {
    badge.dataset.state = "none";
    badge.replaceChildren(pair("", "conn_none"));
    badge.title = "";
    return;
  }
  const state = I18N.zh[`conn_${c.state}`] ? c.state : "error";
  badge.dataset.state = state;
  const name = `${PLATFORM[c.platform] || c.platform || ""} ${c.target || ""}`.trim();
  const zh = [`${name} · ${I18N.zh["conn_" + state]}`], en = [`${name} · ${I18N.en["conn_" + state]}`];
  const add = (key, n) => { zh.push(I18N.zh[key].replace("{n}", n)); en.push(I18N.en[key].replace("{n}", n)); };
  if (c.state === "waiting" && c.wait_s) add("waitS", Math.round(c.wait_s));
  if (c.retries) add("retriesN", c.retries);
  if (c.events) add("eventsN", c.events);
  const unknown = Object.values(c.unknown || {}).reduce((a, b) => a + b, 0);
  if (unknown) add("unknownN", unknown);
  badge.replaceChildren(both("", zh.join(" · "), en.join(" · ")));
  badge.title = c.last_error || "";
}

async function connect() {
  if (source) source.close();
  if (!room) return;
  $("status").dataset.state = "connecting";
  // The room's zone first, so the first cards already show the market's time.
  try {
    const state = await fetch(`/v1/live/rooms/${encodeURIComponent(room)}/state`);
    if (state.ok) renderState(await state.json());
  } catch (e) { /* the stream brings the state too */ }
  // The first connection asks for what this page has; later reconnects send Last-Event-ID.
  source = new EventSource(`/v1/live/rooms/${encodeURIComponent(room)}/stream?after=${lastSeq}`);
  source.addEventListener("open", () => { $("status").dataset.state = "open"; });
  source.addEventListener("error", () => { $("status").dataset.state = "connecting"; });
  source.addEventListener("comment", (e) => addComment(JSON.parse(e.data)));
  source.addEventListener("state", (e) => renderState(JSON.parse(e.data)));
}

async function loadRooms() {
  const wanted = params.get("room");
  const response = await fetch("/v1/live/rooms");
  const rooms = (await response.json()).rooms.map((r) => r.room);
  if (wanted && !rooms.includes(wanted)) rooms.unshift(wanted);
  const select = $("room");
  select.replaceChildren(...rooms.map((r) => { const o = el("option", "", r); o.value = r; return o; }));
  if (!rooms.length) select.replaceChildren(el("option", "", t("noRooms")));
  room = wanted || rooms[0] || null;
  if (room) select.value = room;
  loadProducts();
  loadSettings();
  pollConnections();
  connect();
}

$("room").addEventListener("change", (e) => {
  room = e.target.value; lastSeq = 0; seen.clear(); marketZone = null;
  $("feed").replaceChildren(); queueKey = suggestKey = modKey = "";
  loadProducts(); loadSettings(); pollConnections(); connect();
});
$("feed").addEventListener("click", async (e) => {
  // one listener for every card's moderation buttons
  const button = e.target.closest("button[data-act]");
  if (!button) return;
  const card = button.closest(".comment");
  button.disabled = true;
  const done = await post(roomPath("/moderation"), { comment_id: card.dataset.eventId, action: button.dataset.act });
  button.disabled = false;
  if (done) refreshState();
});
$("autonomy").addEventListener("change", async (e) => {
  if (await post(roomPath("/settings"), { autonomy: e.target.value })) refreshState();
});
$("settings-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const body = { moderation: $("set-moderation").value };
  if ($("set-market").value) body.market = $("set-market").value;
  const done = await post(roomPath("/settings"), body);
  $("settings-status").replaceChildren(pair("", done ? "saved" : "saveFailed"));
  if (done) { loadProducts(); refreshState(); }
});
$("lang").addEventListener("click", () => {
  // One language for every page: the cookie the dashboard reads, and the URL when it says.
  lang = lang === "zh" ? "en" : "zh";
  localStorage.setItem("chuhai-lang", lang);
  document.cookie = `chuhai_lang=${lang}; path=/; max-age=31536000; SameSite=Lax`;
  if (params.has("lang")) { params.set("lang", lang); history.replaceState(null, "", `?${params}`); }
  applyLanguage();
});
$("pin-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const sku = $("product-pick").value;
  if (sku) pin([sku, ...pinned.filter((s) => s !== sku)]);
});
$("show-hidden").addEventListener("change", (e) => document.body.classList.toggle("hide-hidden", !e.target.checked));
setInterval(renderClock, 30_000);
setInterval(renderWaits, 5_000);
setInterval(pollConnections, 5_000);
applyLanguage();
loadRooms();
