// Harmonia dashboard: The harmonisation brief.
// index.html loads the dashboard's scripts in order, as classic scripts sharing
// the page's global scope: a name declared at the top of one is seen by those after it.
"use strict";

// --- the harmonisation brief --------------------------------------------------------------
// /briefs/{j}?against= (a state against a regime), /briefs/pairs/{a}/{b} (a state against a
// state), /briefs/groups/{code} (a code of conduct's subscribers): the JSON's parts as they
// come, every point a divergence row with its evidence, and links to the same brief as
// Markdown, printable page and PDF.

const BRIEF_KINDS = ["state", "pair", "group"];
// The parts of a state brief shown first, in this order; any other agenda part the JSON
// gives (an object with total and items) follows them.
const BRIEF_PARTS = ["to_adopt", "to_align", "to_update"];

const isRegime = (key) => (jurisdiction(key) || {}).kind === "regime";

function codeOptions() {
  return state.options.codes_of_conduct || [];
}
function codeName(code) {
  const regime = code.established_by.length ? regimeName(code.established_by[0]) : code.title;
  return t("brief.subscribersOf", { name: regime });
}

// The one place a brief's addresses are built: JSON ("" format), markdown, page, pdf.
function briefUrl(b, format) {
  const path = b.kind === "group"
    ? `/briefs/groups/${encodeURIComponent(b.code)}`
    : b.kind === "pair" || !isRegime(b.against)
      ? `/briefs/pairs/${encodeURIComponent(b.j)}/${encodeURIComponent(b.against)}`
      : `/briefs/${encodeURIComponent(b.j)}`;
  const base = format ? `${path}/${format}` : path;
  const query = new URLSearchParams();
  if (b.kind === "state" && isRegime(b.against)) query.set("against", b.against);
  if (b.tech) query.set("technology", b.tech);
  if (format) query.set("lang", state.lang);
  return query.toString() ? `${base}?${query}` : base;
}

function briefHash(b) {
  const query = new URLSearchParams({ kind: b.kind });
  if (b.kind === "group") query.set("code", b.code);
  else {
    query.set("j", b.j);
    query.set("against", b.against);
  }
  if (b.tech) query.set("tech", b.tech);
  return `#brief?${query}`;
}

function renderBriefPickers(b) {
  const kind = $("brief-kind");
  kind.replaceChildren(...BRIEF_KINDS.map((k) => el("option", { value: k, text: I18N[state.lang].briefKinds[k] })));
  kind.value = b.kind;
  const countries = state.options.jurisdictions
    .filter((j) => j.kind !== "regime")
    .sort((x, y) => (x.kind === "union" ? -1 : y.kind === "union" ? 1 : nameOf(x.key).localeCompare(nameOf(y.key), state.lang)));
  const option = (j) => el("option", { value: j.key, text: j.kind === "country" ? `${nameOf(j.key)} (${j.key})` : nameOf(j.key) });
  $("brief-j").replaceChildren(...countries.map(option));
  $("brief-j").value = b.j;
  const against = $("brief-against");
  if (b.kind === "pair") {
    against.replaceChildren(...countries.map(option));
  } else {
    // The regimes a brief is measured against: the one whose list the analyses align to
    // (the API answers any other with a 422).
    const reference = state.options.reference ? state.options.reference.issuer : "regime:wassenaar";
    const regimes = state.options.jurisdictions.filter((j) => j.kind === "regime" && j.node === reference);
    against.replaceChildren(
      el("optgroup", { label: t("brief.regimes") }, regimes.map(option)),
      el("optgroup", { label: t("brief.states") }, withLists().filter((j) => j.kind !== "regime").map(option)));
  }
  against.value = b.against;
  // A reference the other kind does not offer (Wassenaar for a pair): its usual default.
  if (!against.value) against.value = b.kind === "pair" ? (b.j === "EU" ? "US" : "EU") : "wassenaar";
  $("brief-against-label").textContent = t(b.kind === "pair" ? "brief.second" : "brief.against");
  $("brief-code").replaceChildren(...codeOptions().map((c) => el("option", { value: c.key, title: c.title, text: codeName(c) })));
  $("brief-code").value = b.code;
  $("brief-j-box").hidden = b.kind === "group";
  $("brief-against-box").hidden = b.kind === "group";
  $("brief-code-box").hidden = b.kind !== "group";
  const tech = $("brief-tech");
  tech.replaceChildren(el("option", { value: "", text: t("pick.any") }),
    ...[...state.options.technologies].sort((x, y) => techName(x.id).localeCompare(techName(y.id), state.lang))
      .map((x) => el("option", { value: x.id, text: techName(x.id) })));
  tech.value = b.tech;
}

function briefFromForm() {
  return {
    kind: $("brief-kind").value,
    j: $("brief-j").value,
    against: $("brief-against").value,
    code: $("brief-code").value,
    tech: $("brief-tech").value,
  };
}

async function loadBrief(where) {
  const b = { kind: where.kind, j: where.j, against: where.against, code: where.code, tech: where.tech };
  // The address is validated: what it names that the graph does not hold is said.
  const problems = [];
  if (!BRIEF_KINDS.includes(b.kind)) {
    problems.push(t("brief.unknownKind", { id: b.kind }));
    b.kind = "state";
  }
  if (b.tech && !state.options.technologies.some((x) => x.id === b.tech)) {
    problems.push(t("error.unknownTech", { id: b.tech }));
    b.tech = "";
  }
  const unknown = b.kind === "group"
    ? [b.code].filter((c) => !codeOptions().some((x) => x.key === c || x.id === c))
    : [b.j, b.against].filter((k) => !jurisdiction(k));
  renderBriefPickers(b);
  const offered = $("brief-against").value;
  if (!unknown.length && b.kind !== "group" && offered !== b.against) {
    problems.push(t("brief.notAReference", { name: nameOf(b.against), other: nameOf(offered) }));
    b.against = offered;
  }
  if (unknown.length) {
    state.brief = null;
    $("brief").replaceChildren();
    $("brief-status").textContent = [...problems, ...unknown.map((id) => t("brief.unknown", { id }))].join(" ");
    return;
  }
  history.replaceState(null, "", briefHash(b));
  const ticket = ++state.request;
  $("brief-status").textContent = [...problems, t("loading")].join(" ");
  try {
    const report = await api(briefUrl(b, ""));
    if (ticket !== state.request) return;
    // The same brief again (a language switch): its open evidence stays open.
    if (!state.brief || briefUrl(state.brief.b, "") !== briefUrl(b, "")) state.briefOpen = new Set();
    state.brief = { b, report };
    renderBrief();
    $("brief-status").textContent = [...problems, t("brief.loaded")].join(" ");
  } catch (error) {
    if (ticket !== state.request) return;
    state.brief = null;
    $("brief").replaceChildren();
    $("brief-status").textContent = [...problems, error.message].join(" ");
  }
}

function briefHead(title, b, extra) {
  const filters = b.tech ? ` — ${techName(b.tech)}` : "";
  return el("div", { class: "summary brief-head" },
    el("p", { class: "big" }, el("strong", {}, title), filters),
    extra,
    el("p", { class: "downloads" }, `${t("brief.forms")} `,
      el("a", { id: "brief-markdown", href: briefUrl(b, "markdown"), type: "text/markdown", text: t("brief.markdown") }), " · ",
      el("a", { id: "brief-page", href: briefUrl(b, "page"), target: "_blank", rel: "noopener", text: t("brief.page") }), " · ",
      el("a", { id: "brief-pdf", href: briefUrl(b, "pdf"), download: "", text: t("brief.pdf") })));
}

// A part of the agenda: its points as divergence rows, each with its evidence.
function briefPart(key, title, hint, part) {
  const f = numberFormat();
  const list = el("ol", { class: "divergences" });
  if (!part.items.length) list.append(el("li", { class: "empty", text: t("brief.noneHere") }));
  part.items.forEach((row, i) => list.append(divergenceItem(row, i, `${key}-`)));
  return el("section", { class: "card wide brief-part", id: `brief-${key}`, "data-part": key, "data-total": part.total },
    el("h2", {}, title, " ", el("span", { class: "count", text: `(${f.format(part.total)})` })),
    hint ? el("p", { class: "hint", text: hint }) : null,
    list,
    part.items.length < part.total
      ? el("p", { class: "shown", text: t("div.shown", { shown: f.format(part.items.length), total: f.format(part.total) }) })
      : null);
}

function briefNotes(notes) {
  if (!notes.length) return null;
  return el("details", { class: "notes card wide" }, el("summary", { text: t("div.notes") }),
    el("ul", {}, notes.map((n) => el("li", { lang: "en", dir: "ltr", text: humanise(n) }))));
}

function renderBrief() {
  if (!state.brief) return;
  const { b, report } = state.brief;
  const parts = "technologies" in report ? groupBrief(b, report)
    : "first" in report ? pairBrief(b, report) : stateBrief(b, report);
  $("brief").replaceChildren(...parts.filter(Boolean));
}

function stateBrief(b, report) {
  const f = numberFormat();
  const ref = report.reference_edition;
  const head = briefHead(t("brief.headState", { j: nameOf(report.jurisdiction.key), ref: listName(ref.list_id) }), b, [
    el("p", { text: t("brief.refEdition", { list: listName(ref.list_id), d: dateText(ref.edition_date) }) }),
    el("p", { class: "editions", text: t("brief.day", { d: dateText(report.day) }) }),
  ]);
  const s = report.standing;
  const c = s.convergence;
  const standing = el("section", { class: "card wide", id: "brief-standing" }, el("h2", { text: t("brief.standing") }));
  standing.append(el("div", { class: "convergence", id: "brief-convergence" },
    el("p", { class: "figure" }, el("span", { class: "label", text: t("brief.convergence") }),
      el("strong", { class: "percent", text: c.percent === null ? "–" : percentText(c.percent) })),
    el("p", { text: c.percent === null ? t("brief.noIndex") : t("brief.convergenceSentence", {
      same: f.format(c.same), comparable: f.format(c.comparable), controlled: f.format(c.controlled),
      absent: f.format(c.absent), unknown: f.format(c.unknown) }) })));
  if (s.trend.length > 1) {
    standing.append(el("h3", { text: t("brief.trend") }), el("ul", { class: "trend" }, s.trend.map((p) => el("li", {},
      el("span", { title: p.edition, text: p.edition.split(", ").map(listName).join(", ") }), ": ",
      el("strong", { text: p.percent === null ? "–" : percentText(p.percent) })))));
  }
  const facts = el("div", { class: "brief-facts" });
  facts.append(el("div", {}, el("h3", { text: t("country.memberships") }), s.memberships.length
    ? el("ul", {}, s.memberships.map((m) => el("li", {}, el("strong", { text: regimeName(m.regime) }),
      ` (${I18N[state.lang].roles[m.role] || m.role})`, m.since ? ` ${t("country.since", { d: dateText(m.since) })}` : "")))
    : el("p", { text: t("country.noMemberships") })));
  facts.append(el("div", {}, el("h3", { text: t("brief.lists") }), s.lists.length
    ? el("ul", {}, s.lists.map((h) => {
      const info = listInfo(h.edition.list_id);
      return el("li", { "data-list": h.edition.list_id },
        info && info.source_url
          ? el("a", { href: info.source_url, rel: "noopener", title: h.edition.title, text: listName(h.edition.list_id) })
          : el("strong", { title: h.edition.title, text: listName(h.edition.list_id) }),
        ` — ${t("brief.age", { d: dateText(h.edition.edition_date), n: f.format(h.age_days) })}`,
        h.current ? el("span", { class: "status-badge", text: t("brief.current") }) : null);
    }))
    : el("p", { text: t("country.noList") })));
  standing.append(facts);
  if (s.categories.length) {
    standing.append(el("h3", { text: t("brief.categories") }), el("ul", { class: "brief-categories" }, s.categories.map((row) =>
      el("li", { "data-category": row.category, title: `${f.format(row.controlled)} / ${f.format(row.comparable)}` },
        el("span", { class: "name", text: categoryName(row.category) }),
        row.percent === null ? el("span", { class: "num", text: "–" }) : [
          el("span", { class: "bar-wrap", "aria-hidden": "true" }, el("span", { class: "bar", style: `width:${row.percent}%` })),
          el("span", { class: "num", text: percentText(row.percent) })],
        el("small", { class: "num", text: `${f.format(row.controlled)} / ${f.format(row.comparable)}` })))));
  }
  const agenda = [];
  // The parts beyond the regimes' agenda have their own cards (below).
  const known = new Set(["standing", "shared", "parties", ...BRIEF_PARTS]);
  const keys = [...BRIEF_PARTS, ...Object.keys(report).filter((k) => !known.has(k))];
  for (const key of keys) {
    const part = report[key];
    if (!part || typeof part !== "object" || !Array.isArray(part.items) || typeof part.total !== "number") continue;
    const title = I18N[state.lang].briefParts[key] || key.replaceAll("_", " ");
    agenda.push(briefPart(key, title, I18N[state.lang].briefHints[key], part));
    // To adopt, second half: the codes of conduct it subscribes to.
    if (key === "to_adopt" && report.commitments) agenda.push(briefCodes(report));
  }
  if (report.shared) agenda.push(briefShared(report));
  if (report.parties) agenda.push(briefParties(report));
  return [head, el("p", { class: "hint", text: t("div.english") }), el("div", { class: "country-grid" }, standing, ...agenda, briefNotes(report.notes))];
}

function briefCodes(report) {
  const f = numberFormat();
  const j = nameOf(report.jurisdiction.key);
  const card = el("section", { class: "card wide brief-part", id: "brief-codes", "data-part": "codes" },
    el("h3", { text: t("brief.codes") }), el("p", { class: "hint", text: t("brief.codesHint") }));
  if (!report.commitments.length) card.append(el("p", { class: "empty", text: t("brief.codesNone", { j }) }));
  for (const code of report.commitments) {
    const lists = code.lists.map((e) => listName(e.list_id)).join(", ");
    const block = el("div", { class: "brief-code", "data-code": code.code_of_conduct, "data-status": code.status, "data-total": code.total },
      el("p", {}, el("strong", { lang: "en", dir: "ltr", text: code.title }),
        code.since ? ` ${t("country.since", { d: dateText(code.since) })}` : "", ": ",
        code.status === "not-held"
          ? t("brief.codeNotHeld", { j, n: f.format(code.technologies) })
          : code.status === "outside-filter"
            ? t("brief.codeOutside")
            : t("brief.codeChecked", { total: f.format(code.total), n: f.format(code.technologies), lists })));
    if (code.status === "checked") {
      block.append(el("ul", {}, code.items.map((row) => el("li", { "data-technology": row.technology },
        el("strong", { text: techName(row.technology) }),
        row.commitments.length ? ` (${t("brief.commitmentsN", { n: row.commitments.join(", ") })})` : "",
        ` — ${row.editions.map((e) => listName(e.list_id)).join(", ")}; `,
        t(row.regime_covers ? "brief.regimeHas" : "brief.regimeNone")))));
    }
    card.append(block);
  }
  return card;
}

function briefShared(report) {
  const f = numberFormat();
  const part = report.shared;
  const words = I18N[state.lang];
  const j = nameOf(report.jurisdiction.key);
  const list = el("ol", { class: "divergences" });
  if (!part.items.length) list.append(el("li", { class: "empty", text: t("brief.noneHere") }));
  for (const point of part.items) {
    const sides = point.row.sides.filter((s) => point.partners.includes(s.jurisdiction));
    list.append(el("li", { "data-code": point.code, "data-status": point.status },
      el("p", {}, el("strong", { dir: "ltr", text: point.code }), " — ",
        t("brief.heldBy", { partners: names(point.partners) }), "; ", `${j}: `,
        el("span", { class: "status-badge", text: (words.briefShared || I18N.en.briefShared)[point.status] || point.status })),
      el("ul", {}, sides.map((side) => el("li", { "data-jurisdiction": side.jurisdiction },
        el("strong", { text: nameOf(side.jurisdiction) }), ": ",
        el("span", { dir: "ltr", text: side.entries.map((e) => e.code).join(", ") }),
        ` (${side.editions.map((e) => listName(e.list_id)).join(", ")})`,
        point.matched_by[side.jurisdiction]
          ? `, ${(words.briefMatched || I18N.en.briefMatched)[point.matched_by[side.jurisdiction]]}` : ""))),
      point.row.technologies.length ? el("p", { class: "editions", text: point.row.technologies.map(techName).join(", ") }) : null,
      el("details", {}, el("summary", { text: t("div.evidence") }),
        el("p", { lang: "en", dir: "ltr", text: humanise(point.row.reason) }))));
  }
  const counts = part.counts;
  return el("section", { class: "card wide brief-part", id: "brief-shared", "data-part": "shared", "data-total": part.total },
    el("h2", {}, t("brief.shared"), " ", el("span", { class: "count", text: `(${f.format(part.total)})` })),
    el("p", { class: "hint", text: t("brief.sharedHint", { partners: names(part.partners) }) }),
    el("p", { text: t("brief.sharedCounts", { absent: f.format(counts.absent || 0), nc: f.format(counts["not-comparable"] || 0), nh: f.format(counts["not-held"] || 0) }) }),
    list,
    part.items.length < part.total
      ? el("p", { class: "shown", text: t("div.shown", { shown: f.format(part.items.length), total: f.format(part.total) }) })
      : null);
}

function briefParties(report) {
  const f = numberFormat();
  const j = nameOf(report.jurisdiction.key);
  const parties = report.parties;
  const card = el("section", { class: "card wide brief-part", id: "brief-parties", "data-part": "parties" },
    el("h2", { text: t("brief.parties") }));
  const codes = report.commitments.map((c) => c.status === "checked"
    ? t("brief.codeSummary", { title: c.title, n: f.format(c.total) })
    : c.status === "outside-filter"
      ? t("brief.codeSummaryOutside", { title: c.title })
      : t("brief.codeSummaryNotHeld", { title: c.title }));
  card.append(el("p", { text: codes.length ? t("brief.codesSummary", { codes: codes.join("; ") }) : t("brief.codesNone", { j }) }));
  if (!parties.held) {
    card.append(el("p", { class: "empty", id: "brief-parties-not-held", text: t("brief.partiesNotHeld", { j }) }));
    return card;
  }
  if (!parties.partners.length) card.append(el("p", { class: "empty", text: t("brief.partiesNone") }));
  for (const partner of parties.partners) {
    card.append(el("div", { class: "brief-partner", "data-partner": partner.partner, "data-only": partner.only },
      el("p", { text: t("brief.partiesPartner", { p: nameOf(partner.partner), j, lists: partner.lists.join(", "),
        only: f.format(partner.only), review: f.format(partner.review), both: f.format(partner.both) }) }),
      el("ul", {}, partner.items.map((row) => el("li", {},
        el("strong", { text: row.party.name }), ` (${row.lists.join(", ")}) `,
        el("span", { lang: "en", dir: "ltr", class: "hint", text: humanise(row.reason) })))),
      partner.items.length < partner.only
        ? el("p", { class: "shown", text: t("div.shown", { shown: f.format(partner.items.length), total: f.format(partner.only) }) })
        : null));
  }
  return card;
}

function pairBrief(b, report) {
  const f = numberFormat();
  const a = report.first.jurisdiction.key;
  const z = report.second.jurisdiction.key;
  const counts = Object.entries(report.counts).map(([k, n]) => `${kindLabel(k)}: ${f.format(n)}`).join(" · ");
  const head = briefHead(t("brief.headPair", { a: nameOf(a), b: nameOf(z) }), b, [
    report.reference_edition ? el("p", { text: t("brief.refEdition", { list: listName(report.reference_edition.list_id), d: dateText(report.reference_edition.edition_date) }) }) : null,
    el("p", {}, `${t("brief.pairCounts")}: `, counts),
    el("p", { class: "editions", text: t("brief.day", { d: dateText(report.day) }) }),
  ]);
  const parts = [];
  for (const [side, other] of [[report.first, z], [report.second, a]]) {
    const key = side.jurisdiction.key;
    parts.push(briefPart(`${key}-stricter`, t("brief.stricter", { a: nameOf(key) }), null, side.stricter));
    parts.push(briefPart(`${key}-only`, t("brief.only", { a: nameOf(key), b: nameOf(other) }), null, side.only));
  }
  parts.push(briefPart("undecided", t("brief.undecided"), null, report.undecided));
  return [head, el("p", { class: "hint", text: t("div.english") }), el("div", { class: "country-grid" }, ...parts, briefNotes(report.notes))];
}

function groupBrief(b, report) {
  const f = numberFormat();
  const head = briefHead(codeName(codeOptions().find((c) => c.id === report.code_of_conduct) || { established_by: [], title: report.title }), b, [
    el("p", { lang: "en", dir: "ltr", text: report.title }),
    el("p", { text: t("codes.summary", { subscribers: f.format(report.subscribers), n: f.format(report.technologies.length) }) }),
    el("p", { class: "editions", text: t("brief.day", { d: dateText(report.day) }) }),
  ]);
  const cards = report.technologies.map((tech) => {
    const line = (key, countries, cls) => el("p", { class: `group-line ${cls}` },
      el("strong", { text: t(key, { n: f.format(countries.length) }) }), countries.length ? ` ${names(countries)}` : "");
    const rows = el("tbody");
    for (const row of tech.rows) {
      const byList = new Map();
      for (const e of row.entries) byList.set(e.list_id, [...(byList.get(e.list_id) || []), e.code]);
      rows.append(el("tr", { "data-country": row.country, "data-status": row.status },
        el("th", { scope: "row", text: nameOf(row.country) }),
        el("td", { class: `status-${row.status}` }, el("span", { class: "status-badge", text: I18N[state.lang].codeStatus[row.status] || row.status })),
        el("td", { dir: "ltr", class: "codes", text: [...byList.entries()].map(([id, codes]) => `${listName(id)}: ${codes.join(", ")}`).join(" · ") }),
        el("td", { lang: "en", dir: "ltr", text: humanise(row.reason) })));
    }
    return el("section", { class: "card wide brief-tech", "data-technology": tech.technology },
      el("h2", { text: techName(tech.technology) }),
      line("brief.lacking", tech.lacking, "no"),
      line("brief.controlled", tech.controlled, "yes"),
      line("brief.notHeld", tech.not_held, "unknown"),
      el("details", {}, el("summary", { text: t("div.evidence") }),
        el("table", { class: "codes-matrix" }, el("thead", {}, el("tr", {},
          ["codes.subscriber", "country.status", "codes.evidence", "country.reason"].map((k) => el("th", { scope: "col", text: t(k) })))), rows)));
  });
  return [head, el("div", { class: "country-grid" }, ...cards, briefNotes(report.notes))];
}

