"""Parse the pay a posting states: structured fields first, else the description text.

Text rules: an amount needs a dollar sign (cheap pre-check: no '$', no parse); a range is two
amounts joined by -, –, — or "to"; the period comes from the words beside it (/hr, per hour,
annually...) or, failing that, from the amount's size. Amounts near "bonus", "differential",
"tuition", "401(k)" and the like are not pay. "Starting at $19" gives max None, "up to $24"
gives min None, "$22/hr" gives min = max; "$15/hr, rising to $17/hr" is a range, and so
is a step table from its first step to its last. Hourly figures (to the cent, halves up): annual / 2080,
monthly x 12 / 2080, weekly / 40, daily / 8. Vocabulary in vocabulary/pay.toml.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

from pipeline.lexicon import load
from pipeline.matcher import lower_same_length
from pipeline.patterns import LoweredPattern

PERIODS = ("hour", "day", "week", "month", "year")
HOURS_PER_PERIOD = {"hour": 1, "day": 8, "week": 40, "month": 2080 / 12, "year": 2080}
_AMOUNT = r"\$\s?(\d{1,3}(?:,\d{3})+|\d{1,7})(\.\d{1,2})?[ \t]?([kK])?"  # "$45 k", never across a line
# A pay that rises to a second figure is a range from the first to the second: "$15.00/hr, rising to
# $17.00/hr on completion", "$33,280 annually; increases to $36,400 upon certification".
# ... or goes on to it: "$14 per hour during training, then $16 per hour", "start at $18.00 per hour
# and can reach $22.00 per hour".
_RISING_TO = (r"(?:[ \t]*(?:annually|yearly|hourly|monthly|weekly))?(?:[ \t]+to[ \t]+(?:start|begin)"
              r"|[ \t]+(?:during|while|in|for)[ \t]+(?:the[ \t]+|your[ \t]+)?[a-z]+(?:[ \t]+[a-z]+)?)?[ \t]*[,;]?[ \t]*(?:and[ \t]+)?"
              r"(?:(?:ris(?:e|es|ing)|increas(?:e|es|ing)|mov(?:e|es|ing)|go(?:es|ing)?|advanc(?:e|es|ing)|progress(?:es|ing)?)[ \t]+to"
              r"|then|(?:can[ \t]+|will[ \t]+|may[ \t]+)?reach(?:es|ing)?)[ \t]+(?:\$\s?)")
# The period may stand after both amounts: "$18.00/hr - $21.00/hr", "$15 per hour to $19 per hour".
# Spanish joins a range with "a" ("$720 a $840"), where the second dollar sign is needed. A range
# stays on one line: "$20/hr" and the "- $500 bonus" bullet under it are two amounts.
_RANGE = re.compile(_AMOUNT + r"(?:\s*\([Ss]tep\s+\w{1,2}\))?(?:\s*(?:/\s*|(?:per|an?|por|al|la)\s+)(?:hr|hour|yr|year|hora|a[ñn]o|mes|semana)\b)?"
                    r"(?:(?:[ \t]*(?:-|–|—|to|and)[ \t]*(?:\$\s?)?|[ \t]*\ba[ \t]+\$\s?|" + _RISING_TO + r")(\d{1,3}(?:,\d{3})+|\d{1,7})(\.\d{1,2})?\s?([kK])?)?")
_NEXT_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas)\s")
_OTHER_THING = re.compile(r"\s(?:plus|with|and)\s|\s\+\s")
# A sentence ends at a mark before a space or the text's end, or at a line break: "[.;!?|•](?:\s|$)|\n",
# written to start with one character class, which the regular-expression engine skips ahead to.
_SENTENCE_END = re.compile(r"[.;!?|\u2022\n](?:(?<=\n)|\s|$)")
# The greedy start takes all it can: the match ends where the last sentence end does.
_TO_LAST_SENTENCE_END = re.compile(r"(?s:.*)" + _SENTENCE_END.pattern)
# "Minimum $38,900   Midpoint $46,700   Maximum $54,500", "Minimum $23.10 - Maximum $34.65 hourly": one line.
# ... or on two lines ("Minimum: $62,400 annually" / "Maximum: $81,120 annually").
_MIN_MAX = re.compile(r"\bmin(?:imum)?\.?[ \t]*:?[ \t]*" + _AMOUNT + r"[^\n$]{0,40}?\n?[^\n$]{0,20}?(?:\$[\d,.]+[^\n$]{0,30}?)?"
                      r"\bmax(?:imum)?\.?[ \t]*:?[ \t]*" + _AMOUNT)  # searched in the lower-cased text
_CELLS = re.compile(r"\s*\|\s*|\t+|\s{2,}")
_AMOUNT_CELL = re.compile(_AMOUNT)
_STEP_CELL = re.compile(r"step\s+\w{1,2}")
_AMOUNT_THEN_REST = re.compile(_AMOUNT + r"\s*(.{0,20})")  # a table cell: an amount and what follows it ("annually")
_STEP_NAME = re.compile(r"[a-z]|\d{1,2}")  # a step named by a letter or number under a "Step" header cell
_STEP_AMOUNT = re.compile(r"(?:\s*/\s*(?:hr|hour|mo|month|yr|year|wk|week))?\s*[|/,;]?\s*step\s+\w{1,2}\s*[:=-]?\s*"
                          + _AMOUNT, re.I)
_LOOK_BEHIND = 40
_LOOK_AHEAD = 32
_SENTENCE_REACH = 200  # how far back a sentence's start is looked for (a cited figure's source)


@cache
def _rules() -> dict:
    data = load("pay.toml")
    return {
        # The period right after an amount: a named group per period, tried in PERIODS order. No period's
        # words start with a space, "," or "(", so only the longest lead-in can come before one.
        "period_after": re.compile(r"\s*[,(]?\s*(?:" + "|".join(
            f"(?P<{period}>{data['periods'][period]})" for period in PERIODS) + ")", re.I),
        "period_anywhere": [(period, re.compile(data["periods"][period], re.I)) for period in PERIODS],
        "not_pay": LoweredPattern(data["not_pay"]),
        "cited": LoweredPattern(data["cited"]),
        "starting": LoweredPattern(r"(?:" + data["starting"] + r")\s*:?\s*$"),
        "up_to": LoweredPattern(r"(?:" + data["up_to"] + r")\s*:?\s*$"),
        "step": re.compile(data["step"], re.I),
        "step_columns": {word: period for period, words in data["step_columns"].items() for word in words},
        "step_skip": frozenset(data["step_skip_columns"]),
    }


def parse_structured(pay: Any) -> dict | None:
    """The tag form of a structured pay field {min, max, period, currency}, or None if unusable."""
    if not isinstance(pay, dict) or pay.get("period") not in PERIODS:
        return None
    low, high = _number(pay.get("min")), _number(pay.get("max"))
    if low is None and high is None:
        return None
    return _result(low, high, pay["period"], str(pay.get("currency") or "USD"), "structured")


def parse_text(text: str, lowered: str | None = None) -> tuple[dict | None, str | None]:
    """(pay, evidence span) from free text (with `lowered` its same-length lower-case form, if the caller has it), or (None, None)."""
    if "$" not in text:
        return None, None
    rules = _rules()
    lowered = lower_same_length(text) if lowered is None else lowered
    if "step" in lowered or "maximum" in lowered:
        table = _step_table(text)
        if table is not None:
            return table
    if "max" in lowered:
        stated = _min_and_max(text, lowered)
        if stated is not None:
            return stated
    fallback = None
    for match in _RANGE.finditer(text):
        start, end = match.span()
        before = text[max(0, start - _LOOK_BEHIND):start]
        after = text[end:end + _LOOK_AHEAD]
        # the next amount, or what follows a comma ("$18/hr, PTO and health insurance"), has its own context
        # ("$45,000/yr plus an annual bonus": what follows "plus" or "with" is another amount's)
        own_after = _OTHER_THING.split(_before_sentence_end(after[:24]).split("$")[0].split(", ")[0])[0]
        if rules["not_pay"].search(_SENTENCE_END.split(before[-28:])[-1]) or rules["not_pay"].search(own_after):
            continue
        if _cited(text, start, end):
            continue
        whole, cents, thousands, high_whole, high_cents, high_thousands = match.groups()
        low = _amount(whole, cents, thousands)
        high = _amount(high_whole, high_cents, high_thousands or thousands) if high_whole else None
        if high is not None and high_thousands and not thousands and low is not None and low < 1000:
            low *= 1000
        if low is None or (high is not None and high < low):
            continue
        if high is None and rules["step"].search(before):  # a step scale: its first step to its last
            high, end = _last_step(text, end, thousands)
            after = text[end:end + _LOOK_AHEAD]  # the period may follow the last step: "... Step 5 $4,148 (monthly)"
        period, period_length = _period_after(after)
        period = period or _period_inside(match.group(0)) or _period_before(before)
        if high is None:  # one amount: "starting at $19" is a floor, "up to $24" a ceiling, else both
            bound = "starting" if rules["starting"].search(before) else "up_to" if rules["up_to"].search(before) else None
            low, high = (low, None) if bound == "starting" else (None, low) if bound == "up_to" else (low, low)
        if period is None:
            period = _period_from_size(low if low is not None else high)
            if period is None or fallback is not None:
                continue
            fallback = (_result(low, high, period, "USD", "text"), match.group(0).strip())
            continue
        if not _plausible(low, high, period):
            continue
        return _result(low, high, period, "USD", "text"), (match.group(0) + after[:period_length]).strip()
    return fallback if fallback else (None, None)


def _min_and_max(text: str, lowered: str) -> tuple[dict, str] | None:
    """The pay of a "Minimum $X ... Maximum $Y" line (a midpoint between them is skipped)."""
    match = _MIN_MAX.search(lowered)
    if match is None:
        return None
    low, high = _amount(*match.groups()[:3]), _amount(*match.groups()[3:])
    if low is None or high is None or high < low:
        return None
    period = _period_after(text[match.end():match.end() + _LOOK_AHEAD])[0] or _period_from_size(low)
    if period is None or not _plausible(low, high, period):
        return None
    return _result(low, high, period, "USD", "text"), text[match.start():match.end()].strip()


def _step_table(text: str) -> tuple[dict, str] | None:
    """The pay of a step table: a header line "Step  Hourly  Biweekly  Annual" (columns split by
    spaces, tabs or "|"), then one row per step ("1  $19.12  $1,529.60 ..."). The first column with a
    known period gives the pay, from the first row to the last. Also the tables laid across
    (`_steps_across`) and a "Minimum | Maximum" header over its two amounts (`_min_max_row`)."""
    rules = _rules()
    lines = text.split("\n")
    for number, line in enumerate(lines):
        header = [cell.strip().lower() for cell in _CELLS.split(line.strip()) if cell.strip()]
        if len(header) >= 2 and all(_STEP_CELL.fullmatch(cell) for cell in header):
            across = _steps_across(lines, number, len(header))
            if across is not None:
                return across
            continue
        if len(header) >= 3 and header[0] == "step" and all(_STEP_NAME.fullmatch(cell) for cell in header[1:]):
            across = _steps_across(lines, number, len(header) - 1)  # "Step | A | B | C" over "Hourly | $17.88 | ..."
            if across is not None:
                return across
            continue
        if header in (["minimum", "maximum"], ["min", "max"], ["minimum rate", "maximum rate"]):
            pair = _min_max_row(lines, number)  # "Minimum | Maximum" over "$32,240 annually | $39,520 annually"
            if pair is not None:
                return pair
            continue
        if len(header) < 2 or header[0] != "step":
            continue
        columns = header[1:]
        known = [(index, rules["step_columns"][word]) for index, word in enumerate(columns)
                 if word in rules["step_columns"]]
        if not known or not all(word in rules["step_columns"] or word in rules["step_skip"] for word in columns):
            continue
        index, period = known[0]
        values = []
        for row in lines[number + 1:]:
            cells = [cell.strip() for cell in _CELLS.split(row.strip()) if cell.strip()]
            if not cells:
                continue
            amounts = [_AMOUNT_CELL.fullmatch(cell) for cell in cells[1:]]
            if len(cells) != len(columns) + 1 or not all(amounts):
                break
            whole, cents, thousands = amounts[index].groups()
            values.append(_amount(whole, cents, thousands))
        if values and _plausible(values[0], values[-1], period) and values[0] <= values[-1]:
            return _result(values[0], values[-1], period, "USD", "text"), line.strip()
    return None


def _steps_across(lines: list[str], number: int, steps: int) -> tuple[dict, str] | None:
    """The pay of a step table laid across: a header line "Step 1 | Step 2 | ... | Step 6" (or "Step |
    A | B | C") and, on the next line with text, one amount per step, after a cell that may name the
    period ("Hourly | $17.88 | $18.77 | ..."). Else the period is the one written on the two lines
    above the header, or the amounts' size."""
    for row in lines[number + 1:number + 3]:
        cells = [cell.strip() for cell in _CELLS.split(row.strip()) if cell.strip()]
        if not cells:
            continue
        named = _rules()["step_columns"].get(cells[0].lower()) if len(cells) == steps + 1 else None
        if named is not None:
            cells = cells[1:]
        amounts = [_AMOUNT_CELL.fullmatch(cell) for cell in cells]
        if len(cells) != steps or not all(amounts):
            return None
        values = [_amount(*amount.groups()) for amount in amounts]
        above = " ".join(lines[max(0, number - 2):number])
        # The period named on the row, else above the header, else by the amounts' size: the first that
        # is plausible ("Salary Range 28" over hourly amounts names no yearly pay).
        candidates = (named, _period_before(above[-24:]), next(
            (period for period, pattern in _rules()["period_anywhere"] if pattern.search(above)), None), _period_from_size(values[0]))
        period = next((period for period in candidates if period is not None and _plausible(values[0], values[-1], period)), None)
        if period is None or values[0] > values[-1]:
            return None
        return _result(values[0], values[-1], period, "USD", "text"), row.strip()
    return None


def _min_max_row(lines: list[str], number: int) -> tuple[dict, str] | None:
    """The pay under a "Minimum | Maximum" header: the next line with text holds the two amounts, each
    with its period or none ("$32,240 annually | $39,520 annually")."""
    for row in lines[number + 1:number + 3]:
        cells = [cell.strip() for cell in _CELLS.split(row.strip()) if cell.strip()]
        if not cells:
            continue
        found = [_AMOUNT_THEN_REST.fullmatch(cell) for cell in cells]
        if len(cells) != 2 or not all(found):
            return None
        low, high = (_amount(*match.groups()[:3]) for match in found)
        period = _period_after(" " + found[0].group(4))[0] or _period_from_size(low)
        if low is None or high is None or high < low or period is None or not _plausible(low, high, period):
            return None
        return _result(low, high, period, "USD", "text"), row.strip()
    return None


def _last_step(text: str, end: int, thousands: str | None) -> tuple[float | None, int]:
    """The amount of the last step that follows the step amount ending at `end`, and where it ends."""
    high = None
    while (step := _STEP_AMOUNT.match(text, end)) is not None:
        whole, cents, step_thousands = step.groups()
        high, end = _amount(whole, cents, step_thousands or thousands), step.end()
    return high, end


def _cited(text: str, start: int, end: int) -> bool:
    """True when the amount's own sentence quotes someone else's figure ("According to the BLS, MAs
    earn a median of $19.40 per hour", "the national average is $40,000"): not the employer's pay."""
    reach = text[max(0, start - _SENTENCE_REACH):start]
    last_end = _TO_LAST_SENTENCE_END.match(reach)
    sentence = reach[last_end.end():] if last_end else reach
    # What follows the amount counts up to its clause's end: "We offer $45,000 annually, and the BLS projects growth".
    sentence += _NEXT_CLAUSE.split(_before_sentence_end(text[end:end + _SENTENCE_REACH]), maxsplit=1)[0]
    return _rules()["cited"].search(sentence) is not None


def _plausible(low: float | None, high: float | None, period: str) -> bool:
    """No MA job pays under $7 or over $300 an hour: such an amount is a differential or a fee."""
    hourly = (low if low is not None else high) / HOURS_PER_PERIOD[period]
    return 7 <= hourly <= 300


def _period_inside(amounts: str) -> str | None:
    """The period written between a range's two amounts: "$18.00/hr - $21.00/hr", "$15 per hour to $19"."""
    if "/" not in amounts and " per " not in amounts and " a" not in amounts and " por " not in amounts:
        return None
    for period, pattern in _rules()["period_anywhere"]:
        if pattern.search(amounts):
            return period
    return None


def _period_after(after: str) -> tuple[str | None, int]:
    """The period written right after an amount, and how many characters it takes ((None, 0) if none)."""
    match = _rules()["period_after"].match(after)
    return (match.lastgroup, match.end()) if match else (None, 0)


def _before_sentence_end(text: str) -> str:
    """`text` up to its first sentence end."""
    end = _SENTENCE_END.search(text)
    return text[:end.start()] if end else text


def _period_before(before: str) -> str | None:
    tail = before[-24:]
    for period, pattern in _rules()["period_anywhere"]:
        if pattern.search(tail):
            return period
    return None


def _period_from_size(value: float | None) -> str | None:
    if value is None:
        return None
    if 7 <= value < 150:
        return "hour"
    if 15000 <= value < 500000:
        return "year"
    return None


def _amount(whole: str | None, cents: str | None, thousands: str | None) -> float | None:
    if not whole:
        return None
    value = float(whole.replace(",", "") + (cents or ""))
    return value * 1000 if thousands else value


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and number >= 0 else None


def _result(low: float | None, high: float | None, period: str, currency: str, source: str) -> dict:
    hours = HOURS_PER_PERIOD[period]
    return {
        "min": low, "max": high, "period": period, "currency": currency,
        "hourly_min": _cents(low / hours) if low is not None else None,
        "hourly_max": _cents(high / hours) if high is not None else None,
        "source": source,
    }


def _cents(value: float) -> float:
    """`value` to the cent, halves rounded up as money is ($58,500 a year is $28.13 an hour, not $28.12)."""
    return math.floor(value * 100 + 0.5) / 100
