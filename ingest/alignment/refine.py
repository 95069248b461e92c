"""Refinements of a list's matches: a match by number re-pointed to the sibling of the regime
entry whose words it has, and scopes reconsidered once all of a list's matches are known
(added bounds that are another regime paragraph's words, a bound that splits the regime
entry's items with another national paragraph, a wider band compared where the regime's
paragraphs take over)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rapidfuzz import fuzz

from graph_schema.model import ControlEntry, Edge, Implements
from ingest.alignment.counterparts import _UNNUMBERED, _found
from ingest.alignment.held import ListsHeld, _provenance
from ingest.alignment.scope import _ADDED
from ingest.alignment.text import CONTENT_MATCH, CONTENT_MIN, _squash_words, same_words, similarity
from ingest.sources.helpers.parameters import compare, paired_thresholds, parameter_scope


class Refiner:
    """Re-points and re-scopes the matches of a national list."""

    def __init__(self, held: ListsHeld) -> None:
        self.held = held

    def renumbered(self, edges: Iterable[Edge]) -> Iterator[Edge]:
        """Re-point a match by number whose words belong to a sibling of the regime entry.

        A national entry numbered like regime entry X but worded exactly like X's sibling Y is
        Y: the regime renumbered (Wassenaar 2025 split 6.A.5.d.1.b into five bands, and AU
        6A005.d.1.b.2 still says what is now b.4), or the copy lost a number (SCOMET prints the
        first 3.A.1.a.14.a paragraph without one, so its "1." is Wassenaar's a.14.a.2).
        """
        for edge in edges:
            if isinstance(edge, Implements) and edge.method == "code":
                national, target = self.held.by_id[edge.source], self.held.by_id[edge.target]
                if same_words(national.text, target.text):
                    yield edge
                    continue
                for sibling in self.held.regime_children.get(target.parent or "", []):
                    if sibling.id == target.id or sibling.status != "active":
                        continue
                    # Token similarity would take "less than 1,400 nm" for the band
                    # "1,100 nm and less than 1,400 nm": only the very same words count.
                    if same_words(national.text, sibling.text):
                        sim = similarity(national, sibling)
                        evidence = (
                            f"{national.canonical} is numbered like Wassenaar {target.code} but "
                            f"has the words of {sibling.code} (text similarity {sim:.2f}): "
                            "renumbered by the regime, or a number lost in the copy"
                        )
                        edge = _found(
                            national, sibling, "text", round(sim, 3), "same", evidence, sim
                        )
                        break
            yield edge

    def runs_apart(self, matched: list[Implements]) -> list[Implements]:
        """A national paragraph that also holds another regime paragraph's words (the copy
        runs it in, unnumbered) does not add that paragraph's bounds to its own: SCOMET
        8A301.b.7.d carries 3.A.1.b.8's "exceeding 80 W/kg" and "less than 400 cm3" (p. 257),
        which say nothing of 3.A.1.b.7.d."""
        holds: dict[str, list[str]] = {}
        for edge in matched:
            if edge.method == "text" and _UNNUMBERED in edge.evidence:
                holds.setdefault(edge.source, []).append(self.held.by_id[edge.target].code)
        out: list[Implements] = []
        for edge in matched:
            others = holds.get(edge.source)
            if edge.scope == "narrower" and others and _ADDED in edge.evidence:
                kept = [x for x in edge.evidence.split("; ") if not x.startswith(_ADDED)]
                note = f"the bounds it adds are the words of Wassenaar {', '.join(others)} it holds"
                evidence = "; ".join([*kept, note])
                scope = "same" if (edge.similarity or 0.0) >= CONTENT_MATCH else "unknown"
                edge = edge.model_copy(
                    update={
                        "scope": scope,
                        "evidence": evidence,
                        "provenance": _provenance(evidence),
                    }
                )
            out.append(edge)
        return out

    def split_elsewhere(self, matched: list[Implements]) -> list[Implements]:
        """A national paragraph narrower by a bound it adds, whose list holds a paragraph of
        the same words with another range of that bound, splits the regime entry's items
        between them: CCL 3B001.f.1.b takes scanners with a chuck overlay up to 1.50 nm,
        3B993.f.1.b those from 1.50 to 2.40 nm (other reasons for control). Narrower stands
        for the paragraph that implements the regime's, and the evidence names the other, so
        that "controls less" is not read as "leaves uncontrolled"."""
        out: list[Implements] = []
        for edge in matched:
            if edge.scope == "narrower" and _ADDED in edge.evidence:
                national = self.held.by_id[edge.source]
                twin = self._same_words_elsewhere(national)
                if twin is not None:
                    note = (
                        f"{twin.canonical} has the same words with another range of the bound "
                        "it adds: the list splits the regime entry's items between them, under "
                        "their own reasons for control"
                    )
                    evidence = f"{edge.evidence}; {note}"
                    edge = edge.model_copy(
                        update={
                            "evidence": evidence,
                            "provenance": _provenance(evidence),
                        }
                    )
            out.append(edge)
        return out

    def _same_words_elsewhere(self, national: ControlEntry) -> ControlEntry | None:
        """Another paragraph of the national list, outside this one's branch and in its
        category and group, with the same words, numbers and comparisons aside."""
        trees = self.held.subtree_texts(national.list_id)
        mine = _squash_words(trees.get(national.canonical, ""))
        group = national.canonical[:2]
        for other in self.held.entries.get(national.list_id, []):
            if (
                other.status != "active"
                or not other.canonical.startswith(group)
                or other.canonical.startswith(national.canonical.split(".")[0] + ".")
                or other.canonical == national.canonical.split(".")[0]
            ):
                continue
            theirs = _squash_words(trees.get(other.canonical, ""))
            if len(theirs) < CONTENT_MIN or abs(len(theirs) - len(mine)) > len(mine) // 5:
                continue
            if fuzz.token_sort_ratio(mine, theirs) >= CONTENT_MATCH * 100:
                return other
        return None

    def bands_compared_apart(self, matched: list[Implements]) -> Iterator[Implements]:
        """``matched`` with a national paragraph that spans several regime paragraphs
        compared with each on that paragraph's part only.

        DSGL and SCOMET 6A005.d.1.b.1, "less than 1,400 nm ... exceeding 25 W", also catch
        Wassenaar 2025's b.2 (780-1,100 nm, over 30 W) and b.3 (1,100-1,400 nm, over 25 W),
        compared there. Against b.1 ("less than 780 nm ... exceeding 25 W"), the wider band is
        not more control: what b.1 describes it controls at the same 25 W.
        """
        found: dict[str, set[str]] = {}
        for edge in matched:
            found.setdefault(edge.source, set()).add(edge.target)
        for edge in matched:
            if edge.scope != "broader":
                yield edge
                continue
            national, target = self.held.by_id[edge.source], self.held.by_id[edge.target]
            siblings = [
                self.held.by_id[t]
                for t in found[edge.source]
                if t != target.id and self.held.by_id[t].parent == target.parent
            ]
            # The quantities on which the national paragraph reaches further, where the
            # regime's paragraphs found under it take over (the wavelength).
            named = {q.quantity for sibling in siblings for q in sibling.parameters}
            band = {
                a.quantity
                for a, b in paired_thresholds(national.parameters, target.parameters)
                if a.quantity in named and compare(a, b) == "stricter"
            }
            if not band:
                yield edge
                continue
            scope, _ = parameter_scope(
                [p for p in national.parameters if p.quantity not in band],
                [q for q in target.parameters if q.quantity not in band],
            )
            if scope != "same":
                yield edge
                continue
            codes = ", ".join(sorted(s.code for s in siblings))
            note = (
                f"its wider {', '.join(sorted(band))} band is also Wassenaar {codes}, compared "
                "there: for this entry's items the same thresholds"
            )
            evidence = f"{edge.evidence}; {note}"
            yield edge.model_copy(
                update={
                    "scope": "same",
                    "evidence": evidence,
                    "provenance": _provenance(evidence),
                }
            )
