"""The verdict rules as properties: what one measure can and cannot say of one match (pure)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from banwatch.model.vocabulary import VERDICT_RANK, Status
from banwatch.screening.verdict import Certainty, ProfileBinding, measure_verdict

from .test_scope import measure

Covers = tuple[bool | None, str | None]
STATUSES: st.SearchStrategy[Status] = st.sampled_from(
    ["in_force", "suspended", "pending", "not_yet", "ended"]
)
BINDINGS = st.builds(
    ProfileBinding,
    binds=st.booleans(),
    target_only=st.booleans(),
    reason=st.just("why"),
    other_acts=st.booleans(),
)
CERTAINTIES = st.builds(
    Certainty,
    score=st.floats(min_value=0.8, max_value=1.0),
    certain_at=st.just(0.9),
    path_confidence=st.sampled_from(["low", "medium", "high"]),
    verified=st.booleans(),
    family_member=st.booleans(),
)
COVERS: st.SearchStrategy[Covers] = st.sampled_from(
    [(True, None), (None, "kind unknown"), (False, "not covered")]
)
RESTRICTIVE = measure()
CONTEXT = measure(type="court_proceeding", restrictive=False, binds=[], acts=[])


@given(STATUSES, BINDINGS, CERTAINTIES, st.booleans(), COVERS)
def test_a_measure_not_in_force_that_day_never_restricts(
    status: Status, bind: ProfileBinding, sure: Certainty, started: bool, covers: Covers
) -> None:
    verdict, _ = measure_verdict(RESTRICTIVE, status, bind, sure, started, covers)
    if status in ("pending", "not_yet", "ended"):
        assert verdict == "clear"
    if status == "suspended":
        assert verdict != "prohibited"


@given(STATUSES, BINDINGS, CERTAINTIES, st.booleans(), COVERS)
def test_only_a_certain_match_on_a_covered_product_bound_by_the_measure_prohibits(
    status: Status, bind: ProfileBinding, sure: Certainty, started: bool, covers: Covers
) -> None:
    verdict, reason = measure_verdict(RESTRICTIVE, status, bind, sure, started, covers)
    if verdict == "prohibited":
        assert status == "in_force" and bind.binds and not bind.target_only
        assert not bind.other_acts and covers[0] is True
        assert sure.doubt() is None
    assert reason


@given(STATUSES, BINDINGS, CERTAINTIES, st.booleans(), COVERS)
def test_a_context_measure_restricts_nobody(
    status: Status, bind: ProfileBinding, sure: Certainty, started: bool, covers: Covers
) -> None:
    verdict, _ = measure_verdict(CONTEXT, status, bind, sure, started, covers)
    assert VERDICT_RANK[verdict] <= VERDICT_RANK["review"]
    assert (verdict == "review") == started


@given(STATUSES, BINDINGS, CERTAINTIES, st.booleans())
def test_a_product_outside_the_measure_is_clear_whoever_asks(
    status: Status, bind: ProfileBinding, sure: Certainty, started: bool
) -> None:
    verdict, _ = measure_verdict(RESTRICTIVE, status, bind, sure, started, (False, "x"))
    assert verdict == "clear"


@given(STATUSES, BINDINGS, CERTAINTIES, st.booleans(), COVERS)
def test_more_doubt_never_strengthens_a_verdict(
    status: Status, bind: ProfileBinding, sure: Certainty, started: bool, covers: Covers
) -> None:
    doubtful = Certainty(0.85, 0.9, "low", verified=False)
    sure_verdict, _ = measure_verdict(RESTRICTIVE, status, bind, sure, started, covers)
    unsure_verdict, _ = measure_verdict(RESTRICTIVE, status, bind, doubtful, started, covers)
    assert VERDICT_RANK[unsure_verdict] <= VERDICT_RANK[sure_verdict]
