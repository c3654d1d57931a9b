"""tag() never raises and stays fast on hostile input (hypothesis property tests)."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import TAGGER_VERSION, tag
from pipeline.tagger import empty

FIELDS = set(empty())
values = st.one_of(st.none(), st.text(), st.binary(), st.integers(), st.floats(), st.booleans(),
                   st.lists(st.text(), max_size=3), st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3))


def _well_formed(result: dict) -> None:
    assert FIELDS <= set(result)
    assert "tag_error" not in result, result.get("tag_error")
    assert result["tagger_version"] == TAGGER_VERSION
    assert isinstance(result["certifications"], list) and isinstance(result["ehr"], list)


@settings(max_examples=150, deadline=None)
@given(st.fixed_dictionaries({"id": values, "title": values, "description": values, "location": values, "pay": values}))
def test_any_field_values_give_a_well_formed_record(record):
    _well_formed(tag(record))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/&;#$-.,:\n pliCMARBLS0123456789ab\udcff\ud800é’•")), max_size=400))
def test_broken_html_and_lone_surrogates_never_raise(text):
    _well_formed(tag({"id": "x", "title": text[:40], "description": text}))


def test_non_dict_records_give_an_empty_record():
    assert tag(None)["certifications"] == [] and tag(["a"])["is_ma"] is False


def test_undecodable_bytes_are_replaced_not_fatal():
    result = tag({"id": b"\xff", "title": b"Medical Assistant \xfe", "description": b"CMA required \xff\xfe"})
    _well_formed(result)
    assert result["certifications"][0]["code"] == "CMA"


def test_one_megabyte_description_is_tagged_in_bounded_time():
    hostile = ("$" + "1" * 50 + " " + "- " * 20 + "within " * 10 + "a" * 200 + "\n") * 4000
    started = time.process_time()
    _well_formed(tag({"id": "big", "title": "Medical Assistant", "description": hostile[:1_000_000]}))
    _well_formed(tag({"id": "big-html", "title": "MA", "description": "<div>" * 50_000 + "CMA required"}))
    assert time.process_time() - started < 10
