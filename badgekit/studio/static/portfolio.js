/* The portfolio page: pick or upload a folder of badges, verify it, show the badge wall,
   download the CSV and the wall. */
"use strict";

(() => {
  const { api, el, status, options } = Studio;
  const $ = (id) => document.getElementById(id);
  const STATUS_WORD = { valid: "valid", expired: "expired", revoked: "revoked", suspended: "suspended",
    "not yet valid": "not yet valid", "not valid": "not valid", unverified: "not verified" };

  async function refresh(selected = null) {
    const { ok, data } = await api("/api/folders");
    if (!ok) return;
    const choices = data.folders.map((f) => [f.folder, `${f.folder} (${f.files} file${f.files === 1 ? "" : "s"})`]);
    options($("p-folder"), choices, { selected });
    if (!choices.length) options($("p-folder"), [], { empty: "no badges yet: upload some" });
  }

  async function upload(files) {
    if (!files.length) return;
    const node = $("p-upload-status");
    status(node, `Uploading ${files.length} file(s)…`);
    const form = new FormData();
    form.append("folder", $("p-new").value.trim() || "my-badges");
    const wanted = files.filter((f) => /\.(png|svg|json|jsonld|jwt|jws)$/i.test(f.name));
    for (const f of wanted) form.append("files", f, f.name);
    if (!wanted.length) return status(node, "No badge files (PNG, SVG, JSON, JWT) were chosen.", "bad");
    const { ok, data } = await api("/api/portfolio/upload", { method: "POST", form });
    if (!ok) return status(node, data.error, "bad");
    status(node, `${data.saved} file(s) saved in ${data.folder}.`, "ok");
    refresh(data.folder);
  }

  $("p-files").addEventListener("change", (e) => upload([...e.target.files]));
  $("p-dir").addEventListener("change", (e) => upload([...e.target.files]));
  $("p-scan").addEventListener("click", async () => {
    const node = $("p-status");
    const folder = $("p-folder").value;
    if (!folder) return status(node, "Choose or upload a folder first.", "bad");
    status(node, "Verifying every badge…");
    const body = { folder, title: $("p-title").value.trim(), hide_invalid: $("p-hide").checked };
    const { ok, data } = await api("/api/portfolio/scan", { method: "POST", json: body });
    if (!ok) return status(node, data.error, "bad");
    status(node, data.summary, "ok");
    const rows = $("p-rows");
    rows.replaceChildren();
    for (const e of data.entries) {
      const cls = `pill st-${e.status.replace(/ /g, "-")}`;
      rows.append(el("tr", {},
        el("td", { dir: "auto" }, e.file),
        el("td", {}, el("span", { class: cls }, STATUS_WORD[e.status] || e.status)),
        el("td", { dir: "auto" }, e.name || e.reason || ""),
        el("td", { dir: "auto" }, e.issuer || "")));
    }
    $("p-open").href = data.wall;
    $("p-csv").href = data.csv;
    $("p-zip").href = data.zip;
    $("p-links").hidden = false;
    $("p-wall").src = `${data.wall}?t=${Date.now()}`;
    $("p-result").hidden = false;
    document.documentElement.dataset.portfolio = "ready";
  });
  refresh();
})();
