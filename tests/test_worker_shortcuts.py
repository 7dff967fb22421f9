"""The crawl worker's speed shortcuts give the plain computation's answers.

The cleaning worker (crawler.cleanpool) reads, besides the Page, the template
learner's Observation (cleaning.template) and the page's same-host links
(crawler.links). Each shortcut there is compared with the plain computation it
replaces, written out here, on the project's own pages (fixtures, heldout 1-3,
the demo sites) and on hand-written edge cases.
"""
from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from lxml import etree

from cleaning import blocks as blk
from cleaning import template
from cleaning.html import NON_CONTENT_TAGS, read_page
from cleaning.metadata import normalise_title, read_head
from cleaning.pipeline import HREFS
from cleaning.template import observe_tree
from crawler import links as links_mod
from crawler.links import FOLLOWED_SCHEMES, UNFOLLOWED_PREFIXES, base_url, same_host_links

ROOT = Path(__file__).resolve().parent.parent
PAGE_DIRS = ("tests/fixtures", "crawler/demo_sites")


@functools.cache
def page_files() -> tuple[Path, ...]:
    return tuple(sorted(p for d in PAGE_DIRS for p in (ROOT / d).rglob("*.htm*")))


@functools.cache
def parsed(path: Path):
    body = path.read_bytes()
    decoded, root = read_page(body, None)
    return body, decoded.encoding, root


def test_pages_are_there():
    assert len(page_files()) > 200


# ---------------------------------------------------------------- same-host links


def _plain_links(url: str, hrefs, base: str | None = None) -> list[str]:
    """crawler.links.same_host_links as urljoin computes it, href by href."""
    here = urlsplit(url).netloc
    base = base or url
    found: dict[str, None] = {}
    for href in dict.fromkeys(hrefs):
        href = href.strip()
        if not href or href.startswith(UNFOLLOWED_PREFIXES):
            continue
        link = urldefrag(urljoin(base, href))[0]
        parts = urlsplit(link)
        if parts.scheme in FOLLOWED_SCHEMES and parts.netloc == here:
            found[link] = None
    return list(found)


HAND_HREFS = [
    "/a/b.html", "/a/b.html?x=1", "/a/b.html?", "/a/b.html??", "/a/b.html?x#y", "/a/b.html#", "/a;p/b", "/a/b;",
    "/a/./b.html", "/a/../b.html", "/a/..", "/a/.", "/.hidden/x", "/a//b", "/", "/?", "/#top", "/a\tb", "/a\nb",
    "//other.example/x", "//www.example.com/x", "//www.example.com:8080/x", "http://www.example.com/a#b",
    "HTTP://www.example.com/a", "https://www.example.com/a", "http://Www.Example.com/a", "http://other/a",
    "http:rel.html", "https:/abs.html", "ftp://www.example.com/a", "a.html", "../a.html", "./a.html", "a//b",
    "?page=2", "rel?u=http://other/x", "  /padded.html  ", "", " ", "#frag", "javascript:void(0)", "mailto:x@y",
    "/中文/页面.html", "/a b.html", "/a%20b.html", "http://[::1]/x", "/x?y=/../z",
]
HAND_URLS = [
    "http://www.example.com/dir/page.html", "https://www.example.com/dir/", "http://www.example.com:8080/p",
    "http://[::1]/x", "http://user@www.example.com/p",
]
HAND_BASES = [None, "http://www.example.com/base/", "https://www.example.com/", "http://other/", "ftp://www.example.com/",
              "http://www.example.com:8080/q/", "about:blank", "http:///nohost"]


def test_same_host_links_equal_urljoin_on_hand_hrefs():
    for url in HAND_URLS:
        for base in HAND_BASES:
            assert same_host_links(url, HAND_HREFS, base) == _plain_links(url, HAND_HREFS, base), (url, base)


def test_same_host_links_raise_as_urljoin_does():
    for hrefs in (["http://[bad/x"], ["/ok.html", "http://[bad/x"]):
        with pytest.raises(ValueError):
            _plain_links("http://h/", hrefs)
        with pytest.raises(ValueError):
            same_host_links("http://h/", hrefs)
    # A base urljoin cannot read matters only once there is an href to resolve.
    assert same_host_links("http://h/", [], "http://[bad/") == _plain_links("http://h/", [], "http://[bad/") == []
    with pytest.raises(ValueError):
        same_host_links("http://h/", ["/a.html"], "http://[bad/")


def test_same_host_links_equal_urljoin_on_every_page():
    for path in page_files():
        body, encoding, root = parsed(path)
        hrefs = HREFS(root)
        hosts = sorted({urlsplit(h.strip()).netloc for h in hrefs if "//" in h} - {""})[:3]
        for url in ["http://127.0.0.1:8000/a/b/c.html", *(f"http://{host}/p/q.html" for host in hosts)]:
            for base in (None, base_url(body, url, encoding)):
                assert same_host_links(url, hrefs, base) == _plain_links(url, hrefs, base), (path, url, base)


def test_appended_as_is_really_is(monkeypatch):
    """Breaking the shortcut's test (every absolute path appended) is seen by the comparisons above."""
    monkeypatch.setattr(links_mod, "_appended_as_is", lambda href: href.startswith("/"))
    with pytest.raises(AssertionError):
        test_same_host_links_equal_urljoin_on_hand_hrefs()


# ---------------------------------------------------------------- template observation


def _plain_edge_texts(walk, children) -> list[str]:
    out = []
    for j in children:
        blocks = walk.blocks[walk.span_first[j]:walk.span_last[j]]
        size = sum(block.size for block in blocks)
        if not size:
            continue
        linked = sum(block.links for block in blocks) > template.NEAR_MAX_LINK_SHARE * size
        out.append("" if linked or size > template.EDGE_READ_MAX_CHARS else "".join(block.text for block in blocks))
        if len(out) == template.EDGE_RANKS:
            break
    return out


def _plain_edge_lines(walk, masks) -> dict[str, str]:
    """cleaning.template.edge_lines with every span added up and every line masked where it is met."""
    out: dict[str, str] = {}
    paths: dict = {}
    for i, kids in template._children(walk).items():
        if len(kids) < template.EDGE_RANKS or walk.link_chars[i] > template.NEAR_MAX_LINK_SHARE * walk.chars[i]:
            continue
        by_tag: dict[str, list[int]] = {}
        for j in kids:
            if walk.elements[j].tag in blk.BLOCK_TAGS:
                by_tag.setdefault(walk.elements[j].tag, []).append(j)
        for tag, children in by_tag.items():
            first = _plain_edge_texts(walk, children)
            if len(children) < template.EDGE_RANKS or len(first) < template.EDGE_RANKS:
                continue
            path = template._slot_path(walk.elements[i], paths)
            for side, edge in (("first", first), ("last", _plain_edge_texts(walk, list(reversed(children))))):
                for rank, text in enumerate(edge):
                    line = template.masked_line(text, masks) if text else ""
                    out[f"{path}>{tag}:{side}{rank}"] = line if template.comparable(line) else ""
    return out


def _plain_observation(root, title_tag) -> dict:
    body = root.find("body")
    body = body if body is not None else root
    masks = template.page_masks(title_tag, [normalise_title("".join(h.itertext())) for h in body.iter("h1")])
    walk = blk.walk(body, lambda block: 0.0)
    prints = {fp for b in walk.blocks if (fp := template.fingerprint(b.text, masks))}
    return template.Observation(template.title_parts(title_tag), prints, _plain_edge_lines(walk, masks)).to_dict()


@functools.cache
def observed_trees() -> tuple:
    """Every page as observe_tree gets it: parsed, scripts gone, with its <title>."""
    out = []
    for path in page_files():
        _, root = read_page(path.read_bytes(), None)
        title_tag = read_head(root, None).title_tag
        etree.strip_elements(root, *NON_CONTENT_TAGS, with_tail=False)
        out.append((path, root, title_tag))
    return tuple(out)


def test_observations_equal_plain_computation_on_every_page():
    edges = 0
    for path, root, title_tag in observed_trees():
        observed = observe_tree(root, title_tag).to_dict()
        assert observed == _plain_observation(root, title_tag), path
        edges += sum(1 for line in observed["edges"].values() if line)
    assert edges > 100  # the edge slots were really compared


def test_broken_span_sums_are_seen(monkeypatch):
    """Edge sizes off by one block's worth (an element's own chars instead of its span) fail the comparison."""
    def owned_only(self, children):
        walk = self.walk
        out = []
        for j in children:
            if walk.chars[j]:
                linked = walk.link_chars[j] > template.NEAR_MAX_LINK_SHARE * walk.chars[j]
                text = "".join(b.text for b in walk.blocks[walk.span_first[j]:walk.span_last[j]])
                out.append("" if linked or walk.chars[j] > template.EDGE_READ_MAX_CHARS else text)
            if len(out) == template.EDGE_RANKS:
                break
        return out

    monkeypatch.setattr(template._Spans, "edge_texts", owned_only)
    with pytest.raises(AssertionError):
        test_observations_equal_plain_computation_on_every_page()
