// The sign-in page, shown whenever the API answers 401 (no key yet, or the key was revoked).

import { clearError, showError } from "../core/api.js";
import { append, h } from "../core/dom.js";
import { signIn } from "../core/session.js";

export function signInPage(main, onSignedIn) {
  const key = h("input", { name: "key", type: "password", required: true, autocomplete: "current-password",
    placeholder: "mvmci_… or the AppHost's api-key", "data-testid": "signin-key" });
  const button = h("button", { type: "submit", "data-testid": "signin" }, "Sign in");
  const form = h("form", { class: "panel", "data-testid": "signin-form", onsubmit: async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      const caller = await signIn(key.value.trim());
      clearError();
      onSignedIn(caller);
    } catch (error) { showError(error); } finally { button.disabled = false; }
  } },
  h("label", {}, "API key", key),
  h("div", {}, button));
  main.replaceChildren();
  append(main, [
    h("h1", {}, "Sign in"),
    h("p", { class: "muted" }, "Every page shows data from the API, which needs an API key. Running the AppHost? Its key is the "
      + "'api-key' parameter in the Aspire dashboard, and the control plane's 'Dashboard (signed in)' link opens this page signed in."),
    form,
  ]);
  key.focus();
}
