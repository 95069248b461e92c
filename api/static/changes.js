// Harmonia dashboard: the Changes view (two editions of one list) and an entry's timeline.
// index.html loads the dashboard's scripts in order, as classic scripts sharing
// the page's global scope: a name declared at the top of one is seen by those after it.
"use strict";

// --- changes between two editions of one list ---------------------------------------------
// /changes?after=&before= gives the entries added, removed, renumbered and changed, counted
// per kind and per category over all pages; a page of rows follows the kind, category and
// code chosen. A "list" is the editions of /dashboard/options sharing the series of their
// ids (list:<series>:<edition>), named without the edition's year. An entry's page shows its
// timeline (/entries/{id}/timeline), each step linking to the changes of its edition.

const CHANGE_KINDS = ["added", "removed", "renumbered", "changed"];
const CATEGORY = /^(?:[0-9]|ML[0-9]{1,2})$/i;
const changeWords = (table, key) => (I18N[state.lang][table] || I18N.en[table])[key] || key;
const seriesOf = (listId) => listId.split(":")[1] || listId;
const listSep = () => (state.lang === "ar" ? "، " : ", ");

// Every list held, its editions oldest first: {key, name, editions}.
function heldLists() {
  const by = new Map();
  for (const l of state.options.lists) {
    const key = seriesOf(l.id);
    if (!by.has(key)) by.set(key, { key, name: l.name.replace(/\s+\d{4}$/, ""), editions: [] });
    by.get(key).editions.push(l);
  }
  for (const list of by.values()) {
    list.editions.sort((a, b) => a.edition_date.localeCompare(b.edition_date) || a.edition.localeCompare(b.edition));
  }
  return [...by.values()].sort((a, b) => a.name.localeCompare(b.name));
}

// An edition named in the address: its id, its label ("2022-05-05") or an unambiguous start
// of its label or date ("2022").
function findEdition(list, wanted) {
  const exact = list.editions.find((e) => e.id === wanted || e.edition === wanted);
  if (exact) return exact;
  const loose = list.editions.filter((e) => e.edition.startsWith(wanted) || e.edition_date.startsWith(wanted));
  return loose.length === 1 ? loose[0] : null;
}

function changesHash(c) {
  const query = new URLSearchParams({ list: c.list });
  if (c.from) query.set("from", c.from);
  if (c.to) query.set("to", c.to);
  if (c.kind) query.set("kind", c.kind);
  if (c.cat) query.set("cat", c.cat);
  if (c.code) query.set("code", c.code);
  return `#changes?${query}`;
}

// The address as the view shows it: list, editions, filters; what it named that the graph
// does not hold is said in ``problems`` and replaced by the default.
function resolveChanges(where, lists) {
  const problems = [];
  let key = where.list;
  let to = where.to;
  // A list edition's id: that list, that edition the newer one.
  if (key.startsWith("list:") && listInfo(key)) {
    to = to || listInfo(key).edition;
    key = seriesOf(key);
  }
  if (!key) {
    const ref = state.options.reference;
    const withTwo = lists.filter((l) => l.editions.length > 1);
    key = ref && withTwo.some((l) => l.key === seriesOf(ref.list_id)) ? seriesOf(ref.list_id) : (withTwo[0] || lists[0]).key;
  }
  const list = lists.find((l) => l.key === key);
  if (!list) return { problems: [t("changes.unknownList", { id: where.list })], list: null };
  const held = list.editions;
  if (held.length < 2) return { problems, list, single: held[0] };
  let older = where.from ? findEdition(list, where.from) : null;
  let newer = to ? findEdition(list, to) : null;
  const names = held.map((e) => e.name).join(listSep());
  for (const [asked, found] of [[where.from, older], [to, newer]]) {
    if (asked && !found) problems.push(t("changes.unknownEdition", { list: list.name, id: asked, held: names }));
  }
  if (problems.length) {
    [older, newer] = held.slice(-2);
  } else {
    newer = newer || held[held.length - 1];
    if (!older) {
      const at = held.indexOf(newer);
      older = at > 0 ? held[at - 1] : held[1];
    }
  }
  if (older.id === newer.id) return { problems: [t("changes.same")], list, same: true, older, newer };
  if (older.edition_date > newer.edition_date) {
    if (where.from) problems.push(t("changes.swapped"));
    [older, newer] = [newer, older];
  }
  let kind = where.kind;
  if (kind && !CHANGE_KINDS.includes(kind)) {
    problems.push(t("changes.unknownKind", { id: kind }));
    kind = "";
  }
  let cat = where.cat;
  if (cat && !CATEGORY.test(cat)) {
    problems.push(t("changes.unknownCat", { id: cat }));
    cat = "";
  }
  return { problems, list, older, newer, kind, cat: cat.toUpperCase(), code: where.code };
}

function renderChangesPickers(lists, r) {
  const pick = $("changes-list");
  pick.replaceChildren(...(r.list ? [] : [el("option", { value: "", text: t("pick.choose") })]),
    ...lists.map((l) => el("option", { value: l.key, text: l.name })));
  pick.value = r.list ? r.list.key : "";
  pick.onchange = () => {
    if (pick.value) location.hash = changesHash({ list: pick.value });
  };
  const editions = r.list ? r.list.editions : [];
  for (const [id, chosen] of [["changes-from", r.older], ["changes-to", r.newer]]) {
    const select = $(id);
    select.replaceChildren(...editions.map((e) => el("option", { value: e.edition, text: `${e.name} (${dateText(e.edition_date)})` })));
    if (chosen) select.value = chosen.edition;
    select.disabled = editions.length < 2;
  }
  $("changes-button").disabled = editions.length < 2;
  $("changes-code-input").value = r.code || "";
  $("changes-code-input").disabled = editions.length < 2;
  $("changes-form").onsubmit = (event) => {
    event.preventDefault();
    if (!pick.value) return;
    const target = changesHash({
      list: pick.value, from: $("changes-from").value, to: $("changes-to").value, code: $("changes-code-input").value.trim(),
    });
    if (location.hash === target) route();
    else location.hash = target;
  };
}

async function loadChanges(where) {
  const lists = heldLists();
  const r = resolveChanges(where, lists);
  renderChangesPickers(lists, r);
  const status = $("changes-status");
  if (!r.list || r.same) {
    state.changes = null;
    $("changes").replaceChildren();
    status.textContent = r.problems.join(" ");
    return;
  }
  if (r.single) {
    state.changes = null;
    history.replaceState(null, "", changesHash({ list: r.list.key }));
    const e = r.single;
    $("changes").replaceChildren(el("div", { class: "summary", id: "changes-single" },
      el("p", { class: "big", text: t("changes.single", { list: r.list.name, name: e.name, d: dateText(e.edition_date) }) }),
      e.source_url ? el("p", {}, el("a", { href: e.source_url, rel: "noopener", title: e.title, text: t("entry.official") })) : null));
    status.textContent = r.problems.join(" ");
    return;
  }
  const c = { list: r.list.key, from: r.older.edition, to: r.newer.edition, kind: r.kind, cat: r.cat, code: r.code };
  history.replaceState(null, "", changesHash(c));
  const key = changesHash(c);
  const ticket = ++state.request;
  // The same address again (a language switch): the answer already held is shown again.
  if (!state.changes || state.changes.key !== key) {
    status.textContent = [...r.problems, t("loading")].join(" ");
    try {
      const pair = { after: r.newer.id, before: r.older.id };
      const whole = state.changes && state.changes.pair === `${pair.before} ${pair.after}` ? state.changes.totals : null;
      // The whole list's counts for the sentence; with a code chosen, the kinds and the
      // categories count that code's changes.
      const [totals, scoped, report] = await Promise.all([
        whole ? Promise.resolve(whole) : api("/changes", { ...pair, limit: 1 }),
        c.code ? api("/changes", { ...pair, code_prefix: c.code, limit: 1 }) : Promise.resolve(null),
        api("/changes", { ...pair, change: c.kind, category: c.cat, code_prefix: c.code, limit: PAGE }),
      ]);
      if (ticket !== state.request) return;
      state.changes = {
        key, pair: `${pair.before} ${pair.after}`, c, r, totals, scoped: scoped || totals, report, items: report.items,
      };
    } catch (error) {
      if (ticket !== state.request) return;
      state.changes = null;
      $("changes").replaceChildren();
      status.textContent = [...r.problems, error.message].join(" ");
      return;
    }
  }
  state.changes.r = r;
  renderChanges();
  status.textContent = r.problems.join(" ");
}

async function moreChanges() {
  const s = state.changes;
  const page = await api("/changes", {
    after: s.r.newer.id, before: s.r.older.id, change: s.c.kind, category: s.c.cat, code_prefix: s.c.code,
    limit: PAGE, offset: s.items.length,
  });
  s.items = [...s.items, ...page.items];
  renderChanges();
}

function categoryRank(key) {
  return /^\d+$/.test(key) ? [0, Number(key)] : /^ML\d+$/.test(key) ? [1, Number(key.slice(2))] : key ? [2, 0] : [3, 0];
}
function categoryLabel(key) {
  if (!key) return t("changes.noCategory");
  return categoryRank(key)[0] < 2 ? categoryName(key) : key;
}

function renderChanges() {
  const { c, r, totals, scoped, report, items } = state.changes;
  const f = numberFormat();
  const go = (patch) => {
    location.hash = changesHash({ ...c, ...patch });
  };
  const edition = (e) => el("li", { "data-list": e.id }, el("strong", { title: e.title, text: e.name }),
    ` — ${t("entry.editionOf", { d: dateText(e.edition_date) })}`,
    e.source_url ? [" · ", el("a", { href: e.source_url, rel: "noopener", title: e.title, text: t("entry.official") })] : null);
  const all = Object.values(totals.counts).reduce((a, b) => a + b, 0);
  const n = (k) => f.format(totals.counts[k] || 0);
  const head = el("div", { class: "summary", id: "changes-summary" },
    el("p", { class: "big" }, el("strong", { text: t("changes.head", { from: r.older.name, to: r.newer.name }) })),
    el("ul", { class: "editions-held" }, edition(r.older), edition(r.newer)),
    el("p", { id: "changes-sentence", text: all
      ? t("changes.sentence", { total: f.format(all), added: n("added"), removed: n("removed"), renumbered: n("renumbered"), changed: n("changed") })
      : t("changes.noChange") }));

  // Kinds: the counts of the category chosen, or of the whole list.
  const kindCounts = c.cat ? scoped.categories[c.cat] || {} : scoped.counts;
  const kinds = el("div", { class: "kinds", id: "changes-kinds", role: "group", "aria-label": t("changes.kinds") },
    el("button", { type: "button", "aria-pressed": String(!c.kind), text: t("changes.allKinds"), onclick: () => go({ kind: "" }) }),
    CHANGE_KINDS.filter((k) => kindCounts[k] || c.kind === k).map((k) => el("button", {
      type: "button", "aria-pressed": String(c.kind === k), "data-kind": k, onclick: () => go({ kind: k }),
    }, el("span", { class: `change-kind ${k}`, text: changeWords("changeKinds", k) }), ` ${f.format(kindCounts[k] || 0)}`)));

  const shownKinds = CHANGE_KINDS.filter((k) => scoped.counts[k]);
  const cats = Object.keys(scoped.categories).sort((a, b) => {
    const [x, y] = [categoryRank(a), categoryRank(b)];
    return x[0] - y[0] || x[1] - y[1] || a.localeCompare(b);
  });
  const catTable = el("table", { class: "changes-categories" },
    el("caption", { text: t("changes.byCategory") }),
    el("thead", {}, el("tr", {}, el("th", { scope: "col", text: t("changes.category") }),
      shownKinds.map((k) => el("th", { scope: "col", text: changeWords("changeKinds", k) })),
      el("th", { scope: "col", text: t("changes.total") }))),
    el("tbody", {}, cats.map((key) => {
      const counts = scoped.categories[key];
      const label = categoryLabel(key);
      return el("tr", { "data-category": key, class: key === c.cat ? "selected" : null },
        // The key alone keeps the table narrow; the category's name is its title.
        el("th", { scope: "row" }, key
          ? el("button", { type: "button", text: key, title: t("changes.filterCat", { row: label }),
            "aria-pressed": String(key === c.cat), onclick: () => go({ cat: key === c.cat ? "" : key }) })
          : label),
        shownKinds.map((k) => el("td", { class: "num", "data-kind": k, text: counts[k] ? f.format(counts[k]) : "–" })),
        el("td", { class: "num total", text: f.format(Object.values(counts).reduce((a, b) => a + b, 0)) }));
    })));

  const filters = [];
  if (c.cat) {
    filters.push(el("p", { class: "filter" }, el("strong", { text: categoryLabel(c.cat) }), " · ",
      el("button", { type: "button", class: "link", text: t("changes.allCats"), onclick: () => go({ cat: "" }) })));
  }
  if (c.code) {
    // The code inside the sentence, in its own direction.
    const [pre, post] = t("changes.code", { code: "\u0000" }).split("\u0000");
    filters.push(el("p", { class: "filter", id: "changes-code" }, pre,
      el("span", { class: "codes", dir: "ltr", text: c.code }), post, " · ",
      el("button", { type: "button", class: "link", text: t("changes.allCodes"), onclick: () => go({ code: "" }) })));
  }
  const list = el("ol", { class: "changes", id: "changes-items" });
  if (!items.length) list.append(el("li", { class: "empty", text: t("changes.none") }));
  for (const row of items) list.append(changeItem(row, r));
  $("changes").replaceChildren(head,
    el("div", { class: "changes-grid" },
      el("section", { class: "card", id: "changes-counts" }, kinds, el("div", { class: "table-wrap" }, catTable)),
      el("section", { class: "card", id: "changes-rows" }, ...filters,
        el("p", { class: "hint", text: t("changes.english") }),
        list,
        el("p", { class: "shown", id: "changes-shown", text: t("div.shown", { shown: f.format(items.length), total: f.format(report.total) }) }),
        items.length < report.total ? el("button", { type: "button", id: "changes-more", text: t("div.more"), onclick: moreChanges }) : null)));
}

function entryCode(ref) {
  return el("a", { href: `#entry/${encodeURIComponent(ref.id)}`, class: "codes", title: listName(ref.list_id), text: ref.code });
}

function changeSide(ref, edition, base) {
  const side = el("div", { class: "side", "data-list": edition.id }, el("h4", { text: edition.name }));
  if (!ref) {
    side.append(el("p", { class: "note", text: t("changes.absent") }));
    return side;
  }
  const text = el("div", { class: "text", lang: "en", dir: "ltr" });
  if (base !== null && base !== ref.text) text.append(...wordDiff(base, ref.text));
  else text.textContent = ref.text;
  side.append(text);
  if (ref.parameters.length) {
    side.append(el("ul", { class: "thresholds", lang: "en", dir: "ltr" }, ref.parameters.map((p) => el("li", { text: p.text }))));
  }
  return side;
}

function changeItem(row, r) {
  const f = new Intl.NumberFormat(locale(), { maximumFractionDigits: 3 });
  const main = row.after || row.before;
  const facts = [];
  if (row.fields.length) {
    facts.push(t("changes.fields", { fields: row.fields.map((x) => changeWords("changeFields", x)).join(listSep()) }));
  }
  if (row.similarity !== null) facts.push(t("changes.similarity", { n: f.format(row.similarity) }));
  if (row.thresholds) facts.push(t("changes.thresholds", { to: r.newer.name, verdict: changeWords("thresholdVerdicts", row.thresholds) }));
  const both = row.before && row.after;
  const lines = both ? row.diff.filter((l) => !/^(---|\+\+\+|@@)/.test(l)) : [];
  return el("li", { class: "change", "data-change": row.change, "data-code": row.canonical, "data-entry": main.id, title: humanise(row.reason) },
    el("div", { class: "row-head" },
      el("span", { class: `change-kind ${row.change}`, text: changeWords("changeKinds", row.change) }),
      el("span", { class: "codes-pair", dir: "ltr" }, row.change === "renumbered"
        ? [entryCode(row.before), " → ", entryCode(row.after)] : entryCode(main))),
    facts.length ? el("p", { class: "facts", text: facts.join(" ") }) : null,
    el("div", { class: "sides" }, changeSide(row.before, r.older, null), changeSide(row.after, r.newer, both ? row.before.text : null)),
    lines.length ? el("details", { class: "lines" }, el("summary", { text: t("changes.lines") }),
      el("div", { class: "diff", lang: "en", dir: "ltr" }, lines.map((l) => el(l[0] === "+" ? "ins" : l[0] === "-" ? "del" : "span", { text: l })))) : null,
    row.threshold_notes.length ? el("ul", { class: "threshold-notes", lang: "en", dir: "ltr" }, row.threshold_notes.map((x) => el("li", { text: x }))) : null);
}

// The entry's timeline, added to its page as a card.
async function loadTimeline(id) {
  const grid = $("entry").querySelector(".country-grid");
  let timeline;
  try {
    timeline = await api(`/entries/${encodeURIComponent(id)}/timeline`);
  } catch (error) {
    if (grid) grid.append(el("section", { class: "card wide", id: "entry-timeline" }, el("p", { class: "note", text: error.message })));
    return;
  }
  if (!grid || !state.entry || state.entry.id !== timeline.entry.id) return;
  // Under the entry's own card, before its alignments.
  grid.insertBefore(timelineCard(timeline), grid.children[1] || null);
}

function timelineCard(timeline) {
  const key = seriesOf(timeline.entry.list_id);
  const list = heldLists().find((l) => l.key === key);
  const steps = timeline.steps;
  const items = steps.map((s, i) => {
    const prev = i ? steps[i - 1] : null;
    const kind = s.change === "absent" && prev && prev.entry ? "removed" : s.change;
    const here = s.entry && s.entry.id === state.entry.id;
    const info = listInfo(s.edition.list_id);
    const code = (s.entry || (prev && prev.entry) || timeline.entry).canonical;
    const what = prev && ["added", "changed", "renumbered", "removed"].includes(kind)
      ? el("a", { class: "timeline-changes", href: changesHash({ list: key, from: prev.edition.edition, to: s.edition.edition, code }), text: t("timeline.what") })
      : null;
    return el("li", { "data-list": s.edition.list_id, "data-change": kind, class: here ? "current" : null, "aria-current": here ? "true" : null },
      el("span", { class: "when" },
        info && info.source_url
          ? el("a", { href: info.source_url, rel: "noopener", title: s.edition.title, text: listName(s.edition.list_id) })
          : el("strong", { title: s.edition.title, text: listName(s.edition.list_id) }),
        ` — ${dateText(s.edition.edition_date)}`),
      el("span", { class: `change-kind ${kind}`, text: changeWords("timelineSteps", kind) }),
      s.entry ? (here ? el("span", { class: "codes", dir: "ltr", text: s.entry.code }) : entryCode(s.entry)) : null,
      s.thresholds ? el("span", { class: "hint", text: t("timeline.thresholds", { verdict: changeWords("thresholdVerdicts", s.thresholds) }) }) : null,
      what);
  });
  return el("section", { class: "card wide", id: "entry-timeline" },
    el("h2", { text: t("timeline.title", { list: list ? list.name : listName(timeline.entry.list_id) }) }),
    steps.length < 2 ? el("p", { class: "hint", text: t("timeline.single") }) : null,
    el("ol", { class: "timeline" }, items));
}

