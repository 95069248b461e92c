"""The ``harmonia`` command: fetch, ingest, serve, query, export, brief.

One module per command group; importing them registers their commands on :data:`app`, in the
order ``--help`` lists them.
"""

from harmonia.cli import ingest, serve  # isort: skip
from harmonia.cli import export, query  # isort: skip
from harmonia.cli import gaps  # isort: skip
from harmonia.cli import documents  # isort: skip
from harmonia.cli import brief  # isort: skip
from harmonia.cli.common import app

__all__ = ["app", "brief", "documents", "export", "gaps", "ingest", "query", "serve"]
