"""Place names in many languages, each with the countries it lies in (data, built from libraries).

Read by the family-member rule (`families.py`): "Hikvision Deutschland GmbH"
names a place, Germany, that the family's head entity is not registered in.
Nothing here changes a word's weight; `lexicon.PLACES` does that.

The names come from maintained libraries rather than hand lists: country
names and their translations from pycountry (ISO 3166-1 and its gettext
catalogues), states, provinces and regions from pycountry (ISO 3166-2), and
major cities from the exemplar cities of the CLDR time zones that Babel
ships, in the same languages. A few regions and business cities that neither
has are listed here. Upgrading either library can add names; the index cache
key includes the code, not the libraries' versions, so rebuild the index
after an upgrade.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from functools import cache
from typing import Any

import pycountry

from banwatch.matching.lexicon import CJK_PLACES, PLACES
from banwatch.matching.normalize import is_cjk, words

# Languages whose names of countries and cities are read: those of the
# countries where the restricted vendors' subsidiaries are registered, and the
# major languages of trade registers.
LANGUAGES: tuple[str, ...] = (
    "en", "de", "fr", "es", "it", "pt", "pt_BR", "nl", "pl", "sv", "da", "nb_NO", "fi",
    "cs", "sk", "hu", "ro", "bg", "hr", "sl", "sr@latin", "lt", "lv", "et", "el", "tr",
    "ru", "uk", "ja", "zh_CN", "zh_TW", "ko", "id", "ms", "vi", "th", "ar", "he",
)  # fmt: skip

# ISO 3166-2 subdivision types that are regions a company is named after
# (districts, counties and municipalities are too many and too often ordinary words).
REGION_TYPES: frozenset[str] = frozenset(
    {
        "State", "Province", "Region", "Land", "Autonomous region", "Autonomous community",
        "Canton", "Territory", "Voivodship", "Prefecture", "Metropolitan city", "Republic",
        "Union territory", "Special municipality", "Administrative region", "Regional state",
        "Metropolitan region", "Autonomous province", "Emirate", "Federal district",
        "Capital territory", "Capital district", "Capital city", "Nation", "Country",
    }
)  # fmt: skip

# Country codes of the words `lexicon.PLACES` and `lexicon.CJK_PLACES` list
# (none for words that name no one country, such as "asia" or "north").
_LEXICON_COUNTRIES: dict[str, str] = {
    "china": "CN", "chinese": "CN", "hangzhou": "CN", "zhejiang": "CN", "shenzhen": "CN",
    "beijing": "CN", "shanghai": "CN", "guangdong": "CN", "guangzhou": "CN", "chengdu": "CN",
    "sichuan": "CN", "jiangsu": "CN", "wuhan": "CN", "xiamen": "CN", "nanjing": "CN",
    "weihai": "CN", "xinjiang": "CN", "sz": "CN", "hz": "CN", "hk": "HK", "usa": "US",
    "us": "US", "america": "US", "american": "US", "canada": "CA", "canadian": "CA",
    "uk": "GB", "gb": "GB", "britain": "GB", "india": "IN", "taiwan": "TW", "japan": "JP",
    "korea": "KR", "germany": "DE", "france": "FR", "中国": "CN", "杭州": "CN", "浙江": "CN",
    "深圳": "CN", "北京": "CN", "上海": "CN", "广东": "CN", "广州": "CN", "成都": "CN",
    "武汉": "CN", "南京": "CN", "江苏": "CN", "香港": "HK", "厦门": "CN", "威海": "CN",
}  # fmt: skip

# Regions and business cities that neither library lists, with their countries
# (none for a region of several countries).
EXTRA_PLACES: dict[str, tuple[str, ...]] = {
    "hong kong": ("HK",), "macau": ("MO",), "uae": ("AE",), "dubai": ("AE",),
    "abu dhabi": ("AE",), "munich": ("DE",), "münchen": ("DE",), "frankfurt": ("DE",),
    "düsseldorf": ("DE",), "duesseldorf": ("DE",), "hamburg": ("DE",), "cologne": ("DE",),
    "köln": ("DE",), "stuttgart": ("DE",), "milan": ("IT",), "milano": ("IT",),
    "rome": ("IT",), "roma": ("IT",), "turin": ("IT",), "torino": ("IT",),
    "barcelona": ("ES",), "lyon": ("FR",), "marseille": ("FR",), "rotterdam": ("NL",),
    "the hague": ("NL",), "antwerp": ("BE",), "geneva": ("CH",), "genève": ("CH",),
    "basel": ("CH",), "gothenburg": ("SE",), "göteborg": ("SE",), "krakow": ("PL",),
    "kraków": ("PL",), "osaka": ("JP",), "yokohama": ("JP",), "mumbai": ("IN",),
    "bangalore": ("IN",), "bengaluru": ("IN",), "new delhi": ("IN",), "delhi": ("IN",),
    "hyderabad": ("IN",), "chennai": ("IN",), "pune": ("IN",), "gurgaon": ("IN",),
    "gurugram": ("IN",), "noida": ("IN",), "rio de janeiro": ("BR",), "brasilia": ("BR",),
    "brasília": ("BR",), "ottawa": ("CA",), "montreal": ("CA",), "montréal": ("CA",),
    "calgary": ("CA",), "new york": ("US",), "san francisco": ("US",), "houston": ("US",),
    "dallas": ("US",), "miami": ("US",), "seattle": ("US",), "boston": ("US",),
    "washington": ("US",), "silicon valley": ("US",), "canberra": ("AU",),
    "wellington": ("NZ",), "cape town": ("ZA",), "pretoria": ("ZA",), "abuja": ("NG",),
    "riyadh": ("SA",), "jeddah": ("SA",), "doha": ("QA",), "kuwait": ("KW",),
    "muscat": ("OM",), "islamabad": ("PK",), "ankara": ("TR",), "almaty": ("KZ",),
    "astana": ("KZ",), "incheon": ("KR",), "busan": ("KR",), "england": ("GB",),
    "scotland": ("GB",), "wales": ("GB",), "northern ireland": ("GB",),
    "great britain": ("GB",), "united kingdom": ("GB",), "united states": ("US",),
    "deutschland": ("DE",), "holland": ("NL",), "benelux": ("BE", "NL", "LU"),
    "nordic": ("DK", "FI", "IS", "NO", "SE"), "nordics": ("DK", "FI", "IS", "NO", "SE"),
    "scandinavia": ("DK", "NO", "SE"), "iberia": ("ES", "PT"), "iberica": ("ES", "PT"),
    "ibérica": ("ES", "PT"), "baltic": ("EE", "LT", "LV"), "baltics": ("EE", "LT", "LV"),
    "balkans": (), "dach": ("AT", "CH", "DE"), "emea": (), "apac": (), "latam": (),
    "latin america": (), "middle east": (), "gulf": (), "africa": (), "oceania": (),
    "asia pacific": (), "europe": (), "european": (), "eu": (), "asia": (), "americas": (),
    "world": (), "north": (), "south": (), "east": (), "west": (), "central": (),
    "southern": (), "northern": (), "eastern": (), "western": (), "global": (),
}  # fmt: skip

PlaceKey = tuple[str, ...]  # a place name as its words (one word for a Chinese name)


def _translations() -> Iterator[gettext.NullTranslations]:
    for lang in LANGUAGES:
        try:
            yield gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:
            continue


def _country_names() -> Iterator[tuple[str, str]]:
    """(name, country code) for every country name pycountry knows, in every language read."""
    countries: list[Any] = list(pycountry.countries)
    translations = list(_translations())
    for c in countries:
        english = [getattr(c, a, None) for a in ("name", "official_name", "common_name")]
        for name in english:
            if not name:
                continue
            yield name, c.alpha_2
            for t in translations:
                yield t.gettext(name), c.alpha_2


def _region_names() -> Iterator[tuple[str, str]]:
    for s in list(pycountry.subdivisions):
        if s.type in REGION_TYPES:
            yield s.name, s.country_code


def _city_names() -> Iterator[tuple[str, str]]:
    """Exemplar cities of the CLDR time zones, in every language read, with their country."""
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    zones: Any = get_global("territory_zones")
    locales = []
    for lang in LANGUAGES:
        try:
            locales.append(Locale.parse(lang.split("@")[0]))
        except (UnknownLocaleError, ValueError):
            continue
    for country, tz_ids in zones.items():
        if len(country) != 2 or not country.isalpha():
            continue
        for tz in tz_ids:
            english = tz.rsplit("/", 1)[-1].replace("_", " ")
            yield english, country
            for loc in locales:
                city = loc.time_zones.get(tz, {}).get("city")
                if city:
                    yield city, country


@cache
def place_names() -> dict[PlaceKey, frozenset[str]]:
    """Every place name as its words, with the countries it lies in (empty for a wider region).

    Built once per process (about a tenth of a second). A name whose words
    are no place's words alone (a Chinese name is one word) is kept whole.
    """
    found: dict[PlaceKey, set[str]] = {}

    def add(name: str, countries: tuple[str, ...]) -> None:
        key = tuple(words(name))
        if key and all(len(w) > 1 or is_cjk(w) for w in key):
            found.setdefault(key, set()).update(countries)

    for source in (_country_names(), _region_names(), _city_names()):
        for name, code in source:
            add(name, (code,))
    for word in (*PLACES, *CJK_PLACES):
        lexicon_code = _LEXICON_COUNTRIES.get(word)
        add(word, (lexicon_code,) if lexicon_code else ())
    for name, codes in EXTRA_PLACES.items():
        add(name, codes)
    return {k: frozenset(v) for k, v in found.items()}


def country_codes(value: str) -> frozenset[str]:
    """The countries a country cell names: an ISO code ("CN", "CHN") or a place in any language."""
    text = value.strip()
    if text.isascii() and text.isalpha() and len(text) in (2, 3):
        look_up: Any = pycountry.countries.get
        country: Any = (
            look_up(alpha_2=text.upper()) if len(text) == 2 else look_up(alpha_3=text.upper())
        )
        if country is not None:
            return frozenset({country.alpha_2})
    return place_names().get(tuple(words(text)), frozenset())
