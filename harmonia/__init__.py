"""Harmonia's front door: ``harmonia.open()`` for notebooks, the ``harmonia`` command.

>>> import harmonia
>>> kg = harmonia.open()              # the embedded graph in var/harmonia.sqlite by default
>>> [r.short_name for r in kg.catalog.regimes()][:2]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from harmonia.client import Harmonia, open

__all__ = ["Harmonia", "open"]


def __getattr__(name: str) -> Any:
    # The client (the analyses' request and response models) is imported on first use, so the
    # command line, which imports this package, starts without it.
    if name in __all__:
        from harmonia import client

        return getattr(client, name)
    raise AttributeError(f"module 'harmonia' has no attribute {name!r}")
