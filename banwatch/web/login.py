"""Signing in to the pages with an API key, and signing out."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .pages import TEMPLATES, _loaded, router
from .sessions import COOKIE, LIFETIME, issue, session_secret


def _local(target: str) -> str:
    """Where to go after signing in: a path of this site only (never another site)."""
    return target if target.startswith("/") and not target.startswith("//") else "/ui/"


def _form(request: Request, next_page: str, error: str = "", status: int = 200) -> Response:
    context = {"title": "Sign in", "next": _local(next_page), "error": error, "session": None}
    context |= {"registry_version": "—", "matcher": "—"}
    return TEMPLATES.TemplateResponse(request, "login.html", context, status_code=status)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/ui/") -> Response:
    return _form(request, next)


@router.post("/login")
def login(
    request: Request, key: Annotated[str, Form()], next: Annotated[str, Form()] = "/ui/"
) -> Response:
    """Trade an API key for a session cookie (HttpOnly, SameSite=Strict)."""
    loaded = _loaded(request)
    info = loaded.keys().authenticate(key)
    if info is None:
        return _form(request, next, "This API key is not known or was revoked.", 401)
    cookie, _ = issue(info.id, info.role, session_secret(loaded.settings.home))
    response = RedirectResponse(_local(next), status_code=303)
    # Secure when the server is reached over HTTPS (behind a proxy that says so, or directly).
    secure = request.url.scheme == "https"
    response.set_cookie(
        COOKIE,
        cookie,
        max_age=LIFETIME,
        httponly=True,
        samesite="strict",
        path="/",
        secure=secure,
    )
    return response


@router.get("/logout")
def logout() -> Response:
    """End the session: the cookie is cleared."""
    response = RedirectResponse("/ui/login", status_code=303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response
