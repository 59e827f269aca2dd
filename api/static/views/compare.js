// Compare two or three target roles for one person: the best route to each,
// side by side (cumulative fit, effort, months, steps, development).

import { h, uid } from "../dom.js";
import { t, num, pct, stepsText, durationText } from "../i18n.js";
import { api, roleName, hasPerson, traitLabel, personBody } from "../api.js";
import { roleCombobox, personFieldset, loadingState, emptyState, noRouteState, errorState, apiFieldLabels, checkNumbers, invalidFieldsState, howToRead, disclaimer } from "../widgets.js";
import { developChart, routeDiagram, fitClass } from "../charts.js";
import { link, navigate } from "../router.js";

let seq = 0;
/** Set by a comparison from the form: its answer takes the keyboard focus once drawn. */
let focusResults = false;

function settings(params) {
  return {
    from: params.get("from") || "",
    targets: (params.get("targets") || "").split(",").map((x) => x.trim()).filter(Boolean).slice(0, 3),
    steps: Math.min(8, Math.max(1, parseInt(params.get("steps"), 10) || 4)),
    curated: params.get("curated") === "1",
  };
}

function hashOf(cfg) {
  const p = { targets: cfg.targets.join(","), steps: cfg.steps };
  if (cfg.from) p.from = cfg.from;
  if (cfg.curated) p.curated = "1";
  return link("compare", "", p);
}

export function render(main, { params }) {
  const cfg = settings(params);
  const results = h("section", { class: "compare-results", "aria-live": "polite" });
  const current = roleCombobox({ label: t("field.current"), value: cfg.from, name: "current" });
  const targets = [0, 1, 2].map((i) => roleCombobox({ label: t("field.target", { n: i + 1 }), value: cfg.targets[i] || "", name: `target-${i + 1}`, required: i < 2 }));
  const ids = { steps: uid("steps"), curated: uid("curated") };
  const form = h(
    "form",
    {
      class: "card compare-form",
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        const invalid = checkNumbers(form);
        if (invalid.length) {
          results.replaceChildren(invalidFieldsState(invalid));
          return;
        }
        const [from, ...picked] = await Promise.all([current.resolve(), ...targets.map((x) => x.resolve())]);
        const chosen = [...new Set(picked.filter(Boolean))];
        if (chosen.length < 2) {
          results.replaceChildren(h("div", { class: "state state-error", role: "alert", dataset: { state: "missing" } }, h("p", {}, t("compare.needTargets"))));
          targets.find((x, i) => !picked[i])?.input.focus();
          return;
        }
        focusResults = true;
        navigate(
          hashOf({
            from,
            targets: chosen,
            steps: parseInt(form.querySelector("[name=steps]").value, 10) || 4,
            curated: form.querySelector("[name=curated]").checked,
          }),
        );
      },
    },
    personFieldset(),
    current.root,
    h("fieldset", { class: "targets" }, h("legend", {}, t("field.targets")), h("div", { class: "field-row" }, targets.map((x) => x.root))),
    h(
      "div",
      { class: "field-row" },
      h(
        "div",
        { class: "field narrow" },
        h("label", { for: ids.steps }, t("field.maxSteps")),
        h("input", { id: ids.steps, name: "steps", type: "number", min: 1, max: 8, step: 1, value: cfg.steps, required: true, dataset: { check: "" } }),
      ),
      h("div", { class: "checkbox" }, h("input", { type: "checkbox", id: ids.curated, name: "curated", checked: cfg.curated }), h("label", { for: ids.curated }, t("field.curated"))),
    ),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button button-primary" }, t("action.compare"))),
  );
  main.append(h("h1", { tabindex: -1 }, t("title.compare")), form, results);

  if (cfg.targets.length >= 2 && hasPerson()) run(results, cfg);
  else if (cfg.targets.length >= 2) results.append(h("div", { class: "state state-warning", role: "status", dataset: { state: "person-missing" } }, h("p", {}, t("person.reenter"))));
  else results.append(emptyState(t("empty.compare")));
}

async function run(results, cfg) {
  const mine = ++seq;
  results.setAttribute("aria-busy", "true");
  results.replaceChildren(loadingState());
  const person = personBody();
  // One target after another: the service runs only a few searches at once per worker
  // and turns away the rest (503 too-busy), so three at a time could meet that bound.
  const answers = [];
  for (const to of cfg.targets) {
    const body = { to, mode: "best", constraints: { max_steps: cfg.steps, curated_only: cfg.curated }, person };
    if (cfg.from) body.from = cfg.from;
    try {
      answers.push({ status: "fulfilled", value: await api("routes", { method: "POST", body }) });
    } catch (reason) {
      answers.push({ status: "rejected", reason });
    }
  }
  if (mine !== seq || !results.isConnected) return;
  results.removeAttribute("aria-busy");
  // One failure for every target (service down, unknown current role) is shown once.
  const failures = answers.filter((a) => a.status === "rejected");
  if (failures.length === answers.length && failures.every((f) => f.reason?.kind === "unavailable" || f.reason?.problem?.field === "from")) {
    const error = failures[0].reason;
    results.replaceChildren(
      errorState(error, {
        onRetry: () => run(results, cfg),
        onSuggest: (_field, roleId) => navigate(hashOf({ ...cfg, from: roleId })),
        fieldLabels: apiFieldLabels({ from: t("field.current") }),
      }),
    );
    return;
  }
  const best = answers.map((a) => (a.status === "fulfilled" ? a.value.routes[0] || null : null));
  const found = best.filter(Boolean);
  const maxFit = Math.max(...found.map((r) => r.totals.cumulative_fit));
  const minEffort = Math.min(...found.map((r) => r.totals.effort));
  const minMonths = Math.min(...found.map((r) => r.totals.months ?? Infinity));

  // A metric is highlighted only where the targets differ on it.
  const differs = (key) => new Set(found.map((r) => r.totals[key])).size > 1;
  const metric = (route, value, isBest, badge) =>
    route ? h("td", { class: isBest ? "best" : null }, value, isBest ? h("span", { class: "badge badge-best" }, badge) : null) : h("td", {}, "—");

  const table = h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "compare-table" },
      h("thead", {}, h("tr", {}, h("td", {}), cfg.targets.map((to) => h("th", { scope: "col" }, h("a", { href: link("role", to) }, roleName(to)))))),
      h(
        "tbody",
        {},
        h("tr", {}, h("th", { scope: "row" }, t("compare.best")), best.map((r, i) => h("td", {}, r ? routeText(r) : failureText(answers[i])))),
        h("tr", {}, h("th", { scope: "row", title: t("tip.cumulative") }, t("totals.fit")), best.map((r) => metric(r, r && pct(r.totals.cumulative_fit), r && differs("cumulative_fit") && r.totals.cumulative_fit === maxFit, t("compare.bestFit")))),
        h("tr", {}, h("th", { scope: "row", title: t("tip.effort") }, t("totals.effort")), best.map((r) => metric(r, r && `${r.totals.effort} ${t("dev.unit")}`, r && differs("effort") && r.totals.effort === minEffort, t("compare.leastEffort")))),
        h("tr", {}, h("th", { scope: "row", title: t("tip.months") }, t("totals.months")), best.map((r) => metric(r, r && durationText(r.totals.months ?? 0), r && differs("months") && r.totals.months === minMonths, t("compare.fewestMonths")))),
        h("tr", {}, h("th", { scope: "row" }, t("totals.steps")), best.map((r) => metric(r, r && String(r.totals.steps), false, ""))),
        h("tr", {}, h("th", { scope: "row", title: t("tip.weakest") }, t("totals.weakest")), best.map((r) => metric(r, r && pct(r.totals.weakest_step), false, ""))),
      ),
    ),
  );

  const columns = h(
    "div",
    { class: ["compare-grid", `cols-${cfg.targets.length}`] },
    cfg.targets.map((to, i) => {
      const answer = answers[i];
      const route = best[i];
      const content = [];
      if (answer.status === "rejected") {
        content.push(
          errorState(answer.reason, {
            onRetry: () => run(results, cfg),
            onSuggest: (_field, roleId) => navigate(hashOf({ ...cfg, targets: cfg.targets.map((x) => (x === to ? roleId : x)) })),
            fieldLabels: apiFieldLabels({ to: t("field.target", { n: i + 1 }), from: t("field.current") }),
          }),
        );
      } else if (!route) {
        content.push(noRouteState(answer.value.reason));
      } else {
        content.push(
          h("p", { class: "explanation" }, route.explanation),
          routeDiagram(route, { title: `${t("compare.best")} — ${roleName(to)}` }),
          developChart(route.totals.develop, `${t("dev.title")} — ${roleName(to)}`),
        );
      }
      return h("section", { class: "card compare-col", dataset: { target: to } }, h("h2", {}, roleName(to)), content);
    }),
  );
  results.replaceChildren(h("h2", { class: "visually-hidden", tabindex: -1 }, t("compare.heading")), disclaimer(), howToRead(), table, columns, fitNowSection(cfg));
  if (focusResults) {
    focusResults = false;
    results.querySelector("h2")?.focus();
  }
}

/** The roles the person fits best today (POST /v1/fit-now), to suggest other targets. */
function fitNowSection(cfg) {
  const section = h("section", { class: "card fit-now", "aria-labelledby": "fit-now-title" }, h("h2", { id: "fit-now-title" }, t("fitnow.title")), loadingState());
  const mine = seq;
  api("fit-now", { method: "POST", body: { person: personBody(), limit: 10 } })
    .then((answer) => {
      if (mine !== seq || !section.isConnected) return;
      const traits = (values, sign) =>
        Object.entries(values || {})
          .filter(([, v]) => v > 0)
          .map(([trait, v]) => `${traitLabel(trait)} ${sign}${num(v)}`)
          .join(", ") || "—";
      section.replaceChildren(
        h("h2", { id: "fit-now-title" }, t("fitnow.title")),
        h("p", { class: "hint" }, t("fitnow.hint")),
        h(
          "div",
          { class: "table-wrap" },
          h(
            "table",
            {},
            h("thead", {}, h("tr", {}, [t("role.col.role"), t("role.col.fit"), t("fitnow.col.strengths"), t("fitnow.col.gaps"), ""].map((c) => h("th", { scope: "col" }, c)))),
            h(
              "tbody",
              {},
              answer.roles.map((r) =>
                h(
                  "tr",
                  { dataset: { role: r.id } },
                  h("td", {}, h("a", { href: link("role", r.id) }, r.name)),
                  h("td", { class: ["num", fitClass(r.fit)] }, h("meter", { min: 0, max: 1, low: 0.5, high: 0.75, optimum: 1, value: r.fit, "aria-hidden": "true" }), ` ${pct(r.fit)}`),
                  h("td", {}, traits(r.strengths, "+")),
                  h("td", {}, traits(r.gaps, "+")),
                  h(
                    "td",
                    {},
                    cfg.targets.includes(r.id) || cfg.targets.length >= 3
                      ? ""
                      : h("a", { class: "button button-secondary button-small", href: hashOf({ ...cfg, targets: [...cfg.targets, r.id] }), "aria-label": t("fitnow.addTarget", { name: r.name }) }, "+"),
                  ),
                ),
              ),
            ),
          ),
        ),
      );
    })
    .catch(() => section.remove()); // optional: the comparison is the answer
  return section;
}

function routeText(route) {
  const names = route.roles.map(roleName);
  const path = route.steps[0]?.from == null ? [t("person.you"), ...names] : names;
  return h("span", {}, `${path.join(" → ")} (${stepsText(route.totals.steps)})`);
}

function failureText(answer) {
  if (answer.status === "rejected") return answer.reason?.problem?.title || t("state.error");
  return t("compare.noRoute", { reason: answer.value.reason || "" });
}
