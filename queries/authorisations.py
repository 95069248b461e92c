"""Which general export authorisations an export may use: an entry of a list, to a destination.

The EU's Union General Export Authorisations (EU001-EU008, Annex II of Regulation (EU) 2021/821)
are its counterpart of US licence exceptions. Each is valid for some destinations and covers
either every entry of Annex I except those it excludes, or only the entries it lists; an
exclusion or a listing of an entry also holds for its sub-entries. The edges of the graph
(``VALID_FOR``, ``EXCLUDES``, ``COVERS_ENTRY``) say all of that, so the answer is computed from
them, with the reason for each authorisation.
"""

from __future__ import annotations

from graph_schema.codes import CodeError, CodeSystem, normalise
from queries.errors import InvalidQuery, NotFound
from queries.evidence import entry_ref
from queries.index import Index
from queries.reading.records import AuthorisationInfo, EntryInfo
from queries.requests import AuthorisationsRequest
from queries.views import AuthorisationReport, AuthorisationVerdict

NOTES = (
    "Only what the authorisation's items and destinations say is checked; its conditions "
    "(end use, notification, registration) still apply, and the texts are the authority.",
)


class Authorisations:
    def __init__(self, index: Index) -> None:
        self.index = index

    def for_export(self, request: AuthorisationsRequest) -> AuthorisationReport:
        """The authorisations of ``issuer`` and whether each covers ``code`` to ``destination``."""
        code, destination, issuer = request.code, request.destination, request.issuer
        juris = self.index.jurisdiction(issuer)
        held = [a for a in self.index.data.authorisations() if a.issuer == juris.node]
        if not held:
            raise NotFound(f"no general authorisation of {juris.name} is in the graph")
        country = self.index.jurisdiction(destination)
        if country.kind != "country":
            raise InvalidQuery(f"{destination!r} is not a country: name a destination country")
        entry = self._entry(code, held[0].list_id)
        ancestors = {entry.id, *(a.id for a in self.index.ancestors(entry))}
        verdicts = [self._verdict(a, entry, ancestors, country.node, country.name) for a in held]
        verdicts.sort(key=lambda v: (not v.applies, v.code))
        return AuthorisationReport(
            entry=entry_ref(entry),
            destination=country.node,
            destination_name=country.name,
            authorisations=verdicts,
            notes=list(NOTES),
        )

    def _entry(self, code: str, list_id: str) -> EntryInfo:
        try:
            canonical = normalise(code.strip(), CodeSystem.ECCN)
        except CodeError:
            try:
                canonical = normalise(code.strip())
            except CodeError as exc:
                raise InvalidQuery(str(exc)) from exc
        entry = self.index.entries(list_id).get(canonical)
        if entry is None:
            raise NotFound(f"no entry {canonical} in {list_id}, the list the authorisations cite")
        return entry

    @staticmethod
    def _verdict(
        a: AuthorisationInfo, entry: EntryInfo, ancestors: set[str], node: str, name: str
    ) -> AuthorisationVerdict:
        def made(
            applies: bool, reason: str, by: set[str] | frozenset[str] = frozenset()
        ) -> AuthorisationVerdict:
            return AuthorisationVerdict(
                code=a.code, title=a.title, applies=applies, reason=reason, by=sorted(by)
            )

        if node not in a.destinations:
            return made(False, f"{a.code} is not valid for exports to {name}.")
        if a.items == "all-except":
            excluded = a.excluded & ancestors
            if excluded:
                return made(
                    False, f"{a.code} excludes {entry.code} (or an entry enclosing it).", excluded
                )
            return made(
                True,
                f"{a.code} covers every Annex I entry except those it excludes, which do not "
                f"include {entry.code}, and is valid for {name}.",
            )
        covered = a.covered & ancestors
        if covered:
            return made(
                True,
                f"{a.code} lists {entry.code} (or an entry enclosing it) and is valid for {name}.",
                covered,
            )
        return made(
            False,
            f"{a.code} covers only the entries it lists, and {entry.code} is not one of them.",
        )
