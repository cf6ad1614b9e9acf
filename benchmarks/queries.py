"""Query names for the speed benchmarks: what users type, drawn with a fixed seed.

A mix of names exactly as listed, listed names as inventories misspell or
re-order them, the registry's restricted vendors in such spellings, and new
names that are on no list (most names screened in practice are those). Each
query comes with its kind so results can be broken down.
"""

from __future__ import annotations

import random
import string
from collections.abc import Sequence

from universe import LEGAL_FORMS, SEED, build_vocabulary, generate_name

from banwatch.model.registry import Registry

# Share of each kind of query (they add up to 1).
MIX: dict[str, float] = {
    "exact": 0.25,  # a universe name as listed
    "variant": 0.30,  # a universe name with a typo, another legal form or another word order
    "restricted": 0.10,  # a registry name (restricted vendors and their families), varied
    "new": 0.35,  # a name from the same generator that is not in the universe
}
FORMS = [f for f, _ in LEGAL_FORMS]


def typo(rng: random.Random, name: str) -> str:
    """One keyboard slip in the longest word: a letter dropped, doubled, swapped or replaced."""
    words = name.split()
    i = max(range(len(words)), key=lambda k: len(words[k]))
    w = words[i]
    if len(w) < 4:
        return name + rng.choice(string.ascii_lowercase)
    k = rng.randrange(1, len(w) - 1)
    op = rng.randrange(4)
    if op == 0:
        w = w[:k] + w[k + 1 :]
    elif op == 1:
        w = w[:k] + w[k] + w[k:]
    elif op == 2:
        w = w[:k] + w[k + 1] + w[k] + w[k + 2 :]
    else:
        w = w[:k] + rng.choice(string.ascii_lowercase) + w[k + 1 :]
    words[i] = w
    return " ".join(words)


def strip_form(name: str) -> str:
    """The name without the legal form at its end, if it has one."""
    for form in sorted(FORMS, key=len, reverse=True):
        for f in (form, form.upper()):
            if name.endswith(" " + f):
                return name[: -len(f) - 1]
    return name


def other_form(rng: random.Random, name: str) -> str:
    """The name with its legal form dropped, or replaced by another one."""
    bare = strip_form(name)
    if bare != name and rng.random() < 0.4:
        return bare
    return f"{bare} {rng.choice(FORMS)}"


def reorder(rng: random.Random, name: str) -> str:
    """Two words of the name (without its legal form) swapped."""
    words = strip_form(name).split()
    if len(words) < 2:
        return other_form(rng, name)
    i, j = rng.sample(range(len(words)), 2)
    words[i], words[j] = words[j], words[i]
    return " ".join(words)


def vary(rng: random.Random, name: str) -> str:
    """A spelling of the name that a supplier master file might hold."""
    op = rng.choices(("typo", "form", "order", "case"), weights=(4, 3, 2, 1))[0]
    if op == "typo":
        return typo(rng, name)
    if op == "form":
        return other_form(rng, name)
    if op == "order":
        return reorder(rng, name)
    return name.lower() if rng.random() < 0.5 else name.upper()


def registry_names(registry: Registry, prefix_excluded: str = "u-") -> list[str]:
    """Every name of the real registry's entities (not the universe's)."""
    return sorted(
        {
            n
            for e in registry.entities.values()
            if not e.id.startswith(prefix_excluded)
            for n in e.all_names()
        }
    )


def draw_queries(
    count: int,
    universe: Sequence[str],
    restricted: Sequence[str],
    seed: int = SEED + 1,
    exclude: frozenset[str] = frozenset(),
    mix: dict[str, float] = MIX,
) -> list[tuple[str, str]]:
    """`count` distinct (kind, name) queries in the proportions of `mix`, never in `exclude`."""
    rng = random.Random(seed)
    vocab = build_vocabulary(random.Random(SEED))  # the universe's own words
    listed = set(universe)
    kinds = list(mix)
    weights = [mix[k] for k in kinds]
    seen: set[str] = set(exclude)
    out: list[tuple[str, str]] = []
    while len(out) < count:
        kind = rng.choices(kinds, weights)[0]
        if kind == "exact":
            name = rng.choice(universe)
        elif kind == "variant":
            name = vary(rng, rng.choice(universe))
        elif kind == "restricted":
            base = rng.choice(restricted)
            name = base if rng.random() < 0.3 else vary(rng, base)
        else:
            name = generate_name(rng, vocab)
            if name in listed:
                continue
        name = name.strip()
        if name and name not in seen:
            seen.add(name)
            out.append((kind, name))
    return out
