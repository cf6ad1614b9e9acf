"""Findings saved as compressed batches of their JSON lines: pure parts, then both backends."""

from __future__ import annotations

import zlib

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from banwatch.errors import StoreError
from banwatch.model.findings import Finding, Nearest
from banwatch.store import FindingLine, RunStore, record_key, runs, shared
from banwatch.store.batches import (
    CODEC,
    PLAIN,
    SHARED_ZLIB,
    StoredBatch,
    in_row_order,
    pack,
    row_of,
    unpack,
)

from .store_support import HIKVISION_ORDER, asset, finding, hit, match, meta

EZVIZ = match("ezviz", hit(status="suspended", verdict="suspended"), score=0.91)
HIKVISION = match("hikvision", hit(), hit(HIKVISION_ORDER, binds=False, verdict="review"))


@pytest.mark.parametrize(
    ("line", "row"),
    [
        ('{"row":0,"record":{}}', 0),
        ('{"row":1234567,"record":{"a":"b"}}', 1234567),
        ('{"record":{"row":"9"},"row":3}', 3),  # not first: parsed
        ('{"row": 12, "record": {}}', 12),  # spaced: parsed
    ],
)
def test_the_row_of_a_line(line: str, row: int) -> None:
    assert row_of(line) == row


@pytest.mark.parametrize("line", ["", "not json", '{"record":{}}', '{"row":"x"}'])
def test_a_line_without_a_row_is_a_store_error(line: str) -> None:
    with pytest.raises(StoreError, match="not a finding's JSON line"):
        row_of(line)


def _line(row: int, verdict: str = "clear", tag: str = "") -> FindingLine:
    return FindingLine(verdict, f'{{"row":{row},"record":{{"id":"{row}{tag}"}},"matches":[]}}')


def test_a_batch_is_sorted_by_row_stably_and_flags_what_is_not_clear() -> None:
    lines = [_line(5), _line(2, "review", "a"), _line(9), _line(2, "prohibited", "b")]
    packed = pack(lines)
    texts = unpack(CODEC, packed.lines)
    assert texts == [lines[k].text for k in (1, 3, 0, 2)]
    assert (packed.first_row, packed.last_row, packed.size) == (2, 9, 4)
    assert [(f.position, f.row, f.verdict) for f in packed.flags] == [
        (0, 2, "review"),
        (1, 2, "prohibited"),
    ]
    assert [f.record_key for f in packed.flags] == ["id=2a", "id=2b"]


def _stored(id_: int, *lines: FindingLine) -> StoredBatch:
    packed = pack(lines)
    return StoredBatch(id_, packed.first_row, packed.last_row, CODEC, packed.lines)


def test_batches_are_read_by_row_then_in_the_order_they_were_added() -> None:
    first = _stored(1, _line(0), _line(3, tag="first"))
    second = _stored(2, _line(1), _line(3, tag="second"), _line(4))
    third = _stored(3, _line(5), _line(6))  # after all the others: passed through
    fourth = _stored(4, _line(3, tag="fourth"))
    given = sorted([third, fourth, first, second], key=lambda b: (b.first_row, b.id))
    rows = [(row_of(t), t) for t in in_row_order(given)]
    assert [r for r, _ in rows] == [0, 1, 3, 3, 3, 4, 5, 6]
    threes = [t for r, t in rows if r == 3]
    assert [t.split('"')[7] for t in threes] == ["3first", "3second", "3fourth"]


def test_an_unknown_codec_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot read"):
        unpack("shared+lz4", zlib.compress(b"{}"))


# -- on SQLite and PostgreSQL ------------------------------------------------


def exotic_findings() -> list[Finding]:
    """Findings whose JSON holds what escaping can get wrong: CJK, quotes, controls, emoji."""
    cells = [
        {"Supplier": "杭州海康威视数字技术股份有限公司", "Notes": 'say "hi"\\n\ttab'},
        {"Supplier": "EZVIZ 🎥", "Model": "CS-C6N\u2028", "Lieferant": "Größe"},
        {"Supplier": "", "": "empty header", "verdict": "clear"},  # a column named verdict
    ]
    verdicts = ["prohibited", "suspended", "clear"]
    matches = [[HIKVISION], [EZVIZ, HIKVISION], []]
    return [
        finding(row, record, verdict, *found, warnings=("a warning",), file="ü.csv")
        for row, (record, verdict, found) in enumerate(zip(cells, verdicts, matches, strict=True))
    ]


def test_every_line_comes_back_byte_equal(store: RunStore) -> None:
    originals = exotic_findings()
    texts = [f.model_dump_json() for f in originals]
    run_id = store.begin_run(meta())
    lines = [FindingLine(f.verdict, t) for f, t in zip(originals, texts, strict=True)]
    store.add_lines(run_id, lines)
    store.finish_run(run_id, {})
    assert list(store.lines(run_id)) == texts
    assert list(store.findings(run_id)) == originals


def _rows(url: str, sql: str) -> list[tuple[object, ...]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def test_a_run_of_several_batches(
    store: RunStore, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runs, "BATCH_LINES", 7)
    verdicts = ["clear", "clear", "prohibited", "clear", "review"]
    originals = [
        asset(row, f"A-{row}", verdicts[row % 5], *([HIKVISION] if row % 5 == 2 else []))
        for row in range(50)
    ]
    run_id = store.begin_run(meta())
    store.add_findings(run_id, originals[:20])  # three batches in one transaction
    store.add_findings(run_id, originals[30:])  # out of order
    store.add_findings(run_id, originals[20:30])
    store.finish_run(run_id, {"clear": 30, "prohibited": 10, "review": 10})

    assert list(store.findings(run_id)) == originals
    assert store.get_run(run_id).record_count == 50
    batches = _rows(db_url, "SELECT first_row, last_row, size FROM finding_batches ORDER BY id")
    assert batches[:3] == [(0, 6, 7), (7, 13, 7), (14, 19, 6)]
    assert len(batches) == 3 + 3 + 2
    flagged = _rows(
        db_url,
        "SELECT row, verdict, record_key, entity_ids FROM flagged_findings ORDER BY row",
    )
    expected = [
        (f.row, f.verdict, record_key(f.record, f.row), " ".join(m.entity_id for m in f.matches))
        for f in originals
        if f.verdict != "clear"
    ]
    assert flagged == expected
    assert flagged[0] == (2, "prohibited", "asset_id=A-2", "hikvision")


def test_the_flag_points_at_its_line(store: RunStore, db_url: str) -> None:
    originals = exotic_findings()
    run_id = store.begin_run(meta())
    store.add_findings(run_id, originals)
    engine = create_engine(db_url)
    with engine.connect() as conn:
        pointed = conn.execute(
            text(
                "SELECT b.codec, b.lines, f.position, f.row FROM flagged_findings f "
                "JOIN finding_batches b ON b.id = f.batch_id ORDER BY f.row"
            )
        ).all()
    engine.dispose()
    for codec, blob, position, row in pointed:
        assert unpack(codec, bytes(blob))[position] == originals[row].model_dump_json()
    assert [row for *_, row in pointed] == [0, 1]


def test_abort_leaves_nothing_of_the_run(store: RunStore, db_url: str) -> None:
    kept = store.begin_run(meta())
    store.add_findings(kept, exotic_findings())
    store.finish_run(kept, {})
    dropped = store.begin_run(meta())
    store.add_findings(dropped, exotic_findings())
    store.add_findings(dropped, exotic_findings())
    store.abort_run(dropped)
    for table in ("finding_batches", "flagged_findings"):
        assert _rows(db_url, f"SELECT DISTINCT run_id FROM {table}") == [(kept,)]
    assert _rows(db_url, "SELECT id FROM runs") == [(kept,)]


def tricky_lines() -> list[str]:
    """Lines whose split points could be misread: headers named like the finding's members."""
    record = {"verdict": 'a},"verdict":"x', "file": ',"file":"y"', "entity_id": "z"}
    found = finding(7, record, "prohibited", HIKVISION, warnings=('},"verdict":"',), file="f")
    nearest = exotic_findings()[2].model_copy(
        update={
            "nearest": Nearest(
                entity_id="dahua",
                entity_name="Dahua",
                name=',"file":"n"',
                column="Supplier",
                value='"},"verdict":"',
                score=0.5,
                threshold=0.8,
            )
        }
    )
    return [
        *[f.model_dump_json() for f in [*exotic_findings(), found]],
        nearest.model_dump_json(),
        '{"record":{},"row":3,"verdict":"clear","matches":[],"warnings":[],"file":null}',
        "",
    ]


@pytest.mark.parametrize("copies", [1, 3])
def test_shared_middles_rebuild_every_line_exactly(copies: int) -> None:
    texts = tricky_lines() * copies
    payload, numbers = shared.encode(texts)
    assert shared.decode(payload) == texts
    assert numbers[-2:] == [shared.WHOLE, shared.WHOLE]  # no split points: kept whole
    assert len(shared.middles_of(payload)) == len(set(numbers) - {shared.WHOLE})


@given(st.lists(st.text(alphabet=st.characters(blacklist_characters="\n")), max_size=8))
def test_any_text_without_newlines_comes_back(texts: list[str]) -> None:
    payload, _ = shared.encode(texts)
    assert shared.decode(payload) == texts


def test_the_flags_read_from_the_split_equal_the_flags_of_the_parsed_line() -> None:
    texts = sorted(tricky_lines()[:-2] * 2, key=row_of)  # as `pack` orders them
    lines = [FindingLine(orjson.loads(t)["verdict"], t) for t in texts]
    packed = pack(lines)
    assert unpack(CODEC, packed.lines) == texts
    for flag in packed.flags:
        parsed = orjson.loads(texts[flag.position])
        assert flag.record_key == record_key(parsed["record"], parsed["row"])
        assert flag.entity_ids == " ".join(m["entity_id"] for m in parsed["matches"])
    assert {f.entity_ids for f in packed.flags} == {"hikvision", "ezviz hikvision"}


def test_batches_written_plain_are_read() -> None:
    texts = tricky_lines()[:3]
    assert unpack(PLAIN, zlib.compress("\n".join(texts).encode(), 1)) == texts


def test_batches_written_shared_with_zlib_are_read() -> None:
    texts = tricky_lines()
    payload, _ = shared.encode(texts)
    assert unpack(SHARED_ZLIB, zlib.compress(payload.encode(), 1)) == texts


def test_lines_told_alike_by_the_screening_are_packed_as_if_read_from_their_text() -> None:
    """A row and an `alike` object given with each line (as `Screened` gives them) change
    nothing in what is stored, only how it is found; lines naming different objects for the
    same middle still share it."""
    texts = sorted(tricky_lines()[:-2] * 3, key=row_of)
    verdicts = [orjson.loads(t)["verdict"] for t in texts]
    plain = pack([FindingLine(v, t) for v, t in zip(verdicts, texts, strict=True)])
    judged: dict[str, object] = {}  # one object per middle, as one judgement per cells
    told = pack(
        [
            FindingLine(v, t, row_of(t), judged.setdefault(_middle(t), object()))
            if shared.split(t)
            else FindingLine(v, t, row_of(t))
            for v, t in zip(verdicts, texts, strict=True)
        ]
    )
    assert unpack(CODEC, told.lines) == texts
    assert (told.first_row, told.last_row, told.size, told.flags) == (
        plain.first_row,
        plain.last_row,
        plain.size,
        plain.flags,
    )


def _middle(text: str) -> str:
    at = shared.split(text)
    assert at is not None
    return text[at[0] : at[1]]


@given(st.lists(st.sampled_from(tricky_lines()), max_size=12), st.data())
def test_any_grouping_of_lines_by_alike_objects_with_equal_middles_rebuilds_them(
    texts: list[str], data: st.DataObject
) -> None:
    """Whatever objects name the lines, as long as lines sharing one have equal middles."""
    groups: dict[str, list[object]] = {}
    alike: list[object | None] = []
    for t in texts:
        middle = _middle(t) if shared.split(t) else None
        if middle is None or data.draw(st.booleans()):
            alike.append(None)
            continue
        pool = groups.setdefault(middle, [object()])
        if data.draw(st.booleans()):
            pool.append(object())
        alike.append(data.draw(st.sampled_from(pool)))
    payload, _ = shared.encode(texts, alike)
    assert shared.decode(payload) == texts
