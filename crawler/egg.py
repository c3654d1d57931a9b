"""`ma-demand egg`: build the egg that Scrapyd runs, the crawler and the pipeline, nothing else.

`scrapyd-deploy` builds an egg by running a `setup.py` in the project root, and writes a
`setup.py` there when there is none; either would change how pip builds this project from
pyproject.toml. So the egg is built here instead, from a staging folder outside the
repository holding only what a crawl imports: `crawler/` (without its test fixtures),
`pipeline/` and `ma_demand_settings.py` (the settings list). Deploy it with
`scrapyd-deploy TARGET --egg "$(ma-demand egg)"`; the targets are in scrapy.cfg `[deploy]`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import ma_demand_settings
from ma_demand_settings import UserError

ROOT = Path(ma_demand_settings.__file__).resolve().parent
PACKAGES = ("crawler", "pipeline")
# Demo and test content the spiders never import at crawl time, and build leftovers (a zipped egg
# cannot load a C extension; the project has none of its own).
LEFT_OUT = ("fixtures", "__pycache__", "*.pyc", "*.so", "*.c", "*.pyx")
PACKAGE_DATA = ["*.toml", "*.json", "*.txt", "*.yaml", "*.jsonl", "**/*.toml", "**/*.json", "**/*.txt", "**/*.jsonl"]

SETUP_TEMPLATE = """\
from setuptools import find_packages, setup

setup(
    name="ma-demand-crawler",
    version={version!r},
    packages=find_packages(include={packages!r}),
    py_modules=["ma_demand_settings"],
    package_data={{"": {package_data!r}}},
    entry_points={{"scrapy": ["settings = {settings}"]}},
    zip_safe=False,
)
"""


def build_egg(output: str | Path, version: str = "", *, packages: dict[str, Path] | None = None,
              settings: str = "crawler.settings") -> Path:
    """Write the egg to `output` (a file path); returns it.

    `packages` maps package names to their folders (default: crawler and pipeline of this
    checkout); `settings` is the Scrapy settings module Scrapyd will use.
    """
    output = Path(output).resolve()
    version = version or _version()
    packages = packages or {name: ROOT / name for name in PACKAGES}
    with tempfile.TemporaryDirectory(prefix="ma-demand-egg-") as staging:
        staging = Path(staging)
        for name, folder in packages.items():
            shutil.copytree(folder, staging / name, ignore=shutil.ignore_patterns(*LEFT_OUT))
        shutil.copy2(ROOT / "ma_demand_settings.py", staging / "ma_demand_settings.py")
        patterns = [pattern for name in packages for pattern in (name, f"{name}.*")]
        (staging / "setup.py").write_text(SETUP_TEMPLATE.format(version=version, packages=patterns,
                                                                package_data=PACKAGE_DATA, settings=settings))
        result = subprocess.run([sys.executable, "setup.py", "-q", "bdist_egg", "-d", str(staging / "dist")],
                                cwd=staging, capture_output=True, text=True)
        if result.returncode != 0:
            last = (result.stderr.strip().splitlines() or ["no output"])[-1]
            raise UserError(f"building the egg failed: {last}")
        (egg,) = (staging / "dist").glob("*.egg")
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(egg, output)
    return output


def _version() -> str:
    """The git commit when there is one (Scrapyd keeps versions side by side), else the package version."""
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return f"0.1.0+{result.stdout.strip()}" if result.returncode == 0 and result.stdout.strip() else "0.1.0"


def _egg_command(args) -> int:
    print(build_egg(args.output))
    return 0


def register(subparsers) -> None:
    egg = subparsers.add_parser(
        "egg", help="Build the Scrapyd egg (crawler + pipeline only) and print its path.",
        description="Build the egg Scrapyd runs, holding crawler/ and pipeline/ only, without writing a "
                    "setup.py into the project. Deploy it: scrapyd-deploy TARGET --egg \"$(ma-demand egg)\".",
    )
    egg.add_argument("-o", "--output", default="build/ma-demand-crawler.egg",
                     help="where to write the egg (default: build/ma-demand-crawler.egg)")
    egg.set_defaults(handler=_egg_command)
