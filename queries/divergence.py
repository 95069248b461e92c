"""Divergence between two or more jurisdictions (countries, the EU, regimes).

Two passes, both over per-revision indexes:

1. every active entry of the reference (Wassenaar) list, with each jurisdiction's status for
   it: controlled by some and absent from others (not implemented, or edition lag when the
   lists lacking it are older than the regime edition), or controlled by all with a different
   scope (broader, narrower, other thresholds);
2. every national entry with no counterpart in the reference list: unilateral controls,
   entries numbered like Wassenaar but absent from the edition held, and entries of other
   regimes' lists (MTCR, NSG, Australia Group, CWC), compared with the other jurisdictions by
   code where they use the same numbering.

A sub-entry that diverges exactly like its parent is folded into the parent's row
(``sub_entries``), so a missing item reads as one row, not thirty.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import get_args

from queries.brief_i18n import say
from queries.errors import InvalidQuery
from queries.evidence import (
    Filters,
    and_join,
    codes,
    edition_label,
    edition_ref,
    entry_ref,
    jurisdiction_view,
    make_filters,
    page,
    parameter_differences,
)
from queries.index import Index
from queries.national import NationalGroup
from queries.reading.names import Jurisdiction
from queries.reading.records import EntryInfo, ListInfo
from queries.requests import MAX_JURISDICTIONS, DivergenceRequest
from queries.sentences import (
    SCOPE_WORDS,
    comparison_notes,
    editions,
    how_held,
    lower_first,
    other_note,
    why_absent,
)
from queries.status import ABSENT, CONTROLLED, DIRECT, SCOPES, Status
from queries.text import excerpt
from queries.views import (
    DivergenceKind,
    DivergenceReport,
    DivergenceRow,
    DivergenceSide,
    ParameterDifference,
)

KINDS: tuple[str, ...] = get_args(DivergenceKind)
_ORDER = {kind: i for i, kind in enumerate(KINDS)}

_CLASS = {
    **{s: "c" for s in CONTROLLED},
    "controls": "c",
    "other-bounds": "c",
    **{s: "a" for s in ABSENT},
}


def _cls(status: str) -> str:
    """c: controlled, a: absent, n: cannot be compared (no list of the kind held)."""
    return _CLASS.get(status, "n")


def _code_key(canonical: str) -> tuple[int, str]:
    return (1 if canonical.startswith("ML") else 0, canonical)


@dataclass
class _RegimeSpec:
    kind: str
    entry: EntryInfo
    statuses: list[Status]
    techs: frozenset[str]
    sub_entries: int = 0

    def key(self) -> tuple[int, tuple[int, str], str]:
        return (_ORDER[self.kind], _code_key(self.entry.canonical), self.entry.code)


@dataclass
class _NationalSpec:
    kind: str
    holder: int
    group: NationalGroup
    others: list[tuple[int, str, list[EntryInfo]]]
    techs: frozenset[str]

    def key(self) -> tuple[int, tuple[int, str], str]:
        return (_ORDER[self.kind], _code_key(self.group.entry.canonical), self.group.entry.code)


@dataclass
class _Tally:
    compared: int = 0
    agreed: int = 0


class Divergence:
    def __init__(self, index: Index) -> None:
        self.index = index

    def report(
        self, request: DivergenceRequest, *, limit: int | None = None, offset: int = 0
    ) -> DivergenceReport:
        """Rows for every divergence, sorted by kind and code; views are built for the page."""
        index = self.index
        jurisdictions, kinds = request.jurisdiction, request.kind
        if len(jurisdictions) > MAX_JURISDICTIONS:
            raise InvalidQuery(f"compare at most {MAX_JURISDICTIONS} jurisdictions at once")
        # The same jurisdiction twice only when two of its editions are compared (EU@2021).
        js = index.distinct_jurisdictions(jurisdictions, by="key")
        if len(js) < 2:
            raise InvalidQuery("name at least two different jurisdictions, e.g. US and EU")
        filters = make_filters(index, request.category, request.code_prefix, request.technology)
        ref = index.reference
        notes = comparison_notes(index, js, ref)
        specs: list[_RegimeSpec | _NationalSpec] = []
        tally = _Tally()
        if ref is not None:
            specs.extend(self._regime_specs(js, ref, filters, request.include_agreements, tally))
        specs.extend(self._national_specs(js, ref, filters, notes))
        if kinds:
            specs = [x for x in specs if x.kind in kinds]
        specs.sort(key=lambda x: x.key())
        counts = Counter(x.kind for x in specs)
        chosen, bounds = page(specs, limit, offset)
        items = [
            self._regime_row(js, ref, x)
            if isinstance(x, _RegimeSpec) and ref is not None
            else self._national_row(js, ref, x)  # type: ignore[arg-type]
            for x in chosen
        ]
        return DivergenceReport(
            items=items,
            **bounds,
            jurisdictions=[jurisdiction_view(j) for j in js],
            reference=edition_ref(ref) if ref is not None else None,
            counts={k: counts[k] for k in KINDS if counts[k]},
            compared=tally.compared,
            agreed=tally.agreed,
            filters=filters.as_dict(),
            notes=notes,
        )

    # --- regime entries -----------------------------------------------------------------------

    def _regime_specs(
        self,
        js: list[Jurisdiction],
        ref: ListInfo,
        filters: Filters,
        include_agreements: bool,
        tally: _Tally,
    ) -> list[_RegimeSpec]:
        index = self.index
        maps = [index.status_map(j, ref) for j in js]
        specs: list[_RegimeSpec] = []
        folded: dict[str, tuple[tuple[str, ...], int]] = {}
        for e in index.entries(ref.id).values():
            if e.status != "active":
                continue
            statuses = [m[e.id] for m in maps]
            classes = tuple(_CLASS.get(s.status, "n") for s in statuses)
            if len(classes) - classes.count("n") < 2:
                continue  # fewer than two of them can hold it: nothing to compare
            kind = _regime_kind(classes, statuses)
            if kind is None and not include_agreements and not filters.active():
                tally.compared += 1
                tally.agreed += "a" not in classes
                continue
            if not filters.code_ok(index, e):
                continue
            if filters.technology is not None:
                techs = set(index.technologies_of(e))
                for s in statuses:
                    for n in s.entries:
                        techs |= index.technologies_of(n)
                if not filters.tech_ok(techs):
                    continue
            tally.compared += 1
            if kind is None:
                tally.agreed += "a" not in classes
                if not include_agreements or "a" in classes:
                    continue
                kind = "agreement"
            signature = (kind, *(s.status for s in statuses))
            above = folded.get(e.parent or "")
            if kind != "scope-differs" and above is not None and above[0] == signature:
                specs[above[1]].sub_entries += 1
                folded[e.canonical] = above
                continue
            folded[e.canonical] = (signature, len(specs))
            specs.append(_RegimeSpec(kind, e, statuses, index.technologies_of(e)))
        return specs

    def _regime_row(
        self, js: list[Jurisdiction], ref: ListInfo, spec: _RegimeSpec
    ) -> DivergenceRow:
        sides = [
            DivergenceSide(
                jurisdiction=j.key,
                status=s.status,  # type: ignore[arg-type]
                entries=[entry_ref(n) for n in s.entries[:5]],
                editions=[edition_ref(i) for i in s.lists],
                note=self._side_note(s, ref),
                method=s.impls[0].method if s.impls else None,
                score=s.impls[0].score if s.impls else None,
            )
            for j, s in zip(js, spec.statuses, strict=True)
        ]
        diffs = parameter_differences(js, spec.statuses) if spec.kind == "scope-differs" else []
        return DivergenceRow(
            kind=spec.kind,  # type: ignore[arg-type]
            code=spec.entry.code,
            category=spec.entry.category,
            regime=ref.issuer,
            reference=entry_ref(spec.entry),
            controlled_by=[j.key for j, s in zip(js, spec.statuses, strict=True) if s.controlled],
            not_controlled_by=[
                j.key for j, s in zip(js, spec.statuses, strict=True) if s.status in ABSENT
            ],
            sides=sides,
            technologies=sorted(spec.techs),
            sub_entries=spec.sub_entries,
            parameter_differences=diffs,
            reason=self._regime_reason(js, ref, spec, diffs),
        )

    def _side_note(self, s: Status, ref: ListInfo) -> str | None:
        if s.status in DIRECT:
            if s.entries and s.entries[0].list_id == ref.id:
                return "the regime's own entry"
            return s.impls[0].evidence if s.impls else None
        if s.status == "via-parent":
            return f"covered by {codes(s.entries)}, which its list does not itemise further"
        if s.status == "partial":
            return f"only sub-entries are controlled: {codes(s.entries)}"
        if s.status == "not-in-edition-held":
            assert s.introduced is not None and s.lacked_by is not None
            return (
                f"absent from the {editions(s.lists)} edition held, which predates the "
                f"Wassenaar {edition_label(s.lacked_by)} edition, which did not have it yet "
                f"(first held in Wassenaar {edition_label(s.introduced)})"
            )
        if s.status == "not-implemented" and s.alike:
            return why_absent(s, ref)
        if s.status == "not-implemented":
            if s.entries:
                return f"{codes(s.entries)} is {s.entries[0].status} in its list"
            note = f"no counterpart in the {editions(s.lists)} edition held"
            if s.introduced is not None and s.lacked_by is not None:
                note += (
                    f"; Wassenaar added it between its {edition_label(s.lacked_by)} and "
                    f"{edition_label(s.introduced)} editions"
                )
                if any(i.edition_date < s.introduced.edition_date for i in s.lists):
                    note += ", so the edition held may predate the addition"
            return note
        if s.status == "no-comparable-list" and s.moved_from is not None:
            return (
                f"Wassenaar {s.moved_from.code} held it until a Note took it out, and its "
                f"controls of {s.moved_from.code} are not comparable by paragraph: whether it "
                "controls it there is not known"
            )
        if s.status == "no-comparable-list":
            return "no list of this kind (dual-use or munitions) is held for it"
        if s.status == "not-held-in-copy":
            return (
                f"the copy held of {editions(s.lists)} is incomplete here ({codes(s.entries)}: "
                "a later paragraph, a citation of this item, or a heading whose items the copy "
                "lacks), so whether it is controlled is not known"
            )
        return "no control list of it is in the graph"

    def _regime_reason(
        self,
        js: list[Jurisdiction],
        ref: ListInfo,
        spec: _RegimeSpec,
        diffs: list[ParameterDifference],
    ) -> str:
        label = f"Wassenaar {ref.edition} entry {spec.entry.code}"
        pairs = list(zip(js, spec.statuses, strict=True))
        controlled = [f"{j.key} ({how_held(s, ref)})" for j, s in pairs if s.controlled]
        if spec.kind == "agreement":
            both = "both" if len(controlled) == 2 else "all"
            return f"{and_join(controlled)} {both} control {label}."
        if spec.kind == "scope-differs":
            scopes = [f"{j.key} {SCOPE_WORDS.get(s.status, s.status)}" for j, s in pairs]
            text = f"{label} is implemented with different scope: {'; '.join(scopes)}"
            if diffs:
                parts = [
                    f"{d.quantity}: "
                    + ", ".join(f"{k} '{v}'" for k, v in d.values.items())
                    + (f" ({d.stricter} stricter)" if d.stricter else "")
                    for d in diffs
                ]
                text += "; thresholds " + "; ".join(parts)
            else:
                # A scope no threshold pair shows (a Note's exclusion, added conditions): the
                # findings the alignment recorded, after how it matched and how alike the words.
                for j, s in pairs:
                    if s.status not in SCOPES[1:] or not s.impls:
                        continue
                    impl = s.impls[0]
                    found = [impl.evidence]
                    if impl.method in ("code", "stated"):
                        # "<how the codes match>; text similarity ..; <findings>"
                        found = [
                            x
                            for x in impl.evidence.split("; ")[1:]
                            if not x.startswith("text similarity")
                        ]
                    if found:
                        text += f"; {j.key}: {'; '.join(found)}"
            return text + "."
        absent = [f"{j.key} ({why_absent(s, ref)})" for j, s in pairs if s.status in ABSENT]
        text = f"{label} is controlled by {and_join(controlled)} but not by {and_join(absent)}"
        if spec.sub_entries:
            text += f"; {spec.sub_entries} sub-entries diverge the same way"
        return text + "."

    # --- national entries without a counterpart in the reference list -------------------------

    def _national_specs(
        self,
        js: list[Jurisdiction],
        ref: ListInfo | None,
        filters: Filters,
        notes: list[str],
    ) -> list[_NationalSpec]:
        index = self.index
        specs: list[_NationalSpec] = []
        seen: set[tuple[str, str, frozenset[str]]] = set()
        uncomparable: Counter[str] = Counter()
        restated: Counter[str] = Counter()
        for i, juris in enumerate(js):
            compared = frozenset(info.id for k, o in enumerate(js) if k != i for info in o.lists)
            for group in index.national_groups(juris, compared):
                if not filters.code_ok(index, group.entry):
                    continue
                if group.kind == "restated":
                    restated[juris.key] += 1
                    continue
                techs = index.technologies_below(group.entry)
                if not filters.tech_ok(techs):
                    continue
                others: list[tuple[int, str, list[EntryInfo]]] = []
                for k, other in enumerate(js):
                    if k == i:
                        continue
                    if ref is not None and any(info.id == ref.id for info in other.lists):
                        # The regime itself: other regimes' entries are outside its scope.
                        status = (
                            "no-comparable-list"
                            if group.kind == "other-regime"
                            else ("not-implemented")
                        )
                        others.append((k, status, []))
                    else:
                        status, found = index.holds_code(other, group.entry)
                        if group.kind == "other-regime" and status == "not-implemented":
                            # Items of the other regimes are numbered differently from list to
                            # list (US 1A101 is AU 1C101, AU 6A204 is US 6A203.d), and some
                            # states control them outside the lists held (nuclear items under
                            # the NRC, missile items under the ITAR): a code not found is no
                            # evidence of absence. Only a content match decides.
                            status = "no-comparable-list"
                        others.append((k, status, found))
                classes = [_cls(status) for _, status, _ in others]
                # Partners holding the same control with other bounds diverge on its scope.
                bounded = any(status == "other-bounds" for _, status, _ in others)
                if "a" not in classes and not bounded:
                    if all(c == "n" for c in classes):
                        if group.kind == "unilateral" and any(js[k].lists for k, _, _ in others):
                            # Still a divergence from the regimes, whoever else is compared.
                            specs.append(_NationalSpec("unilateral", i, group, others, techs))
                        else:
                            uncomparable[juris.key] += 1
                    continue
                kind = group.kind
                if (
                    kind == "not-in-regime-list"
                    and ref is not None
                    and group.list.edition_date < ref.edition_date
                ):
                    kind = "edition-lag"
                holders = frozenset(
                    [juris.key] + [js[k].key for k, status, _ in others if _cls(status) == "c"]
                )
                marker = (kind, group.entry.canonical, holders)
                if marker in seen:
                    continue  # the same code held by several of the jurisdictions compared
                seen.add(marker)
                specs.append(_NationalSpec(kind, i, group, others, techs))
        for key, n in sorted(restated.items()):
            notes.append(
                f"{n} entries of {key} (the US '.z' paragraphs, 0A919) hold items the regime's "
                "lists hold, under an added licence requirement: they are compared through those "
                "items, not as controls of their own."
            )
        for key, n in sorted(uncomparable.items()):
            notes.append(
                f"{n} entries of {key} from other regimes' lists could not be compared: no "
                "entry with the same content was found in the other lists, and their codes say "
                "nothing (each list numbers those regimes' items its own way), so absence is "
                "not claimed."
            )
        return specs

    def _national_row(
        self, js: list[Jurisdiction], ref: ListInfo | None, spec: _NationalSpec
    ) -> DivergenceRow:
        group = spec.group
        holder = js[spec.holder]
        note = self._holder_note(spec, ref)
        if group.sub_entries:
            note += f"; with {group.sub_entries} sub-entries"
        sides: list[DivergenceSide | None] = [None] * len(js)
        sides[spec.holder] = DivergenceSide(
            jurisdiction=holder.key,
            status="controls",
            entries=[entry_ref(group.entry)],
            editions=[edition_ref(group.list)],
            note=note,
        )
        numbering = group.list.numbering
        for k, status, found in spec.others:
            other = js[k]
            held = [i for i in other.lists if i.numbering == numbering] or list(other.lists)
            sides[k] = DivergenceSide(
                jurisdiction=other.key,
                status=status,  # type: ignore[arg-type]
                entries=[entry_ref(n) for n in found],
                editions=[edition_ref(i) for i in held],
                note=other_note(status, group, found),
            )
        controlled = [holder.key] + [js[k].key for k, s, _ in spec.others if _cls(s) == "c"]
        absent = [js[k].key for k, s, _ in spec.others if _cls(s) == "a"]
        target = group.origin.target
        return DivergenceRow(
            kind=spec.kind,  # type: ignore[arg-type]
            code=group.entry.code,
            category=group.entry.category,
            regime=target if target.startswith("regime:") else None,
            reference=None,
            controlled_by=controlled,
            not_controlled_by=absent,
            sides=[s for s in sides if s is not None],
            technologies=sorted(spec.techs),
            sub_entries=group.sub_entries,
            parameter_differences=[],
            reason=self._national_reason(js, ref, spec, controlled, absent),
        )

    def _holder_note(self, spec: _NationalSpec, ref: ListInfo | None) -> str:
        group = spec.group
        if spec.kind not in ("not-in-regime-list", "edition-lag") or ref is None:
            return group.origin.reason
        wcode = self.index.counterpart_code(group.entry) or group.entry.canonical
        placeholder = self._placeholder(ref, wcode)
        if placeholder is not None:
            return (
                f"numbered like Wassenaar {placeholder.code}, which the Wassenaar {ref.edition} "
                f"edition held marks '{excerpt(placeholder.text, 60)}'"
            )
        newer = "newer" if spec.kind == "edition-lag" else "as recent or older"
        return (
            f"numbered like Wassenaar {wcode}, absent from the Wassenaar {ref.edition} edition "
            f"held, which is {newer} than this list ({edition_label(group.list)})"
        )

    def _placeholder(self, ref: ListInfo | None, wcode: str) -> EntryInfo | None:
        """The reference list's paragraph of that number (or of the nearest above it) when it
        is a placeholder ("Not used since 2025", "[Reserved]")."""
        if ref is None:
            return None
        table = self.index.entries(ref.id)
        code = wcode
        while (found := table.get(code)) is None and "." in code:
            code = code.rsplit(".", 1)[0]  # the nearest number above it the list has
        return found if found is not None and found.status != "active" else None

    def _national_reason(
        self,
        js: list[Jurisdiction],
        ref: ListInfo | None,
        spec: _NationalSpec,
        controlled: list[str],
        absent: list[str],
    ) -> str:
        group = spec.group
        holder = js[spec.holder]
        who = f"{holder.key} {group.entry.code}"
        edition = edition_label(group.list)
        also = [k for k in controlled if k != holder.key]
        blind = [js[k].key for k, status, _ in spec.others if _cls(status) == "n"]
        parts = []
        if also:
            parts.append(f"{and_join(also)} also list it")
        if absent:
            parts.append(f"{and_join(absent)} {'does' if len(absent) == 1 else 'do'} not list it")
        if blind:
            parts.append(
                f"{and_join(blind)} cannot be checked by code (another numbering and no regime "
                "counterpart)"
            )
        lacking = ", ".join(parts)
        ref_label = f"Wassenaar {ref.edition}" if ref is not None else "the Wassenaar list"
        wcode = self.index.counterpart_code(group.entry) or group.entry.canonical
        bounds = [
            say(
                "en",
                "r.bounds.side",
                j=js[k].key,
                codes=codes(found),
                text=self.index.bounds_text(found[0]),
            )
            for k, status, found in spec.others
            if status == "other-bounds" and found
        ]
        if spec.kind == "unilateral" and bounds:
            # The same control adopted by several states outside the regimes, bounded apart:
            # the catalogue's English template, which the brief rebuilds (brief_reasons).
            mine = say("en", "r.bounds.own", j=holder.key, text=self.index.bounds_text(group.entry))
            rest = "".join(f"; {p}" for p in parts if not p.endswith("also list it"))
            return say(
                "en",
                "r.bounds.one" if len(also) == 1 else "r.bounds.many",
                j=holder.key,
                code=group.entry.code,
                also=and_join(also),
                bounds="; ".join([*bounds, mine]),
                origin=lower_first(group.origin.reason),
                rest=rest,
            )
        if spec.kind == "unilateral":
            if also:
                # Adopted by several states outside the regimes (plurilateral controls).
                return (
                    f"{who} is a control outside the regimes that {and_join(also)} also "
                    f"{'lists' if len(also) == 1 else 'list'}: "
                    f"{lower_first(group.origin.reason)}; {lacking}."
                )
            return f"{who} is a unilateral control: {lower_first(group.origin.reason)}; {lacking}."
        placeholder = self._placeholder(ref, wcode)
        if spec.kind in ("edition-lag", "not-in-regime-list") and placeholder and ref:
            # The regime keeps the number as a placeholder: it dropped the control. The
            # catalogue's English template, which the brief rebuilds (brief_reasons).
            return say(
                "en",
                "r.placeholder",
                j=holder.key,
                code=group.entry.code,
                edition=edition,
                wcode=placeholder.code,
                ref=ref.edition,
                excerpt=excerpt(placeholder.text, 60),
                lacking=lacking,
            )
        if spec.kind == "edition-lag":
            return (
                f"{who} (list edition {edition}) is numbered like Wassenaar {wcode}, which the "
                f"newer {ref_label} edition held no longer has (renumbered or deleted since); "
                f"{lacking}."
            )
        if spec.kind == "not-in-regime-list":
            return (
                f"{who} is numbered like Wassenaar {wcode}, but the {ref_label} edition held has "
                f"no such entry although {holder.key}'s list ({edition}) is as recent: a "
                f"national addition in Wassenaar numbering, or a renumbering; {lacking}."
            )
        regime = self.index.country_name(group.origin.target)
        held = self.index.lists_of_issuer.get(group.origin.target, [])
        if held:
            how = (
                f"No entry of the {regime} list held ({editions(tuple(held))}) was found with "
                "its content, so the lists were compared by code."
            )
        else:
            how = f"No {regime} list is held, so the lists were compared by code."
        return f"{who} comes from {regime}: {lower_first(group.origin.reason)}; {lacking}. {how}"


def _regime_kind(classes: tuple[str, ...], statuses: list[Status]) -> str | None:
    if "c" in classes and "a" in classes:
        lagging = all(s.status == "not-in-edition-held" for s in statuses if s.status in ABSENT)
        return "edition-lag" if lagging else "not-implemented"
    if classes.count("c") >= 2:
        known = {s.status for s in statuses if s.status in SCOPES}
        if len(known) > 1:
            return "scope-differs"
    return None
