/* The keys page: the workspace's keys (public facts only), create, import, choose. */
"use strict";

(() => {
  const { api, el, status, options } = Studio;
  const $ = (id) => document.getElementById(id);

  async function refresh() {
    const { ok, data } = await api("/api/keys");
    if (!ok) return;
    if (!$("k-type").options.length) options($("k-type"), Object.entries(data.kinds));
    const list = $("key-list");
    list.replaceChildren();
    if (!data.keys.length) list.append(el("p", { class: "muted" }, "No key yet. Create one: it takes a second."));
    for (const k of data.keys) {
      const card = el("div", { class: `keycard${k.current ? " current" : ""}` },
        el("h3", {}, k.name, k.current ? el("span", { class: "tag" }, "signs your badges") : null),
        el("p", {}, `${k.label} · ${k.suite}`),
        el("p", { class: "muted" }, el("code", {}, k.did_key)));
      if (!k.current) {
        const use = el("button", { type: "button", class: "btn btn-2 btn-s" }, "Use this key");
        use.addEventListener("click", async () => {
          const r = await api("/api/keys/choose", { method: "POST", json: { name: k.name } });
          status($("key-status"), r.ok ? `Now signing with ${k.name}.` : r.data.error, r.ok ? "ok" : "bad");
          refresh();
        });
        card.append(use);
      }
      list.append(card);
    }
  }

  $("key-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = { name: $("k-name").value.trim(), type: $("k-type").value };
    const { ok, data } = await api("/api/keys", { method: "POST", json: body });
    status($("key-status"), ok ? `Created the key ${data.name}${data.current ? ": it signs your badges" : ""}.` : data.error, ok ? "ok" : "bad");
    refresh();
  });
  $("import-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const file = $("k-file").files[0];
    if (!file) return status($("key-status"), "Choose a key file first.", "bad");
    const form = new FormData();
    form.append("file", file);
    if ($("k-import-name").value.trim()) form.append("name", $("k-import-name").value.trim());
    const { ok, data } = await api("/api/keys/import", { method: "POST", form });
    status($("key-status"), ok ? `Imported ${data.name}.` : data.error, ok ? "ok" : "bad");
    refresh();
  });
  refresh();
})();
