// Harmonia dashboard: plain JavaScript, no build step, no third-party code. It reads the API
// it is served by (/dashboard/options, /dashboard/matrix, /divergences, /entries/{id},
// /countries/{code}, /coverage/countries/{code}, /documents/{id}/controls, /changes,
// /entries/{id}/timeline) and builds the DOM
// with textContent only, so texts from the lists and documents can never inject markup.
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
  // Strings of the search box and of the views added with it (gaps, codes of conduct, party
  // lists, entries), merged into I18N below.
  const MORE = {
    en: {
      "nav.lacks": "Wassenaar gaps",
      "nav.codes": "Codes of conduct",
      "nav.parties": "Party lists",
      "search.label": "Search codes, words or parties",
      "search.placeholder": "5A002, 8A502, encryption, NSO Group…",
      "search.go": "Search",
      "search.title": "Search",
      "search.for": "Results for “{q}”",
      "search.entries": "Control entries ({n})",
      "search.parties": "Listed parties ({n})",
      "search.noEntries": "No control entry found.",
      "search.noParties": "No listed party found under this name.",
      "search.read": "Read as",
      "search.more": "{n} more entries: refine the query, or open one entry.",
      "party.listedBy": "Listed by {who} on: {lists}",
      "party.alsoBy": "Also listed by {who} as “{name}” (name score {score})",
      "party.maybeBy": "Possibly listed by {who} as “{name}” (name score {score}, to review)",
      "party.noneElse": "No other issuer whose party lists are held lists it.",
      "party.matched": "Name matched: “{name}”, score {score}",
      "party.since": "since {d}",
      "entry.title": "Control entry",
      "entry.official": "Official text of the list",
      "entry.editionOf": "Edition of {d}",
      "entry.implements": "Regime entries it implements",
      "entry.implementedBy": "National entries implementing it",
      "entry.technologies": "Technologies",
      "entry.children": "Sub-entries",
      "entry.notes": "Notes",
      "entry.unknown": "No entry “{id}” in the graph: the address names an entry that does not exist.",
      "lacks.title": "Wassenaar entries a country lacks",
      "lacks.summary": "{country} lacks {n} entries of {ref}, with {sub} sub-entries: its list has no counterpart for them.",
      "lacks.none": "{country} lacks no entry of {ref}.",
      "lacks.lists": "Its list compared: {lists}.",
      "lacks.noList": "No control list of {country} is in the graph: what it lacks cannot be told (which does not mean it lacks nothing).",
      "lacks.csv": "Download these entries as CSV",
      "lacks.code": "Wassenaar entry",
      "lacks.kind": "Why",
      "lacks.text": "Text (English, as in the list)",
      "lacks.sub": "sub-entries",
      "codes.title": "Codes of conduct: who lacks what",
      "codes.summary": "{subscribers} subscribers, {n} technologies.",
      "codes.lack": "{gap} subscriber–technology pairs with no control in the lists held; {unknown} where no list (or no dual-use list) is held, so nothing can be told; {controlled} controlled.",
      "codes.lackTech": "{tech}: {gap} subscribers with no control in the lists held, {unknown} with no list held, {controlled} controlling it.",
      "codes.subscriber": "Subscriber",
      "codes.evidence": "Entries that control it",
      codeStatus: {
        controlled: "controls it",
        gap: "no control",
        "no-list-held": "no list held",
        "no-dual-use-list-held": "no dual-use list held",
      },
      "parties.title": "Party lists: who lists whom",
      "parties.first": "Issuer",
      "parties.second": "Compared with",
      "parties.verdict": "Verdict",
      "parties.summary": "{a} lists {total} parties: {both} also listed by {b}, {review} possible matches to review, {only} listed only by {a}.",
      "parties.party": "Party",
      "parties.candidate": "Closest name on the other lists",
      "parties.score": "Score",
      "parties.lists": "Party lists compared",
      "parties.same": "Choose two different issuers.",
      verdicts: { both: "listed by both", review: "possible match", only: "only this issuer" },
      "error.unknownJ": "The address names jurisdictions the graph does not hold: {keys}. The default comparison is shown instead.",
      "error.unknownTech": "The address names a technology the graph does not hold: {id}. No technology filter is applied.",
      "error.unknownCat": "The address names a category the reference list does not have: {id}. No category filter is applied.",
      "error.unknownCountry": "No country “{code}” in the graph.",
      "error.unknownKind": "The address names an unknown kind of divergence: {id}.",
      "loadedNames": "Comparison of {names} loaded.",
      "country.applies": "{country} applies {lists}.",
      "row.scopes": "Scope against the reference: {list}.",
      roles: {
        "participating state": "participating state", "member state": "member state", partner: "partner",
        "participating government": "participating government", participant: "participant", party: "party",
        "founding partner": "founding partner", "supporting state": "supporting state",
      },
      "rc.sentence": "Its lists control {controlled} of the {comparable} entries of {ref} they can hold; {missing} are not implemented.",
      "rc.noMatch": "For {n} entries of {ref} no entry with the same content was found, which is not proof that they are not controlled (the annex's numbers do not map to national codes).",
      "rc.noRegimeList": "No {regime} list is in the graph; its lists hold {n} entries whose numbering says they come from {regime}.",
      "rc.appliesDirectly": "It applies the {regime} list itself.",
    },
    fr: {
      "nav.lacks": "Lacunes Wassenaar",
      "nav.codes": "Codes de conduite",
      "nav.parties": "Listes de parties",
      "search.label": "Chercher un code, des mots ou une partie",
      "search.placeholder": "5A002, 8A502, chiffrement, NSO Group…",
      "search.go": "Chercher",
      "search.title": "Recherche",
      "search.for": "Résultats pour « {q} »",
      "search.entries": "Entrées de contrôle ({n})",
      "search.parties": "Parties inscrites ({n})",
      "search.noEntries": "Aucune entrée de contrôle trouvée.",
      "search.noParties": "Aucune partie inscrite sous ce nom.",
      "search.read": "Lu comme",
      "search.more": "{n} entrées de plus : précisez la recherche, ou ouvrez une entrée.",
      "party.listedBy": "Inscrite par {who} sur : {lists}",
      "party.alsoBy": "Aussi inscrite par {who} sous « {name} » (score du nom {score})",
      "party.maybeBy": "Peut-être inscrite par {who} sous « {name} » (score du nom {score}, à vérifier)",
      "party.noneElse": "Aucun autre émetteur dont les listes sont détenues ne l'inscrit.",
      "party.matched": "Nom retrouvé : « {name} », score {score}",
      "party.since": "depuis le {d}",
      "entry.title": "Entrée de contrôle",
      "entry.official": "Texte officiel de la liste",
      "entry.editionOf": "Édition du {d}",
      "entry.implements": "Entrées de régime qu'elle met en œuvre",
      "entry.implementedBy": "Entrées nationales qui la mettent en œuvre",
      "entry.technologies": "Technologies",
      "entry.children": "Sous-entrées",
      "entry.notes": "Notes",
      "entry.unknown": "Aucune entrée « {id} » dans le graphe : l'adresse désigne une entrée qui n'existe pas.",
      "lacks.title": "Entrées de Wassenaar absentes chez un pays",
      "lacks.summary": "Il manque à {country} {n} entrées de {ref}, avec {sub} sous-entrées : sa liste n'en a pas d'équivalent.",
      "lacks.none": "Il ne manque à {country} aucune entrée de {ref}.",
      "lacks.lists": "Sa liste comparée : {lists}.",
      "lacks.noList": "Aucune liste de contrôle de {country} ne figure dans le graphe : on ne peut pas dire ce qui lui manque (ce qui ne veut pas dire qu'il ne lui manque rien).",
      "lacks.csv": "Télécharger ces entrées en CSV",
      "lacks.code": "Entrée de Wassenaar",
      "lacks.kind": "Motif",
      "lacks.text": "Texte (en anglais, comme dans la liste)",
      "lacks.sub": "sous-entrées",
      "codes.title": "Codes de conduite : qui manque de quoi",
      "codes.summary": "{subscribers} signataires, {n} technologies.",
      "codes.lack": "{gap} couples signataire–technologie sans contrôle dans les listes détenues ; {unknown} où aucune liste (ou aucune liste de biens à double usage) n'est détenue, on ne peut rien dire ; {controlled} contrôlés.",
      "codes.lackTech": "{tech} : {gap} signataires sans contrôle dans les listes détenues, {unknown} sans liste détenue, {controlled} qui la contrôlent.",
      "codes.subscriber": "Signataire",
      "codes.evidence": "Entrées qui la contrôlent",
      codeStatus: {
        controlled: "la contrôle",
        gap: "aucun contrôle",
        "no-list-held": "aucune liste détenue",
        "no-dual-use-list-held": "aucune liste double usage détenue",
      },
      "parties.title": "Listes de parties : qui inscrit qui",
      "parties.first": "Émetteur",
      "parties.second": "Comparé avec",
      "parties.verdict": "Verdict",
      "parties.summary": "{a} inscrit {total} parties : {both} aussi inscrites par {b}, {review} correspondances possibles à vérifier, {only} inscrites seulement par {a}.",
      "parties.party": "Partie",
      "parties.candidate": "Nom le plus proche sur les autres listes",
      "parties.score": "Score",
      "parties.lists": "Listes de parties comparées",
      "parties.same": "Choisissez deux émetteurs différents.",
      verdicts: { both: "inscrite par les deux", review: "correspondance possible", only: "cet émetteur seulement" },
      "error.unknownJ": "L'adresse désigne des juridictions absentes du graphe : {keys}. La comparaison par défaut est affichée à la place.",
      "error.unknownTech": "L'adresse désigne une technologie absente du graphe : {id}. Aucun filtre de technologie n'est appliqué.",
      "error.unknownCat": "L'adresse désigne une catégorie absente de la liste de référence : {id}. Aucun filtre de catégorie n'est appliqué.",
      "error.unknownCountry": "Aucun pays « {code} » dans le graphe.",
      "error.unknownKind": "L'adresse désigne un type de divergence inconnu : {id}.",
      "loadedNames": "Comparaison de {names} chargée.",
      "country.applies": "{country} applique {lists}.",
      "row.scopes": "Portée par rapport à la référence : {list}.",
      roles: {
        "participating state": "État participant", "member state": "État membre", partner: "partenaire",
        "participating government": "gouvernement participant", participant: "participant", party: "partie",
        "founding partner": "partenaire fondateur", "supporting state": "État soutien",
      },
      "rc.sentence": "Ses listes contrôlent {controlled} des {comparable} entrées de {ref} qu'elles peuvent contenir ; {missing} ne sont pas mises en œuvre.",
      "rc.noMatch": "Pour {n} entrées de {ref}, aucune entrée au contenu identique n'a été trouvée, ce qui ne prouve pas qu'elles ne sont pas contrôlées (les numéros de l'annexe ne correspondent pas aux codes nationaux).",
      "rc.noRegimeList": "Aucune liste du {regime} ne figure dans le graphe ; ses listes contiennent {n} entrées dont la numérotation indique qu'elles viennent du {regime}.",
      "rc.appliesDirectly": "Il applique lui-même la liste du {regime}.",
    },
    ar: {
      "nav.lacks": "ثغرات واسنار",
      "nav.codes": "مدونات السلوك",
      "nav.parties": "قوائم الأطراف",
      "search.label": "ابحث عن رمز أو كلمات أو طرف",
      "search.placeholder": "5A002، 8A502، تشفير، NSO Group…",
      "search.go": "بحث",
      "search.title": "البحث",
      "search.for": "نتائج «{q}»",
      "search.entries": "بنود الرقابة ({n})",
      "search.parties": "الأطراف المدرجة ({n})",
      "search.noEntries": "لم يُعثر على أي بند رقابة.",
      "search.noParties": "لا يوجد طرف مدرج بهذا الاسم.",
      "search.read": "فُهم على أنه",
      "search.more": "{n} بنود أخرى: دقّق البحث أو افتح بندًا.",
      "party.listedBy": "أدرجته {who} في: {lists}",
      "party.alsoBy": "أدرجته أيضًا {who} باسم «{name}» (درجة تطابق الاسم {score})",
      "party.maybeBy": "ربما أدرجته {who} باسم «{name}» (درجة تطابق الاسم {score}، يحتاج إلى مراجعة)",
      "party.noneElse": "لا تدرجه أي جهة أخرى من الجهات التي تُحفظ قوائم أطرافها.",
      "party.matched": "الاسم المطابق: «{name}»، الدرجة {score}",
      "party.since": "منذ {d}",
      "entry.title": "بند رقابة",
      "entry.official": "النص الرسمي للقائمة",
      "entry.editionOf": "إصدار {d}",
      "entry.implements": "بنود الأنظمة التي ينفذها",
      "entry.implementedBy": "البنود الوطنية التي تنفذه",
      "entry.technologies": "التقنيات",
      "entry.children": "البنود الفرعية",
      "entry.notes": "ملاحظات",
      "entry.unknown": "لا يوجد بند «{id}» في الرسم البياني: العنوان يشير إلى بند غير موجود.",
      "lacks.title": "بنود واسنار التي تفتقر إليها دولة",
      "lacks.summary": "تفتقر {country} إلى {n} من بنود {ref}، ومعها {sub} بنود فرعية: لا مقابل لها في قائمتها.",
      "lacks.none": "لا تفتقر {country} إلى أي بند من بنود {ref}.",
      "lacks.lists": "قائمتها المقارنة: {lists}.",
      "lacks.noList": "لا توجد في الرسم البياني أي قائمة رقابة لـ{country}: لا يمكن معرفة ما تفتقر إليه (وهذا لا يعني أنها لا تفتقر إلى شيء).",
      "lacks.csv": "تنزيل هذه البنود بصيغة CSV",
      "lacks.code": "بند واسنار",
      "lacks.kind": "السبب",
      "lacks.text": "النص (بالإنجليزية كما في القائمة)",
      "lacks.sub": "بنود فرعية",
      "codes.title": "مدونات السلوك: من يفتقر إلى ماذا",
      "codes.summary": "{subscribers} دولة منضمة، {n} تقنيات.",
      "codes.lack": "{gap} من أزواج الدولة والتقنية بلا رقابة في القوائم المحفوظة؛ و{unknown} لا تُحفظ لها قائمة (أو قائمة للسلع ذات الاستخدام المزدوج) فلا يمكن الحكم؛ و{controlled} خاضعة للرقابة.",
      "codes.lackTech": "{tech}: {gap} دول منضمة بلا رقابة في القوائم المحفوظة، و{unknown} بلا قائمة محفوظة، و{controlled} تخضعها للرقابة.",
      "codes.subscriber": "الدولة المنضمة",
      "codes.evidence": "البنود التي تخضعها للرقابة",
      codeStatus: {
        controlled: "تخضعها للرقابة",
        gap: "لا رقابة",
        "no-list-held": "لا توجد قائمة محفوظة",
        "no-dual-use-list-held": "لا توجد قائمة محفوظة للسلع ذات الاستخدام المزدوج",
      },
      "parties.title": "قوائم الأطراف: من يدرج من",
      "parties.first": "الجهة المُصدِرة",
      "parties.second": "مقارنة مع",
      "parties.verdict": "الحكم",
      "parties.summary": "تدرج {a} {total} طرفًا: {both} تدرجها أيضًا {b}، و{review} تطابقات محتملة للمراجعة، و{only} تدرجها {a} وحدها.",
      "parties.party": "الطرف",
      "parties.candidate": "أقرب اسم في القوائم الأخرى",
      "parties.score": "الدرجة",
      "parties.lists": "قوائم الأطراف المقارنة",
      "parties.same": "اختر جهتين مختلفتين.",
      verdicts: { both: "مدرج لدى الجهتين", review: "تطابق محتمل", only: "هذه الجهة وحدها" },
      "error.unknownJ": "يشير العنوان إلى ولايات قضائية غير موجودة في الرسم البياني: {keys}. تُعرض المقارنة الافتراضية بدلًا منها.",
      "error.unknownTech": "يشير العنوان إلى تقنية غير موجودة في الرسم البياني: {id}. لم يُطبَّق أي تصفية حسب التقنية.",
      "error.unknownCat": "يشير العنوان إلى فئة غير موجودة في القائمة المرجعية: {id}. لم يُطبَّق أي تصفية حسب الفئة.",
      "error.unknownCountry": "لا توجد دولة «{code}» في الرسم البياني.",
      "error.unknownKind": "يشير العنوان إلى نوع اختلاف غير معروف: {id}.",
      "loadedNames": "تم تحميل مقارنة {names}.",
      "country.applies": "تطبّق {country} {lists}.",
      "row.scopes": "النطاق مقارنةً بالمرجع: {list}.",
      roles: {
        "participating state": "دولة مشاركة", "member state": "دولة عضو", partner: "شريك",
        "participating government": "حكومة مشاركة", participant: "مشارك", party: "طرف",
        "founding partner": "شريك مؤسس", "supporting state": "دولة داعمة",
      },
      "rc.sentence": "تخضع قوائمها للرقابة {controlled} من أصل {comparable} من بنود {ref} التي يمكن أن تتضمنها؛ و{missing} غير منفَّذة.",
      "rc.noMatch": "لم يُعثر لـ{n} من بنود {ref} على بند بالمحتوى نفسه، وهذا ليس دليلًا على أنها غير خاضعة للرقابة (أرقام الملحق لا تقابل الرموز الوطنية).",
      "rc.noRegimeList": "لا توجد قائمة لـ{regime} في الرسم البياني؛ وتضم قوائمها {n} بندًا يدل ترقيمها على أنها مأخوذة من {regime}.",
      "rc.appliesDirectly": "تطبّق قائمة {regime} نفسها.",
    },
  };
  for (const lang of Object.keys(MORE)) Object.assign(I18N[lang], MORE[lang]);
  // Strings of the Brief view, merged into I18N below.
  const BRIEF = {
    en: {
      "nav.brief": "Brief",
      "brief.title": "Harmonisation brief",
      "brief.kind": "Kind of brief",
      briefKinds: { state: "A state against a reference", pair: "Two jurisdictions side by side", group: "The subscribers of a code of conduct" },
      "brief.jurisdiction": "Jurisdiction",
      "brief.against": "Reference",
      "brief.second": "Compared with",
      "brief.code": "Code of conduct",
      "brief.make": "Make the brief",
      "brief.regimes": "Regimes",
      "brief.states": "States (a pair brief)",
      "brief.subscribersOf": "{name} subscribers",
      "brief.headState": "{j} against {ref}",
      "brief.headPair": "{a} and {b}",
      "brief.refEdition": "Reference list: {list}, edition of {d}.",
      "brief.day": "Made on {d}; ages count to that day.",
      "brief.forms": "The same brief as:",
      "brief.markdown": "Markdown",
      "brief.page": "printable page",
      "brief.pdf": "PDF",
      "brief.standing": "Standing",
      "brief.convergence": "Convergence index",
      "brief.convergenceSentence": "{same} of the {comparable} reference entries that can be compared are controlled with the same scope ({controlled} are controlled in some way, {absent} are absent); {unknown} cannot be compared (no list of their kind is held, the copy held lacks them, or no match was found by content).",
      "brief.noIndex": "No reference entry can be compared: there is no index.",
      "brief.trend": "Over the editions held",
      "brief.lists": "Lists held",
      "brief.age": "{d}, {n} days old",
      "brief.current": "newest held",
      "brief.categories": "Coverage of the reference per category",
      "brief.noneHere": "Nothing in this part.",
      briefParts: {
        to_adopt: "To adopt",
        to_align: "To align",
        to_update: "To update",
      },
      briefHints: {
        to_adopt: "Reference entries its lists do not implement: Very Sensitive first, then Sensitive, then by code.",
        to_align: "Reference entries it controls with another scope or other thresholds.",
        to_update: "Reference entries its lists lack because they predate the reference edition that added them.",
      },
      "brief.stricter": "Where {a} is stricter",
      "brief.only": "What {a} controls and {b} does not",
      "brief.undecided": "Other scope, no side stricter throughout",
      "brief.pairCounts": "Divergence rows between them",
      "brief.lacking": "Without a control ({n})",
      "brief.controlled": "Controlling it ({n})",
      "brief.notHeld": "Lists not held: unknown, not a gap ({n})",
      "brief.unknown": "The address names “{id}”, which the graph does not hold.",
      "brief.unknownKind": "The address names an unknown kind of brief: “{id}”. A state against a reference is shown.",
      "brief.loaded": "Brief loaded.",
      "brief.notAReference": "A brief is not measured against {name}: {other} is used instead.",
      "brief.codes": "Technologies of the codes of conduct it subscribes to",
      "brief.codesHint": "The technologies each code of conduct addresses that no entry of its lists is tagged for (the code's commitment gaps for it).",
      "brief.codesNone": "{j} subscribes to no code of conduct held in the graph.",
      "brief.codeChecked": "{total} of the {n} technologies it addresses are not covered by {lists}.",
      "brief.codeNotHeld": "No control list of {j} is held: whether it covers the {n} technologies the code addresses cannot be checked (not held, not a gap).",
      "brief.commitmentsN": "commitments {n}",
      "brief.regimeHas": "the Wassenaar list has an entry for it: a gap in its implementation",
      "brief.regimeNone": "the Wassenaar list has no such entry either: a gap common to the regime's lists",
      "brief.shared": "Shared beyond the regimes",
      "brief.sharedHint": "Controls outside the regimes (unilateral, or numbered like Wassenaar but absent from its list) that at least two of its partners hold and it does not. Partners compared: {partners}.",
      "brief.sharedCounts": "Absent from its lists: {absent} · not comparable (its lists number these otherwise): {nc} · lists not held: {nh}",
      "brief.heldBy": "held by {partners}",
      "brief.parties": "Commitments and parties",
      "brief.codesSummary": "Codes of conduct: {codes}",
      "brief.codeSummary": "{title}, {n} technologies not covered (see To adopt)",
      "brief.codeSummaryNotHeld": "{title}, not held",
      "brief.codeOutside": "it addresses none of the technologies asked for.",
      "brief.codeSummaryOutside": "{title}, none of the technologies asked for",
      "brief.partiesNotHeld": "No party list of {j} is held: whether it lists the parties its partners list cannot be checked (not held).",
      "brief.partiesNone": "No partner's party list is held.",
      "brief.partiesPartner": "Parties {p} lists and {j} does not ({lists}): {only} listed by {p} only, {review} possible matches to review, {both} listed by both (matched by name).",
      briefShared: { "absent": "absent", "not-held": "not held", "not-comparable": "not comparable (another numbering)" },
      briefMatched: { "alignment": "the same control by an alignment edge", "annex": "the same entry of another regime's list", "code": "the same code in the same numbering" },
    },
    fr: {
      "nav.brief": "Note",
      "brief.title": "Note d'harmonisation",
      "brief.kind": "Type de note",
      briefKinds: { state: "Un État face à une référence", pair: "Deux juridictions côte à côte", group: "Les signataires d'un code de conduite" },
      "brief.jurisdiction": "Juridiction",
      "brief.against": "Référence",
      "brief.second": "Comparée avec",
      "brief.code": "Code de conduite",
      "brief.make": "Établir la note",
      "brief.regimes": "Régimes",
      "brief.states": "États (note par paire)",
      "brief.subscribersOf": "Signataires : {name}",
      "brief.headState": "{j} face à {ref}",
      "brief.headPair": "{a} et {b}",
      "brief.refEdition": "Liste de référence : {list}, édition du {d}.",
      "brief.day": "Établie le {d} ; les âges sont comptés jusqu'à ce jour.",
      "brief.forms": "La même note en :",
      "brief.markdown": "Markdown",
      "brief.page": "page à imprimer",
      "brief.pdf": "PDF",
      "brief.standing": "Situation",
      "brief.convergence": "Indice de convergence",
      "brief.convergenceSentence": "{same} des {comparable} entrées de la référence qui peuvent être comparées sont contrôlées avec la même portée ({controlled} sont contrôlées d'une façon ou d'une autre, {absent} sont absentes) ; {unknown} ne peuvent pas être comparées (aucune liste de ce type n'est détenue, la copie détenue ne les contient pas, ou aucune correspondance n'a été trouvée par le contenu).",
      "brief.noIndex": "Aucune entrée de la référence ne peut être comparée : pas d'indice.",
      "brief.trend": "Sur les éditions détenues",
      "brief.lists": "Listes détenues",
      "brief.age": "{d}, il y a {n} jours",
      "brief.current": "la plus récente détenue",
      "brief.categories": "Couverture de la référence par catégorie",
      "brief.noneHere": "Rien dans cette partie.",
      briefParts: {
        to_adopt: "À adopter",
        to_align: "À aligner",
        to_update: "À mettre à jour",
      },
      briefHints: {
        to_adopt: "Entrées de la référence que ses listes ne mettent pas en œuvre : Très sensibles d'abord, puis Sensibles, puis par code.",
        to_align: "Entrées de la référence qu'elle contrôle avec une autre portée ou d'autres seuils.",
        to_update: "Entrées de la référence absentes de ses listes parce que celles-ci sont antérieures à l'édition qui les a ajoutées.",
      },
      "brief.stricter": "Là où {a} est plus strict",
      "brief.only": "Ce que {a} contrôle et {b} non",
      "brief.undecided": "Autre portée, aucun côté plus strict partout",
      "brief.pairCounts": "Lignes de divergence entre les deux",
      "brief.lacking": "Sans contrôle ({n})",
      "brief.controlled": "Qui la contrôlent ({n})",
      "brief.notHeld": "Listes non détenues : inconnu, pas une lacune ({n})",
      "brief.unknown": "L'adresse désigne « {id} », que le graphe ne contient pas.",
      "brief.unknownKind": "L'adresse désigne un type de note inconnu : « {id} ». Un État face à une référence est affiché.",
      "brief.loaded": "Note chargée.",
      "brief.notAReference": "Une note ne se mesure pas face à {name} : {other} est utilisé à la place.",
      "brief.codes": "Technologies des codes de conduite auxquels il souscrit",
      "brief.codesHint": "Les technologies visées par chaque code de conduite qu'aucune entrée de ses listes ne couvre (les lacunes d'engagement du code pour lui).",
      "brief.codesNone": "{j} ne souscrit à aucun code de conduite détenu dans le graphe.",
      "brief.codeChecked": "{total} des {n} technologies qu'il vise ne sont pas couvertes par {lists}.",
      "brief.codeNotHeld": "Aucune liste de contrôle de {j} n'est détenue : on ne peut pas vérifier s'il couvre les {n} technologies visées par le code (non détenue, pas une lacune).",
      "brief.commitmentsN": "engagements {n}",
      "brief.regimeHas": "la liste de Wassenaar a une entrée pour elle : une lacune de sa mise en œuvre",
      "brief.regimeNone": "la liste de Wassenaar n'a pas non plus d'entrée de ce type : une lacune commune aux listes du régime",
      "brief.shared": "Partagé au-delà des régimes",
      "brief.sharedHint": "Contrôles hors des régimes (unilatéraux, ou numérotés comme Wassenaar mais absents de sa liste) qu'au moins deux de ses partenaires détiennent et lui non. Partenaires comparés : {partners}.",
      "brief.sharedCounts": "Absents de ses listes : {absent} · non comparables (ses listes les numérotent autrement) : {nc} · listes non détenues : {nh}",
      "brief.heldBy": "détenu par {partners}",
      "brief.parties": "Engagements et parties",
      "brief.codesSummary": "Codes de conduite : {codes}",
      "brief.codeSummary": "{title}, {n} technologies non couvertes (voir À adopter)",
      "brief.codeSummaryNotHeld": "{title}, non détenu",
      "brief.codeOutside": "il ne vise aucune des technologies demandées.",
      "brief.codeSummaryOutside": "{title}, aucune des technologies demandées",
      "brief.partiesNotHeld": "Aucune liste de parties de {j} n'est détenue : on ne peut pas vérifier s'il inscrit les parties que ses partenaires inscrivent (non détenue).",
      "brief.partiesNone": "Aucune liste de parties d'un partenaire n'est détenue.",
      "brief.partiesPartner": "Parties que {p} inscrit et {j} non ({lists}) : {only} inscrites par {p} seulement, {review} correspondances possibles à examiner, {both} inscrites par les deux (rapprochées par le nom).",
      briefShared: { "absent": "absent", "not-held": "non détenu", "not-comparable": "non comparable (autre numérotation)" },
      briefMatched: { "alignment": "le même contrôle selon un lien d'alignement", "annex": "la même entrée de la liste d'un autre régime", "code": "le même code dans la même numérotation" },
    },
    ar: {
      "nav.brief": "الموجز",
      "brief.title": "موجز المواءمة",
      "brief.kind": "نوع الموجز",
      briefKinds: { state: "دولة مقارنةً بمرجع", pair: "جهتان جنبًا إلى جنب", group: "الدول المنضمة إلى مدونة سلوك" },
      "brief.jurisdiction": "الجهة",
      "brief.against": "المرجع",
      "brief.second": "مقارنة مع",
      "brief.code": "مدونة السلوك",
      "brief.make": "إعداد الموجز",
      "brief.regimes": "الأنظمة",
      "brief.states": "الدول (موجز ثنائي)",
      "brief.subscribersOf": "الدول المنضمة إلى {name}",
      "brief.headState": "{j} مقارنةً بـ{ref}",
      "brief.headPair": "{a} و{b}",
      "brief.refEdition": "القائمة المرجعية: {list}، إصدار {d}.",
      "brief.day": "أُعدّ في {d}؛ وتُحسب الأعمار حتى ذلك اليوم.",
      "brief.forms": "الموجز نفسه بصيغة:",
      "brief.markdown": "Markdown",
      "brief.page": "صفحة للطباعة",
      "brief.pdf": "PDF",
      "brief.standing": "الوضع الراهن",
      "brief.convergence": "مؤشر التقارب",
      "brief.convergenceSentence": "{same} من أصل {comparable} من البنود المرجعية القابلة للمقارنة خاضعة للرقابة بالنطاق نفسه ({controlled} خاضعة للرقابة بشكل ما، و{absent} غائبة)؛ و{unknown} لا يمكن مقارنتها (لا تُحفظ قائمة من نوعها، أو تنقصها النسخة المحفوظة، أو لم يُعثر على مطابقة في المحتوى).",
      "brief.noIndex": "لا يمكن مقارنة أي بند مرجعي: لا يوجد مؤشر.",
      "brief.trend": "عبر الإصدارات المحفوظة",
      "brief.lists": "القوائم المحفوظة",
      "brief.age": "{d}، منذ {n} يومًا",
      "brief.current": "الأحدث المحفوظ",
      "brief.categories": "تغطية المرجع حسب الفئة",
      "brief.noneHere": "لا شيء في هذا الجزء.",
      briefParts: {
        to_adopt: "للاعتماد",
        to_align: "للمواءمة",
        to_update: "للتحديث",
      },
      briefHints: {
        to_adopt: "بنود المرجع التي لا تنفذها قوائمها: الحساسة جدًا أولًا، ثم الحساسة، ثم حسب الرمز.",
        to_align: "بنود المرجع التي تخضعها للرقابة بنطاق آخر أو بعتبات أخرى.",
        to_update: "بنود المرجع الغائبة عن قوائمها لأنها أقدم من إصدار المرجع الذي أضافها.",
      },
      "brief.stricter": "حيث تكون {a} أشد صرامة",
      "brief.only": "ما تخضعه {a} للرقابة ولا تخضعه {b}",
      "brief.undecided": "نطاق مختلف دون أن يكون أي طرف أشد صرامة في كل العتبات",
      "brief.pairCounts": "صفوف الاختلاف بينهما",
      "brief.lacking": "بلا رقابة ({n})",
      "brief.controlled": "تخضعها للرقابة ({n})",
      "brief.notHeld": "قوائم غير محفوظة: غير معروف، وليس ثغرة ({n})",
      "brief.unknown": "يشير العنوان إلى «{id}»، وهو غير موجود في الرسم البياني.",
      "brief.unknownKind": "يشير العنوان إلى نوع موجز غير معروف: «{id}». يُعرض موجز دولة مقارنةً بمرجع.",
      "brief.loaded": "تم تحميل الموجز.",
      "brief.notAReference": "لا يُقاس الموجز مقارنةً بـ{name}: يُستخدم {other} بدلًا منه.",
      "brief.codes": "تقنيات مدونات السلوك التي انضم إليها",
      "brief.codesHint": "التقنيات التي تتناولها كل مدونة سلوك ولا يغطيها أي بند من قوائمه (ثغرات الالتزام في المدونة بالنسبة إليه).",
      "brief.codesNone": "{j} لم تنضم إلى أي مدونة سلوك محفوظة في الرسم البياني.",
      "brief.codeChecked": "{total} من أصل {n} من التقنيات التي تتناولها لا تغطيها {lists}.",
      "brief.codeNotHeld": "لا توجد قائمة رقابة محفوظة لـ{j}: لا يمكن التحقق من تغطيتها للتقنيات الـ{n} التي تتناولها المدونة (غير محفوظة، وليست ثغرة).",
      "brief.commitmentsN": "الالتزامات {n}",
      "brief.regimeHas": "في قائمة واسنار بند لها: ثغرة في تنفيذها",
      "brief.regimeNone": "لا يوجد بند كهذا في قائمة واسنار أيضًا: ثغرة مشتركة بين قوائم النظام",
      "brief.shared": "ما يتجاوز الأنظمة ويتشاركه الشركاء",
      "brief.sharedHint": "ضوابط خارج الأنظمة (أحادية، أو مرقَّمة مثل واسنار لكنها غائبة عن قائمتها) يعتمدها اثنان على الأقل من شركائه ولا يعتمدها هو. الشركاء المقارَنون: {partners}.",
      "brief.sharedCounts": "غائبة عن قوائمه: {absent} · غير قابلة للمقارنة (ترقّمها قوائمه بطريقة أخرى): {nc} · قوائم غير محفوظة: {nh}",
      "brief.heldBy": "تعتمده {partners}",
      "brief.parties": "الالتزامات والأطراف",
      "brief.codesSummary": "مدونات السلوك: {codes}",
      "brief.codeSummary": "{title}، {n} من التقنيات غير مغطاة (انظر للاعتماد)",
      "brief.codeSummaryNotHeld": "{title}، غير محفوظة",
      "brief.codeOutside": "لا تتناول أيًا من التقنيات المطلوبة.",
      "brief.codeSummaryOutside": "{title}، لا شيء من التقنيات المطلوبة",
      "brief.partiesNotHeld": "لا توجد قائمة أطراف محفوظة لـ{j}: لا يمكن التحقق مما إذا كانت تدرج الأطراف التي يدرجها شركاؤها (غير محفوظة).",
      "brief.partiesNone": "لا توجد قائمة أطراف محفوظة لأي شريك.",
      "brief.partiesPartner": "أطراف تدرجها {p} ولا تدرجها {j} ({lists}): {only} تدرجها {p} وحدها، و{review} مطابقات محتملة للمراجعة، و{both} تدرجها الجهتان (مطابقة بالاسم).",
      briefShared: { "absent": "غائب", "not-held": "غير محفوظ", "not-comparable": "غير قابل للمقارنة (ترقيم آخر)" },
      briefMatched: { "alignment": "الضابط نفسه بحسب رابط مواءمة", "annex": "البند نفسه من قائمة نظام آخر", "code": "الرمز نفسه في الترقيم نفسه" },
    },
  };
  for (const lang of Object.keys(BRIEF)) Object.assign(I18N[lang], BRIEF[lang]);
  // Strings of the landing overview, merged into I18N below.
  const OVERVIEW = {
    en: {
      "nav.overview": "Overview",
      "overview.title": "Where the lists held stand against Wassenaar",
      "overview.reference": "Every figure compares a jurisdiction's lists with {ref} (edition of {d}); each opens the comparison behind it.",
      "overview.byKind": "Divergences from Wassenaar, by kind",
      "overview.byKindHint": "Rows of the comparison between each jurisdiction and the Wassenaar list.",
      "overview.byCategory": "Divergences by category, all jurisdictions together",
      "overview.noCategory": "National codes without a category",
      "overview.coverage": "Coverage of Wassenaar by jurisdiction",
      "overview.coverageHint": "Share of the Wassenaar entries its lists can hold (dual-use, munitions) that they control.",
      "overview.comparable": "{controlled} of {comparable}",
      "overview.without": "Wassenaar participating states with no list held ({n})",
      "overview.withoutHint": "Their controls cannot be compared, which is not the same as having none.",
      "overview.quality": "The lists held: editions, age and known gaps of the copies",
      "overview.list": "List",
      "overview.edition": "Edition",
      "overview.age": "Age",
      "overview.entries": "Entries",
      "overview.copy": "Copy held",
      "overview.years": "{n} years",
      "overview.days": "{n} days",
      "overview.complete": "official text in full",
      "overview.mayLack": "may lack {what}",
      "overview.skipped": "{n} Wassenaar entries cannot be compared because of the copy",
      "overview.older": "older edition",
      lacks: { items: "items", paragraphs: "paragraphs", notes: "notes" },
    },
    fr: {
      "nav.overview": "Vue d'ensemble",
      "overview.title": "Où en sont les listes détenues face à Wassenaar",
      "overview.reference": "Chaque chiffre compare les listes d'une juridiction avec {ref} (édition du {d}) ; chacun ouvre la comparaison qui le fonde.",
      "overview.byKind": "Divergences avec Wassenaar, par type",
      "overview.byKindHint": "Lignes de la comparaison entre chaque juridiction et la liste de Wassenaar.",
      "overview.byCategory": "Divergences par catégorie, toutes juridictions confondues",
      "overview.noCategory": "Codes nationaux sans catégorie",
      "overview.coverage": "Couverture de Wassenaar par juridiction",
      "overview.coverageHint": "Part des entrées de Wassenaar que ses listes peuvent contenir (double usage, munitions) et qu'elles contrôlent.",
      "overview.comparable": "{controlled} sur {comparable}",
      "overview.without": "États participant à Wassenaar dont aucune liste n'est détenue ({n})",
      "overview.withoutHint": "Leurs contrôles ne peuvent pas être comparés, ce qui ne veut pas dire qu'ils n'en ont pas.",
      "overview.quality": "Les listes détenues : éditions, âge et lacunes connues des copies",
      "overview.list": "Liste",
      "overview.edition": "Édition",
      "overview.age": "Âge",
      "overview.entries": "Entrées",
      "overview.copy": "Copie détenue",
      "overview.years": "{n} ans",
      "overview.days": "{n} jours",
      "overview.complete": "texte officiel complet",
      "overview.mayLack": "peut omettre des {what}",
      "overview.skipped": "{n} entrées de Wassenaar ne peuvent pas être comparées à cause de la copie",
      "overview.older": "édition antérieure",
      lacks: { items: "rubriques", paragraphs: "paragraphes", notes: "notes" },
    },
    ar: {
      "nav.overview": "نظرة عامة",
      "overview.title": "موقع القوائم المحفوظة مقارنةً بقائمة واسنار",
      "overview.reference": "يقارن كل رقم قوائم جهة ما مع {ref} (إصدار {d})؛ ويفتح كلٌّ منها المقارنة التي يستند إليها.",
      "overview.byKind": "الاختلافات عن قائمة واسنار حسب النوع",
      "overview.byKindHint": "صفوف المقارنة بين كل جهة وقائمة واسنار.",
      "overview.byCategory": "الاختلافات حسب الفئة، لجميع الجهات معًا",
      "overview.noCategory": "رموز وطنية بلا فئة",
      "overview.coverage": "تغطية قائمة واسنار حسب الجهة",
      "overview.coverageHint": "نسبة بنود واسنار التي يمكن أن تتضمنها قوائمها (الاستخدام المزدوج، الذخائر) والتي تخضعها للرقابة.",
      "overview.comparable": "{controlled} من {comparable}",
      "overview.without": "دول مشاركة في واسنار لا تُحفظ لها أي قائمة ({n})",
      "overview.withoutHint": "لا يمكن مقارنة ضوابطها، وهذا لا يعني أنها بلا ضوابط.",
      "overview.quality": "القوائم المحفوظة: الإصدارات والعمر والثغرات المعروفة في النسخ",
      "overview.list": "القائمة",
      "overview.edition": "الإصدار",
      "overview.age": "العمر",
      "overview.entries": "البنود",
      "overview.copy": "النسخة المحفوظة",
      "overview.years": "{n} سنوات",
      "overview.days": "{n} يومًا",
      "overview.complete": "النص الرسمي كاملًا",
      "overview.mayLack": "قد تنقصها {what}",
      "overview.skipped": "{n} من بنود واسنار لا يمكن مقارنتها بسبب النسخة",
      "overview.older": "إصدار أقدم",
      lacks: { items: "بنود", paragraphs: "فقرات", notes: "ملاحظات" },
    },
  };
  for (const lang of Object.keys(OVERVIEW)) Object.assign(I18N[lang], OVERVIEW[lang]);
  // Strings of the Documents view (a document and the controls it concerns).
  const DOCS = {
    en: {
      "nav.documents": "Documents",
      "docs.title": "Documents",
      "docs.hint": "News and statements read by the pipeline; each opens on the controls it concerns.",
      "docs.language": "Language",
      "docs.date": "Date",
      "docs.doc": "Document",
      "docs.undated": "undated",
      "docs.unknown": "No document “{id}” in the graph.",
      "docs.none": "No document has been ingested.",
      "docs.back": "All documents",
      "docs.text": "The text, names of countries and technologies marked",
      "docs.techs": "Technologies it is about",
      "docs.named": "Countries and unions it names",
      "docs.controls": "Controls covering {tech}",
      "docs.narrower": "Entries covering a narrower technology count too ({names}).",
      "docs.juris": "Jurisdiction",
      "docs.state": "In its lists",
      "docs.covered": "{n} entries cover it",
      "docs.noEntry": "holds lists; no entry is tagged with this technology",
      "docs.noList": "no list held: nothing is known of its controls",
      "docs.divergences": "Where {names} diverge on {tech}",
      "docs.noDivergence": "No divergence among them on this technology.",
      "docs.firstRows": "First {n} of {total} rows.",
      "docs.compare": "Open in Compare",
      "docs.sides": "controlled by {yes}; not by {no}",
      "docs.allSides": "controlled by {yes}",
      "docs.noTechs": "The document mentions no technology of the taxonomy.",
      "docs.said": "in the text: {words}",
      lang: { ar: "Arabic", en: "English", fr: "French" },
    },
    fr: {
      "nav.documents": "Documents",
      "docs.title": "Documents",
      "docs.hint": "Articles et déclarations lus par la chaîne de traitement ; chacun s'ouvre sur les contrôles qu'il concerne.",
      "docs.language": "Langue",
      "docs.date": "Date",
      "docs.doc": "Document",
      "docs.undated": "sans date",
      "docs.unknown": "Aucun document « {id} » dans le graphe.",
      "docs.none": "Aucun document n'a été ingéré.",
      "docs.back": "Tous les documents",
      "docs.text": "Le texte, noms de pays et de technologies marqués",
      "docs.techs": "Technologies dont il parle",
      "docs.named": "Pays et unions qu'il nomme",
      "docs.controls": "Contrôles couvrant {tech}",
      "docs.narrower": "Les entrées couvrant une technologie plus étroite comptent aussi ({names}).",
      "docs.juris": "Juridiction",
      "docs.state": "Dans ses listes",
      "docs.covered": "{n} entrées la couvrent",
      "docs.noEntry": "détient des listes ; aucune entrée n'est associée à cette technologie",
      "docs.noList": "aucune liste détenue : on ne sait rien de ses contrôles",
      "docs.divergences": "Où {names} divergent sur {tech}",
      "docs.noDivergence": "Aucune divergence entre elles sur cette technologie.",
      "docs.firstRows": "{n} premières lignes sur {total}.",
      "docs.compare": "Ouvrir dans Comparer",
      "docs.sides": "contrôlé par {yes} ; pas par {no}",
      "docs.allSides": "contrôlé par {yes}",
      "docs.noTechs": "Le document ne mentionne aucune technologie de la taxonomie.",
      "docs.said": "dans le texte : {words}",
      lang: { ar: "arabe", en: "anglais", fr: "français" },
    },
    ar: {
      "nav.documents": "الوثائق",
      "docs.title": "الوثائق",
      "docs.hint": "أخبار وبيانات قرأتها المعالجة الآلية؛ تفتح كلٌّ منها على الضوابط التي تتناولها.",
      "docs.language": "اللغة",
      "docs.date": "التاريخ",
      "docs.doc": "الوثيقة",
      "docs.undated": "بلا تاريخ",
      "docs.unknown": "لا توجد وثيقة «{id}» في الرسم البياني.",
      "docs.none": "لم تُستوعب أي وثيقة.",
      "docs.back": "كل الوثائق",
      "docs.text": "النص، وقد مُيّزت فيه أسماء الدول والتقنيات",
      "docs.techs": "التقنيات التي تتناولها",
      "docs.named": "الدول والاتحادات التي تذكرها",
      "docs.controls": "الضوابط التي تشمل {tech}",
      "docs.narrower": "تُحتسب أيضًا البنود التي تشمل تقنية أضيق ({names}).",
      "docs.juris": "الجهة",
      "docs.state": "في قوائمها",
      "docs.covered": "{n} بندًا يشملها",
      "docs.noEntry": "لها قوائم، ولا بند فيها موسوم بهذه التقنية",
      "docs.noList": "لا قائمة محفوظة لها: لا يُعرف شيء عن ضوابطها",
      "docs.divergences": "مواضع اختلاف {names} بشأن {tech}",
      "docs.noDivergence": "لا اختلاف بينها بشأن هذه التقنية.",
      "docs.firstRows": "أول {n} صفوف من {total}.",
      "docs.compare": "فتح في المقارنة",
      "docs.sides": "تخضع لرقابة {yes}؛ لا لرقابة {no}",
      "docs.allSides": "تخضع لرقابة {yes}",
      "docs.noTechs": "لا تذكر الوثيقة أي تقنية من التصنيف.",
      "docs.said": "في النص: {words}",
      lang: { ar: "العربية", en: "الإنجليزية", fr: "الفرنسية" },
    },
  };
  for (const lang of Object.keys(DOCS)) Object.assign(I18N[lang], DOCS[lang]);
  // Strings of the Changes view (two editions of one list) and of an entry's timeline.
  const CHANGES = {
    en: {
      "nav.changes": "Changes",
      "changes.title": "Changes between editions",
      "changes.list": "List",
      "changes.from": "Older edition",
      "changes.to": "Newer edition",
      "changes.codeLabel": "Code or start of a code (optional)",
      "changes.head": "What changed from {from} to {to}",
      "changes.edition": "{name}: edition of {d}",
      "changes.sentence": "{total} entries changed: {added} added, {removed} removed, {renumbered} renumbered, {changed} with another text or other fields.",
      "changes.noChange": "No entry changed between these two editions.",
      "changes.allKinds": "All changes",
      "changes.kinds": "Kinds of change",
      "changes.byCategory": "Changes per category",
      "changes.category": "Category",
      "changes.total": "Total",
      "changes.noCategory": "No category",
      "changes.filterCat": "Show the changes in {row}",
      "changes.allCats": "All categories",
      "changes.code": "Only the entries whose code starts with {code}.",
      "changes.allCodes": "Show every entry",
      "changes.none": "No change for this choice.",
      "changes.absent": "Not in this edition.",
      "changes.fields": "What changed: {fields}.",
      "changes.similarity": "Text similarity {n}.",
      "changes.lines": "The lines that changed",
      "changes.thresholds": "Thresholds in {to}: {verdict}.",
      "changes.english": "Entry texts are given in English, as in the lists; the excerpts are shortened, each entry's page has its full text.",
      "changes.single": "Only one edition of {list} is held ({name}, edition of {d}): there is nothing to compare it with, which does not mean the list has not changed.",
      "changes.unknownList": "The address names a list the graph does not hold: “{id}”.",
      "changes.unknownEdition": "{list}: no edition “{id}” is held (editions held: {held}); the two newest are compared instead.",
      "changes.same": "Choose two different editions.",
      "changes.swapped": "The newer edition was given as the older one: they are compared the other way round.",
      "changes.unknownKind": "The address names an unknown kind of change: “{id}”. Every kind is shown.",
      "changes.unknownCat": "The address names a category that does not exist: “{id}”. Every category is shown.",
      changeKinds: { added: "Added", removed: "Removed", renumbered: "Renumbered", changed: "Changed" },
      changeFields: { heading: "heading", text: "text", notes: "notes", parameters: "thresholds", status: "status", reasons: "reasons for control" },
      thresholdVerdicts: { same: "the same", stricter: "stricter (it controls more)", looser: "looser (it controls less)", "different-parameters": "other parameters, not comparable" },
      "timeline.title": "In each edition held of {list}",
      "timeline.single": "Only this edition of the list is held: there is no earlier one to compare it with.",
      "timeline.as": "as {code}",
      "timeline.what": "What changed in this edition",
      "timeline.thresholds": "thresholds {verdict}",
      timelineSteps: {
        "first-held": "in the oldest edition held", added: "added", unchanged: "unchanged",
        changed: "changed", renumbered: "renumbered", absent: "not in this edition", removed: "removed",
      },
    },
    fr: {
      "nav.changes": "Évolutions",
      "changes.title": "Évolutions d'une édition à l'autre",
      "changes.list": "Liste",
      "changes.from": "Édition antérieure",
      "changes.to": "Édition postérieure",
      "changes.codeLabel": "Code ou début de code (facultatif)",
      "changes.head": "Ce qui a changé de {from} à {to}",
      "changes.edition": "{name} : édition du {d}",
      "changes.sentence": "{total} entrées ont changé : {added} ajoutées, {removed} supprimées, {renumbered} renumérotées, {changed} au texte ou aux champs modifiés.",
      "changes.noChange": "Aucune entrée n'a changé entre ces deux éditions.",
      "changes.allKinds": "Toutes les évolutions",
      "changes.kinds": "Types d'évolution",
      "changes.byCategory": "Évolutions par catégorie",
      "changes.category": "Catégorie",
      "changes.total": "Total",
      "changes.noCategory": "Sans catégorie",
      "changes.filterCat": "Afficher les évolutions de {row}",
      "changes.allCats": "Toutes les catégories",
      "changes.code": "Seulement les entrées dont le code commence par {code}.",
      "changes.allCodes": "Afficher toutes les entrées",
      "changes.none": "Aucune évolution pour ce choix.",
      "changes.absent": "Absente de cette édition.",
      "changes.fields": "Ce qui a changé : {fields}.",
      "changes.similarity": "Similarité des textes : {n}.",
      "changes.lines": "Les lignes modifiées",
      "changes.thresholds": "Seuils dans {to} : {verdict}.",
      "changes.english": "Les textes des entrées sont en anglais, comme dans les listes ; les extraits sont abrégés, la page de chaque entrée donne son texte complet.",
      "changes.single": "Une seule édition de {list} est détenue ({name}, édition du {d}) : il n'y a rien à quoi la comparer, ce qui ne veut pas dire que la liste n'a pas changé.",
      "changes.unknownList": "L'adresse désigne une liste absente du graphe : « {id} ».",
      "changes.unknownEdition": "{list} : aucune édition « {id} » n'est détenue (éditions détenues : {held}) ; les deux plus récentes sont comparées à la place.",
      "changes.same": "Choisissez deux éditions différentes.",
      "changes.swapped": "L'édition la plus récente a été donnée comme antérieure : elles sont comparées dans l'autre sens.",
      "changes.unknownKind": "L'adresse désigne un type d'évolution inconnu : « {id} ». Tous les types sont affichés.",
      "changes.unknownCat": "L'adresse désigne une catégorie qui n'existe pas : « {id} ». Toutes les catégories sont affichées.",
      changeKinds: { added: "Ajoutée", removed: "Supprimée", renumbered: "Renumérotée", changed: "Modifiée" },
      changeFields: { heading: "intitulé", text: "texte", notes: "notes", parameters: "seuils", status: "statut", reasons: "motifs de contrôle" },
      thresholdVerdicts: { same: "identiques", stricter: "plus stricts (elle contrôle davantage)", looser: "plus souples (elle contrôle moins)", "different-parameters": "d'autres paramètres, non comparables" },
      "timeline.title": "Dans chaque édition détenue de {list}",
      "timeline.single": "Seule cette édition de la liste est détenue : il n'y en a pas d'antérieure à laquelle la comparer.",
      "timeline.as": "sous {code}",
      "timeline.what": "Ce qui a changé dans cette édition",
      "timeline.thresholds": "seuils {verdict}",
      timelineSteps: {
        "first-held": "dans la plus ancienne édition détenue", added: "ajoutée", unchanged: "inchangée",
        changed: "modifiée", renumbered: "renumérotée", absent: "absente de cette édition", removed: "supprimée",
      },
    },
    ar: {
      "nav.changes": "التغييرات",
      "changes.title": "التغييرات بين الإصدارات",
      "changes.list": "القائمة",
      "changes.from": "الإصدار الأقدم",
      "changes.to": "الإصدار الأحدث",
      "changes.codeLabel": "الرمز أو بدايته (اختياري)",
      "changes.head": "ما الذي تغيّر من {from} إلى {to}",
      "changes.edition": "{name}: إصدار {d}",
      "changes.sentence": "تغيّر {total} بندًا: أُضيف {added}، وحُذف {removed}، وأُعيد ترقيم {renumbered}، وتغيّر نص {changed} أو حقول أخرى منها.",
      "changes.noChange": "لم يتغيّر أي بند بين هذين الإصدارين.",
      "changes.allKinds": "كل التغييرات",
      "changes.kinds": "أنواع التغيير",
      "changes.byCategory": "التغييرات حسب الفئة",
      "changes.category": "الفئة",
      "changes.total": "المجموع",
      "changes.noCategory": "بلا فئة",
      "changes.filterCat": "عرض التغييرات في {row}",
      "changes.allCats": "كل الفئات",
      "changes.code": "البنود التي يبدأ رمزها بـ {code} فقط.",
      "changes.allCodes": "عرض كل البنود",
      "changes.none": "لا تغيير لهذا الاختيار.",
      "changes.absent": "غير موجود في هذا الإصدار.",
      "changes.fields": "ما الذي تغيّر: {fields}.",
      "changes.similarity": "تشابه النصين: {n}.",
      "changes.lines": "الأسطر التي تغيّرت",
      "changes.thresholds": "العتبات في {to}: {verdict}.",
      "changes.english": "نصوص البنود باللغة الإنجليزية كما في القوائم؛ المقتطفات مختصرة، وفي صفحة كل بند نصه الكامل.",
      "changes.single": "لا يُحفظ إلا إصدار واحد من {list} ({name}، إصدار {d}): لا شيء يُقارن به، وهذا لا يعني أن القائمة لم تتغيّر.",
      "changes.unknownList": "يشير العنوان إلى قائمة غير موجودة في الرسم البياني: «{id}».",
      "changes.unknownEdition": "{list}: لا يُحفظ إصدار «{id}» (الإصدارات المحفوظة: {held})؛ تُقارن بدلًا منه أحدث نسختين.",
      "changes.same": "اختر إصدارين مختلفين.",
      "changes.swapped": "أُعطي الإصدار الأحدث على أنه الأقدم: تُقارن النسختان في الاتجاه المعاكس.",
      "changes.unknownKind": "يشير العنوان إلى نوع تغيير غير معروف: «{id}». تُعرض كل الأنواع.",
      "changes.unknownCat": "يشير العنوان إلى فئة غير موجودة: «{id}». تُعرض كل الفئات.",
      changeKinds: { added: "مُضاف", removed: "محذوف", renumbered: "أُعيد ترقيمه", changed: "معدَّل" },
      changeFields: { heading: "العنوان", text: "النص", notes: "الملاحظات", parameters: "العتبات", status: "الحالة", reasons: "أسباب الرقابة" },
      thresholdVerdicts: { same: "هي نفسها", stricter: "أشد (يخضع للرقابة أكثر)", looser: "أخف (يخضع للرقابة أقل)", "different-parameters": "معايير أخرى لا تقبل المقارنة" },
      "timeline.title": "في كل إصدار محفوظ من {list}",
      "timeline.single": "لا يُحفظ من القائمة إلا هذا الإصدار: لا إصدار أقدم يُقارن به.",
      "timeline.as": "برمز {code}",
      "timeline.what": "ما الذي تغيّر في هذا الإصدار",
      "timeline.thresholds": "العتبات {verdict}",
      timelineSteps: {
        "first-held": "في أقدم إصدار محفوظ", added: "مُضاف", unchanged: "دون تغيير",
        changed: "معدَّل", renumbered: "أُعيد ترقيمه", absent: "غير موجود في هذا الإصدار", removed: "محذوف",
      },
    },
  };
  for (const lang of Object.keys(CHANGES)) Object.assign(I18N[lang], CHANGES[lang]);
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
    briefOpen: new Set(),
    brief: null,
    overview: null,
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
      el("p", { class: "reason", lang: "en", dir: "ltr", text: humanise(row.reason) }),
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

  function renderSearch() {
    const found = state.searched;
    if (!found) return;
    const f = numberFormat();
    const entries = el("section", { class: "card", id: "search-entries" },
      el("h2", { text: t("search.entries", { n: f.format(found.entries.total) }) }),
      el("p", { class: "hint" }, `${t("search.read")}: `, el("span", { lang: "en", dir: "ltr", text: found.entries.interpreted_as })));
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
    pick.replaceChildren(el("option", { value: "", text: t("pick.choose") }));
    const countries = state.options.jurisdictions
      .filter((j) => j.kind === "country")
      .sort((a, b) => nameOf(a.key).localeCompare(nameOf(b.key), state.lang));
    for (const j of countries) pick.append(el("option", { value: j.key, text: `${nameOf(j.key)} (${j.key})` }));
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
    $("search-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const q = $("search-q").value.trim();
      if (!q) return;
      const target = `#search?q=${encodeURIComponent(q)}`;
      if (location.hash === target) route();
      else location.hash = target;
    });
    $("lacks-pick").addEventListener("change", (event) => {
      if (event.target.value) location.hash = `#lacks/${event.target.value}`;
    });
    $("codes-tech").addEventListener("change", (event) => {
      const tech = event.target.value;
      location.hash = `#codes?code=${encodeURIComponent(state.codes ? state.codes.code : "echri")}${tech ? `&tech=${encodeURIComponent(tech)}` : ""}`;
    });
    $("parties-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const verdict = $("parties-verdict").value;
      location.hash = `#parties?a=${$("parties-a").value}&b=${$("parties-b").value}${verdict ? `&verdict=${verdict}` : ""}`;
    });
    $("brief-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const target = briefHash(briefFromForm());
      if (location.hash === target) route();
      else location.hash = target;
    });
    $("brief-kind").addEventListener("change", () => renderBriefPickers(briefFromForm()));
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
