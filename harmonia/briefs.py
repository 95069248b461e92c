"""The briefs (a part of :class:`harmonia.client.Harmonia`): a jurisdiction against a regime, two
jurisdictions side by side, the subscribers of a code of conduct, as the models ``/briefs``
serves or as Markdown, printed to PDF when asked. Each builds its request model from its
arguments, so a bad value is an ``InvalidQuery`` naming the parameter."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar, overload

from queries.requests import BriefPartsTextRequest, BriefTextRequest, Language, build

if TYPE_CHECKING:
    from queries.analyses import Analyses
    from queries.index import Index
    from queries.views import Brief, GroupBrief, PairBrief

B = TypeVar("B", bound="Brief | PairBrief | GroupBrief")


def _printed(index: Index, report: B, pdf: str | Path | None, lang: Language) -> B:
    """The brief, printed to ``pdf`` in ``lang`` first when asked (headless Chromium)."""
    if pdf is not None:
        from harmonia.pdf import html_to_pdf
        from harmonia.settings import Settings
        from queries.brief_text import names_of, to_html

        page = to_html(report, lang, names_of(index, report, lang))
        html_to_pdf(page, Path(pdf), Settings().chromium)
    return report


def text_request(
    against: str, category: str | None, technology: str | None, items: int, lang: str
) -> BriefTextRequest:
    """What :meth:`BriefMethods.brief`, :meth:`BriefMethods.brief_markdown` and ``harmonia brief``
    ask."""
    return build(
        BriefTextRequest,
        against=against,
        category=category,
        technology=technology,
        items=items,
        lang=lang,
    )


class BriefMethods:
    analyses: Analyses

    @overload
    def brief(
        self,
        jurisdiction: str,
        *,
        against: Literal["wassenaar"] = ...,
        category: str | None = ...,
        technology: str | None = ...,
        items: int = ...,
        pdf: str | Path | None = ...,
        lang: Language = ...,
    ) -> Brief: ...

    @overload
    def brief(
        self,
        jurisdiction: str,
        *,
        against: str,
        category: str | None = ...,
        technology: str | None = ...,
        items: int = ...,
        pdf: str | Path | None = ...,
        lang: Language = ...,
    ) -> Brief | PairBrief | GroupBrief: ...

    def brief(
        self,
        jurisdiction: str,
        *,
        against: str = "wassenaar",
        category: str | None = None,
        technology: str | None = None,
        items: int = 50,
        pdf: str | Path | None = None,
        lang: Language = "en",
    ) -> Brief | PairBrief | GroupBrief:
        """A harmonisation brief: ``jurisdiction``'s standing against the reference and a
        ranked agenda (``to_adopt``, ``to_align``, ``to_update``), every point a divergence row
        with its evidence; then the codes of conduct it subscribes to (``commitments``), the
        controls partners share beyond the regimes (``shared``) and the parties partners list
        and it does not (``parties``). The result is the model ``/briefs`` serves; its parts
        become frames with ``pd.DataFrame([r.model_dump() for r in b.to_adopt.items])``. With
        ``pdf``, the brief is also printed to that file (headless Chromium, as ``harmonia brief
        --pdf``), in English, French or Arabic (``lang``); :meth:`brief_markdown` gives its
        text. Against another jurisdiction (``against="US"``), the pair brief
        (:meth:`pair_brief`); for a code of conduct (``"echri"``), its group brief.

        >>> b = kg.brief("IN", pdf="india.pdf")
        >>> b.standing.convergence.percent
        """
        from queries.brief import any_brief

        # The same dispatch as ``harmonia brief`` and ``/briefs/{jurisdiction}``.
        request = text_request(against, category, technology, items, lang)
        report = any_brief(self.analyses, jurisdiction, request)
        return _printed(self.analyses.index, report, pdf, request.lang)

    def pair_brief(
        self,
        first: str,
        second: str,
        *,
        category: str | None = None,
        technology: str | None = None,
        items: int = 50,
        pdf: str | Path | None = None,
        lang: Language = "en",
    ) -> PairBrief:
        """Two jurisdictions side by side (``/briefs/pairs``): for each (``first``,
        ``second``), where its thresholds catch more (``stricter``) and what it controls that
        the other does not (``only``); then ``undecided``. Every point a divergence row. With
        ``pdf``, printed to that file in ``lang`` (en, fr, ar).

        >>> kg.pair_brief("US", "EU", technology="surveillance").first.only.total
        """
        from queries.brief import pair_brief

        request = build(
            BriefPartsTextRequest,
            category=category,
            technology=technology,
            items=items,
            lang=lang,
        )
        report = pair_brief(self.analyses, first, second, request)
        return _printed(self.analyses.index, report, pdf, request.lang)

    def group_brief(
        self,
        code: str = "echri",
        *,
        technology: str | None = None,
        pdf: str | Path | None = None,
        lang: Language = "en",
    ) -> GroupBrief:
        """The subscribers of a code of conduct against its technologies (``/briefs/groups``):
        per technology, who lacks a control (``lacking``), who has one (``controlled``), and
        whose lists are not held (``not_held``), with the evidence rows. With ``pdf``, printed
        to that file in ``lang`` (en, fr, ar).

        >>> kg.group_brief("echri", technology="surveillance").technologies[0].lacking
        """
        from queries.brief import group_brief

        request = build(BriefPartsTextRequest, technology=technology, lang=lang)
        report = group_brief(self.analyses, code, request)
        return _printed(self.analyses.index, report, pdf, request.lang)

    def brief_markdown(
        self,
        subject: str,
        *,
        against: str = "wassenaar",
        category: str | None = None,
        technology: str | None = None,
        items: int = 50,
        lang: Language = "en",
    ) -> str:
        """The brief ``harmonia brief SUBJECT --against AGAINST --markdown -`` writes, in
        English, French or Arabic: a jurisdiction against a regime, a pair (``against`` another
        jurisdiction) or a group (a code of conduct as ``subject``). List texts stay in
        English and say so.

        >>> print(kg.brief_markdown("IN", lang="fr"))
        """
        from queries.brief import any_brief
        from queries.brief_text import names_of, to_markdown

        request = text_request(against, category, technology, items, lang)
        report = any_brief(self.analyses, subject, request)
        return to_markdown(report, request.lang, names_of(self.analyses.index, report, lang))
