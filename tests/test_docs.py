"""Docs that stay true (STYLE guideline 14): README.md, docs/registry.md, docs/matching.md.

Every test reads the code — pydantic models, vocabularies, the click group,
the `BANWATCH_*` variables, the matcher's constants — and checks that the
docs name what the code has, and nothing it no longer has.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, get_args

import click
import pytest
from pydantic import BaseModel

from banwatch.cli import cli
from banwatch.matching import free_text, lexicon, model_numbers, names, normalize, weights
from banwatch.matching.matcher import Matcher, MatcherConfig
from banwatch.matching.normalize import name_form
from banwatch.model import vocabulary
from banwatch.model.entities import Entity, Identifier, ModelPattern, Name, Relation
from banwatch.model.measures import Binding, Event, Measure, Target
from banwatch.model.records import Record, Role

ROOT = Path(__file__).resolve().parents[1]


@cache
def doc(relative: str) -> str:
    """The text of a doc file, relative to the repository root."""
    return (ROOT / relative).read_text(encoding="utf-8")


def section(text: str, title: str) -> str:
    """The body of the section headed `title` (any level), up to the next heading."""
    m = re.search(rf"^#+ {re.escape(title)}\n(.*?)(?=^#+ |\Z)", text, re.M | re.S)
    assert m, f"no section headed {title!r}"
    return m.group(1)


def row_keys(text: str) -> list[str]:
    """The backticked first cell of every table row: | `key` | ... |."""
    return re.findall(r"^\| `([^`]+)` \|", text, re.M)


# --------------------------------------------------------------- docs/registry.md


MODELS: dict[str, type[BaseModel]] = {
    "Entity": Entity,
    "Name": Name,
    "Identifier": Identifier,
    "Relation": Relation,
    "ModelPattern": ModelPattern,
    "Measure": Measure,
    "Binding": Binding,
    "Target": Target,
    "Event": Event,
}


def yaml_keys(model: type[BaseModel]) -> list[str]:
    """The keys a registry file uses for a model: the alias where there is one."""
    return [f.alias or name for name, f in model.model_fields.items()]


@pytest.mark.parametrize(
    ("title", "key"),
    [(title, key) for title, model in MODELS.items() for key in yaml_keys(model)],
)
def test_every_field_is_a_row_of_its_models_table(title: str, key: str) -> None:
    assert f"`{key}`" in doc("docs/registry.md")
    assert key in row_keys(section(doc("docs/registry.md"), title))


@pytest.mark.parametrize("title", MODELS)
def test_no_table_row_names_a_field_the_model_lacks(title: str) -> None:
    rows = row_keys(section(doc("docs/registry.md"), title))
    assert set(rows) <= set(yaml_keys(MODELS[title]))


VOCABULARIES: dict[str, tuple[str, ...]] = {
    "Sectors (`Binding.sector`, `--sector`)": vocabulary.SECTORS,
    "Acts (`Measure.acts`, `--act`)": vocabulary.ACTS,
    "Effects (`Event.effect`)": get_args(vocabulary.Effect),
    "Event types (`Event.type`)": get_args(vocabulary.EventType),
    "Relation types (`Relation.type`)": get_args(vocabulary.RelationType),
    "Coverage (`Target.covers`)": get_args(vocabulary.Coverage),
    "Identifier kinds (`Identifier.kind`)": get_args(vocabulary.IdentifierKind),
    "Confidence": get_args(vocabulary.Confidence),
}


@pytest.mark.parametrize(
    ("title", "word"),
    [(title, word) for title, words in VOCABULARIES.items() for word in words],
)
def test_every_vocabulary_word_has_a_line(title: str, word: str) -> None:
    assert f"`{word}`" in doc("docs/registry.md")
    assert word in row_keys(section(doc("docs/registry.md"), title))


@pytest.mark.parametrize("title", VOCABULARIES)
def test_no_vocabulary_table_names_a_word_the_code_lacks(title: str) -> None:
    assert set(row_keys(section(doc("docs/registry.md"), title))) <= set(VOCABULARIES[title])


@pytest.mark.parametrize(
    "word",
    [
        *get_args(vocabulary.EntityKind),
        *get_args(vocabulary.NameKind),
        *get_args(vocabulary.Status),
        *get_args(vocabulary.Verdict),
    ],
)
def test_other_closed_words_are_listed(word: str) -> None:
    assert f"`{word}`" in section(doc("docs/registry.md"), "Other closed words")


def test_coverage_steps_are_those_screening_uses() -> None:
    from banwatch.screening.family import MAX_DEPTH, STEP_COVERAGE

    steps = section(doc("docs/registry.md"), "How coverage and relations combine")
    for relation, coverage in STEP_COVERAGE.items():
        assert f"| `{relation}` | `{coverage}` |" in steps
    assert f"up to {MAX_DEPTH} steps" in steps


# ------------------------------------------------------------------------ README


def command_paths(group: click.Group, prefix: str = "banwatch") -> list[str]:
    """Every command and subcommand of a click group, as typed: `banwatch registry validate`."""
    out: list[str] = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        out.append(path)
        if isinstance(command, click.Group):
            out += command_paths(command, path)
    return out


@pytest.mark.parametrize("path", command_paths(cli))
def test_every_command_is_in_the_readme(path: str) -> None:
    assert re.search(rf"`{re.escape(path)}[ `]", doc("README.md")), f"`{path}` not in README"


def options(command: click.Command) -> list[str]:
    return [
        opt
        for param in command.params
        if isinstance(param, click.Option)
        for opt in (*param.opts, *param.secondary_opts)
    ]


@pytest.mark.parametrize("option", options(cli.commands["screen"]))
def test_every_screen_option_is_in_the_readme(option: str) -> None:
    assert re.search(rf"`{re.escape(option)}(?![\w-])", doc("README.md"))


ENV_VAR = re.compile(r"\bBANWATCH_[A-Z0-9_]*[A-Z0-9]\b")
SOURCES = sorted((ROOT / "banwatch").rglob("*.py"))


def source_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in SOURCES)


def settings_table() -> list[str]:
    return [k for k in row_keys(section(doc("README.md"), "Settings")) if ENV_VAR.fullmatch(k)]


@pytest.mark.parametrize("var", sorted(set(ENV_VAR.findall(source_text()))))
def test_every_variable_in_the_code_is_in_the_settings_table(var: str) -> None:
    assert var in settings_table()


def test_every_variable_in_the_settings_table_is_read_by_the_code() -> None:
    table = settings_table()
    assert table, "the README settings table lists no BANWATCH_ variable"
    used = set(re.findall(r"""["'](BANWATCH_[A-Z0-9_]+)["']""", source_text()))
    assert set(table) <= used


def test_quick_start_names_exactly_make_run_and_make_test() -> None:
    quick = section(doc("README.md"), "Quick start")
    assert sorted(set(re.findall(r"\bmake [a-z]+", quick))) == ["make run", "make test"]
    targets = re.findall(r"^([a-z]+):", doc("Makefile"), re.M)
    assert {"run", "test"} <= set(targets)


@pytest.mark.parametrize("path", sorted(set(re.findall(r"docs/[\w-]+\.md", doc("README.md")))))
def test_docs_named_in_the_readme_exist(path: str) -> None:
    assert (ROOT / path).is_file()


# --------------------------------------------------------------- docs/matching.md

CONFIG = MatcherConfig()
CONSTANTS: dict[str, Any] = {
    "MatcherConfig": CONFIG,
    "names": names,
    "normalize": normalize,
    "lexicon": lexicon,
    "weights": weights,
    "model_numbers": model_numbers,
    "free_text": free_text,
}
REQUIRED = [
    *(
        f"MatcherConfig.{f}"
        for f in (
            "threshold",
            "certain",
            "mac_score",
            "domain_score",
            "model_score_high",
            "model_score_medium",
            "agreement_bonus",
        )
    ),
    "names.EXACT_SCORE",
    "names.CORE_SCORE",
    "names.TYPO_SIMILARITY",
    "names.DOUBLE_TYPO_SIMILARITY",
]


def value_of(label: str) -> float:
    owner, attribute = label.split(".")
    value = getattr(CONSTANTS[owner], attribute)
    assert isinstance(value, int | float), label
    return value


def shown(value: float) -> str:
    """A number as the doc writes it: 0.80, 1.00, 300."""
    return str(value) if isinstance(value, int) else f"{value:.2f}"


def numbers_table() -> dict[str, str]:
    body = section(doc("docs/matching.md"), "Numbers")
    return dict(re.findall(r"^\| `([\w.]+)` \| ([^|]+?) \|", body, re.M))


@pytest.mark.parametrize("label", REQUIRED)
def test_matcher_numbers_are_in_the_doc(label: str) -> None:
    assert shown(value_of(label)) in doc("docs/matching.md")
    assert numbers_table().get(label) == shown(value_of(label))


@pytest.mark.parametrize("label", sorted(numbers_table()))
def test_every_number_in_the_table_is_the_codes(label: str) -> None:
    assert numbers_table()[label] == shown(value_of(label))


def test_the_matcher_name_is_the_default() -> None:
    assert f"`{CONFIG.name}`" in doc("docs/matching.md")


def name_scores(matcher: Matcher, value: str) -> dict[str, float]:
    found, _ = matcher.match(Record(0, "t.csv", 2, {"supplier": value}, {"supplier": "name"}))
    return {e.entity_id: e.score for e in found}


def test_the_worked_alignment_is_what_the_matcher_computes(matcher: Matcher) -> None:
    text = section(doc("docs/matching.md"), "Scoring a candidate")
    weigh = matcher.names.weigh
    q, c = name_form("Hikvison Digital", weigh), name_form("Hikvision", weigh)
    for word, weight in zip((*q.words, *c.words), (*q.weights, *c.weights), strict=True):
        assert f"`{word}` {weight:.2f}" in text
    assert f"total {q.total:.2f}" in text
    assert f"similarity {names.typo_similarity('hikvison', 'hikvision'):.2f}" in text
    fq, fc = names._found(q, c), names._found(c, q)
    evidence = min(1.0, min(fq, fc) / names.MIN_EVIDENCE)
    (top, *_) = matcher.names.search("Hikvison Digital", CONFIG.threshold)
    assert top.entry.value == "Hikvision"
    assert top.score == round(names.align(q, c), 4)
    cov_q, cov_c = fq / q.total, fc / c.total
    formula = f"√({cov_q:.2f} × {cov_c:.2f}) × {evidence:.2f} = {top.score}:"
    assert formula in text


@pytest.mark.parametrize(
    ("name", "readings"),
    [
        ("Hikvision Canada", ["hikvision-canada"]),
        ("Zhejiang Dahau Technology", ["dahua", "dahua-vision"]),
    ],
)
def test_the_readings_examples_are_what_the_matcher_keeps(
    matcher: Matcher, name: str, readings: list[str]
) -> None:
    scores = name_scores(matcher, name)
    assert list(scores) == readings
    text = " ".join(section(doc("docs/matching.md"), "From candidates to name matches").split())
    assert f"`{name}` reads as" in text
    for score in scores.values():
        assert f"({shown(score) if score == 1.0 else score})" in text


def test_the_combined_record_example(matcher: Matcher) -> None:
    cells = {"supplier": "Hikvison Digital", "mac": "bc:5e:33:4a:10:01", "model": "DS-2CD2143G2-I"}
    roles: dict[str, Role] = {"supplier": "name", "mac": "mac", "model": "model"}
    alias = name_scores(matcher, cells["supplier"])["hikvision"]
    found, _ = matcher.match(Record(0, "t.csv", 2, cells, roles))
    assert found[0].entity_id == "hikvision"
    assert found[0].score == 1.0
    features = [(f.feature, f.column, f.score) for f in found[0].features]
    assert features == [
        ("mac", "mac", CONFIG.mac_score),
        ("model", "model", CONFIG.model_score_high),
        ("alias", "supplier", alias),
    ]
    assert f"({alias}, column `supplier`" in doc("docs/matching.md")


def test_readme_coverage_is_the_coverage_report() -> None:
    from io import StringIO

    from banwatch.registry.loader import load_registry
    from banwatch.reports.coverage import write_coverage

    out = StringIO()
    write_coverage(load_registry(), out)
    m = re.search(r"<!-- coverage: begin -->\n(.*?)<!-- coverage: end -->", doc("README.md"), re.S)
    assert m, "README.md has no coverage markers"
    assert m.group(1) == out.getvalue(), "run: banwatch registry coverage, and paste it in README"
