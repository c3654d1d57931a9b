"""Pure-Python tagging of Medical Assistant postings: no Scrapy, no DuckDB, no network, no I/O.

`tag(record)` turns one posting (id, title, description, location) into the tag record described
in docs/contracts.md §1. Vocabulary lives in versioned data files under pipeline/vocabulary/;
`TAGGER_VERSION` names both the code and the vocabulary that made a tag. When `ma-demand compile`
has built the tagger's modules from these same sources, the build is used (pipeline/compiled.py).
"""

from pipeline import compiled

compiled.activate(__path__)

from pipeline.tagger import TAGGER_VERSION, tag  # noqa: E402  (after the build is on the path)

__all__ = ["TAGGER_VERSION", "tag"]
