"""`docs/columns.md`, generated from the header vocabulary (`headers.HEADERS`)."""

from __future__ import annotations

from banwatch.model.records import Role

from .headers import HEADERS

ROLE_TEXT: dict[Role, str] = {
    "name": "a supplier's, manufacturer's, brand's or payee's name",
    "model": "a model or part number",
    "mac": "a MAC address",
    "domain": "a web address or domain",
    "fcc_id": "an FCC ID",
    "text": "free text (a description, memo or note), searched for listed names, model numbers "
    "and FCC IDs (a find there is `review` at most)",
    "kind": "what kind of product the record is",
    "date": "the record's own date (purchase, invoice, order, delivery)",
    "country": "a country",
}


def markdown() -> str:
    """`docs/columns.md`: every header by role, with where it comes from."""
    lines = [
        "# Columns banwatch recognises",
        "",
        "<!-- Generated from banwatch/readers/headers.py (`headers_doc.markdown()`);"
        " tests/readers/test_headers.py checks it. -->",
        "",
        "A column is read by its header. Headers are compared without case, accents,",
        "spaces, underscores, hyphens or punctuation: `MAC Address`, `mac_address` and",
        "`MAC-ADDRESS` are one header. Every recognised column is used; columns that",
        "are not recognised are passed through to the output unread. In a name",
        "column, a cell that is an account number or code (`100234`, `V-10023`) is",
        "not read as a name: ERP exports put the vendor's account number beside",
        "its name, and SAP calls the account number `Vendor`. Account-number",
        "headers (`LIFNR`, `Kreditor`, `Vendor account`) are not listed.",
        "",
    ]
    for role, what in ROLE_TEXT.items():
        lines += [f"## `{role}`: {what}", "", "| header | from |", "|---|---|"]
        lines += [f"| {h.text} | {h.origin} |" for h in HEADERS if h.role == role]
        lines.append("")
    return "\n".join(lines)
