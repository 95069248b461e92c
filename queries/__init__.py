"""Reading and analysing the graph: catalogue, coverage, divergences, gaps, changes, search."""
