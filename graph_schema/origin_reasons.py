"""The English sentences that say why a national entry is its issuer's own (the ``reason`` of
ORIGIN edges), with {fields}: written at ingest (:mod:`graph_schema.codes.hints`,
:mod:`ingest.alignment.origin`) and read back by the brief (:mod:`queries.brief_i18n`), which
says the same fields in French and Arabic. One place for both, so the sentence ingest writes is
always the one the brief can read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Field:
    """What a field of a sentence may hold, as a regular expression."""

    pattern: str
    #: Items joined by ``", "`` (a list of editions): joined the reader's way when said again.
    joined: bool = False
    #: Words of the lists quoted as they are ("Not used since 2015"): never translated.
    quoted: bool = False
    #: A status (``not-used``) the reader says in its own words.
    status: bool = False


@dataclass(frozen=True)
class Reason:
    """One English sentence with ``{fields}``; a field is a :class:`Field` or an optional
    sub-sentence (a :class:`Reason` that is either there whole or empty)."""

    text: str
    fields: Mapping[str, Field | Reason] = field(default_factory=dict)

    def say(self, **values: str) -> str:
        return self.text.format(**values)

    def _regex(self, named: bool) -> str:
        parts = re.split(r"\{(\w+)\}", self.text)
        out = []
        for i, part in enumerate(parts):
            if i % 2 == 0:
                out.append(re.escape(part))
                continue
            spec = self.fields[part]
            inner = f"(?:{spec._regex(False)})?" if isinstance(spec, Reason) else spec.pattern
            out.append(f"(?P<{part}>{inner})" if named else f"(?:{inner})")
        return "".join(out)

    def read(self, sentence: str) -> dict[str, str] | None:
        """The fields of ``sentence`` when it is this one; None otherwise. The sentence said
        again from them must be ``sentence`` itself, so a read never loses words."""
        found = re.fullmatch(self._regex(True), sentence)
        if found is None:
            return None
        values = found.groupdict()
        return values if self.say(**values) == sentence else None


#: A Wassenaar code as a national list's numbering reaches it (3B001.c.2, ML8.a.34).
_CODE = Field(r"\S+")
#: An edition as the graph labels it: a year or a date (2025, 2024-09-02).
_EDITION = Field(r"\S+")
_EDITIONS = Field(r"[^()]+", joined=True)
#: Words of a list quoted: an excerpt of one line.
_QUOTED = Field(r".+", quoted=True)
_NUMBER = Field(r"\d+")
#: The issuer, a two-letter code ("unknown" when none was given).
_WHO = Field(r"[A-Za-z]+")

# --- ingest.alignment.origin ------------------------------------------------------------------

#: A code in the Wassenaar numbering that no Wassenaar edition held ever used.
NATIONAL_ADDITION = Reason(
    "numbered in the Wassenaar block as {missing}, but no Wassenaar edition held ({editions}) "
    "controls anything under that code: a national addition",
    {"missing": _CODE, "editions": _EDITIONS},
)
#: ... whose number every Wassenaar edition held keeps as a placeholder.
DROPPED_EVERYWHERE = Reason(
    "numbered in the Wassenaar block as {missing}, which every Wassenaar edition held "
    "({editions}) marks '{excerpt}': the regime controls nothing under that number; the "
    "national control is the list's own",
    {"missing": _CODE, "editions": _EDITIONS, "excerpt": _QUOTED},
)
#: The placeholder is a paragraph above the code.
UNDER = Reason(" (under {code})", {"code": _CODE})
_PLACEHOLDER_FIELDS: dict[str, Field | Reason] = {
    "missing": _CODE,
    "under": UNDER,
    "edition": _EDITION,
    "excerpt": _QUOTED,
    "status": Field(r"[a-z-]+", status=True),
    "national": _EDITION,
}
#: A control the regime dropped, its number now a placeholder (one sentence per side of the
#: edition dates: "older" and "newer" are words the reader says its own way).
PLACEHOLDER_OLDER = Reason(
    "numbering points to Wassenaar {missing}{under}, which the {edition} edition held marks "
    "'{excerpt}' ({status}): the regime no longer controls it; the {national} national edition "
    "is older",
    _PLACEHOLDER_FIELDS,
)
PLACEHOLDER_NEWER = Reason(
    PLACEHOLDER_OLDER.text.removesuffix("older") + "newer", _PLACEHOLDER_FIELDS
)
_NOT_HELD_FIELDS: dict[str, Field | Reason] = {
    "missing": _CODE,
    "edition": _EDITION,
    "national": _EDITION,
}
#: A regime code the edition held lacks, the national edition being older or newer.
NOT_HELD_OLDER = Reason(
    "numbering points to Wassenaar {missing}, which is not in the {edition} edition held; the "
    "{national} national edition is older, so the entry may since have been renumbered or "
    "deleted",
    _NOT_HELD_FIELDS,
)
NOT_HELD_NEWER = Reason(
    "numbering points to Wassenaar {missing}, which is not in the {edition} edition held, "
    "although the {national} national edition is newer: a national paragraph in the regime's "
    "numbering, or a renumbering",
    _NOT_HELD_FIELDS,
)
#: A US entry in the NSG block whose only nuclear reason for control is NP Column 2.
NP2_ONLY = Reason(
    "numbered in the NSG block, but controlled for nuclear non-proliferation under NP Column 2 "
    "only: a control the US keeps alone (15 CFR 742.3), not an NSG list item"
)
#: A correspondence the list itself states with a regime whose list is not held.
STATED = Reason("the list states: {note}", {"note": _QUOTED})
#: Added to a unilateral origin when every reason for control the list gives is
#: anti-terrorism (the brief's catalogue has it as ``origin_at_only``).
AT_ONLY = " (controlled for anti-terrorism reasons only)"

# --- graph_schema.codes.hints -----------------------------------------------------------------

#: An ECCN in a hundreds block no regime uses.
NO_REGIME_BLOCK = Reason(
    "No regime uses {hundreds}xx numbers, so for issuer {who} this is a national addition",
    {"hundreds": _NUMBER, "who": _WHO},
)
#: A Munitions List number after the regime's last category.
ML_NATIONAL = Reason(
    "ML{number} is numbered after the Munitions List's ML1-ML{last}: a national addition of "
    "issuer {who}, outside the regimes",
    {"number": _NUMBER, "last": _NUMBER, "who": _WHO},
)
#: UK PL ratings by the third character of the rating (PL5xxx military, PL9xxx dual-use).
UK_PL_RATINGS: dict[str, Reason] = {
    kind: Reason(f"UK PL ratings{said} are UK national controls outside the regimes")
    for kind, said in (("5", " (military-related)"), ("9", " (dual-use-related)"), ("", ""))
}

#: Every sentence the brief reads back (:data:`UNDER` is read as part of the placeholders).
SENTENCES: tuple[Reason, ...] = (
    NATIONAL_ADDITION,
    DROPPED_EVERYWHERE,
    PLACEHOLDER_OLDER,
    PLACEHOLDER_NEWER,
    NOT_HELD_OLDER,
    NOT_HELD_NEWER,
    NP2_ONLY,
    STATED,
    NO_REGIME_BLOCK,
    ML_NATIONAL,
    *UK_PL_RATINGS.values(),
)
