"""Parse decoded text once into an lxml tree and prune what is never content.

The tree is the one every later stage reads (metadata, content, pagination);
nothing parses the page a second time.
"""
from __future__ import annotations

import logging
import re

from lxml import etree, html

from cleaning.rules import JunkRules

logger = logging.getLogger(__name__)

# Bound the work on huge pages: the article of a real page sits in its first
# megabytes; a 20 MB page is junk-heavy or broken, and parsing all of it would
# cost seconds and hundreds of MB.
MAX_PARSE_CHARS = 3_000_000

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_PARSER = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True, default_doctype=False)

# Elements whose text never reaches a reader.
NON_CONTENT_TAGS = (
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
    "svg", "canvas", "select", "option", "button", "input", "textarea", "map", "audio", "video", "source",
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_TOKEN_SPLIT = re.compile(r"[\s_\-\d]+")


def parse(text: str) -> html.HtmlElement | None:
    """Parse a decoded document; None when nothing parseable is left."""
    if len(text) > MAX_PARSE_CHARS:
        logger.warning("document of %s characters cut to %s before parsing", len(text), MAX_PARSE_CHARS)
        text = text[:MAX_PARSE_CHARS]
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        return None
    try:
        root = html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError) as err:
        logger.debug("lxml could not parse the document: %s", err)
        return None
    return root


def prune(root: html.HtmlElement, rules: JunkRules) -> None:
    """Drop invisible and boilerplate elements in place (one walk)."""
    etree.strip_elements(root, *NON_CONTENT_TAGS, with_tail=False)
    doomed = []
    for el in root.iter("*"):
        if el.tag in ("html", "body"):
            continue
        style = el.get("style")
        if style and _HIDDEN_STYLE.search(style):
            doomed.append(el)
            continue
        if el.get("hidden") is not None or el.get("aria-hidden") == "true":
            doomed.append(el)
            continue
        if el.tag in ("nav", "aside") or (el.tag == "footer"):
            doomed.append(el)
            continue
        attrs = (el.get("class") or "") + " " + (el.get("id") or "")
        if attrs.strip() and is_junk_container(attrs, rules):
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        _drop_keep_tail(el)


def is_junk_container(attrs: str, rules: JunkRules) -> bool:
    tokens = {t for t in _TOKEN_SPLIT.split(attrs.lower()) if t}
    if not tokens & rules.class_id_tokens:
        return False
    return not tokens & rules.keep_tokens


def _drop_keep_tail(el: etree._Element) -> None:
    """Remove an element but keep the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)
