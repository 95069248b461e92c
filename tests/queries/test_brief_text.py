"""The brief's text forms: the printable page is the Markdown brief rendered, with a print
stylesheet, and what list texts carry is shown, never run."""

from __future__ import annotations

from real_graph import shared_analyses

from queries.brief import brief
from queries.brief_text import to_html, to_markdown
from queries.requests import BriefRequest, build


def test_the_page_is_the_markdown_brief_for_paper() -> None:
    report = brief(shared_analyses(), "IN", build(BriefRequest, items=3))
    page = to_html(report)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert "@page { size: A4" in page
    assert "<title>Harmonisation brief: India against the Wassenaar Arrangement</title>" in page
    # Every heading and point of the Markdown is on the page.
    markdown = to_markdown(report)
    assert markdown.count("\n## ") == page.count("<h2>")
    assert f"<strong>{report.to_align.items[0].code}</strong>" in page
    assert "<table>" in page and "<th>Category</th>" in page


def test_markup_in_texts_is_shown_as_text() -> None:
    report = brief(shared_analyses(), "IN", build(BriefRequest, items=1))
    hostile = report.model_copy(update={"notes": ['<script>alert("x")</script> <b>bold</b>']})
    page = to_html(hostile)
    assert "<script>" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;" in page
