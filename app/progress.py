"""Progress of the long commands: a bar on a terminal, nothing in scripts and pipes."""

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

import click

Progress = Callable[[int, int | None], None]  # (done, total if known)


def ignore(_done: int, _total: int | None) -> None:
    """The progress of a command that nobody watches."""


def on_terminal() -> bool:
    """Whether a bar would be drawn: standard error is a terminal."""
    return sys.stderr.isatty()


@contextmanager
def bar(label: str) -> Iterator[Progress]:
    """A Progress that draws a bar on standard error when it is a terminal, and does
    nothing otherwise. The bar appears at the first report, so that it starts with its
    total rather than a guess."""
    if not on_terminal():
        yield ignore
        return
    with ExitStack() as stack:
        drawn: list[Any] = []

        def update(done: int, total: int | None) -> None:
            if not drawn:
                drawn.append(
                    stack.enter_context(
                        click.progressbar(
                            length=max(total or done, 1),
                            label=label,
                            file=sys.stderr,
                            show_pos=True,
                        )
                    )
                )
            progressbar = drawn[0]
            progressbar.length = max(total or 0, done, 1)
            progressbar.update(done - progressbar.pos)

        yield update
