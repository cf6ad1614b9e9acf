"""A pull that stops at a chosen point of the switch, to be killed there.

Run as `python -m tests.releases.killed_pull POINT URL TRUST` from the
repository root with BANWATCH_HOME set. POINT is `rename:before`,
`rename:after`, `pointer:before` or `pointer:after`: the moment just before or
just after the checked release folder is renamed into place, or the pointer
file is replaced. There it prints `AT POINT` and sleeps until killed.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import Any

from banwatch.cli import main


def stopping(real: Callable[..., Any], point: str, wanted: str) -> Callable[..., Any]:
    def call(src: Any, dst: Any, *args: Any, **kwargs: Any) -> Any:
        hit = (point == "pointer" and str(dst).endswith("current.json")) or (
            point == "rename" and "/registry/releases/" in str(dst) and ".staging-" in str(src)
        )
        if hit and wanted == "before":
            _stop(point, wanted)
        result = real(src, dst, *args, **kwargs)
        if hit and wanted == "after":
            _stop(point, wanted)
        return result

    return call


def _stop(point: str, wanted: str) -> None:
    print(f"AT {point}:{wanted}", flush=True)
    while True:
        time.sleep(1)


if __name__ == "__main__":
    point, wanted = sys.argv[1].split(":")
    os.replace = stopping(os.replace, point, wanted)
    os.rename = stopping(os.rename, point, wanted)
    sys.exit(main(["registry", "pull", sys.argv[2], "--trust", sys.argv[3]]))
