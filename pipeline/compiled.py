"""Use the mypyc build of the tagger's modules when it was made from the sources on disk.

`ma-demand compile` compiles the modules in COMPILED (the same .py files: no rule has a second
copy) into build/mypyc/pipeline/ beside this package and writes there a manifest with a hash of
each source. On import, pipeline/__init__.py calls `activate()`, which puts that folder first on the
package's search path only while every hash matches, so an edited source is never shadowed by an
older build: the package then runs as plain Python, with the same tags, only slower. Set
MA_DEMAND_PURE_PYTHON=1 to run plain Python whatever is built. The Scrapyd egg ships no build
folder, so a deployed crawl tags in plain Python.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from typing import Any

# The modules `ma-demand tag` spends its time in, in the order mypyc is given them.
COMPILED = ("lexicon", "patterns", "matcher", "requirement", "certification", "education", "experience", "pay",
            "specialty", "text", "title", "tagger")
GROUP = "_mypyc"  # the build's shared library, pipeline._mypyc__mypyc, holds the code of every module
PURE_PYTHON_ENV = "MA_DEMAND_PURE_PYTHON"  # declared with its help in ma_demand_settings.SETTINGS
SOURCE_DIR = Path(__file__).resolve().parent
BUILD_DIR = SOURCE_DIR.parent / "build" / "mypyc"  # the build's package folder is BUILD_DIR / "pipeline"
MANIFEST_NAME = "manifest.json"  # in BUILD_DIR

_state: dict[str, Any] = {"status": "plain Python: not compiled (`ma-demand compile` builds it)", "active": False}


def source_hashes() -> dict[str, str]:
    """The SHA-256 of each compiled module's source, by module name."""
    return {name: hashlib.sha256((SOURCE_DIR / f"{name}.py").read_bytes()).hexdigest() for name in COMPILED}


def build_key() -> dict[str, object]:
    """What a build must have been made for besides the sources: this interpreter's ABI."""
    return {"python": sys.implementation.cache_tag, "abi": sys.abiflags, "platform": sys.platform}


def missing_modules(package_folder: Path) -> list[str]:
    """The compiled modules (and the shared library) that a build's package folder lacks."""
    return [name for name in (*COMPILED, GROUP + "__mypyc")
            if not (package_folder / f"{name}{EXTENSION_SUFFIXES[0]}").is_file()]


def activate(package_path: list[str]) -> bool:
    """Put the compiled build first on `package_path` (the package's __path__) when it is current;
    True when it was put there."""
    if os.environ.get(PURE_PYTHON_ENV, "").strip().lower() in ("1", "true", "yes"):
        _state["status"] = f"plain Python ({PURE_PYTHON_ENV} is set)"
        return False
    try:
        manifest = json.loads((BUILD_DIR / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if manifest.get("key") != build_key():
        _state["status"] = "plain Python: the build is for another Python (`ma-demand compile` rebuilds it)"
        return False
    if manifest.get("sources") != source_hashes():
        _state["status"] = "plain Python: a source changed since the build (`ma-demand compile` rebuilds it)"
        return False
    if missing_modules(BUILD_DIR / "pipeline"):
        _state["status"] = "plain Python: the build is missing a module (`ma-demand compile` rebuilds it)"
        return False
    package_path.insert(0, str(BUILD_DIR / "pipeline"))
    _state.update(status="compiled (mypyc)", active=True)
    return True


def active() -> bool:
    """True when this process runs the compiled build."""
    return bool(_state["active"])


def status() -> str:
    """How the tagger runs in this process: "compiled (mypyc)" or "plain Python: why"."""
    return _state["status"]
