"""The multilingual document pipeline: language, Arabic normalisation, spaCy pipelines built
from the graph, mentions and claims."""
