"""A country's controls: the lists held and applied, and how they compare with the regimes it
belongs to (coverage of the regime list where one is held, unilateral entries)."""

from __future__ import annotations

from collections import Counter

from queries.coverage import Group, summary
from queries.errors import NotFound
from queries.evidence import edition_label, edition_ref, entry_ref, list_label, possessive
from queries.index import Index
from queries.lists import Lists
from queries.reading.names import EU, Jurisdiction
from queries.views import CountryControls, RegimeComparison

MAX_ITEMS = 500


class Profiles:
    def __init__(self, index: Index) -> None:
        self.index = index

    def controls(self, code: str) -> CountryControls:
        index = self.index
        juris = index.jurisdiction(code)
        if juris.node not in index.countries:
            raise NotFound(
                f"{code!r} is not a country: use an ISO 3166-1 alpha-2 code such as IN "
                "(for the EU or a regime see /coverage and /divergences)"
            )
        country = index.countries[juris.node]
        own = Lists(index).lists(issuer=juris.node)
        groups = index.national_groups(juris)
        unilateral = [g for g in groups if g.kind == "unilateral"]
        by_regime_entries: Counter[str] = Counter()
        for g in groups:
            if g.kind == "other-regime":
                by_regime_entries[g.origin.target] += 1 + g.sub_entries
        comparisons = []
        for regime in sorted(index.member_of.get(juris.node, set())):
            comparisons.append(self._compare(juris, regime, by_regime_entries[regime]))
        applies = ", ".join(list_label(i) for i in juris.lists) or "none"
        count = sum(1 + g.sub_entries for g in unilateral)
        reason = f"{country.name} applies {applies}"
        if juris.via:
            reason += f" as a member state of the {index.country_name(juris.via)}"
        if juris.lists and unilateral:
            reason += (
                f"; {len(unilateral)} of its items are unilateral controls ({count} entries "
                "with their sub-entries)"
            )
        elif juris.lists:
            reason += "; none of its entries is a unilateral control"
        return CountryControls(
            country=juris.node,
            iso2=country.iso2,
            name=country.name,
            lists=own,
            applies=[edition_ref(i) for i in juris.lists],
            via=juris.via,
            unilateral_entries=count,
            unilateral_items=[entry_ref(g.entry) for g in unilateral[:MAX_ITEMS]],
            regimes=comparisons,
            reason=reason + ".",
        )

    def _compare(self, juris: Jurisdiction, regime: str, national: int) -> RegimeComparison:
        index = self.index
        name = index.country_name(regime)
        regime_lists = index.lists_of_issuer.get(regime, [])
        target = max(regime_lists, key=lambda i: i.edition_date, default=None)
        if regime == EU and juris.via == EU:
            return RegimeComparison(
                regime=regime,
                name=name,
                reference=edition_ref(target) if target else None,
                status="applies-directly",
                reason=(
                    f"As an EU member state, {juris.name} applies the EU dual-use list directly "
                    f"({', '.join(edition_label(i) for i in juris.lists)} edition held)."
                ),
            )
        if not juris.lists:
            return RegimeComparison(
                regime=regime,
                name=name,
                reference=edition_ref(target) if target else None,
                status="no-list-held",
                reason=f"No control list of {juris.name} is in the graph to compare with {name}.",
            )
        if target is None and index.regimes[regime].kind != "regime":
            return RegimeComparison(
                regime=regime,
                name=name,
                status="no-regime-list",
                reason=(
                    f"{name} ({index.regimes[regime].kind}) has no control list of its own; "
                    "for a code of conduct it established, see the commitment gaps."
                ),
            )
        if target is None:
            return RegimeComparison(
                regime=regime,
                name=name,
                status="no-regime-list",
                national_entries=national,
                reason=(
                    f"No {name} list is in the graph; {possessive(juris.name)} lists hold "
                    f"{national} entries whose numbering says they come from {name}."
                ),
            )
        tally: Counter[str] = Counter(s.status for s in index.status_map(juris, target).values())
        coverage = summary(index, Group(juris, (juris.key,)), tally, target, name)
        return RegimeComparison(
            regime=regime,
            name=name,
            reference=edition_ref(target),
            status="compared",
            coverage=coverage,
            national_entries=sum(
                1
                for e in (e for i in juris.lists for e in index.entries(i.id).values())
                if e.implements
            ),
            reason=coverage.reason,
        )
