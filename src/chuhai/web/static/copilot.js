// The live copilot page: follows one room over server-sent events. The browser resumes from
// the last event id after a reconnect; comments are also keyed by id here, so none shows twice.
"use strict";
const I18N = {
  zh: { title: "直播间助手", room: "直播间", rate: "条评论/分钟", purchase: "购买意向", temperature: "情绪温度",
        curve: "温度曲线", feed: "实时评论", showHidden: "显示已隐藏", questions: "热门问题", alerts: "提醒",
        products: "讲解中的商品", note: "规则与模型仅供参考；回复建议请主播确认后使用。", copy: "复制",
        copied: "已复制", hidden: "已隐藏", flagged: "待审核", buy: "想买", suggested: "建议回复",
        times: "次", answered: "已有答案", spike: "投诉激增", noRooms: "暂无直播间", toggle: "English" },
  en: { title: "Live-room copilot", room: "Room", rate: "comments/min", purchase: "purchase intent",
        temperature: "emotional temperature", curve: "temperature curve", feed: "Live comments",
        showHidden: "show hidden", questions: "Top questions", alerts: "Alerts", products: "Pinned products",
        note: "Screening aids: check a suggested reply before you use it.", copy: "Copy", copied: "Copied",
        hidden: "hidden", flagged: "flagged", buy: "buying", suggested: "suggested reply", times: "×",
        answered: "answered", spike: "complaint spike", noRooms: "no rooms yet", toggle: "中文" },
};
let lang = localStorage.getItem("chuhai-lang") || "zh";
let source = null, lastSeq = 0, room = null;
const seen = new Set();
const $ = (id) => document.getElementById(id);
const t = (key) => I18N[lang][key] || key;

function applyLanguage() {
  // Cards carry both languages; the body's lang attribute shows one (no work per card).
  document.documentElement.lang = lang;
  document.body.dataset.lang = lang;
  document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  $("lang").textContent = t("toggle");
}

function both(cls, zh, en) {
  const span = el("span", cls);
  span.append(el("span", "zh", zh), el("span", "en", en));
  return span;
}

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function addComment(c) {
  if (seen.has(c.seq)) return;
  seen.add(c.seq);
  lastSeq = Math.max(lastSeq, c.seq);
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
  const when = c.time ? new Date(c.time).toLocaleTimeString([], { hour12: false }) : "";
  meta.append(el("span", "", when), el("span", "tag", c.language || "und"),
              both("tag intent", c.intent_zh, c.intent), both("tag emotion", c.emotion_zh, c.emotion));
  if (c.purchase) meta.append(both("tag buy", I18N.zh.buy, I18N.en.buy));
  if (c.toxicity && c.toxicity !== "none") meta.append(el("span", "tag toxic", c.toxicity));
  if (c.action !== "allow") {
    const key = c.action === "hide" ? "hidden" : "flagged";
    meta.append(both("badge", I18N.zh[key], I18N.en[key]), el("span", "why", c.why_hidden || ""));
  }
  meta.append(el("span", "dup"));
  card.append(meta, el("div", "text", c.text || ""));
  if (c.gist_zh) card.append(el("div", "gist", "译: " + c.gist_zh));
  if (c.answer && c.action !== "hide") {
    const reply = el("div", "reply");
    const text = el("span", "reply-text", c.answer.text);
    const copy = el("button", "copy");
    copy.type = "button";
    copy.append(el("span", "zh", I18N.zh.copy), el("span", "en", I18N.en.copy));
    copy.addEventListener("click", async () => {
      try { await navigator.clipboard.writeText(c.answer.text); } catch (e) { /* no clipboard */ }
      copy.replaceChildren(el("span", "zh", I18N.zh.copied), el("span", "en", I18N.en.copied));
    });
    reply.append(el("span", "label", "💬"), text, copy);
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

function renderState(s) {
  $("rate").textContent = s.comments_per_min;
  $("purchase").textContent = Math.round(100 * s.purchase_rate) + "%";
  $("temperature").textContent = s.temperature.toFixed(0);
  const gauge = $("temperature-gauge");
  gauge.dataset.value = String(s.temperature);
  $("needle").style.transform = `rotate(${(s.temperature - 50) * 1.8}deg)`;
  const points = s.curve.map(([, v], i, all) => `${(300 * i) / Math.max(1, all.length - 1)},${80 - 0.8 * v}`);
  $("curve-line").setAttribute("points", points.join(" "));
  const questions = $("questions");
  questions.replaceChildren(...s.questions.map((q) =>
    el("li", q.answered ? "answered" : "", `${q.text} ${q.count}${t("times")}${q.gist_zh ? " · " + q.gist_zh : ""}`)));
  $("alerts").replaceChildren(...s.alerts.map((a) => el("li", "alert", `${t("spike")}: ${a.recent}`)));
  $("products").replaceChildren(...s.pinned.map((sku) => el("li", "", `${sku} · ${s.mentions[sku] || 0}`)));
}

function connect() {
  if (source) source.close();
  if (!room) return;
  $("status").dataset.state = "connecting";
  // The first connection asks for what this page has; later reconnects send Last-Event-ID.
  source = new EventSource(`/v1/live/rooms/${encodeURIComponent(room)}/stream?after=${lastSeq}`);
  source.addEventListener("open", () => { $("status").dataset.state = "open"; });
  source.addEventListener("error", () => { $("status").dataset.state = "connecting"; });
  source.addEventListener("comment", (e) => addComment(JSON.parse(e.data)));
  source.addEventListener("state", (e) => renderState(JSON.parse(e.data)));
}

async function loadRooms() {
  const wanted = new URLSearchParams(location.search).get("room");
  const response = await fetch("/v1/live/rooms");
  const rooms = (await response.json()).rooms.map((r) => r.room);
  if (wanted && !rooms.includes(wanted)) rooms.unshift(wanted);
  const select = $("room");
  select.replaceChildren(...rooms.map((r) => { const o = el("option", "", r); o.value = r; return o; }));
  if (!rooms.length) select.replaceChildren(el("option", "", t("noRooms")));
  room = wanted || rooms[0] || null;
  if (room) select.value = room;
  connect();
}

$("room").addEventListener("change", (e) => {
  room = e.target.value; lastSeq = 0; seen.clear(); $("feed").replaceChildren(); connect();
});
$("lang").addEventListener("click", () => {
  lang = lang === "zh" ? "en" : "zh"; localStorage.setItem("chuhai-lang", lang); applyLanguage();
});
$("show-hidden").addEventListener("change", (e) => document.body.classList.toggle("hide-hidden", !e.target.checked));
applyLanguage();
loadRooms();
