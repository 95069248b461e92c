"""The alignment as one derived source edition, ``alignment@current``: its batch (IMPLEMENTS,
ORIGIN, SAME_CONTROL, NEXT_EDITION and COVERS edges), the digest of what it is derived from,
and a check of the matches by number against a text-only search."""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from rapidfuzz import fuzz, process

from graph_schema import codes as codes_module
from graph_schema import wording as wording_module
from graph_schema.model import ControlEntry, Implements, Technology, node_from_record
from graph_schema.provenance import Provenance
from ingest import editions as editions_module
from ingest import tagging as tagging_module
from ingest.alignment.aligner import Aligner
from ingest.alignment.held import EDITION, SOURCE_ID
from ingest.alignment.text import entry_text, similarity
from ingest.editions import Edition, edition_edges, series_of
from ingest.sources.helpers import parameters as parameters_module
from ingest.tagging import Tagger, covers_edges
from store.base import GraphStore, SourceBatch


def _files_of(module: ModuleType) -> list[Path]:
    """The files a module is made of: a package's every ``.py`` and ``.yaml`` file (its data
    tables too), in a fixed order."""
    if not hasattr(module, "__path__"):
        return [Path(str(module.__file__))]
    root = Path(str(module.__file__)).parent
    return sorted(p for p in root.rglob("*") if p.suffix in (".py", ".yaml"))


#: The code the alignment is derived with: a change to any of it makes the alignment stale.
_DERIVED_WITH = tuple(
    path
    for module in (
        sys.modules[__package__ or __name__],
        editions_module,
        tagging_module,
        parameters_module,
        codes_module,
        wording_module,
    )
    for path in _files_of(module)
)


#: Sources the alignment does not read: itself, and news documents (``ingest.documents``),
#: whose ingest must not make the lists' alignment stale.
_NOT_INPUTS = frozenset({SOURCE_ID, "documents"})


def derivation_digest(store: GraphStore) -> str:
    """What the alignment is derived from: every other source edition's content digest, and
    the code that derives it. The alignment records it; when it differs (a source written by
    an ingest that was killed before the alignment, or a new Harmonia), the alignment is stale.
    """
    h = hashlib.sha256()
    for record in store.sources():
        if record.source_id not in _NOT_INPUTS:
            h.update(f"{record.key}\x1f{record.digest}\x1e".encode())
    for path in _DERIVED_WITH:
        h.update(path.read_bytes())
    return h.hexdigest()


def alignment_batch(store: GraphStore) -> SourceBatch:
    """IMPLEMENTS, ORIGIN and COVERS edges for everything in the store, as one batch."""
    derived_from = derivation_digest(store)
    aligner = Aligner(store)
    technologies = []
    for record in store.nodes("Technology"):
        tech = node_from_record(record)
        assert isinstance(tech, Technology)
        technologies.append(tech)
    tagger = Tagger(technologies)
    tags = [
        tag
        for list_id, info in sorted(aligner.held.lists.items())
        for tag in tagger.tags(aligner.held.entries.get(list_id, []), info.system)
    ]
    edges = [e.to_record() for e in aligner.edges()]
    edges.extend(e.to_record() for e in covers_edges(tags))
    editions = [
        Edition(info.id, info.issuer, series_of(info.id), info.edition, info.edition_date)
        for info in aligner.held.lists.values()
    ]
    provenance = Provenance(source=SOURCE_ID, edition=EDITION, citation="edition concordance")
    edges.extend(e.to_record() for e in edition_edges(editions, aligner.held.entries, provenance))
    return SourceBatch(
        source_id=SOURCE_ID,
        edition=EDITION,
        title="Alignment with the regime lists, edition concordance and technology tags (derived)",
        # No file is read: the digest of what it was derived from stands in its place.
        file_sha256=derived_from,
        nodes=[],
        edges=edges,
    )


@dataclass(frozen=True)
class Disagreement:
    """How often the best text match disagrees with the numbering's match."""

    checked: int
    disagree: int
    examples: list[tuple[str, str, str]]

    @property
    def rate(self) -> float:
        return self.disagree / self.checked if self.checked else 0.0


def code_vs_text(aligner: Aligner, margin: float = 0.05) -> Disagreement:
    """Check every code match against a text-only search among the regime entries.

    For each national entry matched by numbering, the regime entries of the same category and
    group (``5A...``) are ranked by text similarity. The two methods disagree when another
    regime entry's text is closer than the numbered counterpart's by more than ``margin``.
    """
    families: dict[str, tuple[list[ControlEntry], list[str]]] = {}
    for entry in aligner.held.regime_entries.values():
        text = entry_text(entry)
        if text:
            members, texts = families.setdefault(entry.canonical[:2], ([], []))
            members.append(entry)
            texts.append(text)
    checked = disagree = 0
    examples: list[tuple[str, str, str]] = []
    for edge in aligner.edges():
        if not isinstance(edge, Implements) or edge.method != "code":
            continue
        national = aligner.held.by_id[edge.source]
        target = aligner.held.by_id[edge.target]
        query = entry_text(national)
        members, texts = families.get(target.canonical[:2], ([], []))
        if not query or not texts:
            continue
        checked += 1
        own = similarity(national, target)
        _, score, index = process.extractOne(query, texts, scorer=fuzz.token_set_ratio)
        best = members[index]
        if best.id != target.id and score / 100.0 > own + margin:
            disagree += 1
            if len(examples) < 20:
                examples.append((national.id, target.canonical, best.canonical))
    return Disagreement(checked, disagree, examples)
