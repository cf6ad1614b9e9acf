"""MAC addresses, web addresses and model numbers."""

from __future__ import annotations

import pytest

from banwatch.matching.domains import domain_candidates, host_of
from banwatch.matching.mac import mac_parts, parse_mac
from banwatch.matching.matcher import Matcher
from banwatch.model.records import Record


@pytest.mark.parametrize(
    "text",
    [
        "BC:5E:33:12:34:56",
        "bc-5e-33-12-34-56",
        "bc5e.3312.3456",
        "BC5E33123456",
        " bc:5e:33:12:34:56 ",
    ],
)
def test_mac_notations(text: str) -> None:
    mac = parse_mac(text)
    assert mac is not None
    assert mac.hex == "BC5E33123456"
    assert mac.prefixes() == ("BC5E33123", "BC5E331", "BC5E33")


@pytest.mark.parametrize(
    "text",
    [
        "not-a-mac",
        "",
        "BC:5E:33:12:34",
        "BC:5E:33:12:34:56:78",
        "BC:5E-33:12:34:56",
        "GG:5E:33:12:34:56",
        "bc5e3312345",
    ],
)
def test_malformed_macs_are_rejected(text: str) -> None:
    assert parse_mac(text) is None


def test_local_and_multicast_bits() -> None:
    local, multicast, vendor = (
        parse_mac(t) for t in ("02:00:00:00:00:01", "01:00:5e:00:00:01", "bc:5e:33:00:00:01")
    )
    assert local is not None and local.local
    assert multicast is not None and multicast.multicast
    assert vendor is not None and not vendor.local and not vendor.multicast


@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("https://www.hikvision.com/en/", "hikvision.com"),
        ("dahuasecurity.com", "dahuasecurity.com"),
        ("WWW.Huawei.COM", "huawei.com"),
        ("http://us.dahuasecurity.com:8080/x?y=1", "us.dahuasecurity.com"),
        ("not a url", None),
        ("", None),
        ("localhost", None),
    ],
)
def test_host_of(text: str, host: str | None) -> None:
    assert host_of(text) == host


def test_domain_candidates_walk_up_to_the_registered_domain() -> None:
    assert domain_candidates("a.b.hikvision.com") == [
        "a.b.hikvision.com",
        "b.hikvision.com",
        "hikvision.com",
    ]


@pytest.mark.parametrize(
    ("cell", "parts"),
    [
        ("bc:5e:33:12:34:56", ["bc:5e:33:12:34:56"]),
        ("bc:5e:33:12:34:56\t00-e0-fc-01-02-03", ["bc:5e:33:12:34:56", "00-e0-fc-01-02-03"]),
        ("bc5e.3312.3456, 00E0FC010203", ["bc5e.3312.3456", "00E0FC010203"]),
        ('["bc:5e:33:12:34:56", "00:e0:fc:01:02:03"]', ["bc:5e:33:12:34:56", "00:e0:fc:01:02:03"]),
        ("a;b|c", ["a", "b", "c"]),
        ("  ", []),
    ],
)
def test_a_cell_holds_its_addresses_however_they_are_separated(cell: str, parts: list[str]) -> None:
    assert mac_parts(cell) == parts
    assert all(parse_mac(p) for p in parts if ":" in p or "." in p or len(p) == 12)


def test_a_cell_of_several_macs_is_matched_on_each_and_warns_once_when_none_is_one(
    matcher: Matcher,
) -> None:
    def mac_cell(value: str) -> tuple[set[str], list[str]]:
        record = Record(0, "scan.csv", 2, {"macs": value}, {"macs": "mac"})
        evidence, warnings = matcher.match(record)
        return {e.entity_id for e in evidence}, warnings

    both, warned = mac_cell("bc:5e:33:12:34:56 00:e0:fc:01:02:03")
    assert {"hikvision", "huawei"} <= both and warned == []
    assert mac_cell("not a mac")[1] == ["column 'macs': 'not a mac' is not a MAC address; ignored"]
    found, warned = mac_cell("bc:5e:33:12:34:56, zz")
    assert "hikvision" in found
    assert warned == ["column 'macs': 'zz' is not a MAC address; ignored"]
