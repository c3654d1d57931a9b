"""The warehouse's subcommands: load, retag, sql, export, claims, bls fetch, status, compact."""

from __future__ import annotations

import argparse
import sys

from ma_demand_settings import UserError, setting


def _db_option(parser: argparse.ArgumentParser, reads_demo: bool = False) -> None:
    default = ("$MA_DEMAND_DB or data/warehouse.duckdb; before that exists, the demo's data/demo.duckdb" if reads_demo
               else "$MA_DEMAND_DB or data/warehouse.duckdb")
    parser.add_argument("--db", default=None, help=f"warehouse file (default: {default})")


def _warehouse_to_read(args: argparse.Namespace):
    """The warehouse a read-only command reads; says so on stderr when it is the demo's."""
    from warehouse.reader import warehouse_to_read

    db, note = warehouse_to_read(args.db)
    if note:
        print(f"ma-demand {args.command}: {note}", file=sys.stderr)
    return db


def _load(args: argparse.Namespace) -> int:
    from warehouse import load

    summary = load.load(args.db, args.landing)
    for warning in summary.warnings:
        print(f"ma-demand load: warning: {warning}", file=sys.stderr)
    print(summary.line())
    return 0


def _retag(args: argparse.Namespace) -> int:
    from pipeline.parallel import WorkerDied
    from warehouse import retag

    if args.jobs is not None and args.jobs < 1:
        raise UserError(f"--jobs must be 1 or more, not {args.jobs}")
    try:
        print(retag.retag(args.db, force=args.force, jobs=args.jobs).line())
    except WorkerDied as error:
        print(f"ma-demand retag: {error}; the warehouse is unchanged", file=sys.stderr)
        return 1
    return 0


def _sql(args: argparse.Namespace) -> int:
    from warehouse import sandbox

    result = sandbox.run(_warehouse_to_read(args), args.query, time_limit_ms=args.time_limit_ms, max_rows=args.max_rows,
                         max_bytes=args.max_bytes, memory_limit_mb=args.memory_limit_mb)
    sandbox.print_result(result, args.format)
    return 0


def _export(args: argparse.Namespace) -> int:
    from warehouse import export

    for line in export.export(_warehouse_to_read(args), args.out, args.format, args.tables):
        print(line)
    return 0


def _claims(args: argparse.Namespace) -> int:
    import duckdb

    from warehouse import claims, load, reader
    from warehouse.claims.units import format_interval, format_value

    db = _warehouse_to_read(args)
    if args.refresh:
        load.refresh_claims(db)
    try:
        rows = reader.query_rows(
            db, "SELECT c.claim_id, c.kind, r.verdict, r.observed, r.ci_low_with_error, r.ci_high_with_error, "
                     "r.n, r.error_share, json_extract_string(r.detail, '$.tagger_error.stale'), r.weighted_verdict, "
                     "r.weighted_observed, r.weighted_ci_low_with_error, r.weighted_ci_high_with_error, "
                     "r.weighted_n, r.weighted_n_effective "
                     "FROM claims c LEFT JOIN claim_results r USING (claim_id)")
    except duckdb.BinderException:
        raise UserError("this warehouse's claims predate the tagger's error or the weighted claims: "
                        "run `ma-demand claims --refresh`") from None
    print(f"{'claim':42} {'verdict':17} {'observed':>12}  {'95% interval with tagger error':30} {'n':>6}  "
          f"tagger error share")
    stale = set()
    for (claim_id, kind, verdict, observed, low, high, n, share, stale_note, weighted_verdict, weighted_value,
         weighted_low, weighted_high, weighted_n, effective) in sorted(rows, key=lambda row: claims.position(row[0])):
        share_text = "not measured" if share is None else f"{share:.0%} of width"
        print(f"{claim_id:42} {verdict or 'not measured':17} {format_value(kind, observed):>12}  "
              f"{format_interval(kind, low, high):30} {n or 0:>6,}  {share_text}")
        differs = "  <- verdict differs from raw" if weighted_verdict and weighted_verdict != verdict else ""
        print(f"{'  weighted to MA jobs by state':42} {weighted_verdict or 'not measured':17} "
              f"{format_value(kind, weighted_value):>12}  {format_interval(kind, weighted_low, weighted_high):30} "
              f"{weighted_n or 0:>6,}  effective n {effective or 0:,.0f}{differs}")
        if stale_note:
            stale.add(stale_note)
    for note in sorted(stale):
        print(f"warning: the tagger's error was {note}")
    print("raw: every unique MA posting once; weighted: each state's postings weigh its share of OEWS MA employment, "
          "one employer counting for at most a capped number of postings per state (docs/warehouse.md)")
    if reader.is_synthetic(db):
        print("synthetic data: these are the demo's made-up postings, so the verdicts say nothing about real employers")
    return 0


def _bls_fetch(args: argparse.Namespace) -> int:
    from warehouse import bls

    print(bls.fetch(args.db, states=args.states, year=args.year))
    return 0


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


def register(subparsers: argparse._SubParsersAction) -> None:
    load = subparsers.add_parser(
        "load", help="Merge new landing files into the warehouse (loading twice changes nothing).",
        description="Merge every complete landing file not yet loaded into the DuckDB warehouse, rebuild the "
                    "tables, refresh the claims, and swap the new warehouse in atomically.")
    _db_option(load)
    load.add_argument("--landing", default=None, help="landing folder (default: $MA_DEMAND_LANDING or data/landing)")
    load.set_defaults(handler=_load)

    retag = subparsers.add_parser(
        "retag", help="Re-tag stored posting text with the current tagger, without recrawling.",
        description="Re-run pipeline.tag() on every stored version tagged by another tagger version.")
    _db_option(retag)
    retag.add_argument("--force", action="store_true", help="re-tag every version, even those already current")
    retag.add_argument("-j", "--jobs", type=int, default=None,
                       help="tagging processes (default: every core this process may use; "
                            "under 500 versions are tagged in this process)")
    retag.set_defaults(handler=_retag)

    sql = subparsers.add_parser(
        "sql", help="Run one SELECT query on the warehouse (no writes, no files; time, memory and output limits).",
        description="Run one SELECT query: any other statement, and all file access, is refused; the query "
                    "is stopped at the time limit (printing included) or the memory limit, and its output stops "
                    "at the row or byte limit.")
    _db_option(sql, reads_demo=True)
    sql.add_argument("query", help="the SQL query, e.g. \"SELECT * FROM v_claims\"")
    sql.add_argument("--time-limit-ms", type=int, default=None,
                     help="time limit (default: $MA_DEMAND_SQL_TIME_LIMIT_MS or 5000)")
    sql.add_argument("--max-rows", type=int, default=None,
                     help="most rows printed (default: $MA_DEMAND_MAX_RETURNED_ROWS or 1000)")
    sql.add_argument("--max-bytes", type=int, default=None,
                     help="most bytes of rows returned (default: $MA_DEMAND_SQL_MAX_OUTPUT_BYTES or 10000000)")
    sql.add_argument("--memory-limit-mb", type=int, default=None,
                     help="memory limit in MiB (default: $MA_DEMAND_SQL_MEMORY_LIMIT_MB or 1024)")
    sql.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format")
    sql.set_defaults(handler=_sql)

    export = subparsers.add_parser(
        "export", help="Export the warehouse's tables and views as Parquet or CSV files.",
        description="Write each table (or the ones named) to OUT/<table>.<format>.")
    _db_option(export, reads_demo=True)
    export.add_argument("--format", choices=("parquet", "csv"), default="parquet", help="file format")
    export.add_argument("--out", default="data/export", help="output folder (default: data/export)")
    export.add_argument("tables", nargs="*", help="tables or views to export (default: the core tables and views)")
    export.set_defaults(handler=_export)

    claims = subparsers.add_parser(
        "claims", help="Show each guide claim's verdict, observed value, 95%% interval with the tagger's error, n.",
        description="Print the claim results stored in the warehouse: verdict, observed value, the 95%% interval "
                    "with the tagger's measured error, n, and the share of that interval's width the tagger's error "
                    "makes up (docs/methods.md); --refresh recomputes them first.")
    _db_option(claims, reads_demo=True)
    claims.add_argument("--refresh", action="store_true", help="recompute the claims (builds a new warehouse)")
    claims.set_defaults(handler=_claims)

    bls = subparsers.add_parser("bls", help="BLS reference figures for Medical Assistants (SOC 31-9092).",
                                description="BLS reference figures: the guide's figures are built in.")
    bls_commands = bls.add_subparsers(dest="bls_command", metavar="COMMAND", required=True)
    fetch = bls_commands.add_parser(
        "fetch", help="Fetch OEWS national and state wage percentiles from the BLS public API.",
        description="Fetch OEWS wage percentiles for SOC 31-9092 from api.bls.gov (key: $BLS_API_KEY) "
                    "and store them in bls_reference.")
    _db_option(fetch)
    fetch.add_argument("--states", nargs="*", default=None, help="2-letter state codes (default: all 50 + DC)")
    fetch.add_argument("--year", type=int, default=None, help="OEWS year (default: the latest the API serves)")
    fetch.set_defaults(handler=_bls_fetch)

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
