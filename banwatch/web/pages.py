"""The pages: measures with their timelines, entities with every measure reaching them, runs.

Every page is rendered on the server and works without JavaScript. A domain
error (an unknown id, a file that cannot be read) is a page saying so, with
the status the API would give, never a traceback.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from banwatch.errors import BanwatchError, NotFoundError
from banwatch.matching.matcher import DEFAULT_CONFIG, Matcher
from banwatch.model.measures import Measure
from banwatch.model.profile import Profile
from banwatch.model.vocabulary import LEVELS, SECTORS, VERDICT_RANK
from banwatch.pipeline import describe_profile
from banwatch.reports.measures import measure_rows
from banwatch.screening.reach import MeasureReach
from banwatch.server.auth import spend
from banwatch.server.errors import RateLimitedError, status_of
from banwatch.server.state import Loaded
from banwatch.status import status_as_of
from banwatch.store.api_keys import KeyRole, may

from .charts import verdict_chart
from .sessions import COOKIE, Session, read, session_secret
from .svg import timeline_svg
from .timeline import bands, marks, window

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
SHOWN = 500  # findings listed on a run's page at most
TOO_MANY = "Too many requests"  # the title of the page past the key's rate limit
router = APIRouter(prefix="/ui", include_in_schema=False)
F = TypeVar("F", bound=Callable[..., Response])


def _loaded(request: Request) -> Loaded:
    state: Loaded = request.app.state.loaded
    return state


def _matcher(request: Request) -> Matcher:
    """The matcher this request uses throughout, the first asked for: a reload meanwhile must
    not have a page drawn from one registry name another in its footer."""
    pinned: Matcher | None = getattr(request.state, "matcher", None)
    if pinned is None:
        pinned = request.state.matcher = _loaded(request).matcher()
    return pinned


def page(request: Request, template: str, title: str, **context: Any) -> Response:
    """A page of `template`, with what every page shows (the registry and matcher in use, who
    is signed in, the CSRF token of its forms)."""
    matcher = _matcher(request)
    session: Session | None = getattr(request.state, "session", None)
    context |= {"title": title, "registry_version": matcher.registry.version}
    context |= {"release": matcher.registry.release.id}
    context |= {"matcher": matcher.version, "session": session}
    context |= {"csrf": session.csrf if session else ""}
    return TEMPLATES.TemplateResponse(request, template, context)


def error_page(
    request: Request, message: str, status: int, title: str = "Something is wrong"
) -> Response:
    """A page saying what went wrong, with the status the API would give."""
    context: dict[str, Any] = {"title": title, "message": message}
    context |= {"registry_version": "—", "matcher": DEFAULT_CONFIG.name, "session": None}
    return TEMPLATES.TemplateResponse(request, "error.html", context, status_code=status)


def signed_in(role: KeyRole = "viewer") -> Callable[[F], F]:
    """A page for a signed-in key of `role` or above; domain errors shown as pages.

    Without a session (or with one whose key was revoked) the browser is sent
    to the login page, which sends it back here afterwards.
    """

    def decorate(endpoint: F) -> F:
        @functools.wraps(endpoint)
        def guarded(request: Request, *args: Any, **kwargs: Any) -> Response:
            try:
                session = current_session(request)
                if session is None:
                    there = quote(
                        request.url.path + ("?" + request.url.query if request.url.query else "")
                    )
                    return RedirectResponse(f"/ui/login?next={there}", status_code=303)
                spend(request, session.key_id, "this key")  # the API's limit, the same bucket
                if not may(session.role, role):
                    return error_page(request, f"a {session.role} key may not do this", 403)
                request.state.session = session
                return endpoint(request, *args, **kwargs)
            except RateLimitedError as e:
                said = str(e)
                shown = error_page(request, f"{said[:1].upper()}{said[1:]}.", 429, TOO_MANY)
                shown.headers["Retry-After"] = str(e.retry_after)
                return shown
            except BanwatchError as e:
                return error_page(request, str(e), status_of(e))

        return guarded  # type: ignore[return-value]

    return decorate


def _timeline(measure: Measure, target: int | None, today: date) -> str:
    """A measure's timeline (for one of its targets, if given) as SVG, around today."""
    first, last = window(measure, today)
    drawn, ticks = bands(measure, target, first, last), marks(measure, first, last)
    return timeline_svg(measure.title, drawn, ticks, today, first, last)


def _here(request: Request) -> str:
    """The page asked for, quoted, to come back to after signing in."""
    query = f"?{request.url.query}" if request.url.query else ""
    return quote(request.url.path + query)


def current_session(request: Request) -> Session | None:
    """The request's session, if its cookie is genuine, unexpired and its key not revoked."""
    loaded = _loaded(request)
    session = read(request.cookies.get(COOKIE), session_secret(loaded.settings.home))
    if session is None:
        return None
    live = {k.id for k in loaded.keys().list() if k.revoked_at is None}
    return session if session.key_id in live else None


@router.get("/measures", response_class=HTMLResponse)
@signed_in()
def measures(request: Request, jurisdiction: str = "", as_of: str = "") -> Response:
    day = date.fromisoformat(as_of) if as_of else date.today()
    places = tuple(j.strip().upper() for j in jurisdiction.split(",") if j.strip())
    rows = measure_rows(_matcher(request).registry, Profile(day, places), None)
    return page(
        request, "measures.html", "Measures", rows=rows, jurisdiction=jurisdiction, as_of=day
    )


@router.get("/measures/{measure_id}", response_class=HTMLResponse)
@signed_in()
def measure(request: Request, measure_id: str) -> Response:
    registry = _matcher(request).registry
    m = registry.measures.get(measure_id)
    if m is None:
        raise NotFoundError(f"no measure {measure_id!r}")
    today = date.today()
    svg = _timeline(m, None, today)
    binds = [
        f"{b.sector}{' (' + '/'.join(b.levels) + ')' if b.levels else ''}"
        f"{' from ' + str(b.start) if b.start else ''}"
        for b in m.binds
    ]
    events = marks(m, date.min, date.max)
    status = status_as_of(m, today)
    return page(
        request,
        "measure.html",
        m.title,
        m=m,
        svg=svg,
        binds=binds,
        events=events,
        status=status,
        today=today,
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
@signed_in()
def entity(request: Request, entity_id: str) -> Response:
    registry = _matcher(request).registry
    e = registry.entities.get(entity_id)
    if e is None:
        raise NotFoundError(f"no entity {entity_id!r}")
    today = date.today()
    reach = MeasureReach(registry, DEFAULT_CONFIG, Profile(today))
    timelines = []
    for r in sorted(reach.reach(entity_id), key=lambda r: (r.measure.jurisdiction, r.measure.id)):
        svg = _timeline(r.measure, r.target, today)
        path = " → ".join(registry.entities[i].name for i in r.path.ids)
        timelines.append({"measure": r.measure, "svg": svg, "path": path})
    related = [
        {"id": other.id, "name": other.name, "type": rel.type, "confidence": rel.confidence}
        for other in registry.entities.values()
        for rel in other.relations
        if rel.target == entity_id
    ]
    names = {i: registry.entities[i].name for i in {r.target for r in e.relations}}
    return page(
        request, "entity.html", e.name, e=e, timelines=timelines, related=related, names=names
    )


@router.get("/runs", response_class=HTMLResponse)
@signed_in()
def runs(request: Request) -> Response:
    listed = _loaded(request).store().list_runs(100)
    return page(request, "runs.html", "Runs", runs=listed)


@router.get("/runs/{run_id}", response_class=HTMLResponse)
@signed_in()
def run(request: Request, run_id: str, verdict: str = "", entity: str = "") -> Response:
    store = _loaded(request).store()
    summary = store.get_run(run_id)
    shown = []
    for f in store.findings(summary.id):
        if verdict and f.verdict != verdict:
            continue
        if entity and all(m.entity_id != entity for m in f.matches):
            continue
        shown.append(f)
        if len(shown) > SHOWN:
            break
    profile = describe_profile(summary.profile.asked_on(summary.as_of))
    return page(
        request,
        "run.html",
        f"Run {summary.id}",
        run=summary,
        shown=shown[:SHOWN],
        more=len(shown) > SHOWN,
        verdict=verdict,
        entity=entity,
        profile=profile,
        verdicts=sorted(VERDICT_RANK, key=VERDICT_RANK.__getitem__, reverse=True),
        chart=verdict_chart(summary.counts),
        others=[r for r in store.list_runs(50) if r.id != summary.id],
    )


@router.get("/runs/{run_id}/rows/{row}", response_class=HTMLResponse)
@signed_in()
def row(request: Request, run_id: str, row: int) -> Response:
    store = _loaded(request).store()
    summary = store.get_run(run_id)
    found = next((f for f in store.findings(summary.id) if f.row == row), None)
    if found is None:
        raise NotFoundError(f"run {summary.id} has no row {row}")
    return page(request, "row.html", f"Row {row} of run {summary.id}", run=summary, f=found)


@router.get("/", response_class=HTMLResponse)
@signed_in()
def home(request: Request, error: str = "") -> Response:
    return page(
        request,
        "home.html",
        "Screen a file",
        sectors=SECTORS,
        levels=LEVELS,
        today=date.today(),
        error=error,
    )
