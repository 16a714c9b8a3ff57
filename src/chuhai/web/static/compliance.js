// Rule packs of a market and the pre-live script checker, from the app's own API. In Chinese
// every text the packs have in Chinese is shown in Chinese; a text not yet translated is shown
// in English and marked so.
"use strict";
const $ = (id) => document.getElementById(id);
const bar = document.getElementById("site-bar");
let lang = (bar && bar.dataset.lang) || localStorage.getItem("chuhai-lang") || "zh";
const FLAG = {
  zh: { verified: "", company: "［公司自定］", partial: "［部分核实］", unverified: "［未核实］" },
  en: { verified: "", company: " [company]", partial: " [partly verified]", unverified: " [UNVERIFIED]" },
};
const SEVERITY = { critical: ["严重", "critical"], high: ["高", "high"], medium: ["中", "medium"], low: ["低", "low"] };
const TOPICS = [["transfer", "跨境传输", "transfer abroad"], ["breach", "泄露通报", "breach notice"],
  ["children", "儿童", "children"], ["sensitive", "敏感数据", "sensitive data"],
  ["marketing", "营销同意", "marketing consent"], ["penalties", "处罚", "penalties"]];

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}
function both(zh, en) { const s = el("span"); s.append(el("span", "zh", zh), el("span", "en", en)); return s; }
// A text of the packs in the page's language: its Chinese field, else the English one, marked.
function said(object, field) {
  const zh = object[field + "_zh"];
  if (lang !== "zh") return el("span", "", object[field] || "");
  if (zh) return el("span", "", zh);
  const span = el("span", "untranslated", object[field] || "");
  span.lang = "en";
  span.prepend(el("span", "missing-zh", "（暂无中文，英文原文）"));
  return span;
}
function sourcesOf(list) {
  const div = el("div", "sources", list.slice(0, 2).join("  "));
  div.lang = "en";  // citations stay as published
  return div;
}

function renderPack(pack) {
  const box = el("article", "pack");
  const title = el("h3");
  title.append(said(pack, "name"));
  if (pack.scope) { title.append(" ("); title.append(said(pack, "scope")); title.append(")"); }
  box.append(title);
  const dl = el("dl");
  for (const law of pack.laws) {
    const dt = el("dt"); dt.append(both("法律", "law"));
    const dd = el("dd");
    dd.append(said(law, "name"));
    if (law.in_force) { dd.append(" — "); dd.append(said(law, "in_force")); }
    if (law.verified !== "verified") dd.append(el("span", "unverified", FLAG[lang][law.verified] || ""));
    dl.append(dt, dd);
  }
  for (const [key, zh, en] of TOPICS) {
    const fact = pack[key];
    const dt = el("dt"); dt.append(both(zh, en));
    const dd = el("dd");
    if (key === "children" && fact.parental_consent_below_age) {
      dd.append(lang === "zh" ? `未满 ${fact.parental_consent_below_age} 岁：` : `< ${fact.parental_consent_below_age}: `);
    }
    if (key === "sensitive" && fact.categories.length) {
      const zhs = fact.categories_zh || [];
      dd.append(lang === "zh" && zhs.length ? el("span", "", zhs.join("、")) : said({ text: fact.categories.join(", ") }, "text"));
    } else {
      dd.append(said(fact, "summary"));
    }
    if (fact.verified !== "verified") dd.append(el("span", "unverified", FLAG[lang][fact.verified] || ""));
    if (fact.sources.length) dd.append(sourcesOf(fact.sources));
    dl.append(dt, dd);
  }
  box.append(dl);
  return box;
}

async function loadPacks() {
  const market = $("market").value.trim();
  const response = await fetch(`/v1/compliance/packs/${encodeURIComponent(market)}`);
  const body = await response.json();
  if (!response.ok) {
    $("packs").replaceChildren(el("p", "", lang === "zh" ? `没有 ${market} 的规则包` : body.detail));
    return;
  }
  $("disclaimer").textContent = lang === "zh" ? body.disclaimer_zh : body.disclaimer;
  $("packs").replaceChildren(...body.packs.map(renderPack));
}

let last = null;  // the latest findings, drawn again when the language changes
function drawFindings() {
  if (!last) return;
  if (!last.length) { $("findings").replaceChildren(el("li", "", lang === "zh" ? "未发现风险宣称" : "no risky claims found")); return; }
  $("findings").replaceChildren(...last.map((f) => {
    const item = el("li", "finding");
    const head = el("span", "sev", `${(SEVERITY[f.severity] || [f.severity, f.severity])[lang === "zh" ? 0 : 1]} · `);
    const rule = el("code", "rule-id", f.rule);
    head.append(rule);
    const quote = el("div");
    const original = el("span", "original", `“${f.text}”`);
    original.lang = "und";  // the script's own words
    quote.append(original, " — ", said(f, "why"));
    item.append(head, quote,
      el("div", "", lang === "zh" ? `建议：${f.suggestion_zh}` : `Safer: ${f.suggestion}`), sourcesOf([f.source]));
    return item;
  }));
}

async function check() {
  const headers = { "Content-Type": "application/json" };
  if (bar && bar.dataset.csrf) headers["X-CSRF-Token"] = bar.dataset.csrf;  // signed in by cookie
  const response = await fetch("/v1/script/check", { method: "POST", headers,
    body: JSON.stringify({ text: $("script").value, market: $("market").value.trim() }) });
  const body = await response.json();
  if (!response.ok) { $("findings").replaceChildren(el("li", "", JSON.stringify(body.detail))); return; }
  last = body.findings;
  drawFindings();
}

function applyLanguage() {
  document.body.dataset.lang = lang;
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  $("lang").textContent = lang === "zh" ? "English" : "中文";
}
$("lang").addEventListener("click", () => {
  lang = lang === "zh" ? "en" : "zh"; localStorage.setItem("chuhai-lang", lang);
  applyLanguage(); loadPacks(); drawFindings();
});
$("market").addEventListener("change", loadPacks);
$("check").addEventListener("click", check);
const wanted = new URLSearchParams(location.search).get("market");
if (wanted) $("market").value = wanted;
applyLanguage();
loadPacks();
