"""Parse decoded text once into an lxml tree; tell junk containers by class/id.

The tree is the one every later stage reads (metadata, content, pagination);
nothing parses the page a second time.
"""
from __future__ import annotations

import logging
import re

from lxml import etree, html

from cleaning.decode import Decoded, decode_html
from cleaning.errors import ContentError
from cleaning.rules import JunkRules

logger = logging.getLogger(__name__)

# Bound the work on huge pages: the article of a real page sits in its first
# megabytes; a 20 MB page is junk-heavy or broken, and parsing all of it would
# cost seconds and hundreds of MB.
MAX_PARSE_CHARS = 3_000_000

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
def _parser(encoding: str | None = None) -> html.HTMLParser:
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True,
                             default_doctype=False, huge_tree=True, encoding=encoding)
    # lxml.html picks each element's class in a Python callback, once per element the
    # cleaner touches; the same HtmlElement classes chosen in C cost nothing. (Only
    # lxml.html's form helpers - FormElement, InputElement... - are not used: no stage reads forms.)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=html.HtmlElement, comment=html.HtmlComment, pi=html.HtmlProcessingInstruction, entity=html.HtmlEntity,
    ))
    return parser


_PARSER = _parser()
# The same parser for UTF-8 bytes (the encoding given, a <meta charset> is not read).
_UTF8_PARSER = _parser("utf-8")

# Elements whose text never reaches a reader.
NON_CONTENT_TAGS = (
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
    "svg", "canvas", "select", "option", "button", "input", "textarea", "map", "audio", "video", "source",
)
_TOKEN_SPLIT = re.compile(r"[\s_\-\d]+")
# The tags several stages look for in the whole document (the title's headings, the
# one <article> around the <h1>): found in one scan (`landmarks`), not one each.
LANDMARK_TAGS = ("h1", "h2", "h3", "article")


def read_page(body: bytes, http_charset: str | None = None) -> tuple[Decoded, html.HtmlElement]:
    """A page's bytes decoded (cleaning.decode) and parsed once: what every reader of raw
    pages starts from. Raises ContentError for empty or binary input, or no HTML at all."""
    decoded = decode_html(body, http_charset)
    root = parse(decoded.text, utf8=body if decoded.exact_utf8 else None)
    if root is None:
        raise ContentError("no HTML in the document")
    return decoded, root


def parse(text: str, utf8: bytes | None = None) -> html.HtmlElement | None:
    """Parse a decoded document; None when nothing parseable is left.

    `utf8`: the bytes `text` is the strict UTF-8 decoding of (`Decoded.exact_utf8`), if
    so: libxml2 then reads them as they are, without converting the str (a tenth of
    the parse), and builds the same tree."""
    if len(text) > MAX_PARSE_CHARS:
        logger.warning("document of %s characters cut to %s before parsing", len(text), MAX_PARSE_CHARS)
        text = text[:MAX_PARSE_CHARS]
        utf8 = None
    stripped = _XML_DECL.sub("", text, count=1)
    if len(stripped) != len(text):
        utf8 = None  # the declaration went: the bytes are no longer the text
    text = stripped
    if not text or text.isspace():  # (strip() would copy the page to learn that)
        return None
    try:
        if utf8 is not None:
            root = html.document_fromstring(utf8, parser=_UTF8_PARSER)
        else:
            root = html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError) as err:
        logger.debug("lxml could not parse the document: %s", err)
        return None
    return root


def is_junk_container(attrs: str, rules: JunkRules) -> bool:
    tokens = set(_TOKEN_SPLIT.split(attrs.lower()))
    tokens.discard("")  # (split leaves one at either end of a separator run)
    if tokens.isdisjoint(rules.class_id_tokens):
        return False
    return tokens.isdisjoint(rules.keep_tokens)


def landmarks(root: etree._Element) -> list[html.HtmlElement]:
    """The document's h1, h2, h3 and article elements, in document order (one scan in C).
    Valid until the tree changes."""
    return list(root.getroottree().iter(*LANDMARK_TAGS))
