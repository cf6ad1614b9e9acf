"""The matcher's fingerprint: what its name stands for, so that a name never hides new scores.

A matcher's name (`MatcherConfig.name`) is recorded with every run and every
finding. The fingerprint is a digest of everything that shapes a score: the
source of every module of `banwatch.matching` (the configuration's defaults,
the lexicon's word lists, the scoring rules and the compiled search all live
there), read as syntax trees, so that comments, docstrings and layout do not
count. `versions.MATCHER_VERSIONS` records the fingerprints each name stands
for; a test fails when the code's fingerprint is not among its name's.

Not covered: the registry's names and their word frequencies (data, versioned
by the registry's own version) and the libraries the matcher calls (rigour's
legal forms, wordfreq's lists, pypinyin), whose versions the project pins
by range.
"""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path

PACKAGE = Path(__file__).parent
NOT_SCORING = frozenset({"fingerprint.py", "versions.py"})  # what records the fingerprint


def _without_docstrings(tree: ast.AST) -> ast.AST:
    """`tree` with the docstring of every module, class and function removed."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            first = body[0] if body else None
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                node.body = body[1:] or [ast.Pass()]
    return tree


def source_digest(source: str) -> str:
    """The digest of one module's code, its comments, docstrings and layout aside."""
    tree = _without_docstrings(ast.parse(source))
    return hashlib.sha256(ast.dump(tree, include_attributes=False).encode()).hexdigest()


def fingerprint(folder: Path = PACKAGE) -> str:
    """The fingerprint of the matching code in `folder` (16 hex digits)."""
    outer = hashlib.sha256()
    # Subpackages count too: splitting a module into a package must not hide it.
    for path in sorted(folder.rglob("*.py")):
        name = path.relative_to(folder).as_posix()
        if name in NOT_SCORING:
            continue
        outer.update(name.encode())
        outer.update(source_digest(path.read_text(encoding="utf-8")).encode())
    return outer.hexdigest()[:16]
