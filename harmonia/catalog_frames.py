"""The catalogue as DataFrames: countries, regimes, technologies, memberships, and the claims
documents make (a part of :class:`harmonia.client.Harmonia`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph_schema.model import Agreement, ClaimPredicate
from harmonia.frames import as_dates, joined, to_frame
from queries.requests import ClaimsRequest, Language, build

if TYPE_CHECKING:
    import pandas as pd

    from queries.analyses import Analyses
    from queries.catalog import Catalog
    from store import GraphStore


class CatalogFrames:
    store: GraphStore
    catalog: Catalog
    analyses: Analyses

    # --- reference data -----------------------------------------------------------------------

    def countries(self, regime: str | None = None) -> pd.DataFrame:
        """Countries, optionally only the current members of one regime.

        Columns:

        - ``iso2``: ISO 3166-1 alpha-2 code.
        - ``name``: English name.
        - ``name_fr``: French name.
        - ``name_ar``: Arabic name.
        - ``regimes``: ids of the regimes it currently belongs to, comma-separated.
        - ``lists``: ids of the control-list editions that apply to it (its own, or the EU's
          for EU member states), comma-separated; empty when the graph holds none.
        - ``via``: ``regime:eu`` when the EU's list applies to it, else empty.

        >>> kg.countries(regime="wassenaar").head()
        """
        index = self.analyses.index
        rows = []
        for c in self.catalog.countries(regime=regime):
            lists, via = index.names.lists_of_country(c.id)
            rows.append(
                {
                    "iso2": c.iso2,
                    "name": c.name,
                    "name_fr": c.names.get("fr", ""),
                    "name_ar": c.names.get("ar", ""),
                    "regimes": joined(c.regimes),
                    "lists": joined([i.id for i in lists]),
                    "via": via or "",
                }
            )
        columns = ["iso2", "name", "name_fr", "name_ar", "regimes", "lists", "via"]
        return to_frame(rows, columns)

    def regimes(self) -> pd.DataFrame:
        """Regimes, unions and initiatives.

        Columns:

        - ``id``: node id (``regime:wassenaar``).
        - ``short_name``: short English name.
        - ``name``: full English name.
        - ``name_fr``: French name.
        - ``name_ar``: Arabic name.
        - ``kind``: regime, union, initiative, forum or treaty.
        - ``established``: date it was established (datetime64; NaT when unknown).
        - ``member_count``: current members.
        - ``lists``: ids of the list editions it issues, comma-separated.

        >>> kg.regimes()[["short_name", "member_count"]]
        """
        index = self.analyses.index
        rows = [
            {
                "id": r.id,
                "short_name": r.short_name,
                "name": r.name,
                "name_fr": r.names.get("fr", ""),
                "name_ar": r.names.get("ar", ""),
                "kind": r.kind,
                "established": r.established,
                "member_count": r.member_count,
                "lists": joined([i.id for i in index.lists_of_issuer.get(r.id, [])]),
            }
            for r in self.catalog.regimes()
        ]
        frame = to_frame(
            rows,
            [
                "id",
                "short_name",
                "name",
                "name_fr",
                "name_ar",
                "kind",
                "established",
                "member_count",
                "lists",
            ],
        )
        frame["established"] = as_dates(frame["established"])
        return frame

    def technologies(self) -> pd.DataFrame:
        """The technology taxonomy.

        Columns:

        - ``id``: technology id (``tech:intrusion-software``).
        - ``name``: English name.
        - ``name_fr``: French label.
        - ``name_ar``: Arabic label.
        - ``parent``: id of the broader technology, or empty.
        - ``code_hints``: control codes known to cover it, comma-separated.

        >>> kg.technologies().set_index("id")["name_fr"]
        """
        rows = [
            {
                "id": t.id,
                "name": t.name,
                "name_fr": t.labels.get("fr", ""),
                "name_ar": t.labels.get("ar", ""),
                "parent": t.parent or "",
                "code_hints": joined(t.code_hints),
            }
            for t in self.catalog.technologies()
        ]
        return to_frame(rows, ["id", "name", "name_fr", "name_ar", "parent", "code_hints"])

    def memberships(self, current: bool = True) -> pd.DataFrame:
        """Who belongs to which regime or initiative, and who subscribes to which code of
        conduct: one row per country and regime (or code).

        Columns:

        - ``country``: ISO 3166-1 alpha-2 code.
        - ``name``: the country's English name.
        - ``regime``: regime or code-of-conduct id (``regime:mtcr``,
          ``coc:echri-code-of-conduct``).
        - ``kind``: ``member`` (MEMBER_OF) or ``subscriber`` (SUBSCRIBES).
        - ``role``: as the source words it (participating state, partner, endorser ...).
        - ``since``: start date (datetime64; NaT when unknown).
        - ``until``: end date (NaT while current).

        ``current=False`` also returns memberships that have ended (the UK in the EU).

        >>> kg.memberships().pivot_table(index="country", columns="regime", aggfunc="size")
        """
        index = self.analyses.index
        rows: list[dict[str, Any]] = []
        for m in index.memberships:
            if current and not m.current():
                continue
            rows.append(
                {
                    "country": index.iso2(m.country),
                    "name": index.country_name(m.country),
                    "regime": m.regime,
                    "kind": "member",
                    "role": m.role,
                    "since": m.since,
                    "until": m.until,
                }
            )
        for s in index.data.subscriptions():
            rows.append(
                {
                    "country": index.iso2(s.country),
                    "name": index.country_name(s.country),
                    "regime": s.code,
                    "kind": "subscriber",
                    "role": s.role,
                    "since": s.date,
                    "until": None,
                }
            )
        frame = to_frame(rows, ["country", "name", "regime", "kind", "role", "since", "until"])
        for column in ("since", "until"):
            frame[column] = as_dates(frame[column])
        return frame.sort_values(["country", "regime"], ignore_index=True)

    # --- documents ----------------------------------------------------------------------------

    def claims(
        self,
        *,
        country: str | None = None,
        initiative: str | None = None,
        technology: str | None = None,
        agreement: Agreement | None = None,
        predicate: ClaimPredicate | None = None,
        language: Language | None = None,
    ) -> pd.DataFrame:
        """Claims made by ingested documents (news, statements), each with the sentence it
        rests on and whether the official data in the graph agrees.

        Columns:

        - ``id``: claim id.
        - ``subject``: node id of the subject (``country:DK``).
        - ``subject_name``: its name.
        - ``predicate``: member_of, subscribes_to, lists_party, controls, partners_with,
          aligns_with or sets_threshold.
        - ``object``: node id of the object (``regime:echri``).
        - ``object_name``: its name.
        - ``qualifier``: extra words of the claim (a date, a technology), if any.
        - ``date``: when the claimed event happened (ISO date, year-month or year), from the
          sentence, else the document's date; empty when unknown.
        - ``sentence``: the evidence: the sentence stating the claim.
        - ``document``: document id.
        - ``document_title``: its title.
        - ``published``: its publication date (datetime64; NaT when unknown).
        - ``language``: ar, en or fr.
        - ``confidence``: 0..1.
        - ``agreement``: agrees, contradicts or unknown (what the official data says).
        - ``agreement_reason``: why.

        >>> kg.claims(agreement="contradicts")
        """
        from queries.documents import ClaimView, DocumentQueries

        found = DocumentQueries(self.store).claims(
            build(
                ClaimsRequest,
                country=country,
                initiative=initiative,
                technology=technology,
                agreement=agreement,
                predicate=predicate,
                language=language,
            )
        )
        columns = list(ClaimView.model_fields)
        frame = to_frame([c.model_dump() for c in found], columns)
        frame["published"] = as_dates(frame["published"])
        return frame

    def document_controls(self, document: str) -> pd.DataFrame:
        """The controls a document concerns: one row per technology it mentions, country (or
        the EU) it names, and entry of that jurisdiction's current lists covering the
        technology (one row with no entry when none covers it or no list is held).

        Columns:

        - ``technology``: technology node id; ``technology_name``: its English name.
        - ``jurisdiction``: key (ISO2 or EU); ``jurisdiction_name``: its name.
        - ``state``: covered, no-entry-covers or no-list-held (no list held says nothing of
          whether the country controls the technology).
        - ``entry``: entry node id; ``code``: its code; ``list_id`` / ``list_title``: the list
          edition holding it; ``reason``: which technology tag makes it cover.

        ``attrs``: ``document``, ``title``, ``language``, ``divergences`` (technology -> the
        divergence counts per kind among the named jurisdictions holding lists),
        ``compared`` (technology -> the jurisdiction keys compared) and ``notes``.

        >>> kg.document_controls("doc:7243032eb79e823f")
        """
        from queries.document_controls import DocumentControlQueries
        from queries.documents import DocumentQueries

        found = DocumentControlQueries(DocumentQueries(self.store), self.analyses).controls(
            document
        )
        techs = {t.technology: t.name for t in found.technologies}
        names = {j.key: j.name for j in found.jurisdictions}
        rows: list[dict[str, Any]] = []
        for c in found.controls:
            base = {
                "technology": c.technology,
                "technology_name": techs[c.technology],
                "jurisdiction": c.jurisdiction,
                "jurisdiction_name": names[c.jurisdiction],
                "state": c.state,
            }
            rows += [
                {
                    **base,
                    "entry": h.entry.id,
                    "code": h.entry.code,
                    "list_id": h.edition.list_id,
                    "list_title": h.edition.title,
                    "reason": h.reason,
                }
                for h in c.entries
            ] or [base]
        columns = [
            "technology",
            "technology_name",
            "jurisdiction",
            "jurisdiction_name",
            "state",
            "entry",
            "code",
            "list_id",
            "list_title",
            "reason",
        ]
        return to_frame(
            rows,
            columns,
            document=found.document,
            title=found.title,
            language=found.language,
            divergences={d.technology: dict(d.report.counts) for d in found.divergences},
            compared={d.technology: list(d.jurisdictions) for d in found.divergences},
            notes=list(found.notes),
        )
