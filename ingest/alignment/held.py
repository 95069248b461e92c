"""What the alignment reads from the graph: the control lists held (:class:`ListInfo`), their
entries, the Wassenaar list the national lists align to, and the lookups every step of the
alignment shares (a list's children and codes, an entry's ancestors and subtree), each
computed once. One :class:`ListsHeld` is the context the alignment's parts take."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph_schema.codes import CodeSystem
from graph_schema.model import ControlEntry, ControlList, Parameter, node_from_record
from graph_schema.provenance import Provenance
from ingest.alignment.text import _order, subtree_texts
from store.base import GraphStore

SOURCE_ID = "alignment"
EDITION = "current"
WASSENAAR = "regime:wassenaar"
#: Issuers whose lists are regime lists (references), not national implementations.
REGIME_LISTS = frozenset({WASSENAAR, "regime:mtcr", "regime:nsg"})


@dataclass(frozen=True)
class ListInfo:
    id: str
    issuer: str
    edition: str
    edition_date: date
    system: CodeSystem
    copy_may_lack: tuple[str, ...] = ()

    @property
    def issuer_code(self) -> str:
        """Two-letter issuer as the numbering rules know it: 'US', 'EU', 'GB'..."""
        return self.issuer.split(":", 1)[1].upper()[:2]


@dataclass(frozen=True)
class Match:
    target: ControlEntry
    method: str
    reason: str


def _provenance(evidence: str) -> Provenance:
    return Provenance(source=SOURCE_ID, edition=EDITION, citation=evidence)


class ListsHeld:
    """The control lists in a store, as the alignment reads them."""

    def __init__(self, store: GraphStore) -> None:
        self.lists: dict[str, ListInfo] = {}
        for record in store.nodes("ControlList"):
            node = node_from_record(record)
            assert isinstance(node, ControlList)
            self.lists[node.id] = ListInfo(
                id=node.id,
                issuer=node.issuer,
                edition=node.edition,
                edition_date=node.edition_date,
                system=CodeSystem(node.numbering),
                copy_may_lack=tuple(node.copy_may_lack),
            )
        self.entries: dict[str, list[ControlEntry]] = {}
        self.by_id: dict[str, ControlEntry] = {}
        for record in store.nodes("ControlEntry"):
            entry = node_from_record(record)
            assert isinstance(entry, ControlEntry)
            self.entries.setdefault(entry.list_id, []).append(entry)
            self.by_id[entry.id] = entry
        regime_lists = [info for info in self.lists.values() if info.issuer == WASSENAAR]
        # The newest edition of the regime list is the reference all national lists align to.
        self.regime_list = max(regime_lists, key=lambda i: i.edition_date, default=None)
        self.regime_entries: dict[str, ControlEntry] = {}
        if self.regime_list is not None:
            for entry in self.entries.get(self.regime_list.id, []):
                self.regime_entries[entry.canonical] = entry
        self.regime_ids = {e.id for e in self.regime_entries.values()}
        self._children_of_list: dict[str, dict[str, list[ControlEntry]]] = {}
        self._canonical: dict[str, dict[str, ControlEntry]] = {}
        self.regime_in_order = sorted(self.regime_entries.values(), key=_order)
        self.regime_children: dict[str, list[ControlEntry]] = {}
        for entry in self.regime_entries.values():
            if entry.parent is not None:
                self.regime_children.setdefault(entry.parent, []).append(entry)
        self._subtrees: dict[str, dict[str, str]] = {}

    def national_children(self, list_id: str) -> dict[str, list[ControlEntry]]:
        found = self._children_of_list.get(list_id)
        if found is None:
            found = {}
            for e in self.entries.get(list_id, []):
                found.setdefault(e.parent or "", []).append(e)
            self._children_of_list[list_id] = found
        return found

    def subtree_texts(self, list_id: str) -> dict[str, str]:
        """:func:`subtree_texts` of one list, computed once."""
        texts = self._subtrees.get(list_id)
        if texts is None:
            texts = subtree_texts(self.entries.get(list_id, []))
            self._subtrees[list_id] = texts
        return texts

    def canonical_of(self, list_id: str) -> dict[str, ControlEntry]:
        table = self._canonical.get(list_id)
        if table is None:
            table = {e.canonical: e for e in self.entries.get(list_id, [])}
            self._canonical[list_id] = table
        return table

    def ancestors(self, entry: ControlEntry) -> list[ControlEntry]:
        """The entries above a national entry in its list, nearest first."""
        table = self.canonical_of(entry.list_id)
        out: list[ControlEntry] = []
        above = table.get(entry.parent) if entry.parent else None
        while above is not None:
            out.append(above)
            above = table.get(above.parent) if above.parent else None
        return out

    def subtree_entries(self, entry: ControlEntry) -> list[ControlEntry]:
        """The entry and every entry below it in its national list."""
        children = self.national_children(entry.list_id)
        out: list[ControlEntry] = []
        stack = [entry]
        while stack:
            e = stack.pop()
            out.append(e)
            stack.extend(children.get(e.canonical, []))
        return out

    def subtree_parameters(self, entry: ControlEntry) -> list[Parameter]:
        return [p for e in self.subtree_entries(entry) for p in e.parameters]
