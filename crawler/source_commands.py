"""`ma-demand sources`: list the source registry; `ma-demand sources probe`: check each board answers.

With `--career-sites` both read the career-site registry (crawler/career_sites.toml) instead;
the career-site probe is crawler/career_site_probe.py (robots.txt, sitemap, JobPosting).

The probe sends one polite GET per board (robots.txt is not consulted: it is one request to
a documented public API endpoint) and reports boards that are dead (404), broken (not the
documented JSON) or unreachable. It never fails the command for a dead board: it reports.
Each request is the board's spider's `probe_url` under the spider's `default_base_url`
(or `--base-url`/<source>): the addresses are declared on the spider classes only.
"""

from __future__ import annotations

import argparse
import json
import time
import urllib.error
import urllib.request

from crawler.registry import Board, RegistryError, load_registry
from crawler.spiders import spider_class
from ma_demand_settings import UserError, setting


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "sources", help="List the employer boards the crawler reads, and the sources it does not collect.",
        description="List the source registry (crawler/sources.toml): boards with their ATS, token, employer, "
                    "status and permission, then the sources not collected and why.",
    )
    parser.add_argument("--registry", help="registry file (default: crawler/sources.toml)")
    parser.add_argument("--json", action="store_true", help="print the registry as JSON")
    parser.add_argument("--career-sites", nargs="?", const="", metavar="FILE",
                        help="list the career-site registry instead (default file: crawler/career_sites.toml)")
    parser.set_defaults(handler=_list_command)
    actions = parser.add_subparsers(dest="sources_action", metavar="ACTION")
    probe = actions.add_parser(
        "probe", help="Check that each board answers; report dead ones without failing.",
        description="Send one request per board and report which answer, which are dead (404) and which are broken.",
    )
    probe.add_argument("--registry", help="registry file (default: crawler/sources.toml)")
    probe.add_argument("--base-url", help="API root to probe instead of the real hosts; '/<source>' is appended "
                                          "(e.g. the fixture server: http://127.0.0.1:PORT)")
    probe.add_argument("--all", action="store_true", help="probe disabled boards too (default: enabled only)")
    probe.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for each board (default: 15)")
    probe.add_argument("--delay", type=float, default=1.0, help="seconds between requests (default: 1)")
    probe.add_argument("--career-sites", nargs="?", const="", metavar="FILE",
                       help="probe the career-site candidates instead: robots.txt, the sitemap it names and one job "
                            "page's JobPosting, at most four requests a site (default file: crawler/career_sites.toml; "
                            "with --base-url, each site at <base-url>/careersite/<token>/)")
    probe.set_defaults(handler=_probe_command)


def _registry(path: str | None):
    try:
        return load_registry(path)
    except RegistryError as error:
        raise UserError(str(error)) from None


def _career_sites(path: str | None):
    from crawler.career_sites import load_career_sites

    try:
        return load_career_sites(path or None)
    except RegistryError as error:
        raise UserError(str(error)) from None


def _list_command(args: argparse.Namespace) -> int:
    if args.career_sites is not None:
        return _list_career_sites(args)
    registry = _registry(args.registry)
    if args.json:
        print(json.dumps({"version": registry.version,
                          "boards": [board.__dict__ for board in registry.boards],
                          "not_collected": [source.__dict__ for source in registry.not_collected]}, indent=2))
        return 0
    print(f"source registry v{registry.version}: {len(registry.boards)} boards")
    rows = [("source", "token", "employer", "status", "enabled")] + [
        (board.source, board.token, board.employer, board.status, "yes" if board.enabled else "no")
        for board in registry.boards]
    widths = [max(len(row[column]) for row in rows) + 2 for column in range(4)]
    for row in rows:
        print("".join(cell.ljust(width) for cell, width in zip(row, widths)) + row[4])
    print("\nnot collected:")
    for source in registry.not_collected:
        print(f"  {source.name}: {source.reason}")
    return 0


def _list_career_sites(args: argparse.Namespace) -> int:
    sites = _career_sites(args.career_sites)
    if args.json:
        print(json.dumps([{**site.__dict__, "token": site.token} for site in sites], indent=2))
        return 0
    states = {state for site in sites for state in site.states}
    print(f"career-site registry: {len(sites)} sites in {len(states)} states, "
          f"{sum(site.root_known for site in sites)} with a known root, {sum(site.enabled for site in sites)} enabled")
    for site in sites:
        print(f"  {site.token:<44} {site.status:<10} {','.join(site.states):<12.12} {site.root}")
    return 0


def _probe_career_sites(args: argparse.Namespace) -> int:
    from crawler.career_site_probe import probe_site

    sites = _career_sites(args.career_sites)
    outcomes: dict[str, int] = {}
    for number, site in enumerate(sites, start=1):
        if number > 1 and args.delay > 0 and site.root_known:
            time.sleep(args.delay)
        found = probe_site(site, _user_agent(), args.base_url, args.timeout, args.delay)
        outcomes[found.status] = outcomes.get(found.status, 0) + 1
        print(f"[{number}/{len(sites)}] {site.token:<40} {found.status:<14} {found.detail}", flush=True)
    summary = ", ".join(f"{count} {status}" for status, count in sorted(outcomes.items()))
    print(f"probed {len(sites)} career sites: {summary}")
    return 0


def probe_board(board: Board, base_url: str | None, timeout: float) -> tuple[str, str]:
    """(`ok` | `dead` | `broken` | `unreachable` | `unknown`, detail) for one board."""
    try:
        spider = spider_class(board.source)
    except LookupError as error:
        return "unknown", str(error)
    # The API root and the request are the spider's own (crawler/spiders/<source>.py).
    root = f"{base_url.rstrip('/')}/{board.source}" if base_url else spider.default_base_url
    url = spider.probe_url(root, board.token)
    if url is None:
        return "unknown", f"no probe for source {board.source}"
    request = urllib.request.Request(url, headers={"User-Agent": _user_agent(), "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        return ("dead" if error.code == 404 else "broken"), f"HTTP {error.code} from {url}"
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        return "unreachable", f"{getattr(error, 'reason', error)} ({url})"
    try:
        payload = json.loads(body)
    except ValueError:
        return "broken", f"not JSON ({url})"
    return "ok", f"{_count(payload)} postings" if _count(payload) is not None else "answers"


def _count(payload) -> int | None:
    if isinstance(payload, list):
        return len(payload)
    if isinstance(payload, dict):
        for key in ("jobs", "content"):
            if isinstance(payload.get(key), list):
                return payload.get("totalFound", len(payload[key])) if key == "content" else len(payload[key])
    return None


def _probe_command(args: argparse.Namespace) -> int:
    if args.career_sites is not None:
        return _probe_career_sites(args)
    registry = _registry(args.registry)
    boards = registry.boards if args.all else [board for board in registry.boards if board.enabled]
    if not boards:
        print("no boards to probe (none enabled; use --all)")
        return 0
    outcomes: dict[str, int] = {}
    for number, board in enumerate(boards, start=1):
        if number > 1 and args.delay > 0:
            time.sleep(args.delay)
        status, detail = probe_board(board, args.base_url, args.timeout)
        outcomes[status] = outcomes.get(status, 0) + 1
        print(f"[{number}/{len(boards)}] {board.source}:{board.token:<20} {status:<12} {detail}", flush=True)
    summary = ", ".join(f"{count} {status}" for status, count in sorted(outcomes.items()))
    print(f"probed {len(boards)} boards: {summary}")
    return 0


def _user_agent() -> str:
    return f"ma-demand/0.1 (Medical Assistant job-demand research; +mailto:{setting('contact')})"
