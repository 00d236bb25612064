/* The design page: template gallery, slot texts, palette and colours, icon search and
   upload, a live preview (POST /api/design), downloads and saved designs. */
"use strict";

(() => {
  const { api, el, debounce, status, save, options, label } = Studio;
  const $ = (id) => document.getElementById(id);
  const state = { template: null, values: {}, palette: null, colors: {}, icon: null };
  let catalog = {};
  let palettes = [];
  let seq = 0;
  let shown = 0;
  let previewUrl = null;

  function spec() {
    const values = {};
    for (const [k, v] of Object.entries(state.values)) if (v.trim()) values[k] = v;
    return {
      template: state.template,
      values,
      palette: state.palette,
      colors: state.colors,
      icon: state.icon,
    };
  }

  function slotError(message, slot) {
    for (const node of document.querySelectorAll("#slots .field-error")) node.textContent = "";
    for (const input of document.querySelectorAll("#slots input")) input.removeAttribute("aria-invalid");
    if (!slot) return;
    const input = $(`slot-${slot}`);
    if (input) {
      input.setAttribute("aria-invalid", "true");
      $(`slot-${slot}-error`).textContent = message;
    }
  }

  async function preview() {
    if (!state.template) return;
    const mine = ++seq;
    const started = performance.now();
    const { ok, data, response } = await api("/api/design", { method: "POST", json: { ...spec(), format: "svg" }, blob: true });
    if (mine < shown) return; // a later answer is already on screen
    shown = mine;
    const ms = Math.round(performance.now() - started);
    document.documentElement.dataset.previewMs = String(ms);
    const box = document.querySelector(".preview-box");
    const warnings = $("preview-warnings");
    warnings.replaceChildren();
    if (!ok) {
      box.classList.add("err");
      slotError(data.error, data.slot);
      status($("preview-status"), data.slot ? `This text does not fit: see the ${label(data.slot)} field.` : data.error, "bad");
      document.documentElement.dataset.preview = "error";
      return;
    }
    box.classList.remove("err");
    slotError("", null);
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = URL.createObjectURL(data);
    $("preview").src = previewUrl;
    const fitted = JSON.parse(response.headers.get("x-badgekit-fitted") || "{}");
    for (const w of JSON.parse(response.headers.get("x-badgekit-warnings") || "[]")) warnings.append(el("li", {}, w));
    const sizes = Object.entries(fitted).map(([k, v]) => `${label(k)} ${v}`).join(", ");
    status($("preview-status"), `Updated in ${ms} ms${sizes ? ` · text sizes: ${sizes}` : ""}`);
    document.documentElement.dataset.preview = "ready";
    document.documentElement.dataset.previewBytes = String(data.size);
    document.documentElement.dataset.previewSeq = String(mine);
  }
  const soon = debounce(preview, 30);

  function radio(name, value, checked, ...content) {
    const input = el("input", { type: "radio", name, value, class: "vh", checked });
    return [input, el("label", { class: name === "template" ? "tpl" : name === "palette" ? "pal" : "ico" }, input, ...content)];
  }

  function renderGallery() {
    const gallery = $("gallery");
    gallery.replaceChildren();
    for (const t of Object.values(catalog)) {
      const [input, labelNode] = radio("template", t.name, t.name === state.template,
        el("img", { src: `/api/templates/${t.name}/preview.svg`, alt: "", loading: "lazy" }),
        el("span", {}, t.label));
      input.addEventListener("change", () => chooseTemplate(t.name, true));
      gallery.append(labelNode);
    }
  }

  function renderSlots() {
    const box = $("slots");
    box.replaceChildren();
    const t = catalog[state.template];
    let iconSlot = false;
    for (const slot of t.slots) {
      if (slot.kind === "icon") {
        iconSlot = true;
        continue;
      }
      const id = `slot-${slot.name}`;
      const hint = slot.kind === "arc" ? " (around the edge)" : "";
      const input = el("input", {
        id, type: "text", "data-slot": slot.name, maxlength: 200, autocomplete: "off",
        placeholder: slot.sample || "", "aria-describedby": `${id}-error`,
        value: state.values[slot.name] || "",
      });
      input.addEventListener("input", () => {
        state.values[slot.name] = input.value;
        soon();
      });
      box.append(el("div", { class: "row" },
        el("label", { for: id }, label(slot.name) + hint, slot.required ? el("span", { class: "req" }, "required") : null),
        input,
        el("p", { id: `${id}-error`, class: "field-error", role: "alert" })));
    }
    $("icon-fieldset").hidden = !iconSlot;
  }

  function chooseTemplate(name, fresh) {
    state.template = name;
    const t = catalog[name];
    if (fresh) {
      // Keep what was typed for slots of the same name; start the others from the samples.
      const kept = {};
      for (const slot of t.slots) {
        if (slot.kind === "icon") continue;
        kept[slot.name] = state.values[slot.name] || (slot.required ? slot.sample : "");
      }
      state.values = kept;
      if (!state.paletteChosen) state.palette = t.palette;
    }
    for (const input of document.querySelectorAll('input[name="template"]')) input.checked = input.value === name;
    renderSlots();
    renderPalettes();
    soon();
  }

  function renderPalettes() {
    const box = $("palettes");
    box.replaceChildren();
    for (const p of palettes) {
      const swatch = el("span", { class: "sw", "aria-hidden": "true" });
      for (const role of ["primary", "secondary", "accent", "background"]) {
        if (p.colors[role]) swatch.append(el("span", { "data-c": p.colors[role] }));
      }
      const [input, node] = radio("palette", p.name, p.name === state.palette, swatch, el("span", {}, p.label));
      input.addEventListener("change", () => {
        state.palette = p.name;
        state.paletteChosen = true;
        state.colors = {};
        syncColors();
        soon();
      });
      box.append(node);
    }
    // Colours are set from script (the CSP allows no inline style attribute).
    for (const s of box.querySelectorAll("[data-c]")) s.style.background = s.dataset.c;
    syncColors();
  }

  function syncColors() {
    const p = palettes.find((x) => x.name === state.palette) || palettes[0];
    for (const input of document.querySelectorAll("input[data-role]")) {
      const role = input.dataset.role;
      input.value = state.colors[role] || (p && p.colors[role]) || "#000000";
    }
  }

  async function searchIcons(query) {
    const { ok, data } = await api(`/api/icons?q=${encodeURIComponent(query)}`);
    if (!ok) return;
    const box = $("icons");
    box.replaceChildren();
    for (const icon of data.icons) {
      const [input, node] = radio("icon", icon.name, icon.name === state.icon,
        el("img", { src: `/api/icons/${icon.name}.svg`, alt: icon.name }));
      node.title = icon.name;
      input.addEventListener("change", () => chooseIcon(icon.name, icon.name));
      box.append(node);
    }
    if (!data.icons.length) box.append(el("p", { class: "muted" }, "No icon matches; try another word."));
  }

  function chooseIcon(value, shownName) {
    state.icon = value;
    $("icon-chosen").textContent = value ? `Icon: ${shownName}` : "";
    soon();
  }

  async function uploadIcon(file) {
    const node = $("icon-upload-status");
    status(node, "Checking the file…");
    const form = new FormData();
    form.append("file", file);
    const { ok, data } = await api("/api/uploads/icon", { method: "POST", form });
    if (!ok) return status(node, data.error, "bad");
    status(node, `Using ${data.name}.`, "ok");
    for (const input of document.querySelectorAll('input[name="icon"]')) input.checked = false;
    chooseIcon(data.icon, data.name);
  }

  async function download(fmt) {
    const size = Number($("png-size").value) || 600;
    const { ok, data } = await api("/api/design", { method: "POST", json: { ...spec(), format: fmt, size }, blob: true });
    if (!ok) return status($("preview-status"), data.error, "bad");
    const stem = ($("design-name").value.trim() || state.values.title || "badge").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "badge";
    save(data, fmt === "png" ? `${stem}-${size}.png` : `${stem}.svg`);
  }

  async function refreshSaved(selected = null) {
    const { ok, data } = await api("/api/designs");
    if (ok) options($("open-design"), data.designs, { empty: "—", selected });
  }

  async function openSaved(name) {
    if (!name) return;
    const { ok, data } = await api(`/api/designs/${encodeURIComponent(name)}`);
    if (!ok) return status($("save-status"), data.error, "bad");
    const s = data.spec;
    state.values = { ...s.values };
    state.palette = s.palette || catalog[s.template].palette;
    state.paletteChosen = Boolean(s.palette);
    state.colors = { ...s.colors };
    state.icon = s.icon;
    $("design-name").value = data.name;
    chooseIcon(s.icon, s.icon || "");
    chooseTemplate(s.template, false);
  }

  async function start() {
    const { ok, data } = await api("/api/templates");
    if (!ok) return status($("preview-status"), data.error, "bad");
    for (const t of data.templates) catalog[t.name] = t;
    palettes = data.palettes;
    const first = catalog["circle-seal"] ? "circle-seal" : Object.keys(catalog)[0];
    state.template = first;
    state.palette = catalog[first].palette;
    renderGallery();
    chooseTemplate(first, true);
    searchIcons("");
    refreshSaved();
    $("icon-search").addEventListener("input", debounce((e) => searchIcons(e.target.value), 150));
    $("icon-upload").addEventListener("change", (e) => e.target.files[0] && uploadIcon(e.target.files[0]));
    for (const input of document.querySelectorAll("input[data-role]")) {
      input.addEventListener("input", () => {
        state.colors[input.dataset.role] = input.value;
        soon();
      });
    }
    $("colors-reset").addEventListener("click", () => {
      state.colors = {};
      syncColors();
      soon();
    });
    $("download-png").addEventListener("click", () => download("png"));
    $("download-svg").addEventListener("click", () => download("svg"));
    $("open-design").addEventListener("change", (e) => openSaved(e.target.value));
    $("design-form").addEventListener("submit", (e) => e.preventDefault());
    $("save-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const name = $("design-name").value.trim();
      const node = $("save-status");
      if (!name) return status(node, "Give the design a name first.", "bad");
      const { ok: saved, data: answer } = await api("/api/designs", { method: "POST", json: { name, spec: spec() } });
      if (!saved) return status(node, answer.error, "bad");
      status(node, `Saved as ${answer.file}.`, "ok");
      refreshSaved(answer.name);
    });
  }

  start();
})();
