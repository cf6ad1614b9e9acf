"""Adding the pages to the API's app, and serving them at the paths a browser asks for.

The pages live under `/ui/`. A browser's GET of `/`, `/login`, `/logout`, `/alerts`, `/audit`,
`/measures`, `/measures/{id}`, `/entities/{id}`, `/jobs/{id}`, `/runs`, `/runs/{id}`,
`/runs/{id}/rows/{row}` or `/runs/{a}/diff/{b}` (it asks for `text/html` first) gets the
page; any other client gets the API's JSON at the same path.
"""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from . import alerts, audit, downloads, login, uploads  # noqa: F401  (add routes to the pages' router)
from .pages import router

PAGES = re.compile(
    r"^/(|login|logout|alerts|audit|measures(/[^/]+)?|entities/[^/]+|jobs/[^/]+"
    r"|runs(/[^/]+(/rows/\d+|/diff/[^/]+)?)?)$"
)


def wants_html(accept: str) -> bool:
    """Whether an Accept header prefers HTML to JSON (as a browser's does)."""
    first = accept.split(",")[0].strip().lower()
    return first.startswith("text/html") or first.startswith("application/xhtml")


class PagesForBrowsers:
    """Route a browser's GET of a page path to the page (`/ui` + the path)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            path = scope["path"]
            headers = dict(scope.get("headers") or [])
            accept = headers.get(b"accept", b"").decode("latin-1")
            if PAGES.match(path) and wants_html(accept):
                scope = {**scope, "path": "/ui" + path, "raw_path": ("/ui" + path).encode()}
        await self.app(scope, receive, send)


def mount(app: FastAPI) -> None:
    """Add the pages, their stylesheet, and the browser routing to `app`."""
    app.include_router(router)
    app.mount("/ui/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    app.add_middleware(PagesForBrowsers)
