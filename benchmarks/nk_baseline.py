"""nomenklatura's logic-v2 on the benchmark's names: pairs per second and predictions.

Run with the benchmark's own environment, never banwatch's:

    benchmarks/.venv-nk/bin/python benchmarks/nk_baseline.py PAYLOAD.json OUT.jsonl [--timing-only]

`nomenklatura_compare.py` writes PAYLOAD (query names with their candidates,
the registry's names, the evaluation records) and reads the one JSON line
this prints. Entities are FollowTheMoney `Company` proxies built before any
clock starts, so only `LogicV2.compare` is timed, with the algorithm's
default configuration, on one core (wall clock and this process's CPU
time); then once more with a query entity of its own for every pair, which
logic-v2 cannot serve from its cache of a query's analysed names.
OUT gets the predictions, one line per evaluation record in the shape of
`banwatch screen --format jsonl`, so the same scorer grades both: the best
registry entity whose score reaches the threshold, or none. With
`--timing-only`, only the first timing is made (a further round of a
benchmark that times both matchers in turns).
"""

from __future__ import annotations

import json
import sys
import time
from importlib.metadata import version
from typing import Any

from followthemoney import EntityProxy, model
from nomenklatura.matching import get_algorithm

ALGORITHM = "logic-v2"


def company(ident: str, names: list[str]) -> EntityProxy:
    """A FollowTheMoney Company with these names."""
    entity = model.make_entity("Company")
    entity.id = ident
    for name in names:
        entity.add("name", name)
    return entity


def time_pairs(payload: dict[str, Any], fresh_too: bool = True) -> dict[str, float]:
    """Score every (query, candidate) pair once; return the count and the seconds it took.

    With `fresh_too`, time the same pairs again with a query entity for every pair.
    """
    algorithm = get_algorithm(ALGORITHM)
    assert algorithm is not None, ALGORITHM
    config = algorithm.default_config()
    pairs = []
    for n, item in enumerate(payload["pairs"]):
        query = company(f"q{n}", [item["query"]])
        for k, cand in enumerate(item["candidates"]):
            pairs.append((query, company(f"c{n}-{k}", [cand])))
    algorithm.compare(pairs[0][0], pairs[0][1], config)  # warm caches of reference data
    start, cpu_start = time.perf_counter(), time.process_time()
    scores = [algorithm.compare(query, cand, config).score for query, cand in pairs]
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    above = sum(s >= float(payload["threshold"]) for s in scores)
    timed = {"pairs": len(pairs), "seconds": seconds, "cpu_seconds": cpu}
    if not fresh_too:
        return {**timed, "pairs_above_threshold": above}
    # The same pairs again, each with a query entity of its own: logic-v2 keeps a
    # query entity's analysed names between calls (keyed by entity id), which the
    # run above profits from as yente does; here every pair analyses them anew.
    fresh = [
        (company(f"f{k}", query.get("name")), company(f"g{k}", cand.get("name")))
        for k, (query, cand) in enumerate(pairs)
    ]
    fresh_start = time.process_time()
    for query, cand in fresh:
        algorithm.compare(query, cand, config)
    return {
        **timed,
        "pairs_above_threshold": above,
        "fresh_query_cpu_seconds": time.process_time() - fresh_start,
    }


def predict(payload: dict[str, Any], out_path: str) -> float:
    """Write the best registry entity at or above the threshold for each record."""
    algorithm = get_algorithm(ALGORITHM)
    assert algorithm is not None, ALGORITHM
    config = algorithm.default_config()
    threshold = float(payload["threshold"])
    registry = [company(e["id"], e["names"]) for e in payload["registry"]]
    start = time.perf_counter()
    with open(out_path, "w", encoding="utf-8") as out:
        for rec in payload["records"]:
            best_id, best = None, 0.0
            for n, name in enumerate(rec["names"]):
                query = company(f"r{rec['row']}-{n}", [name])
                for entity in registry:
                    score = algorithm.compare(query, entity, config).score
                    if score > best:
                        best_id, best = entity.id, score
            matches = [{"entity_id": best_id, "score": best}] if best >= threshold else []
            line = {"row": rec["row"], "record": {"asset_id": rec["asset_id"]}, "matches": matches}
            out.write(json.dumps(line) + "\n")
    return time.perf_counter() - start


def main() -> None:
    payload_path, out_path = sys.argv[1], sys.argv[2]
    timing_only = sys.argv[3:] == ["--timing-only"]  # a further round of the same pairs
    with open(payload_path, encoding="utf-8") as f:
        payload = json.load(f)
    result: dict[str, Any] = {
        "algorithm": ALGORITHM,
        "nomenklatura": version("nomenklatura"),
        "followthemoney": version("followthemoney"),
    }
    result.update(time_pairs(payload, fresh_too=not timing_only))
    if not timing_only:
        result["predict_seconds"] = predict(payload, out_path)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
