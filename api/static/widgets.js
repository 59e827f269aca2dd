// Form widgets (role type-ahead, role chips, the person's scores) and the
// loading / empty / error states every view shows.

import { h, uid, debounce } from "./dom.js";
import { t, num, familyName, levelName } from "./i18n.js";
import {
  api,
  ApiError,
  TRAITS,
  traitLabel,
  traitCode,
  roleName,
  roleInfo,
  exactRole,
  person,
} from "./api.js";

// ------------------------------------------------------------------ type-ahead

/**
 * A labelled text input with a listbox of matching roles (ARIA combobox).
 * Type part of a name or id; arrows move, Enter picks, Escape closes.
 *
 * Returns {root, input, getId(), resolve(), set(id)}: resolve() is the
 * picked role id, or the typed text when it names no role unambiguously
 * (the API then answers "unknown role" with close matches).
 */
export function roleCombobox({ label, value = "", name, required = false, onPick, onEnter, hint = true }) {
  const id = uid(name || "role");
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const input = h("input", {
    id,
    name,
    type: "text",
    role: "combobox",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": listId,
    "aria-describedby": hint ? hintId : null,
    autocomplete: "off",
    spellcheck: "false",
    required,
    dataset: { roleInput: name || "" },
  });
  const list = h("ul", { id: listId, role: "listbox", class: "combo-list", "aria-label": label, hidden: true });
  const live = h("span", { class: "visually-hidden", "aria-live": "polite" });
  let options = [];
  let active = -1;
  let seq = 0;

  function set(roleId) {
    if (roleId) {
      input.value = roleName(roleId);
      input.dataset.roleId = roleId;
    } else {
      input.value = "";
      delete input.dataset.roleId;
    }
  }
  set(value);

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    active = index;
    options.forEach((li, i) => li.setAttribute("aria-selected", i === index ? "true" : "false"));
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function pick(roleId) {
    set(roleId);
    close();
    if (onPick) onPick(roleId);
  }

  const search = debounce(async () => {
    const text = input.value.trim();
    const mine = ++seq;
    if (!text) {
      close();
      return;
    }
    let answer;
    try {
      answer = await api("roles", { params: { q: text, limit: 8 } });
    } catch {
      close();
      return;
    }
    if (mine !== seq || document.activeElement !== input) return;
    list.replaceChildren();
    options = answer.items.map((role, i) => {
      const extra = [role.id, familyName(role.family), levelName(role.level)].filter(Boolean).join(" · ");
      const li = h(
        "li",
        { id: `${id}-opt-${i}`, role: "option", "aria-selected": "false", class: "combo-option", dataset: { id: role.id } },
        h("span", { class: "combo-name" }, role.name, role.imputed ? imputedBadge() : null),
        h("span", { class: "combo-extra" }, extra),
      );
      li.addEventListener("mousedown", (event) => {
        event.preventDefault();
        pick(role.id);
      });
      return li;
    });
    if (options.length) list.append(...options);
    else list.append(h("li", { class: "combo-empty", role: "option", "aria-disabled": "true" }, t("combo.none")));
    live.textContent = options.length ? t("combo.results", { n: options.length }) : t("combo.none");
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    highlight(-1);
  }, 80);

  input.addEventListener("input", () => {
    delete input.dataset.roleId;
    search();
  });
  input.addEventListener("keydown", (event) => {
    const open = !list.hidden && options.length > 0;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open) search();
      else highlight((active + 1) % options.length);
    } else if (event.key === "ArrowUp") {
      if (open) {
        event.preventDefault();
        highlight(active <= 0 ? options.length - 1 : active - 1);
      }
    } else if (event.key === "Enter") {
      if (open && active >= 0) {
        event.preventDefault();
        pick(options[active].dataset.id);
      } else if (onEnter) {
        event.preventDefault();
        close();
        onEnter();
      }
    } else if (event.key === "Escape") {
      if (!list.hidden) {
        event.preventDefault();
        close();
      }
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));

  const root = h(
    "div",
    { class: "field combo" },
    h("label", { for: id }, label),
    h("div", { class: "combo-wrap" }, input, list),
    hint ? h("p", { id: hintId, class: "hint" }, t("combo.hint")) : null,
    live,
  );

  return {
    root,
    input,
    set,
    getId: () => input.dataset.roleId || "",
    async resolve() {
      if (input.dataset.roleId) return input.dataset.roleId;
      const text = input.value.trim();
      if (!text) return "";
      const exact = exactRole(text);
      if (exact) {
        set(exact);
        return exact;
      }
      try {
        const answer = await api("roles", { params: { q: text, limit: 2 } });
        if (answer.total === 1) {
          set(answer.items[0].id);
          return answer.items[0].id;
        }
      } catch {
        /* the query itself will report the service's state */
      }
      return text;
    },
  };
}

/** A list of roles built with a type-ahead (avoid, via). Returns {root, values(), resolve()}. */
export function roleChips({ label, values = [], name }) {
  let chosen = [...values];
  const chips = h("ul", { class: "chips", "aria-label": label });
  const combo = roleCombobox({
    label,
    name,
    hint: false,
    onPick: (roleId) => {
      add(roleId);
      combo.set("");
    },
    onEnter: async () => {
      const roleId = await combo.resolve();
      if (roleId) add(roleId);
      combo.set("");
    },
  });

  function add(roleId) {
    if (roleId && !chosen.includes(roleId)) chosen.push(roleId);
    draw();
  }

  function draw() {
    chips.replaceChildren(
      ...chosen.map((roleId) =>
        h(
          "li",
          { class: "chip", dataset: { id: roleId } },
          h("span", {}, roleName(roleId)),
          h(
            "button",
            {
              type: "button",
              class: "chip-remove",
              "aria-label": t("chips.remove", { name: roleName(roleId) }),
              onclick: () => {
                chosen = chosen.filter((x) => x !== roleId);
                draw();
                combo.input.focus();
              },
            },
            "×",
          ),
        ),
      ),
    );
  }
  draw();
  combo.root.append(chips);
  return {
    root: combo.root,
    values: () => [...chosen],
    async resolve() {
      if (combo.input.value.trim()) {
        const roleId = await combo.resolve();
        if (roleId) add(roleId);
        combo.set("");
      }
      return [...chosen];
    },
  };
}

// ------------------------------------------------------------------ person

/** The six score inputs and the pace settings, bound to the shared `person`. */
export function personFieldset() {
  const inputs = TRAITS.map((trait) => {
    const id = uid(`score-${trait.id}`);
    const input = h("input", {
      id,
      type: "number",
      min: 0,
      max: 100,
      step: 1,
      inputmode: "numeric",
      name: `score-${trait.id}`,
      required: true,
      value: person.scores[trait.id],
      dataset: { trait: trait.id, check: "" },
      oninput: (event) => {
        person.scores[trait.id] = event.target.value;
        recheck(event.target);
      },
    });
    return h(
      "div",
      { class: "field score" },
      h("label", { for: id }, `${traitLabel(trait.id)} (${traitCode(trait.id)})`),
      input,
    );
  });
  // Blank rate and months: the catalog's (sourced) defaults.
  const pace = [
    ["tolerance", "person.tolerance", 0, 50, 1, null],
    ["development_rate", "person.rate", 0.1, 50, 0.1, t("person.catalogDefault")],
    ["min_months_in_role", "person.minMonths", 0, 120, 1, t("person.catalogDefault")],
  ].map(([key, labelKey, min, max, step, placeholder]) => {
    const id = uid(key);
    return h(
      "div",
      { class: "field" },
      h("label", { for: id }, t(labelKey)),
      h("input", {
        id,
        type: "number",
        min,
        max,
        step,
        name: key,
        value: person[key],
        placeholder,
        dataset: { check: "" },
        oninput: (event) => {
          person[key] = event.target.value;
          recheck(event.target);
        },
      }),
    );
  });
  return h(
    "fieldset",
    { class: "person" },
    h("legend", {}, t("person.legend")),
    h("div", { class: "score-grid" }, inputs),
    h("details", { class: "pace" }, h("summary", {}, t("person.pace")), h("div", { class: "field-row" }, pace)),
    h("p", { class: "hint" }, t("person.private")),
  );
}

// ------------------------------------------------------------------ field checks

/** What is wrong with a number field marked data-check ("" when nothing is). */
function numberProblem(input) {
  if (input.closest("[hidden]")) return "";
  const range = { min: num(Number(input.min)), max: num(Number(input.max)) };
  const text = input.value.trim();
  if (input.validity.badInput) return t("field.range", range);
  if (text === "") return input.required ? t("field.required", range) : "";
  const value = Number(text);
  const inRange = Number.isFinite(value) && value >= Number(input.min) && value <= Number(input.max);
  return inRange ? "" : t("field.range", range);
}

/** Show (or clear) a field's message under it, tied to the input by aria-describedby. */
function showProblem(input, message) {
  const errorId = `${input.id}-error`;
  let error = document.getElementById(errorId);
  if (!error) {
    error = h("p", { id: errorId, class: "field-error", hidden: true });
    input.insertAdjacentElement("afterend", error);
  }
  const described = (input.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && x !== errorId);
  error.textContent = message;
  error.hidden = !message;
  if (message) {
    input.setAttribute("aria-invalid", "true");
    described.push(errorId);
  } else {
    input.removeAttribute("aria-invalid");
  }
  if (described.length) input.setAttribute("aria-describedby", described.join(" "));
  else input.removeAttribute("aria-describedby");
}

/** Typing in a field marked invalid checks it again (so the message goes once it is right). */
function recheck(input) {
  if (input.getAttribute("aria-invalid") === "true") showProblem(input, numberProblem(input));
}

/**
 * Check every visible number field marked data-check in `container`: a
 * missing required value or one outside the field's min–max gets a message
 * at the field. Returns the invalid inputs, in page order (empty when all
 * are right); a closed <details> holding one is opened so it can take focus.
 */
export function checkNumbers(container) {
  const invalid = [];
  for (const input of container.querySelectorAll("input[data-check]")) {
    const message = numberProblem(input);
    showProblem(input, message);
    if (message) {
      invalid.push(input);
      const details = input.closest("details");
      if (details) details.open = true;
    }
  }
  return invalid;
}

/** A form's invalid fields as one alert naming them; focus goes to the first field. */
export function invalidFieldsState(inputs) {
  const names = inputs.map((input) => document.querySelector(`label[for="${input.id}"]`)?.textContent || input.name);
  inputs[0]?.focus();
  return h("div", { class: "state state-error", role: "alert", dataset: { state: "invalid-fields" } }, h("p", {}, t("state.checkFields", { fields: names.join(", ") })));
}

// ------------------------------------------------------------------ reading help

/** Whether the reader left the "how to read this" panel open (kept across re-drawn answers). */
let readingHelpOpen = false;

/** The "how to read this" panel: what fit, cumulative fit, effort, derived moves and months mean. */
export function howToRead() {
  const terms = ["fit", "cumulative", "effort", "derived", "months"];
  // Re-drawn answers (another route selected) keep the panel as the reader left it.
  return h(
    "details",
    {
      class: "card how-to-read no-print",
      open: readingHelpOpen,
      dataset: { panel: "how-to-read" },
      ontoggle: (event) => {
        readingHelpOpen = event.target.open;
      },
    },
    h("summary", {}, t("howto.title")),
    h(
      "dl",
      {},
      terms.map((term) => h("div", { dataset: { term } }, h("dt", {}, t(`howto.${term}.term`)), h("dd", {}, t(`howto.${term}`)))),
    ),
    h("p", { class: "hint" }, t("howto.colour")),
  );
}

/** The plain statement that results are guidance, not a hiring decision. */
export function disclaimer(extraClass = null) {
  return h("p", { class: ["disclaimer", extraClass], role: "note", dataset: { state: "disclaimer" } }, t("disclaimer"));
}

/** The "imputed profile" badge, its meaning in a tooltip. */
export function imputedBadge() {
  return h("span", { class: "badge badge-imputed", title: t("role.imputed.tip"), dataset: { imputed: "" } }, t("role.imputed"));
}

// ------------------------------------------------------------------ states

export function loadingState() {
  return h(
    "div",
    { class: "state state-loading", role: "status", dataset: { state: "loading" } },
    h("span", { class: "spinner", "aria-hidden": "true" }),
    t("loading"),
  );
}

export function emptyState(text) {
  return h("div", { class: "state state-empty", dataset: { state: "empty" } }, h("p", {}, text));
}

/** The answer "no route under these constraints", with the API's reason. */
export function noRouteState(reason) {
  return h(
    "div",
    { class: "state state-warning", role: "status", dataset: { state: "no-route" } },
    h("h3", {}, t("state.noRoute")),
    reason ? h("p", { class: "reason" }, reason) : null,
    h("p", { class: "hint" }, t("state.noRoute.hint")),
  );
}

/**
 * An error answer as a panel. Options: onRetry() for "service unavailable",
 * onSuggest(field, roleId) to apply one of an unknown role's close matches,
 * fieldLabels {apiField: label} to name fields as the form does.
 */
export function errorState(error, { onRetry, onSuggest, fieldLabels = {} } = {}) {
  if (!(error instanceof ApiError)) {
    console.error(error);
    error = new ApiError("other", 0, { title: t("state.error"), detail: String(error?.message || error) });
  }
  const p = error.problem;
  const label = (field) => fieldLabels[field] || field;
  if (error.kind === "unavailable") {
    const retry = error.retryAfter || p.retry_after;
    return h(
      "div",
      { class: "state state-error", role: "alert", dataset: { state: "unavailable" } },
      h("h3", {}, t("state.unavailable")),
      h("p", {}, t("state.unavailable.text")),
      retry ? h("p", { class: "hint" }, t("state.retryAfter", { s: retry })) : null,
      onRetry ? h("button", { type: "button", class: "button", onclick: onRetry }, t("action.retry")) : null,
    );
  }
  if (error.kind === "unknown-role") {
    const suggestions = p.suggestions || [];
    return h(
      "div",
      { class: "state state-error", role: "alert", dataset: { state: "unknown-role" } },
      h("h3", {}, t("state.unknownRole")),
      h("p", {}, t("state.unknownRole.text", { id: p.role_id ?? "" })),
      p.field ? h("p", { class: "hint" }, t("state.unknownRole.field", { field: label(p.field) })) : null,
      suggestions.length
        ? [
            h("p", {}, t("state.didYouMean")),
            h(
              "ul",
              { class: "suggestions" },
              suggestions.map((roleId) =>
                h(
                  "li",
                  {},
                  h(
                    "button",
                    {
                      type: "button",
                      class: "button button-secondary",
                      dataset: { suggestion: roleId },
                      disabled: !onSuggest,
                      onclick: () => onSuggest && onSuggest(p.field, roleId),
                    },
                    roleInfo(roleId) ? `${roleName(roleId)} (${roleId})` : roleId,
                  ),
                ),
              ),
            ),
          ]
        : h("p", { class: "hint" }, t("state.noSuggestions")),
    );
  }
  if (error.kind === "invalid") {
    return h(
      "div",
      { class: "state state-error", role: "alert", dataset: { state: "invalid" } },
      h("h3", {}, t("state.invalid")),
      h(
        "ul",
        {},
        (p.errors || [{ field: "", message: p.detail }]).map((e) =>
          h("li", {}, e.field ? h("strong", {}, `${label(e.field)}: `) : null, e.message),
        ),
      ),
    );
  }
  return h(
    "div",
    { class: "state state-error", role: "alert", dataset: { state: error.kind } },
    h("h3", {}, error.kind === "not-found" ? t("state.notFound") : p.title || t("state.error")),
    p.detail ? h("p", {}, p.detail) : null,
  );
}

/** Field labels for the API's field names (person scores included). */
export function apiFieldLabels(extra = {}) {
  const labels = { ...extra };
  for (const trait of TRAITS) labels[`person.scores.${trait.id}`] = traitLabel(trait.id);
  labels["person.tolerance"] = t("person.tolerance");
  labels["person.development_rate"] = t("person.rate");
  labels["person.min_months_in_role"] = t("person.minMonths");
  return labels;
}
