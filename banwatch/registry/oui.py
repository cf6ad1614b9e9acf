"""Read the IEEE MAC registry shipped by `netaddr` and attribute blocks to entities.

A block belongs to an entity when its organisation string, folded (case,
spacing and punctuation ignored), equals one of the entity's
`mac_registrant` identifiers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from banwatch.model.entities import Entity
from banwatch.model.registry import MacBlock

_LINE = re.compile(r"^([0-9A-F]{6})\s+\(base 16\)\s+(.+?)\s*$")


def fold_registrant(text: str) -> str:
    """Fold an organisation string so that IEEE spelling variants compare equal."""
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def netaddr_oui_path() -> Path:
    """Where the installed `netaddr` keeps its copy of the IEEE MA-L registry."""
    import netaddr

    return Path(netaddr.__file__).parent / "eui" / "oui.txt"


def read_oui(path: Path) -> Iterator[tuple[str, str]]:
    """Yield (prefix, organisation) for every MA-L block in an IEEE `oui.txt`."""
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            m = _LINE.match(line)
            if m:
                yield m[1], m[2]


def attribute_blocks(
    blocks: Iterator[tuple[str, str]], entities: Mapping[str, Entity]
) -> dict[str, MacBlock]:
    """Map each block whose registrant is claimed by an entity to that entity."""
    wanted: dict[str, tuple[str, str, bool]] = {}
    explicit: dict[str, MacBlock] = {}
    for e in entities.values():
        for ident in e.identifiers:
            if ident.kind == "mac_registrant":
                wanted[fold_registrant(ident.value)] = (e.id, str(ident.source), ident.verified)
            elif ident.kind == "mac_prefix":
                prefix = re.sub(r"[^0-9A-F]", "", ident.value.upper())
                explicit[prefix] = MacBlock(
                    prefix, ident.value, e.id, str(ident.source), ident.verified
                )
    found: dict[str, MacBlock] = {}
    for prefix, org in blocks:
        hit = wanted.get(fold_registrant(org))
        if hit:
            found[prefix] = MacBlock(prefix, org, *hit)
    # A prefix named explicitly in the registry wins over the registrant rule.
    found.update(explicit)
    return found
