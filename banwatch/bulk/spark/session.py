"""Start and stop the Spark session a run uses, quietly.

Invariants:
- The JVM's own output (log4j, JVM warnings, Python worker stderr) goes to a
  log file, never to the user's terminal or to the findings on standard
  output; the file is deleted after a run and kept, and named, when Spark fails.
- Spark's log level is WARN, its web UI and console progress bar are off.
- With a `local` master the driver binds to 127.0.0.1 (the machine may have no
  network) and tasks run on this very Python, where banwatch is installed.
- Any Spark or Py4J failure leaves as one `SparkError` saying what failed,
  with the exception it came from chained for `--debug`.
"""

from __future__ import annotations

import logging
import re
import sys
import tempfile
import traceback
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from py4j.protocol import Py4JError
from pyspark import SparkConf, SparkContext
from pyspark.errors import PySparkException
from pyspark.java_gateway import launch_gateway
from pyspark.sql import SparkSession

from banwatch.errors import BanwatchError

SETTINGS = {
    "spark.app.name": "banwatch",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.session.timeZone": "UTC",  # typed Parquet cells read as pyarrow reads them
}
LOCAL_SETTINGS = {
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
}
_ERROR_LINE = re.compile(r"([\w.$]+(?:Error|Exception)): (.+)$")


class SparkError(BanwatchError):
    """Raised when Spark cannot start or a Spark job fails; names the log kept for details."""


@contextmanager
def spark_session(master: str) -> Iterator[SparkSession]:
    """A Spark session on `master` for the length of the block, stopped at its end."""
    fd, name = tempfile.mkstemp(prefix="banwatch-spark-", suffix=".log")
    log = Path(name)
    keep = False
    try:
        with open(fd, "ab") as stream, warnings.catch_warnings():
            # PySpark warns developers about pandas versions and Arrow fallbacks.
            warnings.filterwarnings("ignore", module=r"pyspark(\.|$)")
            logging.getLogger("py4j").setLevel(logging.ERROR)
            try:
                spark = _start(master, stream)
            except (PySparkException, Py4JError) as exc:
                keep = True
                raise _failure(f"Spark could not start on {master!r}", exc, log) from exc
            try:
                yield spark
            except (PySparkException, Py4JError) as exc:
                keep = True
                raise _failure("the Spark job failed", exc, log) from exc
            finally:
                spark.stop()
    finally:
        if not keep:
            log.unlink(missing_ok=True)


def _start(master: str, stream: IO[bytes]) -> SparkSession:
    conf = SparkConf().setMaster(master).setAll(list(SETTINGS.items()))
    local = master.startswith("local")
    if local:
        conf.setAll(list(LOCAL_SETTINGS.items()))
    # Started by hand rather than by SparkContext so that the JVM writes to the log.
    gateway = launch_gateway(  # type: ignore[no-untyped-call]  # PySpark leaves it untyped
        conf, popen_kwargs={"stdout": stream, "stderr": stream}
    )
    context = SparkContext(conf=conf, gateway=gateway)
    context.setLogLevel("WARN")
    if local:
        context.pythonExec = sys.executable
    return SparkSession(context)


def _failure(what: str, exc: BaseException, log: Path) -> SparkError:
    """One line for the user; the whole error goes to the log, which is kept."""
    reason = _reason(exc, log)
    with log.open("a", encoding="utf-8") as out:
        out.write("\n--- banwatch: the error Spark raised ---\n")
        out.write("".join(traceback.format_exception(exc)))
    return SparkError(f"{what}: {reason}; Spark's log: {log}")


def _reason(exc: BaseException, log: Path) -> str:
    """The most telling line of a Spark error: the last `SomethingException: message` in it.

    When the exception has none (the JVM exited before it could say why), the
    log the JVM wrote is searched instead, and its last line is the reason.
    """
    for text in (str(exc), log.read_text(encoding="utf-8", errors="replace")):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        found = [m.group(2) for m in map(_ERROR_LINE.search, lines) if m]
        if found:
            return found[-1][:300]
    return (lines[-1] if lines else type(exc).__name__)[:300]
