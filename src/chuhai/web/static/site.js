// The bar on top of scripted pages (/live, /compliance): the page's own language button moves
// into the bar, and one choice (the chuhai_lang cookie) holds for every page.
"use strict";
(() => {
  const bar = document.getElementById("site-bar");
  if (!bar) return;
  const remember = (lang) => {
    document.cookie = `chuhai_lang=${lang}; path=/; max-age=31536000; samesite=lax`;
    try { localStorage.setItem("chuhai-lang", lang); } catch (e) { /* private mode */ }
  };
  const relabel = (lang) => {
    bar.dataset.lang = lang;
    for (const node of bar.querySelectorAll("[data-zh]")) node.textContent = node.dataset[lang];
  };
  remember(bar.dataset.lang);  // pages read it from localStorage before they draw
  const move = () => {
    const own = document.getElementById("lang");
    const link = document.getElementById("lang-switch");
    if (!own || !link) return;
    link.replaceWith(own);  // one switch, where it is on every page
    own.classList.add("site-lang");
    own.addEventListener("click", () => setTimeout(() => {
      const lang = localStorage.getItem("chuhai-lang") === "en" ? "en" : "zh";
      remember(lang);
      relabel(lang);
    }));
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", move);
  else move();
})();
