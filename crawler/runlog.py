"""Logging for scheduled runs: one line per event, each naming the run id and the spider.

`configure_run_logging(data_dir, run_id)` sends events to stderr (INFO and up) and to a
rotating file `<data>/logs/ma-demand.log` (5 files of 10 MB, DEBUG and up). A line reads

    2026-11-25T03:00:01Z INFO run=crawl-20261125T030000Z-1a2b3c spider=greenhouse crawled 40 postings

`spider_logger(name)` gives the logger for one spider's events; the Scrapy log of a spider
subprocess is copied into the file line by line through it, so one file tells the whole night.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import time
from pathlib import Path

LOGGER_NAME = "ma_demand.run"
LOG_FILE_NAME = "ma-demand.log"
LINE_FORMAT = "%(asctime)s %(levelname)s run=%(run_id)s spider=%(spider)s %(message)s"


class _RunContext(logging.Filter):
    """Stamps every record with the run id, and with `spider=-` when no spider is named."""

    def __init__(self, run_id: str):
        super().__init__()
        self.run_id = run_id

    def filter(self, record: logging.LogRecord) -> bool:
        record.run_id = self.run_id
        if not hasattr(record, "spider"):
            record.spider = "-"
        record.msg = str(record.msg).replace("\n", " | ")
        return True


def _formatter() -> logging.Formatter:
    formatter = logging.Formatter(LINE_FORMAT, datefmt="%Y-%m-%dT%H:%M:%SZ")
    formatter.converter = time.gmtime
    return formatter


def log_path(data_dir: str | Path) -> Path:
    return Path(data_dir) / "logs" / LOG_FILE_NAME


def configure_run_logging(data_dir: str | Path, run_id: str, *, stderr_level: int = logging.INFO,
                          max_bytes: int = 10_000_000, backups: int = 5) -> logging.Logger:
    """Attach the stderr and rotating-file handlers to the run logger, replacing earlier ones."""
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    for old in list(logger.filters):
        logger.removeFilter(old)
    path = log_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    file_handler = logging.handlers.RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups,
                                                        encoding="utf-8")
    file_handler.setLevel(logging.DEBUG)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(stderr_level)
    context = _RunContext(run_id)
    for handler in (file_handler, console):
        handler.setFormatter(_formatter())
        handler.addFilter(context)
        logger.addHandler(handler)
    return logger


def spider_logger(spider: str) -> logging.LoggerAdapter:
    """The run logger with `spider=<name>` on every line."""
    return logging.LoggerAdapter(logging.getLogger(LOGGER_NAME), {"spider": spider})


def close_run_logging() -> None:
    logger = logging.getLogger(LOGGER_NAME)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
