"""Metadata, no-speech verdicts, multi-page articles, profiles, bounded work."""
from __future__ import annotations

import json

import pytest

from cleaning import Page, Speech, clean_page, stitch
from cleaning.pagination import is_next_part
from cleaning.pipeline import find_profile
from cleaning.rules import RuleError, parse_profiles
from tests.test_cleaning_junk import PARAS, TITLE, build_page, clean, paragraphs_html

URL = "http://www.hanjia777.com/gongwen/2022/0611/12345.html"


def test_title_site_author_date_breadcrumbs_tags_from_a_template_page() -> None:
    page = clean(build_page(paragraphs_html(PARAS)), url=URL)
    assert page.title == TITLE
    assert page.site_name == "77范文网"
    assert page.published == "2022-06-11"
    assert page.author == "网友投稿"
    assert page.breadcrumbs == ["首页", "专题范文", "公文范文"]
    assert page.tags == ["会上", "高质量", "调度"]
    assert page.url == URL


def test_title_loses_suffix_and_trailing_colon_and_source_is_no_author() -> None:
    info = '<div class="info">时间:2020-10-21 04:04:47来源:百花范文网本文已影响 人</div>'
    html = build_page(paragraphs_html(PARAS), title=f"{TITLE}:", suffix=" - 百花范文网", info=info)
    page = clean(html)
    assert page.title == TITLE
    assert page.site_name == "百花范文网"
    assert page.published == "2020-10-21"
    assert page.author is None


def test_dates_and_canonical_from_json_ld_and_meta_tags() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2021-03-10T09:00:00+08:00",
          "author": {"@type": "Person", "name": "王小明"}}
    head = (f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
            '<link rel="canonical" href="/gongwen/12345.html"><meta property="og:site_name" content="星星阅读网">')
    page = clean(build_page(paragraphs_html(PARAS), head_extra=head, info=""), url=URL)
    assert page.published == "2021-03-10"
    assert page.author == "王小明"
    assert page.site_name == "星星阅读网"
    assert page.canonical_url == "http://www.hanjia777.com/gongwen/12345.html"
    meta = '<meta property="article:published_time" content="2019-12-01 08:00:00">'
    assert clean(build_page(paragraphs_html(PARAS), head_extra=meta, info="")).published == "2019-12-01"


def test_visible_date_in_chinese_form() -> None:
    info = '<p class="meta">发布时间:2023年3月5日 作者:李华</p>'
    page = clean(build_page(paragraphs_html(PARAS), info=info))
    assert page.published == "2023-03-05"
    assert page.author == "李华"


def test_list_page_has_no_speech_and_no_date() -> None:
    items = "".join(
        f'<li><a href="/gw/{i}.html">市长在全市第{i}次经济工作会议上的讲话</a><span>日期:2022-01-{i:02d}</span>'
        f"<p>近期,省委、省政府先后召开了全会暨上半年经济运行调度会议,对全省上半…</p></li>"
        for i in range(1, 13)
    )
    html = f"<html><head><title>公文范文_77范文网</title></head><body><h1>公文范文</h1><ul>{items}</ul></body></html>"
    page = clean(html, url="http://www.hanjia777.com/gongwen/")
    assert page.speeches == []
    assert page.no_speech_reason == "list page"
    assert page.published is None


def test_not_found_too_short_and_non_chinese_pages_have_reasons() -> None:
    not_found = "<html><head><title>404 页面不存在_77范文网</title></head><body><h1>404</h1><p>抱歉,您访问的页面不存在或已被删除。</p><a href='/'>返回首页</a></body></html>"
    assert clean(not_found).no_speech_reason == "not found page"
    short = build_page("<p>同志们:今天的会议很重要。</p>")
    page = clean(short)
    assert page.speeches == [] and page.no_speech_reason == "body too short"
    assert page.published == "2022-06-11"  # a real article page, just too short
    english = build_page("".join("<p>The council met today to discuss the budget for the coming year, and the mayor spoke at length.</p>" for _ in range(6)))
    assert clean(english).no_speech_reason == "body not Chinese"


@pytest.mark.parametrize(
    "current, link, expected",
    [
        (URL, "12345_2.html", "http://www.hanjia777.com/gongwen/2022/0611/12345_2.html"),
        ("http://m.site.cn/a/99.html?page=1", "/a/99.html?page=2", "http://m.site.cn/a/99.html?page=2"),
        ("http://www.site.cn/a/99_2.html", "99_3.html", "http://www.site.cn/a/99_3.html"),
    ],
)
def test_next_page_link_of_the_article_itself(current: str, link: str, expected: str) -> None:
    pager = f'<div class="pagebreak"><a href="{link}">下一页</a></div>'
    page = clean(build_page(paragraphs_html(PARAS) + pager), url=current)
    assert page.next_page_url == expected


def test_links_to_other_articles_and_list_pagers_are_not_next_parts() -> None:
    assert not is_next_part(URL, "http://www.hanjia777.com/gongwen/2022/0611/12346.html")
    assert not is_next_part(URL, "http://www.hanjia777.com/gongwen/list_2.html")
    assert not is_next_part(URL, "http://other.example.com/gongwen/2022/0611/12345_2.html")
    page = clean(build_page(paragraphs_html(PARAS) + '<a href="/gongwen/list_2.html">下一页</a>'), url=URL)
    assert page.next_page_url is None


def test_stitch_appends_later_parts_to_the_last_speech() -> None:
    first = clean(build_page(paragraphs_html(PARAS[:4]) + '<a href="12345_2.html">下一页</a>'), url=URL)
    second = clean(build_page(f"<p>{TITLE}</p>" + paragraphs_html(PARAS[4:])), url=URL.replace(".html", "_2.html"))
    whole = stitch([first, second])
    assert whole.title == first.title and whole.url == URL
    assert len(whole.speeches) == 1
    assert whole.speeches[0].paragraphs == PARAS
    assert whole.next_page_url is None
    assert first.speeches[0].paragraphs == PARAS[:4]  # the parts are not modified
    empty_first = Page(url=URL, title=TITLE, no_speech_reason="body too short")
    joined = stitch([empty_first, Page(speeches=[Speech(TITLE, ["一段。"])])])
    assert joined.speeches[0].paragraphs == ["一段。"] and joined.no_speech_reason is None
    with pytest.raises(ValueError):
        stitch([])


def test_a_20_mb_page_is_cleaned_within_bounds() -> None:
    junk = "".join(f'<li><a href="/x/{i}.html">推荐文章标题{i}</a></li>' for i in range(400_000))
    html = build_page(paragraphs_html(PARAS)).replace("</body>", f"<ul>{junk}</ul></body>")
    body = html.encode("utf-8")
    assert len(body) > 20_000_000
    page = clean_page(body, url=URL)
    assert page.speeches and page.speeches[0].paragraphs == PARAS


def test_profiles_are_validated_and_matched_by_host_or_page() -> None:
    data = {"profile": [{"name": "demo", "hosts": ["*.demo.cn"], "detect": [], "content": ['//div[@id="zw"]'],
                         "title": ["//h2"], "date": [], "remove": ['.//div[@class="ad"]']}]}
    (profile,) = parse_profiles(data)
    assert profile.matches_host("www.demo.cn") and not profile.matches_host("demo.com")
    with pytest.raises(RuleError, match="bad XPath"):
        parse_profiles({"profile": [{**data["profile"][0], "content": ["//div[@"]}]})
    with pytest.raises(RuleError, match="unknown keys"):
        parse_profiles({"profile": [{**data["profile"][0], "selector": "x"}]})
    with pytest.raises(RuleError, match="duplicate"):
        parse_profiles({"profile": [data["profile"][0], data["profile"][0]]})
    with pytest.raises(ValueError, match="unknown site profile"):
        clean(build_page(paragraphs_html(PARAS)), profile="no-such-site")


def test_wordpress_profile_applies_by_generator_and_reads_its_date() -> None:
    html = f"""<html><head><meta name="generator" content="WordPress 6.4"><title>{TITLE} – 呢子范文网</title></head>
<body><header><h1 class="site-title">呢子范文网</h1></header><article><h1 class="entry-title">{TITLE}</h1>
<time class="entry-date published" datetime="2022-05-01T10:00:00+08:00">2022年5月1日</time>
<div class="entry-content">{paragraphs_html(PARAS)}<div class="sharedaddy">分享到:微信 微博</div></div></article>
<aside class="widget"><h2>近期文章</h2><ul><li><a href="/1">在全市会议上的讲话</a></li></ul></aside></body></html>"""
    page = clean(html)
    assert find_profile(None, None, __import__("lxml.html").html.fromstring(html)).name == "wordpress"
    assert page.title == TITLE
    assert page.published == "2022-05-01"
    assert page.speeches[0].paragraphs == PARAS



DEMO = __import__("pathlib").Path(__file__).parent.parent / "crawler" / "demo_sites"


def _demo_page_holds_a_speech(expected: dict, name: str, path: str) -> bool:
    """Articles (and their later parts), and the robots-hidden member pages that carry a speech."""
    site = expected["sites"][name]
    if any(path == a or path.startswith(a[: -len(".html")] + "_") for a in site["article_paths"]):
        return True
    return any(d["site"] == name and d["path"] == path for d in expected["disallowed"])


def test_demo_sites_article_verdicts() -> None:
    """Every page of the bundled demo sites: home, list, member index and 404 pages give
    no speech; articles do.

    The crawler's --start-url mode tells articles from list pages by this verdict.
    """
    expected = json.loads((DEMO / "expected.json").read_text("utf-8"))
    wrong = []
    for name in expected["sites"]:
        for file in sorted((DEMO / name).rglob("*.html")):
            path = "/" + file.relative_to(DEMO / name).as_posix()
            page = clean_page(file.read_bytes(), url=f"http://127.0.0.1:8000{path}")
            if bool(page.speeches) != _demo_page_holds_a_speech(expected, name, path):
                wrong.append((name, path, page.no_speech_reason))
    assert not wrong


def test_a_page_of_menu_labels_glued_into_one_paragraph_is_no_speech() -> None:
    """No sentences (a login bar, a menu, a one-item list run together): not a speech."""
    labels = " ".join(["登录", "注册", "加入收藏", "首页", "范文大全", "讲话稿", "工作总结", "工作计划", "心得体会",
                       "演讲稿", "述职报告", "党团范文", "作文大全", "会员中心", "会员专享内容", "共1页1条", "末页",
                       "猜你喜欢", "热门推荐", "最新更新", "县委书记在全县县域经济高质量发展工作会议上的讲话"] * 2)
    page = clean(f"<html><head><title>会员中心</title></head><body><div>{labels}</div></body></html>")
    assert page.speeches == []
    assert page.no_speech_reason == "body has no sentences"


@pytest.mark.parametrize("title", ["在第404次常务会议上的讲话", "市长在市政府第404次常务会议上的讲话", "在404号文件落实推进会上的讲话"])
def test_a_404_inside_a_title_is_no_not_found_evidence(title: str) -> None:
    page = clean(build_page(paragraphs_html(PARAS[:4]), title=title))
    assert page.no_speech_reason is None
    assert page.title == title
    assert page.speeches[0].paragraphs == PARAS[:4]


@pytest.mark.parametrize(
    "title, heading",
    [("404 Not Found", "404"), ("错误404 - 77范文网", "对不起,您访问的页面已被删除"), ("页面未找到", "Error 404")],
)
def test_error_pages_are_still_not_found(title: str, heading: str) -> None:
    html = f"<html><head><title>{title}</title></head><body><h1>{heading}</h1><p>请检查网址是否正确,或返回首页继续浏览。</p></body></html>"
    assert clean(html).no_speech_reason == "not found page"


@pytest.mark.parametrize("profile", [None, "phpcms"])
def test_the_info_line_inside_the_h1_stays_out_of_the_title(profile: str | None) -> None:
    """PHPCMS puts "时间:…来源:…本文已影响N人" after a <br> inside the <h1>."""
    title = "市长在全市旅游工作会议上的讲话"
    html = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk" />
<title>{title} - 百花范文网</title></head><body><div class="main"><div class="col-left">
<div class="crumbs"><a href="/">百花范文网</a><span> &gt; </span><a href="/list_1.html">讲话致辞</a></div>
<div id="Article"><h1>{title}<br />
  <span>时间:2019-03-02 19:23:41来源:百花范文网本文已影响<span id="hits">303</span>人</span></h1>
<div class="content">{paragraphs_html(PARAS)}</div></div></div></div></body></html>"""
    page = clean_page(html.encode("gbk"), url="http://127.0.0.2/html/jianghua/2019/0302/2003.html", profile=profile)
    assert page.title == title
    assert [s.title for s in page.speeches] == [title]
    assert page.published == "2019-03-02"
    assert page.speeches[0].paragraphs == PARAS


@pytest.mark.parametrize(
    "heading, expected",
    [
        ("在全市审计工作会议上的讲话 2022-06-11 19:24:01 投稿作者:网友投稿", "在全市审计工作会议上的讲话"),
        ("在全市审计工作会议上的讲话 发布时间:2022-06-11", "在全市审计工作会议上的讲话"),
        ("在全市审计工作会议上的讲话", "在全市审计工作会议上的讲话"),
        ("时间:2022-06-11", "时间:2022-06-11"),  # only a meta line: nothing to cut it from
    ],
)
def test_normalise_title_cuts_a_glued_info_line(heading: str, expected: str) -> None:
    from cleaning.metadata import normalise_title

    assert normalise_title(heading) == expected


@pytest.mark.parametrize("separator", ["»", "›", "&raquo;"])
def test_site_name_then_headline_split_by_a_guillemet(separator: str) -> None:
    # An old ASP layout: no heading element, the headline set in <font><b>; the host spells the site.
    html = (
        f'<html><head><meta charset="utf-8"><title>明德范文站 {separator} {TITLE}</title></head><body>'
        f'<center><font size="4"><b>{TITLE}</b></font></center>' + paragraphs_html(PARAS) + "</body></html>"
    )
    page = clean_page(html.encode("utf-8"), url="http://www.mingdefw.com/Article/2023/0411.html")
    assert page.title == TITLE
    assert page.site_name == "明德范文站"


def test_the_site_name_is_no_headline_whichever_side_it_takes() -> None:
    from cleaning import metadata

    for title_tag, site in ((f"{TITLE}_明德文苑", "明德文苑"), (f"明德文苑 » {TITLE}", "明德文苑"),
                            (f"{TITLE} | 讲话致辞 | 明德文苑", "明德文苑")):
        head = metadata.Head(title_tag=title_tag)
        assert metadata.site_name(head, "", TITLE) == site, title_tag
