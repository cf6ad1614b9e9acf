"""The model-number patterns of data/models/telecom-radio-drones.yaml, checked on their own.

Huawei, Honor, ZTE/nubia, Hytera, DJI and Autel Robotics products. The file is
read with yaml.safe_load (the loader integration is tested elsewhere) and the
patterns are used as banwatch uses them: re.fullmatch with re.IGNORECASE on the
trimmed model string. models.yaml is read too, so that a model of these vendors
is checked against every pattern that could claim it for another entity.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.registry.test_model_patterns import assert_record_shape, load_models

MODELS_DIR = Path(__file__).resolve().parents[2] / "data" / "models"
TELECOM_FILE = MODELS_DIR / "telecom-radio-drones.yaml"
OTHER_FILES = [MODELS_DIR / "models.yaml"]
RECORDS = load_models(TELECOM_FILE)
COMPILED = [(r["entity"], re.compile(r["pattern"], re.IGNORECASE)) for r in RECORDS]
ALL_COMPILED = COMPILED + [
    (r["entity"], re.compile(r["pattern"], re.IGNORECASE))
    for path in OTHER_FILES
    if path.exists()
    for r in load_models(path)
]


def _ids(record: dict[str, Any]) -> str:
    return f"{record['entity']}:{record['pattern'][:60]}"


def _matching_entities(model: str, compiled: list[tuple[str, re.Pattern[str]]]) -> set[str]:
    text = " ".join(model.split())
    return {entity for entity, rx in compiled if rx.fullmatch(text)}


# Real model numbers of these vendors that are not examples in the YAML file:
# from other pages (blogs, forums, manuals, repositories, the NetBox and NOC
# device lists) or other entries of the same lists.
OTHER_POSITIVES: list[tuple[str, str]] = [
    # Huawei phones and tablets (news, certification and blog pages)
    ("MAR-LX1M", "huawei-device"),
    ("SEA-LX1", "huawei-device"),
    ("GLK-LX1U", "huawei-device"),
    ("STK-LX1", "huawei-device"),  # P smart Z / Honor 9X, one code for both
    ("VOG-LX9", "huawei-device"),
    ("ALP-AL00", "huawei-device"),
    ("HWI-AL00", "huawei-device"),  # nova 2s: the only HWI- codes Huawei used
    ("HWI-TL00", "huawei-device"),
    ("HUAWEI VOG-L29", "huawei-device"),
    ("els-nx9", "huawei-device"),
    ("  ANA-NX9  ", "huawei-device"),
    ("MRX-W29", "huawei-device"),
    ("BAH3-W09", "huawei-device"),
    ("AGS3K-W10", "huawei-device"),
    ("EUL-W19P", "huawei-device"),
    # Honor
    ("Che2-L11", "honor"),
    ("KIW-L24", "honor"),
    ("NTN-LX1", "honor"),
    ("HONOR NTH-NX9", "honor"),
    ("AGS2-W09HN", "honor"),
    ("ALI-NX1", "honor"),
    ("HBL-W29", "honor"),
    # Huawei CPE: LTE routers, hotspots, modems, 5G CPE, ONTs
    ("B525s-65a", "huawei"),
    ("B618s-22d", "huawei"),
    ("B2368-22", "huawei"),
    ("B535-333", "huawei"),
    ("Huawei B535-232", "huawei"),
    ("E3276", "huawei"),
    ("E3231", "huawei"),
    ("E3372h", "huawei"),
    ("HG8245H", "huawei"),
    ("HG8546M", "huawei"),
    ("HG8010H", "huawei"),
    ("HG8245Hv5", "huawei"),
    ("HG8310M", "huawei"),
    ("HN8145XR", "huawei"),
    ("HS8546V5", "huawei"),
    ("EchoLife HG8245T", "huawei"),
    ("EG8145V5", "huawei"),
    ("EG8010N", "huawei"),
    ("EN8145X6", "huawei"),
    # Huawei switches, routers, access, transport, Wi-Fi, RAN
    ("S5735-L24P4S-A1", "huawei"),
    ("S1720-28GWR-4X-E", "huawei"),
    ("S5731-S24T4X", "huawei"),
    ("S5732-H24UM2CC", "huawei"),
    ("CloudEngine S5732-H48UM4Y2CZ-V2", "huawei"),
    ("S5720S-52X-SI-AC", "huawei"),
    ("S5700-28C-EI-24S", "huawei"),
    ("S9303", "huawei"),
    ("S12700E-4", "huawei"),
    ("CE6851-48S6Q-HI", "huawei"),
    ("CE6870", "huawei"),
    ("AR6121E", "huawei"),
    ("AR6140-S", "huawei"),
    ("AR651W", "huawei"),
    ("AR1220W", "huawei"),
    ("NE8000-X4", "huawei"),
    ("NE9000-8-DC", "huawei"),
    ("NE40E-M2K-B", "huawei"),
    ("NE8000 F1A-8H20Q", "huawei"),
    ("CX600-X8", "huawei"),
    ("MA5800-X2", "huawei"),
    ("MA5801-GP16", "huawei"),
    ("EA5801E-GP16", "huawei"),
    ("MA5683T", "huawei"),
    ("AirEngine5773-21", "huawei"),
    ("AirEngine6761-21T", "huawei"),
    ("AC6800V", "huawei"),
    ("AP6050DN", "huawei"),
    ("AP7050DE", "huawei"),
    ("AP4050DN", "huawei"),
    ("AP5030DN", "huawei"),
    ("AP8050DN", "huawei"),
    ("Huawei AP7052DN", "huawei"),
    ("pRRU3916", "huawei"),
    ("BBU5900", "huawei"),
    ("RRU3606-AWS", "huawei"),
    ("BTS3900", "huawei"),
    # ZTE and nubia
    ("ZXHN F670L", "zte"),
    ("ZTE F670L", "zte"),
    ("F670L", "zte"),
    ("ZTE ZXHN F671Y", "zte"),
    ("ZXHN H298Q", "zte"),
    ("ZXHN H168N V3.5", "zte"),
    ("MF286D", "zte"),
    ("ZTE MF286D", "zte"),
    ("MF823", "zte"),
    ("MF833V", "zte"),
    ("MF821D", "zte"),
    ("MF79U", "zte"),
    ("ZXA10 C320", "zte"),
    ("ZXR10 5950-28TD-L", "zte"),
    ("MC801A", "zte"),
    ("ZTE MC888 Ultra", "zte"),
    ("MC7010D", "zte"),
    ("MC7010CA", "zte"),
    ("ZTE Blade A51", "zte"),
    ("Blade V40", "zte"),
    ("Axon 40 Ultra", "zte"),
    ("ZTE Axon 7", "zte"),
    ("Z999", "zte"),
    ("ZTE A2017", "zte"),
    ("ZTE A2023BH", "zte"),
    ("NX669J-S", "nubia"),
    ("nubia NX709J", "nubia"),
    ("Z2571N", "nubia"),
    # Hytera
    ("PD365", "hytera"),
    ("PD985", "hytera"),
    ("PD-785g", "hytera"),
    ("PD682G", "hytera"),
    ("PD785G", "hytera"),
    ("PD685G", "hytera"),
    ("Hytera PD785G", "hytera"),
    ("Hytera PD785", "hytera"),
    ("Hytera MD785", "hytera"),
    ("MD785i", "hytera"),
    ("RD965", "hytera"),
    ("X1p", "hytera"),
    ("HM785", "hytera"),
    ("Hytera HP788 UL913", "hytera"),
    ("HP708 LF UL913", "hytera"),
    ("Hytera BP568 LF UL913", "hytera"),
    ("Hytera PT580H Plus UL913", "hytera"),
    ("Hytera MT680 Plus", "hytera"),
    ("Hytera HR658", "hytera"),
    ("PNC380", "hytera"),
    ("Hytera VM580D", "hytera"),
    # DJI
    ("M30T", "dji-autel"),
    ("Matrice 350 RTK", "dji-autel"),
    ("Matrice 4TD", "dji-autel"),
    ("DJI Matrice 30", "dji-autel"),
    ("DJI Avata", "dji-autel"),
    ("Mavic 3M", "dji-autel"),
    ("Mavic Pro", "dji-autel"),
    ("DJI Mavic 3 Pro", "dji-autel"),
    ("Phantom 4 Pro", "dji-autel"),
    ("DJI Phantom 4 Pro V2.0", "dji-autel"),
    ("Inspire 2", "dji-autel"),
    ("DJI FlyCart 30", "dji-autel"),
    ("DJI FPV Goggles V2", "dji-autel"),
    ("DJI Goggles 2", "dji-autel"),
    ("DJI RC-N1", "dji-autel"),
    ("RC-N2", "dji-autel"),
    ("DJI Osmo", "dji-autel"),
    ("FC3170", "dji-autel"),
    ("FC330", "dji-autel"),
    ("FC6310S", "dji-autel"),
    # Autel Robotics
    ("EVO II Pro V3", "autel-robotics"),
    ("Autel Evo II Pro", "autel-robotics"),
    ("EVO Lite+", "autel-robotics"),
    ("Evo Lite Enterprise", "autel-robotics"),
    ("EVO 2", "autel-robotics"),
    ("EVO III", "autel-robotics"),
    ("Autel Robotics EVO Nano+", "autel-robotics"),
    ("Autel Robotics Titan", "autel-robotics"),
    # ZTE home gateways and ONTs written bare, as a ZTE config decoder's README lists them
    ("H108N", "zte"),
    ("H168N", "zte"),
    ("H201L", "zte"),
    ("H298Q", "zte"),
    ("H268Q", "zte"),
    ("F609", "zte"),
    ("F663", "zte"),
    # ZTE cloud computer (zte_cn.md lists W212DS and W213DS on one line)
    ("W212DS", "zte"),
    # nubia Flip 2 sold by SoftBank, carrier code
    ("A404ZT", "nubia"),
    # DJI and Autel names from a drone mission planner and Autel's EVO Nest page
    ("Mavic 3E/3T", "dji-autel"),
    ("EVO Nest", "autel-robotics"),
    # Hytera series as named by other manual pages
    ("PD78XG", "hytera"),
    ("PD78X Series", "hytera"),
    # Hytera radios written with the brand (an APRS how-to, a gateway project)
    ("Hytera PD785G", "hytera"),
    ("Hytera MD785i", "hytera"),
    # Huawei band and watch codes the source lists two to a line (RUN-B29) or with
    # a variant letter (TER-B29S)
    ("RUN-B29", "huawei-device"),
    ("TER-B29S", "huawei-device"),
    # Huawei watch and MateBook codes listed second on a line (GLL-AL30, MDS-AL10)
    ("GLL-AL30", "huawei-device"),
    ("MDS-AL10", "huawei-device"),
    ("KLVFZ-001", "huawei-device"),
    # ZTE ONTs of an ONT list (Cepat-Kilat-Teknologi/genieacs-relay ONU.md)
    ("F663NV3a", "zte"),
    ("F660 V7", "zte"),
    ("F622C", "zte"),
    # More Huawei codes of the same lists: televisions, Qingyun desktops, early phones
    ("HD65KANA", "huawei-device"),
    ("HDB729A7", "huawei-device"),
    ("HEGE-560B", "huawei-device"),
    ("YTGZ-5611SP", "huawei-device"),
    ("HUAWEI U9500E", "huawei-device"),
    ("HUAWEI C199s", "huawei-device"),
    ("S10-231L", "huawei-device"),
    # Hikvision network equipment of the same firmware archive
    ("DS-3E6600-16X-SA", "hikvision"),
    ("DS-3WAP621E-SI", "hikvision"),
    ("DS-3WRM12C", "hikvision"),
    # Huawei servers and storage as other NetBox device-type files spell them
    ("1288H_v6", "huawei"),
    ("2288h-v6", "huawei"),
    ("Huawei_2288H_V5", "huawei"),
    ("Huawei_Dorado_3000_v6", "huawei"),
]

# Other vendors' model numbers and generic strings: no pattern of this file may
# match them.
NEGATIVES: list[str] = [
    # HiWatch turrets share the HWI- prefix with the nova 2s phone codes
    "HWI-T240H",
    "HWI-T280HA-LU",
    # TYT / Baofeng / Radioddity / AnyTone / Retevis radios
    "MD-380",
    "MD-390",
    "MD-UV380",
    "MD-UV390",
    "MD-2017",
    "UV-5R",
    "UV-5R Pro",
    "BF-F8HP",
    "GD-77",
    "RD5R",
    "RT3S",
    "AT-D878UV",
    # Other vendors' products listed next to Hytera's in a dealer catalogue, and HP
    # (Hewlett-Packard) ink and toner numbers near Hytera's HP radios
    "Kenwood NX-1200",
    "Kenwood TKR-D710",
    "Motorola SLR5300",
    "Motorola TLK 100",
    "Motorola XiR P6600i",
    "HP 508A",
    "HP678",
    "HP 564",
    # Motorola phone number of the same shape as Autel's XT701 camera code
    "XT701",
    # Motorola, Kenwood, Icom radios
    "DP4800",
    "DP4800e",
    "DP3600",
    "XPR 7550",
    "APX 6000",
    "APX 8000",
    "SLR 8000",
    "MTP3550",
    "NX-3320",
    "NX-5300",
    "NX-800",
    "TK-3402U16P",
    "TK-780",
    "IC-F52D",
    "IC-F9521T",
    # Routers, hotspots and ONTs of other vendors
    "Archer MR600",
    "Archer AX55",
    "TL-MR6400",
    "M7350",
    "Deco X20",
    "Nighthawk M1 MR1100",
    "MR1100",
    "LB1120",
    "RAX50",
    "G-240W-A",
    "G-010S-P",
    "XS-2426G-A",
    "F@st 5366",
    "F@st 3890",
    "FRITZ!Box 7590",
    "FRITZ!Box 6660 Cable",
    "MW41",
    "MW45V",
    "RM500Q-GL",
    "RM520N-GL",
    # Phones of other vendors
    "SM-G991B",
    "SM-A515F",
    "A2172",
    "iPhone 13",
    "M2101K6G",
    "2201117TY",
    "Redmi Note 10",
    "5033D",
    "TA-1234",
    "XQ-AT52",
    "XT2125-4",
    "CPH2021",
    "V2027",
    "SEA-A0",  # Coolpad
    "CHE-AN00",  # WIKO (Huawei-licensed partner brand)
    "BAL-AN20",  # Hi nova partner phone
    # Network equipment of other vendors
    "C9300-48P",
    "C9200L-24T-4G",
    "ISR4331",
    "WS-C2960X-48FPD-L",
    "AIR-AP1832I-E-K9",
    "EX2300-24P",
    "MX204",
    "SRX300",
    "AIR 6449",
    "Radio 4415",
    "RBS 6601",
    "S5130S-28S-EI",  # H3C
    "S5560X-30C-EI",
    "S6520X-30QC-EI",
    "S7506E",
    "S10508",
    "S5120-28P-SI",
    "AP-515",  # Aruba
    "AP-635",
    "AP305C",  # Extreme
    "AP305CX",
    "AP4000",
    "AP5050D",
    "AP3000X",
    "AP7131N",  # Zebra/Motorola
    "AP-7131N",
    # Drones of other vendors
    "ANAFI",
    "ANAFI USA",
    "ANAFI Ai",
    "Skydio 2+",
    "Skydio X2",
    "X10",
    # Look-alike codes of other products
    "MF269dw",
    "MF232w",
    "MF3010",
    "MF743Cdw",
    "MF644Cdw",
    "AR9271",
    "AR5212",
    "AR2414",
    "AR6003",
    "AR8035",
    "E5470",
    "E5570",
    "E2420H",
    "B550M",
    "B450",
    "B650E",
    "B760",
    "Z690",
    "Z790",
    "Z590",
    "NX300",
    "NX500",
    "NX300M",
    "870 EVO",
    "EVO Plus",
    "Alpha 7 IV",
    "Phantom v2512",
    "PD9500",
    "HG",
    "DS-2CD2143G2-I",
    # Razer laptops, Axon Enterprise body cameras ("Blade"/"Axon" look-alikes)
    "Razer Blade 15",
    "Blade 15",
    "Blade Stealth 13",
    "Axon Body 3",
    "Axon Flex 2",
    # Short "FC" codes of other products (8BitDo controller, Fibre Channel)
    "FC30",
    "FC-220",
    "FC5",
    # Zebra "MC" handheld computers (ZTE MC 5G CPE look-alikes)
    "MC3300",
    "MC9300",
    "MC2200",
    "MC930B",
    "MC9190-G",
    # Generic strings
    "",
    "HUAWEI",
    "Honor",
    "ZTE",
    "nubia",
    "Hytera",
    "DJI",
    "Autel",
    "Alpha",
    "Titan",
    "Phantom",
    "Inspire",
    "Matrice",
    "EVO",
    "Mini 3 Pro",
    "Air 2S",
    "M30",
    "M200",
    "PD",
    "MF",
    "NX",
    "X1",
    "AR",
    "CE",
    "Z",
    "B535",
    "E5576",
    "router",
    "radio",
    "drone",
    # Look-alikes met while widening patterns: a Eufy doorbell (E82xx), a Hanwha turret
    # whose code starts like a Huawei phone's, Intel chipset boards (H + three digits
    # ending in 0) and the Compaq iPAQ H3600 (ZTE's H3600 needs its version)
    "E8213",
    "ANE-L6012R",
    "H310M",
    "H370N",
    "H610M",
    "H770",
    "H3600",
    # OPPO codenames that start like DJI Avata (MobileModels oppo_cn.md)
    "avatar-l5",
    "avatar-b5",
    # Other vendors' ONTs of the same list: FiberHome, VSOL, C-Data, Nokia, BDCOM,
    # Skyworth; and Fujifilm FinePix F-numbers next to ZTE's F4xx/F6xx (left out)
    "HG6145D2",
    "HG6245D",
    "AN5506-04-FG",
    "V2804AX30(T)-H",
    "HG3232AX30(T)-H",
    "FD514GS3-R850",
    "G-2426G-A",
    "GP1704-2G-22A",
    "GN542",
    "F410",
    "F460",
    "F660EXR",
    # VSOL HG3xx ONTs and a Sercomm gateway next to Huawei's HGs
    "HG325AX",
    "HG323AC-B",
    "HG322WT",
    "H500-s",
    # Philips appliances (HD + digits), Dahua's old HDB domes written without IPC-
    "HD9252",
    "HD7462",
    "HDB3200C",
    "HDB4300C",
    # The bare word Dorado and server-like numbers without Huawei's H + generation
    "Dorado",
    "2288",
    "R740xd",
]


@pytest.mark.parametrize("record", RECORDS, ids=_ids)
def test_record_shape(record: dict[str, Any]) -> None:
    assert_record_shape(record)


@pytest.mark.parametrize("record", RECORDS, ids=_ids)
def test_pattern_compiles_and_matches_examples(record: dict[str, Any]) -> None:
    rx = re.compile(record["pattern"], re.IGNORECASE)
    for example in record["examples"]:
        assert rx.fullmatch(example.strip()), f"{example!r} does not match"


@pytest.mark.parametrize("record", RECORDS, ids=_ids)
def test_examples_belong_to_one_entity(record: dict[str, Any]) -> None:
    for example in record["examples"]:
        assert _matching_entities(example, ALL_COMPILED) == {record["entity"]}, example


def test_patterns_are_unique() -> None:
    patterns = [r["pattern"] for r in RECORDS]
    assert len(patterns) == len(set(patterns))


@pytest.mark.parametrize(("model", "entity"), OTHER_POSITIVES, ids=[m for m, _ in OTHER_POSITIVES])
def test_other_real_models_are_attributed(model: str, entity: str) -> None:
    assert _matching_entities(model, ALL_COMPILED) == {entity}


@pytest.mark.parametrize("model", NEGATIVES, ids=[repr(m) for m in NEGATIVES])
def test_other_vendors_do_not_match(model: str) -> None:
    assert _matching_entities(model, COMPILED) == set()
