// The role guide: ideal profile (radar, with the person's scores, fit and
// per-trait differences when they have been entered, and bars with the guide's
// notes), strengths, red flags, interview questions, archetypes, catalog
// transitions, attribution; an imputed profile says so.

import { h } from "../dom.js";
import { t, num, pct, signed, getLang, familyName, levelName } from "../i18n.js";
import { api, roleName, person, hasPerson, personBody } from "../api.js";
import { roleCombobox, loadingState, emptyState, errorState, howToRead, disclaimer, imputedBadge } from "../widgets.js";
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
  // The guide's texts are in the page's language when the catalog has them in it, in
  // the other language otherwise (an O*NET occupation's only text is English): the
  // answer's guide_lang says which, and the page says so when it is not its own.
  const guideLang = role.guide_lang;
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
      { class: ["card", cls], lang: guideLang },
      h("h2", { lang: getLang() }, t(key)),
      items.length ? h("ul", {}, items.map((x) => h("li", {}, x))) : h("p", { class: "hint", lang: getLang() }, t("role.none")),
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
        role.family ? h("span", { class: "badge" }, t("role.family", { v: familyName(role.family) })) : null,
        role.level ? h("span", { class: "badge" }, t("role.level", { v: levelName(role.level) })) : null,
        role.imputed ? imputedBadge() : null,
      ),
      role.description ? h("p", { class: "description", lang: guideLang }, role.description) : null,
      guideLang !== getLang() ? h("p", { class: "hint", dataset: { state: "guide-lang" } }, t("role.guideLang")) : null,
      role.imputed ? imputedNote(role) : null,
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
        h("div", { class: "profile-side" }, h("figure", {}, radarChart({ series, title: `${t("role.profile")} — ${role.name}` })), personFit(role)),
        h(
          "div",
          {},
          bars,
          h(
            "dl",
            { class: "trait-notes" },
            role.traits
              .filter((x) => x.note)
              .map((x) => h("div", { dataset: { trait: x.trait } }, h("dt", {}, `${x.label} (${num(x.score)})`), h("dd", { lang: guideLang }, x.note))),
          ),
        ),
      ),
    ),
    h(
      "div",
      { class: "guide-grid" },
      listSection("role.strengths", role.strengths, "strengths"),
      listSection("role.redFlags", role.red_flags, "red-flags"),
    ),
    h(
      "section",
      { class: "card questions", lang: guideLang },
      h("h2", { lang: getLang() }, t("role.questions")),
      role.interview_questions.length
        ? h(
            "ol",
            {},
            role.interview_questions.map((q) =>
              h("li", {}, h("p", { class: "question" }, q.question), q.evaluates ? h("p", { class: "hint" }, t("role.evaluates", { what: q.evaluates })) : null),
            ),
          )
        : h("p", { class: "hint", lang: getLang() }, t("role.none")),
    ),
    role.archetypes.length
      ? h(
          "section",
          { class: "card archetypes", lang: guideLang },
          h("h2", { lang: getLang() }, t("role.archetypes")),
          h("dl", {}, role.archetypes.map((a) => h("div", {}, h("dt", {}, a.name), a.description ? h("dd", {}, a.description) : null))),
        )
      : null,
    howToRead(),
    h(
      "div",
      { class: "guide-grid" },
      transitions("role.outgoing", role.outgoing, "to", "outgoing"),
      transitions("role.incoming", role.incoming, "from", "incoming"),
    ),
    h("p", { class: "hint" }, t("role.transitions.note")),
    // The credit is O*NET's own English text (docs/onet.md, "Attribution"), whatever the
    // guide's language: the answer gives no language of its own for it.
    role.attribution
      ? h("footer", { class: "attribution", dataset: { state: "attribution" } }, h("strong", {}, `${t("role.attribution")}: `), h("span", { lang: "en" }, role.attribution))
      : null,
  ];
}

/** What an imputed profile is, and the roles it was averaged from (links to their guides). */
function imputedNote(role) {
  const sources = role.imputed_from || [];
  return h(
    "div",
    { class: "imputed-note", dataset: { state: "imputed" } },
    h("p", {}, t("role.imputed.text")),
    sources.length
      ? h("p", {}, `${t("role.imputed.from")} `, sources.map((r, i) => [i ? ", " : "", h("a", { href: link("role", r.id) }, r.name)]))
      : null,
  );
}

/**
 * The person's fit to this role today (POST /v1/fit-now, the service's
 * formula) and, per trait, their score against the role's ideal.
 */
function personFit(role) {
  const section = h("section", { class: "person-fit", "aria-labelledby": "person-fit-title" }, h("h3", { id: "person-fit-title" }, t("role.person.title")));
  if (!hasPerson()) {
    section.append(h("p", { class: "hint" }, t("role.person.none")));
    return section;
  }
  const scores = personBody().scores;
  const fitLine = h("p", { class: "person-fit-value", title: t("tip.fit") }, `${t("role.person.fit")}: …`);
  const rows = role.traits.map((x) => {
    const diff = scores[x.trait] - x.score;
    return h(
      "tr",
      { dataset: { trait: x.trait, diff } },
      h("th", { scope: "row" }, x.label),
      h("td", { class: "num" }, num(scores[x.trait])),
      h("td", { class: "num" }, num(x.score)),
      h("td", { class: ["num", diff < 0 && "below"] }, signed(diff)),
    );
  });
  section.append(
    fitLine,
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "gap-table" },
        h("thead", {}, h("tr", {}, ["trait", "person", "ideal", "diff"].map((c) => h("th", { scope: "col" }, t(`role.col.${c}`))))),
        h("tbody", {}, rows),
      ),
    ),
    h("p", { class: "hint" }, t("role.person.hint")),
    disclaimer(),
  );
  const mine = seq;
  api("fit-now", { method: "POST", body: { person: personBody(), ids: [role.id], limit: 1 } })
    .then((answer) => {
      if (mine !== seq || !section.isConnected) return;
      const mineRole = answer.roles.find((r) => r.id === role.id);
      if (mineRole) {
        fitLine.textContent = `${t("role.person.fit")}: ${pct(mineRole.fit)}`;
        fitLine.dataset.fit = mineRole.fit;
      } else fitLine.remove();
    })
    .catch(() => fitLine.remove()); // optional: the per-trait numbers stand on their own
  return section;
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
