"""`ma-demand status`: the last scheduled runs, their health, the warehouse size, postings per source.

It reads only: the run records `ma-demand crawl` writes under `<data>/runs/`, the landing and
archive folders (sizes), and the warehouse through short-lived read-only connections, so it
is safe to run while a crawl or a load is going on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ma_demand_settings import UserError
from warehouse.retention import archive_dir

POSTINGS_PER_SOURCE = """
    SELECT source, count(*) AS postings, count(*) FILTER (WHERE active) AS active,
           count(*) FILTER (WHERE is_ma) AS ma, max(last_seen) AS last_seen
    FROM postings GROUP BY source ORDER BY source
"""


SPIDER_RUNS = """
    SELECT run_id, spider, finished_at, finish_reason, items, quarantined, errors
    FROM crawl_runs ORDER BY started_at DESC NULLS LAST LIMIT ?
"""


@dataclass
class Status:
    runs: list[dict] = field(default_factory=list)
    warehouse: Path | None = None
    warehouse_bytes: int = 0
    landing_files: int = 0
    landing_bytes: int = 0
    archive_bytes: int = 0
    sources: list[tuple] = field(default_factory=list)
    spider_runs: list[tuple] = field(default_factory=list)  # loaded runs, however they were started
    problem: str = ""


def recent_runs(data_dir: str | Path, limit: int = 10) -> list[dict]:
    """The newest run records, newest first; an unreadable record is shown as such."""
    folder = Path(data_dir) / "runs"
    runs = []
    for path in sorted(folder.glob("crawl-*.json"), reverse=True)[:limit]:
        try:
            runs.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError):
            runs.append({"run_id": path.stem, "status": "unreadable", "reason": f"cannot read {path}"})
    return runs


def folder_size(folder: Path, pattern: str = "**/*") -> tuple[int, int]:
    files = [path for path in folder.glob(pattern) if path.is_file()] if folder.is_dir() else []
    return len(files), sum(path.stat().st_size for path in files)


def gather(data_dir: str | Path, landing: str | Path, db: str | Path, limit: int = 10) -> Status:
    status = Status(runs=recent_runs(data_dir, limit))
    status.landing_files, status.landing_bytes = folder_size(Path(landing), "*/*.jsonl")
    status.archive_bytes = folder_size(archive_dir(landing))[1]
    path = Path(db)
    if not path.is_file():
        status.problem = f"no warehouse at {path} yet"
        return status
    status.warehouse, status.warehouse_bytes = path, path.stat().st_size
    from warehouse import reader

    try:
        status.sources = reader.query_rows(db, POSTINGS_PER_SOURCE)
        status.spider_runs = reader.query_rows(db, SPIDER_RUNS, [limit])
    except UserError as error:
        status.problem = str(error)
    return status


def render(status: Status) -> str:
    lines = ["Last runs:"]
    if not status.runs:
        lines.append("  none yet (run `ma-demand crawl`)")
    for run in status.runs:
        sources = run.get("sources") or []
        landed = sum(1 for source in sources if source.get("run_ids"))
        items = sum(int(source.get("items") or 0) for source in sources)
        lines.append(f"  {run.get('run_id')}  {run.get('status', '?'):8} {run.get('started_at', '')}  "
                     f"{items} postings, {landed}/{len(sources)} sources, {run.get('seconds', '?')} s")
        for text in ([run["reason"]] if run.get("reason") else []) + list(run.get("warnings") or []):
            lines.append(f"      ! {text}")
    lines.append("")
    if status.warehouse:
        lines.append(f"Warehouse: {status.warehouse} ({_size(status.warehouse_bytes)})")
    lines.append(f"Landing: {status.landing_files} files ({_size(status.landing_bytes)}); "
                 f"archive {_size(status.archive_bytes)}")
    if status.problem:
        lines.append(f"  ! {status.problem}")
    if status.sources:
        lines.append("")
        lines.append(f"  {'source':16} {'postings':>9} {'active':>8} {'MA':>8}  last seen")
        for source, postings, active, ma, last_seen in status.sources:
            lines.append(f"  {source:16} {postings:>9} {active:>8} {ma:>8}  {last_seen}")
    if status.spider_runs:
        lines += ["", "Spider runs in the warehouse (also those started by Scrapyd or plain `scrapy crawl`):"]
        for run_id, _spider, finished, reason, items, quarantined, errors in status.spider_runs:
            lines.append(f"  {run_id:40} {str(reason or '?'):10} {items or 0:>6} items  {quarantined or 0:>4} quarantined"
                         f"  {errors or 0:>4} errors  {finished or ''}")
    return "\n".join(lines)


def _size(count: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024
    return f"{count} B"
