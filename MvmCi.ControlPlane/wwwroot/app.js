// The MvmCi dashboard: hash routes over the control plane's JSON API. No build step, no dependencies.
// Every piece of server data is inserted as text (textContent / text nodes), never as HTML.

const STATUSES = ["pending", "claimed", "running", "completed", "failed", "cancelled"];
const TERMINAL = new Set(["completed", "failed", "cancelled"]);

// ---- helpers ---------------------------------------------------------------------------------

/** Creates an element; attrs: properties/attributes (on* = listeners); children: nodes or strings (as text). */
function h(tag, attrs = {}, ...children) {
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

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An error answered by the API, carrying its problem details. */
class ApiError extends Error {
  constructor(status, problem) {
    const errors = problem?.errors
      ? Object.entries(problem.errors).map(([field, messages]) => `${field}: ${[].concat(messages).join(" ")}`)
      : [];
    const parts = [problem?.title ?? `HTTP ${status}`, problem?.detail, ...errors].filter(Boolean);
    super(parts.join("\n"));
    this.status = status;
    this.problem = problem;
  }
}

async function api(path, options = {}) {
  const response = await fetch(path, { headers: { Accept: "application/json" }, ...options });
  const text = await response.text();
  let body = null;
  if (text) {
    try { body = JSON.parse(text); } catch { body = { title: `HTTP ${response.status}`, detail: text.slice(0, 500) }; }
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

const errorBox = () => document.getElementById("error");

function showError(error) {
  const box = errorBox();
  box.textContent = error instanceof Error ? error.message : String(error);
  box.hidden = false;
}

function clearError() {
  const box = errorBox();
  box.textContent = "";
  box.hidden = true;
}

const status = (value) => h("span", { class: `status status-${value}`, "data-status": value }, value);
const time = (value) => (value ? new Date(value).toLocaleString() : "—");
const dash = (value) => (value === null || value === undefined || value === "" ? "—" : String(value));
const bytes = (n) => (n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1048576).toFixed(1)} MiB`);
const shortId = (id) => (id.length > 13 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id);

/** Runs fn now and every ms while the view is current; errors go to the error box. */
function every(ms, fn, view) {
  let stopped = false;
  let timer = null;
  const tick = async () => {
    if (stopped) return;
    try { await fn(); } catch (error) { if (!stopped) showError(error); }
    if (!stopped) timer = setTimeout(tick, ms);
  };
  view.onLeave(() => { stopped = true; clearTimeout(timer); });
  tick();
}

// ---- views -----------------------------------------------------------------------------------

async function overview(main, view) {
  const cards = h("div", { class: "cards", "data-testid": "queue-stats" });
  const workers = h("tbody");
  const recent = h("tbody");
  append(main, [
    h("h1", {}, "Overview"),
    h("h2", {}, "Queue"), cards,
    h("h2", {}, "Workers"),
    h("table", { "data-testid": "workers" },
      h("thead", {}, h("tr", {}, ["Worker", "State", "Queues", "Slots", "Running", "Completed", "Failed", "Last seen", "Host"].map((c) => h("th", {}, c)))),
      workers),
    h("h2", {}, "Recent jobs"),
    jobTable(recent),
    h("p", { class: "muted" }, "Refreshed every 2 s."),
  ]);
  every(2000, async () => {
    const [stats, workerList, jobs] = await Promise.all([
      api("/api/queue/stats"), api("/api/workers"), api("/api/jobs?limit=10")]);
    cards.replaceChildren(...["pending", "claimed", "running", "completed", "failed", "cancelled", "total"].map((key) =>
      h("div", { class: "card", "data-stat": key }, h("div", { class: "value" }, dash(stats[key])), h("div", { class: "label" }, key))));
    const up = workerList.items.filter((w) => w.state !== "offline").length;
    cards.append(h("div", { class: "card", "data-stat": "workers-up" },
      h("div", { class: "value" }, `${up}/${workerList.items.length}`), h("div", { class: "label" }, "workers up")));
    workers.replaceChildren(...(workerList.items.length === 0
      ? [h("tr", {}, h("td", { colSpan: 9, class: "muted" }, "No workers have reported."))]
      : workerList.items.map((w) => h("tr", { "data-worker": w.id },
        h("td", { class: "mono" }, w.id), h("td", {}, status(w.state)), h("td", {}, (w.queues ?? []).join(", ")),
        h("td", {}, dash(w.slots)), h("td", {}, dash(w.running)), h("td", {}, dash(w.completed)), h("td", {}, dash(w.failed)),
        h("td", {}, time(w.lastSeen)), h("td", {}, `${dash(w.host)} (pid ${dash(w.processId)})`)))));
    fillJobRows(recent, jobs.items);
    clearError();
  }, view);
}

function jobTable(tbody) {
  return h("table", { "data-testid": "jobs" },
    h("thead", {}, h("tr", {}, ["Job", "Module", "Status", "Attempt", "Created", "Duration", "Exit code", "Failure"].map((c) => h("th", {}, c)))),
    tbody);
}

function fillJobRows(tbody, items) {
  tbody.replaceChildren(...(items.length === 0
    ? [h("tr", {}, h("td", { colSpan: 8, class: "muted" }, "No jobs."))]
    : items.map((job) => h("tr", { "data-job": job.id },
      h("td", { class: "mono" }, h("a", { href: `#/jobs/${encodeURIComponent(job.id)}`, title: job.id }, shortId(job.id))),
      h("td", {}, job.module), h("td", {}, status(job.status)), h("td", {}, dash(job.attempt)),
      h("td", {}, time(job.createdAt)), h("td", {}, job.durationMs == null ? "—" : `${job.durationMs} ms`),
      h("td", {}, dash(job.exitCode)), h("td", {}, dash(job.failureReason))))));
}

async function jobs(main, view, query) {
  const statusFilter = query.get("status") ?? "";
  const cursor = query.get("cursor") ?? "";
  const limit = query.get("limit") ?? "25";
  const select = h("select", { name: "status", "data-testid": "status-filter",
    onchange: () => { location.hash = `#/jobs?status=${encodeURIComponent(select.value)}`; } },
  h("option", { value: "" }, "all statuses"), STATUSES.map((s) => h("option", { value: s, selected: s === statusFilter }, s)));
  const tbody = h("tbody");
  const paging = h("div", { class: "toolbar" });
  append(main, [
    h("h1", {}, "Jobs"),
    h("div", { class: "toolbar" }, h("label", {}, "Status ", select), h("a", { href: "#/submit" }, "Submit a job")),
    jobTable(tbody), paging,
  ]);
  const params = new URLSearchParams({ limit });
  if (statusFilter) params.set("status", statusFilter);
  if (cursor) params.set("cursor", cursor);
  const load = async () => {
    const page = await api(`/api/jobs?${params}`);
    fillJobRows(tbody, page.items);
    const links = [];
    if (cursor) links.push(h("a", { href: `#/jobs?status=${encodeURIComponent(statusFilter)}` }, "« First page"));
    if (page.next) {
      links.push(h("a", { "data-testid": "next-page",
        href: `#/jobs?status=${encodeURIComponent(statusFilter)}&cursor=${encodeURIComponent(page.next)}` }, "Next page »"));
    }
    paging.replaceChildren(...links);
    clearError();
  };
  // The first page follows new jobs; later pages stay as they are (the cursor is stable).
  if (cursor) await load().catch(showError); else every(2000, load, view);
}

async function jobDetail(main, view, id) {
  const fields = h("dl", { class: "fields", "data-testid": "job-fields" });
  const timeline = h("ol", { class: "timeline", "data-testid": "timeline" });
  const logs = h("pre", { class: "logs", "data-testid": "logs" });
  const logState = h("span", { class: "muted", "data-testid": "log-state" }, "connecting…");
  const artifacts = h("div", { "data-testid": "artifacts" }, h("span", { class: "muted" }, "Listed when the job ends."));
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
  let source = null;
  let lastLogId = null;
  let artifactsShown = false;
  view.onLeave(() => source?.close());

  async function act(action) {
    cancel.disabled = retry.disabled = true;
    try {
      await api(`/api/jobs/${encodeURIComponent(id)}/${action}`, { method: "POST" });
      clearError();
      if (action === "retry") { artifactsShown = false; openLogs(); }
      await refresh();
    } catch (error) { showError(error); await refresh().catch(() => {}); }
  }

  function openLogs() {
    source?.close();
    const after = lastLogId ? `&after=${encodeURIComponent(lastLogId)}` : "";
    source = new EventSource(`/api/jobs/${encodeURIComponent(id)}/logs?follow=true${after}`);
    logState.textContent = "following…";
    const piece = (event) => {
      if (event.lastEventId) lastLogId = event.lastEventId;
      let data;
      try { data = JSON.parse(event.data); } catch { data = { text: event.data, stream: event.type }; }
      const stream = data.stream ?? event.type;
      logs.append(h("span", { class: stream, "data-stream": stream }, data.text ?? ""));
      logs.scrollTop = logs.scrollHeight;
    };
    for (const name of ["stdout", "stderr", "log"]) source.addEventListener(name, piece);
    source.addEventListener("end", () => {
      source.close();
      logState.textContent = "ended";
      refresh().catch(showError);
    });
    source.onerror = () => { if (source.readyState === EventSource.CONNECTING) logState.textContent = "reconnecting…"; };
  }

  async function refresh() {
    const [current, events] = await Promise.all([
      api(`/api/jobs/${encodeURIComponent(id)}`), api(`/api/jobs/${encodeURIComponent(id)}/events`)]);
    job = current;
    title.replaceChildren("Job ", h("span", { class: "mono" }, id), " ", status(job.status));
    title.setAttribute("data-job-status", job.status);
    const rows = [
      ["Status", status(job.status)], ["Module", job.module], ["Digest", h("span", { class: "mono" }, dash(job.moduleDigest))],
      ["Queue", job.queue], ["Priority", dash(job.priority)], ["Attempt", dash(job.attempt)],
      ["Args", (job.args ?? []).length ? h("span", { class: "mono" }, JSON.stringify(job.args)) : "—"],
      ["Env", job.env && Object.keys(job.env).length ? h("span", { class: "mono" }, Object.entries(job.env).map(([k, v]) => `${k}=${v}`).join(" ")) : "—"],
      ["Timeout", job.timeoutSeconds == null ? "—" : `${job.timeoutSeconds} s`],
      ["Created", time(job.createdAt)], ["Started", time(job.startedAt)], ["Finished", time(job.finishedAt)],
      ["Duration", job.durationMs == null ? "—" : `${job.durationMs} ms`],
      ["Exit code", h("span", { "data-testid": "exit-code" }, dash(job.exitCode))],
      ["Failure", h("span", { "data-testid": "failure" }, [job.failureReason, job.failureMessage].filter(Boolean).join(": ") || "—")],
      ["Worker", dash(job.workerId)], ["Executor", dash(job.executorId)],
    ];
    if (job.nextAttemptAt) rows.push(["Next attempt", time(job.nextAttemptAt)]);
    if (job.stdoutTruncated || job.stderrTruncated) rows.push(["Output", "truncated"]);
    fields.replaceChildren(...rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
    timeline.replaceChildren(...events.items.map((e) => h("li", { "data-event-status": e.status },
      status(e.status), ` attempt ${e.attempt} · ${time(e.at)}`, e.from ? ` · from ${e.from}` : "", e.detail ? ` · ${e.detail}` : "")));
    const done = TERMINAL.has(job.status);
    cancel.disabled = done;
    retry.disabled = !(job.status === "failed" || job.status === "cancelled");
    if (done && !artifactsShown) {
      artifactsShown = true;
      const list = await api(`/api/jobs/${encodeURIComponent(id)}/artifacts`);
      artifacts.replaceChildren(list.items.length === 0
        ? h("span", { class: "muted" }, "No artifacts.")
        : h("table", {}, h("thead", {}, h("tr", {}, ["Path", "Size", "Digest", ""].map((c) => h("th", {}, c)))),
          h("tbody", {}, list.items.map((a) => h("tr", {},
            h("td", { class: "mono" }, a.path), h("td", {}, bytes(a.size)), h("td", { class: "mono" }, dash(a.digest)),
            h("td", {}, a.url ? h("a", { href: a.url, download: a.path.split("/").pop() }, "Download") : `skipped: ${dash(a.skipped)}`))))));
    }
  }

  try {
    await refresh();
    clearError();
  } catch (error) {
    showError(error);
    return;
  }
  openLogs();
  every(1000, async () => { if (!job || !TERMINAL.has(job.status)) await refresh(); }, view);
}

async function modules(main, view) {
  const tbody = h("tbody");
  const result = h("div");
  const file = h("input", { type: "file", name: "file", accept: ".wasm,application/wasm", required: true, "data-testid": "module-file" });
  const name = h("input", { name: "name", placeholder: "echo", "data-testid": "module-name" });
  const version = h("input", { name: "version", placeholder: "1", "data-testid": "module-version" });
  const upload = h("button", { type: "submit", "data-testid": "upload" }, "Upload");
  const form = h("form", { class: "panel", "data-testid": "upload-form", onsubmit: async (event) => {
    event.preventDefault();
    result.replaceChildren();
    const chosen = file.files[0];
    if (!chosen) { showError("Choose a .wasm file."); return; }
    const params = new URLSearchParams();
    if (name.value.trim()) params.set("name", name.value.trim());
    if (version.value.trim()) params.set("version", version.value.trim());
    upload.disabled = true;
    try {
      const module = await api(`/api/modules${params.size ? `?${params}` : ""}`,
        { method: "POST", headers: { "Content-Type": "application/wasm", Accept: "application/json" }, body: chosen });
      clearError();
      result.replaceChildren(h("div", { class: "notice", "data-testid": "upload-result" },
        `Uploaded ${module.name ? `${module.name}@${module.version}` : ""} ${module.digest} (${bytes(module.size)})`));
      form.reset();
      await load();
    } catch (error) { showError(error); } finally { upload.disabled = false; }
  } },
  h("label", {}, "Module file (.wasm)", file),
  h("label", {}, "Name ", h("span", { class: "hint" }, "optional, with a version: jobs name it as name@version"), name),
  h("label", {}, "Version", version),
  h("div", {}, upload));
  append(main, [
    h("h1", {}, "Modules"),
    h("h2", {}, "Upload"), form, result,
    h("h2", {}, "Registry"),
    h("table", { "data-testid": "modules" },
      h("thead", {}, h("tr", {}, ["Aliases", "Digest", "Size", "Imports", "Exports", "Created", ""].map((c) => h("th", {}, c)))), tbody),
  ]);
  async function load() {
    const list = await api("/api/modules");
    tbody.replaceChildren(...(list.items.length === 0
      ? [h("tr", {}, h("td", { colSpan: 7, class: "muted" }, "No modules yet: upload one above."))]
      : list.items.map((m) => h("tr", { "data-digest": m.digest },
        h("td", {}, (m.aliases ?? []).join(", ") || "—"), h("td", { class: "mono", title: m.digest }, shortDigest(m.digest)),
        h("td", {}, bytes(m.size)), h("td", {}, String((m.imports ?? []).length)), h("td", {}, String((m.exports ?? []).length)),
        h("td", {}, time(m.createdAt)),
        h("td", {}, h("a", { href: `#/submit?module=${encodeURIComponent((m.aliases ?? [])[0] ?? m.digest)}` }, "Run"))))));
  }
  await load().catch(showError);
}

const shortDigest = (digest) => (digest.length > 23 ? `${digest.slice(0, 19)}…` : digest);

async function submit(main, view, query) {
  const options = h("datalist", { id: "module-options" });
  const module = h("input", { name: "module", required: true, list: "module-options", placeholder: "echo@1 or sha256:…",
    value: query.get("module") ?? "", "data-testid": "submit-module" });
  const args = h("textarea", { name: "args", placeholder: "hello\nworld", "data-testid": "submit-args" });
  const env = h("textarea", { name: "env", placeholder: "CI=true", "data-testid": "submit-env" });
  const timeout = h("input", { name: "timeoutSeconds", type: "number", min: "1", placeholder: "server default", "data-testid": "submit-timeout" });
  const button = h("button", { type: "submit", "data-testid": "submit" }, "Submit");
  const form = h("form", { class: "panel", "data-testid": "submit-form", onsubmit: async (event) => {
    event.preventDefault();
    const job = { module: module.value.trim() };
    const argList = args.value.split("\n").map((a) => a.replace(/\r$/, "")).filter((a) => a !== "");
    if (argList.length) job.args = argList;
    const envLines = env.value.split("\n").map((l) => l.trim()).filter(Boolean);
    if (envLines.length) {
      job.env = {};
      for (const line of envLines) {
        const eq = line.indexOf("=");
        if (eq <= 0) { showError(`Env line "${line}" is not KEY=VALUE.`); return; }
        job.env[line.slice(0, eq)] = line.slice(eq + 1);
      }
    }
    if (timeout.value.trim()) job.timeoutSeconds = Number(timeout.value);
    button.disabled = true;
    try {
      const created = await api("/api/jobs", { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(job) });
      clearError();
      location.hash = `#/jobs/${encodeURIComponent(created.id)}`;
    } catch (error) { showError(error); } finally { button.disabled = false; }
  } },
  h("label", {}, "Module", module, options),
  h("label", {}, "Arguments ", h("span", { class: "hint" }, "one per line"), args),
  h("label", {}, "Environment ", h("span", { class: "hint" }, "KEY=VALUE, one per line"), env),
  h("label", {}, "Timeout (seconds)", timeout),
  h("div", {}, button));
  append(main, [h("h1", {}, "Submit a job"), form]);
  try {
    const list = await api("/api/modules");
    options.replaceChildren(...list.items.flatMap((m) => [...(m.aliases ?? []), m.digest]).map((ref) => h("option", { value: ref })));
  } catch (error) { showError(error); }
}

// ---- router ----------------------------------------------------------------------------------

let current = null;

function route() {
  current?.leave();
  const listeners = [];
  const view = { onLeave: (fn) => listeners.push(fn), leave: () => listeners.splice(0).forEach((fn) => fn()) };
  current = view;
  clearError();
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, search = ""] = hash.split("?");
  const query = new URLSearchParams(search);
  const main = document.getElementById("view");
  main.replaceChildren();
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  let nav = "overview";
  let render;
  if (parts.length === 0) render = () => overview(main, view);
  else if (parts[0] === "jobs" && parts.length === 1) { nav = "jobs"; render = () => jobs(main, view, query); }
  else if (parts[0] === "jobs" && parts.length === 2) { nav = "jobs"; render = () => jobDetail(main, view, parts[1]); }
  else if (parts[0] === "modules") { nav = "modules"; render = () => modules(main, view); }
  else if (parts[0] === "submit") { nav = "submit"; render = () => submit(main, view, query); }
  else { nav = ""; render = () => append(main, [h("h1", {}, "Not found"), h("p", {}, h("a", { href: "#/" }, "Overview"))]); }
  for (const link of document.querySelectorAll("[data-nav]")) link.classList.toggle("active", link.dataset.nav === nav);
  Promise.resolve(render()).catch(showError);
}

window.addEventListener("hashchange", route);
route();
