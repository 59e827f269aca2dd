// The route finder: start role (or a person's scores) and target, constraints
// and mode; routes as a list, a Pareto chart, a diagram, development bars,
// the timeline, steps with their level changes, actions, and a printable plan.

import { h, uid } from "../dom.js";
import { t, num, pct, today, stepsText, aboutText, durationText, levelSign, levelWords, listText, signed } from "../i18n.js";
import { api, TRAITS, traitLabel, traitCode, roleName, hasPerson, personBody } from "../api.js";
import { roleCombobox, roleChips, personFieldset, loadingState, emptyState, noRouteState, errorState, apiFieldLabels, checkNumbers, invalidFieldsState, howToRead, disclaimer, imputedBadge } from "../widgets.js";
import { paretoChart, routeDiagram, developChart, timelineChart, developText, developLong } from "../charts.js";
import { link, navigate, replace } from "../router.js";

const MODES = ["alternatives", "pareto", "best", "shortest-gap"];
/** Choices of the max level rise per step ("any": no limit); "1" is the API's default. */
const LEVEL_RISES = ["0", "1", "2", "3", "any"];

const state = {
  startKind: "role",
  from: "",
  to: "",
  mode: "alternatives",
  k: 5,
  maxSteps: 4,
  minFit: 0,
  avoid: [],
  via: [],
  curated: false,
  fitWeight: 1,
  effortWeight: 1,
  maxStepEffort: "",
  maxTraitStep: "",
  monthsWeight: 0,
  maxLevelRise: "1",
  allowStepDown: false,
  allowGates: false,
  selected: 0,
};

let last = null; // {answer, personal}
let seq = 0;
/** Set by a search from the form: its answer takes the keyboard focus once drawn. */
let focusResults = false;

function intOr(value, fallback, min, max) {
  const n = parseInt(value, 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

function numOr(value, fallback) {
  const n = Number(value);
  return value !== "" && value !== null && Number.isFinite(n) ? n : fallback;
}

function list(value) {
  return (value || "").split(",").map((x) => x.trim()).filter(Boolean);
}

function readParams(params) {
  state.startKind = params.get("person") === "1" ? "person" : "role";
  state.from = params.get("from") || "";
  state.to = params.get("to") || "";
  state.mode = MODES.includes(params.get("mode")) ? params.get("mode") : "alternatives";
  state.k = intOr(params.get("k"), 5, 1, 50);
  state.maxSteps = intOr(params.get("steps"), 4, 1, 8);
  state.minFit = numOr(params.get("minfit"), 0);
  state.avoid = list(params.get("avoid"));
  state.via = list(params.get("via"));
  state.curated = params.get("curated") === "1";
  state.fitWeight = numOr(params.get("fw"), 1);
  state.effortWeight = numOr(params.get("ew"), 1);
  state.maxStepEffort = params.get("mse") || "";
  state.maxTraitStep = params.get("mts") || "";
  state.monthsWeight = numOr(params.get("mw"), 0);
  state.maxLevelRise = LEVEL_RISES.includes(params.get("rise")) ? params.get("rise") : "1";
  state.allowStepDown = params.get("down") === "1";
  state.allowGates = params.get("gates") === "1";
  state.selected = intOr(params.get("sel"), 1, 1, 50) - 1;
}

function hashOf(selected = state.selected) {
  const p = new URLSearchParams();
  if (state.startKind === "person") p.set("person", "1");
  if (state.from) p.set("from", state.from);
  if (state.to) p.set("to", state.to);
  p.set("mode", state.mode);
  if (state.mode === "alternatives") p.set("k", state.k);
  p.set("steps", state.maxSteps);
  if (state.minFit) p.set("minfit", state.minFit);
  if (state.avoid.length) p.set("avoid", state.avoid.join(","));
  if (state.via.length) p.set("via", state.via.join(","));
  if (state.curated) p.set("curated", "1");
  if (state.fitWeight !== 1) p.set("fw", state.fitWeight);
  if (state.effortWeight !== 1) p.set("ew", state.effortWeight);
  if (state.maxStepEffort !== "") p.set("mse", state.maxStepEffort);
  if (state.maxTraitStep !== "") p.set("mts", state.maxTraitStep);
  if (state.monthsWeight) p.set("mw", state.monthsWeight);
  if (state.maxLevelRise !== "1") p.set("rise", state.maxLevelRise);
  if (state.allowStepDown) p.set("down", "1");
  if (state.allowGates) p.set("gates", "1");
  if (selected > 0) p.set("sel", selected + 1);
  return link("route", "", p);
}

function requestBody() {
  const constraints = {
    max_steps: state.maxSteps,
    min_step_fit: Math.min(1, Math.max(0, state.minFit / 100)),
    avoid: state.avoid,
    via: state.via,
    curated_only: state.curated,
    max_level_rise: state.maxLevelRise === "any" ? null : Number(state.maxLevelRise),
    allow_step_down: state.allowStepDown,
    allow_credential_gates: state.allowGates,
  };
  if (state.maxStepEffort !== "") constraints.max_step_effort = intOr(state.maxStepEffort, 0, 0, 600);
  if (state.maxTraitStep !== "") constraints.max_trait_step = intOr(state.maxTraitStep, 0, 0, 100);
  const body = { to: state.to, mode: state.mode, constraints };
  if (state.from) body.from = state.from;
  if (state.mode === "alternatives") body.k = state.k;
  if (state.fitWeight !== 1 || state.effortWeight !== 1 || state.monthsWeight) {
    body.objective = { fit_weight: state.fitWeight, effort_weight: state.effortWeight, months_weight: state.monthsWeight };
  }
  if (state.startKind === "person") body.person = personBody();
  return body;
}

function fieldLabels() {
  return apiFieldLabels({
    from: state.startKind === "person" ? t("field.current") : t("field.from"),
    "person.current_role": t("field.current"),
    to: t("field.to"),
    k: t("field.k"),
    "constraints.max_steps": t("field.maxSteps"),
    "constraints.min_step_fit": t("field.minFit"),
    "constraints.avoid": t("field.avoid"),
    "constraints.via": t("field.via"),
    "constraints.max_step_effort": t("field.maxStepEffort"),
    "constraints.max_trait_step": t("field.maxTraitStep"),
    "constraints.max_level_rise": t("field.maxLevelRise"),
    "constraints.allow_step_down": t("field.allowStepDown"),
    "constraints.allow_credential_gates": t("field.allowGates"),
    "objective.fit_weight": t("field.fitWeight"),
    "objective.effort_weight": t("field.effortWeight"),
    "objective.months_weight": t("field.monthsWeight"),
  });
}

/** Replace an unknown role with one of the API's close matches and search again. */
function applySuggestion(field, roleId, wrong) {
  if (field === "from" || field === "person.current_role") state.from = roleId;
  else if (field === "to") state.to = roleId;
  else if (field === "constraints.avoid") state.avoid = state.avoid.map((x) => (x === wrong ? roleId : x));
  else if (field === "constraints.via") state.via = state.via.map((x) => (x === wrong ? roleId : x));
  state.selected = 0;
  navigate(hashOf());
}

// ------------------------------------------------------------------ view

export function render(main, { params }) {
  let asked = params.has("to") || params.has("from") || params.has("person");
  if (asked) readParams(params);
  else if (last) {
    // Back to the finder (e.g. from the menu): show the last query again.
    replace(hashOf());
    asked = true;
  }

  const results = h("section", { class: "results", id: "results", "aria-live": "polite", "aria-labelledby": "results-title" });
  main.append(
    h("h1", { tabindex: -1 }, t("title.route")),
    h("div", { class: "route-layout" }, form(results), results),
  );

  const ready = state.to && (state.startKind === "person" ? hasPerson() : state.from);
  if (asked && ready) run(results);
  else if (asked && state.startKind === "person" && state.to && !hasPerson()) {
    results.replaceChildren(heading(), h("div", { class: "state state-warning", role: "status", dataset: { state: "person-missing" } }, h("p", {}, t("person.reenter"))));
  } else {
    results.replaceChildren(heading(), emptyState(t("empty.route")));
  }
}

function heading(extra) {
  // Visible once there are routes to count (a search from the form then moves the focus
  // here); for screen readers always.
  return h("h2", { id: "results-title", tabindex: -1, class: extra ? "results-title" : "visually-hidden" }, t("routes.heading"), extra || "");
}

/**
 * After a search from the form, the answer takes the focus: the visible heading over the
 * routes, or else the message shown instead of them (no route, an error), never an
 * element the reader cannot see (WCAG 2.4.7).
 */
function focusAnswer(results) {
  if (!focusResults) return;
  focusResults = false;
  const target = results.querySelector("#results-title:not(.visually-hidden)") || results.querySelector(".state");
  if (!target) return;
  target.tabIndex = -1;
  target.focus();
}

function form(results) {
  const personal = state.startKind === "person";
  const from = roleCombobox({ label: personal ? t("field.current") : t("field.from"), value: state.from, name: "from", required: !personal });
  const to = roleCombobox({ label: t("field.to"), value: state.to, name: "to", required: true });
  const avoid = roleChips({ label: t("field.avoid"), values: state.avoid, name: "avoid" });
  const via = roleChips({ label: t("field.via"), values: state.via, name: "via" });
  const ids = { mode: uid("mode"), k: uid("k"), steps: uid("steps"), minFit: uid("minfit"), curated: uid("curated"), fw: uid("fw"), ew: uid("ew"), mse: uid("mse"), mts: uid("mts"), mw: uid("mw"), rise: uid("rise"), down: uid("down"), gates: uid("gates"), careerHint: uid("career-hint") };

  const kField = h(
    "div",
    { class: "field narrow", hidden: state.mode !== "alternatives" },
    h("label", { for: ids.k }, t("field.k")),
    h("input", { id: ids.k, name: "k", type: "number", min: 1, max: 50, step: 1, value: state.k, required: true, dataset: { check: "" } }),
  );
  const mode = h(
    "select",
    {
      id: ids.mode,
      name: "mode",
      onchange: (event) => {
        kField.hidden = event.target.value !== "alternatives";
      },
    },
    MODES.map((m) => h("option", { value: m, selected: m === state.mode }, t(`mode.${m}`))),
  );

  const startRadios = ["role", "person"].map((kind) => {
    const id = uid(`start-${kind}`);
    return h(
      "div",
      { class: "radio" },
      h("input", {
        type: "radio",
        id,
        name: "start",
        value: kind,
        checked: state.startKind === kind,
        onchange: () => {
          collect();
          state.startKind = kind;
          const fresh = form(results);
          el.replaceWith(fresh);
          fresh.querySelector(`input[name=start][value=${kind}]`).focus();
        },
      }),
      h("label", { for: id }, t(`start.${kind}`)),
    );
  });

  const swap = personal
    ? null
    : h(
        "button",
        {
          type: "button",
          class: "button button-icon swap",
          "aria-label": t("action.swap"),
          title: t("action.swap"),
          onclick: () => {
            collect();
            [state.from, state.to] = [state.to, state.from];
            from.set(state.from);
            to.set(state.to);
          },
        },
        "⇅",
      );

  const number = (id, name, labelKey, value, attrs) =>
    h("div", { class: "field narrow" }, h("label", { for: id }, t(labelKey)), h("input", { id, name, type: "number", value, dataset: { check: "" }, ...attrs }));

  function collect() {
    state.from = from.getId() || from.input.value.trim();
    state.to = to.getId() || to.input.value.trim();
    state.avoid = avoid.values();
    state.via = via.values();
    state.mode = mode.value;
    state.k = intOr(el.querySelector("[name=k]").value, 5, 1, 50);
    state.maxSteps = intOr(el.querySelector("[name=steps]").value, 4, 1, 8);
    state.minFit = Math.min(100, Math.max(0, numOr(el.querySelector("[name=minfit]").value, 0)));
    state.curated = el.querySelector("[name=curated]").checked;
    state.fitWeight = numOr(el.querySelector("[name=fw]").value, 1);
    state.effortWeight = numOr(el.querySelector("[name=ew]").value, 1);
    state.maxStepEffort = el.querySelector("[name=mse]").value.trim();
    state.maxTraitStep = el.querySelector("[name=mts]").value.trim();
    state.monthsWeight = Math.max(0, numOr(el.querySelector("[name=mw]").value, 0));
    state.maxLevelRise = el.querySelector("[name=rise]").value;
    state.allowStepDown = el.querySelector("[name=down]").checked;
    state.allowGates = el.querySelector("[name=gates]").checked;
  }

  const el = h(
    "form",
    {
      class: "card route-form",
      novalidate: true,
      "aria-label": t("title.route"),
      onsubmit: async (event) => {
        event.preventDefault();
        const invalid = checkNumbers(el);
        if (invalid.length) {
          results.replaceChildren(heading(), invalidFieldsState(invalid));
          return;
        }
        collect();
        const [fromId, toId, avoidIds, viaIds] = await Promise.all([from.resolve(), to.resolve(), avoid.resolve(), via.resolve()]);
        state.from = fromId;
        state.to = toId;
        state.avoid = avoidIds;
        state.via = viaIds;
        state.selected = 0;
        const missing = [];
        if (!personal && !state.from) missing.push(t("field.from"));
        if (!state.to) missing.push(t("field.to"));
        if (missing.length) {
          results.replaceChildren(heading(), h("div", { class: "state state-error", role: "alert", dataset: { state: "missing" } }, h("p", {}, t("state.missingRole", { field: missing.join(", ") }))));
          (!personal && !state.from ? from : to).input.focus();
          return;
        }
        focusResults = true;
        navigate(hashOf());
      },
    },
    h("fieldset", { class: "start-kind" }, h("legend", {}, t("start.legend")), h("div", { class: "radio-row" }, startRadios)),
    h("div", { class: "ends" }, from.root, swap, to.root),
    personal ? personFieldset() : null,
    h("div", { class: "field-row" }, h("div", { class: "field" }, h("label", { for: ids.mode }, t("field.mode")), mode), kField),
    h(
      "fieldset",
      { class: "constraints" },
      h("legend", {}, t("constraints.legend")),
      h(
        "div",
        { class: "field-row" },
        number(ids.steps, "steps", "field.maxSteps", state.maxSteps, { min: 1, max: 8, step: 1, required: true }),
        number(ids.minFit, "minfit", "field.minFit", state.minFit, { min: 0, max: 100, step: 5 }),
      ),
      avoid.root,
      via.root,
      h("div", { class: "checkbox" }, h("input", { type: "checkbox", id: ids.curated, name: "curated", checked: state.curated }), h("label", { for: ids.curated }, t("field.curated"))),
      h(
        "details",
        { class: "advanced" },
        h("summary", {}, t("field.advanced")),
        h(
          "div",
          { class: "field-row" },
          number(ids.fw, "fw", "field.fitWeight", state.fitWeight, { min: 0, max: 100, step: 0.1 }),
          number(ids.ew, "ew", "field.effortWeight", state.effortWeight, { min: 0, max: 100, step: 0.1 }),
          number(ids.mse, "mse", "field.maxStepEffort", state.maxStepEffort, { min: 0, max: 600, step: 1 }),
          number(ids.mts, "mts", "field.maxTraitStep", state.maxTraitStep, { min: 0, max: 100, step: 1 }),
          number(ids.mw, "mw", "field.monthsWeight", state.monthsWeight, { min: 0, max: 100, step: 0.1 }),
        ),
        careerFields(ids),
      ),
    ),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button button-primary" }, t("action.find"))),
  );
  return el;
}

/** The seniority and credential options (the API's defaults unless changed). */
function careerFields(ids) {
  const checkbox = (id, name, labelKey, checked) =>
    h("div", { class: "checkbox" }, h("input", { type: "checkbox", id, name, checked, "aria-describedby": ids.careerHint }), h("label", { for: id }, t(labelKey)));
  return h(
    "fieldset",
    { class: "career" },
    h("legend", {}, t("field.career")),
    h(
      "div",
      { class: "field narrow" },
      h("label", { for: ids.rise }, t("field.maxLevelRise")),
      h(
        "select",
        { id: ids.rise, name: "rise", "aria-describedby": ids.careerHint },
        LEVEL_RISES.map((v) => h("option", { value: v, selected: v === state.maxLevelRise }, v === "any" ? t("field.maxLevelRise.any") : v)),
      ),
    ),
    checkbox(ids.down, "down", "field.allowStepDown", state.allowStepDown),
    checkbox(ids.gates, "gates", "field.allowGates", state.allowGates),
    h("p", { id: ids.careerHint, class: "hint" }, t("field.career.hint")),
  );
}

// ------------------------------------------------------------------ query

async function run(results) {
  const mine = ++seq;
  results.setAttribute("aria-busy", "true");
  results.replaceChildren(heading(), loadingState());
  const personal = state.startKind === "person";
  try {
    const answer = await api("routes", { method: "POST", body: requestBody() });
    if (mine !== seq || !results.isConnected) return;
    last = { answer, personal, scores: personal ? personBody().scores : null, leverage: null };
    if (state.selected >= answer.routes.length) state.selected = 0;
    drawResults(results);
    focusAnswer(results);
    if (personal) loadLeverage(results, mine);
  } catch (error) {
    if (mine !== seq || !results.isConnected) return;
    results.replaceChildren(
      heading(),
      errorState(error, {
        onRetry: () => run(results),
        onSuggest: (field, roleId) => applySuggestion(field, roleId, error.problem?.role_id),
        fieldLabels: fieldLabels(),
      }),
    );
    focusAnswer(results);
  } finally {
    if (mine === seq) results.removeAttribute("aria-busy");
  }
}

function drawResults(results, focusSelector = null) {
  const { answer, personal } = last;
  const routes = answer.routes;
  if (!routes.length) {
    results.replaceChildren(heading(), noRouteState(answer.reason));
    return;
  }
  const selected = state.selected;
  // Re-drawing replaces the buttons: keep the keyboard focus on the one used.
  const select = (i, focus) => {
    state.selected = i;
    replace(hashOf(i));
    drawResults(results, focus ? `${focus}[data-route-index="${i}"]` : null);
  };
  const count = routes.length === 1 ? t("routes.countOne") : t("routes.count", { n: routes.length });
  const listEl = h(
    "ol",
    { class: "route-list", "aria-label": t("routes.select") },
    routes.map((route, i) =>
      h(
        "li",
        {},
        h(
          "button",
          {
            type: "button",
            class: ["route-choice", i === selected && "selected"],
            "aria-pressed": i === selected ? "true" : "false",
            dataset: { routeIndex: i },
            onclick: () => select(i, ".route-choice"),
          },
          h("span", { class: "route-choice-title" }, t("route.n", { n: i + 1 })),
          h("span", { class: "route-choice-path" }, routeNames(route).join(" → ")),
          h(
            "span",
            { class: "route-choice-meta", title: `${t("tip.cumulative")} ${t("tip.effort")}` },
            t("route.summary", { steps: stepsText(route.totals.steps), fit: pct(route.totals.cumulative_fit), effort: route.totals.effort }),
            route.totals.months != null ? ` · ${aboutText(route.totals.months)}` : "",
          ),
        ),
      ),
    ),
  );
  const chart = paretoChart({ routes, selected, personal, onSelect: (i) => select(i, ".pareto-point") });
  // replaceChildren prints null and undefined as words: absent parts are left out.
  const parts = [
    heading(h("span", { class: "count", dataset: { count: routes.length } }, ` · ${count}${personal ? ` · ${t("routes.personal")}` : ""}`)),
    disclaimer("no-print"), // the printed plan says it in its header
    howToRead(),
    answer.notice ? noticeState(answer.notice) : null,
    h(
      "div",
      { class: "result-grid no-print" },
      h("div", { class: "card" }, h("h3", {}, t("routes.select")), listEl),
      h("figure", { class: "card pareto" }, h("h3", {}, chart.title), chart.svg, h("figcaption", { class: "hint" }, chart.hint)),
    ),
    routeDetail(routes[selected], selected),
    personal ? leverageSection() : null,
  ];
  results.replaceChildren(...parts.filter(Boolean));
  if (focusSelector) results.querySelector(focusSelector)?.focus();
}

/** The answer's notice, e.g. that every route steps down because no other exists. */
function noticeState(notice) {
  return h("div", { class: "state state-warning notice", role: "status", dataset: { state: "notice" } }, h("h3", {}, t("notice.title")), h("p", {}, notice));
}

/** Which trait, raised by 10 points, most improves the person's best route (POST /v1/leverage). */
async function loadLeverage(results, mine) {
  const body = requestBody();
  const person = { ...body.person };
  if (body.from) person.current_role = body.from;
  const query = { person, to: body.to, points: LEVERAGE_POINTS, constraints: body.constraints };
  if (body.objective) query.objective = body.objective;
  try {
    last.leverage = await api("leverage", { method: "POST", body: query });
  } catch {
    last.leverage = "failed"; // an optional panel: the routes are the answer
  }
  if (mine !== seq || !results.isConnected) return;
  results.querySelector("#leverage")?.replaceWith(leverageSection() || "");
}

const LEVERAGE_POINTS = 10;

/**
 * The traits that share the top of the leverage answer: the API ranks ties in
 * OCEAN+ order, which is no reason to work on one before the other.
 */
function topTraits(lev) {
  if (!lev.best_trait) return [];
  const key = (item) => (lev.baseline ? item.improvement : item.route?.totals.score);
  const top = key(lev.by_trait[0]);
  return lev.by_trait.filter((item) => item.route && Math.abs(key(item) - top) < 1e-9).map((item) => item.trait);
}

/** A change of cumulative fit in percentage points, as the page shows fits (whole percents). */
function fitChange(route, baseline) {
  if (!baseline) return t("lev.opens");
  const points = Math.round(route.totals.cumulative_fit * 100) - Math.round(baseline.totals.cumulative_fit * 100);
  return points === 0 ? t("lev.same") : t("lev.pp", { n: signed(points) });
}

function monthsChange(route, baseline) {
  if (route.totals.months == null || baseline?.totals.months == null) return "—";
  const months = route.totals.months - baseline.totals.months;
  return Math.abs(months) < 0.05 ? t("lev.same") : signed(months, 1);
}

function leverageSection() {
  const lev = last?.leverage;
  if (lev === "failed") return null;
  const section = h("section", { class: "card leverage no-print", id: "leverage", "aria-labelledby": "leverage-title" }, h("h3", { id: "leverage-title" }, t("lev.title")));
  if (!lev) {
    section.append(loadingState());
    return section;
  }
  const target = roleName(state.to);
  const top = topTraits(lev);
  const tie = top.length > 1;
  let message = t("lev.none", { p: lev.points, target });
  if (tie) message = t("lev.tie", { traits: listText(top.map(traitLabel), "disjunction"), p: lev.points, target });
  else if (top.length) message = t("lev.best", { trait: traitLabel(top[0]), p: lev.points, target });
  const months = (route) => (route.totals.months != null ? num(route.totals.months, 1) : "—");
  const cells = (route, baseline, isBaseline) =>
    route
      ? [
          h("td", { class: "num" }, pct(route.totals.cumulative_fit)),
          h("td", { class: "num fit-change" }, isBaseline ? "—" : fitChange(route, baseline)),
          h("td", { class: "num" }, months(route)),
          h("td", { class: "num months-change" }, isBaseline ? "—" : monthsChange(route, baseline)),
          h("td", { class: "num" }, String(route.totals.effort)),
        ]
      : [h("td", { colspan: 5 }, t("lev.noRoute"))];
  const header = [
    [t("lev.col.trait")],
    [t("lev.col.to")],
    [t("totals.fit"), t("tip.cumulative")],
    [t("lev.col.fitChange"), t("tip.pp")],
    [t("totals.months"), t("tip.months")],
    [t("lev.col.monthsChange")],
    [t("totals.effort"), t("tip.effort")],
  ];
  section.append(
    h("p", { class: "lev-best", dataset: { bestTrait: tie ? "" : top[0] || "", tied: tie ? top.join(",") : "" } }, message),
    h("p", { class: "hint" }, t("lev.hint", { p: lev.points })),
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "leverage-table" },
        h("thead", {}, h("tr", {}, header.map(([label, tip]) => h("th", { scope: "col", title: tip }, label)))),
        h(
          "tbody",
          {},
          h("tr", { class: "baseline" }, h("th", { scope: "row" }, t("lev.now")), h("td", {}, "—"), cells(lev.baseline, null, true)),
          lev.by_trait.map((item) => {
            const leading = top.includes(item.trait);
            return h(
              "tr",
              { class: leading ? (tie ? "tied" : "best") : null, dataset: { trait: item.trait } },
              h(
                "th",
                { scope: "row" },
                `${item.label} +${lev.points}`,
                leading ? h("span", { class: ["badge", tie ? "badge-tie" : "badge-best"] }, tie ? t("lev.tieBadge") : t("lev.bestBadge")) : null,
              ),
              h("td", { class: "num" }, num(item.raised_to)),
              cells(item.route, lev.baseline, false),
            );
          }),
        ),
      ),
    ),
  );
  return section;
}

function routeNames(route) {
  const names = route.roles.map(roleName);
  return route.steps[0]?.from == null ? [t("person.you"), ...names] : names;
}

function routeDetail(route, index) {
  const tot = route.totals;
  const start = route.steps[0]?.from;
  const goal = route.roles[route.roles.length - 1];
  // Neutral colours: the totals describe the chosen route, they do not grade it.
  const totals = [
    ["totals.fit", pct(tot.cumulative_fit), "tip.cumulative"],
    ["totals.weakest", pct(tot.weakest_step), "tip.weakest"],
    ["totals.mean", pct(tot.mean_step_fit), "tip.mean"],
    ["totals.effort", `${tot.effort} ${t("dev.unit")}`, "tip.effort"],
    ["totals.steps", String(tot.steps)],
    tot.months != null ? ["totals.duration", aboutText(tot.months), "tip.months"] : null,
  ].filter(Boolean);
  const scores = last.scores
    ? TRAITS.map((x) => `${traitCode(x.id)} ${num(last.scores[x.id])}`).join(" · ")
    : null;

  return h(
    "article",
    { class: "card route-detail", id: "route-detail", dataset: { routeIndex: index }, "aria-labelledby": "route-detail-title" },
    h(
      "div",
      { class: "print-header print-only" },
      h("p", { class: "print-brand" }, `Rumbo · ${t("plan.title")}`),
      h("p", {}, t("plan.for", { from: start ? roleName(start) : t("person.you"), to: roleName(goal) })),
      h("p", {}, t("plan.date", { date: today() })),
      scores ? h("p", {}, t("plan.person", { scores })) : null,
      h("p", { class: "print-disclaimer" }, t("disclaimer")),
    ),
    h(
      "header",
      { class: "detail-head" },
      h("h3", { id: "route-detail-title" }, t("route.n", { n: index + 1 }), h("span", { class: "detail-path" }, ` · ${routeNames(route).join(" → ")}`)),
      h("button", { type: "button", class: "button button-secondary no-print", id: "print-plan", onclick: () => window.print() }, t("action.print")),
    ),
    h("p", { class: "explanation" }, route.explanation),
    h("dl", { class: "totals" }, totals.map(([key, value, tip]) => h("div", { class: "total", title: tip ? t(tip) : null }, h("dt", {}, t(key)), h("dd", {}, value)))),
    h(
      "figure",
      { class: "diagram" },
      routeDiagram(route, { title: `${t("diagram.title")} — ${t("route.n", { n: index + 1 })}` }),
      h(
        "figcaption",
        { class: "legend" },
        h("span", { class: "key key-curated" }, t("diagram.legend.curated")),
        h("span", { class: "key key-derived" }, t("diagram.legend.derived")),
        h("span", { class: "key key-onet" }, t("diagram.legend.onet")),
        h("span", { class: "key-codes" }, t("diagram.traits", { codes: TRAITS.map((x) => `${x.code} = ${traitLabel(x.id)}`).join(", ") })),
      ),
    ),
    h(
      "div",
      { class: ["charts-row", tot.months != null && "with-timeline"] },
      h("figure", { class: "develop" }, h("h4", {}, t("dev.title")), tot.effort ? developChart(tot.develop, t("dev.title")) : h("p", {}, t("dev.none"))),
      tot.months != null ? h("figure", { class: "timeline" }, h("h4", {}, t("timeline.title")), timelineChart(route), h("figcaption", {}, t("timeline.total", { d: durationText(tot.months) }))) : null,
    ),
    stepsTable(route),
    actionsList(route),
    actionsByTrait(route),
    h("div", { class: "print-only notes" }, h("h4", {}, t("plan.notes"))),
  );
}

function stepsTable(route) {
  const timed = route.steps.some((step) => step.months != null);
  const cols = ["n", "move", "fit", "level", "origin", "develop", ...(timed ? ["months"] : []), "strengths"];
  const tips = { fit: "tip.fit", level: "tip.level", origin: "tip.origin", develop: "tip.effort", months: "tip.months" };
  const imputed = new Set(route.imputed || []);
  const roleLink = (roleId) => [h("a", { href: link("role", roleId) }, roleName(roleId)), imputed.has(roleId) ? imputedBadge() : null];
  return h(
    "section",
    { class: "steps" },
    h("h4", {}, t("steps.title")),
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        {},
        h("thead", {}, h("tr", {}, cols.map((c) => h("th", { scope: "col", title: tips[c] ? t(tips[c]) : null }, t(`steps.col.${c}`))))),
        h(
          "tbody",
          {},
          route.steps.map((step, i) =>
            h(
              "tr",
              {},
              h("td", {}, String(i + 1)),
              h(
                "td",
                {},
                step.from ? roleLink(step.from) : t("person.you"),
                " → ",
                roleLink(step.to),
              ),
              h("td", { class: "num" }, pct(step.fit)),
              h("td", { class: "num level", title: levelWords(step.level_change), dataset: { levelChange: step.level_change ?? "" } }, levelSign(step.level_change) || "—"),
              h("td", {}, t(`origin.${step.origin || "entry"}`)),
              h("td", { title: developLong(step.develop) }, developText(step.develop) || "—"),
              timed ? h("td", { class: "num" }, step.months != null ? num(step.months, 0) : "—") : null,
              h("td", {}, step.strengths.length ? step.strengths.join("; ") : "—"),
            ),
          ),
        ),
      ),
    ),
  );
}

function actionsList(route) {
  const steps = route.steps.map((step, i) => ({ step, i })).filter(({ step }) => Object.keys(step.actions || {}).length);
  if (!steps.length) return null;
  return h(
    "section",
    { class: "actions-list no-print" },
    h("h4", {}, t("actions.title")),
    h(
      "ol",
      { class: "action-steps" },
      steps.map(({ step, i }) =>
        h(
          "li",
          { value: i + 1 },
          h("strong", {}, t("actions.step", { n: i + 1, name: roleName(step.to) })),
          h(
            "ul",
            {},
            TRAITS.filter((x) => step.actions[x.id]?.length).map((x) =>
              h("li", {}, h("span", { class: "trait-tag" }, `${traitLabel(x.id)} +${step.develop[x.id] ?? 0}`), " ", step.actions[x.id].join(" · ")),
            ),
          ),
        ),
      ),
    ),
  );
}

/** The same actions once per trait, with the steps that need it (the printed plan). */
function actionsByTrait(route) {
  const rows = TRAITS.map((x) => {
    const steps = route.steps.map((step, i) => ({ i, points: step.develop[x.id] || 0, actions: step.actions?.[x.id] || [] })).filter((e) => e.points > 0);
    const actions = steps.find((e) => e.actions.length)?.actions || [];
    return { x, steps, actions };
  }).filter((row) => row.steps.length && row.actions.length);
  if (!rows.length) return null;
  return h(
    "section",
    { class: "actions-compact print-only" },
    h("h4", {}, t("actions.title")),
    h(
      "table",
      {},
      h("thead", {}, h("tr", {}, [t("role.col.develop"), t("actions.where"), t("actions.title")].map((c) => h("th", { scope: "col" }, c)))),
      h(
        "tbody",
        {},
        rows.map(({ x, steps, actions }) =>
          h(
            "tr",
            {},
            h("td", { class: "num" }, `${traitLabel(x.id)} +${steps.reduce((sum, e) => sum + e.points, 0)}`),
            h("td", {}, steps.map((e) => t("actions.stepPoints", { n: e.i + 1, p: e.points })).join(", ")),
            h("td", {}, actions.join(" · ")),
          ),
        ),
      ),
    ),
  );
}

/** The last route answer (for tests and the print plan). */
export function lastAnswer() {
  return last?.answer ?? null;
}
