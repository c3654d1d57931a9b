"""Spider arguments as a typed model: a wrong `-a NAME=value` fails at once, naming NAME.

`scrapy crawl NAME -a boards=a,b -a base_url=http://...` passes strings; `BoardArguments`
turns them into typed values. A spider with more arguments subclasses it. Unknown arguments
are kept, not rejected, because Scrapyd adds its own (`_job`, `_version`, ...).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_HTTP_URL = re.compile(r"^https?://[^/\s]+")


def http_urls(value: Any) -> Any:
    """A comma-separated `-a` value as a list of URLs, each checked to be http(s) (a validator's body)."""
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    for url in value or []:
        if not _HTTP_URL.match(url):
            raise ValueError(f"{url!r} is not an http(s) URL")
    return value


class SpiderArgumentError(ValueError):
    """A spider argument has a value the spider cannot use."""


class BoardArguments(BaseModel):
    model_config = ConfigDict(extra="allow")

    boards: list[str] | None = Field(default=None, description="comma-separated board tokens (default: the registry's enabled boards)")
    base_url: str | None = Field(default=None, description="API root to crawl instead of the real host")
    page_size: int | None = Field(default=None, ge=1, le=1000, description="postings per page, for paged APIs")
    registry: str | None = Field(default=None, description="path of a source registry instead of crawler/sources.toml")
    synthetic: bool = Field(default=False, description="mark every posting as synthetic demo data")

    @field_validator("boards", mode="before")
    @classmethod
    def _split_boards(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
            if not value:
                raise ValueError("names no board")
        if isinstance(value, list):
            for token in value:
                if not isinstance(token, str) or not _TOKEN.match(token):
                    raise ValueError(f"{token!r} is not a board token (letters, digits, '-', '_', '.')")
        return value

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        http_urls([value])
        return value.rstrip("/")


def parse_arguments(model: type[BoardArguments], spider: str, values: dict[str, Any]) -> BoardArguments:
    """Validate `values` with `model`; raise SpiderArgumentError naming the bad argument."""
    try:
        return model.model_validate({key: value for key, value in values.items() if value is not None})
    except ValidationError as error:
        detail = error.errors()[0]
        name = ".".join(str(part) for part in detail["loc"]) or "arguments"
        message = detail["msg"].removeprefix("Value error, ")
        raise SpiderArgumentError(f"spider {spider}: argument {name}: {message}") from None
