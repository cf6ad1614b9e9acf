"""nmap XML (`nmap -oX`): an office scan screened as a user does, bad files, streaming."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from banwatch.errors import InputError
from banwatch.model.records import Record, RowProblem
from banwatch.readers import nmap, read_records
from banwatch.readers.columns import NO_CHOICES, Columns
from banwatch.readers.counting import count_records

from ..cli_support import jsonl, run

SCAN = Path(__file__).parent / "fixtures" / "office-scan.xml"
"""A -sS -sV -O scan of a small office (fixtures/README.md says what each host is)."""

# The line of each screened <host> tag in SCAN, in order: the Huawei ONT, the
# Windows workstation, the Hikvision camera, the camera that is down but
# answered ARP, the Raspberry Pi. The host that is down without a MAC (line
# 103) is skipped; the one without any address (line 106) is a problem.
HOST_LINES = [23, 50, 70, 97, 111]


def _read(path: Path) -> tuple[list[Record], list[RowProblem]]:
    records: list[Record] = []
    problems: list[RowProblem] = []
    for item in read_records([path]):
        if isinstance(item, RowProblem):
            problems.append(item)
        else:
            records.append(item)
    return records, problems


def _entities(finding: dict[str, object]) -> list[str]:
    matches = finding["matches"]
    assert isinstance(matches, list)
    return [m["entity_id"] for m in matches]


def test_an_office_scan_is_screened_host_by_host(tmp_path: Path) -> None:
    done = run(
        [
            "screen",
            str(SCAN),
            "--as-of",
            "2025-08-15",
            "--jurisdiction",
            "CA",
            "--sector",
            "government",
            "--format",
            "jsonl",
            "--no-save",
        ],
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    found = jsonl(done.stdout)
    assert [f["line"] for f in found] == HOST_LINES
    assert [f["record"]["IP Address"] for f in found] == [
        "192.168.1.1",
        "192.168.1.20",
        "192.168.1.64",  # once: the <hosthint> before it is not a host
        "192.168.1.65",
        "192.168.1.120",
    ]
    router, workstation, camera, camera_down, pi = found
    # The router's MAC block and the vendor nmap names are both Huawei's.
    assert _entities(router) == ["huawei"]
    features = {f["column"] for m in router["matches"] for f in m["features"]}
    assert {"MAC Address", "MAC Vendor"} <= features
    # Canada's federal ban on Hikvision binds a federal department.
    assert _entities(camera) == ["hikvision"]
    assert camera["verdict"] == "prohibited"
    # A host that is down but answered ARP is a device on the network: its MAC alone tells.
    assert _entities(camera_down) == ["hikvision"]
    assert camera_down["verdict"] == "prohibited"
    assert camera_down["matches"][0]["matched_on"] == "mac"
    assert workstation["verdict"] == pi["verdict"] == "clear"
    assert "columns of" in done.stderr and "mac 'MAC Address'; name 'MAC Vendor'" in done.stderr
    assert f"{SCAN}: line 106: host has no address; host skipped" in done.stderr


def test_a_host_becomes_one_record_of_what_nmap_found() -> None:
    records, problems = _read(SCAN)
    assert [r.line for r in records] == HOST_LINES
    assert [(p.line, p.message) for p in problems] == [(106, "host has no address; host skipped")]
    router, _, camera, camera_down, pi = records
    assert camera.values == {
        "IP Address": "192.168.1.64",
        "MAC Address": "BC:5E:33:4A:10:01",
        "MAC Vendor": "Hangzhou Hikvision Digital Technology",
        "Hostnames": "cam-lobby.office.lan",
        # The best OS match only: the weaker "AXIS ... Network Camera" guess is left out.
        "Device Type": "general purpose, webcam",
        "OS": "Linux 3.2 - 4.9",
        "Services": "80/tcp Hikvision IP camera httpd; 554/tcp Hikvision 7513 POE IP camera rtspd; "
        "8000/tcp Hikvision IPCam control port",
        "CPE": "cpe:/o:linux:linux_kernel:3 cpe:/o:linux:linux_kernel:4",
    }
    assert router.values["Services"] == (
        "22/tcp Dopra Linux sshd 1.5.1 (protocol 2.0); 80/tcp Huawei HG8245T modem http config"
    )
    assert router.values["CPE"] == (
        "cpe:/h:huawei:hg8240 cpe:/o:huawei:dopra_linux cpe:/h:huawei:hg8245t"
    )
    assert router.values["Device Type"] == "broadband router"
    assert camera_down.values["MAC Vendor"] == ""  # nmap names no vendor for 0C:75:D2
    assert pi.values["OS"] == pi.values["Device Type"] == ""
    assert camera.roles == {
        "MAC Address": "mac",
        "MAC Vendor": "name",
        "Hostnames": "text",
        "Device Type": "kind",
        "OS": "text",
        "Services": "text",
        "CPE": "text",
    }


def test_column_choices_apply_to_nmap_files(tmp_path: Path) -> None:
    done = run(
        ["screen", str(SCAN), "--column", "ignore=MAC Vendor", "--format", "jsonl", "--no-save"],
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    camera = jsonl(done.stdout)[2]
    features = {f["column"] for m in camera["matches"] for f in m["features"]}
    assert "MAC Vendor" not in features
    assert "passed through 'IP Address', 'MAC Vendor'" in done.stderr


BOMB = """<?xml version="1.0"?>
<!DOCTYPE nmaprun [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<nmaprun scanner="nmap"><host><address addr="&lol9;" addrtype="ipv4"/></host></nmaprun>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE nmaprun [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<nmaprun scanner="nmap"><host><address addr="&secret;" addrtype="ipv4"/></host></nmaprun>
"""
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nmaprun>\n<nmaprun scanner="nmap">\n'


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (HEAD + '<scaninfo type="syn"\n<host>', "is not well-formed XML (not well-formed"),
        (
            "<?xml version='1.0'?>\n<NessusClientData_v2><Report/></NessusClientData_v2>\n",
            "is XML but not nmap's: its root element is <NessusClientData_v2>, not <nmaprun>",
        ),
        ("supplier,mac\nHikvision,bc:5e:33:4a:10:01\n", "is not well-formed XML (syntax error"),
        (BOMB, "declares the XML entity 'lol', which nmap never writes; refused"),
        (EXTERNAL, "declares the XML entity 'secret', which nmap never writes; refused"),
        ("\x00\x01binary\x00", "is a binary file; expected nmap XML (nmap -oX)"),
    ],
    ids=["broken", "another-xml", "csv-named-xml", "billion-laughs", "external-entity", "binary"],
)
def test_a_file_that_is_not_nmap_xml_exits_2_naming_it(
    tmp_path: Path, text: str, said: str
) -> None:
    path = tmp_path / "scan.xml"
    path.write_text(text, encoding="utf-8")
    done = run(["screen", str(path), "--no-save", "--format", "jsonl"], tmp_path / "home")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith(f"banwatch: error: {path}: {said}"), done.stderr


def test_a_scan_cut_short_keeps_the_hosts_before_the_break(tmp_path: Path) -> None:
    lines = SCAN.read_text(encoding="utf-8").splitlines(keepends=True)
    # nmap was stopped while writing the camera's ports.
    path = tmp_path / "scan.xml"
    path.write_text("".join(lines[:78]), encoding="utf-8")
    records, problems = _read(path)
    assert [r.line for r in records] == [23, 50]
    [problem] = problems
    assert problem.line == 79
    assert "is not well-formed XML (no element found" in problem.message
    assert "the rest of the file is not read" in problem.message


def test_a_scan_without_hosts_has_no_records(tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_text(HEAD + '<scaninfo type="syn"/>\n</nmaprun>\n', encoding="utf-8")
    assert _read(path) == ([], [])


def test_hosts_are_counted_for_the_progress_bar() -> None:
    # Every <host>, the skipped ones too; not the <hosthint> nor <hostnames>.
    assert count_records([SCAN]) == 7


@settings(max_examples=25, deadline=None)
@given(chunk=st.integers(min_value=1, max_value=4096))
def test_lines_do_not_depend_on_where_the_file_is_cut_into_chunks(chunk: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(nmap, "CHUNK_BYTES", chunk)
        records, problems = _read(SCAN)
    assert [r.line for r in records] == HOST_LINES
    assert [p.line for p in problems] == [106]


def _big_scan(path: Path, hosts: int) -> None:
    host = SCAN.read_text(encoding="utf-8").splitlines(keepends=True)[69:96]  # the camera
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for _ in range(hosts):
            out.writelines(host)
        out.write("</nmaprun>\n")


def test_a_large_scan_is_streamed_not_held(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    _big_scan(path, 4000)  # about 10 MB
    tracemalloc.start()
    try:
        count = sum(1 for item in read_records([path]) if isinstance(item, Record))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 4000
    assert peak < path.stat().st_size / 4, f"peak {peak} bytes for {path.stat().st_size}"


def test_the_reader_gives_its_columns_before_any_host() -> None:
    stream = nmap.read_nmap(SCAN, "office-scan.xml", NO_CHOICES)
    columns = next(stream)
    stream.close()
    assert isinstance(columns, Columns)
    assert columns.headers == nmap.HEADERS


def test_a_broken_file_fails_when_its_columns_are_read(tmp_path: Path) -> None:
    path = tmp_path / "scan.xml"
    path.write_text(HEAD + "<host><address addr='1' addrtype='ipv4'/>", encoding="utf-8")
    # Cut inside the first host: the columns are given, and the break is a row problem.
    records, problems = _read(path)
    assert records == [] and len(problems) == 1
    path.write_text(HEAD[:-2], encoding="utf-8")
    with pytest.raises(InputError, match="is not well-formed XML"):
        _read(path)
