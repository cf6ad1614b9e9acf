"""Write banwatch/matching/lexicon_rigour.py from rigour's list of organisation types.

    python scripts/rigour_forms.py PATH/TO/rigour/resources/names/org_types.yml COMMIT

rigour (OpenSanctions) keeps the legal forms of many languages in
`resources/names/org_types.yml`, built from ISO 20275 (GLEIF's Entity Legal
Forms code list), OCCRP's list and Wikipedia's types of business entity. Its
installed package holds the same data compiled, with no way to list it, so
banwatch keeps two word lists derived from the file (see the module written):

- the words of its forms of two words or more that organisation names seldom
  use otherwise: fewer than `MAX_REGISTRANTS` of the IEEE registrants' names
  (the word corpus) hold them, and they are not ordinary words: a Zipf
  frequency below `MAX_ZIPF` in wordfreq's lists of the languages free text
  is read in, or, for a word of `LONG_WORD` letters or more, below free
  text's `COMMON_ZIPF` ("proprietary", "genossenschaft"), which keeps out
  short pieces such as "det", "med", "soc". They decide that a name is worth
  handing to rigour;
- its forms of one word, dropped from names like the lexicon's legal forms,
  under the same two conditions, and of four letters or more when in Latin
  letters: three Latin letters are as often a company's initials ("PSE",
  "UAB"); the compare form rigour gives a form whose abbreviation is dropped
  is dropped too, whatever its length ("mup" for "МУП", "муниципальное
  унитарное предприятие").
"""

from __future__ import annotations

import sys
import unicodedata
from collections import Counter
from pathlib import Path

import yaml
from wordfreq import zipf_frequency

from banwatch.matching.free_text import COMMON_ZIPF, LANGUAGES
from banwatch.matching.lexicon_legal import LEXICON_LEGAL_FORMS as LEGAL_FORMS
from banwatch.matching.normalize import _WORD, _undot_initials, normalise
from banwatch.registry.loader import load_registry

MAX_REGISTRANTS = 10
MAX_ZIPF = 3.0
LONG_WORD = 5
OUT = Path(__file__).resolve().parent.parent / "banwatch" / "matching" / "lexicon_rigour.py"


def split(form: str) -> list[str]:
    text = normalise(form)
    return _WORD.findall(_undot_initials(text) if "." in text else text)


def main(path: str, commit: str) -> None:
    types = yaml.safe_load(Path(path).read_text(encoding="utf-8"))["types"]
    multi: set[str] = set()
    single: set[str] = set()
    compare: dict[str, str] = {}  # a one-word form -> the compare form of its type
    apostrophes: dict[str, str] = {}  # "dinvestissement" -> "d'investissement"
    for t in types:
        key = "".join(split(t.get("compare") or t.get("display") or ""))
        for form in [*t.get("aliases", []), t.get("display"), t.get("compare")]:
            raws = split(form) if form else []
            if len(raws) == 1:
                single.add(raws[0])
                if key:
                    compare.setdefault(raws[0], key)
            else:
                multi.update(raws)
            for w in (form or "").casefold().split():
                joined = "".join(split(w))
                if ("'" in w or "’" in w) and len(joined) >= 3 and joined not in apostrophes:
                    apostrophes[joined] = w.strip(".,;()")
    used: Counter[str] = Counter()
    for name in set(load_registry().name_corpus):
        used.update(set(split(name)))

    def fits(w: str) -> bool:
        return len(w) >= 3 and not any(c.isdigit() for c in w) and used[w] < MAX_REGISTRANTS

    def zipf(w: str) -> float:
        return max(zipf_frequency(w, lang, wordlist="small") for lang in LANGUAGES)

    def ordinary(w: str) -> bool:
        return zipf(w) >= MAX_ZIPF

    def form_word(w: str) -> bool:
        # A longer word of a form may be a little more common ("proprietary", "genossenschaft").
        return zipf(w) < (COMMON_ZIPF if len(w) >= LONG_WORD else MAX_ZIPF)

    words = sorted(w for w in multi if fits(w) and form_word(w))
    forms = sorted(
        w
        for w in single
        if w not in LEGAL_FORMS and fits(w) and not ordinary(w) and (len(w) > 3 or not w.isascii())
    )
    # The compare form a spelled-out form reads as is dropped too when its written
    # abbreviation is ("mup" for "МУП"), whatever its length.
    dropped = set(forms) | LEGAL_FORMS
    forms = sorted(
        set(forms)
        | {
            c
            for w, c in compare.items()
            if w in dropped and c not in LEGAL_FORMS and c.isalpha() and not ordinary(c)
        }
    )
    pairs = "\n".join(f"    {k!r}: {v!r}," for k, v in sorted(apostrophes.items()))
    text = TEMPLATE.format(commit=commit, words=wrap(words), forms=wrap(forms), apostrophes=pairs)
    OUT.write_text(text, "utf-8")
    print(f"{len(words)} words of spelled-out forms, {len(forms)} one-word forms -> {OUT}")


def wrap(words: list[str]) -> str:
    """Lines of at most 96 columns, a wide (East Asian) character counting two."""
    lines: list[str] = []
    line, width = "", 0
    for w in words:
        cols = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in w)
        if line and width + 1 + cols > 96:
            lines.append(line)
            line, width = "", 0
        line, width = (f"{line} {w}", width + 1 + cols) if line else (w, cols)
    return "\n".join([*lines, line])


TEMPLATE = '''"""Legal forms taken from rigour's list of organisation types (data, generated).

Written by `scripts/rigour_forms.py` from rigour's
`resources/names/org_types.yml` (https://github.com/opensanctions/rigour),
commit {commit},
which rigour builds from ISO 20275 (GLEIF's Entity Legal Forms code list),
OCCRP's list and Wikipedia's types of business entity. Do not edit by
hand: run the script on a newer rigour and record a new matcher name.

- `RIGOUR_FORM_WORDS`: the words of rigour's forms of two words or more that
  fewer than 10 IEEE registrant names use and that are not ordinary words
  (wordfreq's Zipf frequency below 3 in English, German, French, Spanish,
  Italian, Dutch and Portuguese, or below 4 for a word of five letters or
  more): "gazdasági", "druzhestvo", "учреждение", "proprietary".
  A name holding one is handed to rigour, which finds the
  forms (`legal_forms.spelled_out_forms`); a name holding none pays one set test.
- `RIGOUR_ONE_WORD_FORMS`: rigour's forms of one word, under the same two
  conditions, of four letters or more in Latin letters (three are as often a
  company's initials) and of three or more in other scripts: "eireli",
  "sicav", "фгбу"; and the compare form of a form so dropped, whatever its
  length ("mup" for "МУП"). Dropped from names like the lexicon's `LEGAL_FORMS`.
- `RIGOUR_APOSTROPHE_WORDS`: the words rigour writes with an apostrophe, as
  banwatch reads them (apostrophes join: "dinvestissement") and as rigour
  writes them ("d'investissement"), so that rigour is handed them its way.
"""

from __future__ import annotations

RIGOUR_FORM_WORDS: frozenset[str] = frozenset(
    """
{words}
""".split()  # noqa: SIM905 - one string, as the script writes it
)

RIGOUR_ONE_WORD_FORMS: frozenset[str] = frozenset(
    """
{forms}
""".split()  # noqa: SIM905
)

RIGOUR_APOSTROPHE_WORDS: dict[str, str] = {{
{apostrophes}
}}
'''

if __name__ == "__main__":
    main(*sys.argv[1:3])
