"""The source registry (`sources.toml`): which employer boards to crawl and on what permission.

Spiders read it for their default boards (`enabled = true`) and for employer names the APIs
do not carry; `ma-demand sources` lists it and `ma-demand sources probe` checks each board.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

STATUSES = ("confirmed", "candidate")


class RegistryError(ValueError):
    """The registry file is missing a field or holds a value it should not."""


@dataclass(frozen=True)
class Board:
    source: str
    token: str
    employer: str
    status: str
    enabled: bool
    permission: str
    note: str = ""


@dataclass(frozen=True)
class ExcludedSource:
    name: str
    reason: str


@dataclass(frozen=True)
class Registry:
    version: int
    boards: tuple[Board, ...]
    not_collected: tuple[ExcludedSource, ...]

    def boards_for(self, source: str, *, enabled_only: bool = True) -> list[Board]:
        return [b for b in self.boards if b.source == source and (b.enabled or not enabled_only)]

    def employer(self, source: str, token: str) -> str | None:
        for board in self.boards:
            if board.source == source and board.token == token:
                return board.employer
        return None


def default_path() -> Path:
    return Path(str(resources.files("crawler").joinpath("sources.toml")))


def read_toml(path: str | Path | None, packaged: str, what: str) -> dict:
    """The TOML at `path`, else the packaged crawler/<packaged>; a missing or broken file raises
    RegistryError naming `what` ("source registry") and the path."""
    # The packaged file is read as a resource, so the registry also loads from a zipped egg (Scrapyd).
    source = Path(path) if path else resources.files("crawler").joinpath(packaged)
    shown = source if path else Path(str(source))
    try:
        return tomllib.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegistryError(f"{what} {shown} not found") from None
    except tomllib.TOMLDecodeError as error:
        raise RegistryError(f"{what} {shown} is not valid TOML: {error}") from None


def load_registry(path: str | Path | None = None) -> Registry:
    """Read and check the registry; a fault raises RegistryError naming the entry and field."""
    data = read_toml(path, "sources.toml", "source registry")
    boards = tuple(_board(entry, number) for number, entry in enumerate(data.get("board", []), start=1))
    seen: set[tuple[str, str]] = set()
    for board in boards:
        if (board.source, board.token) in seen:
            raise RegistryError(f"board {board.source}:{board.token} is listed twice")
        seen.add((board.source, board.token))
    excluded = tuple(
        ExcludedSource(name=_text(entry, "name", f"not_collected #{n}"), reason=_text(entry, "reason", f"not_collected #{n}"))
        for n, entry in enumerate(data.get("not_collected", []), start=1)
    )
    return Registry(version=int(data.get("version", 1)), boards=boards, not_collected=excluded)


def _board(entry: dict, number: int) -> Board:
    where = f"board #{number}"
    status = _text(entry, "status", where)
    if status not in STATUSES:
        raise RegistryError(f"{where}: status must be one of {', '.join(STATUSES)}, not {status!r}")
    enabled = entry.get("enabled", False)
    if not isinstance(enabled, bool):
        raise RegistryError(f"{where}: enabled must be true or false")
    return Board(
        source=_text(entry, "source", where), token=_text(entry, "token", where),
        employer=_text(entry, "employer", where), status=status, enabled=enabled,
        permission=_text(entry, "permission", where), note=str(entry.get("note", "")),
    )


def _text(entry: dict, key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RegistryError(f"{where}: {key} is missing or empty")
    return value.strip()
