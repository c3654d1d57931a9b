"""One spider per permitted source; each maps its source's shape onto the posting item.

A source's API root (`default_base_url`) and the one request that shows a board answers
(`probe_url`) are declared on its spider class alone; `spider_class(name)` finds the class, so
`ma-demand sources probe` and the rest read them from there.
"""

from __future__ import annotations

import importlib
import re
from importlib import resources


def spider_class(name: str):
    """The spider class of source `name` (crawler/spiders/<name>.py); LookupError when there is none."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name) or not resources.files(__name__).joinpath(f"{name}.py").is_file():
        raise LookupError(f"no spider for source {name!r} (crawler/spiders/{name}.py)")
    module = importlib.import_module(f"{__name__}.{name}")
    for value in vars(module).values():
        if isinstance(value, type) and getattr(value, "name", None) == name and hasattr(value, "probe_url"):
            return value
    raise LookupError(f"crawler/spiders/{name}.py defines no spider named {name!r}")
