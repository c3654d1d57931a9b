"""Subcommands `ma-demand status` (runs, health, sizes) and `ma-demand compact` (retention)."""

from __future__ import annotations

import argparse

from ma_demand_settings import UserError, setting


def _status(args: argparse.Namespace) -> int:
    from warehouse.status import gather, render

    status = gather(args.data_dir or setting("data_dir"), args.landing or setting("landing"),
                    args.db or setting("db"), limit=args.runs)
    print(render(status))
    last = status.runs[0] if status.runs else None
    return 1 if last and last.get("status") == "failed" else 0


def _compact(args: argparse.Namespace) -> int:
    from warehouse.retention import archive_dir, compact, restore

    landing = args.landing or setting("landing")
    if args.restore:
        count = restore(archive_dir(landing), landing)
        print(f"restored {count} runs into {landing}; `ma-demand load` loads them")
        return 0
    days = float(args.older_than if args.older_than is not None else setting("retention_days"))
    if days <= 0:
        raise UserError("--older-than must be more than 0 days")
    report = compact(landing, args.db or setting("db"), older_than_days=days)
    print(f"compacted {report.runs} runs ({report.items} postings) older than {days:g} days into "
          f"{archive_dir(landing)}: {report.bytes_before} bytes of JSON Lines -> archive now {report.bytes_after} bytes; "
          f"{report.skipped_not_loaded} old runs not loaded yet, left in place")
    return 0


def register(subparsers) -> None:
    status = subparsers.add_parser(
        "status", help="Last crawl runs and their health, warehouse size, postings per source.",
        description="Print the last scheduled runs with their health and warnings, the warehouse and "
                    "landing sizes, and postings per source. Exit 1 when the last run failed.",
    )
    status.add_argument("--runs", type=int, default=10, help="how many runs to show (default: 10)")
    status.add_argument("--data-dir", help="data folder (default: MA_DEMAND_DATA_DIR)")
    status.add_argument("--landing", help="landing folder (default: MA_DEMAND_LANDING)")
    status.add_argument("--db", help="warehouse file (default: MA_DEMAND_DB)")
    status.set_defaults(handler=_status)

    compact = subparsers.add_parser(
        "compact", help="Move loaded landing files older than N days into monthly Parquet archives.",
        description="Compact landing files that are loaded and older than --older-than days into "
                    "<data>/archive/<spider>/<YYYY-MM>.parquet. Files not yet loaded are never touched. "
                    "--restore writes archived runs back as landing files, to rebuild a warehouse.",
    )
    compact.add_argument("--older-than", type=float, metavar="DAYS", help="age in days (default: MA_DEMAND_RETENTION_DAYS)")
    compact.add_argument("--restore", action="store_true", help="write archived runs back into the landing folder")
    compact.add_argument("--landing", help="landing folder (default: MA_DEMAND_LANDING)")
    compact.add_argument("--db", help="warehouse file (default: MA_DEMAND_DB)")
    compact.set_defaults(handler=_compact)
