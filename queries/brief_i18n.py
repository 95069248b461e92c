"""The words of a harmonisation brief in English, French and Arabic: one catalogue for every
heading, table header, fixed phrase and generated sentence :mod:`queries.brief_text` writes, and
how dates and percentages are written in each language.

Terms the dashboard already chose (kinds of divergence, statuses, membership roles) are worded as
in ``api/static/app.js`` so the brief and the screen say the same thing. List texts are never
translated: they are quoted in their own language (English for every list held) and said to be.
Figures keep Western digits in every language, so a code or a count reads the same in all three.
"""

from __future__ import annotations

import re
from datetime import date
from typing import get_args

from queries.requests import Language

LANGUAGES: tuple[Language, ...] = get_args(Language)

#: Message id -> text per language; ``{name}`` fields are filled by :func:`say`.
MESSAGES: dict[str, dict[Language, str]] = {
    # --- titles and the opening line ------------------------------------------------------------
    "title.regime": {
        "en": "Harmonisation brief: {j} against the {ref}",
        "fr": "Note d'harmonisation : {j} face à la référence {ref}",
        "ar": "مذكرة مواءمة: {j} في مقابل {ref}",
    },
    "title.pair": {
        "en": "Harmonisation brief: {a} and {b}",
        "fr": "Note d'harmonisation : {a} et {b}",
        "ar": "مذكرة مواءمة: {a} و{b}",
    },
    "title.group": {
        "en": "Harmonisation brief: the subscribers of the {title}",
        "fr": "Note d'harmonisation : les signataires du {title}",
        "ar": "مذكرة مواءمة: الدول المنضمة إلى {title}",
    },
    "made": {
        "en": "Made on {day} from the lists held in Harmonia",
        "fr": "Établie le {day} à partir des listes détenues dans Harmonia",
        "ar": "أُعدّت في {day} استنادًا إلى القوائم المحفوظة في هارمونيا",
    },
    "made.reference": {
        "en": "; reference list {list} ({day})",
        "fr": " ; liste de référence {list} ({day})",
        "ar": "؛ القائمة المرجعية {list} ({day})",
    },
    "made.only": {
        "en": "; only {filters}.",
        "fr": " ; uniquement {filters}.",
        "ar": "؛ فقط {filters}.",
    },
    "made.end": {"en": ".", "fr": ".", "ar": "."},
    "filter.category": {"en": "category {v}", "fr": "catégorie {v}", "ar": "الفئة {v}"},
    "filter.technology": {"en": "technology {v}", "fr": "technologie {v}", "ar": "التكنولوجيا {v}"},
    "filter.code_prefix": {"en": "code_prefix {v}", "fr": "codes {v}", "ar": "الرموز {v}"},
    "list.texts": {
        "en": "",
        "fr": "Les textes des listes sont cités dans leur langue, l'anglais, et signalés comme "
        "tels ; les seuils sont cités entre apostrophes, comme les listes les formulent.",
        "ar": "تُقتبس نصوص القوائم بلغتها، وهي الإنجليزية، ويُشار إلى ذلك؛ وتُقتبس العتبات بين "
        "علامتَي اقتباس كما تصوغها القوائم.",
    },
    # --- standing -------------------------------------------------------------------------------
    "standing": {"en": "Standing", "fr": "Situation", "ar": "الوضع الراهن"},
    "memberships": {"en": "Memberships:", "fr": "Participations :", "ar": "العضويات:"},
    "memberships.none": {
        "en": "Memberships: none held in the graph.",
        "fr": "Participations : aucune dans le graphe.",
        "ar": "العضويات: لا توجد عضوية مسجلة في الرسم البياني.",
    },
    "since": {"en": " since {day}", "fr": " depuis le {day}", "ar": " منذ {day}"},
    "lists.held": {"en": "Lists held:", "fr": "Listes détenues :", "ar": "القوائم المحفوظة:"},
    "list.held": {
        "en": "{title}, {list}, dated {day}: {days} days old{current}",
        "fr": "{title}, {list}, du {day} : {days} jours d'ancienneté{current}",
        "ar": "{title}، {list}، بتاريخ {day}: عمرها {days} يومًا{current}",
    },
    "list.older": {
        "en": " (an older edition)",
        "fr": " (une édition plus ancienne)",
        "ar": " (إصدار أقدم)",
    },
    "convergence": {
        "en": "Convergence index: **{percent}**: {same} of the {comparable} reference entries "
        "that can be compared are controlled with the same scope ({controlled} are controlled "
        "in some way, {absent} are absent); {unknown} cannot be compared from the lists held.",
        "fr": "Indice de convergence : **{percent}** : {same} des {comparable} entrées de "
        "référence comparables sont contrôlées avec la même portée ({controlled} contrôlées "
        "d'une façon ou d'une autre, {absent} absentes) ; entrées que les listes détenues ne "
        "permettent pas de comparer : {unknown}.",
        "ar": "مؤشر التقارب: **{percent}**: {same} من أصل {comparable} من البنود المرجعية "
        "القابلة للمقارنة خاضعة للرقابة بالنطاق نفسه ({controlled} خاضعة للرقابة بشكل ما، "
        "و{absent} غائبة)؛ و{unknown} لا يمكن مقارنتها بالقوائم المحفوظة.",
    },
    "not-comparable": {"en": "not comparable", "fr": "non comparable", "ar": "غير قابل للمقارنة"},
    "trend": {
        "en": "Over the editions held:",
        "fr": "Au fil des éditions détenues :",
        "ar": "عبر الإصدارات المحفوظة:",
    },
    "th.category": {"en": "Category", "fr": "Catégorie", "ar": "الفئة"},
    "th.controlled": {"en": "Controlled", "fr": "Contrôlées", "ar": "خاضعة للرقابة"},
    "th.comparable": {"en": "Comparable", "fr": "Comparables", "ar": "قابلة للمقارنة"},
    "th.share": {"en": "Share", "fr": "Part", "ar": "النسبة"},
    # --- the agenda -----------------------------------------------------------------------------
    "adopt": {"en": "To adopt", "fr": "À adopter", "ar": "للاعتماد"},
    "adopt.why": {
        "en": "Reference entries its lists do not implement, Very Sensitive first, then Sensitive.",
        "fr": "Entrées de référence que ses listes ne mettent pas en œuvre, les très sensibles "
        "d'abord, puis les sensibles.",
        "ar": "البنود المرجعية التي لا تنفذها قوائمها، الحساسة جدًا أولًا ثم الحساسة.",
    },
    "align": {"en": "To align", "fr": "À aligner", "ar": "للمواءمة"},
    "align.why": {
        "en": "Reference entries it controls with another scope or other thresholds.",
        "fr": "Entrées de référence qu'il contrôle avec une autre portée ou d'autres seuils.",
        "ar": "البنود المرجعية التي يخضعها للرقابة بنطاق آخر أو بعتبات أخرى.",
    },
    "update": {"en": "To update", "fr": "À mettre à jour", "ar": "للتحديث"},
    "update.why": {
        "en": "Reference entries its lists lack because they predate the reference edition "
        "that added them.",
        "fr": "Entrées de référence absentes de ses listes parce que celles-ci sont antérieures "
        "à l'édition de référence qui les a ajoutées.",
        "ar": "البنود المرجعية الغائبة عن قوائمها لأنها أقدم من الإصدار المرجعي الذي أضافها.",
    },
    "part": {"en": "{title} ({total})", "fr": "{title} ({total})", "ar": "{title} ({total})"},
    "nothing": {"en": "Nothing here.", "fr": "Rien ici.", "ar": "لا شيء هنا."},
    "first": {
        "en": "The first {shown} of {total} are listed.",
        "fr": "Points listés : les {shown} premiers sur {total}.",
        "ar": "النقاط المدرجة: الأولى {shown} من أصل {total}.",
    },
    "reference.text": {
        "en": "Reference text",
        "fr": "Texte de référence (texte de la liste, en anglais)",
        "ar": "النص المرجعي (نص القائمة، بالإنجليزية)",
    },
    "none": {"en": "none", "fr": "aucune", "ar": "لا شيء"},
    "none.held": {"en": "none held", "fr": "aucune détenue", "ar": "لا توجد قائمة محفوظة"},
    "side": {
        "en": "{j}: {status} ({entries}; {editions})",
        "fr": "{j} : {status} ({entries} ; {editions})",
        "ar": "{j}: {status} ({entries}؛ {editions})",
    },
    "catches.more": {
        "en": ", {j} catches more",
        "fr": ", {j} contrôle davantage",
        "ar": "، و{j} يشمل أكثر",
    },
    "in.english": {
        "en": "{text}",
        "fr": "(en anglais) {text}",
        "ar": "(بالإنجليزية) {text}",
    },
    "caveats": {"en": "Caveats", "fr": "Précautions", "ar": "تحفظات"},
    # --- pair brief -----------------------------------------------------------------------------
    "aligned.to": {
        "en": " Entries are aligned to {list}.",
        "fr": " Les entrées sont alignées sur {list}.",
        "ar": " البنود مطابَقة مع {list}.",
    },
    "lists.compared": {
        "en": "Lists compared: {lists}.",
        "fr": "Listes comparées : {lists}.",
        "ar": "القوائم المقارنة: {lists}.",
    },
    "lists.of": {"en": "{j}: {lists}", "fr": "{j} : {lists}", "ar": "{j}: {lists}"},
    "th.kind": {"en": "Kind", "fr": "Type", "ar": "النوع"},
    "th.rows": {"en": "Rows", "fr": "Lignes", "ar": "الصفوف"},
    "stricter": {
        "en": "Where {j} is stricter",
        "fr": "Là où {j} est plus strict",
        "ar": "حيث تكون {j} أشد",
    },
    "stricter.why": {
        "en": "Entries both control, where every comparable threshold of {j} that differs "
        "catches more than {other}'s.",
        "fr": "Entrées que les deux contrôlent, où chaque seuil comparable de {j} qui diffère "
        "contrôle davantage que celui de {other}.",
        "ar": "بنود تخضعها الجهتان للرقابة، ويشمل فيها كل عتبة قابلة للمقارنة مختلفة لدى {j} "
        "أكثر مما تشمله عتبة {other}.",
    },
    "only": {
        "en": "What {j} controls and {other} does not",
        "fr": "Ce que {j} contrôle et {other} non",
        "ar": "ما تخضعه {j} للرقابة ولا تخضعه {other}",
    },
    "only.why": {
        "en": "Regime entries {other} has not implemented, and {j}'s own unilateral controls.",
        "fr": "Entrées de régime que {other} n'a pas mises en œuvre, et les contrôles "
        "unilatéraux propres à {j}.",
        "ar": "بنود الأنظمة التي لم تنفذها {other}، والضوابط الأحادية الخاصة بـ{j}.",
    },
    "undecided": {
        "en": "Other scope, no side stricter throughout",
        "fr": "Autre portée, aucun côté plus strict partout",
        "ar": "نطاق آخر، دون أن يكون أي طرف أشد في كل شيء",
    },
    "undecided.why": {
        "en": "Entries both control with another scope, where the thresholds point both ways "
        "or cannot be compared.",
        "fr": "Entrées que les deux contrôlent avec une autre portée, où les seuils vont dans "
        "les deux sens ou ne peuvent pas être comparés.",
        "ar": "بنود تخضعها الجهتان للرقابة بنطاق آخر، تتجه فيها العتبات في الاتجاهين أو لا "
        "يمكن مقارنتها.",
    },
    # --- group brief ----------------------------------------------------------------------------
    "group.counts": {
        "en": " {subscribers} subscribers, {technologies} technologies.",
        "fr": " {subscribers} signataires, {technologies} technologies.",
        "ar": " {subscribers} دولة منضمة، {technologies} تقنيات.",
    },
    "th.technology": {"en": "Technology", "fr": "Technologie", "ar": "التكنولوجيا"},
    "th.lacking": {
        "en": "Lacking a control",
        "fr": "Sans contrôle",
        "ar": "بلا رقابة",
    },
    "th.controlling": {"en": "Controlling", "fr": "La contrôlent", "ar": "تخضعها للرقابة"},
    "th.not.held": {
        "en": "Lists not held",
        "fr": "Listes non détenues",
        "ar": "قوائم غير محفوظة",
    },
    "no.entry": {"en": "no entry", "fr": "aucune entrée", "ar": "لا يوجد بند"},
    "no.list": {"en": "no list held", "fr": "aucune liste détenue", "ar": "لا توجد قائمة محفوظة"},
}

#: The sentences of divergence rows (:mod:`queries.brief_reasons`), the English ones word for
#: word as :mod:`queries.divergence` and :mod:`queries.sentences` write them.
REASONS: dict[str, dict[Language, str]] = {
    "lacking": {
        "en": "Wassenaar {edition} entry {code} is controlled by {controlled} but not by "
        "{absent}{sub}.",
        "fr": "L'entrée {code} de Wassenaar {edition} est contrôlée par {controlled} mais pas "
        "par {absent}{sub}.",
        "ar": "البند {code} من قائمة واسنار {edition} تخضعه للرقابة {controlled} ولا تخضعه "
        "{absent}{sub}.",
    },
    "sub": {
        "en": "; {n} sub-entries diverge the same way",
        "fr": " ; {n} sous-entrées divergent de la même façon",
        "ar": "؛ و{n} من البنود الفرعية تختلف بالطريقة نفسها",
    },
    "held": {"en": "{j} ({how})", "fr": "{j} ({how})", "ar": "{j} ({how})"},
    "and": {"en": " and {item}", "fr": " et {item}", "ar": " و{item}"},
    "own": {"en": "its own entry", "fr": "sa propre entrée", "ar": "بنده الخاص"},
    "held.scope": {"en": "{codes}, {scope}", "fr": "{codes}, {scope}", "ar": "{codes}، {scope}"},
    "matched": {
        "en": "{codes}, {how}, scope not established",
        "fr": "{codes}, {how}, portée non établie",
        "ar": "{codes}، {how}، والنطاق غير محدد",
    },
    "method.stated": {
        "en": "as the list states",
        "fr": "comme la liste l'indique",
        "ar": "كما تنص القائمة",
    },
    "method.text": {"en": "matched by text", "fr": "rapprochée par le texte", "ar": "مطابَق بالنص"},
    "method.parameters": {
        "en": "matched by thresholds",
        "fr": "rapprochée par les seuils",
        "ar": "مطابَق بالعتبات",
    },
    "via": {
        "en": "under {codes}, not itemised further in its list",
        "fr": "sous {codes}, que sa liste ne détaille pas davantage",
        "ar": "ضمن {codes}، الذي لا تفصّله قائمته أكثر",
    },
    "partial": {
        "en": "only sub-entries {codes}",
        "fr": "seulement les sous-entrées {codes}",
        "ar": "البنود الفرعية {codes} فقط",
    },
    "older": {
        "en": "absent from its {editions} list, older than the regime edition {ref}: possibly "
        "not yet implemented in the edition held",
        "fr": "absente de sa liste {editions}, plus ancienne que l'édition {ref} du régime : "
        "peut-être pas encore mise en œuvre dans l'édition détenue",
        "ar": "غائب عن قائمته {editions}، وهي أقدم من إصدار النظام {ref}: ربما لم يُنفَّذ بعد "
        "في الإصدار المحفوظ",
    },
    "no.counterpart": {
        "en": "no counterpart in its {editions} list",
        "fr": "aucun équivalent dans sa liste {editions}",
        "ar": "لا مقابل له في قائمته {editions}",
    },
    "where": {
        "en": ", where {codes} is {status}",
        "fr": ", où {codes} est {status}",
        "ar": "، حيث {codes} {status}",
    },
    "entry.reserved": {"en": "reserved", "fr": "réservée", "ar": "محجوز"},
    "entry.deleted": {"en": "deleted", "fr": "supprimée", "ar": "محذوف"},
    "entry.not-used": {"en": "not-used", "fr": "inutilisée", "ar": "غير مستخدم"},
    "scope": {
        "en": "Wassenaar {edition} entry {code} is implemented with different scope: "
        "{scopes}{more}.",
        "fr": "L'entrée {code} de Wassenaar {edition} est mise en œuvre avec une autre portée : "
        "{scopes}{more}.",
        "ar": "البند {code} من قائمة واسنار {edition} منفَّذ بنطاق مختلف: {scopes}{more}.",
    },
    "scope.side": {"en": "{j} {scope}", "fr": "{j} {scope}", "ar": "{j} {scope}"},
    "scope.same": {
        "en": "same scope as the regime",
        "fr": "même portée que le régime",
        "ar": "بالنطاق نفسه الذي في النظام",
    },
    "scope.broader": {
        "en": "broader than the regime: controls more",
        "fr": "plus large que le régime : contrôle davantage",
        "ar": "أوسع من النظام: يشمل أكثر",
    },
    "scope.narrower": {
        "en": "narrower than the regime: controls less",
        "fr": "plus étroite que le régime : contrôle moins",
        "ar": "أضيق من النظام: يشمل أقل",
    },
    "scope.different-parameters": {
        "en": "different thresholds from the regime",
        "fr": "seuils différents de ceux du régime",
        "ar": "بعتبات مختلفة عن عتبات النظام",
    },
    "scope.implemented": {
        "en": "matched by number, scope not established",
        "fr": "rapprochée par le numéro, portée non établie",
        "ar": "مطابَق بالرقم، والنطاق غير محدد",
    },
    "thresholds": {
        "en": "; thresholds {parts}",
        "fr": " ; seuils {parts}",
        "ar": "؛ العتبات {parts}",
    },
    "threshold": {
        "en": "{quantity}: {values}{stricter}",
        "fr": "{quantity} : {values}{stricter}",
        "ar": "{quantity}: {values}{stricter}",
    },
    "stricter": {"en": " ({j} stricter)", "fr": " ({j} plus strict)", "ar": " ({j} أشد)"},
    "findings": {"en": "; {j}: {found}", "fr": " ; {j} : {found}", "ar": "؛ {j}: {found}"},
    "unilateral": {
        "en": "{j} {code} is a unilateral control: {origin}; {lacking}.",
        "fr": "{j} {code} est un contrôle unilatéral : {origin} ; {lacking}.",
        "ar": "{j} {code} ضابط أحادي: {origin}؛ {lacking}.",
    },
    "plurilateral.one": {
        "en": "{j} {code} is a control outside the regimes that {also} also lists: {origin}; "
        "{lacking}.",
        "fr": "{j} {code} est un contrôle hors des régimes que {also} inscrit aussi : {origin} ; "
        "{lacking}.",
        "ar": "{j} {code} ضابط خارج الأنظمة تدرجه {also} أيضًا: {origin}؛ {lacking}.",
    },
    "plurilateral": {
        "en": "{j} {code} is a control outside the regimes that {also} also list: {origin}; "
        "{lacking}.",
        "fr": "{j} {code} est un contrôle hors des régimes que {also} inscrivent aussi : "
        "{origin} ; {lacking}.",
        "ar": "{j} {code} ضابط خارج الأنظمة تدرجه {also} أيضًا: {origin}؛ {lacking}.",
    },
    "also.lists": {
        "en": "{who} also list it",
        "fr": "{who} l'inscrit aussi",
        "ar": "{who} تدرجه أيضًا",
    },
    "also.list": {
        "en": "{who} also list it",
        "fr": "{who} l'inscrivent aussi",
        "ar": "{who} تدرجه أيضًا",
    },
    "not.lists": {
        "en": "{who} does not list it",
        "fr": "{who} ne l'inscrit pas",
        "ar": "{who} لا تدرجه",
    },
    "not.list": {
        "en": "{who} do not list it",
        "fr": "{who} ne l'inscrivent pas",
        "ar": "{who} لا تدرجه",
    },
    "blind.one": {
        "en": "{who} cannot be checked by code (another numbering and no regime counterpart)",
        "fr": "{who} ne peut pas être vérifié par le code (autre numérotation et aucun "
        "équivalent dans les régimes)",
        "ar": "{who} لا يمكن التحقق منها بالرمز (ترقيم آخر ولا مقابل في الأنظمة)",
    },
    "blind": {
        "en": "{who} cannot be checked by code (another numbering and no regime counterpart)",
        "fr": "{who} ne peuvent pas être vérifiés par le code (autre numérotation et aucun "
        "équivalent dans les régimes)",
        "ar": "{who} لا يمكن التحقق منها بالرمز (ترقيم آخر ولا مقابل في الأنظمة)",
    },
}
MESSAGES.update({f"r.{key}": text for key, text in REASONS.items()})

#: The caveats of a comparison (:func:`queries.sentences.comparison_notes`, and two the
#: divergences add), the English ones word for word as written there.
NOTES: dict[str, dict[Language, str]] = {
    "no.reference": {
        "en": "No Wassenaar list is in the graph: only national entries were compared, by code.",
        "fr": "Aucune liste de Wassenaar ne figure dans le graphe : seules les entrées "
        "nationales ont été comparées, par leur code.",
        "ar": "لا توجد قائمة واسنار في الرسم البياني: قورنت البنود الوطنية وحدها، برموزها.",
    },
    "older": {
        "en": "{j}'s list {list} is the {edition} edition, older than Wassenaar {ref}: a regime "
        "entry it lacks is reported as edition-lag only when an older Wassenaar edition held, "
        "newer than this list, did not have it yet; otherwise as not-implemented, with when "
        "Wassenaar added it.",
        "fr": "La liste {list} de {j} est l'édition {edition}, plus ancienne que Wassenaar "
        "{ref} : une entrée du régime qui lui manque n'est signalée comme retard d'édition que "
        "si une édition de Wassenaar détenue, plus ancienne mais plus récente que cette liste, "
        "ne l'avait pas encore ; sinon comme non mise en œuvre, avec la date à laquelle "
        "Wassenaar l'a ajoutée.",
        "ar": "قائمة {j} {list} هي إصدار {edition}، وهو أقدم من واسنار {ref}: لا يُبلَّغ عن "
        "بند من النظام تفتقر إليه على أنه تأخر إصدار إلا إذا كان إصدار محفوظ أقدم من واسنار، "
        "وأحدث من هذه القائمة، لم يتضمنه بعد؛ وإلا فيُبلَّغ عنه على أنه غير منفَّذ، مع تاريخ "
        "إضافة واسنار له.",
    },
    "no-list": {
        "en": "{j}: no control list of {name} is in the graph, so its controls cannot be "
        "compared (no-list-held), which is not the same as having none.",
        "fr": "{j} : aucune liste de contrôle de {name} ne figure dans le graphe, ses contrôles "
        "ne peuvent donc pas être comparés (aucune liste détenue), ce qui ne veut pas dire "
        "qu'il n'en a pas.",
        "ar": "{j}: لا توجد في الرسم البياني قائمة رقابة لـ{name}، لذا لا يمكن مقارنة ضوابطها "
        "(لا توجد قائمة محفوظة)، وهذا لا يعني أنها بلا ضوابط.",
    },
    "no.munitions": {
        "en": "No munitions list of {j} is held: Wassenaar Munitions List entries are not "
        "compared for it (no-comparable-list).",
        "fr": "Aucune liste de matériels de guerre de {j} n'est détenue : les entrées de la "
        "liste des munitions de Wassenaar ne sont pas comparées pour elle (pas de liste "
        "comparable).",
        "ar": "لا توجد قائمة ذخائر محفوظة لـ{j}: لا تُقارن بنود قائمة الذخائر في واسنار "
        "بالنسبة إليها (لا توجد قائمة مماثلة).",
    },
    "no.dual-use": {
        "en": "No dual-use list of {j} is held: Wassenaar dual-use entries are not compared "
        "for it (no-comparable-list).",
        "fr": "Aucune liste de biens à double usage de {j} n'est détenue : les entrées double "
        "usage de Wassenaar ne sont pas comparées pour elle (pas de liste comparable).",
        "ar": "لا توجد قائمة محفوظة للسلع ذات الاستخدام المزدوج لـ{j}: لا تُقارن بنود واسنار "
        "ذات الاستخدام المزدوج بالنسبة إليها (لا توجد قائمة مماثلة).",
    },
    "restated": {
        "en": "{n} entries of {j} (the US '.z' paragraphs, 0A919) hold items the regime's "
        "lists hold, under an added licence requirement: they are compared through those "
        "items, not as controls of their own.",
        "fr": "{n} entrées de {j} (les paragraphes « .z » américains, 0A919) contiennent des "
        "biens que les listes du régime contiennent, soumis à une licence supplémentaire : "
        "elles sont comparées à travers ces biens, non comme des contrôles à part entière.",
        "ar": "{n} من بنود {j} (فقرات ‎.z الأمريكية، 0A919) تتضمن مواد تتضمنها قوائم النظام، "
        "مع اشتراط ترخيص إضافي: تُقارن من خلال تلك المواد، لا بوصفها ضوابط قائمة بذاتها.",
    },
    "uncomparable": {
        "en": "{n} entries of {j} from other regimes' lists could not be compared: no entry "
        "with the same content was found in the other lists, and their codes say nothing "
        "(each list numbers those regimes' items its own way), so absence is not claimed.",
        "fr": "{n} entrées de {j} issues des listes d'autres régimes n'ont pas pu être "
        "comparées : aucune entrée au même contenu n'a été trouvée dans les autres listes, et "
        "leurs codes ne disent rien (chaque liste numérote à sa façon les biens de ces "
        "régimes) ; aucune absence n'est donc affirmée.",
        "ar": "تعذّرت مقارنة {n} من بنود {j} المأخوذة من قوائم أنظمة أخرى: لم يُعثر على بند "
        "بالمحتوى نفسه في القوائم الأخرى، ورموزها لا تدل على شيء (فكل قائمة ترقّم مواد تلك "
        "الأنظمة بطريقتها)، لذا لا يُدّعى الغياب.",
    },
}
MESSAGES.update({f"n.{key}": text for key, text in NOTES.items()})

#: Why a national entry is the issuer's own, as the numbering says it
#: (``graph_schema.codes.hints``, ``ingest.alignment.origin``): fixed messages keyed by their
#: English text, as gettext keys a message; ``{field}`` parts are read back from the reason
#: and the English rebuilt from them must be the reason (:func:`origin_in`).
ORIGINS: dict[str, dict[Language, str]] = {
    "US 9xx ECCNs are anti-terrorism-only or other unilateral US controls": {
        "fr": "les ECCN américains 9xx sont des contrôles antiterroristes seulement ou d'autres "
        "contrôles unilatéraux américains",
        "ar": "أرقام ECCN الأمريكية 9xx ضوابط لمكافحة الإرهاب فقط أو ضوابط أمريكية أحادية أخرى",
    },
    "US 09x ECCNs are the advanced-computing and semiconductor controls the US added "
    "unilaterally from 2022": {
        "fr": "les ECCN américains 09x sont les contrôles sur le calcul avancé et les "
        "semi-conducteurs que les États-Unis ont ajoutés unilatéralement à partir de 2022",
        "ar": "أرقام ECCN الأمريكية 09x هي ضوابط الحوسبة المتقدمة وأشباه الموصلات التي أضافتها "
        "الولايات المتحدة أحاديًا منذ 2022",
    },
    "US 5xx ECCNs outside the firearms entries (the 9x515 spacecraft items moved from the "
    "USML, the temporary 0Y521 items, '.y' paragraphs) are unilateral US controls": {
        "fr": "les ECCN américains 5xx hors des entrées d'armes à feu (les engins spatiaux 9x515 "
        "transférés de l'USML, les biens temporaires 0Y521, les paragraphes « .y ») sont des "
        "contrôles unilatéraux américains",
        "ar": "أرقام ECCN الأمريكية 5xx خارج بنود الأسلحة النارية (مواد المركبات الفضائية "
        "9x515 المنقولة من قائمة USML، والمواد المؤقتة 0Y521، وفقرات ‎.y) ضوابط أمريكية أحادية",
    },
    "'.y' paragraphs of US 600-series ECCNs are controlled for anti-terrorism only, a "
    "unilateral US control": {
        "fr": "les paragraphes « .y » des ECCN américains de la série 600 sont contrôlés pour "
        "la seule lutte antiterroriste, un contrôle unilatéral américain",
        "ar": "فقرات ‎.y من أرقام ECCN الأمريكية من السلسلة 600 خاضعة للرقابة لمكافحة الإرهاب "
        "فقط، وهو ضابط أمريكي أحادي",
    },
    "US 0A503 holds discharge-type arms (stun guns), less-lethal grenades and projectiles "
    "under crime-control and UN reasons, which no Munitions List entry holds": {
        "fr": "l'ECCN américain 0A503 couvre les armes à décharge (pistolets à impulsion "
        "électrique), les grenades et projectiles à létalité réduite, pour des raisons de "
        "contrôle de la criminalité et de l'ONU, qu'aucune entrée de la liste des munitions ne "
        "couvre",
        "ar": "يشمل الرقم الأمريكي 0A503 أسلحة الصعق الكهربائي والقنابل والمقذوفات الأقل فتكًا "
        "لأسباب مكافحة الجريمة وأسباب الأمم المتحدة، ولا يشملها أي بند في قائمة الذخائر",
    },
    "numbered in the NSG block, but controlled for nuclear non-proliferation under NP Column 2 "
    "only: a control the US keeps alone (15 CFR 742.3), not an NSG list item": {
        "fr": "numérotée dans le bloc du NSG, mais contrôlée pour la non-prolifération "
        "nucléaire au seul titre de la colonne NP 2 : un contrôle que les États-Unis sont seuls "
        "à maintenir (15 CFR 742.3), pas un bien de la liste du NSG",
        "ar": "مرقَّم ضمن كتلة مجموعة الموردين النوويين، لكنه خاضع للرقابة لعدم الانتشار النووي "
        "بموجب العمود NP 2 فقط: ضابط تنفرد به الولايات المتحدة (15 CFR 742.3)، وليس بندًا في "
        "قائمة المجموعة",
    },
    "No regime uses {hundreds}xx numbers, so for issuer {who} this is a national addition": {
        "fr": "aucun régime n'utilise les numéros {hundreds}xx : pour l'émetteur {who}, c'est "
        "donc un ajout national",
        "ar": "لا يستخدم أي نظام الأرقام {hundreds}xx، لذا فهذا إضافة وطنية لدى الجهة المُصدِرة "
        "{who}",
    },
}
#: Added to an origin when every reason for control the list gives is anti-terrorism.
ORIGIN_AT_ONLY: dict[Language, str] = {
    "en": " (controlled for anti-terrorism reasons only)",
    "fr": " (contrôlé pour des raisons antiterroristes seulement)",
    "ar": " (خاضع للرقابة لأسباب مكافحة الإرهاب فقط)",
}

#: Kinds of divergence, as the dashboard names them.
KINDS: dict[str, dict[Language, str]] = {
    "agreement": {"en": "agreement", "fr": "Accord", "ar": "توافق"},
    "not-implemented": {"en": "not-implemented", "fr": "Non mis en œuvre", "ar": "غير منفَّذ"},
    "edition-lag": {"en": "edition-lag", "fr": "Retard d'édition", "ar": "تأخر الإصدار"},
    "scope-differs": {"en": "scope-differs", "fr": "Portée différente", "ar": "نطاق مختلف"},
    "unilateral": {"en": "unilateral", "fr": "Unilatéral", "ar": "أحادي"},
    "not-in-regime-list": {
        "en": "not-in-regime-list",
        "fr": "Absent de la liste du régime",
        "ar": "غير موجود في قائمة النظام",
    },
    "other-regime": {"en": "other-regime", "fr": "Autre régime", "ar": "نظام آخر"},
}

#: Statuses of a side (divergence rows) and of a subscriber (group brief), as the dashboard
#: words them; English keeps the analysis's own ids, which the English brief has always shown.
STATUSES: dict[str, dict[Language, str]] = {
    "controls": {"en": "controls", "fr": "contrôle", "ar": "يخضعه للرقابة"},
    "same": {"en": "same", "fr": "même portée", "ar": "النطاق نفسه"},
    "broader": {"en": "broader", "fr": "plus large", "ar": "أوسع"},
    "narrower": {"en": "narrower", "fr": "plus étroit", "ar": "أضيق"},
    "different-parameters": {
        "en": "different-parameters",
        "fr": "autres seuils",
        "ar": "عتبات مختلفة",
    },
    "implemented": {"en": "implemented", "fr": "mis en œuvre", "ar": "منفَّذ"},
    "via-parent": {"en": "via-parent", "fr": "via l'entrée parente", "ar": "عبر البند الأصلي"},
    "partial": {"en": "partial", "fr": "partiel", "ar": "جزئي"},
    "not-implemented": {"en": "not-implemented", "fr": "non mis en œuvre", "ar": "غير منفَّذ"},
    "not-in-edition-held": {
        "en": "not-in-edition-held",
        "fr": "absent d'une édition plus ancienne",
        "ar": "غائب عن إصدار أقدم",
    },
    "no-comparable-list": {
        "en": "no-comparable-list",
        "fr": "pas de liste comparable",
        "ar": "لا توجد قائمة مماثلة",
    },
    "no-list-held": {
        "en": "no-list-held",
        "fr": "aucune liste détenue",
        "ar": "لا توجد قائمة محفوظة",
    },
    "no-match-found": {
        "en": "no-match-found",
        "fr": "aucune correspondance trouvée par le contenu",
        "ar": "لم يُعثر على مطابقة في المحتوى",
    },
    "not-held-in-copy": {
        "en": "not-held-in-copy",
        "fr": "texte non détenu (copie incomplète)",
        "ar": "النص غير متوفر (نسخة ناقصة)",
    },
    "other-bounds": {"en": "other-bounds", "fr": "autres bornes", "ar": "حدود أخرى"},
    # Commitment gaps (group brief).
    "controlled": {"en": "controlled", "fr": "la contrôle", "ar": "تخضعها للرقابة"},
    "gap": {"en": "gap", "fr": "aucun contrôle", "ar": "لا رقابة"},
    "no-dual-use-list-held": {
        "en": "no-dual-use-list-held",
        "fr": "aucune liste double usage détenue",
        "ar": "لا توجد قائمة محفوظة للسلع ذات الاستخدام المزدوج",
    },
}

#: Membership roles as the sources word them (the dashboard's table).
ROLES: dict[str, dict[Language, str]] = {
    "participating state": {"fr": "État participant", "ar": "دولة مشاركة"},
    "member state": {"fr": "État membre", "ar": "دولة عضو"},
    "partner": {"fr": "partenaire", "ar": "شريك"},
    "participating government": {"fr": "gouvernement participant", "ar": "حكومة مشاركة"},
    "participant": {"fr": "participant", "ar": "مشارك"},
    "party": {"fr": "partie", "ar": "طرف"},
    "founding partner": {"fr": "partenaire fondateur", "ar": "شريك مؤسس"},
    "supporting state": {"fr": "État soutien", "ar": "دولة داعمة"},
}

_MONTHS: dict[Language, tuple[str, ...]] = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    # Month names of Modern Standard Arabic as most Arab states' official texts write them.
    "ar": (
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ),
}
#: Characters that join the words of a list, per language.
_COMMA: dict[Language, str] = {"en": ", ", "fr": ", ", "ar": "، "}
_SEMICOLON: dict[Language, str] = {"en": "; ", "fr": " ; ", "ar": "؛ "}


def say(lang: Language, key: str, **values: object) -> str:
    """The message ``key`` in ``lang``, its fields filled."""
    return MESSAGES[key][lang].format(**values)


def term(table: dict[str, dict[Language, str]], key: str, lang: Language) -> str:
    """A term of ``table`` in ``lang``; a term the table lacks is shown as its id."""
    return table.get(key, {}).get(lang, key)


def origin_in(reason: str, lang: Language) -> str | None:
    """An origin reason (:data:`ORIGINS`) in ``lang``; None when the catalogue lacks it."""
    suffix = ""
    if reason.endswith(ORIGIN_AT_ONLY["en"]):
        reason, suffix = reason.removesuffix(ORIGIN_AT_ONLY["en"]), ORIGIN_AT_ONLY[lang]
    for english, said in ORIGINS.items():
        # The message's {fields} read back as words of the reason.
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>\\S+)", re.escape(english))
        found = re.fullmatch(pattern, reason)
        if found is not None and english.format(**found.groupdict()) == reason:
            text = reason if lang == "en" else said[lang].format(**found.groupdict())
            return text + suffix
    return None


def role(name: str, lang: Language) -> str:
    return name if lang == "en" else ROLES.get(name, {}).get(lang, name)


def day(when: date, lang: Language) -> str:
    """A date as a reader of ``lang`` writes it (2 September 2024, 2 septembre 2024)."""
    month = _MONTHS[lang][when.month - 1]
    first = "1er" if lang == "fr" and when.day == 1 else str(when.day)
    return f"{first} {month} {when.year}"


def decimal(value: float, lang: Language) -> str:
    """One decimal, with the decimal comma in French (41,3)."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "fr" else text


def percent(value: float | None, lang: Language) -> str:
    """41.3%, 41,3 % (a narrow no-break space, as French typography has it), 41.3٪."""
    if value is None:
        return say(lang, "not-comparable")
    sign = {"en": "%", "fr": "\u202f%", "ar": "٪"}[lang]
    return decimal(value, lang) + sign


def comma(lang: Language) -> str:
    return _COMMA[lang]


def semicolon(lang: Language) -> str:
    return _SEMICOLON[lang]
