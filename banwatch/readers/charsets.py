"""Choose the text encoding of a delimited file from a sample of its bytes.

Invariants:
- A byte-order mark decides: UTF-8, UTF-16 or UTF-32.
- Otherwise UTF-8 wins whenever the sample is valid UTF-8, or mostly so: if
  at least as many lines carry valid non-ASCII UTF-8 as carry invalid bytes,
  the file is UTF-8 with some damaged rows, and those rows are reported, not
  guessed at.
- Only then is a legacy encoding chosen: Windows-1252 when there are too few
  non-ASCII bytes to tell, else charset-normalizer's choice among the
  encodings office software really writes. Short Western samples are
  ambiguous between the Windows code pages, so Windows-1252 wins every tie.
  A file that is ASCII but for one row of invalid UTF-8 therefore reads as
  Windows-1252: the two cannot be told apart, and Excel writes the latter.
- Text decoded with `MARK_ERRORS` never loses track of a bad byte: each one
  becomes a lone surrogate, which no valid decoding can produce, so
  `has_undecodable` can find damaged rows afterwards.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

MARK_ERRORS = "banwatch-readers-mark"
"""Name of the codec error handler that maps each undecodable byte to a lone surrogate."""

WESTERN = "cp1252"

# Encodings office software and databases actually write, most likely first;
# the order breaks ties. Leaving out the DOS and Mac code pages stops
# charset-normalizer from choosing them on the thin evidence of a few letters.
_CANDIDATES = [
    WESTERN,
    "gb18030",
    "big5",
    "cp932",
    "cp949",
    "euc_kr",
    "euc_jp",
    "cp1251",
    "koi8_r",
    "koi8_u",
    "cp1250",
    "cp1254",
    "cp1257",
    "cp1258",
    "cp1253",
    "cp1255",
    "cp1256",
    "cp874",
]
# Single-byte code pages whose letters are all non-ASCII: their words, read as
# Windows-1252, become long runs of accented letters and symbols.
_NON_LATIN_SINGLE_BYTE = frozenset(
    {"cp1251", "koi8_r", "koi8_u", "cp1253", "cp1255", "cp1256", "cp874"}
)
_TYPOGRAPHY = frozenset("\u00a0€£§©®°«»·¿¡‘’“”„–—…•™")
_LONG_RUN = re.compile("[^\x00-\x7f]{3,}")
_WESTERN_SHARE = 0.8  # share of non-ASCII characters that must read as Western
_ASCII = bytes(range(0x80))
_MIN_EVIDENCE = 4  # non-ASCII bytes needed before a non-Western guess is believed
_CHAOS_MARGIN = 0.1  # decodings this close in noise to the cleanest are all plausible
_TIE = 0.01  # coherences closer than this are a tie


def _mark(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(chr(0xDC00 + byte) for byte in bad), error.end


# Registering is idempotent; the handler must exist before any reader decodes.
codecs.register_error(MARK_ERRORS, _mark)


def has_undecodable(text: str) -> bool:
    """True if `text` holds a byte that `MARK_ERRORS` could not decode."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def detect_encoding(sample: bytes, *, truncated: bool) -> str:
    """The Python codec name to read a file whose first bytes are `sample`.

    `truncated` says the file continues past the sample, so a multi-byte
    character cut at the end of the sample is not an error.
    """
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if truncated:
        sample = _drop_cut_character(sample)
    if _mostly_utf8(sample):
        return "utf-8"
    return _legacy_encoding(sample)


def _drop_cut_character(sample: bytes) -> bytes:
    # A UTF-8 character is at most 4 bytes; a lead byte in the last 3 may be cut.
    for back in range(1, min(4, len(sample)) + 1):
        byte = sample[-back]
        if byte < 0x80:
            return sample
        if byte >= 0xC0:
            return sample[:-back]
    return sample


def _mostly_utf8(sample: bytes) -> bool:
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return True
    good = bad = 0
    for line in sample.splitlines():
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad += 1
        else:
            good += 1
    return good > 0 and good >= bad


def _legacy_encoding(sample: bytes) -> str:
    if len(sample.translate(None, _ASCII)) < _MIN_EVIDENCE:
        # One or two stray bytes say nothing about a script; Windows-1252 at
        # least reports the bytes it does not define.
        return WESTERN
    matches = list(from_bytes(sample, cp_isolation=_CANDIDATES))
    if not matches:
        return WESTERN
    # Among decodings about as clean as the best one, those that read most
    # like a language win; on short samples the cleanest is often an
    # unrelated code page that happens to decode without noise.
    plausible = [m for m in matches if m.chaos <= matches[0].chaos + _CHAOS_MARGIN]
    coherent = max(m.coherence for m in plausible)
    names = {
        name
        for m in plausible
        if m.coherence >= coherent - _TIE
        for name in m.could_be_from_charset
    }
    choice = next((name for name in _CANDIDATES if name in names), plausible[0].encoding)
    if choice in _NON_LATIN_SINGLE_BYTE and _reads_as_western(sample):
        return WESTERN
    return choice


def _reads_as_western(sample: bytes) -> bool:
    """True if `sample` read as Windows-1252 looks like Western text.

    Accented Latin letters and common typography, in short runs between ASCII
    letters, are Western; a byte Windows-1252 leaves undefined (charset-normalizer
    then rules the code page out altogether) does not outweigh them.
    """
    text = sample.decode(WESTERN, errors=MARK_ERRORS)
    foreign = [ch for ch in text if not ch.isascii()]
    odd = sum(1 for ch in foreign if not _western_char(ch))
    in_runs = sum(len(run) for run in _LONG_RUN.findall(text))
    limit = (1 - _WESTERN_SHARE) * len(foreign)
    return odd <= limit and in_runs <= limit


def _western_char(ch: str) -> bool:
    if ch in _TYPOGRAPHY:
        return True
    return ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")
