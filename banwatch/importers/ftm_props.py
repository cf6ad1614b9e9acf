"""Reading property values off FollowTheMoney proxies, as banwatch needs them."""

from __future__ import annotations

from followthemoney.proxy import EntityProxy

from banwatch.importers.base import earliest, http_url, iso_date

Parsed = tuple[int, EntityProxy]
"""A record as the first pass keeps it: its line in the file, and its proxy."""


def values(proxy: EntityProxy, prop: str) -> list[str]:
    """The values of `prop`, or [] when the schema has no such property."""
    return proxy.get(prop, quiet=True)


def first_url(proxy: EntityProxy, *props: str) -> str | None:
    """The first http(s) URL among the values of `props`, in order."""
    return next((u for p in props for u in map(http_url, values(proxy, p)) if u), None)


def first_date(proxy: EntityProxy, *props: str) -> str | None:
    """The earliest date among the values of the first of `props` that has any.

    Raises ValueError naming the property when a value is not an ISO date.
    """
    for prop in props:
        dates = []
        for v in values(proxy, prop):
            try:
                dates.append(iso_date(v))
            except ValueError as e:
                raise ValueError(f"{prop}: {e}") from None
        if any(dates):
            return earliest(dates)
    return None
