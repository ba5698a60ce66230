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

from charset_normalizer import from_bytes

DETECTION_PREFIX = 64 * 1024
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
    printable = sum(1 for ch in sample if ch.isprintable() or ch in "\n\r\t")
    if printable / len(sample) < 0.97:
        return False
    if "\ufffd" in sample and sample.count("\ufffd") / len(sample) > 0.01:
        return False
    letters = sum(1 for ch in sample if ch.isalpha())
    spaces = sum(1 for ch in sample if ch.isspace())
    if not markup and len(sample) >= 200 and (spaces / len(sample) < 0.03 or letters / len(sample) < 0.4):
        return False
    # Mojibake from a wrong single-byte codec mixes scripts inside words ("Ð¿Ñ€Ð¸").
    words = re.findall(r"\w{4,}", sample)[:2000]
    mixed = sum(1 for w in words if len(_scripts(w)) > 1)
    return not (words and mixed / len(words) > 0.2)


def _scripts(word: str) -> set[str]:
    scripts = set()
    for ch in word:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            scripts.add(name.split(" ")[0] if name else "?")
    return scripts


def decode_bytes(data: bytes, declared: str | None = None, markup: bool = False) -> tuple[str, str]:
    """Decode ``data``; returns (text, encoding name) or raises DecodeError saying why."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _strict(data, name), name
    candidates = [c for c in (declared, declared_charset(data), "utf-8") if c]
    for name in dict.fromkeys(candidates):
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if looks_like_text(text, markup):
            return text, name
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
