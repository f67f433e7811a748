"""`timeline db backup`, and the restore the README describes, round trip every row."""

import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from app import backups, transfer
from tests.conftest import Databases


@pytest.mark.usefixtures("backup_tools")
def test_a_backup_restores_to_the_same_rows(
    databases: Databases, fresh_seeded_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "timeline.backup"
    backups.backup(fresh_seeded_url, path)
    if databases.engine == "sqlite":
        restored = f"sqlite:///{path}"
    else:
        pg_restore = str(shutil.which("pg_restore"))
        restored = databases.new()
        plain = make_url(restored).set(drivername="postgresql").render_as_string(False)
        subprocess.run(
            [pg_restore, "--no-owner", "--exit-on-error", "--dbname", plain, str(path)],
            check=True,
            capture_output=True,
        )
    checks = transfer.compare(fresh_seeded_url, restored)
    assert [check.table for check in checks if not check.ok] == []
