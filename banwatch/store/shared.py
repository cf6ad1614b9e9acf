"""A batch's lines with the part that records judged alike share written once.

A finding's JSON line is its own head (`{"row":…,"record":{…}`), a middle
that every record judged alike shares (`,"verdict":…,"matches":[…],
"warnings":[…]`, most of the bytes of a line that matched), and its own tail
(`,"file":…,"line":…,"matcher":…,"nearest":…}`). A batch is written as its
distinct middles, then one entry per line: the middle's number, the head's
length and head + tail. Zstandard then compresses what is left (`batches.py`).

Invariants:

- Exact whatever the line: a line is rebuilt as `head + middle + tail` from
  slices of itself, so the split points affect only how much is shared. A
  line whose split points are not found is kept whole.
- The split points are found without parsing: the record is a flat object of
  strings, so the first `},"verdict":"` ends it (inside a string a quote is
  escaped); `nearest` is the last member and holds no `file`, so the last
  `,"file":` starts the tail. A line holds no newline (JSON escapes it).
"""

from __future__ import annotations

from collections.abc import Sequence

_ROW = '{"row":'
_RECORD_END = '},"verdict":"'
_TAIL = ',"file":'
WHOLE = -1  # the middle number of a line kept whole


def split(text: str) -> tuple[int, int] | None:
    """Where the middle of a finding's line starts and ends, or None when not found."""
    if not text.startswith(_ROW):
        return None
    start = text.find(_RECORD_END)
    if start < 0:
        return None
    end = text.rfind(_TAIL)
    if end <= start:
        return None
    return start + 1, end


def encode(
    texts: Sequence[str], alike: Sequence[object | None] | None = None
) -> tuple[str, list[int]]:
    """The payload of a batch of lines, and each line's middle number (`WHOLE` if none).

    `alike`, when given, names for each line an object that every line with
    the same middle shares (the screening's judgement of records judged
    alike), or None: a middle is then cut out and looked up once per object
    rather than once per line (hashing a long middle costs more than the rest
    of a line). Objects are told apart by identity, which is safe because
    `alike` holds them all while this runs. Equal middles get one number
    either way.
    """
    by_text: dict[str, int] = {}
    by_alike: dict[int, int] = {}
    entries: list[str] = []
    which: list[int] = []
    for k, text in enumerate(texts):
        at = split(text)
        if at is None:
            which.append(WHOLE)
            entries.append(f"{WHOLE} 0 {text}")
            continue
        start, end = at
        shared_by = alike[k] if alike is not None else None
        key = id(shared_by) if shared_by is not None else 0
        number = by_alike.get(key) if key else None
        if number is None:
            number = by_text.setdefault(text[start:end], len(by_text))
            if key:
                by_alike[key] = number
        which.append(number)
        entries.append(f"{number} {start} {text[:start]}{text[end:]}")
    return "\n".join([str(len(by_text)), *by_text, *entries]), which


def middles_of(payload: str) -> list[str]:
    """The distinct middles of a payload, by number."""
    count, _, rest = payload.partition("\n")
    return rest.split("\n", int(count))[: int(count)]


def decode(payload: str) -> list[str]:
    """The lines of a payload, exactly as they were given to `encode`."""
    parts = payload.split("\n")
    count = int(parts[0])
    middles = parts[1 : 1 + count]
    lines = []
    for entry in parts[1 + count :]:
        number, start, rest = entry.split(" ", 2)
        if number == "-1":
            lines.append(rest)
        else:
            at = int(start)
            lines.append(rest[:at] + middles[int(number)] + rest[at:])
    return lines
