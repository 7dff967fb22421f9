"""Page type from structure: list and about pages never yield a speech; articles do.

The pages are built here with wording of their own (not the rules' phrases), in
simplified and traditional characters, served under URLs that do not give them
away unless a test says so.
"""
from __future__ import annotations

import json

import pytest

from cleaning import clean_page
from cleaning.pagetype import SiteContext, about_url, ends_cut, list_url
from crawler.demo import DEMO_ROOT

SPEECH_S = [
    "各位同事，今天我们在这里集中研究下半年的河道整治任务，时间紧、任务重，大家务必绷紧这根弦。",
    "过去半年，全区共清理淤泥四万余方，新建护岸十二公里，沿河村庄的人居环境有了明显改观，群众满意度稳步上升。",
    "但也要清醒看到，部分支流的污染源还没有彻底切断，个别乡镇的巡查制度流于形式，问题整改存在拖延现象。",
    "下一步，各责任单位要对照清单逐项销号，主要负责人要亲自上阵，确保每一段河道都有人管、有人查、有人负责。",
]
SPEECH_T = [
    "各位鄉親，今天我們聚在這裡，一起商量村裡的茶園合作社該怎麼往前走，這件事關係到每一戶人家的收成。",
    "這三年來，合作社從最初的十幾戶發展到現在的一百二十戶，茶葉銷路從本縣擴展到了沿海幾個大城市。",
    "可是我們也看到，採摘標準不統一、包裝太簡單，好茶賣不出好價錢，年輕人願意留下來的還是太少。",
    "接下來，合作社要請專家來村裡培訓，統一標準、統一品牌，讓大家的辛苦換來實實在在的收益。",
]
FOOTER = '<div class="foot"><a href="/">网站首页</a> | <a href="/guanyu.html">关于本站</a> | <a href="/lianxi.html">联系方式</a><p>本站内容均由用户上传</p></div>'


def html(body: str, title: str = "页面", charset: str = "utf-8") -> bytes:
    return (f'<html><head><meta charset="{charset}"><title>{title}</title></head>'
            f"<body><div class='top'><a href='/'>首页</a> <a href='/fenlei/'>栏目</a></div>{body}{FOOTER}</body></html>").encode(charset)


def article(paragraphs: list[str], extra: str = "", head: str = '<div class="meta">发布时间：2021-03-05</div>') -> str:
    ps = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f'<div class="main"><h1>在全区河道整治推进会上的讲话</h1>{head}<div class="text">{ps}</div>{extra}</div>'


def teaser_river(n: int = 8, marker: str = "…", traditional: bool = False) -> str:
    lines = SPEECH_T if traditional else SPEECH_S
    items = []
    for i in range(n):
        excerpt = lines[i % len(lines)][:38]
        items.append(f'<div class="entry"><h3><a href="/w/{1000 + i}.html">第{i + 1}份会议讲话稿的题目</a></h3>'
                     f'<p>{excerpt}{marker}</p></div>')
    return '<div class="col">' + "".join(items) + "</div>"


def link_list(n: int = 15, traditional: bool = False) -> str:
    word = "講話稿範例" if traditional else "讲话稿范例"
    rows = "".join(f'<li><a href="/d/{2000 + i}.html">年度{word}之{i + 1}号</a><span>2022-0{1 + i % 9}-1{i % 9}</span></li>'
                   for i in range(n))
    pages = '<div class="pg"><a href="?page=1">1</a> <a href="?page=2">2</a> <a href="?page=3">3</a></div>'
    return f'<ul class="rows">{rows}</ul>{pages}'


def read_more_tag_page(n: int = 6) -> str:
    # No ellipsis at all: each excerpt is closed by a short link back to its title's target.
    items = "".join(
        f'<article class="card"><a class="t" href="/t/{3000 + i}.html">关于乡村振兴的第{i + 1}篇发言材料</a>'
        f'<div>{SPEECH_S[i % 4][:40]}</div><a href="/t/{3000 + i}.html">去看看</a></article>'
        for i in range(n)
    )
    return f'<h2>标签：乡村振兴</h2><section class="cards">{items}</section>'


def portal_home() -> str:
    briefs = "".join(
        f'<li><em>{8 + i}:{15 + i}</em> <a href="/kx/{4000 + i}.html">本地快讯第{i + 1}条：某街道完成老旧小区改造验收</a></li>'
        for i in range(12)
    )
    headline = f'<div class="lead"><h2><a href="/kx/3999.html">头条：全区河道整治取得阶段成效</a></h2><p>{SPEECH_S[1]}</p></div>'
    return f"{headline}<ul class='flash'>{briefs}</ul>"


def comment_thread(n: int, traditional: bool = False) -> str:
    texts_s = ["讲得很实在，我们村也遇到过同样的问题。", "支持！希望后续能公布整改进度。", "请问护岸工程什么时候能延伸到下游？",
               "这篇稿子结构清楚，学习了。", "巡查制度确实要落到实处。"]
    texts_t = ["講得很實在，我們村也遇到過同樣的問題。", "支持！希望後續能公布整改進度。", "請問合作社明年還招新社員嗎？",
               "這篇稿子結構清楚，學習了。", "茶葉品牌這件事確實要抓緊。"]
    texts = texts_t if traditional else texts_s
    posts = "".join(
        f'<div class="msg"><span class="who">读者{i + 1}号</span><span class="when">2023-08-0{i + 1} 1{i}:2{i}</span>'
        f"<p>{texts[i % len(texts)]}</p></div>"
        for i in range(n)
    )
    return f'<div class="talk"><h4>大家说</h4>{posts}</div>'


LISTS = {
    "teaser river with …": (html(teaser_river(8, "…")), "http://s.test/jingxuan.html"),
    "teaser river with …阅读全文»": (html(teaser_river(8, "…<a href='#'>阅读全文»</a>")), "http://s.test/jingxuan.html"),
    "teaser river, traditional, ...more": (html(teaser_river(7, "...詳情", traditional=True)), "http://s.test/zuixin.html"),
    "paged category list": (html(link_list()), "http://s.test/fenlei/jianghua/"),
    "paged category list page 2, traditional": (html(link_list(12, traditional=True)), "http://s.test/fenlei/jianghua/?page=2"),
    "tag page with read-more links": (html(read_more_tag_page()), "http://s.test/biaoqian/xiangcun.html"),
    "news-portal home of timestamped briefs": (html(portal_home()), "http://s.test/"),
    "teaser river beside a short intro": (html(f"<div class='intro'><p>{SPEECH_S[0]}</p></div>" + teaser_river(10)), "http://s.test/zhuanti/hedao.html"),
}


def _more_shapes() -> dict[str, tuple[bytes, str]]:
    s = SPEECH_S
    rows = "".join(f"<tr><td>·<a href='/n/{i}.htm'>关于做好第{i}季度安全生产工作的讲话</a></td><td>2020-0{1 + i % 9}-0{1 + i % 8}</td></tr>"
                   for i in range(20))
    cells = "".join(f"<tr><td><a href='/n/{i}.htm'><b>镇长在第{i}次防汛会议上的讲话</b></a><br>{s[i % 4][:45]}......</td></tr>"
                    for i in range(10))
    pairs = "".join(f"<dt><a href='/k/{i}.html'>第{i}篇：年度述职报告范文</a></dt><dd>{s[i % 4][:50]}…[查看]</dd>" for i in range(8))
    hits = "".join(f"<div class='r'><h3><a href='/s/{i}.html'>讲话稿<em>防汛</em>第{i}篇</a></h3><p>…{s[i % 4][10:60]}…</p>"
                   f"<cite>s.test/s/{i}.html</cite></div>" for i in range(10))
    river = "".join(f"<li><a href='/t/{i}.html'>鄉村振興工作會議講話第{i}篇</a><p>{SPEECH_T[i % 4][:40]}⋯⋯</p><span>2023年5月{i + 1}日</span></li>"
                    for i in range(9))
    return {
        "table of linked titles and dates": (html(f"<table>{rows}</table>"), "http://s.test/news/"),
        "table of teasers": (html(f"<table>{cells}</table>"), "http://s.test/news/more.asp"),
        "flat dt/dd teasers": (html(f"<dl>{pairs}</dl>"), "http://s.test/k/"),
        "search results": (html(f"<div id='res'>{hits}</div>"), "http://s.test/so.php?q=%E9%98%B2%E6%B1%9B"),
        "traditional river with ⋯⋯": (html(f"<ul>{river}</ul>"), "http://s.test/zuixin"),
    }


LISTS.update(_more_shapes())


@pytest.mark.parametrize("name", list(LISTS))
def test_list_pages_yield_no_speech(name: str) -> None:
    raw, url = LISTS[name]
    page = clean_page(raw, url=url)
    assert page.speeches == [], name
    assert page.no_speech_reason == "list page", name
    assert page.published is None


def test_a_list_page_yields_no_speech_under_any_url() -> None:
    raw, _ = LISTS["teaser river with …"]
    for url in (None, "http://s.test/a/2022/0611/123.html"):
        assert clean_page(raw, url=url).no_speech_reason == "list page"


ABOUT_BODY = ("<div class='main'><h2>关于本站</h2><p>本站由几位热爱写作的志愿者创办，收录各类会议发言与工作材料，供大家学习参考。</p>"
              "<p>网站内容来自网友分享，如有版权疑问，请通过页面底部的方式与我们联系，我们会及时处理。</p></div>")


def test_about_page_linked_from_its_own_footer_yields_no_speech() -> None:
    page = clean_page(html(ABOUT_BODY), url="http://s.test/guanyu.html")
    assert page.speeches == [] and page.no_speech_reason == "about page"


def test_about_page_known_from_the_site_template_yields_no_speech() -> None:
    # No self-link, no telling URL: the crawl says every page of the site links here.
    raw = f"<html><head><meta charset='utf-8'><title>本站简介</title></head><body>{ABOUT_BODY}</body></html>".encode()
    url = "http://s.test/p/intro.html"
    assert clean_page(raw, url=url).no_speech_reason != "about page"
    page = clean_page(raw, url=url, site=SiteContext(inbound_links=40, site_pages=42))
    assert page.speeches == [] and page.no_speech_reason == "about page"


def test_inbound_links_counted_over_a_sites_pages_make_the_about_verdict() -> None:
    from collections import Counter

    from cleaning.html import parse
    from cleaning.pagetype import link_targets, page_key

    # Five pages of one site, each with the footer: count what they link to.
    site_pages = {f"http://s.test/w/{i}.html": html(article(SPEECH_S)) for i in range(5)}
    inbound: Counter[str] = Counter()
    for url, raw in site_pages.items():
        inbound.update(link_targets(parse(raw.decode()), url))
    about = "http://s.test/guanyu.html"
    assert inbound[page_key(about)] == 5 and inbound[page_key("http://elsewhere.test/")] == 0
    raw = f"<html><head><meta charset='utf-8'><title>本站简介</title></head><body>{ABOUT_BODY}</body></html>".encode()
    context = SiteContext(inbound_links=inbound[page_key(about)], site_pages=len(site_pages))
    assert clean_page(raw, url=about.replace("guanyu", "p/intro"), site=context).no_speech_reason == "about page"


@pytest.mark.parametrize("url", ["http://s.test/misc.php?mod=help&action=lianxi", "http://s.test/index.php?c=page&a=aboutus"])
def test_about_page_a_script_shows_by_its_query_yields_no_speech(url: str) -> None:
    # No link to it in its own frame: the query names the page, as a path would ("/lianxi.html").
    raw = f"<html><head><meta charset='utf-8'><title>本站简介</title></head><body>{ABOUT_BODY}</body></html>".encode()
    assert clean_page(raw, url=url.split("?")[0] + "?id=7").no_speech_reason != "about page"
    page = clean_page(raw, url=url)
    assert page.speeches == [] and page.no_speech_reason == "about page"


def test_a_dated_article_linked_from_every_page_stays_an_article() -> None:
    raw = html(article(SPEECH_S), title="讲话")
    page = clean_page(raw, url="http://s.test/w/1.html", site=SiteContext(inbound_links=40, site_pages=42))
    assert page.no_speech_reason is None and len(page.speeches) == 1


@pytest.mark.parametrize("traditional", [False, True])
def test_article_with_a_related_teaser_river_stays_an_article(traditional: bool) -> None:
    lines = SPEECH_T if traditional else SPEECH_S
    raw = html(article(lines * 2, extra="<h4>看看别的</h4>" + teaser_river(6, "…", traditional)))
    page = clean_page(raw, url="http://s.test/w/77.html")
    assert page.no_speech_reason is None
    assert len(page.speeches) == 1 and lines[0] in page.speeches[0].body
    assert "第1份会议讲话稿的题目" not in page.speeches[0].body


def test_url_shapes_are_weak_evidence_only() -> None:
    assert list_url("http://s.test/gongwen/list_2.html") and list_url("http://s.test/tag/abc/") and list_url("http://s.test/?page=3")
    assert not list_url("http://s.test/a/2022/0611/12093.html")
    assert about_url("http://s.test/about.html") and about_url("http://s.test/guanyu/") and not about_url("http://s.test/a/about-the-meeting-1.html")
    assert about_url("http://s.test/misc.php?action=contact") and not about_url("http://s.test/view.php?aid=contact-7")
    # An article whose URL looks like a list is still an article.
    page = clean_page(html(article(SPEECH_S)), url="http://s.test/list_3.html")
    assert page.no_speech_reason is None and len(page.speeches) == 1


def test_truncation_is_a_shape_not_a_phrase() -> None:
    for text in ("近年来我们坚持问题导向…", "近年来我们坚持问题导向...点此继续", "近年来我们坚持问题导向……[全文]"):
        assert ends_cut(text), text
    for text in ("近年来我们坚持问题导向。", "同志们，我们一定能完成任务！（掌声）", "第[1]条", "回到那个时代……”", "发表评论 >>>"):
        assert not ends_cut(text), text


def test_every_demo_page_keeps_its_verdict() -> None:
    expected = json.loads((DEMO_ROOT / "expected.json").read_text(encoding="utf-8"))
    for name, site in expected["sites"].items():
        root = DEMO_ROOT / name
        charset = "gbk" if site["encoding"] == "gbk" else None
        for path in site["article_paths"]:
            page = clean_page((root / path.lstrip("/")).read_bytes(), url=f"http://127.0.0.1{path}", http_charset=charset)
            assert page.speeches, f"{name}{path}: {page.no_speech_reason}"
        for path in site["non_article_paths"]:
            page = clean_page((root / path.lstrip("/")).read_bytes(), url=f"http://127.0.0.1{path}", http_charset=charset)
            assert not page.speeches, f"{name}{path}"
            want = {site["not_found_path"]: "not found page", site.get("about_path"): "about page"}.get(path, "list page")
            assert page.no_speech_reason == want, f"{name}{path}: {page.no_speech_reason}"
