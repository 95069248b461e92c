"""Shared help of the client's DataFrames: building a frame, dates, joined lists."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


#: Node and edge properties holding ISO dates, turned into ``datetime.date`` by
#: :meth:`harmonia.client.Harmonia.to_networkx`.
DATE_PROPERTIES = frozenset(
    {"edition_date", "since", "until", "date", "adopted", "established", "published"}
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def type_dates(attrs: dict[str, Any]) -> None:
    for key in DATE_PROPERTIES & attrs.keys():
        value = attrs[key]
        if isinstance(value, str) and _ISO_DATE.match(value):
            attrs[key] = date.fromisoformat(value)


def to_frame(rows: list[dict[str, Any]], columns: Sequence[str], **attrs: Any) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(columns))
    frame.attrs.update(attrs)
    return frame


def as_dates(column: pd.Series) -> pd.Series:
    import pandas as pd

    return pd.to_datetime(column)


def joined(items: Sequence[str]) -> str:
    return ", ".join(items)
