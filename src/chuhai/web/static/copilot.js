// The live copilot page: follows one room over server-sent events. The browser resumes from
// the last event id after a reconnect; comments are also keyed by id here, so none shows twice.
// Every code the server sends (intent, emotion, language...) is shown through LABELS, which
// the server writes into the page; cards carry both languages and the body shows one.
"use strict";
const I18N = {
  zh: { title: "直播间助手", room: "直播间", rate: "条评论/分钟", purchase: "购买意向", temperature: "情绪温度",
        curve: "温度曲线", feed: "实时评论", showHidden: "显示已隐藏", questions: "热门问题", alerts: "提醒",
        questionsNote: "未回答的排在前面，次数为提问人次。",
        products: "讲解中的商品", note: "规则与模型仅供参考；回复建议请主播确认后使用。", copy: "复制",
        copied: "已复制", hidden: "已隐藏", flagged: "待审核", buy: "想买", suggested: "建议回复",
        unanswered: "未回答", answered: "已有答案", spike: "投诉激增", spikeDetail: "2 分钟内 {n} 条",
        noRooms: "暂无直播间", toggle: "English", gist: "要点", translation: "译文", replyZh: "中文意思",
        pin: "置顶商品", unpin: "取消置顶", mentions: "提及 {n} 次", noPinned: "还没有置顶商品",
        pinFailed: "置顶失败", lastAsked: "最近一次", other: "其他" },
  en: { title: "Live-room copilot", room: "Room", rate: "comments/min", purchase: "purchase intent",
        temperature: "emotional temperature", curve: "temperature curve", feed: "Live comments",
        questionsNote: "Unanswered first; the count is how many viewers asked.",
        showHidden: "show hidden", questions: "Top questions", alerts: "Alerts", products: "Pinned products",
        note: "Screening aids: check a suggested reply before you use it.", copy: "Copy", copied: "Copied",
        hidden: "hidden", flagged: "flagged", buy: "buying", suggested: "suggested reply",
        unanswered: "unanswered", answered: "answered", spike: "complaint spike", spikeDetail: "{n} in 2 min",
        noRooms: "no rooms yet", toggle: "中文", gist: "gist", translation: "translation",
        replyZh: "in Chinese", pin: "Pin product", unpin: "Unpin", mentions: "{n} mentions",
        noPinned: "no product pinned yet", pinFailed: "could not pin", lastAsked: "last asked", other: "other" },
};
const TABLES = typeof LABELS === "undefined" ? { operator_timezone: "Asia/Shanghai" } : LABELS;
const params = new URLSearchParams(location.search);
const cookieLang = (document.cookie.match(/(?:^|;\s*)chuhai_lang=(zh|en)/) || [])[1];
let lang = params.get("lang") || cookieLang || localStorage.getItem("chuhai-lang") || "zh";
if (!I18N[lang]) lang = "zh";
const operatorZone = params.get("tz") || TABLES.operator_timezone || "Asia/Shanghai";
let marketZone = null;
let source = null, lastSeq = 0, room = null, pinned = [];
const seen = new Set();
const $ = (id) => document.getElementById(id);
const t = (key, n) => (I18N[lang][key] || key).replace("{n}", n);

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
    const key = c.action === "hide" ? "hidden" : "flagged";
    meta.append(both("badge", I18N.zh[key], I18N.en[key]),
                both("why", c.why_zh || "", c.why_hidden || ""));
  }
  meta.append(el("span", "dup"));
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

function questionItem(q) {
  // The server sends unanswered questions first; the marker says which and how many asked.
  const item = el("li", q.answered ? "question answered" : "question unanswered");
  const key = q.answered ? "answered" : "unanswered";
  const head = el("div", "q-head");
  head.append(both("q-mark", `${I18N.zh[key]} ×${q.count}`, `${I18N.en[key]} ×${q.count}`),
              tagged("tag intent", "intent", q.intent));
  if (q.last) head.append(both("", I18N.zh.lastAsked, I18N.en.lastAsked), timeSpan(new Date(q.last * 1000)));
  item.append(head);
  if (q.gist_zh && q.gist_zh !== q.text) item.append(gistLine(q.gist_zh, q.gist_kind));
  item.append(el("div", "q-text", q.text));
  return item;
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
  $("questions").replaceChildren(...s.questions.map(questionItem));
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
  const response = await fetch(`/v1/live/rooms/${encodeURIComponent(room)}/pin`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ skus }),
  });
  if (!response.ok) { $("pin").textContent = t("pinFailed"); return; }
  $("pin").textContent = t("pin");
  const state = await fetch(`/v1/live/rooms/${encodeURIComponent(room)}/state`);
  if (state.ok) renderState(await state.json());
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
  connect();
}

$("room").addEventListener("change", (e) => {
  room = e.target.value; lastSeq = 0; seen.clear(); marketZone = null;
  $("feed").replaceChildren(); loadProducts(); connect();
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
applyLanguage();
loadRooms();
