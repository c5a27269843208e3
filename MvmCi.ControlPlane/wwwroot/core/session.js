// Signing in: the dashboard sends a key once to /api/session, which keeps it in an HttpOnly, SameSite=Strict cookie;
// every later fetch, event stream and download carries that cookie. Scripts never see the key again.

import { api } from "./api.js";

const JSON_HEADERS = { "Content-Type": "application/json", Accept: "application/json" };

/** Checks the key and signs the browser in; answers the caller ({ id, name, role }). */
export function signIn(key) {
  return api("/api/session", { method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ key }) });
}

export function signOut() {
  return api("/api/session", { method: "DELETE" });
}

/** The signed-in caller, or null when the browser is not signed in (401). */
export async function whoami() {
  try {
    return await api("/api/whoami");
  } catch (error) {
    if (error.status === 401) return null;
    throw error;
  }
}

/**
 * A link of the form /#key=… (the AppHost's "Dashboard (signed in)" link) signs in with that key, then takes the key
 * out of the address and the history. The fragment is never sent to the server.
 */
export async function signInFromAddress() {
  const match = /^#key=([^&]+)/.exec(location.hash);
  if (!match) return;
  history.replaceState(null, "", `${location.pathname}#/`);
  await signIn(decodeURIComponent(match[1]));
}
