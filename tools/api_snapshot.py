"""Snapshot of the API's behaviour: its OpenAPI document and the answers of every read endpoint.

A refactoring must not change what the API says. Run this on the full real graph before and
after a change and compare the two files:

    HARMONIA_DB_PATH=var/harmonia.sqlite python tools/api_snapshot.py before.json
    ... change ...
    HARMONIA_DB_PATH=var/harmonia.sqlite python tools/api_snapshot.py after.json
    python tools/api_snapshot.py --compare before.json after.json

Each request is answered in process (FastAPI's test client, read-only store); a body is
recorded by its SHA-256 (the graph export and the Neo4j bundle, which carry a creation time,
by status and type only), so the file stays small while any difference shows.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from harmonia.settings import Settings
from harmonia.wiring import store_from_settings
from store.base import GraphStore

#: One request per read endpoint (and a few variants of the analyses), with the parameters a
#: diplomat would send; every GET path of the OpenAPI document must be covered.
REQUESTS: list[tuple[str, dict[str, Any]]] = [
    ("/health", {}),
    ("/sources", {}),
    ("/countries", {}),
    ("/countries/IN", {}),
    ("/regimes", {}),
    ("/regimes/wassenaar", {}),
    ("/technologies", {}),
    ("/technologies/tech:surveillance", {}),
    ("/lists", {}),
    ("/lists/list:eu:2025-11-15", {}),
    ("/lists/list:eu:2025-11-15/entries", {"limit": 50}),
    ("/entries/entry:us:2026-07-23:3A090.a", {}),
    ("/entries/entry:wassenaar:2025:5A001.j/timeline", {}),
    ("/divergences", {"jurisdiction": ["US", "EU"], "limit": 500}),
    ("/divergences", {"jurisdiction": ["US", "EU", "wassenaar"], "technology": "ai-compute"}),
    ("/divergences", {"jurisdiction": ["IN", "wassenaar"], "kind": "edition-lag"}),
    ("/divergences", {"jurisdiction": ["AU", "US"], "code_prefix": "ML8", "limit": 100}),
    ("/coverage", {"limit": 200}),
    ("/coverage", {"jurisdiction": ["US", "EU"], "code_prefix": "3.A", "limit": 200}),
    ("/coverage/countries/FR", {}),
    ("/gaps/regimes/wassenaar", {"limit": 100}),
    ("/gaps/codes/echri", {}),
    ("/gaps/parties", {"name": "NSO Group"}),
    ("/gaps/party-lists", {"issuer": ["US", "JP"]}),
    ("/changes", {"after": "list:wassenaar:2025"}),
    ("/authorisations", {"code": "5A002", "destination": "NO"}),
    ("/search", {"q": "intrusion software"}),
    ("/search", {"q": "3A090"}),
    ("/parties", {"name": "Huawei"}),
    ("/search/all", {"q": "NSO Group Technologies"}),
    ("/search/all", {"q": "8A502"}),
    ("/documents", {}),
    ("/claims", {}),
    ("/countries/US/claims", {}),
    ("/exports/divergences.csv", {"jurisdiction": ["US", "EU"]}),
    ("/exports/coverage.csv", {"jurisdiction": ["US", "EU"]}),
    ("/dashboard/options", {}),
    ("/dashboard/matrix", {"jurisdiction": ["US", "EU", "AU"]}),
    ("/dashboard/overview", {}),
    # A brief says the day it was made: compare snapshots taken on the same day.
    ("/briefs/IN", {"items": 5}),
    ("/briefs/EU", {"category": "5", "items": 5}),
    ("/briefs/IN/markdown", {}),
    ("/briefs/IN/page", {}),
    ("/briefs/pairs/US/EU", {"technology": "surveillance", "items": 5}),
    ("/briefs/pairs/US/EU/markdown", {"category": "5", "items": 5}),
    ("/briefs/pairs/US/EU/page", {"technology": "surveillance"}),
    ("/briefs/groups/echri", {"technology": "surveillance"}),
    ("/briefs/groups/echri/markdown", {}),
    ("/briefs/groups/echri/page", {}),
]
#: Answers that carry a creation time: compared by status and media type only.
STAMPED = ("/exports/graph.graphml", "/exports/neo4j.zip")


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


def snapshot(store: GraphStore) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with TestClient(create_app(store)) as client:
        spec = client.get("/openapi.json").json()
        # One digest per operation (and the shared schemas), so a difference names its route.
        for route, ops in spec["paths"].items():
            for method, operation in ops.items():
                out[f"openapi {method.upper()} {route}"] = _digest(operation)
        out["openapi components"] = _digest(spec.get("components", {}))
        out["openapi info"] = _digest(
            {k: v for k, v in spec.items() if k not in ("paths", "components")}
        )
        documents = client.get("/documents").json().get("items", [])
        requests = list(REQUESTS)
        if documents:
            requests.append((f"/documents/{documents[0]['id']}", {}))
            requests.append((f"/documents/{documents[0]['id']}/controls", {}))
        for path, params in requests:
            r = client.get(path, params=params)
            key = f"{path}?{json.dumps(params, sort_keys=True)}"
            out[key] = {"status": r.status_code, "sha256": hashlib.sha256(r.content).hexdigest()}
        for path in STAMPED:
            r = client.get(path)
            out[path] = {"status": r.status_code, "type": r.headers.get("content-type")}
        covered = {p for p, _ in requests} | set(STAMPED)
        out["paths not covered"] = sorted(
            p
            for p, ops in spec["paths"].items()
            if "get" in ops and "{" not in p and p not in covered
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/api_snapshot.py", description=__doc__)
    parser.add_argument("output", type=Path, nargs="?", help="where to write the snapshot")
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args(argv)
    if args.compare:
        before, after = (json.loads(p.read_text("utf-8")) for p in args.compare)
        differ = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        for key in differ:
            print(f"differs: {key}")
        print("identical" if not differ else f"{len(differ)} answers differ")
        return 1 if differ else 0
    if args.output is None:
        parser.error("give an output file, or --compare BEFORE AFTER")
    # The configured store (HARMONIA_STORE, HARMONIA_DB_PATH or HARMONIA_NEO4J_URI), read-only.
    result = snapshot(store_from_settings(Settings(), read_only=True))
    args.output.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"wrote {len(result)} answers to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
