"""Page metadata: title, date, author, site name, breadcrumbs, tags, canonical URL.

Everything is read from the one tree the pipeline parsed: `<head>` tags and
JSON-LD first (before scripts are stripped), then the visible text around the
headline. Each reader is a small function; `read_head` and `read_visible` are
what the pipeline calls.
"""
from __future__ import annotations

import json
import logging
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urljoin

from lxml import etree

from cleaning.blocks import clean_text
from cleaning.script import fold_aligned

logger = logging.getLogger(__name__)

# What separates the parts of "标题_栏目_站名" / "站名 » 标题" in <title> (colons
# and middle dots are left out: headlines hold them, "习近平：…", "中国·…").
TITLE_SEPARATORS = r"_|\||｜|--|—|–|»|›|\s-\s|(?<!\d)-(?!\d)"
_TITLE_SEPARATORS = re.compile(r"\s*(?:%s)\s*" % TITLE_SEPARATORS)
# Share of a <title> part's characters a heading must hold to confirm that side as the title.
SIDE_CONFIRMED = 0.8
_TRAILING = re.compile(r"[\s:：,，]+$")
# The article-info line some templates print inside the <h1> after a <br>
# ("时间:2019-03-02 19:23:41来源:百花范文网本文已影响303人"): it starts at a meta
# label or a timestamp and runs to the end of the heading.
_GLUED_META = re.compile(
    r"\s*(?:(?:发布|更新)?时间\s*[:：]|(?:发布)?日期\s*[:：]|来源\s*[:：]|(?:投稿)?作者\s*[:：]|点击\s*[:：]|浏览\s*[:：]|本文已影响"
    r"|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}).*$"
)
_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?(?:\s*(\d{1,2}):(\d{2}))?"
)
# "发布日期： 9/17/2004 5:54:13 AM": month first, only trusted after a label
_US_DATE = re.compile(r"(?:发布|日期|时间|date)\s*[:：]?\s*(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?!\d)", re.I)
_DATE_LABEL = re.compile(r"(发布|时间|日期|发表|更新|publish|date|Date)")
_AUTHOR = re.compile(
    r"(?:^|[\s|｜/\]】)])(?:投稿作者|作\s*者|撰稿人?|发布者|发布人)\s*(?:[:：]\s*|\s+)([^\s:：,，|/()（）<>【】\[\]\d]{2,16})"
)
_NOT_AUTHOR = re.compile(r"^(来源|时间|日期|点击|浏览|发布|佚名|未知|本站|编辑)")
_BREADCRUMB_LABELS = ("当前位置", "您的位置", "你的位置", "您现在的位置", "你现在的位置", "所在位置", "位置", "当前页面")
_BREADCRUMB_LABEL = re.compile(r"^\s*(" + "|".join(_BREADCRUMB_LABELS) + r")\s*[:：]?")
# The labels holding no shorter label ("位置", "当前页面"): a text without one of them is no label.
_BREADCRUMB_LABEL_CORES = tuple(label for label in _BREADCRUMB_LABELS
                                if not any(other != label and other in label for other in _BREADCRUMB_LABELS))
_BREADCRUMB_TOKENS = re.compile(r"(?:^|[\s_\-])(breadcrumbs?|crumbs?|position|location|weizhi|dqwz|place|path|nav-?path|daohang)(?:$|[\s_\-\d])", re.I)
_TAG_LABEL = re.compile(r"^\s*(推荐访问|相关热词搜索|标签|关键词|关键字|Tags?|TAG|热词)\s*[:：]?", re.I)
_CRUMB_SEPARATORS = re.compile(r"\s*(?:>|》|»|›|→|/|\\|＞|-&gt;|->)\s*")
_POWERED = re.compile(r"powered\s+by|discuz|wordpress|dedecms|phpcms|empirecms", re.I)
_CRUMB_ONLY = re.compile(r"^[\s>》»›→＞]*$")  # not "|" or "·": menus use those
_SITE_FROM_COPYRIGHT = re.compile(
    r"(?:©|Copyright|版权所有)[^。\n]{0,40}?([\u4e00-\u9fffA-Za-z0-9]{2,20}?(?:网|站|中心|报|台|社))"
)

_META_DATE_KEYS = (
    "article:published_time", "og:published_time", "og:release_date", "publishdate", "pubdate",
    "publish_date", "published_time", "publishtime", "publish-date", "article:published",
    "dc.date.issued", "dc.date", "dcterms.created", "weibo: article:create_at", "sailthru.date",
    "parsely-pub-date", "date", "createdate", "firstpublishedtime", "contentpublishdate",
)


@dataclass
class Head:
    """What `<head>` and JSON-LD say about the page."""

    title_tag: str | None = None
    meta: dict[str, str] = field(default_factory=dict)  # lower-cased name/property -> content
    jsonld: list[dict] = field(default_factory=list)
    canonical: str | None = None


def read_head(root: etree._Element, url: str | None) -> Head:
    head = Head()
    title = _first_title(root)
    if title is not None:
        head.title_tag = clean_text(title.text_content() if hasattr(title, "text_content") else (title.text or ""))
    canonical = None
    # One walk in C over the three tags (each is read in document order, as three walks would).
    for el in root.iter("meta", "script", "link"):
        tag = el.tag
        if tag == "meta":
            key = (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "").strip().lower()
            content = el.get("content")
            if key and content and key not in head.meta:
                head.meta[key] = content.strip()
            continue
        if tag == "link":
            if canonical is None and "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
                canonical = el.get("href").strip()
            continue
        script = el
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):  # broken, or nested beyond the stack: skip, keep the page
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict):
                head.jsonld.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    head.jsonld.extend(g for g in graph if isinstance(g, dict))
    head.canonical = canonical
    if head.canonical is None and head.meta.get("og:url"):
        head.canonical = head.meta["og:url"]
    if head.canonical and url:
        head.canonical = urljoin(url, head.canonical)
    return head


def _first_title(root: etree._Element) -> etree._Element | None:
    """The first <title> in document order, as root.find(".//title") finds it. That search
    goes on to the end of the document (lxml's iterator looks one match ahead, ~0.1 ms):
    when the <head> opens the document, its own <title> is the first one there is."""
    head = root.find("head")
    if head is not None and head.getprevious() is None:
        title = next(head.iter("title"), None)
        if title is not None:
            return title
    return root.find(".//title")


def title_parts(title_tag: str | None) -> list[str]:
    """"标题_栏目_站名" -> ["标题", "栏目", "站名"] (stripped, empty parts dropped)."""
    if not title_tag:
        return []
    return [p.strip() for p in _TITLE_SEPARATORS.split(title_tag) if p and p.strip()]


def strip_site_suffix(title: str) -> tuple[str, str | None]:
    """"市长讲话_77范文网" -> ("市长讲话", "77范文网")."""
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p and p.strip()]
    if len(parts) <= 1:
        return title.strip(), None
    first, last = parts[0].strip(), parts[-1].strip()
    return first, (last if len(last) <= 20 else None)


def normalise_title(text: str) -> str:
    text = clean_text(text)
    glued = _GLUED_META.search(fold_aligned(text) or text)  # labels in either script
    if glued and glued.start() >= 4:  # a heading that is only a meta line stays as it is
        text = text[: glued.start()]
    return _TRAILING.sub("", text)


def _title_side(parts: list[str], site_names: Collection[str], headings: list[str]) -> str:
    """Which part of "站名--标题" / "标题_站名" is the title.

    A part that is the site's name (learnt from its other pages, or declared in
    og:site_name) never is; of the rest, the one the page's <h1> (else its
    first heading) holds, else the first.
    """
    rest = [p for p in parts if p not in site_names] or parts[:1]
    if len(rest) > 1 and headings:
        def held(part: str) -> float:
            return max(len(set(part) & set(h)) for h in headings) / len(set(part))
        best = max(rest, key=held)
        # Confirmed: the heading holds (nearly) all of the part's characters, the first part's less.
        if held(best) >= SIDE_CONFIRMED and held(best) > held(rest[0]):
            return best
    return rest[0]


def site_name_declared(head: Head) -> str | None:
    """The site name the page declares about itself (og:site_name and friends)."""
    for key in ("og:site_name", "application-name", "apple-mobile-web-app-title"):
        if head.meta.get(key):
            return head.meta[key].strip()
    return None


def choose_title(root: etree._Element, head: Head, profile_xpaths=(),
                 site_names: Collection[str] = (), marks: list[etree._Element] | None = None) -> str | None:
    """The article headline: a heading the <title> confirms, else <title> without its site name.

    `site_names`: the constant `<title>` parts of the site (cleaning.template);
    without them, the side of the separator a heading confirms. `marks`:
    html.landmarks() of the tree, when the caller has them (no scan of its own then).
    """
    for xpath in profile_xpaths:
        for el in xpath(root):
            text = normalise_title(el if isinstance(el, str) else "".join(el.itertext()))
            if text:
                return text
    tag_title = head.title_tag or head.meta.get("og:title") or ""
    candidates = []
    h1_texts: dict[etree._Element, str] = {}  # normalised once, asked again below
    headings = root.iter("h1", "h2", "h3") if marks is None else (el for el in marks if el.tag != "article")
    for el in headings:
        text = normalise_title("".join(el.itertext()))
        if el.tag == "h1":
            h1_texts[el] = text
        if 4 <= len(text) <= 120 and text not in site_names:
            candidates.append((el.tag, text))
        if len(candidates) > 12:
            break
    names = set(site_names)
    declared = site_name_declared(head)
    if declared:
        names.add(declared)
    parts = title_parts(tag_title)
    if len(parts) > 1:
        h1_elements = root.iter("h1") if marks is None else (el for el in marks if el.tag == "h1")
        h1s = [t for t in (h1_texts.get(el) or normalise_title("".join(el.itertext())) for el in h1_elements)
               if len(t) >= 2]
        stripped = _title_side(parts, names, h1s or [t for _, t in candidates[:1]])
    else:
        stripped, _ = strip_site_suffix(tag_title) if tag_title else ("", None)
        if stripped in site_names:
            stripped = ""
    compact_tag = "".join(tag_title.split())  # no white space (\s is str.isspace: split() in C)
    best = None
    for tag, text in candidates:
        compact = "".join(text.split())
        if compact_tag and (compact_tag.startswith(compact) or compact in compact_tag):
            if best is None or len(text) > len(best):
                best = text
    if best:
        return best
    h1s = [text for tag, text in candidates if tag == "h1"]
    if len(h1s) == 1 and not stripped:
        return h1s[0]
    if stripped:
        return normalise_title(stripped)
    return h1s[0] if h1s else None


def site_name(head: Head, page_text_tail: str, title: str | None = None) -> str | None:
    """The site's name: declared in <meta> or JSON-LD, else a later part of <title> that is
    not the headline `title` ("站名 » 标题" puts the headline last), else the copyright line."""
    for key in ("og:site_name", "application-name", "apple-mobile-web-app-title"):
        if head.meta.get(key):
            return head.meta[key].strip()
    for item in head.jsonld:
        publisher = item.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            return publisher["name"].strip()
    if head.title_tag:
        # "标题 - 栏目 - 公文之家 - Powered by Discuz!": the last segment naming a site
        parts = [p.strip() for p in _TITLE_SEPARATORS.split(head.title_tag) if p and p.strip()]
        # The parts besides the headline; when it is none of them, all but the first.
        others = [p for p in parts if p != title] if title in parts else parts[1:]
        for part in reversed(others):
            if not _POWERED.search(part) and len(part) <= 20:
                return part
    match = _SITE_FROM_COPYRIGHT.search(page_text_tail)
    return match.group(1) if match else None


def parse_date(text: str) -> str | None:
    match = _DATE.search(text)
    if not match:
        return None
    return _valid(match.group(1), match.group(2), match.group(3))


def _valid(y: str, m: str, d: str) -> str | None:
    try:
        value = date(int(y), int(m), int(d))
    except ValueError:
        return None
    if value.year < 1990 or value > date.today().replace(year=date.today().year + 1):
        return None
    return value.isoformat()


def date_from_head(head: Head) -> str | None:
    for item in head.jsonld:
        for key in ("datePublished", "dateCreated", "uploadDate"):
            value = item.get(key)
            if isinstance(value, str) and (found := parse_date(value)):
                return found
    for key in _META_DATE_KEYS:
        value = head.meta.get(key)
        if value and (found := parse_date(value)):
            return found
    return None


def _strong_dates(line: str):
    """Dates in a line that carry a label ("发布时间:") or a time of day."""
    line = fold_aligned(line) or line  # "發佈時間" is a label as "发布时间" is; digits stay in place
    if "19" not in line and "20" not in line:  # every year either pattern reads starts so: most lines are done
        return
    for match in _US_DATE.finditer(line):
        found = _valid(match.group(3), match.group(1), match.group(2))
        if found:
            yield found
    for match in _DATE.finditer(line):
        found = _valid(match.group(1), match.group(2), match.group(3))
        if found and (match.group(4) or _DATE_LABEL.search(line[max(0, match.start() - 12) : match.start()])):
            yield found


def strong_date(lines: list[str]) -> str | None:
    """The first labelled or timed date in the lines."""
    for line in lines:
        for found in _strong_dates(line):
            return found
    return None


def nearest_strong_date(lines: list[str], anchor: int) -> str | None:
    """The labelled or timed date closest to line `anchor`, lines above it first."""
    order = sorted(range(len(lines)), key=lambda i: (abs(anchor - i) + (0 if i < anchor else 3)))
    for i in order:
        for found in _strong_dates(lines[i]):
            return found
    return None


def date_by_htmldate(root: etree._Element) -> str | None:
    """htmldate's cheap mode (it copies the tree), as the last resort."""
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - htmldate comes with trafilatura
        return None
    try:
        found = find_date(root, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception as err:  # htmldate raises on odd trees; a date is optional
        logger.debug("htmldate failed: %s", err)
        return None
    return found


def date_from_lines(lines: list[str]) -> str | None:
    """The first labelled or timed date in the lines, else the first date at all."""
    first = None
    for line in lines:
        line = fold_aligned(line) or line  # labels in either script
        for match in _DATE.finditer(line):
            found = _valid(match.group(1), match.group(2), match.group(3))
            if not found:
                continue
            if match.group(4) or _DATE_LABEL.search(line[max(0, match.start() - 12) : match.start()]):
                return found
            if first is None:
                first = found
    return first


def author_from_lines(lines: list[str], head: Head) -> str | None:
    for line in lines:
        folded = fold_aligned(line) or line  # "作者：" and "來源" in either script
        match = _AUTHOR.search(folded)
        if match and not _NOT_AUTHOR.match(match.group(1)):
            return line[match.start(1) : match.end(1)]  # the name as published
    for item in head.jsonld:
        author = item.get("author")
        if isinstance(author, list) and author:
            author = author[0]
        if isinstance(author, dict) and isinstance(author.get("name"), str):
            return author["name"].strip() or None
        if isinstance(author, str) and author.strip():
            return author.strip()
    value = head.meta.get("author") or head.meta.get("article:author")
    if value and not value.startswith("http") and len(value) <= 30:
        return value.strip()
    return None


def _link_texts(el: etree._Element) -> list[str]:
    out = []
    for a in el.iter("a"):
        text = clean_text("".join(a.itertext()))
        if text and text not in out:
            out.append(text)
    return out


# The tags a separator trail can have.
_TRAIL_TAGS = ("div", "p", "span", "nav", "section")
# A trail holds this many links, directly or each wrapped in a span.
_TRAIL_MIN_LINKS, _TRAIL_MAX_LINKS = 2, 8


def _trail_candidates(root: etree._Element) -> list[etree._Element]:
    """The elements of _TRAIL_TAGS with 2-8 link children, or with none and 2-8 links in
    span children, in document order: the links counted per parent in one pass over them
    (only the parents of links can hold two), the few found put in document order."""
    direct: dict[etree._Element, int] = {}  # parent -> its <a> children
    wrapped: dict[etree._Element, int] = {}  # grandparent -> its span children's <a> children
    for a in root.iter("a"):
        parent = a.getparent()
        if parent is None:
            continue
        direct[parent] = direct.get(parent, 0) + 1
        if parent.tag == "span":
            grand = parent.getparent()
            if grand is not None:
                wrapped[grand] = wrapped.get(grand, 0) + 1
    found = {el for el, count in direct.items() if _TRAIL_MIN_LINKS <= count <= _TRAIL_MAX_LINKS}
    found.update(el for el, count in wrapped.items()
                 if _TRAIL_MIN_LINKS <= count <= _TRAIL_MAX_LINKS and el not in direct)
    found = {el for el in found if el.tag in _TRAIL_TAGS}
    if len(found) <= 1:
        return list(found)
    return [el for el in root.iter(*_TRAIL_TAGS) if el in found]


def _separator_trail(root: etree._Element) -> etree._Element | None:
    """A container of two or more links joined only by "›", ">", "»" and the like."""
    # Direct links only (or wrapped once in a span): cheap, and a trail is flat.
    for el in _trail_candidates(root):
        links = el.findall("a") or el.findall("span/a")
        between = []
        for a in links[:-1]:
            between.append(a.tail or "")
            sibling = a.getnext()
            if sibling is not None and sibling.tag not in ("a",):
                between.append("".join(sibling.itertext()) + (sibling.tail or ""))
        joined = "".join(between)
        if joined.strip() and _CRUMB_ONLY.match(joined) and len("".join(el.itertext())) < 200:
            return el
    return None


def breadcrumbs(root: etree._Element, head: Head | None = None) -> list[str]:
    trail = None
    # A page repeats its class/id strings: each pair searched once (a tuple is made
    # faster than the string searched).
    named: dict[tuple[str | None, str | None], bool] = {}
    for el in root.iter("div", "p", "span", "nav", "ol", "ul", "section", "td"):
        cls, ident = el.get("class"), el.get("id")
        if cls or ident:
            key = (cls, ident)
            crumb = named.get(key)
            if crumb is None:
                # (white space alone holds no token: no test of its own)
                crumb = named[key] = _BREADCRUMB_TOKENS.search(f"{cls or ''} {ident or ''}") is not None
            if crumb:
                trail = el
                break
        text = el.text
        # A substring scan in C for each label core before the pattern's call.
        if text and any(core in text for core in _BREADCRUMB_LABEL_CORES) and _BREADCRUMB_LABEL.match(text) \
                and len("".join(el.itertext())) < 300:
            trail = el
            break
    return breadcrumbs_of(root, trail, head)


def breadcrumbs_of(root: etree._Element, trail: etree._Element | None, head: Head | None = None) -> list[str]:
    """The crumbs of the trail found by class/id or label; without one, of a separator
    trail, else of the JSON-LD."""
    if trail is None:
        trail = _separator_trail(root)
    if trail is None:
        return _jsonld_breadcrumbs(head) if head else []
    links = _link_texts(trail)
    if links:
        return [t for t in links if not _BREADCRUMB_LABEL.fullmatch(t)]
    text = _BREADCRUMB_LABEL.sub("", clean_text("".join(trail.itertext())))
    return [p for p in _CRUMB_SEPARATORS.split(text) if p]


def _jsonld_breadcrumbs(head: Head) -> list[str]:
    """Names of a schema.org BreadcrumbList (Yoast and friends)."""
    for item in head.jsonld:
        elements = item.get("itemListElement")
        if item.get("@type") != "BreadcrumbList" or not isinstance(elements, list):
            continue
        names = []
        for entry in elements:
            if not isinstance(entry, dict):
                continue
            name = entry.get("name")
            if name is None and isinstance(entry.get("item"), dict):
                name = entry["item"].get("name")
            if isinstance(name, str) and name.strip():
                names.append(name.strip())
        if names:
            return names
    return []


def tags(root: etree._Element) -> list[str]:
    """Keywords of the "推荐访问:" / "标签:" line, or of a tag-link container."""
    for el in root.iter("div", "p", "span", "dd", "dt", "li", "td", "strong", "b", "em", "label"):
        text = el.text or ""
        if not (text and _TAG_LABEL.match(text)):
            continue
        holder = el
        links = _link_texts(holder)
        if not links and el.getparent() is not None and el.tag in ("span", "strong", "b", "em", "label", "dt"):
            holder = el.getparent()
            links = _link_texts(holder)
        if links:
            return links
        rest = _TAG_LABEL.sub("", clean_text("".join(holder.itertext())))
        words = [w for w in re.split(r"[\s,，、;；|]+", rest) if w]
        if words:
            return list(dict.fromkeys(words))
    return []
