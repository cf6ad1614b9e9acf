"""The header vocabulary, on files of the kinds organisations export, screened as a user does."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from banwatch.readers.columns import role_of
from banwatch.readers.headers import HEADERS
from banwatch.readers.headers_doc import markdown

from ..cli_support import jsonl, screen_jsonl

DOC = Path(__file__).parents[2] / "docs" / "columns.md"


def test_docs_columns_is_the_vocabulary() -> None:
    assert DOC.read_text(encoding="utf-8") == markdown()


@pytest.mark.parametrize("header", HEADERS, ids=lambda h: f"{h.role}:{h.text}")
def test_every_header_reads_as_its_role(header: tuple[str, str, str]) -> None:
    role, text, _ = header
    assert role_of(text) == role
    assert role_of(text.upper()) == role


@pytest.mark.parametrize("header", ["LIFNR", "Kreditor", "Vendor account", "Asset Tag", "City"])
def test_account_numbers_and_other_columns_are_not_read(header: str) -> None:
    assert role_of(header) is None


def _screen(path: Path, home: Path) -> list[dict[str, object]]:
    done = screen_jsonl(path, home)
    assert done.returncode == 0, done.stderr
    return jsonl(done.stdout)


def _entities(finding: dict[str, object]) -> set[str]:
    matches = finding["matches"]
    assert isinstance(matches, list)
    return {m["entity_id"] for m in matches}


def test_an_sap_vendor_master_is_read_by_its_name_not_its_account_number(
    tmp_path: Path,
) -> None:
    """SAP's `Vendor` is the account number; `Vendor Name 1` the name (an XLSX export)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Vendor", "Vendor Name 1", "Vendor Name 2", "Country Key", "City", "Postal Code"])
    sheet.append(["100234", "Hikvision Canada Inc.", "", "CA", "Markham", "L3R 0G1"])
    sheet.append(["V-10023", "Northwind Office Supplies Ltd.", "", "CA", "Ottawa", "K1P 5G4"])
    sheet.append([100587, "Contoso Paper GmbH", "Papierwaren", "DE", "Köln", "50667"])
    path = tmp_path / "vendor-master.xlsx"
    book.save(path)
    found = _screen(path, tmp_path / "home")
    assert len(found) == 3
    assert _entities(found[0]) == {"hikvision-canada"}
    assert found[0]["verdict"] != "clear"
    # Account numbers beside names are not names and raise no warning either.
    assert found[1]["verdict"] == found[2]["verdict"] == "clear"
    assert not any(f["warnings"] for f in found)


def test_an_account_number_alone_in_a_name_column_is_said(tmp_path: Path) -> None:
    path = tmp_path / "payments.csv"
    path.write_text("Vendor,Amount\nV-10023,120.00\nHikvision,99.00\n", encoding="utf-8")
    found = _screen(path, tmp_path / "home")
    assert found[0]["verdict"] == "clear"
    assert "not a name" in str(found[0]["warnings"])
    assert "hikvision" in _entities(found[1])


def test_a_utf16_asset_register_uses_every_recognised_column(tmp_path: Path) -> None:
    """A council's register: tabs, UTF-16, `Make` twice, `Model No`, `Network MAC`."""
    rows = [
        ["Asset Tag", "Make", "Model No", "Make", "Network MAC", "Location"],
        ["IT-0001", "Huawei", "", "", "", "Civic Centre"],
        ["IT-0002", "", "", "DJI", "", "Depot"],
        ["IT-0003", "", "", "", "60-60-1F-12-34-56", "Depot"],
        ["IT-0004", "Fellowes", "Powershred 79Ci", "", "", "Library"],
    ]
    text = "\r\n".join("\t".join(r) for r in rows) + "\r\n"
    path = tmp_path / "asset-register.txt"
    path.write_bytes(text.encode("utf-16"))
    found = _screen(path, tmp_path / "home")
    assert "huawei" in _entities(found[0])
    assert any(e.startswith("dji") for e in _entities(found[1]))
    assert any(e.startswith("dji") for e in _entities(found[2]))  # its MAC block
    assert found[3]["verdict"] == "clear"


def test_a_german_inventory_is_read(tmp_path: Path) -> None:
    path = tmp_path / "inventar.csv"
    path.write_text(
        "Lieferant;Hersteller;Modell;MAC-Adresse;Kaufdatum\n"
        "Sicherheitstechnik Müller GmbH;Hikvision;DS-2CD2143G2-I;;2024-03-01\n"
        "Bürobedarf Schmidt KG;Brother;HL-L2350DW;;2024-03-02\n",
        encoding="utf-8",
    )
    found = _screen(path, tmp_path / "home")
    assert "hikvision" in _entities(found[0])
    assert found[1]["verdict"] == "clear"
