"""Alignment: which regime entry each national entry implements, how, and with what evidence.

The numbering speaks first: EU/US/Norway ``5A001.j`` is Wassenaar ``5.A.1.j``; SCOMET ``8A101``
is Wassenaar ``1.A.1``; US 600-series items sit in the Munitions List category of their last two
digits; SCOMET's own stated correspondences are taken as stated. The texts then confirm or
question each match (rapidfuzz similarity), and extracted thresholds say whether the national
control is broader or narrower. Entries whose numbering points to no Wassenaar entry get an
``ORIGIN`` edge naming the regime their numbering belongs to, or their issuer when unilateral,
with the reason.

The result is one derived source edition, ``alignment@current``, rebuilt from the graph after
every ingest.

- :mod:`~ingest.alignment.text`: an entry's words, cleaned and compared.
- :mod:`~ingest.alignment.held`: the lists read from the graph, the context the parts share.
- :mod:`~ingest.alignment.annex`: the content index of a regime annex (MTCR, NSG).
- :mod:`~ingest.alignment.aligner`: the matching of each national list (:class:`Aligner`).
- :mod:`~ingest.alignment.scope`: same, broader or narrower than the regime entry.
- :mod:`~ingest.alignment.origin`: ORIGIN edges of entries without a Wassenaar counterpart.
- :mod:`~ingest.alignment.counterparts`: counterparts the numbering could not see.
- :mod:`~ingest.alignment.refine`: matches re-pointed and re-scoped once a list is matched.
- :mod:`~ingest.alignment.same_control`: SAME_CONTROL edges between national lists.
- :mod:`~ingest.alignment.batch`: the derived batch, its digest, the code-versus-text check.
"""

from ingest.alignment.aligner import Aligner
from ingest.alignment.annex import AnnexIndex
from ingest.alignment.batch import Disagreement, alignment_batch, code_vs_text, derivation_digest
from ingest.alignment.held import EDITION, REGIME_LISTS, SOURCE_ID, WASSENAAR, ListInfo, Match
from ingest.alignment.text import entry_text, same_words, similarity, subtree_texts

__all__ = [
    "EDITION",
    "REGIME_LISTS",
    "SOURCE_ID",
    "WASSENAAR",
    "Aligner",
    "AnnexIndex",
    "Disagreement",
    "ListInfo",
    "Match",
    "alignment_batch",
    "code_vs_text",
    "derivation_digest",
    "entry_text",
    "same_words",
    "similarity",
    "subtree_texts",
]
