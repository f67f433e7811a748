"""The command line as a person meets it: help that names values as the README does, and
progress bars on a terminal (a real pseudo-terminal) that never reach scripts and pipes."""

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from app import transfer
from app.cli import app
from tests.conftest import SEEDS_DIR, LiveServer

HELP = {
    "export": ["--actor NAME", "--from DATE", "--to DATE", "--article ID", "--output FILE",
               "--format json|ndjson|csv|ics|timelinejs", "--bom"],
    "pull": ["--server URL", "--output FILE", "--since STATE", "--kind KIND", "--tag TAG"],
    "ingest": ["FILE", "--published DATE", "--language de|en"],
    "serve": ["--host HOST", "--port PORT", "--workers N"],
    "seed": [],
    "db copy": ["--from URL", "--to URL"],
    "db backup": ["PATH"],
    "db restore": ["PATH"],
    "db upgrade": ["REV"],
    "db downgrade": ["REV"],
    "db current": [],
}  # fmt: skip
COMMAND = [sys.executable, "-c", "from app.cli import app; app()"]


@pytest.mark.parametrize("command", ["", "db", *HELP])
def test_help_names_values_as_the_readme_does_and_no_python_type(command: str) -> None:
    answer = CliRunner().invoke(app, [*command.split(), "--help"], terminal_width=200)
    assert answer.exit_code == 0, answer.output
    assert "<" not in answer.output and "list[" not in answer.output
    for shown in HELP.get(command, []):
        assert shown in answer.output


def on_terminal(arguments: list[str], env: dict[str, str], cwd: Path) -> str:
    """What the command writes when standard output and error are a terminal."""
    parent, child = pty.openpty()
    process = subprocess.Popen(
        [*COMMAND, *arguments],
        stdin=subprocess.DEVNULL,
        stdout=child,
        stderr=child,
        env={**os.environ, **env},
        cwd=cwd,
    )
    os.close(child)
    written = b""
    while True:
        try:
            chunk = os.read(parent, 65536)
        except OSError:  # EIO: the command closed the terminal
            break
        if not chunk:
            break
        written += chunk
    os.close(parent)
    assert process.wait(timeout=120) == 0, written.decode(errors="replace")
    return written.decode(errors="replace")


def piped(arguments: list[str], env: dict[str, str], cwd: Path) -> str:
    """Standard error of the command in a script: nothing is a terminal."""
    answer = subprocess.run(
        [*COMMAND, *arguments],
        env={**os.environ, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert answer.returncode == 0, answer.stderr
    return answer.stderr


def events_in(path: Path) -> int:
    return path.read_bytes().count(b"\n")


def test_export_to_a_file_shows_progress_on_a_terminal_only(
    seeded_url: str, tmp_path: Path
) -> None:
    env = {"DATABASE_URL": seeded_url}
    arguments = ["export", "--format", "ndjson", "--output"]
    shown = on_terminal([*arguments, "shown.ndjson"], env, tmp_path)
    total = events_in(tmp_path / "shown.ndjson")
    assert "exporting" in shown and f"{total}/{total}" in shown
    assert piped([*arguments, "quiet.ndjson"], env, tmp_path) == ""
    assert (tmp_path / "quiet.ndjson").read_bytes() == (tmp_path / "shown.ndjson").read_bytes()


def test_pull_shows_its_bar_towards_the_total_on_a_terminal_only(
    server: LiveServer, tmp_path: Path
) -> None:
    arguments = ["pull", "--server", server.url, "--format", "ndjson", "--output"]
    shown = on_terminal([*arguments, "shown.ndjson"], {}, tmp_path)
    total = events_in(tmp_path / "shown.ndjson")
    assert "pulling" in shown and f"{total}/{total}" in shown
    assert "0/1" not in shown  # the total is known before the first page
    quiet = piped([*arguments, "quiet.ndjson"], {}, tmp_path)
    assert "pulling" not in quiet and "/" not in quiet


def test_seed_copy_and_ingest_show_progress_on_a_terminal_only(
    empty_url: str, tmp_path: Path
) -> None:
    seeded = len(yaml.safe_load((SEEDS_DIR / "events.yaml").read_text(encoding="utf-8")))
    shown = on_terminal(["seed"], {"DATABASE_URL": empty_url}, tmp_path)
    assert "seeding" in shown and f"{seeded}/{seeded}" in shown
    assert "seeding" not in piped(["seed"], {"DATABASE_URL": empty_url}, tmp_path)
    texts = []
    for n in range(2):
        texts.append(tmp_path / f"article-{n}.txt")
        texts[-1].write_text(f"Am 12. Juni 2018 trafen sich Trump und Kim ({n}).", "utf-8")
    env = {"DATABASE_URL": empty_url}
    ingested = on_terminal(["ingest", *map(str, texts)], env, tmp_path)
    assert "ingesting" in ingested and "2/2" in ingested
    assert "ingesting" not in piped(["ingest", *map(str, texts)], env, tmp_path)
    copy = ["db", "copy", "--from", empty_url, "--to"]
    assert "copying rows" in on_terminal([*copy, f"sqlite:///{tmp_path / 'a.db'}"], {}, tmp_path)
    assert "copying rows" not in piped([*copy, f"sqlite:///{tmp_path / 'b.db'}"], {}, tmp_path)


@pytest.mark.usefixtures("backup_tools")
def test_backup_and_restore_show_progress_on_a_terminal_only(
    seeded_url: str, empty_url: str, tmp_path: Path
) -> None:
    backup = ["db", "backup"]
    shown = on_terminal([*backup, "shown.backup"], {"DATABASE_URL": seeded_url}, tmp_path)
    assert "backing up" in shown and re.search(r" (\d+)/\1\b", shown), shown
    assert piped([*backup, "quiet.backup"], {"DATABASE_URL": seeded_url}, tmp_path) == ""
    restore = ["db", "restore", "shown.backup"]
    restored = on_terminal(restore, {"DATABASE_URL": empty_url}, tmp_path)
    assert "restoring" in restored and re.search(r" (\d+)/\1\b", restored), restored
    assert piped(restore, {"DATABASE_URL": empty_url}, tmp_path) == ""
    assert [check.table for check in transfer.compare(seeded_url, empty_url) if not check.ok] == []
