"""A name in another script, written in Latin letters, for lists that give only Latin names (pure).

Public lists mostly write names in Latin letters; a record may write the
same firm in Cyrillic, Greek, Arabic, Hangul or Chinese characters
(`Газпром`, `海能达通信`). Such a name is read twice: as written, and in
Latin letters. The spellings are not banwatch's: rigour's `ascii_text`
(OpenSanctions) gives Cyrillic, Greek, Armenian, Georgian and Hangul its
own romanisation (`Шевченко` -> `Shevchenko`) and other scripts ICU's
through `normality`; Chinese words become pinyin (pypinyin), as the
registry's own Chinese names do (`entries.pinyin_entries`).
"""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin
from rigour.text.translit import ascii_text

from banwatch.matching.normalize import is_cjk, words

# Letters of a script other than Latin: Greek, Cyrillic, Armenian, Hebrew,
# Arabic, Georgian, Hangul, Chinese characters (a name with none is Latin).
_OTHER_SCRIPT = re.compile(
    "[\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u0590-\u05ff\u0600-\u06ff"
    "\u10a0-\u10ff\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)

CJK_CHAR = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def latin_spelling(value: str) -> str | None:
    """The name's words in Latin letters, or None for a name already in Latin letters.

    Legal forms and Chinese places are read first, in the name's own script
    (`normalize.words`), so `ООО Газпром` gives `gazprom` and
    `深圳市大疆创新科技有限公司` gives `shenzhen dajiang chuangxin keji`.
    """
    if value.isascii() or not _OTHER_SCRIPT.search(value):
        return None
    # A word holding any Chinese character ("b集团", a letter glued to it) is spelt by
    # pypinyin, which keeps other letters as they are: ICU's Han transliterator
    # spells Chinese worse and takes a tenth of a second to load.
    parts = [
        "".join(lazy_pinyin(w)) if is_cjk(w) or CJK_CHAR.search(w) else ascii_text(w)
        for w in words(value)
    ]
    text = " ".join(p for p in parts if p).strip()
    return text if text and text.isascii() else None
