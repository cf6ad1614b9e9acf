"""`POST /screen`: records from a request body screened exactly as a JSON lines file's rows.

The records are written to a private temporary JSON lines file and read by
the same reader as `banwatch screen records.jsonl`, so columns, roles and
cells mean the same in both; the run goes through `pipeline.run_screening`
with the JSON lines writer, so each finding is the line the CLI writes. The
response is built around those lines without parsing them again.
"""

from __future__ import annotations

import io
import tempfile
from datetime import date
from pathlib import Path

import orjson

from banwatch.alerts.saved_runs import audit_screening, open_run_alerts
from banwatch.errors import UsageError
from banwatch.jurisdictions import check_jurisdiction
from banwatch.model.findings import Finding
from banwatch.model.profile import Profile
from banwatch.pipeline import run_screening
from banwatch.readers import ColumnChoices, Inputs, reader_for
from banwatch.readers import input_file as read_header
from banwatch.requests import profile_from_options
from banwatch.writers.jsonish import JsonLinesWriter

from .errors import TooLargeError
from .schemas import MAX_RECORDS, ProfileBody, ScreenBody
from .state import Loaded

LABEL = "request"  # what findings and warnings call the request's records


def profile_of(body: ProfileBody, today: date) -> Profile:
    """The profile a body asks for; UsageError naming a bad jurisdiction."""
    try:
        jurisdictions = tuple(dict.fromkeys(check_jurisdiction(j) for j in body.jurisdictions))
    except ValueError as exc:
        raise UsageError(str(exc), field="jurisdictions") from exc
    return profile_from_options(
        body.as_of or today, jurisdictions, body.sector, tuple(body.acts), body.level
    )


def screen_body(body: ScreenBody, loaded: Loaded, today: date, actor: str) -> bytes:
    """The response to `POST /screen`: the run's id and versions, its findings and warnings."""
    if len(body.records) > MAX_RECORDS:
        raise TooLargeError(
            f"{len(body.records)} records in one request; at most {MAX_RECORDS}", field="records"
        )
    profile = profile_of(body, today)
    choices = ColumnChoices.parse(body.columns)
    matcher = loaded.matcher()
    out = io.StringIO()
    warnings: list[str] = []
    with tempfile.TemporaryDirectory(prefix="banwatch-request-") as folder:
        path = Path(folder) / "records.jsonl"
        path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in body.records))
        inputs = Inputs(
            (read_header(reader_for(path, LABEL), path, LABEL, choices, True),), choices
        )
        args = (inputs, profile, matcher.registry, matcher, JsonLinesWriter(out))
        if body.save:
            with loaded.saving:
                outcome = run_screening(*args, loaded.store(), warnings.append)
        else:
            outcome = run_screening(*args, None, warnings.append)
    head = orjson.dumps(
        {
            "run_id": outcome.run_id,
            "registry_version": matcher.registry.version,
            "release": matcher.registry.named_release().model_dump(mode="json"),
            "matcher": matcher.version,
            "as_of": profile.as_of.isoformat(),
            "verdicts": dict(outcome.verdicts),
            "warnings": warnings,
        }
    )
    lines = out.getvalue().encode().splitlines()
    if outcome.run_id is not None:
        open_alerts(loaded, outcome.run_id, lines)
        record_screening(loaded, outcome.run_id, actor)
    return head[:-1] + b',"findings":[' + b",".join(lines) + b"]}"


def record_screening(loaded: Loaded, run_id: str, actor: str) -> None:
    """The audit entry of a saved run (`alerts.saved_runs`)."""
    audit_screening(loaded.audit(), loaded.store().get_run(run_id), actor)


def open_alerts(loaded: Loaded, run_id: str, lines: list[bytes]) -> None:
    """Open an alert for each entity matched by each finding of the saved run that is not clear."""
    findings = (Finding.model_validate_json(line) for line in lines)
    open_run_alerts(loaded.alerts(), loaded.registry(), run_id, findings)
