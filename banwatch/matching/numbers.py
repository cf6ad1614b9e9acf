"""Numbers written in words, read as digits (pure): "Forty-four", "44th", "No. 44" are 44.

The words are not banwatch's: rigour (OpenSanctions) ships the numbers 0 to
100 as cardinals and ordinals in many languages and spellings ("Fourty
four", "vierundvierzigste", "cuarenta y cuatro", "сорок четыре", "No. 44",
"44th"). A number must agree for a name to be a certain match
(`names.is_number`), so "Brigade Forty-Four" and "Brigade 44" must say the
same number in the same way.

Only phrases of two words or more, and words holding a digit, are read: a
single number word is as often an ordinary word or a name ("First Solar",
"Premier Oil", "Erste Group", "Una"), and Roman numerals and Chinese
numerals are letters of other names ("LI", "MIX", 三星).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from rigour._core import ordinals_dict

# Raw words as `normalize` finds them in casefolded NFKC text.
_RAW = re.compile(r"[^\W_]+", re.UNICODE)
_ROMAN = re.compile(r"[ivxlcdm]+(?:st|nd|rd|th)?")
# "44th", "2nd", "3ème", "10ma": digits and a suffix of two letters or more ("12e" is a code).
_ORDINAL = re.compile(r"\d+[^\W\d_]{2,}")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LONGEST = 5  # words in the longest phrase read


@cache
def number_phrases() -> dict[tuple[str, ...], str]:
    """Each phrase of number words, as raw words, and the digits it stands for."""
    out: dict[tuple[str, ...], str] = {}
    for number, spellings in ordinals_dict().items():
        digits = str(number)
        for spelling in spellings:
            text = unicodedata.normalize("NFKC", spelling).casefold()
            if _CJK.search(text):
                continue
            raws = tuple(_RAW.findall(text))
            if not raws or raws == (digits,) or len(raws) > LONGEST:
                continue
            if any(_ROMAN.fullmatch(r) for r in raws):
                continue
            if len(raws) == 1 and not _ORDINAL.fullmatch(raws[0]):
                continue  # a single number word ("first", "premier", "una") or code ("12e")
            if len(raws) > 1 and raws[0][0].isdigit():
                continue  # "1.er", "1:a": digits beside a word of a name
            out.setdefault(raws, digits)
    return out


@cache
def first_words() -> frozenset[str]:
    """The words a phrase of `number_phrases` starts with: a name with none spells no number."""
    return frozenset(p[0] for p in number_phrases())


def as_digits(raws: list[str]) -> list[str]:
    """The raw words with each phrase of number words replaced by its digits, longest first."""
    phrases = number_phrases()
    out: list[str] = []
    i = 0
    while i < len(raws):
        for n in range(min(LONGEST, len(raws) - i), 0, -1):
            digits = phrases.get(tuple(raws[i : i + n]))
            if digits is not None:
                out.append(digits)
                i += n
                break
        else:
            out.append(raws[i])
            i += 1
    return out
