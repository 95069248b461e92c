"""The matching of each national list: every entry to the Wassenaar entry its numbering (or
the list's own statement) points to, to a regime annex entry by content, or, for regime
entries the numbering found no counterpart for, by text under another code. The other parts
of the alignment (scope, origin, counterparts, refinements, SAME_CONTROL) are composed here."""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz import fuzz, process

from graph_schema.codes import (
    CodeError,
    CodeSystem,
    ControlCode,
    parse_code,
    regime_hint,
    wassenaar_equivalent,
)
from graph_schema.model import ControlEntry, Edge, Implements, Origin
from ingest.alignment.annex import AnnexIndex
from ingest.alignment.counterparts import Counterparts
from ingest.alignment.held import REGIME_LISTS, WASSENAAR, ListInfo, ListsHeld, Match, _provenance
from ingest.alignment.origin import _STATED, Origins
from ingest.alignment.refine import Refiner
from ingest.alignment.same_control import SameControls
from ingest.alignment.scope import Scope
from ingest.alignment.text import CONTENT_MATCH, CONTENT_MIN, SAME_TEXT, _cited, entry_text
from ingest.sources.helpers.parameters import parameter_scope
from store.base import GraphStore

#: Below this length a text match also needs the same Wassenaar item by number.
CONTENT_ALONE = 80


class Aligner:
    """Builds the alignment batch from the control lists in a store."""

    def __init__(self, store: GraphStore) -> None:
        self.held = ListsHeld(store)
        # The newest list of each other regime held (MTCR, NSG): matched by content, since
        # national x1xx / x2xx numbers do not encode the annex item.
        self.annexes: dict[str, AnnexIndex] = {}
        for regime in sorted(REGIME_LISTS - {WASSENAAR}):
            held = [i for i in self.held.lists.values() if i.issuer == regime]
            if held:
                newest = max(held, key=lambda i: i.edition_date)
                self.annexes[regime.split(":", 1)[1]] = AnnexIndex(
                    newest, self.held.entries.get(newest.id, [])
                )
        self.scope = Scope(self.held)
        self.origins = Origins(self.held)
        self.counterparts = Counterparts(self.held, self.scope)
        self.refiner = Refiner(self.held)
        self.same = SameControls(self.held)

    def _code(self, entry: ControlEntry, info: ListInfo) -> ControlCode | None:
        try:
            return parse_code(entry.canonical, info.system)
        except CodeError:
            return None

    def _stated(self, entry: ControlEntry) -> Match | None:
        for note in entry.notes:
            found = _STATED.match(note)
            if found and found["regime"].lower() == "wassenaar":
                target = self.held.regime_entries.get(found["code"])
                if target is not None:
                    return Match(target, "stated", f"the list states: {note.strip()}")
        return None

    def _by_number(self, code: ControlCode) -> tuple[Match | None, str | None]:
        """The regime entry the numbering points to, or the code it points to if absent."""
        wanted = wassenaar_equivalent(code)
        if wanted is None:
            return None, None
        target = self.held.regime_entries.get(wanted)
        if target is None or target.status != "active":
            # A "Not used since 2025" or "[Reserved]" paragraph controls nothing: a national
            # control under its number is one the regime no longer has, not its implementation.
            return None, wanted
        if code.system is CodeSystem.SCOMET:
            why = f"SCOMET {code.canonical} re-encodes Wassenaar {target.code}"
        elif code.system is CodeSystem.ECCN and code.number is not None and code.number > 600:
            why = f"US 600-series {code.canonical}: its last two digits give {target.code}"
        elif code.system is CodeSystem.ECCN and code.category == "0":
            why = (
                f"US {code.canonical} holds firearms or ammunition items moved from the USML, "
                f"which the Munitions List controls under {target.code}"
            )
        else:
            why = f"{code.canonical} has the Wassenaar number {target.code}"
        return Match(target, "code", why), None

    def _itemises(self, entry: ControlEntry, matched_to: dict[str, ControlEntry]) -> bool:
        """Is ``entry`` a sub-paragraph under a national parent whose regime counterpart is an
        active entry without sub-paragraphs of its own?"""
        parent = matched_to.get(entry.parent or "")
        if parent is None or parent.status != "active":
            return False
        prefix = parent.canonical + "."
        return not any(code.startswith(prefix) for code in self.held.regime_entries)

    def _annex_match(
        self, entry: ControlEntry, annex: AnnexIndex, matched: dict[str, str]
    ) -> Implements | None:
        """IMPLEMENTS to the annex entry with the same text; ``matched`` maps national codes to
        annex ids already matched, so a sub-entry is looked for under its parent's match."""
        under = matched.get(entry.parent or "")
        text = self.held.subtree_texts(entry.list_id).get(entry.canonical, "")
        found = annex.best(entry, text, under)
        if found is None:
            return None
        target, sim = found
        matched[entry.canonical] = target.canonical
        scope, notes = (
            ("same", [])
            if sim >= SAME_TEXT
            else parameter_scope(entry.parameters, target.parameters)
        )
        if scope is None:
            scope = "same" if sim >= 0.9 else "unknown"
        evidence = "; ".join(
            [
                f"{entry.canonical} says what {annex.info.issuer.split(':')[1].upper()} "
                f"{target.code} says ({annex.info.id}): matched by text",
                f"text similarity {sim:.2f}",
                *notes,
            ]
        )
        return Implements(
            source=entry.id,
            target=target.id,
            method="text",
            score=round(sim, 3),
            scope=scope,  # type: ignore[arg-type]
            similarity=round(sim, 3),
            text_differs=False,
            evidence=evidence,
            provenance=_provenance(evidence),
        )

    def edges(self) -> Iterator[Edge]:
        with_counterpart: set[str] = set()
        unilateral: set[str] = set()
        for list_id, info in sorted(self.held.lists.items()):
            if info.issuer in REGIME_LISTS:
                continue
            matched: list[Implements] = []
            others: list[Edge] = []
            for edge in self.refiner.renumbered(self._list_edges(list_id, info)):
                if isinstance(edge, Implements) and edge.target in self.held.regime_ids:
                    with_counterpart.add(edge.source)
                    matched.append(edge)
                else:
                    others.append(edge)
            for edge in list(self._by_content(list_id, info, matched)):
                with_counterpart.add(edge.source)
                matched.append(edge)
            for edge in list(self.counterparts.within_counterparts(list_id, matched)):
                with_counterpart.add(edge.source)
                matched.append(edge)
            for edge in list(self.counterparts.dual_use_twin(matched)):
                with_counterpart.add(edge.source)
                matched.append(edge)
            for edge in list(self.counterparts.kept_by_lacking_a_note(matched)):
                with_counterpart.add(edge.source)
                matched.append(edge)
            unilateral.update(e.source for e in others if isinstance(e, Origin) and e.unilateral)
            yield from others
            yield from self.refiner.bands_compared_apart(
                self.refiner.split_elsewhere(self.refiner.runs_apart(matched))
            )
        yield from self.same.same_controls(with_counterpart, unilateral)

    def _by_content(
        self, list_id: str, info: ListInfo, matched: list[Implements]
    ) -> Iterator[Implements]:
        """Regime entries the numbering (``matched``: its matches, re-pointed where renumbered)
        found no counterpart for, matched to national entries
        with the same text under another code (renumbered, relettered, SCOMET's own order).

        Only national entries the numbering did not match, or matched to a regime entry whose
        text differs materially, are candidates; the texts must be nearly the same, and the codes
        they cite must be the same (so "software for equipment in 6.A.5" is not taken for
        "software for equipment in 6.A.8").
        """
        if self.held.regime_list is None:
            return
        found = {e.target for e in matched}
        # National entries the numbering matched to a regime entry with the same words are
        # settled; any other (renumbered items leave a code pointing at a different text) may
        # still carry the text of a regime entry the numbering found no counterpart for.
        good = {e.source for e in matched if (e.similarity or 0.0) >= SAME_TEXT}
        children = self.held.national_children(list_id)
        candidates = [
            e
            for e in self.held.entries.get(list_id, [])
            if e.id not in good
            and e.status == "active"
            and (len(entry_text(e)) >= CONTENT_MIN or children.get(e.canonical))
        ]
        if not candidates:
            return
        texts = {
            i: entry_text(e) for i, e in enumerate(candidates) if len(entry_text(e)) >= CONTENT_MIN
        }
        trees = self.held.subtree_texts(list_id)
        headed = {
            i: trees[e.canonical] for i, e in enumerate(candidates) if children.get(e.canonical)
        }
        munitions_only = info.system is CodeSystem.MUNITIONS
        for target in self.held.regime_entries.values():
            if target.id in found or target.status != "active":
                continue
            if munitions_only != target.canonical.startswith("ML") and info.system in (
                CodeSystem.MUNITIONS,
                CodeSystem.ECCN,
            ):
                continue
            query = entry_text(target)
            pool = texts
            if len(query) < CONTENT_MIN:
                if target.canonical not in self.held.regime_children:
                    continue
                # A heading ("'Technology' as follows:") is told by what it heads: EU 6E003.a
                # is Wassenaar 6.E.3.d, whose letters a.-c. the regime keeps as "- None".
                query = self.held.subtree_texts(target.list_id)[target.canonical]
                pool = headed
            best = process.extractOne(
                query, pool, scorer=fuzz.token_sort_ratio, score_cutoff=CONTENT_MATCH * 100
            )
            if best is None:
                continue
            national = candidates[best[2]]
            if _cited(national.text, info.system) != _cited(target.text, CodeSystem.WASSENAAR):
                continue
            # Short texts recur ("designed to operate at depths exceeding 1,000 m"): they must
            # also sit under the same Wassenaar item by number.
            code = self._code(national, info)
            same_item = (
                code is not None
                and (wassenaar_equivalent(code) or "").split(".")[0]
                == target.canonical.split(".")[0]
            )
            if (len(query) < CONTENT_ALONE or pool is headed) and not same_item:
                continue
            sim = best[1] / 100.0
            evidence = (
                f"{national.canonical} has the text of Wassenaar {target.code} under another "
                f"code: matched by text (similarity {sim:.2f}), the codes they cite agree"
            )
            yield Implements(
                source=national.id,
                target=target.id,
                method="text",
                score=round(sim, 3),
                scope="same" if sim >= SAME_TEXT else "unknown",
                similarity=round(sim, 3),
                text_differs=False,
                evidence=evidence,
                provenance=_provenance(evidence),
            )

    def _list_edges(self, list_id: str, info: ListInfo) -> Iterator[Edge]:
        """IMPLEMENTS and ORIGIN edges of one national list, from its numbering and the annexes."""
        parent_hint: dict[str, str] = {}
        annex_match: dict[str, str] = {}
        # National entry -> the regime entry its numbering matched (to see a parent's match).
        matched_to: dict[str, ControlEntry] = {}
        for entry in sorted(self.held.entries.get(list_id, []), key=lambda e: e.canonical):
            code = self._code(entry, info)
            if code is None:
                continue
            hint = regime_hint(code, info.issuer_code)
            annex = self.annexes.get(hint.regime or "") if not hint.unilateral else None
            if annex is not None:
                found = self._annex_match(entry, annex, annex_match)
                if found is not None:
                    # The ORIGIN edge below still says which regime the entry comes from.
                    yield found
            match = self._stated(entry) if info.system is CodeSystem.SCOMET else None
            missing = None
            if match is None:
                match, missing = self._by_number(code)
            if match is not None and self.held.regime_list is not None:
                matched_to[entry.canonical] = match.target
                yield self.scope.implements(entry, match)
            if missing is not None and self._itemises(entry, matched_to):
                # The regime entry of the parent has no sub-paragraphs: the national list
                # itemises its text (Wassenaar 2025 moved the riot control agents of 1.A.4.a.4
                # into a definition; national lists still list them). Not a divergence.
                continue
            if match is None and info.system is CodeSystem.SCOMET:
                stated = self.origins.stated_elsewhere(entry)
                if stated is not None:
                    yield stated
                    continue
            parent_series = parent_hint.get(entry.parent or "")
            parent_hint[entry.canonical] = hint.series
            # Items always say where they come from; sub-entries only when it differs.
            says_more = entry.level == 0 or hint.series != parent_series or missing is not None
            if says_more and (match is None or hint.unilateral):
                yield self.origins.origin(entry, info, hint, missing)
