"""Curators' writes to actors and places, aliases included (through app.services.names).

A name or alias that already belongs to another actor (or place) is refused with 409
naming the field that holds it: `name`, `id` or `aliases.N`. A name, and an actor's
description, is given in English and German, or in one of them
(app.services.event_input.texts); both names are aliases.
"""

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictFloat
from sqlmodel import Session, select

from app.actors import ACTORS, PLACES, Names, normalize
from app.languages import DEFAULT, Lang
from app.models import ACTOR_KINDS
from app.services import names, versions
from app.services.errors import Conflict, NotFound, Problems
from app.services.event_input import ID_PATTERN, TEXTS_DESCRIPTION, SummaryTexts, slug, texts
from app.vocabulary import PLACE_KINDS, documented

Latitude = Field(default=None, ge=-90, le=90, description="Decimal degrees, WGS84.")
Longitude = Field(default=None, ge=-180, le=180, description="Decimal degrees, WGS84.")


Name = Annotated[str, Field(min_length=1, max_length=200)]


class NameTexts(BaseModel):
    """A name in each language; one left out is kept (PATCH) or absent (POST)."""

    model_config = ConfigDict(extra="forbid")

    en: Name | None = None
    de: Name | None = None


class DescriptionTexts(SummaryTexts):
    """A description in each language; one left out is kept, one null is cleared."""


class NamedFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name | NameTexts | None = Field(default=None, description=TEXTS_DESCRIPTION)
    kind: str | None = None
    aliases: list[str] | None = Field(default=None, description="Replaces all aliases.")


class ActorUpdate(NamedFields):
    description: str | DescriptionTexts | None = Field(default=None, description=TEXTS_DESCRIPTION)


class ActorCreate(ActorUpdate):
    id: str | None = Field(default=None, pattern=ID_PATTERN, description="Or made from name.")
    name: Name | NameTexts = Field(description=TEXTS_DESCRIPTION)
    kind: Annotated[str, documented(ACTOR_KINDS)] = Field(description="What the actor is.")


class PlaceUpdate(NamedFields):
    lat: StrictFloat | None = Latitude  # strict: `true` is no coordinate
    lon: StrictFloat | None = Longitude


class PlaceCreate(PlaceUpdate):
    id: str | None = Field(default=None, pattern=ID_PATTERN, description="Or made from name.")
    name: Name | NameTexts = Field(description=TEXTS_DESCRIPTION)


KINDS = {ACTORS: (ACTOR_KINDS, False), PLACES: (PLACE_KINDS, True)}
FIELDS = {
    ACTORS: ("name", "name_de", "kind", "description", "description_de"),
    PLACES: ("name", "name_de", "kind", "lat", "lon"),
}
TEXTS = {ACTORS: ("name", "description"), PLACES: ("name",)}  # each also in German (`_de`)


def create(session: Session, *, table: Names, draft: NamedFields, written: Lang = DEFAULT) -> str:
    """Stores a new actor or place (texts given as strings are in `written`); its id."""
    fields = {name: getattr(draft, name, None) for name in FIELDS[table]}
    for text in TEXTS[table]:
        fields |= {text: None, f"{text}_de": None} | texts(text, getattr(draft, text), written)
    entity_id = getattr(draft, "id", None) or slug(str(fields["name"] or fields["name_de"] or ""))
    if not entity_id:
        raise Conflict("the name makes no id", [{"param": "id", "message": "is needed"}])
    if session.get(table.entity, entity_id) is not None:
        raise Conflict(
            f"{entity_id!r} exists", [{"param": "id", "message": f"{entity_id!r} is taken"}]
        )
    _save(session, table, entity_id, fields, draft.aliases or [], draft.model_fields_set)
    return entity_id


def update(
    session: Session, *, table: Names, entity_id: str, patch: NamedFields, written: Lang = DEFAULT
) -> None:
    """Changes the fields given; `aliases`, when given, replaces them all; a name or a
    description merges per language."""
    entity = session.get(table.entity, entity_id)
    if entity is None:
        raise NotFound(f"no {table.entity.__tablename__} has the id {entity_id!r}")
    given = patch.model_fields_set
    fields = {
        name: getattr(patch if name in given and name not in TEXTS[table] else entity, name)
        for name in FIELDS[table]
    }
    fields["name"] = fields["name"] or None  # '' is no English name
    for text in TEXTS[table]:
        if text in given:
            fields.update(texts(text, getattr(patch, text), written))
    aliases = patch.aliases
    if aliases is None:
        aliases = list(session.exec(select(table.alias.alias).where(table.owner == entity_id)))
    _save(session, table, entity_id, fields, aliases, given)


def _save(
    session: Session,
    table: Names,
    entity_id: str,
    fields: dict[str, Any],
    aliases: list[str],
    given: set[str],
) -> None:
    problems = Problems()
    kinds, nullable = KINDS[table]
    if not (fields["name"] or fields["name_de"]):
        problems.add("name", "may not be null: it needs a text in en or de")
    if not (fields["kind"] in kinds or (nullable and fields["kind"] is None)):
        problems.add("kind", f"must be one of {', '.join(kinds)}")
    problems.check()
    stored = {**fields, "name": fields["name"] or ""}  # '' is no English name (app.models)
    try:
        changed = names.put(session, table, id=entity_id, aliases=aliases, **stored)
    except names.DuplicateName as error:
        param = _holder(error.alias, entity_id, fields, aliases, given)
        raise Conflict(str(error), [{"param": param, "message": str(error)}]) from error
    if changed:
        versions.bump(session)


def _holder(
    alias: str, entity_id: str, fields: dict[str, Any], aliases: list[str], given: set[str]
) -> str:
    """Which field of the request holds the name that another one has."""
    key = normalize(alias)
    for n, candidate in enumerate(aliases):
        if normalize(candidate) == key and "aliases" in given:
            return f"aliases.{n}"
    if key in (normalize(fields["name"] or ""), normalize(fields["name_de"] or "")):
        return "name"
    return "id" if normalize(entity_id) == key else "aliases"
