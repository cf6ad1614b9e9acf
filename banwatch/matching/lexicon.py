"""Word lists that decide how much a word says about who a name refers to.

Legal forms say nothing and are removed. Generic words (technology, digital,
network) and places (Hangzhou, USA) are shared by unrelated companies: they
weigh little and can never make a match on their own. Everything else is a
distinctive word. Abbreviations are expanded before weighting.
"""

from __future__ import annotations

from banwatch.matching.lexicon_legal import (  # noqa: F401  (re-exported)
    FORM_COMPANION_WORDS,
    FORM_TRIGGER_WORDS,
    GLUED_FORM_HEADS,
    GLUED_FORM_TAILS,
    LEGAL_FORM_COUNTRIES,
    LEGAL_FORM_PHRASES,
    LEGAL_FORMS,
    SPELLED_OUT_WORDS,
)

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
