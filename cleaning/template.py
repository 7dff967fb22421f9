"""A site's template, learnt from its other pages (no DB, no Scrapy).

Pages of one host share a template: the lines of its menus, sidebars, promos
and footers recur on page after page, whatever their wording. `observe` turns
one page into the fingerprints of its visible lines (each normalised, with the
page's own title, dates and digits masked, so "本文《…》由…整理 2024-05-01"
is the same line on every page) and the parts of its `<title>`. `SiteTemplate`
counts on how many of a host's pages each fingerprint and each title part
occurs:

- a line seen on at least TEMPLATE_SHARE of the pages, and on at least
  TEMPLATE_MIN_PAGES of them, is template: `strip` drops the runs of such
  lines at either edge of a body (where promos, share bars and footers sit);
- the `<title>` part seen that often is the site name: it is never the title.

Lines that structure a speech are never dropped, however common: a short line
ending in a colon (a salutation "同志们：" shared by many speeches) and the item
headings of a compilation ("【篇一】"). A template needs TEMPLATE_MIN_PAGES
observed pages before it says anything.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterable

from cleaning.metadata import title_parts

# A line on at least this share of a host's pages is template...
TEMPLATE_SHARE = 0.5
# ...and on at least this many of them (a template needs this many pages to say anything).
TEMPLATE_MIN_PAGES = 3
# A line ending in a colon and at most this long introduces what follows (a
# salutation, "会议议程："): speech structure, kept however common.
OPENER_MAX_CHARS = 20
# A masked line with fewer letters than this is no template wording (a bare date, a title).
MIN_WORDING_CHARS = 2
# `<title>` parts and title masks shorter than this are not trusted (a "首页" crumb).
MIN_TITLE_PART_CHARS = 2
MIN_MASK_CHARS = 4
# Stripping more than this share of a body's characters means the body itself recurs
# (a speech reposted on many pages of the site): it is kept whole.
MAX_STRIPPED_SHARE = 0.5
# Serialised templates keep the counts of lines seen on at least this many pages.
KEEP_MIN_COUNT = 2
FORMAT_VERSION = 1

_DATE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}:\d{2}(?::\d{2})?")
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_WORDING = re.compile(r"[^\W\d_]")
_OPENER_END = re.compile(r"[:：]\s*$")
TITLE_MASK = "\x01"
DATE_MASK = "\x02"


def _fold(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).lower()


def site_key(url: str | None) -> str:
    """What a template belongs to: the URL's host, with its port when it has one
    (two servers on one loopback address are two sites)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url or "")
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{host}:{port}" if host and port else host


def page_masks(title_tag: str | None, headings: Iterable[str] = ()) -> list[str]:
    """What a page says about itself (its `<title>` parts, its h1): masked before comparing."""
    masks = {_fold(p) for p in [*title_parts(title_tag), *headings]}
    return sorted((m for m in masks if len(m) >= MIN_MASK_CHARS), key=len, reverse=True)


def masked_line(text: str, masks: Iterable[str] = ()) -> str:
    """The line as the template sees it: folded, own title and dates masked, digits as 0."""
    line = _fold(text)
    for mask in masks:
        if mask in line:
            line = line.replace(mask, TITLE_MASK)
    line = _DATE.sub(DATE_MASK, line)
    return _DIGITS.sub("0", line)


def fingerprint(text: str, masks: Iterable[str] = ()) -> str | None:
    """A short stable hash of the masked line; None when nothing of it is wording."""
    line = masked_line(text, masks)
    if len(_WORDING.findall(line.replace(TITLE_MASK, "").replace(DATE_MASK, ""))) < MIN_WORDING_CHARS:
        return None
    return hashlib.blake2b(line.encode("utf-8"), digest_size=8).hexdigest()


def is_speech_structure(text: str, index: int, headings: set[int]) -> bool:
    """Lines kept whatever the template says: short openers ending in a colon, item headings."""
    stripped = text.strip()
    return index in headings or (len(stripped) <= OPENER_MAX_CHARS and bool(_OPENER_END.search(stripped)))


@dataclass
class Observation:
    """One page as the template learner sees it."""

    title_parts: list[str]
    fingerprints: set[str]

    def to_dict(self) -> dict[str, Any]:
        return {"title_parts": self.title_parts, "fingerprints": sorted(self.fingerprints)}


def observe_tree(root: Any, title_tag: str | None) -> Observation:
    """Fingerprints of every visible line of a parsed page (scripts already stripped)."""
    from cleaning import blocks as blk
    from cleaning.metadata import normalise_title

    body = root.find("body")
    body = body if body is not None else root
    headings = [normalise_title("".join(h.itertext())) for h in body.iter("h1")]
    masks = page_masks(title_tag, headings)
    walk = blk.walk(body, lambda block: 0.0)
    prints = {fp for b in walk.blocks if (fp := fingerprint(b.text, masks))}
    return Observation(title_parts(title_tag), prints)


def observe(body: bytes, http_charset: str | None = None) -> Observation:
    """Decode and parse one page's bytes, then `observe_tree` (raises ContentError on non-pages)."""
    from lxml import etree

    from cleaning.decode import decode_html
    from cleaning.errors import ContentError
    from cleaning.html import NON_CONTENT_TAGS, parse
    from cleaning.metadata import read_head

    decoded = decode_html(bytes(body), http_charset)
    root = parse(decoded.text)
    if root is None:
        raise ContentError("no HTML in the document")
    title_tag = read_head(root, None).title_tag
    etree.strip_elements(root, *NON_CONTENT_TAGS, with_tail=False)
    return observe_tree(root, title_tag)


@dataclass
class SiteTemplate:
    """Document frequencies of one host's lines and `<title>` parts over `pages` pages."""

    host: str = ""
    pages: int = 0
    lines: Counter[str] = field(default_factory=Counter)
    title_parts: Counter[str] = field(default_factory=Counter)

    # -- learning ---------------------------------------------------------
    def add(self, observation: Observation) -> None:
        self.pages += 1
        self.lines.update(observation.fingerprints)
        self.title_parts.update(set(observation.title_parts))
        self.__dict__.pop("template_lines", None)
        self.__dict__.pop("site_names", None)

    @classmethod
    def learn(cls, host: str, observations: Iterable[Observation]) -> "SiteTemplate":
        template = cls(host=host)
        for observation in observations:
            template.add(observation)
        return template

    def merged(self, other: "SiteTemplate") -> "SiteTemplate":
        """Lines template in either (e.g. what was stored and what this run learnt)."""
        out = SiteTemplate(self.host or other.host)
        out.__dict__["template_lines"] = self.template_lines | other.template_lines
        out.__dict__["site_names"] = self.site_names | other.site_names
        out.title_parts = Counter({p: self.title_parts[p] + other.title_parts[p] for p in out.site_names})
        out.pages = max(self.pages, other.pages)
        return out

    # -- what was learnt --------------------------------------------------
    @property
    def threshold(self) -> int:
        return max(TEMPLATE_MIN_PAGES, math.ceil(TEMPLATE_SHARE * self.pages))

    @property
    def ready(self) -> bool:
        return self.pages >= TEMPLATE_MIN_PAGES or bool(self.__dict__.get("template_lines"))

    @cached_property
    def template_lines(self) -> frozenset[str]:
        if self.pages < TEMPLATE_MIN_PAGES:
            return frozenset()
        return frozenset(fp for fp, n in self.lines.items() if n >= self.threshold)

    @cached_property
    def site_names(self) -> frozenset[str]:
        """The constant `<title>` parts: the site name (and a section name every page carries)."""
        if self.pages < TEMPLATE_MIN_PAGES:
            return frozenset()
        return frozenset(p for p, n in self.title_parts.items()
                         if n >= self.threshold and len(p) >= MIN_TITLE_PART_CHARS)

    @property
    def site_name(self) -> str | None:
        """The most common constant `<title>` part."""
        names = sorted(self.site_names, key=lambda p: (-self.title_parts.get(p, 0), p))
        return names[0] if names else None

    def signature(self) -> str:
        """Changes whenever what the template strips or names changes."""
        data = "\n".join(sorted(self.template_lines)) + "\x00" + "\n".join(sorted(self.site_names))
        return hashlib.blake2b(data.encode("utf-8"), digest_size=8).hexdigest()

    # -- applying ---------------------------------------------------------
    def strip(self, paragraphs: list[str], masks: Iterable[str] = ()) -> list[str]:
        """The paragraphs without the template's lines at either edge of the body.

        Only the runs at the edges go: a common line in the middle is the
        speech's own (a paragraph the site repeats in several reposts). Speech
        structure stops the run. A body that would lose more than
        MAX_STRIPPED_SHARE of its text is a repost of a common speech, kept whole.
        """
        if not self.template_lines or not paragraphs:
            return paragraphs
        from cleaning.split import find_items

        masks = list(masks)
        headings = {i for i, _ in (find_items(paragraphs) or [])}

        def verdict(i: int) -> bool | None:
            """True: template; None: nothing to judge (the page's own title or date line); False: speech."""
            if is_speech_structure(paragraphs[i], i, headings):
                return False
            fp = fingerprint(paragraphs[i], masks)
            return None if fp is None else fp in self.template_lines

        dropped: set[int] = set()
        for order in (range(len(paragraphs)), range(len(paragraphs) - 1, -1, -1)):
            for i in order:
                said = verdict(i)
                if said is False:
                    break
                if said:
                    dropped.add(i)
        kept = [p for i, p in enumerate(paragraphs) if i not in dropped]
        if sum(map(len, kept)) < (1 - MAX_STRIPPED_SHARE) * sum(map(len, paragraphs)):
            return paragraphs
        return kept

    def compact(self) -> "SiteTemplate":
        """The same verdicts without the counts (small enough to send with every page)."""
        out = SiteTemplate(self.host, self.pages)
        out.__dict__["template_lines"] = self.template_lines
        out.__dict__["site_names"] = self.site_names
        out.title_parts = Counter({p: self.title_parts[p] for p in self.site_names})
        return out

    # -- JSON -------------------------------------------------------------
    def to_json(self) -> str:
        lines = self.lines or Counter({fp: self.threshold for fp in self.template_lines})
        parts = self.title_parts or Counter({p: self.threshold for p in self.site_names})
        return json.dumps({
            "format": FORMAT_VERSION,
            "host": self.host,
            "pages": self.pages,
            "share": TEMPLATE_SHARE,
            "min_pages": TEMPLATE_MIN_PAGES,
            "lines": {fp: n for fp, n in sorted(lines.items()) if n >= KEEP_MIN_COUNT},
            "title_parts": {p: n for p, n in sorted(parts.items()) if n >= KEEP_MIN_COUNT},
        }, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "SiteTemplate":
        """Raises ValueError for anything that is not a stored template."""
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ValueError(f"site template is not JSON: {exc}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
            raise ValueError("not a site template of a known format")
        return cls(host=str(data.get("host") or ""), pages=int(data.get("pages") or 0),
                   lines=Counter({str(k): int(v) for k, v in (data.get("lines") or {}).items()}),
                   title_parts=Counter({str(k): int(v) for k, v in (data.get("title_parts") or {}).items()}))


__all__ = ["Observation", "SiteTemplate", "TEMPLATE_MIN_PAGES", "TEMPLATE_SHARE", "fingerprint",
           "masked_line", "observe", "observe_tree", "page_masks", "site_key", "title_parts"]
