"""The content index of a regime annex (MTCR, NSG), whose numbers no rule maps national
numbers to: a national entry is matched to the annex entry whose content is closest."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from graph_schema.model import ControlEntry
from ingest.alignment.held import ListInfo
from ingest.alignment.text import _group, subtree_texts

#: A national entry and a regime annex entry whose contents (own text and sub-entries) are at
#: least this similar (token sort), and ahead of the runner-up by ANNEX_MARGIN, correspond;
#: otherwise the numbering's regime is reported without a counterpart. Items need less: their
#: subtrees are long and worded apart by national additions ("other than those in 9A001").
ANNEX_MATCH = 0.7
ANNEX_ITEM_MATCH = 0.6
ANNEX_MARGIN = 0.03
GROUP_BONUS = 0.05


class AnnexIndex:
    """One regime annex (MTCR, NSG), for matching national entries by content: national
    9A101 says what MTCR 3.A.1 says, but no rule maps the numbers."""

    def __init__(self, info: ListInfo, entries: list[ControlEntry]) -> None:
        self.info = info
        texts = subtree_texts(entries)
        active = [e for e in entries if e.status == "active" and len(texts[e.canonical]) >= 20]
        self.entries = {e.canonical: e for e in active}
        self.texts = {e.canonical: texts[e.canonical] for e in active}
        self.items: dict[str, str] = {}
        self.children: dict[str, dict[str, str]] = {}
        for e in active:
            if e.parent is None:
                self.items[e.canonical] = self.texts[e.canonical]
            else:
                self.children.setdefault(e.parent, {})[e.canonical] = self.texts[e.canonical]

    def best(
        self, entry: ControlEntry, text: str, under: str | None
    ) -> tuple[ControlEntry, float] | None:
        """The annex entry whose content is closest to ``entry``'s (``text``: its subtree).

        Items are looked for among the annex items, sub-entries only among the sub-entries of
        the annex entry their parent matched (``under``). The best must be clearly ahead of the
        next one: a near tie is no evidence.
        """
        if entry.parent is None:
            pool = self.items
            cutoff = ANNEX_ITEM_MATCH
        elif under is not None:
            pool = self.children.get(under, {})
            cutoff = ANNEX_MATCH
        else:
            return None
        if len(text) < 20 or not pool:
            return None
        # token_sort keeps the whole of both texts in play (token_set would call any text
        # that contains the other a perfect match).
        raw = process.extract(text, pool, scorer=fuzz.token_sort_ratio, limit=4)
        # The group letter (A equipment, B test and production equipment, C materials, D
        # software, E technology) is shared structure: the same letter breaks near ties.
        group = _group(entry.canonical)
        found = sorted(
            (
                (score + (GROUP_BONUS * 100 if _group(code) == group else 0), code)
                for _, score, code in raw
            ),
            reverse=True,
        )
        if not found or found[0][0] < cutoff * 100:
            return None
        if len(found) > 1 and found[0][0] - found[1][0] < ANNEX_MARGIN * 100:
            return None
        return self.entries[found[0][1]], min(found[0][0], 100.0) / 100.0
