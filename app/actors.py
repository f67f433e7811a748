"""Name normalisation and alias resolution for actors, and in the same way for places.

A name matches when it is equal after folding case and accents and dropping everything
that is not a letter or digit: `kim`, `Kim Jong-un` and `KIM-JONG-UN` are one actor.
"""

import difflib
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Connection, Select, bindparam
from sqlmodel import col, select

from app.db import driver_rows
from app.models import Actor, ActorAlias, Place, PlaceAlias

MAX_SUGGESTIONS = 5


def normalize(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    kept = (c for c in decomposed if c.isalnum() and not unicodedata.combining(c))
    return "".join(kept).casefold()


@dataclass(frozen=True)
class Names:
    """A table of named things (actors, places) and the table of their aliases."""

    entity: type[Actor] | type[Place]
    alias: type[ActorAlias] | type[PlaceAlias]
    owner_field: str

    @property
    def owner(self) -> Any:
        return getattr(self.alias, self.owner_field)


ACTORS = Names(Actor, ActorAlias, "actor_id")
PLACES = Names(Place, PlaceAlias, "place_id")


class Unresolved(LookupError):
    """A name that matches nothing; `suggestions` are the closest ids."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        super().__init__(name)
        self.name = name
        self.suggestions = suggestions


class Resolved:
    """Names resolved at one data version, by one app (versions are its database's): a
    name means the same until a write, which bumps the version, changes an alias. Saves
    filtered pages a statement (on PostgreSQL a round trip) each."""

    MAX_NAMES = 10_000

    def __init__(self) -> None:
        self.version = -1
        self.ids: dict[tuple[str, str], str] = {}

    def at(self, version: int | None) -> dict[tuple[str, str], str] | None:
        """The names resolved at `version` (read before they are used, so that a name kept
        was resolved at that version or a newer one); None for an older or no version."""
        if version is None or version < self.version:
            return None
        if version > self.version:
            self.version, self.ids = version, {}
        return self.ids if len(self.ids) < self.MAX_NAMES else None


def resolve(
    conn: Connection, names: Names, name: str, known: dict[tuple[str, str], str] | None = None
) -> str:
    """The id of the one actor or place that goes by `name`, as `known` (Resolved.at) has it
    or read and kept there; raises Unresolved."""
    key = (names.alias.__name__, normalize(name))
    if known is not None and key in known:
        return known[key]
    found = driver_rows(conn, _lookup(names), {"key": key[1]}) if key[1] else None
    if not found:
        raise Unresolved(name, suggest(conn, names, key[1]))
    if known is not None:
        known[key] = str(found[0][0])
    return str(found[0][0])


@cache
def _lookup(names: Names) -> Select[Any]:
    """Built once per table: a name is resolved on every filtered request."""
    return select(names.owner).where(col(names.alias.normalized) == bindparam("key"))


def suggest(conn: Connection, names: Names, key: str) -> list[str]:
    rows = conn.execute(select(names.alias.normalized, names.owner)).all()
    by_alias = {alias: str(owner_id) for alias, owner_id in rows}
    close = difflib.get_close_matches(key, by_alias, n=MAX_SUGGESTIONS * 3, cutoff=0.6)
    return list(dict.fromkeys(by_alias[alias] for alias in close))[:MAX_SUGGESTIONS]
