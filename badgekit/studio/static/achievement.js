/* The achievement page: a form in the shape of the achievement file, the quality check's
   advice live (POST /api/achievement/check), the criteria's Markdown preview, saving. */
"use strict";

(() => {
  const { api, el, debounce, status, options } = Studio;
  const $ = (id) => document.getElementById(id);
  const EVIDENCE = "\n\n**Evidence to hand in:** ";
  const FIELD_INPUT = {
    name: "a-name", description: "a-description", criteria: "a-criteria",
    "criteria.narrative": "a-criteria", image: "a-caption", "image.caption": "a-caption",
    issuer: "a-issuer", "issuer.name": "a-issuer", "issuer.url": "a-issuer-url",
    "issuer.email": "a-issuer-email", tags: "a-tags", valid_for: "a-valid",
    achievement_type: "a-type", design: "a-design",
  };
  // A saved design, named as the achievement file names it (a path from achievements/).
  const DESIGN_PATH = /^\.\.\/designs\/([^/]+)\.toml$/;

  function value(id) {
    return $(id).value.trim();
  }

  function addAlignment(data = {}) {
    const row = $("alignment-row").content.firstElementChild.cloneNode(true);
    for (const input of row.querySelectorAll("[data-a]")) {
      input.value = data[input.dataset.a] || "";
      input.addEventListener("input", soon);
    }
    $("alignments").append(row);
  }

  /** The achievement file's fields from the form. */
  function collect() {
    let narrative = value("a-criteria");
    const evidence = value("a-evidence");
    if (evidence) narrative = `${narrative}${EVIDENCE}${evidence}`;
    const alignment = [];
    for (const row of document.querySelectorAll("#alignments .align")) {
      const a = {};
      for (const input of row.querySelectorAll("[data-a]")) a[input.dataset.a] = input.value.trim();
      if (a.target_name || a.target_url) alignment.push(a);
    }
    return {
      name: value("a-name"),
      description: value("a-description"),
      achievement_type: value("a-type"),
      tags: value("a-tags").split(",").map((t) => t.trim()).filter(Boolean),
      valid_for: value("a-valid"),
      criteria: { narrative },
      image: { caption: value("a-caption") },
      issuer: { name: value("a-issuer"), url: value("a-issuer-url"), email: value("a-issuer-email") },
      alignment,
      design: value("a-design") ? `../designs/${value("a-design")}.toml` : "",
    };
  }

  function fill(data) {
    const criteria = (data.criteria && data.criteria.narrative) || "";
    const [narrative, evidence] = criteria.split(EVIDENCE);
    $("a-name").value = data.name || "";
    $("a-description").value = (data.description || "").trim();
    $("a-type").value = data.achievement_type || "Badge";
    $("a-tags").value = (data.tags || []).join(", ");
    const valid = data.valid_for || "never";
    if (![...$("a-valid").options].some((o) => o.value === valid)) $("a-valid").append(el("option", { value: valid }, valid));
    $("a-valid").value = valid;
    $("a-criteria").value = (narrative || "").trim();
    $("a-evidence").value = (evidence || "").trim();
    $("a-caption").value = (data.image && data.image.caption) || "";
    const design = typeof data.design === "string" ? data.design.match(DESIGN_PATH) : null;
    if (design && ![...$("a-design").options].some((o) => o.value === design[1])) $("a-design").append(el("option", { value: design[1] }, design[1]));
    $("a-design").value = design ? design[1] : "";
    const issuer = data.issuer || {};
    $("a-issuer").value = issuer.name || "";
    $("a-issuer-url").value = issuer.url || "";
    $("a-issuer-email").value = issuer.email || "";
    $("alignments").replaceChildren();
    for (const a of data.alignment || []) addAlignment(a);
    if (!(data.alignment || []).length) addAlignment();
    check();
  }

  async function check() {
    const { ok, data } = await api("/api/achievement/check", { method: "POST", json: { data: collect() } });
    if (!ok) return;
    $("score").textContent = String(data.score);
    $("score-bar").style.width = `${data.score}%`;
    $("criteria-preview").innerHTML = data.criteria_html; // the library's escaping Markdown renderer
    const list = $("findings");
    list.replaceChildren();
    for (const input of document.querySelectorAll("#ach-form [aria-invalid]")) input.removeAttribute("aria-invalid");
    for (const f of data.findings) {
      list.append(el("li", {}, el("span", { class: `sev sev-${f.severity}` }, f.severity), f.message,
        f.advice ? el("span", { class: "adv" }, f.advice) : null));
      const id = FIELD_INPUT[f.field];
      if (f.severity === "error" && id) $(id).setAttribute("aria-invalid", "true");
    }
    if (!data.findings.length) list.append(el("li", { class: "good" }, "Nothing to improve: this is a well-described badge."));
    document.documentElement.dataset.score = String(data.score);
  }
  const soon = debounce(check, 250);

  async function refresh(selected = null) {
    const { ok, data } = await api("/api/achievements");
    if (ok) options($("open-ach"), data.achievements, { empty: "—", selected });
  }

  async function refreshDesigns() {
    const { ok, data } = await api("/api/designs");
    const chosen = $("a-design").value;
    if (ok) options($("a-design"), data.designs, { empty: "—", selected: chosen || (data.designs.length === 1 ? data.designs[0] : null) });
  }

  async function open(path) {
    const { ok, data } = await api(path);
    if (!ok) return status($("ach-status"), data.error, "bad");
    fill(data.data);
    $("ach-name").value = data.name === "example" ? "" : data.name;
  }

  $("ach-form").addEventListener("input", soon);
  $("ach-form").addEventListener("change", soon);
  $("add-alignment").addEventListener("click", () => addAlignment());
  $("load-example").addEventListener("click", () => open("/api/achievements/example"));
  $("open-ach").addEventListener("change", (e) => e.target.value && open(`/api/achievements/${encodeURIComponent(e.target.value)}`));
  $("ach-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const node = $("ach-status");
    const name = value("ach-name") || value("a-name");
    const { ok, data } = await api("/api/achievements", { method: "POST", json: { name, data: collect() } });
    if (!ok) return status(node, data.error, "bad");
    status(node, `Saved as ${data.file}.`, "ok");
    $("ach-name").value = data.name;
    refresh(data.name);
  });
  addAlignment();
  refresh();
  refreshDesigns().then(check);
})();
