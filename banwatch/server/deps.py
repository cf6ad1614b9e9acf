"""Typed dependencies the routes share: the server's loaded state, and today's date."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Request

from .state import Loaded


def state(request: Request) -> Loaded:
    """The server's loaded state, for a route that reads it without a dependency."""
    loaded: Loaded = request.app.state.loaded
    return loaded


# Async, though neither waits: FastAPI runs a plain function on a worker thread.
async def _loaded(request: Request) -> Loaded:
    state: Loaded = request.app.state.loaded
    return state


async def _today() -> date:
    # "Today" is read here, at the edge, and passed into the pure core as a date.
    return date.today()


State = Annotated[Loaded, Depends(_loaded)]
Today = Annotated[date, Depends(_today)]
