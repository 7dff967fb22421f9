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


# -- posts stamped with a date alone (no time of day) ------------------------------------
# The article's date line has a label no rule knows, so only the head's lines give it;
# a date finder over the whole tree meets the posts' <time> stamps first.
UNLABELLED_HEAD = '<div class="attr">2021年03月05日 刊出 · 约2300字</div>'
DATED_STAMPS = ["2023/08/01", "发表于 2023-08-02", "2023.08.03", "2023年08月04日"]


def dated_thread(container: str, traditional: bool = False) -> str:
    texts = ["開頭那段可以再精簡一些", "結構清楚，照著改了一版", "語言很接地氣，點讚", "比我自己寫的強多了"] if traditional \
        else ["开头那段可以再精简一些", "结构清楚，照着改了一版", "语言很接地气，点赞", "比我自己写的强多了"]
    posts = "".join(f'<li class="floor"><div class="who"><b>用户{i}</b> <time>{stamp}</time></div>'
                    f'<p>{texts[i]}</p><div class="acts"><a>顶</a> <a>引用</a></div></li>'
                    for i, stamp in enumerate(DATED_STAMPS))
    return f'<div class="{container}"><h3>读者留言</h3><ul class="floors">{posts}</ul></div>'


@pytest.mark.parametrize("traditional", [False, True])
@pytest.mark.parametrize("container", ["comment-wrap", "box"])  # skipped by the walk's class rules, or not
def test_posts_stamped_with_a_date_alone_give_no_date_and_no_body(container: str, traditional: bool) -> None:
    lines = SPEECH_T if traditional else SPEECH_S
    raw = html(article(lines, extra=dated_thread(container, traditional), head=UNLABELLED_HEAD))
    page = clean_page(raw, url="http://s.test/w/92.html")
    assert len(page.speeches) == 1 and lines[-1] in page.speeches[0].body
    assert "用户1" not in page.speeches[0].body and "引用" not in page.speeches[0].body
    assert page.published == "2021-03-05"


@pytest.mark.parametrize("traditional", [False, True])
def test_posts_whose_header_is_inline_spans_are_comments_too(traditional: bool) -> None:
    # Each rating: the name and the date in spans, side by side, then its text in a <p>.
    lines = SPEECH_T if traditional else SPEECH_S
    texts = ["第三部分寫得很實在", "正好用得上，謝謝分享", "格式有點亂，內容不錯"] if traditional \
        else ["第三部分写得很实在", "正好用得上，谢谢分享", "格式有点乱，内容不错"]
    posts = "".join(f'<li><span class="nick">读者{i}号</span><span class="when">{stamp}</span><p>{text}</p></li>'
                    for i, (stamp, text) in enumerate(zip(DATED_STAMPS, texts)))
    raw = html(article(lines, extra=f'<div class="rate"><h3>大家怎么看</h3><ul>{posts}</ul></div>', head=UNLABELLED_HEAD))
    page = clean_page(raw, url="http://s.test/w/94.html")
    assert len(page.speeches) == 1 and lines[-1] in page.speeches[0].body
    assert not any(text in page.speeches[0].body for text in texts) and "读者1号" not in page.speeches[0].body
    assert page.published == "2021-03-05"


@pytest.mark.parametrize("traditional", [False, True])
def test_posts_stamped_with_a_month_and_day_alone_are_comments(traditional: bool) -> None:
    # A mirror of a WeChat article: each message stamped "3月8日", no year, no time of day.
    lines = SPEECH_T if traditional else SPEECH_S
    texts = ["這段講得透徹，我們單位開會時參考了第二部分的寫法，效果不錯。", "結構清楚，層次分明，照著改了一版交上去了。",
             "數據部分很有用，正好用在年終總結裡，謝謝分享。"] if traditional else \
        ["这段讲得透彻，我们单位开会时参考了第二部分的写法，效果不错。", "结构清楚，层次分明，照着改了一版交上去了。",
         "数据部分很有用，正好用在年终总结里，谢谢分享。"]
    posts = "".join(f'<li><div class="who"><b>读者{i}</b><em>{stamp}</em></div><div class="said">{text}</div></li>'
                    for i, (stamp, text) in enumerate(zip(["3月8日", "6月5日", "11月20日"], texts)))
    raw = html(article(lines, extra=f'<div class="box"><p>精选</p><ul>{posts}</ul></div>', head=UNLABELLED_HEAD))
    page = clean_page(raw, url="http://s.test/w/95.html")
    assert len(page.speeches) == 1 and lines[-1] in page.speeches[0].body
    assert not any(text in page.speeches[0].body for text in texts)
    assert page.published == "2021-03-05"


def test_dated_paragraphs_and_table_rows_of_the_speech_stay() -> None:
    # A chronology inside the speech: a bold date opens each paragraph; a schedule table.
    chronology = [f"<b>2023年0{i + 1}月1{i}日</b>，{SPEECH_S[i][:30]}。" for i in range(3)]
    rows = "".join(f"<tr><td>2023-09-0{i + 1}</td><td>第{i + 1}阶段：{SPEECH_S[i][:16]}</td></tr>" for i in range(3))
    ps = "".join(f"<p>{p}</p>" for p in [*SPEECH_S[:2], *chronology, *SPEECH_S[2:]])
    raw = html(f'<div class="main"><h1>在全区河道整治推进会上的讲话</h1>{PLAIN_HEAD}<div class="text">{ps}'
               f"<table>{rows}</table></div></div>")
    page = clean_page(raw, url="http://s.test/w/93.html")
    body = page.speeches[0].body
    assert all(SPEECH_S[i][:30] in body for i in range(3))
    assert "第2阶段" in body
    assert page.published == "2021-03-05"


def test_a_forum_threads_long_opening_post_with_dated_replies_stays_the_article() -> None:
    opening = "".join(SPEECH_S + SPEECH_S)  # a post as long as an article (OPENING_POST_MIN_CHARS)
    replies = ["顶一个", "学习了，写得好", "收藏备用"]
    posts = [f'<div class="post"><div class="who"><b>楼主</b> <span>2021-03-05</span></div><div class="msg">{opening}</div></div>']
    posts += [f'<div class="post"><div class="who"><b>网友{i}</b> <span>2021-03-0{6 + i}</span></div>'
              f'<div class="msg">{text}</div></div>' for i, text in enumerate(replies)]
    raw = html(f'<div class="main"><h1>在全区河道整治推进会上的讲话</h1><div class="thread">{"".join(posts)}</div></div>')
    page = clean_page(raw, url="http://s.test/t/94.html")
    assert len(page.speeches) == 1
    body = page.speeches[0].body
    assert SPEECH_S[0][:20] in body and SPEECH_S[-1][-20:] in body
    assert not any(text in body for text in replies)
