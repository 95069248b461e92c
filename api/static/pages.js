// Harmonia dashboard: The country page, the search box and one entry's page.
// index.html loads the dashboard's scripts in order, as classic scripts sharing
// the page's global scope: a name declared at the top of one is seen by those after it.
"use strict";

// --- country page -------------------------------------------------------------------------

async function loadCountry(code) {
  state.country = code;
  history.replaceState(null, "", `#country/${code}`);
  $("country-status").textContent = t("loading");
  try {
    const [detail, controls] = await Promise.all([
      api(`/countries/${encodeURIComponent(code)}`),
      api(`/coverage/countries/${encodeURIComponent(code)}`),
    ]);
    renderCountry(detail, controls);
    $("country-status").textContent = "";
  } catch (error) {
    $("country").replaceChildren();
    $("country-status").textContent = jurisdiction(code) ? error.message : t("error.unknownCountry", { code });
  }
}

function regimeName(id) {
  const r = state.regimes[id];
  return r ? r.names[state.lang] || r.short_name : id;
}

function renderCountry(detail, controls) {
  const name = detail.names[state.lang] || detail.name;
  const f = numberFormat();
  const lists = el("section", { class: "card" }, el("h2", { text: t("country.lists") }));
  if (!controls.applies.length) {
    lists.append(el("p", { text: t("country.noList") }));
  } else {
    lists.append(el("ul", {}, controls.applies.map((e) => {
      const info = listInfo(e.list_id);
      return el("li", { "data-list": e.list_id },
        info && info.source_url
          ? el("a", { href: info.source_url, rel: "noopener", title: info.title, text: listName(e.list_id) })
          : el("strong", { title: e.list_id, text: listName(e.list_id) }),
        ` — ${dateText(e.edition_date)}`);
    })));
    if (controls.via) lists.append(el("p", { text: t("country.via") }));
  }
  const memberships = el("section", { class: "card" }, el("h2", { text: t("country.memberships") }));
  if (!detail.memberships.length) memberships.append(el("p", { text: t("country.noMemberships") }));
  else {
    memberships.append(el("ul", {}, detail.memberships.map((m) => el("li", {},
      el("strong", { text: regimeName(m.regime) }), ` (${I18N[state.lang].roles[m.role] || m.role})`,
      m.since ? ` ${t("country.since", { d: dateText(m.since) })}` : "",
      m.until ? `, ${t("country.until", { d: dateText(m.until) })}` : ""))));
  }
  if (detail.subscriptions.length) {
    memberships.append(el("h3", { text: t("country.subscriptions") }),
      el("ul", {}, detail.subscriptions.map((s) => el("li", {}, s.title, s.date ? ` — ${dateText(s.date)}` : ""))));
  }
  const against = el("section", { class: "card wide" }, el("h2", { text: t("country.against") }));
  if (controls.regimes.length) {
    const table = el("table", {}, el("thead", {}, el("tr", {},
      ["country.regime", "country.status", "country.coverage", "country.reason"].map((k) => el("th", { scope: "col", text: t(k) })))));
    const body = el("tbody");
    for (const r of controls.regimes) {
      const pct = r.coverage ? r.coverage.percent : null;
      body.append(el("tr", {},
        el("th", { scope: "row", text: regimeName(r.regime) }),
        el("td", { text: t(`rc.${r.status}`) }),
        el("td", {}, pct === null ? "–" : [
          el("span", { class: "bar-wrap", "aria-hidden": "true" }, el("span", { class: "bar", style: `width:${pct}%` })),
          percentText(pct)]),
        el("td", { title: humanise(r.reason), text: regimeSentence(r) })));
    }
    table.append(body);
    against.append(table);
  }
  const unilateral = el("section", { class: "card" }, el("h2", { text: t("country.unilateral") }));
  if (controls.unilateral_items.length) {
    unilateral.append(el("p", { text: t("country.unilateralCount", { n: f.format(controls.unilateral_entries) }) }),
      el("ul", {}, controls.unilateral_items.slice(0, 8).map((e) => el("li", { lang: "en", dir: "ltr" },
        el("strong", { class: "codes", text: e.code }), ` ${e.text.slice(0, 110)}${e.text.length > 110 ? "…" : ""}`))));
  } else if (controls.applies.length) {
    unilateral.append(el("p", { text: t("country.noUnilateral") }));
  }
  const other = code2(detail.iso2);
  const compareLink = controls.applies.length
    ? el("p", {}, el("a", { href: `#compare?j=${compareKey(detail.iso2)},${other}`, text: t("country.compare", { other: nameOf(other) }) }))
    : null;
  $("country").replaceChildren(
    el("h2", {}, `${name} `, el("span", { class: "codes", text: `(${detail.iso2})` })),
    // The page's own sentence; the API's (English) one stays as the element's title.
    el("p", { class: "country-lead", title: humanise(controls.reason),
      text: controls.applies.length
        ? t("country.applies", { country: name, lists: controls.applies.map((e) => listName(e.list_id)).join(", ") })
        : t("country.noList") }),
    compareLink,
    el("div", { class: "country-grid" }, lists, memberships, unilateral, against),
  );
}

// Why a regime row reads as it does, in the reader's language, from the row's numbers.
function regimeSentence(r) {
  const f = numberFormat();
  const regime = regimeName(r.regime);
  const ref = r.reference ? listName(r.reference.list_id) : regime;
  if (r.status === "applies-directly") return t("rc.appliesDirectly", { regime });
  if (r.status === "no-regime-list") return t("rc.noRegimeList", { regime, n: f.format(r.national_entries) });
  if (r.status === "no-list-held" || !r.coverage) return t("country.noList");
  const c = r.coverage;
  if (c.percent === null) return t("rc.noMatch", { ref, n: f.format(c.counts["no-match-found"] || 0) });
  return t("rc.sentence", { ref, controlled: f.format(c.controlled), comparable: f.format(c.comparable),
    missing: f.format(c.comparable - c.controlled) });
}

// An EU member state is compared through the EU list; offer the US, or the EU for the US.
function compareKey(iso2) {
  const j = jurisdiction(iso2);
  return j && j.via === "regime:eu" ? "EU" : iso2;
}
function code2(iso2) {
  return iso2 === "US" ? "EU" : "US";
}

// --- search box ---------------------------------------------------------------------------
// One box on every page: /search/all finds entries (a code in any numbering, words in
// English, French or Arabic) and listed parties (the party name matcher), grouped.

function issuerKey(node) {
  return node.replace(/^country:/, "").replace(/^regime:/, "");
}
function issuerName(node) {
  const key = issuerKey(node);
  const j = state.options.jurisdictions.find((x) => x.key === key || x.node === node);
  return j ? j.names[state.lang] || j.names.en : key;
}

async function runSearch(q) {
  $("search-q").value = q;
  const box = $("search-results");
  if (!q.trim()) {
    box.replaceChildren();
    return;
  }
  $("search-status").textContent = t("loading");
  try {
    const found = await api("/search/all", { q, limit: 20 });
    state.searched = found;
    renderSearch();
    $("search-status").textContent = "";
  } catch (error) {
    box.replaceChildren();
    $("search-status").textContent = error.message;
  }
}

// How the query was read, said in the page's language from the reading's fields.
function readingSaid(report) {
  const r = report.reading;
  let said;
  if (r.kind === "words") {
    said = report.technologies.length
      ? t("search.readTechs", { names: report.technologies.map(techName).join(", ") })
      : t("search.readWords");
  } else {
    const system = I18N[state.lang].systems[r.system] || r.system;
    said = t("search.readCode", { system, code: r.code, canonical: r.canonical });
    if (r.wassenaar) said = t("search.readLike", { said, code: r.wassenaar });
  }
  return state.lang === "ar" ? isolated(said) : said;
}

function renderSearch() {
  const found = state.searched;
  if (!found) return;
  const f = numberFormat();
  const entries = el("section", { class: "card", id: "search-entries" },
    el("h2", { text: t("search.entries", { n: f.format(found.entries.total) }) }),
    el("p", { class: "hint", id: "search-reading", text: `${t("search.read")}: ${readingSaid(found.entries)}` }));
  if (!found.entries.items.length) entries.append(el("p", { text: t("search.noEntries") }));
  else {
    entries.append(el("ul", { class: "hits" }, found.entries.items.map((hit) => el("li", { class: "entry-hit", "data-entry": hit.entry.id },
      el("a", { href: `#entry/${encodeURIComponent(hit.entry.id)}` },
        el("strong", { class: "codes", dir: "ltr", text: hit.entry.code }), " — ", listName(hit.entry.list_id)),
      " ", el("span", { class: "excerpt", lang: "en", dir: "ltr", text: hit.entry.text.slice(0, 140) })))));
    const more = found.entries.total - found.entries.items.length;
    if (more > 0) entries.append(el("p", { class: "hint", text: t("search.more", { n: f.format(more) }) }));
  }
  const parties = el("section", { class: "card", id: "search-parties" },
    el("h2", { text: t("search.parties", { n: f.format(found.parties.length) }) }));
  if (!found.parties.length) parties.append(el("p", { text: t("search.noParties") }));
  for (const hit of found.parties) parties.append(partyCard(hit));
  $("search-results").replaceChildren(
    el("p", { class: "big", text: t("search.for", { q: found.query }) }),
    el("div", { class: "country-grid" }, entries, parties));
}

function partyCard(hit) {
  const p = hit.party;
  const by = new Map();
  for (const x of p.listings) {
    if (!by.has(x.issuer)) by.set(x.issuer, []);
    by.get(x.issuer).push(x);
  }
  const lines = [...by.entries()].map(([issuer, listings]) => el("li", { class: "listed-by", "data-issuer": issuerKey(issuer) },
    t("party.listedBy", { who: issuerName(issuer), lists: "" }),
    listings.flatMap((x, i) => [i ? "; " : "", el("span", { lang: "en", dir: "ltr", text: x.list_name }),
      x.date ? ` (${t("party.since", { d: dateText(x.date) })})` : ""])));
  for (const c of hit.counterparts) {
    const key = c.verdict === "both" ? "party.alsoBy" : "party.maybeBy";
    lines.push(el("li", { class: "listed-by", "data-issuer": c.compared_with },
      t(key, { who: nameOf(c.compared_with), name: c.candidate_name, score: numberFormat().format(c.score) })));
  }
  if (!hit.counterparts.length) lines.push(el("li", { class: "hint", text: t("party.noneElse") }));
  return el("article", { class: "party", "data-party": p.id },
    el("h3", {}, el("span", { dir: "auto", text: p.name }), p.countries.length ? ` (${p.countries.join(", ")})` : ""),
    el("p", { class: "hint", text: t("party.matched", { name: hit.matched, score: numberFormat().format(hit.score) }) }),
    el("ul", {}, lines));
}

// --- one entry ----------------------------------------------------------------------------

async function loadEntry(id) {
  $("entry-status").textContent = t("loading");
  try {
    state.entry = await api(`/entries/${encodeURIComponent(id)}`);
    renderEntry();
    $("entry-status").textContent = "";
    await loadTimeline(id);
  } catch (error) {
    state.entry = null;
    $("entry").replaceChildren();
    $("entry-status").textContent = t("entry.unknown", { id });
  }
}

function entryLink(ref) {
  return el("li", {}, el("a", { href: `#entry/${encodeURIComponent(ref.id)}` },
    el("strong", { class: "codes", dir: "ltr", text: ref.code }), " — ", listName(ref.list_id)));
}

function renderEntry() {
  const e = state.entry;
  if (!e) return;
  const info = listInfo(e.list_id);
  const head = el("section", { class: "card wide" },
    el("h2", { id: "entry-head" }, el("span", { class: "codes", dir: "ltr", text: e.code }), " — ", listName(e.list_id)),
    el("p", {}, t("entry.editionOf", { d: dateText(e.edition.edition_date) }),
      info && info.source_url ? [" · ", el("a", { href: info.source_url, rel: "noopener", title: info.title, text: t("entry.official") })] : ""),
    el("p", { class: "text", lang: "en", dir: "ltr", text: [e.heading, e.text].filter(Boolean).join(" ") }));
  if (e.notes.length) head.append(el("h3", { text: t("entry.notes") }), el("ul", { lang: "en", dir: "ltr" }, e.notes.map((n) => el("li", { text: n }))));
  const parts = [head];
  if (e.implements.length) {
    parts.push(el("section", { class: "card" }, el("h2", { text: t("entry.implements") }), el("ul", {}, e.implements.map((a) => entryLink(a.entry)))));
  }
  if (e.implemented_by.length) {
    parts.push(el("section", { class: "card" }, el("h2", { text: t("entry.implementedBy") }), el("ul", {}, e.implemented_by.map((a) => entryLink(a.entry)))));
  }
  if (e.technologies.length) {
    parts.push(el("section", { class: "card" }, el("h2", { text: t("entry.technologies") }),
      el("ul", {}, e.technologies.map((x) => el("li", { text: techName(x.technology) })))));
  }
  $("entry").replaceChildren(el("div", { class: "country-grid" }, parts));
}

