"""How fast the synthetic demo generator streams postings, and what the stream holds.

Run: .venv/bin/python -m benchmarks.synthetic [--n 1000000] [--seed S] [--baseline-n 50000]

Streams n postings from crawler.fixtures.synthetic.iter_postings on one core, printing progress,
then a summary: postings per second of wall time and of CPU time (the machine is shared, so CPU
time is the steadier figure), MB of description HTML, peak resident memory, and the shape
of the stream (MA share, states, months, share with pay, duplicates). Beside it, the same
measurement for what a user might reach for instead: Faker filling posting-shaped dicts with
lorem paragraphs of the same length (skipped when Faker is not installed; `pip install faker`).
"""

from __future__ import annotations

import argparse
import resource
import time

from crawler.fixtures.synthetic import DEFAULT_SEED, iter_postings

PROGRESS_EVERY = 100_000


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_generator(n: int, seed: int) -> dict:
    ma = with_pay = duplicates = html_bytes = 0
    states: set[str] = set()
    months: set[str] = set()
    distinct: set[int] = set()
    started, cpu_started = time.perf_counter(), time.process_time()
    for count, posting in enumerate(iter_postings(n, seed), start=1):
        html_bytes += len(posting["description_html"])
        distinct.add(hash(posting["description_html"]))
        ma += posting["is_ma"]
        with_pay += posting["pay"] is not None
        duplicates += posting["duplicate_of"] is not None
        states.add(posting["state"])
        months.add(posting["posted_at"][:7])
        if count % PROGRESS_EVERY == 0:
            elapsed = time.perf_counter() - started
            print(f"  {count:>9,} postings  {elapsed:6.1f} s  {count / elapsed:8,.0f}/s", flush=True)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    return {"n": n, "seconds": seconds, "cpu_seconds": cpu_seconds, "per_second": n / seconds, "html_mb": html_bytes / 1e6,
            "ma_share": ma / n, "structured_pay_share": with_pay / n, "duplicates": duplicates,
            "distinct_descriptions": len(distinct), "states": len(states), "months": len(months), "peak_rss_mb": _peak_rss_mb()}


def measure_faker(n: int, seed: int, text_chars: int) -> dict | None:
    try:
        from faker import Faker
    except ImportError:
        return None
    fake = Faker("en_US")
    Faker.seed(seed)
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(n):
        {"employer": fake.company(), "title": fake.job(), "city": fake.city(), "state": fake.state_abbr(),
         "posted_at": fake.date_time_this_year().isoformat(),
         "description_html": "<p>" + fake.text(max_nb_chars=text_chars) + "</p>"}
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    return {"n": n, "seconds": seconds, "cpu_seconds": cpu_seconds, "per_second": n / seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.synthetic", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="postings to stream (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="generator seed")
    parser.add_argument("--baseline-n", type=int, default=20_000, help="postings for the Faker baseline (0 to skip)")
    args = parser.parse_args(argv)
    print(f"Streaming {args.n:,} synthetic postings (seed {args.seed}) on one core...")
    result = measure_generator(args.n, args.seed)
    print(f"\nSynthetic generator: {result['n']:,} postings in {result['seconds']:.1f} s wall, "
          f"{result['cpu_seconds']:.1f} s CPU = {result['per_second']:,.0f} postings/s "
          f"({result['n'] / result['cpu_seconds']:,.0f}/s of CPU time); {result['html_mb']:,.0f} MB of HTML "
          f"({result['html_mb'] * 1e6 / result['n']:,.0f} B/posting); peak RSS {result['peak_rss_mb']:,.0f} MB")
    print(f"  MA share {result['ma_share']:.1%}, structured pay {result['structured_pay_share']:.1%}, "
          f"{result['states']} states, {result['months']} months, {result['duplicates']:,} cross-source duplicates, "
          f"{result['distinct_descriptions']:,} distinct descriptions")
    if args.baseline_n:
        baseline = measure_faker(args.baseline_n, args.seed, 2000)
        if baseline is None:
            print("Faker baseline skipped: Faker is not installed.")
        else:
            print(f"Faker lorem postings (baseline): {baseline['n']:,} in {baseline['seconds']:.1f} s wall, "
                  f"{baseline['cpu_seconds']:.1f} s CPU = {baseline['per_second']:,.0f} postings/s "
                  f"({baseline['n'] / baseline['cpu_seconds']:,.0f}/s of CPU time)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
