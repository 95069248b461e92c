"""One folder per source: ``source.yaml`` (metadata) and ``parser.py`` (``parse(path, meta)``).

Parsers know their file format and the graph schema, nothing about storage.
"""
