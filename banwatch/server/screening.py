"""`POST /screen`: records from a request body screened exactly as a JSON lines file's rows.

The records are written to a private temporary JSON lines file and read by
the same reader as `banwatch screen records.jsonl`, so columns, roles and
cells mean the same in both; the run goes through `pipeline.run_screening`
with the JSON lines writer, so each finding is the line the CLI writes. The
response is built around those lines without parsing them again.

A few records not to be saved (`screenings.INLINE` at most) take a shorter
way to the same lines (`screen_kept`): read from memory by the same JSON
lines reader, screened by the profile's kept `Screening`, on the event loop.
"""

from __future__ import annotations

import io
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

import orjson

from banwatch.alerts.saved_runs import audit_screening, open_run_alerts
from banwatch.errors import UsageError
from banwatch.jurisdictions import check_jurisdiction
from banwatch.matching.matcher import Matcher
from banwatch.model.findings import Finding
from banwatch.model.profile import Profile
from banwatch.model.records import RowProblem
from banwatch.model.registry import Registry
from banwatch.pipeline import run_screening
from banwatch.readers import ColumnChoices, InputFile, Inputs, reader_for
from banwatch.readers import input_file as read_header
from banwatch.readers.jsonlines import read_jsonl, read_objects
from banwatch.readers.rows import opened
from banwatch.requests import profile_from_options
from banwatch.writers.jsonish import JsonLinesWriter

from .errors import TooLargeError
from .schemas import MAX_RECORDS, ProfileBody, ScreenBody
from .screenings import INLINE, release_json
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
    lines = out.getvalue().encode().splitlines()
    if outcome.run_id is not None:
        open_alerts(loaded, matcher.registry, outcome.run_id, lines)
        record_screening(loaded, outcome.run_id, actor)
    return answer(outcome.run_id, matcher, profile, dict(outcome.verdicts), warnings, lines)


def answer(
    run_id: str | None,
    matcher: Matcher,
    profile: Profile,
    verdicts: dict[str, int],
    warnings: list[str],
    lines: list[bytes],
) -> bytes:
    """The response's JSON: the run's id and versions, verdicts, warnings, then the findings."""
    head = orjson.dumps(
        {
            "run_id": run_id,
            "registry_version": matcher.registry.version,
            "release": release_json(matcher.registry),
            "matcher": matcher.version,
            "as_of": profile.as_of.isoformat(),
            "verdicts": verdicts,
            "warnings": warnings,
        }
    )
    return head[:-1] + b',"findings":[' + b",".join(lines) + b"]}"


def inline(body: ScreenBody) -> bool:
    """Whether `screen_kept` answers the body: a few records, none to be saved."""
    return not body.save and 0 < len(body.records) <= INLINE


def screen_kept(body: ScreenBody, loaded: Loaded, today: date) -> bytes | None:
    """`screen_body` of an `inline` body, by the profile's kept `Screening` (on the event
    loop: see `screenings`); None when only the file's way can answer (records without
    a single key, which it refuses with the reason)."""
    profile = profile_of(body, today)
    choices = ColumnChoices.parse(body.columns)
    stream = read_objects(body.records, LABEL, choices)
    if stream is None:
        return None
    columns, rows = opened(stream)
    inputs = Inputs((InputFile(Path(LABEL), LABEL, read_jsonl, columns, [rows]),), choices)
    matcher = loaded.matcher()
    screening = loaded.screenings.kept(matcher, profile, len(body.records)).screening
    items = list(inputs.records())
    screened = iter(screening.screen_lines([r for r in items if not isinstance(r, RowProblem)]))
    # As `bulk.one_process` writes them: problems and cell warnings in input order.
    warnings: list[str] = []
    verdicts: Counter[str] = Counter()
    lines: list[bytes] = []
    for item in items:
        if isinstance(item, RowProblem):
            warnings.append(str(item))
            continue
        line = next(screened)
        warnings.extend(f"{line.file}: line {line.line}: {w}" for w in line.warnings)
        verdicts[line.verdict] += 1
        lines.append(line.text.encode())
    return answer(None, matcher, profile, dict(verdicts), warnings, lines)


def record_screening(loaded: Loaded, run_id: str, actor: str) -> None:
    """The audit entry of a saved run (`alerts.saved_runs`)."""
    audit_screening(loaded.audit(), loaded.store().get_run(run_id), actor)


def open_alerts(loaded: Loaded, registry: Registry, run_id: str, lines: list[bytes]) -> None:
    """Open an alert for each entity matched by each finding of the saved run that is not clear,
    judged on the registry the run was screened with."""
    findings = (Finding.model_validate_json(line) for line in lines)
    open_run_alerts(loaded.alerts(), registry, run_id, findings)
