"""One resolver of names: jurisdictions (countries, the EU, regimes, with the lists they hold),
regimes, countries and technologies, as users type them ('US', 'India', 'wassenaar', 'EU@2021',
'intrusion software'). The analyses, the catalogue and the documents all resolve through it, so a
name means the same thing on every page and every unknown name gets the same kind of answer."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from queries.errors import NotFound
from queries.reading.reader import GraphData
from queries.reading.records import (
    CountryInfo,
    EntryInfo,
    ListInfo,
    MemberInfo,
    RegimeInfo,
    TechInfo,
)
from queries.text import fold

WASSENAAR = "regime:wassenaar"
EU = "regime:eu"
DUAL_USE = "dual-use"
MUNITIONS = "munitions"
#: Which kinds of regime entries a list of a given numbering can hold.
DOMAINS: dict[str, frozenset[str]] = {
    "wassenaar": frozenset({DUAL_USE, MUNITIONS}),
    "eccn": frozenset({DUAL_USE}),
    "scomet": frozenset({DUAL_USE, MUNITIONS}),
    "munitions": frozenset({MUNITIONS}),
    "uk-national": frozenset(),
    # The MTCR and NSG annexes are references of their own, not of the Wassenaar domains.
    "mtcr": frozenset(),
    "nsg": frozenset(),
}


def domain_of(entry: EntryInfo) -> str:
    """Which kind of regime entry this is: a Munitions List entry or a dual-use one."""
    return MUNITIONS if (entry.category or "").startswith("ML") else DUAL_USE


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    """A country, the EU or a regime, with the lists read for it (an EU member state without a
    list of its own: the EU's, ``via`` the EU)."""

    key: str
    node: str
    name: str
    kind: str
    lists: tuple[ListInfo, ...]
    via: str | None = None

    @property
    def domains(self) -> frozenset[str]:
        out: set[str] = set()
        for info in self.lists:
            out |= DOMAINS.get(info.numbering, frozenset())
        return frozenset(out)

    def lists_for(self, domain: str) -> tuple[ListInfo, ...]:
        return tuple(i for i in self.lists if domain in DOMAINS.get(i.numbering, frozenset()))


class Names:
    """Names of one revision of the graph, and the lists each issuer holds."""

    def __init__(self, data: GraphData) -> None:
        self.all_lists = {info.id: info for info in data.lists()}
        newest: dict[tuple[str, str], ListInfo] = {}
        for info in self.all_lists.values():
            key = (info.issuer, info.series)
            if key not in newest or info.edition_date > newest[key].edition_date:
                newest[key] = info
        #: The newest edition of every list held.
        self.current_lists = sorted(newest.values(), key=lambda i: i.id)
        self.lists_of_issuer: dict[str, list[ListInfo]] = defaultdict(list)
        for info in self.current_lists:
            self.lists_of_issuer[info.issuer].append(info)
        self.countries: dict[str, CountryInfo] = {c.id: c for c in data.countries()}
        self.regimes: dict[str, RegimeInfo] = {r.id: r for r in data.regimes()}
        self.memberships: list[MemberInfo] = data.memberships()
        self.members: dict[str, set[str]] = defaultdict(set)
        self.member_of: dict[str, set[str]] = defaultdict(set)
        for m in self.memberships:
            if m.current():
                self.members[m.regime].add(m.country)
                self.member_of[m.country].add(m.regime)
        self.techs: dict[str, TechInfo] = {t.id: t for t in data.technologies()}

    def country_id(self, code: str) -> str:
        """A country by ISO code: 'FR', 'fr' or 'country:FR'."""
        raw = code.strip()
        node = raw if raw.startswith("country:") else f"country:{raw.upper()}"
        if node not in self.countries:
            raise NotFound(f"no country {code!r}: use an ISO 3166-1 alpha-2 code such as FR")
        return node

    def regime_id(self, name: str) -> str:
        """A regime by id, slug or name: 'wassenaar', 'regime:wassenaar', 'Wassenaar
        Arrangement'."""
        raw = name.strip()
        for node in (raw, f"regime:{raw.lower()}"):
            if node in self.regimes:
                return node
        for node, regime in self.regimes.items():
            if raw.lower() in (regime.short_name.lower(), regime.name.lower()):
                return node
        known = ", ".join(n.removeprefix("regime:") for n in sorted(self.regimes))
        raise NotFound(f"no regime {name!r} (known: {known})")

    def resolve_technology(self, text: str) -> TechInfo:
        """A technology by id, slug, or label/synonym in any language."""
        raw = text.strip()
        for candidate in (raw, f"tech:{raw.lower()}", f"tech:{fold(raw).replace(' ', '-')}"):
            if candidate in self.techs:
                return self.techs[candidate]
        wanted = fold(raw)
        for tech in self.techs.values():
            names = [tech.name, *tech.labels.values()]
            for phrases in tech.synonyms.values():
                names.extend(phrases)
            if any(fold(n) == wanted for n in names):
                return tech
        known = ", ".join(t.removeprefix("tech:") for t in sorted(self.techs))
        raise NotFound(f"no technology {text!r} (known: {known})")

    def lists_of_country(self, node: str) -> tuple[tuple[ListInfo, ...], str | None]:
        own = tuple(self.lists_of_issuer.get(node, []))
        if own:
            return own, None
        if EU in self.member_of.get(node, set()):
            return tuple(self.lists_of_issuer.get(EU, [])), EU
        return (), None

    def jurisdiction(self, text: str) -> Jurisdiction:
        """A country ('US', 'country:US', 'India'), the EU, or a regime ('wassenaar'), with its
        current lists; ``EU@2021`` (an edition label, date or list id after ``@``) uses that
        edition of its list instead of the current one."""
        raw, at, wanted = text.strip().partition("@")
        juris = self._jurisdiction(raw.strip(), text)
        if not at:
            return juris
        return self._at_edition(juris, wanted.strip())

    def _at_edition(self, juris: Jurisdiction, wanted: str) -> Jurisdiction:
        issuers = {info.issuer for info in juris.lists}
        held = sorted(
            (i for i in self.all_lists.values() if i.issuer in issuers),
            key=lambda i: (i.series, i.edition_date),
        )
        chosen = [
            i for i in held if wanted and wanted in (i.id, i.edition, i.edition_date.isoformat())
        ]
        if len(chosen) != 1:
            shown = ", ".join(f"{i.id} ({i.edition})" for i in held) or "none"
            problem = "matches several" if chosen else "matches no edition held"
            raise NotFound(
                f"{juris.key}@{wanted}: {problem}; editions of {juris.name}'s lists held: {shown}"
            )
        pick = chosen[0]
        lists = tuple(
            pick if (i.issuer, i.series) == (pick.issuer, pick.series) else i for i in juris.lists
        )
        return Jurisdiction(
            f"{juris.key}@{pick.edition}", juris.node, juris.name, juris.kind, lists, juris.via
        )

    def _jurisdiction(self, raw: str, text: str) -> Jurisdiction:
        if not raw or len(raw) > 100:
            raise NotFound(f"no jurisdiction {text!r}: {self._jurisdiction_hint()}")
        node: str | None = None
        if raw.startswith(("country:", "regime:")):
            node = raw if (raw in self.countries or raw in self.regimes) else None
        elif len(raw) == 2 and f"country:{raw.upper()}" in self.countries:
            node = f"country:{raw.upper()}"
        if node is None:
            node = self._regime_node(raw) or self._country_by_name(raw)
        if node is None:
            raise NotFound(f"no jurisdiction {text!r}: {self._jurisdiction_hint()}")
        if node in self.countries:
            country = self.countries[node]
            lists, via = self.lists_of_country(node)
            return Jurisdiction(country.iso2, node, country.name, "country", lists, via)
        regime = self.regimes[node]
        key = "EU" if node == EU else node.removeprefix("regime:")
        lists = tuple(self.lists_of_issuer.get(node, []))
        return Jurisdiction(key, node, regime.short_name, regime.kind, lists)

    def _regime_node(self, raw: str) -> str | None:
        wanted = fold(raw)
        for node, regime in self.regimes.items():
            names = [node.removeprefix("regime:"), regime.short_name, regime.name, *regime.aliases]
            if any(fold(n) == wanted for n in names):
                return node
        return None

    def _country_by_name(self, raw: str) -> str | None:
        wanted = fold(raw)
        for node, country in self.countries.items():
            if wanted in {fold(country.name), *(fold(n) for n in country.names.values())}:
                return node
        return None

    def _jurisdiction_hint(self) -> str:
        regimes = ", ".join(sorted(n.removeprefix("regime:") for n in self.regimes))
        return f"use an ISO country code such as US or FR, EU, or a regime ({regimes})"

    def country_name(self, node: str) -> str:
        country = self.countries.get(node)
        if country is not None:
            return country.name
        regime = self.regimes.get(node)
        return regime.short_name if regime is not None else node

    def name_in(self, node: str, lang: str) -> str:
        """A country's, regime's or technology's name in ``lang`` when the graph has it, else
        its English name (a node it does not know: its id)."""
        country = self.countries.get(node)
        if country is not None:
            return country.names.get(lang) or country.name
        regime = self.regimes.get(node)
        if regime is not None:
            return regime.names.get(lang) or regime.short_name
        tech = self.techs.get(node)
        if tech is not None:
            return tech.labels.get(lang) or tech.name
        return node

    def iso2(self, node: str) -> str:
        country = self.countries.get(node)
        return country.iso2 if country is not None else node.split(":", 1)[-1]
