"""docs/warehouse.md documents every column of every table and view the warehouse holds."""

from __future__ import annotations

import re
from pathlib import Path

from warehouse import reader

DOCS = Path(__file__).resolve().parents[2] / "docs" / "warehouse.md"


def documented_columns() -> dict[str, set[str]]:
    sections = re.split(r"^### ", DOCS.read_text(encoding="utf-8"), flags=re.M)[1:]
    own = {}
    for section in sections:
        name, _, body = section.partition("\n")
        own[name.strip()] = ({m for m in re.findall(r"^\| (\w+) \|", body, flags=re.M)} - {"column"},
                             re.findall(r"[Ss]ame columns as `(\w+)`(?: and `(\w+)`)?", body))
    columns = {}
    for name, (names, sames) in own.items():
        columns[name] = set(names)
        for pair in sames:
            for other in filter(None, pair):
                columns[name] |= own.get(other, (set(), []))[0]
    return columns


def test_every_column_of_every_table_and_view_is_documented(built_shared):
    docs = documented_columns()
    schema = reader.query_rows(built_shared, "SELECT table_name, column_name FROM information_schema.columns")
    missing = sorted(f"{table}.{column}" for table, column in schema if column not in docs.get(table, set()))
    assert missing == []
