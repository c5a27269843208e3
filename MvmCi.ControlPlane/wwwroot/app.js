// The MvmCi dashboard: hash routes over the control plane's JSON API. No build step, no dependencies.
// Every piece of server data is inserted as text (textContent / text nodes), never as HTML; pages follow the API's
// server-sent event streams (core/live.js), so they change in place without reloads or polling.

import { clearError, showError } from "./core/api.js";
import { append, h } from "./core/dom.js";
import { signInFromAddress, signOut, whoami } from "./core/session.js";
import { signInPage } from "./views/signin.js";
import { jobDetail } from "./views/job.js";
import { jobs } from "./views/jobs.js";
import { modules } from "./views/modules.js";
import { overview } from "./views/overview.js";
import { submit } from "./views/submit.js";
import { workers } from "./views/workers.js";

let current = null;
let signedIn = false;

function route() {
  if (!signedIn) return;
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
  else if (parts[0] === "workers" && parts.length === 1) { nav = "workers"; render = () => workers(main, view); }
  else if (parts[0] === "jobs" && parts.length === 1) { nav = "jobs"; render = () => jobs(main, view, query); }
  else if (parts[0] === "jobs" && parts.length === 2) { nav = "jobs"; render = () => jobDetail(main, view, parts[1]); }
  else if (parts[0] === "modules") { nav = "modules"; render = () => modules(main, view); }
  else if (parts[0] === "submit") { nav = "submit"; render = () => submit(main, view, query); }
  else { nav = ""; render = () => append(main, [h("h1", {}, "Not found"), h("p", {}, h("a", { href: "#/" }, "Overview"))]); }
  for (const link of document.querySelectorAll("[data-nav]")) link.classList.toggle("active", link.dataset.nav === nav);
  Promise.resolve(render()).catch(showError);
}

function showCaller(caller) {
  const who = document.getElementById("who");
  if (!caller) { who.hidden = true; who.replaceChildren(); return; }
  who.replaceChildren(
    h("span", {}, `${caller.name} (${caller.role})`),
    h("button", { type: "button", class: "link", "data-testid": "signout", onclick: async () => {
      try { await signOut(); } catch (error) { showError(error); return; }
      showSignIn();
    } }, "Sign out"));
  who.hidden = false;
}

function showSignIn() {
  signedIn = false;
  current?.leave();
  current = null;
  showCaller(null);
  signInPage(document.getElementById("view"), (caller) => {
    signedIn = true;
    showCaller(caller);
    route();
  });
}

window.addEventListener("hashchange", route);
window.addEventListener("mvmci:unauthorized", () => { if (signedIn) showSignIn(); });

async function start() {
  try { await signInFromAddress(); } catch (error) { showError(error); }
  const caller = await whoami();
  if (!caller) { showSignIn(); return; }
  signedIn = true;
  showCaller(caller);
  route();
}

start().catch(showError);
