// Charts drawn as inline SVG by hand: horizontal bars, a radar, the Pareto
// chart (fit against effort or months, one focusable point per route), the route
// diagram (boxes and arrows) and the timeline. Colours come from
// styles.css classes so that print.css can restyle them.

import { s, uid, wrapText } from "./dom.js";
import { t, num, pct, aboutText, durationText, levelSign, levelWords } from "./i18n.js";
import { TRAITS, traitLabel, traitCode, roleName } from "./api.js";

/**
 * Round tick values covering [min, max], about `count` steps apart. On an axis
 * of whole numbers (`whole`: effort points, whole months) the step is a whole
 * number too, so that no tick falls between two values the axis can hold.
 */
export function niceTicks(min, max, count = 5, { whole = false } = {}) {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const steps = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).filter((v) => !whole || (v >= 1 && Number.isInteger(v)));
  const step = steps.find((v) => v >= raw) || (whole ? Math.max(1, Math.ceil(raw)) : raw);
  const ticks = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(+v.toFixed(10));
  return ticks;
}

/** Decimals that tell `ticks` apart: 0 for whole ticks, 1 for 0.5 steps, 2 for 0.25 steps. */
export function tickDigits(ticks) {
  return Math.max(0, ...ticks.map((v) => (String(v).split(".")[1] || "").length));
}

/** Ticks with their labels, each written with the digits the step needs. */
function labelledTicks(min, max, count, options) {
  const ticks = niceTicks(min, max, count, options);
  const digits = tickDigits(ticks);
  return ticks.map((value) => ({ value, label: num(value, digits) }));
}

function titled(svg, title, desc) {
  const titleId = uid("svg-title");
  const descId = uid("svg-desc");
  svg.prepend(s("title", { id: titleId }, title), desc ? s("desc", { id: descId }, desc) : "");
  svg.setAttribute("aria-labelledby", titleId);
  if (desc) svg.setAttribute("aria-describedby", descId);
  return svg;
}

export function fitClass(fit) {
  if (fit >= 0.75) return "fit-high";
  if (fit >= 0.5) return "fit-mid";
  return "fit-low";
}

/** "E +8 · RE +10" for a step's development. */
export function developText(develop) {
  return TRAITS.filter((x) => develop?.[x.id])
    .map((x) => `${traitCode(x.id)} +${develop[x.id]}`)
    .join(" · ");
}

/** "Extraversión +8, Engagement Relacional +10". */
export function developLong(develop) {
  return TRAITS.filter((x) => develop?.[x.id])
    .map((x) => `${traitLabel(x.id)} +${develop[x.id]}`)
    .join(", ");
}

// ------------------------------------------------------------------ bars

/**
 * Horizontal bars: rows [{label, value, note?}] against `max`, values
 * written after each bar with `unit`.
 */
export function barChart({ rows, max = 100, unit = "", title, cls = "" }) {
  const width = 560;
  const labelW = 190;
  const valueW = 70;
  const barW = width - labelW - valueW;
  const rowH = 28;
  const height = rows.length * rowH + 8;
  const svg = s("svg", {
    viewBox: `0 0 ${width} ${height}`,
    class: ["chart", "bar-chart", cls],
    role: "img",
    preserveAspectRatio: "xMinYMin meet",
  });
  rows.forEach((row, i) => {
    const y = 4 + i * rowH;
    const w = max > 0 ? Math.max(0, Math.min(1, row.value / max)) * barW : 0;
    const valueText = `${num(row.value, 1)}${unit ? ` ${unit}` : ""}`;
    svg.append(
      s(
        "g",
        { class: "bar-row", dataset: { trait: row.id || "" } },
        s("title", {}, `${row.label}: ${valueText}${row.note ? ` — ${row.note}` : ""}`),
        s("text", { x: labelW - 10, y: y + rowH / 2, class: "bar-label", "text-anchor": "end", "dominant-baseline": "middle" }, row.label),
        s("rect", { x: labelW, y: y + 5, width: barW, height: rowH - 10, rx: 3, class: "bar-track" }),
        s("rect", { x: labelW, y: y + 5, width: w, height: rowH - 10, rx: 3, class: ["bar", row.cls] }),
        s("text", { x: labelW + barW + 8, y: y + rowH / 2, class: "bar-value", "dominant-baseline": "middle" }, valueText),
      ),
    );
  });
  svg.style.maxWidth = `${width + 60}px`;
  const desc = rows.map((r) => `${r.label} ${num(r.value, 1)}`).join("; ");
  return titled(svg, title, desc);
}

/** Development per trait of a route (all six traits, zeros included). */
export function developChart(develop, title) {
  const rows = TRAITS.map((x) => ({ id: x.id, label: traitLabel(x.id), value: develop?.[x.id] || 0 }));
  const max = Math.max(10, ...rows.map((r) => r.value));
  return barChart({ rows, max, unit: t("dev.unit"), title, cls: "develop-chart" });
}

// ------------------------------------------------------------------ radar

/** A radar of OCEAN+ profiles: series [{name, values: {trait: score}, cls}]. */
export function radarChart({ series, title }) {
  const size = 420;
  const cx = size / 2;
  const cy = 190;
  const radius = 130;
  // Wide margins: trait names stand outside the circle, and English ones do not wrap.
  const margin = 60;
  const svg = s("svg", { viewBox: `${-margin} 0 ${size + 2 * margin} 400`, class: "chart radar-chart", role: "img" });
  svg.style.maxWidth = `${size + 2 * margin}px`;
  const angle = (i) => -Math.PI / 2 + (i * 2 * Math.PI) / TRAITS.length;
  const point = (i, value) => [cx + Math.cos(angle(i)) * radius * (value / 100), cy + Math.sin(angle(i)) * radius * (value / 100)];
  for (const level of [25, 50, 75, 100]) {
    const pts = TRAITS.map((_, i) => point(i, level).join(",")).join(" ");
    svg.append(s("polygon", { points: pts, class: "radar-grid" }));
  }
  TRAITS.forEach((trait, i) => {
    const [x, y] = point(i, 100);
    svg.append(s("line", { x1: cx, y1: cy, x2: x, y2: y, class: "radar-axis" }));
    const [lx, ly] = point(i, 122);
    const anchor = Math.abs(lx - cx) < 5 ? "middle" : lx > cx ? "start" : "end";
    const lines = wrapText(traitLabel(trait.id), 14, 2);
    const text = s("text", { x: lx, y: ly - (lines.length - 1) * 7, class: "radar-label", "text-anchor": anchor, "dominant-baseline": "middle" });
    lines.forEach((line, n) => text.append(s("tspan", { x: lx, dy: n ? 14 : 0 }, line)));
    svg.append(text);
  });
  for (const serie of series) {
    const pts = TRAITS.map((x, i) => point(i, Number(serie.values[x.id]) || 0).join(",")).join(" ");
    svg.append(s("polygon", { points: pts, class: ["radar-area", serie.cls] }));
    TRAITS.forEach((x, i) => {
      const [px, py] = point(i, Number(serie.values[x.id]) || 0);
      svg.append(s("circle", { cx: px, cy: py, r: 3.5, class: ["radar-dot", serie.cls] }, s("title", {}, `${serie.name} · ${traitLabel(x.id)}: ${num(serie.values[x.id])}`)));
    });
  }
  // Legend
  series.forEach((serie, i) => {
    const x = 20 + i * 170;
    svg.append(
      s("rect", { x, y: 372, width: 14, height: 14, class: ["radar-key", serie.cls] }),
      s("text", { x: x + 20, y: 380, class: "radar-legend", "dominant-baseline": "middle" }, serie.name),
    );
  });
  const desc = series
    .map((serie) => `${serie.name}: ${TRAITS.map((x) => `${traitLabel(x.id)} ${num(serie.values[x.id])}`).join(", ")}`)
    .join(". ");
  return titled(svg, title, desc);
}

// ------------------------------------------------------------------ Pareto

/** Indices of the routes no other route beats on both cumulative fit and `cost` (lower is better). */
export function paretoFront(routes, cost = (route) => route.totals.effort) {
  return routes
    .map((r, i) => i)
    .filter((i) => {
      const a = routes[i];
      return !routes.some((other, j) => {
        const [fa, fb] = [a.totals.cumulative_fit, other.totals.cumulative_fit];
        const [ca, cb] = [cost(a), cost(other)];
        return j !== i && fb >= fa && cb <= ca && (fb > fa || cb < ca);
      });
    });
}

/**
 * What the chart's horizontal axis shows: effort, or months when effort
 * would stack the points on one vertical line. A person's routes are costed
 * from the same profile, so their efforts often tie: they are plotted
 * against months whenever every route has a timeline.
 */
function paretoAxis(routes, personal) {
  const timed = routes.every((r) => r.totals.months != null);
  const distinct = (values) => new Set(values).size;
  const efforts = distinct(routes.map((r) => r.totals.effort));
  const months = timed ? distinct(routes.map((r) => r.totals.months)) : 0;
  const byMonths = timed && months > 1 && (personal || efforts < 2);
  return byMonths
    ? { metric: "months", value: (r) => r.totals.months, label: t("pareto.xMonths"), title: t("pareto.titleMonths"), hint: t("pareto.hintMonths"), minPad: 6 }
    : { metric: "effort", value: (r) => r.totals.effort, label: t("pareto.x"), title: t("pareto.title"), hint: t("pareto.hint"), minPad: 2 };
}

/**
 * Cumulative fit (y) against effort or months (x), one point per route.
 * Points are buttons: click, Enter or Space calls onSelect(index). Returns
 * {svg, title, hint}: the title and hint name the axis that was chosen.
 */
export function paretoChart({ routes, selected, onSelect, personal = false }) {
  const W = 560;
  const H = 340;
  const m = { l: 64, r: 24, t: 20, b: 54 };
  const axis = paretoAxis(routes, personal);
  const xs = routes.map(axis.value);
  const fits = routes.map((r) => r.totals.cumulative_fit);
  let [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const padX = Math.max(axis.minPad, (x1 - x0) * 0.12);
  x0 = Math.max(0, x0 - padX);
  x1 += padX;
  let [y0, y1] = [Math.min(...fits), Math.max(...fits)];
  const padY = Math.max(0.02, (y1 - y0) * 0.15);
  y0 = Math.max(0, y0 - padY);
  y1 = Math.min(1, y1 + padY);
  if (y1 - y0 < 0.05) y1 = Math.min(1, y0 + 0.05);
  const X = (v) => m.l + ((v - x0) / (x1 - x0)) * (W - m.l - m.r);
  const Y = (v) => H - m.b - ((v - y0) / (y1 - y0)) * (H - m.t - m.b);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart pareto-chart", role: "group", dataset: { x: axis.metric } });

  // Axes and grid. Effort is whole points; months are whole when every route's are.
  for (const { value, label } of labelledTicks(x0, x1, 6, { whole: xs.every(Number.isInteger) })) {
    svg.append(
      s("line", { x1: X(value), x2: X(value), y1: m.t, y2: H - m.b, class: "grid" }),
      s("text", { x: X(value), y: H - m.b + 18, class: "tick", "text-anchor": "middle" }, label),
    );
  }
  // Fits are labelled as whole percentages: their ticks fall on whole percentages.
  for (const tick of niceTicks(y0 * 100, y1 * 100, 5, { whole: true }).map((p) => p / 100)) {
    svg.append(
      s("line", { x1: m.l, x2: W - m.r, y1: Y(tick), y2: Y(tick), class: "grid" }),
      s("text", { x: m.l - 8, y: Y(tick), class: "tick", "text-anchor": "end", "dominant-baseline": "middle" }, pct(tick)),
    );
  }
  svg.append(
    s("line", { x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b, class: "axis" }),
    s("line", { x1: m.l, x2: m.l, y1: m.t, y2: H - m.b, class: "axis" }),
    s("text", { x: (m.l + W - m.r) / 2, y: H - 10, class: "axis-label", "text-anchor": "middle" }, axis.label),
    s("text", { x: 16, y: (m.t + H - m.b) / 2, class: "axis-label", "text-anchor": "middle", transform: `rotate(-90 16 ${(m.t + H - m.b) / 2})` }, t("pareto.y")),
  );

  // Frontier (a staircase through the non-dominated routes, left to right)
  const front = paretoFront(routes, axis.value).sort((a, b) => axis.value(routes[a]) - axis.value(routes[b]));
  if (front.length > 1) {
    let d = "";
    front.forEach((i, n) => {
      const px = X(axis.value(routes[i]));
      const py = Y(routes[i].totals.cumulative_fit);
      d += n === 0 ? `M${px},${py}` : ` H${px} V${py}`;
    });
    svg.append(s("path", { d, class: "frontier" }));
  }

  // Points; routes at the same place are fanned out so each stays clickable.
  const seen = new Map();
  routes.forEach((route, i) => {
    const key = `${axis.value(route)}|${route.totals.cumulative_fit.toFixed(4)}`;
    const n = seen.get(key) || 0;
    seen.set(key, n + 1);
    const dx = n ? Math.cos(n * 2.1) * 24 : 0;
    const dy = n ? Math.sin(n * 2.1) * 24 : 0;
    const px = X(axis.value(route)) + dx;
    const py = Y(route.totals.cumulative_fit) + dy;
    const isSelected = i === selected;
    const values = { n: i + 1, fit: pct(route.totals.cumulative_fit), effort: route.totals.effort };
    const label = axis.metric === "months" ? t("pareto.pointMonths", { ...values, months: aboutText(route.totals.months) }) : t("pareto.point", values);
    const g = s(
      "g",
      {
        class: ["pareto-point", isSelected && "selected", front.includes(i) && "on-front"],
        tabindex: 0,
        role: "button",
        "aria-pressed": isSelected ? "true" : "false",
        "aria-label": label,
        dataset: { routeIndex: i },
      },
      s("title", {}, label),
      s("circle", { cx: px, cy: py, r: isSelected ? 13 : 11 }),
      s("text", { x: px, y: py, "text-anchor": "middle", "dominant-baseline": "central" }, String(i + 1)),
    );
    g.addEventListener("click", () => onSelect(i));
    g.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        onSelect(i);
      }
    });
    svg.append(g);
  });
  return { svg: titled(svg, axis.title, axis.hint), title: axis.title, hint: axis.hint };
}

// ------------------------------------------------------------------ route diagram

/** " ↑1" or " ↓1" after a step's fit (the gap between boxes is narrow; the title says it in words). */
function levelArrow(change) {
  if (!change) return "";
  return change > 0 ? ` ↑${change}` : ` ↓${-change}`;
}

/**
 * Roles as boxes (links to their guides) and steps as arrows labelled with
 * the step's fit and the traits to develop; four boxes per row.
 */
export function routeDiagram(route, { title } = {}) {
  const boxW = 170;
  const boxH = 70;
  const gapX = 160; // room for the step's fit label ("ajuste 48 % ↑1")
  const rowGap = 104;
  const pad = 14;
  const top = 22;
  const entry = route.steps[0]?.from == null;
  const nodes = [...(entry ? [{ kind: "person" }] : []), ...route.roles.map((id) => ({ kind: "role", id }))];
  // At most four boxes a row, rows as even as possible (5 -> 3 + 2).
  const perRow = Math.ceil(nodes.length / Math.ceil(nodes.length / 4));
  const cols = Math.min(nodes.length, perRow);
  const rows = Math.ceil(nodes.length / perRow);
  const W = pad * 2 + cols * boxW + (cols - 1) * gapX;
  const H = top + pad + rows * boxH + (rows - 1) * rowGap + pad + 10;
  const pos = nodes.map((_, i) => ({
    x: pad + (i % perRow) * (boxW + gapX),
    y: top + Math.floor(i / perRow) * (boxH + rowGap),
  }));
  const markerId = uid("arrow");
  const svg = s(
    "svg",
    { viewBox: `0 0 ${W} ${H}`, class: "chart route-diagram", role: "group", dataset: { steps: route.steps.length } },
    s(
      "defs",
      {},
      s(
        "marker",
        { id: markerId, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, orient: "auto-start-reverse" },
        s("path", { d: "M0,0 L10,5 L0,10 z", class: "arrowhead" }),
      ),
    ),
  );

  // Arrows first, so boxes sit on top.
  route.steps.forEach((step, i) => {
    const a = pos[i];
    const b = pos[i + 1];
    let d;
    let lx;
    let ly;
    if (a.y === b.y) {
      const y = a.y + boxH / 2;
      d = `M${a.x + boxW},${y} L${b.x - 2},${y}`;
      lx = (a.x + boxW + b.x) / 2;
      ly = y;
    } else {
      const mid = a.y + boxH + rowGap / 2;
      d = `M${a.x + boxW / 2},${a.y + boxH} V${mid} H${b.x + boxW / 2} V${b.y - 2}`;
      lx = (a.x + b.x + boxW) / 2;
      ly = mid;
    }
    const origin = step.origin || "entry";
    const level = levelSign(step.level_change);
    const develop = developText(step.develop);
    const chunks = develop ? develop.split(" · ") : [];
    const lines = [];
    for (let c = 0; c < chunks.length; c += 2) lines.push(chunks.slice(c, c + 2).join(" · "));
    const label = s(
      "text",
      { x: lx, y: ly + 19, class: "edge-develop", "text-anchor": "middle" },
      lines.map((line, n) => s("tspan", { x: lx, dy: n ? 16 : 0 }, line)),
    );
    svg.append(
      s(
        "g",
        { class: ["edge", `edge-${origin}`], dataset: { step: i + 1, fit: step.fit } },
        s("title", {}, `${roleName(step.from) || t("person.you")} → ${roleName(step.to)}: ${t("diagram.fit", { fit: pct(step.fit) })} (${t(`origin.${origin}`)})${level ? `; ${levelWords(step.level_change)}` : ""}${develop ? `; ${developLong(step.develop)}` : ""}`),
        s("path", { d, class: "edge-line", "marker-end": `url(#${markerId})` }),
        s("text", { x: lx, y: ly - 8, class: "edge-fit", "text-anchor": "middle" }, `${t("diagram.fit", { fit: pct(step.fit) })}${levelArrow(step.level_change)}`),
        label,
      ),
    );
  });

  nodes.forEach((node, i) => {
    const { x, y } = pos[i];
    const name = node.kind === "person" ? t("person.you") : roleName(node.id);
    const lines = wrapText(name, 18, 3);
    const text = s("text", { x: x + boxW / 2, y: y + boxH / 2 - ((lines.length - 1) * 17) / 2, class: "node-name", "text-anchor": "middle", "dominant-baseline": "central" });
    lines.forEach((line, n) => text.append(s("tspan", { x: x + boxW / 2, dy: n ? 17 : 0 }, line)));
    const box = [
      s("rect", { x, y, width: boxW, height: boxH, rx: 9 }),
      text,
    ];
    const cls = ["node", node.kind === "person" ? "node-person" : "", i === 0 ? "node-start" : "", i === nodes.length - 1 ? "node-goal" : ""];
    const el =
      node.kind === "role"
        ? s("a", { href: `#/role/${encodeURIComponent(node.id)}`, class: cls, dataset: { role: node.id }, "aria-label": name }, s("title", {}, `${name} (${node.id})`), box)
        : s("g", { class: cls }, s("title", {}, name), box);
    svg.append(el);
    if (i === 0 || i === nodes.length - 1) {
      svg.append(s("text", { x: x + 4, y: y - 7, class: "node-caption" }, i === 0 ? t("diagram.start") : t("diagram.goal")));
    }
  });

  svg.style.maxWidth = `${Math.round(W * 1.15)}px`;
  const names = nodes.map((n) => (n.kind === "person" ? t("person.you") : roleName(n.id))).join(" → ");
  return titled(svg, title || t("diagram.title"), names);
}

// ------------------------------------------------------------------ timeline

/** Months per step of a personal route, as a Gantt-like chart. */
export function timelineChart(route) {
  const W = 620;
  const labelW = 210;
  const right = 24;
  const rowH = 30;
  const axisH = 34;
  const total = route.totals.months || route.steps.reduce((sum, st) => sum + (st.months || 0), 0);
  const H = route.steps.length * rowH + axisH + 8;
  const X = (m) => labelW + (total > 0 ? (m / total) * (W - labelW - right) : 0);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart timeline-chart", role: "img", dataset: { months: total } });
  // Role-to-role routes take years: beyond three, the axis counts years.
  const unit = total > 36 ? 12 : 1;
  const whole = unit === 1 && [total, ...route.steps.map((st) => st.months || 0)].every(Number.isInteger);
  for (const { value, label } of labelledTicks(0, total / unit, 6, { whole })) {
    svg.append(
      s("line", { x1: X(value * unit), x2: X(value * unit), y1: 4, y2: H - axisH + 4, class: "grid" }),
      s("text", { x: X(value * unit), y: H - axisH + 20, class: "tick", "text-anchor": "middle" }, label),
    );
  }
  svg.append(s("text", { x: W - right, y: H - 2, class: "axis-label", "text-anchor": "end" }, t(unit === 12 ? "timeline.years" : "timeline.axis")));
  let start = 0;
  const parts = [];
  route.steps.forEach((step, i) => {
    const months = step.months || 0;
    const y = 4 + i * rowH;
    const name = roleName(step.to);
    const row = t("timeline.row", { n: i + 1, name, a: num(start, 1), b: num(start + months, 1), m: num(months, 1) });
    parts.push(row);
    const barX = X(start);
    const barW = Math.max(2, X(start + months) - X(start));
    const valueInside = barW > 70;
    svg.append(
      s(
        "g",
        { class: "timeline-row", dataset: { step: i + 1, months } },
        s("title", {}, row),
        s("text", { x: labelW - 10, y: y + rowH / 2, class: "bar-label", "text-anchor": "end", "dominant-baseline": "middle" }, `${i + 1}. ${wrapText(name, 26, 1)[0]}`),
        s("rect", { x: barX, y: y + 5, width: barW, height: rowH - 10, rx: 3, class: ["bar", "timeline-bar", `step-${i % 4}`] }),
        s(
          "text",
          { x: valueInside ? barX + barW - 6 : barX + barW + 6, y: y + rowH / 2, class: ["bar-value", valueInside && "inside"], "text-anchor": valueInside ? "end" : "start", "dominant-baseline": "middle" },
          t("route.months", { m: num(months, 0) }),
        ),
      ),
    );
    start += months;
  });
  svg.style.maxWidth = `${Math.round(W * 1.2)}px`;
  return titled(svg, `${t("timeline.title")} — ${t("timeline.total", { d: durationText(total) })}`, parts.join(". "));
}
