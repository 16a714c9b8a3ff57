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
// The kind of each source of a fact: the law itself, the regulator, a law firm, or secondary.
const KIND = {
  law: ["法律法规原文", "statute/regulation"], regulator: ["监管机构指引", "regulator guidance"],
  law_firm: ["律所文章", "law-firm note"], secondary: ["二手资料", "secondary"],
};
const CLOCK = {
  awareness: ["自知悉起", "from awareness"], knowledge: ["自知悉或合理相信起", "from knowledge"],
  assessment: ["自评估确定须通报起", "from the assessment"], discovery: ["自发现起", "from discovery"],
};
function sourcesOf(list) {
  const div = el("div", "sources");
  for (const source of list.slice(0, 3)) {
    const item = el("span", "source");
    const url = typeof source === "string" ? source : source.url;
    if (source.kind) item.append(el("span", "kind kind-" + source.kind, (KIND[source.kind] || [source.kind, source.kind])[lang === "zh" ? 0 : 1]), " ");
    const link = el("span", "url", url);
    link.lang = "en";  // citations stay as published
    item.append(link);
    div.append(item);
  }
  return div;
}
// When a fact was last reviewed, and its sources with their kind.
function reviewOf(fact) {
  const box = el("div", "review");
  if (fact.reviewed) box.append(el("span", "reviewed", lang === "zh" ? `审查日期：${fact.reviewed}` : `reviewed ${fact.reviewed}`));
  if (fact.sources && fact.sources.length) box.append(sourcesOf(fact.sources));
  return box;
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
    dd.append(reviewOf(law));
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
    if (key === "breach" && fact.regulator_hours) {
      const clock = CLOCK[fact.clock_from];
      dd.append(el("div", "clock", lang === "zh"
        ? `监管机构：${fact.regulator_hours} 小时${clock ? "（" + clock[0] + "）" : ""}`
        : `regulator: ${fact.regulator_hours} h${clock ? " " + clock[1] : ""}`));
    }
    if (fact.verified !== "verified") dd.append(el("span", "unverified", FLAG[lang][fact.verified] || ""));
    dd.append(reviewOf(fact));
    dl.append(dt, dd);
  }
  for (const duty of pack.duties || []) {
    const dt = el("dt"); dt.append(both("义务", "duty"));
    const dd = el("dd");
    dd.append(said(duty, "name"));
    if (duty.in_force) { dd.append(" — "); dd.append(said(duty, "in_force")); }
    dd.append(el("br"), said(duty, "summary"));
    if (duty.verified !== "verified") dd.append(el("span", "unverified", FLAG[lang][duty.verified] || ""));
    dd.append(reviewOf(duty));
    dl.append(dt, dd);
  }
  box.append(dl);
  if (pack.changelog && pack.changelog.length) {
    const log = el("details", "changelog");
    log.append(el("summary", "", lang === "zh" ? "变更记录" : "Changes"));
    const list = el("ul");
    for (const change of pack.changelog) {
      const item = el("li");
      item.append(el("span", "date", change.date + " "), said(change, "what"));
      const why = el("div", "why");
      why.append(lang === "zh" ? "原因：" : "Why: ", said(change, "why"));
      item.append(why);
      list.append(item);
    }
    log.append(list);
    box.append(log);
  }
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
      el("div", "", lang === "zh" ? `建议：${f.suggestion_zh}` : `Safer: ${f.suggestion}`));
    if (f.suggestion_local && f.suggestion_local !== f.suggestion) {
      const local = el("div", "local", (lang === "zh" ? "话术语言的安全说法：" : "In the script's language: "));
      const words = el("span", "", f.suggestion_local);
      words.lang = f.lang || "und";
      local.append(words);
      item.append(local);
    }
    item.append(sourcesOf([f.source]));
    return item;
  }));
}

let certs = [];  // the marks the chosen category needs in the market
function drawCerts() {
  $("certs").replaceChildren(...certs.map((c) => {
    const held = c.on_file ? (lang === "zh" ? "已备" : "on file") : (lang === "zh" ? "未备" : "not on file");
    const need = c.mandatory === true ? (lang === "zh" ? "必需" : "required")
      : (lang === "zh" ? "部分产品需要" : "some products");
    const item = el("li", c.on_file ? "cert held" : "cert missing",
      `${lang === "zh" ? c.name_zh : c.name} (${c.id}) · ${need} · ${held}`);
    if (c.verified !== "verified") item.append(el("span", "unverified", lang === "zh" ? " · 未核实" : " · unverified"));
    return item;
  }));
}

async function check() {
  const headers = { "Content-Type": "application/json" };
  if (bar && bar.dataset.csrf) headers["X-CSRF-Token"] = bar.dataset.csrf;  // signed in by cookie
  const response = await fetch("/v1/script/check", { method: "POST", headers,
    body: JSON.stringify({
      text: $("script").value, market: $("market").value.trim(),
      category: $("category").value || null,
      // none typed: not known (null), not "none on file"
      certificates: $("certificates").value.trim() ? $("certificates").value.split(/[,，\s]+/).filter(Boolean) : null,
    }) });
  const body = await response.json();
  if (!response.ok) { $("findings").replaceChildren(el("li", "", JSON.stringify(body.detail))); return; }
  last = body.findings;
  certs = body.certifications || [];
  drawCerts();
  drawFindings();
}

function applyLanguage() {
  document.body.dataset.lang = lang;
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  $("lang").textContent = lang === "zh" ? "English" : "中文";
}
$("lang").addEventListener("click", () => {
  lang = lang === "zh" ? "en" : "zh"; localStorage.setItem("chuhai-lang", lang);
  applyLanguage(); loadPacks(); drawCerts(); drawFindings();
});
$("market").addEventListener("change", loadPacks);
$("check").addEventListener("click", check);
const wanted = new URLSearchParams(location.search).get("market");
if (wanted) $("market").value = wanted;
applyLanguage();
loadPacks();
