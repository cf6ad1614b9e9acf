"""The compiled index: registry and matcher built once, kept on disk, reused until they change."""

from banwatch.index.cache import IndexCache, code_digest

__all__ = ["IndexCache", "code_digest"]
