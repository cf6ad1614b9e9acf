"""Legal forms as word lists: what a name's words say about its legal form and country (data).

Part of the lexicon (`lexicon` re-exports every name here): legal forms say
nothing about who a name refers to and are removed before weighting.
"""

from __future__ import annotations

from banwatch.matching.lexicon_rigour import RIGOUR_FORM_WORDS, RIGOUR_ONE_WORD_FORMS

# Legal forms, as single tokens after punctuation is removed. Multi-word forms
# ("co ltd", "sdn bhd") are covered because each part is listed.
LEXICON_LEGAL_FORMS: frozenset[str] = frozenset(
    [
        "co",
        "company",
        "companies",
        "corp",
        "corporation",
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "llp",
        "lp",
        "plc",
        "pvt",
        "private",
        "pte",
        "pty",
        "gmbh",
        "mbh",
        "ag",
        "kg",
        "kgaa",
        "se",
        "sa",
        "sas",
        "sarl",
        "sl",
        "sro",
        "spa",
        "srl",
        "bv",
        "nv",
        "oy",
        "oyj",
        "ab",
        "as",
        "asa",
        "aps",
        "a/s",
        "kk",
        "kabushiki",
        "kaisha",
        "jsc",
        "pjsc",
        "oao",
        "zao",
        "ooo",
        "ao",
        "sdn",
        "bhd",
        "tbk",
        "lda",
        "ltda",
        "cv",
        "sapi",
        "eirl",
        "ohg",
        "ug",
        "eg",
        "ev",
        "doo",
        "kft",
        "zrt",
        "sasu",
        "eurl",
        "sprl",
        "bvba",
        "srls",
        "sau",
        "slu",
        "oü",
        "aş",
        "wll",
        "fze",
        "fzco",
        "limitada",
        "ооо",
        "оао",
        "зао",
        "пао",
        "ао",
        "тоо",
        "тов",
        "пат",
        "прат",
        # compare forms rigour gives spelled-out forms (`legal_forms.py`)
        "ojsc",
        "pjsc",
        "cjsc",
        "spzoo",
        "coltd",
        "sacv",
        "srlcv",
        "gmbhcokg",
        "sdnbhd",
        "tov",
        "ood",
        "주식회사",
        "유한회사",
    ]
)
# And rigour's one-word forms ("eireli", "sicav", "фгбу"; `lexicon_rigour.py`).
LEGAL_FORMS: frozenset[str] = LEXICON_LEGAL_FORMS | RIGOUR_ONE_WORD_FORMS

# Words that occur in spelled-out legal forms (or are one) and seldom
# elsewhere, in the languages public lists use. Not a list of legal forms
# (those are rigour's, see `legal_forms.py`): a name holding none of these
# words is never handed to rigour, which keeps the common name free of its cost.
SPELLED_OUT_WORDS: frozenset[str] = frozenset(
    [
        # English: joint stock, limited liability, public limited, partnerships
        "stock", "liability", "public", "partnership", "proprietorship",
        # German, Austrian, Swiss
        "gesellschaft", "haftung", "beschränkter", "beschraenkter", "beschr", "aktien",
        "offene", "aktiengesellschaft", "aktiengeselschaft", "aktienges",
        "kommanditgesellschaft", "unternehmergesellschaft",
        # French, Belgian
        "société", "societe", "anonyme", "responsabilité", "responsabilite", "commandite",
        # Spanish, Portuguese, Italian, Romanian
        "sociedad", "sociedade", "società", "societa", "societatea", "anónima", "anonima",
        "responsabilidad", "responsabilidade", "responsabilità", "responsabilita",
        "comandita", "compañía", "azioni", "acciones", "ações", "acoes",
        # Dutch
        "vennootschap", "besloten", "naamloze",
        # Polish, Czech, Slovak
        "spółka", "spolka", "sp", "akcyjna", "společnost", "spolecnost", "spoločnosť",
        "spolocnost", "akciová", "akciova",
        # Slovenian, Croatian, Serbian, Bulgarian
        "društvo", "drustvo", "družba", "druzba", "druzhestvo", "дружество", "друштво",
        # Russian, Ukrainian, Belarusian (Cyrillic and transliterated)
        "общество", "ответственностью", "акционерное", "товарищество", "товариство",
        "акціонерне", "таварыства", "obshchestvo", "obschestvo", "obshestvo",
        "otvetstvennostyu", "aktsionernoe", "aktsionernoye", "tovarystvo",
        "tovarishchestvo",
        # Nordic, Turkish, Indonesian, Malaysian, Vietnamese, Japanese
        "aktiebolag", "aktieselskab", "aksjeselskap", "anpartsselskab", "osakeyhtiö",
        "osakeyhtio", "anonim", "şirketi", "sirketi", "perseroan", "sendirian", "berhad",
        "trách", "kabushiki", "yugen", "godo",
        # Mexican forms written with "de" ("S.A. de C.V.", "S. de R.L. de C.V.")
        "cv",
    ]
)  # fmt: skip

# What makes a name worth handing to rigour: the words above and those of
# rigour's own spelled-out forms that organisation names seldom use otherwise
# ("vennootschap", "bürgerlichen", "учреждение"; `lexicon_rigour.py`). Only the
# words above are read as misspelt (`legal_forms.FORM_WORDS`).
FORM_TRIGGER_WORDS: frozenset[str] = SPELLED_OUT_WORDS | RIGOUR_FORM_WORDS

# Words of spelled-out forms that are also ordinary words ("joint", "company"):
# a misspelling of one is read as the form word only inside a form rigour
# knows (`legal_forms.FORM_WORDS`), and they are no reason to ask rigour.
FORM_COMPANION_WORDS: frozenset[str] = frozenset(
    ["joint", "company", "limited", "closed", "open", "private", "corporation", "incorporated",
     "mit", "unlimited", "responsibility", "business", "mutual", "cooperative"]
)  # fmt: skip

# Legal forms read when glued to a name ("SiemensAG", "JSCARGUMENT"), longest
# first. A form of three letters or more is split off any long enough rest;
# a shorter one only off a word the corpus knows (`legal_forms.unglue`).
GLUED_FORM_TAILS: tuple[str, ...] = ("gmbh", "ltd", "llc", "plc", "jsc", "ag", "sa", "bv", "nv")
GLUED_FORM_HEADS: tuple[str, ...] = ("ojsc", "pjsc", "cjsc", "jsc", "ooo", "llc")

# Legal forms of several words, as `normalize.tokens` splits them
# ("Sp. z o.o." -> sp z oo). Read by the family-member rule only: each of
# their words alone is too short to be dropped from every name.
LEGAL_FORM_PHRASES: tuple[tuple[str, ...], ...] = (
    ("sp", "z", "oo"),
    ("spółka", "z", "oo"),
    ("a", "s"),
    ("s", "a"),
    ("s", "de", "rl"),
    ("sa", "de", "cv"),
    ("s", "de", "rl", "de", "cv"),
    ("fz", "llc"),
    ("k", "k"),
)

# The countries whose companies use a legal form (ISO 3166-1 codes). A form
# not listed here, or used everywhere ("co", "corporation", "inc" in Asia
# too), fits every country. A form that fits no country of an entity says
# the name is another company: "Hikvision GmbH" is not Hangzhou Hikvision.
_CHINESE = ("CN", "HK", "TW", "MO")
_EAST_ASIAN = (*_CHINESE, "JP", "KR", "TH", "VN", "MY", "SG")
_RUSSIAN = ("RU", "BY", "KZ", "UA", "KG", "UZ", "AM", "AZ", "TJ", "MD")
LEGAL_FORM_COUNTRIES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("co", "ltd"): _EAST_ASIAN,
    ("coltd",): _EAST_ASIAN,
    ("co", "limited"): _EAST_ASIAN,
    ("gmbh",): ("DE", "AT", "CH", "LI"),
    ("mbh",): ("DE", "AT", "CH"),
    ("ag",): ("DE", "AT", "CH", "LI"),
    ("kg",): ("DE", "AT"),
    ("ug",): ("DE",),
    ("ab",): ("SE", "FI"),
    ("oy",): ("FI",),
    ("oyj",): ("FI",),
    ("aps",): ("DK",),
    ("asa",): ("NO",),
    ("bv",): ("NL", "BE"),
    ("nv",): ("NL", "BE"),
    ("bvba",): ("BE",),
    ("sprl",): ("BE",),
    ("sarl",): ("FR", "LU", "CH", "MA", "BE", "TN", "LB"),
    ("sas",): ("FR", "CO"),
    ("sasu",): ("FR",),
    ("eurl",): ("FR",),
    ("srl",): ("IT", "RO", "BE", "AR", "MD", "PE", "CR"),
    ("srls",): ("IT",),
    ("spa",): ("IT", "CL"),
    ("sl",): ("ES",),
    ("slu",): ("ES",),
    ("sau",): ("ES",),
    ("sro",): ("CZ", "SK"),
    ("sp", "z", "oo"): ("PL",),
    ("spółka", "z", "oo"): ("PL",),
    ("spzoo",): ("PL",),
    ("doo",): ("HR", "SI", "RS", "BA", "ME", "MK"),
    ("kft",): ("HU",),
    ("zrt",): ("HU",),
    ("oü",): ("EE",),
    ("aş",): ("TR",),
    ("lda",): ("PT",),
    ("ltda",): ("BR", "PT", "CO", "CL"),
    ("limitada",): ("BR", "PT", "CO", "CL"),
    ("sa", "de", "cv"): ("MX",),
    ("sacv",): ("MX",),
    ("srlcv",): ("MX",),
    ("s", "de", "rl", "de", "cv"): ("MX",),
    ("cv",): ("MX",),
    ("pty",): ("AU", "ZA"),
    ("pte",): ("SG",),
    ("pvt",): ("IN", "PK", "LK", "BD", "NP"),
    ("sdn",): ("MY",),
    ("sdnbhd",): ("MY",),
    ("bhd",): ("MY",),
    ("tbk",): ("ID",),
    ("kk",): ("JP",),
    ("k", "k"): ("JP",),
    ("kabushiki",): ("JP",),
    ("kaisha",): ("JP",),
    ("株式会社",): ("JP",),
    ("有限会社",): ("JP",),
    ("合同会社",): ("JP",),
    ("주식회사",): ("KR",),
    ("유한회사",): ("KR",),
    ("plc",): ("GB", "IE"),
    ("llc",): ("US", "AE", "OM", "QA", "GE", "AM", "UA"),
    ("fz", "llc"): ("AE",),
    ("fze",): ("AE",),
    ("fzco",): ("AE",),
    ("wll",): ("BH", "QA", "KW"),
    ("ooo",): _RUSSIAN,
    ("ооо",): _RUSSIAN,
    ("zao",): _RUSSIAN,
    ("зао",): _RUSSIAN,
    ("oao",): _RUSSIAN,
    ("оао",): _RUSSIAN,
    ("pao",): _RUSSIAN,
    ("пао",): _RUSSIAN,
    ("ao",): _RUSSIAN,
    ("ао",): _RUSSIAN,
    ("тоо",): ("KZ",),
    ("tov",): ("UA",),
    ("тов",): ("UA",),
    ("пат",): ("UA",),
    ("прат",): ("UA",),
    ("ood",): ("BG",),
    ("gmbhcokg",): ("DE", "AT"),
    ("股份有限公司",): _CHINESE,
    ("有限责任公司",): _CHINESE,
    ("责任有限公司",): _CHINESE,
    ("有限公司",): _CHINESE,
    ("股份公司",): _CHINESE,
    ("集团公司",): _CHINESE,
    ("公司",): _CHINESE,
}
