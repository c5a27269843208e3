// The table of jobs shown on the overview (recent jobs) and the jobs page.

import { dash, emptyRow, h, shortId, status, time } from "../core/dom.js";

const COLUMNS = ["Job", "Module", "Queue", "Status", "Attempt", "Created", "Duration", "Exit code", "Failure"];

/** The table around tbody; headers replaces a column's title by a node (the jobs page's sortable Status). */
export const jobTable = (tbody, headers = {}) =>
  h("table", { "data-testid": "jobs" },
    h("thead", {}, h("tr", {}, COLUMNS.map((c) => h("th", { "data-column": c.toLowerCase() }, headers[c] ?? c)))),
    tbody);

export function fillJobRows(tbody, items) {
  tbody.replaceChildren(...(items.length === 0
    ? [emptyRow(COLUMNS.length, "No jobs.")]
    : items.map((job) => h("tr", { "data-job": job.id, "data-status": job.status },
      h("td", { class: "mono" }, h("a", { href: `#/jobs/${encodeURIComponent(job.id)}`, title: job.id }, shortId(job.id))),
      h("td", {}, job.module), h("td", {}, dash(job.queue)), h("td", {}, status(job.status)), h("td", {}, dash(job.attempt)),
      h("td", {}, time(job.createdAt)), h("td", {}, job.durationMs == null ? "—" : `${job.durationMs} ms`),
      h("td", {}, dash(job.exitCode)), h("td", {}, dash(job.failureReason))))));
}
