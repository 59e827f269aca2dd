// Rumbo's web page: hash router, language switch, and the four views.
// Plain ES modules, no build step and no third-party code.

import { h } from "./dom.js";
import { t, getLang, setLang } from "./i18n.js";
import { loadTraits, warmRoles } from "./api.js";
import { current, onRender } from "./router.js";
import * as routeView from "./views/route.js";
import * as roleView from "./views/role.js";
import * as exploreView from "./views/explore.js";
import * as compareView from "./views/compare.js";

const VIEWS = { route: routeView, role: roleView, explore: exploreView, compare: compareView };

let lastView = null;

function translateStatic() {
  document.querySelectorAll("[data-i18n]").forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  document.querySelectorAll("[data-i18n-label]").forEach((el) => {
    el.setAttribute("aria-label", t(el.dataset.i18nLabel));
  });
  document.querySelectorAll(".lang-switch button").forEach((button) => {
    button.setAttribute("aria-pressed", button.dataset.lang === getLang() ? "true" : "false");
  });
}

function render({ refocus = true } = {}) {
  const where = current();
  const view = VIEWS[where.name];
  const main = document.getElementById("main");
  main.replaceChildren();
  main.dataset.view = view ? where.name : "not-found";
  document.querySelectorAll(".site-nav a[data-view]").forEach((a) => {
    if (a.dataset.view === where.name) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  });
  document.title = `${t(view ? `title.${where.name}` : "title.notfound")} · Rumbo`;
  if (view) {
    view.render(main, where);
  } else {
    main.append(
      h("h1", { tabindex: -1 }, t("title.notfound")),
      h("div", { class: "state state-error", dataset: { state: "not-found" } }, h("p", {}, t("notfound.text")), h("p", {}, h("a", { href: "#/route" }, t("notfound.link")))),
    );
  }
  if (refocus && lastView !== null && lastView !== where.name) main.querySelector("h1")?.focus();
  lastView = where.name;
}

function withTimeout(promise, ms) {
  return Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms))]);
}

async function start() {
  setLang(getLang());
  translateStatic();
  onRender(render);
  window.addEventListener("hashchange", () => {
    if (location.hash && !location.hash.startsWith("#/")) return; // in-page anchors
    render();
  });
  document.querySelectorAll(".lang-switch button").forEach((button) => {
    button.addEventListener("click", () => {
      if (button.dataset.lang === getLang()) return;
      setLang(button.dataset.lang);
      translateStatic();
      render({ refocus: false });
    });
  });
  document.getElementById("skip-link").addEventListener("click", (event) => {
    event.preventDefault();
    document.getElementById("main").focus();
  });
  await withTimeout(Promise.all([loadTraits(), warmRoles()]), 4000);
  render({ refocus: false });
  document.documentElement.dataset.ready = "true";
}

start();
