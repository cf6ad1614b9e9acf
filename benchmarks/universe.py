"""A universe of synthetic organisation names, added to the real registry for benchmarks.

SYNTHETIC BENCHMARK DATA, NEVER SHIPPED: every name here is made up from
syllables with a fixed seed; the entities exist only in memory while a
benchmark runs and cite https://example.org/universe as their source.

Names look like the names on real lists: one to four words (distinctive
words, sometimes a place, often generic words such as "Technology" or
"Trading"), usually a legal form of one of many countries, now and then in
capitals or written in Chinese characters. Distinctive words come from a
large syllable-built vocabulary drawn with a Zipf-Mandelbrot law, so that a
few words are shared by thousands of names, many by a handful and most by one
or two, as on real lists. The word lists are this module's own, not
banwatch's lexicon, so that the benchmark does not grade banwatch on its own
vocabulary.
"""

from __future__ import annotations

import bisect
import itertools
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass

from banwatch.model.entities import Entity
from banwatch.model.registry import Registry, SourceData
from banwatch.registry.loader import load_registry

SEED = 20261127
SIZE = 500_000
SOURCE_URL = "https://example.org/universe"  # synthetic benchmark data, never shipped
VOCABULARY = 60_000  # distinct syllable-built words
ZIPF_OFFSET = 20.0  # Zipf-Mandelbrot q: flattens the head so no word is in more than ~1% of names


def _split(text: str) -> tuple[str, ...]:
    """The whitespace-separated words of a word-list block."""
    return tuple(text.split())


ONSETS = (*_split("b br c ch d dr f g gr h j k kl l m n p pr qu r s sh st t tr v w x z zh"), "")
NUCLEI = _split("a e i o u ai ao ea ei ia io ou y")
CODAS = ("", "", "", *_split("n r l s x m nd rt ck ng"))

COMMON_WORDS = _split("""
Golden Star Sun Eagle Phoenix Dragon Alpha Royal United First National Orient Pacific
Ocean Silver Great Wall Sky Blue Green Red Diamond Crown Lion Tiger Unity Harmony Prime
Summit Pioneer Victory Liberty Horizon Atlas Apex Zenith Delta Omega Titan Vertex Nova
Falcon Crystal Jade Pearl Lotus Bamboo Maple Cedar Oak Pine River Lake Mountain Valley
Bay Harbor Bridge Gate Tower Bright Fortune Lucky Rich Prosper Wealth Trust Capital
Allied Central Continental Metro Coastal Northern Southern Eastern Western Universal
Dynamic Vision Quantum Fusion Spark Wave Stream Peak Rock Stone Iron Steel Copper Gold
""")

GENERIC_WORDS = _split("""
Technology Technologies Trading Systems Industrial Industries International Holdings Group
Electronics Electronic Logistics Import Export Manufacturing Solutions Services Engineering
Construction Development Investment Enterprises Supply Equipment Machinery Materials
Chemical Chemicals Pharmaceutical Medical Energy Power Electric Networks Communications
Telecom Software Digital Security Shipping Marine Transport Resources Mining Metals
Textile Garments Foods Agricultural Commerce Commercial Consulting Management Partners
""")

CHINESE_CITIES = _split("""
Shenzhen Shanghai Beijing Guangzhou Hangzhou Dongguan Ningbo Suzhou Xiamen Tianjin Chengdu
Wuhan Nanjing Qingdao Foshan Wuxi Changsha Zhengzhou Hefei Jinan Dalian Shenyang Harbin
Kunming Fuzhou Nanchang Zhuhai Yiwu Wenzhou Chongqing
""")
US_STATES = _split("""
Texas California Florida Ohio Virginia Georgia Arizona Nevada Oregon Michigan Illinois
Carolina Delaware Colorado Utah Kansas Iowa Alaska Hawaii Indiana Maryland Montana
""")
OTHER_PLACES = _split("""
America Asia Europe Africa Canada Mexico Brasil India Singapore Malaysia Dubai Emirates
Turkey Iran Russia Moscow Korea Japan Vietnam Thailand Indonesia Pakistan Nigeria Kenya
London Paris Berlin Hamburg Milano Madrid Istanbul Tehran Karachi Lagos Macau Taipei
""")

# (legal form, relative frequency): forms of many countries, as lists write them.
LEGAL_FORMS: list[tuple[str, float]] = [
    ("Ltd.", 14),
    ("Limited", 8),
    ("Co., Ltd.", 12),
    ("Inc.", 10),
    ("LLC", 10),
    ("Corp.", 4),
    ("Corporation", 3),
    ("GmbH", 5),
    ("AG", 1.5),
    ("S.A.", 4),
    ("S.A. de C.V.", 1.5),
    ("S.p.A.", 1),
    ("S.r.l.", 1.5),
    ("B.V.", 1.5),
    ("N.V.", 0.5),
    ("AB", 1),
    ("Oy", 0.5),
    ("A/S", 0.7),
    ("AS", 0.5),
    ("Sp. z o.o.", 1),
    ("s.r.o.", 0.8),
    ("Kft.", 0.4),
    ("K.K.", 0.4),
    ("Pty Ltd", 1.5),
    ("Pvt. Ltd.", 2),
    ("Sdn. Bhd.", 1.2),
    ("PT", 1),
    ("JSC", 1.5),
    ("OOO", 1.5),
    ("LLP", 0.7),
    ("PLC", 0.8),
    ("SARL", 1),
    ("SAS", 1),
    ("Ltda.", 1),
    ("S.L.", 0.8),
    ("FZE", 0.5),
    ("FZCO", 0.4),
    ("Co.", 2),
    ("Company", 1.5),
    ("Trading Co., Ltd.", 1),
    ("Group Co., Ltd.", 1),
]

CJK_CHARS = (
    "华中国金海天宏鑫盛恒通达信源泰兴隆昌富瑞安康明光新永嘉宝益德利丰旺祥和顺发辉腾飞龙凤"
    "东南西北星阳晨晶创联合力成高远博雅美佳云峰山川江河湖林森木石玉银铜铁钢亿万千百方正"
)
CJK_PLACES = _split("深圳 上海 北京 广州 杭州 东莞 宁波 苏州 厦门 天津 成都 武汉 南京 青岛 佛山")
CJK_GENERIC = _split("科技 贸易 电子 实业 技术 网络科技 信息技术 机械 化工 物流 投资 进出口 智能")
CJK_FORMS = ["有限公司", "有限公司", "股份有限公司", "集团有限公司", "有限责任公司"]


@dataclass(frozen=True)
class Vocabulary:
    """Distinctive words with cumulative Zipf-Mandelbrot weights for fast drawing."""

    words: tuple[str, ...]
    cumulative: tuple[float, ...]

    def draw(self, rng: random.Random) -> str:
        x = rng.random() * self.cumulative[-1]
        return self.words[bisect.bisect_right(self.cumulative, x)]


def _syllable(rng: random.Random) -> str:
    return rng.choice(ONSETS) + rng.choice(NUCLEI) + rng.choice(CODAS)


def build_vocabulary(rng: random.Random, size: int = VOCABULARY) -> Vocabulary:
    """`size` distinct pronounceable words, ranked; rank r weighs 1 / (r + q)."""
    seen: set[str] = set()
    while len(seen) < size:
        word = "".join(_syllable(rng) for _ in range(rng.choice((2, 2, 2, 3, 3, 4))))
        if 4 <= len(word) <= 14:
            seen.add(word.capitalize())
    ranked = sorted(seen)
    rng.shuffle(ranked)
    cumulative = list(itertools.accumulate(1.0 / (r + 1 + ZIPF_OFFSET) for r in range(size)))
    return Vocabulary(tuple(ranked), tuple(cumulative))


def _weighted(rng: random.Random, items: Sequence[tuple[str, float]]) -> str:
    return rng.choices([x for x, _ in items], weights=[w for _, w in items])[0]


def _place(rng: random.Random) -> str:
    group = rng.choices((CHINESE_CITIES, US_STATES, OTHER_PLACES), weights=(5, 2, 3))[0]
    return rng.choice(group)


def _distinctive(rng: random.Random, vocab: Vocabulary) -> str:
    return rng.choice(COMMON_WORDS) if rng.random() < 0.18 else vocab.draw(rng)


def latin_name(rng: random.Random, vocab: Vocabulary) -> str:
    """One Latin-script organisation name of one to four words, with a legal form or not."""
    distinct = [_distinctive(rng, vocab) for _ in range(rng.choices((1, 2, 3), (55, 35, 10))[0])]
    if len(distinct) == 2 and rng.random() < 0.08:
        distinct.insert(1, "&")
    generic = rng.sample(GENERIC_WORDS, rng.choices((0, 1, 2), (40, 45, 15))[0])
    words = distinct + generic
    r = rng.random()
    if r < 0.12:
        words.insert(0, _place(rng))
    elif r < 0.16:
        words.append(_place(rng))
    words = [w for w in words if w != "&"][:4] if len(words) > 4 else words
    name = " ".join(words)
    if rng.random() < 0.80:
        name = f"{name} {_weighted(rng, LEGAL_FORMS)}"
    if rng.random() < 0.10:
        name = name.upper()
    return name


def cjk_name(rng: random.Random) -> str:
    """One name written in Chinese characters: place, core, generic words, legal form."""
    core = "".join(rng.choice(CJK_CHARS) for _ in range(rng.choice((2, 2, 3, 4))))
    place = rng.choice(CJK_PLACES) if rng.random() < 0.6 else ""
    generic = rng.choice(CJK_GENERIC) if rng.random() < 0.7 else ""
    return f"{place}{core}{generic}{rng.choice(CJK_FORMS)}"


def generate_name(rng: random.Random, vocab: Vocabulary) -> str:
    """One synthetic organisation name, 3% of them in Chinese characters."""
    return cjk_name(rng) if rng.random() < 0.03 else latin_name(rng, vocab)


def generate_names(size: int = SIZE, seed: int = SEED) -> list[str]:
    """`size` distinct synthetic names, the same for the same seed."""
    rng = random.Random(seed)
    vocab = build_vocabulary(rng)
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < size:
        name = generate_name(rng, vocab)
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def universe_source(names: Sequence[str]) -> SourceData:
    """The names as validated banwatch entities `u-<n>` of one imported source.

    Full pydantic validation costs ~10 µs per entity (about 5 s for 500,000);
    `Entity.model_construct` saves only ~20% of that, so every entity is validated.
    """
    entities = tuple(
        Entity(id=f"u-{n}", name=name, sources=[SOURCE_URL]) for n, name in enumerate(names)
    )
    return SourceData(
        name="bench-universe", version=f"{SEED}-{len(names)}", entities=entities, measures=()
    )


@dataclass(frozen=True)
class Universe:
    """The real registry merged with the synthetic names, and what building it cost."""

    names: list[str]
    registry: Registry
    generate_seconds: float
    entities_seconds: float
    load_seconds: float


def build_universe(size: int = SIZE, seed: int = SEED) -> Universe:
    """Generate `size` names and load the real registry with them merged in."""
    t0 = time.perf_counter()
    names = generate_names(size, seed)
    t1 = time.perf_counter()
    source = universe_source(names)
    t2 = time.perf_counter()
    registry = load_registry(sources=[source])
    t3 = time.perf_counter()
    return Universe(names, registry, t1 - t0, t2 - t1, t3 - t2)


def main() -> None:
    """Print a sample of the universe and how its words are spread."""
    from collections import Counter

    names = generate_names(50_000)
    rng = random.Random(1)
    for name in rng.sample(names, 25):
        print(f"  {name}")
    counts = Counter(w for n in names for w in set(n.split()))
    print("most common words in 50,000 names:", counts.most_common(15))
    once = sum(1 for c in counts.values() if c == 1)
    print(f"distinct words {len(counts):,}; used by one name only {once:,}")


if __name__ == "__main__":
    main()
