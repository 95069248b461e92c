// Harmonia dashboard: Documents and the controls they concern.
// index.html loads the dashboard's scripts in order, as classic scripts sharing
// the page's global scope: a name declared at the top of one is seen by those after it.
"use strict";

// --- documents and the controls they concern -----------------------------------------------
// /documents lists them; a document's page reads /documents/{id} (its text, mentions marked)
// and /documents/{id}/controls (entries covering its technologies in the lists of the
// countries it names, and the divergences among those holding lists).

const docLangName = (code) => (I18N[state.lang].lang || I18N.en.lang)[code] || code;
// The document's own words keep their language and direction, whatever the page's.
const docAttrs = (code) => ({ lang: code, dir: code === "ar" ? "rtl" : "ltr" });

async function loadDocuments() {
  $("documents-status").textContent = t("loading");
  try {
    const page = await api("/documents", { limit: 500 });
    $("documents-status").textContent = page.items.length ? "" : t("docs.none");
    const rows = page.items.map((d) => el("tr", {},
      el("td", {}, el("a", { href: `#document/${encodeURIComponent(d.id)}`, ...docAttrs(d.language), text: d.title || d.id })),
      el("td", { text: docLangName(d.language) }),
      el("td", { class: "date", text: d.published ? dateText(d.published) : t("docs.undated") })));
    $("documents").replaceChildren(
      el("p", { class: "hint", text: t("docs.hint") }),
      el("table", { class: "documents-table" },
        el("thead", {}, el("tr", {}, el("th", { scope: "col", text: t("docs.doc") }),
          el("th", { scope: "col", text: t("docs.language") }), el("th", { scope: "col", text: t("docs.date") }))),
        el("tbody", {}, rows)));
  } catch (error) {
    $("documents").replaceChildren();
    $("documents-status").textContent = error.message;
  }
}

async function loadDocument(id) {
  $("documents-status").textContent = t("loading");
  try {
    const [doc, controls] = await Promise.all([
      api(`/documents/${encodeURIComponent(id)}`),
      api(`/documents/${encodeURIComponent(id)}/controls`),
    ]);
    state.document = { doc, controls };
    renderDocument();
    $("documents-status").textContent = "";
  } catch (error) {
    state.document = null;
    $("documents").replaceChildren(el("p", {}, el("a", { href: "#documents", text: t("docs.back") })));
    $("documents-status").textContent = t("docs.unknown", { id });
  }
}

function stateText(row) {
  if (row.state === "covered") return t("docs.covered", { n: numberFormat().format(row.entries.length) });
  return t(row.state === "no-list-held" ? "docs.noList" : "docs.noEntry");
}

function renderDocument() {
  if (!state.document) return;
  const { doc, controls } = state.document;
  const own = docAttrs(doc.language);
  const named = new Map(controls.jurisdictions.map((j) => [j.key, j]));
  const jName = (key) => (jurisdiction(key) ? nameOf(key) : named.get(key)?.name || key);
  const sep = state.lang === "ar" ? "، " : ", ";
  const head = el("section", { class: "card wide" },
    el("p", {}, el("a", { href: "#documents", text: t("docs.back") })),
    el("h2", { id: "document-head", ...own, text: doc.title || doc.id }),
    el("p", { class: "editions" }, docLangName(doc.language), " · ", doc.published ? dateText(doc.published) : t("docs.undated")),
    el("details", { open: true }, el("summary", { text: t("docs.text") }),
      el("div", { class: "document-text", ...own },
        doc.segments.map((s) => (s.mention ? el("mark", { title: s.mention.name, text: s.text }) : s.text)))));
  const techs = el("section", { class: "card" }, el("h2", { text: t("docs.techs") }),
    controls.technologies.length
      ? el("ul", {}, controls.technologies.map((x) => el("li", {}, el("strong", { text: techName(x.technology) }), " — ",
        t("docs.said", { words: "" }), el("span", { ...own, text: x.mentions.join(" · ") }))))
      : el("p", { text: t("docs.noTechs") }));
  const juris = el("section", { class: "card" }, el("h2", { text: t("docs.named") }),
    el("ul", {}, controls.jurisdictions.map((j) => el("li", {}, el("strong", { text: jName(j.key) }), " — ",
      el("span", { ...own, text: j.mentions.join(" · ") }),
      j.lists.length ? el("div", { class: "editions", text: listNames(j.lists.map((l) => l.list_id)) }) : el("div", { class: "note", text: t("docs.noList") })))));
  const parts = [head, techs, juris];
  for (const x of controls.technologies) {
    const rows = controls.controls.filter((c) => c.technology === x.technology);
    const card = el("section", { class: "card wide tech-controls", "data-tech": x.technology },
      el("h2", { text: t("docs.controls", { tech: techName(x.technology) }) }));
    if (x.narrower.length) card.append(el("p", { class: "hint", text: t("docs.narrower", { names: x.narrower.map(techName).join(state.lang === "ar" ? "، " : ", ") }) }));
    card.append(el("table", { class: "documents-table" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col", text: t("docs.juris") }), el("th", { scope: "col", text: t("docs.state") }))),
      el("tbody", {}, rows.map((r) => el("tr", { "data-state": r.state },
        el("th", { scope: "row", text: jName(r.jurisdiction) }),
        el("td", {}, el("p", { class: r.state === "covered" ? "" : "note", text: stateText(r) }),
          r.entries.length ? el("ul", { class: "entry-links" }, r.entries.map((h) => entryLink(h.entry))) : ""))))));
    const div = controls.divergences.find((d) => d.technology === x.technology);
    if (div) {
      const report = div.report;
      const compare = `#compare?${new URLSearchParams({ j: div.jurisdictions.join(","), tech: x.technology })}`;
      card.append(el("h3", { text: t("docs.divergences", { names: div.jurisdictions.map(jName).join(state.lang === "ar" ? "، " : ", "), tech: techName(x.technology) }) }));
      if (report.total) {
        card.append(
          el("div", { class: "kinds" }, Object.entries(report.counts).map(([k, n]) => el("span", { class: `kind kind-${k}`, text: `${kindLabel(k)}: ${numberFormat().format(n)}` }))),
          el("ul", { class: "document-divergences" }, report.items.map((row) => el("li", { title: humanise(row.reason) },
            el("span", { class: `kind kind-${row.kind}`, text: kindLabel(row.kind) }), " ",
            el("strong", { class: "codes", dir: "ltr", text: row.code }), " — ",
            t(row.not_controlled_by.length ? "docs.sides" : "docs.allSides", {
              yes: row.controlled_by.map(jName).join(sep), no: row.not_controlled_by.map(jName).join(sep),
            })))),
          el("p", { class: "hint", text: t("docs.firstRows", { n: report.items.length, total: report.total }) }));
      } else {
        card.append(el("p", { text: t("docs.noDivergence") }));
      }
      card.append(el("p", {}, el("a", { class: "compare-link", href: compare, text: t("docs.compare") })));
    }
    parts.push(card);
  }
  $("documents").replaceChildren(el("div", { class: "country-grid" }, parts));
}

