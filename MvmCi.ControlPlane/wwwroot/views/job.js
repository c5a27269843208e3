// A job's page: its fields, its timeline and its output follow three streams (the job, its events, its logs) until
// it ends; artifacts once it has; Cancel and Retry (a retry follows the new attempt).

import { api, clearError, showError } from "../core/api.js";
import { append, bytes, dash, h, STATUSES, status, table, TERMINAL, time } from "../core/dom.js";
import { follow } from "../core/live.js";

const isTerminal = (s) => TERMINAL.has(s);

function fieldRows(job) {
  const rows = [
    ["Status", status(job.status)], ["Module", job.module], ["Digest", h("span", { class: "mono" }, dash(job.moduleDigest))],
    ["Queue", job.queue], ["Priority", dash(job.priority)], ["Attempt", h("span", { "data-testid": "attempt" }, dash(job.attempt))],
    ["Args", (job.args ?? []).length ? h("span", { class: "mono" }, JSON.stringify(job.args)) : "—"],
    ["Env", job.env && Object.keys(job.env).length ? h("span", { class: "mono" }, Object.entries(job.env).map(([k, v]) => `${k}=${v}`).join(" ")) : "—"],
    ["Timeout", job.timeoutSeconds == null ? "—" : `${job.timeoutSeconds} s`],
    ["Created", time(job.createdAt)], ["Started", time(job.startedAt)], ["Finished", time(job.finishedAt)],
    ["Duration", job.durationMs == null ? "—" : `${job.durationMs} ms`],
    ["Exit code", h("span", { "data-testid": "exit-code" }, dash(job.exitCode))],
    ["Failure", h("span", { "data-testid": "failure" }, [job.failureReason, job.failureMessage].filter(Boolean).join(": ") || "—")],
    ["Worker", dash(job.workerId)], ["Executor", dash(job.executorId)],
  ];
  if (job.secrets && Object.keys(job.secrets).length) {
    rows.push(["Secrets", h("span", { class: "mono", "data-testid": "secrets" },
      Object.entries(job.secrets).map(([variable, name]) => `${variable} ← ${name}`).join(" "))]);
  }
  if ((job.httpAllowedHosts ?? []).length) rows.push(["HTTP allowed", h("span", { class: "mono" }, job.httpAllowedHosts.join(" "))]);
  if (job.progress) rows.push(["Progress", `${job.progress.percent} % ${job.progress.message ?? ""}`.trim()]);
  if (job.output != null) rows.push(["Output", h("span", { class: "mono" }, job.output)]);
  if (job.nextAttemptAt) rows.push(["Next attempt", time(job.nextAttemptAt)]);
  if (job.stdoutTruncated || job.stderrTruncated) rows.push(["Stored output", "truncated"]);
  if (job.traceId) rows.push(["Trace", h("span", { class: "mono" }, job.traceId)]);
  return rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]);
}

function artifactTable(list) {
  return list.items.length === 0
    ? h("span", { class: "muted" }, "No artifacts.")
    : table("artifact-list", ["Path", "Size", "Digest", ""], h("tbody", {}, list.items.map((a) => h("tr", {},
      h("td", { class: "mono" }, a.path), h("td", {}, bytes(a.size)), h("td", { class: "mono" }, dash(a.digest)),
      h("td", {}, a.url ? h("a", { href: a.url, download: a.path.split("/").pop() }, "Download") : `skipped: ${dash(a.skipped)}`)))));
}

export function jobDetail(main, view, id) {
  const path = `/api/jobs/${encodeURIComponent(id)}`;
  const fields = h("dl", { class: "fields", "data-testid": "job-fields" });
  const timeline = h("ol", { class: "timeline", "data-testid": "timeline" });
  const logs = h("pre", { class: "logs", "data-testid": "logs" });
  const logState = h("span", { class: "muted", "data-testid": "log-state" }, "connecting…");
  const artifactsWaiting = () => h("span", { class: "muted" }, "Listed when the job ends.");
  const artifacts = h("div", { "data-testid": "artifacts" }, artifactsWaiting());
  const title = h("h1", {}, "Job ", h("span", { class: "mono" }, id), " ");
  const cancel = h("button", { type: "button", "data-testid": "cancel", disabled: true, onclick: () => act("cancel") }, "Cancel");
  const retry = h("button", { type: "button", class: "secondary", "data-testid": "retry", disabled: true, onclick: () => act("retry") }, "Retry");
  append(main, [
    title,
    h("div", { class: "toolbar" }, cancel, retry, h("a", { href: "#/jobs" }, "All jobs")),
    h("div", { class: "grid2" },
      h("section", {}, h("h2", {}, "Job"), fields),
      h("section", {}, h("h2", {}, "Timeline"), timeline)),
    h("h2", {}, "Logs ", logState), logs,
    h("h2", {}, "Artifacts"), artifacts,
  ]);

  let job = null;
  let busy = false;
  let lastLogId = null;
  let artifactsOf = null;
  const events = new Map();
  const streams = {};

  function updateButtons() {
    cancel.disabled = busy || !job || isTerminal(job.status);
    retry.disabled = busy || !job || !(job.status === "failed" || job.status === "cancelled");
  }

  function render(current) {
    const first = job === null;
    job = current;
    title.replaceChildren("Job ", h("span", { class: "mono" }, id), " ", status(job.status));
    title.setAttribute("data-job-status", job.status);
    fields.replaceChildren(...fieldRows(job));
    updateButtons();
    if (first) { followEvents(); followLogs(); }
    if (isTerminal(job.status) && artifactsOf !== job.attempt) {
      artifactsOf = job.attempt;
      api(`${path}/artifacts`).then((list) => artifacts.replaceChildren(artifactTable(list))).catch(showError);
    }
  }

  function renderTimeline() {
    timeline.replaceChildren(...[...events.values()].map((e) => h("li", { "data-event-status": e.status, "data-attempt": e.attempt },
      status(e.status), ` attempt ${e.attempt} · ${time(e.at)}`, e.from ? ` · from ${e.from}` : "", e.detail ? ` · ${e.detail}` : "")));
  }

  const lastEventIsTerminal = () => { const all = [...events.values()]; return all.length > 0 && isTerminal(all[all.length - 1].status); };

  // The job's document: sent again on every change; after it ends, once more and then "end".
  function followJob() {
    streams.job?.close();
    const stream = follow(view, path, { job: render, end: () => stream.close() },
      { fallback: { until: (j) => isTerminal(j.status) } });
    streams.job = stream;
  }

  // The timeline: one event per transition, named by the status it reached; the server ends the stream at a terminal
  // one. Opened again after a retry, it replays the history: events are kept by id.
  function followEvents() {
    streams.events?.close();
    const on = Object.fromEntries(STATUSES.map((s) => [s, (e) => { events.set(e.id, e); renderTimeline(); }]));
    streams.events = follow(view, `${path}/events`, on, {
      stopOnClose: lastEventIsTerminal,
      fallback: {
        deliver: (list) => { for (const e of list.items) events.set(e.id, e); renderTimeline(); },
        until: () => lastEventIsTerminal(),
      },
    });
  }

  function followLogs() {
    streams.logs?.close();
    const after = lastLogId ? `&after=${encodeURIComponent(lastLogId)}` : "";
    const piece = (received, event) => {
      const data = typeof received === "string" ? { text: received } : received;
      if (event?.lastEventId || data.id) lastLogId = event?.lastEventId || data.id;
      const stream = data.stream ?? event?.type;
      logs.append(h("span", { class: stream, "data-stream": stream }, data.text ?? ""));
      logs.scrollTop = logs.scrollHeight;
    };
    logState.textContent = "following…";
    const stream = follow(view, `${path}/logs?follow=true${after}`, {
      stdout: piece, stderr: piece, log: piece,
      end: () => { stream.close(); logState.textContent = "ended"; },
    }, {
      fallback: {
        url: () => `${path}/logs${lastLogId ? `?after=${encodeURIComponent(lastLogId)}` : ""}`,
        deliver: (list) => list.items.forEach((item) => piece(item)),
        until: () => job !== null && isTerminal(job.status),
      },
    });
    streams.logs = stream;
  }

  async function act(action) {
    busy = true;
    updateButtons();
    try {
      const answer = await api(`${path}/${action}`, { method: "POST" });
      clearError();
      if (action === "retry") {
        // The streams ended with the last attempt: follow the new one. (A cancel's outcome arrives on the job stream.)
        artifactsOf = null;
        artifacts.replaceChildren(artifactsWaiting());
        if (answer) render(answer);
        followJob();
        followEvents();
        followLogs();
      }
    } catch (error) {
      showError(error);
    } finally {
      busy = false;
      updateButtons();
    }
  }

  followJob();
}
