"""A tiny Scrapy project for the operations tests: two board spiders and a landing pipeline.

It stands in for the real crawler where a test is about running crawls (locks, warnings,
Redis, Scrapyd), not about any one source: each board lists postings, each posting is its
own request, and the pipeline writes landing files in the shape of docs/contracts.md §2.
"""
