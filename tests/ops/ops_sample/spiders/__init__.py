"""Board spiders `alpha` and `beta`: identical but for their names."""

import os
from datetime import UTC, datetime

import scrapy

from pipeline import tag


class AlphaSpider(scrapy.Spider):
    """`-a base_url=` (else $OPS_SAMPLE_URL) and `-a boards=north,south`."""

    name = "alpha"

    def __init__(self, base_url=None, boards="north,south", **kwargs):
        super().__init__(**kwargs)
        self.base_url = (base_url or os.environ.get(f"OPS_SAMPLE_{self.name.upper()}_URL")
                         or os.environ.get("OPS_SAMPLE_URL", "")).rstrip("/")
        self.boards = [board for board in boards.split(",") if board]

    async def start(self):
        for board in self.boards:
            yield scrapy.Request(f"{self.base_url}/{self.name}/{board}/jobs.json", callback=self.parse_board,
                                 cb_kwargs={"board": board}, dont_filter=True)

    def parse_board(self, response, board):
        for job in response.json()["jobs"]:
            yield response.follow(job["url"], callback=self.parse_job, cb_kwargs={"board": board})

    def parse_job(self, response, board):
        job = response.json()
        text = f"{job['title']}. CMA or RMA certification required. Epic experience preferred. BLS required."
        posting = {"id": job["id"], "title": job["title"], "description": text, "location": "Tulsa, OK"}
        yield {"source": self.name, "source_id": job["id"], "board": board, "url": response.url,
               "title": job["title"], "employer": f"Synthetic {board.title()} Clinic", "location": "Tulsa, OK",
               "city": "Tulsa", "state": "OK", "description_html": f"<p>{text}</p>", "description_text": text,
               "pay": None, "tags": tag(posting), "raw": job, "synthetic": True,
               "fetched_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}


class BetaSpider(AlphaSpider):
    name = "beta"
