"""The one line a Spark failure becomes: the most telling error in Spark's message or log."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pyspark")

from banwatch.bulk.spark.session import _reason

PYTHON_TASK = """An exception was thrown from the Python worker. Please see the stack trace below.
Traceback (most recent call last):
  File "tasks.py", line 3, in screen_rows
ValueError: boom in a task
"""
JAVA_JOB = """An error occurred while calling o42.parquet.
: org.apache.spark.SparkException: Job aborted.
\tat org.apache.spark.sql.execution.datasources.FileFormatWriter$.write(FileFormatWriter.scala:1)
Caused by: java.io.IOException: No space left on device
\tat java.io.FileOutputStream.writeBytes(Native Method)
"""
GATEWAY_LOG = (
    "WARNING: Using incubator modules: jdk.incubator.vector\n"
    'Exception in thread "main" org.apache.spark.SparkException: '
    "Master must either be yarn or start with spark, k8s, or local\n"
    "\tat org.apache.spark.deploy.SparkSubmit.error(SparkSubmit.scala:1068)\n"
)


@pytest.mark.parametrize(
    ("message", "log", "reason"),
    [
        (PYTHON_TASK, "", "boom in a task"),
        (JAVA_JOB, "", "No space left on device"),
        (
            "[JAVA_GATEWAY_EXITED] Java gateway process exited.",
            GATEWAY_LOG,
            "Master must either be yarn or start with spark, k8s, or local",
        ),
        (
            "[JAVA_GATEWAY_EXITED] Java gateway process exited.",
            "JAVA_HOME is not set\n",
            "JAVA_HOME is not set",
        ),
    ],
)
def test_the_reason_is_the_last_error_line(
    tmp_path: Path, message: str, log: str, reason: str
) -> None:
    path = tmp_path / "spark.log"
    path.write_text(log, encoding="utf-8")
    assert _reason(RuntimeError(message), path) == reason
