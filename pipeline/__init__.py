"""Pure-Python tagging of Medical Assistant postings: no Scrapy, no DuckDB, no network, no I/O.

`tag(record)` turns one posting (id, title, description, location) into the tag record described
in docs/contracts.md §1. Vocabulary lives in versioned data files under pipeline/vocabulary/;
`TAGGER_VERSION` names both the code and the vocabulary that made a tag.
"""

from pipeline.tagger import TAGGER_VERSION, tag

__all__ = ["TAGGER_VERSION", "tag"]
