"""Technology tags (``COVERS``): which control entries cover which technology, and how we know.

Two rules, each recorded on the edge: a code hint from the taxonomy (``5A001.j`` is IP network
surveillance) matched against the entry's Wassenaar-equivalent code, and a spaCy phrase match of
the technology's English labels and synonyms in the entry's text. Phrase matching is the cheap,
explainable choice here: no statistical model, every hit points at the words that made it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import spacy
from spacy.matcher import PhraseMatcher

from graph_schema.codes import CodeError, CodeSystem, parse_code, wassenaar_equivalent
from graph_schema.model import ControlEntry, Covers, Technology
from graph_schema.provenance import Provenance

SOURCE_ID = "alignment"
EDITION = "current"


@dataclass(frozen=True)
class Tag:
    entry: str
    technology: str
    method: str
    matched: str
    score: float


class Tagger:
    def __init__(self, technologies: Iterable[Technology]) -> None:
        self.nlp = spacy.blank("en")
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.hints: dict[str, list[str]] = {}
        for tech in technologies:
            phrases = {tech.labels.get("en", tech.name), *tech.synonyms.get("en", [])}
            # make_doc only tokenises: far cheaper than running a pipeline per phrase.
            patterns = [self.nlp.make_doc(p) for p in sorted(phrases) if p.strip()]
            self.matcher.add(tech.id, patterns)
            for hint in tech.code_hints:
                self.hints.setdefault(hint, []).append(tech.id)

    def _reference_code(self, entry: ControlEntry, system: CodeSystem) -> str:
        try:
            code = parse_code(entry.canonical, system)
        except CodeError:
            return entry.canonical
        return wassenaar_equivalent(code) or entry.canonical

    def tags(self, entries: list[ControlEntry], system: CodeSystem) -> Iterator[Tag]:
        """Tags for the entries of one list (its numbering decides the code rules)."""
        # Code hints are Wassenaar-numbered; the MTCR and NSG annexes reuse the same shapes for
        # other items (MTCR 4.E.1 is not Wassenaar 4.E.1), so only their words are read.
        annex = system in (CodeSystem.MTCR, CodeSystem.NSG)
        by_code = {} if annex else {self._reference_code(e, system): e for e in entries}
        for hint, technologies in sorted(self.hints.items()):
            entry = by_code.get(hint)
            method, score = "code-hint", 1.0
            if entry is None:
                # The list is parsed less deep than the hint: tag the deepest ancestor present.
                ancestors = hint.split(".")
                while entry is None and len(ancestors) > 1:
                    ancestors.pop()
                    entry = by_code.get(".".join(ancestors))
                method, score = "code-hint-ancestor", 0.6
            if entry is not None:
                for tech in technologies:
                    yield Tag(entry.id, tech, method, hint, score)
        texts = (f"{e.heading} {e.text}" for e in entries)
        for entry, doc in zip(entries, self.nlp.pipe(texts, batch_size=256), strict=True):
            seen: set[str] = set()
            for match_id, start, end in self.matcher(doc):
                tech = self.nlp.vocab.strings[match_id]
                if tech not in seen:
                    seen.add(tech)
                    yield Tag(entry.id, tech, "phrase", doc[start:end].text, 0.8)


def covers_edges(tags: Iterable[Tag]) -> Iterator[Covers]:
    """One COVERS edge per entry and technology; a code hint beats a phrase match."""
    best: dict[tuple[str, str], Tag] = {}
    for tag in tags:
        key = (tag.entry, tag.technology)
        if key not in best or tag.score > best[key].score:
            best[key] = tag
    for (entry, tech), tag in sorted(best.items()):
        evidence = f"{tag.method}: {tag.matched}"
        yield Covers(
            source=entry,
            target=tech,
            method=tag.method,
            matched=tag.matched,
            score=tag.score,
            provenance=Provenance(source=SOURCE_ID, edition=EDITION, citation=evidence),
        )
