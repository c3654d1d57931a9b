"""Text fingerprints: the Python definition and the loader's SQL agree."""

from __future__ import annotations

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
