"""The `ma-demand` command: one entry point for crawling, loading, tagging and serving.

The settings every command reads are declared in `ma_demand_settings` (the one top-level module
crawler/, warehouse/ and dashboard/ may import). Each part owns its subcommands (crawler/source_commands.py, crawler/egg.py,
warehouse/commands.py, dashboard/commands.py); the flows that cross parts are top-level modules
beside this one (ma_demand_scheduled_run.py: `crawl`, ma_demand_demo.py: `demo`). This module only
wires them together and turns expected faults into one line on stderr; no part imports it.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys

from ma_demand_settings import SETTINGS, UserError, settings_markdown, shown_value


# Subcommand providers, each a module with register(subparsers), in the order `--help` lists them.
COMMAND_MODULES = ("crawler.source_commands", "ma_demand_scheduled_run", "ma_demand_demo", "ma_demand_compile", "crawler.egg",
                   "warehouse.commands", "dashboard.commands")


def _json_line(line: str):
    """One JSON Lines record: orjson first (fast), the json module where orjson refuses the text (a
    lone surrogate escape, which the tagger cleans)."""
    import orjson

    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:
        return json.loads(line)


def _tag_command(args: argparse.Namespace) -> int:
    import time

    from pipeline import TAGGER_VERSION, compiled
    from pipeline.parallel import WorkerDied, tag_json_many

    if args.jobs < 1:
        raise UserError(f"--jobs must be 1 or more, not {args.jobs}")
    try:
        source = open(args.input, encoding="utf-8", errors="replace") if args.input != "-" else sys.stdin
        sink = open(args.output, "w", encoding="utf-8") if args.output != "-" else sys.stdout
    except OSError as error:
        raise UserError(f"cannot open {error.filename}: {error.strerror}") from None
    skipped = 0

    def postings():
        nonlocal skipped
        for number, line in enumerate(source, start=1):
            if not line.strip():
                continue
            try:
                record = _json_line(line)
            except json.JSONDecodeError as error:
                print(f"ma-demand tag: line {number} is not JSON ({error.msg}); skipped", file=sys.stderr)
                skipped += 1
                continue
            if not isinstance(record, dict):
                print(f"ma-demand tag: line {number} is not a JSON object; skipped", file=sys.stderr)
                skipped += 1
                continue
            yield record

    count = 0
    started = time.monotonic()
    with source, sink:
        try:
            for tagged in tag_json_many(postings(), args.jobs):
                sink.write(tagged + "\n")
                count += 1
                if count % 10000 == 0:
                    print(f"ma-demand tag: {count:,} postings tagged...", file=sys.stderr)
        except WorkerDied as error:
            print(f"ma-demand tag: {error} (after {count:,} postings)", file=sys.stderr)
            return 1
    elapsed = max(time.monotonic() - started, 1e-9)
    print(f"tagged {count} postings ({skipped} lines skipped) in {elapsed:.1f} s, "
          f"{count / elapsed:,.0f}/s on {args.jobs} process{'es' if args.jobs > 1 else ''}, "
          f"tagger {TAGGER_VERSION}, {compiled.status()}", file=sys.stderr)
    return 0


def _settings_command(args: argparse.Namespace) -> int:
    if args.markdown:
        sys.stdout.write(settings_markdown())
        return 0
    for declared in SETTINGS:
        print(f"{declared.env}={shown_value(declared.name)}\n    {declared.help} (default: {declared.shown_default})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ma-demand",
        description="Measure what US employers ask of Medical Assistants: crawl, tag, load, serve.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    tag_parser = subparsers.add_parser(
        "tag", help="Tag postings read as JSON Lines (id, title, description, location).",
        description="Read postings as JSON Lines and write one tag record per line.",
    )
    tag_parser.add_argument("input", nargs="?", default="-", help="JSON Lines file (default: stdin)")
    tag_parser.add_argument("-o", "--output", default="-", help="where to write (default: stdout)")
    tag_parser.add_argument("-j", "--jobs", type=int, default=1,
                            help="tag on this many processes, output still in input order (default: 1; "
                                 "the workers take 0.1-0.2 s to start)")
    tag_parser.set_defaults(handler=_tag_command)

    settings_parser = subparsers.add_parser(
        "settings", help="List every setting, its environment variable, value and default.",
        description="List every setting with its environment variable, current value and default.",
    )
    settings_parser.add_argument("--markdown", action="store_true", help="print docs/settings.md instead")
    settings_parser.set_defaults(handler=_settings_command)

    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    _add_last_crawl_counts(subparsers.choices["sources"])
    return parser


def _add_last_crawl_counts(sources_parser: argparse.ArgumentParser) -> None:
    """`ma-demand sources` lists the registry (crawler/) and then what the last crawl collected per
    source and per state (warehouse/): the two parts meet here, since neither imports the other."""
    listing = sources_parser.get_default("handler")
    sources_parser.add_argument("--db", default=None, help="warehouse to count the last crawl in (default: $MA_DEMAND_DB "
                                                         "or data/warehouse.duckdb; before that exists, the demo's)")

    def list_and_count(args: argparse.Namespace) -> int:
        code = listing(args)
        if code or args.json:
            return code
        from warehouse import coverage
        from warehouse.reader import warehouse_to_read

        db, note = warehouse_to_read(args.db)
        print()
        if not db.is_file():
            print(f"no warehouse at {db} yet: `ma-demand load` builds it, then this lists the last crawl's postings")
            return 0
        if note:
            print(note)
        for line in coverage.render(*coverage.last_crawl(db)):
            print(line)
        return 0

    sources_parser.set_defaults(handler=list_and_count)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except UserError as error:
        print(f"ma-demand {args.command}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"ma-demand {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
