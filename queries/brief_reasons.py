"""The reason of a divergence row, said again in French or Arabic from what the row holds: its
kind, each side's status, entries and editions, the thresholds that differ.

The analysis writes ``reason`` in English (:mod:`queries.divergence`, :mod:`queries.sentences`).
Rather than translate that string, the sentence is rebuilt from the row's fields with the
templates of :mod:`queries.brief_i18n`. The English rebuild must give the analysis's reason
exactly: that proves the fields carry all the sentence says, so the same fields rendered in
another language say the same. A row whose reason the fields do not reproduce (an alignment
finding the row does not keep, a shape not covered here) gets ``None``, and the brief shows its
English reason marked as English rather than half translated.

Why a national entry is unilateral is said in the language when the catalogue has its
sentence (:func:`queries.brief_i18n.origin_in`); evidence the analysis wrote as free English (an
origin not in the catalogue, what an alignment found) is quoted, marked as English: such a
reason is ``complete=False``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from queries.brief_i18n import (
    MESSAGES,
    PARTY_COUNTRIES,
    comma,
    day,
    origin_in,
    quantity,
    say,
    semicolon,
    written,
)
from queries.requests import Language
from queries.sentences import lower_first
from queries.status import ABSENT, CONTROLLED, DIRECT, SCOPES
from queries.views import (
    CommitmentGapRow,
    DivergenceRow,
    DivergenceSide,
    EditionRef,
    EntryRef,
    JurisdictionView,
    PartyListGapRow,
)


@dataclass(frozen=True)
class Said:
    """A reason in one language."""

    text: str
    #: False when it quotes the analysis's English evidence (marked as English).
    complete: bool


class _Unsaid(Exception):
    """The row's fields do not carry what its reason says: no rebuilt sentence."""


def reason_in(row: DivergenceRow, reference: EditionRef | None, lang: Language) -> Said | None:
    """``row.reason`` in ``lang``, rebuilt from the row; None when it cannot be rebuilt."""
    try:
        if _render(row, reference, "en").text != row.reason:
            return None
        return _render(row, reference, lang)
    except _Unsaid:
        return None


class _Words:
    def __init__(self, lang: Language) -> None:
        self.lang = lang
        self.complete = True

    def say(self, key: str, **values: object) -> str:
        return say(self.lang, f"r.{key}", **values)

    def j(self, name: str) -> str:
        """A jurisdiction's key as the language writes it in a sentence."""
        return written(name, self.lang)

    def english(self, text: str) -> str:
        """Evidence the analysis wrote in English, quoted as such."""
        if self.lang != "en":
            self.complete = False
        return say(self.lang, "in.english", text=text)

    def and_join(self, items: Sequence[str]) -> str:
        if len(items) <= 1:
            return "".join(items)
        last = self.say("and", item=items[-1])
        return comma(self.lang).join(items[:-1]) + last

    def codes(self, entries: Sequence[EntryRef]) -> str:
        # The analysis names four and counts the rest; the row keeps five at most, so a longer
        # list cannot be counted again.
        if len(entries) > 4:
            raise _Unsaid
        return comma(self.lang).join(e.code for e in entries)

    def editions(self, editions: Sequence[EditionRef]) -> str:
        if not editions:
            raise _Unsaid
        return comma(self.lang).join(_edition_label(e) for e in editions)

    def scope(self, status: str) -> str:
        return self.say(f"scope.{status}")


def _edition_label(edition: EditionRef) -> str:
    day = edition.edition_date.isoformat()
    return edition.edition if edition.edition == day else f"{edition.edition} ({day})"


def _render(row: DivergenceRow, reference: EditionRef | None, lang: Language) -> Said:
    w = _Words(lang)
    if row.reference is not None and reference is not None:
        text = _regime(w, row, reference)
    elif row.kind == "unilateral":
        text = _unilateral(w, row)
    elif row.kind in ("not-in-regime-list", "edition-lag"):
        text = _placeholder(w, row)
    else:
        raise _Unsaid
    return Said(text, w.complete)


# --- regime entries ---------------------------------------------------------------------------


def _regime(w: _Words, row: DivergenceRow, ref: EditionRef) -> str:
    label = {"edition": ref.edition, "code": row.code}
    if row.kind == "scope-differs":
        scopes = semicolon(w.lang).join(
            w.say("scope.side", j=w.j(s.jurisdiction), scope=w.scope(s.status)) for s in row.sides
        )
        more = ""
        if row.parameter_differences:
            parts = [
                w.say(
                    "threshold",
                    quantity=quantity(d.quantity, w.lang),
                    values=comma(w.lang).join(f"{w.j(k)} '{v}'" for k, v in d.values.items()),
                    stricter=w.say("stricter", j=w.j(d.stricter)) if d.stricter else "",
                )
                for d in row.parameter_differences
            ]
            more = w.say("thresholds", parts=semicolon(w.lang).join(parts))
        else:
            for side in row.sides:
                found = _findings(side)
                if found:
                    said = semicolon(w.lang).join(_finding(w, x) for x in found)
                    more += w.say("findings", j=w.j(side.jurisdiction), found=said)
        return w.say("scope", scopes=scopes, more=more, **label)
    if row.kind not in ("not-implemented", "edition-lag"):
        raise _Unsaid
    controlled = [
        w.say("held", j=w.j(s.jurisdiction), how=_how_held(w, s, ref))
        for s in row.sides
        if s.status in CONTROLLED
    ]
    absent = [
        w.say("held", j=w.j(s.jurisdiction), how=_why_absent(w, s, ref))
        for s in row.sides
        if s.status in ABSENT
    ]
    sub = w.say("sub", n=row.sub_entries) if row.sub_entries else ""
    return w.say(
        "lacking", controlled=w.and_join(controlled), absent=w.and_join(absent), sub=sub, **label
    )


#: A threshold the alignment compared, as ingest words it
#: (:func:`ingest.sources.helpers.parameters.comparison.parameter_scope`).
_THRESHOLD_FOUND = re.compile(
    r"(?P<quantity>[^:']+): national '(?P<national>.*)' is (?P<word>stricter|looser) than "
    r"regime '(?P<regime>.*)'",
    re.DOTALL,
)


def _finding(w: _Words, found: str) -> str:
    """One thing the alignment found: a compared threshold in the language (its values quoted
    as the lists word them); anything else quoted in English, marked as such."""
    match = _THRESHOLD_FOUND.fullmatch(found)
    if match is not None:
        values = match.groupdict()
        english = say("en", f"finding.{values['word']}", **values)
        if english == found:
            return say(
                w.lang,
                f"finding.{values['word']}",
                quantity=quantity(values["quantity"], w.lang),
                national=values["national"],
                regime=values["regime"],
            )
    return w.english(found)


def _findings(side: DivergenceSide) -> list[str]:
    """What the alignment recorded of a scope no threshold shows (the analysis's own pick)."""
    if side.status not in SCOPES[1:] or side.note is None or side.method is None:
        return []
    if side.method in ("code", "stated"):
        return [x for x in side.note.split("; ")[1:] if not x.startswith("text similarity")]
    return [side.note]


def _how_held(w: _Words, s: DivergenceSide, ref: EditionRef) -> str:
    if s.status in DIRECT:
        if s.entries and s.entries[0].list_id == ref.list_id:
            return w.say("own")
        if s.status == "implemented" and s.method not in (None, "code"):
            return w.say("matched", codes=w.codes(s.entries), how=w.say(f"method.{s.method}"))
        return w.say("held.scope", codes=w.codes(s.entries), scope=w.scope(s.status))
    if s.status == "via-parent":
        return w.say("via", codes=w.codes(s.entries))
    return w.say("partial", codes=w.codes(s.entries))


def _why_absent(w: _Words, s: DivergenceSide, ref: EditionRef) -> str:
    if s.status == "not-in-edition-held":
        return w.say("older", editions=w.editions(s.editions), ref=_edition_label(ref))
    alike = _alike(s)
    editions = w.editions(s.editions)
    if alike is None:
        text = w.say("no.counterpart", editions=editions)
    else:
        text = say(w.lang, "s.absent.alike", editions=editions)
    if s.entries:
        status = s.entries[0].status
        text += w.say("where", codes=w.codes(s.entries), status=w.say(f"entry.{status}"))
    for own, words in alike or []:
        text += say(w.lang, "s.absent.own", own=own, words=words)
    return text


_ALIKE = "not implemented as the regime's control in its "
_OWN = re.compile(
    r"(\S+), a control outside the regimes under its own reasons for control, has like words "
    r"with its own bounds: '(.*)'",
    re.DOTALL,
)


def _alike(s: DivergenceSide) -> list[tuple[str, str]] | None:
    """The side's own controls with like words (:func:`queries.sentences.why_absent`): their
    codes and the end of their texts are read from the side's note, which the row keeps; None
    when the note says no such control."""
    if s.note is None or not s.note.startswith(_ALIKE):
        return None
    found = []
    for part in s.note.split("; its own ")[1:]:
        own = _OWN.fullmatch(part)
        if own is None:
            raise _Unsaid
        found.append((own.group(1), own.group(2)))
    return found


# --- national entries -------------------------------------------------------------------------


def _class(status: str) -> str:
    if status in CONTROLLED or status in ("controls", "other-bounds"):
        return "c"
    return "a" if status in ABSENT else "n"


def _named(w: _Words, sides: Sequence[DivergenceSide], kind: str) -> list[str]:
    """The names of the sides whose status is of ``kind`` (:func:`_class`)."""
    return [w.j(s.jurisdiction) for s in sides if _class(s.status) == kind]


def _origin(w: _Words, origin: str) -> str:
    """Why the entry is the issuer's own: from the catalogue of the numbering's fixed
    explanations, else quoted in English."""
    said = origin_in(origin, w.lang) if w.lang != "en" else None
    return lower_first(said) if said is not None else w.english(lower_first(origin))


def _unilateral(w: _Words, row: DivergenceRow) -> str:
    holders = [s for s in row.sides if s.status == "controls"]
    if len(holders) != 1 or holders[0].note is None or not holders[0].entries:
        raise _Unsaid
    holder, origin = holders[0], holders[0].note
    others = [s for s in row.sides if s is not holder]
    if row.sub_entries:
        origin = origin.removesuffix(f"; with {row.sub_entries} sub-entries")
    also = _named(w, others, "c")
    values = {
        "j": w.j(holder.jurisdiction),
        "code": holder.entries[0].code,
        "origin": _origin(w, origin),
        "lacking": _lacking(w, others),
    }
    if any(s.status == "other-bounds" for s in others):
        return _other_bounds(w, row, holder, others, values)
    if also:
        key = "plurilateral" if len(also) > 1 else "plurilateral.one"
        return w.say(key, also=w.and_join(also), **values)
    return w.say("unilateral", **values)


def _other_bounds(
    w: _Words,
    row: DivergenceRow,
    holder: DivergenceSide,
    others: Sequence[DivergenceSide],
    values: dict[str, str],
) -> str:
    """The same control listed by others with other bounds: who and under which codes is read
    from the row; each side's bounds (the lists' words, the holder's gathered from its
    sub-entries, which the row does not keep) are read from the English reason between the
    sides' labels, then quoted as list text."""
    bound = [s for s in others if s.status == "other-bounds" and s.entries]
    labels = [
        say("en", "r.bounds.side", j=s.jurisdiction, codes=w.codes(s.entries), text="")
        for s in bound
    ] + [say("en", "r.bounds.own", j=holder.jurisdiction, text="")]
    start = row.reason.find(" with other bounds (")
    if start < 0 or not bound:
        raise _Unsaid
    texts, at = [], start + len(" with other bounds (")
    for label, after in zip(labels, [*labels[1:], None], strict=True):
        if not row.reason.startswith(label, at):
            raise _Unsaid
        at += len(label)
        end = row.reason.find(f"; {after}", at) if after else row.reason.find("): ", at)
        if end < 0:
            raise _Unsaid
        texts.append(row.reason[at:end])
        at = end + 2
    sides = [
        w.say("bounds.side", j=w.j(s.jurisdiction), codes=w.codes(s.entries), text=text)
        for s, text in zip(bound, texts[:-1], strict=True)
    ]
    sides.append(w.say("bounds.own", j=w.j(holder.jurisdiction), text=texts[-1]))
    also = _named(w, others, "c")
    # Who else lists it is said before the bounds: the rest follows the origin.
    rest = "".join(semicolon(w.lang) + p for p in _lacking_parts(w, others)[1:])
    return w.say(
        "bounds.one" if len(also) == 1 else "bounds.many",
        j=values["j"],
        code=values["code"],
        also=w.and_join(also),
        bounds=semicolon(w.lang).join(sides),
        origin=values["origin"],
        rest=rest,
    )


def _lacking(w: _Words, others: Sequence[DivergenceSide]) -> str:
    """Who else lists a national entry, who does not, who cannot be checked."""
    return comma(w.lang).join(_lacking_parts(w, others))


def _lacking_parts(w: _Words, others: Sequence[DivergenceSide]) -> list[str]:
    """Who else lists a national entry (first, when any), who does not, who cannot be
    checked."""
    also = _named(w, others, "c")
    absent = _named(w, others, "a")
    blind = _named(w, others, "n")
    parts = []
    if also:
        parts.append(w.say("also.list" if len(also) > 1 else "also.lists", who=w.and_join(also)))
    if absent:
        key = "not.list" if len(absent) > 1 else "not.lists"
        parts.append(w.say(key, who=w.and_join(absent)))
    if blind:
        parts.append(w.say("blind" if len(blind) > 1 else "blind.one", who=w.and_join(blind)))
    return parts


#: The holder's note of an entry numbered like a paragraph the regime keeps as a placeholder
#: (:meth:`queries.divergence.Divergence._holder_note`).
_PLACEHOLDER = re.compile(
    r"numbered like Wassenaar (\S+), which the Wassenaar (\S+) edition held marks '(.*)'"
    r"(?:; with [0-9]+ sub-entries)?",
    re.DOTALL,
)


def _placeholder(w: _Words, row: DivergenceRow) -> str:
    """An entry still controlling what the regime dropped: the paragraph's number, the
    regime edition and its placeholder words are read from the holder's note; the list words
    stay English, quoted as list text."""
    holders = [s for s in row.sides if s.status == "controls"]
    if len(holders) != 1 or holders[0].note is None or not holders[0].entries:
        raise _Unsaid
    holder = holders[0]
    found = _PLACEHOLDER.fullmatch(holder.note or "")
    if found is None or len(holder.editions) != 1:
        raise _Unsaid
    wcode, ref, words = found.groups()
    return w.say(
        "placeholder",
        j=w.j(holder.jurisdiction),
        code=holder.entries[0].code,
        edition=_edition_label(holder.editions[0]),
        wcode=wcode,
        ref=ref,
        excerpt=words,
        lacking=_lacking(w, [s for s in row.sides if s is not holder]),
    )


# --- the caveats of a comparison ----------------------------------------------------------------


def notes_in(
    notes: Sequence[str],
    jurisdictions: Sequence[JurisdictionView],
    reference: EditionRef | None,
    lang: Language,
    names: Mapping[str, str],
    technologies: Mapping[str, str] | None = None,
) -> list[str | None]:
    """Each caveat of :func:`queries.sentences.comparison_notes` (and of the divergences, and of
    a group brief's commitment gaps) in ``lang``, rebuilt from the jurisdictions compared and
    their lists (the technologies, node -> English name, for a group brief); None for a caveat
    no candidate rebuilds word for word in English."""
    candidates: dict[str, str] = {}
    for en, rebuilt in _note_candidates(jurisdictions, reference, lang, names):
        candidates.setdefault(en, rebuilt)
    for key in ("gap.note.tags", "gap.note.no-list"):
        candidates.setdefault(say("en", f"s.{key}"), say(lang, f"s.{key}"))
    out: list[str | None] = []
    for note in notes:
        said: str | None = candidates.get(note) or _counted_note(note, lang)
        said = said or _member_note(note, jurisdictions, lang, names)
        out.append(said or _uncovered_note(note, technologies or {}, lang, names))
    return out


def _member_note(
    note: str, jurisdictions: Sequence[JurisdictionView], lang: Language, names: Mapping[str, str]
) -> str | None:
    """A member state's controls read from its union's list: the union's name is read from the
    note, the rest from the jurisdiction, and the English rebuild must be the note."""
    for j in jurisdictions:
        found = re.match(rf"{re.escape(j.key)} is a member state of the (.+?): ", note)
        if j.via is None or found is None:
            continue
        union = found.group(1)
        values = {"j": j.key, "union": union}
        english = ", ".join(_edition_label(e) for e in j.lists)
        if say("en", "s.member", editions=english, **values) == note:
            editions = comma(lang).join(_edition_label(e) for e in j.lists)
            values["union"] = names.get(j.via, union)
            return say(lang, "s.member", editions=editions, **values)
    return None


def _uncovered_note(
    note: str, technologies: Mapping[str, str], lang: Language, names: Mapping[str, str]
) -> str | None:
    """The technologies no entry of the regime list is tagged for, named in ``lang`` (in the
    note's order, which is the analysis's)."""
    found = re.match(r"No entry of the Wassenaar (\S+) list is tagged for (.+?): gaps there", note)
    if found is None:
        return None
    edition, listed = found.groups()
    named = sorted(
        ((listed.find(name), node, name) for node, name in technologies.items() if name in listed),
    )
    english = [name for _, _, name in named]
    if say("en", "s.gap.note.uncovered", edition=edition, techs=_and("en", english)) != note:
        return None
    said = [names.get(node, name) for _, node, name in named]
    return say(lang, "s.gap.note.uncovered", edition=edition, techs=_and(lang, said))


def _and(lang: Language, items: Sequence[str]) -> str:
    """Items joined as the analysis joins them in English ("a, b and c")."""
    if len(items) <= 1:
        return "".join(items)
    return comma(lang).join(items[:-1]) + say(lang, "r.and", item=items[-1])


# --- the group brief: a subscriber against a technology ------------------------------------------


def gap_reason_in(row: CommitmentGapRow, lang: Language, names: Mapping[str, str]) -> str | None:
    """Why a subscriber of a code of conduct is said to control a technology, lack it, or not
    be checked (:mod:`queries.gaps`), rebuilt in ``lang`` from the row: its status, lists,
    entries and technology. What the row does not keep (the code of conduct's short name and
    subscription date, the count of entries past the fourth, the regime entries, the tags'
    matches) is read from the English sentence, which the English rebuild must then give word
    for word. None when it does not."""
    for via in (False, True):
        try:
            if _gap(row, "en", {}, via, row.reason) == row.reason:
                return _gap(row, lang, names, via, row.reason)
        except _Unsaid:
            return None
    return None


def _when(value: date, lang: Language) -> str:
    # The analysis writes ISO dates; a translation writes them as its readers do.
    return value.isoformat() if lang == "en" else day(value, lang)


def _more(lang: Language, codes: Sequence[str], more: int) -> str:
    text = comma(lang).join(codes)
    return text + (say(lang, "s.gap.more", n=more) if more else "")


def _codes_read(text: str, lang: Language) -> str:
    """Codes as the analysis wrote them ("4A005, 4D004 and 3 more"), in ``lang``."""
    found = re.fullmatch(r"(.+) and ([0-9]+) more", text)
    shown, more = (found.group(1), int(found.group(2))) if found else (text, 0)
    return _more(lang, shown.split(", "), more)


def _gap(
    row: CommitmentGapRow, lang: Language, names: Mapping[str, str], via: bool, english: str
) -> str:
    name = names.get(f"country:{row.country}", row.name)
    tech = names.get(row.technology, row.technology_name)
    values = {"name": name, "tech": tech}
    if row.status == "no-list-held":
        found = re.match(
            rf"{re.escape(row.name)} subscribes to the (.+?)(?: \(since ([0-9-]{{10}})\))? but ",
            english,
        )
        if found is None:
            raise _Unsaid
        code, since = found.groups()
        when = say(lang, "s.gap.since", day=_when(date.fromisoformat(since), lang)) if since else ""
        return say(lang, "s.gap.no-list", code=code, since=when, **values)
    if row.status == "no-dual-use-list-held":
        key = "s.gap.no-dual-use.one" if len(row.editions) == 1 else "s.gap.no-dual-use"
        return say(lang, key, held=comma(lang).join(e.list_id for e in row.editions), **values)
    held = comma(lang).join(
        say(lang, "s.gap.dated", list=e.list_id, day=_when(e.edition_date, lang))
        for e in row.editions
    )
    through = say(lang, "s.gap.via", held=held) if via else held
    if row.status == "controlled":
        found = re.search(r"(?: and ([0-9]+) more)? \(([^()]*)\)\.$", english)
        if found is None:
            raise _Unsaid
        more, tags = found.groups()
        shown = [e.code for e in row.entries[:4]]
        return say(
            lang,
            "s.gap.controlled",
            through=through,
            codes=_more(lang, shown, int(more or 0)),
            tags=semicolon(lang).join(_tag(lang, tag) for tag in tags.split("; ")),
            **values,
        )
    if row.regime_covers:
        found = re.search(r", although the Wassenaar list has (.+) for it: ", english)
        if found is None:
            raise _Unsaid
        why = say(lang, "s.gap.regime", codes=_codes_read(found.group(1), lang))
    else:
        why = say(lang, "s.gap.common")
    return say(lang, "s.gap.none", through=through, why=why, **values)


def _tag(lang: Language, tag: str) -> str:
    """How an entry was tied to the technology ("code-hint: 4A005"), in ``lang``."""
    method, _, matched = tag.partition(": ")
    if f"tag.{method}" not in MESSAGES:
        raise _Unsaid
    return say(lang, f"tag.{method}", matched=matched)


def _note_candidates(
    jurisdictions: Sequence[JurisdictionView],
    reference: EditionRef | None,
    lang: Language,
    names: Mapping[str, str],
) -> list[tuple[str, str]]:
    def both(key: str, j: str, **values: object) -> tuple[str, str]:
        english = say("en", f"n.{key}", j=j, **values)
        return english, say(lang, f"n.{key}", j=written(j, lang), **values)

    found = []
    if reference is None:
        found.append((say("en", "n.no.reference"), say(lang, "n.no.reference")))
    for j in jurisdictions:
        found.append(both("no.munitions", j=j.key))
        found.append(both("no.dual-use", j=j.key))
        if not j.lists:
            name = names.get(j.node, j.name)
            english = say("en", "n.no-list", j=j.key, name=j.name)
            found.append((english, say(lang, "n.no-list", j=written(j.key, lang), name=name)))
            continue
        if reference is None:
            continue
        for edition in j.lists:
            if edition.edition_date < reference.edition_date:
                found.append(
                    both(
                        "older",
                        j=j.key,
                        list=edition.list_id,
                        edition=_edition_label(edition),
                        ref=_edition_label(reference),
                    )
                )
    return found


def _counted_note(note: str, lang: Language) -> str | None:
    """The two caveats that count entries (the number and the jurisdiction are read from the
    note, then the English sentence is rebuilt from them and must be the note)."""
    n, _, rest = note.partition(" entries of ")
    key = rest.split(" ", 1)[0]
    if not n.isdigit() or not key:
        return None
    for template in ("n.restated", "n.uncomparable"):
        if say("en", template, n=n, j=key) == note:
            return say(lang, template, n=n, j=written(key, lang))
    return None


# --- parties listed by a partner ----------------------------------------------------------------


def party_reason_in(row: PartyListGapRow, lang: Language) -> str | None:
    """Why a partner's party is reported (:mod:`queries.party_gaps`), in ``lang``, from the
    row's verdict, names, score and countries; None when the English rebuild is not the row's
    reason. Names stay as the lists write them."""
    if _party(row, "en") != row.reason:
        return None
    return _party(row, lang)


def _party(row: PartyListGapRow, lang: Language) -> str:
    values = {"who": row.listed_by, "them": row.compared_with, "party": row.party.name}
    if row.candidate is None:
        return say(lang, "s.party.none", **values)
    shown = f"'{row.name}'" + (f" ({row.party.name})" if row.name != row.party.name else "")
    other = row.candidate.name
    found = f"'{row.candidate_name}'" + (f" ({other})" if row.candidate_name != other else "")
    countries = say(lang, f"s.party.{PARTY_COUNTRIES[row.countries_agree]}")
    score = f"{row.score:.0f}"
    return say(
        lang,
        f"s.party.{row.verdict}",
        shown=shown,
        found=found,
        score=score,
        countries=countries,
        **values,
    )


def party_notes_in(notes: Sequence[str], lang: Language) -> list[str | None]:
    """The caveats of a party comparison (:mod:`queries.party_gaps`) in ``lang``; the kinds of
    party and the count are read from the note, which the English rebuild must then be."""
    out: list[str | None] = []
    fixed = {say("en", f"s.party.note.{k}"): k for k in ("apart", "several")}
    for note in notes:
        if note in fixed:
            out.append(say(lang, f"s.party.note.{fixed[note]}"))
            continue
        found = re.fullmatch(
            r"(\S+) lists no party of kind (.+): the ([0-9]+) such parties of (\S+) are .*", note
        )
        if found is None:
            out.append(None)
            continue
        other, kinds, n, one = found.groups()
        values = {"other": other, "n": n, "one": one}
        if say("en", "s.party.note.kinds", kinds=kinds, **values) != note:
            out.append(None)
            continue
        said = comma(lang).join(kinds.split(", "))
        out.append(say(lang, "s.party.note.kinds", kinds=said, **values))
    return out
