"""Pure-Python tagging of Medical Assistant postings: no Scrapy, no DuckDB, no network.

`tag(record)` turns one posting (id, title, description, location) into the tag record
described in docs/contracts.md. Vocabulary lives in data files under pipeline/vocabulary/.
"""

from pipeline.tagger import TAGGER_VERSION, tag

__all__ = ["TAGGER_VERSION", "tag"]
