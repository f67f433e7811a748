"""`timeline pull`: a copy of a remote server's events, kept up to date.

A full pull pages through GET /events; with a state file, the next pull pages through
GET /changes from the position the state file records, and merges the changes into a
copy of the events kept beside the state file (STATE.ndjson), so that the output stays
exactly what a full pull (or `timeline export` on the server) would write.

Pages are appended to OUTPUT.part and the position after each page is recorded in
OUTPUT.part.json, so that a pull that was interrupted continues where it stopped (the part
file is cut back to the last recorded page). The output, the copy and the state file are
replaced by renames only when the pull is complete. Connection errors and 5xx answers are
retried with exponential backoff, a bounded number of times.
"""

import heapq
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import orjson

from app import exports
from app.dates import PRECISIONS
from app.formats.ndjson import dumps
from app.progress import Progress, ignore

PAGE = 500  # events per request
RETRIES = 6
MAX_BACKOFF = 30.0
Json = dict[str, Any]


class PullError(RuntimeError):
    """A pull that cannot go on: refused by the server, or it stayed unreachable."""


@dataclass
class Journal:
    """Where an unfinished pull stands: the next page to ask for and the part file's size."""

    server: str
    params: dict[str, list[str]]
    mode: str
    since: int | None
    next: str | None
    size: int = 0
    done: int = 0
    total: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _save_json(path: Path, value: Any) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(orjson.dumps(value))
    os.replace(temporary, path)


def _load_json(path: Path) -> Any:
    try:
        return orjson.loads(path.read_bytes())
    except (FileNotFoundError, orjson.JSONDecodeError):
        return None


class Remote:
    """GETs with bounded retries on connection errors and 5xx answers."""

    def __init__(self, server: str, backoff: float = 0.5, retries: int = RETRIES) -> None:
        parts = urlsplit(server)
        self.base = f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"
        self.backoff = backoff
        self.retries = retries
        self.http = httpx.Client(timeout=60, headers={"Accept": "application/json"})

    def get(self, path_and_query: str, params: dict[str, Any] | None = None) -> Json:
        for attempt in range(self.retries + 1):
            try:
                response = self.http.get(self.base + path_and_query, params=params)
            except httpx.TransportError as error:
                failure = f"{type(error).__name__}: {error}"
            else:
                if response.status_code < 500:
                    break
                failure = f"HTTP {response.status_code}"
            if attempt == self.retries:
                raise PullError(f"{self.base} did not answer after {attempt + 1} tries: {failure}")
            time.sleep(min(self.backoff * 2**attempt, MAX_BACKOFF))
        if response.status_code != 200:
            detail = (
                response.json().get("detail")
                if "json" in response.headers.get("content-type", "")
                else response.text[:200]
            )
            raise PullError(f"the server refused the pull (HTTP {response.status_code}): {detail}")
        body: Json = response.json()
        return body

    def close(self) -> None:
        self.http.close()


def _path_and_query(url: str) -> str:
    """The path and query of a server's `next` link, to ask again from our own base URL."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _sort_key(event: Json) -> tuple[str, int, str]:
    return event["date"]["start"], PRECISIONS.index(event["date"]["precision"]), event["id"]


def _read_ndjson(path: Path) -> Iterator[Json]:
    with suppress(FileNotFoundError), path.open("rb") as lines:
        for line in lines:
            if line.strip():
                yield orjson.loads(line)


def _merged(copy: Path, changes: Path) -> Iterator[Json]:
    """The copy with the changes applied, in the contract's date order."""
    changed: dict[str, Json] = {}
    for item in _read_ndjson(changes):
        changed[item["id"]] = item
    kept = (event for event in _read_ndjson(copy) if event["id"] not in changed)
    live = sorted(
        (
            {k: v for k, v in item.items() if k not in ("deleted", "change_seq")}
            for item in changed.values()
            if not item["deleted"]
        ),
        key=_sort_key,
    )
    return heapq.merge(kept, live, key=_sort_key)


def _write_atomically(path: Path, chunks: Iterable[str]) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8", newline="") as out:
        for chunk in chunks:
            out.write(chunk)
    os.replace(temporary, path)


def _fetch(
    remote: Remote, journal: Journal, part: Path, journal_path: Path, progress: Progress
) -> None:
    """Appends every remaining page to `part`, recording the position after each one."""
    with part.open("ab") as out:
        out.truncate(journal.size)
        out.seek(journal.size)
        while journal.next is not None:
            page = remote.get(journal.next)
            out.write(b"".join(dumps(item).encode() + b"\n" for item in page["items"]))
            out.flush()
            os.fsync(out.fileno())
            journal.size = out.tell()
            journal.done += len(page["items"])
            journal.extra["since"] = page.get("since", journal.extra.get("since"))
            journal.next = _path_and_query(page["next"]) if page["next"] else None
            _save_json(journal_path, asdict(journal))
            progress(journal.done, journal.total)


def _first_page(path: str, params: dict[str, list[str]], extra: dict[str, str]) -> str:
    query = httpx.QueryParams({**params, **extra})
    return f"{path}?{query}"


def pull(
    server: str,
    params: dict[str, list[str]],
    fmt: str,
    output: Path,
    state_file: Path | None = None,
    progress: Progress = ignore,
    backoff: float = 0.5,
    retries: int = RETRIES,
    page_size: int = PAGE,
) -> Journal:
    """Pulls into `output`; with `state_file`, incrementally when it holds a position."""
    part = output.with_name(output.name + ".part")
    journal_path = output.with_name(output.name + ".part.json")
    copy = state_file.with_name(state_file.name + ".ndjson") if state_file else None
    state = _load_json(state_file) if state_file else None
    if state is not None and (state.get("server") != server or state.get("params") != params):
        raise PullError(f"{state_file} belongs to another server or other filters")
    since = state["since"] if state else None
    mode = "changes" if since is not None else "events"
    remote = Remote(server, backoff, retries)
    try:
        journal = Journal(server, params, mode, since, None)
        saved = _load_json(journal_path)
        if saved and {k: saved.get(k) for k in ("server", "params", "mode", "since")} == {
            "server": server,
            "params": params,
            "mode": mode,
            "since": since,
        }:
            journal = Journal(**saved)
        else:
            part.unlink(missing_ok=True)
            path, where = "/events", {}
            if mode == "changes":
                path, where = "/changes", {"since": str(since)}
            elif state_file is not None:
                journal.extra["since"] = remote.get("/changes")["since"]
            counted = remote.get(
                _first_page(path, params, {**where, "limit": "1", "count": "true"})
            )
            journal.total = counted["total"]
            journal.next = _first_page(path, params, {**where, "limit": str(page_size)})
            _save_json(journal_path, asdict(journal))
        progress(journal.done, journal.total)
        _fetch(remote, journal, part, journal_path, progress)
    finally:
        remote.close()
    events: Iterable[Json] = (
        _merged(copy, part) if mode == "changes" and copy else _read_ndjson(part)
    )
    if copy is not None and state_file is not None:
        _write_atomically(copy, (dumps(event) + "\n" for event in events))
        events = _read_ndjson(copy)
    _write_atomically(output, exports.render(fmt, events))
    if state_file is not None:
        _save_json(
            state_file, {"server": server, "params": params, "since": journal.extra["since"]}
        )
    part.unlink(missing_ok=True)
    journal_path.unlink(missing_ok=True)
    return journal
