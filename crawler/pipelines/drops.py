"""Why a posting left the item pipeline: each reason is its own DropItem, so it is counted apart."""

from __future__ import annotations

from scrapy.exceptions import DropItem


class NotRelevant(DropItem):
    """Not an MA or MA-adjacent posting: counted per board as skipped, logged at DEBUG."""

    def __init__(self, message: str):
        super().__init__(message, log_level="DEBUG")


class Quarantined(DropItem):
    """Failed validation: the record goes to the run's quarantine file with this reason."""

    def __init__(self, reason: str, record: dict):
        super().__init__(reason, log_level="WARNING")
        self.reason = reason
        self.record = record


class AlreadyLanded(DropItem):
    """Already written in this run (a resumed run re-crawls boards): not written twice."""

    def __init__(self, message: str):
        super().__init__(message, log_level="DEBUG")
