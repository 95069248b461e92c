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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from queries.brief_i18n import comma, origin_in, say, semicolon
from queries.requests import Language
from queries.sentences import lower_first
from queries.status import ABSENT, CONTROLLED, DIRECT, SCOPES
from queries.views import DivergenceRow, DivergenceSide, EditionRef, EntryRef, JurisdictionView


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
    else:
        raise _Unsaid
    return Said(text, w.complete)


# --- regime entries ---------------------------------------------------------------------------


def _regime(w: _Words, row: DivergenceRow, ref: EditionRef) -> str:
    label = {"edition": ref.edition, "code": row.code}
    if row.kind == "scope-differs":
        scopes = semicolon(w.lang).join(
            w.say("scope.side", j=s.jurisdiction, scope=w.scope(s.status)) for s in row.sides
        )
        more = ""
        if row.parameter_differences:
            parts = [
                w.say(
                    "threshold",
                    quantity=d.quantity,
                    values=comma(w.lang).join(f"{k} '{v}'" for k, v in d.values.items()),
                    stricter=w.say("stricter", j=d.stricter) if d.stricter else "",
                )
                for d in row.parameter_differences
            ]
            more = w.say("thresholds", parts=semicolon(w.lang).join(parts))
        else:
            for side in row.sides:
                found = _findings(side)
                if found:
                    more += w.say(
                        "findings", j=side.jurisdiction, found=w.english("; ".join(found))
                    )
        return w.say("scope", scopes=scopes, more=more, **label)
    if row.kind not in ("not-implemented", "edition-lag"):
        raise _Unsaid
    controlled = [
        w.say("held", j=s.jurisdiction, how=_how_held(w, s, ref))
        for s in row.sides
        if s.status in CONTROLLED
    ]
    absent = [
        w.say("held", j=s.jurisdiction, how=_why_absent(w, s, ref))
        for s in row.sides
        if s.status in ABSENT
    ]
    sub = w.say("sub", n=row.sub_entries) if row.sub_entries else ""
    return w.say(
        "lacking", controlled=w.and_join(controlled), absent=w.and_join(absent), sub=sub, **label
    )


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
    text = w.say("no.counterpart", editions=w.editions(s.editions))
    if s.entries:
        status = s.entries[0].status
        text += w.say("where", codes=w.codes(s.entries), status=w.say(f"entry.{status}"))
    return text


# --- national entries -------------------------------------------------------------------------


def _class(status: str) -> str:
    if status in CONTROLLED or status in ("controls", "other-bounds"):
        return "c"
    return "a" if status in ABSENT else "n"


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
    if any(s.status == "other-bounds" for s in others):
        raise _Unsaid  # the bounds of each side: a sentence not rebuilt here
    if row.sub_entries:
        origin = origin.removesuffix(f"; with {row.sub_entries} sub-entries")
    also = [s.jurisdiction for s in others if _class(s.status) == "c"]
    absent = [s.jurisdiction for s in others if _class(s.status) == "a"]
    blind = [s.jurisdiction for s in others if _class(s.status) == "n"]
    parts = []
    if also:
        parts.append(w.say("also.list" if len(also) > 1 else "also.lists", who=w.and_join(also)))
    if absent:
        key = "not.list" if len(absent) > 1 else "not.lists"
        parts.append(w.say(key, who=w.and_join(absent)))
    if blind:
        parts.append(w.say("blind" if len(blind) > 1 else "blind.one", who=w.and_join(blind)))
    values = {
        "j": holder.jurisdiction,
        "code": holder.entries[0].code,
        "origin": _origin(w, origin),
        "lacking": comma(w.lang).join(parts),
    }
    if also:
        key = "plurilateral" if len(also) > 1 else "plurilateral.one"
        return w.say(key, also=w.and_join(also), **values)
    return w.say("unilateral", **values)


# --- the caveats of a comparison ----------------------------------------------------------------


def notes_in(
    notes: Sequence[str],
    jurisdictions: Sequence[JurisdictionView],
    reference: EditionRef | None,
    lang: Language,
    names: Mapping[str, str],
) -> list[str | None]:
    """Each caveat of :func:`queries.sentences.comparison_notes` (and of the divergences) in
    ``lang``, rebuilt from the jurisdictions compared and their lists; None for a caveat no
    candidate rebuilds word for word in English."""
    candidates: dict[str, str] = {}
    for en, said in _note_candidates(jurisdictions, reference, lang, names):
        candidates.setdefault(en, said)
    out: list[str | None] = []
    for note in notes:
        counted = _counted_note(note, lang)
        out.append(candidates.get(note, counted))
    return out


def _note_candidates(
    jurisdictions: Sequence[JurisdictionView],
    reference: EditionRef | None,
    lang: Language,
    names: Mapping[str, str],
) -> list[tuple[str, str]]:
    def both(key: str, **values: object) -> tuple[str, str]:
        return say("en", f"n.{key}", **values), say(lang, f"n.{key}", **values)

    found = []
    if reference is None:
        found.append(both("no.reference"))
    for j in jurisdictions:
        found.append(both("no.munitions", j=j.key))
        found.append(both("no.dual-use", j=j.key))
        if not j.lists:
            name = names.get(j.node, j.name)
            english = say("en", "n.no-list", j=j.key, name=j.name)
            found.append((english, say(lang, "n.no-list", j=j.key, name=name)))
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
            return say(lang, template, n=n, j=key)
    return None
