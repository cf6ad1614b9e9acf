"""The error a release check raises: one line saying why, and nothing changed."""

from __future__ import annotations

from banwatch.errors import BanwatchError


class ReleaseError(BanwatchError):
    """Raised when a release cannot be published, fetched, verified or switched to: a bad
    signature or digest, a damaged archive, a release older than the one in use or too
    new for this banwatch, an unreachable index. Nothing in use has changed."""
