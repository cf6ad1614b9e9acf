"""The matching algorithm declared as data: its name, thresholds and feature scores.

A `MatcherConfig` names a version of the algorithm; any change of weights or
thresholds gets a new name (`versions.py` holds each name to its code), and
every screening run records the name it used, so any past score can be
reproduced. Every feature has a sentence a compliance officer can read as
the explanation of a match (`FEATURES`).
"""

from __future__ import annotations

from dataclasses import dataclass

FEATURES: dict[str, str] = {
    "name": "The organisation name equals, or closely agrees with, a registered name.",
    "alias": "The name agrees with a registered alias, former name, brand or transliteration.",
    "mac": "The MAC address lies in an IEEE address block registered to this organisation.",
    "domain": "The web address belongs to a domain this organisation operates.",
    "model": "The model number follows this vendor's documented model-numbering scheme.",
    "ambiguous": (
        "The name agrees with a registered name that is also an ordinary word or another "
        "firm's name: alone it is not certain."
    ),
    "country": (
        "The country column names the country of an organisation the record's name "
        "reads as through an ambiguous name, which it supports."
    ),
    "family": (
        "The name is a listed family's distinctive name with only places, legal forms and "
        "business words beside it: probably a member of that family the registry does not list."
    ),
    "fcc_id": "The FCC ID begins with the grantee code the FCC assigned to this organisation.",
    "text": (
        "Free text (a memo, a description) names this organisation, or holds a model number "
        "of its numbering scheme: alone it is not certain."
    ),
}


@dataclass(frozen=True)
class MatcherConfig:
    """A named, versioned matching algorithm: thresholds and feature scores."""

    name: str = "banwatch-match-v8"
    threshold: float = 0.80  # a candidate at or above this is listed as a match
    certain: float = 0.90  # below this a match can make a record `review` at most
    mac_score: float = 0.97
    domain_score: float = 0.97
    fcc_score: float = 0.97  # an FCC ID whose grantee code is the entity's
    model_score_high: float = 0.95
    model_score_medium: float = 0.85
    agreement_bonus: float = 0.02  # per further column that points at the same entity
    family_score: float = 0.85  # a probable family member the registry does not list
    ambiguous_score: float = 0.85  # at most, a name made only of an ambiguous word
    country_score: float = 0.90  # a country cell that fits an entity read through an ambiguous name
    # A MAC block, domain or FCC grantee code whose link to the entity the
    # sources do not confirm (`verified: false`): below certainty, so review.
    unverified_identifier_score: float = 0.85
    # A name or model number found in free text (a memo, a description): below
    # certainty, so such a find gives `review` at most.
    text_score: float = 0.85
    # One edit in a word of 5-7 letters ("gazprom"/"gasprom") counts this much times
    # the rarer word's weight (below names.DOUBLE_TYPO_SIMILARITY, which tells it apart).
    short_typo_similarity: float = 0.80
    # The most a name reading scores when it credits a short word's typo, when one
    # name has a distinctive word the other lacks, or a number the other lacks:
    # below `certain`, so such a reading gives `review` at most.
    review_cap: float = 0.89


DEFAULT_CONFIG = MatcherConfig()
