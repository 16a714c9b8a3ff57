// Rule packs of a market and the pre-live script checker, from the app's own API.
"use strict";
const $ = (id) => document.getElementById(id);
let lang = localStorage.getItem("chuhai-lang") || "zh";
const FLAG = { verified: "", company: " [company]", partial: " [partly verified / 部分核实]",
               unverified: " [UNVERIFIED / 未核实]" };
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

function renderPack(pack) {
  const box = el("article", "pack");
  box.append(el("h3", "", `${pack.id}: ${pack.name}${pack.scope ? " (" + pack.scope + ")" : ""}`));
  const dl = el("dl");
  for (const law of pack.laws) {
    const dt = el("dt"); dt.append(both("法律", "law"));
    const dd = el("dd", "", law.name + (law.in_force ? ` — ${law.in_force}` : ""));
    if (law.verified !== "verified") dd.append(el("span", "unverified", FLAG[law.verified] || ""));
    dl.append(dt, dd);
  }
  for (const [key, zh, en] of TOPICS) {
    const fact = pack[key];
    const dt = el("dt"); dt.append(both(zh, en));
    let text = fact.summary;
    if (key === "children" && fact.parental_consent_below_age) text = `< ${fact.parental_consent_below_age}: ` + text;
    if (key === "sensitive" && fact.categories.length) text = fact.categories.join(", ");
    const dd = el("dd", "", text);
    if (fact.verified !== "verified") dd.append(el("span", "unverified", FLAG[fact.verified] || ""));
    if (fact.sources.length) dd.append(el("div", "sources", fact.sources.slice(0, 2).join("  ")));
    dl.append(dt, dd);
  }
  box.append(dl);
  return box;
}

async function loadPacks() {
  const market = $("market").value.trim();
  const response = await fetch(`/v1/compliance/packs/${encodeURIComponent(market)}`);
  const body = await response.json();
  if (!response.ok) { $("packs").replaceChildren(el("p", "", body.detail)); return; }
  $("disclaimer").textContent = lang === "zh" ? body.disclaimer_zh : body.disclaimer;
  $("packs").replaceChildren(...body.packs.map(renderPack));
}

async function check() {
  const response = await fetch("/v1/script/check", { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text: $("script").value, market: $("market").value.trim() }) });
  const body = await response.json();
  if (!response.ok) { $("findings").replaceChildren(el("li", "", JSON.stringify(body.detail))); return; }
  $("findings").replaceChildren(...body.findings.map((f) => {
    const item = el("li", "finding");
    item.append(el("span", "sev", `${f.severity} · ${f.rule}`), el("div", "", `“${f.text}” — ${f.why}`),
      both(`建议：${f.suggestion_zh}`, `Safer: ${f.suggestion}`), el("div", "sources", f.source));
    return item;
  }));
  if (!body.findings.length) $("findings").replaceChildren(el("li", "", lang === "zh" ? "未发现风险宣称" : "no risky claims found"));
}

function applyLanguage() {
  document.body.dataset.lang = lang;
  document.documentElement.lang = lang;
  $("lang").textContent = lang === "zh" ? "English" : "中文";
}
$("lang").addEventListener("click", () => { lang = lang === "zh" ? "en" : "zh"; localStorage.setItem("chuhai-lang", lang); applyLanguage(); loadPacks(); });
$("market").addEventListener("change", loadPacks);
$("check").addEventListener("click", check);
const wanted = new URLSearchParams(location.search).get("market");
if (wanted) $("market").value = wanted;
applyLanguage();
loadPacks();
