// The submit form: a module reference, arguments, environment, secrets, allowed hosts, queue, priority and timeout;
// lands on the job's page.

import { api, clearError, showError } from "../core/api.js";
import { append, h } from "../core/dom.js";

export async function submit(main, view, query) {
  const moduleOptions = h("datalist", { id: "module-options" });
  const queueOptions = h("datalist", { id: "queue-options" });
  const module = h("input", { name: "module", required: true, list: "module-options", placeholder: "echo@1 or sha256:…",
    value: query.get("module") ?? "", "data-testid": "submit-module" });
  const args = h("textarea", { name: "args", placeholder: "hello\nworld", "data-testid": "submit-args" });
  const env = h("textarea", { name: "env", placeholder: "CI=true", "data-testid": "submit-env" });
  const queue = h("input", { name: "queue", list: "queue-options", placeholder: "default", "data-testid": "submit-queue" });
  const priority = h("input", { name: "priority", type: "number", min: "0", max: "9", placeholder: "0", "data-testid": "submit-priority" });
  const secrets = h("textarea", { name: "secrets", placeholder: "NPM_TOKEN=npm-token", "data-testid": "submit-secrets" });
  const hosts = h("input", { name: "httpAllowedHosts", placeholder: "api.example.com, localhost:8080", "data-testid": "submit-hosts" });
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
    const secretLines = secrets.value.split("\n").map((l) => l.trim()).filter(Boolean);
    if (secretLines.length) {
      job.secrets = {};
      for (const line of secretLines) {
        const eq = line.indexOf("=");
        if (eq <= 0) { showError(`Secret line "${line}" is not VARIABLE=secret-name.`); return; }
        job.secrets[line.slice(0, eq)] = line.slice(eq + 1);
      }
    }
    const hostList = hosts.value.split(/[\s,]+/).filter(Boolean);
    if (hostList.length) job.httpAllowedHosts = hostList;
    if (queue.value.trim()) job.queue = queue.value.trim();
    if (priority.value.trim()) job.priority = Number(priority.value);
    if (timeout.value.trim()) job.timeoutSeconds = Number(timeout.value);
    button.disabled = true;
    try {
      const created = await api("/api/jobs", { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(job) });
      clearError();
      location.hash = `#/jobs/${encodeURIComponent(created.id)}`;
    } catch (error) { showError(error); } finally { button.disabled = false; }
  } },
  h("label", {}, "Module", module, moduleOptions),
  h("label", {}, "Arguments ", h("span", { class: "hint" }, "one per line"), args),
  h("label", {}, "Environment ", h("span", { class: "hint" }, "KEY=VALUE, one per line"), env),
  h("label", {}, "Secrets ", h("span", { class: "hint" }, "VARIABLE=secret-name, one per line; the worker sets the value"), secrets),
  h("label", {}, "HTTP allowed hosts ", h("span", { class: "hint" }, "host or host:port, comma-separated; none by default"), hosts),
  h("div", { class: "row" },
    h("label", {}, "Queue ", h("span", { class: "hint" }, "a worker must serve it"), queue, queueOptions),
    h("label", {}, "Priority ", h("span", { class: "hint" }, "0–9, higher first"), priority)),
  h("label", {}, "Timeout (seconds)", timeout),
  h("div", {}, button));
  append(main, [h("h1", {}, "Submit a job"), form]);
  const [moduleList, queueList] = await Promise.allSettled([api("/api/modules"), api("/api/queues")]);
  if (moduleList.status === "fulfilled") {
    moduleOptions.replaceChildren(...moduleList.value.items.flatMap((m) => [...(m.aliases ?? []), m.digest]).map((ref) => h("option", { value: ref })));
  } else {
    showError(moduleList.reason);
  }
  // Queue suggestions are a convenience: without them the field still takes any name.
  if (queueList.status === "fulfilled") {
    queueOptions.replaceChildren(...[...new Set(queueList.value.items.map((q) => q.queue))].map((name) => h("option", { value: name })));
  }
}
