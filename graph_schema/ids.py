"""Deterministic identifiers, so both backends and every run agree on them.

An id is ``<kind>:<part>:<part>...``; parts are lower-cased where case carries no meaning
(slugs) and kept as written where it does (control codes, ISO codes).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lower-case ASCII slug: 'Australia Group' -> 'australia-group'."""
    out = _SLUG_RE.sub("-", text.lower()).strip("-")
    if not out:
        raise ValueError(f"cannot make an identifier from {text!r}")
    return out


def short_hash(*parts: str, length: int = 16) -> str:
    """Stable hex digest of the parts (joined with an unambiguous separator)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


def country_id(iso2: str) -> str:
    code = iso2.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise ValueError(f"not an ISO 3166-1 alpha-2 code: {iso2!r}")
    return f"country:{code}"


def _named(kind: str) -> Callable[[str], str]:
    """The id of a thing known by its name: ``<kind>:<slug of the name>``."""

    def named_id(name: str) -> str:
        return f"{kind}:{slug(name)}"

    return named_id


regime_id = _named("regime")
technology_id = _named("tech")
code_of_conduct_id = _named("coc")


def control_list_id(issuer: str, edition: str) -> str:
    """One edition of one issuer's list, e.g. ``list:wassenaar:2025``."""
    return f"list:{slug(issuer)}:{slug(edition)}"


def entry_id(list_id: str, canonical_code: str) -> str:
    """One code in one edition: ``entry:wassenaar:2025:5A001.j``."""
    if not list_id.startswith("list:"):
        raise ValueError(f"not a control list id: {list_id!r}")
    code = canonical_code.strip()
    if not code or any(ch.isspace() for ch in code):
        raise ValueError(f"not a canonical control code: {canonical_code!r}")
    return f"entry:{list_id[len('list:') :]}:{code}"


def commitment_id(code_of_conduct: str, number: int) -> str:
    return f"commitment:{code_of_conduct.removeprefix('coc:')}:{number}"


def party_id(source: str, source_key: str) -> str:
    """A listed party, keyed by the identifier its source gives it."""
    return f"party:{slug(source)}:{short_hash(source_key)}"


def document_id(sha256: str) -> str:
    return f"doc:{sha256[:16]}"


def country_group_id(issuer: str, code: str) -> str:
    """A group of countries defined by one issuer, e.g. US Country Group A:1."""
    return f"group:{slug(issuer)}:{code.strip().upper()}"


def edge_id(edge_type: str, source: str, target: str, key: str = "") -> str:
    """Edges are identified by type, endpoints and a key that separates parallel edges."""
    return f"{edge_type}:{short_hash(source, target, key)}"
