"""One posting: its facts, its tags, and its text with the matched evidence highlighted (`/posting?id=...`)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import dash_bootstrap_components as dbc
from dash import html

from dashboard.evidence import highlighted
from dashboard.vocabulary import label

PATH, NAME = "/posting", "Posting"
IN_NAV = False


def layout(search=None, warehouse=None):
    posting_id = (parse_qs((search or "").lstrip("?")).get("id") or [""])[0]
    return view(warehouse, posting_id)


def register(app, warehouse) -> None:
    """No callbacks: the page is drawn by the router from its URL."""


def view(warehouse, posting_id: str):
    """The posting panel for `posting_id` (also shown under the explorer's grid)."""
    found = warehouse.rows(
        "SELECT posting_id, title, employer, city, state, source, url, CAST(coalesce(posted_at, first_seen) AS DATE), "
        "seniority, specialty, pay_hourly_min, pay_hourly_max, description_text, synthetic, education, "
        "experience_years_min, experience_requirement FROM postings WHERE posting_id = ?",
        [posting_id])
    if not found:
        return dbc.Alert(f"No posting {posting_id!r} in this warehouse.", color="secondary", id="posting-view")
    (pid, title, employer, city, state, source, url, posted, seniority, specialty, pay_min, pay_max, text,
     synthetic, education, years, experience) = found[0]
    tags = warehouse.rows("SELECT dimension, code, requirement, evidence FROM posting_tags WHERE posting_id = ? "
                          "ORDER BY dimension, code", [posting_id])
    spans = {}
    for _dimension, code, _requirement, evidence in tags:
        for span in _evidence_spans(evidence):
            spans.setdefault(span, code)
    pay = f"${pay_min:.2f}–${pay_max:.2f}/h" if pay_min is not None and pay_max is not None else "not stated"
    return dbc.Card(dbc.CardBody([
        html.H3(title or "(untitled)", className="h5"),
        html.P(f"{employer or ''} · {city or ''} {state or ''} · {source} · posted {posted} · "
               f"{seniority or 'seniority unknown'} · {specialty or 'no specialty'} · pay {pay}", className="text-muted"),
        html.Div([_chip(f"{label(code)}{' (' + requirement + ')' if requirement else ''}")
                  for _d, code, requirement, _e in tags]
                 + [_chip(words, "posting-fact") for words in _facts(education, years, experience)],
                 className="mb-2", id="posting-chips"),
        _original(url, synthetic),
        html.Pre(highlighted(text or "", spans), id="posting-text", className="mt-2 p-2 bg-light border",
                 style={"whiteSpace": "pre-wrap", "fontFamily": "inherit"}),
    ]), id="posting-view")


def _chip(text: str, kind: str = "posting-tag"):
    return dbc.Badge(text, color="light", text_color="dark", className=f"me-1 border {kind}")


def _facts(education, years, experience) -> list[str]:
    """The education and experience the tagger read, as chip words."""
    facts = [f"education: {label(education)}"] if education else []
    if years is not None:
        facts.append(f"experience: {years:g}+ years" + (f" ({experience})" if experience else ""))
    elif experience:
        facts.append(f"experience: {experience}")
    return facts


def _original(url, synthetic):
    """The link to the posting on its board; none for a synthetic posting, whose board address is made up."""
    if synthetic:
        return html.Small("Synthetic posting: written for the demo, so there is no original to link to.",
                          className="text-muted", id="posting-original")
    if url and url.startswith(("http://", "https://")):
        return html.A("Original posting", href=url, target="_blank", rel="noopener noreferrer", id="posting-original")
    return None


def _evidence_spans(evidence) -> list[str]:
    """posting_tags.evidence holds one span or a JSON list of spans."""
    if not evidence:
        return []
    text = str(evidence)
    if text.startswith("["):

        try:
            return [str(item) for item in json.loads(text) if item]
        except json.JSONDecodeError:
            pass
    return [text]
