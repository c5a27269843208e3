// Building the page: elements from data, every piece of server data as text (text nodes, textContent), never HTML.

export const STATUSES = ["pending", "claimed", "running", "completed", "failed", "cancelled"];
export const TERMINAL = new Set(["completed", "failed", "cancelled"]);

/** Creates an element; attrs: properties/attributes (on* = listeners); children: nodes or strings (as text). */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "class") node.className = value;
    else if (key in node && typeof value !== "string") node[key] = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

const SVG = "http://www.w3.org/2000/svg";

/** Like h() for SVG elements: every attribute is set as an attribute. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const status = (value) => h("span", { class: `status status-${value}`, "data-status": value }, value);
export const time = (value) => (value ? new Date(value).toLocaleString() : "—");
export const dash = (value) => (value === null || value === undefined || value === "" ? "—" : String(value));
export const bytes = (n) => (n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1048576).toFixed(1)} MiB`);
export const shortId = (id) => (id.length > 13 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id);
export const shortDigest = (digest) => (digest.length > 23 ? `${digest.slice(0, 19)}…` : digest);
export const hostAndPid = (record) => `${dash(record.host)} (pid ${dash(record.processId)})`;

/** A duration in seconds as a person reads it: 42 s, 3 min 5 s, 2 h 10 min. */
export function seconds(total) {
  const s = Math.max(0, Math.round(Number(total) || 0));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** A table with a header row of column names and the given body. */
export const table = (testId, columns, tbody) =>
  h("table", { "data-testid": testId }, h("thead", {}, h("tr", {}, columns.map((c) => h("th", {}, c)))), tbody);

/** The single row of an empty table. */
export const emptyRow = (columns, text) => h("tr", {}, h("td", { colSpan: columns, class: "muted" }, text));
