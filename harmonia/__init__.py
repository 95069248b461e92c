"""Harmonia's front door: ``harmonia.open()`` for notebooks, the ``harmonia`` command.

>>> import harmonia
>>> kg = harmonia.open()              # the embedded graph in var/harmonia.sqlite by default
>>> [r.short_name for r in kg.catalog.regimes()][:2]
"""

from __future__ import annotations

from harmonia.client import Harmonia, open

__all__ = ["Harmonia", "open"]
