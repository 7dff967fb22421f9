"""One walk over the tree: visible text cut into blocks (paragraph candidates).

A block is the text between two block-level boundaries (`<p>`, `<div>`, `<li>`,
`<td>`, `<br>`, headings, ...). Runs of full-width or non-breaking spaces inside
a block are paragraph indentation and cut it too. The walk also sums, for every
element, the score of the blocks it contains, so the main-content search needs
no second pass over the tree.
"""
from __future__ import annotations

import operator
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, reduce
from itertools import accumulate

from lxml import etree

BLOCK_TAGS = frozenset(
    """p div section article main header footer aside nav h1 h2 h3 h4 h5 h6 ul ol li dl dt dd
    table tbody thead tfoot tr td th caption blockquote pre form center figure figcaption
    address fieldset hr body html details summary legend""".split()
)
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())

_INDENT = re.compile(r"[\u3000\u00a0]{2,}")
_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_STRIP = " \t\r\n\u3000\u00a0\u200b\ufeff"
_PUNCT = re.compile(r"[，。！？；：、,.!?;:“”（）《》]")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")


@dataclass(slots=True, init=False)  # slots: a page has hundreds of blocks, each read many times
class Block:
    text: str
    links: int  # characters inside <a>
    tag: str  # the block element the text sits in
    index: int = 0
    # The text never changes after the walk: measure it once, here (every block is
    # weighed, and a cached_property takes a lock on each access before Python 3.12).
    size: int = field(init=False, repr=False, compare=False)
    punctuated: bool = field(init=False, repr=False, compare=False)  # holds any punctuation
    weight: float | None = field(default=None, init=False, repr=False, compare=False)  # content.block_weight's, once

    def __init__(self, text: str, links: int, tag: str, index: int = 0) -> None:
        # Written out (the dataclass's own would call a __post_init__ besides): once per block.
        self.text, self.links, self.tag, self.index, self.weight = text, links, tag, index, None
        self.size = len(text) - text.count(" ")
        self.punctuated = _PUNCT.search(text) is not None


@dataclass
class Walk:
    blocks: list[Block] = field(default_factory=list)
    elements: list[etree._Element] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    first: list[int] = field(default_factory=list)  # first block index inside element
    last: list[int] = field(default_factory=list)  # last block index + 1
    depth: list[int] = field(default_factory=list)
    chars: list[int] = field(default_factory=list)  # text characters inside element
    link_chars: list[int] = field(default_factory=list)  # of which inside <a>
    # Blocks [span_first, span_last) hold the element's text, its own last block
    # included (`first`/`last` leave out the block flushed as the element closes).
    span_first: list[int] = field(default_factory=list)
    span_last: list[int] = field(default_factory=list)
    # Running sums over the blocks: blocks[a:b] hold size_upto[b] - size_upto[a] characters,
    # links_upto[b] - links_upto[a] of them in links (any span, without adding its blocks up).
    size_upto: list[int] = field(default_factory=list)
    links_upto: list[int] = field(default_factory=list)

    @cached_property
    def element_index(self) -> dict[int, int]:
        """id(element) -> its position in `elements` (built on first use)."""
        return {id(el): i for i, el in enumerate(self.elements)}


def clean_text(text: str) -> str:
    if "\u200b" in text or "\ufeff" in text:  # the two _SPACES characters that are no str.isspace
        return _SPACES.sub(" ", text).strip(_STRIP)
    # Otherwise _SPACES is str.isspace (\u3000 and \u00a0 are): split() finds the same runs,
    # in C, several times faster than a regex pass.
    return " ".join(text.split())


def split_indented(text: str) -> list[str]:
    """Cut a run of text at paragraph indentation and normalise each piece."""
    parts = _INDENT.split(text) if "\u3000" in text or "\u00a0" in text else [text]
    out = []
    for part in parts:
        part = clean_text(part)
        if part:
            out.append(part)
    return out


def walk(
    root: etree._Element,
    score: Callable[[Block], float] | None,
    skip: Callable[[etree._Element], bool] | None = None,
    skip_tags: frozenset[str] = frozenset(),
) -> Walk:
    """Cut `root` into blocks; an element whose tag is in `skip_tags`, or for which
    `skip(el)` holds, is dropped with its subtree (its tail text stays). (The tags are
    tested here, without a call per element.) `score=None`: a walk for what the blocks
    say, not where the content is; every element's score is 0.0 (none is computed)."""
    result = Walk()
    blocks = result.blocks
    weights: list[float] = []
    buf: list[str] = []
    link_chars = 0
    in_link = 0
    open_idx: list[int] = []  # indices of the open elements, outermost first
    block_tags: list[str] = ["body"]  # the innermost open block element's tag last (text outside any: "body")
    # Blocks [owned_first, owned_last) were cut while the element was open: its blocks.
    owned_first: list[int] = []
    owned_last: list[int] = []
    span_last: list[int] = []

    def flush() -> None:
        nonlocal link_chars
        raw = "".join(buf)
        buf.clear()
        links = link_chars
        link_chars = 0
        if raw.isspace():  # the layout's line breaks between tags: no block (as split_indented finds)
            return
        tag = block_tags[-1]
        if "\u3000" not in raw and "\u00a0" not in raw:
            # No indentation: one piece (split_indented's common case, without its lists),
            # and all of the links are its own.
            piece = clean_text(raw)
            if piece:
                block = Block(piece, links, tag, len(blocks))
                blocks.append(block)
                if score is not None:
                    weights.append(score(block))
            return
        pieces = split_indented(raw)
        if not pieces:
            return
        total = sum(len(p) for p in pieces) or 1
        for piece in pieces:
            block = Block(piece, round(links * len(piece) / total), tag, len(blocks))
            blocks.append(block)
            if score is not None:
                weights.append(score(block))

    # Bound once: the loop below runs twice per element of the page.
    elements = result.elements
    add_element, add_depth = elements.append, result.depth.append
    add_first, add_last, add_span = owned_first.append, owned_last.append, span_last.append
    push, pop, add_text = open_idx.append, open_idx.pop, buf.append
    open_block, close_block = block_tags.append, block_tags.pop
    block_level = BLOCK_TAGS
    walker = etree.iterwalk(root, events=("start", "end"))
    skip_subtree = walker.skip_subtree
    for event, el in walker:
        tag = el.tag
        if event == "start":
            # (comments and PIs have a function for a tag)
            if tag.__class__ is not str or tag in skip_tags or (skip is not None and skip(el)):
                skip_subtree()
                push(-1)  # placeholder popped on "end"
                continue
            if tag in block_level:
                if buf:
                    if len(buf) == 1 and buf[0].isspace():  # a line break between tags: no block
                        buf.clear()
                        link_chars = 0
                    else:
                        flush()
                open_block(tag)
            elif tag == "br":
                if buf:
                    flush()
            elif tag == "a":
                in_link += 1
            add_depth(len(open_idx))
            push(len(elements))
            add_element(el)
            cut = len(blocks)
            add_first(cut)
            add_last(cut)  # both set when the element closes
            add_span(cut)
            text = el.text
            if text:
                add_text(text)
                if in_link:
                    link_chars += len(text) - text.count(" ")
        else:
            idx = pop()
            if idx >= 0:
                cut = len(blocks)
                owned_last[idx] = cut
                if tag in block_level:
                    if buf:
                        if len(buf) == 1 and buf[0].isspace():  # (as above)
                            buf.clear()
                            link_chars = 0
                        else:
                            flush()
                            cut = len(blocks)
                    close_block()
                elif tag == "a":
                    in_link -= 1
                # Text still buffered goes into the next block, which then holds some of it.
                span_last[idx] = cut + 1 if buf else cut
            text = el.tail
            if text:
                add_text(text)
                if in_link:
                    link_chars += len(text) - text.count(" ")
    if buf:
        flush()
    _sum_blocks(result, None if score is None else weights, owned_first, owned_last)
    result.span_first, result.span_last = owned_first, span_last
    return result


if sys.version_info >= (3, 12):
    def _float_sum(values: list[float]) -> float:
        """Left to right, as the walk used to add them (sum() of floats compensates from 3.12)."""
        return reduce(operator.add, values, 0.0)
else:
    def _float_sum(values: list[float]) -> float:
        """Left to right, as the walk used to add them (sum() of floats on 3.11)."""
        return sum(values, 0.0)


def _sum_blocks(result: Walk, weights: list[float] | None, owned_first: list[int],
                owned_last: list[int]) -> None:
    """Each element's score, characters and link characters over the blocks it owns,
    summed once per element after the walk (not once per open ancestor per block).
    `weights` None: no score was asked for, every element's is 0.0."""
    blocks = result.blocks
    chars_upto = list(accumulate([block.size for block in blocks], initial=0))
    links_upto = list(accumulate([block.links for block in blocks], initial=0))
    result.size_upto, result.links_upto = chars_upto, links_upto
    if weights is None:
        result.scores = [0.0] * len(owned_first)
    else:
        float_sum = _float_sum
        result.scores = [float_sum(weights[a:b]) if b > a else 0.0 for a, b in zip(owned_first, owned_last)]
    result.chars = [chars_upto[b] - chars_upto[a] for a, b in zip(owned_first, owned_last)]
    result.link_chars = [links_upto[b] - links_upto[a] for a, b in zip(owned_first, owned_last)]
    result.first = [a if b > a else -1 for a, b in zip(owned_first, owned_last)]
    result.last = [b if b > a else -1 for a, b in zip(owned_first, owned_last)]


def cjk_share(text: str) -> float:
    size = len(text) - text.count(" ")
    return cjk_count(text) / size if size else 0.0


def cjk_count(text: str) -> int:
    # Runs, not single characters: a few matches per paragraph instead of one per character.
    return sum(map(len, _CJK_RUN.findall(text)))


def densest_run(weights: Sequence[float], offset: int = 0) -> tuple[int, int, float]:
    """Kadane's maximum-sum run: (first, last + 1, sum) of the contiguous weights with
    the highest sum, as indexes shifted by `offset`; (offset, offset, 0.0) when none is positive."""
    best = (offset, offset, 0.0)
    run_start, total = offset, 0.0
    for i, weight in enumerate(weights, offset):
        if total <= 0:
            run_start, total = i, 0.0
        total += weight
        if total > best[2]:
            best = (run_start, i + 1, total)
    return best
