"""The closed vocabularies curated data keeps to; seeds/README.md defines each term.

The seed loader and the curation API both check against these, so a kind or tag that is
not listed here cannot enter the database by either way.
"""

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
