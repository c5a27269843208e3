// Live updates: a page follows the API's server-sent event streams (EventSource) while it is shown; the header's
// indicator says whether they flow. There is no polling, except as the fallback of a stream that failed for good.

import { api, ApiError, clearError, showError } from "./api.js";

const FALLBACK_MS = 3000;
// Shown in the indicator: the worst state of the page's open streams.
const LABELS = { polling: "polling", reconnecting: "reconnecting…", connecting: "connecting…", live: "live" };
const open = new Set();

function showState() {
  const indicator = document.getElementById("live");
  if (!indicator) return;
  const states = new Set([...open].map((stream) => stream.state));
  const state = Object.keys(LABELS).find((s) => states.has(s));
  indicator.hidden = !state;
  indicator.dataset.state = state ?? "";
  indicator.textContent = state ? LABELS[state] : "";
  indicator.title = state === "polling"
    ? `Live updates are unavailable: reading the API every ${FALLBACK_MS / 1000} s.`
    : state === "live" ? "Updates arrive as server-sent events." : "";
}

const parse = (text) => { try { return JSON.parse(text); } catch { return text; } };

/**
 * Follows url as a server-sent event stream while the view is shown: on[name](data, event) for each event.
 * The browser reconnects by itself after a dropped connection (resuming after Last-Event-ID).
 * options.stopOnClose(): asked when the server ends the stream; true means the stream is done, no reconnect.
 * options.fallback { url, deliver(document), until(document) }: when the stream fails for good (an error answer, or
 * a server that does not stream this URL), url (default: the stream's own) is read as JSON. A problem goes to the
 * error box; a document goes to deliver (default: the only handler) and is read again every few seconds until
 * until(document) is true; a stream that had worked is opened again a few seconds later instead.
 * Returns { close() }.
 */
export function follow(view, url, on, options = {}) {
  const handlers = Object.values(on);
  const fallback = {
    url,
    deliver: handlers.length === 1 ? handlers[0] : () => {},
    ...options.fallback,
  };
  const stream = { state: "connecting", close };
  let source = null;
  let timer = null;
  let closed = false;
  let worked = false;
  let showedError = false;

  open.add(stream);
  view.onLeave(close);
  connect();
  return stream;

  function set(state) {
    stream.state = state;
    showState();
  }

  function recovered() {
    if (showedError) { showedError = false; clearError(); }
  }

  function connect() {
    set("connecting");
    source = new EventSource(url);
    source.onopen = () => { worked = true; set("live"); };
    for (const [name, handle] of Object.entries(on)) {
      source.addEventListener(name, (event) => {
        if (closed) return;
        recovered();
        handle(parse(event.data), event);
      });
    }
    source.onerror = () => {
      if (closed) return;
      if (source.readyState === EventSource.CONNECTING) {
        // The connection dropped or the server ended the stream: the browser tries again unless it is done.
        if (options.stopOnClose?.()) close(); else set("reconnecting");
        return;
      }
      source.close();
      read();
    };
  }

  async function read() {
    set("polling");
    try {
      const doc = await api(typeof fallback.url === "function" ? fallback.url() : fallback.url);
      if (closed) return;
      recovered();
      fallback.deliver(doc);
      if (fallback.until?.(doc)) { close(); return; }
      // The stream had worked (the server was restarting, say): go back to it.
      if (worked) { timer = setTimeout(connect, FALLBACK_MS); return; }
    } catch (error) {
      if (closed) return;
      showError(error);
      showedError = true;
      // A problem about the request itself (not found, invalid filter) does not go away by asking again.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) { close(); return; }
    }
    timer = setTimeout(read, FALLBACK_MS);
  }

  function close() {
    if (closed) return;
    closed = true;
    source?.close();
    clearTimeout(timer);
    open.delete(stream);
    showState();
  }
}
