// The page's client for the Rumbo /v1 API (same origin, relative URLs), the
// shared state every view reads (traits, role names, the person being
// coached), and the error kinds the views show.

import { getLang } from "./i18n.js";
import { fold } from "./dom.js";

/** An answer that is not a success, classified for the views. */
export class ApiError extends Error {
  /**
   * kind: "unavailable" (no answer, or 502/503/504), "unknown-role" (404 with
   * suggestions), "invalid" (422), "not-found" (other 404) or "other".
   */
  constructor(kind, status, problem, retryAfter) {
    super(problem?.detail || problem?.title || kind);
    this.kind = kind;
    this.status = status;
    this.problem = problem || {};
    this.retryAfter = retryAfter;
  }
}

function classify(status, problem) {
  if (status === 0 || status === 502 || status === 503 || status === 504) return "unavailable";
  if (String(problem?.type || "").endsWith(":unknown-role")) return "unknown-role";
  if (status === 422) return "invalid";
  if (status === 404) return "not-found";
  return "other";
}

/** Tries of a request the service turns away because it is busy (503 too-busy). */
const BUSY_TRIES = 4;
/** Longest wait, in seconds, between two of those tries. */
const BUSY_WAIT_MAX = 5;

/**
 * Call the API: api("roles", {params: {q: "datos"}}) or
 * api("routes", {method: "POST", body: {...}}). The current language is sent
 * as ?lang=. Resolves to the JSON body; rejects with an ApiError.
 *
 * A service answers 503 "too-busy" at once when it already runs as many
 * searches as it allows (the compare view asks three at a time): such an
 * answer is tried again after its Retry-After, a few times, before it is shown.
 */
export async function api(path, options = {}) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await request(path, options);
    } catch (error) {
      const busy = error instanceof ApiError && error.status === 503
        && String(error.problem?.type || "").endsWith(":too-busy");
      if (!busy || attempt >= BUSY_TRIES) throw error;
      const seconds = Math.min(BUSY_WAIT_MAX, Number(error.retryAfter) || 1);
      await pause(seconds * 1000, options.signal);
    }
  }
}

function pause(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(new DOMException("Aborted", "AbortError"));
    });
  });
}

async function request(path, { method = "GET", params = {}, body, signal } = {}) {
  const url = new URL(`v1/${path}`, document.baseURI);
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) value.forEach((v) => url.searchParams.append(key, v));
    else url.searchParams.set(key, String(value));
  }
  url.searchParams.set("lang", getLang());
  const headers = { Accept: "application/json, application/problem+json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (error?.name === "AbortError") throw error;
    throw new ApiError("unavailable", 0, null, null);
  }
  let data = null;
  if ((response.headers.get("content-type") || "").includes("json")) {
    try {
      data = await response.json();
    } catch {
      data = null;
    }
  }
  if (response.ok && data) {
    rememberFrom(data);
    return data;
  }
  const problem = data || { title: response.statusText, status: response.status };
  throw new ApiError(
    classify(response.status, problem),
    response.status,
    problem,
    response.headers.get("Retry-After"),
  );
}

// ------------------------------------------------------------------ traits

/** The six OCEAN+ traits in canonical order (labels replaced by /v1/traits). */
export const TRAITS = [
  { id: "openness", code: "O", es: "Apertura", en: "Openness" },
  { id: "conscientiousness", code: "C", es: "Responsabilidad", en: "Conscientiousness" },
  { id: "extraversion", code: "E", es: "Extraversión", en: "Extraversion" },
  { id: "agreeableness", code: "A", es: "Amabilidad", en: "Agreeableness" },
  { id: "emotional_stability", code: "ES", es: "Estabilidad Emocional", en: "Emotional Stability" },
  { id: "relational_engagement", code: "RE", es: "Engagement Relacional", en: "Relational Engagement" },
];

let traitsLoaded = false;

/** Load the trait labels once; the built-in ones stay if the service is down. */
export async function loadTraits() {
  if (traitsLoaded) return;
  try {
    const answer = await api("traits");
    for (const info of answer.traits) {
      const trait = TRAITS.find((x) => x.id === info.id);
      if (trait) Object.assign(trait, { code: info.code, es: info.label_es, en: info.label_en });
    }
    traitsLoaded = true;
  } catch {
    /* keep the built-in labels */
  }
}

export function traitLabel(id) {
  const trait = TRAITS.find((x) => x.id === id);
  return trait ? trait[getLang()] : id;
}

export function traitCode(id) {
  return TRAITS.find((x) => x.id === id)?.code ?? id;
}

// ------------------------------------------------------------------ role names

/** id -> {es, en, family, level, imputed}: every role any answer has named so far. */
const roles = new Map();

function remember(id, fields) {
  const known = roles.get(id) || {};
  const merged = { ...known };
  for (const [key, value] of Object.entries(fields)) if (value) merged[key] = value;
  roles.set(id, merged);
}

/** Learn role names from any answer: searches, role details, route answers. */
function rememberFrom(data) {
  const lang = data.lang || getLang();
  if (Array.isArray(data.items)) {
    for (const r of data.items) {
      remember(r.id, { es: r.name_es, en: r.name_en || r.name_es, family: r.family, level: r.level, imputed: r.imputed });
    }
  }
  if (data.id && data.name_es) {
    remember(data.id, { es: data.name_es, en: data.name_en || data.name_es, family: data.family, level: data.level, imputed: data.imputed });
  }
  if (data.names) for (const [id, name] of Object.entries(data.names)) remember(id, { [lang]: name });
  if (Array.isArray(data.roles)) for (const r of data.roles) if (r.id && r.name) remember(r.id, { [lang]: r.name });
  // Route, reachable and leverage answers list the imputed roles of each route.
  for (const id of imputedIn(data)) remember(id, { imputed: true });
}

/** The ids of the roles with an imputed profile on the routes of an answer (its `imputed` lists). */
export function imputedIn(answer) {
  const routes = [
    ...(answer.routes || []),
    ...(answer.roles || []).map((entry) => entry.route),
    answer.baseline,
    ...(answer.by_trait || []).map((item) => item.route),
  ];
  return new Set(routes.flatMap((route) => route?.imputed || []));
}

export function rememberRoles(items) {
  rememberFrom({ items });
}

/** A role's display name in the current language (its id when not known yet). */
export function roleName(id) {
  if (!id) return "";
  const known = roles.get(id);
  if (!known) return id;
  return known[getLang()] || known.es || known.en || id;
}

export function roleInfo(id) {
  return roles.get(id);
}

/** The id of a role whose id or es/en name is exactly `text` (case and accents ignored). */
export function exactRole(text) {
  const wanted = fold(text);
  if (!wanted) return null;
  for (const [id, names] of roles) {
    if (id === wanted || fold(names.es) === wanted || fold(names.en) === wanted) return id;
  }
  return null;
}

/** Prefetch the first page of roles so names show in both languages at once. */
export async function warmRoles() {
  try {
    await api("roles", { params: { limit: 200 } });
  } catch {
    /* the views report the service's state themselves */
  }
}

// ------------------------------------------------------------------ the person

/**
 * The person being coached, shared by the route finder, the comparison and
 * the role guide. Held in memory only: assessment scores are personal data,
 * so they never go into the address bar or storage.
 */
export const person = {
  scores: Object.fromEntries(TRAITS.map((x) => [x.id, ""])),
  tolerance: 10,
  // Blank: the catalog's development rate and time in role.
  development_rate: "",
  min_months_in_role: "",
};

/** The traits whose score is missing or outside 0-100. */
export function invalidScores() {
  return TRAITS.filter((x) => {
    const v = person.scores[x.id];
    return v === "" || v === null || !Number.isFinite(Number(v)) || Number(v) < 0 || Number(v) > 100;
  }).map((x) => x.id);
}

export function hasPerson() {
  return invalidScores().length === 0;
}

/** The `person` object of a route request (current role given separately as `from`). */
export function personBody() {
  const scores = Object.fromEntries(TRAITS.map((x) => [x.id, Number(person.scores[x.id])]));
  const body = { scores, tolerance: Number(person.tolerance) };
  for (const key of ["development_rate", "min_months_in_role"]) {
    if (String(person[key]).trim() !== "") body[key] = Number(person[key]);
  }
  return body;
}
