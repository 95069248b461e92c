"""Reported versus official: does the graph's official data agree with a claim?

- ``member_of``: a MEMBER_OF edge agrees; a regime whose membership the graph records, without
  the subject, contradicts.
- ``subscribes_to``: likewise with SUBSCRIBES.
- ``lists_party``: a LISTS edge from the subject to the party agrees; a party the graph holds
  that the subject's lists (held in the graph) do not name contradicts.
- ``controls``: a list the subject issues (or, for an EU member state, the EU list) with an
  entry covering the technology or a narrower one agrees; otherwise unknown, since the
  taxonomy's coverage tags are incomplete and silence is not denial.
- ``sets_threshold``: an entry of a list the subject issues (or the EU list, for a member
  state) covering the technology with the same threshold (comparator and value; the unit the
  same, or the entry's count unitless with the unit's word in its text: "34 or more ...
  'physical qubits'") agrees; otherwise unknown, as for ``controls``.
- ``aligns_with`` (A joins B's controls on the technology in the qualifier): judged as A
  controlling that technology, B's covering entries named beside A's; unknown when A's lists
  are not held or the sentence named no technology.
- ``partners_with``: both sides current members of one regime, initiative or forum agrees
  (the reason names which); otherwise unknown.

The graph is indexed once (:class:`Official`), so judging a claim is a few dictionary looks.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import networkx as nx

from graph_schema.model import Agreement, Parameter
from ingest.nlp.types import ClaimDraft


def _current(d: dict[str, Any]) -> bool:
    until = d.get("until")
    return not until or date.fromisoformat(str(until)) >= date.today()


_KIND_ORDER = {"initiative": 0, "forum": 1, "regime": 2, "union": 3, "treaty": 4}


class Official:
    """The official facts claims are compared with, indexed from one graph."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.nodes = graph.nodes
        self.member: dict[tuple[str, str], dict[str, Any]] = {}
        self.subscribes: dict[tuple[str, str], dict[str, Any]] = {}
        self.roster: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.current: dict[str, set[str]] = defaultdict(set)
        self.listed: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.lists_issuers: set[str] = set()
        self.issues: dict[str, set[str]] = defaultdict(set)
        self.covered: dict[str, list[tuple[str, str]]] = defaultdict(list)
        # Thresholds of the covering entries, by (list, code), with the entry's text.
        self.thresholds: dict[tuple[str, str], tuple[list[Parameter], str]] = {}
        # Entries covering a technology, by (lists, technology): claims of one document ask
        # the same question again and again, and each answer walks the technology's family.
        self._covered_by: dict[tuple[frozenset[str], str], list[tuple[str, str, str]]] = {}
        children: dict[str, set[str]] = defaultdict(set)
        for u, v, d in graph.edges(data=True):
            kind = d.get("type")
            if kind == "MEMBER_OF":
                self.member[(u, v)] = d
                self.roster["MEMBER_OF"][v] += 1
                if _current(d):
                    self.current[u].add(v)
            elif kind == "SUBSCRIBES":
                self.subscribes[(u, v)] = d
                self.roster["SUBSCRIBES"][v] += 1
            elif kind == "LISTS":
                self.listed[(u, v)].add(str(d.get("list_name", "")))
                self.lists_issuers.add(u)
            elif kind == "ISSUES" and graph.nodes[v].get("label") == "ControlList":
                self.issues[u].add(v)
            elif kind == "COVERS":
                entry = graph.nodes[u]
                key = (str(entry.get("list_id")), str(entry.get("code", u)))
                self.covered[v].append(key)
                if entry.get("parameters") and key not in self.thresholds:
                    self.thresholds[key] = (
                        [Parameter.model_validate(p) for p in entry["parameters"]],
                        str(entry.get("text", "")).lower(),
                    )
        for node, attrs in graph.nodes(data=True):
            parent = attrs.get("parent") if attrs.get("label") == "Technology" else None
            if parent:
                children[parent if str(parent).startswith("tech:") else f"tech:{parent}"].add(node)
        self.children = dict(children)

    def name(self, node: str) -> str:
        attrs = self.nodes.get(node, {})
        return str(attrs.get("short_name") or attrs.get("name") or node)

    def judge(self, claim: ClaimDraft) -> tuple[Agreement, str]:
        s, p, o = claim.subject, claim.predicate, claim.object
        if p in ("member_of", "subscribes_to"):
            edge_type = "MEMBER_OF" if p == "member_of" else "SUBSCRIBES"
            table = self.member if p == "member_of" else self.subscribes
            d = table.get((s, o))
            if d is not None:
                since = d.get("since") or d.get("date")
                when = f" since {since}" if since else ""
                return (
                    "agrees",
                    f"{edge_type} {s} -> {o} ({d.get('role', 'member')}{when}; "
                    f"{d.get('prov_source')})",
                )
            count = self.roster[edge_type].get(o, 0)
            if count and self.nodes.get(s, {}).get("label") == "Country":
                return (
                    "contradicts",
                    f"{self.name(s)} is not among the {count} {edge_type} records of "
                    f"{self.name(o)} in the graph",
                )
            return (
                "unknown",
                f"the graph records no {edge_type} of {self.name(s)} to {self.name(o)}",
            )
        if p == "lists_party":
            names = sorted(self.listed.get((s, o), set()))
            if names:
                same = not claim.qualifier or claim.qualifier in names
                note = "" if same else f" (on {', '.join(names)}, not {claim.qualifier})"
                return "agrees", f"LISTS {s} -> {o}: {', '.join(names)}{note}"
            if o in self.nodes and s in self.lists_issuers:
                return (
                    "contradicts",
                    f"{self.name(o)} is on none of the lists of {self.name(s)} in the graph",
                )
            return "unknown", f"the graph holds no lists of parties issued by {self.name(s)}"
        if p == "controls":
            return self._controls(s, o)
        if p == "sets_threshold":
            return self._threshold(s, o, claim.parameter)
        if p == "aligns_with":
            return self._aligns(s, o, claim.qualifier)
        if p == "partners_with":
            mine, theirs = self.current.get(s, set()), self.current.get(o, set())
            if self.nodes.get(o, {}).get("label") == "Regime" and o in mine:
                return "agrees", f"{self.name(s)} is a member of {self.name(o)}"
            shared = mine & theirs
            if shared:
                ranked = sorted(
                    shared,
                    key=lambda r: (_KIND_ORDER.get(self.nodes[r].get("kind", ""), 9), r),
                )
                return "agrees", f"both are members of {', '.join(self.name(r) for r in ranked)}"
            return "unknown", "the graph records no regime or forum both belong to"
        return "unknown", f"no official data is compared for {p}"

    def family(self, tech: str) -> set[str]:
        """The technology and every narrower one."""
        found, todo = {tech}, [tech]
        while todo:
            for child in self.children.get(todo.pop(), set()) - found:
                found.add(child)
                todo.append(child)
        return found

    def _lists(self, subject: str) -> set[str]:
        """The control lists a subject's exports fall under: its own, and the EU's for a
        member state."""
        issuers = {subject}
        if "regime:eu" in self.current.get(subject, set()):
            issuers.add("regime:eu")
        return {v for issuer in issuers for v in self.issues.get(issuer, set())}

    def _covering(self, lists: set[str], tech: str) -> list[tuple[str, str, str]]:
        """(list, code, technology) of the entries of ``lists`` covering ``tech`` or a
        narrower technology, sorted."""
        key = (frozenset(lists), tech)
        if key not in self._covered_by:
            self._covered_by[key] = sorted(
                (list_id, code, target)
                for target in self.family(tech)
                for list_id, code in self.covered.get(target, [])
                if list_id in lists
            )
        return self._covered_by[key]

    def _threshold(
        self, subject: str, tech: str, claimed: Parameter | None
    ) -> tuple[Agreement, str]:
        lists = self._lists(subject)
        if not lists:
            return "unknown", f"the graph holds no control list issued by {self.name(subject)}"
        if claimed is None:
            return "unknown", "the claim carries no threshold"
        hits = self._covering(lists, tech)
        for list_id, code, _ in hits:
            parameters, text = self.thresholds.get((list_id, code), ([], ""))
            for p in parameters:
                same_unit = p.unit == claimed.unit or (
                    not p.unit and bool(claimed.unit) and claimed.unit.lower() in text
                )
                if p.comparator == claimed.comparator and p.value == claimed.value and same_unit:
                    unit = "" if p.unit else f" ({claimed.unit}, as the entry's text says)"
                    return (
                        "agrees",
                        f'{list_id} entry {code} covers {self.name(tech)} at "{p.text}"{unit}',
                    )
        if not hits:
            return (
                "unknown",
                f"no entry of {', '.join(sorted(lists))} is tagged with {self.name(tech)}",
            )
        codes = ", ".join(code for _, code, _ in hits[:5]) + (" ..." if len(hits) > 5 else "")
        return (
            "unknown",
            f"{len(hits)} entries of {', '.join(sorted({h[0] for h in hits}))} cover "
            f"{self.name(tech)} ({codes}); none sets {claimed.comparator} {claimed.value:g} "
            f"{claimed.unit}",
        )

    def _aligns(self, subject: str, joined: str, tech: str) -> tuple[Agreement, str]:
        if not tech.startswith("tech:"):
            return "unknown", "the sentence names no technology the controls are on"
        if not self._lists(subject):
            return "unknown", f"the graph holds no control list issued by {self.name(subject)}"
        agreement, mine = self._controls(subject, tech)
        _, theirs = self._controls(joined, tech)
        return agreement, f"{self.name(subject)}: {mine}; {self.name(joined)}: {theirs}"

    def _controls(self, subject: str, tech: str) -> tuple[Agreement, str]:
        lists = self._lists(subject)
        if not lists:
            return "unknown", f"the graph holds no control list issued by {self.name(subject)}"
        hits = self._covering(lists, tech)
        if hits:
            list_id, code, target = hits[0]
            more = f" and {len(hits) - 1} more" if len(hits) > 1 else ""
            return "agrees", f"{list_id} entry {code} covers {self.name(target)}{more}"
        return "unknown", f"no entry of {', '.join(sorted(lists))} is tagged with {self.name(tech)}"
