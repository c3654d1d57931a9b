"""Project Scrapy commands (COMMANDS_MODULE): `crawl`, with an exit code that says whether it got anything."""
