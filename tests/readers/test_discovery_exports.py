"""runZero and ServiceNow exports (CSV, JSON lines) read through the header vocabulary.

The column names are those of runZero's asset export (its API's `Asset`:
`addresses`, `names`, `type`, `os`, `hw`, `macs`, `mac_vendors`, `newest_mac`,
`first_seen`...) and of a ServiceNow `cmdb_ci` list export (`name`,
`manufacturer`, `model_id`, `model_number`, `mac_address`, `sys_class_name`,
`purchase_date`, `install_date`...). The assets in them are made up.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from banwatch.readers.columns import role_of

from ..cli_support import jsonl, run

RUNZERO_CSV = """\
id,addresses,names,type,os,hw,macs,mac_vendors,first_seen,last_seen,site_name,comments
7c2e1f0a-3b1d-4b8e-9a51-0f2d6c1e8a01,192.168.1.64,cam-lobby,IP Camera,Linux,Hikvision DS-2CD2143G2-I,bc:5e:33:4a:10:01,"Hangzhou Hikvision Digital Technology Co.,Ltd.",2023-04-18 10:22:05,2025-08-11 09:14:32,Head office,Lobby camera
2f9a4c7e-81d0-4f3c-b6a2-5e7d9c0b1f02,192.168.1.1,gateway,Router,Huawei VRP,Huawei AR161,00:e0:fc:3a:7b:21,"HUAWEI TECHNOLOGIES CO.,LTD",2022-11-02 08:01:44,2025-08-11 09:14:30,Head office,
b41d6e2f-0c7a-4e19-8d3b-7a6f2e9c4d03,192.168.1.20,ws-020,Desktop,Microsoft Windows 10,Dell OptiPlex 7090,00:1b:21:9c:44:0e,Intel Corporate,2021-09-30 14:12:09,2025-08-11 09:14:31,Head office,
"""  # noqa: E501 (an export's rows are as long as they are)

# A recorder with two network ports: runZero lists both MACs in one cell.
RUNZERO_TWO_MACS = """\
id,addresses,names,type,macs,mac_vendors
e8c3a5b1-6f2d-4a07-9e4c-1b8d7f3a2e04,192.168.1.70 192.168.2.70,nvr-01,NVR,{macs},
"""

RUNZERO_ASSETS = [
    {
        "id": "7c2e1f0a-3b1d-4b8e-9a51-0f2d6c1e8a01",
        "addresses": ["192.168.1.64"],
        "names": ["cam-lobby"],
        "type": "IP Camera",
        "os": "Linux",
        "hw": "Hikvision DS-2CD2143G2-I",
        "macs": ["bc:5e:33:4a:10:01"],
        "mac_vendors": ["Hangzhou Hikvision Digital Technology Co.,Ltd."],
        "newest_mac": "bc:5e:33:4a:10:01",
        "newest_mac_vendor": "Hangzhou Hikvision Digital Technology Co.,Ltd.",
        "first_seen": 1681813325,
        "site_name": "Head office",
    },
    {
        "id": "b41d6e2f-0c7a-4e19-8d3b-7a6f2e9c4d03",
        "addresses": ["192.168.1.20"],
        "names": ["ws-020"],
        "type": "Desktop",
        "os": "Microsoft Windows 10",
        "hw": "Dell OptiPlex 7090",
        "macs": ["00:1b:21:9c:44:0e"],
        "mac_vendors": ["Intel Corporate"],
        "newest_mac": "00:1b:21:9c:44:0e",
        "newest_mac_vendor": "Intel Corporate",
        "first_seen": 1633011129,
        "site_name": "Head office",
    },
]

SERVICENOW_HEADER = (
    '"name","asset_tag","manufacturer","model_id","model_number","serial_number",'
    '"mac_address","ip_address","sys_class_name","purchase_date","install_date",'
    '"install_status","location"\n'
)
SERVICENOW_ROWS = [
    '"CAM-LOBBY-01","P1000812","Hikvision","Hikvision DS-2CD2143G2-I","DS-2CD2143G2-I",'
    '"J12345678","bc:5e:33:4a:10:01","192.168.1.64","cmdb_ci_hardware","2024-06-01",'
    '"2024-06-12 09:00:00","Installed","Montréal HQ"',
    '"CAM-DOCK-02","P1000377","Dahua Technology","Dahua IPC-HFW2431S-S-S2","IPC-HFW2431S-S-S2",'
    '"7B0F2E4PAZ1A2B3","","192.168.1.66","cmdb_ci_hardware","2020-03-01","2020-03-09 10:30:00",'
    '"Installed","Montréal HQ"',
    '"CAM-DOCK-03","P1000901","Dahua Technology","Dahua IPC-HFW2431S-S-S2","IPC-HFW2431S-S-S2",'
    '"7B0F2E4PAZ9Z8Y7","","192.168.1.67","cmdb_ci_hardware","2024-06-01","2024-06-12 09:00:00",'
    '"Installed","Montréal HQ"',
    '"GW-HQ-01","P1000021","Huawei","","","2102351234567890","","192.168.1.1",'
    '"cmdb_ci_ip_router","2022-11-01","2022-11-02 08:00:00","Installed","Montréal HQ"',
    '"WS-020","P1000455","Dell Inc.","Dell OptiPlex 7090","OptiPlex 7090","5CD1234XYZ",'
    '"00:1b:21:9c:44:0e","192.168.1.20","cmdb_ci_computer","2021-09-15","2021-09-30 14:00:00",'
    '"Installed","Montréal HQ"',
]

# A Québec regional body on 2025-08-15: the Québec order covers Hikvision and
# Dahua equipment acquired from 2023-12-22.
QUEBEC = ["--as-of", "2025-08-15", "--jurisdiction", "CA-QC", "--sector", "government"]
QUEBEC += ["--level", "regional"]


def _screen(path: Path, home: Path, *options: str) -> tuple[list[dict[str, object]], str]:
    done = run(["screen", str(path), *options, "--format", "jsonl", "--no-save"], home)
    assert done.returncode == 0, done.stderr
    return jsonl(done.stdout), done.stderr


def _columns(finding: dict[str, object], entity: str) -> set[str]:
    """The columns whose cells found `entity`."""
    matches = finding["matches"]
    assert isinstance(matches, list)
    return {f["column"] for m in matches if m["entity_id"] == entity for f in m["features"]}


def _entities(finding: dict[str, object]) -> list[str]:
    matches = finding["matches"]
    assert isinstance(matches, list)
    return [m["entity_id"] for m in matches]


@pytest.mark.parametrize(
    ("header", "role"),
    [
        # runZero asset export
        ("addresses", None),
        ("names", None),  # host names, not vendors
        ("type", "kind"),
        ("os", "text"),
        ("hw", "text"),
        ("macs", "mac"),
        ("newest_mac", "mac"),
        ("mac_vendors", "name"),
        ("newest_mac_vendor", "name"),
        ("service_products", "text"),
        ("first_seen", None),  # when runZero first saw it, not when it was bought
        ("comments", "text"),
        # ServiceNow cmdb_ci / cmdb_ci_hardware
        ("name", "name"),
        ("manufacturer", "name"),
        ("vendor", "name"),
        ("model_id", "model"),
        ("model_number", "model"),
        ("mac_address", "mac"),
        ("serial_number", None),
        ("asset_tag", None),
        ("sys_class_name", "kind"),
        ("category", "kind"),
        ("short_description", "text"),
        ("purchase_date", "date"),
        ("order_date", "date"),
        ("delivery_date", "date"),
        ("install_date", "date"),
    ],
)
def test_discovery_and_cmdb_columns_have_their_roles(header: str, role: str | None) -> None:
    assert role_of(header) == role


def test_a_runzero_csv_export_is_screened_on_macs_vendors_and_hardware(tmp_path: Path) -> None:
    path = tmp_path / "asset.csv"
    path.write_text(RUNZERO_CSV, encoding="utf-8")
    found, stderr = _screen(path, tmp_path / "home", *QUEBEC)
    assert "kind 'type'; text 'os', 'hw', 'comments'; mac 'macs'; name 'mac_vendors'" in stderr
    camera, router, desktop = found
    assert [f["line"] for f in found] == [2, 3, 4]
    assert _entities(camera) == ["hikvision"]
    assert {"macs", "mac_vendors", "hw"} <= _columns(camera, "hikvision")
    assert camera["verdict"] == "prohibited"
    assert _entities(router) == ["huawei"]
    assert {"macs", "mac_vendors"} <= _columns(router, "huawei")
    assert desktop["verdict"] == "clear" and not desktop["matches"]


@pytest.mark.parametrize("separator", [" ", "\t", ", "])
def test_a_runzero_cell_with_several_macs_is_screened_on_each(
    tmp_path: Path, separator: str
) -> None:
    # The second MAC is Hikvision's (0C-75-D2); the first one is Intel's.
    macs = separator.join(["00:1b:21:9c:44:0f", "0c:75:d2:5b:3e:02"])
    path = tmp_path / "asset.csv"
    path.write_text(RUNZERO_TWO_MACS.format(macs=f'"{macs}"'), encoding="utf-8")
    [recorder], _ = _screen(path, tmp_path / "home")
    assert _entities(recorder) == ["hikvision"]


def test_a_runzero_jsonl_export_is_screened_on_its_newest_mac(tmp_path: Path) -> None:
    path = tmp_path / "assets.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in RUNZERO_ASSETS), encoding="utf-8")
    found, stderr = _screen(path, tmp_path / "home", *QUEBEC)
    assert "mac 'macs', 'newest_mac'; name 'mac_vendors', 'newest_mac_vendor'" in stderr
    camera, desktop = found
    assert {"newest_mac", "newest_mac_vendor", "mac_vendors"} <= _columns(camera, "hikvision")
    assert camera["verdict"] == "prohibited"
    assert desktop["verdict"] == "clear"


def test_a_runzero_jsonl_macs_array_is_screened(tmp_path: Path) -> None:
    asset = {
        "id": "e8c3a5b1",
        "names": ["nvr-01"],
        "macs": ["00:1b:21:9c:44:0f", "0c:75:d2:5b:3e:02"],
    }
    path = tmp_path / "assets.jsonl"
    path.write_text(json.dumps(asset) + "\n", encoding="utf-8")
    [recorder], _ = _screen(path, tmp_path / "home")
    assert _entities(recorder) == ["hikvision"]


def test_a_servicenow_cmdb_export_is_read_with_its_dates_and_classes(tmp_path: Path) -> None:
    path = tmp_path / "cmdb_ci_hardware.csv"
    path.write_text(SERVICENOW_HEADER + "\n".join(SERVICENOW_ROWS) + "\n", encoding="utf-8")
    found, stderr = _screen(path, tmp_path / "home", *QUEBEC)
    assert (
        "name 'name', 'manufacturer'; model 'model_id', 'model_number'; mac 'mac_address'; "
        "kind 'sys_class_name'; date 'purchase_date', 'install_date'"
    ) in stderr
    hikvision, dahua_2020, dahua_2024, router, workstation = found
    assert {"manufacturer", "mac_address", "model_number"} <= _columns(hikvision, "hikvision")
    assert hikvision["verdict"] == "prohibited"
    # Québec's order covers what is acquired from 2023-12-22: purchase_date decides.
    assert _entities(dahua_2020) == _entities(dahua_2024) == ["dahua"]
    assert dahua_2020["verdict"] == "clear"
    assert dahua_2024["verdict"] == "prohibited"
    # The CI's class says what the router is: the 5G exclusion does not cover it.
    assert _entities(router) == ["huawei"]
    reasons = [m["reason"] for match in router["matches"] for m in match["measures"]]
    assert any("not customer premises" in r for r in reasons), reasons
    assert workstation["verdict"] == "clear"


def test_a_servicenow_export_as_json_lines_reads_the_same(tmp_path: Path) -> None:
    """Table API records with display values (`sysparm_display_value=true`), one a line."""
    csv_path = tmp_path / "cmdb_ci_hardware.csv"
    csv_path.write_text(SERVICENOW_HEADER + "\n".join(SERVICENOW_ROWS) + "\n", encoding="utf-8")
    keys = [k.strip('"') for k in SERVICENOW_HEADER.strip().split(",")]
    lines = []
    for row in SERVICENOW_ROWS:
        cells = [c.strip('"') for c in row.split('","')]
        lines.append(json.dumps(dict(zip(keys, cells, strict=True)), ensure_ascii=False))
    jsonl_path = tmp_path / "cmdb_ci_hardware.jsonl"
    jsonl_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from_csv, _ = _screen(csv_path, tmp_path / "home", *QUEBEC)
    from_jsonl, _ = _screen(jsonl_path, tmp_path / "home", *QUEBEC)
    assert [(f["verdict"], _entities(f)) for f in from_jsonl] == [
        (f["verdict"], _entities(f)) for f in from_csv
    ]
    assert [f["line"] for f in from_jsonl] == [1, 2, 3, 4, 5]
