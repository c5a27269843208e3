// The jobs list: filtered by status and queue, newest or oldest first (by the server), sortable by status (within the
// page shown), paged with the server's cursor; every page follows its stream.

import { api, showError } from "../core/api.js";
import { append, h, STATUSES } from "../core/dom.js";
import { follow } from "../core/live.js";
import { fillJobRows, jobTable } from "./job-table.js";

const RANK = new Map(STATUSES.map((s, i) => [s, i]));

/** The jobs page's address with the given filters; cursor only when paging. */
function jobsHash({ status, queue, order, limit, cursor }) {
  const params = new URLSearchParams();
  if (status) params.set("status", status);
  if (queue) params.set("queue", queue);
  if (order && order !== "desc") params.set("order", order);
  if (limit && limit !== "25") params.set("limit", limit);
  if (cursor) params.set("cursor", cursor);
  return params.size ? `#/jobs?${params}` : "#/jobs";
}

export function jobs(main, view, query) {
  const filters = {
    status: query.get("status") ?? "",
    queue: query.get("queue") ?? "",
    order: query.get("order") === "asc" ? "asc" : "desc",
    limit: query.get("limit") ?? "25",
  };
  const cursor = query.get("cursor") ?? "";
  const go = (changes) => { location.hash = jobsHash({ ...filters, ...changes }); };

  const statusSelect = h("select", { name: "status", "data-testid": "status-filter", onchange: () => go({ status: statusSelect.value }) },
    h("option", { value: "" }, "all statuses"), STATUSES.map((s) => h("option", { value: s, selected: s === filters.status }, s)));
  const queueSelect = h("select", { name: "queue", "data-testid": "queue-filter", onchange: () => go({ queue: queueSelect.value }) },
    h("option", { value: "" }, "all queues"), filters.queue ? h("option", { value: filters.queue, selected: true }, filters.queue) : null);
  const orderSelect = h("select", { name: "order", "data-testid": "order", onchange: () => go({ order: orderSelect.value }) },
    h("option", { value: "desc", selected: filters.order === "desc" }, "newest first"),
    h("option", { value: "asc", selected: filters.order === "asc" }, "oldest first"));

  // Sorting by status is done here, within the page: 0 = the server's order, 1 = lifecycle order, -1 = reversed.
  let statusSort = 0;
  let items = [];
  const arrow = h("span", { class: "sort-arrow" });
  const sortButton = h("button", { type: "button", class: "link", "data-testid": "sort-status", title: "Sort this page by status",
    onclick: () => { statusSort = statusSort === 1 ? -1 : 1; render(); } }, "Status", arrow);

  const tbody = h("tbody");
  const paging = h("div", { class: "toolbar", "data-testid": "paging" });
  const table = jobTable(tbody, { Status: sortButton });
  append(main, [
    h("h1", {}, "Jobs"),
    h("div", { class: "toolbar" },
      h("label", {}, "Status ", statusSelect), h("label", {}, "Queue ", queueSelect), h("label", {}, "Time ", orderSelect),
      h("a", { href: "#/submit" }, "Submit a job")),
    table, paging,
  ]);

  function render() {
    const shown = statusSort === 0
      ? items
      : items.map((job, i) => [job, i])
        .sort(([a, i], [b, j]) => statusSort * ((RANK.get(a.status) ?? 99) - (RANK.get(b.status) ?? 99)) || i - j)
        .map(([job]) => job);
    fillJobRows(tbody, shown);
    arrow.textContent = statusSort === 0 ? "" : statusSort === 1 ? " ▲" : " ▼";
    table.querySelector("th[data-column=status]").setAttribute("aria-sort",
      statusSort === 0 ? "none" : statusSort === 1 ? "ascending" : "descending");
  }

  const params = new URLSearchParams({ limit: filters.limit, order: filters.order });
  if (filters.status) params.set("status", filters.status);
  if (filters.queue) params.set("queue", filters.queue);
  if (cursor) params.set("cursor", cursor);
  follow(view, `/api/jobs?${params}`, {
    page: (page) => {
      items = page.items ?? [];
      render();
      paging.replaceChildren(...[
        cursor ? h("a", { href: jobsHash(filters), "data-testid": "first-page" }, "« First page") : null,
        page.next ? h("a", { href: jobsHash({ ...filters, cursor: page.next }), "data-testid": "next-page" }, "Next page »") : null,
        page.next && filters.queue && items.length < Number(filters.limit)
          ? h("span", { class: "muted" }, "The queue filter can leave a page short: there may be more on the next one.") : null,
      ].filter(Boolean));
    },
  });

  // The queues the overview shows, for the queue filter.
  api("/api/queues").then((list) => {
    const names = [...new Set((list.items ?? []).map((q) => q.queue))].sort();
    queueSelect.replaceChildren(h("option", { value: "" }, "all queues"),
      ...[...new Set([...names, filters.queue].filter(Boolean))].sort()
        .map((name) => h("option", { value: name, selected: name === filters.queue }, name)));
  }).catch(showError);
}
