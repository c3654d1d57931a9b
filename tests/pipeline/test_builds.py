"""The tagger's modules run compiled and current; plain Python gives the same tags; a stale build never runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import pipeline
from pipeline import builds, matcher, tagger
from tests.conftest import IN_CI
from benchmarks.tagger_accuracy import load_labelled

ROOT = Path(__file__).resolve().parents[2]
COMPILED = {entry["name"]: entry["sources"][0]
            for entry in tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["ext-modules"]}


@pytest.fixture(scope="module")
def built():
    found = builds.built()
    if not found:
        message = "the tagger is not compiled (make test builds it; it needs gcc and python3-dev)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return found


def test_every_module_pyproject_names_is_compiled_current_and_the_one_imported(built):
    assert {f"pipeline.{name}" for name in built} == set(COMPILED)
    assert builds.stale() == {}, "rebuild: make venv, or pip install -e ."
    for name in COMPILED:
        module = sys.modules.get(name) or __import__(name, fromlist=["_"])
        assert Path(module.__file__).suffix == ".so", name
    assert matcher.compiled() is not None


def test_every_compiled_python_module_keeps_its_type_hints_as_hints():
    for name, source in COMPILED.items():
        if source.endswith(".py"):
            assert (ROOT / source).read_text().startswith("# cython: annotation_typing=False\n"), source


def _plain_copy(tmp_path: Path) -> Path:
    """The pipeline package alone, without its compiled builds."""
    shutil.copytree(ROOT / "pipeline", tmp_path / "pipeline", ignore=shutil.ignore_patterns("*.so", "*.c", "__pycache__"))
    return tmp_path


# The editable install's finder would find what the copy leaves out (pipeline._scan) in the checkout.
_COPY_ONLY = "import sys; sys.meta_path[:] = [f for f in sys.meta_path if getattr(f, '__name__', '') != '_EditableFinder']\n"


def _run(code: str, path: Path) -> subprocess.CompletedProcess:
    """`code` run by a new interpreter that imports the pipeline package copied to `path`."""
    environment = dict(os.environ, PYTHONPATH=str(path))
    return subprocess.run([sys.executable, "-c", _COPY_ONLY + code], capture_output=True, text=True, env=environment,
                          cwd=path, timeout=240)


def test_the_tagger_as_plain_python_gives_the_records_the_compiled_one_gives(built, tmp_path):
    postings = []
    for posting in load_labelled():
        text = posting["description"]
        postings += [posting, dict(posting, description=text.upper()), dict(posting, description=text.replace("\n", " • "))]
    (tmp_path / "postings.json").write_text(json.dumps(postings))
    code = ("import json, pipeline, pipeline.tagger as t, pipeline.matcher as m\n"
            "assert t.__file__.endswith('.py') and m.compiled() is None\n"
            "print(json.dumps([pipeline.tag(p) for p in json.load(open('postings.json'))]))")
    plain = _run(code, _plain_copy(tmp_path))
    assert plain.returncode == 0, plain.stderr
    assert json.loads(plain.stdout) == json.loads(json.dumps([tagger.tag(posting) for posting in postings]))


def test_a_build_older_than_its_source_is_not_imported_and_a_warning_says_so(built, tmp_path):
    shutil.copytree(ROOT / "pipeline", tmp_path / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    for source in ("pay.py", "_scan.pyx"):
        (tmp_path / "pipeline" / source).touch()
        later = (tmp_path / "pipeline" / source).stat().st_mtime + 5
        os.utime(tmp_path / "pipeline" / source, (later, later))
    code = ("import pipeline, pipeline.pay as p, pipeline.tagger as t, pipeline.matcher as m\n"
            "print(p.__file__.rsplit('/', 1)[1], t.__file__.endswith('.so'), m.compiled())\n"
            "print(pipeline.tag({'title': 'CMA', 'description': 'CMA required. $20/hr'})['pay']['min'])")
    result = _run(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["pay.py True None", "20.0"]
    assert "_scan.pyx, pay.py changed since the last build; running from source" in result.stderr


def test_a_current_build_is_imported_without_a_warning(built, tmp_path):
    shutil.copytree(ROOT / "pipeline", tmp_path / "pipeline", ignore=shutil.ignore_patterns("__pycache__"),
                    copy_function=shutil.copy2)
    result = _run("import pipeline, pipeline.pay as p; print(p.__file__.endswith('.so'))", tmp_path)
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, "True", "")


def test_the_package_imports_the_guard_before_any_compiled_module():
    source = Path(pipeline.__file__).read_text()
    assert source.index("builds.guard()") < source.index("from pipeline.tagger")
