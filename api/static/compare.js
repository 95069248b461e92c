// Harmonia dashboard: The Compare view: divergences between jurisdictions, the coverage matrix, word diffs.
// index.html loads the dashboard's scripts in order, as classic scripts sharing
// the page's global scope: a name declared at the top of one is seen by those after it.
"use strict";

// --- comparison ---------------------------------------------------------------------------

function showProblems() {
  $("form-error").textContent = (state.problems || []).map(([key, vars]) => t(key, vars)).join(" ");
}

async function compare() {
  showProblems();
  if (state.selected.length < 2) {
    $("form-error").textContent = t("error.two");
    return;
  }
  writeHash();
  const ticket = ++state.request;
  setStatus("loading");
  $("compare-view").setAttribute("aria-busy", "true");
  try {
    const [report, matrix] = await Promise.all([
      fetchDivergences(0),
      api("/dashboard/matrix", { jurisdiction: state.selected, by: state.by }),
    ]);
    if (ticket !== state.request) return;
    state.report = report;
    state.items = report.items;
    state.reasonsLang = state.lang;
    state.open = new Set();
    state.matrix = matrix;
    renderSummary();
    renderMatrix();
    renderKinds();
    renderDivergences();
    setStatus("loadedNames", { keys: [...state.selected] });
  } catch (error) {
    if (ticket === state.request) {
      setStatus(null);
      $("form-error").textContent = error.message;
    }
  } finally {
    if (ticket === state.request) $("compare-view").removeAttribute("aria-busy");
  }
}

function divergenceParams(offset) {
  return {
    jurisdiction: state.selected,
    technology: state.technology,
    category: state.category,
    kind: state.kind,
    limit: PAGE,
    offset,
    // Each row's reason_said comes in the page's language (null in English).
    lang: state.lang,
  };
}

function fetchDivergences(offset) {
  return api("/divergences", divergenceParams(offset));
}

// The rows shown were fetched with their reasons in another language: fetch them again (the
// same rows, in the same order) in the page's, keeping which evidence panels are open.
async function relocaliseReasons() {
  if (!state.report || !state.items.length || state.reasonsLang === state.lang) return;
  const [ticket, lang, shown] = [state.request, state.lang, state.items.length];
  const pages = [];
  for (let offset = 0; offset < shown; offset += MAX_PAGE) {
    pages.push(api("/divergences", { ...divergenceParams(offset), limit: Math.min(MAX_PAGE, shown - offset) }));
  }
  const items = (await Promise.all(pages)).flatMap((report) => report.items);
  if (ticket !== state.request || lang !== state.lang) return;
  state.items = items;
  state.reasonsLang = lang;
  renderDivergences();
}

async function more() {
  const report = await fetchDivergences(state.items.length);
  state.items = [...state.items, ...report.items];
  renderDivergences(state.items.length - report.items.length);
}

function renderSummary() {
  const box = $("summary");
  const report = state.report;
  if (!report) return box.replaceChildren();
  const f = numberFormat();
  const counts = Object.values(report.counts).reduce((a, b) => a + b, 0);
  const sentence = report.reference
    ? t("summary", { compared: f.format(report.compared), agreed: f.format(report.agreed), total: f.format(counts) })
    : t("summaryNoRef", { total: f.format(counts) });
  const editions = [];
  for (const j of report.jurisdictions) {
    const lists = j.lists.map((l) => `${listName(l.list_id)} (${dateText(l.edition_date)})`).join(", ") || statusLabel("no-list-held");
    editions.push(`${nameOf(j.key)}: ${lists}`);
  }
  const filters = [];
  if (state.technology) filters.push(techName(state.technology));
  if (state.category) filters.push(categoryName(state.category));
  box.replaceChildren(
    el("p", { class: "big" }, el("strong", { text: state.selected.map(nameOf).join(" · ") }),
      filters.length ? ` — ${filters.join(", ")}` : ""),
    el("p", { text: sentence }),
    el("p", { class: "editions" }, `${t("summary.editions")}: `, editions.join(" · ")),
  );
}

// Colour of a matrix cell: light orange at 80% or less, deep teal at 100% (text keeps the
// number, so colour is never the only cue).
// Most cells lie between 90% and 100%, so the stops are packed at that end.
const STOPS = [
  [90, [244, 186, 140]],
  [95, [250, 232, 180]],
  [98, [152, 208, 205]],
  [100, [31, 111, 139]],
];
function colour(percent) {
  const p = Math.max(STOPS[0][0], Math.min(100, percent));
  let k = 1;
  while (k < STOPS.length - 1 && p > STOPS[k][0]) k++;
  const [p0, c0] = STOPS[k - 1];
  const [p1, c1] = STOPS[k];
  const x = (p - p0) / (p1 - p0);
  const mix = c0.map((c, i) => Math.round(c + (c1[i] - c) * x));
  return { bg: `rgb(${mix.join(",")})`, fg: p > 98.8 ? "#fff" : "#1d2733" };
}

function renderMatrix() {
  const box = $("matrix");
  const matrix = state.matrix;
  if (!matrix) return box.replaceChildren();
  const current = state.by === "technology" ? state.technology : state.category;
  const table = el("table", { class: "matrix" },
    el("caption", { text: t("matrix.caption", { edition: matrix.reference.edition }) }),
    el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "" }),
      matrix.jurisdictions.map((j) => el("th", { scope: "col", title: j.key, text: nameOf(j.key) })))),
  );
  const body = el("tbody");
  for (const row of matrix.rows) {
    const label = row.labels[state.lang] || row.labels.en;
    const tr = el("tr", { class: row.key === current ? "selected" : null },
      el("th", { scope: "row" }, el("button", {
        type: "button", text: label, title: t("matrix.filter", { row: label }),
        "aria-label": t("matrix.filter", { row: label }),
        onclick: () => filterBy(row.key),
      })));
    for (const cell of row.cells) {
      const own = cell.entries ? el("small", { text: t("matrix.own", { n: numberFormat().format(cell.entries) }) }) : null;
      if (cell.percent === null) {
        tr.append(el("td", { class: "none", title: t("matrix.none") }, "–", own));
      } else {
        const c = colour(cell.percent);
        tr.append(el("td", {
          style: `background:${c.bg};color:${c.fg}`,
          title: `${nameOf(cell.jurisdiction)}: ${cell.controlled}/${cell.comparable}`,
        }, percentText(cell.percent), own));
      }
    }
    body.append(tr);
  }
  table.append(body);
  box.replaceChildren(table);
  const swatches = el("span", { class: "swatches", "aria-hidden": "true" },
    [90, 95, 98, 99, 100].map((p) => el("span", { style: `background:${colour(p).bg}` })));
  $("matrix-legend").replaceChildren(swatches, t("matrix.legend"));
}

async function filterBy(key) {
  if (state.by === "technology") {
    state.technology = state.technology === key ? "" : key;
  } else {
    state.category = state.category === key ? "" : key;
  }
  state.kind = "";
  renderPickers();
  await compare();
  $("div-title").scrollIntoView({ block: "start" });
}

function renderKinds() {
  const box = $("kinds");
  const report = state.report;
  if (!report) return box.replaceChildren();
  const buttons = [el("button", {
    type: "button", "aria-pressed": String(!state.kind), text: t("div.allKinds"),
    onclick: () => setKind(""),
  })];
  // Counts come from the unfiltered answer; with a kind chosen the others are still shown.
  const counts = state.allCounts && state.kind ? state.allCounts : report.counts;
  if (!state.kind) state.allCounts = report.counts;
  for (const [kind, n] of Object.entries(counts)) {
    buttons.push(el("button", {
      type: "button", "aria-pressed": String(state.kind === kind),
      onclick: () => setKind(kind),
    }, el("span", { class: `kind ${kind}`, text: kindLabel(kind) }), ` ${numberFormat().format(n)}`));
  }
  box.replaceChildren(...buttons);
}

async function setKind(kind) {
  state.kind = kind;
  await compare();
}

function renderDivergences(from = 0) {
  const list = $("divergences");
  const report = state.report;
  if (!report) return list.replaceChildren();
  if (from === 0) list.replaceChildren();
  if (!state.items.length) list.append(el("li", { class: "empty", text: t("div.none") }));
  state.items.slice(from).forEach((row, i) => list.append(divergenceItem(row, from + i)));
  const f = numberFormat();
  $("shown").textContent = t("div.shown", { shown: f.format(state.items.length), total: f.format(report.total) });
  $("more").hidden = state.items.length >= report.total;
  const notes = $("notes-list");
  notes.replaceChildren(...report.notes.map((n) => el("li", { lang: "en", text: humanise(n) })));
  $("notes").hidden = !report.notes.length;
  const link = new URLSearchParams();
  for (const j of state.selected) link.append("jurisdiction", j);
  if (state.technology) link.set("technology", state.technology);
  if (state.category) link.set("category", state.category);
  if (state.kind) link.set("kind", state.kind);
  $("csv-link").href = `/exports/divergences.csv?${link}`;
}

// ``scope`` keeps apart the rows of several lists on one page (the brief's parts), with their
// own set of open evidence panels.
function divergenceItem(row, i, scope = "") {
  const id = `evidence-${scope}${i}`;
  const opened = scope ? state.briefOpen : state.open;
  i = scope ? `${scope}${i}` : i;
  const button = el("button", {
    type: "button", class: "secondary evidence-toggle", "aria-expanded": "false", "aria-controls": id,
    text: t("div.evidence"),
  });
  const panel = el("div", { id, class: "evidence", hidden: true, role: "region", "aria-label": `${t("div.evidence")} ${row.code}` });
  button.addEventListener("click", () => toggleEvidence(row, button, panel, i, opened));
  if (opened.has(i)) queueMicrotask(() => toggleEvidence(row, button, panel, i, opened));
  const who = el("span", { class: "who" });
  if (row.controlled_by.length) {
    who.append(`${t("div.controlledBy")} `, el("span", { class: "yes", text: names(row.controlled_by) }));
  }
  if (row.not_controlled_by.length) {
    who.append(" · ", `${t("div.notBy")} `, el("span", { class: "no", text: names(row.not_controlled_by) }));
  }
  return el("li", { class: "divergence", "data-kind": row.kind, "data-code": row.code },
    el("div", { class: "row-head" },
      el("span", { class: `kind ${row.kind}`, text: kindLabel(row.kind) }),
      el("code", { dir: "ltr", text: row.code }),
      row.sub_entries ? el("span", { class: "who", text: t("div.subEntries", { n: row.sub_entries }) }) : null,
      who, button),
    row.kind === "scope-differs" ? el("p", { class: "scopes", text: t("row.scopes", {
      list: row.sides.map((s) => `${nameOf(s.jurisdiction)}: ${statusLabel(s.status)}`).join(state.lang === "ar" ? "، " : ", "),
    }) }) : null,
    reasonLine(row),
    panel);
}

// The reason in the page's language where the API rebuilt it (reason_said), else the analysis's
// English sentence, marked as English.
function reasonLine(row) {
  const said = row.reason_said;
  if (!said || said.lang !== state.lang) {
    return el("p", { class: "reason", lang: "en", dir: "ltr", text: humanise(row.reason) });
  }
  const text = humanise(said.text);
  return el("p", {
    class: "reason", lang: said.lang, dir: said.lang === "ar" ? "rtl" : "ltr",
    text: said.lang === "ar" ? isolated(text) : text,
  });
}

const fullTexts = new Map();

async function fullText(ref) {
  if (!fullTexts.has(ref.id)) {
    fullTexts.set(ref.id, api(`/entries/${encodeURIComponent(ref.id)}`).then((entry) => {
      const heading = (entry.heading || "").trim();
      const text = (entry.text || "").trim();
      const body = heading && text && !text.startsWith(heading.slice(0, 40)) ? `${heading} ${text}` : text || heading;
      return entry.notes && entry.notes.length ? `${body}\nNote: ${entry.notes.join("\nNote: ")}` : body;
    }).catch(() => ref.text));
  }
  return fullTexts.get(ref.id);
}

async function toggleEvidence(row, button, panel, i, opened = state.open) {
  const open = button.getAttribute("aria-expanded") === "true";
  if (open) opened.delete(i);
  else opened.add(i);
  button.setAttribute("aria-expanded", String(!open));
  button.textContent = open ? t("div.evidence") : t("div.hideEvidence");
  panel.hidden = open;
  if (open || panel.dataset.loaded) return;
  panel.replaceChildren(el("p", { class: "status", text: t("div.loadingText") }));
  panel.replaceChildren(await evidence(row));
  panel.dataset.loaded = "1";
}

async function evidence(row) {
  const columns = [];
  // When the regime is one of the jurisdictions, its side already shows the reference entry.
  const regimeSide = row.reference
    ? row.sides.find((s) => s.entries.length && s.entries[0].id === row.reference.id)
    : null;
  if (row.reference && !regimeSide) {
    columns.push({ title: t("div.reference"), status: null, entries: [row.reference], editions: [], note: null, reference: true });
  }
  for (const side of row.sides) {
    columns.push({ title: nameOf(side.jurisdiction), key: side.jurisdiction, status: side.status, entries: side.entries, editions: side.editions, note: side.note });
  }
  const texts = await Promise.all(columns.map((c) => (c.entries.length ? fullText(c.entries[0]) : Promise.resolve(null))));
  const baseIndex = regimeSide
    ? columns.findIndex((c) => c.key === regimeSide.jurisdiction)
    : row.reference ? 0 : texts.findIndex((x) => x !== null);
  const base = baseIndex >= 0 ? texts[baseIndex] : null;
  const sides = el("div", { class: "sides" });
  columns.forEach((c, i) => {
    const codes = c.entries.map((e) => e.code).join(", ");
    const editions = c.editions.map((e) => `${listName(e.list_id)} (${dateText(e.edition_date)})`).join(", ")
      || (c.reference ? listName(c.entries[0].list_id) : "");
    const text = el("div", { class: "text", lang: "en", dir: "ltr" });
    if (texts[i] === null) {
      text.textContent = t("div.noEntry");
    } else if (i === baseIndex || base === null) {
      text.textContent = texts[i];
    } else {
      text.append(...wordDiff(base, texts[i]));
    }
    sides.append(el("div", { class: "side", "data-jurisdiction": c.key || "reference" },
      el("h4", {}, c.title, " ", c.status ? el("span", { class: "status-badge", text: statusLabel(c.status) }) : null),
      el("p", { class: "meta" }, codes ? el("strong", { class: "codes", dir: "ltr", text: codes }) : null, codes && editions ? " — " : "", editions),
      text,
      c.note ? el("p", { class: "note", lang: "en", dir: "ltr", text: humanise(c.note) }) : null));
  });
  const parts = [sides];
  const compared = texts.filter((x) => x !== null).length;
  if (compared > 1) {
    parts.push(el("p", { class: "legend", text: row.reference ? t("div.diffLegend") : t("div.diffLegendNational") }));
  }
  if (row.parameter_differences.length) {
    const table = el("table", {}, el("caption", { text: t("div.thresholds") }));
    for (const d of row.parameter_differences) {
      table.append(el("tr", {}, el("th", { scope: "row", text: d.quantity }),
        // The side by its name in the page's language; the threshold as the list words it.
        Object.entries(d.values).map(([k, v]) => el("td", {}, el("strong", { title: k, text: `${nameOf(k)}: ` }),
          el("span", { lang: "en", dir: "ltr", text: v }), d.stricter === k ? " ★" : ""))));
    }
    parts.push(table);
  }
  return el("div", {}, ...parts);
}

// --- word diff ----------------------------------------------------------------------------
// Longest common subsequence over words; texts longer than MAX_WORDS are shown without marks
// rather than spending seconds on a table of millions of cells.
const MAX_WORDS = 1500;

function wordDiff(before, after) {
  const a = before.split(/(\s+)/).filter((w) => w.trim());
  const b = after.split(/(\s+)/).filter((w) => w.trim());
  if (a.length > MAX_WORDS || b.length > MAX_WORDS) return [after];
  const n = a.length;
  const m = b.length;
  const table = new Uint16Array((n + 1) * (m + 1));
  const norm = (w) => w.toLowerCase().replace(/[.,;:()"“”]/g, "");
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * (m + 1) + j] = norm(a[i]) === norm(b[j])
        ? table[(i + 1) * (m + 1) + j + 1] + 1
        : Math.max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1]);
    }
  }
  const out = [];
  let same = [];
  const flush = () => {
    if (same.length) out.push(`${same.join(" ")} `);
    same = [];
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && norm(a[i]) === norm(b[j])) {
      same.push(b[j]);
      i++;
      j++;
    } else if (j < m && (i === n || table[i * (m + 1) + j + 1] >= table[(i + 1) * (m + 1) + j])) {
      flush();
      out.push(el("ins", { text: b[j] }), " ");
      j++;
    } else {
      flush();
      out.push(el("del", { text: a[i] }), " ");
      i++;
    }
  }
  flush();
  return out;
}

