// Harmonia dashboard: Shared state, DOM and formatting helpers, language, pickers and the address (routing).
// index.html loads the dashboard's scripts in order, as classic scripts sharing
// the page's global scope: a name declared at the top of one is seen by those after it.
"use strict";

const LANGS = ["en", "fr", "ar"];
const PAGE = 20;
// The most rows /divergences gives at once (api/deps.py MAX_LIMIT).
const MAX_PAGE = 500;
const DEFAULT = ["US", "EU"];

const state = {
  lang: LANGS.includes(localStorage.getItem("harmonia.lang")) ? localStorage.getItem("harmonia.lang") : "en",
  options: null,
  regimes: {},
  selected: [],
  extra: [],
  technology: "",
  category: "",
  kind: "",
  by: "category",
  report: null,
  items: [],
  // The language the rows' reasons were fetched in (their reason_said).
  reasonsLang: null,
  matrix: null,
  country: "",
  request: 0,
  status: null,
  open: new Set(),
  briefOpen: new Set(),
  brief: null,
  overview: null,
};

// --- small helpers ------------------------------------------------------------------------

const $ = (id) => document.getElementById(id);

// The page's words, one dictionary per language: data, in api/static/words/<lang>.json,
// read by loadWords before anything is drawn in that language. English is always read too:
// t() falls back on it for a word another language lacks.
const I18N = {};
async function loadWords(lang) {
  // The page's own version (/?v=...), so that a new release's words are never taken from the
  // browser's cache.
  const version = new URLSearchParams(location.search).get("v");
  if (!I18N[lang]) I18N[lang] = await api(`/static/words/${lang}.json`, { v: version });
}

function t(key, vars) {
  let text = I18N[state.lang][key] ?? I18N.en[key] ?? key;
  for (const [name, value] of Object.entries(vars || {})) {
    text = text.replaceAll(`{${name}}`, String(value));
  }
  return text;
}
const kindLabel = (k) => I18N[state.lang].kinds[k] || k;
const statusLabel = (s) => I18N[state.lang].statuses[s] || s;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    // Through the CSSOM: the page's Content-Security-Policy refuses style attributes.
    else if (name === "style") node.style.cssText = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path, params) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params || {})) {
    if (value === null || value === undefined || value === "") continue;
    for (const v of Array.isArray(value) ? value : [value]) query.append(name, v);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && body.error ? body.error.message : `${response.status} ${url}`;
    throw new Error(message);
  }
  return body;
}

function jurisdiction(key) {
  return state.options.jurisdictions.find((j) => j.key === key);
}
function nameOf(key) {
  const j = jurisdiction(key);
  return j ? j.names[state.lang] || j.names.en : key;
}
function listInfo(id) {
  return state.options ? state.options.lists.find((l) => l.id === id) : null;
}
// "SCOMET 2024" rather than list:in:2024-09-02 (the id stays in the element's title).
function listName(id) {
  const info = listInfo(id);
  return info ? info.name : id;
}
// The API's English sentences name lists by id ("list:in:2024-09-02"): shown with the
// list's name instead, the sentence otherwise as the API wrote it.
function humanise(text) {
  return String(text).replace(/list:[a-z0-9-]+:[0-9a-z-]+/g, (id) => (listInfo(id) ? listName(id) : id));
}
// A run of left-to-right text inside an Arabic sentence (a code, a list's name, English quoted,
// a paragraph letter such as .z) wrapped in Unicode isolates (LRI ... PDI), as
// queries/brief_text.py does for the brief: without them the bidirectional algorithm moves a
// code's leading digit and the punctuation of English quotes to the wrong end (1.C.2.c.2.i read
// as C.2.c.2.i.1). The Arabic sentence's own brackets, stops and plain numbers stay outside.
const LTR_RUN = /(?:[A-Za-z0-9'"(\[]|(?<![^\s(])\.(?=[A-Za-z]))(?:[^\u0600-\u06ff\n*|\u2066\u2069]*[A-Za-z0-9'")\].;:%])?/g;
// Spaces, stops and a number ending the sentence's own words ("23 يوليو 2026): 3A980").
const SENTENCE_HEAD = /^(?:[\s:;,]|\.(?![A-Za-z])|[0-9]+(?=[\s:;,]))*/;
const SENTENCE_TAIL = /[\s.;:,]*$/;
function isolatePiece(piece) {
  const start = piece.match(SENTENCE_HEAD)[0].length;
  const end = Math.max(start, piece.search(SENTENCE_TAIL));
  const core = piece.slice(start, end);
  if (!/[A-Za-z-]/.test(core)) return piece;
  return `${piece.slice(0, start)}\u2066${core}\u2069${piece.slice(end)}`;
}
// The brackets of a run that are the sentence's: one it opens and does not close, or one closing
// a bracket the line opened before the run; an English text's "a)" stays when none is open.
function sentenceBrackets(run, before) {
  const partner = { ")": "(", "]": "[" };
  const count = (s, c) => s.split(c).length - 1;
  const opened = [], lone = [];
  [...run].forEach((mark, at) => {
    if ("([".includes(mark)) opened.push(at);
    else if (")]".includes(mark)) {
      if (opened.length && run[opened.at(-1)] === partner[mark]) opened.pop();
      else if (count(before, partner[mark]) > count(before, mark)) lone.push(at);
    }
  });
  return [...lone, ...opened].sort((a, b) => a - b);
}
function isolated(text) {
  const whole = String(text);
  return whole.replace(LTR_RUN, (run, offset) => {
    const before = whole.slice(whole.lastIndexOf("\n", offset - 1) + 1, offset);
    let out = "", at = 0;
    for (const cut of sentenceBrackets(run, before)) {
      out += isolatePiece(run.slice(at, cut)) + run[cut];
      at = cut + 1;
    }
    return out + isolatePiece(run.slice(at));
  });
}
function listNames(ids) {
  return ids.map(listName).join(", ");
}
function names(keys) {
  return keys.map(nameOf).join(state.lang === "ar" ? "، " : ", ");
}
function techName(id) {
  const tech = state.options.technologies.find((x) => x.id === id);
  return tech ? tech.labels[state.lang] || tech.labels.en : id;
}
function categoryName(key) {
  return key.startsWith("ML") ? t("ml", { k: key }) : t("cat", { k: key });
}
const numberFormat = () => new Intl.NumberFormat(locale());
const locale = () => (state.lang === "ar" ? "ar-EG" : state.lang);
const percentText = (p) =>
  new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: 1 }).format(p / 100);
// ISO dates from the API, shown in the reader's language (never reordered by the bidi rules).
const dateText = (iso) =>
  new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));

// The status line is kept as a key so that switching language re-words it.
function setStatus(key, vars) {
  state.status = key ? [key, vars] : null;
  // Jurisdictions are kept as keys and named when shown, so that a language switch renames them.
  const shown = vars && vars.keys ? { ...vars, names: names(vars.keys) } : vars;
  $("status").textContent = key ? t(key, shown) : "";
}

// --- language -----------------------------------------------------------------------------

function applyLanguage() {
  const root = document.documentElement;
  root.lang = state.lang;
  root.dir = state.lang === "ar" ? "rtl" : "ltr";
  $("lang").value = state.lang;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-aria]")) {
    node.setAttribute("aria-label", t(node.dataset.i18nAria));
  }
  document.title = `${t("title")}: ${t("tagline")}`;
  if (state.status) setStatus(...state.status);
  if (state.options) {
    renderPickers();
    renderSummary();
    renderMatrix();
    renderKinds();
    renderDivergences();
    relocaliseReasons();
    if (!$("country-view").hidden && state.country) loadCountry(state.country);
    if (state.view && !["compare", "country"].includes(state.view)) route();
    showProblems();
  }
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) {
    node.setAttribute("placeholder", t(node.dataset.i18nPlaceholder));
  }
}

// --- pickers ------------------------------------------------------------------------------

function withLists() {
  return state.options.jurisdictions.filter((j) => j.kind !== "country" || (j.lists.length && !j.via));
}

function renderPickers() {
  const boxes = $("juris-boxes");
  boxes.replaceChildren();
  const shown = [...withLists().map((j) => j.key), ...state.extra.filter((k) => !withLists().some((j) => j.key === k))];
  for (const key of shown) {
    const id = `j-${key}`;
    boxes.append(
      el("label", { for: id },
        el("input", {
          type: "checkbox", id, value: key, checked: state.selected.includes(key),
          onchange: (event) => toggle(key, event.target.checked),
        }),
        " ", nameOf(key), " ", el("span", { class: "codes", text: key.length <= 3 ? `(${key})` : "" })),
    );
  }
  $("add-juris").replaceChildren(el("option", { value: "", text: t("pick.choose") }),
    ...countriesByName().filter((j) => !shown.includes(j.key)).map((j) => el("option", { value: j.key, text: nameOf(j.key) })));

  const tech = $("technology");
  tech.replaceChildren(el("option", { value: "", text: t("pick.any") }));
  const techs = [...state.options.technologies].sort((a, b) => techName(a.id).localeCompare(techName(b.id), state.lang));
  for (const x of techs) tech.append(el("option", { value: x.id, text: techName(x.id) }));
  tech.value = state.technology;

  const cat = $("category");
  cat.replaceChildren(el("option", { value: "", text: t("pick.any") }));
  for (const c of state.options.categories) cat.append(el("option", { value: c.key, text: categoryName(c.key) }));
  cat.value = state.category;

  fillCountryPicker($("country-pick"));
  $("country-pick").value = state.country;
}

// The countries, by their names in the page's language.
function countriesByName() {
  return state.options.jurisdictions
    .filter((j) => j.kind === "country")
    .sort((a, b) => nameOf(a.key).localeCompare(nameOf(b.key), state.lang));
}
// A picker of one country (the country page's, the Wassenaar gaps'): each named with its code.
function fillCountryPicker(pick) {
  pick.replaceChildren(el("option", { value: "", text: t("pick.choose") }),
    ...countriesByName().map((j) => el("option", { value: j.key, text: `${nameOf(j.key)} (${j.key})` })));
}

function toggle(key, on) {
  state.selected = on ? [...new Set([...state.selected, key])] : state.selected.filter((k) => k !== key);
}

// --- routing ------------------------------------------------------------------------------

function readHash() {
  const raw = location.hash.slice(1);
  const hash = decodeURIComponent(raw);
  if (raw === "" || raw === "overview") return { view: "overview" };
  if (hash.startsWith("country")) {
    const code = hash.split("/")[1] || "";
    return { view: "country", code };
  }
  if (hash.startsWith("lacks")) return { view: "lacks", code: hash.split("/")[1] || "" };
  if (hash.startsWith("entry/")) return { view: "entry", id: hash.slice("entry/".length) };
  if (hash.startsWith("document/")) return { view: "documents", id: hash.slice("document/".length) };
  if (hash === "documents") return { view: "documents", id: "" };
  const [path, search] = raw.split("?");
  const params = new URLSearchParams(search || "");
  if (path === "search") return { view: "search", q: params.get("q") || "" };
  if (path === "codes") return { view: "codes", code: params.get("code") || "echri", tech: params.get("tech") || "" };
  if (path === "brief") {
    return {
      view: "brief", kind: params.get("kind") || "state", j: params.get("j") || "IN",
      against: params.get("against") || (params.get("kind") === "pair" ? "EU" : "wassenaar"),
      code: params.get("code") || "echri", tech: params.get("tech") || "",
    };
  }
  if (path === "changes") {
    const get = (name) => params.get(name) || "";
    return { view: "changes", list: get("list"), from: get("from"), to: get("to"), kind: get("kind"), cat: get("cat"), code: get("code") };
  }
  if (path === "parties") {
    return { view: "parties", a: params.get("a") || "US", b: params.get("b") || "JP", verdict: params.get("verdict") || "" };
  }
  const query = new URLSearchParams(hash.split("?")[1] || "");
  return {
    view: "compare",
    j: (query.get("j") || "").split(",").filter(Boolean),
    tech: query.get("tech") || "",
    cat: query.get("cat") || "",
    kind: query.get("kind") || "",
    by: query.get("by") === "technology" ? "technology" : "category",
  };
}

function writeHash() {
  const query = new URLSearchParams();
  query.set("j", state.selected.join(","));
  if (state.technology) query.set("tech", state.technology);
  if (state.category) query.set("cat", state.category);
  if (state.kind) query.set("kind", state.kind);
  if (state.by !== "category") query.set("by", state.by);
  history.replaceState(null, "", `#compare?${query}`);
}

const VIEWS = ["overview", "compare", "country", "search", "entry", "lacks", "codes", "parties", "brief", "documents", "changes"];

// The views that are a title, at most one picker (its select's id and its label's word), a
// status line and a body (its id: the view's name unless said): one skeleton, so written once
// (buildViews). The views whose forms have more are written out in index.html.
const PLAIN_VIEWS = [
  { view: "overview", title: "overview.title" },
  { view: "country", title: "country.title", pick: "country-pick", label: "country.pick" },
  { view: "search", title: "search.title", body: "search-results", bodyClass: "search-results" },
  { view: "entry", title: "entry.title" },
  { view: "documents", title: "docs.title" },
  { view: "lacks", title: "lacks.title", pick: "lacks-pick", label: "country.pick" },
  { view: "codes", title: "codes.title", pick: "codes-tech", label: "pick.technology" },
];

// Hidden, like the sections of index.html, until showView; their words come with applyLanguage.
function buildViews() {
  $("main").prepend(...PLAIN_VIEWS.map((v) => el("section", { id: `${v.view}-view`, "aria-labelledby": `${v.view}-title`, hidden: true },
    el("h1", { id: `${v.view}-title`, "data-i18n": v.title }),
    v.pick ? el("form", { id: `${v.view}-form` }, el("label", { for: v.pick, "data-i18n": v.label }), el("select", { id: v.pick })) : null,
    el("p", { id: `${v.view}-status`, class: "status", role: "status", "aria-live": "polite" }),
    el("div", { id: v.body || v.view, class: v.bodyClass }))));
}

function showView(view) {
  state.view = view;
  for (const v of VIEWS) {
    $(`${v}-view`).hidden = v !== view;
    const nav = $(`nav-${v}`);
    if (!nav) continue;
    if (v === view) nav.setAttribute("aria-current", "page");
    else nav.removeAttribute("aria-current");
  }
}

async function route() {
  const where = readHash();
  showView(where.view);
  if (where.view === "country") {
    const code = where.code || state.country || "IN";
    state.country = code;
    $("country-pick").value = code;
    await loadCountry(code);
    return;
  }
  if (where.view === "search") return runSearch(where.q);
  if (where.view === "entry") return loadEntry(where.id);
  if (where.view === "documents") return where.id ? loadDocument(where.id) : loadDocuments();
  if (where.view === "lacks") return loadLacks(where.code || state.lacksCountry || "IN");
  if (where.view === "codes") return loadCodes(where.code, where.tech);
  if (where.view === "parties") return loadPartyGaps(where.a, where.b, where.verdict);
  if (where.view === "brief") return loadBrief(where);
  if (where.view === "changes") return loadChanges(where);
  if (where.view === "overview") return loadOverview();
  // The address is validated: whatever it names that the graph does not hold is said, not
  // silently dropped.
  const known = new Set(state.options.jurisdictions.map((j) => j.key));
  const wanted = where.j.filter((k) => known.has(k));
  const unknown = where.j.filter((k) => !known.has(k));
  const problems = [];
  if (unknown.length) problems.push(["error.unknownJ", { keys: unknown.join(", ") }]);
  if (where.tech && !state.options.technologies.some((x) => x.id === where.tech)) {
    problems.push(["error.unknownTech", { id: where.tech }]);
    where.tech = "";
  }
  if (where.cat && !state.options.categories.some((c) => c.key === where.cat)) {
    problems.push(["error.unknownCat", { id: where.cat }]);
    where.cat = "";
  }
  if (where.kind && !(where.kind in I18N.en.kinds)) {
    problems.push(["error.unknownKind", { id: where.kind }]);
    where.kind = "";
  }
  if (wanted.length >= 2 || !state.report || problems.length) {
    state.selected = wanted.length >= 2 ? wanted : [...DEFAULT];
    state.extra = state.selected.filter((k) => !withLists().some((j) => j.key === k));
    state.technology = where.tech;
    state.category = where.cat;
    state.kind = where.kind;
    state.problems = problems;
    state.by = where.by;
    for (const radio of document.querySelectorAll("input[name=by]")) radio.checked = radio.value === state.by;
    renderPickers();
    await compare();
  }
}

