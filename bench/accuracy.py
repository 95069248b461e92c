"""Accuracy of the divergences against an audited sample judged by reading the official texts.

The sample (``tests/audit/divergence_sample.yaml``) was drawn at random with a recorded seed by
``python -m bench.accuracy --draw`` from the divergence rows of six jurisdiction pairs,
stratified by kind, and each row was then judged by reading the official documents (not the
project's output): the verdict, the document, the page and the text that decide it.

``python -m bench.accuracy`` recomputes today's divergences for the same pairs and compares:

* a sampled row judged **right** counts as right while today's answer still reports the same
  kind for that code (a row that disappeared is counted as a lost true divergence);
  "unilateral" and "not-in-regime-list" make the same claim (no regime counterpart) and count
  as one;
* a sampled row judged **wrong** counts as fixed when today's answer no longer reports it with
  that kind, and as still wrong when it does;
* a row reported today with the same code and kind but about other entries (the alignment
  found another counterpart) is a new statement: it counts neither way and is listed as
  "AGAIN", to be judged afresh;
* a row judged wrong whose statement was since rewritten may carry a ``rejudged`` verdict on
  the new statement (its ``claim``, judged the same way, from the documents): it applies while
  today's statement is that one, word for word; an "unclear" one counts neither way.

It prints precision by kind and by pair over the rows today's answer reports, and lists the
rows whose verdict disagrees. Needs the real graph (``HARMONIA_DB_PATH`` or a fresh ingest).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from queries.analyses import Analyses
from queries.requests import DivergenceRequest
from queries.views import DivergenceRow

SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "audit" / "divergence_sample.yaml"
#: One file of verdicts per pair (pair, kind, code, verdict, evidence, cause), judged by reading
#: the documents; merged onto the sample by (pair, code, kind).
JUDGED = SAMPLE.parent / "judged"
PAIRS: tuple[tuple[str, str], ...] = (
    ("US", "wassenaar"),
    ("EU", "wassenaar"),
    ("IN", "wassenaar"),
    ("US", "EU"),
    ("AU", "wassenaar"),
    ("US", "AU"),
)
PER_PAIR = 40


#: Kinds that make the same claim (no regime counterpart), told apart only by the numbering.
_FAMILY = {"not-in-regime-list": "no-counterpart", "unilateral": "no-counterpart"}


def _key(row: dict[str, Any]) -> tuple[str, str, str]:
    return (row["pair"], row["code"], row["kind"])


def _claim(code: str, kind: str) -> tuple[str, str]:
    return (code, _FAMILY.get(kind, kind))


def _entries(row: dict[str, Any]) -> frozenset[str]:
    """The entries a row's sides name: what its statement is about."""
    return frozenset(e for side in row["sides"] for e in side["entries"])


def _rows(analyses: Analyses, pair: tuple[str, str]) -> list[DivergenceRow]:
    return list(
        analyses.divergences(DivergenceRequest(jurisdiction=list(list(pair))), limit=None).items
    )


def _describe(pair: tuple[str, str], row: DivergenceRow) -> dict[str, Any]:
    return {
        "pair": "-".join(pair),
        "kind": row.kind,
        "code": row.code,
        "claim": row.reason,
        "sides": [
            {
                "jurisdiction": s.jurisdiction,
                "status": s.status,
                "entries": [e.id for e in s.entries],
                "editions": [e.list_id for e in s.editions],
            }
            for s in row.sides
        ],
        "reference": row.reference.id if row.reference else None,
        "verdict": None,
        "evidence": "",
        "cause": "",
    }


def draw(
    analyses: Analyses,
    seed: int,
    per_pair: int = PER_PAIR,
    exclude: frozenset[tuple[str, str, str]] = frozenset(),
) -> list[dict[str, Any]]:
    """``per_pair`` rows per pair, spread over the kinds the pair has (round robin by kind),
    leaving out the rows (pair, code, kind) in ``exclude``."""
    rng = random.Random(seed)
    sample: list[dict[str, Any]] = []
    for pair in PAIRS:
        by_kind: dict[str, list[DivergenceRow]] = defaultdict(list)
        for row in _rows(analyses, pair):
            if ("-".join(pair), row.code, row.kind) not in exclude:
                by_kind[row.kind].append(row)
        for rows in by_kind.values():
            rng.shuffle(rows)
        picked: list[DivergenceRow] = []
        kinds = sorted(by_kind)
        while len(picked) < per_pair and any(by_kind[k] for k in kinds):
            for kind in kinds:
                if by_kind[kind] and len(picked) < per_pair:
                    picked.append(by_kind[kind].pop())
        sample.extend(_describe(pair, row) for row in picked)
    return sample


@dataclass
class Score:
    right: int = 0
    wrong: int = 0

    @property
    def precision(self) -> float | None:
        total = self.right + self.wrong
        return self.right / total if total else None


def score(
    analyses: Analyses, sample: list[dict[str, Any]]
) -> tuple[dict[str, Score], dict[str, Score], list[str], Counter[str]]:
    today: dict[str, set[tuple[str, str]]] = {}
    now: dict[str, dict[tuple[str, str], frozenset[str]]] = {}
    said: dict[tuple[str, str, str], str] = {}
    #: Rows that fold sub-entries diverging the same way: (code, claim family) of the parent.
    folding: dict[str, set[tuple[str, str]]] = {}
    for pair in {tuple(r["pair"].split("-")) for r in sample if r.get("verdict")}:
        rows = _rows(analyses, pair)
        said.update((("-".join(pair), row.code, row.kind), row.reason) for row in rows)
        today["-".join(pair)] = {_claim(row.code, row.kind) for row in rows}
        now["-".join(pair)] = {
            _claim(row.code, row.kind): _entries(_describe(pair, row)) for row in rows
        }
        folding["-".join(pair)] = {_claim(row.code, row.kind) for row in rows if row.sub_entries}
    judged = [
        r for r in (_verdict_today(r, said) for r in sample) if r["verdict"] in ("right", "wrong")
    ]
    by_kind: dict[str, Score] = defaultdict(Score)
    by_pair: dict[str, Score] = defaultdict(Score)
    disagree: list[str] = []
    outcome: Counter[str] = Counter()
    for r in judged:
        reported = _claim(r["code"], r["kind"]) in today[r["pair"]]
        if not reported and _folded(r, folding[r["pair"]]):
            # The same statement, now made once for the parent with its sub-entries: it
            # counts as reported, with the verdict read for the sub-entry.
            outcome["folded into its parent's row"] += 1
            reported = True
        if (
            reported
            and r["verdict"] == "wrong"
            and _entries(r) != now[r["pair"]].get(_claim(r["code"], r["kind"]))
        ):
            # Same code and kind, other entries: a different statement, which the verdict on
            # the sampled one does not judge.
            outcome["changed, to judge again"] += 1
            disagree.append(f"AGAIN {r['pair']} {r['kind']} {r['code']}: {r['evidence']}")
            continue
        if not reported and _narrowed(r, today[r["pair"]]):
            # Now said of some of its sub-entries only (the others found a counterpart): a
            # different statement, which the verdict on the whole does not judge.
            outcome["narrowed to sub-entries, to judge again"] += 1
            where = f"{r['pair']} {r['kind']} {r['code']}"
            disagree.append(f"AGAIN {where} (narrowed): {r['evidence']}")
            continue
        if not reported:
            outcome["true divergence lost" if r["verdict"] == "right" else "wrong row fixed"] += 1
            if r["verdict"] == "right":
                disagree.append(f"LOST  {r['pair']} {r['kind']} {r['code']}: {r['evidence']}")
            continue
        cell = "right" if r["verdict"] == "right" else "wrong"
        for table, key in ((by_kind, r["kind"]), (by_pair, r["pair"])):
            setattr(table[key], cell, getattr(table[key], cell) + 1)
        outcome[f"reported, {cell}"] += 1
        if cell == "wrong":
            disagree.append(f"WRONG {r['pair']} {r['kind']} {r['code']}: {r['evidence']}")
    return by_kind, by_pair, disagree, outcome


def _verdict_today(row: dict[str, Any], said: dict[tuple[str, str, str], str]) -> dict[str, Any]:
    """The row with the verdict on today's statement: its re-judgement when it was rewritten."""
    again = row.get("rejudged")
    if again and said.get(_key(row)) == again["claim"]:
        return {**row, "verdict": again["verdict"], "evidence": again["evidence"]}
    return row


def _folded(row: dict[str, Any], folding: set[tuple[str, str]]) -> bool:
    """Is the row's code a sub-entry of a row of the same claim that folds sub-entries?"""
    _, family = _claim(row["code"], row["kind"])
    parts = row["code"].split(".")
    return any((".".join(parts[:n]), family) in folding for n in range(1, len(parts)))


def _narrowed(row: dict[str, Any], claims: set[tuple[str, str]]) -> bool:
    """Is the row's claim now made for sub-entries of its code?"""
    _, family = _claim(row["code"], row["kind"])
    prefix = row["code"] + "."
    return any(code.startswith(prefix) and f == family for code, f in claims)


def merged(sample: list[dict[str, Any]], judged: Path) -> list[dict[str, Any]]:
    """The sample with the verdicts of ``judged/*.yaml`` filled in."""
    verdicts: dict[tuple[str, str, str], dict[str, Any]] = {}
    for path in sorted(judged.glob("*.yaml")):
        for row in yaml.safe_load(path.read_text("utf-8")) or []:
            verdicts[_key(row)] = row
    out = []
    for row in sample:
        found = verdicts.get(_key(row))
        if found is not None:
            row = {
                **row,
                **{k: found.get(k) for k in ("verdict", "evidence", "cause", "rejudged")},
            }
        out.append(row)
    return out


#: Every audited sample: the one the fixes were tuned on, then the held-out ones, each drawn
#: leaving out the rows of those before it and judged before the fixes it prompted.
AUDITED = (
    SAMPLE,
    SAMPLE.parent / "validation" / SAMPLE.name,
    SAMPLE.parent / "heldout2" / SAMPLE.name,
    SAMPLE.parent / "heldout3" / SAMPLE.name,
    SAMPLE.parent / "heldout4" / SAMPLE.name,
)


def audited(paths: tuple[Path, ...] = AUDITED) -> list[dict[str, Any]]:
    """The rows of the samples with their verdicts, all together."""
    out: list[dict[str, Any]] = []
    for path in paths:
        out.extend(merged(yaml.safe_load(path.read_text("utf-8")), path.parent / "judged"))
    return out


def _table(title: str, scores: dict[str, Score]) -> None:
    print(title)
    for key, s in sorted(scores.items()):
        p = s.precision
        shown = "-" if p is None else f"{p:.0%}"
        print(f"  {key:<22} {s.right:>3} right {s.wrong:>3} wrong  precision {shown}")


#: Known divergences and agreements, each read in the official documents on both sides,
#: chosen without looking at the project's output.
RECALL = SAMPLE.parent / "recall.yaml"


def recall(analyses: Analyses, known: list[dict[str, Any]]) -> tuple[Counter[str], list[str]]:
    """How many known divergences today's answers report (with an acceptable kind, at the
    code or a sub-entry of it) and how many known agreements they leave unreported (nothing at
    the code or below it); the misses, one line each."""
    rows: dict[str, list[DivergenceRow]] = {}
    tally: Counter[str] = Counter()
    misses: list[str] = []
    for item in known:
        pair = item["pair"]
        if pair not in rows:
            first, second = pair.split("-", 1)
            rows[pair] = _rows(analyses, (first, second))
        # A known divergence of an item may be reported at its sub-entries (3.A.2.c.4 at
        # c.4.a and c.4.b.1, the paragraphs whose thresholds differ); a known agreement is
        # contradicted by a row at any of them.
        code = item["code"]
        reported = [r for r in rows[pair] if r.code == code or r.code.startswith(code + ".")]
        if item["expect"] == "unclear":
            tally["set aside as unclear"] += 1
            continue
        if item["expect"] == "same":
            ok = not reported
            tally["agreements"] += 1
            tally["agreements kept"] += ok
        else:
            accepted = {_claim(item["code"], k)[1] for k in [item["expect"], *item.get("also", [])]}
            ok = any(_claim(r.code, r.kind)[1] in accepted for r in reported)
            tally["divergences"] += 1
            tally["divergences found"] += ok
        if not ok:
            said = ", ".join(sorted({r.kind for r in reported})) or "nothing"
            misses.append(f"MISS {pair} {item['expect']} {item['code']}: reported {said}")
    return tally, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.accuracy", description=__doc__)
    parser.add_argument("--draw", action="store_true", help="draw a new sample (overwrites)")
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument(
        "--all", action="store_true", help="score every audited sample together (AUDITED)"
    )
    parser.add_argument("--per-pair", type=int, default=PER_PAIR, help="rows drawn per pair")
    parser.add_argument(
        "--recall",
        type=Path,
        nargs="?",
        const=RECALL,
        help="score the recall set (known divergences and agreements) instead of a sample",
    )
    parser.add_argument(
        "--exclude",
        type=Path,
        action="append",
        default=[],
        help="a sample whose rows are not drawn again (a held-out sample excludes the tuned one)",
    )
    args = parser.parse_args(argv)
    from harmonia.settings import Settings
    from store.embedded import EmbeddedStore

    store = EmbeddedStore(Path(Settings().db_path), read_only=True)
    analyses = Analyses(store)
    if args.draw:
        seen = frozenset(
            _key(row) for path in args.exclude for row in yaml.safe_load(path.read_text("utf-8"))
        )
        rows = draw(analyses, args.seed, args.per_pair, seen)
        args.sample.parent.mkdir(parents=True, exist_ok=True)
        excluded = "".join(f" --exclude {p}" for p in args.exclude)
        header = (
            f"# Drawn by python -m bench.accuracy --draw --seed {args.seed} --per-pair "
            f"{args.per_pair}{excluded}; judged by hand.\n"
        )
        args.sample.write_text(header + yaml.safe_dump(rows, sort_keys=False, allow_unicode=True))
        print(f"drew {len(rows)} rows into {args.sample}")
        return 0
    if args.recall is not None:
        tally, misses = recall(analyses, yaml.safe_load(args.recall.read_text("utf-8")))
        found, total = tally["divergences found"], tally["divergences"]
        kept, agreements = tally["agreements kept"], tally["agreements"]
        print(f"known divergences reported: {found} of {total} ({found / max(total, 1):.0%})")
        print(f"known agreements not reported as divergences: {kept} of {agreements}")
        if tally["set aside as unclear"]:
            print(f"set aside as unclear (re-judged): {tally['set aside as unclear']}")
        for line in misses:
            print(line)
        return 0
    if args.all:
        sample = audited()
    else:
        sample = merged(
            yaml.safe_load(args.sample.read_text("utf-8")), args.sample.parent / "judged"
        )
    by_kind, by_pair, disagree, outcome = score(analyses, sample)
    _table("precision by kind (rows reported today):", by_kind)
    _table("precision by pair:", by_pair)
    print("outcomes:", dict(outcome))
    for line in disagree:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
