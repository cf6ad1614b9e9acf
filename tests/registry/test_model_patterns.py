"""The model-number patterns of data/models/models.yaml, checked on their own.

The file is read with yaml.safe_load (the loader integration is tested
elsewhere). Patterns are used as banwatch uses them: re.fullmatch with
re.IGNORECASE on the trimmed model string.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from banwatch.model.vocabulary import PRODUCT_KINDS

MODELS_FILE = Path(__file__).resolve().parents[2] / "data" / "models" / "models.yaml"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def load_models(path: Path) -> list[dict[str, Any]]:
    """The records of one model-pattern file (the telecom file's tests read theirs too)."""
    with path.open(encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    assert isinstance(doc, dict), f"{path.name} must be a mapping"
    records = doc.get("models")
    assert isinstance(records, list), f"{path.name} needs a list under 'models'"
    return records


RECORDS = load_models(MODELS_FILE)
COMPILED = [(r["entity"], re.compile(r["pattern"], re.IGNORECASE)) for r in RECORDS]


def _ids(record: dict[str, Any]) -> str:
    return f"{record['entity']}:{record['pattern']}"


def _matching_entities(model: str) -> set[str]:
    text = model.strip()
    return {entity for entity, rx in COMPILED if rx.fullmatch(text)}


# Real model numbers of the restricted vendors, from sources other than the one
# each pattern cites (vendor manuals, integrator lists, CVE notices, the brief).
OTHER_POSITIVES: list[tuple[str, str]] = [
    # Hikvision IP cameras, PTZ, thermal, recorders, intercom, DeepinView
    ("DS-2CD2143G2-I", "hikvision"),
    ("DS-2CD2387G2-LU", "hikvision"),
    ("DS-2CD2323G0-IU", "hikvision"),
    ("DS-2CD2187G2H-LI", "hikvision"),
    ("DS-2CD2343G2-IU", "hikvision"),
    ("DS-2CD6944G0-IHS/NFC", "hikvision"),
    ("DS-2CD2D21G0/M-D/NF", "hikvision"),
    ("DS-2CD2T22WD-I5", "hikvision"),
    ("DS-2CD2412F-IW", "hikvision"),
    ("DS-2CD2143G2-I(2.8mm)", "hikvision"),
    ("ds-2cd2143g2-i", "hikvision"),
    ("  DS-2CD2143G2-I  ", "hikvision"),
    ("DS-2CE76D0T-ITMFS", "hikvision"),
    ("DS-2DE4425W-DE3", "hikvision"),
    ("DS-2DE4425IW-DE", "hikvision"),
    ("DS-2DF8425IX-AELW", "hikvision"),
    ("DS-2TD4136-25-V2", "hikvision"),
    ("DS-2TD4137-25/WY", "hikvision"),
    ("DS-7608NI-K2/8P", "hikvision"),
    ("DS-7604NI-K1/4P", "hikvision"),
    ("DS-7608NI-K1", "hikvision"),
    ("DS-7608NI-I2", "hikvision"),
    ("DS-7108NI", "hikvision"),
    ("DS-7616NI-Q2/16P", "hikvision"),
    ("DS-7716NI-E4/16P", "hikvision"),
    ("DS-7716NXI-I4/16P/VPRO", "hikvision"),
    ("DS-7732NXI-K4", "hikvision"),
    ("DS-7208HQHI-K1", "hikvision"),
    ("DS-7316HQHI-K4", "hikvision"),
    ("DS-KH6210-L", "hikvision"),
    ("DS-KD3002-VM", "hikvision"),
    ("DS-KV8202-IM", "hikvision"),
    ("DS-KH8301-WT", "hikvision"),
    ("DS-KH6310", "hikvision"),
    ("iDS-2CD7A46G0/P-IZHS(Y)", "hikvision"),
    # Hikvision multi-sensor, solar, PanoVu, Wi-Fi, alarm panels, DVRs
    ("DS-2SF8C425MXS-DLW", "hikvision"),
    ("DS-2SF7C442MXG2/LM-EL", "hikvision"),
    ("DS-2XE6646G0-LIZSADC", "hikvision"),
    ("DS-2DE7A425IWG1-E", "hikvision"),
    ("DS-2DE7A432IWG-EB/SL", "hikvision"),
    ("DS-7104HGHI-M1", "hikvision"),
    ("iDS-2CD7A87G2H-XZHSY", "hikvision"),
    ("iDS-2CD5146G2/V-XZHSY", "hikvision"),
    ("DS-2CD2047G3-LI2UY", "hikvision"),
    ("DS-2CD3021G3-LIUF", "hikvision"),
    ("DS-2CD1021G2-LIU", "hikvision"),
    ("DS-2DF4420-DX316LE", "hikvision"),
    ("DS-PWA96-M2H-WE", "hikvision"),
    ("DS-8632NI-I8", "hikvision"),
    ("DS-KIS602", "hikvision"),
    ("DS-KIS703-P", "hikvision"),
    ("NVR-104H-D/4P", "hikvision"),
    ("NVR-108MH-C/8P", "hikvision"),
    # Hikvision traffic cameras, displays, access-control terminals, HiLook DVRs
    ("iDS-TCM403-GIR", "hikvision"),
    ("iDS-TCM203-A", "hikvision"),
    ("DS-D5043F3-1V0S", "hikvision"),
    ("DS-K1T671M", "hikvision"),
    ("DS-K1T341AMF", "hikvision"),
    ("DS-K1T8003EF", "hikvision"),
    ("DVR-108G-F1", "hikvision"),
    ("DVR-204G-M1", "hikvision"),
    ("NV4108E-HS", "amcrest"),
    # HiLook
    ("IPC-B140H", "hikvision-hilook"),
    ("IPC-B120H-D", "hikvision-hilook"),
    ("IPC-B180H", "hikvision-hilook"),
    ("IPC-D140H", "hikvision-hilook"),
    ("IPC-T140H", "hikvision-hilook"),
    ("IPC-B469HAD-LUF/SL", "hikvision-hilook"),
    ("IPC-B1120HAP-LUF", "hikvision-hilook"),
    ("IPC-T229HAA-LU", "hikvision-hilook"),
    ("THC-B140-P", "hikvision-hilook"),
    ("THC-B120-M", "hikvision-hilook"),
    ("THC-T120-PC", "hikvision-hilook"),
    ("PTZ-N2C400I-W", "hikvision-hilook"),
    ("PTZ-N4215I-DE", "hikvision-hilook"),
    # HiWatch (older DS-I / DS-N numbering)
    ("DS-I220", "hikvision-hiwatch"),
    ("DS-I450", "hikvision-hiwatch"),
    ("DS-I200", "hikvision-hiwatch"),
    ("DS-I203", "hikvision-hiwatch"),
    ("DS-N201", "hikvision-hiwatch"),
    ("HWI-B121H", "hikvision-hiwatch"),
    # EZVIZ
    ("CS-C6N", "ezviz"),
    ("CS-C8C", "ezviz"),
    ("CS-H8C-R100-1K2WKFL", "ezviz"),
    ("CS-C6N-R101-1G2WF", "ezviz"),
    ("CS-C8C-A0-1F2WF", "ezviz"),
    ("CS-T30-10A-EU", "ezviz"),
    ("C6N", "ezviz"),
    ("C8C", "ezviz"),
    ("H8C", "ezviz"),
    ("H6c", "ezviz"),
    ("C3TN", "ezviz"),
    ("BC1C", "ezviz"),
    ("EZVIZ C6N", "ezviz"),
    # Dahua cameras, PTZ, recorders, thermal, intercom
    ("DH-IPC-HDW3641TMP", "dahua"),
    ("DH-IPC-HDW4421E", "dahua"),
    ("DH-IPC-HFW1230S-S-S4-0360B", "dahua"),
    ("IPC-HFW1230S", "dahua"),
    ("IPC-HFW3549T1-AS-PV-0280B-S3", "dahua"),
    ("IPC-HFW1431S1-S4", "dahua"),
    ("IPC-HFW3841TP-ZAS", "dahua"),
    ("IPC-HDW3841TP-ZAS", "dahua"),
    ("IPC-HDW5842TM-ASE", "dahua"),
    ("DH-IPC-HDW3441T-ZS-S2", "dahua"),
    ("IPC-HDBW3841E-AS", "dahua"),
    ("IPC-HDBW5442R-ASE-OPAT", "dahua"),
    ("IPC-HDBW3441DR1-AST-4G-LA", "dahua"),
    ("DH-IPC-HDBW2441R-ZS", "dahua"),
    ("DH-SD49825GB-HNR", "dahua"),
    ("DH-SD22204T-GN", "dahua"),
    ("DH-SD42212T-HN", "dahua"),
    ("SD22204DB-GNY-W", "dahua"),
    ("SD5A425XA-HNR", "dahua"),
    ("SDT4E425-4F-GB-A-PV1", "dahua"),
    ("DHI-NVR4108HS-4KS2", "dahua"),
    ("DHI-NVR4108HS-8P-4KS2", "dahua"),
    ("DHI-NVR4104HS-P-4Ks2", "dahua"),
    ("DHI-NVR4116HS-2N-4KS3", "dahua"),
    ("DHI-NVR4232-4KS2/L", "dahua"),
    ("DH-NVR4216-4KS2/L", "dahua"),
    ("DH-NVR3204", "dahua"),
    ("NVR4208-8P", "dahua"),
    ("NVR4116HS-EI", "dahua"),
    ("NVR4216-4KS3", "dahua"),
    ("NVR4216-16P-I", "dahua"),
    ("DH-XVR5116HS-X", "dahua"),
    ("DH-XVR1B08-I", "dahua"),
    ("DH-XVR5108HS-I3", "dahua"),
    ("XVR5416L-I2", "dahua"),
    ("DHI-HCVR4104HS-S2", "dahua"),
    ("DH-TPC-BF2221P-B3F4", "dahua"),
    ("TPC-SD2241-B7F8-DW-S2", "dahua"),
    ("VTH2621G-P", "dahua"),
    # Dahua HDCVI, panoramic, fisheye, traffic, PTZ positioning, DH-/DHI- codes
    ("HAC-HFW1200RP", "dahua"),
    ("HAC-HDW1200TLP-A", "dahua"),
    ("HAC-HFW2249T-A-I2", "dahua"),
    ("DH-HAC-HFW3208M-I1-A", "dahua"),
    ("IPC-PFW3859S-A180-AS-PV-ATC", "dahua"),
    ("IPC-PDW31259-A180", "dahua"),
    ("DH-IPC-EBW81240-AS-S2", "dahua"),
    ("DH-IPC-EW5541-AS", "dahua"),
    ("DH-IPC-HDPW4240DC-PV-DTF", "dahua"),
    ("ITC952-SU2F-GQE-C2R1-LZF1640", "dahua"),
    ("PTZ85448-HNF-PA", "dahua"),
    ("DH-EPT-5A1231-HNR", "dahua"),
    ("DH-ESD-61A231-HNR-F", "dahua"),
    ("DH-CP902-YG", "dahua"),
    ("DHI-ASI7213X", "dahua"),
    ("ASI7213X", "dahua"),
    ("ASI7223X-A-T1", "dahua"),
    ("ASI6213J-FT", "dahua"),
    ("ASI2212H", "dahua"),
    ("DHI-ASI7214Y-V3", "dahua"),
    ("TPC-AEBF5641-T", "dahua"),
    # Imou (Huacheng)
    ("IPC-A22EP", "huacheng"),
    ("IPC-C22EP", "huacheng"),
    ("IPC-F22FEP", "huacheng"),
    # Lorex
    ("LNZ45P25", "lorex"),
    ("LNZ81P25", "lorex"),
    ("LNB45AB", "lorex"),
    ("LNE45DD", "lorex"),
    ("LND45DV", "lorex"),
    ("LNB8005", "lorex"),
    ("E892AB", "lorex"),
    ("E892DD", "lorex"),
    ("E863SB", "lorex"),
    ("W452ASD", "lorex"),
    ("W891UAD", "lorex"),
    ("F861ASD", "lorex"),
    ("N841", "lorex"),
    ("N84762", "lorex"),
    ("CNE01P", "lorex"),
    # Amcrest
    ("IP8M-2496EB", "amcrest"),
    ("IP4M-1026E", "amcrest"),
    ("IP4M-1046EW", "amcrest"),
    ("IP8M-2496EW-V2", "amcrest"),
    ("IP12M-F2380EW", "amcrest"),
    ("IP2M-841B", "amcrest"),
    ("HLX-IP8M-T303EW-AI", "amcrest"),
    ("AL8M-T8198EW", "amcrest"),
    ("ASH43", "amcrest"),
    ("ASH47-W", "amcrest"),
    ("AD110", "amcrest"),
    # LTS
    ("CMIP3C42WI-28SDL", "lts"),
    ("CMIP7923LPR-32R", "lts"),
    ("CMHT1722-28LS", "lts"),
    ("LTCMIP7442W-28MDA", "lts"),
    ("LTD2516HE", "lts"),
    ("LTD7764", "lts"),
    # Annke
    ("C800 I91DM", "annke"),
    ("FCD800 I91ET", "annke"),
    ("NC400 I81HC", "annke"),
    # Swann
    ("SWNHD-887MSFB", "swann"),
    ("SWPRO-4KMSB", "swann"),
    ("SWNVK-886804", "swann"),
    ("SWIFI-2KOCAM", "swann"),
    ("DVR-4580", "swann"),
    # Honeywell Performance series
    ("HBW4PER2K", "honeywell-video"),
    ("H4W4PER3", "honeywell-video"),
    ("HBW4PER1", "honeywell-video"),
    ("HED3PR3", "honeywell-video"),
    ("HBD2PR1X", "honeywell-video"),
    # Hytera i-Series redesigns
    ("MD652i", "hytera"),
    ("RD892i", "hytera"),
    # Huawei ONTs
    ("HG8245H", "huawei"),
    ("HG8546M", "huawei"),
    ("HG8010H", "huawei"),
    ("HG8145V5", "huawei"),
    ("HN8245Q", "huawei"),
    ("HN8055Q", "huawei"),
    ("EchoLife HG8245T", "huawei"),
    # ZTE
    ("ZXHN F670L", "zte"),
    ("ZXHN H298A", "zte"),
    ("ZXDSL 831CII", "zte"),
    # Kaspersky products named in Kaspersky's user guides (docplayer.net list of guides)
    ("Kaspersky Anti-Virus 2012", "kaspersky"),
    ("Kaspersky Small Office Security", "kaspersky"),
    ("Kaspersky Security 9.0 for Microsoft SharePoint Server", "kaspersky"),
    ("Kaspersky Endpoint Security 10 for Mac", "kaspersky"),
    # Imou code without feature letters (rroller/dahua README) and a HiLook cube
    # camera (ch-bas/cctv-camera-database data/cameras.csv)
    ("IPC-K46", "huacheng"),
    ("IPC-C340HA-D/W", "hikvision-hilook"),
    # Dahua cameras without "IPC-", also from the rroller/dahua README
    ("HDW2431TP-AS", "dahua"),
    ("HFW2449S-S-IL", "dahua"),
    ("HDBW5421E-Z", "dahua"),
    # A Dahua Cooper camera from the rroller/dahua README's known issues
    ("IPC-D2B20-ZS", "dahua"),
    # EZVIZ spellings as users write them (iSpy-derived list in eduard256/Strix)
    ("CS_CV310", "ezviz"),
    ("CS H8C", "ezviz"),
    ("CSCV310", "ezviz"),
    ("CSH8C", "ezviz"),
    ("CS-H3_R100", "ezviz"),
    ("CS-C2mini-31WFR", "ezviz"),
    ("C6HN", "ezviz"),
    ("C1HC", "ezviz"),
    ("C6TC", "ezviz"),
    ("CTQ3N", "ezviz"),
    ("DB1C", "ezviz"),
    ("DP1C", "ezviz"),
    # Amcrest and Imou codes as users write them (iSpy-derived list in eduard256/Strix)
    ("IP2M841B", "amcrest"),
    ("IP2M 841B", "amcrest"),
    ("IP5M_T1179EW", "amcrest"),
    ("IPC-G22", "huacheng"),
    ("IPC-G26EP", "huacheng"),
    ("IPC-A42-L", "huacheng"),
    ("IPC-F42F-D", "huacheng"),
    ("IPC-D42", "huacheng"),
    # Models written with the brand: a homebridge camera page's title, a camera
    # compatibility table (Dahua Hero-K51H)
    ("Hikvision DS-2CD2T22WD-I5", "hikvision"),
    ("Dahua Hero-K51H", "dahua"),
    # EZVIZ marketing names as ch-bas/cctv-camera-database data/cameras.csv gives them
    ("CB8 Pro", "ezviz"),
    ("EB3 4G", "ezviz"),
    ("HB8 Lite 4K", "ezviz"),
    ("H80x Dual", "ezviz"),
    ("C90 Dual 2K+", "ezviz"),
    ("TY1 Pro", "ezviz"),
    ("C6N G1 4K", "ezviz"),
    ("H6c G1 4K", "ezviz"),
    ("BC1C eLife", "ezviz"),
    ("C1C PIR", "ezviz"),
    ("H3c Color", "ezviz"),
    ("H8c Pro 2K+", "ezviz"),
    # Lorex doorbells of the iSpy-derived list (eduard256/Strix lorex.json)
    ("B451AJD", "lorex"),
    ("B451AJD-F", "lorex"),
    ("B862AJD-E", "lorex"),
    # Dahua cameras as home-lab notes and a firmware scraper name them (EmpireTech is a
    # Dahua reseller): IPC-T5442T-ZE, IPC-T54IR-ZE, IPC-T22IR-ZS, IPC-T2231T-ZS
    ("IPC-T5442T-ZE", "dahua"),
    ("IPC-T54IR-ZE", "dahua"),
    ("IPC-T54IR-ZE-S3", "dahua"),
    ("IPC-T22IR-ZS", "dahua"),
    ("IPC-T2231T-ZS", "dahua"),
    # Hikvision's firmware archive (JoeyGE0/hikvision-fw-archive devices.json): brackets
    # turned into hyphens, long access-control codes
    ("DS-2CD2326G2-I-U-", "hikvision"),
    ("DS-2CD6984G1-IHS-U-Y--NFC-", "hikvision"),
    ("DS-2DF4420-DX-S6--C--304-", "hikvision"),
    ("DS-2TD2537T-15-Q-C-", "hikvision"),
    ("IDS-2CD7A46G0-H-IZHS-Y-", "hikvision"),
    ("DS-K1T807EBFWX-E1", "hikvision"),
    ("HM-TD2168-5/G0/T1Y", "hikvision"),
]

# Other vendors' model numbers and generic strings: no pattern may match them.
NEGATIVES: list[str] = [
    # Axis
    "P3265-LVE",
    "AXIS P3265-LVE",
    "M3106-L Mk II",
    "Q6135-LE",
    "P3268-LV",
    # Hanwha
    "XNV-8080R",
    "QNV-6012R",
    "XNO-6080R",
    "PNM-9000VQ",
    "XRN-1610S",
    # Ubiquiti
    "UVC-G4-PRO",
    "UVC-G3-FLEX",
    "UNVR",
    # Bosch
    "FLEXIDOME IP 5100i",
    "NDP-5512-Z30",
    "NBN-73013-BA",
    "NHT-8000-F07QF",
    # Uniview (also "IPC" and "NVR" prefixes)
    "IPC322LB-SF28-A",
    "IPC2122LB-SF28-A",
    "NVR301-04S3",
    "NVR302-16E2-P16",
    "NVR301-08-P4",
    # TP-Link VIGI recorders
    "NVR1008H",
    "NVR1104H-4P",
    "NVR2016H-16MP",
    # Other camera vendors
    "RLC-810A",
    "DWC-MPTZ230XTW",
    "MS-C8165-PB",
    "SNC-VB770",
    "IB9367-H",
    "MX-M16B",
    "CP-UNC-VH2",
    # "DS-" scanners and NAS
    "DS-530",
    "DS-770",
    "DS-7500",
    "DS-70000",
    "DS-740D",
    "DS920+",
    # "CS-" video conferencing kits (Cisco)
    "CS-ROOM55-K9",
    "CS-KIT-K9",
    "CS-DESKPRO-K9",
    # "TPC-" panel PC (Advantech)
    "TPC-1551T-E3AE",
    # Radios of other makers
    "DP4400e",
    "DM4600e",
    "XPR 7550",
    "NX-3320",
    # Other electronics with look-alike codes
    "BD-J5700",
    "MF269dw",
    "SDSQUA4-064G-GN6MA",
    "SDCZ48-064G",
    # Uniarch / Uniview "IPC-" look-alikes of HiLook and Imou numbers
    "IPC-B234-AF40",
    "IPC-T124-APF28",
    "IPC-B314-APKZ",
    "IPC-T312-APKZ",
    "IPC-D122-PF28",
    "IPC-P222-AF40C",
    "IPC-T242-ADF28K-WP",
    "IPC-P413-X20K",
    "UHO-B1R-M2F3-A",
    "IPC2324LB-ADZK-H",
    "IPC2125LB-SF28-A",
    "IPC2A12LP-ADF40KC-4G-JP",
    "IPC3614SB-ADF28KM-I0",
    # Kedacom (also "IPC" + digits)
    "IPC2411-HN-DIR",
    "IPC425-F223-N",
    # Milesight, TVT, Vivotek, Avigilon, Panasonic, D-Link, Tapo/VIGI, Reolink
    "MS-C5362-FPA",
    "TD-9443E3-A",
    "IB9391-EHT",
    "FD9391-EHTV",
    "SD9366-EHL",
    "2.0C-H5A-BO1-IR",
    "5.0C-H5A-DO2",
    "BL-C230",
    "DCS-4718E",
    "DCS-8526LH",
    "C320WS",
    "C340",
    "RLC-1212A",
    "RLC-823A",
    "E1 Zoom",
    # Axis, Hanwha, Bosch, i-PRO, Grandstream, ACTi, GeoVision, Verkada
    "M3106-LVE",
    "Q1800-LE",
    "XND-A9085RV",
    "PNM-C9022RV",
    "QNE-C8013RL",
    "NDE-3503-AL",
    "WV-S15700-V2LN",
    "GSC3610",
    "A984",
    "K32-P1",
    "TMS20811",
    "CD52-E",
    # Cisco collaboration kits ("CS-...-K9") and TYT radios
    "CS-T10-TS-K9",
    "CS-CODEC-PRO-K9",
    "MD380",
    "MD390",
    "MD-UV380",
    # Epson/Brother "DS-" scanners with letters
    "DS-C490",
    "DS-940DW",
    "DS-870",
    # Other short look-alikes
    "NVR301-16E2",
    "N810",
    "AD620",
    # Kedacom recorders with Dahua-like digits
    "NVR2820",
    "NVR2860",
    "NVR2882",
    "NVR2820E-16",
    "NVR1821",
    "KDM2130",
    # Uniview consumer "IPC-" letter codes, Uniarch HAC/UAC analog, Tiandy, Milesight
    "IPC-H13H-A28",
    "IPC-H24S",
    "IPC-H24S-A28",
    "IPC-T12H40-A",
    "IPC-T23S-A40-V2",
    "IPC-Q23S-JY40-4G",
    "IPC-Y13H-Y40",
    "IPC-L2A4-IR_F40",
    "IPC-T35Q-JY40-AI",
    "EC-B4F28M-V3",
    "HAC-B315-F28-W",
    "HAC-T322-AF28M-W",
    "UAC-B112-F28",
    "UHO-P1A-M5F4D",
    "TC-C32GN",
    "TC-H326M",
    "TC-C34LQ",
    "MS-C2964-FPD",
    "MS-C2941-X30RPC",
    # Short look-alikes of EZVIZ names (webcams, Tapo, the company H3C)
    "C920",
    "C270",
    "C200",
    "C6",
    "H4",
    "E6",
    "H3C",
    "BC1",
    # TP-Link Tapo cameras (Lorex "C" camera look-alikes)
    "C320WS",
    "C325WB",
    "C520WS",
    "C420S1",
    # ZWO "ASI" astronomy cameras (Dahua ASI look-alikes)
    "ASI2600MC",
    "ASI1600MM",
    "ASI6200MM-Pro",
    "ASI294MC",
    "ASI120MM-S",
    # Company suffixes that look like LTS recorder prefixes
    "LTD",
    "Ltd 2020",
    "LTE-2000",
    # "DVR-"/"PTZ-"/"THC" look-alikes of HiLook numbers
    "DVR-4CH",
    "PTZ-2MP",
    # Generic strings
    "",
    "NVR",
    "DVR",
    "XVR",
    "IPC",
    "IPC-",
    "IPC-HFW",
    "DS-",
    "DS-2CD",
    "CS-",
    "SD card",
    "HG",
    "MD",
    "camera",
    "Hikvision",
    "Dahua",
    # The bare company name is left to name matching
    "Kaspersky",
    # Sony HDCAM recorders and cameras write HDW with a hyphen
    "HDW-F900",
    "HDW-M2000",
    "HDW-1800",
    # Cisco CSR 1000v runs "CS" into letters that are not EZVIZ series; Zavio
    # F611E and Digital Watchdog MF21 cameras look like ZTE F6xx ONTs / MF modems
    "CSR1000V",
    "CV220",
    "CSR1000v",
    "F611E",
    "MF21",
    "MF21M4",
    # Bare company names are left to name matching
    "Hikvision",
    "Dahua",
    "EZVIZ",
    # EZVIZ short codes without EZVIZ's words are too short to claim; an Apple
    # board code shaped like a Lorex NVR number
    "CB8",
    "TY1",
    "H80",
    "N841AP",
    # A B8xxA number of another maker in the same camera list, AMD boards
    "B820A",
    "B450M",
    "B450 AORUS",
    # Cisco MDS and Synology model numbers that start with DS
    "DS-C9148S-K9",
    "DS3617xs",
]


def assert_record_shape(record: dict[str, Any]) -> None:
    """The fields, slugs, source, confidence and kind of one pattern record."""
    assert set(record) <= {
        "entity",
        "pattern",
        "description",
        "examples",
        "source",
        "confidence",
        "kind",
    }
    assert SLUG.match(record["entity"])
    assert isinstance(record["description"], str) and record["description"].strip()
    assert record["source"].startswith("https://")
    assert record.get("confidence", "high") in {"low", "medium", "high"}
    assert record.get("kind") in {None, *PRODUCT_KINDS}
    assert isinstance(record["examples"], list) and record["examples"]


@pytest.mark.parametrize("record", RECORDS, ids=_ids)
def test_record_shape(record: dict[str, Any]) -> None:
    assert_record_shape(record)


@pytest.mark.parametrize("record", RECORDS, ids=_ids)
def test_pattern_compiles_and_matches_examples(record: dict[str, Any]) -> None:
    rx = re.compile(record["pattern"], re.IGNORECASE)
    for example in record["examples"]:
        assert rx.fullmatch(example.strip()), f"{example!r} does not match {record['pattern']!r}"


@pytest.mark.parametrize("record", RECORDS, ids=_ids)
def test_examples_belong_to_one_entity(record: dict[str, Any]) -> None:
    for example in record["examples"]:
        assert _matching_entities(example) == {record["entity"]}, example


def test_patterns_are_unique() -> None:
    patterns = [r["pattern"] for r in RECORDS]
    assert len(patterns) == len(set(patterns))


@pytest.mark.parametrize(("model", "entity"), OTHER_POSITIVES, ids=[m for m, _ in OTHER_POSITIVES])
def test_other_real_models_are_attributed(model: str, entity: str) -> None:
    assert _matching_entities(model) == {entity}


@pytest.mark.parametrize("model", NEGATIVES, ids=[repr(m) for m in NEGATIVES])
def test_other_vendors_do_not_match(model: str) -> None:
    assert _matching_entities(model) == set()


# Entities whose patterns all describe video-surveillance products (cameras,
# recorders, intercoms, alarm panels sold with them).
VIDEO_ENTITIES = {
    "hikvision",
    "hikvision-hilook",
    "hikvision-hiwatch",
    "ezviz",
    "dahua",
    "huacheng",
    "lorex",
    "amcrest",
    "lts",
    "annke",
    "swann",
    "honeywell-video",
}


@pytest.mark.parametrize("record", [r for r in RECORDS if r["entity"] in VIDEO_ENTITIES], ids=_ids)
def test_video_patterns_have_video_kind(record: dict[str, Any]) -> None:
    assert record.get("kind") == "video_surveillance"
