"""The sentences divergence rows say: how a side holds a regime entry, why it lacks one, what
another list holds of a national entry, and the caveats of a comparison. Written in one place,
in English, from the statuses and editions the analysis found."""

from __future__ import annotations

from collections.abc import Sequence

from queries.brief_i18n import say
from queries.evidence import codes, edition_label
from queries.index import Index
from queries.national import NationalGroup
from queries.reading.names import DUAL_USE, MUNITIONS, Jurisdiction
from queries.reading.records import EntryInfo, ListInfo
from queries.status import DIRECT, Status

SCOPE_WORDS = {
    "same": "same scope as the regime",
    "broader": "broader than the regime: controls more",
    "narrower": "narrower than the regime: controls less",
    "different-parameters": "different thresholds from the regime",
    "implemented": "matched by number, scope not established",
}
#: How a counterpart was found, for a scope not established (by number: see SCOPE_WORDS).
MATCHED_BY = {
    "stated": "as the list states",
    "text": "matched by text",
    "parameters": "matched by thresholds",
}


def lower_first(text: str) -> str:
    # Keep acronyms and codes ("US 9xx", "ECCN") as written.
    return (
        text if not text or text[:2].isupper() or text[0].isdigit() else text[0].lower() + text[1:]
    )


def editions(lists: Sequence[ListInfo]) -> str:
    return ", ".join(edition_label(i) for i in lists) or "no"


def how_held(s: Status, ref: ListInfo) -> str:
    if s.status in DIRECT:
        if s.entries and s.entries[0].list_id == ref.id:
            return "its own entry"
        if s.status == "implemented" and s.impls and s.impls[0].method != "code":
            how = MATCHED_BY.get(s.impls[0].method, f"matched by {s.impls[0].method}")
            return f"{codes(s.entries)}, {how}, scope not established"
        return f"{codes(s.entries)}, {SCOPE_WORDS[s.status]}"
    if s.status == "via-parent":
        return f"under {codes(s.entries)}, not itemised further in its list"
    return f"only sub-entries {codes(s.entries)}"


def why_absent(s: Status, ref: ListInfo) -> str:
    if s.status == "not-in-edition-held":
        return (
            f"absent from its {editions(s.lists)} list, older than the regime edition "
            f"{edition_label(ref)}: possibly not yet implemented in the edition held"
        )
    if s.alike:
        # Its own control carries the entry's words: absent as the regime's control only.
        text = say("en", "s.absent.alike", editions=editions(s.lists))
    else:
        text = f"no counterpart in its {editions(s.lists)} list"
    if s.entries:
        text += f", where {codes(s.entries)} is {s.entries[0].status}"
    for own in s.alike:
        # The catalogue's English template, which the brief reads back (brief_reasons).
        text += say("en", "s.absent.own", own=own.canonical, words=tail(own.text))
    return text


def tail(text: str, limit: int = 110) -> str:
    """The end of a long text, where a CCL paragraph says its bounds."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[-limit:]
    return "…" + cut[cut.find(" ") + 1 :]


def other_note(status: str, group: NationalGroup, found: list[EntryInfo]) -> str:
    if status == "same":
        return f"lists the same code {codes(found)}"
    if status == "other-bounds":
        return f"lists the same control with other bounds: {codes(found)}"
    if status == "via-parent":
        return f"lists the enclosing {codes(found)}, which it does not itemise further"
    if status == "not-implemented":
        return f"no entry {group.entry.canonical} in its comparable lists"
    if status == "no-comparable-list":
        return "its lists use another numbering (or the entry is outside the regime's scope)"
    return status


def comparison_notes(index: Index, js: list[Jurisdiction], ref: ListInfo | None) -> list[str]:
    """Caveats of a comparison: lists not held, lists read through the EU, older editions,
    kinds of list missing."""
    notes: list[str] = []
    if ref is None:
        notes.append(
            "No Wassenaar list is in the graph: only national entries were compared, by code."
        )
    for j in js:
        if not j.lists:
            notes.append(
                f"{j.key}: no control list of {j.name} is in the graph, so its controls "
                "cannot be compared (no-list-held), which is not the same as having none."
            )
            continue
        if j.via is not None:
            union = index.country_name(j.via)
            # The catalogue's English template, rebuilt in French and Arabic by the brief.
            notes.append(say("en", "s.member", j=j.key, union=union, editions=editions(j.lists)))
        if ref is not None:
            for info in j.lists:
                if info.issuer != ref.issuer and info.edition_date < ref.edition_date:
                    notes.append(
                        f"{j.key}'s list {info.id} is the {edition_label(info)} edition, "
                        f"older than Wassenaar {edition_label(ref)}: a regime entry it "
                        "lacks is reported as edition-lag only when an older Wassenaar "
                        "edition held, newer than this list, did not have it yet; "
                        "otherwise as not-implemented, with when Wassenaar added it."
                    )
        if MUNITIONS not in j.domains:
            notes.append(
                f"No munitions list of {j.key} is held: Wassenaar Munitions List entries "
                "are not compared for it (no-comparable-list)."
            )
        if DUAL_USE not in j.domains:
            notes.append(
                f"No dual-use list of {j.key} is held: Wassenaar dual-use entries are not "
                "compared for it (no-comparable-list)."
            )
    return notes
