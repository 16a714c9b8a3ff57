// The drafting assistant: asks the app's API for a draft and shows it with its Chinese,
// findings and sources. There is no send button: the text is for a person to copy.
"use strict";
const $ = (id) => document.getElementById(id);
const bar = document.getElementById("site-bar");
let lang = (bar && bar.dataset.lang) || localStorage.getItem("chuhai-lang") || "zh";
let last = null;

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}
const T = {
  zh: { zh: "中文回译", findings: "检查发现", sources: "依据", none: "未发现问题", copy: "复制",
        status: { clean: "通过检查", needs_review: "需人工修改" }, rounds: "模型改写次数",
        unsent: "未发送：请人工审阅后自行发送。" },
  en: { zh: "Chinese back-translation", findings: "Findings", sources: "Sources", none: "No findings",
        copy: "Copy", status: { clean: "passed the checks", needs_review: "needs a person's edit" },
        rounds: "rewrites by the model", unsent: "Not sent: a person reads and sends it." },
};

function draw() {
  const box = $("result");
  if (!last) { box.replaceChildren(); return; }
  const t = T[lang], d = last, parts = [];
  if (d.note) parts.push(el("p", "disclaimer", lang === "zh" ? d.note : d.note_en));
  const text = el("pre", "draft-text", d.text);
  text.lang = d.language;
  const copy = el("button", "", t.copy);
  copy.type = "button";
  copy.addEventListener("click", () => navigator.clipboard && navigator.clipboard.writeText(d.text));
  parts.push(text, copy);
  if (d.back_translation_zh && d.back_translation_kind !== "same") {
    parts.push(el("h3", "", t.zh), el("pre", "", d.back_translation_zh));
  }
  parts.push(el("p", "", `${t.status[d.status]} · ${d.model || "template"} · ${t.rounds} ${d.rounds}`));
  parts.push(el("h3", "", t.findings));
  const list = el("ol");
  if (!d.findings.length) list.append(el("li", "", t.none));
  for (const f of d.findings) {
    const why = lang === "zh" ? (f.why_zh || f.why) : f.why;
    const safer = lang === "zh" ? (f.suggestion_zh || f.suggestion) : f.suggestion;
    list.append(el("li", `severity-${f.severity}`, `[${f.rule}] “${f.text}” — ${why}${safer ? " → " + safer : ""}`));
  }
  parts.push(list, el("h3", "", t.sources));
  const sources = el("ul");
  for (const s of d.sources) sources.append(el("li", "", `${s.kind} · ${s.ref}: ${s.text}`));
  parts.push(sources, el("p", "disclaimer", t.unsent));
  box.replaceChildren(...parts);
}

async function draft() {
  const [kind, task] = $("kind").value.split(":");
  const market = $("market").value.trim(), sku = $("sku").value.trim() || null;
  const brand = $("brand").value.trim() || null, input = $("input").value;
  let body;
  if (kind === "copy") body = { market, brand, sku, task, brief: input };
  else if (kind === "reply") body = { market, brand, sku, channel: task, text: input, order_id: $("order").value.trim() || null };
  else body = { market, brand, sku: sku || "", task, notes: input || null };
  const headers = { "Content-Type": "application/json" };
  if (bar && bar.dataset.csrf) headers["X-CSRF-Token"] = bar.dataset.csrf;
  const response = await fetch(`/v1/draft/${kind}`, { method: "POST", headers, body: JSON.stringify(body) });
  const answer = await response.json();
  if (!response.ok) { last = null; $("result").replaceChildren(el("p", "", JSON.stringify(answer.detail))); return; }
  last = answer;
  draw();
}

function applyLanguage() {
  document.body.dataset.lang = lang;
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  $("lang").textContent = lang === "zh" ? "English" : "中文";
}
$("lang").addEventListener("click", () => {
  lang = lang === "zh" ? "en" : "zh"; localStorage.setItem("chuhai-lang", lang);
  applyLanguage(); draw();
});
$("draft").addEventListener("click", draft);
applyLanguage();
