// Harmonia dashboard: Wassenaar entries a country lacks, codes of conduct x technologies, party lists.
// index.html loads the dashboard's scripts in order, as classic scripts sharing
// the page's global scope: a name declared at the top of one is seen by those after it.
"use strict";

// --- Wassenaar entries a country lacks ----------------------------------------------------
// /divergences between the country and the Wassenaar list, its not-implemented rows (an
// edition-lag row is the other way round: the country still controls what Wassenaar has
// dropped); the CSV link asks /exports/divergences.csv for the same rows.

const LACK_KINDS = ["not-implemented"];

function lacksParams(key) {
  return { jurisdiction: [key, "wassenaar"], kind: LACK_KINDS };
}

async function loadLacks(code) {
  state.lacksCountry = code;
  history.replaceState(null, "", `#lacks/${code}`);
  const pick = $("lacks-pick");
  fillCountryPicker(pick);
  const j = jurisdiction(code);
  if (!j || j.kind !== "country") {
    pick.value = "";
    $("lacks").replaceChildren();
    $("lacks-status").textContent = t("error.unknownCountry", { code });
    return;
  }
  pick.value = code;
  if (!j.lists.length) {
    $("lacks").replaceChildren(el("p", { class: "card", text: t("lacks.noList", { country: nameOf(code) }) }));
    $("lacks-status").textContent = "";
    return;
  }
  const key = j.via === "regime:eu" ? "EU" : code;
  $("lacks-status").textContent = t("loading");
  try {
    state.lacks = { code, key, report: await api("/divergences", { ...lacksParams(key), limit: 500 }) };
    renderLacks();
    $("lacks-status").textContent = "";
  } catch (error) {
    $("lacks-status").textContent = error.message;
  }
}

function renderLacks() {
  const { code, key, report } = state.lacks;
  const f = numberFormat();
  const ref = report.reference ? listName(report.reference.list_id) : nameOf("wassenaar");
  const side = report.jurisdictions.find((x) => x.key === key);
  const held = side ? side.lists.map((l) => `${listName(l.list_id)} (${dateText(l.edition_date)})`).join(", ") : "";
  const sentence = report.total
    ? t("lacks.summary", { country: nameOf(code), n: f.format(report.total), ref,
      sub: f.format(report.items.reduce((n, row) => n + row.sub_entries, 0)) })
    : t("lacks.none", { country: nameOf(code), ref });
  const csv = new URLSearchParams();
  for (const [name, value] of Object.entries(lacksParams(key))) for (const v of value) csv.append(name, v);
  const table = el("table", { class: "lacks" }, el("thead", {}, el("tr", {},
    ["lacks.code", "lacks.kind", "lacks.text"].map((k) => el("th", { scope: "col", text: t(k) })))));
  const body = el("tbody");
  for (const row of report.items) {
    const mine = row.sides.find((s) => s.jurisdiction === key);
    body.append(el("tr", { class: "lack", "data-code": row.code },
      el("th", { scope: "row" }, row.reference
        ? el("a", { href: `#entry/${encodeURIComponent(row.reference.id)}`, class: "codes", dir: "ltr", text: row.code })
        : el("span", { class: "codes", dir: "ltr", text: row.code }),
      row.sub_entries ? el("div", { class: "hint", text: `+${f.format(row.sub_entries)} ${t("lacks.sub")}` }) : null),
      el("td", {}, el("span", { class: `kind ${row.kind}`, text: kindLabel(row.kind) }),
        mine && mine.note ? el("div", { class: "note", lang: "en", dir: "ltr", text: humanise(mine.note) }) : null),
      el("td", { lang: "en", dir: "ltr", text: row.reference ? row.reference.text : "" })));
  }
  table.append(body);
  $("lacks").replaceChildren(el("div", { class: "summary" },
    el("p", { class: "big", text: sentence }),
    held ? el("p", { text: t("lacks.lists", { lists: held }) }) : null,
    el("p", { class: "downloads" }, el("a", { id: "lacks-csv", href: `/exports/divergences.csv?${csv}`, download: "", text: t("lacks.csv") }))),
  table);
}

// --- codes of conduct: subscribers x technologies -----------------------------------------

async function loadCodes(code, tech) {
  const select = $("codes-tech");
  select.replaceChildren(el("option", { value: "", text: t("pick.any") }));
  const problems = [];
  if (tech && !state.options.technologies.some((x) => x.id === tech)) {
    problems.push(t("error.unknownTech", { id: tech }));
    tech = "";
  }
  state.codesTech = tech;
  history.replaceState(null, "", `#codes?code=${encodeURIComponent(code)}${tech ? `&tech=${encodeURIComponent(tech)}` : ""}`);
  $("codes-status").textContent = t("loading");
  try {
    const first = await api(`/gaps/codes/${encodeURIComponent(code)}`, { technology: tech, limit: 500 });
    for (const id of first.technologies) select.append(el("option", { value: id, text: techName(id) }));
    select.value = tech;
    state.codes = { code, tech, report: first };
    renderCodes();
    $("codes-status").textContent = problems.join(" ");
  } catch (error) {
    $("codes").replaceChildren();
    $("codes-status").textContent = [...problems, error.message].join(" ");
  }
}

function renderCodes() {
  const { report, tech } = state.codes;
  const f = numberFormat();
  const techs = tech ? [tech] : report.technologies;
  const byCountry = new Map();
  for (const row of report.items) {
    if (!byCountry.has(row.country)) byCountry.set(row.country, new Map());
    byCountry.get(row.country).set(row.technology, row);
  }
  const counts = (id) => {
    const c = { gap: 0, unknown: 0, controlled: 0 };
    for (const row of report.items) {
      if (id && row.technology !== id) continue;
      if (row.status === "gap") c.gap++;
      else if (row.status === "controlled") c.controlled++;
      else c.unknown++;
    }
    return c;
  };
  const all = counts(null);
  // The code's title stays in its language, on its own line; the sentences are the page's.
  const sentences = [
    el("p", { class: "big", lang: "en", dir: "ltr", text: report.title }),
    el("p", { text: t("codes.summary", { subscribers: f.format(report.subscribers), n: f.format(report.technologies.length) }) }),
  ];
  for (const id of techs) {
    const c = counts(id);
    sentences.push(el("p", { class: "codes-sentence", "data-technology": id, text: t("codes.lackTech", { tech: techName(id), gap: f.format(c.gap), unknown: f.format(c.unknown), controlled: f.format(c.controlled) }) }));
  }
  if (techs.length > 1) {
    sentences.push(el("p", { text: t("codes.lack", { gap: f.format(all.gap), unknown: f.format(all.unknown), controlled: f.format(all.controlled) }) }));
  }
  const table = el("table", { class: "codes-matrix" }, el("thead", {}, el("tr", {},
    el("th", { scope: "col", text: t("codes.subscriber") }),
    techs.map((id) => el("th", { scope: "col", text: techName(id) })))));
  const body = el("tbody");
  const rows = [...byCountry.entries()].sort((a, b) => nameOf(a[0]).localeCompare(nameOf(b[0]), state.lang));
  for (const [country, cells] of rows) {
    body.append(el("tr", { "data-country": country },
      el("th", { scope: "row" }, el("a", { href: `#country/${country}`, text: nameOf(country) })),
      techs.map((id) => {
        const row = cells.get(id);
        if (!row) return el("td", { text: "–" });
        const byList = new Map();
        for (const e of row.entries) byList.set(e.list_id, [...(byList.get(e.list_id) || []), e.code]);
        const evidence = [...byList.entries()].map(([id, codes]) => `${listName(id)}: ${codes.join(", ")}`).join(" · ");
        return el("td", { class: `status-${row.status}`, "data-status": row.status, title: humanise(row.reason) },
          el("span", { class: "status-badge", text: I18N[state.lang].codeStatus[row.status] || row.status }),
          evidence ? el("div", { class: "hint", dir: "ltr", text: evidence }) : null);
      })));
  }
  table.append(body);
  $("codes").replaceChildren(el("div", { class: "summary" }, sentences), table,
    el("details", { class: "notes" }, el("summary", { text: t("div.notes") }),
      el("ul", {}, report.notes.map((n) => el("li", { lang: "en", dir: "ltr", text: n })))));
}

// --- party lists: who lists whom ----------------------------------------------------------

async function loadPartyGaps(a, b, verdict) {
  const keys = state.options.jurisdictions.filter((j) => j.kind === "country").map((j) => j.key);
  for (const [id, value] of [["parties-a", a], ["parties-b", b]]) {
    const select = $(id);
    select.replaceChildren(...keys.slice().sort((x, y) => nameOf(x).localeCompare(nameOf(y), state.lang))
      .map((k) => el("option", { value: k, text: `${nameOf(k)} (${k})` })));
    select.value = value;
  }
  const verdicts = $("parties-verdict");
  verdicts.replaceChildren(el("option", { value: "", text: t("pick.any") }),
    ...["both", "review", "only"].map((v) => el("option", { value: v, text: I18N[state.lang].verdicts[v] })));
  verdicts.value = verdict;
  const bad = [a, b].filter((k) => !keys.includes(k));
  if (bad.length) {
    $("party-gaps").replaceChildren();
    $("parties-status").textContent = bad.map((code) => t("error.unknownCountry", { code })).join(" ");
    return;
  }
  if (a === b) {
    $("party-gaps").replaceChildren();
    $("parties-status").textContent = t("parties.same");
    return;
  }
  history.replaceState(null, "", `#parties?a=${a}&b=${b}${verdict ? `&verdict=${verdict}` : ""}`);
  $("parties-status").textContent = t("loading");
  try {
    const report = await api("/gaps/party-lists", { issuer: [a, b], listed_by: a, verdict, limit: 50 });
    state.partyGaps = { a, b, verdict, report };
    renderPartyGaps();
    $("parties-status").textContent = "";
  } catch (error) {
    $("party-gaps").replaceChildren();
    $("parties-status").textContent = error.message;
  }
}

function renderPartyGaps() {
  const { a, b, report } = state.partyGaps;
  const f = numberFormat();
  const c = report.counts[a] || {};
  const total = Object.values(c).reduce((x, y) => x + y, 0);
  const table = el("table", { class: "party-gaps" }, el("thead", {}, el("tr", {},
    ["parties.party", "parties.verdict", "parties.candidate", "parties.score"].map((k) => el("th", { scope: "col", text: t(k) })))));
  const body = el("tbody");
  for (const row of report.items) {
    body.append(el("tr", { "data-verdict": row.verdict },
      el("th", { scope: "row", dir: "auto", text: row.party.name }),
      el("td", { text: I18N[state.lang].verdicts[row.verdict] }),
      el("td", { dir: "auto", text: row.candidate ? row.candidate.name : "–" }),
      el("td", { text: f.format(row.score) })));
  }
  table.append(body);
  $("party-gaps").replaceChildren(el("div", { class: "summary" },
    el("p", { class: "big", text: t("parties.summary", { a: nameOf(a), b: nameOf(b), total: f.format(total),
      both: f.format(c.both || 0), review: f.format(c.review || 0), only: f.format(c.only || 0) }) }),
    el("p", {}, `${t("parties.lists")}: `, el("span", { lang: "en", dir: "ltr",
      text: Object.entries(report.lists).map(([k, v]) => `${nameOf(k)}: ${v.join("; ")}`).join(" · ") }))),
  table, el("p", { class: "shown", text: t("div.shown", { shown: f.format(report.items.length), total: f.format(report.total) }) }));
}

