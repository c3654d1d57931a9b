"""Run one analyst query on the warehouse: SELECT only, no file access, time, memory and output caps.

The query is parsed here first: anything but a single SELECT (WITH, FROM-first, DESCRIBE and
SUMMARIZE parse as SELECT) is refused by its statement type, so nothing can be written, not even
to the in-memory database. It then runs in a child process (`python -m warehouse.sandbox`):
- DuckDB may touch no file: the connection has no temp directory (DuckDB otherwise spills to
  `<cwd>/.tmp` and, once external access is off, allows reading and writing there), external
  access is off and the configuration is locked once the warehouse is attached;
- DuckDB's memory_limit is sql_memory_limit_mb, and the process's address space is capped a
  little above it, because a few functions (`repeat()`) allocate outside DuckDB's accounting;
- the child stops sending rows at max_returned_rows or sql_max_output_bytes;
- the parent kills the child at sql_time_limit_ms, and the same deadline covers printing
  (a DuckDB interrupt cannot stop one huge vector being computed; a kill can).
"""

from __future__ import annotations

import csv
import ctypes
import json
import os
import resource
import selectors
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

from ma_demand_settings import UserError, setting

# Room above the DuckDB memory limit for the child's Python, DuckDB's code and its thread stacks.
PROCESS_HEADROOM_MB = 1024
_FETCH_BATCH = 64
_READ_CHUNK = 1 << 16
_PROJECT = Path(__file__).resolve().parents[1]
# prctl(2): PR_SET_PDEATHSIG, the signal a process gets when its parent ends.
_PR_SET_PDEATHSIG = 1
_LIBC = ctypes.CDLL(None) if sys.platform.startswith("linux") else None


@dataclass(frozen=True)
class Limits:
    """The caps one query runs under; each comes from a declared setting unless given."""

    time_limit_ms: int
    max_rows: int
    max_bytes: int
    memory_limit_mb: int

    @classmethod
    def from_settings(cls, time_limit_ms: int | None = None, max_rows: int | None = None,
                      max_bytes: int | None = None, memory_limit_mb: int | None = None) -> Limits:
        return cls(
            time_limit_ms=_positive("sql_time_limit_ms", time_limit_ms),
            max_rows=_positive("max_returned_rows", max_rows),
            max_bytes=_positive("sql_max_output_bytes", max_bytes),
            memory_limit_mb=_positive("sql_memory_limit_mb", memory_limit_mb),
        )


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[tuple]
    stopped_at: str | None = None  # "rows" or "bytes" when a cap cut the output short
    limits: Limits | None = None
    deadline: float = field(default=float("inf"))  # time.monotonic() past which printing stops

    @property
    def truncated(self) -> bool:
        return self.stopped_at is not None


def run(db, query: str, *, time_limit_ms: int | None = None, max_rows: int | None = None,
        max_bytes: int | None = None, memory_limit_mb: int | None = None) -> QueryResult:
    """Rows of `query` within the caps; a refused query, or one past the time or memory limit, raises UserError."""
    limits = Limits.from_settings(time_limit_ms, max_rows, max_bytes, memory_limit_mb)
    deadline = time.monotonic() + limits.time_limit_ms / 1000
    require_one_select(query)
    request = json.dumps({"db": os.fspath(db), "query": query, "limits": asdict(limits)}).encode()
    # The child imports this project from where the parent did, installed or not.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(_PROJECT), os.environ.get("PYTHONPATH")]))}
    child = subprocess.Popen([sys.executable, "-m", "warehouse.sandbox"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                             preexec_fn=_child_setup(os.getpid(), limits.memory_limit_mb))
    try:
        try:
            child.stdin.write(request)
            child.stdin.close()
        except BrokenPipeError:
            pass  # the child ended at once; what it said (if anything) is read below
        lines = _read_lines(child, deadline, limits)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
    return _result(lines, child.returncode, limits, deadline)


def require_one_select(query: str) -> None:
    """Refuse, in one line, a query that is empty, holds several statements, or is not a SELECT."""
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as error:
        raise UserError(_first_line(error)) from error
    if not statements:
        raise UserError('no SQL statement given (the query is empty or only comments), e.g. "SELECT * FROM v_claims"')
    if len(statements) > 1:
        raise UserError(f"one statement at a time: the query holds {len(statements)} statements separated by ';'")
    kind = statements[0].type
    if kind != duckdb.StatementType.SELECT:
        raise UserError(f"refused: only SELECT queries run here, not {kind.name} (nothing can be written, "
                        "attached, exported or set)")


def print_result(result: QueryResult, output_format: str = "table", sink=None) -> None:
    """Print the rows to `sink` (standard output) and a one-line count or cap note to standard error.

    The query's deadline holds here too: printing stops with UserError once it has passed."""
    sink = sink or sys.stdout
    rows = result.rows
    if output_format == "csv":
        writer = csv.writer(sink)
        writer.writerow(result.columns)
        write = writer.writerow
    elif output_format == "json":
        def write(row):
            sink.write(json.dumps(dict(zip(result.columns, row)), default=str) + "\n")
    else:
        rows = [[("NULL" if v is None else str(v)) for v in row] for row in result.rows]
        widths = [min(60, max([len(c)] + [len(r[i]) for r in rows])) for i, c in enumerate(result.columns)]
        sink.write("  ".join(c.ljust(w)[:w] for c, w in zip(result.columns, widths)).rstrip() + "\n")

        def write(cells):
            sink.write("  ".join(v.ljust(w)[:w] for v, w in zip(cells, widths)).rstrip() + "\n")
    for row in rows:
        if time.monotonic() > result.deadline:
            raise UserError(_time_limit_note(result.limits, "while printing"))
        write(row)
    print(_count_note(result), file=sys.stderr)


def _count_note(result: QueryResult) -> str:
    note = f"{len(result.rows)} row(s)"
    if result.stopped_at == "rows":
        note += (f"; stopped at the row limit of {result.limits.max_rows} "
                 "(setting max_returned_rows, or --max-rows)")
    elif result.stopped_at == "bytes":
        note += (f"; stopped at the output limit of {result.limits.max_bytes:,} bytes "
                 "(setting sql_max_output_bytes, or --max-bytes)")
    return note


def _time_limit_note(limits: Limits | None, when: str = "") -> str:
    limit = limits.time_limit_ms if limits else "?"
    return (f"query stopped after the {limit} ms time limit{' ' + when if when else ''} "
            "(setting sql_time_limit_ms, or --time-limit-ms)")


def _memory_note(limits: Limits) -> str:
    return (f"query stopped: it needs more than the {limits.memory_limit_mb} MB memory limit "
            "(setting sql_memory_limit_mb)")


def _positive(name: str, given: int | None) -> int:
    raw = given if given is not None else setting(name)
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise UserError(f"{name} must be a whole number, not {raw!r}") from None
    if value < 1:
        raise UserError(f"{name} must be 1 or more, not {value}")
    return value


def _child_setup(parent: int, memory_limit_mb: int):
    """A preexec_fn: cap the child's address space and have it die with its parent."""
    def arrange() -> None:
        cap = (memory_limit_mb + PROCESS_HEADROOM_MB) * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        if _LIBC is not None:
            _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
            if os.getppid() != parent:  # the parent died before the request took effect
                os._exit(1)
    return arrange


def _read_lines(child: subprocess.Popen, deadline: float, limits: Limits) -> list[bytes]:
    """The child's answer lines, read until it closes its output; UserError past the deadline."""
    # The child stops at the byte cap itself; this bound only guards against a child gone wrong.
    most = 2 * limits.max_bytes + (1 << 20)
    received, buffer = 0, bytearray()
    with selectors.DefaultSelector() as selector:
        selector.register(child.stdout, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(timeout=left):
                raise UserError(_time_limit_note(limits))
            chunk = os.read(child.stdout.fileno(), _READ_CHUNK)
            if not chunk:
                break
            received += len(chunk)
            if received > most:
                raise UserError(f"query stopped: its output passed {most:,} bytes (setting sql_max_output_bytes)")
            buffer += chunk
    return bytes(buffer).splitlines()


def _result(lines: list[bytes], returncode: int, limits: Limits, deadline: float) -> QueryResult:
    try:
        messages = [json.loads(line) for line in lines]
    except ValueError:  # a line cut off where the process died
        messages = []
    if messages and "error" in messages[-1]:
        raise UserError(messages[-1]["error"])
    if not messages or "end" not in messages[-1]:
        # No last word: the process was killed or broke, in practice at the address-space cap.
        raise UserError(_memory_note(limits) + f"; the query's process ended with status {returncode}")
    columns = messages[0]["columns"]
    rows = [tuple(message) for message in messages[1:-1]]
    return QueryResult(columns, rows, messages[-1]["end"] or None, limits, deadline)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _explain(error: duckdb.Error, limits: Limits) -> str:
    text = _first_line(error)
    if isinstance(error, duckdb.OutOfMemoryException):
        return _memory_note(limits)
    if isinstance(error, duckdb.PermissionException) or "disabled by configuration" in text:
        return f"refused: queries cannot read or write files ({text})"
    return text


# The child's side ------------------------------------------------------------------------------

def _answer(request: dict, out) -> None:
    """Run the request's query and write the answer as JSON lines: columns, rows, then an end or error line."""
    from warehouse import reader

    limits = Limits(**request["limits"])

    def send(message) -> None:
        out.write(json.dumps(message, default=str, ensure_ascii=False).encode() + b"\n")

    try:
        con = reader.connect(request["db"], config={
            "temp_directory": "", "memory_limit": f"{limits.memory_limit_mb}MiB",
            "autoload_known_extensions": False, "autoinstall_known_extensions": False,
        })
    except UserError as error:
        send({"error": str(error)})
        return
    try:
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        cursor = con.execute(request["query"])
        send({"columns": [column[0] for column in cursor.description or ()]})
        rows = size = 0
        stopped = ""
        while not stopped:
            batch = cursor.fetchmany(_FETCH_BATCH) if cursor.description else []
            if not batch:
                break
            for row in batch:
                if rows == limits.max_rows:
                    stopped = "rows"
                    break
                line = json.dumps(list(row), default=str, ensure_ascii=False).encode() + b"\n"
                size += len(line)
                if size > limits.max_bytes:
                    stopped = "bytes"
                    break
                out.write(line)
                rows += 1
        send({"end": stopped})
    except duckdb.Error as error:
        send({"error": _explain(error, limits)})
    except MemoryError:
        send({"error": _memory_note(limits)})
    except Exception as error:  # a bug, not the query's fault: still one line for the analyst
        send({"error": f"the query failed: {type(error).__name__}: {_first_line(error)}"})
    finally:
        con.close()


if __name__ == "__main__":
    _answer(json.loads(sys.stdin.buffer.read()), sys.stdout.buffer)
    sys.stdout.buffer.flush()
