"""The dashboard's cache: a private folder, and nothing read back from it is unpickled."""

from __future__ import annotations

import os
import shutil
import tempfile
import pickle
import pwd
import stat
import struct
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from dashboard.app import create_app
from dashboard.commands import shared_cache_dir
from ma_demand_settings import UserError

from .test_serve import ROOT, free_port


def planted_pickle(marker) -> bytes:
    """A pickle that, when loaded, creates `marker`; prefixed as flask-caching's file cache wrote it
    (4-byte expiry, 0 = never), so the old cache would have loaded it."""
    payload = pickle.dumps(_Planted(str(marker)))
    return struct.pack("I", 0) + payload


class _Planted:
    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (exec, (f"open({self.marker!r}, 'w').write('ran')",))


def plant_everywhere(folder, marker) -> int:
    """Overwrite every entry the cache wrote in `folder` (whatever its names) with the planted pickle."""
    entries = [path for path in folder.rglob("*") if path.is_file()]
    for path in entries:
        path.write_bytes(planted_pickle(marker))
    return len(entries)


def test_a_pickle_planted_in_the_cache_folder_is_never_loaded_and_the_answers_are_recomputed(
        tmp_path, warehouse_file):
    folder, marker = tmp_path / "cache", tmp_path / "marker"
    first = create_app(warehouse_file, cache=str(folder)).server.config["WAREHOUSE"]
    first.warm()
    assert plant_everywhere(folder, marker) > 0
    second = create_app(warehouse_file, cache=str(folder)).server.config["WAREHOUSE"]  # another worker
    assert second.warm() > 0
    sql = "SELECT state, count(*) AS n FROM postings GROUP BY 1 ORDER BY 1"
    assert not second.frame(sql).empty
    assert not marker.exists()


def test_a_frame_read_back_from_the_folder_equals_the_query_result(tmp_path, warehouse_file):
    folder = tmp_path / "cache"
    sql = "SELECT posting_id, state, posted_at, pay_min, remote FROM postings ORDER BY posting_id"
    fresh = create_app(warehouse_file, cache=str(folder)).server.config["WAREHOUSE"].frame(sql)
    again = create_app(warehouse_file, cache=str(folder)).server.config["WAREHOUSE"].frame(sql)
    pd.testing.assert_frame_equal(fresh, again)
    assert all(pa.ipc.open_stream(path.read_bytes()).read_all() for path in folder.iterdir())  # Arrow, no pickle


def test_the_cache_folder_is_created_private(tmp_path, warehouse_file):
    folder = tmp_path / "new" / "cache"
    create_app(warehouse_file, cache=str(folder))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_cache_folder_others_can_write_is_refused(tmp_path, warehouse_file):
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o777)
    with pytest.raises(UserError, match="can be written by other users"):
        create_app(warehouse_file, cache=str(folder))


def test_a_link_in_place_of_the_cache_folder_is_refused(tmp_path, warehouse_file):
    (tmp_path / "elsewhere").mkdir(mode=0o700)
    (tmp_path / "cache").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(UserError, match="not a folder"):
        create_app(warehouse_file, cache=str(tmp_path / "cache"))


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to hand a folder to another user")
def test_a_cache_folder_of_another_user_is_refused(tmp_path, warehouse_file):
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    os.chown(folder, pwd.getpwnam("nobody").pw_uid, -1)
    with pytest.raises(UserError, match="belongs to another user"):
        create_app(warehouse_file, cache=str(folder))


def serve(warehouse_file, data_dir):
    env = {**os.environ, "MA_DEMAND_DATA_DIR": str(data_dir)}
    env.pop("MA_DEMAND_DASHBOARD_CACHE", None)
    return subprocess.run([sys.executable, "-m", "ma_demand", "serve", "--db", warehouse_file, "--workers", "2",
                           "--port", str(free_port())], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)


def test_serve_refuses_a_world_writable_cache_folder_made_in_advance_in_one_line(tmp_path, warehouse_file,
                                                                                 monkeypatch):
    data_dir, marker = tmp_path / "data", tmp_path / "marker"
    monkeypatch.setenv("MA_DEMAND_DATA_DIR", str(data_dir))
    folder = shared_cache_dir(Path(warehouse_file))
    os.makedirs(folder)
    os.chmod(folder, 0o777)
    with open(os.path.join(folder, "planted"), "wb") as planted:
        planted.write(planted_pickle(marker))
    result = serve(warehouse_file, data_dir)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "refusing the dashboard cache folder" in result.stderr and "can be written by other users" in result.stderr
    assert not marker.exists()


@pytest.mark.skipif(os.geteuid() != 0 or not os.path.exists("/usr/bin/python3"),
                    reason="needs root (to act as a second user) and a system python")
def test_serve_refuses_a_cache_folder_another_user_made_first_in_a_shared_data_folder(warehouse_file):
    shared = Path(tempfile.mkdtemp(prefix="ma-demand-shared-"))  # pytest's own folders are closed to others
    shared.chmod(0o755)
    data_dir, marker = shared / "data", shared / "marker"
    data_dir.mkdir()
    data_dir.chmod(0o1777)  # shared like /tmp: anyone may create entries, only owners remove them
    nobody = pwd.getpwnam("nobody")
    attack = ("import os, sys; os.makedirs(sys.argv[1] + '/cache/x', mode=0o777); "
              "os.chmod(sys.argv[1] + '/cache', 0o777)")
    subprocess.run(["/usr/bin/python3", "-c", attack, str(data_dir)], check=True, user=nobody.pw_uid,
                   group=nobody.pw_gid)
    try:
        result = serve(warehouse_file, data_dir)
    finally:
        shutil.rmtree(shared)
    assert result.returncode == 2
    assert "refusing the dashboard cache folder" in result.stderr and "another user" in result.stderr
