"""`banwatch screen --engine spark`: the pure core inside Apache Spark tasks.

Importing this package does not import pyspark: `require_spark` checks for it
first, so a missing optional dependency is one clear line, not a traceback.
The engine itself is `banwatch.bulk.spark.engine.screen_on_spark`.
"""

from __future__ import annotations

from banwatch.errors import UsageError

from .output import is_parquet_output

__all__ = ["is_parquet_output", "require_spark"]

INSTALL_HINT = "--engine spark needs PySpark, which is not installed: pip install 'banwatch[spark]'"


def require_spark() -> None:
    """Raise UsageError naming the extra to install unless PySpark and its SQL extras import."""
    try:
        import pandas  # noqa: F401  (mapInArrow refuses to run without it)
        import pyspark  # noqa: F401
    except ImportError:
        raise UsageError(INSTALL_HINT) from None
