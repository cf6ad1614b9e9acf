"""numba's cached code of a module is dropped when a module it compiles in changes."""

from __future__ import annotations

from pathlib import Path

from banwatch.matching.compiled import forget_stale_code


def _cache(folder: Path, *names: str) -> None:
    (folder / "__pycache__").mkdir(exist_ok=True)
    for name in names:
        (folder / "__pycache__" / name).write_bytes(b"machine code")


def test_cached_code_goes_when_an_inlined_module_changes_and_stays_otherwise(
    tmp_path: Path,
) -> None:
    search, phases = tmp_path / "search.py", tmp_path / "phases.py"
    search.write_text("def search(): ...\n")
    phases.write_text("def phase(): return 1\n")
    code = ["search.search-60.py311.nbi", "search.search-60.py311.1.nbc"]
    _cache(tmp_path, *code, "other.f-1.py311.nbi")
    assert forget_stale_code(str(search), [phases])  # no digest kept yet: not trusted
    cached = {p.name for p in (tmp_path / "__pycache__").iterdir()}
    assert cached == {"other.f-1.py311.nbi", "search.sources"}

    _cache(tmp_path, *code)
    assert not forget_stale_code(str(search), [phases])  # nothing changed
    assert all((tmp_path / "__pycache__" / name).exists() for name in code)

    phases.write_text("def phase(): return 2\n")
    assert forget_stale_code(str(search), [phases])
    assert not any((tmp_path / "__pycache__" / name).exists() for name in code)
    assert (tmp_path / "__pycache__" / "other.f-1.py311.nbi").exists()
    assert not forget_stale_code(str(search), [phases])


def test_the_search_module_keeps_its_digest_beside_its_cache() -> None:
    import banwatch.matching.name_search as module

    stamp = Path(module.__file__).parent / "__pycache__" / "name_search.sources"
    assert stamp.exists()
