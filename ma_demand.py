"""The `ma-demand` command: one entry point for crawling, loading, tagging and serving.

Every setting the tool reads is declared once in SETTINGS, with its default and help; the CLI,
`ma-demand settings` and docs/settings.md are made from that list. A setting is read from its
environment variable (MA_DEMAND_<NAME>) unless a command-line option overrides it.

Each step owns its subcommands in its own `commands.py` (crawler/, warehouse/, dashboard/);
this module only wires them together and turns expected faults into one line on stderr.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def env(self) -> str:
        return "MA_DEMAND_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", "data", "Folder for landing files, the warehouse, logs and crawl state."),
    Setting("landing", "data/landing", "Folder of landing files: one JSON Lines file per crawl run."),
    Setting("db", "data/warehouse.duckdb", "The DuckDB warehouse file."),
    Setting("contact", "ma-demand-operator@example.invalid",
            "Contact address sent in the crawler's User-Agent; set it to yours before crawling real sources."),
    Setting("host", "127.0.0.1", "Address the dashboard binds to."),
    Setting("port", "8050", "Port the dashboard listens on."),
    Setting("sql_time_limit_ms", "5000", "Time limit for one `ma-demand sql` query, in milliseconds."),
    Setting("dashboard_workers", "2", "gunicorn worker processes for `ma-demand serve`."),
    Setting("dashboard_cache", "",
            "Dashboard query cache: empty = memory (one worker) or a shared temp folder (several); "
            "a folder path; or redis://host:port/db."),
    Setting("dashboard_user", "ma-demand", "User name for the dashboard's HTTP basic auth."),
    Setting("dashboard_password", "",
            "When set, the dashboard asks for HTTP basic auth (user: dashboard_user). Set it before binding beyond localhost."),
    Setting("max_returned_rows", "1000", "Most rows `ma-demand sql` prints; more are reported as truncated."),
    Setting("redis_url", "", "Redis URL that `ma-demand crawl` workers share a scheduler through; empty: run alone."),
    Setting("crawl_parallel", "2", "Spiders `ma-demand crawl` runs at once (each in its own process)."),
    Setting("spider_timeout_s", "14400", "A spider still running after this many seconds is stopped (a warning)."),
    Setting("retention_days", "30",
            "Loaded landing files older than this many days are compacted into Parquet after each crawl; 0: never."),
)


class UserError(Exception):
    """An expected fault: printed as one line, exit status 2, no traceback."""


def setting(name: str) -> str:
    """The value of a declared setting: its environment variable, else its default."""
    for declared in SETTINGS:
        if declared.name == name:
            return os.environ.get(declared.env, declared.default)
    raise KeyError(f"undeclared setting {name!r}")


# Subcommand providers, each a module with register(subparsers).
COMMAND_MODULES = ("crawler.commands", "crawler.run_commands", "warehouse.commands", "warehouse.ops_commands",
                   "dashboard.commands")


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

    from pipeline import TAGGER_VERSION
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
          f"tagger {TAGGER_VERSION}", file=sys.stderr)
    return 0


def settings_markdown() -> str:
    """docs/settings.md: every declared setting with its variable, default and help."""
    rows = ["# Settings", "",
            "Every setting is read from its environment variable; a command-line option, where a command has one,",
            "overrides it. `ma-demand settings` prints the values in force. This page is made from",
            "`ma_demand.SETTINGS` by `ma-demand settings --markdown`.", "",
            "| variable | default | what it sets |", "|---|---|---|"]
    for declared in SETTINGS:
        rows.append(f"| `{declared.env}` | `{declared.default}` | {declared.help} |")
    return "\n".join(rows) + "\n"


def _settings_command(args: argparse.Namespace) -> int:
    if args.markdown:
        sys.stdout.write(settings_markdown())
        return 0
    for declared in SETTINGS:
        print(f"{declared.env}={setting(declared.name)}\n    {declared.help} (default: {declared.default})")
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
    return parser


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
    # `python -m ma_demand` runs this file as __main__; go through the importable module so that
    # the UserError raised by subcommands (`import ma_demand`) is the class main() catches.
    import ma_demand as _module

    sys.exit(_module.main())
