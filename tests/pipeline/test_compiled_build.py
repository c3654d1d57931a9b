"""The compiled tagger is used only when it was built from the sources on disk (pipeline/compiled.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from ma_demand_settings import SETTINGS
from pipeline import compiled

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def build(tmp_path, monkeypatch):
    """An empty build folder in place of build/mypyc, and the status as it was, restored after."""
    folder = tmp_path / "mypyc"
    (folder / "pipeline").mkdir(parents=True)
    monkeypatch.setattr(compiled, "BUILD_DIR", folder)
    monkeypatch.delenv(compiled.PURE_PYTHON_ENV, raising=False)
    monkeypatch.setattr(compiled, "_state", dict(compiled._state))
    return folder


def _write_manifest(folder: Path, sources: dict, key: dict | None = None) -> None:
    (folder / compiled.MANIFEST_NAME).write_text(json.dumps({"key": key or compiled.build_key(), "sources": sources}))
    for name in (*compiled.COMPILED, compiled.GROUP + "__mypyc"):  # stand-ins: only their presence is read
        (folder / "pipeline" / f"{name}{EXTENSION_SUFFIXES[0]}").write_bytes(b"")


def test_a_build_made_from_the_sources_on_disk_goes_first_on_the_package_path(build):
    _write_manifest(build, compiled.source_hashes())
    path = ["/the/sources"]
    assert compiled.activate(path) is True
    assert path == [str(build / "pipeline"), "/the/sources"]
    assert compiled.status() == "compiled (mypyc)" and compiled.active()


def test_a_build_older_than_an_edited_source_is_not_used(build):
    hashes = compiled.source_hashes()
    hashes["requirement"] = "0" * 64  # the build was made before requirement.py was edited
    _write_manifest(build, hashes)
    path = ["/the/sources"]
    assert compiled.activate(path) is False
    assert path == ["/the/sources"]
    assert "a source changed" in compiled.status()


def test_a_build_for_another_python_is_not_used(build):
    _write_manifest(build, compiled.source_hashes(), key={**compiled.build_key(), "python": "cpython-39"})
    path: list[str] = []
    assert compiled.activate(path) is False and path == []
    assert "another Python" in compiled.status()


def test_a_build_missing_a_module_is_not_used(build):
    _write_manifest(build, compiled.source_hashes())
    (build / "pipeline" / f"requirement{EXTENSION_SUFFIXES[0]}").unlink()
    path: list[str] = []
    assert compiled.activate(path) is False and path == []
    assert "missing a module" in compiled.status()


def test_no_build_or_a_broken_manifest_leaves_plain_python(build):
    path: list[str] = []
    assert compiled.activate(path) is False
    (build / compiled.MANIFEST_NAME).write_text("{not json")
    assert compiled.activate(path) is False and path == []


def test_the_pure_python_setting_wins_over_a_current_build(build, monkeypatch):
    _write_manifest(build, compiled.source_hashes())
    monkeypatch.setenv(compiled.PURE_PYTHON_ENV, "1")
    path: list[str] = []
    assert compiled.activate(path) is False and path == []
    assert compiled.PURE_PYTHON_ENV in compiled.status()


def test_the_pure_python_switch_is_a_declared_setting():
    assert compiled.PURE_PYTHON_ENV in {setting.env for setting in SETTINGS}


def test_make_built_the_tagger_and_the_suite_runs_it_compiled():
    """`make test` compiles first; in CI a missing or stale build fails here instead of passing slowly.
    (The suite's plain-Python pass, MA_DEMAND_PURE_PYTHON=1, is the one place it may be plain.)"""
    if os.environ.get(compiled.PURE_PYTHON_ENV):
        pytest.skip("this pass runs the tagger as plain Python on purpose")
    status = compiled.status()
    if not compiled.active():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the tagger is not compiled in CI: {status}")
        pytest.skip(f"not compiled here: {status}")
    import pipeline.requirement
    import pipeline.tagger

    for module in (pipeline.tagger, pipeline.requirement):
        assert module.__file__.endswith(".so"), module.__file__


def test_ma_demand_compile_check_says_how_the_tagger_runs():
    result = subprocess.run([sys.executable, "-c", "import sys, ma_demand; sys.exit(ma_demand.main(['compile', '--check']))"],
                            capture_output=True, text=True, cwd=ROOT, env={**os.environ, compiled.PURE_PYTHON_ENV: "1"},
                            timeout=60)
    assert result.returncode == 1
    assert result.stdout.strip() == f"tagger: plain Python ({compiled.PURE_PYTHON_ENV} is set)"
