"""A finding's JSON line composed from parts serialised once: the one layout of `--format jsonl`.

Screening writes most lines without building a `Finding` (`Screening.screen_line`):
the parts that depend only on a record's cells are serialised once and
joined per row. The layout (which members, named how, in which order) is
the pydantic models' own: the templates below are built from
`Finding.model_fields` and `Match.model_fields`, and the composing functions
check at import that their parameters follow those fields, so the fast
lines and `model_dump_json()` cannot disagree on the layout. The values are
serialised as pydantic does: compact, characters as they are.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Mapping
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]

import orjson
from pydantic import BaseModel

from banwatch.model.findings import Finding, Match

# Compact JSON, characters as they are: how pydantic writes a finding's plain fields.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
# The encoder's own C loop, made once: `JSONEncoder.encode` makes a new one (and a dict
# for its check of circular references) on every call, most of the cost of a short list
# or a number. A finding's parts hold no cycles.
_ENCODE = (
    c_make_encoder(None, _ENCODER.default, encode_basestring, None, ":", ",", False, False, True)
    if c_make_encoder is not None
    else None
)


def json_text(value: object) -> str:
    """`value` as compact JSON, characters as they are: exactly `_ENCODER.encode(value)`."""
    if type(value) is str:
        return encode_basestring(value)  # what `JSONEncoder.encode` does with a string
    if _ENCODE is None:
        return _ENCODER.encode(value)
    return "".join(_ENCODE(value, 0))


def cells_json(values: dict[str, str]) -> str:
    """A record's cells as JSON, exactly as `json_text` writes them (and pydantic).

    Written for every output line, so by orjson, some ten times faster; text
    orjson refuses (lone surrogates standing for undecodable input bytes) goes
    through `json_text`.
    """
    try:
        return orjson.dumps(values).decode()
    except TypeError:
        return json_text(values)


def _template(model: type[BaseModel], groups: Mapping[str, str]) -> tuple[str, tuple[str, ...]]:
    """`model`'s members as a `%s` template, and the name of each slot in order.

    A member listed in `groups` is not written on its own: its group's slot
    (named after the group) takes the run of consecutive members, already
    joined as JSON members.
    """
    parts: list[str] = []
    slots: list[str] = []
    for name in model.model_fields:
        group = groups.get(name)
        if group is None:
            parts.append(f'"{name}":%s')
            slots.append(name)
        elif group not in slots:
            parts.append("%s")
            slots.append(group)
    return "{" + ",".join(parts) + "}", tuple(slots)


_FINDING, _FINDING_SLOTS = _template(
    Finding, {"verdict": "middle", "matches": "middle", "warnings": "middle"}
)
_MATCH, _MATCH_SLOTS = _template(
    Match,
    {
        "entity_id": "head",
        "entity_name": "head",
        "via": "relation",
        "path": "relation",
        "confidence": "relation",
    },
)


def finding_line(
    row: int, record: str, middle: str, file: str, line: str, matcher: str, nearest: str
) -> str:
    """A finding's JSON from its serialised parts (`middle`: verdict, matches and warnings)."""
    return _FINDING % (row, record, middle, file, line, matcher, nearest)


# The template cut around the members every record fills itself (row, record, line); the
# slots between them are in `finding_line`'s order, which `_check` below holds to the model.
_MARK = "\x00"  # never in JSON text (a control character is always escaped there)
_FRAME = (_FINDING % (_MARK, _MARK, "%s", "%s", _MARK, "%s", "%s")).split(_MARK)
if len(_FRAME) != 4:
    raise RuntimeError(f"a finding's template {_FINDING!r} does not hold its row, record and line")
ROW_HEAD, RECORD_HEAD, _AFTER_RECORD, _AFTER_LINE = _FRAME


def finding_frame(middle: str, file: str, matcher: str, nearest: str) -> tuple[str, str]:
    """What a finding's line holds after its record and after its line number.

    The same for every record of one file judged alike, so made once for
    them: `ROW_HEAD + row + RECORD_HEAD + record + after + line + end` is
    `finding_line(row, record, middle, file, line, matcher, nearest)`.
    """
    return _AFTER_RECORD % (middle, file), _AFTER_LINE % (matcher, nearest)


def finding_middle(verdict: str, matches: str, warnings: str) -> str:
    """The members a record's cells decide, from the serialised verdict, matches and warnings."""
    return f'"verdict":{verdict},"matches":[{matches}],"warnings":{warnings}'


def match_json(
    head: str,
    score: str,
    matched_on: str,
    matched_value: str,
    relation: str,
    features: str,
    measures: str,
) -> str:
    """A match's JSON from its serialised parts (`head`: its entity; `relation`: the path)."""
    return _MATCH % (head, score, matched_on, matched_value, relation, features, measures)


def match_head(entity_id: str, entity_name: str) -> str:
    """The members naming a match's entity."""
    return f'"entity_id":{json_text(entity_id)},"entity_name":{json_text(entity_name)}'


def match_relation(via: list[str], path: str, confidence: str) -> str:
    """The members saying how the matched entity relates to a measure's target."""
    return f'"via":{json_text(via)},"path":{json_text(path)},"confidence":{json_text(confidence)}'


def _check(function: Callable[..., str], slots: tuple[str, ...]) -> None:
    """Refuse to load when a composing function's parameters no longer follow its model."""
    params = tuple(inspect.signature(function).parameters)
    if params != slots:
        raise RuntimeError(f"{function.__name__}{params} does not follow its model's {slots}")


_check(finding_line, _FINDING_SLOTS)
_check(match_json, _MATCH_SLOTS)
for _function in (finding_middle, match_head, match_relation):
    _params = tuple(inspect.signature(_function).parameters)
    _members = tuple(n for n in (*Finding.model_fields, *Match.model_fields) if n in _params)
    if _members != _params:
        raise RuntimeError(f"{_function.__name__}{_params} does not follow its model's order")
