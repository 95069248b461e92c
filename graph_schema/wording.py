"""The wording of an entry without its typography, for telling real changes from copy noise.

Editions of one list come from different copies (a Word file, an official PDF, a third-party
JSON): the same sentence arrives with straight or curly quotes, µ or μ, × or x, en dashes or
hyphens, non-breaking or doubled spaces. Those differences are not amendments, so comparisons
of wording between editions use :func:`wording`.
"""

from __future__ import annotations

import re
import unicodedata

_DROP = str.maketrans("", "", "\"'“”‘’„«»`´")
_SAME = str.maketrans({"×": "x", "–": "-", "—": "-", "−": "-", "‐": "-", "‑": "-", "·": "."})
_SPACE_BEFORE = re.compile(r"\s+([,.;:)\]])")
_SPACE_AFTER = re.compile(r"([(\[])\s+")


def wording(text: str) -> str:
    """``text`` with typography folded: compatibility forms, quotes, dashes, spacing."""
    folded = unicodedata.normalize("NFKC", text).translate(_DROP).translate(_SAME)
    folded = " ".join(folded.split())
    return _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", folded))


#: The US CCL's pointer from an ECCN heading to its items paragraph ("(see List of Items
#: Controlled)"; twice "controls"): a reference, not words of the control.
ITEMS_POINTER = re.compile(r"\s*\(see list of items control(?:led|s)\)", re.I)


#: What a Note takes out of an entry: "does not apply to X." / "does not control X".
EXCLUDES = re.compile(
    r"\b(?:does|do) not (?:apply to|control)\s+(?P<what>.+?)(?:\.\s*$|\.\s+(?=[A-Z])|$)",
    re.I | re.S,
)
#: A CAS registry number, which names one substance whatever the list calls it.
CAS = re.compile(r"\b\d{2,7}-\d{2}-\d\b")
