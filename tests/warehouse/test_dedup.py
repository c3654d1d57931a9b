"""Near-duplicate search: the vectorised MinHash estimates Jaccard similarity, LSH finds re-posts and
keeps different jobs apart, and a landed signature equals the one the load would compute."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest
from datasketch import MinHash

from pipeline.fingerprint import EMPTY, MINHASH_SCHEME, NUM_BINS, _shingle_hashes, fingerprint, minhash, shingles
from warehouse import dedup, load, reader

from .conftest import quiet

VOCABULARY = [f"word{i}" for i in range(2000)]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(words))


def _edited(rng: random.Random, text: str, changes: int) -> str:
    words = text.split()
    for _ in range(changes):
        words[rng.randrange(len(words))] = rng.choice(VOCABULARY)
    return " ".join(words)


def _jaccard(a: str, b: str) -> float:
    x, y = shingles(a), shingles(b)
    return len(x & y) / len(x | y)


def test_the_vectorised_shingles_are_the_python_shingles():
    texts = ["Medical Assistant — Tulsa, OK\n- CMA required!", "a b c d e f", "Hello, world", "x", "",
             "Café crème, naïve résumé  at   the clinic", "one two three four five six seven eight"]
    for text in texts:
        data = np.frombuffer(text.encode(), np.uint8)
        hashes, _ = _shingle_hashes(data, np.array([0, len(data)], np.int64))
        alone = {int(h) for h in hashes}
        # Hash each Python shingle on its own: the same set means the same shingles.
        expected = set()
        for shingle in shingles(text):
            data = np.frombuffer(shingle, np.uint8)
            one, _ = _shingle_hashes(data, np.array([0, len(data)], np.int64))
            expected |= {int(h) for h in one}
        assert alone == expected, text


def test_a_signature_does_not_depend_on_the_batch_it_was_computed_in():
    rng = random.Random(1)
    texts = [_text(rng, rng.randint(0, 300)) for _ in range(2500)] + [None, ""]
    batch = minhash(texts)
    assert batch.shape == (len(texts), NUM_BINS) and batch.dtype == np.uint32
    for index in (0, 7, 1500, 2499, 2500, 2501):
        assert np.array_equal(minhash([texts[index]])[0], batch[index])
    assert (batch[-1] == EMPTY).all()


def test_agreement_share_estimates_jaccard_as_well_as_datasketch():
    rng = random.Random(2)
    pairs = []
    for _ in range(400):
        text = _text(rng, rng.randint(60, 400))
        pairs.append((text, _edited(rng, text, rng.randint(1, 40))))
    ours = np.array([(minhash([a])[0] == minhash([b])[0]).mean() for a, b in pairs])
    exact = np.array([_jaccard(a, b) for a, b in pairs])

    def datasketch(text):
        sketch = MinHash(num_perm=NUM_BINS)
        sketch.update_batch(list(shingles(text)))
        return sketch

    theirs = np.array([datasketch(a).jaccard(datasketch(b)) for a, b in pairs])
    assert abs(np.mean(ours - exact)) < 0.01
    assert np.std(ours - exact) < 1.25 * np.std(theirs - exact)


def test_lsh_groups_every_repost_and_no_two_different_jobs():
    rng = random.Random(3)
    texts, job = [], []
    for number in range(200):
        original = _text(rng, rng.randint(250, 400))
        texts.append(original)
        job.append(number)
        for _ in range(rng.randint(0, 3)):  # re-posts: a word or two changed, Jaccard ~0.93-0.98
            texts.append(_edited(rng, original, rng.randint(1, 2)))
            job.append(number)
    signatures = minhash(texts)
    left, right = dedup.similar_pairs(np.zeros(len(texts), np.int64), signatures)
    root = dedup.components(len(texts), left, right)
    job = np.array(job)
    same_job_same_group = all(len(set(root[job == number])) == 1 for number in range(200))
    assert same_job_same_group
    assert len(set(root)) == 200


def test_lsh_only_compares_texts_in_the_same_block():
    rng = random.Random(4)
    text = _text(rng, 200)
    signatures = minhash([text, text, text])
    left, right = dedup.similar_pairs(np.array([0, 1, 0]), signatures)
    assert set(zip(left.tolist(), right.tolist())) in ({(0, 2)}, {(2, 0)})


def test_components_joins_chains_to_their_smallest_member():
    root = dedup.components(6, np.array([4, 1, 3]), np.array([5, 4, 2]))
    assert root.tolist() == [0, 1, 2, 2, 1, 1]


def _write_items(landing, items):
    for source, number, description, extra in items:
        folder = landing / source
        folder.mkdir(parents=True, exist_ok=True)
        item = {"source": source, "source_id": number, "title": "Medical Assistant", "location": "Austin, TX",
                "state": "TX", "description_text": description, "fetched_at": "2026-03-01T00:00:00Z",
                "run_id": f"{source}-20260301T000000Z-000001", "synthetic": True,
                "tags": {"is_ma": True, "title_normalized": "medical assistant", "tagger_version": "t"}}
        item.update(extra(item))
        with open(folder / f"{source}-20260301T000000Z-000001.jsonl", "a") as sink:
            sink.write(json.dumps(item) + "\n")


def _landed(item):
    return {"fingerprint": fingerprint(item)}


def _plain(item):
    return {}


def test_a_landed_fingerprint_gives_the_warehouse_the_load_would_compute(tmp_path):
    rng = random.Random(5)
    base, other = _text(rng, 200), _text(rng, 200)
    descriptions = [("greenhouse", "1", base), ("lever", "x1", _edited(rng, base, 2)), ("ashby", "a1", other)]
    tables = {}
    for name, extra in (("computed", _plain), ("landed", _landed)):
        landing = tmp_path / name
        _write_items(landing, [(s, n, d, extra) for s, n, d in descriptions])
        db = tmp_path / f"{name}.duckdb"
        load.load(db, landing, progress=quiet)
        tables[name] = (reader.query_rows(db, "SELECT * FROM text_signatures ORDER BY text_hash"),
                        reader.query_rows(db, "SELECT posting_id, content_hash, text_hash, duplicate_group_id, method "
                                              "FROM postings JOIN duplicate_groups USING (posting_id, duplicate_group_id) "
                                              "ORDER BY posting_id"))
    assert tables["landed"] == tables["computed"]
    groups = {row[0]: row[3] for row in tables["landed"][1]}
    assert groups["greenhouse:1"] == groups["lever:x1"] != groups["ashby:a1"]


def test_a_landed_signature_of_another_scheme_is_recomputed(tmp_path):
    rng = random.Random(6)
    description = _text(rng, 100)
    def stale(item):
        return {"fingerprint": dict(fingerprint(item), minhash=[0] * NUM_BINS, scheme="old-scheme")}

    _write_items(tmp_path / "landing", [("greenhouse", "1", description, stale)])
    db = tmp_path / "w.duckdb"
    load.load(db, tmp_path / "landing", progress=quiet)
    stored = reader.query_rows(db, "SELECT minhash FROM text_signatures")
    assert [list(row[0]) for row in stored] == [minhash([f"Medical Assistant {description}"])[0].tolist()]
    assert MINHASH_SCHEME != "old-scheme"


@pytest.mark.parametrize("landed", [False, True])
def test_the_hashes_the_crawler_lands_are_the_ones_the_load_computes(tmp_path, landed):
    description = "Room patients, take vital signs; CMA required!"
    _write_items(tmp_path / "landing", [("greenhouse", "1", description, _landed if landed else _plain)])
    item = json.loads(next((tmp_path / "landing").rglob("*.jsonl")).read_text())
    db = tmp_path / "w.duckdb"
    load.load(db, tmp_path / "landing", progress=quiet)
    expected = fingerprint(item)
    assert reader.query_rows(db, "SELECT content_hash, text_hash FROM postings") == [
        (expected["content_hash"], expected["text_hash"])]


def test_a_load_without_any_ma_posting_has_no_near_duplicate_groups(tmp_path):
    def not_ma(item):
        return {"tags": dict(item["tags"], is_ma=False)}

    _write_items(tmp_path / "landing", [("greenhouse", "1", "Registered nurse for the night shift.", not_ma)])
    db = tmp_path / "w.duckdb"
    load.load(db, tmp_path / "landing", progress=quiet)
    assert reader.query_rows(db, "SELECT count(*) FROM stg_text_groups") == [(0,)]
    assert reader.query_rows(db, "SELECT method FROM duplicate_groups") == [("single",)]


def test_every_text_without_a_landed_signature_is_signed_however_many_batches_it_takes(tmp_path, monkeypatch):
    monkeypatch.setattr(dedup, "_SIGN_BATCH", 2)  # seven texts: four batches, each stored before the next is read
    rng = random.Random(7)
    descriptions = [_text(rng, 60) for _ in range(7)]
    _write_items(tmp_path / "landing", [("greenhouse", str(number), text, _plain) for number, text in enumerate(descriptions)])
    db = tmp_path / "w.duckdb"
    load.load(db, tmp_path / "landing", progress=quiet)
    stored = sorted(list(row[0]) for row in reader.query_rows(db, "SELECT minhash FROM text_signatures"))
    expected = sorted(row.tolist() for row in minhash([f"Medical Assistant {text}" for text in descriptions]))
    assert stored == expected
