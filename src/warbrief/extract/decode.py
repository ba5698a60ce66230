"""Bytes to text, decided by us rather than guessed by each extractor.

Order of evidence: a byte-order mark, then the charset the document declares (HTTP header, HTML meta or
XML declaration), then strict UTF-8, then statistical detection on a bounded prefix (detection over
megabytes takes seconds). Whatever wins must also look like text: a decoding that yields mostly symbols
or no spaces is the wrong one, and the document is rejected with a reason instead of being stored as
mojibake.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import zlib
from functools import lru_cache

from charset_normalizer import from_bytes

DETECTION_PREFIX = 64 * 1024
MAX_GUNZIPPED = 20 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
# Single-byte Cyrillic codecs that statistical detectors confuse with each other (and with CJK codecs on
# short pages): KOI8-R read as cp1251 is still Cyrillic, just with the letter case inverted, and Ukrainian
# KOI8-U read as KOI8-R has box-drawing characters where і, ї and є belong.
_CYRILLIC_CODECS = ("cp1251", "koi8_r", "koi8_u", "iso8859_5", "mac_cyrillic")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]{2,}")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.-]+)""")


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can justify."""


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares about itself in its first bytes."""
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def looks_like_text(text: str, markup: bool = False) -> bool:
    """True when a decoding reads like natural-language text rather than mojibake or binary.

    For markup the letter and space ratios are not checked: minified scripts and styles legitimately
    have few spaces.
    """
    sample = text[:20000]
    if not sample.strip():
        return True
    # Counted character by character only when the sample is not all printable: str.isprintable runs in C, the
    # per-character loops took most of the decoding time (~10 ms a page).
    if sample.replace("\n", "").replace("\r", "").replace("\t", "").isprintable():
        printable = len(sample)
    else:
        printable = sum(1 for ch in sample if ch.isprintable() or ch in "\n\r\t")
    if printable / len(sample) < 0.97:
        return False
    if "\ufffd" in sample and sample.count("\ufffd") / len(sample) > 0.01:
        return False
    if not markup and len(sample) >= 200:
        letters = sum(1 for ch in sample if ch.isalpha())
        spaces = sum(1 for ch in sample if ch.isspace())
        if spaces / len(sample) < 0.03 or letters / len(sample) < 0.4:
            return False
    # Mojibake from a wrong single-byte codec mixes scripts inside words ("Ð¿Ñ€Ð¸"); an ASCII word has one.
    words = re.findall(r"\w{4,}", sample)[:2000]
    mixed = sum(1 for w in words if not w.isascii() and len(_scripts(w)) > 1)
    return not (words and mixed / len(words) > 0.2)


@lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    """The script of a letter: the first word of its Unicode name ("CYRILLIC", "LATIN"), "?" when unnamed."""
    name = unicodedata.name(ch, "")
    return name.split(" ")[0] if name else "?"


def _scripts(word: str) -> set[str]:
    return {_script(ch) for ch in word if ch.isalpha()}


def _gunzip(data: bytes) -> bytes:
    """Pages saved with their Content-Encoding still applied; bounded so a gzip bomb cannot exhaust memory."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, MAX_GUNZIPPED + 1)
    except zlib.error as exc:
        raise DecodeError(f"gzip-compressed content that is corrupt ({exc})") from exc
    if len(out) > MAX_GUNZIPPED:
        raise DecodeError(f"gzip-compressed content that expands past {MAX_GUNZIPPED} bytes")
    if not inflater.eof:
        raise DecodeError("gzip-compressed content that is truncated")
    return out


def _well_cased_share(text: str) -> float:
    """Share of Cyrillic words cased as words are (lower, Title or UPPER): wrong Cyrillic codecs invert case."""
    found = _CYRILLIC_WORD.findall(text)
    if not found:
        return 0.0
    good = sum(1 for w in found if w.islower() or w.isupper() or (w[0].isupper() and w[1:].islower()))
    return good / len(found)


def cyrillic_codec(data: bytes) -> str | None:
    """The single-byte Cyrillic codec under which ``data`` reads as well-cased Cyrillic text, if any."""
    sample = data[:DETECTION_PREFIX]
    high = sum(1 for b in sample if b >= 0x80)
    if high < 20:
        return None
    best, best_score = None, 0.0
    for name in _CYRILLIC_CODECS:
        text = sample.decode(name, errors="replace")
        cyrillic = sum(len(w) for w in _CYRILLIC_WORD.findall(text))
        if cyrillic < 0.6 * high:
            continue
        non_ascii = [ch for ch in text if ord(ch) >= 0x80]
        letters = sum(1 for ch in non_ascii if ch.isalpha()) / len(non_ascii)
        score = _well_cased_share(text) * letters
        if score > best_score:
            best, best_score = name, score
    return best if best_score >= 0.8 else None


def decode_bytes(data: bytes, declared: str | None = None, markup: bool = False) -> tuple[str, str]:
    """Decode ``data``; returns (text, encoding name) or raises DecodeError saying why."""
    if data.startswith(_GZIP_MAGIC):
        data = _gunzip(data)
    if b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DecodeError("binary content (NUL bytes), not a text document")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _strict(data, name), name
    # Text that is valid UTF-8 and not plain ASCII is UTF-8 whatever a header or meta tag claims (a cp1251 or
    # Latin page is almost never valid UTF-8 by chance, while wrong "charset=iso-8859-1" headers are common).
    if not data[:DETECTION_PREFIX].isascii():
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if looks_like_text(text, markup):
                return text, "utf-8"
    candidates = [c for c in (declared, declared_charset(data), "utf-8") if c]
    for name in dict.fromkeys(candidates):
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if looks_like_text(text, markup):
            return text, name
    cyrillic = cyrillic_codec(data)
    if cyrillic:
        text = data.decode(cyrillic, errors="replace")
        if looks_like_text(text, markup):
            return text, cyrillic
    best = from_bytes(data[:DETECTION_PREFIX]).best()
    if best is not None and best.encoding:
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = data.decode(best.encoding, errors="replace")
        if looks_like_text(text, markup):
            return text, best.encoding
    raise DecodeError("bytes are not readable text in any encoding (wrongly encoded or binary)")


def _strict(data: bytes, name: str) -> str:
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"starts with a {name} byte-order mark but is not valid {name} ({exc.reason})") from exc
