// Hash routing: #/route, #/role/ID, #/explore/ID, #/compare (with ?params).

let renderer = () => {};

export function onRender(fn) {
  renderer = fn;
}

/** The current view: {name, arg, params}. */
export function current() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query = ""] = raw.split("?");
  const parts = path.split("/").filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return { name: parts[0] || "route", arg: parts[1] || "", params: new URLSearchParams(query) };
}

/** Build "#/name/arg?params". */
export function link(name, arg = "", params = null) {
  const query = params ? new URLSearchParams(params).toString() : "";
  return `#/${name}${arg ? `/${encodeURIComponent(arg)}` : ""}${query ? `?${query}` : ""}`;
}

/** Go to a view; re-render when the address does not change. */
export function navigate(hash) {
  if (location.hash === hash) renderer({ refocus: false });
  else location.hash = hash;
}

/** Change the address without re-rendering (e.g. the selected route). */
export function replace(hash) {
  if (location.hash !== hash) history.replaceState(null, "", hash);
}
