"""Every spider builds its items with one constructor, through a mapping function of one name and signature."""

from __future__ import annotations

import importlib
import inspect
import re
from datetime import UTC, datetime

from pipeline.text import html_to_text
from scrapy.utils.test import get_crawler

from crawler.items import FIELDS, SOURCES, posting_item, validation_reason
from crawler.pipelines.enrich import EnrichPipeline


def spider_module(source: str):
    return importlib.import_module(f"crawler.spiders.{source}")


def test_the_constructor_cleans_ids_titles_timestamps_and_text_the_same_way_for_every_source():
    record = {"id": 42}
    markup = "<p>Room patients.</p><ul><li>CMA required</li></ul>"
    item = posting_item("lever", record, source_id=42, board="riverbend", url="https://x.example/j/42",
                        title="  Medical Assistant \n", employer="Riverbend Health", location="   ",
                        remote="yes", posted_at="2026-03-14T10:02:00-05:00", updated_at="2026-03-20",
                        description_html=markup)
    assert item["source_id"] == "42" and item["title"] == "Medical Assistant"
    assert item["location"] is None and item["remote"] is None
    assert item["posted_at"] == "2026-03-14T15:02:00Z" and item["updated_at"] == "2026-03-20T00:00:00Z"
    assert item["description_html"] == markup and item["description_text"] == html_to_text(markup)
    assert "CMA required" in item["description_text"] and "<" not in item["description_text"]
    assert item["raw"] is record
    fetched = datetime.strptime(item["fetched_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - fetched).total_seconds()) < 60


def test_the_source_s_plain_text_stands_in_only_when_the_html_gives_none():
    common = {"source_id": "1", "board": "b", "url": "https://x.example/1", "title": "MA", "employer": "E"}
    assert posting_item("ashby", {}, **common, description_html=None, plain_text="Plain.")["description_text"] == "Plain."
    assert posting_item("ashby", {}, **common, description_html="<p>Markup.</p>",
                        plain_text="Plain.")["description_text"] == "Markup."
    assert posting_item("ashby", {}, **common)["description_text"] == ""


def test_an_item_from_the_constructor_is_a_valid_landing_line_once_enriched():
    item = posting_item("greenhouse", {"id": 7}, source_id=7, board="b", url="https://x.example/7",
                        title="Medical Assistant", employer="E", location="Tulsa, OK 74103")
    assert set(item) | {"tags", "run_id", "synthetic", "fingerprint"} == set(FIELDS)
    enriched = EnrichPipeline(get_crawler()).process_item(dict(item))
    assert validation_reason(enriched) is None
    assert (enriched["city"], enriched["state"]) == ("Tulsa", "OK")


def test_every_spider_maps_a_record_with_a_function_named_posting_of_one_signature():
    signatures = {source: str(inspect.signature(spider_module(source).posting)) for source in SOURCES}
    assert set(signatures.values()) == {
        "(record: 'dict', board: 'str | None', employer: 'str | None' = None, url: 'str | None' = None) -> 'dict'"}, signatures


def test_no_spider_builds_an_item_dict_by_hand_or_keeps_an_old_mapping_name():
    for source in SOURCES:
        text = inspect.getsource(spider_module(source))
        assert not re.search(r'"fetched_at"\s*:|def posting_from_|def posting_item', text), source


def test_every_spider_s_item_has_the_same_fields_even_from_an_empty_record():
    fields = {source: set(spider_module(source).posting({}, "board", "Employer", "https://x.example/")) for source in SOURCES}
    assert all(found == fields["greenhouse"] for found in fields.values()), fields
    assert {source: spider_module(source).posting({}, "board")["source"] for source in SOURCES} == {s: s for s in SOURCES}
