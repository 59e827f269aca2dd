// The explorer: roles reachable from one role within N steps, as a radial
// SVG graph that pans (drag, arrow keys) and zooms (wheel, buttons, + and −),
// with a side panel and a table of the same roles.

import { h, s, uid, wrapText } from "../dom.js";
import { t, pct, stepsText, familyName } from "../i18n.js";
import { api, roleName, roleInfo, imputedIn } from "../api.js";
import { roleCombobox, loadingState, emptyState, errorState, imputedBadge, checkNumbers, invalidFieldsState } from "../widgets.js";
import { link, navigate } from "../router.js";

let seq = 0;

export function render(main, { arg, params }) {
  const steps = Math.min(5, Math.max(1, parseInt(params.get("steps"), 10) || 2));
  const curated = params.get("curated") === "1";
  const minFit = Math.min(100, Math.max(0, Number(params.get("minfit")) || 0));
  const body = h("div", { class: "explore-body", "aria-live": "polite" });
  const role = roleCombobox({ label: t("field.role"), value: arg, name: "explore-role", required: true });
  const ids = { steps: uid("steps"), curated: uid("curated"), minFit: uid("minfit") };
  const form = h(
    "form",
    {
      class: "card explore-form",
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        const invalid = checkNumbers(form);
        if (invalid.length) {
          body.replaceChildren(invalidFieldsState(invalid));
          return;
        }
        const roleId = await role.resolve();
        if (!roleId) return;
        const p = { steps: form.querySelector("[name=steps]").value };
        if (form.querySelector("[name=curated]").checked) p.curated = "1";
        const fit = form.querySelector("[name=minfit]").value;
        if (Number(fit) > 0) p.minfit = fit;
        navigate(link("explore", roleId, p));
      },
    },
    h(
      "div",
      { class: "field-row" },
      role.root,
      h(
        "div",
        { class: "field narrow" },
        h("label", { for: ids.steps }, t("field.steps")),
        h("select", { id: ids.steps, name: "steps" }, [1, 2, 3, 4, 5].map((n) => h("option", { value: n, selected: n === steps }, String(n)))),
      ),
      h(
        "div",
        { class: "field narrow" },
        h("label", { for: ids.minFit }, t("field.minFit")),
        h("input", { id: ids.minFit, name: "minfit", type: "number", min: 0, max: 100, step: 5, value: minFit, dataset: { check: "" } }),
      ),
    ),
    h("div", { class: "checkbox" }, h("input", { type: "checkbox", id: ids.curated, name: "curated", checked: curated }), h("label", { for: ids.curated }, t("field.curated"))),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button button-primary" }, t("action.show"))),
  );
  main.append(h("h1", { tabindex: -1 }, t("title.explore")), form, body);
  if (!arg) {
    body.append(emptyState(t("empty.explore")));
    return;
  }
  load(body, arg, { steps, curated, minFit });
}

async function load(body, roleId, opts) {
  const mine = ++seq;
  body.setAttribute("aria-busy", "true");
  body.replaceChildren(loadingState());
  try {
    const params = { steps: opts.steps };
    if (opts.curated) params.curated_only = "true";
    if (opts.minFit) params.min_step_fit = opts.minFit / 100;
    const answer = await api(`roles/${encodeURIComponent(roleId)}/reachable`, { params });
    if (mine !== seq || !body.isConnected) return;
    if (!answer.roles.length) {
      body.replaceChildren(h("div", { class: "state state-warning", role: "status", dataset: { state: "no-route" } }, h("p", {}, t("explore.none"))));
      return;
    }
    const { parts, declutter } = explorer(answer);
    body.replaceChildren(...parts);
    declutter(); // measures the labels: only once they are on the page
  } catch (error) {
    if (mine !== seq || !body.isConnected) return;
    body.replaceChildren(
      errorState(error, {
        onRetry: () => load(body, roleId, opts),
        onSuggest: (_field, suggestion) => navigate(link("explore", suggestion, { steps: opts.steps })),
      }),
    );
  } finally {
    if (mine === seq) body.removeAttribute("aria-busy");
  }
}

/** Radial layout: the start in the centre, one ring per number of steps. */
function layout(answer) {
  const source = answer.from;
  const nodes = new Map([[source, { id: source, depth: 0, x: 0, y: 0, angle: 0 }]]);
  const edges = new Map();
  for (const entry of answer.roles) {
    const route = entry.route;
    nodes.set(entry.id, { id: entry.id, depth: route.totals.steps, entry, parent: route.roles[route.roles.length - 2] });
    for (const step of route.steps) {
      const key = `${step.from}>${step.to}`;
      if (!edges.has(key)) edges.set(key, { from: step.from, to: step.to, fit: step.fit, origin: step.origin });
    }
  }
  const depths = Math.max(...[...nodes.values()].map((n) => n.depth));
  let radius = 0;
  for (let d = 1; d <= depths; d += 1) {
    const ring = [...nodes.values()].filter((n) => n.depth === d);
    radius = Math.max(d * 210, (ring.length * 92) / (2 * Math.PI), radius + 170);
    ring.sort((a, b) => {
      const pa = nodes.get(a.parent)?.angle ?? 0;
      const pb = nodes.get(b.parent)?.angle ?? 0;
      return pa - pb || String(roleInfo(a.id)?.family).localeCompare(String(roleInfo(b.id)?.family)) || a.id.localeCompare(b.id);
    });
    ring.forEach((node, i) => {
      node.angle = -Math.PI / 2 + ((i + 0.5) * 2 * Math.PI) / ring.length;
      node.x = Math.cos(node.angle) * radius;
      node.y = Math.sin(node.angle) * radius;
    });
  }
  return { nodes, edges, radius: Math.max(radius, 150) };
}

function explorer(answer) {
  const { nodes, edges, radius } = layout(answer);
  const imputed = imputedIn(answer);
  const VW = 960;
  const VH = 720;
  const view = { k: 1, x: VW / 2, y: VH / 2 };
  const fit = () => {
    const extent = 2 * radius + 180;
    view.k = Math.min(VW / extent, VH / extent);
    view.x = VW / 2;
    view.y = VH / 2;
  };
  fit();

  const markerId = uid("arrow");
  const viewport = s("g", { class: "viewport" });
  const svg = s(
    "svg",
    {
      viewBox: `0 0 ${VW} ${VH}`,
      class: "chart graph",
      tabindex: 0,
      role: "group",
      "aria-roledescription": "graph",
      "aria-label": `${t("explore.graph")}: ${t("explore.count", { n: answer.total, s: answer.steps })}`,
    },
    s(
      "defs",
      {},
      s(
        "marker",
        { id: markerId, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto" },
        s("path", { d: "M0,0 L10,5 L0,10 z", class: "arrowhead" }),
      ),
    ),
    s("rect", { x: 0, y: 0, width: VW, height: VH, class: "graph-bg" }),
    viewport,
  );
  const apply = () => viewport.setAttribute("transform", `translate(${view.x.toFixed(1)} ${view.y.toFixed(1)}) scale(${view.k.toFixed(4)})`);
  apply();

  const R = 22;
  for (const edge of edges.values()) {
    const a = nodes.get(edge.from);
    const b = nodes.get(edge.to);
    if (!a || !b) continue;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len = Math.hypot(dx, dy) || 1;
    viewport.append(
      s(
        "line",
        {
          x1: a.x + (dx / len) * R,
          y1: a.y + (dy / len) * R,
          x2: b.x - (dx / len) * (R + 3),
          y2: b.y - (dy / len) * (R + 3),
          class: ["gedge", `edge-${edge.origin || "entry"}`],
          "stroke-width": (1 + edge.fit * 3).toFixed(2),
          "marker-end": `url(#${markerId})`,
        },
        s("title", {}, `${roleName(edge.from)} → ${roleName(edge.to)}: ${t("diagram.fit", { fit: pct(edge.fit) })}`),
      ),
    );
  }

  const panel = h("aside", { class: "card graph-panel", "aria-live": "polite" }, h("h2", {}, t("explore.selected")), h("p", { class: "hint" }, t("explore.pick")));
  const nodeEls = new Map();

  function select(id) {
    for (const [key, el] of nodeEls) el.classList.toggle("selected", key === id);
    const node = nodes.get(id);
    const entry = node.entry;
    panel.replaceChildren(
      h("h2", {}, t("explore.selected")),
      h("p", { class: "panel-name" }, roleName(id), imputed.has(id) ? imputedBadge() : null),
      entry
        ? h(
            "div",
            { class: "panel-route" },
            h("p", {}, t("route.summary", { steps: stepsText(entry.route.totals.steps), fit: pct(entry.route.totals.cumulative_fit), effort: entry.route.totals.effort })),
            h("p", { class: "hint" }, entry.route.roles.map(roleName).join(" → ")),
          )
        : "",
      h(
        "p",
        { class: "role-actions" },
        h("a", { class: "button button-secondary", href: link("role", id) }, t("action.openRole")),
        entry ? h("a", { class: "button button-secondary", href: link("route", "", { from: answer.from, to: id }) }, t("explore.routeHere")) : null,
        entry ? h("a", { class: "button button-secondary", href: link("explore", id, { steps: answer.steps }) }, t("explore.exploreHere")) : null,
      ),
    );
  }

  for (const node of nodes.values()) {
    const name = roleName(node.id);
    const family = roleInfo(node.id)?.family || "other";
    const lines = wrapText(name, 18, 2);
    const label = node.entry ? t("explore.node", { name, steps: stepsText(node.depth), fit: pct(node.entry.route.totals.cumulative_fit) }) : name;
    const g = s(
      "g",
      {
        class: ["gnode", `fam-${family}`, node.depth === 0 && "gnode-source"],
        transform: `translate(${node.x.toFixed(1)} ${node.y.toFixed(1)})`,
        tabindex: 0,
        role: "button",
        "aria-label": label,
        dataset: { role: node.id, depth: node.depth },
      },
      s("title", {}, label),
      s("circle", { r: node.depth === 0 ? R + 6 : R }),
      s("text", { class: "gnode-steps", "text-anchor": "middle", "dominant-baseline": "central" }, String(node.depth)),
      s(
        "text",
        { class: "gnode-label", "text-anchor": "middle", y: R + 16 },
        lines.map((line, i) => s("tspan", { x: 0, dy: i ? 14 : 0 }, line)),
      ),
    );
    g.addEventListener("click", (event) => {
      if (dragged) {
        event.preventDefault();
        return;
      }
      select(node.id);
    });
    g.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        event.stopPropagation();
        select(node.id);
      }
    });
    nodeEls.set(node.id, g);
    viewport.append(g);
  }

  // Pan (drag) and zoom (wheel, keys, buttons).
  let drag = null;
  let dragged = false;
  const scale = () => VW / (svg.getBoundingClientRect().width || VW);
  svg.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y, id: event.pointerId };
    dragged = false;
  });
  svg.addEventListener("pointermove", (event) => {
    if (!drag || event.pointerId !== drag.id) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!dragged && Math.hypot(dx, dy) < 4) return;
    if (!dragged) {
      dragged = true;
      svg.setPointerCapture(event.pointerId);
      svg.classList.add("dragging");
    }
    view.x = drag.vx + dx * scale();
    view.y = drag.vy + dy * scale();
    apply();
  });
  const end = (event) => {
    if (!drag || event.pointerId !== drag.id) return;
    drag = null;
    svg.classList.remove("dragging");
    if (svg.hasPointerCapture?.(event.pointerId)) svg.releasePointerCapture(event.pointerId);
    setTimeout(() => {
      dragged = false;
    }, 0);
  };
  svg.addEventListener("pointerup", end);
  svg.addEventListener("pointercancel", end);

  function zoom(factor, cx = VW / 2, cy = VH / 2) {
    const k = Math.min(6, Math.max(0.08, view.k * factor));
    const f = k / view.k;
    view.x = cx - (cx - view.x) * f;
    view.y = cy - (cy - view.y) * f;
    view.k = k;
    apply();
  }
  svg.addEventListener(
    "wheel",
    (event) => {
      event.preventDefault();
      const box = svg.getBoundingClientRect();
      const cx = (event.clientX - box.left) * scale();
      const cy = (event.clientY - box.top) * scale();
      zoom(Math.exp(-event.deltaY * 0.0015), cx, cy);
    },
    { passive: false },
  );
  svg.addEventListener("keydown", (event) => {
    const moves = { ArrowLeft: [60, 0], ArrowRight: [-60, 0], ArrowUp: [0, 60], ArrowDown: [0, -60] };
    if (moves[event.key]) {
      event.preventDefault();
      view.x += moves[event.key][0];
      view.y += moves[event.key][1];
      apply();
    } else if (event.key === "+" || event.key === "=") {
      event.preventDefault();
      zoom(1.25);
    } else if (event.key === "-" || event.key === "_") {
      event.preventDefault();
      zoom(0.8);
    } else if (event.key === "0") {
      event.preventDefault();
      fit();
      apply();
    }
  });

  const toolbar = h(
    "div",
    { class: "graph-toolbar", role: "toolbar", "aria-label": t("explore.graph") },
    h("button", { type: "button", class: "button button-icon", "aria-label": t("action.zoomIn"), title: t("action.zoomIn"), dataset: { zoom: "in" }, onclick: () => zoom(1.25) }, "+"),
    h("button", { type: "button", class: "button button-icon", "aria-label": t("action.zoomOut"), title: t("action.zoomOut"), dataset: { zoom: "out" }, onclick: () => zoom(0.8) }, "−"),
    h("button", { type: "button", class: "button button-secondary", dataset: { zoom: "reset" }, onclick: () => { fit(); apply(); } }, t("action.zoomReset")),
  );

  const families = [...new Set([...nodes.keys()].map((id) => roleInfo(id)?.family || "other"))].sort();
  const legend = h(
    "p",
    { class: "legend" },
    h("span", { class: "legend-title" }, `${t("explore.legend")}:`),
    families.map((f) => h("span", { class: ["key", "key-fam", `fam-${f}`], dataset: { family: f } }, familyName(f))),
  );

  const table = h(
    "section",
    { class: "card reach-list" },
    h("h2", {}, t("explore.list")),
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        {},
        h("thead", {}, h("tr", {}, [t("role.col.role"), t("explore.col.steps"), t("explore.col.fit"), t("explore.col.effort")].map((c) => h("th", { scope: "col" }, c)))),
        h(
          "tbody",
          {},
          answer.roles.map((entry) =>
            h(
              "tr",
              {},
              h(
                "td",
                {},
                h("button", { type: "button", class: "link-button", onclick: () => { select(entry.id); nodeEls.get(entry.id)?.focus(); } }, entry.name),
                imputed.has(entry.id) ? imputedBadge() : null,
              ),
              h("td", {}, String(entry.route.totals.steps)),
              h("td", {}, pct(entry.route.totals.cumulative_fit)),
              h("td", {}, String(entry.route.totals.effort)),
            ),
          ),
        ),
      ),
    ),
  );

  const parts = [
    h("p", { class: "summary", dataset: { count: answer.total } }, t("explore.count", { n: answer.total, s: answer.steps })),
    h(
      "div",
      { class: "graph-layout" },
      h("figure", { class: "card graph-figure" }, toolbar, svg, h("figcaption", { class: "hint" }, t("explore.hint"), " ", t("explore.labelsHint")), legend),
      panel,
    ),
    table,
  ];
  return { parts, declutter: () => declutter(nodes, nodeEls, R) };
}

function overlaps(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * Hide the names that would overlap another name or another node (they show
 * on hover, focus or selection). The start, then nearer rings, then better
 * fits keep their names first. Boxes are measured in graph units, so the
 * result holds at every zoom.
 */
function declutter(nodes, nodeEls, R) {
  const circles = [...nodes.values()].map((n) => ({ id: n.id, x: n.x - R - 2, y: n.y - R - 2, w: 2 * R + 4, h: 2 * R + 4 }));
  const fit = (n) => n.entry?.route.totals.cumulative_fit ?? 1;
  const order = [...nodes.values()].sort((a, b) => a.depth - b.depth || fit(b) - fit(a) || a.id.localeCompare(b.id));
  const placed = [];
  for (const node of order) {
    const label = nodeEls.get(node.id).querySelector(".gnode-label");
    const b = label.getBBox();
    const box = { x: node.x + b.x - 3, y: node.y + b.y - 2, w: b.width + 6, h: b.height + 4 };
    const crowded = placed.some((other) => overlaps(other, box)) || circles.some((c) => c.id !== node.id && overlaps(c, box));
    label.classList.toggle("crowded", crowded);
    if (!crowded) placed.push(box);
  }
}
