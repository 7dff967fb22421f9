"""HTML page templates of the six CMS families the fixture corpus imitates.

A dev tool, used by `tools/build_fixtures.py` and `tools/build_demo_sites.py`.
Each family renders full page markup (head, nav, breadcrumbs, sidebars, ads,
recommendation blocks, comment boxes, footers with copyright/ICP lines, stats
scripts) around structured article data. Every piece of visible chrome text
passes through `Family.j()`, which records it as a junk string: the generator
writes that list as the page's `must_not_contain`, so the ground truth and the
markup come from the same data.

All links are root-relative (the demo sites are served on random loopback
ports); absolute URLs appear only in canonical/og tags when `Article.abs_url`
is set (fixtures only).
"""
from __future__ import annotations

import html
import json
import random
from dataclasses import dataclass, field

# ----------------------------------------------------------------- data model


@dataclass
class Site:
    key: str
    name: str  # site_name the cleaner must report
    host: str
    family: str
    icp: str
    years: str = "2015-2024"
    stats: str = "baidu"  # baidu | cnzz | 51la
    slogan: str = ""


@dataclass
class Block:
    """One line the page shows inside the article body.

    `kept` is what the cleaner must return for it (None: the line is junk or
    empty and must vanish). `junk` lists strings inside `shown` that must
    never reach a body.
    """

    shown: str
    kept: str | None
    junk: list[str] = field(default_factory=list)


@dataclass
class Item:
    """One speech as shown on a page."""

    title: str  # expected speech title
    blocks: list[Block]
    heading: str | None = None  # shown item heading (compilations only)


@dataclass
class Article:
    site: Site
    path: str  # root-relative URL path
    title: str  # expected page title (no suffix, no trailing colon)
    h1: str  # heading as shown
    items: list[Item]
    abs_url: str | None = None
    published: str | None = None  # expected YYYY-MM-DD
    shown_time: str | None = None  # visible date text, None: not visible
    iso_time: str | None = None  # for meta / JSON-LD
    date_meta: bool = False  # article:published_time meta
    date_jsonld: bool = False
    og: bool = False
    author: str | None = None  # expected author
    author_shown: str | None = None  # visible uploader name
    source: str | None = None  # "来源:" text (never an author)
    crumbs: list[tuple[str, str | None]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    tags_label: str = "推荐访问:"
    pre: list[Block] = field(default_factory=list)  # promo lines before the body
    comp_heading: str | None = None  # "…(精选6篇)", belongs to no speech
    markup: str = "p"  # p | br | div | table | font | broken
    indent: str = ""  # u3000 | nbsp | css | ""
    prev: tuple[str, str] | None = None
    next: tuple[str, str] | None = None
    related: list[tuple[str, str]] = field(default_factory=list)
    hot: list[tuple[str, str]] = field(default_factory=list)
    next_page: str | None = None  # "下一页" path of a multi-page article
    page_no: int = 1
    page_count: int = 1
    page_paths: list[str] = field(default_factory=list)
    charset_decl: str | None = "utf-8"  # what <meta> declares (None: no meta charset)
    ascii_prelude: int = 0  # bytes of ASCII CSS/JS before any Chinese
    hits: int = 0
    aid: int = 0
    variant: str = ""  # family-specific layout variant
    category: tuple[str, str] = ("", "/")
    summary: str = ""  # description meta / Discuz 摘要


@dataclass
class ListEntry:
    title: str
    path: str
    date: str
    summary: str = ""


@dataclass
class ListPage:
    site: Site
    path: str
    title: str  # expected title == visible heading
    entries: list[ListEntry]
    crumbs: list[tuple[str, str | None]] = field(default_factory=list)
    page_no: int = 1
    page_count: int = 1
    page_fmt: str = "list_{n}.html"  # path pattern of page n (n >= 2; page 1 may differ)
    first_page: str | None = None
    is_tag: bool = False
    charset_decl: str | None = "utf-8"
    abs_url: str | None = None
    extra_links: list[tuple[str, str]] = field(default_factory=list)  # e.g. member area
    hot: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class NotFound:
    site: Site
    path: str
    title: str  # expected title
    charset_decl: str | None = "utf-8"
    abs_url: str | None = None
    crumbs: list[tuple[str, str | None]] = field(default_factory=list)  # only where the template shows a trail


# ------------------------------------------------------------------- helpers


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


INDENTS = {
    "": "",
    "u3000": "\u3000\u3000",
    "nbsp": "&nbsp;&nbsp;&nbsp;&nbsp;",
    "ent3000": "&#12288;&#12288;",
    "css": "",
}


def _split_for_soup(text: str, rng: random.Random) -> tuple[str, str]:
    if len(text) < 8:
        return text, ""
    cut = rng.randint(2, len(text) - 2)
    return text[:cut], text[cut:]


def render_blocks(blocks: list[Block], markup: str, indent: str, rng: random.Random) -> str:
    """The body markup of one run of blocks (paragraphs), in one style."""
    ind = INDENTS[indent]
    out: list[str] = []
    if markup == "br":
        lines = [ind + esc(b.shown) if b.shown.strip(" \u3000\xa0") else "&nbsp;" for b in blocks]
        return "<p>" + "<br />\n".join(lines) + "</p>\n"
    if markup == "brdiv":
        lines = [ind + esc(b.shown) if b.shown.strip(" \u3000\xa0") else "" for b in blocks]
        return "<div>" + "<br>\n<br>\n".join(lines) + "</div>\n"
    for b in blocks:
        text = esc(b.shown) if b.shown.strip(" \u3000\xa0") else "&nbsp;"
        if markup == "p":
            style = ' style="text-indent:2em;"' if indent == "css" else ""
            out.append(f"<p{style}>{ind}{text}</p>")
        elif markup == "div":
            out.append(f"<div>{ind}{text}</div>")
        elif markup == "table":
            out.append(f'<p align="left">{ind}{text}</p>')
        elif markup == "font":
            a, b2 = _split_for_soup(b.shown, rng)
            face = rng.choice(["宋体", "仿宋_GB2312", "仿宋"])
            out.append(
                f'<p class="MsoNormal" style="text-indent:32.0pt;line-height:28.0pt">'
                f'<font face="{face}" size="3"><span style="font-size:16.0pt;font-family:{face}">'
                f"{ind}{esc(a)}</span><span lang=\"EN-US\" style=\"font-size:16.0pt\">{esc(b2)}</span></font>"
                f"<span style=\"font-family:{face}\"></span></p>"
            )
        elif markup == "broken":
            # unclosed <p>, stray closers, unclosed <font>: what old editors leave behind
            r = rng.random()
            if r < 0.3:
                out.append(f"<p>{ind}{text}")
            elif r < 0.5:
                out.append(f"<p><font color=#000000>{ind}{text}</p>")
            elif r < 0.6:
                out.append(f"<p>{ind}{text}</span></p>")
            else:
                out.append(f"<P>{ind}{text}</P>")
        else:
            raise ValueError(f"unknown markup {markup!r}")
    return "\n".join(out) + "\n"


def stats_script(site: Site) -> str:
    if site.stats == "cnzz":
        return (
            '<div style="display:none"><script type="text/javascript">'
            "document.write(unescape(\"%3Cspan id='cnzz_stat_icon_1279000001'%3E%3C/span%3E%3Cscript "
            "src='https://s9.cnzz.com/z_stat.php%3Fid%3D1279000001' type='text/javascript'%3E%3C/script%3E\"));"
            "</script></div>"
        )
    if site.stats == "51la":
        return (
            '<script charset="UTF-8" id="LA_COLLECT" src="//sdk.51.la/js-sdk-pro.min.js"></script>'
            '<script>LA.init({id:"JhL0s3aB1c2D",ck:"JhL0s3aB1c2D"})</script>'
        )
    return (
        "<script>\nvar _hmt = _hmt || [];\n(function() {\n  var hm = document.createElement(\"script\");\n"
        '  hm.src = "https://hm.baidu.com/hm.js?5a3f0c8e2b1d4e6f7a8b9c0d1e2f3a4b";\n'
        '  var s = document.getElementsByTagName("script")[0];\n  s.parentNode.insertBefore(hm, s);\n})();\n</script>'
    )


def push_script() -> str:
    return (
        "<script>\n(function(){\n    var bp = document.createElement('script');\n"
        "    var curProtocol = window.location.protocol.split(':')[0];\n"
        "    if (curProtocol === 'https') { bp.src = 'https://zz.bdstatic.com/linksubmit/push.js'; }\n"
        "    else { bp.src = 'http://push.zhanzhang.baidu.com/push.js'; }\n"
        "    var s = document.getElementsByTagName(\"script\")[0];\n    s.parentNode.insertBefore(bp, s);\n})();\n</script>"
    )


ASCII_CSS = """
body,div,dl,dt,dd,ul,ol,li,h1,h2,h3,h4,h5,h6,pre,form,fieldset,input,textarea,p,blockquote,th,td{margin:0;padding:0}
table{border-collapse:collapse;border-spacing:0}fieldset,img{border:0}address,caption,cite,code,dfn,em,strong,th,var{font-style:normal;font-weight:normal}
ol,ul{list-style:none}caption,th{text-align:left}h1,h2,h3,h4,h5,h6{font-size:100%;font-weight:normal}
.w960{width:960px}.center{margin:0 auto}.mt1{margin-top:8px}.clear{clear:both;overflow:hidden}
.pleft{width:700px;float:left}.pright{width:250px;float:right}.viewbox .title h2{font-size:22px;line-height:40px;text-align:center}
.viewbox .info{color:#999;text-align:center;border-bottom:1px dashed #ccc;padding-bottom:6px}
.viewbox .content{font-size:16px;line-height:28px;padding:10px 20px}.xglist li{width:48%;float:left;line-height:26px}
"""

ASCII_JS = """
function $Obj(objname){return document.getElementById(objname);}
function CheckLogin(){var taget_obj=document.getElementById('_ajax_feedback');myajax=new DedeAjax(taget_obj,false,false,'','','');
myajax.SendGet2("/member/ajax_feedback.php");DedeXHTTP=null;}
function postBadGood(ftype,fid){var taget_obj=document.getElementById(ftype+fid);var saveid=GetCookie('badgoodid');
if(saveid!=null){var saveids=saveid.split(',');var hasid=false;saveid='';j=1;for(i=saveids.length-1;i>=0;i--){
if(saveids[i]==fid&&hasid)continue;else{if(saveids[i]==fid&&!hasid)hasid=true;saveid+=(saveid==''?saveids[i]:','+saveids[i]);j++;
if(j==20&&hasid)break;if(j==19&&!hasid)break;}}if(hasid){alert("You have already voted!");return;}else saveid+=','+fid;
SetCookie('badgoodid',saveid,1);}else{SetCookie('badgoodid',fid,1);}myajax=new DedeAjax(taget_obj,false,false,'','','');
myajax.SendGet2("/plus/feedback.php?aid="+fid+"&action="+ftype+"&fid="+fid);}
function copyText(){var t=document.getElementById('content');if(!t)return;var r=document.createRange();r.selectNode(t);
window.getSelection().removeAllRanges();window.getSelection().addRange(r);document.execCommand('copy');alert('Copied!');}
function SetCookie(name,value,days){var exp=new Date();exp.setTime(exp.getTime()+days*24*60*60*1000);
document.cookie=name+"="+escape(value)+";expires="+exp.toGMTString()+";path=/";}
function GetCookie(name){var arr=document.cookie.match(new RegExp("(^| )"+name+"=([^;]*)(;|$)"));if(arr!=null)return unescape(arr[2]);return null;}
"""


def ascii_prelude(size: int) -> str:
    """ASCII-only CSS and JS of about `size` bytes, as old templates inline them."""
    parts: list[str] = []
    total = 0
    i = 0
    while total < size:
        chunk = (ASCII_CSS if i % 2 == 0 else ASCII_JS).replace(".w960", f".w960 .v{i}")
        tag = "style" if i % 2 == 0 else "script"
        extra = ' type="text/css"' if tag == "style" else ' type="text/javascript"'
        piece = f"<{tag}{extra}>{chunk}</{tag}>\n"
        parts.append(piece)
        total += len(piece)
        i += 1
    return "".join(parts)


def json_ld(a: Article) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": a.title,
        "datePublished": a.iso_time,
        "dateModified": a.iso_time,
        "author": {"@type": "Person", "name": a.author_shown or a.site.name},
        "publisher": {"@type": "Organization", "name": a.site.name,
                      "logo": {"@type": "ImageObject", "url": "/static/images/logo.png"}},
        "description": a.summary,
    }
    if a.abs_url:
        data["mainEntityOfPage"] = {"@type": "WebPage", "@id": a.abs_url}
    return ('<script type="application/ld+json">'
            + json.dumps(data, ensure_ascii=False, indent=1) + "</script>")


def head_extras(a: Article) -> str:
    """The og: tags and JSON-LD an article's <head> carries, when its variant has them."""
    extra = og_tags(a) if a.og else ""
    if a.date_jsonld:
        extra += "\n" + json_ld(a)
    return extra


def og_tags(a: Article) -> str:
    out = [
        '<meta property="og:type" content="article" />',
        f'<meta property="og:title" content="{attr(a.title)}" />',
        f'<meta property="og:site_name" content="{attr(a.site.name)}" />',
        f'<meta property="og:description" content="{attr(a.summary)}" />',
    ]
    if a.abs_url:
        out.append(f'<meta property="og:url" content="{attr(a.abs_url)}" />')
    if a.date_meta and a.iso_time:
        out.append(f'<meta property="article:published_time" content="{a.iso_time}" />')
    return "\n".join(out)


def charset_meta(decl: str | None, html5: bool = False) -> str:
    if decl is None:
        return ""
    if html5:
        return f'<meta charset="{decl}">'
    return f'<meta http-equiv="Content-Type" content="text/html; charset={decl}" />'


# ---------------------------------------------------------------- base class


class Family:
    """One CMS family: article, list and 404 templates sharing site chrome."""

    name = ""

    def __init__(self, seed: int = 0) -> None:
        self.junk: list[str] = []
        self.rng = random.Random(seed)

    def j(self, text: str) -> str:
        """Record visible chrome text as junk and return it escaped."""
        t = text.strip()
        if t and t not in self.junk:
            self.junk.append(t)
        return esc(text)

    def links(self, items: list[tuple[str, str]], li: str = "li", cls: str = "") -> str:
        c = f' class="{cls}"' if cls else ""
        return "\n".join(f'<{li}{c}><a href="{attr(h)}" title="{attr(t)}">{self.j(t)}</a></{li}>' for t, h in items)

    def body(self, a: Article, heading_tpl: str = "<h2>{}</h2>") -> str:
        """All items of the article (compilation headings included)."""
        out: list[str] = []
        for b in a.pre:
            for s in b.junk:
                self.j(s)
        for item in a.items:
            if item.heading is not None:
                out.append(heading_tpl.format(esc(item.heading)))
            for b in item.blocks:
                for s in b.junk:
                    self.j(s)
            out.append(render_blocks(item.blocks, a.markup, a.indent, self.rng))
        return "\n".join(out)

    def tags_html(self, a: Article, href, sep: str = " ") -> str:
        if not a.tags:
            return ""
        links = sep.join(f'<a href="{attr(href(t))}" target="_blank">{esc(t)}</a>' for t in a.tags)
        return f"{self.j(a.tags_label)}{links}"

    def page_bar(self, a: Article, cur_cls: str = "thisclass") -> str:
        if a.page_count <= 1:
            return ""
        parts = [f"<li><a>{self.j('共' + str(a.page_count) + '页')}:</a></li>"]
        if a.page_no > 1:
            parts.append(f'<li><a href="{a.page_paths[a.page_no - 2]}">{self.j("上一页")}</a></li>')
        for n, p in enumerate(a.page_paths, 1):
            if n == a.page_no:
                parts.append(f'<li class="{cur_cls}"><a href="#">{n}</a></li>')
            else:
                parts.append(f'<li><a href="{p}">{n}</a></li>')
        if a.page_no < a.page_count:
            parts.append(f'<li><a href="{a.page_paths[a.page_no]}">{self.j("下一页")}</a></li>')
        return '<div class="dede_pages"><ul class="pagelist">' + "".join(parts) + "</ul></div>"

    def list_pager(self, lp: ListPage) -> str:
        def path(n: int) -> str:
            if n == 1 and lp.first_page:
                return lp.first_page
            return lp.page_fmt.format(n=n)

        parts = [f"<li><span class=\"pageinfo\">{self.j('共')} <strong>{lp.page_count}</strong>页"
                 f"<strong>{len(lp.entries) * lp.page_count}</strong>{self.j('条')}</span></li>"]
        parts.append(f'<li><a href="{path(1)}">{self.j("首页")}</a></li>')
        if lp.page_no > 1:
            parts.append(f'<li><a href="{path(lp.page_no - 1)}">{self.j("上一页")}</a></li>')
        for n in range(1, lp.page_count + 1):
            if n == lp.page_no:
                parts.append(f'<li class="thisclass">{n}</li>')
            else:
                parts.append(f'<li><a href="{path(n)}">{n}</a></li>')
        if lp.page_no < lp.page_count:
            parts.append(f'<li><a href="{path(lp.page_no + 1)}">{self.j("下一页")}</a></li>')
        parts.append(f'<li><a href="{path(lp.page_count)}">{self.j("末页")}</a></li>')
        return '<div class="pages"><ul class="pagelist">' + "\n".join(parts) + "</ul></div>"

    def crumbs(self, crumbs: list[tuple[str, str | None]], sep: str = " &gt; ") -> str:
        out = []
        for text, href in crumbs:
            if href:
                out.append(f'<a href="{attr(href)}">{self.j(text)}</a>')
            else:
                out.append(self.j(text))
        return sep.join(out)

    # subclasses implement these
    def article(self, a: Article) -> str:  # pragma: no cover - interface
        raise NotImplementedError

    def listing(self, lp: ListPage) -> str:  # pragma: no cover - interface
        raise NotImplementedError

    def not_found(self, nf: NotFound) -> str:  # pragma: no cover - interface
        raise NotImplementedError


# ------------------------------------------------------------------- DedeCMS


class DedeCMS(Family):
    """DedeCMS 5.7 default template as on 77范文网 / hanjia777 and its clones."""

    name = "dedecms"
    NAV = [("网站首页", "/"), ("专题范文", "/zhuanti/"), ("公文范文", "/zhuanti/gongwen/"),
           ("讲话稿", "/jianghua/"), ("工作总结", "/zongjie/"), ("工作计划", "/jihua/"),
           ("心得体会", "/xinde/"), ("思想汇报", "/sixiang/"), ("述职报告", "/shuzhi/"),
           ("演讲稿", "/yanjiang/"), ("合同范本", "/hetong/"), ("会员中心", "/member/")]

    def head(self, title: str, decl: str | None, keywords: str, desc: str, prelude: int = 0,
             extra: str = "") -> str:
        pre = ascii_prelude(prelude) if prelude else ""
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
{charset_meta(decl)}
{pre}<title>{esc(title)}</title>
<meta name="keywords" content="{attr(keywords)}" />
<meta name="description" content="{attr(desc)}" />
<meta http-equiv="Cache-Control" content="no-transform" />
<meta http-equiv="Cache-Control" content="no-siteapp" />
<link href="/templets/default/style/dedecms.css" rel="stylesheet" media="screen" type="text/css" />
<script language="javascript" type="text/javascript" src="/include/dedeajax2.js"></script>
<script type="text/javascript" src="/templets/default/js/jquery.min.js"></script>
{extra}
</head>
"""

    def top(self, site: Site) -> str:
        return f"""<body class="articleview">
<div class="header_top">
 <div class="w960 center">
  <span id="time" class="time">{self.j(site.slogan or site.name + ',提供各类范文下载')}</span>
  <div class="toplinks"><a href="/plus/heightsearch.php" target="_blank">{self.j('高级搜索')}</a>|<a href="/data/sitemap.html" target="_blank">{self.j('网站地图')}</a>|<a href="/tags.php">{self.j('TAG标签')}</a><a href="/data/rssmap.html" class="rss">{self.j('RSS订阅')}</a><span>[<a href="" onclick="this.style.behavior='url(#default#homepage)';this.setHomePage('/');">{self.j('设为首页')}</a>] [<a href="javascript:window.external.AddFavorite('/','{attr(site.name)}')">{self.j('加入收藏')}</a>]</span></div>
 </div>
</div>
<div class="header">
 <div class="top w960 center">
  <div class="title"><h1><a href="/"><img src="/templets/default/images/logo.gif" height="54" width="216" alt="{attr(site.name)}"/></a></h1></div>
  <div class="banner"><script src='/plus/ad_js.php?aid=1' language='javascript'></script></div>
 </div>
 <div class="module blue mT10 wrapper w963">
  <div class="top"><div id="navMenu"><ul>
{self.links(self.NAV)}
  </ul></div>
  <div class="search"><form name="formsearch" action="/plus/search.php"><div class="form"><h4>{self.j('搜索')}</h4>
   <input type="hidden" name="kwtype" value="0" /><input name="q" type="text" class="search-keyword" id="search-keyword" value="{attr('在这里搜索...')}" onfocus="if(this.value=='在这里搜索...'){{this.value='';}}" />
   <select name="searchtype" class="search-option" id="search-option"><option value="title" selected='1'>{self.j('检索标题')}</option><option value="titlekeyword">{self.j('智能模糊')}</option></select>
   <button type="submit" class="search-submit">{self.j('搜索')}</button></div></form>
   <div class="tags"><h4>{self.j('热门标签')}:</h4><ul><li><a href='/tags.php?/讲话稿/'>{self.j('讲话稿')}</a></li><li><a href='/tags.php?/心得体会/'>{self.j('心得体会')}</a></li><li><a href='/tags.php?/工作计划/'>{self.j('工作计划')}</a></li></ul></div>
  </div></div>
 </div>
</div>
"""

    def sidebar(self, site: Site, hot: list[tuple[str, str]]) -> str:
        return f"""<div class="pright">
 <div class="commend mt1"><dl class="tbox light"><dt class='light'><strong>{self.j('推荐内容')}</strong></dt><dd class='light'><ul class="d4">
{self.links(hot[:5])}
 </ul></dd></dl></div>
 <div class="mt1"><ins class="adsbygoogle" style="display:inline-block;width:250px;height:250px" data-ad-client="ca-pub-5372841926021743" data-ad-slot="4411972012"></ins>
 <script>(adsbygoogle = window.adsbygoogle || []).push({{}});</script></div>
 <div class="hot mt1"><dl class="tbox light"><dt class='light'><strong>{self.j('热点内容')}</strong></dt><dd class='light'><ul class="c1 ico2">
{self.links(hot[5:10])}
 </ul></dd></dl></div>
 <div class="mt1"><iframe src="/plus/ad_js.php?aid=7&amp;nocache=1" width="250" height="300" frameborder="0" scrolling="no"></iframe></div>
</div>
"""

    def foot(self, site: Site) -> str:
        return f"""<div class="footer w960 center mt1 clear">
 <div class="footer_left"></div>
 <div class="footer_body">
 <p class="powered">{self.j(site.name)} {self.j('https://' + site.host)}<br />
 {self.j('Copyright © ' + site.years + ' . ' + site.name + ' 版权所有')}<br />
 {self.j('Powered by ' + site.name + ' © All Rights Reserved.')} {self.j('备案号:')}<a href="https://beian.miit.gov.cn/" target="_blank" rel="nofollow">{self.j(site.icp)}</a></p>
 <div class="copyright">{self.j('本站部分文章来自网络,如有侵权请联系删除。')}</div>
 </div>
 <div class="footer_right"></div>
</div>
{stats_script(site)}
{push_script()}
</body>
</html>
"""

    def article(self, a: Article) -> str:
        s = a.site
        kw = ",".join(a.tags[:4]) or a.title
        extra = ""
        if a.og:
            extra += og_tags(a) + "\n"
        if a.date_jsonld:
            extra += json_ld(a) + "\n"
        if a.abs_url:
            extra += f'<link rel="canonical" href="{attr(a.abs_url)}" />\n'
        out = [self.head(f"{a.h1}_{s.name}", a.charset_decl, kw, a.summary, a.ascii_prelude, extra)]
        out.append(self.top(s))
        info = []
        if a.shown_time:
            info.append(esc(a.shown_time))
        if a.author_shown:
            info.append(f"{self.j('投稿作者:')}{esc(a.author_shown)}")
        if a.source:
            info.append(f"{self.j('来源:')}{esc(a.source)}")
        info.append(f"{self.j('点击:')}<script src=\"/plus/count.php?view=yes&amp;aid={a.aid}&amp;mid=1\" type='text/javascript' language=\"javascript\"></script>")
        pre = "".join(f'<div class="intro">{self.j(b.shown)}</div>\n' for b in a.pre)
        comp = f"<p><strong>{esc(a.comp_heading)}</strong></p>\n" if a.comp_heading else ""
        body = self.body(a, "<p><strong>{}</strong></p>")
        old = a.variant == "old"
        if old:
            content = (f'<table width="100%" border="0" cellspacing="0" cellpadding="0"><tr><td>'
                       f'<table width="96%" border="0" align="center" cellpadding="0" cellspacing="0" class="content_table">'
                       f'<tr><td height="10"></td></tr><tr><td class="content_td" valign="top">\n{comp}{body}'
                       f'</td></tr></table></td></tr></table>')
        else:
            content = f"<table width='100%'>\n<tr>\n<td>\n{comp}{body}\n</td>\n</tr>\n</table>"
        tags = self.tags_html(a, lambda t: f"/tags.php?/{t}/")
        prev = (f"<li>{self.j('上一篇:')}<a href='{a.prev[1]}'>{self.j(a.prev[0])}</a> </li>" if a.prev
                else f"<li>{self.j('上一篇:没有了')} </li>")
        nxt = (f"<li>{self.j('下一篇:')}<a href='{a.next[1]}'>{self.j(a.next[0])}</a> </li>" if a.next
               else f"<li>{self.j('下一篇:没有了')} </li>")
        related = self.links(a.related[:8])
        extended = self.links(a.related[8:12])
        main = f"""<div class="w960 center clear mt1">
<div class="pleft">
 <div class="place"><strong>{self.j('位置:')}</strong> {self.crumbs(a.crumbs, ' &gt; ')}</div>
 <div class="viewbox">
  <div class="title"><h2>{esc(a.h1)}</h2></div>
  <div class="info"><small>{' '.join(info)}</small></div>
  {pre}<div class="content" id="content">
{content}
  </div>
  {self.page_bar(a)}
  <div class="tags">{tags}</div>
  <div class="boxoff"><strong>------{self.j('分隔线')}----------------------------</strong></div>
  <div class="handle">
   <div class="context"><ul>{prev}{nxt}</ul></div>
   <div class="actbox"><ul>
    <li id="act-fav"><a href="/plus/stow.php?aid={a.aid}" target="_blank">{self.j('收藏')}</a></li>
    <li id="act-err"><a href="/plus/erraddsave.php?aid={a.aid}&amp;title={attr(a.title)}" target="_blank">{self.j('挑错')}</a></li>
    <li id="act-pus"><a href="/plus/recommend.php?aid={a.aid}" target="_blank">{self.j('推荐')}</a></li>
    <li id="act-pnt"><a href="#" onClick="window.print();">{self.j('打印')}</a></li>
   </ul></div>
  </div>
  <div class="download"><a class="btn-down" href="/plus/download.php?open=0&amp;aid={a.aid}&amp;cid=3" rel="nofollow">{self.j('下载本文')}</a> <a class="btn-copy" href="javascript:copyText();">{self.j('复制全文')}</a> <span>{self.j('下载本文档需要登录,并付出相应积分。')}</span></div>
 </div>
 <div class="xglist mt1"><dl class="tbox"><dt><strong>{self.j('猜你喜欢')}</strong></dt><dd><ul>
{related}
 </ul></dd></dl></div>
 <div class="xglist mt1"><dl class="tbox"><dt><strong>{self.j('扩展阅读文章')}</strong></dt><dd><ul>
{extended}
 </ul></dd></dl>
 <dl class="tbox"><dt><strong>{self.j('推荐阅读文章')}</strong></dt><dd><ul>
{self.links(a.hot[10:14])}
 </ul></dd></dl></div>
 <div id="commetcontent" class="mt1"><dl class="tbox"><dt><strong>{self.j('网友评论')}</strong><span class="more"></span></dt>
  <dd><form action="/plus/feedback.php?action=send" method="post" name="feedback"><input type="hidden" name="aid" value="{a.aid}" />
  <div class="dcmp-content"><textarea cols="60" name="msg" rows="5" class="ipt-txt"></textarea></div>
  <div class="dcmp-post"><div class="dcmp-userinfo" id="_ajax_feedback">{self.j('验证码:')}<input type="text" name="validate" size="4" class="ipt-txt" /><img src="/include/vdimgck.php" align="absmiddle" />
  <input type="checkbox" name="notuser" id="dcmp-submit-guest" />{self.j('匿名?')}</div>
  <div class="dcmp-submit"><button type="submit">{self.j('发表评论')}</button></div></div>
  <div class="dcmp-mood">{self.j('请自觉遵守互联网相关的政策法规,严禁发布色情、暴力、反动的言论。')}</div></form></dd></dl></div>
</div>
{self.sidebar(s, a.hot)}
</div>
"""
        out.append(main)
        out.append(self.foot(s))
        return "".join(out)

    def listing(self, lp: ListPage) -> str:
        s = lp.site
        out = [self.head(f"{lp.title}_{s.name}", lp.charset_decl, lp.title, f"{s.name}{lp.title}栏目")]
        out.append(self.top(s).replace('class="articleview"', 'class="articlelist"'))
        items = "\n".join(
            f'<li><a href="{attr(e.path)}" class="title">{self.j(e.title)}</a><span class="info"><small>'
            f"{self.j('日期:')}</small>{e.date}<small>{self.j('点击:')}</small>{100 + i * 7}</span>"
            f"<p class=\"intro\">{self.j(e.summary)}</p></li>"
            for i, e in enumerate(lp.entries))
        extra = ""
        if lp.extra_links:
            extra = f'<div class="member-box mt1"><dl class="tbox"><dt><strong>{self.j("会员专区")}</strong></dt><dd><ul>{self.links(lp.extra_links)}</ul></dd></dl></div>'
        out.append(f"""<div class="w960 center clear mt1">
<div class="pleft">
 <div class="place"><strong>{self.j('当前位置:')}</strong> {self.crumbs(lp.crumbs, ' &gt; ')}</div>
 <div class="listbox"><h1 class="listtitle">{esc(lp.title)}</h1><ul class="e2">
{items}
 </ul></div>
 {self.list_pager(lp)}
 {extra}
</div>
{self.sidebar(s, lp.hot)}
</div>
""")
        out.append(self.foot(s))
        return "".join(out)

    def not_found(self, nf: NotFound) -> str:
        s = nf.site
        out = [self.head(f"{nf.title}_{s.name}", nf.charset_decl, nf.title, nf.title)]
        out.append(self.top(s))
        out.append(f"""<div class="w960 center clear mt1"><div class="error404">
<h1>{esc(nf.title)}</h1>
<p>{self.j('抱歉,您访问的页面不存在或已被删除!')}</p>
<p>{self.j('可能原因:网址有错误、该页面已被删除或移动。')}</p>
<p><a href="/">{self.j('返回首页')}</a> | <a href="/data/sitemap.html">{self.j('网站地图')}</a> | <span id="totalSecond">5</span>{self.j('秒后自动跳转')}</p>
<script>var second=5;setInterval(function(){{second--;if(second<=0)location.href='/';}},1000);</script>
</div></div>
""")
        out.append(self.foot(s))
        return "".join(out)


# -------------------------------------------------------------------- PHPCMS


class PHPCMS(Family):
    """PHPCMS v9 default template as on 百花范文网."""

    name = "phpcms"
    NAV = [("网站首页", "/"), ("公文大全", "/gongwen/"), ("个人文档", "/geren/"), ("实用范文", "/shiyong/"),
           ("讲话致辞", "/jianghua/"), ("实用工具", "/gongju/"), ("心得体会", "/xinde/"), ("哲学范文", "/zhexue/"),
           ("总结范文", "/zongjie/"), ("范文大全", "/fanwen/"), ("报告", "/baogao/"), ("合同", "/hetong/"),
           ("文书", "/wenshu/"), ("信函", "/xinhan/")]
    SUB = [("工作计划", "/shiyong/gongzuojihua/"), ("学习计划", "/shiyong/xuexijihua/"), ("自我评价", "/shiyong/ziwopingjia/")]
    FOOTNAV = [("范文大全", "/fanwen/"), ("说说大全", "/shuoshuo/"), ("学习资料", "/xuexi/"), ("语录", "/yulu/"),
               ("生肖", "/shengxiao/"), ("解梦", "/jiemeng/"), ("十二星座", "/xingzuo/")]

    def head(self, title: str, decl: str | None, keywords: str, desc: str, extra: str = "") -> str:
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
{charset_meta(decl)}
<meta http-equiv="X-UA-Compatible" content="IE=7" />
<title>{esc(title)}</title>
<meta name="keywords" content="{attr(keywords)}">
<meta name="description" content="{attr(desc)}">
<link href="/statics/css/reset.css" rel="stylesheet" type="text/css" />
<link href="/statics/css/default_blue.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/statics/js/jquery.min.js"></script>
<script type="text/javascript" src="/statics/js/jquery.sgallery.js"></script>
<script type="text/javascript" src="/statics/js/search_common.js"></script>
{extra}
</head>
"""

    def top(self, site: Site) -> str:
        return f"""<body>
<div class="body-top">
 <div class="content">
  <div id="announ"><ul><li><a href="/index.php?m=announce&amp;c=index&amp;a=show&amp;aid=1">{self.j('关于本站内容版权的声明')}</a></li></ul></div>
  <div class="login lh24 blue"><a href="/index.php?m=content&amp;c=rss&amp;siteid=1" class="rss ib">rss</a><span class="rt">
  <script type="text/javascript">document.write('<iframe src="/index.php?m=member&c=index&a=mini&forward='+encodeURIComponent(location.href)+'&siteid=1" allowTransparency="true" width="500" height="24" frameborder="0" scrolling="no"></iframe>')</script></span></div>
 </div>
</div>
<div class="header">
 <div class="logo lf"><a href="/"><img src="/statics/images/v9/logo.jpg" alt="{attr(site.name)}" /></a></div>
 <div class="lf" style="margin-left:20px"><script language="javascript" src="/index.php?m=poster&amp;c=index&amp;a=show_poster&amp;id=1"></script></div>
 <div class="search">
  <div class="tab" id="search"><a href="javascript:;" onclick="setmodel(1, $(this), 'typeid', 1);" class="on">{self.j('新闻')}</a><span>|</span><a href="javascript:;" onclick="setmodel(3, $(this), 'typeid', 3);">{self.j('下载')}</a></div>
  <div class="bd"><form action="/index.php" method="get" target="_blank"><input type="hidden" name="m" value="search"/><input type="hidden" name="c" value="index"/><input type="hidden" name="a" value="init"/>
  <input type="text" name="q" id="q" class="input-text"/><input type="submit" value="{attr('搜 索')}" class="button" /></form></div>
 </div>
 <div class="bk3"></div>
 <div class="nav-bar"><map><ul class="nav-site">
{self.links(self.NAV)}
 </ul></map></div>
 <div class="subnav"><ul>{self.links(self.SUB)}</ul></div>
</div>
"""

    def side(self, hot: list[tuple[str, str]]) -> str:
        return f"""<div class="col-auto">
 <div class="box"><h5 class="title-2">{self.j('频道总排行')}</h5><ul class="content digg">
{self.links(hot[:5])}
 </ul></div>
 <div class="bk10"></div>
 <div class="box"><h5 class="title-2">{self.j('频道本月排行')}</h5><ul class="content rank">
{self.links(hot[5:10])}
 </ul></div>
 <div class="bk10"></div>
 <script language="javascript" src="/index.php?m=poster&amp;c=index&amp;a=show_poster&amp;id=9"></script>
</div>
"""

    def foot(self, site: Site) -> str:
        fn = "\n".join(f'<li>&bull; <a href="{h}">{self.j(t)}</a></li>' for t, h in self.FOOTNAV)
        return f"""<div class="bk10"></div>
<div class="footnav"><ul>{fn}</ul></div>
<div class="footer">
 <p class="info">
 <a href="/html/about/about/">{self.j('关于我们')}</a> | <a href="/html/about/contactus/">{self.j('联系我们')}</a> | <a href="/html/about/copyright/">{self.j('版权声明')}</a> | <a href="/html/about/hr/">{self.j('招聘信息')}</a> | <a href="/index.php?m=link">{self.j('友情链接')}</a><br />
 {self.j('Copyright ©' + site.years + ' ' + site.name + ' 版权所有')} <a href="https://beian.miit.gov.cn/" target="_blank">{self.j(site.icp)}</a><br />
 {self.j('本站内容来源于网络,仅供学习参考,如有侵权请联系删除')}</p>
</div>
{stats_script(site)}
</body>
</html>
"""

    def article(self, a: Article) -> str:
        s = a.site
        extra = head_extras(a)
        out = [self.head(f"{a.h1} - {s.name}", a.charset_decl, ",".join(a.tags) or a.title, a.summary, extra)]
        out.append(self.top(s))
        meta = []
        if a.shown_time:
            meta.append(f"{self.j('时间:')}{esc(a.shown_time)}")
        if a.source:
            meta.append(f"{self.j('来源:')}{esc(a.source)}")
        if a.author_shown:
            meta.append(f"{self.j('作者:')}{esc(a.author_shown)}")
        meta.append(f"{self.j('本文已影响')}<span id=\"hits\">{a.hits}</span>{self.j('人')}")
        comp = f'<p style="text-align:center"><strong>{esc(a.comp_heading)}</strong></p>\n' if a.comp_heading else ""
        pre = "".join(f"<p>{self.j(b.shown)}</p>\n" for b in a.pre)
        body = self.body(a, "<h3>{}</h3>")
        tags = self.tags_html(a, lambda t: f"/index.php?m=content&c=tag&a=lists&tag={t}", " ")
        prev = f"<strong>{self.j('上一篇:')}</strong><a href=\"{a.prev[1]}\">{self.j(a.prev[0])}</a>" if a.prev else ""
        nxt = f"<strong>{self.j('下一篇:')}</strong><a href=\"{a.next[1]}\">{self.j(a.next[0])}</a>" if a.next else ""
        pages = ""
        if a.page_count > 1:
            pages = '<div id="pages" class="text-c">' + "".join(
                f'<a href="{p}">{n}</a>' if n != a.page_no else f"<span>{n}</span>"
                for n, p in enumerate(a.page_paths, 1))
            if a.page_no < a.page_count:
                pages += f'<a class="a1" href="{a.page_paths[a.page_no]}">{self.j("下一页")}</a>'
            pages += "</div>"
        out.append(f"""<div class="main">
<div class="col-left">
 <div class="crumbs">{self.crumbs(a.crumbs, '<span> &gt; </span>')}</div>
 <div id="Article">
  <h1>{esc(a.h1)}<br />
  <span>{''.join(meta)}</span></h1>
  <div class="tool"><a href="javascript:;" onclick="printArticle();">{self.j('打印本文')}</a> <a href="/index.php?m=content&amp;c=down&amp;a=init&amp;id={a.aid}" rel="nofollow">{self.j('下载本文')}</a></div>
  <div class="content">
{pre}{comp}{body}
  </div>
  {pages}
  <p style="margin-bottom:10px">{tags}</p>
  <p class="f14">{prev}<br />{nxt}</p>
  <div class="bk15"></div>
  <div class="box"><h5>{self.j('相关文章')}</h5><ul class="list blue lh24 f14">
{self.links(a.related[:8])}
  </ul></div>
  <div class="box"><h5>{self.j('猜你喜欢')}</h5><ul class="list blue lh24 f14">
{self.links(a.related[8:12])}
  </ul></div>
  <div class="bk10"></div>
  <iframe src="/index.php?m=comment&amp;c=index&amp;a=init&amp;commentid=content_12-{a.aid}-1&amp;iframe=1" width="100%" height="100%" id="comment_iframe" frameborder="0" scrolling="no"></iframe>
  <div class="box"><h5>{self.j('评论排行')}</h5><ul class="content"><script type="text/javascript" src="/index.php?m=comment&amp;c=index&amp;a=rank"></script></ul></div>
 </div>
</div>
{self.side(a.hot)}
</div>
<div class="hotwords"><strong>{self.j('推荐访问')}</strong></div>
""")
        out.append(self.foot(s))
        return "".join(out)

    def listing(self, lp: ListPage) -> str:
        s = lp.site
        out = [self.head(f"{lp.title} - {s.name}", lp.charset_decl, lp.title, f"{s.name}{lp.title}")]
        out.append(self.top(s))
        rows = "\n".join(
            f'<li><span class="rt">{e.date}</span><a href="{attr(e.path)}" target="_blank">{self.j(e.title)}</a></li>'
            + ("<li class=\"bk20 hr\"><hr /></li>" if i % 5 == 4 else "")
            for i, e in enumerate(lp.entries))
        pager = self.list_pager(lp).replace('class="pages"', 'id="pages" class="text-c"')
        extra = ""
        if lp.extra_links:
            extra = f'<div class="box"><h5>{self.j("会员投稿")}</h5><ul class="list">{self.links(lp.extra_links)}</ul></div>'
        out.append(f"""<div class="main">
<div class="col-left">
 <div class="crumbs">{self.crumbs(lp.crumbs, '<span> &gt; </span>')}</div>
 <div class="box"><h1 class="title">{esc(lp.title)}</h1>
 <ul class="list lh24 f14">
{rows}
 </ul>
 {pager}
 </div>
 {extra}
</div>
{self.side(lp.hot)}
</div>
""")
        out.append(self.foot(s))
        return "".join(out)

    def not_found(self, nf: NotFound) -> str:
        s = nf.site
        out = [self.head(f"{nf.title} - {s.name}", nf.charset_decl, nf.title, nf.title)]
        out.append(f"""<body>
<div class="showMsg" style="text-align:center">
 <h5>{esc(nf.title)}</h5>
 <div class="content guery" style="display:inline-block;display:-moz-inline-stack;zoom:1;*display:inline;max-width:330px">{self.j('您访问的页面不存在')}</div>
 <div class="bottom">
 <a href="javascript:history.back();">{self.j('[点这里返回上一页]')}</a> <a href="/">{self.j('[返回网站首页]')}</a>
 </div>
</div>
<script style="text/javascript">function close_dialog() {{ window.top.location.reload(); }}</script>
""")
        out.append(self.foot(s))
        return "".join(out)


# ----------------------------------------------------------------- EmpireCMS


class EmpireCMS(Family):
    """EmpireCMS 7.x (帝国) templates as on 星星阅读网 / 明月秘书网."""

    name = "empirecms"
    NAV = [("首页", "/"), ("范文大全", "/fanwen/"), ("讲话稿", "/jianghua/"), ("工作总结", "/zongjie/"),
           ("工作计划", "/jihua/"), ("心得体会", "/xinde/"), ("演讲稿", "/yanjiang/"), ("述职报告", "/shuzhi/"),
           ("党团范文", "/dangtuan/"), ("作文大全", "/zuowen/")]

    def head(self, title: str, decl: str | None, keywords: str, desc: str, extra: str = "") -> str:
        return f"""<!DOCTYPE html>
<html>
<head>
{charset_meta(decl, html5=True)}
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{esc(title)}</title>
<meta name="keywords" content="{attr(keywords)}" />
<meta name="description" content="{attr(desc)}" />
<link href="/skin/default/css/style.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/e/data/js/ajax.js"></script>
<script type="text/javascript" src="/skin/default/js/jquery-1.8.3.min.js"></script>
{extra}
</head>
"""

    def top(self, site: Site) -> str:
        return f"""<body>
<div class="topbar"><div class="wrap">
 <span class="fl">{self.j('欢迎来到' + site.name + '!')}</span>
 <span class="fr"><a href="/e/member/login/">{self.j('登录')}</a> | <a href="/e/member/register/">{self.j('注册')}</a> | <a href="javascript:void(0)" onclick="AddFavorite();">{self.j('加入收藏')}</a></span>
</div></div>
<div class="header wrap">
 <div class="logo"><a href="/" title="{attr(site.name)}"><img src="/skin/default/images/logo.png" alt="{attr(site.name)}" /></a></div>
 <div class="search"><form action="/e/search/index.php" method="post" name="searchform" id="searchform">
  <input type="hidden" name="show" value="title" /><input type="hidden" name="tempid" value="1" />
  <input name="keyboard" type="text" class="inp" value="" placeholder="{attr('请输入关键词')}" /><input type="submit" class="btn" value="{attr('搜索')}" />
 </form></div>
</div>
<div class="nav"><ul class="wrap">
{self.links(self.NAV)}
</ul></div>
<div class="ad wrap"><script src="/d/js/acmsd/thea1.js"></script></div>
"""

    def right(self, a_related: list[tuple[str, str]], hot: list[tuple[str, str]]) -> str:
        return f"""<div class="right">
 <div class="box"><h3>{self.j('猜你喜欢')}</h3><ul>
{self.links(a_related)}
 </ul></div>
 <div class="box"><iframe src="/d/js/acmsd/thea6.html" width="300" height="250" frameborder="0" scrolling="no" marginwidth="0" marginheight="0"></iframe></div>
 <div class="box"><h3>{self.j('热门推荐')}</h3><ol>
{self.links(hot[:8])}
 </ol></div>
 <div class="box"><h3>{self.j('最新更新')}</h3><ul>
{self.links(hot[8:14])}
 </ul></div>
</div>
"""

    def foot(self, site: Site) -> str:
        return f"""<div class="footer"><div class="wrap">
 <p><a href="/about/">{self.j('关于本站')}</a> | <a href="/contact/">{self.j('联系我们')}</a> | <a href="/mianze/">{self.j('免责声明')}</a> | <a href="/sitemap.xml">{self.j('网站地图')}</a></p>
 <p>{self.j('Copyright © ' + site.years + ' ' + site.name + ' ' + site.host + ' All Rights Reserved.')}</p>
 <p><a href="https://beian.miit.gov.cn/" rel="nofollow" target="_blank">{self.j(site.icp)}</a></p>
 <p>{self.j('声明:本站文章均来自网络,版权归原作者所有,如有侵权请联系我们删除。')}</p>
</div></div>
<script src="/e/data/js/tongji.js"></script>
{stats_script(site)}
</body>
</html>
"""

    def article(self, a: Article) -> str:
        s = a.site
        extra = head_extras(a)
        out = [self.head(f"{a.h1}_{s.name}", a.charset_decl, ",".join(a.tags) or a.title, a.summary, extra)]
        out.append(self.top(s))
        info = []
        if a.shown_time:
            info.append(f"{self.j('发布时间:')}{esc(a.shown_time)}")
        if a.author_shown:
            info.append(f"{self.j('作者:')}{esc(a.author_shown)}")
        if a.source:
            info.append(f"{self.j('来源:')}{esc(a.source)}")
        info.append(f"{self.j('点击:')}<script src=\"/e/public/ViewClick/?classid=12&amp;id={a.aid}&amp;addclick=1\"></script>{self.j('次')}")
        pre = "".join(f"<p>{self.j(b.shown)}</p>\n" for b in a.pre)
        comp = f"<h2>{esc(a.comp_heading)}</h2>\n" if a.comp_heading else ""
        body = self.body(a, "<h3>{}</h3>" if a.variant != "strong" else "<p><strong>{}</strong></p>")
        tags = self.tags_html(a, lambda t: f"/e/tags/?tagname={t}", "&nbsp;")
        pagebar = self.page_bar(a).replace("dede_pages", "epages")
        prev = f"<p>{self.j('上一篇:')}<a href=\"{a.prev[1]}\">{self.j(a.prev[0])}</a></p>" if a.prev else ""
        nxt = f"<p>{self.j('下一篇:')}<a href=\"{a.next[1]}\">{self.j(a.next[0])}</a></p>" if a.next else ""
        out.append(f"""<div class="main wrap">
<div class="left">
 <div class="position">{self.j('当前位置:')}{self.crumbs(a.crumbs, '&nbsp;&gt;&nbsp;')}</div>
 <div class="article">
  <h1>{esc(a.h1)}</h1>
  <div class="info">{'&nbsp;&nbsp;'.join(info)}</div>
  <div class="ad_content"><script type="text/javascript">ad_content_top();</script></div>
  <div class="content" id="text">
{pre}{comp}{body}
  </div>
  {pagebar}
  <div class="tags">{tags}</div>
  <div class="download"><a href="/e/DownSys/down/?classid=12&amp;id={a.aid}" class="down" rel="nofollow">{self.j('下载本文')}</a><a href="javascript:;" class="copy" onclick="copyArticle()">{self.j('复制全文')}</a><a href="javascript:window.print()">{self.j('打印本文')}</a></div>
  <div class="prenext">{prev}{nxt}</div>
  <div class="related"><h3>{self.j('扩展阅读文章')}</h3><ul>
{self.links(a.related[:6])}
  </ul></div>
  <div class="pinglun"><h3>{self.j('网友评论')}</h3>
   <form action="/e/pl/doaction.php" method="post" name="saypl"><textarea name="saytext" rows="5"></textarea>
   <p>{self.j('以上网友发言只代表其个人观点,不代表本站的观点或立场')}</p><input type="submit" value="{attr('发表评论')}" /></form>
   <script src="/e/pl/more/?classid=12&amp;id={a.aid}&amp;num=10"></script></div>
 </div>
</div>
{self.right(a.related[6:12], a.hot)}
</div>
""")
        out.append(self.foot(s))
        return "".join(out)

    def listing(self, lp: ListPage) -> str:
        s = lp.site
        out = [self.head(f"{lp.title}_{s.name}", lp.charset_decl, lp.title, f"{s.name}{lp.title}栏目")]
        out.append(self.top(s))
        rows = "\n".join(
            f'<li><h3><a href="{attr(e.path)}" target="_blank">{self.j(e.title)}</a></h3><p>{self.j(e.summary)}</p><span>{e.date}</span></li>'
            for e in lp.entries)
        pager = self.list_pager(lp).replace('class="pages"', 'class="epages"')
        extra = ""
        if lp.extra_links:
            extra = f'<div class="box"><h3>{self.j("会员专区")}</h3><ul>{self.links(lp.extra_links)}</ul></div>'
        out.append(f"""<div class="main wrap">
<div class="left">
 <div class="position">{self.j('当前位置:')}{self.crumbs(lp.crumbs, '&nbsp;&gt;&nbsp;')}</div>
 <div class="listbox"><h1>{esc(lp.title)}</h1><ul class="list">
{rows}
 </ul>{pager}</div>
 {extra}
</div>
{self.right(lp.hot[:6], lp.hot)}
</div>
""")
        out.append(self.foot(s))
        return "".join(out)

    def not_found(self, nf: NotFound) -> str:
        s = nf.site
        out = [self.head(f"{nf.title}_{s.name}", nf.charset_decl, nf.title, nf.title)]
        out.append(self.top(s))
        out.append(f"""<div class="main wrap"><div class="page404">
<h1>{esc(nf.title)}</h1>
<p class="tip">{self.j('您访问的页面不存在,可能已被删除或更名。')}</p>
<p><a href="/">{self.j('返回首页')}</a> <a href="javascript:history.go(-1)">{self.j('返回上一页')}</a></p>
</div></div>
""")
        out.append(self.foot(s))
        return "".join(out)


# ----------------------------------------------------------------- WordPress


class WordPress(Family):
    """A WordPress 6 theme (twentyseventeen-like) with Yoast SEO, as on 呢子范文网."""

    name = "wordpress"
    NAV = [("首页", "/"), ("讲话稿", "/category/jianghua/"), ("工作总结", "/category/zongjie/"),
           ("心得体会", "/category/xinde/"), ("演讲稿", "/category/yanjiang/"), ("关于本站", "/about/")]
    CLOUD = ["讲话稿", "工作会议", "心得体会", "工作总结", "述职报告", "党建", "演讲稿", "工作计划"]

    def head(self, title: str, decl: str, desc: str, extra: str = "", canonical: str | None = None) -> str:
        can = f'<link rel="canonical" href="{attr(canonical)}" />\n' if canonical else ""
        return f"""<!doctype html>
<html lang="zh-Hans">
<head>
{charset_meta(decl, html5=True)}
<meta name="viewport" content="width=device-width, initial-scale=1" />
<link rel="profile" href="https://gmpg.org/xfn/11" />
<title>{esc(title)}</title>
<!-- This site is optimized with the Yoast SEO plugin v21.5 - https://yoast.com/wordpress/plugins/seo/ -->
<meta name="description" content="{attr(desc)}" />
<meta name="robots" content="index, follow, max-image-preview:large, max-snippet:-1, max-video-preview:-1" />
{can}{extra}
<!-- / Yoast SEO plugin. -->
<link rel='dns-prefetch' href='//s.w.org' />
<script>
window._wpemojiSettings = {{"baseUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/14.0.0\\/72x72\\/","ext":".png","svgUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/14.0.0\\/svg\\/","svgExt":".svg","source":{{"concatemoji":"\\/wp-includes\\/js\\/wp-emoji-release.min.js?ver=6.4.2"}}}};
!function(i,n){{var o,s,e;function c(e){{try{{var t={{supportTests:e,timestamp:(new Date).valueOf()}};sessionStorage.setItem(o,JSON.stringify(t))}}catch(e){{}}}}}}(window,document);
</script>
<link rel='stylesheet' id='wp-block-library-css' href='/wp-includes/css/dist/block-library/style.min.css?ver=6.4.2' media='all' />
<link rel='stylesheet' id='twentyseventeen-style-css' href='/wp-content/themes/twentyseventeen/style.css?ver=20231107' media='all' />
<script src="/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
<link rel="https://api.w.org/" href="/wp-json/" />
<link rel="EditURI" type="application/rsd+xml" title="RSD" href="/xmlrpc.php?rsd" />
<meta name="generator" content="WordPress 6.4.2" />
</head>
"""

    def top(self, site: Site, body_cls: str) -> str:
        return f"""<body class="{body_cls}">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">{self.j('跳至内容')}</a>
<header id="masthead" class="site-header">
 <div class="site-branding"><div class="wrap">
  <p class="site-title"><a href="/" rel="home">{self.j(site.name)}</a></p>
  <p class="site-description">{self.j(site.slogan or '分享好范文,写作更轻松')}</p>
 </div></div>
 <div class="navigation-top"><div class="wrap">
  <nav id="site-navigation" class="main-navigation" aria-label="{attr('顶部菜单')}">
  <button class="menu-toggle" aria-controls="top-menu" aria-expanded="false">{self.j('菜单')}</button>
  <div class="menu-main-container"><ul id="top-menu" class="menu">
{self.links(self.NAV, cls="menu-item menu-item-type-taxonomy")}
  </ul></div>
  </nav>
 </div></div>
</header>
<div class="site-content-contain"><div id="content" class="site-content"><div class="wrap">
"""

    def sidebar(self, site: Site, hot: list[tuple[str, str]]) -> str:
        cloud = " ".join(f'<a href="/tag/{t}/" class="tag-cloud-link" style="font-size: {12 + i % 4}pt;" aria-label="{attr(t)}">{self.j(t)}</a>'
                         for i, t in enumerate(self.CLOUD))
        return f"""<aside id="secondary" class="widget-area" aria-label="{attr('博客边栏')}">
 <section id="search-2" class="widget widget_search"><form role="search" method="get" class="search-form" action="/">
  <label for="search-form-1"><span class="screen-reader-text">{self.j('搜索:')}</span></label>
  <input type="search" id="search-form-1" class="search-field" placeholder="{attr('搜索…')}" value="" name="s" />
  <button type="submit" class="search-submit"><span class="screen-reader-text">{self.j('搜索')}</span></button></form></section>
 <section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">{self.j('近期文章')}</h2><nav aria-label="{attr('近期文章')}"><ul>
{self.links(hot[:5])}
 </ul></nav></section>
 <section id="custom_html-3" class="widget_text widget widget_custom_html"><div class="textwidget custom-html-widget">
 <script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-9120000000000001" crossorigin="anonymous"></script>
 <ins class="adsbygoogle" style="display:block" data-ad-client="ca-pub-9120000000000001" data-ad-slot="1234567890" data-ad-format="auto" data-full-width-responsive="true"></ins>
 <script>(adsbygoogle = window.adsbygoogle || []).push({{}});</script></div></section>
 <section id="tag_cloud-2" class="widget widget_tag_cloud"><h2 class="widget-title">{self.j('标签云')}</h2><nav aria-label="{attr('标签云')}"><div class="tagcloud">{cloud}</div></nav></section>
</aside>
"""

    def foot(self, site: Site) -> str:
        return f"""</div></div>
<footer id="colophon" class="site-footer"><div class="wrap">
 <div class="site-info">
 <span>{self.j('© ' + site.years[-4:] + ' ' + site.name)}</span> &middot; <a href="https://beian.miit.gov.cn/" rel="nofollow">{self.j(site.icp)}</a> &middot;
 <a href="https://cn.wordpress.org/" class="imprint">{self.j('自豪地采用WordPress')}</a>
 </div>
</div></footer>
</div></div>
<script src="/wp-content/themes/twentyseventeen/assets/js/global.js?ver=20211130" id="twentyseventeen-global-js"></script>
<script src="/wp-includes/js/comment-reply.min.js?ver=6.4.2" id="comment-reply-js" async data-wp-strategy="async"></script>
{stats_script(site)}
</body>
</html>
"""

    def yoast_crumbs(self, crumbs: list[tuple[str, str | None]]) -> str:
        if not crumbs:
            return ""
        parts = []
        for t, h in crumbs:
            parts.append(f'<span><a href="{attr(h)}">{self.j(t)}</a></span>' if h else
                         f'<span class="breadcrumb_last" aria-current="page">{esc(t)}</span>')
        return '<p id="breadcrumbs"><span>' + " » ".join(parts) + "</span></p>"

    def article(self, a: Article) -> str:
        s = a.site
        extra = head_extras(a)
        out = [self.head(f"{a.h1} – {s.name}", a.charset_decl or "UTF-8", a.summary, extra, a.abs_url)]
        out.append(self.top(s, f"post-template-default single single-post postid-{a.aid} single-format-standard"))
        meta = []
        if a.shown_time:
            meta.append(f'<span class="posted-on"><span class="screen-reader-text">{self.j("发布于")}</span> '
                        f'<a href="{a.path}" rel="bookmark"><time class="entry-date published" datetime="{a.iso_time or ""}">{esc(a.shown_time)}</time></a></span>')
        if a.author_shown:
            meta.append(f'<span class="byline"> {self.j("作者")} <span class="author vcard"><a class="url fn n" href="/author/editor/">{esc(a.author_shown)}</a></span></span>')
        crumbs = self.yoast_crumbs(a.crumbs)
        pre = "".join(f"<p>{self.j(b.shown)}</p>\n" for b in a.pre)
        comp = f"<h2 class=\"wp-block-heading\">{esc(a.comp_heading)}</h2>\n" if a.comp_heading else ""
        body = self.body(a, '<h3 class="wp-block-heading">{}</h3>')
        tags = ""
        if a.tags:
            tags = (f'<span class="tags-links">{self.j(a.tags_label)}'
                    + "、".join(f'<a href="/tag/{t}/" rel="tag">{esc(t)}</a>' for t in a.tags) + "</span>")
        cat = f'<span class="cat-links">{self.j("分类:")}<a href="{a.category[1]}" rel="category tag">{self.j(a.category[0])}</a></span>' if a.category[0] else ""
        nav = ""
        if a.prev or a.next:
            nav = f'<nav class="navigation post-navigation" aria-label="{attr("文章")}"><h2 class="screen-reader-text">{self.j("文章导航")}</h2><div class="nav-links">'
            if a.prev:
                nav += f'<div class="nav-previous"><a href="{a.prev[1]}" rel="prev"><span class="nav-subtitle">{self.j("上一篇")}</span> <span class="nav-title">{self.j(a.prev[0])}</span></a></div>'
            if a.next:
                nav += f'<div class="nav-next"><a href="{a.next[1]}" rel="next"><span class="nav-subtitle">{self.j("下一篇")}</span> <span class="nav-title">{self.j(a.next[0])}</span></a></div>'
            nav += "</div></nav>"
        out.append(f"""{crumbs}
<div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-{a.aid}" class="post-{a.aid} post type-post status-publish format-standard hentry category-jianghua">
 <header class="entry-header">
  <div class="entry-meta">{''.join(meta)}</div>
  <h1 class="entry-title">{esc(a.h1)}</h1>
 </header>
 <div class="entry-content">
{pre}{comp}{body}
 <div class="wp-block-buttons"><div class="wp-block-button"><a class="wp-block-button__link" href="/download/?p={a.aid}">{self.j('下载本文')}</a></div></div>
 </div>
 <footer class="entry-footer"><span class="cat-tags-links">{cat}{tags}</span></footer>
</article>
<div class="yarpp yarpp-related"><h3>{self.j('推荐阅读')}</h3><ol>
{self.links(a.related[:6])}
</ol></div>
<div id="comments" class="comments-area">
 <div id="respond" class="comment-respond">
 <h3 id="reply-title" class="comment-reply-title">{self.j('发表回复')} <small><a rel="nofollow" id="cancel-comment-reply-link" href="#respond" style="display:none;">{self.j('取消回复')}</a></small></h3>
 <form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate>
 <p class="comment-notes"><span id="email-notes">{self.j('您的电子邮箱地址不会被公开。')}</span> <span class="required-field-message">{self.j('必填项已用')}<span class="required">*</span>{self.j('标注')}</span></p>
 <p class="comment-form-comment"><label for="comment">{self.j('评论')} <span class="required">*</span></label> <textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" required></textarea></p>
 <p class="comment-form-author"><label for="author">{self.j('显示名称')}</label> <input id="author" name="author" type="text" value="" size="30" maxlength="245" /></p>
 <p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="{attr('发表评论')}" /> <input type='hidden' name='comment_post_ID' value='{a.aid}' id='comment_post_ID' /></p>
 </form></div>
</div>
{nav}
</main></div>
{self.sidebar(s, a.hot)}
""")
        out.append(self.foot(s))
        return "".join(out)

    def listing(self, lp: ListPage) -> str:
        s = lp.site
        out = [self.head(f"{lp.title} – {s.name}", lp.charset_decl or "UTF-8", f"{lp.title} - {s.name}",
                         canonical=lp.abs_url)]
        out.append(self.top(s, "archive tag" if lp.is_tag else "archive category"))
        rows = "\n".join(
            f'<article class="post type-post status-publish format-standard hentry"><header class="entry-header">'
            f'<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{e.date}T08:00:00+08:00">{e.date}</time></span></div>'
            f'<h2 class="entry-title"><a href="{attr(e.path)}" rel="bookmark">{self.j(e.title)}</a></h2></header>'
            f'<div class="entry-summary"><p>{self.j(e.summary)} […]</p></div></article>'
            for e in lp.entries)

        def path(n: int) -> str:
            return lp.first_page if (n == 1 and lp.first_page) else lp.page_fmt.format(n=n)

        pag = []
        if lp.page_no > 1:
            pag.append(f'<a class="prev page-numbers" href="{path(lp.page_no - 1)}">{self.j("上一页")}</a>')
        for n in range(1, lp.page_count + 1):
            pag.append(f'<span aria-current="page" class="page-numbers current">{n}</span>' if n == lp.page_no
                       else f'<a class="page-numbers" href="{path(n)}">{n}</a>')
        if lp.page_no < lp.page_count:
            pag.append(f'<a class="next page-numbers" href="{path(lp.page_no + 1)}">{self.j("下一页")}</a>')
        out.append(f"""{self.yoast_crumbs(lp.crumbs)}
<header class="page-header"><h1 class="page-title">{esc(lp.title)}</h1></header>
<div id="primary" class="content-area"><main id="main" class="site-main">
{rows}
<nav class="navigation pagination" aria-label="{attr('文章分页')}"><h2 class="screen-reader-text">{self.j('文章分页')}</h2><div class="nav-links">{''.join(pag)}</div></nav>
</main></div>
{self.sidebar(s, lp.hot)}
""")
        out.append(self.foot(s))
        return "".join(out)

    def not_found(self, nf: NotFound) -> str:
        s = nf.site
        out = [self.head(f"{nf.title} – {s.name}", nf.charset_decl or "UTF-8", nf.title)]
        out.append(self.top(s, "error404"))
        out.append(f"""<div id="primary" class="content-area"><main id="main" class="site-main">
<section class="error-404 not-found"><header class="page-header"><h1 class="page-title">{esc(nf.title)}</h1></header>
<div class="page-content"><p>{self.j('您访问的页面不存在。也许试试搜索?')}</p>
<form role="search" method="get" class="search-form" action="/"><input type="search" class="search-field" name="s" /><button type="submit" class="search-submit">{self.j('搜索')}</button></form>
</div></section></main></div>
""")
        out.append(self.foot(s))
        return "".join(out)


# --------------------------------------------------------------------- Discuz


class Discuz(Family):
    """Discuz! X3.4 portal article view (portal.php?mod=view&aid=N)."""

    name = "discuz"

    def head(self, title: str, decl: str | None, keywords: str, desc: str) -> str:
        cs = (decl or "utf-8").lower()
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
{charset_meta(decl)}
<title>{esc(title)}</title>
<meta name="keywords" content="{attr(keywords)}" />
<meta name="description" content="{attr(desc)}" />
<meta name="generator" content="Discuz! X3.4" />
<meta name="author" content="Discuz! Team and Comsenz UI Team" />
<meta name="copyright" content="2001-2021 Tencent Cloud." />
<meta name="MSSmartTagsPreventParsing" content="True" />
<meta http-equiv="MSThemeCompatible" content="Yes" />
<link rel="stylesheet" type="text/css" href="data/cache/style_1_common.css?Xz9" /><link rel="stylesheet" type="text/css" href="data/cache/style_1_portal_view.css?Xz9" />
<script type="text/javascript">var STYLEID = '1', STATICURL = 'static/', IMGDIR = 'static/image/common', VERHASH = 'Xz9', charset = '{cs}', discuz_uid = '0', cookiepre = 'Ab3x_2132_', cookiedomain = '', cookiepath = '/', showusercard = '1', attackevasive = '0', disallowfloat = 'newthread', creditnotice = '1|威望|,2|金钱|,3|贡献|', defaultstyle = '', REPORTURL = 'aHR0cDovL2V4YW1wbGUvcG9ydGFsLnBocA==', SITEURL = '/', JSPATH = 'data/cache/', CSSPATH = 'data/cache/style_', DYNAMICURL = '';</script>
<script src="data/cache/common.js?Xz9" type="text/javascript"></script>
<script src="data/cache/portal.js?Xz9" type="text/javascript"></script>
</head>
"""

    def top(self, site: Site) -> str:
        return f"""<body id="nv_portal" class="pg_view" onkeydown="if(event.keyCode==27) return false;">
<div id="append_parent"></div><div id="ajaxwaitid"></div>
<div id="toptb" class="cl"><div class="wp">
 <div class="z"><a href="javascript:;" onclick="setHomepage('/');">{self.j('设为首页')}</a><a href="/" onclick="addFavorite(this.href, '{attr(site.name)}');return false;">{self.j('收藏本站')}</a></div>
 <div class="y"><a id="switchblind" href="javascript:;" onclick="toggleBlind(this)" title="{attr('开启辅助访问')}" class="switchblind">{self.j('开启辅助访问')}</a></div>
</div></div>
<div id="hd"><div class="wp">
 <div class="hdc cl"><h2><a href="./" title="{attr(site.name)}"><img src="static/image/common/logo.png" alt="{attr(site.name)}" border="0" /></a></h2>
 <form method="post" autocomplete="off" id="lsform" action="member.php?mod=logging&amp;action=login&amp;loginsubmit=yes&amp;infloat=yes&amp;lssubmit=yes" onsubmit="return lsSubmit();">
 <div class="fastlg cl"><div class="y pns"><table cellspacing="0" cellpadding="0"><tr>
 <td><label for="ls_username">{self.j('用户名')}</label></td><td><input type="text" name="username" id="ls_username" class="px vm xg1" /></td>
 <td class="fastlg_l"><label for="ls_cookietime"><input type="checkbox" name="cookietime" id="ls_cookietime" class="pc" value="2592000" />{self.j('自动登录')}</label></td>
 <td>&nbsp;<a href="javascript:;" onclick="showWindow('login', 'member.php?mod=logging&action=login&viewlostpw=1')">{self.j('找回密码')}</a></td></tr>
 <tr><td><label for="ls_password">{self.j('密码')}</label></td><td><input type="password" name="password" id="ls_password" class="px vm" autocomplete="off" /></td>
 <td class="fastlg_l"><button type="submit" class="pn vm" style="width: 75px;"><em>{self.j('登录')}</em></button></td><td>&nbsp;<a href="member.php?mod=register" class="xi2 xw1">{self.j('立即注册')}</a></td></tr></table></div></div></form>
 </div>
 <div id="nv"><ul>
 <li class="a" id="mn_portal"><a href="portal.php" hidefocus="true" title="Portal">{self.j('门户')}<span>Portal</span></a></li>
 <li id="mn_forum"><a href="forum.php" hidefocus="true" title="BBS">{self.j('论坛')}<span>BBS</span></a></li>
 <li id="mn_group"><a href="group.php" hidefocus="true" title="Group">{self.j('群组')}<span>Group</span></a></li>
 <li id="mn_home"><a href="home.php" hidefocus="true" title="Space">{self.j('动态')}<span>Space</span></a></li>
 <li id="mn_N12a7"><a href="misc.php?mod=ranklist" hidefocus="true" title="Ranklist">{self.j('排行榜')}<span>Ranklist</span></a></li>
 </ul></div>
 <div id="scbar" class="cl"><form id="scbar_form" method="post" autocomplete="off" action="search.php?searchsubmit=yes" target="_blank">
 <input type="text" name="srchtxt" id="scbar_txt" value="{attr('请输入搜索内容')}" autocomplete="off" x-webkit-speech speech />
 <button type="submit" name="searchsubmit" id="scbar_btn" sc="1" class="pn pnc" value="true"><strong class="xi2">{self.j('搜索')}</strong></button></form></div>
</div></div>
"""

    def foot(self, site: Site) -> str:
        return f"""<div id="ft" class="wp cl">
<div id="flk" class="y"><p>
<a href="archiver/">Archiver</a><span class="pipe">|</span><a href="forum.php?mobile=yes">{self.j('手机版')}</a><span class="pipe">|</span><a href="forum.php?mod=misc&amp;action=showdarkroom">{self.j('小黑屋')}</a><span class="pipe">|</span><strong><a href="/" target="_blank">{self.j(site.name)}</a></strong>
( <a href="https://beian.miit.gov.cn/" target="_blank">{self.j(site.icp)}</a> )&nbsp;{stats_script(site)}</p>
<p class="xs0">GMT+8, 2024-7-8 10:21<span id="debuginfo">, Processed in 0.041251 second(s), 18 queries .</span></p></div>
<div id="frt"><p>{self.j('Powered by')} <strong><a href="https://www.discuz.vip" target="_blank">Discuz!</a></strong> <em>X3.4</em></p><p class="xs0">&copy; 2001-2021 <a href="https://cloud.tencent.com" target="_blank">Tencent Cloud</a>.</p></div>
</div>
<div id="scrolltop"><span hidefocus="true"><a title="{attr('返回顶部')}" onclick="window.scrollTo('0','0')" class="scrolltopa"><b>{self.j('返回顶部')}</b></a></span></div>
<script type="text/javascript">_attachEvent(window, 'scroll', function () {{ showTopLink(); }});checkBlind();</script>
</body>
</html>
"""

    def article(self, a: Article) -> str:
        s = a.site
        out = [self.head(f"{a.h1} - {a.category[0] or '门户'} - {s.name} -  Powered by Discuz!", a.charset_decl,
                         ",".join(a.tags) or a.title, a.summary + "," + s.name)]
        out.append(self.top(s))
        xg = []
        if a.shown_time:
            xg.append(esc(a.shown_time))
        if a.author_shown:
            xg.append(f'{self.j("发布者:")} <a href="home.php?mod=space&amp;uid=1">{esc(a.author_shown)}</a>')
        xg.append(f'{self.j("查看:")} <em id="_viewnum">{a.hits}</em>')
        xg.append(f'{self.j("评论:")} <a href="portal.php?mod=comment&amp;id={a.aid}&amp;idtype=aid">0</a>')
        if a.source:
            xg.append(f"{self.j('来自:')} {esc(a.source)}")
        comp = f"<p><strong>{esc(a.comp_heading)}</strong></p>\n" if a.comp_heading else ""
        pre = "".join(f"<p>{self.j(b.shown)}</p>\n" for b in a.pre)
        body = self.body(a, '<p><strong><font size="4">{}</font></strong></p>')
        pren = ""
        if a.prev:
            pren += f'<em>{self.j("上一篇:")}<a href="{a.prev[1]}">{self.j(a.prev[0])}</a></em>'
        if a.next:
            pren += f'<em>{self.j("下一篇:")}<a href="{a.next[1]}">{self.j(a.next[0])}</a></em>'
        summary = f'<div class="s"><div><strong>{self.j("摘要")}</strong>: {esc(a.summary)}</div></div>' if a.summary else ""
        tagline = ""
        if a.tags:
            tagline = f'<div class="ptm pbm">{self.tags_html(a, lambda t: "misc.php?mod=tag&name=" + t)}</div>'
        out.append(f"""<div id="wp" class="wp">
<div id="pt" class="bm cl"><div class="z">{self.crumbs(a.crumbs, ' <em>&rsaquo;</em> ')}</div></div>
<style id="diy_style" type="text/css"></style>
<div class="wp"><div id="diy1" class="area"></div></div>
<div id="ct" class="ct2 wp cl">
<div class="mn">
<div class="bm vw">
<div class="h hm"><h1 class="ph">{esc(a.h1)}</h1>
<p class="xg1"> {'<span class="pipe">|</span>'.join(xg)}</p></div>
{summary}
<div class="d"><table cellpadding="0" cellspacing="0" class="vwtb"><tr><td id="article_content">
{pre}{comp}{body}
</td></tr></table>
{tagline}
<div class="o cl ptm pbm"><a href="home.php?mod=spacecp&amp;ac=favorite&amp;type=article&amp;id={a.aid}&amp;handlekey=favoritearticlehk_{a.aid}" id="a_favorite" onclick="showWindow(this.id, this.href, 'get', 0);" class="oshr ofav">{self.j('收藏')}</a>
<a href="home.php?mod=spacecp&amp;ac=share&amp;type=article&amp;id={a.aid}" id="a_share" class="oshr">{self.j('分享')}</a>
<a href="misc.php?mod=invite&amp;action=article&amp;id={a.aid}" id="a_invite" class="oshr oivt">{self.j('邀请')}</a></div>
<div class="pren pbm cl">{pren}</div>
</div></div>
<div class="bm"><div class="bm_h cl"><h3>{self.j('相关阅读')}</h3></div><div class="bm_c"><ul class="xl xl2 cl">
{self.links(a.related[:8])}
</ul></div></div>
<div id="comment" class="bm"><div class="bm_h cl"><a href="portal.php?mod=comment&amp;id={a.aid}&amp;idtype=aid" class="y xi2">{self.j('查看全部评论')}(0)</a><h3>{self.j('最新评论')}</h3></div>
<div class="bm_c"><form id="cform" name="cform" action="portal.php?mod=portalcp&amp;ac=comment" method="post" autocomplete="off">
<div class="tedt"><div class="area"><div class="pt hm">{self.j('你需要登录后才可以评论')} <a href="member.php?mod=logging&amp;action=login" onclick="showWindow('login', this.href)" class="xi2">{self.j('登录')}</a> | <a href="member.php?mod=register" class="xi2">{self.j('立即注册')}</a></div></div></div>
<p class="pns mtn"><button type="submit" name="commentsubmit_btn" value="true" id="commentsubmit_btn" class="pn"><strong>{self.j('评论')}</strong></button></p></form></div></div>
</div>
<div class="sd pph">
<div class="bm"><div class="bm_h cl"><h2>{self.j('热门文章')}</h2></div><div class="bm_c"><ul class="xl xl1 cl">
{self.links(a.hot[:8])}
</ul></div></div>
<div class="a_pr"><script src="data/cache/ad_portal_view.js"></script><ins class="adsbygoogle" style="display:inline-block;width:300px;height:250px" data-ad-client="ca-pub-3000000000000003" data-ad-slot="3333"></ins></div>
<div class="bm"><div class="bm_h cl"><h2>{self.j('推荐阅读')}</h2></div><div class="bm_c"><ul class="xl xl1 cl">
{self.links(a.related[8:12])}
</ul></div></div>
</div>
</div></div>
""")
        out.append(self.foot(s))
        return "".join(out)

    def listing(self, lp: ListPage) -> str:
        s = lp.site
        out = [self.head(f"{lp.title} - {s.name} -  Powered by Discuz!", lp.charset_decl, lp.title, lp.title)]
        out.append(self.top(s).replace('class="pg_view"', 'class="pg_list"'))
        rows = "\n".join(
            f'<dl class="bbda cl"><dt class="xs2"><a href="{attr(e.path)}" target="_blank" class="xi2">{self.j(e.title)}</a></dt>'
            f'<dd class="xs2 cl">{self.j(e.summary)}</dd><dd><span class="xg1">{self.j("发布者:")} admin</span><span class="xg1">{e.date}</span></dd></dl>'
            for e in lp.entries)

        def path(n: int) -> str:
            return lp.first_page if (n == 1 and lp.first_page) else lp.page_fmt.format(n=n)

        pg = "".join(f'<strong>{n}</strong>' if n == lp.page_no else f'<a href="{path(n)}">{n}</a>'
                     for n in range(1, lp.page_count + 1))
        if lp.page_no < lp.page_count:
            pg += f'<a href="{path(lp.page_no + 1)}" class="nxt">{self.j("下一页")}</a>'
        out.append(f"""<div id="wp" class="wp">
<div id="pt" class="bm cl"><div class="z">{self.crumbs(lp.crumbs, ' <em>&rsaquo;</em> ')}</div></div>
<div id="ct" class="ct2 wp cl"><div class="mn"><div class="bm"><div class="bm_h cl"><h1 class="xs2">{esc(lp.title)}</h1></div>
<div class="bm_c xld">
{rows}
</div></div>
<div class="pgs cl"><div class="pg">{pg}</div></div>
</div>
<div class="sd pph"><div class="bm"><div class="bm_h cl"><h2>{self.j('热门文章')}</h2></div><div class="bm_c"><ul class="xl xl1 cl">
{self.links(lp.hot[:8])}
</ul></div></div></div>
</div></div>
""")
        out.append(self.foot(s))
        return "".join(out)

    def not_found(self, nf: NotFound) -> str:
        s = nf.site
        out = [self.head(f"{nf.title} - {s.name} -  Powered by Discuz!", nf.charset_decl, nf.title, nf.title)]
        out.append(self.top(s))
        out.append(f"""<div id="wp" class="wp">
<div id="pt" class="bm cl"><div class="z">{self.crumbs(nf.crumbs, ' <em>&rsaquo;</em> ')}</div></div>
<div id="ct" class="wp cl w"><div class="nfl"><div class="f_c altw">
<h1 class="xs2">{esc(nf.title)}</h1>
<div id="messagetext" class="alert_error"><p>{self.j('抱歉,指定的文章不存在或已被删除,您访问的页面不存在')}</p>
<script type="text/javascript">if(history.length > (BROWSER.ie ? 0 : 1)) {{ }}</script>
<p class="alert_btnleft"><a href="javascript:history.back()">{self.j('[ 点击这里返回上一页 ]')}</a></p></div>
</div></div></div></div>
""")
        out.append(self.foot(s))
        return "".join(out)


# --------------------------------------------------------------------- mobile


class Mobile(Family):
    """A mobile m. site (HTML5, bottom tab bar, '展开全文' fold)."""

    name = "mobile"

    def head(self, title: str, decl: str | None, keywords: str, desc: str, extra: str = "") -> str:
        return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
{charset_meta(decl, html5=True)}
<meta name="viewport" content="width=device-width, initial-scale=1.0, maximum-scale=1.0, user-scalable=no">
<meta name="applicable-device" content="mobile">
<meta name="format-detection" content="telephone=no">
<title>{esc(title)}</title>
<meta name="keywords" content="{attr(keywords)}">
<meta name="description" content="{attr(desc)}">
<link rel="stylesheet" href="/static/m/css/style.css?v=20230601">
<script src="/static/m/js/zepto.min.js"></script>
{extra}
</head>
"""

    def top(self, site: Site) -> str:
        return f"""<body>
<header class="m-header"><a class="m-back" href="javascript:history.back();">{self.j('返回')}</a><a href="/" class="m-logo">{self.j(site.name)}</a><a class="m-menu" href="/sitemap.html">{self.j('菜单')}</a></header>
<nav class="m-nav"><a href="/">{self.j('首页')}</a><a href="/gongwen/">{self.j('公文')}</a><a href="/jianghua/">{self.j('讲话')}</a><a href="/zongjie/">{self.j('总结')}</a><a href="/jihua/">{self.j('计划')}</a><a href="/xinde/">{self.j('心得')}</a><a href="/zuowen/">{self.j('作文')}</a></nav>
<div class="m-search"><form action="/search.php" method="get"><input type="search" name="q" placeholder="{attr('搜索范文')}"><button type="submit">{self.j('搜索')}</button></form></div>
"""

    def foot(self, site: Site) -> str:
        return f"""<footer class="m-footer">
<p><a href="/">{self.j('首页')}</a> | <a href="/pc/">{self.j('电脑版')}</a> | <a href="#top">{self.j('回到顶部')}</a></p>
<p>{self.j('© ' + site.years[-4:] + ' ' + site.name + ' ' + site.host)}</p>
<p><a href="https://beian.miit.gov.cn/" rel="nofollow">{self.j(site.icp)}</a></p>
</footer>
<div class="m-fixbar"><a href="/">{self.j('首页')}</a><a href="/sort/">{self.j('分类')}</a><a href="/search/">{self.j('搜索')}</a><a href="/user/">{self.j('我的')}</a></div>
<script>$(function(){{$('#readmore').on('click',function(){{$('#content').css('max-height','none');$(this).parent().hide();}});}});</script>
{stats_script(site)}
</body>
</html>
"""

    def article(self, a: Article) -> str:
        s = a.site
        extra = ""
        if a.abs_url:
            extra += f'<link rel="canonical" href="{attr(a.abs_url)}">\n'
        if a.og:
            extra += og_tags(a) + "\n"
        if a.date_jsonld:
            extra += json_ld(a)
        out = [self.head(f"{a.h1}_{s.name}", a.charset_decl, ",".join(a.tags) or a.title, a.summary, extra)]
        out.append(self.top(s))
        info = []
        if a.shown_time:
            info.append(f"<span>{self.j('时间:')}{esc(a.shown_time)}</span>")
        if a.author_shown:
            info.append(f"<span>{self.j('作者:')}{esc(a.author_shown)}</span>")
        if a.source:
            info.append(f"<span>{self.j('来源:')}{esc(a.source)}</span>")
        comp = f"<h2>{esc(a.comp_heading)}</h2>\n" if a.comp_heading else ""
        pre = "".join(f"<p class=\"m-intro\">{self.j(b.shown)}</p>\n" for b in a.pre)
        body = self.body(a, '<h3 class="m-sub">{}</h3>')
        tags = self.tags_html(a, lambda t: f"/tag/{t}.html")
        prev = f"<p>{self.j('上一篇:')}<a href=\"{a.prev[1]}\">{self.j(a.prev[0])}</a></p>" if a.prev else ""
        nxt = f"<p>{self.j('下一篇:')}<a href=\"{a.next[1]}\">{self.j(a.next[0])}</a></p>" if a.next else ""
        crumbs = self.crumbs(a.crumbs, " &gt; ")
        out.append(f"""<div class="m-crumbs">{self.j('当前位置:')}{crumbs}</div>
<article class="m-article">
 <h1 class="m-title">{esc(a.h1)}</h1>
 <div class="m-info">{''.join(info)}</div>
 <div class="m-ad"><ins class="adsbygoogle" style="display:block" data-ad-client="ca-pub-5200000000000005" data-ad-slot="5555" data-ad-format="auto"></ins><script>(adsbygoogle=window.adsbygoogle||[]).push({{}});</script></div>
 <div class="m-content" id="content" style="max-height:1200px;overflow:hidden">
{pre}{comp}{body}
 </div>
 <div class="m-more"><a href="javascript:;" id="readmore">{self.j('展开全文')}</a></div>
 <div class="m-down"><a class="btn" href="/download/{a.aid}.html" rel="nofollow">{self.j('下载本文')}</a><a class="btn" href="javascript:;" id="copy">{self.j('复制全文')}</a></div>
 <div class="m-tags">{tags}</div>
 <div class="m-prenext">{prev}{nxt}</div>
</article>
<section class="m-related"><h3>{self.j('推荐阅读')}</h3><ul>
{self.links(a.related[:6])}
</ul></section>
<section class="m-related"><h3>{self.j('猜你喜欢')}</h3><ul>
{self.links(a.related[6:12])}
</ul></section>
""")
        out.append(self.foot(s))
        return "".join(out)

    def listing(self, lp: ListPage) -> str:
        s = lp.site
        out = [self.head(f"{lp.title}_{s.name}", lp.charset_decl, lp.title, lp.title)]
        out.append(self.top(s))
        rows = "\n".join(f'<li><a href="{attr(e.path)}"><h3>{self.j(e.title)}</h3><p>{self.j(e.summary)}</p><span>{e.date}</span></a></li>'
                         for e in lp.entries)

        def path(n: int) -> str:
            return lp.first_page if (n == 1 and lp.first_page) else lp.page_fmt.format(n=n)

        nav = ""
        if lp.page_no > 1:
            nav += f'<a href="{path(lp.page_no - 1)}">{self.j("上一页")}</a>'
        nav += f"<span>{lp.page_no}/{lp.page_count}</span>"
        if lp.page_no < lp.page_count:
            nav += f'<a href="{path(lp.page_no + 1)}">{self.j("下一页")}</a>'
        out.append(f"""<div class="m-crumbs">{self.j('当前位置:')}{self.crumbs(lp.crumbs, ' &gt; ')}</div>
<h1 class="m-listtitle">{esc(lp.title)}</h1>
<ul class="m-list">
{rows}
</ul>
<div class="m-pages">{nav}</div>
<div class="m-loadmore"><a href="javascript:;">{self.j('加载更多')}</a></div>
""")
        out.append(self.foot(s))
        return "".join(out)

    def not_found(self, nf: NotFound) -> str:
        s = nf.site
        out = [self.head(f"{nf.title}_{s.name}", nf.charset_decl, nf.title, nf.title)]
        out.append(self.top(s))
        out.append(f"""<div class="m-404"><h1>{esc(nf.title)}</h1><p>{self.j('您访问的页面不存在')}</p><p><a href="/">{self.j('返回首页')}</a></p></div>
""")
        out.append(self.foot(s))
        return "".join(out)


FAMILIES: dict[str, type[Family]] = {
    cls.name: cls for cls in (DedeCMS, PHPCMS, EmpireCMS, WordPress, Discuz, Mobile)
}


def make(family: str, seed: int = 0) -> Family:
    return FAMILIES[family](seed)
