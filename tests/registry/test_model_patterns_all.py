"""Every model-number pattern file together, as the loader merges them.

Each file's own tests check its patterns against its counter-examples; a
pattern in one file can still claim another vendor's model that a different
file's tests list. Here every counter-example of every file is checked
against every pattern the registry loads.
"""

from __future__ import annotations

import pytest

from banwatch.matching.model_numbers import ModelIndex
from banwatch.model.registry import Registry
from tests.registry import test_model_patterns, test_model_patterns_telecom

# A file's counter-examples may be another file's vendors (a Hikvision camera
# is a counter-example of the telecom patterns): those are left out here.
_POSITIVES = {
    m.upper()
    for module in (test_model_patterns, test_model_patterns_telecom)
    for m in [
        *(m for m, _ in module.OTHER_POSITIVES),
        *(x for r in module.RECORDS for x in r["examples"]),
    ]
}
NEGATIVES = sorted(
    m
    for m in {*test_model_patterns.NEGATIVES, *test_model_patterns_telecom.NEGATIVES}
    if m.upper() not in _POSITIVES
)


@pytest.fixture(scope="module")
def index(registry: Registry) -> ModelIndex:
    return ModelIndex(registry.model_patterns)


@pytest.mark.parametrize("model", NEGATIVES)
def test_no_pattern_of_any_file_claims_another_vendors_model(index: ModelIndex, model: str) -> None:
    hits = index.search(model)
    assert not hits, (
        f"{model!r} fits {[h.pattern.pattern for h in hits]} ({hits[0].pattern.entity})"
    )


def test_every_pattern_says_what_kind_of_product_it_describes(registry: Registry) -> None:
    # Osmo/Ronin gimbals and DSL gear mixing modems with DSLAMs have no one kind.
    unkind = [p.description[:60] for p in registry.model_patterns if p.kind is None]
    assert len(unkind) <= 3, unkind
