// The overview's throughput: per-minute bars of submitted, completed and failed jobs, and the last five minutes' rates.

import { h, svg } from "../core/dom.js";

const SERIES = ["submitted", "completed", "failed"];
const WIDTH = 1000;
const HEIGHT = 190;
const LEFT = 34;
const BOTTOM = 20;
const TOP = 10;

const minuteLabel = (iso) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/** An inline SVG bar chart of throughput.items (oldest first, one per minute). */
function chart(items) {
  const max = Math.max(1, ...items.flatMap((item) => SERIES.map((key) => item[key] ?? 0)));
  const plot = HEIGHT - BOTTOM - TOP;
  const slot = (WIDTH - LEFT) / Math.max(1, items.length);
  const bar = (slot * 0.78) / SERIES.length;
  const y = (value) => TOP + plot - (value / max) * plot;
  const labelEvery = Math.max(1, Math.ceil(items.length / 8));
  return svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "chart", role: "img", "data-testid": "throughput-chart",
    "aria-label": "Jobs submitted, completed and failed per minute" },
  svg("line", { x1: LEFT, x2: WIDTH, y1: y(0), y2: y(0), class: "axis" }),
  svg("line", { x1: LEFT, x2: WIDTH, y1: y(max), y2: y(max), class: "grid" }),
  svg("text", { x: LEFT - 6, y: y(max) + 4, class: "tick", "text-anchor": "end" }, String(max)),
  svg("text", { x: LEFT - 6, y: y(0) + 4, class: "tick", "text-anchor": "end" }, "0"),
  items.map((item, i) => {
    const x = LEFT + i * slot + slot * 0.11;
    const label = minuteLabel(item.minute);
    return svg("g", { "data-minute": item.minute },
      SERIES.map((key, s) => {
        const value = item[key] ?? 0;
        return svg("rect", { x: x + s * bar, y: y(value), width: Math.max(1, bar - 1), height: y(0) - y(value),
          class: `bar bar-${key}`, "data-series": key, "data-value": value },
        svg("title", {}, `${label} ${key}: ${value}`));
      }),
      svg("rect", { x: LEFT + i * slot, y: TOP, width: slot, height: plot, class: "hover" },
        svg("title", {}, `${label}: ${item.submitted ?? 0} submitted, ${item.completed ?? 0} completed, `
          + `${item.failed ?? 0} failed, ${item.cancelled ?? 0} cancelled`)),
      i % labelEvery === 0 || i === items.length - 1
        ? svg("text", { x: LEFT + i * slot + slot / 2, y: HEIGHT - 5, class: "tick", "text-anchor": "middle" }, label)
        : null);
  }));
}

const rate = (value) => (value === null || value === undefined ? "—" : `${(value * 100).toFixed(1)} %`);
// A few jobs in five minutes is a rate of thousandths: keep enough digits to tell it from none.
function perSecond(value) {
  if (value === null || value === undefined) return "—";
  const n = Number(value);
  return n === 0 ? "0" : n >= 10 ? n.toFixed(1) : n >= 0.1 ? n.toFixed(2) : n.toFixed(3);
}

/** The throughput section's content for overview.throughput. */
export function throughput(data) {
  const items = data?.items ?? [];
  return [
    h("div", { class: "cards" },
      h("div", { class: "card", "data-testid": "jobs-per-second" },
        h("div", { class: "value" }, perSecond(data?.jobsPerSecond)), h("div", { class: "label" }, "jobs/s (last 5 min)")),
      h("div", { class: "card", "data-testid": "failure-rate" },
        h("div", { class: "value" }, rate(data?.failureRate)), h("div", { class: "label" }, "failure rate (last 5 min)"))),
    items.length === 0
      ? h("p", { class: "muted" }, "No throughput figures yet.")
      : h("figure", { class: "chart" },
        chart(items),
        h("figcaption", { class: "legend" }, SERIES.map((key) =>
          h("span", { class: "legend-item" }, h("span", { class: `swatch bar-${key}` }), `${key} per minute`)))),
  ];
}
