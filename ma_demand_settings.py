"""Every setting the tool reads, declared once, and the one error type for expected faults.

Each setting has its default and help; the CLI, `ma-demand settings` and docs/settings.md are
made from SETTINGS. A setting is read from its environment variable (MA_DEMAND_<NAME>) unless a
command-line option overrides it. crawler/, warehouse/ and dashboard/ read settings and raise
UserError through this module, which imports nothing of the project, so that no part needs the
CLI module (`ma_demand`) that loads them all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    """One setting; `{data_dir}` in a default stands for the data_dir setting's value."""

    name: str
    default: str
    help: str
    secret: bool = False  # `ma-demand settings` shows only whether it is set

    @property
    def env(self) -> str:
        return "MA_DEMAND_" + self.name.upper()

    @property
    def shown_default(self) -> str:
        return self.default.replace("{data_dir}", "$MA_DEMAND_DATA_DIR")


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", "data", "Folder for landing files, the warehouse, logs and crawl state."),
    Setting("landing", "{data_dir}/landing", "Folder of landing files: one JSON Lines file per crawl run."),
    Setting("db", "{data_dir}/warehouse.duckdb",
            "The DuckDB warehouse file. While it does not exist and this is not set, the commands that only read "
            "(sql, claims, export, serve) read the demo's warehouse (demo_db) and say so."),
    Setting("demo_db", "{data_dir}/demo.duckdb",
            "The warehouse `ma-demand demo` builds: synthetic postings only, rebuilt on every demo, never mixed with `db`."),
    Setting("contact", "ma-demand-operator@example.invalid",
            "Contact address sent in the crawler's User-Agent; set it to yours before crawling real sources."),
    Setting("host", "127.0.0.1", "Address the dashboard binds to."),
    Setting("port", "8050", "Port the dashboard listens on."),
    Setting("sql_time_limit_ms", "5000",
            "Time limit for one `ma-demand sql` query, in milliseconds, from start to the last row printed."),
    Setting("sql_memory_limit_mb", "1024",
            "Memory one `ma-demand sql` query may use, in MiB (DuckDB's memory_limit; its process may use 1 GiB more)."),
    Setting("sql_max_output_bytes", "10000000",
            "Most bytes of rows `ma-demand sql` returns (counted as JSON); the output stops there and says so."),
    Setting("dashboard_workers", "2", "gunicorn worker processes for `ma-demand serve`."),
    Setting("dashboard_cache", "",
            "Dashboard query cache: empty = memory (one worker) or a shared temp folder (several); "
            "a folder path; or redis://host:port/db."),
    Setting("dashboard_user", "ma-demand", "User name for the dashboard's HTTP basic auth."),
    Setting("dashboard_password", "",
            "When set, the dashboard asks for HTTP basic auth (user: dashboard_user). Set it before binding beyond localhost."),
    Setting("max_returned_rows", "1000", "Most rows `ma-demand sql` prints; the output stops there and says so."),
    Setting("redis_url", "", "Redis URL that `ma-demand crawl` workers share a scheduler through; empty: run alone."),
    Setting("crawl_parallel", "2", "Spiders `ma-demand crawl` runs at once (each in its own process)."),
    Setting("spider_timeout_s", "14400", "A spider still running after this many seconds is stopped (a warning)."),
    Setting("careeronestop_token", "",
            "CareerOneStop Web API token (sent as a Bearer header) for the careeronestop spider; request one "
            "through the Web API registration at careeronestop.org/Developers/WebAPI (approved by e-mail). Never logged.", secret=True),
    Setting("careeronestop_user_id", "",
            "CareerOneStop API user id that goes with careeronestop_token (part of every request path). Never logged.",
            secret=True),
    Setting("retention_days", "30",
            "Loaded landing files older than this many days are compacted into Parquet after each crawl; 0: never."),
    Setting("pure_python", "",
            "Set to 1 to run the tagger as plain Python even where `ma-demand compile` has built it (read by "
            "pipeline/compiled.py at import; the tags are the same, only slower)."),
)


class UserError(Exception):
    """An expected fault: printed as one line, exit status 2, no traceback."""


def setting(name: str) -> str:
    """The value of a declared setting: its environment variable, else its default."""
    declared = _declared(name)
    if declared.env in os.environ:
        return os.environ[declared.env]
    if "{data_dir}" not in declared.default:
        return declared.default
    return declared.default.replace("{data_dir}", setting("data_dir"))


def shown_value(name: str) -> str:
    """The value `ma-demand settings` prints: a secret only as set / not set."""
    if _declared(name).secret:
        return "(set)" if setting(name) else "(not set)"
    return setting(name)


def is_set(name: str) -> bool:
    """Whether the setting's environment variable is set (rather than its default in force)."""
    return _declared(name).env in os.environ


def _declared(name: str) -> Setting:
    for declared in SETTINGS:
        if declared.name == name:
            return declared
    raise KeyError(f"undeclared setting {name!r}")


def settings_markdown() -> str:
    """docs/settings.md: every declared setting with its variable, default and help."""
    rows = ["# Settings", "",
            "Every setting is read from its environment variable; a command-line option, where a command has one,",
            "overrides it. `ma-demand settings` prints the values in force. This page is made from",
            "`ma_demand_settings.SETTINGS` by `ma-demand settings --markdown`.", "",
            "| variable | default | what it sets |", "|---|---|---|"]
    for declared in SETTINGS:
        rows.append(f"| `{declared.env}` | `{declared.shown_default}` | {declared.help} |")
    return "\n".join(rows) + "\n"
