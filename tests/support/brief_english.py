"""How many generated sentences the French and Arabic briefs still leave in English, by where
they stand: the measure the README's brief-language paragraph reports.

A sentence left English is marked with the catalogue's ``in.english`` words ("(en anglais)",
"(بالإنجليزية)"). List texts are quoted under other words ("texte de la liste, en anglais") and
are not counted; what an alignment found, quoted inside a translated point (``r.findings``),
is counted apart, as it legitimately stays English.

Run: ``PYTHONPATH=$PWD:tests/support python tests/support/brief_english.py``
"""

from __future__ import annotations

from collections import Counter

from real_graph import shared_analyses

from queries.brief import any_brief
from queries.brief_i18n import say
from queries.brief_text import names_of, to_markdown
from queries.requests import BriefRequest, Language, build

#: The briefs measured: (subject, reference, technology), as `harmonia brief` takes them.
BRIEFS: tuple[tuple[str, str, str | None], ...] = (
    ("IN", "wassenaar", None),
    ("US", "wassenaar", None),  # its party section: JP's parties the US does not list
    ("FR", "wassenaar", None),
    ("US", "EU", None),
    ("FR", "US", None),
    ("echri", "wassenaar", "surveillance"),
)


def marked(markdown: str, lang: Language) -> Counter[str]:
    """The marked-English sentences of a brief's Markdown, counted by the section they stand
    in; an alignment finding quoted inside a translated point counts as ``findings``."""
    marker = say(lang, "in.english", text="").strip()
    found: Counter[str] = Counter()
    section = "title"
    for line in markdown.splitlines():
        if line.startswith("#"):
            section = line.lstrip("# ").strip()
            continue
        n = line.count(marker)
        if not n:
            continue
        # A whole sentence left English starts with the marker, or follows a sentence of the
        # point's own (a shared control's row reason, after "held by ...; IN: absent."); a
        # marker after the point's own words is an alignment finding it quotes.
        bullet = line.lstrip("- ")
        if bullet.startswith(marker) or bullet.split(": ", 1)[-1].startswith(marker):
            found[section] += 1
            n -= 1
        after = bullet.count(f". {marker}")
        if after:
            found[section] += after
            n -= after
        if n:
            found["findings"] += n
    return found


def measure() -> dict[tuple[str, str, str], Counter[str]]:
    analyses = shared_analyses()
    out: dict[tuple[str, str, str], Counter[str]] = {}
    for subject, against, technology in BRIEFS:
        request = build(BriefRequest, against=against, technology=technology)
        report = any_brief(analyses, subject, request)
        for lang in ("fr", "ar"):
            text = to_markdown(report, lang, names_of(analyses.index, report, lang))
            out[(subject, against, lang)] = marked(text, lang)
    return out


if __name__ == "__main__":
    for (subject, against, lang), counts in measure().items():
        sentences = sum(n for k, n in counts.items() if k != "findings")
        detail = ", ".join(f"{k}: {n}" for k, n in sorted(counts.items()))
        print(f"{subject} vs {against} [{lang}]: {sentences} English sentences ({detail})")
