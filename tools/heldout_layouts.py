"""Page layouts of the held-out fixtures and the fourth demo site (not the CMS families of cms_templates.py).

- `card`: a Bootstrap-like site (navbar, .container/.row/.col-md-8 cards, sidebar cards), UTF-8.
- `table`: a table-era site (nested <table width=960>, <font>, <br> paragraphs), GBK declared gb2312.
- `amp`: a mobile AMP-like page (<html amp>, <amp-img>, sticky "open the app" bar), UTF-8.
- `blog`: a personal-blog engine (posts, comment threads, widgets), UTF-8.

A layout gets plain data (`View`) and returns one HTML string; which junk goes
where is decided by the caller, so the truth and the bytes come from the same data.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from heldout_text import esc

# Content items: ("para", text, glued_suffix_or_""), ("line", text) junk shown as a paragraph,
# ("block", html) a junk widget.
Item = tuple


@dataclass
class Chrome:
    site: str
    domain: str
    charset: str  # what <meta> declares
    nav: list[tuple[str, str]]
    footer: list[str]  # visible footer lines (copyright, ICP, contact)
    side: list[str] = field(default_factory=list)  # sidebar HTML blocks
    lang: str = "zh-CN"


@dataclass
class View:
    """One page: the head title, breadcrumbs, the main column's content."""

    head_title: str
    h1: str
    crumbs: list[tuple[str, str]] = field(default_factory=list)
    info: str | None = None  # the article info line (date, source, views)
    items: list[Item] = field(default_factory=list)
    after: list[str] = field(default_factory=list)  # HTML after the content (comments, related)
    meta_date: str | None = None  # article:published_time
    tags: list[tuple[str, str]] = field(default_factory=list)
    kind: str = "article"  # article | list | about


def _crumbs(crumbs: list[tuple[str, str]], sep: str) -> str:
    return sep.join(f'<a href="{href}">{esc(text)}</a>' if href else esc(text) for text, href in crumbs)


def _head(chrome: Chrome, view: View, extra: str = "") -> str:
    meta = f'<meta property="article:published_time" content="{view.meta_date}">' if view.meta_date else ""
    return (f'<head><meta charset="{chrome.charset}"><title>{esc(view.head_title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">{meta}{extra}</head>')


def _tags(view: View, label: str) -> str:
    if not view.tags:
        return ""
    return (f'<div class="tagline">{esc(label)}'
            + " ".join(f'<a href="{h}">{esc(t)}</a>' for t, h in view.tags) + "</div>")


class Layout:
    name = "base"
    para_open, para_close = "<p>", "</p>"

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def para(self, text: str) -> str:
        return f"{self.para_open}{esc(text)}{self.para_close}"

    def content(self, view: View) -> str:
        out = []
        for item in view.items:
            if item[0] == "para":
                out.append(self.para(item[1] + item[2]))
            elif item[0] == "line":
                out.append(self.para(item[1]))
            else:
                out.append(item[1])
        return "\n".join(out)

    def render(self, chrome: Chrome, view: View) -> str:
        raise NotImplementedError


class CardLayout(Layout):
    name = "card"

    def render(self, chrome: Chrome, view: View) -> str:
        nav = "".join(f'<li class="nav-item"><a class="nav-link" href="{h}">{esc(t)}</a></li>' for t, h in chrome.nav)
        crumbs = ('<nav aria-label="breadcrumb"><ol class="breadcrumb">'
                  + "".join(f'<li class="breadcrumb-item"><a href="{h}">{esc(t)}</a></li>' if h else
                            f'<li class="breadcrumb-item active">{esc(t)}</li>' for t, h in view.crumbs)
                  + "</ol></nav>") if view.crumbs else ""
        info = f'<p class="text-muted small">{esc(view.info)}</p>' if view.info else ""
        side = "".join(f'<div class="card mb-3"><div class="card-body">{b}</div></div>' for b in chrome.side)
        foot = "".join(f"<p>{esc(x)}</p>" for x in chrome.footer)
        return (f'<!DOCTYPE html><html lang="{chrome.lang}">{_head(chrome, view, "<link rel=stylesheet href=/css/bootstrap.min.css>")}'
                f'<body><nav class="navbar navbar-expand-lg navbar-light bg-light"><a class="navbar-brand" href="/">{esc(chrome.site)}</a>'
                f'<ul class="navbar-nav">{nav}</ul></nav>'
                f'<div class="container mt-3">{crumbs}<div class="row"><div class="col-md-8">'
                f'<div class="card"><div class="card-body"><h1 class="card-title h3">{esc(view.h1)}</h1>{info}'
                f'<div class="card-text">\n{self.content(view)}\n</div>{_tags(view, "标签：")}</div></div>'
                + "".join(view.after)
                + f'</div><div class="col-md-4">{side}</div></div></div>'
                f'<footer class="footer bg-dark text-white-50 py-3"><div class="container">{foot}</div></footer>'
                f'<script src="/js/bootstrap.bundle.min.js"></script></body></html>')


class TableLayout(Layout):
    name = "table"
    para_open, para_close = "&nbsp;&nbsp;&nbsp;&nbsp;", "<br><br>\n"

    def render(self, chrome: Chrome, view: View) -> str:
        nav = " | ".join(f'<a href="{h}"><font color="#ffffff">{esc(t)}</font></a>' for t, h in chrome.nav)
        crumbs = f'<font color="#666666">您现在的位置：{_crumbs(view.crumbs, " &gt;&gt; ")}</font>' if view.crumbs else ""
        info = f'<tr><td align="center"><font size="2" color="#999999">{esc(view.info)}</font></td></tr>' if view.info else ""
        side = "".join(f'<table width="100%" border="0" cellpadding="4"><tr><td bgcolor="#f0f0f0">{b}</td></tr></table><br>'
                       for b in chrome.side)
        foot = "<br>".join(esc(x) for x in chrome.footer)
        after = "".join(f'<tr><td>{a}</td></tr>' for a in view.after)
        return (f'<html>{_head(chrome, view)}<body topmargin="0" leftmargin="0">'
                f'<table width="960" align="center" border="0" cellspacing="0" cellpadding="0">'
                f'<tr><td height="60"><font size="5"><b>{esc(chrome.site)}</b></font></td></tr>'
                f'<tr><td bgcolor="#336699" height="26">{nav}</td></tr><tr><td height="24">{crumbs}</td></tr></table>'
                f'<table width="960" align="center" border="0" cellspacing="0" cellpadding="0"><tr>'
                f'<td width="700" valign="top"><table width="100%" border="0" cellpadding="8">'
                f'<tr><td align="center"><font size="4" color="#003366"><b>{esc(view.h1)}</b></font></td></tr>{info}'
                f'<tr><td class="content"><font style="font-size:14px;line-height:180%">\n{self.content(view)}\n</font>'
                f'{_tags(view, "关键词：")}</td></tr>{after}</table></td>'
                f'<td width="10"></td><td width="250" valign="top">{side}</td></tr></table>'
                f'<table width="960" align="center"><tr><td align="center"><font size="2">{foot}</font></td></tr></table>'
                f'</body></html>')


class AmpLayout(Layout):
    name = "amp"

    def render(self, chrome: Chrome, view: View) -> str:
        extra = ('<script async src="https://cdn.ampproject.org/v0.js"></script>'
                 '<style amp-boilerplate>body{visibility:hidden}</style>')
        info = f'<div class="m-info">{esc(view.info)}</div>' if view.info else ""
        side = "".join(f'<section class="m-block">{b}</section>' for b in chrome.side)
        foot = "".join(f"<p>{esc(x)}</p>" for x in chrome.footer)
        menu = "".join(f'<a href="{h}">{esc(t)}</a>' for t, h in chrome.nav[:5])
        return (f'<!doctype html><html amp lang="{chrome.lang}">{_head(chrome, view, extra)}<body>'
                f'<header class="m-top"><a href="/" class="m-logo">{esc(chrome.site)}</a><div class="m-menu">{menu}</div></header>'
                f'<main><article class="m-art"><h1>{esc(view.h1)}</h1>{info}'
                f'<amp-img src="/img/banner.jpg" width="360" height="120" layout="responsive"></amp-img>'
                f'<div class="m-body">\n{self.content(view)}\n</div>{_tags(view, "标签：")}</article>'
                + "".join(view.after) + f'{side}</main>'
                f'<footer class="m-foot">{foot}</footer>'
                f'<div class="m-fixed"><a href="/app.html">打开APP，阅读体验更佳</a></div></body></html>')


class BlogLayout(Layout):
    name = "blog"

    def para(self, text: str) -> str:
        return f"<div>{esc(text)}</div>" if self.rng.random() < 0.3 else f"<p>{esc(text)}</p>"

    def render(self, chrome: Chrome, view: View) -> str:
        nav = "".join(f'<li><a href="{h}">{esc(t)}</a></li>' for t, h in chrome.nav)
        info = f'<div class="post-meta">{esc(view.info)}</div>' if view.info else ""
        crumbs = f'<div class="where">{_crumbs(view.crumbs, " » ")}</div>' if view.crumbs else ""
        side = "".join(f'<li class="widget">{b}</li>' for b in chrome.side)
        foot = "".join(f"<span>{esc(x)}</span> " for x in chrome.footer)
        return (f'<!DOCTYPE html><html lang="{chrome.lang}">{_head(chrome, view)}<body class="single">'
                f'<div id="wrap"><div id="header"><h2 class="blog-name"><a href="/">{esc(chrome.site)}</a></h2>'
                f'<p class="desc">记录写作的点滴</p><ul id="menu">{nav}</ul></div>'
                f'<div id="main"><div id="content">{crumbs}<div class="post"><h1 class="post-title">{esc(view.h1)}</h1>{info}'
                f'<div class="post-body">\n{self.content(view)}\n</div>{_tags(view, "Tags：")}</div>'
                + "".join(view.after)
                + f'</div><ul id="sidebar">{side}</ul></div><div id="footer">{foot}</div></div></body></html>')


LAYOUTS = {cls.name: cls for cls in (CardLayout, TableLayout, AmpLayout, BlogLayout)}
