"""`--column ROLE=HEADER`: the user says which column holds what; every run says what it read."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from banwatch.errors import InputError, UsageError
from banwatch.readers import open_inputs
from banwatch.readers.columns import CHOICES, ColumnChoices, columns_for, header_key

from ..cli_support import jsonl, run


def test_choices_are_read_as_role_equals_header() -> None:
    choices = ColumnChoices.parse(["name=Search name", " MODEL = Item No. ", "ignore=Vendor"])
    assert choices.chosen == (("Search name", "name"), ("Item No.", "model"), ("Vendor", "ignore"))
    assert choices.roles() == {"name", "model"}


@pytest.mark.parametrize(
    ("option", "said"),
    [
        ("Search name", "expected ROLE=HEADER"),
        ("name=", "expected ROLE=HEADER"),
        ("name= - ", "expected ROLE=HEADER"),
        ("supplier=Search name", "unknown role 'supplier'"),
    ],
)
def test_a_choice_that_is_not_one_is_a_usage_error(option: str, said: str) -> None:
    with pytest.raises(UsageError, match=said) as caught:
        ColumnChoices.parse([option])
    assert caught.value.field == "--column"


def test_one_column_given_two_roles_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="two roles"):
        ColumnChoices.parse(["name=Make", "model=MAKE"])


def test_a_chosen_role_replaces_the_guesses_for_that_role_only() -> None:
    raw = ["Vendor", "Vendor Name 1", "Search name", "Model", "Notes"]
    columns = columns_for(raw, ColumnChoices.parse(["name=search_name"]))
    assert columns.roles == {"Search name": "name", "Model": "model", "Notes": "text"}
    assert columns.passed() == ("Vendor", "Vendor Name 1")


def test_ignore_passes_a_column_through_and_keeps_the_other_guesses() -> None:
    columns = columns_for(["Vendor", "Brand", "Model"], ColumnChoices.parse(["ignore=Vendor"]))
    assert columns.roles == {"Brand": "name", "Model": "model"}
    assert columns.describe() == "name 'Brand'; model 'Model'; passed through 'Vendor'"


def test_a_repeated_header_is_chosen_in_every_place() -> None:
    columns = columns_for(["Make", "Ref", "Make"], ColumnChoices.parse(["model=Make"]))
    assert columns.roles == {"Make": "model", "Make (2)": "model"}


@given(
    st.lists(st.sampled_from(["Vendor", "Model", "MAC", "Qty", "Notes", "Ref", ""]), max_size=6),
    st.dictionaries(st.sampled_from(["Vendor", "Model", "Qty", "Ref"]), st.sampled_from(CHOICES)),
)
def test_every_chosen_column_present_has_its_role_and_no_other_has_a_chosen_role(
    raw: list[str], chosen: dict[str, str]
) -> None:
    choices = ColumnChoices.parse(f"{role}={header}" for header, role in chosen.items())
    columns = columns_for(raw, choices)
    picked = {header_key(h): r for h, r in chosen.items()}
    for header, raw_text in zip(columns.headers, raw, strict=True):
        role = columns.roles.get(header)
        wanted = picked.get(header_key(raw_text))
        if wanted is not None:
            assert role == (None if wanted == "ignore" else wanted)
        else:
            assert role is None or role not in choices.roles()


def test_a_chosen_column_the_file_lacks_names_the_file_and_its_columns(tmp_path: Path) -> None:
    path = tmp_path / "vendors.csv"
    path.write_text("Vendor,City\nHikvision,Markham\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        open_inputs([path], ColumnChoices.parse(["name=Supplier Name"]))
    assert str(caught.value) == (
        f"{path}: --column name='Supplier Name': the file has no such column "
        "(its columns: 'Vendor', 'City')"
    )


def _dynamics_export(tmp_path: Path) -> Path:
    """A vendor list as Dynamics 365 exports it: `Vendor account` and `Search name`."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Vendor account", "Search name", "Group", "Currency", "Item number"])
    sheet.append(["V000123", "HIKVISION CANADA", "10", "CAD", "DS-2CD2143G2-I"])
    sheet.append(["V000124", "NORTHWIND SUPPLIES", "10", "CAD", "PAPER-A4"])
    path = tmp_path / "vendors.xlsx"
    book.save(path)
    return path


def test_without_a_choice_an_unknown_layout_is_refused_with_the_way_out(tmp_path: Path) -> None:
    path = _dynamics_export(tmp_path)
    done = run(["screen", str(path), "--no-save"], tmp_path / "home")
    assert done.returncode == 2
    assert "no column names a supplier" in done.stderr and "'Search name'" in done.stderr


def test_the_user_names_the_columns_and_the_run_says_and_keeps_what_was_read(
    tmp_path: Path,
) -> None:
    path = _dynamics_export(tmp_path)
    home = tmp_path / "home"
    args = ["screen", str(path), "--format", "jsonl"]
    done = run([*args, "--column", "name=Search name", "--column", "model=item_number"], home)
    assert done.returncode == 0, done.stderr
    found = jsonl(done.stdout)
    assert [f["verdict"] != "clear" for f in found] == [True, False]
    said = [line for line in done.stderr.splitlines() if "columns of" in line]
    assert said == [
        f"banwatch: columns of {path}: name 'Search name'; model 'Item number'; "
        "passed through 'Vendor account', 'Group', 'Currency'"
    ]
    runs = run(["runs", "--format", "jsonl"], home)
    [saved] = jsonl(runs.stdout)
    assert saved["columns"] == [
        {
            "file": str(path),
            "roles": {"Search name": "name", "Item number": "model"},
            "passed": ["Vendor account", "Group", "Currency"],
        }
    ]


def test_a_missing_chosen_column_exits_2_before_anything_is_screened(tmp_path: Path) -> None:
    path = tmp_path / "vendors.csv"
    path.write_text("Vendor\nHikvision\n", encoding="utf-8")
    done = run(["screen", str(path), "--column", "name=Lieferant", "--no-save"], tmp_path / "h")
    assert done.returncode == 2
    assert done.stdout == ""
    assert "--column name='Lieferant': the file has no such column" in done.stderr


def test_a_bad_choice_exits_2_naming_the_option(tmp_path: Path) -> None:
    path = tmp_path / "vendors.csv"
    path.write_text("Vendor\nHikvision\n", encoding="utf-8")
    done = run(["screen", str(path), "--column", "vendor=Vendor"], tmp_path / "h")
    assert done.returncode == 2
    assert "--column" in done.stderr and "unknown role 'vendor'" in done.stderr
    assert json.dumps(done.stdout) == '""'
