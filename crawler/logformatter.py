"""Log a dropped posting in one line (source:id and the reason), not its whole payload."""

from __future__ import annotations

from scrapy.logformatter import LogFormatter


class PostingLogFormatter(LogFormatter):
    def dropped(self, item, exception, response, spider):
        entry = super().dropped(item, exception, response, spider)
        key = f"{item.get('source')}:{item.get('source_id')}" if isinstance(item, dict) else type(item).__name__
        entry["msg"] = "Dropped %(key)s (board %(board)s): %(exception)s"
        entry["args"] = {"key": key, "board": item.get("board") if isinstance(item, dict) else None,
                         "exception": exception}
        return entry
