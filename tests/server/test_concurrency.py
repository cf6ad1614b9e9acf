"""Many requests at once on a real uvicorn server answer as the same requests one at a time."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from banwatch.matching.matcher import Matcher
from banwatch.server import create_app

from .conftest import make_keys, settings_for
from .server_support import PATIENCE, served

NAMES = ["Hikvision", "EZVIZ", "Dahua Technology", "Huawei", "Acme Office Supplies", "ZTE"]


def test_concurrent_answers_equal_sequential_ones(tmp_path: Path, matcher: Matcher) -> None:
    settings = settings_for(tmp_path)
    auth = {"Authorization": f"ApiKey {make_keys(settings)['analyst']}"}
    with (
        served(create_app(settings, load=lambda _s: matcher)) as base,
        httpx.Client(base_url=base, headers=auth, timeout=PATIENCE) as client,
    ):
        deadline = time.monotonic() + PATIENCE
        while client.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.02)

        def ask(name: str) -> tuple[Any, Any]:
            screened = client.post(
                "/screen", json={"records": [{"supplier": name}], "save": False}
            ).json()
            query = {"q": {"schema": "Company", "properties": {"name": [name]}}}
            matched = client.post("/match/default", json={"queries": query}).json()
            return screened["findings"], matched["responses"]

        alone = {name: ask(name) for name in NAMES}
        asked = NAMES * 8
        with ThreadPoolExecutor(max_workers=16) as pool:
            together = list(pool.map(ask, asked))
    assert together == [alone[name] for name in asked]
