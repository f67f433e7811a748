"""The closed vocabularies curated data keeps to; seeds/README.md defines each term.

The seed loader and the curation API both check against these, so a kind or tag that is
not listed here cannot enter the database by either way. Reads and the command line take
a term in any case (`SUMMIT`) and refuse an unknown one with the closest terms (term()).
"""

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, WithJsonSchema
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

MAX_SUGGESTIONS = 3


def closest(value: str, allowed: Iterable[str]) -> list[str]:
    """The allowed names nearest to `value`, nearest first (none when nothing is close)."""
    by_folded = {name.casefold(): name for name in allowed}
    close = difflib.get_close_matches(value.casefold(), by_folded, n=MAX_SUGGESTIONS, cutoff=0.6)
    return [by_folded[name] for name in close]


class UnknownTerm(ValueError):
    def __init__(self, value: str, allowed: Sequence[str]) -> None:
        super().__init__(f"{value!r} is not one of {', '.join(allowed)}")
        self.suggestions = closest(value, allowed)


def term(value: str, allowed: Sequence[str]) -> str:
    """`value` as `allowed` spells it, whatever its case; UnknownTerm when it is none."""
    folded = value.casefold()
    for candidate in allowed:
        if candidate.casefold() == folded:
            return candidate
    raise UnknownTerm(value, allowed)


@dataclass(frozen=True)
class OneOf:
    """Annotated metadata for a parameter of a closed vocabulary: read with term(), so that
    any case is accepted and an unknown value is a validation error carrying the closest
    terms (`suggestions`); documented as an enum."""

    allowed: tuple[str, ...]

    def check(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return term(value, self.allowed)
        except UnknownTerm as error:
            context = {"message": str(error), "suggestions": error.suggestions}
            raise PydanticCustomError("unknown_term", "{message}", context) from error

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_before_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "enum": list(self.allowed)}


EVENT_KINDS: tuple[str, ...] = (
    "summit",
    "meeting",
    "visit",
    "speech",
    "statement",
    "threat",
    "weapons-test",
    "military-action",
    "agreement",
    "policy",
    "sanctions",
    "election",
    "inauguration",
    "war",
    "publication",
    "death",
    "founding",
    "demolition",
    "negotiation",
    "other",
)

TAGS: tuple[str, ...] = (
    "alliances",
    "cold-war",
    "covert-action",
    "cuba",
    "denuclearization",
    "diplomacy",
    "economy",
    "elections",
    "germany",
    "inter-korean",
    "iran",
    "japan",
    "leadership",
    "media",
    "military",
    "missiles",
    "nonproliferation",
    "nuclear",
    "russia",
    "sanctions",
    "trade",
    "un",
    "unification",
    "us-china",
    "us-politics",
    "war",
)

PLACE_KINDS: tuple[str, ...] = ("city", "country", "site", "region", "building", "sea")


def documented(allowed: Sequence[str]) -> WithJsonSchema:
    """Annotated metadata documenting a string field as an enum, for fields that writes
    check themselves (to name every bad field of a body in one answer)."""
    return WithJsonSchema({"type": "string", "enum": list(allowed)})
