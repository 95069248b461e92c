"""The errors an analysis raises on a request it cannot answer; the API maps them to HTTP
answers (404 and 422), the CLI to exit codes, the client lets them through."""

from __future__ import annotations


class NotFound(LookupError):
    """The thing asked for is not in the graph; the message says how to find valid ones."""


class InvalidQuery(ValueError):
    """A parameter is well-formed but cannot be used (the API answers 422 with the message)."""
