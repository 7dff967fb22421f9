"""Junk removal at block, line and sentence grain; paragraphs whatever the markup.

Pages are built inline from excerpts of real template-site pages, wrapped in
the chrome template sites put around them; nothing outside the project is read.
"""
from __future__ import annotations

import pytest

from cleaning import clean_page
from cleaning.rules import RuleError, parse_junk_rules

TITLE = "在全市前三季度高质量发展重点工作调度会上的讲话"
PARAS = [
    "今天我和X同志把大家邀请到这里召开会议,目的就是传达学习全省加快项目建设扩大有效投资调度工作推进会议精神和全市经济调度会议精神,全面贯彻落实推进高质量发展重点工作,力争扭转当前主要经济指标落后的被动局面。",
    "一、关于前三季度的工作和形势",
    "今年以来,面对新冠疫情对经济社会带来的严重影响,全市上下认真贯彻落实市委、市政府“两手抓、两不误”的部署要求,出台了一系列支持鼓励企业复工复产的政策文件,统筹推进疫情防控和经济社会发展各项工作。",
    "但是,今年三季度我市高质量发展综合评价得分X分,排名全省末位,通报中涉及高质量发展评价的XX项核心指标中,固定资产投资、招商引资成效排名末位,规上工业增加值倒数第xx位。",
    "二、关于高质量发展综合评价靠后的原因分析",
    "***总书记说:“山再高,往上攀,总能登顶;路再长,走下去,定能到达。”让我们在市委、市政府和上级审计机关的坚强领导下,戮力同心、锐意进取,**县域经济一定能够迈上新台阶。",
    "最后,在给大家说一句,要做好担当者应有的担当,责任者应有的责任,冲刺X天,冲锋X年,为确保今年有良好的收成共同努力、共同发力。",
]

CHROME_TOP = """
<div class="header"><ul class="nav"><li><a href="/">网站首页</a></li><li><a href="/gw/">公文大全</a></li>
<li><a href="/jh/">讲话致辞</a></li><li><a href="/xd/">心得体会</a></li></ul></div>
<div class="place">当前位置: <a href="/">首页</a> &gt; <a href="/zt/">专题范文</a> &gt; <a href="/gw/">公文范文</a> &gt; 文章内容</div>
"""
CHROME_BOTTOM = """
<div class="tags">推荐访问:<a href="/t/1">会上</a> <a href="/t/2">高质量</a> <a href="/t/3">调度</a> <a href="/t/2">高质量</a></div>
<div class="updown"><p>上一篇:<a href="/1.html">我敬佩的人范文350</a></p><p>下一篇:<a href="/2.html">宽容与感恩作文600字</a></p></div>
<div class="xglist"><h3>猜你喜欢</h3><ul><li><a href="/a.html">市委书记在全市经济工作会议上的讲话稿范文</a></li>
<li><a href="/b.html">在全县脱贫攻坚推进会上的讲话范文精选</a></li><li><a href="/c.html">副市长在安全生产工作会议上的讲话</a></li></ul></div>
<div class="hotwords">相关热词搜索: <a href="/s/1">范文大全</a> <a href="/s/2">说说大全</a></div>
<div class="pl"><h4>发表评论</h4><p>网友:写得太好了,收藏了!谢谢小编分享,希望多多更新这类讲话稿。</p></div>
<div class="footer"><p>77范文网 https://www.hanjia777.com</p>
<p>Copyright © 2015-2024 . 77范文网 版权所有</p><p>备案号:粤ICP备15071480号-27</p></div>
"""
SIDEBAR = """<div class="sidebar"><h3>热门文章</h3><ul><li><a href="/x.html">2024年党支部工作计划范文</a></li>
<li><a href="/y.html">个人年终总结范文大全</a></li></ul><p>本站所有范文均来自网友投稿,如有侵权请联系删除,感谢大家的支持与理解。</p></div>"""

JUNK = [
    "网站首页", "下面是小编为大家整理的", "供大家参考", "推荐访问", "猜你喜欢", "相关热词搜索",
    "上一篇", "下一篇", "Copyright", "ICP备", "版权所有", "热门文章", "下载文档", "本文已影响",
    "写得太好了", "我敬佩的人", "投稿作者", "如有侵权",
]


def paragraphs_html(paras: list[str], style: str = "p") -> str:
    if style == "p":
        return "".join(f"<p>　　{p}</p>" for p in paras)
    if style == "br":
        return "<div>" + "<br>\n".join(f"　　{p}" for p in paras) + "</div>"
    if style == "brbr":
        return "<div>" + "<br/><br/>".join(f"&nbsp;&nbsp;&nbsp;&nbsp;{p}" for p in paras) + "</div>"
    if style == "div":
        return "".join(f"<div>{p}</div>" for p in paras)
    if style == "indent":
        return "<div>" + "".join(f"　　{p}" for p in paras) + "</div>"
    raise ValueError(style)


def build_page(
    content: str,
    title: str = TITLE,
    head_extra: str = "",
    info: str = '<div class="info">2022-06-11 19:24:01 投稿作者:网友投稿 点击:<span id="hits">12</span></div>',
    charset: str = "utf-8",
    suffix: str = "_77范文网",
    sidebar: bool = True,
    bottom: str = CHROME_BOTTOM,
) -> str:
    return f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}{suffix}</title>{head_extra}</head><body>{CHROME_TOP}
<div class="main"><div class="left"><h1>{title}</h1>{info}
<div class="content">{content}</div>
<div class="down"><a href="/down/1.html">下载文档</a> <a href="/down/1.doc">下载word</a></div>
</div>{SIDEBAR if sidebar else ''}</div>{bottom}</body></html>"""


def clean(html: str, url: str | None = "http://www.hanjia777.com/gongwen/2022/0611/12345.html", **kw):
    return clean_page(html.encode("utf-8"), url=url, **kw)


def assert_no_junk(page) -> None:
    for speech in page.speeches:
        for junk in JUNK:
            assert junk not in speech.body, (junk, speech.body[:300])


@pytest.mark.parametrize("style", ["p", "br", "brbr", "div", "indent"])
def test_paragraph_markup_gives_the_same_paragraphs(style: str) -> None:
    page = clean(build_page(paragraphs_html(PARAS, style)))
    assert len(page.speeches) == 1
    assert page.speeches[0].paragraphs == PARAS
    assert_no_junk(page)


def test_promo_line_and_repeated_title_are_dropped_and_the_speech_stays() -> None:
    promo = f"<p>下面是小编为大家整理的2022年度{TITLE},供大家参考。</p><p>{TITLE}</p>"
    page = clean(build_page(promo + paragraphs_html(PARAS)))
    assert page.speeches[0].paragraphs == PARAS
    assert_no_junk(page)


def test_masks_are_kept_verbatim() -> None:
    body = clean(build_page(paragraphs_html(PARAS))).speeches[0].body
    for mask in ("X同志", "得分X分", "XX项", "倒数第xx位", "***总书记", "**县域经济"):
        assert mask in body


def test_glued_promo_in_a_later_paragraph_keeps_the_text_before_it() -> None:
    glued = "建立完善党委统一领导、政府主要领导负责、多部门参与的工作运行机制,下面是众鑫文档网小编给大家带来的在2022年全市百城建设提质工程推动城市高质量发展三年工作会议上的讲话稿,希望大家喜欢。"
    paras = PARAS[:2] + [glued] + PARAS[2:]
    page = clean(build_page(paragraphs_html(paras)))
    body = page.speeches[0].paragraphs
    assert "建立完善党委统一领导、政府主要领导负责、多部门参与的工作运行机制" in body
    assert not any("众鑫文档网" in p or "希望大家喜欢" in p for p in body)


def test_glued_promo_in_the_teaser_position_drops_the_whole_paragraph() -> None:
    teaser = "回顾这些年发展县域经济的探索实践,我们感触最深的是,推进县域经济高质量发展,必须牢记嘱托。下面是呢子范文网小编为您推荐在全市县域经济高质量发展工作会议上的讲话材料。"
    page = clean(build_page(paragraphs_html([teaser] + PARAS)))
    assert page.speeches[0].paragraphs == PARAS


def test_lines_with_site_chrome_inside_the_content_are_dropped() -> None:
    inner = (
        "<p>时间:2020-10-21 04:04:47来源:百花范文网本文已影响 人</p>"
        + paragraphs_html(PARAS)
        + "<p>推荐访问:高质量 工作会议上 讲话</p><p>扩展阅读文章</p><p>推荐阅读文章</p>"
        + "<p>Powered by 77范文网 © All Rights Reserved. 备案号:粤ICP备15071480号-27</p>"
    )
    page = clean(build_page(inner, info=""))
    assert page.speeches[0].paragraphs == PARAS
    assert_no_junk(page)


def test_recommendation_list_inside_the_content_ends_the_speech() -> None:
    inner = paragraphs_html(PARAS) + (
        "<p>猜你喜欢</p><ul><li><a href='/1'>在全市经济工作会议上的讲话</a></li>"
        "<li>在全区优化营商环境大会上的讲话稿,要求各级各部门抓好落实,推动工作。</li></ul>"
    )
    page = clean(build_page(inner))
    assert page.speeches[0].paragraphs == PARAS


@pytest.mark.parametrize("line", ["猜你喜欢：在全县冬季森林防火工作会议上的讲话", "推荐访问：鄉鎮長在春耕備耕動員會上的表態發言"])
def test_a_related_link_set_between_paragraphs_does_not_end_the_speech(line: str) -> None:
    # Late in the text, where a related list usually starts: the paragraph after it says otherwise.
    inner = paragraphs_html(PARAS[:-1]) + f"<p>{line}</p>" + paragraphs_html(PARAS[-1:])
    page = clean(build_page(inner))
    assert page.speeches[0].paragraphs == PARAS


@pytest.mark.parametrize("formula", ["借此机会，我讲三点意见，供大家参考。", "藉此機會，我談幾點體會，僅供參考。"])
def test_the_speakers_own_closing_formula_is_no_promo(formula: str) -> None:
    # In the speaker's first person singular; the site's ("以上是小编整理的…，供大家参考。") still goes.
    first = PARAS[0] + formula
    page = clean(build_page(paragraphs_html([first, *PARAS[1:]])))
    assert page.speeches[0].paragraphs == [first, *PARAS[1:]]
    page = clean(build_page(paragraphs_html([*PARAS, "以上是小编为大家整理的讲话稿，供大家参考。"])))
    assert page.speeches[0].paragraphs == PARAS


def test_real_speech_sentences_that_look_like_promos_survive() -> None:
    paras = PARAS + ["下面,我就抓好当前高质量发展重点工作,再讲三个方面意见,供大家在工作中参照执行。"]
    page = clean(build_page(paragraphs_html(paras)))
    assert page.speeches[0].paragraphs[-1].startswith("下面,我就抓好当前高质量发展重点工作")


def test_hidden_anti_copy_text_is_not_in_the_body() -> None:
    inner = paragraphs_html(PARAS[:3]) + '<p style="display:none">本文来自77范文网转载请保留链接xyzzy</p>' + paragraphs_html(PARAS[3:])
    page = clean(build_page(inner))
    assert "xyzzy" not in page.speeches[0].body
    assert page.speeches[0].paragraphs == PARAS


def test_junk_rules_are_validated_on_load() -> None:
    good = {"blocks": {"class_id_tokens": ["nav"], "keep_tokens": [], "stop_lines": []},
            "lines": {"patterns": ["^x$"]}, "promo": {"patterns": []}}
    assert parse_junk_rules(good).is_junk_line("x")
    bad_regex = {**good, "lines": {"patterns": ["(unclosed"]}}
    with pytest.raises(RuleError, match="bad regular expression"):
        parse_junk_rules(bad_regex)
    with pytest.raises(RuleError, match=r"\[promo\]"):
        parse_junk_rules({"blocks": good["blocks"], "lines": good["lines"]})
    with pytest.raises(RuleError, match="list of strings"):
        parse_junk_rules({**good, "blocks": {**good["blocks"], "class_id_tokens": "nav"}})
    with pytest.raises(RuleError, match="speaker_voice"):
        parse_junk_rules({**good, "promo": {"patterns": [], "speaker_voice": ["我"]}})
    with pytest.raises(RuleError, match="bad regular expression"):
        parse_junk_rules({**good, "promo": {"patterns": [], "speaker_voice": "我("}})
    assert parse_junk_rules(good).speaker_voice is None  # optional: no such test without it


def test_the_one_article_holding_the_h1_wins_over_a_heavier_news_river() -> None:
    """News portals: a short story in <article>, beside it a river of long teasers."""
    story = PARAS[:2]
    river = "".join(
        f'<li><div class="src">通讯社·{i} 小时前</div><p>{PARAS[2 + i % 4]}这是另一篇新闻的摘要,第{i}条,内容与本文无关。</p></li>'
        for i in range(12)
    )
    html = f"""<html><head><title>{TITLE} - 新闻网</title></head><body>
<div id="page"><div class="ticker"><span>恒指</span><span>18,652.59</span></div>
<div class="wrap"><article class="story"><header><h1>{TITLE}</h1><div>2024年5月22日週三 上午8:21</div></header>
<div class="story-body">{paragraphs_html(story)}</div></article>
<div class="stream"><ul>{river}</ul></div></div></div></body></html>"""
    page = clean(html)
    assert [s.paragraphs for s in page.speeches] == [story]


@pytest.mark.parametrize("line", ["2024年5月22日週三 上午8:21", "2024年5月22日 星期三 下午2:05", "2022-06-11 19:24", "2022-06-11"])
def test_a_date_alone_on_its_line_is_no_paragraph(line: str) -> None:
    page = clean(build_page(f"<p>{line}</p>" + paragraphs_html(PARAS)))
    assert page.speeches[0].paragraphs == PARAS


@pytest.mark.parametrize("date", ["（2023年10月9日）", "2023年10月9日", "二〇二三年十月九日"])
def test_the_speechs_own_date_written_the_chinese_way_stays(date: str) -> None:
    # The site writes its dates 2023-10-09 or with a time (above). At the speech's end the
    # line judge keeps it too (test_cleaning_linejudge), where the main-content run reaches.
    page = clean(build_page(paragraphs_html([date, *PARAS])))
    assert page.speeches[0].paragraphs == [date, *PARAS]


def _blog_post(title: str, paras: list[str], footer: str) -> str:
    return (f'<tr><td><table><tr><td class="post-title">{title}</td></tr><tr><td>{paragraphs_html(paras)}</td></tr>'
            f'<tr><td class="post-footer"><em>{footer}</em></td></tr></table></td></tr>')


def test_a_blog_page_of_several_posts_gives_the_first_post() -> None:
    others = ["第二篇博文的内容,写的是另外一件事情,和第一篇毫无关系,但是篇幅更长一些,段落也更多一些。" * 3] * 6
    posts = (
        _blog_post(TITLE, PARAS, '由海姑娘张贴 @ <a href="/p/3">2005-03-21 01:20:44</a> (359) 共 3 篇评论 <a href="/c/3">发表评论 >>></a>')
        + _blog_post("长发剪了", others, '由海姑娘张贴 @ <a href="/p/2">2005-03-18 01:58:01</a> (1666) 共 7 篇评论')
        + _blog_post("七夕", others, '由海姑娘张贴 @ <a href="/p/1">2005-03-15 16:47:37</a> (3239) 共 5 篇评论')
    )
    html = f"<html><head><title>海姑娘的博客</title></head><body><h2>海姑娘</h2><table>{posts}</table></body></html>"
    page = clean(html)
    assert [s.paragraphs for s in page.speeches] == [[TITLE] + PARAS]  # the post's title is no page title


def test_a_post_header_line_above_the_post_cuts_nothing() -> None:
    """Forums print "发表于 …" above each post: the first post stays whole, the replies go."""
    header = '<div class="authi">楼主 发表于 2022-06-11 19:24 | 只看该作者 | 评论(3) 阅读(120)</div>'
    reply = "<p>顶一下,写得好,谢谢楼主分享这么好的讲话稿。</p>"
    page = clean(build_page(header + paragraphs_html(PARAS) + header.replace("楼主", "沙发") + reply))
    body = page.speeches[0].paragraphs
    assert body[body.index(PARAS[0]) :] == PARAS


@pytest.mark.parametrize("line", ["(责编：胡永秋、杨光宇)", "[ 责编：杨煜 ]", "（编辑：严玉洁 王辉）",
                                  "[责任编辑：韩保林 PK155]", "本文来源：新京报 责任编辑：杜硕_NB12556",
                                  "点击进入专题：全市高质量发展", "跟贴4参与4"])
def test_editor_credits_and_portal_prompts_after_the_body_are_dropped(line: str) -> None:
    page = clean(build_page(paragraphs_html(PARAS + [line])))
    assert page.speeches[0].paragraphs == PARAS


def test_a_sentence_that_names_an_editor_stays() -> None:
    said = "会上,市委宣传部门负责同志介绍了编辑出版工作情况,责任编辑要对稿件质量负总责。"
    page = clean(build_page(paragraphs_html(PARAS + [said])))
    assert page.speeches[0].paragraphs == PARAS + [said]
