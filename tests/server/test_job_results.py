"""An upload job's result is the file `banwatch screen --format csv|xlsx|jsonl` writes for the
same file and profile, byte for byte (XLSX: every part of the workbook but the time it was
written), streamed from the stored findings; on a SQLite file and on PostgreSQL."""

from __future__ import annotations

import io
import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from banwatch.server.results import CHUNK

from ..cli_support import BANWATCH
from .test_jobs_api import finished

HEAD = "supplier,model,notes\n"
ODD = [
    "EZVIZ Inc.,CS-C6N,lobby",
    'Hikvision,"=HYPERLINK(""x"")","two\nlines"',
    "Huawei Technologies,,+1 555 0100",
    "海康威视,,@note",
    "Acme Office Supplies,-5,",
]
FILLER = "Acme Office Supplies {n},Model {n},a note long enough to fill the file a little faster"
# More than one chunk of CSV, so the stream's seams are in the bytes compared.
ROWS = 2 * CHUNK // len(FILLER)
PROFILE = ["--jurisdiction", "CA", "--sector", "government", "--as-of", "2025-08-15"]
FORM = {"jurisdictions": "CA", "sector": "government", "as_of": "2025-08-15"}


@pytest.fixture(scope="module")
def inventory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("inventory") / "inventory.csv"
    lines = [*ODD, *(FILLER.format(n=n) for n in range(ROWS))]
    path.write_text(HEAD + "\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def written(inventory: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """What `banwatch screen` writes for the inventory in each format (run where it lies, so
    each finding's `file` is its name, as an upload's is)."""
    home = tmp_path_factory.mktemp("cli-home")
    env = {**os.environ, "BANWATCH_HOME": str(home)}
    env.pop("BANWATCH_DATABASE_URL", None)
    files = {}
    for fmt in ("csv", "xlsx", "jsonl"):
        out = inventory.parent / f"screened.{fmt}"
        args = [str(BANWATCH), "screen", inventory.name, "--format", fmt, "--output", out.name]
        done = subprocess.run(
            [*args, *PROFILE, "--no-save", "--quiet"],
            cwd=inventory.parent,
            env=env,
            capture_output=True,
            timeout=600,
            check=False,
        )
        assert done.returncode == 0, done.stderr.decode()
        files[fmt] = out.read_bytes()
    return files


@pytest.fixture(scope="module")
def job_id(client: TestClient, inventory: Path) -> str:
    started = client.post(
        "/screen/upload", files={"file": (inventory.name, inventory.read_bytes())}, data=FORM
    )
    job = finished(client, started.json()["job_id"])
    assert job["status"] == "done" and job["progress"]["rows_screened"] == ROWS + len(ODD), job
    return str(job["job_id"])


def parts(book: bytes) -> dict[str, bytes]:
    """A workbook's parts, the time written (docProps/core.xml's dates) left out."""
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        found = {name: z.read(name) for name in z.namelist()}
    stamp = rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>"
    found["docProps/core.xml"] = re.sub(stamp, b"", found["docProps/core.xml"])
    return found


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_the_result_is_the_file_banwatch_screen_writes(
    client: TestClient, job_id: str, written: dict[str, bytes], fmt: str
) -> None:
    result = client.get(f"/jobs/{job_id}/result", params={"format": fmt})
    assert result.status_code == 200
    assert len(result.content) > CHUNK  # sent in more than one chunk
    assert result.content == written[fmt]
    assert "content-length" not in result.headers  # streamed, not built whole first


def test_the_workbook_is_the_one_banwatch_screen_writes(
    client: TestClient, job_id: str, written: dict[str, bytes]
) -> None:
    result = client.get(f"/jobs/{job_id}/result", params={"format": "xlsx"})
    assert result.status_code == 200
    assert parts(result.content) == parts(written["xlsx"])
    assert result.headers["content-disposition"].endswith('.xlsx"')
