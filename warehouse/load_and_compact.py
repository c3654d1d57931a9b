"""The load step of a scheduled crawl, run as its own process: `python -m warehouse.load_and_compact`.

`ma-demand crawl` and `ma-demand demo` (the top-level flows ma_demand_scheduled_run.py and
ma_demand_demo.py) run this after their spiders, so that the process that runs the crawl never
opens the DuckDB file. It calls `warehouse.load.load(db, landing)` (which also refreshes the
claims), then, when asked, compacts landing files that are loaded and old (`warehouse.retention`).
Its last stdout line is a JSON summary; any failure prints `{"ok": false, "error": ...}` and exits 1.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys

from ma_demand_settings import UserError, setting


def summary_of(result) -> dict:
    """The loader's result as a flat JSON-able dict, whatever shape it comes in."""
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        result = dataclasses.asdict(result)
    if isinstance(result, dict):
        return {key: value for key, value in result.items() if isinstance(value, (int, float, str, bool, type(None)))}
    if isinstance(result, int):
        return {"rows_loaded": result}
    return {}


def postings_in(db) -> int:
    from warehouse import reader

    return int(reader.query_rows(db, "SELECT count(*) FROM postings")[0][0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m warehouse.load_and_compact", description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=setting("db"))
    parser.add_argument("--landing", default=setting("landing"))
    parser.add_argument("--compact-older-than", type=float, default=0.0, metavar="DAYS")
    args = parser.parse_args(argv)
    try:
        from warehouse.load import load

        summary = {"ok": True, **summary_of(load(args.db, args.landing))}
        summary["postings_in_warehouse"] = postings_in(args.db)
        if args.compact_older_than > 0:
            from warehouse.retention import compact

            report = compact(args.landing, args.db, older_than_days=args.compact_older_than)
            summary["compacted_runs"] = report.runs
    except Exception as error:  # the parent records one line; a bug's traceback goes to the log
        if not isinstance(error, UserError):
            import traceback

            traceback.print_exc(file=sys.stderr)
        text = str(error).strip().splitlines()
        print(json.dumps({"ok": False, "error": f"{type(error).__name__}: {text[0] if text else ''}"}))
        return 1
    print(json.dumps(summary, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
