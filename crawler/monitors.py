"""Crawl health checks (Spidermon) run when a spider closes; results go into the run record.

The suite checks an item-count floor (SPIDERMON_MIN_ITEMS), the share of items carrying key
fields (SPIDERMON_FIELD_COVERAGE_RULES) and the number of ERROR log lines
(SPIDERMON_MAX_ERRORS). `RecordMonitorResults` puts each monitor's outcome on the spider,
where the landing pipeline writes it into `<run_id>.run.json` for the warehouse.
"""

from __future__ import annotations

from spidermon.contrib.scrapy.monitors.monitors import (
    ErrorCountMonitor,
    FieldCoverageMonitor,
    ItemCountMonitor,
)
from spidermon.core.actions import Action
from spidermon.core.suites import MonitorSuite


class RecordMonitorResults(Action):
    """Store `[{monitor, status, error}]` on the spider as `monitor_results`."""

    def run_action(self):
        results = []
        for outcome in self.result.monitor_results:
            error = outcome.error or outcome.reason
            results.append({
                "monitor": outcome.monitor.name,
                "status": str(outcome.status),
                "error": str(error).strip().splitlines()[-1][:300] if error else None,
            })
        self.data.spider.monitor_results = results


class CrawlHealthMonitorSuite(MonitorSuite):
    monitors = [ItemCountMonitor, FieldCoverageMonitor, ErrorCountMonitor]
    monitors_finished_actions = [RecordMonitorResults]
