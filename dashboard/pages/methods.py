"""Methods: how each verdict is computed, in plain words (the same text as docs/methods.md).

Population, metric and rule per claim come from the warehouse's `claims` table; the tagger's measured
error per field comes from warehouse/claims/tagger_error.toml and per claim from `claim_results`.
Read-only, and not filtered: it describes how the whole warehouse is measured.
"""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
from dash import Input, Output, html

from dashboard.filters import Filters
from dashboard.pages.frame import heading
from warehouse.claims import position, tagger_error, verdicts, weighting
from warehouse.claims.units import format_interval, format_value

PATH, NAME = "/methods", "Methods"
FILTERED = False  # it describes how the whole warehouse is measured: the filter bar is hidden here
CAP = f"{weighting.settings()['employer_cap']:g}"  # registry.toml [weighting] employer_cap

STEPS = [
    ("Where the postings come from",
     "Public job-board APIs of employers that allow it (Greenhouse, Lever, Ashby, SmartRecruiters, Workable, "
     "USAJOBS and schema.org JobPosting pages). Postings are not employment, and the boards crawled are not all "
     "employers: the shares describe what these postings ask, not the whole US job market."),
    ("Population", "Every claim is measured on unique Medical Assistant postings: near-duplicate copies of one "
     "posting count once, and postings the tagger finds are not MA jobs are left out. Some claims narrow it "
     "further (entry-level postings, postings that state pay); the metric says which."),
    ("Metric and thresholds", "Each claim has one metric in SQL (warehouse/claims/metrics/) and a rule that reads "
     "it: a share is supported at or above its first threshold and partly supported at or above its second; a "
     "difference is supported when its interval lies above 0 and contradicted only when it lies below 0; median "
     "pay is compared with the BLS figure within a tolerance; a ranking is supported when the guide's codes rank "
     "at the top. Below min n the verdict is 'too little data'. The rule of each kind is in the table below."),
    ("Sampling interval", "95% intervals: Wilson for shares, Newcombe for share differences, a percentile "
     "bootstrap (1,000 seeded resamples) for medians."),
    ("The tagger's error", "The tagger's tags are compared with hand labels on a held-out set of postings no rule "
     "was tuned on. For each claim the claim's own SQL runs on the held-out postings twice, once with the "
     "tagger's tags and once with the hand labels, and the two are compared: for a share, how often the tagger "
     "finds a hit that is there (sensitivity) and rejects one that is not (specificity), and how many postings "
     "it puts in the population that do not belong there; for pay, how many postings get a wrong value; for a "
     "ranking, how many codes are found wrongly or missed."),
    ("The correction", "A share is corrected for the tagger's error (Rogan-Gladen: (p + Sp - 1) / (Se + Sp - 1), "
     "clipped to 0..100%). Its interval with error is drawn by 4,000 seeded Monte Carlo draws: the observed share "
     "from its sampling distribution, sensitivity and specificity from Beta distributions of the held-out counts, "
     "and postings wrongly in the population taken out with an unknown hit rate. A median is widened by how far "
     "the share of wrong values (its 95% upper bound) can move it; a ranking is read again with every count at "
     "the edges of the tagger's code precision and recall. Where the held-out set labels none of a claim's "
     "fields (skills), the error is not measured and the page says so: the interval is sampling error only."),
    ("Whom a verdict represents: raw and weighted",
     "Every claim is read twice from the same metric. Raw: each unique MA posting counts once, so it describes "
     "the postings collected, with the employers and states the crawl reached. Weighted: post-stratified to BLS "
     "OEWS employment of Medical Assistants by state, so that among the states with both postings and an OEWS "
     "figure each state counts for its share of their MA jobs, whatever its number of postings. Within a state "
     f"one employer counts for at most {CAP} postings (an employer with n > {CAP} postings there gives each "
     f"{CAP}/n): one "
     "employer reposting a role forty times is one employer's demand. States with a figure but none collected are "
     "listed on the coverage panel, never imputed; postings without a state or in a state without a figure "
     "count in the raw reading only. Weighted intervals use Kish's effective sample size, (sum of weights)^2 / "
     "sum of squared weights, and min n is read against it. The scorecard says when the two verdicts differ."),
    ("Inconclusive", "A verdict is inconclusive when the tagger's error takes the interval across a threshold of "
     "its rule that the sampling interval alone does not reach, when a ranking can change within the "
     "tagger's error, or when a difference's interval includes 0 while the difference itself is at or below 0 "
     "(the postings neither show the claimed difference nor rule it out). The share of the interval that is tagger error is 1 - (sampling width / width with error)."),
]


def layout(search=None, warehouse=None):
    return html.Div([
        heading("Methods: how each verdict is computed",
                "In plain words: where the postings come from, what is counted, how intervals are computed, the "
                "tagger's measured error and when a verdict is inconclusive. Not filtered."),
        html.Div([html.Div([html.H3(title, className="h6 mt-3"), html.P(text)]) for title, text in STEPS],
                 id="methods-steps"),
        html.H3("The verdict rule of each kind of claim", className="h6 mt-3"),
        rules_table(),
        html.Div(id="methods-body"),
    ])


def register(app, warehouse) -> None:
    @app.callback(Output("methods-body", "children"), Input("filters", "data"))
    @warehouse.memoized
    def update(_data):
        data = tagger_error.read()
        return [html.H3("The tagger's measured accuracy per field", className="h6 mt-3"),
                html.P(heldout_line(data, warehouse.meta().get("tagger_version")), className="small text-muted"),
                field_table(data),
                html.H3("Each claim: population, rule, the tagger's error", className="h6 mt-3"),
                claims_table(warehouse)]

    warehouse.warm_on_start(update, Filters().to_dict())


def rules_table():
    """verdicts.RULES as a table: when each kind of claim is supported, partly supported, contradicted."""
    head = html.Thead(html.Tr([html.Th(h) for h in ("Kind", "Supported when", "Partly supported when",
                                                     "Contradicted when")]))
    body = html.Tbody([html.Tr([html.Td(kind.replace("_", " "))] + [html.Td(text) for text in rule])
                       for kind, rule in verdicts.RULES.items()])
    note = html.P("Every kind: 'too little data' below the claim's min n; 'inconclusive' when the tagger's error "
                  "takes the interval across a threshold the sampling interval does not reach.",
                  className="small text-muted")
    return html.Div([dbc.Table([head, body], size="sm", id="methods-rules"), note])


def heldout_line(data, warehouse_version) -> str:
    if data is None:
        return f"{tagger_error.DATA_FILE.name} is missing: no measured error."
    line = (f"Measured on {data['heldout_postings']} held-out hand-labelled postings, tagger "
            f"{data['tagger_version']}.")
    if warehouse_version and warehouse_version != data["tagger_version"]:
        line += f" This warehouse was tagged by {warehouse_version}: the measurement is stale."
    return line


def _share(value) -> str:
    return "—" if value is None else f"{value:.1%}"


def field_table(data):
    rows = tagger_error.field_accuracy(data)
    return dbc.Table([html.Thead(html.Tr([html.Th(h) for h in ("Field", "Precision", "Recall", "Accuracy", "n")])),
                      html.Tbody([html.Tr([html.Td(row["field"]), html.Td(_share(row["precision"])),
                                           html.Td(_share(row["recall"])), html.Td(_share(row["accuracy"])),
                                           html.Td(f"{row['n']:,}")]) for row in rows])],
                     size="sm", hover=True, id="methods-fields")


def error_words(detail) -> str:
    """The claim's measured error in one line."""
    try:
        error = json.loads(detail).get("tagger_error", {})
    except (TypeError, ValueError):
        error = {}
    if not error.get("measured"):
        return f"not measured: {error.get('note', 'no held-out counts')}"
    counts = error.get("counts", {})
    if error["model"] == "pay_parse":
        return (f"{counts['wrong']} of {counts['values']} held-out values wrong (up to "
                f"{error['wrong_rate_high']:.1%} at 95%)")
    words = (f"sensitivity {_share(error.get('sensitivity'))}, specificity {_share(error.get('specificity'))}, "
             f"{counts.get('tags_only', 0)} of {counts.get('in_both', 0) + counts.get('tags_only', 0)} held-out "
             f"postings wrongly in the population")
    if error["model"] == "code_detection":
        words += (f"; code precision at least {error['code_precision_low']:.0%}, recall at least "
                  f"{error['code_recall_low']:.0%}")
    return words + (f" ({error['stale']})" if error.get("stale") else "")


def claims_table(warehouse):
    frame = warehouse.frame(
        "SELECT c.claim_id, c.claim, c.metric, c.rule, c.kind, r.verdict, r.observed, r.corrected, r.ci_low, "
        "r.ci_high, r.ci_low_with_error, r.ci_high_with_error, r.n, CAST(r.detail AS VARCHAR) AS detail "
        "FROM claims c LEFT JOIN claim_results r USING (claim_id)")
    if frame.empty:
        return html.P("No claim results yet: run `ma-demand load`.", className="text-muted", id="methods-claims")
    rows = sorted(frame.itertuples(), key=lambda row: position(row.claim_id))
    return dbc.Table([
        html.Thead(html.Tr([html.Th(h) for h in ("Claim", "Population and metric", "Rule", "Tagger error",
                                                 "Observed, corrected", "Sampling / with error", "Verdict")])),
        html.Tbody([html.Tr([
            html.Td(row.claim), html.Td(row.metric), html.Td(html.Small(row.rule)),
            html.Td(html.Small(error_words(row.detail))),
            html.Td(f"{format_value(row.kind, row.observed)}, {format_value(row.kind, row.corrected)}"),
            html.Td([html.Div(format_interval(row.kind, row.ci_low, row.ci_high)),
                     html.Div(format_interval(row.kind, row.ci_low_with_error, row.ci_high_with_error))]),
            html.Td(row.verdict or "not measured"),
        ]) for row in rows])], size="sm", hover=True, responsive=True, id="methods-claims")
