"""Reading help shared by the source parsers (PDF lines and layout, zip checks, relative
numbering, entries and list building, the Wassenaar editions' and EU Annex I's reading, the
regime annexes' outline, listed parties, statements, thresholds).
"""
