"""The languages every title, summary, date note, name, description and displayed date
exists in, and which one a reader gets: `lang=de|en` when given, else the best of
`Accept-Language` (RFC 9110: quality values honoured, `de-AT` is German, `*` any), else
English.

A text missing in the chosen language falls back to the other one; an answer names the
language it shows (`title_lang`, `summary_lang`, `date_note_lang`, `name_lang`,
`description_lang`).
"""

from collections.abc import Mapping
from typing import Literal, get_args

Lang = Literal["en", "de"]
LANGUAGES: tuple[Lang, ...] = get_args(Lang)
DEFAULT: Lang = "en"


def as_lang(tag: str) -> Lang | None:
    """The language of a language tag (`de`, `de-CH`, `EN_us`), if it is one of ours."""
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGUAGES else None


def from_accept_language(header: str | None) -> Lang:
    """The language `Accept-Language` prefers among ours; English when it names none."""
    best: tuple[float, int, Lang] | None = None
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        lang = DEFAULT if tag.strip() == "*" else as_lang(tag)
        if lang is None or not 0 < quality <= 1:
            continue
        if best is None or (quality, -position) > (best[0], -best[1]):
            best = (quality, position, lang)
    return best[2] if best else DEFAULT


def chosen(lang: str | None, accept_language: str | None) -> Lang:
    """The reader's language: `lang` when it is one of ours, else Accept-Language's."""
    if lang in LANGUAGES:
        return lang
    return from_accept_language(accept_language)


def pick(texts: Mapping[str, str | None], lang: Lang) -> tuple[str | None, Lang | None]:
    """The text in `lang`, else in the other language, and the language it is in."""
    for candidate in (lang, *(other for other in LANGUAGES if other != lang)):
        if texts.get(candidate):
            return texts[candidate], candidate
    return None, None
