/* The verify page: drop badge files, see each verdict and its checks (POST /api/verify). */
"use strict";

(() => {
  const { api, status, report } = Studio;
  const $ = (id) => document.getElementById(id);
  const drop = $("drop");

  async function check(files) {
    if (!files.length) return;
    const node = $("verify-status");
    status(node, `Checking ${files.length} file(s)…`);
    const form = new FormData();
    for (const f of files) form.append("files", f, f.name);
    const recipient = $("v-recipient").value.trim();
    if (recipient) form.append("recipient", recipient);
    if ($("v-online").checked) form.append("online", "1");
    const { ok, data } = await api("/api/verify?view=page", { method: "POST", form });
    if (!ok) return status(node, data.error, "bad");
    const box = $("reports");
    box.replaceChildren(...data.reports.map((r) => report(r.shown)));
    const valid = data.reports.filter((r) => r.report.verified).length;
    status(node, `${data.reports.length} checked: ${valid} valid.`);
    document.documentElement.dataset.verified = data.reports.map((r) => r.shown.verdict).join("|");
  }

  $("verify-files").addEventListener("change", (e) => check([...e.target.files]));
  for (const name of ["dragenter", "dragover"]) {
    drop.addEventListener(name, (e) => {
      e.preventDefault();
      drop.classList.add("over");
    });
  }
  for (const name of ["dragleave", "drop"]) drop.addEventListener(name, () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    check([...e.dataTransfer.files]);
  });
})();
