"""`ma-demand compile`: build the tagger's modules with mypyc, for `tag` and `retag` speed.

mypyc compiles the same pipeline/*.py files the crawl runs (pipeline.compiled.COMPILED), so no rule
has a second copy; the build goes to build/mypyc/ with a manifest of the sources' hashes, and the
package uses it only while those hashes match (pipeline/compiled.py). `make` runs this after it
installs the tool; without a C compiler the tagger runs as plain Python, slower, with the same tags.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from ma_demand_settings import UserError

# Type-check codes mypyc is told to pass over: places where mypy cannot follow a narrowing the code
# makes by other means ("if not all(amounts): ..." before "amounts[0].groups()"). Where mypy is
# wrong about a type, the compiled code makes the same generic call plain Python makes.
_PASSED_OVER = ("import-not-found", "import-untyped", "union-attr", "operator")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "compile", help="Compile the tagger with mypyc (about 1.3x the tag rate; `make` runs it).",
        description="Compile the tagger's modules (pipeline/) with mypyc into build/mypyc/. The package uses the "
                    "build only while it matches the sources; --check says whether it does.")
    parser.add_argument("--check", action="store_true", help="only say whether the build is current")
    parser.set_defaults(handler=_compile_command)


def _compile_command(args: argparse.Namespace) -> int:
    from pipeline import compiled

    if args.check:
        print(f"tagger: {compiled.status()}")
        return 0 if compiled.active() else 1
    started = time.monotonic()
    build(compiled)
    print(f"compiled {len(compiled.COMPILED)} modules of pipeline/ into {compiled.BUILD_DIR} "
          f"in {time.monotonic() - started:.0f} s; `ma-demand tag` now uses them", file=sys.stderr)
    return 0


def build(compiled) -> None:
    """Compile `compiled.COMPILED` into `compiled.BUILD_DIR` and write its manifest (the old build is
    replaced only once the new one is whole)."""
    try:
        from mypyc.build import mypycify
        from setuptools import Distribution
    except ImportError as error:
        raise UserError(f"cannot compile: {error.name} is not installed (pip install '.[compile]')") from None
    hashes = compiled.source_hashes()
    sources = [str(compiled.SOURCE_DIR / f"{name}.py") for name in compiled.COMPILED]
    work = Path(tempfile.mkdtemp(prefix="ma-demand-mypyc-"))
    try:
        config = work / "mypy.ini"
        config.write_text("[mypy]\ndisable_error_code = " + ", ".join(_PASSED_OVER) + "\n", encoding="utf-8")
        out = work / "out"
        print(f"ma-demand compile: type-checking and translating {len(sources)} modules to C (mypyc)...", file=sys.stderr)
        log = io.StringIO()
        try:
            with contextlib.redirect_stdout(log):
                extensions = mypycify(["--config-file", str(config), *sources], opt_level="3",
                                      target_dir=str(work / "c"), group_name="pipeline." + compiled.GROUP)
                print("ma-demand compile: compiling the C (15-60 s)...", file=sys.stderr)
                distribution = Distribution({"name": "ma-demand-tagger", "ext_modules": extensions})
                command = distribution.get_command_obj("build_ext")
                command.build_lib, command.build_temp = str(out), str(work / "temp")
                distribution.run_command("build_ext")
        except SystemExit as error:  # mypy and distutils report failure by exiting
            raise UserError(f"mypyc failed ({error}); the tagger stays plain Python:\n{_tail(log.getvalue())}") from None
        except Exception as error:  # a missing compiler or Python headers
            raise UserError(f"the C build failed ({type(error).__name__}: {error}); the tagger stays plain "
                            f"Python:\n{_tail(log.getvalue())}") from None
        built = out / "pipeline"
        missing = compiled.missing_modules(built)
        if missing:
            raise UserError(f"the build holds no module for {', '.join(missing)}; the tagger stays plain Python")
        (out / compiled.MANIFEST_NAME).write_text(json.dumps({"key": compiled.build_key(), "sources": hashes}, indent=1),
                                           encoding="utf-8")
        for stray in built.glob("*.py"):  # the package's sources stay in pipeline/ alone
            stray.unlink()
        old = compiled.BUILD_DIR.with_name(compiled.BUILD_DIR.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        compiled.BUILD_DIR.parent.mkdir(parents=True, exist_ok=True)
        if compiled.BUILD_DIR.exists():
            compiled.BUILD_DIR.rename(old)
        shutil.move(str(out), str(compiled.BUILD_DIR))
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _tail(text: str, lines: int = 12) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])
