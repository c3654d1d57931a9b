"""Text fingerprints: the Python definition and the loader's SQL agree."""

from __future__ import annotations

import json

import duckdb

from pipeline.fingerprint import normalize, shingles, text_hash

TEXTS = ["Medical Assistant — Tulsa, OK\n- CMA required!", "  MEDICAL   assistant tulsa ok cma REQUIRED ",
         "Pay: $21.50/hr &amp; benefits", "", "Café crème, naïve résumé", "<p>Epic</p>"]


def test_exact_hash_ignores_case_punctuation_and_spacing():
    assert text_hash(TEXTS[0]) == text_hash(TEXTS[1])
    assert text_hash(TEXTS[0]) != text_hash(TEXTS[2])


def test_the_loaders_sql_normalisation_matches_the_python_one():
    with duckdb.connect() as con:
        for text in TEXTS:
            sql = con.execute("SELECT trim(regexp_replace(lower(?), '[^a-z0-9]+', ' ', 'g')), "
                              "md5(trim(regexp_replace(lower(?), '[^a-z0-9]+', ' ', 'g')))", [text, text]).fetchone()
            assert sql == (normalize(text), text_hash(text))


def test_shingles_are_five_word_windows_and_short_texts_give_one():
    assert shingles("a b c d e f") == {b"a b c d e", b"b c d e f"}
    assert shingles("Hello, world") == {b"hello world"}
    assert shingles("  ") == set()


ITEMS = [
    {"title": "Medical Assistant", "employer": "Riverbend Health", "location": "Tulsa, OK", "url": "https://x.invalid/1",
     "posted_at": "2026-02-20T15:00:00Z", "updated_at": None, "employment_type": "full_time",
     "description_html": "<p>Café — 20% & more</p>", "description_text": "Café — 20% & more",
     "pay": {"min": 20.0, "max": 24, "period": "hour", "currency": "USD", "source": "structured"}},
    {"title": "MA", "employer": "E", "location": None, "url": "https://x.invalid/2", "posted_at": None,
     "updated_at": None, "employment_type": None, "description_html": None, "description_text": "",
     "pay": {"min": 41000.5, "max": 1e5, "period": "year", "currency": "USD", "source": "structured"}},
    {"title": "MA \"lead\"\\n", "employer": "E", "location": "Zürich", "url": "u", "posted_at": "2026-01-01T00:00:00Z",
     "updated_at": "2026-01-02T00:00:00Z", "employment_type": "per_diem", "description_html": "<b>x</b>",
     "description_text": "x", "pay": None},
]


def test_the_content_hash_the_crawler_lands_is_the_one_the_load_computes(tmp_path):
    from warehouse.ingest import CONTENT_HASH, _columns_sql

    from pipeline.fingerprint import content_hash

    path = tmp_path / "items.jsonl"
    path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in ITEMS), encoding="utf-8")
    with duckdb.connect() as con:
        sql = con.execute(f"SELECT {CONTENT_HASH} FROM read_json('{path}', format = 'newline_delimited', "
                          f"columns = {_columns_sql()})").fetchall()
    assert [row[0] for row in sql] == [content_hash(item) for item in ITEMS]


def test_the_crawler_lands_the_fingerprint_of_the_finished_item():
    from types import SimpleNamespace

    from crawler.items import validation_reason
    from crawler.pipelines.enrich import EnrichPipeline
    from pipeline.fingerprint import fingerprint

    settings = SimpleNamespace(getbool=lambda name: False, get=lambda name, default=None: default)
    crawler = SimpleNamespace(settings=settings, spider=SimpleNamespace(run_id="greenhouse-20260301T060000Z-a1b2c3"))
    item = EnrichPipeline(crawler).process_item(dict(
        ITEMS[0], source="greenhouse", source_id="1", url="https://x.invalid/1", location="Tulsa, OK",
        pay={"min": 20.0, "max": 24.0, "period": "hour", "currency": "USD", "source": "structured"},
        raw={}, synthetic=False))
    landed = json.loads(json.dumps(item, ensure_ascii=False, default=str))  # as the landing file holds it
    assert landed["fingerprint"] == fingerprint({k: v for k, v in landed.items() if k != "fingerprint"})
    assert validation_reason(landed) is None
