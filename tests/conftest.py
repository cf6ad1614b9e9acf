"""Shared fixtures: the real registry and matcher, loaded once per test module.

They are immutable values, so sharing them across the tests of a module
couples nothing.
"""

from __future__ import annotations

import pytest

from banwatch.matching.matcher import Matcher, compile_matcher
from banwatch.model.registry import Registry
from banwatch.registry.loader import load_registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


@pytest.fixture(scope="module")
def matcher(registry: Registry) -> Matcher:
    return compile_matcher(registry)
