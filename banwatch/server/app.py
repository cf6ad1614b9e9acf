"""The app factory: `create_app(settings)` builds the API around one loaded state.

The compiled matcher is loaded once, in a background thread started when
the server starts (`/readyz` says when it is ready); every route shares it.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from banwatch.loading import compiled_matcher
from banwatch.settings import Settings, settings_from

from . import errors
from .follow import Follower
from .jobs import Jobs
from .limits import UploadLimit
from .rate_limit import RateLimiter
from .routes import admin, alerts, audit, health, registry, runs, screen, watches, yente
from .routes import jobs as job_routes
from .scheduler import Scheduler
from .state import Load, Loaded


def create_app(
    settings: Settings, load: Load = compiled_matcher, *, freeze: bool = False
) -> FastAPI:
    """The banwatch API for `settings`; `load` compiles the matcher (in the background).

    `freeze`: hand each index loaded to the garbage collector's permanent generation
    (`state.settle`), as a server process does; off for apps built in a test's process."""
    loaded = Loaded(settings, freeze=freeze)
    jobs = Jobs(loaded)  # upload jobs, run on a thread of this process
    scheduler = Scheduler(loaded)  # `--watch-every`, `--pull-every`: nothing runs without them
    follower = Follower(loaded.follow)  # another process's import or pull, loaded here too

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        loaded.start(load)
        jobs.start()
        scheduler.start()
        follower.start()
        try:
            yield
        finally:
            follower.stop()
            jobs.close()
            scheduler.stop()
            loaded.close()

    app = FastAPI(
        title="banwatch",
        summary="Screen suppliers, purchases and devices against government restrictions "
        "on technology vendors, as of any date; speaks yente's matching API too.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.loaded = loaded
    app.state.jobs = jobs
    app.state.rate_limiter = RateLimiter(settings.rate_limit)  # per key, in this process
    app.state.scheduler = scheduler
    errors.install(app)
    # The most asked first: each request's path is tried against the routers in turn (a
    # tenth of a one-query /match went there), and no path of one is another's.
    app.include_router(screen.router)
    app.include_router(yente.matching)  # `/match`, which checks its key itself
    for module in (yente, health, registry, runs, alerts, audit, watches):
        app.include_router(module.router)
    app.include_router(admin.router)  # keys and imports, admins only
    app.include_router(job_routes.router)
    # Imported here: the pages import the server's state and errors.
    from banwatch.web.mount import mount

    mount(app)  # the pages (banwatch.web), after the API: a browser's GET gets the page
    app.add_middleware(UploadLimit, limit_mb=settings.max_upload_mb)  # 413 beyond it
    return app


def app_from_environment() -> FastAPI:
    """The app for the `BANWATCH_*` environment: what each uvicorn worker builds."""
    return create_app(settings_from(os.environ), freeze=True)
