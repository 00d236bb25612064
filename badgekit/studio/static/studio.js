/* badgekit studio: helpers every page uses.  No framework, no build step.
   Text from badges and files is only ever put in the page with textContent. */
"use strict";

const Studio = (() => {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;

  /** Call the studio's API; resolves to {ok, status, data, response}. */
  async function api(path, { method = "GET", json, form, blob = false } = {}) {
    const init = { method, headers: {}, credentials: "same-origin" };
    if (method !== "GET") init.headers["X-CSRF-Token"] = csrf;
    if (json !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(json);
    } else if (form !== undefined) {
      init.body = form;
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      return { ok: false, status: 0, data: { error: "the studio is not answering (is it still running?)" } };
    }
    const type = response.headers.get("content-type") || "";
    let data;
    if (blob && response.ok) data = await response.blob();
    else if (type.includes("application/json")) data = await response.json();
    else data = { error: await response.text() };
    return { ok: response.ok, status: response.status, data, response };
  }

  /** Build an element: el("p", {class: "x"}, "text", child). Strings become text nodes. */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function debounce(fn, ms) {
    let timer = null;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
  }

  function status(node, text, kind = "") {
    node.textContent = text || "";
    node.classList.remove("ok", "bad");
    if (kind) node.classList.add(kind);
  }

  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function options(select, values, { empty = null, selected = null } = {}) {
    select.replaceChildren();
    if (empty !== null) select.append(el("option", { value: "" }, empty));
    for (const v of values) {
      const [value, label] = Array.isArray(v) ? v : [v, v];
      select.append(el("option", { value, selected: value === selected }, label));
    }
  }

  /** "title" -> "Title", "top" -> "Top"; slot and field names shown to people. */
  function label(name) {
    const words = String(name).replace(/[_.-]+/g, " ").trim();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  /** A verification report as the CLI prints it: verdict, headline, facts, checks. */
  function report(shown) {
    const v = shown.verdict.replace(/ /g, "-");
    const box = el("article", { class: `report v-${v}`, "data-verdict": shown.verdict });
    box.append(el("h2", { class: "verdict" },
      el("span", { class: `pill v-${v}` }, shown.verdict),
      el("span", { class: "src", dir: "auto" }, shown.source)));
    box.append(el("p", { class: "headline", dir: "auto" }, shown.headline));
    if (shown.lines.length) {
      if (!shown.confirmed) {
        box.append(el("p", { class: "claims" }, "What the file claims (not confirmed by the issuer's signature):"));
      }
      const dl = el("dl", { class: "facts" });
      for (const [name, value] of shown.lines) dl.append(el("dt", {}, name), el("dd", { dir: "auto" }, value));
      box.append(dl);
    }
    box.append(el("h3", {}, "Checks"));
    const ul = el("ul", { class: "checks" });
    for (const c of shown.checks) {
      ul.append(el("li", { class: `ck-${c.status}` },
        el("span", { class: "ck" }, c.mark),
        el("span", { class: "ck-id" }, c.ids),
        el("span", { class: "ck-msg", dir: "auto" }, c.message)));
    }
    box.append(ul);
    if (shown.nested && shown.nested.length) {
      const nested = el("ul", { class: "nested" });
      for (const n of shown.nested) {
        if (n.title) nested.append(el("li", {}, el("b", {}, n.title)));
        const nv = n.verdict.replace(/ /g, "-");
        nested.append(el("li", { style: null, "data-depth": n.depth },
          el("span", { class: `pill v-${nv}` }, n.verdict), " ",
          el("span", { dir: "auto" }, `${n.what}: ${n.headline}`)));
      }
      box.append(nested);
    }
    return box;
  }

  return { api, el, debounce, status, save, options, label, report, csrf };
})();

/* Choosing the same file again (a class list fixed in the spreadsheet, under the same name)
   must read it again: a file input only fires "change" when its value changes. */
document.addEventListener("click", (e) => {
  if (e.target instanceof HTMLInputElement && e.target.type === "file") e.target.value = "";
});

/* The start page: is there an issuer key yet? */
if (document.body.dataset.page === "home") {
  (async () => {
    const node = document.getElementById("key-state");
    const { ok, data } = await Studio.api("/api/keys");
    if (!ok) return;
    const current = data.keys.find((k) => k.current);
    if (current) {
      node.textContent = `Ready: ${current.name} (${current.label})`;
      node.classList.add("ok");
    } else {
      node.textContent = "Start here: no key yet";
      node.classList.add("bad");
    }
  })();
}
