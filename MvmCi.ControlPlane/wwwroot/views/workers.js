// Workers and executors, live, with a Drain button per online worker.

import { api, clearError, showError } from "../core/api.js";
import { append, dash, emptyRow, h, hostAndPid, status, table, time } from "../core/dom.js";
import { follow } from "../core/live.js";

const WORKER_COLUMNS = ["Worker", "State", "Queues", "Slots", "Running", "Completed", "Failed", "Last seen", "Host", ""];
const EXECUTOR_COLUMNS = ["Executor", "Kind", "State", "Slots", "Running", "Completed", "Failed", "Cached modules", "Last seen", "Host", "Worker"];

export function workers(main, view) {
  const workerRows = h("tbody");
  const executorRows = h("tbody");
  const notice = h("div");
  // Drains asked for on this page: the button stays disabled until the worker reports it drains.
  const requested = new Set();
  let latest = [];
  append(main, [
    h("h1", {}, "Workers"),
    notice,
    table("workers", WORKER_COLUMNS, workerRows),
    h("p", { class: "muted" }, "A draining worker claims no new jobs and finishes the ones it runs."),
    h("h2", {}, "Executors"),
    table("executors", EXECUTOR_COLUMNS, executorRows),
  ]);

  async function drain(id) {
    if (!confirm(`Drain worker ${id}? It stops claiming jobs and finishes the ones it runs.`)) return;
    requested.add(id);
    renderWorkers();
    try {
      await api(`/api/workers/${encodeURIComponent(id)}/drain`, { method: "POST" });
      clearError();
      notice.replaceChildren(h("div", { class: "notice", "data-testid": "drain-notice" }, `Drain requested for ${id}.`));
    } catch (error) {
      requested.delete(id);
      renderWorkers();
      showError(error);
    }
  }

  function drainButton(worker) {
    if (worker.state !== "online") return null;
    const asked = requested.has(worker.id);
    return h("button", { type: "button", class: "secondary", "data-testid": "drain", disabled: asked,
      onclick: () => drain(worker.id) }, asked ? "Draining…" : "Drain");
  }

  function renderWorkers() {
    workerRows.replaceChildren(...(latest.length === 0
      ? [emptyRow(WORKER_COLUMNS.length, "No workers have reported.")]
      : latest.map((w) => h("tr", { "data-worker": w.id, "data-state": w.state },
        h("td", { class: "mono" }, w.id), h("td", {}, status(w.state)), h("td", {}, (w.queues ?? []).join(", ")),
        h("td", {}, dash(w.slots)), h("td", {}, dash(w.running)), h("td", {}, dash(w.completed)), h("td", {}, dash(w.failed)),
        h("td", {}, time(w.lastSeen)), h("td", {}, hostAndPid(w)), h("td", {}, drainButton(w))))));
  }

  follow(view, "/api/workers", {
    workers: (list) => {
      latest = list.items ?? [];
      for (const w of latest) if (w.state !== "online") requested.delete(w.id);
      renderWorkers();
    },
  });
  follow(view, "/api/executors", {
    executors: (list) => {
      const items = list.items ?? [];
      executorRows.replaceChildren(...(items.length === 0
        ? [emptyRow(EXECUTOR_COLUMNS.length, "No executors have reported.")]
        : items.map((e) => h("tr", { "data-executor": e.id, "data-state": e.state },
          h("td", { class: "mono" }, e.id), h("td", {}, dash(e.kind)), h("td", {}, status(e.state)),
          h("td", {}, dash(e.slots)), h("td", {}, dash(e.running)), h("td", {}, dash(e.completed)), h("td", {}, dash(e.failed)),
          h("td", {}, dash(e.modulesCached)), h("td", {}, time(e.lastSeen)), h("td", {}, hostAndPid(e)), h("td", { class: "mono" }, dash(e.workerId))))));
    },
  });
}
