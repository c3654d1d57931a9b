"""Redis scale-out: two workers sharing one scheduler crawl exactly what one worker crawls."""

from __future__ import annotations

import subprocess
from collections import Counter

import pytest
from ops_sample.harness import BoardServer, free_port, landed_items, scrapy_crawl, wait_for_port

from tests.conftest import require_executable

BOARDS = "north,south,east,west,central"


@pytest.fixture
def redis_url(tmp_path):
    executable = require_executable("redis-server")
    port = free_port()
    server = subprocess.Popen([executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--dir", str(tmp_path)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(10)


def _crawl(env, landing, *options):
    process = scrapy_crawl("alpha", env, "-a", f"boards={BOARDS}", "-s", f"LANDING_DIR={landing}", *options)
    return process


@pytest.mark.redis
def test_two_redis_workers_crawl_what_one_worker_crawls_with_nothing_fetched_twice(sample_env, redis_url, tmp_path):
    alone_server, shared_server = BoardServer(), BoardServer(delay=0.15, clients=2)
    try:
        alone = _crawl(dict(sample_env, OPS_SAMPLE_URL=alone_server.url), tmp_path / "alone")
        assert alone.wait(60) == 0, alone.stderr.read()
        env = dict(sample_env, OPS_SAMPLE_URL=shared_server.url)
        shared = ["-s", f"REDIS_URL={redis_url}", "-s", "MA_DEMAND_REDIS_CRAWL=test-crawl"]
        # Each worker names itself in its User-Agent; the server holds every page until it has seen both.
        workers = [_crawl(env, tmp_path / f"worker{n}", *shared, "-s", f"USER_AGENT=ops-sample worker {n}")
                   for n in (1, 2)]
        for worker in workers:
            assert worker.wait(60) == 0, worker.stderr.read()
    finally:
        alone_server.close()
        shared_server.close()

    one = [item["source_id"] for item in landed_items(tmp_path / "alone", "alpha")]
    per_worker = [[item["source_id"] for item in landed_items(tmp_path / f"worker{n}", "alpha")] for n in (1, 2)]
    union = per_worker[0] + per_worker[1]
    assert len(one) == 5 * 6
    assert sorted(union) == sorted(one)
    assert not [key for key, count in Counter(union).items() if count > 1]
    fetched_twice = {path: count for path, count in shared_server.hits.items() if count > 1}
    assert fetched_twice == {}
    assert all(per_worker), f"one worker got nothing: {[len(w) for w in per_worker]}"


@pytest.mark.redis
def test_a_finished_worker_leaves_the_shared_keys_to_expire_not_deleted(sample_env, redis_url, tmp_path):
    import redis

    server = BoardServer()
    try:
        env = dict(sample_env, OPS_SAMPLE_URL=server.url)
        worker = _crawl(env, tmp_path / "w", "-s", f"REDIS_URL={redis_url}", "-s", "MA_DEMAND_REDIS_CRAWL=ttl-test")
        assert worker.wait(60) == 0, worker.stderr.read()
        late = _crawl(env, tmp_path / "late", "-s", f"REDIS_URL={redis_url}", "-s", "MA_DEMAND_REDIS_CRAWL=ttl-test")
        assert late.wait(60) == 0, late.stderr.read()
    finally:
        server.close()
    client = redis.Redis.from_url(redis_url)
    key = "ma-demand:ttl-test:alpha:dupefilter"
    assert 0 < client.ttl(key) <= 2 * 24 * 3600
    assert landed_items(tmp_path / "late", "alpha") == []
    assert len(landed_items(tmp_path / "w", "alpha")) == 5 * 6


@pytest.mark.redis
def test_crawl_with_redis_option_joins_the_shared_crawl_named_by_its_key(board_server, sample_env, redis_url, tmp_path):
    from ops_sample.harness import ma_demand

    env = dict(sample_env, OPS_SAMPLE_URL=board_server.url)
    first = ma_demand(["crawl", "beta", "--no-load", "--redis", redis_url, "--redis-crawl", "night-1"], env)
    assert first.returncode == 0, first.stderr
    fetched = sum(board_server.hits.values())
    again = ma_demand(["crawl", "beta", "--no-load", "--redis", redis_url, "--redis-crawl", "night-1"], env)
    assert sum(board_server.hits.values()) == fetched  # the second worker found everything done
    assert again.returncode == 0, again.stderr  # finding the shared work done is no fault of a worker
