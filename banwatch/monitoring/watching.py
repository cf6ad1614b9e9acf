"""Watched inventories: add, list, remove, and check them against the registry of today.

A check screens each watched inventory again (a saved run, as `screen`
makes), compares it with the run of the watch's last check (`diff_runs`: new
matches, verdict and status changes), adds the measures' events since that
check's date and the steps ahead; `checking` keeps the check (its run is
then the next check's comparison point) and POSTs the report, signed, to the
watch's webhook when something changed. One watch failing (a file gone, a
webhook down) is reported and the others are still checked.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from banwatch.errors import BanwatchError
from banwatch.matching.matcher import Matcher
from banwatch.model.profile import Profile
from banwatch.monitoring.events import steps_between
from banwatch.monitoring.upcoming import measures_reached, upcoming
from banwatch.notices import warn
from banwatch.pipeline import run_screening
from banwatch.readers import ColumnChoices, open_inputs
from banwatch.store import RunStore, WatchState, diff_runs
from banwatch.writers import open_writer

AHEAD_DAYS = 90  # how far ahead a check looks for deadlines and scheduled steps


@dataclass
class WatchReport:
    """What one check found for one watch."""

    watch: str
    as_of: str
    run_id: str | None = None
    previous_run_id: str | None = None
    previous_as_of: str | None = None
    verdicts: dict[str, int] = field(default_factory=dict)
    changes: list[dict[str, Any]] = field(default_factory=list)  # `store.Change`, as JSON
    events: list[dict[str, Any]] = field(default_factory=list)  # new steps of reaching measures
    upcoming: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    delivery: str | None = None
    registry_version: str | None = None  # what this check screened against
    release: dict[str, Any] | None = None  # `model.registry.RegistryRelease`, as JSON

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.events)

    def json(self) -> dict[str, Any]:
        return asdict(self)


def profile_of(watch: WatchState, as_of: date) -> Profile:
    """The watch's profile, asked on `as_of`."""
    return watch.profile.asked_on(as_of)


def check_watch(watch: WatchState, matcher: Matcher, store: RunStore, as_of: date) -> WatchReport:
    """Screen the watch's files again and compare with its last check (the caller keeps this
    one: `checking.check_every_watch`)."""
    report = WatchReport(watch.name, as_of.isoformat(), previous_run_id=watch.last_run_id)
    report.previous_as_of = watch.checked_as_of
    report.registry_version = matcher.registry.version
    report.release = matcher.registry.named_release().model_dump(mode="json")
    profile = profile_of(watch, as_of)
    try:
        inputs = open_inputs([Path(f) for f in watch.files], ColumnChoices.parse(watch.columns))
        with open(os.devnull, "w", encoding="utf-8") as sink:
            writer = open_writer("jsonl", sink)
            outcome = run_screening(
                inputs, profile, matcher.registry, matcher, writer, store, _told(watch.name)
            )
    except BanwatchError as e:
        report.error = str(e)
        return report
    run_id = report.run_id = outcome.run_id
    report.verdicts = dict(outcome.verdicts)
    if run_id is None:  # cannot happen: a run given a store is saved
        report.error = "the run was not saved"
        return report
    findings = store.findings(run_id)
    reached = measures_reached(
        [{h.measure_id for m in f.matches for h in m.measures} for f in findings]
    )
    if watch.last_run_id is not None:
        before = store.findings(watch.last_run_id)
        changes = diff_runs(before, store.findings(run_id))
        report.changes = [c.model_dump(mode="json") for c in changes]
    if watch.checked_as_of is not None:
        since = date.fromisoformat(watch.checked_as_of)
        report.events = _events_since(matcher, reached, since, as_of)
    ahead = upcoming(matcher.registry, profile, AHEAD_DAYS, reached)
    report.upcoming = [asdict(u) for u in ahead]
    return report


def _events_since(
    matcher: Matcher, reached: dict[str, int], start: date, end: date
) -> list[dict[str, Any]]:
    """The steps, after the last check's date and up to this one's, of the measures reaching
    the inventory."""
    out = []
    for measure_id in sorted(reached):
        measure = matcher.registry.measures[measure_id]
        for step in steps_between(measure, None, start, end):
            out.append({"measure_id": measure_id, **step.model_dump()})
    out.sort(key=lambda step: str(step["date"]))  # stable: by measure within a day
    return out


def _told(name: str) -> Callable[[str], None]:
    """Row problems and cell warnings of a watched file, on standard error, naming the watch."""
    return lambda message: warn(f"watch {name}: {message}")


def strongest(reports: list[WatchReport]) -> Counter[str]:
    """The verdict counts of every watch checked, together."""
    total: Counter[str] = Counter()
    for r in reports:
        total.update(r.verdicts)
    return total
