"""Getting facts in: sources, fetching, reference data, alignment and NLP."""
