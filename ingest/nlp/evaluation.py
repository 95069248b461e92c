"""Scoring the pipeline against hand-made gold annotations (see tests/ingest/nlp/gold).

Mentions are compared as (span, node): a predicted mention is right when it names the same
node as a gold mention whose span it overlaps (each gold mention matched at most once); the
strict score also asks for the same span. Claims are compared as sets of
(subject, predicate, object) per document.

The annotated documents are split once into a dev part (rules are developed on it) and a
held-out part (figures to report), see :func:`split_rule` and ``gold/split.yaml``.

    python -m ingest.nlp.evaluation [--details]   # the figures per part and language
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml


class GoldError(ValueError):
    pass


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    node: str


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.true_positives += other.true_positives
        self.predicted += other.predicted
        self.gold += other.gold


def _occurrences(text: str, surface: str) -> list[int]:
    """Starts of ``surface`` in ``text`` standing as whole words."""
    pattern = re.compile(r"(?<![\w])" + re.escape(surface) + r"(?![\w])")
    return [m.start() for m in pattern.finditer(text)]


def gold_spans(text: str, entries: Iterable[dict[str, Any]]) -> list[Span]:
    """Gold mention spans from surface entries (longest first; overlaps go to the longer)."""
    taken: list[Span] = []
    for entry in sorted(entries, key=lambda e: -len(e["text"])):
        surface, node = entry["text"], entry["node"]
        starts = _occurrences(text, surface)
        if not starts:
            raise GoldError(f"gold mention {surface!r} does not occur in the text")
        skip = set(entry.get("skip", []))
        for number, start in enumerate(starts, 1):
            span = Span(start, start + len(surface), node)
            if number in skip or any(s.start < span.end and span.start < s.end for s in taken):
                continue
            taken.append(span)
    return sorted(taken, key=lambda s: s.start)


def match_mentions(
    predicted: Iterable[Span], gold: Iterable[Span], strict: bool = False
) -> tuple[list[Span], list[Span]]:
    """The predicted mentions no gold mention matches, and the gold mentions none matched."""
    preds = sorted(predicted, key=lambda s: s.start)
    golds = sorted(gold, key=lambda s: s.start)
    used: set[int] = set()
    extra = []
    for p in preds:
        for i, g in enumerate(golds):
            if i in used or g.node != p.node:
                continue
            same = (g.start, g.end) == (p.start, p.end)
            if same or (not strict and g.start < p.end and p.start < g.end):
                used.add(i)
                break
        else:
            extra.append(p)
    return extra, [g for i, g in enumerate(golds) if i not in used]


def score_mentions(predicted: Iterable[Span], gold: Iterable[Span], strict: bool = False) -> Score:
    preds, golds = list(predicted), list(gold)
    extra, _ = match_mentions(preds, golds, strict)
    return Score(len(preds) - len(extra), len(preds), len(golds))


def score_claims(
    predicted: Iterable[tuple[str, str, str]], gold: Iterable[tuple[str, str, str]]
) -> Score:
    p, g = set(predicted), set(gold)
    return Score(len(p & g), len(p), len(g))


# --- The annotated corpus, its split, and the figures per part and language -----------------

#: Kinds of annotated document: ``event`` reports an export-control event (its claim is in
#: ``event``), ``topic`` is about export controls without a realised event statable in graph
#: nodes, ``negative`` must yield no claim at all (off-topic, or "export" in another sense).
KINDS = ("event", "topic", "negative")
PARTS = ("dev", "heldout")
Triple = tuple[str, str, str]


@dataclass(frozen=True)
class GoldDoc:
    name: str  # the gold file's stem
    document: str  # "corpus/..." or "data/..." under shared/, or "fixture:<file>"
    language: str
    kind: str
    event: Triple | None
    mentions: list[dict[str, Any]]
    claims: list[Triple]
    event_date: str = ""  # ISO date (or year) of the event, when the text gives one

    @property
    def published(self) -> date | None:
        """The document's date, from its file name ("en-2017-12-08-...", 0000-00-00 unknown)."""
        found = re.search(r"(\d{4})-(\d{2})-(\d{2})", self.document)
        if found is None or found.group(1) == "0000":
            return None
        return date(*(int(g) for g in found.groups()))


def _triple(entry: Any) -> Triple:
    """A gold claim: ``[s, p, o]`` or ``{claim: [s, p, o], qualifier, date, quote}``."""
    value = entry["claim"] if isinstance(entry, dict) else entry
    if not isinstance(value, list) or len(value) != 3:
        raise GoldError(f"a claim is [subject, predicate, object], not {value!r}")
    return (str(value[0]), str(value[1]), str(value[2]))


def load_gold(folder: Path) -> list[GoldDoc]:
    docs = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name == SPLIT_FILE:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        kind = data.get("kind")
        if kind not in KINDS:
            raise GoldError(f"{path.name}: kind must be one of {KINDS}, not {kind!r}")
        event = _triple(data["event"]) if data.get("event") else None
        when = str((data.get("event") or {}).get("date", ""))
        # Only a date written as ISO (a year at least) is compared; "11-09 (year ...)" is not.
        when = when if re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", when) else ""
        if (kind == "event") != (event is not None):
            raise GoldError(f"{path.name}: an event document, and only one, names its event")
        claims = [_triple(c) for c in data.get("claims") or []]
        if kind == "negative" and claims:
            raise GoldError(f"{path.name}: a negative document has no claim")
        if event is not None and event not in claims:
            raise GoldError(f"{path.name}: the event claim is not among the claims")
        docs.append(
            GoldDoc(
                path.stem,
                data["document"],
                data["language"],
                kind,
                event,
                data.get("mentions") or [],
                claims,
                when,
            )
        )
    return docs


SPLIT_FILE = "split.yaml"


def split_rule(docs: Iterable[GoldDoc]) -> dict[str, str]:
    """The fixed split: within each (language, kind) group, documents sorted by the SHA-256 of
    their gold file name go alternately to dev and held-out, dev first. Stratified so each part
    has each language and kind; by name so nobody chooses (it was drawn before any tuning)."""
    groups: dict[tuple[str, str], list[str]] = {}
    for d in docs:
        groups.setdefault((d.language, d.kind), []).append(d.name)
    split = {}
    for names in groups.values():
        ordered = sorted(names, key=lambda n: hashlib.sha256(n.encode()).hexdigest())
        for i, name in enumerate(ordered):
            split[name] = PARTS[i % 2]
    return dict(sorted(split.items()))


def load_split(folder: Path) -> dict[str, str]:
    data: dict[str, list[str]] = yaml.safe_load((folder / SPLIT_FILE).read_text("utf-8"))
    return {name: part for part in PARTS for name in data[part]}


@dataclass
class Report:
    """The figures of one part of the corpus in one language."""

    mentions: Score = field(default_factory=Score)
    claims: Score = field(default_factory=Score)
    documents: int = 0
    events: int = 0  # documents reporting an export-control event
    events_found: int = 0  # ... that yield the claim of that event
    dated: int = 0  # events found whose gold file gives an ISO date
    dated_right: int = 0  # ... and the claim carries that date
    negatives: int = 0
    negative_claims: int = 0  # claims produced on negative documents (should be 0)
    wrong: list[str] = field(default_factory=list)  # what was missed or added, per document

    @property
    def event_share(self) -> float:
        return self.events_found / self.events if self.events else 1.0


def evaluate(
    analyse: Callable[[GoldDoc], tuple[str, list[Span], list[tuple[Triple, str]]]],
    docs: Iterable[GoldDoc],
    split: dict[str, str],
) -> dict[tuple[str, str], Report]:
    """Figures per (part, language). ``analyse`` returns a document's text, its predicted
    mention spans and claims (triple, resolved date)."""
    reports: dict[tuple[str, str], Report] = {}
    for doc in docs:
        text, spans, claims = analyse(doc)
        triples = [t for t, _ in claims]
        report = reports.setdefault((split[doc.name], doc.language), Report())
        report.documents += 1
        golds = gold_spans(text, doc.mentions)
        report.mentions.add(score_mentions(spans, golds))
        extra_mentions, missed_mentions = match_mentions(spans, golds)
        for span in missed_mentions:
            report.wrong.append(
                f"{doc.name}: missed mention {text[span.start : span.end]!r} {span.node}"
            )
        for span in extra_mentions:
            report.wrong.append(
                f"{doc.name}: extra mention {text[span.start : span.end]!r} {span.node}"
            )
        report.claims.add(score_claims(triples, doc.claims))
        predicted, gold = set(triples), set(doc.claims)
        for t in sorted(gold - predicted):
            report.wrong.append(f"{doc.name}: missed {t}")
        for t in sorted(predicted - gold):
            report.wrong.append(f"{doc.name}: extra {t}")
        if doc.kind == "event":
            report.events += 1
            report.events_found += doc.event in predicted
            if doc.event in predicted and doc.event_date:
                report.dated += 1
                dates = {when for t, when in claims if t == doc.event}
                report.dated_right += doc.event_date in dates
        if doc.kind == "negative":
            report.negatives += 1
            report.negative_claims += len(triples)
    return reports


def format_reports(reports: dict[tuple[str, str], Report], details: bool = False) -> str:
    lines = [
        "part     lang  docs  mentions P / R (n)        claims P / R (n)        "
        "events found   dates   claims on negatives"
    ]
    for (part, lang), r in sorted(reports.items()):
        m, c = r.mentions, r.claims
        lines.append(
            f"{part:<8} {lang:<4} {r.documents:>4}  "
            f"{m.precision:.3f} / {m.recall:.3f} ({m.gold:>3})     "
            f"{c.precision:.3f} / {c.recall:.3f} ({c.gold:>3})     "
            f"{r.events_found:>2}/{r.events:<2} {r.event_share:.2f}     "
            f"{r.dated_right}/{r.dated}     "
            f"{r.negative_claims} on {r.negatives}"
        )
        if details:
            lines += [f"    {w}" for w in r.wrong]
    return "\n".join(lines)


ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "ingest" / "nlp" / "gold"
FIXTURES = ROOT / "tests" / "ingest" / "nlp" / "fixtures"


def document_path(ref: str, shared: Path) -> Path:
    """Where a gold file's ``document`` is: a test fixture, or a file under shared/."""
    if ref.startswith("fixture:"):
        return FIXTURES / ref.removeprefix("fixture:")
    return shared / ref


def main(argv: list[str] | None = None) -> None:
    import argparse
    import os
    import tempfile

    # Imported here: scoring (above) needs neither spaCy nor a store.
    from ingest.nlp.pipeline import Analyzer
    from ingest.nlp.reader import read_document
    from ingest.registry import get_source
    from ingest.runner import build_batch, ingest_reference
    from store.embedded import EmbeddedStore

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--details", action="store_true", help="list missed and extra claims")
    parser.add_argument("--part", choices=PARTS, help="only this part (develop on dev only)")
    # The same place the benchmarks and tests read the real data from.
    default = Path(os.environ.get("HARMONIA_SOURCES_DIR", ROOT.parent / "shared" / "data"))
    parser.add_argument("--data", type=Path, default=default, help="shared/data")
    args = parser.parse_args(argv)
    shared: Path = args.data.parent

    # The graph the gold files link to (as the tests build it): reference data, the US
    # screening list (parties) and the Wassenaar list.
    with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(Path(tmp) / "g.sqlite") as store:
        ingest_reference(store)
        for source_id in ("us-csl", "wassenaar-list"):
            definition = get_source(source_id)
            batch, _ = build_batch(definition, args.data / definition.meta.file)
            store.replace_source(batch)
        graph = store.to_networkx()
    analyzer = Analyzer(graph)

    def analyse(doc: GoldDoc) -> tuple[str, list[Span], list[tuple[Triple, str]]]:
        text = read_document(document_path(doc.document, shared)).text
        analysis = analyzer.analyse(text, doc.language, published=doc.published)
        spans = [Span(m.start, m.end, m.node) for m in analysis.mentions]
        return text, spans, [(c.triple, c.date) for c in analysis.claims]

    split = load_split(GOLD)
    docs = [d for d in load_gold(GOLD) if args.part in (None, split[d.name])]
    reports = evaluate(analyse, docs, split)
    print(format_reports(reports, details=args.details))


if __name__ == "__main__":
    main()
