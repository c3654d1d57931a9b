"""What a line of a landing items file must be to load, checked in bulk (SQL) and one line at a time.

A line loads only when it is valid UTF-8, one JSON object without repeated keys, nested at most
MAX_DEPTH levels, and every field has its type (docs/contracts.md section 2): strings are strings
or null (a list where a string belongs is not turned into text), booleans are booleans, `pay`,
`tags` and `raw` are objects, and `fingerprint.minhash` is a list of unsigned 32-bit integers.

`suspect_files` finds, in one read of a batch, the files with a line that breaks a rule (or that
DuckDB cannot read at all); only those are read line by line, by `checked_row`, which names the
rule a bad line breaks so that the line can be quarantined with its reason.
"""

from __future__ import annotations

import json

import duckdb

ITEM_COLUMNS = {
    "source": "VARCHAR", "source_id": "VARCHAR", "board": "VARCHAR", "url": "VARCHAR", "title": "VARCHAR",
    "employer": "VARCHAR", "location": "VARCHAR", "city": "VARCHAR", "state": "VARCHAR",
    "postal_code": "VARCHAR", "remote": "BOOLEAN", "posted_at": "VARCHAR", "updated_at": "VARCHAR",
    "employment_type": "VARCHAR", "description_html": "VARCHAR", "description_text": "VARCHAR",
    "description_missing": "BOOLEAN",
    "pay": "JSON", "tags": "JSON", "raw": "JSON", "fetched_at": "VARCHAR", "run_id": "VARCHAR",
    "synthetic": "BOOLEAN",
    "fingerprint": "STRUCT(content_hash VARCHAR, text_hash VARCHAR, minhash UINTEGER[], scheme VARCHAR)",
}
OBJECT_FIELDS = ("pay", "tags", "raw")
FINGERPRINT_TEXT = ("content_hash", "text_hash", "scheme")
# Python's json parser gives up near 1,000 levels (RecursionError); no payload of a job board needs 64.
MAX_DEPTH = 64


class BadLine(ValueError):
    """A landing line that must not load; the message is its quarantine reason."""


def literal(path: object) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _type_is(expression: str, *types: str) -> str:
    listed = ", ".join(f"'{kind}'" for kind in types)
    return f"coalesce(json_type({expression}), 'NULL') IN ({listed})"


def _well_formed_sql() -> str:
    """True for a line (every column read as JSON) that breaks none of the rules `checked_row` applies.

    Depth is judged on the JSON text: MAX_DEPTH openings in a row, each at most behind one key, is
    what deep nesting looks like; a file it flags is read line by line, where depth is counted exactly.
    """
    rules = []
    for name, kind in ITEM_COLUMNS.items():
        if kind == "VARCHAR":
            rules.append(_type_is(name, "VARCHAR", "NULL"))
        elif kind == "BOOLEAN":
            rules.append(_type_is(name, "BOOLEAN", "NULL"))
    for name in (*OBJECT_FIELDS, "fingerprint"):
        rules.append(_type_is(name, "OBJECT", "NULL"))
        deep = "[\\[{](\\s*(\"[^\"\\\\]*\"\\s*:\\s*)?[\\[{]){%d}" % (MAX_DEPTH - 1)
        rules.append(f"NOT coalesce(regexp_matches(CAST({name} AS VARCHAR), '{deep}'), false)")
    rules += [_type_is(f"fingerprint, '$.{name}'", "VARCHAR", "NULL") for name in FINGERPRINT_TEXT]
    rules.append(_type_is("fingerprint, '$.minhash'", "ARRAY", "NULL"))
    rules.append("coalesce(list_bool_and(list_transform(json_extract(fingerprint, '$.minhash[*]'), "
                 "lambda v: json_type(v) = 'UBIGINT' AND CAST(v AS UBIGINT) < 4294967296)), true)")
    return " AND ".join(rules)


def _read_as_json(paths: list[str]) -> str:
    columns = "{" + ", ".join(f"{name}: 'JSON'" for name in ITEM_COLUMNS) + "}"
    listed = "[" + ", ".join(literal(p) for p in paths) + "]"
    return f"read_json({listed}, format = 'newline_delimited', columns = {columns}, filename = true)"


def suspect_files(con: duckdb.DuckDBPyConnection, paths: list[str]) -> set[str]:
    """The files among `paths` that hold a line breaking a rule, or that DuckDB cannot read as items."""
    if not paths:
        return set()
    check = "SELECT DISTINCT filename FROM {} WHERE NOT ({})"
    try:
        return {row[0] for row in con.execute(check.format(_read_as_json(paths), _well_formed_sql())).fetchall()}
    except duckdb.Error:
        pass  # a line that is no JSON object at all: find its file
    suspects = set()
    for path in paths:
        try:
            if con.execute(check.format(_read_as_json([path]), _well_formed_sql())).fetchall():
                suspects.add(path)
        except duckdb.Error:
            suspects.add(path)
    return suspects


def checked_row(line: bytes) -> dict:
    """The line as the row read_json would give for it (fields of ITEM_COLUMNS only); BadLine if it breaks a rule."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadLine(f"not valid UTF-8 (byte {error.start})") from None
    try:
        record = json.loads(text, object_pairs_hook=_object_without_repeated_keys)
    except RecursionError:
        raise BadLine(f"nested deeper than {MAX_DEPTH} levels") from None
    except BadLine:
        raise
    except ValueError as error:
        raise BadLine(f"not JSON: {error}") from None
    if not isinstance(record, dict):
        raise BadLine(f"not a JSON object but {_json_kind(record)}")
    if _depth(record) > MAX_DEPTH:
        raise BadLine(f"nested deeper than {MAX_DEPTH} levels")
    row = {}
    for name, kind in ITEM_COLUMNS.items():
        value = record.get(name)
        if name == "fingerprint":
            _check_fingerprint(value)
        elif value is not None and kind == "VARCHAR" and not isinstance(value, str):
            raise BadLine(f"{name} is {_json_kind(value)}, not a string")
        elif value is not None and kind == "BOOLEAN" and not isinstance(value, bool):
            raise BadLine(f"{name} is {_json_kind(value)}, not true or false")
        elif value is not None and name in OBJECT_FIELDS and not isinstance(value, dict):
            raise BadLine(f"{name} is {_json_kind(value)}, not an object")
        row[name] = value
    return row


def _check_fingerprint(value: object) -> None:
    if value is None:
        return
    if not isinstance(value, dict):
        raise BadLine(f"fingerprint is {_json_kind(value)}, not an object")
    for name in FINGERPRINT_TEXT:
        if value.get(name) is not None and not isinstance(value[name], str):
            raise BadLine(f"fingerprint.{name} is {_json_kind(value[name])}, not a string")
    minhash = value.get("minhash")
    if minhash is None:
        return
    if not isinstance(minhash, list):
        raise BadLine(f"fingerprint.minhash is {_json_kind(minhash)}, not a list")
    if not all(type(v) is int and 0 <= v < 2**32 for v in minhash):
        raise BadLine("fingerprint.minhash holds a value that is not an unsigned 32-bit integer")


def _object_without_repeated_keys(pairs: list[tuple[str, object]]) -> dict:
    found = dict(pairs)
    if len(found) < len(pairs):
        seen = set()
        repeated = next(key for key, _ in pairs if key in seen or seen.add(key))
        raise BadLine(f"key {repeated!r} appears twice in one object")
    return found


def _depth(value: object) -> int:
    """How many objects and lists deep `value` nests (counted without recursion)."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        item, level = pending.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                pending += [(child, level + 1) for child in (item.values() if isinstance(item, dict) else item)]
    return deepest


def _json_kind(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null"
