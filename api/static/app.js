// Harmonia dashboard: plain JavaScript, no build step, no third-party code. It reads the API
// it is served by (/dashboard/options, /dashboard/matrix, /divergences, /entries/{id},
// /countries/{code}, /coverage/countries/{code}) and builds the DOM with textContent only,
// so texts from the lists can never inject markup.
"use strict";

(() => {
  const I18N = {
    en: {
      skip: "Skip to content",
      title: "Harmonia",
      tagline: "Where export controls diverge, and why",
      views: "Views",
      "nav.compare": "Compare",
      "nav.country": "Country page",
      language: "Language",
      "compare.title": "Compare export controls",
      "pick.jurisdictions": "Jurisdictions to compare (two or more)",
      "pick.add": "Add a country",
      "pick.choose": "— choose —",
      "pick.technology": "Technology (optional)",
      "pick.category": "Category (optional)",
      "pick.any": "All",
      "pick.compare": "Compare",
      "error.two": "Choose at least two jurisdictions.",
      loading: "Loading…",
      "loaded": "Comparison of {names} loaded.",
      summary: "{compared} Wassenaar entries compared: {agreed} controlled alike. {total} divergences found.",
      summaryNoRef: "{total} divergences found.",
      "summary.editions": "Editions compared",
      "matrix.title": "Coverage of the Wassenaar list",
      "matrix.rows": "Rows",
      "matrix.byCategory": "Categories",
      "matrix.byTechnology": "Technologies",
      "matrix.caption": "Share of the Wassenaar {edition} entries that each jurisdiction's lists control",
      "matrix.none": "no comparable list",
      "matrix.own": "{n} own",
      "matrix.legend": "Colour: share controlled, from 90% or less to 100%. Hatched: no list of that kind is held. “own”: the jurisdiction's own entries in the row, unilateral ones included. Choose a row to filter the divergences.",
      "matrix.filter": "Show the divergences for {row}",
      cat: "Category {k}",
      ml: "Munitions {k}",
      "div.title": "Divergences",
      "div.kinds": "Kinds of divergence",
      "div.allKinds": "All kinds",
      "div.english": "Reasons and entry texts are given in English, as in the lists.",
      "div.none": "No divergence for this choice.",
      "div.evidence": "Evidence",
      "div.hideEvidence": "Hide evidence",
      "div.more": "Show more",
      "div.shown": "{shown} of {total} shown",
      "div.controlledBy": "controlled by",
      "div.notBy": "not by",
      "div.reason": "Why it is reported",
      "div.reference": "Wassenaar reference",
      "div.noEntry": "No entry in its lists.",
      "div.diffLegend": "Compared word by word with the reference text: struck through = only in the reference, highlighted = only in this text.",
      "div.diffLegendNational": "Compared word by word with the first text: struck through = only in that text, highlighted = only in this one.",
      "div.thresholds": "Thresholds",
      "div.subEntries": "+{n} sub-entries",
      "div.notes": "Caveats about this comparison",
      "div.csv": "Download the divergences as CSV",
      "div.loadingText": "Loading the full texts…",
      "country.title": "Country page",
      "country.pick": "Country",
      "country.lists": "Lists that apply",
      "country.via": "As a member state of the European Union, it applies the EU list.",
      "country.noList": "No control list of this country is in the graph: its controls cannot be compared (which is not the same as having none).",
      "country.memberships": "Regimes and initiatives",
      "country.noMemberships": "No membership recorded.",
      "country.since": "since {d}",
      "country.until": "until {d}",
      "country.subscriptions": "Codes of conduct",
      "country.against": "Against its regimes",
      "country.regime": "Regime",
      "country.status": "Status",
      "country.coverage": "Coverage",
      "country.reason": "Reason",
      "country.unilateral": "Unilateral controls",
      "country.unilateralCount": "{n} entries with their sub-entries, for example:",
      "country.noUnilateral": "None of its entries is a unilateral control.",
      "country.compare": "Compare with {other}",
      "country.summary": "Summary",
      "rc.compared": "compared",
      "rc.applies-directly": "applies directly",
      "rc.no-regime-list": "no regime list held",
      "rc.no-list-held": "no list held",
      footer: "Official lists aligned entry by entry; every row carries its evidence.",
      "footer.api": "API documentation",
      kinds: {
        agreement: "Agreement",
        "not-implemented": "Not implemented",
        "edition-lag": "Edition lag",
        "scope-differs": "Scope differs",
        unilateral: "Unilateral",
        "not-in-regime-list": "Not in the regime list",
        "other-regime": "Other regime",
      },
      statuses: {
        controls: "controls",
        same: "same scope",
        broader: "broader",
        narrower: "narrower",
        "different-parameters": "other thresholds",
        implemented: "implemented",
        "via-parent": "via the parent entry",
        partial: "partial",
        "not-implemented": "not implemented",
        "not-in-edition-held": "absent from an older edition",
        "no-comparable-list": "no comparable list",
        "no-list-held": "no list held",
        "no-match-found": "no match found by content",
        "not-held-in-copy": "text not held (incomplete copy)",
      },
    },
    fr: {
      skip: "Aller au contenu",
      title: "Harmonia",
      tagline: "Où les contrôles à l'exportation divergent, et pourquoi",
      views: "Vues",
      "nav.compare": "Comparer",
      "nav.country": "Fiche pays",
      language: "Langue",
      "compare.title": "Comparer les contrôles à l'exportation",
      "pick.jurisdictions": "Juridictions à comparer (au moins deux)",
      "pick.add": "Ajouter un pays",
      "pick.choose": "— choisir —",
      "pick.technology": "Technologie (facultatif)",
      "pick.category": "Catégorie (facultatif)",
      "pick.any": "Toutes",
      "pick.compare": "Comparer",
      "error.two": "Choisissez au moins deux juridictions.",
      loading: "Chargement…",
      "loaded": "Comparaison de {names} chargée.",
      summary: "{compared} entrées de Wassenaar comparées : {agreed} contrôlées de la même façon. {total} divergences trouvées.",
      summaryNoRef: "{total} divergences trouvées.",
      "summary.editions": "Éditions comparées",
      "matrix.title": "Couverture de la liste de Wassenaar",
      "matrix.rows": "Lignes",
      "matrix.byCategory": "Catégories",
      "matrix.byTechnology": "Technologies",
      "matrix.caption": "Part des entrées de Wassenaar {edition} que contrôlent les listes de chaque juridiction",
      "matrix.none": "pas de liste comparable",
      "matrix.own": "{n} propres",
      "matrix.legend": "Couleur : part contrôlée, de 90 % ou moins à 100 %. Hachuré : aucune liste de ce type n'est détenue. « propres » : entrées propres de la juridiction dans la ligne, unilatérales comprises. Choisissez une ligne pour filtrer les divergences.",
      "matrix.filter": "Afficher les divergences pour {row}",
      cat: "Catégorie {k}",
      ml: "Munitions {k}",
      "div.title": "Divergences",
      "div.kinds": "Types de divergence",
      "div.allKinds": "Tous les types",
      "div.english": "Les motifs et les textes des entrées sont en anglais, comme dans les listes.",
      "div.none": "Aucune divergence pour ce choix.",
      "div.evidence": "Preuves",
      "div.hideEvidence": "Masquer les preuves",
      "div.more": "Afficher plus",
      "div.shown": "{shown} sur {total} affichées",
      "div.controlledBy": "contrôlé par",
      "div.notBy": "pas par",
      "div.reason": "Pourquoi cette ligne",
      "div.reference": "Référence Wassenaar",
      "div.noEntry": "Aucune entrée dans ses listes.",
      "div.diffLegend": "Comparé mot à mot avec le texte de référence : barré = seulement dans la référence, surligné = seulement dans ce texte.",
      "div.diffLegendNational": "Comparé mot à mot avec le premier texte : barré = seulement dans celui-ci, surligné = seulement dans ce texte.",
      "div.thresholds": "Seuils",
      "div.subEntries": "+{n} sous-entrées",
      "div.notes": "Précautions pour cette comparaison",
      "div.csv": "Télécharger les divergences en CSV",
      "div.loadingText": "Chargement des textes complets…",
      "country.title": "Fiche pays",
      "country.pick": "Pays",
      "country.lists": "Listes applicables",
      "country.via": "En tant qu'État membre de l'Union européenne, il applique la liste de l'UE.",
      "country.noList": "Aucune liste de contrôle de ce pays ne figure dans le graphe : ses contrôles ne peuvent pas être comparés (ce qui ne veut pas dire qu'il n'en a pas).",
      "country.memberships": "Régimes et initiatives",
      "country.noMemberships": "Aucune participation enregistrée.",
      "country.since": "depuis le {d}",
      "country.until": "jusqu'au {d}",
      "country.subscriptions": "Codes de conduite",
      "country.against": "Face à ses régimes",
      "country.regime": "Régime",
      "country.status": "Statut",
      "country.coverage": "Couverture",
      "country.reason": "Motif",
      "country.unilateral": "Contrôles unilatéraux",
      "country.unilateralCount": "{n} entrées avec leurs sous-entrées, par exemple :",
      "country.noUnilateral": "Aucune de ses entrées n'est un contrôle unilatéral.",
      "country.compare": "Comparer avec {other}",
      "country.summary": "En bref",
      "rc.compared": "comparé",
      "rc.applies-directly": "s'applique directement",
      "rc.no-regime-list": "pas de liste du régime",
      "rc.no-list-held": "aucune liste détenue",
      footer: "Listes officielles alignées entrée par entrée ; chaque ligne porte ses preuves.",
      "footer.api": "Documentation de l'API",
      kinds: {
        agreement: "Accord",
        "not-implemented": "Non mis en œuvre",
        "edition-lag": "Retard d'édition",
        "scope-differs": "Portée différente",
        unilateral: "Unilatéral",
        "not-in-regime-list": "Absent de la liste du régime",
        "other-regime": "Autre régime",
      },
      statuses: {
        controls: "contrôle",
        same: "même portée",
        broader: "plus large",
        narrower: "plus étroit",
        "different-parameters": "autres seuils",
        implemented: "mis en œuvre",
        "via-parent": "via l'entrée parente",
        partial: "partiel",
        "not-implemented": "non mis en œuvre",
        "not-in-edition-held": "absent d'une édition plus ancienne",
        "no-comparable-list": "pas de liste comparable",
        "no-list-held": "aucune liste détenue",
        "no-match-found": "aucune correspondance trouvée par le contenu",
        "not-held-in-copy": "texte non détenu (copie incomplète)",
      },
    },
    ar: {
      skip: "انتقل إلى المحتوى",
      title: "هارمونيا",
      tagline: "أين تختلف ضوابط التصدير، ولماذا",
      views: "طرق العرض",
      "nav.compare": "مقارنة",
      "nav.country": "صفحة البلد",
      language: "اللغة",
      "compare.title": "مقارنة ضوابط التصدير",
      "pick.jurisdictions": "الجهات المراد مقارنتها (اثنتان أو أكثر)",
      "pick.add": "إضافة بلد",
      "pick.choose": "— اختر —",
      "pick.technology": "التكنولوجيا (اختياري)",
      "pick.category": "الفئة (اختياري)",
      "pick.any": "الكل",
      "pick.compare": "قارن",
      "error.two": "اختر جهتين على الأقل.",
      loading: "جارٍ التحميل…",
      "loaded": "تم تحميل مقارنة {names}.",
      summary: "تمت مقارنة {compared} بندًا من قائمة واسنار: {agreed} منها خاضعة للرقابة بالطريقة نفسها. وُجد {total} اختلافًا.",
      summaryNoRef: "وُجد {total} اختلافًا.",
      "summary.editions": "الإصدارات المقارنة",
      "matrix.title": "تغطية قائمة واسنار",
      "matrix.rows": "الصفوف",
      "matrix.byCategory": "الفئات",
      "matrix.byTechnology": "التكنولوجيات",
      "matrix.caption": "نسبة بنود قائمة واسنار {edition} التي تخضعها قوائم كل جهة للرقابة",
      "matrix.none": "لا توجد قائمة مماثلة",
      "matrix.own": "{n} خاصة",
      "matrix.legend": "اللون: النسبة الخاضعة للرقابة، من 90٪ أو أقل إلى 100٪. المظلَّل بخطوط: لا توجد قائمة من هذا النوع. «خاصة»: بنود الجهة نفسها في الصف، بما فيها الأحادية. اختر صفًا لتصفية الاختلافات.",
      "matrix.filter": "عرض الاختلافات الخاصة بـ {row}",
      cat: "الفئة {k}",
      ml: "الذخائر {k}",
      "div.title": "الاختلافات",
      "div.kinds": "أنواع الاختلاف",
      "div.allKinds": "جميع الأنواع",
      "div.english": "الأسباب ونصوص البنود باللغة الإنجليزية كما في القوائم.",
      "div.none": "لا يوجد اختلاف لهذا الاختيار.",
      "div.evidence": "الأدلة",
      "div.hideEvidence": "إخفاء الأدلة",
      "div.more": "عرض المزيد",
      "div.shown": "عُرض {shown} من {total}",
      "div.controlledBy": "تخضعه للرقابة",
      "div.notBy": "لا تخضعه",
      "div.reason": "سبب الإدراج",
      "div.reference": "مرجع واسنار",
      "div.noEntry": "لا يوجد بند في قوائمها.",
      "div.diffLegend": "مقارنة كلمة بكلمة مع النص المرجعي: المشطوب موجود في المرجع فقط، والمظلَّل موجود في هذا النص فقط.",
      "div.diffLegendNational": "مقارنة كلمة بكلمة مع النص الأول: المشطوب موجود فيه فقط، والمظلَّل موجود في هذا النص فقط.",
      "div.thresholds": "العتبات",
      "div.subEntries": "+{n} بنود فرعية",
      "div.notes": "تحفظات بشأن هذه المقارنة",
      "div.csv": "تنزيل الاختلافات بصيغة CSV",
      "div.loadingText": "جارٍ تحميل النصوص الكاملة…",
      "country.title": "صفحة البلد",
      "country.pick": "البلد",
      "country.lists": "القوائم المطبَّقة",
      "country.via": "بصفته دولة عضوًا في الاتحاد الأوروبي، يطبّق قائمة الاتحاد.",
      "country.noList": "لا توجد في الرسم البياني قائمة رقابة لهذا البلد: لا يمكن مقارنة ضوابطه (وهذا لا يعني أنه بلا ضوابط).",
      "country.memberships": "الأنظمة والمبادرات",
      "country.noMemberships": "لا توجد عضوية مسجلة.",
      "country.since": "منذ {d}",
      "country.until": "حتى {d}",
      "country.subscriptions": "مدونات السلوك",
      "country.against": "مقارنةً بأنظمته",
      "country.regime": "النظام",
      "country.status": "الحالة",
      "country.coverage": "التغطية",
      "country.reason": "السبب",
      "country.unilateral": "الضوابط الأحادية",
      "country.unilateralCount": "{n} بندًا مع بنودها الفرعية، مثل:",
      "country.noUnilateral": "لا يوجد بين بنوده ضابط أحادي.",
      "country.compare": "قارن مع {other}",
      "country.summary": "ملخص",
      "rc.compared": "تمت المقارنة",
      "rc.applies-directly": "يُطبَّق مباشرة",
      "rc.no-regime-list": "لا توجد قائمة للنظام",
      "rc.no-list-held": "لا توجد قائمة محفوظة",
      footer: "قوائم رسمية مطابقة بندًا ببند؛ ولكل صف أدلته.",
      "footer.api": "توثيق واجهة البرمجة",
      kinds: {
        agreement: "توافق",
        "not-implemented": "غير منفَّذ",
        "edition-lag": "تأخر الإصدار",
        "scope-differs": "نطاق مختلف",
        unilateral: "أحادي",
        "not-in-regime-list": "غير موجود في قائمة النظام",
        "other-regime": "نظام آخر",
      },
      statuses: {
        controls: "يخضعه للرقابة",
        same: "النطاق نفسه",
        broader: "أوسع",
        narrower: "أضيق",
        "different-parameters": "عتبات مختلفة",
        implemented: "منفَّذ",
        "via-parent": "عبر البند الأصلي",
        partial: "جزئي",
        "not-implemented": "غير منفَّذ",
        "not-in-edition-held": "غائب عن إصدار أقدم",
        "no-comparable-list": "لا توجد قائمة مماثلة",
        "no-list-held": "لا توجد قائمة محفوظة",
        "no-match-found": "لم يُعثر على مطابقة في المحتوى",
        "not-held-in-copy": "النص غير متوفر (نسخة ناقصة)",
      },
    },
  };
  const LANGS = ["en", "fr", "ar"];
  const PAGE = 20;
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
    matrix: null,
    country: "",
    request: 0,
    status: null,
    open: new Set(),
  };

  // --- small helpers ------------------------------------------------------------------------

  const $ = (id) => document.getElementById(id);

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
    $("status").textContent = key ? t(key, vars) : "";
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
      if (!$("country-view").hidden && state.country) loadCountry(state.country);
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
    const add = $("add-juris");
    add.replaceChildren(el("option", { value: "", text: t("pick.choose") }));
    const countries = state.options.jurisdictions
      .filter((j) => j.kind === "country" && !shown.includes(j.key))
      .sort((a, b) => nameOf(a.key).localeCompare(nameOf(b.key), state.lang));
    for (const j of countries) add.append(el("option", { value: j.key, text: nameOf(j.key) }));

    const tech = $("technology");
    tech.replaceChildren(el("option", { value: "", text: t("pick.any") }));
    const techs = [...state.options.technologies].sort((a, b) => techName(a.id).localeCompare(techName(b.id), state.lang));
    for (const x of techs) tech.append(el("option", { value: x.id, text: techName(x.id) }));
    tech.value = state.technology;

    const cat = $("category");
    cat.replaceChildren(el("option", { value: "", text: t("pick.any") }));
    for (const c of state.options.categories) cat.append(el("option", { value: c.key, text: categoryName(c.key) }));
    cat.value = state.category;

    const pick = $("country-pick");
    pick.replaceChildren(el("option", { value: "", text: t("pick.choose") }));
    const all = state.options.jurisdictions
      .filter((j) => j.kind === "country")
      .sort((a, b) => nameOf(a.key).localeCompare(nameOf(b.key), state.lang));
    for (const j of all) pick.append(el("option", { value: j.key, text: `${nameOf(j.key)} (${j.key})` }));
    pick.value = state.country;
  }

  function toggle(key, on) {
    state.selected = on ? [...new Set([...state.selected, key])] : state.selected.filter((k) => k !== key);
  }

  // --- routing ------------------------------------------------------------------------------

  function readHash() {
    const hash = decodeURIComponent(location.hash.slice(1));
    if (hash.startsWith("country")) {
      const code = hash.split("/")[1] || "";
      return { view: "country", code };
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

  function showView(view) {
    $("compare-view").hidden = view !== "compare";
    $("country-view").hidden = view !== "country";
    $("nav-compare").toggleAttribute("aria-current", view === "compare");
    $("nav-country").toggleAttribute("aria-current", view === "country");
    if (view === "compare") $("nav-compare").setAttribute("aria-current", "page");
    if (view === "country") $("nav-country").setAttribute("aria-current", "page");
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
    const known = new Set(state.options.jurisdictions.map((j) => j.key));
    const wanted = where.j.filter((k) => known.has(k));
    if (wanted.length >= 2 || !state.report) {
      state.selected = wanted.length >= 2 ? wanted : [...DEFAULT];
      state.extra = state.selected.filter((k) => !withLists().some((j) => j.key === k));
      state.technology = where.tech;
      state.category = where.cat;
      state.kind = where.kind;
      state.by = where.by;
      for (const radio of document.querySelectorAll("input[name=by]")) radio.checked = radio.value === state.by;
      renderPickers();
      await compare();
    }
  }

  // --- comparison ---------------------------------------------------------------------------

  async function compare() {
    $("form-error").textContent = "";
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
      state.open = new Set();
      state.matrix = matrix;
      renderSummary();
      renderMatrix();
      renderKinds();
      renderDivergences();
      setStatus("loaded", { names: state.selected.join(", ") });
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
    };
  }

  function fetchDivergences(offset) {
    return api("/divergences", divergenceParams(offset));
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
      const lists = j.lists.map((l) => `${l.list_id} (${l.edition_date})`).join(", ") || statusLabel("no-list-held");
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
        matrix.jurisdictions.map((j) => el("th", { scope: "col", title: nameOf(j.key), text: j.key })))),
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
    notes.replaceChildren(...report.notes.map((n) => el("li", { lang: "en", text: n })));
    $("notes").hidden = !report.notes.length;
    const link = new URLSearchParams();
    for (const j of state.selected) link.append("jurisdiction", j);
    if (state.technology) link.set("technology", state.technology);
    if (state.category) link.set("category", state.category);
    if (state.kind) link.set("kind", state.kind);
    $("csv-link").href = `/exports/divergences.csv?${link}`;
  }

  function divergenceItem(row, i) {
    const id = `evidence-${i}`;
    const button = el("button", {
      type: "button", class: "secondary evidence-toggle", "aria-expanded": "false", "aria-controls": id,
      text: t("div.evidence"),
    });
    const panel = el("div", { id, class: "evidence", hidden: true, role: "region", "aria-label": `${t("div.evidence")} ${row.code}` });
    button.addEventListener("click", () => toggleEvidence(row, button, panel, i));
    if (state.open.has(i)) queueMicrotask(() => toggleEvidence(row, button, panel, i));
    const who = el("span", { class: "who" });
    if (row.controlled_by.length) {
      who.append(`${t("div.controlledBy")} `, el("span", { class: "yes", text: row.controlled_by.join(", ") }));
    }
    if (row.not_controlled_by.length) {
      who.append(" · ", `${t("div.notBy")} `, el("span", { class: "no", text: row.not_controlled_by.join(", ") }));
    }
    return el("li", { class: "divergence", "data-kind": row.kind, "data-code": row.code },
      el("div", { class: "row-head" },
        el("span", { class: `kind ${row.kind}`, text: kindLabel(row.kind) }),
        el("code", { dir: "ltr", text: row.code }),
        row.sub_entries ? el("span", { class: "who", text: t("div.subEntries", { n: row.sub_entries }) }) : null,
        who, button),
      el("p", { class: "reason", lang: "en", dir: "ltr", text: row.reason }),
      panel);
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

  async function toggleEvidence(row, button, panel, i) {
    const open = button.getAttribute("aria-expanded") === "true";
    if (open) state.open.delete(i);
    else state.open.add(i);
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
      const editions = c.editions.map((e) => `${e.list_id} (${e.edition_date})`).join(", ")
        || (c.reference ? `${c.entries[0].list_id}` : "");
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
        el("p", { class: "meta", dir: "ltr" }, codes ? el("strong", { class: "codes", text: codes }) : null, codes && editions ? " — " : "", editions),
        text,
        c.note ? el("p", { class: "note", lang: "en", dir: "ltr", text: c.note }) : null));
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
          Object.entries(d.values).map(([k, v]) => el("td", { dir: "ltr" }, el("strong", { text: `${k}: ` }), v,
            d.stricter === k ? " ★" : ""))));
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
      $("country-status").textContent = error.message;
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
      lists.append(el("ul", {}, controls.applies.map((e) =>
        el("li", { dir: "ltr" }, el("strong", { class: "codes", text: e.list_id }), ` — ${dateText(e.edition_date)}`))));
      if (controls.via) lists.append(el("p", { text: t("country.via") }));
    }
    const memberships = el("section", { class: "card" }, el("h2", { text: t("country.memberships") }));
    if (!detail.memberships.length) memberships.append(el("p", { text: t("country.noMemberships") }));
    else {
      memberships.append(el("ul", {}, detail.memberships.map((m) => el("li", {},
        el("strong", { text: regimeName(m.regime) }), ` (${m.role})`,
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
          el("td", { lang: "en", dir: "ltr", text: r.reason })));
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
      el("p", { lang: "en", dir: "ltr", text: controls.reason }),
      compareLink,
      el("div", { class: "country-grid" }, lists, memberships, unilateral, against),
    );
  }

  // An EU member state is compared through the EU list; offer the US, or the EU for the US.
  function compareKey(iso2) {
    const j = jurisdiction(iso2);
    return j && j.via === "regime:eu" ? "EU" : iso2;
  }
  function code2(iso2) {
    return iso2 === "US" ? "EU" : "US";
  }

  // --- start --------------------------------------------------------------------------------

  async function start() {
    applyLanguage();
    $("lang").addEventListener("change", (event) => {
      state.lang = event.target.value;
      localStorage.setItem("harmonia.lang", state.lang);
      applyLanguage();
    });
    $("compare-form").addEventListener("submit", (event) => {
      event.preventDefault();
      state.technology = $("technology").value;
      state.category = $("category").value;
      state.kind = "";
      compare();
    });
    $("add-juris").addEventListener("change", (event) => {
      const key = event.target.value;
      if (!key) return;
      state.extra = [...new Set([...state.extra, key])];
      toggle(key, true);
      renderPickers();
      document.getElementById(`j-${key}`)?.focus();
    });
    for (const radio of document.querySelectorAll("input[name=by]")) {
      radio.addEventListener("change", async () => {
        state.by = radio.value;
        writeHash();
        state.matrix = await api("/dashboard/matrix", { jurisdiction: state.selected, by: state.by });
        renderMatrix();
      });
    }
    $("more").addEventListener("click", more);
    $("country-pick").addEventListener("change", (event) => {
      if (event.target.value) loadCountry(event.target.value);
    });
    window.addEventListener("hashchange", route);
    setStatus("loading");
    try {
      const [options, regimes] = await Promise.all([api("/dashboard/options"), api("/regimes", { limit: 500 })]);
      state.options = options;
      for (const r of regimes.items) state.regimes[r.id] = r;
      renderPickers();
      await route();
    } catch (error) {
      setStatus(null);
      $("form-error").textContent = error.message;
    }
  }

  start();
})();
