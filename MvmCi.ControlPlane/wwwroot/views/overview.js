// The overview: cluster health, jobs per status, the queues, throughput and the latest jobs, all from live streams.

import { append, bytes, dash, emptyRow, h, seconds, table } from "../core/dom.js";
import { follow } from "../core/live.js";
import { fillJobRows, jobTable } from "./job-table.js";
import { throughput } from "./throughput.js";

const STAT_KEYS = ["pending", "claimed", "running", "completed", "failed", "cancelled", "total"];
const QUEUE_COLUMNS = ["Queue", "Priority", "Stream", "Length", "Waiting", "In flight", "Oldest waiting", "Consumers"];

/** A health card: green when up, red when down. */
function healthCard(testId, label, up, value, details) {
  return h("div", { class: `card health ${up ? "up" : "down"}`, "data-testid": testId, "data-health": up ? "up" : "down" },
    h("div", { class: "label" }, label),
    h("div", { class: "value" }, value),
    details.filter(Boolean).map((line) => h("div", { class: "detail" }, line)));
}

function health(overview) {
  const redis = overview.redis ?? {};
  const workers = overview.workers ?? {};
  const executors = overview.executors ?? {};
  const redisUp = redis.status === "up";
  const executorCount = (executors.online ?? 0) + (executors.offline ?? 0);
  const workerCount = (workers.online ?? 0) + (workers.draining ?? 0) + (workers.offline ?? 0);
  return [
    healthCard("health-redis", "Redis", redisUp, redisUp ? "up" : "down", redisUp
      ? [redis.version ? `version ${redis.version}` : null,
        redis.latencyMs == null ? null : `${Number(redis.latencyMs).toFixed(1)} ms ping`,
        redis.usedMemoryBytes == null ? null : `${bytes(redis.usedMemoryBytes)} used`]
      : [dash(redis.error)]),
    healthCard("health-executors", "Executors", (executors.online ?? 0) > 0, `${executors.online ?? 0}/${executorCount}`,
      ["online", executors.offline ? `${executors.offline} offline` : null]),
    healthCard("health-workers", "Workers", (workers.online ?? 0) > 0, `${workers.online ?? 0}/${workerCount}`,
      ["online", workers.draining ? `${workers.draining} draining` : null, workers.offline ? `${workers.offline} offline` : null]),
  ];
}

function queueRows(queues) {
  return queues.length === 0
    ? [emptyRow(QUEUE_COLUMNS.length, "No queue has a stream yet: submit a job.")]
    : queues.map((q) => h("tr", { "data-queue": q.queue, "data-priority": q.priority },
      h("td", {}, h("a", { href: `#/jobs?queue=${encodeURIComponent(q.queue)}` }, q.queue)),
      h("td", {}, dash(q.priority)), h("td", { class: "mono" }, dash(q.stream)), h("td", {}, dash(q.length)),
      h("td", { "data-field": "waiting" }, dash(q.waiting)), h("td", { "data-field": "in-flight" }, dash(q.inFlight)),
      h("td", {}, q.waiting ? seconds(q.oldestWaitingSeconds) : "—"), h("td", {}, dash(q.consumers))));
}

export function overview(main, view) {
  const healthCards = h("div", { class: "cards", "data-testid": "health" });
  const stats = h("div", { class: "cards", "data-testid": "queue-stats" });
  const queues = h("tbody");
  const rates = h("section", { "data-testid": "throughput" }, h("p", { class: "muted" }, "Loading…"));
  const recent = h("tbody");
  const at = h("span", { class: "muted", "data-testid": "overview-at" });
  append(main, [
    h("h1", {}, "Overview ", at),
    h("h2", {}, "Cluster health"), healthCards,
    h("h2", {}, "Jobs per status"), stats,
    h("h2", {}, "Queues"), table("queues", QUEUE_COLUMNS, queues),
    h("h2", {}, "Throughput"), rates,
    h("h2", {}, "Recent jobs"), jobTable(recent),
  ]);

  follow(view, "/api/overview", {
    overview: (data) => {
      at.textContent = data.at ? `as of ${new Date(data.at).toLocaleTimeString()}` : "";
      healthCards.replaceChildren(...health(data));
      stats.replaceChildren(...STAT_KEYS.map((key) =>
        h("div", { class: "card", "data-stat": key }, h("div", { class: "value" }, dash(data.stats?.[key])), h("div", { class: "label" }, key))));
      queues.replaceChildren(...queueRows(data.queues ?? []));
      rates.replaceChildren(...throughput(data.throughput));
    },
  });
  follow(view, "/api/jobs?limit=10", { page: (page) => fillJobRows(recent, page.items) });
}
