"""The cleaner's speed shortcuts give the plain computation's answers.

Each shortcut (a search skipped when a needed string is missing, patterns joined
into one, an XPath respelled, a normalisation done in steps, a subtree search
instead of a whole-tree one) is compared with the plain computation it replaces,
written out here independently, on the project's own pages (fixtures, heldout
1-3, the demo sites) and on small hand-written inputs for the edge cases.
"""
from __future__ import annotations

import functools
import hashlib
import random
import re
import unicodedata
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import zhconv
from lxml import etree, html as lxml_html

from cleaning import blocks as blk
from cleaning import comments, content, linejudge, metadata, repeats, template
from cleaning.html import NON_CONTENT_TAGS, read_page
from cleaning.options import default_options
from cleaning.pagination import _part_of, is_next_part, next_page_url
from cleaning.linejudge import RULES_DIR
from cleaning.rules import _faster_xpath, needed_words, read_toml, searched_together
from cleaning.script import fold, fold_uncached, nfkc
from evaluation.corpora import load

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ("tests/fixtures/pages", "tests/fixtures/heldout", "tests/fixtures/heldout2", "tests/fixtures/heldout3")
DEMO_SITES = "crawler/demo_sites"


# ---------------------------------------------------------------- the project's pages


class _Page:
    """One page parsed as the pipeline does, with what the tests below look at."""

    def __init__(self, path: Path, url: str | None, charset: str | None) -> None:
        self.path, self.url = path, url
        body = path.read_bytes()
        _, root = read_page(body, charset)
        # Detection runs before the scripts go: profile XPaths see the page as parsed.
        self.raw_root = read_page(body, charset)[1]
        head = metadata.read_head(root, url)
        self.title = head.title_tag
        etree.strip_elements(root, *NON_CONTENT_TAGS, with_tail=False)
        self.root = root
        found, walk = content.generic(root, default_options().junk)
        self.walk = walk
        self.blocks = [b.text for b in walk.blocks]
        self.paragraphs = list(found.paragraphs)
        # Every visible line, chrome too (menus, footers: where junk rules hit), as the template walks.
        body = root.find("body")
        self.lines = [b.text for b in blk.walk(body if body is not None else root, lambda block: 0.0).blocks]


@functools.cache
def pages() -> tuple[_Page, ...]:
    out = []
    for corpus in CORPORA:
        for case in load(ROOT / corpus):
            out.append(_Page(case.path, case.url, getattr(case, "http_charset", None)))
    for path in sorted((ROOT / DEMO_SITES).rglob("*.html")):
        out.append(_Page(path, None, None))
    return tuple(out)


@functools.cache
def texts() -> tuple[str, ...]:
    """Every block and paragraph text of every page, once each."""
    return tuple(dict.fromkeys(t for p in pages() for t in (*p.lines, *p.blocks, *p.paragraphs)))


def test_pages_are_there():
    # The equalities below are only worth something on a real sample.
    assert len(pages()) > 200 and len(texts()) > 4000


# ---------------------------------------------------------------- 1. junk rules

JUNK = default_options().junk

# Lines holding the promo patterns' needed words and lines holding parts of them only.
HAND_LINES = [
    "以上就是这篇演讲稿，供大家参考。",
    "这是一篇好文章。仅供参考",
    "下面是小编为大家整理的演讲稿，希望对大家有所帮助。",
    "下面是小編為大家整理的演講稿，希望對大家有所幫助。",  # traditional: folded first
    "以下是小编整理的范文，欢迎阅读！",
    "希望能帮助到大家。下文为您推荐更多范文",
    "供大家参",
    "仅供参 考",
    "希望对大家有所",
    "欢迎大家阅",
    "同志们：今天我们在这里召开会议。",
    "上一篇：关于某某的讲话",
    "下一篇",
    "本文由网友投稿，版权归原作者所有",
    "相关推荐",
    "",
    "，",
    "。。。供大家参考",
    "x" * 200 + "供大家参考",
]


def _plain_any(patterns, text: str) -> bool:
    folded = fold(text)
    return any(p.search(folded) for p in patterns)


def _plain_promo(text: str):
    """The earliest match of any promo pattern (the first pattern wins a tie)."""
    text = fold(text) if len(fold(text)) == len(text) else text
    best = None
    for pattern in JUNK.promo_patterns:
        match = pattern.search(text)
        if match and (best is None or match.start() < best.start()):
            best = match
    return best


def _span(match):
    return None if match is None else (match.re.pattern, match.span())


def test_junk_checks_equal_plain_loops_on_every_text():
    promos = 0
    for text in (*texts(), *HAND_LINES):
        assert JUNK.is_junk_line(text) == _plain_any(JUNK.line_patterns, text), text
        assert JUNK.is_stop_line(text) == (len(text) <= 40 and _plain_any(JUNK.stop_lines, text)), text
        assert JUNK.is_post_footer(text) == (len(text) <= 120 and _plain_any(JUNK.post_footers, text)), text
        expected = _plain_promo(text)
        assert _span(JUNK.find_promo(text)) == _span(expected), text
        promos += expected is not None
    assert promos >= 5  # the promo patterns did match somewhere: the comparison saw hits


def test_shipped_rules_use_the_shortcuts():
    # Otherwise the test above compares the plain loop with itself.
    assert any(words is not None for _, words in JUNK._promo_searches)
    assert len(JUNK._line_searches) < len(JUNK.line_patterns)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"x.{0,5}(foo|bar)", ("foo", "bar")),
        (r"[^。]{0,80}(供大家参考|仅供参考)", ("供大家参考", "仅供参考")),
        (r"x(foo|bar)|y", None),  # top-level alternation
        (r"x(foo|bar)?", None),  # optional group
        (r"x(foo|bar)*", None),
        (r"x(foo|bar){0,2}", None),
        (r"x(foo|bar)?y(baz|qux)", ("baz", "qux")),  # the optional one skipped, the next taken
        (r"(foo|bar)x", None),  # starts with the group: re finds its places itself
        (r"^x(foo|bar)", None),  # anchored
        (r"(?i)x(foo|bar)", None),  # inline flags
        (r"x(?i:foo|bar)", None),
        (r"x(?:foo|bar)", None),  # '?:' is no word
        (r"x(?=foo|bar)", None),  # lookahead
        (r"x(?<=foo|bar)", None),  # lookbehind
        (r"x([ab]|c)", None),  # a class is no word
        (r"x(\d|c)", None),  # an escape is no word
        (r"x(a.|b)", None),
        (r"x(foo|)", None),  # an empty alternative: any text
        (r"x((foo)|bar)", None),  # nested group
        (r"x[|](foo|bar)", ("foo", "bar")),  # '|' in a class is no alternation
        (r"x\|(foo|bar)", ("foo", "bar")),  # nor an escaped one
        (r"x[]|](foo|bar)", ("foo", "bar")),  # ']' first in a class is a member
        (r"x[^]|](foo|bar)", ("foo", "bar")),
        (r"x(foo|bar)+", ("foo", "bar")),  # '+': the group is there at least once
        (r"x(a\|b|c)", None),
    ],
)
def test_needed_words_edge_cases(pattern, expected):
    assert needed_words(re.compile(pattern)) == expected


def test_needed_words_none_under_ignorecase_or_verbose():
    assert needed_words(re.compile(r"x(foo|bar)", re.IGNORECASE)) is None
    assert needed_words(re.compile(r"x (foo|bar)", re.VERBOSE)) is None


def _literals(pattern: str) -> list[str]:
    """The pattern's literal characters: what strings that nearly match are made of."""
    return sorted({c for c in re.sub(r"\\.", "", pattern) if c not in "\\.^$*+?{}[]()|"} | set("，。x ab|]"))


PROPERTY_PATTERNS = [
    r"x.{0,5}(foo|bar)",
    r"x(foo|bar)?y(baz|qux)",
    r"x[|](foo|bar)",
    r"x\|(foo|bar)",
    r"x[]|](foo|bar)",
    r"x(foo|bar)+",
    r"a[^。]{0,3}(ab|ba)x",
]


# The shipped promo patterns that get words (the others are searched on every text anyway).
SHIPPED_WITH_WORDS = [p.pattern for p in JUNK.promo_patterns if needed_words(p) is not None]


@pytest.mark.parametrize("pattern", SHIPPED_WITH_WORDS + PROPERTY_PATTERNS)
def test_needed_words_hold_in_every_match(pattern):
    """Random strings of the pattern's own characters and of pieces of its words: a string
    holding none of the words never matches."""
    compiled = re.compile(pattern)
    words = needed_words(compiled)
    assert words
    rng = random.Random(pattern)
    alphabet = _literals(pattern)
    pieces = [w[:k] for w in words for k in range(1, len(w))] + [w[k:] for w in words for k in range(1, len(w))]
    matched = 0
    for _ in range(3000):
        parts = [rng.choice(alphabet) if rng.random() < 0.6 else rng.choice(pieces) for _ in range(rng.randint(0, 12))]
        if rng.random() < 0.2:
            parts.insert(rng.randint(0, len(parts)), rng.choice(words))
        text = "".join(parts)
        match = compiled.search(text)
        if match:
            matched += 1
            assert any(w in text for w in words), (pattern, text)
    assert matched  # the strings came close enough to match at all


TOGETHER_PATTERNS = [r"^ab", r"^c|d", r"^(x)\1", r"^(?P<n>y)(?P=n)", r"^e+f", r"g$", r"^(?:h|i)j", r"^[|]k"]


def test_searched_together_finds_what_any_pattern_finds():
    originals = tuple(re.compile(p) for p in TOGETHER_PATTERNS)
    together = searched_together(originals)
    assert len(together) < len(originals)  # some were joined
    # Patterns with their own group references or a top-level '|' are left alone.
    assert any(p.pattern == r"^c|d" for p in together) and any(p.pattern == r"^(x)\1" for p in together)
    rng = random.Random(1)
    for _ in range(5000):
        text = "".join(rng.choice("abcdefghijkxy|") for _ in range(rng.randint(0, 6)))
        assert any(p.search(text) for p in together) == any(p.search(text) for p in originals), text


def test_searched_together_keeps_patterns_with_other_flags():
    originals = (re.compile("^ab"), re.compile("^cd", re.IGNORECASE), re.compile("^ef"))
    together = searched_together(originals)
    for text in ("ab", "AB", "CD", "cd", "ef", "Ef", "xab"):
        assert any(p.search(text) for p in together) == any(p.search(text) for p in originals), text


# ---------------------------------------------------------------- 2. profile XPaths


def test_profile_detects_select_the_same_elements_on_every_page():
    rewritten = 0
    for profile in default_options().profiles:
        for original, fast in zip(profile.detect, profile._detect_fast):
            rewritten += fast is not original
            for page in pages():
                assert fast(page.raw_root) == original(page.raw_root), (original.path, page.path)
    assert rewritten  # the shipped detects do take the faster spelling


# Nested lists: a position among siblings differs from a position in the document.
LISTS = lxml_html.fromstring(
    "<html><body><ul><li a='1'>one</li><li a='2'>two<ul><li a='1'>in</li><li a='2'>in2</li></ul></li></ul>"
    "<meta name='generator' content='x=y'></body></html>"
)


@pytest.mark.parametrize(
    "path",
    ["//li[position()=1]", "//li[position() = last()]", "//li[last()=2]", "//li[1]", "//li[@a='1'][1]",
     "//meta[contains(@content, 'x=y')]", "//li[count(li)]"],
)
def test_position_dependent_xpaths_are_left_alone(path):
    xpath = etree.XPath(path)
    assert _faster_xpath(xpath) is xpath


@pytest.mark.parametrize("path", ["//li[@a='1']", "//li[count(ul) = 1]", "//li[string-length(text()) > 2 and @a != '3']"])
def test_rewritten_xpaths_select_the_same(path):
    xpath = etree.XPath(path)
    fast = _faster_xpath(xpath)
    assert fast is not xpath and fast.path.startswith("/descendant::")
    assert fast(LISTS) == xpath(LISTS)


def test_a_position_predicate_would_differ_if_rewritten():
    # Why the ones above stay: "//li[1]" is each list's first item, "/descendant::li[1]" the document's.
    assert len(etree.XPath("//li[1]")(LISTS)) == 2
    assert len(etree.XPath("/descendant::li[1]")(LISTS)) == 1


# ---------------------------------------------------------------- 3. script


def _bmp() -> list[str]:
    return [chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000]


def test_nfkc_equals_normalize_on_every_bmp_character():
    chars = _bmp()
    for char in chars:
        if nfkc(char) != unicodedata.normalize("NFKC", char):
            pytest.fail(f"U+{ord(char):04X}")
    # In runs, so that marks combine with the characters before them.
    for start in range(0, len(chars), 256):
        chunk = "".join(chars[start : start + 256])
        assert nfkc(chunk) == unicodedata.normalize("NFKC", chunk), hex(ord(chunk[0]))


def test_nfkc_equals_normalize_on_random_mixed_strings():
    rng = random.Random(7)
    pools = [
        [chr(c) for c in range(0x4E00, 0x4E00 + 300)],  # CJK
        list("，：（）；？！。、“”《》　ａＡ１／．～"),  # full-width marks and forms
        [chr(c) for c in range(0x20, 0x7F)],  # ASCII
        ["\u0301", "\u0308", "\u3099", "\u309a", "\uff9e", "\uff9f", "\u0327"],  # combining and voicing marks
        list("ｶﾞｷﾟ㍿㈱ﬁ①Ⅻ½²ÅΩK"),  # other compatibility forms
    ]
    for _ in range(4000):
        text = "".join(rng.choice(rng.choice(pools)) for _ in range(rng.randint(0, 30)))
        assert nfkc(text) == unicodedata.normalize("NFKC", text), ascii(text)


def test_fold_skips_conversion_only_where_zhconv_changes_nothing():
    rng = random.Random(3)
    common = [chr(c) for c in range(0x4E00, 0x9FA6, 37)]
    samples = [*texts(), *HAND_LINES, *("".join(rng.choice(common) for _ in range(20)) for _ in range(2000))]
    for text in samples:
        plain = zhconv.convert(text, "zh-hans")
        assert fold_uncached(text) == plain, text
        assert fold(text) == plain, text


# ---------------------------------------------------------------- 4. line judge

VOCAB = default_options().vocabulary
MODEL = default_options().model


def _plain_features(line: str, index: int, count: int, title: str | None) -> dict[str, float]:
    """The features with every shape regex searched on the line as the judge sees it."""
    out = linejudge.features(line, index, count, title, VOCAB)
    spaced = fold(unicodedata.normalize("NFKC", line))
    for name in linejudge.SHAPES:
        out[f"s_{name}"] = 1.0 if VOCAB.shapes[name].search(spaced) else 0.0
    return out


def _lines_of_pages():
    for page in pages():
        for lines in (page.paragraphs, page.blocks[:60]):
            if lines:
                yield page.title, lines


def test_shape_features_equal_every_shape_searched():
    for title, lines in _lines_of_pages():
        for i, line in enumerate(lines):
            got = linejudge.features(line, i, len(lines), title, VOCAB)
            assert got == _plain_features(line, i, len(lines), title), line


def test_page_markers_skip_long_lines_with_the_same_verdicts():
    lines = [line for _, body in _lines_of_pages() for line in body]
    lines += ["-- 第 2 页 --" + " " * 30, "２／３ " * 4, "第" + "\u0301" * 30 + "2页"]  # padding, full width, marks
    for line in lines:
        assert linejudge.is_page_marker(line) == linejudge._marker_shape(linejudge._unspaced(nfkc(line))), line


def test_junk_probabilities_equal_the_plain_model():
    for title, lines in _lines_of_pages():
        got = linejudge.junk_probabilities(lines, title, judge=MODEL, vocab=VOCAB)
        plain = [MODEL.probability(_plain_features(line, i, len(lines), title)) for i, line in enumerate(lines)]
        assert got == plain, title


def test_bounded_scores_equal_the_plain_vector_or_bound_it():
    # _Scorer.bounded: a complete answer is the plain vector and its probability; a cut one
    # holds every feature it measured as the plain vector does, and a probability under
    # `below` that is at least the line's own (so every comparison with `below` or more agrees).
    below = min(MODEL.threshold, linejudge.EDGE_RUN_PROBABILITY)
    unmeasured = {linejudge._SLOT[f"s_{name}"] for name in linejudge.SHAPES} | {linejudge._SLOT["title_overlap"]}
    counts = {True: 0, False: 0}
    # The time shape's \d on Arabic-Indic digits is what lifts these over `below`.
    hand = ["页面不存在 ١٢:٣٠", "同志们: ١٢:٣٠", "市长在市政府全体经济会议上的讲话(精选6篇) ١٢:٣٠", "共٥٠٣٤字"]
    for title, lines in (*_lines_of_pages(), ("在全市工作会议上的讲话", [*hand, *hand, *hand])):
        scorer = linejudge._Scorer(title, VOCAB, MODEL)
        for i, line in enumerate(lines):
            plain = _plain_features(line, i, len(lines), title)
            # (a shape the model gives no weight is not searched by a judging scorer: 0.0)
            plain_vector = [plain[name] if MODEL.weights[name] else 0.0 for name in linejudge.feature_names()]
            plain_probability = MODEL.probability(plain)
            got, probability, complete = scorer.bounded(line, i, len(lines), below)
            counts[complete] += 1
            if complete:
                assert (got, probability) == (plain_vector, plain_probability), line
            else:
                assert [v for k, v in enumerate(got) if k not in unmeasured] == \
                    [v for k, v in enumerate(plain_vector) if k not in unmeasured], line
                assert plain_probability <= probability < below, line
    assert counts[True] and counts[False] > counts[True]  # both ways taken, mostly the cut one


def test_junk_flags_equal_with_every_line_measured(monkeypatch):
    bodies = list(_lines_of_pages())
    got = [linejudge.junk_flags(lines, title, judge=MODEL, vocab=VOCAB) for title, lines in bodies]

    def measured(self, line, index, count, below):
        vector = self.vector(line, index, count)
        return vector, MODEL.vector_probability(vector), True

    monkeypatch.setattr(linejudge._Scorer, "bounded", measured)
    plain = [linejudge.junk_flags(lines, title, judge=MODEL, vocab=VOCAB) for title, lines in bodies]
    assert got == plain
    assert sum(map(sum, plain)) > 50  # the bodies hold junk lines, found both ways


def test_reaches_equals_the_probability_compared():
    # _Scorer.reaches (the glued tails' test) answers `probability >= limit` as the plain
    # probability does, for every limit the judge compares with, on lines and their tails.
    limits = (MODEL.threshold, min(MODEL.threshold + linejudge.GLUED_MARGIN, 0.99), linejudge.EDGE_RUN_PROBABILITY)
    reached = 0
    for title, lines in _lines_of_pages():
        scorer = linejudge._Scorer(title, VOCAB, MODEL)
        parts = [part for line in lines for part in (linejudge._tail_split(line) or ())]
        for k, line in enumerate([*lines, *parts]):
            i = k % len(lines)  # a tail is judged at some line of the body
            probability = MODEL.probability(_plain_features(line, i, len(lines), title))
            for limit in limits:
                assert scorer.reaches(line, i, len(lines), limit) == (probability >= limit), (line, limit)
                reached += probability >= limit
    assert reached > 100


def _plain_is_lead_in(line: str, title: str | None) -> bool:
    """is_lead_in as first written: the quote's overlap with the title, then what is said around it."""
    key = "".join(fold(title or "").split()).lower()
    if len(key) < 4:
        return False
    grams = {key[i : i + 2] for i in range(len(key) - 1)}
    folded = fold(line)
    for match in linejudge._QUOTED.finditer(folded):
        quoted = "".join(next(g for g in match.groups() if g).split()).lower()
        if sum(gram in quoted for gram in grams) < linejudge.LEAD_TITLE_OVERLAP * len(grams):
            continue
        rest = "".join((folded[: match.start()] + folded[match.end() :]).split()).lower()
        if len(rest) <= linejudge.LEAD_MAX_REST_CHARS and VOCAB.outward.search(rest):
            return True
    return False


def test_lead_in_equals_the_plain_order_of_tests():
    title = "在全市教育工作大会上的讲话"
    hand = [
        "下面是小编为大家整理的《在全市教育工作大会上的讲话》，欢迎阅读参考。",  # a lead-in
        "《在全市教育工作大会上的讲话》",  # the quote alone
        "下面是小编为大家整理的《安全生产工作要点》，欢迎阅读参考。",  # another document
        "会议指出，" * 10 + "《在全市教育工作大会上的讲话》，欢迎阅读。",  # too much around it
    ]
    assert [linejudge.is_lead_in(line, title, VOCAB) for line in hand] == [True, False, False, False]
    found = 0
    for page in pages():
        for line in dict.fromkeys((*page.lines, *page.blocks, *page.paragraphs, *hand)):
            got = linejudge.is_lead_in(line, page.title, VOCAB)
            assert got == _plain_is_lead_in(line, page.title), (line, page.title)
            found += got
    for line in hand:
        assert linejudge.is_lead_in(line, title, VOCAB) == _plain_is_lead_in(line, title)


def _plain_is_noise(line: str) -> bool:
    return not re.search("[，。！？；、,!?;：:]", line) and len(re.findall("[\u3400-\u9fff]", line)) >= linejudge.NOISE_CJK


def test_is_noise_equals_the_plain_count():
    # is_noise: a line shorter than NOISE_CJK is never noise, CJK counted by runs.
    edge = "中" * (linejudge.NOISE_CJK - 1)
    hand = [edge, edge + "文", edge + "a", "a" + edge + "文", edge + "，文", "\u3400" + edge, "\u9fff" * 40, "\u4e00 " * 40]
    assert [linejudge.is_noise(line) for line in hand] == [False, True, False, True, False, True, True, True]
    for line in hand:
        assert linejudge.is_noise(line) == _plain_is_noise(line), line
    noise = 0
    for line in texts():
        assert linejudge.is_noise(line) == _plain_is_noise(line), line
        noise += _plain_is_noise(line)
    assert noise  # the pages hold noise lines too


def _needs_patterns():
    known = {p.pattern: p for p in (*VOCAB.shapes.values(), VOCAB.markup_run, VOCAB.char_count)}
    return [(known.get(text), text, needs) for text, needs in VOCAB.needs.items()]


def test_every_shipped_needs_list_is_read():
    # Each [needs] entry of linejudge.toml reaches its pattern: none is silently dropped.
    data = read_toml(RULES_DIR / "linejudge.toml")
    assert len(VOCAB.needs) == len(data["needs"]) >= 6
    for pattern, text, needs in _needs_patterns():
        assert pattern is not None and needs, text


def test_a_needs_entry_for_no_pattern_is_refused():
    data = read_toml(RULES_DIR / "linejudge.toml")
    data["needs"] = {**data["needs"], "shapes.nonexistent": ["x"]}
    with pytest.raises(linejudge.LineJudgeError, match=r"\[needs\]: unknown patterns \['shapes.nonexistent'\]"):
        linejudge.parse_vocabulary(data)


def test_a_pattern_never_matches_a_line_without_its_needed_strings():
    lines = [form for t in (*texts(), *HAND_LINES) for form in (fold(t), fold(unicodedata.normalize("NFKC", t)))]
    lines += ["2024年5月1日", "12:30", "5034字", "{a}{b}", "a > b", "www.x.cn", "http://x", "19 20", "a|b"]
    for pattern, text, needs in _needs_patterns():
        hits = 0
        for line in lines:
            if pattern.search(line):
                hits += 1
                assert any(n in line for n in needs), (text, line)
                assert linejudge._may_match(pattern, line, VOCAB)
        assert hits, text  # the pattern matched something: the check saw hits


# The digit shapes search \d, any decimal digit: NFKC keeps these, so they are no ASCII digits.
@pytest.mark.parametrize("line", ["时间 ١٢:٣٠", "共٥٠٣٤字", "१२:३० 发布"])
def test_shapes_with_non_ascii_digits(line):
    assert linejudge.features(line, 0, 1, None, VOCAB) == _plain_features(line, 0, 1, None)


# ---------------------------------------------------------------- 5. dated threads


def _threads_key(groups) -> list:
    if not groups:
        return []
    tree = groups[0].parent.getroottree()
    return [(tree.getpath(g.parent), [[tree.getpath(e) for e in i.elements] for i in g.items]) for g in groups]


def test_dated_threads_in_post_scopes_equal_the_whole_tree_search():
    found = 0
    for page in pages():
        index = page.walk.element_index
        groups = repeats.find_groups(page.root, hidden=lambda el: id(el) not in index)
        for known in ([], list(groups)):
            whole = comments.dated_threads(page.root, known)
            scoped = comments.dated_threads(page.root, known, groups.post_scopes)
            assert _threads_key(scoped) == _threads_key(whole), page.path
            found += bool(whole)
    assert found  # some pages do hold dated threads


# ---------------------------------------------------------------- 6. pagination


def _anchors(*links: tuple[str, str]) -> etree._Element:
    body = "".join(f'<a href="{href}">{text}</a>' for href, text in links)
    return lxml_html.fromstring(f"<html><body><p>正文</p>{body}</body></html>")


def test_next_page_answers_on_hand_link_sets():
    url = "http://s.cn/a/123.html"
    # A "下一页" that is no next part (another article, no '_' nor '='): none.
    assert next_page_url(_anchors(("/a/124.html", "下一页")), url) is None
    assert next_page_url(_anchors(("/a/123_2.html", "下一页")), url) == "http://s.cn/a/123_2.html"
    # A page-number link is the fallback when no "下一页" names the next part.
    assert next_page_url(_anchors(("/a/123_2.html", "2"), ("/a/124.html", "下一页")), url) == "http://s.cn/a/123_2.html"
    assert next_page_url(_anchors(("?page=2", "下一页")), "http://s.cn/list.php?id=5") == "http://s.cn/list.php?page=2"
    # A page numbered "_0": its next part holds neither '_' nor '='.
    assert next_page_url(_anchors(("123.html", "下一页")), "http://s.cn/a/123_0.html") == "http://s.cn/a/123.html"
    assert next_page_url(_anchors(("124.html", "下一页")), "http://s.cn/a/123_0.html") is None
    # Without the page's URL: the link's shape and text.
    assert next_page_url(_anchors(("/a/x.html", "下一页")), None) is None
    assert next_page_url(_anchors(("/a/x_2.html", "下一页")), None) == "/a/x_2.html"


def _random_url(rng: random.Random) -> str:
    stem = rng.choice(["a", "123", "a_b", "x/y", "a_12345", "p-1"])
    part = rng.choice(["", "", "_2", "_3", "_1"])
    ext = rng.choice([".html", ".shtml", ".php", ".aspx", "", "/"])
    query = rng.choice(["", "", "?page=2", "?id=5&p=3", "?pn=1", "?page="])
    return f"http://s.cn/{stem}{part}{ext}{query}"


def _random_href(rng: random.Random) -> str:
    return rng.choice(["", "/", "./", "../", "http://s.cn/", "//s.cn/"]) + rng.choice(
        ["a", "123", "a_b", "x/y", "y", "a_12345", "124", "p-1"]) + rng.choice(
        ["", "_2", "_3", "_4", "_1", "_0"]) + rng.choice([".html", ".shtml", ".php", "", "/"]) + rng.choice(
        ["", "?page=3", "?page=2", "?p=4", "?pn=2", "?x", "#f", "?page=2#x"])


def test_a_next_part_href_holds_an_underscore_or_an_equals_sign():
    """The pre-test's premise, checked by `is_next_part` itself: after a page not numbered
    "_0", an href holding neither '_' nor '=' never resolves to the next part."""
    rng = random.Random(11)
    next_parts = 0
    for _ in range(30000):
        url, href = _random_url(rng), _random_href(rng)
        nxt = is_next_part(url, urljoin(url, href))
        next_parts += nxt
        if nxt and _part_of(urlparse(url).path)[1] != 0:
            assert "_" in href or "=" in href, (url, href)
    assert next_parts > 100
    # And on every link of the project's pages, from their own URLs.
    for page in pages():
        if page.url is None or _part_of(urlparse(page.url).path)[1] == 0:
            continue
        for href in page.raw_root.xpath("//a/@href"):
            if "_" not in href and "=" not in href and href.strip():
                assert not is_next_part(page.url, urljoin(page.url, href.strip())), (page.url, href)


# ---------------------------------------------------------------- 7. template


def _plain_masked(text: str, masks=()) -> str:
    line = re.sub(r"[\s\u3000\u00a0\u200b\ufeff]+", "", unicodedata.normalize("NFKC", text)).lower()
    for mask in masks:
        line = line.replace(mask, template.TITLE_MASK)
    line = template._DATE.sub(template.DATE_MASK, line)
    return re.sub(r"\d+", "0", line)


def _plain_fingerprint(text: str, masks=()) -> str | None:
    line = _plain_masked(text, masks)
    if len(re.findall(r"[^\W\d_]", line)) < 2:
        return None
    return hashlib.blake2b(line.encode("utf-8"), digest_size=8).hexdigest()


MASK_CASES = [
    ("发布时间：2024-05-01 12:30", [], "发布时间:\x02\x02"),  # NFKC: '：' -> ':'; the spaces go first
    ("第 12 期　共３页", [], "第0期共0页"),
    ("\u200b本文\ufeff由 小编\u3000整理", [], "本文由小编整理"),
    ("ＡＢＣ　Ｄ", [], "abcd"),
    ("《年度工作报告》由本站整理 2023年5月1日", ["年度工作报告"], "《\x01》由本站整理\x02"),
    ("阅读 1234 次", [], "阅读0次"),
    ("\u00a0\u200b\ufeff", [], ""),
    ("no digits here", [], "nodigitshere"),
]


@pytest.mark.parametrize(("text", "masks", "expected"), MASK_CASES)
def test_masked_line_hand_cases(text, masks, expected):
    assert template.masked_line(text, masks) == expected
    assert template.masked_line(text, masks) == _plain_masked(text, masks)


@pytest.mark.parametrize(("text", "masks"), [(t, m) for t, m, _ in MASK_CASES] + [("1a", []), ("ab", []), ("\x01", []), ("2024-05-01", [])])
def test_fingerprint_hand_cases(text, masks):
    assert template.fingerprint(text, masks) == _plain_fingerprint(text, masks)


def test_fingerprint_needs_two_wording_characters():
    assert template.fingerprint("12 34 / —") is None
    assert template.fingerprint("a1") is None
    assert template.fingerprint("第1") is None
    assert template.fingerprint("第1页") is not None


def test_masked_line_and_fingerprint_equal_plain_on_every_text():
    for text in texts():
        assert template.masked_line(text) == _plain_masked(text), text
        assert template.fingerprint(text) == _plain_fingerprint(text), text


def test_walk_children_equal_the_trees_children():
    # edge_lines takes an element's children from the walk's depths, not from the tree.
    for page in pages()[::3]:
        walk = page.walk
        index = walk.element_index
        plain = {}
        for i, el in enumerate(walk.elements):
            kids = [index[id(c)] for c in el if id(c) in index]
            if kids:
                plain[i] = kids
        assert template._children(walk) == plain, page.path


EDGE_PAGE = """<html><body>
<div class="main c12">
  <p>第一段讲话内容写在这里，同志们大家好。</p>
  <!-- a comment among the children -->
  <p>第二段讲话内容也写在这里，我们一起努力。</p>
  <p>中间一段不在边上，不会被读到。</p>
  <p>倒数第二段讲话内容写在这里，谢谢大家。</p>
  <p>最后一段讲话内容写在这里，2024年5月1日。</p>
  <ul class="list">
    <li>列表第一项的文字内容比较长一点</li>
    <li>列表第二项的文字内容比较长一点</li>
    <li>列表第三项的文字内容比较长一点</li>
  </ul>
</div>
<div class="links">
  <p><a href="/1">链接一的文字内容很长很长很长</a></p>
  <p><a href="/2">链接二的文字内容很长很长很长</a></p>
  <p><a href="/3">链接三的文字内容很长很长很长</a></p>
</div>
</body></html>"""


def test_edge_lines_on_a_hand_page():
    root = lxml_html.fromstring(EDGE_PAGE)
    walk = blk.walk(root.find("body"), lambda block: 0.0)
    edges = template.edge_lines(walk)
    main = "div.c main"  # classes sorted, digits left out ("main c12")
    assert edges == {
        # The body's two <div>s: texts too long to compare ("" holds the slot).
        ">div:first0": "", ">div:first1": "", ">div:last0": "", ">div:last1": "",
        f"{main}>p:first0": _plain_masked("第一段讲话内容写在这里，同志们大家好。"),
        f"{main}>p:first1": _plain_masked("第二段讲话内容也写在这里，我们一起努力。"),
        f"{main}>p:last0": _plain_masked("最后一段讲话内容写在这里，2024年5月1日。"),
        f"{main}>p:last1": _plain_masked("倒数第二段讲话内容写在这里，谢谢大家。"),
        f"{main}/ul.list>li:first0": _plain_masked("列表第一项的文字内容比较长一点"),
        f"{main}/ul.list>li:first1": _plain_masked("列表第二项的文字内容比较长一点"),
        f"{main}/ul.list>li:last0": _plain_masked("列表第三项的文字内容比较长一点"),
        f"{main}/ul.list>li:last1": _plain_masked("列表第二项的文字内容比较长一点"),
        # div.links is mostly links: no slots of its own; the comment takes no rank
    }
    assert edges[f"{main}>p:last0"].endswith("\x02。")  # the date masked


# ---------------------------------------------------------------- 8. block walk


def _plain_walk(root, score, skip=None, skip_tags=frozenset()) -> dict:
    """The block walk written out plainly: recursive, every buffer flushed through
    split_indented, blocks measured and every element's sums added up from its blocks."""
    blocks, weights, buf = [], [], []
    elements, depth, first, last, span_last = [], [], [], [], []
    block_tags = []
    state = {"links": 0, "in_link": 0}

    def add(text):
        if text:
            buf.append(text)
            if state["in_link"]:
                state["links"] += len(text) - text.count(" ")

    def flush():
        raw, links = "".join(buf), state["links"]
        buf.clear()
        state["links"] = 0
        pieces = blk.split_indented(raw)
        total = sum(len(p) for p in pieces) or 1
        for piece in pieces:
            blocks.append((piece, round(links * len(piece) / total), block_tags[-1] if block_tags else "body"))

    def visit(el, level):
        tag = el.tag
        if not isinstance(tag, str) or tag in skip_tags or (skip is not None and skip(el)):
            add(el.tail)
            return
        if tag in blk.BLOCK_TAGS or tag == "br":
            flush()
            if tag != "br":
                block_tags.append(tag)
        elif tag == "a":
            state["in_link"] += 1
        idx = len(elements)
        elements.append(el)
        depth.append(level)
        first.append(len(blocks))
        last.append(None)
        span_last.append(None)
        add(el.text)
        for child in el:
            visit(child, level + 1)
        last[idx] = len(blocks)
        if tag in blk.BLOCK_TAGS:
            flush()
            block_tags.pop()
        elif tag == "a":
            state["in_link"] -= 1
        span_last[idx] = len(blocks) + 1 if buf else len(blocks)
        add(el.tail)

    visit(root, 0)
    flush()
    made = [blk.Block(text, links, tag, i) for i, (text, links, tag) in enumerate(blocks)]
    sizes = [len(text) - text.count(" ") for text, _, _ in blocks]
    if score is not None:
        weights = [score(b) for b in made]
    owned = list(zip(first, last))
    return {
        "blocks": [(b.text, b.links, b.tag, b.index, b.size, b.punctuated) for b in made],
        "plain_blocks": [(text, links, tag, i, sizes[i], re.search(r"[，。！？；：、,.!?;:“”（）《》]", text) is not None)
                         for i, (text, links, tag) in enumerate(blocks)],
        "elements": elements,  # (both lists hold the proxies: the same objects)
        "depth": depth,
        "scores": [functools.reduce(lambda x, y: x + y, weights[a:b], 0.0) if score is not None and b > a else 0.0
                   for a, b in owned],
        "chars": [sum(sizes[a:b]) for a, b in owned],
        "link_chars": [sum(links for _, links, _ in blocks[a:b]) for a, b in owned],
        "first": [a if b > a else -1 for a, b in owned],
        "last": [b if b > a else -1 for a, b in owned],
        "span_first": first,
        "span_last": span_last,
        "size_upto": [sum(sizes[:i]) for i in range(len(blocks) + 1)],
        "links_upto": [sum(links for _, links, _ in blocks[:i]) for i in range(len(blocks) + 1)],
    }


def _walk_fields(walk: blk.Walk) -> dict:
    return {
        "blocks": [(b.text, b.links, b.tag, b.index, b.size, b.punctuated) for b in walk.blocks],
        "elements": walk.elements,
        **{name: getattr(walk, name) for name in ("depth", "scores", "chars", "link_chars", "first", "last",
                                                  "span_first", "span_last", "size_upto", "links_upto")},
    }


WALK_CASES = [
    "<div>\n  <span>文字</span>\n</div>",  # white space, then text, in one buffer
    "<div><p>甲</p>\n<p>乙</p>\n\n<br>\n<p>丙<a href='/'>链接</a>\n</p>  </div>",
    "<div>\u3000\u3000第一段。\u3000\u3000第二段<a href='/x'>链 接</a>。</div>尾",
    "<div><a href='/'>\n</a><p>\u200b</p>\ufeff<p> x </p></div>",
    "<ul><li>一</li><li><a href='/a'>二</a>\n</li>\n<li>三<br>四</li></ul>",
]


def test_block_walk_equals_plain_walk():
    """blocks.walk's shortcuts (white-space-only buffers dropped without a flush, one piece
    without split_indented, Block measured in its own __init__, running sums by accumulate)
    give the plain walk's every field, on every page and on hand cases."""
    skip = content._skipper(default_options().junk)
    roots = [p.root.find("body") if p.root.find("body") is not None else p.root for p in pages()]
    roots += [lxml_html.fromstring(f"<html><body>{case}</body></html>").find("body") for case in WALK_CASES]
    # A root that is no block (a profile's selector may pick one): its text outside any block is "body"'s.
    roots += [lxml_html.fromstring("<div><span>甲<b>乙</b><p>丙</p>丁<a href='/'>戊</a></span>尾</div>").find("span")]
    for root in roots:
        for args in ((content.block_weight, skip, content._CHROME_TAGS), (None,), (lambda block: 0.0,)):
            walk, plain = _walk_fields(blk.walk(root, *args)), _plain_walk(root, *args)
            assert plain.pop("plain_blocks") == plain["blocks"]
            assert walk == plain, (root.getroottree().docinfo.URL, args)


# ---------------------------------------------------------------- 9. breadcrumbs


def _plain_breadcrumbs(root, head=None) -> list[str]:
    """breadcrumbs with every element's class/id and text tested as they are."""
    for el in root.iter("div", "p", "span", "nav", "ol", "ul", "section", "td"):
        attrs = f"{el.get('class') or ''} {el.get('id') or ''}"
        text = el.text
        if metadata._BREADCRUMB_TOKENS.search(attrs) or (
                text and metadata._BREADCRUMB_LABEL.match(text) and len("".join(el.itertext())) < 300):
            return metadata.breadcrumbs_of(root, el, head)
    return metadata.breadcrumbs_of(root, None, head)


CRUMB_CASES = [
    '<div class="a">x</div><div id="a">y</div><p>当前页面：<a href="/">首页</a> > <a href="/x">栏目</a></p>',
    '<div class="crumbs x"><a href="/">首页</a><a href="/x">栏目</a></div>',
    '<span>  您现在的位置: <a href="/">首页</a><a href="/y">新闻</a></span>',
    '<ul id="nav-path"><li><a href="/">首页</a></li><li><a href="/z">专题</a></li></ul>',
    '<div class="main" id="path2">首页 > 栏目 > 正文</div>',
    '<p>位置</p><td>当前页 面</td>',
    '<div class="x">a</div><div class="x" id="path"><a href="/">首页</a><a href="/p">栏目</a></div>',  # same class, another id
    '<div class="x" id="">a</div><div class="" id="x">b</div><div class=" ">当前页面 首页 / 栏目</div>',
]


def test_breadcrumbs_equal_plain_tests_of_every_element():
    roots = [p.root for p in pages()]
    roots += [lxml_html.fromstring(f"<html><body>{case}</body></html>") for case in CRUMB_CASES]
    found = 0
    for root in roots:
        head = metadata.read_head(root, None)
        crumbs = metadata.breadcrumbs(root, head)
        assert crumbs == _plain_breadcrumbs(root, head)
        found += bool(crumbs)
    assert found > 20  # trails were found: the comparison saw hits


_PLAIN_TRAIL_CANDIDATES = etree.XPath(
    "(descendant-or-self::a/.. | descendant-or-self::span/a/../..)"
    "[self::div or self::p or self::span or self::nav or self::section]"
    "[(count(a) >= 2 and count(a) <= 8) or (count(a) = 0 and count(span/a) >= 2 and count(span/a) <= 8)]"
)

TRAIL_CASES = [
    '<div><a href="/">1</a></div><p><a>1</a><a>2</a></p><nav>' + "<a>x</a>" * 8 + '</nav><section>' + "<a>y</a>" * 9 + "</section>",
    '<div><span><a>1</a></span><span><a>2</a></span></div><div><a>0</a><span><a>1</a></span><span><a>2</a></span></div>',
    '<span><a>1</a><span><a>2</a><a>3</a></span><a>4</a></span>',  # nested: the outer first
    '<ul><li><a>1</a><a>2</a></li></ul><td><span><a>1</a><a>2</a></span></td>',  # not a trail's tag
    '<div><span><a>1</a></span><b><a>2</a></b><span><a>3</a><a>4</a></span></div>',
    '<p>' + "<span><a>z</a></span>" * 9 + '</p><p><span>' + "<a>z</a>" * 3 + '</span></p>',
]


def test_trail_candidates_equal_the_xpath():
    roots = [p.root for p in pages()]
    roots += [lxml_html.fromstring(f"<html><body>{case}</body></html>") for case in TRAIL_CASES]
    many = 0
    for root in roots:
        found = metadata._trail_candidates(root)
        assert found == _PLAIN_TRAIL_CANDIDATES(root)
        many += len(found) > 1
    assert many > 50  # pages with several: their order was compared
