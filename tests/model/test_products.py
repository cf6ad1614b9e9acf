"""What a described column says a record is: whole phrases, the longest deciding."""

from __future__ import annotations

import pytest

from banwatch.model.products import kind_of


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        ("IP camera", "video_surveillance"),
        ("webcam", "video_surveillance"),  # nmap's device type for IP cameras
        ("WAP", "enterprise_network"),  # nmap's device type for wireless access points
        ("Home router", "customer_premises"),
        ("Core router", "network_core"),
        ("smartphone", "mobile_device"),
        ("phone", "mobile_device"),
        ("VoIP phone", None),  # a desk phone: no kind a measure names, and not a mobile phone
        ("IP phone", None),
        ("media device", None),  # nmap's word for DVRs and TVs alike
        ("general purpose", None),
        ("", None),
    ],
)
def test_kind_of_a_described_cell(cell: str, kind: str | None) -> None:
    assert kind_of(cell) == kind
