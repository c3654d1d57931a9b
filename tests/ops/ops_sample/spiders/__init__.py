"""Board spiders `alpha` and `beta`: identical but for their names."""

import os

import scrapy


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
        yield {"source": self.name, "source_id": job["id"], "board": board, "title": job["title"],
               "url": response.url, "fetched_at": job["id"]}


class BetaSpider(AlphaSpider):
    name = "beta"
