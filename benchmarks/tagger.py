"""Tagger speed on one core, beside flashtext, spaCy's PhraseMatcher and JobSpy's salary guess.

Builds N realistic 2-4 KB postings (benchmarks/tagger_corpus.py), pins the process to one CPU,
then times, over the same postings:
  - ma-demand's full tag of plain text, and of the same postings as HTML (parse + tag);
  - flashtext's KeywordProcessor and spaCy's PhraseMatcher (blank "en", attr LOWER) loaded with
    the same vocabulary aliases: keyword lookup only, no context rules, levels, pay or evidence;
  - pay: ma-demand's pay parser against JobSpy's description-salary guess, speed over the corpus
    and accuracy (to the cent, hourly) on the labelled postings.
Rates are given per wall-clock second and per CPU-second of this process (on a shared machine
the second is the fairer one). Peak memory is the Python heap peak (tracemalloc) over a
2,000-posting pass of each engine. Beside the full tag: the matcher alone (lower-case, the scan and
the per-hit rules), and pyahocorasick's bare iteration.
Plain-text postings are text as the crawler lands it; the HTML rows time the conversion too.
`--profile` adds where the full tag's time goes, step by step (timed in place, 5,000 postings).
Last, unpinned, the same plain-text tag on every core the process may use (pipeline.parallel, as
`ma-demand tag --jobs N` runs it): wall-clock rate including the workers' start-up, and CPU-seconds
of this process and its workers together.
Run: .venv/bin/python -m benchmarks.tagger [--count 20000] [--profile]   (needs the bench extra for the peers)
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import tracemalloc
from typing import Callable

from benchmarks.tagger_accuracy import _same_pay, load_labelled
from benchmarks.tagger_corpus import as_html, postings
from pipeline import tag
from pipeline.lexicon import terms
from pipeline.matcher import automaton, find_hits, lower_same_length, words_only
from pipeline.parallel import tag_json_many
from pipeline.pay import HOURS_PER_PERIOD, parse_text
from pipeline.tagger import description_text
from pipeline.text import html_to_text

MEMORY_SAMPLE = 2000


def pin_to_one_core() -> tuple[str, set[int] | None]:
    """Pin this process to one CPU; say which, and give the CPUs it had before."""
    try:
        cores = os.sched_getaffinity(0)
        os.sched_setaffinity(0, {min(cores)})
        return f"pinned to CPU {min(cores)}", cores
    except (AttributeError, OSError) as error:
        return f"not pinned ({error})", None


def measure_all_cores(corpus: list[dict], cores: set[int] | None, results: list) -> None:
    """The plain-text tag on worker processes over every core this process had (pipeline.parallel)."""
    if cores is None or len(cores) < 2:
        print("  all cores: only one CPU available, skipped")
        return
    os.sched_setaffinity(0, cores)  # the workers inherit it
    name = f"ma-demand tag, plain text, {len(cores)} processes (tag --jobs)"
    print(f"  {name} ...", end="", flush=True)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    started, cpu_started = time.perf_counter(), time.process_time()
    count = sum(1 for _ in tag_json_many(corpus, jobs=len(cores)))
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time() - cpu_started + (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime)
    print(f" {count / elapsed:,.0f} postings/s wall (workers' start-up included), {count / cpu:,.0f} per CPU-second")
    results.append((name, count / elapsed, count / cpu, float("nan")))


def measure(name: str, items: list, work: Callable, results: list) -> None:
    print(f"  {name} ...", end="", flush=True)
    started, cpu_started = time.perf_counter(), time.process_time()
    for item in items:
        work(item)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    tracemalloc.start()
    for item in items[:MEMORY_SAMPLE]:
        work(item)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rate, cpu_rate = len(items) / elapsed, len(items) / cpu
    print(f" {rate:,.0f} postings/s wall, {cpu_rate:,.0f} per CPU-second, heap peak {peak / 2**20:.1f} MiB")
    results.append((name, rate, cpu_rate, peak))


def matcher_alone(posting: dict) -> None:
    """The matcher's share of a tag: lower-case, one scan, the context and overlap rules per hit."""
    text = posting["description"]
    find_hits(text, lower_same_length(text))


def scan_floor(posting: dict) -> None:
    """What pyahocorasick alone costs (the matcher's scan): lower-case, words-only form, iteration."""
    for _ in automaton().iter(" " + words_only(lower_same_length(posting["description"])) + " "):
        pass


# The steps of one tag, as the tagger calls them: (module, function name, label).
STAGES = (
    ("tagger", "description_text", "text clean-up (and HTML, where there is some)"),
    ("tagger", "lower_same_length", "lower-casing"),
    ("tagger", "find_hits", "matcher: scan and hit rules"),
    ("certification", "certifications", "credentials and their requirement levels"),
    ("experience", "parse", "experience"),
    ("pay", "parse_text", "pay"),
    ("education", "education", "education"),
    ("tagger", "_ids", "EHR, skills and language ids with evidence"),
)


def profile_by_stage(corpus: list[dict]) -> None:
    """Where the full tag's time goes: each step timed where the tagger calls it. The timer costs about 0.1 us per call."""
    import importlib

    clock = time.perf_counter_ns
    start = clock()
    for item in corpus:
        tag(item)
    untimed = clock() - start
    spent: dict[str, int] = {}
    originals = []
    for module_name, function_name, label in STAGES:
        module = importlib.import_module(f"pipeline.{module_name}")
        original = getattr(module, function_name)
        originals.append((module, function_name, original))
        spent[label] = 0

        def timed(*args, _original=original, _label=label, **kwargs):
            start = clock()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_label] += clock() - start
        setattr(module, function_name, timed)
    try:
        start = clock()
        for item in corpus:
            tag(item)
        total = clock() - start
    finally:
        for module, function_name, original in originals:
            setattr(module, function_name, original)
    per_posting = 1000 * len(corpus)
    print(f"where the full tag's time goes (each step timed in place, {len(corpus):,} postings; "
          f"{untimed / per_posting:.1f} us per posting, {total / per_posting:.1f} with the timers):")
    for label, nanoseconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {label:<58}{nanoseconds / per_posting:>7.1f} us")
    print(f"  {'the rest: title, track, specialty, the record':<58}"
          f"{(untimed - sum(spent.values())) / per_posting:>7.1f} us (the timers' own cost taken out)")


def flashtext_engine() -> Callable | None:
    try:
        from flashtext import KeywordProcessor
    except ImportError:
        return None
    processor = KeywordProcessor(case_sensitive=False)
    for term in terms():
        for alias in term.aliases:
            processor.add_keyword(alias, term.id)
    return lambda posting: processor.extract_keywords(posting["description"])


def spacy_engine() -> Callable | None:
    try:
        import spacy
        from spacy.matcher import PhraseMatcher
    except ImportError:
        return None
    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for term in terms():
        matcher.add(f"{term.dimension}:{term.id}", [nlp.make_doc(alias) for alias in term.aliases])
    return lambda posting: matcher(nlp.make_doc(posting["description"]))


def jobspy_guess() -> tuple[Callable | None, str]:
    """JobSpy's salary-from-description function, whichever place this version keeps it in."""
    try:
        from jobspy.util import extract_salary  # JobSpy <= 1.1.x
        return (lambda text: _jobspy_hourly_old(extract_salary(text))), "jobspy.util.extract_salary"
    except ImportError:
        pass
    try:
        from jobspy.linkedin import LinkedIn  # python-jobspy 1.4.x keeps it here
        return (lambda text: _jobspy_hourly(LinkedIn._guess_salary(text))), "jobspy.linkedin.LinkedIn._guess_salary"
    except Exception as error:  # an import that needs the network or a missing extra
        return None, f"JobSpy unavailable: {type(error).__name__}: {error}"


_JOBSPY_PERIODS = {"hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month", "yearly": "year"}


def _jobspy_hourly(compensation) -> list | None:
    if compensation is None or compensation.min_amount is None or compensation.interval is None:
        return None
    hours = HOURS_PER_PERIOD[_JOBSPY_PERIODS[compensation.interval.value]]
    return [round(compensation.min_amount / hours, 2), round(compensation.max_amount / hours, 2)]


def _jobspy_hourly_old(found) -> list | None:
    interval, low, high = (found or (None, None, None, None))[:3]
    if interval is None:
        return None
    hours = HOURS_PER_PERIOD[_JOBSPY_PERIODS.get(str(interval).lower(), "year")]
    return [round(low / hours, 2), round(high / hours, 2)]


def _ours_hourly(text: str) -> list | None:
    pay, _ = parse_text(text)
    return None if pay is None else [pay["hourly_min"], pay["hourly_max"]]


def pay_accuracy(parse: Callable) -> tuple[int, int]:
    rows = [row for row in load_labelled() if "pay" in row["expect"]]
    right = sum(_same_pay(row["expect"]["pay"], parse(row["description"] if "<" not in row["description"]
                                                         else html_to_text(row["description"]))) for row in rows)
    return right, len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20000, help="postings to time (default 20000)")
    parser.add_argument("--profile", action="store_true", help="also show where the full tag's time goes")
    args = parser.parse_args()
    pinned, cores = pin_to_one_core()
    print(f"ma-demand tagger benchmark: {pinned}, Python {sys.version.split()[0]}, "
          f"load average {os.getloadavg()[0]:.1f} (other work on the machine slows every figure alike)")
    # Plain-text input is what the crawler lands: the few labelled bodies written as HTML are turned
    # into text once here, as the crawl does, not on every tag (the HTML row times that conversion).
    corpus = [dict(item, description=description_text(item)) for item in postings(args.count)]
    html_corpus = [{"id": item["id"], "title": item["title"], "description": as_html(item["description"])} for item in corpus]
    mean_kb = sum(len(item["description"]) for item in corpus) / len(corpus) / 1024
    print(f"corpus: {len(corpus):,} postings, mean {mean_kb:.1f} KB text, {sum(len(t.aliases) for t in terms())} aliases")
    for item in corpus[:200]:  # warm the automaton and the regular-expression caches
        tag(item)
    results: list = []
    print("full tag / keyword lookup:")
    measure("ma-demand tag, plain text", corpus, tag, results)
    measure("ma-demand tag, HTML input (parse + tag)", html_corpus, tag, results)
    measure("ma-demand html_to_text only", html_corpus, lambda item: html_to_text(item["description"]), results)
    measure("matcher alone: lower-case, scan and hit rules",
            corpus, matcher_alone, results)
    measure("pyahocorasick iteration alone (the matcher's scan)", corpus, scan_floor, results)
    for name, engine in (("flashtext keywords only", flashtext_engine()), ("spaCy PhraseMatcher keywords only", spacy_engine())):
        if engine is None:
            print(f"  {name}: not installed (pip install -e '.[bench]')")
        else:
            measure(name, corpus, engine, results)
    print("pay from text:")
    texts = [{"description": item["description"]} for item in corpus]
    measure("ma-demand pay", texts, lambda item: parse_text(item["description"]), results)
    guess, where = jobspy_guess()
    right, total = pay_accuracy(_ours_hourly)
    print(f"  ma-demand pay accuracy on labelled postings: {right}/{total} = {right / total:.3f}")
    if guess is None:
        print(f"  {where}")
    else:
        measure(f"JobSpy ({where})", texts, lambda item: guess(item["description"]), results)
        right, total = pay_accuracy(guess)
        print(f"  JobSpy pay accuracy on labelled postings: {right}/{total} = {right / total:.3f}")
    if args.profile:
        profile_by_stage(corpus[:5000])
    print("every core (unpinned):")
    measure_all_cores(corpus, cores, results)
    print(f"summary: process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    print(f"  {'engine':<58}{'wall /s':>10}{'CPU /s':>10}{'heap MiB':>10}")
    for name, rate, cpu_rate, peak in results:
        heap = "-" if peak != peak else f"{peak / 2**20:.1f}"  # NaN: not measured (worker processes)
        print(f"  {name:<58}{rate:>10,.0f}{cpu_rate:>10,.0f}{heap:>10}")


if __name__ == "__main__":
    main()
