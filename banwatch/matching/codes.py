"""The features of codes: MAC addresses, web domains, FCC IDs, model numbers, and free text.

Each looks a cell's value up among the registry's identifiers or patterns;
none searches names. `CodeFeatures` is a part of `Matcher`, which holds the
tables it reads.
"""

from __future__ import annotations

from collections.abc import Iterator

from banwatch.matching.config import MatcherConfig
from banwatch.matching.domains import domain_candidates, host_of
from banwatch.matching.fcc import FccId
from banwatch.matching.free_text import TextIndex, model_tokens
from banwatch.matching.mac import mac_parts, parse_mac
from banwatch.matching.model_numbers import ModelIndex
from banwatch.model.findings import Feature
from banwatch.model.registry import Registry
from banwatch.model.vocabulary import MatchedOn


class CodeFeatures:
    """What a MAC, domain, FCC ID, model or free-text cell says (a part of `Matcher`)."""

    config: MatcherConfig
    registry: Registry
    domains: dict[str, tuple[str, bool]]
    grantees: dict[str, tuple[str, bool]]
    models: ModelIndex
    text: TextIndex

    def _mac(
        self, column: str, value: str, warnings: list[str]
    ) -> Iterator[tuple[str, MatchedOn, Feature]]:
        """Each MAC address of a cell; discovery tools put several in one (runZero's `macs`).

        A cell in which no part is an address is one bad value, warned about once.
        """
        parts = mac_parts(value)
        if len(parts) > 1 and not any(parse_mac(part) for part in parts):
            parts = [value.strip()]
        for part in parts:
            yield from self._one_mac(column, part, warnings)

    def _one_mac(
        self, column: str, value: str, warnings: list[str]
    ) -> Iterator[tuple[str, MatchedOn, Feature]]:
        mac = parse_mac(value)
        if mac is None:
            warnings.append(f"column {column!r}: {value[:40]!r} is not a MAC address; ignored")
            return
        if mac.local or mac.multicast:
            kind = "locally administered" if mac.local else "multicast"
            warnings.append(
                f"column {column!r}: {mac} is a {kind} address and names no manufacturer"
            )
            return
        for prefix in mac.prefixes():
            block = self.registry.mac_blocks.get(prefix)
            if block:
                block_id = "-".join(prefix[i : i + 2] for i in range(0, 6, 2))
                text = f"{mac} is in block {block_id} registered to {block.registrant!r}"
                score, text = self._identifier(self.config.mac_score, text, block.verified)
                yield (
                    block.entity_id,
                    "mac",
                    Feature.model_construct(
                        feature="mac", value=str(mac), column=column, score=score, explanation=text
                    ),
                )
                return

    def _domain(self, column: str, value: str) -> Iterator[tuple[str, MatchedOn, Feature]]:
        host = host_of(value)
        if host is None:
            return
        for domain in domain_candidates(host):
            known = self.domains.get(domain)
            if known:
                eid, verified = known
                text = f"{host} belongs to {domain}, a domain of this organisation"
                score, text = self._identifier(self.config.domain_score, text, verified)
                yield (
                    eid,
                    "domain",
                    Feature.model_construct(
                        feature="domain", value=host, column=column, score=score, explanation=text
                    ),
                )
                return

    def _fcc(self, column: str, ids: list[FccId]) -> Iterator[tuple[str, MatchedOn, Feature]]:
        for fcc in ids:
            known = self.grantees.get(fcc.grantee)
            if known:
                eid, verified = known
                text = f"FCC ID {fcc}: grantee code {fcc.grantee}, assigned to this organisation"
                score, text = self._identifier(self.config.fcc_score, text, verified)
                yield (
                    eid,
                    "identifier",
                    Feature.model_construct(
                        feature="fcc_id",
                        value=str(fcc),
                        column=column,
                        score=score,
                        explanation=text,
                    ),
                )

    def _identifier(self, score: float, text: str, verified: bool) -> tuple[float, str]:
        """An identifier's score and explanation: below certainty when its link is unverified."""
        if verified:
            return score, text
        unsure = min(score, self.config.unverified_identifier_score)
        return unsure, f"{text} (a link its sources do not confirm)"

    def _model(self, column: str, value: str) -> Iterator[tuple[str, MatchedOn, Feature]]:
        # One feature per vendor: a model fitting a series pattern and the
        # vendor's general numbering scheme is one piece of evidence, told by
        # the surer pattern.
        told: set[str] = set()
        hits = sorted(self.models.search(value), key=lambda h: h.pattern.confidence != "high")
        for hit in hits:
            p = hit.pattern
            if p.entity in told:
                continue
            told.add(p.entity)
            score = (
                self.config.model_score_high
                if p.confidence == "high"
                else self.config.model_score_medium
            )
            text = f"{hit.value} fits {p.description}"
            yield (
                p.entity,
                "model",
                Feature.model_construct(
                    feature="model", value=hit.value, column=column, score=score, explanation=text
                ),
            )

    def _free_text(self, column: str, value: str) -> Iterator[tuple[str, MatchedOn, Feature]]:
        """Registry names and model numbers written in free text: review at most."""
        score = self.config.text_score
        for entity_id, said in self.text.find(value):
            name = self.registry.entities[entity_id].name
            why = f"the words {said!r} in free text are a name of {name!r}"
            yield (
                entity_id,
                "text",
                Feature.model_construct(
                    feature="text", value=said, column=column, score=score, explanation=why
                ),
            )
        for token in model_tokens(value):
            for entity_id, _, feature in self._model(column, token):
                yield (
                    entity_id,
                    "text",
                    Feature.model_construct(
                        feature="text",
                        value=feature.value,
                        column=column,
                        score=min(score, feature.score),
                        explanation=f"{feature.explanation}, written in free text",
                    ),
                )
