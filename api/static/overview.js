// Harmonia dashboard: The landing overview.
// index.html loads the dashboard's scripts in order, as classic scripts sharing
// the page's global scope: a name declared at the top of one is seen by those after it.
"use strict";

// --- the landing overview -----------------------------------------------------------------
// /dashboard/overview: divergence rows per kind and category between each jurisdiction and
// the Wassenaar list, coverage per jurisdiction, the members with no list held, and each
// list edition's age and known gaps. Bars are plain elements sized by CSS; every bar also
// says its number, so colour is never the only cue.

async function loadOverview() {
  if (!state.overview) {
    $("overview-status").textContent = t("loading");
    try {
      state.overview = await api("/dashboard/overview");
    } catch (error) {
      $("overview-status").textContent = error.message;
      return;
    }
  }
  $("overview-status").textContent = "";
  renderOverview();
}

const KIND_ORDER = ["not-implemented", "edition-lag", "scope-differs", "unilateral", "not-in-regime-list", "other-regime"];

// One stacked bar: segments sized against ``max``, each titled with its kind and number.
function stack(counts, max) {
  const f = numberFormat();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return el("span", { class: "stack-row" },
    el("span", { class: "stack", "aria-hidden": "true" }, KIND_ORDER.filter((k) => counts[k]).map((k) => el("span", {
      class: `seg ${k}`, title: `${kindLabel(k)}: ${f.format(counts[k])}`, style: `width:${(100 * counts[k]) / max}%`,
    }))),
    el("span", { class: "num", text: f.format(total) }));
}

function kindLegend(kinds) {
  return el("p", { class: "legend kind-legend" }, KIND_ORDER.filter((k) => kinds.has(k)).map((k) =>
    el("span", {}, el("span", { class: `seg swatch ${k}`, "aria-hidden": "true" }), kindLabel(k))));
}

function renderOverview() {
  const o = state.overview;
  if (!o) return;
  const f = numberFormat();
  const ref = listName(o.reference.list_id);
  const kinds = new Set(o.divergences.map((c) => c.kind));

  const byJ = new Map(o.coverage.map((c) => [c.jurisdiction, {}]));
  const byCat = new Map();
  for (const c of o.divergences) {
    const j = byJ.get(c.jurisdiction) || {};
    j[c.kind] = (j[c.kind] || 0) + c.rows;
    byJ.set(c.jurisdiction, j);
    const key = c.category || "";
    const cat = byCat.get(key) || {};
    cat[c.kind] = (cat[c.kind] || 0) + c.rows;
    byCat.set(key, cat);
  }
  const sum = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);
  const maxJ = Math.max(1, ...[...byJ.values()].map(sum));
  const kindRows = el("tbody", {}, [...byJ.entries()].map(([key, counts]) => el("tr", { "data-jurisdiction": key },
    el("th", { scope: "row" }, el("a", { href: `#compare?j=${key},wassenaar`, text: nameOf(key) })),
    el("td", { "aria-label": KIND_ORDER.filter((k) => counts[k]).map((k) => `${kindLabel(k)}: ${f.format(counts[k])}`).join(", ") },
      stack(counts, maxJ)))));
  // Dual-use categories, then munitions, then national ones (the UK's "PL"), then none.
  const order = (key) => (/^\d+$/.test(key) ? [0, Number(key)] : /^ML\d+$/.test(key) ? [1, Number(key.slice(2))] : key ? [2, 0] : [3, 0]);
  const cats = [...byCat.keys()].sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0] - y[0] || x[1] - y[1] || a.localeCompare(b);
  });
  const catLabel = (key) => (!key ? t("overview.noCategory") : order(key)[0] < 2 ? categoryName(key) : key);
  const maxC = Math.max(1, ...[...byCat.values()].map(sum));
  const catRows = el("tbody", {}, cats.map((key) => {
    const counts = byCat.get(key);
    return el("tr", { "data-category": key },
      el("th", { scope: "row", text: catLabel(key) }),
      el("td", { "aria-label": KIND_ORDER.filter((k) => counts[k]).map((k) => `${kindLabel(k)}: ${f.format(counts[k])}`).join(", ") },
        stack(counts, maxC)));
  }));

  const coverage = el("tbody", {}, o.coverage.map((c) => el("tr", { "data-jurisdiction": c.jurisdiction },
    el("th", { scope: "row" }, el("a", { href: `#brief?kind=state&j=${c.jurisdiction}&against=wassenaar`, text: nameOf(c.jurisdiction) })),
    el("td", {}, c.percent === null ? "–" : [
      el("span", { class: "bar-wrap wide", "aria-hidden": "true" }, el("span", { class: "bar", style: `width:${c.percent}%` })),
      el("span", { class: "num", text: percentText(c.percent) })]),
    el("td", { class: "num", text: t("overview.comparable", { controlled: f.format(c.controlled), comparable: f.format(c.comparable) }) }))));

  const without = o.without_list.slice().sort((a, b) => nameOf(a).localeCompare(nameOf(b), state.lang));

  const sources = el("tbody", {}, o.sources.map((s) => {
    const years = s.age_days / 365.25;
    const copy = s.copy_may_lack.length
      ? t("overview.mayLack", { what: s.copy_may_lack.map((w) => I18N[state.lang].lacks[w] || w).join(state.lang === "ar" ? "، " : ", ") })
      : t("overview.complete");
    return el("tr", { "data-list": s.list_id, class: s.current ? null : "older" },
      el("th", { scope: "row" }, s.source_url
        ? el("a", { href: s.source_url, rel: "noopener", title: s.list_id, text: listName(s.list_id) })
        : el("span", { title: s.list_id, text: listName(s.list_id) }),
      s.current ? null : el("span", { class: "status-badge", text: t("overview.older") })),
      el("td", { text: dateText(s.edition_date) }),
      el("td", { class: `num age${years >= 3 ? " old" : ""}`, text: years >= 1
        ? t("overview.years", { n: new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(years) })
        : t("overview.days", { n: f.format(s.age_days) }) }),
      el("td", { class: "num", text: f.format(s.entries) }),
      el("td", { class: s.copy_may_lack.length || s.not_held_in_copy ? "gaps" : null }, copy,
        s.not_held_in_copy ? el("div", { class: "hint", text: t("overview.skipped", { n: f.format(s.not_held_in_copy) }) }) : null));
  }));

  $("overview").replaceChildren(
    el("p", { class: "summary", text: t("overview.reference", { ref, d: dateText(o.reference.edition_date) }) }),
    el("div", { class: "country-grid overview-grid" },
      el("section", { class: "card", id: "overview-kinds" }, el("h2", { text: t("overview.byKind") }),
        el("p", { class: "hint", text: t("overview.byKindHint") }),
        el("table", { class: "chart" }, kindRows), kindLegend(kinds)),
      el("section", { class: "card", id: "overview-coverage" }, el("h2", { text: t("overview.coverage") }),
        el("p", { class: "hint", text: t("overview.coverageHint") }),
        el("table", { class: "chart" }, coverage),
        el("h3", { text: t("overview.without", { n: f.format(without.length) }) }),
        el("p", { class: "hint", text: t("overview.withoutHint") }),
        el("ul", { class: "chips", id: "overview-without" }, without.map((k) =>
          el("li", { "data-country": k }, el("a", { href: `#country/${k}`, text: nameOf(k) }))))),
      el("section", { class: "card wide", id: "overview-categories" }, el("h2", { text: t("overview.byCategory") }),
        el("table", { class: "chart categories" }, catRows), kindLegend(kinds)),
      el("section", { class: "card wide", id: "overview-sources" }, el("h2", { text: t("overview.quality") }),
        el("table", { class: "sources" }, el("thead", {}, el("tr", {},
          ["overview.list", "overview.edition", "overview.age", "overview.entries", "overview.copy"].map((k) => el("th", { scope: "col", text: t(k) })))),
        sources))));
}

