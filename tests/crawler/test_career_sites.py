"""The career-site registry: complete, honest entries; and the probe against the fixture server."""

from __future__ import annotations

import re
import textwrap

import pytest

from crawler.career_sites import KINDS, UNVERIFIED, load_career_sites
from crawler.registry import RegistryError
from ma_demand import main
from tests.crawler.conftest import posting


def test_every_entry_has_name_states_root_evidence_permission_and_status():
    for site in load_career_sites():
        assert site.name and site.kind in KINDS and site.states, site
        assert site.root == UNVERIFIED or re.match(r"^https://[^/\s]+/", site.root), site.name
        assert len(site.evidence) > 20 and site.permission and site.status in ("confirmed", "candidate"), site.name


def test_the_registry_covers_fifty_organisations_in_thirty_states_with_their_kinds():
    sites = load_career_sites()
    assert len(sites) >= 50 and sum(site.root_known for site in sites) >= 50
    assert len({state for site in sites for state in site.states}) >= 30
    assert {"health_system", "physician_group", "clinic_chain"} <= {site.kind for site in sites}


def test_nothing_is_confirmed_or_enabled_before_its_permission_was_checked():
    for site in load_career_sites():
        if site.status == "candidate":
            assert not site.enabled and site.permission.startswith("unverified"), site.name


def test_an_entry_without_evidence_or_with_an_enabled_unverified_root_is_refused(tmp_path):
    base = 'name = "X Health"\nkind = "health_system"\nstates = ["OK"]\nats = "unknown"\npermission = "p"\n'
    missing = tmp_path / "missing.toml"
    missing.write_text(f'[[site]]\n{base}root = "https://x.example/"\nstatus = "candidate"\n')
    with pytest.raises(RegistryError, match="evidence is missing"):
        load_career_sites(missing)
    enabled = tmp_path / "enabled.toml"
    enabled.write_text(f'[[site]]\n{base}root = "unverified"\nevidence = "e"\nstatus = "candidate"\nenabled = true\n')
    with pytest.raises(RegistryError, match="false while the root is unverified"):
        load_career_sites(enabled)


def registry(tmp_path, *names: str, root: str = "https://careers.synthetic.example/"):
    entries = "\n".join(textwrap.dedent(f"""\
        [[site]]
        name = "{name}"
        kind = "health_system"
        states = ["OK"]
        root = "{root}"
        ats = "unknown"
        evidence = "a hand-written test entry for the fixture server"
        permission = "unverified: test"
        status = "candidate"
        """) for name in names)
    path = tmp_path / "career_sites.toml"
    path.write_text(entries, encoding="utf-8")
    return path


def test_probe_reads_robots_sitemap_and_one_job_page_and_reports_each_site(tmp_path, capsys, serve):
    server = serve([posting("careersite", "riverbend-health", n) for n in range(1, 4)]
                   + [posting("careersite", "hillcrest", 9)], boards={"careersite": ["quiet-clinic"]},
                   disallow=["/careersite/hillcrest/"])
    path = registry(tmp_path, "Riverbend Health", "Hillcrest", "Quiet Clinic")
    code = main(["sources", "probe", "--career-sites", str(path), "--base-url", server.url, "--delay", "0"])
    out = capsys.readouterr().out
    assert code == 0
    assert re.search(r"riverbend-health\s+ok\s+.*carries 1 JobPosting", out)
    assert re.search(r"hillcrest\s+disallowed", out)
    assert re.search(r"quiet-clinic\s+no-jobposting", out)
    assert "probed 3 career sites: 1 disallowed, 1 no-jobposting, 1 ok" in out
    riverbend = [hit for hit in server.hits if "riverbend" in hit.path or hit.path == "/robots.txt"]
    assert len([hit for hit in riverbend if "riverbend" in hit.path]) == 3  # index, child sitemap, one job page
    assert not server.hits_for("/careersite/hillcrest/*")


def test_a_site_without_a_verified_root_is_not_contacted(tmp_path, capsys):
    path = registry(tmp_path, "Unknown Health", root=UNVERIFIED)
    assert main(["sources", "probe", "--career-sites", str(path), "--delay", "0"]) == 0
    assert re.search(r"unknown-health\s+unverified\s+no verified career-site root", capsys.readouterr().out)


def test_sources_lists_the_career_site_registry(capsys):
    assert main(["sources", "--career-sites"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("career-site registry: ") and "mayo-clinic" in out
