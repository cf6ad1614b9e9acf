"""The code stays in small pieces (issue 13): no function over 60 lines, no module over 400."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "banwatch"
LONGEST_FUNCTION = 60
LONGEST_MODULE = 400
MODULES = sorted(PACKAGE.rglob("*.py"))


def _functions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_and_functions_are_short(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lines = text.count("\n")
    assert lines <= LONGEST_MODULE, f"{path.name}: {lines} lines (at most {LONGEST_MODULE})"
    long = [
        f"{f.name} (line {f.lineno}): {length} lines"
        for f in _functions(ast.parse(text))
        if (length := (f.end_lineno or f.lineno) - f.lineno + 1) > LONGEST_FUNCTION
    ]
    assert not long, f"{path.name}: functions over {LONGEST_FUNCTION} lines: {long}"


def test_the_package_is_found() -> None:
    assert len(MODULES) > 100
