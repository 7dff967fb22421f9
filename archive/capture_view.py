"""A stored capture made safe to look at: no script, nothing fetched from the original site.

The page is sanitised here (lxml_html_clean drops scripts, event handlers,
`javascript:` URLs, frames, forms, styles and embeds; every remaining URL
attribute is removed, so nothing points outside) and then shown by the
Datasette plugin in a sandboxed `srcdoc` iframe under a Content-Security-Policy
that forbids scripts and remote loads. Either layer alone keeps the page inert.
"""
from __future__ import annotations

import json
import zlib
from typing import Any

import lxml.html
from lxml_html_clean import Cleaner

from archive.captures import storable_headers
from cleaning.decode import charset_from_content_type, decode_html

# Headers worth showing about a capture; everything else (cookies, tokens,
# server internals) is never displayed, whatever an old archive stored.
SHOWN_HEADERS = ("content-type", "content-length", "content-encoding", "content-language",
                 "last-modified", "etag", "date", "expires", "cache-control", "server")
# Attributes that make a browser load or navigate somewhere.
URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "background", "poster",
                  "data", "cite", "longdesc", "usemap", "lowsrc", "dynsrc", "ping", "xlink:href")
# For the page and its srcdoc iframe (an srcdoc document inherits its parent's policy).
CAPTURE_CSP = ("default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
               " frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'")

_CLEANER = Cleaner(scripts=True, javascript=True, comments=True, style=True, inline_style=True,
                   links=True, meta=True, page_structure=False, processing_instructions=True,
                   embedded=True, frames=True, forms=True, annoying_tags=True,
                   remove_unknown_tags=False, safe_attrs_only=True)


def shown_headers(headers_json: str | None) -> dict[str, str]:
    """The stored headers a reader may see (SHOWN_HEADERS, never credentials)."""
    try:
        headers: Any = json.loads(headers_json or "{}")
    except ValueError:
        return {}
    if not isinstance(headers, dict):
        return {}
    safe = storable_headers({str(k): str(v) for k, v in headers.items()})
    return {k: v for k, v in safe.items() if k.strip().lower() in SHOWN_HEADERS}


def capture_body(content: bytes, compression: str | None) -> bytes:
    if compression == "zlib":
        return zlib.decompress(content)
    if compression in (None, ""):
        return content
    raise ValueError(f"unknown compression {compression!r}")


def safe_html(body: bytes, content_type: str | None = None) -> str:
    """The capture as inert HTML: no scripts, styles, forms, frames or URLs."""
    text = decode_html(body, charset_from_content_type(content_type)).text
    if not text.strip():
        return "<p>(empty capture)</p>"
    doc = lxml.html.document_fromstring(text)
    doc = _CLEANER.clean_html(doc)
    for image in list(doc.iter("img")):  # its bytes were never archived: say what it was
        placeholder = lxml.html.Element("span")
        placeholder.text = f"[image: {image.get('alt') or 'not archived'}]"
        placeholder.tail = image.tail
        image.getparent().replace(image, placeholder)
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        for name in URL_ATTRIBUTES:
            value = element.attrib.pop(name, None)
            if value and name == "href":
                element.set("title", value)  # the link target stays readable
    return lxml.html.tostring(doc, encoding="unicode")
