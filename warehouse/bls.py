"""`ma-demand bls fetch`: OEWS wage percentiles for Medical Assistants from the BLS public API.

The guide's own figures (May 2024 OEWS, 2024-34 projections) are built in (sql/raw/040_bls_reference.sql).
This adds national and per-state percentiles so posted pay can be compared by state, and per-state
employment, which replaces the shipped OEWS state figures (warehouse/oews.py) in the coverage views and
the weighted claims (sql/marts/020_coverage.sql, claims/weighting.py). Series ids
follow the OEWS layout: OEU + area type (N/S) + 7-digit area + 6-digit industry (000000) + SOC
319092 + 2-digit data type (shared/research/peers.md section 4). The API key comes from
$BLS_API_KEY; the API serves only the latest OEWS year.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from datetime import datetime, timezone

import pyarrow as pa

from ma_demand_settings import UserError, setting
from warehouse import load, reader, snapshot

API = "https://api.bls.gov/publicAPI/v2/timeseries/data/"
SOC = "319092"
# data type code -> measure name (annual and hourly percentiles)
DATA_TYPES = {"11": "annual_p10", "12": "annual_p25", "13": "annual_median", "14": "annual_p75", "15": "annual_p90",
              "08": "hourly_median", "01": "employment"}
STATE_FIPS = {
    "AL": "01", "AK": "02", "AZ": "04", "AR": "05", "CA": "06", "CO": "08", "CT": "09", "DE": "10", "DC": "11",
    "FL": "12", "GA": "13", "HI": "15", "ID": "16", "IL": "17", "IN": "18", "IA": "19", "KS": "20", "KY": "21",
    "LA": "22", "ME": "23", "MD": "24", "MA": "25", "MI": "26", "MN": "27", "MS": "28", "MO": "29", "MT": "30",
    "NE": "31", "NV": "32", "NH": "33", "NJ": "34", "NM": "35", "NY": "36", "NC": "37", "ND": "38", "OH": "39",
    "OK": "40", "OR": "41", "PA": "42", "RI": "44", "SC": "45", "SD": "46", "TN": "47", "TX": "48", "UT": "49",
    "VT": "50", "VA": "51", "WA": "53", "WV": "54", "WI": "55", "WY": "56"}
_SERIES_PER_REQUEST = 50


def series_ids(states: list[str]) -> dict[str, tuple[str, str, str]]:
    """series id -> (area_type, area_code, measure) for the nation and `states`."""
    ids = {f"OEUN0000000000000{SOC}{code}": ("national", "US", measure) for code, measure in DATA_TYPES.items()}
    for state in states:
        area = STATE_FIPS[state] + "00000"
        ids.update({f"OEUS{area}000000{SOC}{code}": ("state", state, measure) for code, measure in DATA_TYPES.items()})
    return ids


def fetch(db=None, *, states: list[str] | None = None, year: int | None = None) -> str:
    """Fetch and store the percentiles; returns a one-line summary."""
    key = os.environ.get("BLS_API_KEY")
    if not key:
        raise UserError("set BLS_API_KEY to a BLS API key (free: https://data.bls.gov/registrationEngine/)")
    states = [s.upper() for s in (states or sorted(STATE_FIPS))]
    unknown = [s for s in states if s not in STATE_FIPS]
    if unknown:
        raise UserError(f"unknown state code(s): {', '.join(unknown)}")
    wanted = series_ids(states)
    rows = []
    names = list(wanted)
    for start in range(0, len(names), _SERIES_PER_REQUEST):
        payload = {"seriesid": names[start:start + _SERIES_PER_REQUEST], "registrationkey": key}
        if year:
            payload.update(startyear=str(year), endyear=str(year))
        rows += _parse(_post(payload), wanted)
    if not rows:
        raise UserError("the BLS API returned no OEWS values for SOC 31-9092")
    with snapshot.next_build(reader.db_path(db)) as con:
        load.prepare(con)
        con.register("fetched", pa.Table.from_pylist(rows))
        con.execute("INSERT OR REPLACE INTO bls_reference BY NAME SELECT * FROM fetched")
        con.unregister("fetched")
        load.rebuild(con, lambda _: None)
    return f"stored {len(rows)} BLS values for SOC 31-9092 ({len(states)} states and the nation)"


def _post(payload: dict) -> dict:
    request = urllib.request.Request(API, data=json.dumps(payload).encode(), method="POST",
                                     headers={"Content-Type": "application/json",
                                              "User-Agent": f"ma-demand ({setting('contact')})"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.load(response)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise UserError(f"cannot reach the BLS API at {API}: {getattr(error, 'reason', error)}") from error
    except ValueError as error:
        raise UserError("the BLS API answered with something other than JSON") from error
    if answer.get("status") != "REQUEST_SUCCEEDED":
        raise UserError(f"the BLS API refused the request: {'; '.join(answer.get('message') or ['no reason given'])}")
    return answer


def _parse(answer: dict, wanted: dict[str, tuple[str, str, str]]) -> list[dict]:
    fetched_at = datetime.now(timezone.utc).replace(tzinfo=None)
    rows = []
    for series in answer.get("Results", {}).get("series", []):
        area_type, area_code, measure = wanted.get(series.get("seriesID"), (None, None, None))
        for point in series.get("data", [])[:1]:
            try:
                value = float(point["value"])
            except (KeyError, ValueError):
                continue  # '-' or '*': suppressed by BLS
            rows.append({"soc_code": "31-9092", "area_type": area_type, "area_code": area_code, "measure": measure,
                         "value": value, "unit": "jobs" if measure == "employment" else
                         "usd_per_hour" if measure.startswith("hourly") else "usd_per_year",
                         "vintage": f"May {point.get('year')} OEWS", "origin": "bls_api",
                         "series_id": series["seriesID"], "fetched_at": fetched_at})
    return rows
