"""One JSON shape for every error, and the one table from domain errors to HTTP statuses.

Domain code raises `banwatch.errors` classes and knows nothing of HTTP; this
module is the only place that turns them into responses, as the CLI's exit
statuses are chosen in one place. The body is yente's `{"detail": ...}`
(what yente clients read) with banwatch's structured details beside it:

    {"detail": "...", "type": "UsageError", "status": 400,
     "file": null, "row": null, "column": null, "field": "jurisdictions"}
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from banwatch.errors import (
    BanwatchError,
    InputError,
    NotFoundError,
    OutputError,
    RegistryError,
    StoreError,
    UsageError,
)
from banwatch.store.alerts import ConflictError


class NotReadyError(BanwatchError):
    """Raised when a request needs the compiled matcher before it has finished loading."""


class UnauthorizedError(BanwatchError):
    """Raised when a request carries no API key, or one that is unknown or revoked."""


class ForbiddenError(BanwatchError):
    """Raised when a request's API key has a role below what the endpoint needs."""


class TooLargeError(BanwatchError):
    """Raised when a request carries more records or queries than one request may."""


class RateLimitedError(BanwatchError):
    """Raised when a key has made more requests than its per-minute limit allows."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after  # whole seconds until the key may ask again


STATUS: dict[type[BanwatchError], int] = {
    UsageError: 400,
    InputError: 400,
    UnauthorizedError: 401,
    ForbiddenError: 403,
    NotFoundError: 404,
    ConflictError: 409,
    TooLargeError: 413,
    RateLimitedError: 429,
    NotReadyError: 503,
    RegistryError: 500,
    StoreError: 500,
    OutputError: 500,
}
"""Each domain error's HTTP status; a subclass takes its nearest listed ancestor's."""


def status_of(error: BanwatchError) -> int:
    """The HTTP status of a domain error (500 for one the table does not name)."""
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


def error_body(status: int, detail: str, kind: str, **where: Any) -> dict[str, Any]:
    """The one error shape."""
    fields = {"file": None, "row": None, "column": None, "field": None}
    fields.update(where)
    return {"detail": detail, "type": kind, "status": status, **fields}


def _domain(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, BanwatchError)
    status = status_of(exc)
    body = error_body(
        status,
        exc.message,
        type(exc).__name__,
        file=exc.file,
        row=exc.row,
        column=exc.column,
        field=exc.field,
    )
    # RFC 9110: a 401 names the scheme to use (the OpenSanctions convention).
    headers = {"WWW-Authenticate": "ApiKey"} if status == 401 else None
    if isinstance(exc, RateLimitedError):  # RFC 6585: say when to come back
        headers = {"Retry-After": str(exc.retry_after)}
    return JSONResponse(body, status_code=status, headers=headers)


def _invalid(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {}
    where = ".".join(str(part) for part in first.get("loc", ()))
    detail = f"{where}: {first.get('msg', 'invalid request')}" if where else "invalid request"
    return JSONResponse(error_body(422, detail, "ValidationError", field=where or None), 422)


def _http(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    body = error_body(exc.status_code, str(exc.detail), "HTTPError")
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


def install(app: FastAPI) -> None:
    """Answer every domain error, invalid request and HTTP error with the one shape."""
    app.add_exception_handler(BanwatchError, _domain)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StarletteHTTPException, _http)
