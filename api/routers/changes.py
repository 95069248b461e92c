"""Changes between two editions of one list."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import AnalysesDep, PagingDep
from api.errors import ERROR_RESPONSES
from api.routers.divergences import CategoryQ, CodePrefixQ
from queries.views import ChangeReport

router = APIRouter(prefix="/changes", tags=["changes"], responses=ERROR_RESPONSES)


@router.get("", summary="Entries added, removed and changed between two editions")
def changes(
    analyses: AnalysesDep,
    paging: PagingDep,
    after: Annotated[
        str,
        Query(
            max_length=100,
            pattern=r"^list:[a-z0-9:-]+$",
            description="The newer edition.",
            examples=["list:wassenaar:2025"],
        ),
    ],
    before: Annotated[
        str | None,
        Query(
            max_length=100,
            pattern=r"^list:[a-z0-9:-]+$",
            description="The older edition; the one held just before 'after' when omitted.",
        ),
    ] = None,
    category: CategoryQ = None,
    code_prefix: CodePrefixQ = None,
    change: Annotated[
        list[Literal["added", "removed", "renumbered", "changed"]] | None,
        Query(max_length=4, description="Only these kinds of change."),
    ] = None,
) -> ChangeReport:
    return analyses.changes(
        after,
        before,
        category=category,
        code_prefix=code_prefix,
        changes=change,
        limit=paging.limit,
        offset=paging.offset,
    )
