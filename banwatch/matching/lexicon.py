"""Word lists that decide how much a word says about who a name refers to.

Legal forms say nothing and are removed. Generic words (technology, digital,
network) and places (Hangzhou, USA) are shared by unrelated companies: they
weigh little and can never make a match on their own. Everything else is a
distinctive word. Abbreviations are expanded before weighting.
"""

from __future__ import annotations

# Legal forms, as single tokens after punctuation is removed. Multi-word forms
# ("co ltd", "sdn bhd") are covered because each part is listed.
LEGAL_FORMS: frozenset[str] = frozenset(
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

# Words of a company's line of business that, beside a listed family's
# distinctive name, say no more about who it is than `GENERIC` does:
# "Huawei Technologies Sweden AB", "Hytera Mobilfunk GmbH". Read by the
# family-member rule only (word weights come from `GENERIC`).
BUSINESS_WORDS: frozenset[str] = frozenset(
    [
        "technologie", "technologien", "tecnologia", "tecnologias", "tecnologie",
        "technologia", "technologii", "technika", "teknoloji", "teknologi", "technologique",
        "telecom", "telecoms", "telekom", "telecomunicazioni", "telecomunicaciones",
        "telecomunicações", "télécommunications", "télécom", "telekommunikation",
        "kommunikation", "communication", "comunicaciones", "comunicazioni", "mobilfunk",
        "mobile", "mobil", "móvil", "wireless", "radio", "cloud", "lab", "labs",
        "laboratory", "laboratories", "laboratorio", "labor", "network", "networks", "netz",
        "device", "devices", "terminal", "terminals", "consumer", "business", "enterprise",
        "sales", "vertrieb", "handel", "handels", "trade", "commercial", "comercial",
        "commerciale", "marketing", "branch", "office", "representative", "representation",
        "subsidiary", "filiale", "niederlassung", "succursale", "sucursal", "support",
        "service", "servicios", "servizi", "dienstleistungen", "software", "security",
        "sicherheit", "seguridad", "sicurezza", "sécurité", "securite", "video", "vision",
        "surveillance", "digital", "energy", "power", "solar", "semiconductor", "electronics",
        "elektronik", "electrónica", "elettronica", "électronique", "systeme", "sistemas",
        "sistemi", "systèmes", "solutions", "soluciones", "soluzioni", "group", "gruppe",
        "grupo", "gruppo", "groupe", "holding", "holdings", "international",
        "internacional", "internazionale", "investment", "innovation", "research",
        "development", "r", "d", "rd", "center", "centre", "zentrum", "centro",
        "engineering", "manufacturing", "industries", "industry", "trading", "import",
        "export", "distribution", "logistics", "products", "product", "equipment", "tech",
        "information", "data", "smart", "intelligent", "robotics", "robot", "automotive",
        "auto", "storage", "microelectronics", "optoelectronics", "imaging", "thermal",
        "fire", "sensing", "sensor", "iot", "ai",
    ]
)  # fmt: skip

# Chinese words of a line of business, read as `BUSINESS_WORDS` are.
CJK_BUSINESS_WORDS: tuple[str, ...] = (
    "数字技术", "网络技术", "网络科技", "信息技术", "通信技术", "技术", "科技", "网络", "集团",
    "电子", "信息", "通信", "通讯", "终端", "软件", "云", "云计算", "数字", "智能", "控股",
    "投资", "国际", "贸易", "销售", "服务", "分公司", "代表处", "办事处", "研究所", "研究院",
    "设备", "系统", "安防", "视频", "机器人", "汽车电子", "存储", "消防", "微影", "移动",
    "创新", "实业", "工业", "产业", "发展", "光电", "精密", "航空", "传感", "实验室", "研发",
)  # fmt: skip

# Chinese legal forms and their traditional spellings are handled after
# conversion to simplified script; longest first so that the longest wins.
CJK_LEGAL_FORMS: tuple[str, ...] = (
    "股份有限公司",
    "有限责任公司",
    "责任有限公司",
    "有限公司",
    "股份公司",
    "集团公司",
    "株式会社",
    "有限会社",
    "合同会社",
    "公司",
)

# Generic CJK words stripped from the ends of a name to find its core.
CJK_GENERIC_SUFFIXES: tuple[str, ...] = (
    "数字技术",
    "网络技术",
    "网络科技",
    "信息技术",
    "技术",
    "科技",
    "网络",
    "集团",
    "电子",
    "信息",
)

CJK_PLACES: tuple[str, ...] = (
    "中国",
    "杭州",
    "浙江",
    "深圳",
    "北京",
    "上海",
    "广东",
    "广州",
    "成都",
    "武汉",
    "南京",
    "江苏",
    "香港",
    "厦门",
    "威海",
)

ABBREVIATIONS: dict[str, str] = {
    "tech": "technology",
    "techn": "technology",
    "technol": "technology",
    "technologies": "technology",
    "intl": "international",
    "int": "international",
    "mfg": "manufacturing",
    "sys": "systems",
    "system": "systems",
    "elec": "electronics",
    "electronic": "electronics",
    "comm": "communications",
    "comms": "communications",
    "communication": "communications",
    "telecommunication": "telecommunications",
    "dig": "digital",
    "natl": "national",
    "grp": "group",
    "svcs": "services",
    "svc": "services",
    "service": "services",
    "sec": "security",
    "networks": "network",
    "solution": "solutions",
    "holdings": "holding",
    "industries": "industry",
    "industrial": "industry",
    "devices": "device",
    "products": "product",
    "sciences": "science",
}

# Connecting words say nothing and are written as "&" as often as spelt out.
STOPWORDS: frozenset[str] = frozenset({"and", "und", "et", "the", "of"})

GENERIC: frozenset[str] = frozenset(
    [
        "technology",
        "digital",
        "network",
        "communications",
        "telecommunications",
        "international",
        "group",
        "systems",
        "electronics",
        "security",
        "vision",
        "video",
        "industry",
        "solutions",
        "services",
        "software",
        "holding",
        "investment",
        "information",
        "science",
        "innovation",
        "intelligent",
        "smart",
        "product",
        "device",
        "equipment",
        "manufacturing",
        "trading",
        "import",
        "export",
        "global",
        "operations",
        "enterprise",
        "enterprises",
        "development",
        "engineering",
        "research",
        "institute",
        "for",
        "de",
        "des",
        "la",
        "le",
        "y",
        "e",
        "new",
        "general",
        "advanced",
        "integrated",
        "applied",
        "data",
        "networking",
        "lab",
        "labs",
        "electric",
        "electrical",
        "power",
        "energy",
        "media",
        "design",
        "designs",
        "distribution",
        "supply",
        "logistics",
        "management",
        "consulting",
        "partners",
        "associates",
        "store",
        "shop",
    ]
)

PLACES: frozenset[str] = frozenset(
    [
        "china",
        "chinese",
        "hangzhou",
        "zhejiang",
        "shenzhen",
        "beijing",
        "shanghai",
        "guangdong",
        "guangzhou",
        "chengdu",
        "sichuan",
        "jiangsu",
        "wuhan",
        "xiamen",
        "nanjing",
        "hong",
        "kong",
        "hk",
        "usa",
        "us",
        "america",
        "americas",
        "american",
        "canada",
        "canadian",
        "uk",
        "gb",
        "britain",
        "european",
        "europe",
        "eu",
        "india",
        "asia",
        "world",
        "north",
        "south",
        "east",
        "west",
        "weihai",
        "xinjiang",
        "taiwan",
        "japan",
        "korea",
        "germany",
        "france",
        "sz",
        "hz",
    ]
)

GENERIC_WEIGHT = 0.15
PLACE_WEIGHT = 0.25
DISTINCTIVE_WEIGHT = 1.0


def token_weight(token: str) -> float:
    """How much one normalised word says about identity."""
    if token in PLACES:
        return PLACE_WEIGHT
    if token in GENERIC:
        return GENERIC_WEIGHT
    return DISTINCTIVE_WEIGHT
