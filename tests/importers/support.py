"""Shared by the importer tests: where the fixture files are, and the import date used."""

from __future__ import annotations

from datetime import date
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 1, 15)
