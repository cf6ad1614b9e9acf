"""Column detection: header variants, cleaning, and the no-usable-column error."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from banwatch.errors import InputError
from banwatch.readers import detect_roles
from banwatch.readers.columns import ALIASES, columns_for, header_key, require_identifying


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Supplier Name", "name"),
        ("supplier_name", "name"),
        ("VENDOR", "name"),
        ("Manufacturer", "name"),
        ("Organisation", "name"),
        ("organization", "name"),
        ("Payee", "name"),
        ("Counter-party", "name"),
        ("Nom du fournisseur", "name"),
        ("供应商", "name"),
        ("Model No.", "model"),
        ("Model #", "model"),
        ("Part Number", "model"),
        ("SKU", "model"),
        ("Modèle", "model"),
        ("MAC_Address", "mac"),
        ("mac-address", "mac"),
        ("MacAddr", "mac"),
        ("HW Address", "mac"),
        ("Ethernet address", "mac"),
        (" Website ", "domain"),
        ("Web Site", "domain"),
        ("URL", "domain"),
        ("Home-page", "domain"),
        ("Country", "country"),
        ("country_code", "country"),
        ("ＭＡＣ　Ａｄｄｒｅｓｓ", "mac"),  # full-width letters and space
    ],
)
def test_header_variants_get_their_role(header: str, role: str) -> None:
    assert detect_roles([header]) == {header: role}


@pytest.mark.parametrize("header", ["Location", "Quantity", "Price (CAD)", "", "LIFNR", "Kreditor"])
def test_unknown_headers_have_no_role(header: str) -> None:
    assert detect_roles([header]) == {}


def test_detect_roles_maps_only_recognised_headers() -> None:
    headers = ["Supplier", "Qty", "Model", "MAC", "Website", "Country", "Comment"]
    assert detect_roles(headers) == {
        "Supplier": "name",
        "Model": "model",
        "MAC": "mac",
        "Website": "domain",
        "Country": "country",
    }


@pytest.mark.parametrize(
    ("raw", "headers", "roles"),
    [
        (["Vendor", "Vendor", "Vendor"], ("Vendor", "Vendor (2)", "Vendor (3)"), 3),
        (["Vendor", "", "  "], ("Vendor", "column 2", "column 3"), 1),
        ([" Website ", "Notes"], ("Website", "Notes"), 2),  # Notes: free text (FCC IDs)
        (["a", "a (2)", "a"], ("a", "a (2)", "a (3)"), 0),
    ],
)
def test_columns_are_cleaned_unique_and_keep_roles(
    raw: list[str], headers: tuple[str, ...], roles: int
) -> None:
    columns = columns_for(raw)
    assert columns.headers == headers
    assert len(columns.roles) == roles
    assert set(columns.roles) <= set(columns.headers)


def test_no_identifying_column_is_an_error_naming_file_and_aliases() -> None:
    columns = columns_for(["Country", "Quantity"])
    with pytest.raises(InputError) as caught:
        require_identifying(columns, "inventory.csv")
    message = str(caught.value)
    assert message.startswith("inventory.csv: ")
    assert "'Quantity'" in message
    for alias in ("supplier", "model number", "mac address", "website"):
        assert alias in message


def test_no_alias_key_is_shared_by_two_roles() -> None:
    owners: dict[str, str] = {}
    for role, aliases in ALIASES.items():
        for alias in aliases:
            assert owners.setdefault(header_key(alias), role) == role


KNOWN = [(alias, role) for role, aliases in ALIASES.items() for alias in aliases]
SEPARATORS = st.text(alphabet=" _-.\t", min_size=1, max_size=3)


@st.composite
def disguised(draw: st.DrawFn) -> tuple[str, str]:
    """A known alias with random letter case, separators and surrounding blanks."""
    alias, role = draw(st.sampled_from(KNOWN))
    words = alias.split(" ")
    cased = [
        "".join(ch.upper() if draw(st.booleans()) else ch.lower() for ch in word) for word in words
    ]
    text = cased[0]
    for word in cased[1:]:
        text += draw(SEPARATORS) + word
    pad = st.text(alphabet=" \t", max_size=3)
    return draw(pad) + text + draw(pad), role


@given(disguised())
def test_detect_roles_ignores_case_spacing_and_separators(case: tuple[str, str]) -> None:
    header, role = case
    assert detect_roles([header]) == {header: role}
