"""Reader comments: never body, their dates never the publication date."""
from __future__ import annotations

import pytest

from cleaning import clean_page
from tests.test_cleaning_pagetype import SPEECH_S, SPEECH_T, article, comment_thread, html

# The article's own date is plain (no label, no time): only its position tells it;
# the comments' timestamps are "strong" (with a time of day) and later.
PLAIN_HEAD = '<div class="info"><span>2021-03-05</span></div>'


@pytest.mark.parametrize("traditional", [False, True])
@pytest.mark.parametrize("posts", [2, 5])
def test_comments_are_not_body_and_not_the_date(traditional: bool, posts: int) -> None:
    lines = SPEECH_T if traditional else SPEECH_S
    raw = html(article(lines, extra=comment_thread(posts, traditional), head=PLAIN_HEAD))
    page = clean_page(raw, url="http://s.test/w/88.html")
    assert page.no_speech_reason is None and len(page.speeches) == 1
    body = page.speeches[0].body
    assert lines[-1] in body
    assert "读者1号" not in body and "希望後續" not in body and "希望后续" not in body
    assert page.published == "2021-03-05"


def test_comments_in_a_container_without_telling_class_names() -> None:
    posts = "".join(f"<div><b>u{i}</b> <i>2024-01-0{i + 1} 09:4{i}</i> <span>同意楼上的看法，第{i}次留言。</span></div>" for i in range(4))
    raw = html(article(SPEECH_S, extra=f"<div>{posts}</div>", head=PLAIN_HEAD))
    page = clean_page(raw, url="http://s.test/w/89.html")
    assert len(page.speeches) == 1
    assert "同意楼上" not in page.speeches[0].body
    assert page.published == "2021-03-05"


def test_timed_lines_inside_the_speech_stay() -> None:
    # An agenda in the middle of the speech is the speech's own text.
    agenda = [f"上午{8 + i}:30，{SPEECH_S[i][:20]}。" for i in range(3)]
    raw = html(article(SPEECH_S[:2] + agenda + SPEECH_S[2:]))
    page = clean_page(raw, url="http://s.test/w/90.html")
    assert len(page.speeches) == 1
    assert "上午9:30" in page.speeches[0].body


def test_a_page_of_timed_posts_only_is_no_speech() -> None:
    page = clean_page(html(comment_thread(8)), url="http://s.test/liuyan.html")
    assert page.speeches == []


@pytest.mark.parametrize("container", ["talk", "comment-list"])
def test_an_undated_article_takes_no_date_from_its_comments(container: str) -> None:
    # "comment-list" is skipped by the block walk, yet a date finder over the whole
    # tree would still see its timestamps.
    thread = comment_thread(4).replace('class="talk"', f'class="{container}"')
    raw = html(article(SPEECH_S, extra=thread, head=""))
    page = clean_page(raw, url="http://s.test/w/91.html")
    assert len(page.speeches) == 1
    assert page.published is None


@pytest.mark.parametrize("posts", [2, 9])
def test_comments_beside_the_publishers_article_frame(posts: int) -> None:
    frame = article(SPEECH_S, head=PLAIN_HEAD).replace('<div class="main">', '<div class="main"><article>', 1)
    frame = frame[: -len("</div>")] + "</article></div>"
    page = clean_page(html(frame + comment_thread(posts)), url="http://s.test/w/5.html")
    assert len(page.speeches) == 1 and "读者1号" not in page.speeches[0].body
    assert page.published == "2021-03-05"
