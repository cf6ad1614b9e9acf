"""Signed-in sessions of the pages: an API key traded for a signed cookie, with a CSRF token.

The cookie holds the key's id and role, when it expires and the session's
CSRF token, signed with an HMAC keyed by a secret kept in the data directory
(`keys/session.secret`, made on first use, readable by its owner only), so
every worker of a server on one data directory reads the same sessions. The
key itself is never in the cookie. A session ends when it expires or its key
is revoked (checked on every request).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from banwatch.private_files import write_private

COOKIE = "banwatch_session"
LIFETIME = 8 * 3600  # seconds a session lasts
SECRET_FILE = Path("keys") / "session.secret"


@dataclass(frozen=True)
class Session:
    """Who is signed in: the key's id and role, until when, and the CSRF token of the forms."""

    key_id: str
    role: str
    expires: int
    csrf: str


def session_secret(home: Path) -> bytes:
    """The secret that signs sessions, made on first use."""
    path = home / SECRET_FILE
    if not path.exists():
        write_private(path, secrets.token_hex(32).encode("ascii"))
    return bytes.fromhex(path.read_text().strip())


def _sign(body: bytes, secret: bytes) -> str:
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


def issue(key_id: str, role: str, secret: bytes, now: float | None = None) -> tuple[str, Session]:
    """A new session for the key, and the cookie that carries it."""
    started = time.time() if now is None else now
    session = Session(key_id, role, int(started) + LIFETIME, secrets.token_urlsafe(24))
    body = base64.urlsafe_b64encode(json.dumps(session.__dict__).encode())
    return f"{body.decode()}.{_sign(body, secret)}", session


def read(cookie: str | None, secret: bytes, now: float | None = None) -> Session | None:
    """The session a cookie carries, or None if it is missing, altered or expired."""
    if not cookie or "." not in cookie:
        return None
    body, _, signature = cookie.rpartition(".")
    if not hmac.compare_digest(_sign(body.encode(), secret), signature):
        return None
    try:
        session = Session(**json.loads(base64.urlsafe_b64decode(body.encode())))
    except (ValueError, TypeError):
        return None
    if session.expires < (time.time() if now is None else now):
        return None
    return session


def same_token(session: Session, sent: str) -> bool:
    """Whether a form's CSRF token is the session's."""
    return hmac.compare_digest(session.csrf.encode(), sent.encode())
