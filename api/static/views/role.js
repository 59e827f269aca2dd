// The role guide: ideal profile (radar, with the person's scores when they
// have been entered, and bars with the guide's notes), strengths, red flags,
// interview questions, archetypes, catalog transitions, attribution.

import { h } from "../dom.js";
import { t, num, pct } from "../i18n.js";
import { api, TRAITS, roleName, person, hasPerson } from "../api.js";
import { roleCombobox, loadingState, emptyState, errorState } from "../widgets.js";
import { radarChart, barChart, developText, developLong, fitClass } from "../charts.js";
import { link, navigate } from "../router.js";

let seq = 0;

export function render(main, { arg }) {
  const body = h("div", { class: "role-body", "aria-live": "polite" });
  const search = roleCombobox({
    label: t("field.role"),
    value: arg,
    name: "role",
    onPick: (roleId) => navigate(link("role", roleId)),
    onEnter: async () => {
      const roleId = await search.resolve();
      if (roleId) navigate(link("role", roleId));
    },
  });
  main.append(
    h("h1", { tabindex: -1, id: "role-title" }, t("title.role")),
    h("div", { class: "card role-search" }, search.root),
    body,
  );
  if (!arg) {
    body.append(emptyState(t("empty.role")));
    return;
  }
  load(body, arg, main);
}

async function load(body, roleId, main) {
  const mine = ++seq;
  body.setAttribute("aria-busy", "true");
  body.replaceChildren(loadingState());
  try {
    const role = await api(`roles/${encodeURIComponent(roleId)}`);
    if (mine !== seq || !body.isConnected) return;
    body.replaceChildren(...guide(role).filter(Boolean));
    const title = main.querySelector("#role-title");
    title.textContent = role.name;
    document.title = `${role.name} · Rumbo`;
  } catch (error) {
    if (mine !== seq || !body.isConnected) return;
    body.replaceChildren(
      errorState(error, {
        onRetry: () => load(body, roleId, main),
        onSuggest: (_field, suggestion) => navigate(link("role", suggestion)),
      }),
    );
  } finally {
    if (mine === seq) body.removeAttribute("aria-busy");
  }
}

function guide(role) {
  const other = role.lang === "en" ? role.name_es : role.name_en;
  const ideal = Object.fromEntries(role.traits.map((x) => [x.trait, x.score]));
  const series = [{ name: t("role.profile.ideal"), values: ideal, cls: "series-ideal" }];
  if (hasPerson()) series.push({ name: t("role.profile.you"), values: person.scores, cls: "series-person" });
  const bars = barChart({
    rows: role.traits.map((x) => ({ id: x.trait, label: x.label, value: x.score, note: x.note })),
    max: 100,
    title: `${t("role.profile")} — ${role.name}`,
    cls: "profile-bars",
  });

  const listSection = (key, items, cls) =>
    h(
      "section",
      { class: ["card", cls] },
      h("h2", {}, t(key)),
      items.length ? h("ul", {}, items.map((x) => h("li", {}, x))) : h("p", { class: "hint" }, t("role.none")),
    );

  return [
    h(
      "header",
      { class: "card role-head", dataset: { roleId: role.id } },
      other && other !== role.name ? h("p", { class: "other-name", lang: role.lang === "en" ? "es" : "en" }, other) : null,
      h(
        "p",
        { class: "badges" },
        h("span", { class: "badge" }, role.id),
        role.family ? h("span", { class: "badge" }, t("role.family", { v: role.family })) : null,
        role.level ? h("span", { class: "badge" }, t("role.level", { v: role.level })) : null,
      ),
      role.description ? h("p", { class: "description", lang: "es" }, role.description) : null,
      role.lang === "en" ? h("p", { class: "hint" }, t("role.guideLang")) : null,
      h(
        "p",
        { class: "role-actions" },
        h("a", { class: "button button-secondary", href: link("explore", role.id) }, t("action.explore")),
        h("a", { class: "button button-secondary", href: link("route", "", { from: role.id }) }, t("action.routeFrom")),
        h("a", { class: "button button-secondary", href: link("route", "", { to: role.id }) }, t("action.routeTo")),
      ),
    ),
    h(
      "section",
      { class: "card profile" },
      h("h2", {}, t("role.profile")),
      h(
        "div",
        { class: "profile-grid" },
        h("figure", {}, radarChart({ series, title: `${t("role.profile")} — ${role.name}` })),
        h(
          "div",
          {},
          bars,
          h(
            "dl",
            { class: "trait-notes", lang: "es" },
            role.traits.filter((x) => x.note).map((x) => h("div", {}, h("dt", {}, `${x.label} (${num(x.score)})`), h("dd", {}, x.note))),
          ),
        ),
      ),
    ),
    h(
      "div",
      { class: "guide-grid", lang: "es" },
      listSection("role.strengths", role.strengths, "strengths"),
      listSection("role.redFlags", role.red_flags, "red-flags"),
    ),
    h(
      "section",
      { class: "card questions", lang: "es" },
      h("h2", {}, t("role.questions")),
      role.interview_questions.length
        ? h(
            "ol",
            {},
            role.interview_questions.map((q) =>
              h("li", {}, h("p", { class: "question" }, q.question), q.evaluates ? h("p", { class: "hint" }, t("role.evaluates", { what: q.evaluates })) : null),
            ),
          )
        : h("p", { class: "hint" }, t("role.none")),
    ),
    role.archetypes.length
      ? h(
          "section",
          { class: "card archetypes", lang: "es" },
          h("h2", {}, t("role.archetypes")),
          h("dl", {}, role.archetypes.map((a) => h("div", {}, h("dt", {}, a.name), h("dd", {}, a.description || "")))),
        )
      : null,
    h(
      "div",
      { class: "guide-grid" },
      transitions("role.outgoing", role.outgoing, "to", "outgoing"),
      transitions("role.incoming", role.incoming, "from", "incoming"),
    ),
    h("p", { class: "hint" }, t("role.transitions.note")),
    role.attribution
      ? h("footer", { class: "attribution", dataset: { state: "attribution" } }, h("strong", {}, `${t("role.attribution")}: `), role.attribution)
      : null,
  ];
}

function transitions(key, edges, end, cls) {
  return h(
    "section",
    { class: ["card", "transitions", cls] },
    h("h2", {}, t(key)),
    edges.length
      ? h(
          "div",
          { class: "table-wrap" },
          h(
            "table",
            {},
            h(
              "thead",
              {},
              h("tr", {}, ["role", "fit", "effort", "develop", "origin"].map((c) => h("th", { scope: "col" }, t(`role.col.${c}`)))),
            ),
            h(
              "tbody",
              {},
              [...edges]
                .sort((a, b) => b.fit - a.fit)
                .map((edge) =>
                  h(
                    "tr",
                    {},
                    h("td", {}, h("a", { href: link("role", edge[end]) }, edge.other_name || roleName(edge[end]))),
                    h("td", { class: fitClass(edge.fit) }, pct(edge.fit)),
                    h("td", {}, String(edge.effort)),
                    h("td", { title: developLong(edge.develop) }, developText(edge.develop) || "—"),
                    h("td", {}, t(`origin.${edge.origin}`)),
                  ),
                ),
            ),
          ),
        )
      : h("p", { class: "hint" }, t("role.none")),
  );
}
