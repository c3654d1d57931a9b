"""Which compiled builds of this package's modules are current, and a guard against stale ones.

The install compiles the tagger's modules with Cython (pyproject.toml `ext-modules`): the `.py`
files as they are, and `_scan.pyx`. Python imports a compiled module before its source, so after
an edit a build older than its source would still run. `guard()` stops that: such a module is
imported from its `.py` source instead (`_scan`, which has no `.py`, is not imported at all, and
the Python twins run), with one warning that says how to rebuild.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
import warnings
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent


def built() -> dict[str, Path]:
    """{module name: its compiled file} for every module of this package with a compiled build."""
    found: dict[str, Path] = {}
    if not PACKAGE.is_dir():  # imported from a zipped egg (Scrapyd), which holds no compiled module
        return found
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        for path in PACKAGE.glob("*" + suffix):
            name = path.name[: -len(suffix)]
            if "." not in name:  # "pay.cpython-311-x86_64-linux-gnu.so" also ends in ".so"
                found.setdefault(name, path)
    return found


def source_of(name: str) -> Path | None:
    """The source a compiled module is built from (`name.py`, else `name.pyx`), if present."""
    for suffix in (".py", ".pyx"):
        if (PACKAGE / (name + suffix)).exists():
            return PACKAGE / (name + suffix)
    return None


def stale() -> dict[str, Path]:
    """{module name: its source} for each compiled build older than its source."""
    older = {}
    for name, path in built().items():
        source = source_of(name)
        if source is not None and path.stat().st_mtime < source.stat().st_mtime:
            older[name] = source
    return older


class _StaleBuilds:
    """Finds the source of each stale module first (`sys.meta_path`); refuses a stale `.pyx` build."""

    def __init__(self, older: dict[str, Path]) -> None:
        self.older = {f"{__package__}.{name}": source for name, source in older.items()}

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        source = self.older.get(name)
        if source is None:
            return None
        if source.suffix == ".pyx":
            raise ImportError(f"{name}: its compiled build is older than {source.name}")
        return importlib.util.spec_from_file_location(name, source)


def guard() -> None:
    """Import stale modules from their source (once per process), with a warning."""
    if any(isinstance(finder, _StaleBuilds) for finder in sys.meta_path):
        return
    older = stale()
    if older:
        sys.meta_path.insert(0, _StaleBuilds(older))
        names = ", ".join(sorted(source.name for source in older.values()))
        warnings.warn(f"pipeline: {names} changed since the last build; running from source, slower "
                      "(`make venv` or `pip install -e .` rebuilds)", RuntimeWarning, stacklevel=2)
