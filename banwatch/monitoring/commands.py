"""`banwatch impact` and `banwatch upcoming`: a request and the settings in, a report out.

Row problems are warned about on standard error, one line each, and the
other rows still screened; the counts of an impact go to standard error
beside JSON lines and CSV (so the output stays machine-readable), under the
table otherwise.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import IO

from banwatch.loading import compiled_matcher
from banwatch.model.records import Record, RowProblem
from banwatch.notices import warn
from banwatch.readers import open_inputs
from banwatch.requests import ImpactRequest, UpcomingRequest
from banwatch.screening.screen import Screening
from banwatch.settings import Settings

from .impact import impact_of
from .output import impact_writer, write_upcoming
from .upcoming import measures_reached, upcoming


def impact(request: ImpactRequest, settings: Settings, out: IO[str]) -> tuple[int, int]:
    """Write the records whose verdict or measures changed; return (records, changed)."""
    matcher = compiled_matcher(settings)
    registry = matcher.registry
    before = Screening(registry, matcher, replace(request.profile, as_of=request.start))
    after = Screening(registry, matcher, request.profile)
    start, end = request.start, request.end
    writer = impact_writer(request.fmt, out, f"impact from {start} to {end}")
    records = changed = 0
    for item in open_inputs(request.paths, request.columns).records():
        if isinstance(item, RowProblem):
            warn(str(item))
            continue
        records += 1
        found = impact_of(registry, before.screen(item), after.screen(item), start, end)
        if found is not None:
            changed += 1
            writer.write(found)
    footer = f"{changed} of {records} records changed from {start} to {end}"
    writer.close(f"{footer}; {records - changed} unchanged")
    if request.fmt != "table":
        sys.stderr.write(f"banwatch: {footer}; {records - changed} unchanged\n")
    return records, changed


def upcoming_steps(request: UpcomingRequest, settings: Settings, out: IO[str]) -> int:
    """Write the steps ahead of the measures reaching the profile (or its files); return how
    many."""
    matcher = compiled_matcher(settings)
    reached = None
    if request.paths:
        screening = Screening(matcher.registry, matcher, request.profile)
        measures = []
        for item in open_inputs(request.paths, request.columns).records():
            if isinstance(item, RowProblem):
                warn(str(item))
            elif isinstance(item, Record):
                found = screening.screen(item)
                measures.append({h.measure_id for m in found.matches for h in m.measures})
        reached = measures_reached(measures)
    steps = upcoming(matcher.registry, request.profile, request.days, reached)
    title = f"within {request.days} days of {request.profile.as_of}"
    write_upcoming(steps, request.fmt, out, title)
    return len(steps)
