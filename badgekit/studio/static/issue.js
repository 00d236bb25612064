/* The issue page: one badge to one person, or a roster: upload, map columns, check rows,
   run the batch with a live progress bar (server-sent events), download the zip. */
"use strict";

(() => {
  const { api, el, status, options, label } = Studio;
  const $ = (id) => document.getElementById(id);
  let roster = null;
  let fields = [];

  function what() {
    return { achievement: $("i-achievement").value, design: $("i-design").value, format: $("i-format").value };
  }

  async function start() {
    const [keys, achievements, designs] = await Promise.all([
      api("/api/keys"), api("/api/achievements"), api("/api/designs"),
    ]);
    if (keys.ok && !keys.data.keys.some((k) => k.current)) {
      $("key-note").replaceChildren("There is no issuer key yet. ", el("a", { href: "/keys" }, "Create one on the Keys page"), " first.");
    }
    options($("i-achievement"), achievements.ok ? achievements.data.achievements : []);
    options($("i-design"), designs.ok ? designs.data.designs : []);
    const missing = [];
    if (achievements.ok && !achievements.data.achievements.length) missing.push(["an achievement", "/achievement"]);
    if (designs.ok && !designs.data.designs.length) missing.push(["a design", "/design"]);
    if (missing.length) {
      $("what-note").replaceChildren("Save ", ...missing.flatMap(([t, href], i) => [i ? " and " : "", el("a", { href }, t)]), " first.");
    }
  }

  $("one-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const box = $("one-result");
    box.replaceChildren(el("p", { class: "status" }, "Signing and checking…"));
    const body = { ...what(), recipient: $("o-recipient").value.trim(), name: $("o-name").value.trim(),
      evidence: $("o-evidence").value.trim(), narrative: $("o-narrative").value.trim() };
    if ($("i-site").value.trim()) body.base_url = $("i-site").value.trim();
    const { ok, data } = await api("/api/issue", { method: "POST", json: body });
    if (!ok) return box.replaceChildren(el("p", { class: "status bad", role: "alert" }, data.error));
    const r = data.report;
    box.replaceChildren(
      el("p", { class: "status ok" }, `Issued: ${data.file} · ${r.verdict}`),
      el("a", { class: "btn", href: data.download, download: "" }, "Download the badge"));
  });

  function mappingRows(headers, guesses) {
    const box = $("mapping-rows");
    box.replaceChildren();
    headers.forEach((header, i) => {
      const id = `map-${i}`;
      const select = el("select", { id, "data-header": header });
      const choices = fields.map((f) => [f, label(f)]);
      const guess = guesses[header];
      if (guess && !fields.includes(guess)) choices.push([guess, guess]);
      options(select, choices, { empty: "not used", selected: guess || "" });
      select.addEventListener("change", checkRows);
      box.append(el("label", { for: id, dir: "auto" }, header), select);
    });
    $("mapping").hidden = false;
  }

  function columns() {
    const out = {};
    // Every column: "" is a column the teacher leaves out (the form's "not used").
    for (const s of document.querySelectorAll("#mapping-rows select")) out[s.dataset.header] = s.value;
    return out;
  }

  async function checkRows() {
    const { ok, data } = await api("/api/rosters/check", { method: "POST", json: { roster, columns: columns() } });
    const node = $("roster-status");
    const body = $("rows-body");
    body.replaceChildren();
    if (!ok) return status(node, data.error, "bad");
    if (data.error) {
      $("rows").hidden = true;
      return status(node, data.error, "bad");
    }
    for (const r of data.rows) {
      body.append(el("tr", { class: r.error ? "bad" : null },
        el("td", {}, String(r.line)), el("td", { dir: "auto" }, r.recipient), el("td", { dir: "auto" }, r.name),
        el("td", { class: r.error ? "err" : "okc" }, r.error || "ready")));
    }
    $("rows-count").textContent = `(${data.total}${data.bad ? `, ${data.bad} with a problem` : ""})`;
    $("rows").hidden = false;
    const unused = Object.entries(columns()).filter(([, v]) => !v).map(([h]) => `“${h}”`);
    const left = unused.length ? ` Not used: ${unused.join(", ")}.` : "";
    status(node, (data.bad ? `${data.bad} row(s) have a problem and will be skipped; the others can be issued.` : `All ${data.total} rows are ready.`) + left, data.bad ? "bad" : "ok");
  }

  $("roster-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    const node = $("roster-status");
    status(node, "Reading the list…");
    const form = new FormData();
    form.append("file", file);
    const { ok, data } = await api("/api/rosters", { method: "POST", form });
    if (!ok) return status(node, data.error, "bad");
    roster = data.roster;
    fields = data.fields;
    mappingRows(data.headers, data.guesses);
    $("done-box").hidden = true;
    $("progress-box").hidden = true;
    runButton(true);
    checkRows();
  });

  // One run per class list: after it, issuing again needs the list chosen again (a second
  // click would issue every badge twice).
  function runButton(enabled, label) {
    const button = $("run-batch");
    button.disabled = !enabled;
    button.textContent = label || "Issue the badges";
  }

  function progress(snapshot) {
    const pct = snapshot.percent;
    $("progress").setAttribute("aria-valuenow", String(pct));
    $("progress-bar").style.width = `${pct}%`;
    const bad = snapshot.errors + snapshot.duplicates;
    $("progress-text").textContent = `${pct} % · ${snapshot.issued} issued${bad ? `, ${bad} skipped` : ""} of ${snapshot.total}`;
    document.documentElement.dataset.progress = String(pct);
  }

  async function finished(id) {
    const { ok, data } = await api(`/api/batch/${id}`);
    if (!ok) return runButton(true);
    progress(data);
    if (data.state === "failed") {
      runButton(true);
      return status($("progress-text"), data.error, "bad");
    }
    runButton(false, "Issued: choose a class list to issue again");
    const body = $("rows-body");
    body.replaceChildren();
    for (const r of data.results) {
      body.append(el("tr", { class: r.error ? "bad" : null },
        el("td", {}, String(r.line)), el("td", { dir: "auto" }, r.recipient || ""), el("td", { dir: "auto" }, r.name || ""),
        el("td", { class: r.error ? "err" : "okc" }, r.error || `issued: ${r.file}`)));
    }
    $("zip-link").href = data.zip;
    $("done-box").hidden = false;
    $("done-box").dataset.batch = id;
    document.documentElement.dataset.batch = "done";
  }

  $("run-batch").addEventListener("click", async () => {
    runButton(false, "Issuing…");
    const node = $("progress-text");
    $("progress-box").hidden = false;
    $("done-box").hidden = true;
    progress({ percent: 0, issued: 0, errors: 0, duplicates: 0, total: 0 });
    const site = $("i-site").value.trim();
    const body = { ...what(), roster, columns: columns(), ...(site ? { base_url: site } : {}) };
    const { ok, data } = await api("/api/batch", { method: "POST", json: body });
    if (!ok) {
      runButton(true);
      return status(node, data.error, "bad");
    }
    const events = new EventSource(data.events);
    events.onmessage = (m) => {
      const snapshot = JSON.parse(m.data);
      progress(snapshot);
      if (snapshot.state === "done" || snapshot.state === "failed") {
        events.close();
        finished(data.id);
      }
    };
    events.onerror = () => {
      events.close();
      finished(data.id);
    };
  });

  const sendForm = $("send-form");
  if (sendForm) {
    const server = () => {
      $("s-server").hidden = $("s-dry").checked;
      $("send-btn").textContent = $("s-dry").checked ? "Write the emails to look at" : "Send the emails";
    };
    $("s-dry").addEventListener("change", server);
    server();
    sendForm.addEventListener("submit", async (e) => {
      e.preventDefault();
      const id = $("done-box").dataset.batch;
      const dry = $("s-dry").checked;
      status($("after-status"), dry ? "Writing the emails…" : "Sending…");
      const body = { sender: $("s-sender").value.trim(), dry_run: dry };
      if (!dry) {
        Object.assign(body, { host: $("s-host").value.trim(), port: Number($("s-port").value) || 587,
          security: $("s-security").value, user: $("s-user").value.trim(), password: $("s-password").value });
      }
      const { ok, data } = await api(`/api/batch/${id}/send`, { method: "POST", json: body });
      $("s-password").value = "";
      if (!ok) return status($("after-status"), data.error, "bad");
      const where = data.outbox ? ` They are in ${data.outbox}.` : "";
      status($("after-status"), data.message + where, data.problems.length ? "bad" : "ok");
    });
  }
  const publishButton = $("publish-btn");
  if (publishButton) {
    publishButton.addEventListener("click", async () => {
      const base = $("i-site").value.trim();
      if (!base) return status($("after-status"), "Give your badge website's address in step 1 first.", "bad");
      status($("after-status"), "Publishing…");
      const { ok, data } = await api("/api/publish", { method: "POST", json: { base_url: base } });
      if (!ok) return status($("after-status"), data.error, "bad");
      status($("after-status"), data.message, "ok");
      $("site-zip").hidden = false;
      $("site-notes").replaceChildren(...data.notes.map((n) => el("li", {}, n)));
    });
  }

  start();
})();
