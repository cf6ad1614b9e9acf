"""`compile_search` (run by `make install`) compiles every piece of machine code a screening uses.

A piece it misses is compiled on a user's first screening instead, for
seconds, inside the run (and inside a benchmark's timed loop): the batched
look-up of new words once cost a fresh install's first 2,000-name batch
about 8 s this way.
"""

from __future__ import annotations

import json
import subprocess
import sys

# In a fresh process: the signatures every compiled function has after
# `compile_search`, then those it has after building the default registry's
# matcher and searching with it one name at a time and in a batch, with words
# never seen, words spelled as a romanisation variant, and listed names.
_SCRIPT = """
import json
import sys

import numba

from banwatch.matching.names import compile_search


def signatures():
    out = {}
    for module in list(sys.modules.values()):
        if not getattr(module, "__name__", "").startswith("banwatch."):
            continue
        for name, value in vars(module).items():
            if isinstance(value, numba.core.registry.CPUDispatcher):
                out[f"{value.__module__}.{name}"] = sorted(str(s) for s in value.signatures)
    return out


compile_search()
before = signatures()

from banwatch.matching.matcher import compile_matcher
from banwatch.registry.loader import default_registry_dir, load_registry

matcher = compile_matcher(load_registry(default_registry_dir()))
index = matcher.names
names = [
    "Hangzhou Hikvision Digital Technology Co., Ltd.",
    "Hikvisoin Digital",
    "Aleksei Dahua Zhejiang Technologies",
    "Huawie Technolgies Co",
    "Quorvantis Belmarro Holdings",
]
for name in names:
    index.search(name, 0.5, 0.08)
index.search_names([n + " Trading" for n in names] + ["Zhejjang Dahau"], 0.5)
print(json.dumps({"before": before, "after": signatures()}))
"""


def test_a_screening_compiles_nothing_that_compile_search_did_not() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _SCRIPT], capture_output=True, text=True, check=True
    ).stdout
    got = json.loads(out.strip().splitlines()[-1])
    before, after = got["before"], got["after"]
    new = {name: sorted(set(after[name]) - set(before.get(name, []))) for name in after}
    assert {name: sigs for name, sigs in new.items() if sigs} == {}
    # Every compiled function the search calls from Python has machine code.
    assert before["banwatch.matching.name_search.search_many"]
    assert before["banwatch.matching.deletion_forms._look_up_many"]
