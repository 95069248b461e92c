"""What several lists write alike, read by one pattern.

Each pattern here is one thing more than one document writes the same way. A document that
writes it otherwise keeps its own pattern in its parser, beside its other ones (the Norwegian
Liste II's "(not used)" is not the DSGL's "Not used since 2023"; the NSG says "No longer used").
"""

from __future__ import annotations

import re

#: An entry's own text saying it holds no control: 'Not used', 'Not used since 2004', '[Reserved]'
#: (the Wassenaar List in both editions, Norway's Liste I).
NOT_USED_RE = re.compile(r"^(?:Not used(?: since \d{4})?|\[?Reserved\]?)[.;]?$", re.IGNORECASE)

#: The same in Annex I of the EU Regulation, which never says since when: 'not used',
#: '(not used)' (the 2021 text as Norway's Liste II gives it, and the 2025 text).
ANNEX_NOT_USED_RE = re.compile(r"^\(?not used\)?[.;]?$", re.IGNORECASE)

#: A group heading's only text 'None.': the group holds no items (MTCR, NSG, DSGL).
NONE_RE = re.compile(r"^None\.?$")

#: The words a note opens with before naming the entry it qualifies: "For the purposes of
#: 5A002.a., ...", "In 1C010.e., ...". The EU Annex I matches them in any case; the DSGL as
#: written (``re.compile(NOTE_LEAD)``).
NOTE_LEAD = r"^(?:In|For the purposes? of|For)\s+"
NOTE_LEAD_RE = re.compile(NOTE_LEAD, re.IGNORECASE)

#: What stands between codes named in a row: "5A001.b. and c.", "ML901 to ML910", "1C010.c. &".
CODE_LINK_RE = re.compile(r"\s*(?:,|&|\band\b|\bor\b|\bto\b)\s*")


def squash(text: str) -> str:
    """The text with each run of white space made one space, and none around it."""
    return " ".join(text.split())
