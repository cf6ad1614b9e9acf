"""MAC addresses in every common notation, and their vendor blocks (pure).

Accepted: colon or hyphen pairs (BC:5E:33:12:34:56, bc-5e-33-12-34-56), Cisco
dotted quads (bc5e.3312.3456) and 12 bare hex digits, in any case. A locally
administered or multicast address names no manufacturer and is never matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PAIRS = re.compile(r"^[0-9a-f]{2}([:-])[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}$")
_CISCO = re.compile(r"^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$")
_BARE = re.compile(r"^[0-9a-f]{12}$")
_NOT_HEX = re.compile(r"[^0-9a-f]")


@dataclass(frozen=True)
class Mac:
    """A parsed MAC address."""

    hex: str  # 12 upper-case hex digits

    @property
    def local(self) -> bool:
        """Locally administered: set by software, so its prefix says nothing about the maker."""
        return bool(int(self.hex[:2], 16) & 0x02)

    @property
    def multicast(self) -> bool:
        """A group address, never a device's own."""
        return bool(int(self.hex[:2], 16) & 0x01)

    def prefixes(self) -> tuple[str, str, str]:
        """The MA-S, MA-M and MA-L prefixes this address falls in, most specific first."""
        return self.hex[:9], self.hex[:7], self.hex[:6]

    def __str__(self) -> str:
        return ":".join(self.hex[i : i + 2] for i in range(0, 12, 2))


def parse_mac(text: str) -> Mac | None:
    """Parse a MAC address in any common notation; None when it is not one."""
    s = text.strip().lower()
    if _PAIRS.match(s) or _CISCO.match(s) or _BARE.match(s):
        return Mac(_NOT_HEX.sub("", s).upper())
    return None


_SEPARATORS = re.compile(r"[\s,;|]+")
_WRAPPING = "[]\"'"


def mac_parts(cell: str) -> list[str]:
    """The addresses of a cell that may hold several, each as written.

    Discovery tools list a device's addresses in one cell, separated by
    spaces, tabs, commas, semicolons or bars, or as a JSON array
    (`["bc:5e:33:..", "0c:75:d2:.."]`). No MAC notation has any of these
    characters, so splitting on them never cuts an address.
    """
    parts = (part.strip(_WRAPPING) for part in _SEPARATORS.split(cell.strip()))
    return [part for part in parts if part]
