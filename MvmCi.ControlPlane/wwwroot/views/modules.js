// The module registry: the list, and an upload form (a .wasm file, optionally named name@version).

import { api, clearError, showError } from "../core/api.js";
import { append, bytes, emptyRow, h, shortDigest, table, time } from "../core/dom.js";

export async function modules(main) {
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
  const columns = ["Aliases", "Digest", "Size", "Imports", "Exports", "Created", ""];
  append(main, [
    h("h1", {}, "Modules"),
    h("h2", {}, "Upload"), form, result,
    h("h2", {}, "Registry"),
    table("modules", columns, tbody),
  ]);
  async function load() {
    const list = await api("/api/modules");
    tbody.replaceChildren(...(list.items.length === 0
      ? [emptyRow(columns.length, "No modules yet: upload one above.")]
      : list.items.map((m) => h("tr", { "data-digest": m.digest },
        h("td", {}, (m.aliases ?? []).join(", ") || "—"), h("td", { class: "mono", title: m.digest }, shortDigest(m.digest)),
        h("td", {}, bytes(m.size)), h("td", {}, String((m.imports ?? []).length)), h("td", {}, String((m.exports ?? []).length)),
        h("td", {}, time(m.createdAt)),
        h("td", {}, h("a", { href: `#/submit?module=${encodeURIComponent((m.aliases ?? [])[0] ?? m.digest)}` }, "Run"))))));
  }
  await load().catch(showError);
}
