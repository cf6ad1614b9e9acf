"""A record's own date (purchase, invoice, order, delivery) as exports write it.

Invariants:
- Only a date that can be read one way is returned. Year-first dates
  (2024-01-31, 2024/01/31, 20240131, 2024年1月31日) and dotted day-first dates
  (31.01.2024, as German, Nordic and Eastern European exports write them) are
  read as such. A slashed or dashed date with the year last is read when one
  of its first two numbers cannot be a month (31/01/2024, 01/31/2024); when
  both could be (03/04/2024), the date is ambiguous, and is not guessed.
- Month names and their abbreviations are read in English, French, German,
  Spanish, Italian, Dutch and Portuguese ("15 March 2024", "Mar 15, 2024",
  "15-MAR-2024", "15. März 2024", "15 de marzo de 2024", "15 maart 2024").
- A time after the date (10:22, 10:22:05, T10:22:05Z, 2 PM) is ignored.
- Whatever is not read gets a reason that says how to write the date.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_MONTHS: dict[str, str] = {  # the twelve months of each language, in order
    "English": "january february march april may june july august september october "
    "november december",
    "French": "janvier février mars avril mai juin juillet août septembre octobre novembre "
    "décembre",
    "German": "januar februar märz april mai juni juli august september oktober november dezember",
    "Spanish": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
    "Italian": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre "
    "novembre dicembre",
    "Dutch": "januari februari maart april mei juni juli augustus september oktober november "
    "december",
    "Portuguese": "janeiro fevereiro março abril maio junho julho agosto setembro outubro "
    "novembro dezembro",
}
# Abbreviations that are not the start of their month's name.
_SHORT = {"mrt": 3, "sept": 9, "set": 9, "dez": 12}
# Words that sit between a date's parts and say nothing: "15 de marzo de 2024",
# "the 15th of March", "le 15 mars".
# Ordinal endings come apart from their digits ("1st", "1er", "1º").
_FILLERS = frozenset(
    {"de", "del", "of", "the", "le", "den", "der", "el", "la", "du", "am", "em"}
    | {"st", "nd", "rd", "th", "er", "e", "o", "a", "º", "ª"}
)

_TIME = re.compile(
    r"(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:z|[+-]\d{2}:?\d{2})?)$",
    re.IGNORECASE,
)
_YEAR_FIRST = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_CJK = re.compile(r"^(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?$")
_DOTTED = re.compile(r"^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})$")
_YEAR_LAST = re.compile(r"^(\d{1,2})([-/])(\d{1,2})\2(\d{4})$")
_PARTS = re.compile(r"\d+|[^\W\d_]+")

HOW_TO_WRITE = "write it as YYYY-MM-DD"


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _month_table() -> dict[str, int]:
    """Every full name and unambiguous prefix (3 letters or more) of a month, folded."""
    candidates: dict[str, set[int]] = {}
    for names in _MONTHS.values():
        for number, name in enumerate(names.split(), start=1):
            folded = _fold(name)
            for end in range(3, len(folded) + 1):
                candidates.setdefault(folded[:end], set()).add(number)
    table = {word: next(iter(months)) for word, months in candidates.items() if len(months) == 1}
    table.update(_SHORT)
    return table


MONTH_WORDS = _month_table()


def read_record_date(text: str) -> tuple[date | None, str | None]:
    """The date `text` names, or None and why not (module docstring)."""
    t = text.strip()
    t = _TIME.sub("", t, count=1).strip() if ":" in t else t
    for pattern, order in (
        (_YEAR_FIRST, "ymd"),
        (_COMPACT, "ymd"),
        (_CJK, "ymd"),
        (_DOTTED, "dmy"),
    ):
        m = pattern.match(t)
        if m:
            a, b, c = int(m[1]), int(m[2]), int(m[3])
            y, mo, d = (a, b, c) if order == "ymd" else (c, b, a)
            return _day(y, mo, d, text)
    m = _YEAR_LAST.match(t)
    if m:
        first, second, year = int(m[1]), int(m[3]), int(m[4])
        if first > 12 >= second:
            return _day(year, second, first, text)
        if second > 12 >= first:
            return _day(year, first, second, text)
        if first == second:
            return _day(year, first, first, text)
        return None, (
            f"{text.strip()!r} could be day {first} of month {second} or month {first} day "
            f"{second}; {HOW_TO_WRITE}"
        )
    return _named_month(t, text)


def _named_month(t: str, text: str) -> tuple[date | None, str | None]:
    months: list[int] = []
    numbers: list[str] = []
    for part in _PARTS.findall(t):
        word = _fold(part)
        if part.isdigit():
            numbers.append(part)
        elif word in MONTH_WORDS:
            months.append(MONTH_WORDS[word])
        elif word not in _FILLERS:
            return None, f"{text.strip()!r} is not a date banwatch reads; {HOW_TO_WRITE}"
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2]
    if len(months) != 1 or len(years) != 1 or len(days) != 1 or len(numbers) != 2:
        return None, f"{text.strip()!r} is not a date banwatch reads; {HOW_TO_WRITE}"
    return _day(int(years[0]), months[0], int(days[0]), text)


def _day(year: int, month: int, day: int, text: str) -> tuple[date | None, str | None]:
    try:
        return date(year, month, day), None
    except ValueError:
        return None, f"{text.strip()!r} names no day of the calendar; {HOW_TO_WRITE}"


def parse_record_date(text: str) -> date | None:
    """The date `text` names, or None when it cannot be read one way."""
    return read_record_date(text)[0]
