"""Kinds of product: what a described column's words say a record is (pure).

A measure may cover only some kinds of product (DESIGN.md); a record's kind
comes from the model-number pattern it fits or from a column that describes
it ("Device type: IP camera"). Words are matched whole, case-folded, so
"Router" and "home router" read as customer premises equipment while
"Core router" reads as network core.
"""

from __future__ import annotations

import re

from banwatch.model.vocabulary import PRODUCT_KINDS, ProductKind

# Phrases first: the longest phrase found in a cell decides.
KIND_WORDS: dict[str, ProductKind] = {
    "camera": "video_surveillance",
    "ip camera": "video_surveillance",
    "cctv": "video_surveillance",
    "cctv camera": "video_surveillance",
    "nvr": "video_surveillance",
    "dvr": "video_surveillance",
    "network video recorder": "video_surveillance",
    "video recorder": "video_surveillance",
    "video surveillance": "video_surveillance",
    "surveillance": "video_surveillance",
    "intercom": "video_surveillance",
    "webcam": "video_surveillance",  # nmap's device type for IP cameras
    "doorbell": "video_surveillance",
    "caméra": "video_surveillance",
    "vidéosurveillance": "video_surveillance",
    "kamera": "video_surveillance",
    "摄像机": "video_surveillance",
    "摄像头": "video_surveillance",
    "监控": "video_surveillance",
    "radio": "two_way_radio",
    "two-way radio": "two_way_radio",
    "two way radio": "two_way_radio",
    "portable radio": "two_way_radio",
    "handheld radio": "two_way_radio",
    "mobile radio": "two_way_radio",
    "repeater": "two_way_radio",
    "walkie-talkie": "two_way_radio",
    "lmr": "two_way_radio",
    "dmr": "two_way_radio",
    "tetra": "two_way_radio",
    "对讲机": "two_way_radio",
    "phone": "mobile_device",
    "mobile phone": "mobile_device",
    "smartphone": "mobile_device",
    "cell phone": "mobile_device",
    "tablet": "mobile_device",
    "handset": "mobile_device",
    "smartwatch": "mobile_device",
    "téléphone": "mobile_device",
    "手机": "mobile_device",
    "router": "customer_premises",
    "home router": "customer_premises",
    "wifi router": "customer_premises",
    "wi-fi router": "customer_premises",
    "lte router": "customer_premises",
    "4g router": "customer_premises",
    "5g router": "customer_premises",
    "mobile hotspot": "customer_premises",
    "hotspot": "customer_premises",
    "modem": "customer_premises",
    "ont": "customer_premises",
    "onu": "customer_premises",
    "cpe": "customer_premises",
    "gateway": "customer_premises",
    "home gateway": "customer_premises",
    "routeur": "customer_premises",
    "路由器": "customer_premises",
    "core": "network_core",
    "core network": "network_core",
    "core router": "network_core",
    "5g core": "network_core",
    "base station": "radio_access",
    "ran": "radio_access",
    "radio access": "radio_access",
    "enodeb": "radio_access",
    "gnodeb": "radio_access",
    "bbu": "radio_access",
    "rru": "radio_access",
    "aau": "radio_access",
    "antenna": "radio_access",
    "基站": "radio_access",
    "optical transport": "transport_network",
    "transmission": "transport_network",
    "microwave": "transport_network",
    "olt": "transport_network",
    "switch": "enterprise_network",
    "network switch": "enterprise_network",
    "access point": "enterprise_network",
    "wap": "enterprise_network",  # nmap's device type for wireless access points
    "firewall": "enterprise_network",
    "enterprise router": "enterprise_network",
    "交换机": "enterprise_network",
    "drone": "drone",
    "uav": "drone",
    "uas": "drone",
    "unmanned aircraft": "drone",
    "quadcopter": "drone",
    "无人机": "drone",
    "software": "software",
    "app": "software",
    "application": "software",
    "antivirus": "software",
    "anti-virus": "software",
    "logiciel": "software",
    "软件": "software",
    "vehicle": "connected_vehicle",
    "connected vehicle": "connected_vehicle",
    "chip": "semiconductor",
    "semiconductor": "semiconductor",
    "processor": "semiconductor",
    "module": "iot_module",
    "cellular module": "iot_module",
    "iot module": "iot_module",
    "laptop": "computer",
    "computer": "computer",
    "desktop": "computer",
    "server": "computer",
    "pc": "computer",
    **{k: k for k in PRODUCT_KINDS},  # type: ignore[misc]
    **{k.replace("_", " "): k for k in PRODUCT_KINDS},  # type: ignore[misc]
}

# Products of no kind a measure names, whose words hold a shorter phrase that
# names one: a VoIP desk phone is not a mobile phone.
NO_KIND: frozenset[str] = frozenset({"voip phone", "ip phone", "desk phone", "sip phone"})

_SEPARATORS = re.compile(r"[^\w\-]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_LONGEST_FIRST = sorted([*KIND_WORDS, *NO_KIND], key=len, reverse=True)


def kind_of(text: str) -> ProductKind | None:
    """The kind of product a described cell names, or None when no known word is in it."""
    folded = " ".join(text.casefold().replace("_", " ").split())
    if not folded:
        return None
    padded = " " + _SEPARATORS.sub(" ", folded) + " "
    for phrase in _LONGEST_FIRST:
        if _CJK.search(phrase):
            if phrase in folded:
                return KIND_WORDS[phrase]
        elif f" {phrase} " in padded:
            return KIND_WORDS.get(phrase)  # None for a phrase of `NO_KIND`
    return None
