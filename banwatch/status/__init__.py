"""Status of a measure as of a date, folded from its timeline (pure)."""

from banwatch.status.timeline import StatusReport, status_as_of

__all__ = ["StatusReport", "status_as_of"]
