"""The run log: one line per event with run id and spider, on stderr and in a rotating file."""

from __future__ import annotations

import logging

from crawler.runlog import close_run_logging, configure_run_logging, log_path, spider_logger


def test_every_line_names_the_run_and_the_spider_on_stderr_and_in_the_file(tmp_path, capsys):
    log = configure_run_logging(tmp_path, "crawl-20261125T030000Z-abcdef")
    try:
        log.info("crawling 2 sources")
        spider_logger("lever").warning("board down:\nconnection refused")
        spider_logger("lever").debug("only in the file")
    finally:
        close_run_logging()
    stderr = capsys.readouterr().err.splitlines()
    file_lines = log_path(tmp_path).read_text().splitlines()
    assert len(stderr) == 2 and len(file_lines) == 3
    assert all(" run=crawl-20261125T030000Z-abcdef " in line for line in stderr + file_lines)
    assert "spider=- crawling 2 sources" in file_lines[0]
    assert file_lines[1].endswith("WARNING run=crawl-20261125T030000Z-abcdef spider=lever board down: | connection refused")
    assert "only in the file" in file_lines[2] and "only in the file" not in "\n".join(stderr)


def test_the_log_file_rotates_instead_of_growing_without_end(tmp_path):
    log = configure_run_logging(tmp_path, "crawl-x", stderr_level=logging.CRITICAL, max_bytes=2000, backups=2)
    try:
        for number in range(200):
            log.info("event %d %s", number, "x" * 40)
    finally:
        close_run_logging()
    files = sorted(path.name for path in log_path(tmp_path).parent.iterdir())
    assert files == ["ma-demand.log", "ma-demand.log.1", "ma-demand.log.2"]
    assert all(path.stat().st_size <= 2000 for path in log_path(tmp_path).parent.iterdir())
