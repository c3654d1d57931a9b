"""The MA credential codes are data in pipeline/vocabulary/certifications.toml alone (issue 13).

The warehouse, the dashboard and the tagger read them from there; so a credential added to the
vocabulary reaches the warehouse's credential tables, the dashboard's labels and the tags with
no other edit. Tests and docs may name codes freely. So may the synthetic-content generators
(`crawler/fixtures/`, `benchmarks/`): they write postings that name credentials, as real postings
do; they do not say what a credential is.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from pipeline import lexicon

ROOT = Path(__file__).resolve().parents[1]
VOCABULARY = Path("pipeline/vocabulary/certifications.toml")
CHECKED_SUFFIXES = {".py", ".pyx", ".sql", ".toml", ".cfg", ".json"}
NOT_CHECKED = ("tests", "docs", "benchmarks", "crawler/fixtures", ".venv", "data")
# A list names at least this many MA codes as quoted strings; fewer is a rule about those codes
# (MA_ANY, the generic hit) or a claim's expected answer ("CMA and RMA are the most named").
LIST_SIZE = 3


def listed_codes(text: str, codes: tuple[str, ...]) -> set[str]:
    """The MA codes `text` holds as quoted strings ('CMA', "RMA"), when it holds at least LIST_SIZE of them."""
    quoted = {match.group(2) for match in re.finditer(r"(['\"])([A-Z][A-Z_]*)\1", text)} & set(codes)
    return quoted if len(quoted) >= LIST_SIZE else set()


def listings(root: Path, codes: tuple[str, ...]) -> dict[str, set[str]]:
    found = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if (not path.is_file() or path.suffix not in CHECKED_SUFFIXES or relative == VOCABULARY
                or "__pycache__" in relative.parts
                or any(relative.as_posix().startswith(prefix + "/") for prefix in NOT_CHECKED)):
            continue
        codes_here = listed_codes(path.read_text(encoding="utf-8", errors="replace"), codes)
        if codes_here:
            found[relative.as_posix()] = codes_here
    return found


def test_ma_credential_codes_are_listed_as_data_only_in_the_vocabulary():
    found = listings(ROOT, lexicon.ma_credentials())
    assert found == {}, "MA credential codes listed outside certifications.toml (read pipeline.lexicon instead): " + \
        "; ".join(f"{path}: {sorted(codes)}" for path, codes in found.items())


def test_the_listing_check_finds_a_planted_list_and_passes_prose_and_a_single_rule(tmp_path):
    codes = ("CMA", "RMA", "CCMA", "MA_ANY")
    (tmp_path / "warehouse").mkdir()
    (tmp_path / "warehouse" / "planted.sql").write_text("WHERE code IN ('CMA', 'RMA', 'CCMA')\n")
    (tmp_path / "planted.py").write_text('CODES = frozenset({"CMA", "RMA", "MA_ANY"})\n')
    (tmp_path / "prose.py").write_text('"""A line naming CMA, RMA or CCMA in prose."""\nif code == "MA_ANY": pass\n')
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text('EXPECTED = ["CMA", "RMA", "CCMA"]\n')
    assert listings(tmp_path, codes) == {"planted.py": {"CMA", "RMA", "MA_ANY"},
                                         "warehouse/planted.sql": {"CMA", "RMA", "CCMA"}}


NEW_CREDENTIAL = '''
[[term]]
id = "ZZMA"
name = "Zeta Certified Medical Assistant (ZCB)"
label = "Zeta CMA"
ma = true
aliases = ["ZZMA"]
cased = true
'''

PROBE = textwrap.dedent('''
    import duckdb, json, pathlib, sys
    import pipeline, warehouse, dashboard
    from pipeline import tag
    from pipeline.certification import MA_CREDENTIALS
    from warehouse import layers
    from dashboard.vocabulary import label, ma_credentials

    copies = [pathlib.Path(module.__file__).resolve() for module in (pipeline, warehouse, dashboard)]
    assert all(path.is_relative_to(pathlib.Path.cwd().resolve()) for path in copies), copies
    con = duckdb.connect()
    layers.run_layer(con, "raw")
    layers.run_layer(con, "core", prefix="0")
    con.execute("INSERT INTO postings (posting_id, source, source_id, first_seen, last_seen, active, is_ma) "
                "VALUES ('x:1', 'lever', '1', '2026-03-01', '2026-03-01', true, true)")
    con.execute("INSERT INTO posting_tags (posting_id, dimension, code, requirement, tagger_version) "
                "VALUES ('x:1', 'certification', 'ZZMA', 'required', 't')")
    layers.run_layer(con, "marts")
    tags = tag({"id": "t", "title": "Medical Assistant", "description": "ZZMA certification required."})
    print(json.dumps({
        "credentials": con.execute("SELECT name, label, ma FROM credentials WHERE code = 'ZZMA'").fetchall(),
        "ma_credentials": con.execute("SELECT name FROM ma_credentials WHERE code = 'ZZMA'").fetchall(),
        "ma_cert": con.execute("SELECT ma_cert FROM dashboard_posting_cube").fetchall(),
        "label": label("ZZMA"),
        "dashboard_ma": "ZZMA" in ma_credentials(),
        "tagged": [(c["code"], c["requirement"]) for c in tags["certifications"]],
        "specific": "ZZMA" in MA_CREDENTIALS,
    }))
''')


def test_a_credential_added_to_a_copy_of_the_vocabulary_reaches_the_warehouse_and_a_dashboard_label(tmp_path):
    ignore = shutil.ignore_patterns("__pycache__", "*.so", "assets")
    for part in ("pipeline", "warehouse", "dashboard"):
        shutil.copytree(ROOT / part, tmp_path / part, ignore=ignore)
    shutil.copy(ROOT / "ma_demand_settings.py", tmp_path)
    with (tmp_path / VOCABULARY).open("a", encoding="utf-8") as vocabulary:
        vocabulary.write(NEW_CREDENTIAL)
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    import json

    seen = json.loads(result.stdout)
    assert seen == {
        "credentials": [["Zeta Certified Medical Assistant (ZCB)", "Zeta CMA", True]],
        "ma_credentials": [["Zeta Certified Medical Assistant (ZCB)"]],
        "ma_cert": [["required"]],
        "label": "Zeta CMA",
        "dashboard_ma": True,
        "tagged": [["ZZMA", "required"]],
        "specific": True,
    }
