"""The crawl worker's speed shortcuts give the plain computation's answers.

The cleaning worker (crawler.cleanpool) reads, besides the Page, the template
learner's Observation (cleaning.template) and the page's same-host links
(crawler.links). Each shortcut there is compared with the plain computation it
replaces, written out here, on the project's own pages (fixtures, heldout 1-3,
the demo sites) and on hand-written edge cases.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from lxml import etree
from w3lib.html import get_base_url

from cleaning import blocks as blk
from cleaning import metadata, template
from cleaning.html import NON_CONTENT_TAGS, read_page
from cleaning.metadata import normalise_title, read_head
from cleaning.pipeline import HREFS
from cleaning.script import fold_aligned
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
HAND_BASES = [None, "http://www.example.com/base/", "https://www.example.com/", "http://other/",
              "ftp://www.example.com/", "http://www.example.com:8080/q/", "about:blank", "http:///nohost"]


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


def _plain_children(walk) -> dict[int, list[int]]:
    """Walk element index -> its children's indexes, keeping the open path of every element read."""
    children: dict[int, list[int]] = {}
    open_path: list[int] = []
    for i, depth in enumerate(walk.depth):
        del open_path[depth:]
        if open_path:
            children.setdefault(open_path[-1], []).append(i)
        open_path.append(i)
    return children


def _plain_edge_lines(walk, masks) -> dict[str, str]:
    """cleaning.template.edge_lines with every span added up and every line masked where it is met."""
    out: dict[str, str] = {}
    paths: dict = {}
    for i, kids in _plain_children(walk).items():
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
    def owned_only(walk, children):
        out = []
        for j in children:
            if walk.chars[j]:
                linked = walk.link_chars[j] > template.NEAR_MAX_LINK_SHARE * walk.chars[j]
                text = "".join(b.text for b in walk.blocks[walk.span_first[j]:walk.span_last[j]])
                out.append("" if linked or walk.chars[j] > template.EDGE_READ_MAX_CHARS else text)
            if len(out) == template.EDGE_RANKS:
                break
        return out

    monkeypatch.setattr(template, "_edge_texts", owned_only)
    with pytest.raises(AssertionError):
        test_observations_equal_plain_computation_on_every_page()


# ---------------------------------------------------------------- dates and masked lines

HAND_DATE_LINES = [
    "發佈時間：2024-05-01 12:00", "发布日期： 9/17/2004 5:54:13 AM", "2019年3月2日 19:23", "date: 1/2/2020",
    "时间:2019-03-02", "时间:２０１９-03-02", "19-03-02", "2019", "1920", "发布于2020.1.5", "编号 20190102", "",
    "无日期的一行", "更新 2099-01-01 10:00", "Date：12/31/1999",
]


def _plain_strong_dates(line: str) -> list[str]:
    line = fold_aligned(line) or line
    found = [d for m in metadata._US_DATE.finditer(line) if (d := metadata._valid(m.group(3), m.group(1), m.group(2)))]
    for m in metadata._DATE.finditer(line):
        d = metadata._valid(m.group(1), m.group(2), m.group(3))
        if d and (m.group(4) or metadata._DATE_LABEL.search(line[max(0, m.start() - 12):m.start()])):
            found.append(d)
    return found


@functools.cache
def page_lines() -> tuple[str, ...]:
    """Every visible line of every page, once each."""
    return tuple(dict.fromkeys(b.text for _, root, _ in observed_trees() for b in blk.walk(root, lambda b: 0.0).blocks))


def test_strong_dates_equal_plain_search():
    dated = 0
    for line in (*page_lines(), *HAND_DATE_LINES):
        expected = _plain_strong_dates(line)
        assert list(metadata._strong_dates(line)) == expected, line
        dated += bool(expected)
    assert dated > 50


def test_digit_test_equals_digit_runs():
    """masked_line's digit test (one \\d) finds a digit exactly where \\d+ does."""
    for line in (*page_lines(), "٣", "x", "", "a1", "１"):
        assert (template._DIGIT.search(line) is None) == (re.search(r"\d+", line) is None)


# ---------------------------------------------------------------- the worker's answer


def test_clean_read_equals_separate_computations():
    """One trip to a worker (one parse) answers what cleaning, observing and link reading do apart;
    the page comes back without its raw hrefs, which the crawl reads as the links found."""
    from types import SimpleNamespace

    from cleaning import clean_page
    from crawler.cleanpool import _clean_read, _read

    for path in page_files()[::3]:
        body = path.read_bytes()
        url = "http://127.0.0.1:8000/" + path.name
        fetch = SimpleNamespace(body=body, url=url)
        plain = clean_page(body, url=url)
        expected_links = same_host_links(url, plain.links, base_url(body, url, plain.encoding))
        cleaned = _clean_read(fetch, None, None, None, observe=True, links=True, prepare=False)
        assert cleaned.page.to_full_dict() == plain.to_full_dict(), path
        assert cleaned.page.links == []
        assert cleaned.links == expected_links, path
        assert cleaned.observation.to_dict() == template.observe(body).to_dict(), path
        read = _read(fetch, None, observe=True, links=True, prepare=False)
        assert read.links == expected_links and read.observation.to_dict() == cleaned.observation.to_dict(), path


HAND_FOLD_TEXTS = ["同志们：（一）今天，我们！", "ＡＢＣ１２３", "ｶﾞｷﾞ", "①②", "㈠㍿", "x\u200by\ufeffz", "a\u3000b\u00a0c",
                   "ﬁ", "Å", "e\u0301", "", " ", "ＰＤＦ：第１页（共２页）"]


def test_fold_equals_plain_nfkc():
    """The template's line folding (script.nfkc's fast path for full-width marks) as unicodedata folds."""
    for text in (*page_lines(), *HAND_FOLD_TEXTS):
        plain = "".join(unicodedata.normalize("NFKC", text).replace("\u200b", " ").replace("\ufeff", " ").split())
        assert template._fold(text) == plain.lower(), text


def test_children_equal_open_path_reading():
    for _, root, _ in observed_trees():
        body = root.find("body")
        walk = blk.walk(body if body is not None else root, lambda block: 0.0)
        assert list(template._children(walk).items()) == list(_plain_children(walk).items())


def test_strip_masks_each_paragraph_once():
    """SiteTemplate.strip fingerprints the line it masked already: the same as fingerprinting the text."""
    masks = ["本站", "讲话"]
    for text in page_lines():
        assert template._masked_fingerprint(template.masked_line(text, masks)) == template.fingerprint(text, masks)


# ---------------------------------------------------------------- <base href>


def _plain_base_url(body: bytes, url: str, encoding: str | None) -> str:
    head = body[: links_mod.BASE_HREF_CHARS * 4].decode(encoding or "utf-8", "replace")
    return get_base_url(head, url, encoding or "utf-8")


HAND_BASE_PAGES = [
    ("<html><head><base href='/sub/'></head></html>", "utf-8"),
    ("<HTML><HEAD><BASE HREF=\"http://other.example/x/\"></HEAD></HTML>", "utf-8"),
    ("<html><head><title>讲话</title><base href='/gb/'></head></html>", "gbk"),
    ("<html><head><title>講話</title><base href='/big5/'></head></html>", "big5"),
    ("<html><head><base href='/utf16/'></head></html>", "utf-16"),
    ("<html><head><title>无</title></head><body>" + "字" * 9000 + "<base href='/late/'></body></html>", "utf-8"),
    ("<html><head><title>无</title></head></html>", "gb18030"),
    ("<html><head><base href='/latin/'></head></html>", "cp1252"),
    ("<html><head><base href='/x/'></head></html>", None),
]


def test_base_url_equals_plain_decoding():
    for text, encoding in HAND_BASE_PAGES:
        body = text.encode(encoding or "utf-8")
        for url in ("http://www.example.com/a/b.html", "http://www.example.com/中文/页.html"):
            assert base_url(body, url, encoding) == _plain_base_url(body, url, encoding), (text[:60], encoding)
    # A trail byte of a two-byte character may be an ASCII letter: "<" and then such bytes are no "<base".
    body = b"<html><head><" + "拜".encode("gbk") + b"ase href='/t/'>"
    assert base_url(body, "http://h/", "gbk") == _plain_base_url(body, "http://h/", "gbk")
    with pytest.raises(LookupError):
        base_url(b"<html></html>", "http://h/", "no-such-codec")
    for path in page_files():
        body, encoding, _ = parsed(path)
        assert base_url(body, "http://h/p.html", encoding) == _plain_base_url(body, "http://h/p.html", encoding), path


def test_a_walk_without_scores_equals_one_scoring_zero():
    """blocks.walk(root, None), the template's walk: every field of a walk whose score is 0.0 for every block."""
    fields = ("blocks", "elements", "scores", "first", "last", "depth", "chars", "link_chars",
              "span_first", "span_last", "size_upto", "links_upto")
    for path, root, _ in observed_trees():
        plain, unscored = blk.walk(root, lambda block: 0.0), blk.walk(root, None)
        for name in fields:
            assert getattr(unscored, name) == getattr(plain, name), (path, name)
