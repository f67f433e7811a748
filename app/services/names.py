"""Writing actors and places together with their aliases."""

from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, col, delete, select

from app import documents
from app.actors import Names, normalize
from app.models import utcnow


class DuplicateName(ValueError):
    """A name that already belongs to another actor or place (`owner`)."""

    def __init__(self, alias: str, owner: str) -> None:
        super().__init__(f"the name {alias!r} already belongs to {owner!r}")
        self.alias = alias
        self.owner = owner


def put(
    session: Session, names: Names, *, id: str, aliases: Iterable[str] = (), **fields: Any
) -> bool:
    """Creates or updates an actor or place to be exactly as given; True when anything changed.

    The id and the names (English `name`, German `name_de`) are aliases too, so that
    resolution is one lookup in either language.
    """
    wanted: dict[str, str] = {}
    for alias in (fields["name"], fields.get("name_de") or "", id, *aliases):
        if key := normalize(alias):
            wanted.setdefault(key, alias)
    taken = session.exec(
        select(names.alias.alias, names.owner).where(
            col(names.alias.normalized).in_(list(wanted)), names.owner != id
        )
    ).first()
    if taken is not None:
        raise DuplicateName(taken[0], taken[1])

    entity = session.get(names.entity, id)
    current = dict(
        session.exec(
            select(col(names.alias.normalized), col(names.alias.alias)).where(names.owner == id)
        ).all()
    )
    unchanged = entity is not None and all(getattr(entity, k) == v for k, v in fields.items())
    if unchanged and current == wanted:
        return False
    if entity is None:
        session.add(names.entity(id=id, **fields))
    else:
        for key, value in fields.items():
            setattr(entity, key, value)
        entity.updated_at = utcnow()
    session.flush()
    session.exec(delete(names.alias).where(names.owner == id))
    session.add_all(
        names.alias.model_validate({names.owner_field: id, "alias": alias, "normalized": key})
        for key, alias in wanted.items()
    )
    session.flush()
    if entity is not None:
        documents.refresh_showing(session, names.entity, id)
    return True
