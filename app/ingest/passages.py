"""Splitting an article into passages with exact character offsets."""

import re


def split_passages(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, with surrounding white space trimmed.

    A paragraph is a run of lines; in news text a single line break usually ends one.
    """
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start, end = line.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans
