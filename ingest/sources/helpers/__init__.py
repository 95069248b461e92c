"""Reading help shared by the source parsers (layout of PDF text, list building, statements,
thresholds).
"""
