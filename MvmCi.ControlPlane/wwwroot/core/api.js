// The control plane's JSON API, and the #error box where its problem details are shown.

/** An error answered by the API, carrying its problem details. */
export class ApiError extends Error {
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

export async function api(path, options = {}) {
  const response = await fetch(path, { headers: { Accept: "application/json" }, ...options });
  const text = await response.text();
  let body = null;
  if (text) {
    try { body = JSON.parse(text); } catch { body = { title: `HTTP ${response.status}`, detail: text.slice(0, 500) }; }
  }
  // A key that stops working (revoked) while a page is open sends the dashboard back to its sign-in page.
  if (response.status === 401 && !path.startsWith("/api/session")) window.dispatchEvent(new CustomEvent("mvmci:unauthorized"));
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

const errorBox = () => document.getElementById("error");

export function showError(error) {
  const box = errorBox();
  box.textContent = error instanceof Error ? error.message : String(error);
  box.hidden = false;
}

export function clearError() {
  const box = errorBox();
  box.textContent = "";
  box.hidden = true;
}
