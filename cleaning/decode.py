"""Bytes -> text, once, with the codec reported.

Order of evidence: BOM, the HTTP charset, the page's own ``<meta charset>``, then
the bytes themselves (strict UTF-8 / GB18030 over the *whole* document, then
charset-normalizer). A declared gb2312/gbk is read as GB18030, its superset, so
that 镕, 堃, 喆 survive; a declaration the bytes contradict (a page that says
gb2312 but is valid UTF-8) loses to the bytes. A single-byte codec (ISO-8859-1,
Apache's default header) decodes any bytes, so it proves nothing: it is tried
last, after the page's own multi-byte declaration and the bytes' GB18030 reading.
"""
from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from cleaning.errors import ContentError

logger = logging.getLogger(__name__)

# Declarations live in <head>; looking further only finds quoted examples in text.
_META_SCAN_BYTES = 64 * 1024
# A detector fed megabytes is slow and no wiser than one fed a large sample.
_DETECT_MAX_BYTES = 2 * 1024 * 1024
# A few broken byte sequences (truncated captures, bad editors) do not make a
# declaration wrong; many do.
_MAX_REPLACED_SHARE = 0.001

# Share of a strict GB18030 reading's non-ASCII characters that must be CJK
# ideographs or CJK punctuation before it beats a single-byte declaration.
_MIN_CJK_SHARE_OF_NON_ASCII = 0.9
_CJK_OR_PUNCT = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2010-\u206f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_\-.]+)""", re.IGNORECASE)

# Chinese legacy codecs are all read as their superset.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "hz": "gb18030",
    "big5": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "ascii": "utf-8",
    "utf-8": "utf-8",
    "latin-1": "cp1252",  # what browsers do with iso-8859-1
    "iso8859-1": "cp1252",
}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WIDE_BOMS = tuple(bom for bom, _ in _BOMS if bom.startswith((b"\xff\xfe", b"\xfe\xff")))


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    # The text is the bytes' strict UTF-8 (or ASCII) decoding, all of them: the parser may
    # read the bytes themselves (cleaning.html.parse).
    exact_utf8: bool = False


def normalize_charset(label: str | None) -> str | None:
    """Map a charset label to the Python codec we decode it with (None if unknown)."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        if label in ("x-gbk", "gb_2312-80", "x-gb2312", "cp936", "windows-936"):
            name = "gbk"
        else:
            return None
    return _SUPERSETS.get(name, name)


_CONTENT_TYPE_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def charset_from_content_type(content_type: str | bytes | None) -> str | None:
    """The charset parameter of a Content-Type header value, lower-cased, or None."""
    if not content_type:
        return None
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    match = _CONTENT_TYPE_CHARSET.search(content_type)
    return match.group(1).lower() if match else None


# Control bytes no text holds: below TAB, and between CR and space.
_CONTROL_BYTES = bytes(range(0, 9)) + bytes(range(14, 32))
_CONTROL_BYTE = re.compile(b"[%s]" % re.escape(_CONTROL_BYTES))


def looks_binary(body: bytes) -> bool:
    """True for data no web page contains: NUL bytes or many control bytes at the start."""
    head = body[:4096]
    if head.startswith(_WIDE_BOMS):
        return False  # UTF-16/32 text has NULs by design
    if b"\x00" in head:
        return True
    if _CONTROL_BYTE.search(head) is None:
        return False  # the common page: not one control byte
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))  # counted in C
    return controls > len(head) * 0.05


def declared_charset(body: bytes) -> str | None:
    """The charset a page declares for itself (<meta charset>, http-equiv, <?xml?>)."""
    head = body[:_META_SCAN_BYTES]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not match:
        return None
    return match.group(1).decode("ascii", "ignore")


def _strict(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _lenient(body: bytes, codec: str) -> str | None:
    """Decode with replacement if only a handful of sequences are broken."""
    try:
        text = body.decode(codec, errors="replace")
    except LookupError:
        return None
    replaced = text.count("\ufffd")
    if replaced <= max(3, len(text) * _MAX_REPLACED_SHARE):
        return text
    return None


def _is_ascii(body: bytes) -> bool:
    return body.isascii()


@lru_cache(maxsize=None)
def _single_byte(codec: str) -> bool:
    """A codec that maps every byte to one character (latin-1, cp1252, koi8-r...)."""
    try:
        return len(bytes(range(128, 256)).decode(codec, errors="replace")) == 128
    except LookupError:
        return False


def _plausible_gb(body: bytes) -> str | None:
    """The bytes read strictly as GB18030, if what comes out is Chinese text."""
    text = _strict(body, "gb18030")
    if text is None:
        return None
    non_ascii = len(_NON_ASCII.findall(text))
    if non_ascii and len(_CJK_OR_PUNCT.findall(text)) >= non_ascii * _MIN_CJK_SHARE_OF_NON_ASCII:
        return text
    return None


def _detect(body: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes  # imported lazily: only a fallback

    sample = body[:_DETECT_MAX_BYTES]
    # Cover the whole sample with chunks instead of the default five 512-byte probes,
    # which miss the non-ASCII part of pages whose first kilobytes are markup.
    chunk = 4096
    steps = max(1, min(len(sample) // chunk, 256))
    best = from_bytes(sample, steps=steps, chunk_size=min(chunk, len(sample))).best()
    if best is None:
        return None
    codec = normalize_charset(best.encoding) or best.encoding
    text = _lenient(body, codec)
    return Decoded(text, codec) if text is not None else None


def decode_html(body: bytes, http_charset: str | None = None) -> Decoded:
    """Decode page bytes; raise ContentError for empty or binary input."""
    if not body or body.isspace():  # (strip() would copy the page to learn that)
        raise ContentError("empty document")
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return Decoded(body[len(bom):].decode(codec, errors="replace"), codec)
    if looks_binary(body):
        raise ContentError("binary data, not a web page")

    if _is_ascii(body):
        return Decoded(body.decode("ascii"), "ascii", exact_utf8=True)

    # The bytes' own verdict over the whole document: UTF-8 is self-validating,
    # so valid UTF-8 beats any declaration of a legacy codec.
    utf8 = _strict(body, "utf-8")

    single_byte: list[str] = []  # declarations that cannot be wrong, so prove nothing
    for label in (http_charset, declared_charset(body)):
        codec = normalize_charset(label)
        if codec is None:
            continue
        if _single_byte(codec):
            single_byte.append(codec)
            continue
        if codec == "utf-8":
            if utf8 is not None:
                return Decoded(utf8, "utf-8", exact_utf8=True)
            logger.debug("declared utf-8 contradicted by the bytes")
            continue
        if utf8 is not None:
            logger.debug("declared %s contradicted by valid UTF-8 bytes", label)
            return Decoded(utf8, "utf-8", exact_utf8=True)
        text = _strict(body, codec) or _lenient(body, codec)
        if text is not None:
            return Decoded(text, codec)
        logger.debug("declared %s contradicted by the bytes", label)

    if utf8 is not None:
        return Decoded(utf8, "utf-8", exact_utf8=True)
    if single_byte:
        text = _plausible_gb(body)
        if text is not None:
            logger.debug("declared %s contradicted by GB18030 bytes", single_byte[0])
            return Decoded(text, "gb18030")
        return Decoded(body.decode(single_byte[0], errors="replace"), single_byte[0])
    # Undeclared legacy bytes on Chinese sites are overwhelmingly GB; try it before
    # a statistical guess, over the whole document.
    text = _strict(body, "gb18030")
    if text is not None:
        return Decoded(text, "gb18030")
    detected = _detect(body)
    if detected is not None:
        return detected
    for codec in ("utf-8", "gb18030"):
        text = _lenient(body, codec)
        if text is not None:
            return Decoded(text, codec)
    return Decoded(body.decode("gb18030", errors="replace"), "gb18030")
