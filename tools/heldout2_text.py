"""Texts of the second held-out set (tests/fixtures/heldout2): new speeches and a new junk bank.

Written by an examiner who did not read the cleaner's rules, its line judge or
the first held-out bank (tools/heldout_text.py): every slot below is new wording,
with at least six synonyms, and every line can come out in simplified or
traditional characters (`zhconv`). The kinds are what real 范文/公文 sites print
around a text: the site's own blurb about the genre, info lines of new shapes,
paywall/truncation prompts (also glued inside a paragraph), follow/subscribe
lines, disclaimers, third-party ads, tag lines, read-on-your-phone prompts, document-download boxes, share widgets, prev/next and related lists,
self-ads, anti-copy watermark noise and raw markup shown as text, and reader
comment threads with floors, votes and later dates.

Each maker returns the exact visible strings it put on the page, so the ground
truth can list them all in `must_not_contain`.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import zhconv

# The first set's speeches are reused (they are speech text, not junk); these four are new.
from heldout_text import SPEECHES as FIRST_SPEECHES  # noqa: E402
from heldout_text import SpeechText

NEW_SPEECHES: list[SpeechText] = [
    SpeechText("biye", "在2024届学生毕业典礼上的致辞", (
        "亲爱的同学们、各位老师、各位家长：",
        "今天，我们在这里隆重举行2024届学生毕业典礼。首先，我代表学校向顺利完成学业的全体同学表示热烈的祝贺，向辛勤培育你们的老师和一路陪伴的家长致以崇高的敬意。",
        "四年前，你们带着憧憬走进校园；四年里，你们在课堂上求知，在实验室里钻研，在运动场上拼搏，也在志愿服务中懂得了责任和担当。这段时光将成为你们一生中最宝贵的财富。",
        "走出校门，你们会遇到顺境，也会遇到挫折。希望大家始终保持好奇心，坚持终身学习；始终脚踏实地，把小事做细、把实事做好；始终心怀家国，把个人理想融入时代发展。",
        "母校永远是你们的家。无论走到哪里，都欢迎大家常回来看看。祝同学们前程似锦，一路繁花！",
    ), speaker=None, occasion="2024届学生毕业典礼"),
    SpeechText("xiaofang", "在全镇冬春火灾防控工作部署会上的讲话", (
        "同志们：",
        "冬春季节天干物燥，用火用电用气大幅增加，是火灾事故易发多发的时期。今天召开这次会议，就是要统一思想，压紧压实责任，坚决防范遏制较大以上火灾事故。",
        "一要全面排查隐患。各村要对出租房、小作坊、养老机构和人员密集场所逐一上门检查，电动自行车违规停放充电的问题要当场整改，一时整改不了的要明确时限、落实专人。",
        "二要加强宣传教育。要利用村村响广播、微信群和入户走访，教会群众正确使用灭火器、掌握逃生自救方法，特别要关注独居老人和留守儿童。",
        "三要强化应急准备。镇专职消防队要坚持二十四小时值班备勤，各村微型消防站要配齐器材、定期演练，确保一旦发生险情能够快速处置。",
        "同志们，消防安全责任重于泰山。希望大家以对人民群众生命财产高度负责的态度，把各项措施落到实处，确保全镇火灾形势持续平稳。",
    ), occasion="全镇冬春火灾防控工作部署会"),
    SpeechText("tuixiu", "在老同志光荣退休欢送会上的讲话", (
        "各位同事、老张同志：",
        "今天我们怀着依依不舍的心情，在这里为老张同志举行光荣退休欢送会。老张同志在单位工作了整整三十六年，从一名普通办事员成长为业务骨干，把青春和汗水都献给了这份事业。",
        "这些年来，他兢兢业业、任劳任怨，无论在哪个岗位都把工作干得踏踏实实。许多年轻同志刚参加工作时，都得到过他手把手的指导，大家都亲切地叫他老师傅。",
        "退休不是工作的结束，而是新生活的开始。希望老张同志保重身体，多陪陪家人，也欢迎您常回单位走走，继续为我们的工作出谋划策。",
        "最后，祝老张同志身体健康、家庭幸福、晚年生活丰富多彩！",
    ), occasion="老同志光荣退休欢送会"),
    SpeechText("tuanbai", "董事长在公司新春团拜会上的致辞", (
        "各位同事，各位朋友：",
        "辞旧迎新之际，我们欢聚一堂，共庆新春佳节。我代表公司董事会，向全体员工及家属致以新春的祝福，向一年来关心支持公司发展的各界朋友表示衷心的感谢！",
        "过去的一年，市场环境复杂多变，但我们迎难而上，新产品按期投产，海外订单稳步增长，安全生产实现零事故，员工收入也有了新的提高。这些成绩凝聚着每一位同事的心血。",
        "新的一年，公司将继续加大研发投入，完善人才培养和激励机制，让每一位奋斗者都有舞台、有回报。希望大家团结一心，拼搏进取，再创佳绩。",
        "最后，祝大家新春愉快、阖家幸福、万事如意！",
    ), speaker="董事长", occasion="公司新春团拜会"),
]

SPEECHES: list[SpeechText] = NEW_SPEECHES + list(FIRST_SPEECHES)


def to_script(text: str, script: str) -> str:
    """'s' keeps simplified; 't' Taiwan and 'h' Hong Kong traditional."""
    return {"t": lambda x: zhconv.convert(x, "zh-tw"), "h": lambda x: zhconv.convert(x, "zh-hk")}.get(
        script, lambda x: x)(text)


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ------------------------------------------------------------------ bank (new wording, >= 6 per slot)

# The site talking about the genre before the text starts.
GENRE_ABOUT = {
    "讲话": ["讲话稿是领导干部在会议或活动中发表讲话所依据的文稿",
             "讲话材料是为会议发言事先准备的书面文字",
             "领导讲话稿属于机关常用的事务文书",
             "会议讲话是公文写作中使用频率较高的一类文体",
             "发言稿是在较为隆重的场合表达观点和部署工作的文字材料",
             "讲话文稿既要体现讲话人的身份，又要适应听众的特点"],
    "致辞": ["致辞是在仪式、庆典上表达祝贺、欢迎或感谢的讲话文稿",
             "致辞稿讲究场合得体、情感真挚、篇幅简短",
             "典礼致辞一般由称呼、正文和结语三部分组成",
             "致辞属于礼仪文书，常见于开幕、毕业、节庆等场合",
             "一篇好的致辞能够迅速拉近与听众之间的距离",
             "欢迎词、答谢词、祝酒词都可以归入致辞这一大类"],
}
GENRE_HOWTO = ["写作时要做到观点鲜明、层次清楚、语言通俗",
               "起草时应当先吃透会议精神，再结合本单位实际",
               "动笔之前最好先列好提纲，理清一二三",
               "好的稿子往往开门见山，不绕弯子",
               "撰写时既要有高度，也要接地气",
               "篇幅不宜过长，重点问题讲深讲透即可"]
GENRE_HANDOFF = ["接下来就跟随我们一起看看{title}的写法吧。",
                 "下文整理的{title}可供大家对照学习。",
                 "本页收录的{title}，希望能给你带来启发。",
                 "那么{title}应该怎么写呢？请看正文。",
                 "下面的{title}写得比较规范，值得借鉴。",
                 "一起来读读{title}，相信会有收获。",
                 "为此我们挑选了{title}，请往下看。"]
PROMO_SHORT = ["精选范文，值得一读！", "本篇为站内高分范文，点评见文末。", "原创首发，全网独家。",
               "写材料没思路？这篇给你现成的框架。", "干货满满，建议先码后看。",
               "本文已被{n}位用户加入资料夹。", "编辑推荐指数：★★★★★"]

# Info lines: new labels and new shapes (word counts, reading time, reviewer, relative stamps).
INFO_DATE = ["发稿日期：{d:%Y-%m-%d}", "刊发：{d:%Y年%m月%d日}", "收录于{d:%Y.%m.%d}", "{d:%Y/%m/%d} 编辑",
             "提交时间 {d:%Y-%m-%d %H:%M}", "上线时间：{d:%Y-%m-%d}", "入库日期：{d:%Y%m%d}", "{d:%Y年%m月%d日} 登载"]
INFO_WORDS = ["全文共{w}字", "字数：{w}", "约{w}字", "本文{w}字，阅读约需{m}分钟", "篇幅：{w}字左右", "总字数{w}"]
INFO_VIEWS = ["已有{n}人查看", "被浏览{n}次", "{n}人看过", "围观人数：{n}", "热度值{n}", "阅读数 {n}", "{n}次预览"]
INFO_WHO = ["撰稿：{who}", "整理：{who}", "责任编辑：{who}", "审核：{who}", "供稿：{who}", "上传用户：{who}",
            "投稿人 {who}"]
INFO_WHO_NAMES = ["材料笔杆", "公文小助手", "站务组", "秋叶", "匿名用户", "资料员小周", "写作君"]
INFO_SOURCE = ["转自：互联网", "摘自网络公开资料", "出自：会员共享", "来自：用户上传", "资料来源于网络收集",
               "素材出处：公开报道"]
INFO_SEP = ["  ", " ｜ ", " • ", "　　", " — ", " ‖ ", " / "]
INFO_MOBILE = ["{d:%Y-%m-%d} · {n}阅", "{n}赞 · {d:%Y-%m-%d}", "{d:%Y-%m-%d} {n}浏览", "{n}人读过 {d:%Y/%m/%d}",
               "发布于{d:%Y-%m-%d} · 阅{n}", "IP属地：浙江 {d:%Y-%m-%d}"]

# Paywall / truncation.
PAY_LINE = ["剩余{p}%内容需付费后查看", "内容较长，仅展示前{w}字", "余下部分请下载原文档查看", "加入会员即可免费阅读全部{w}字",
            "文档预览已结束，后续内容需购买", "本文共{k}页，当前仅显示第1页", "此文档为付费内容，已为您展示部分",
            "完整版请登录后查看（还剩{w}字）", "想读完？5元解锁全篇"]
PAY_GLUED = ["……（完整版请下载）", "…内容过长已省略{w}字…", "……[付费内容，剩余{p}%]", "…（下载后可见全文）",
             "……更多内容请充值后阅读", "……（以下{w}字仅对会员开放）", "…【预览结束】"]

# Follow / subscribe.
FOLLOW = ["点击上方蓝字，关注{wx}", "星标本号，不错过每一篇好文", "长按识别二维码，获取更多范文",
          "加入写作交流群：{qq}，与万名笔杆子切磋", "每天更新公文素材，欢迎订阅本栏目", "订阅{site}周刊，好文直达邮箱",
          "觉得不错？转发给需要的同事吧", "搜索微信号{wx}，回复“讲话”领取合集", "喜欢就点个在看，下期更精彩",
          "扫一扫右侧二维码，手机随时查阅"]

# Document-download box.
DL_HEAD = ["文档信息", "资料下载", "文件详情", "本文档属性", "附件下载", "下载说明"]
DL_FIELDS = [("文件大小：", ["{kb}KB", "{mb}MB", "{kb} K"]),
             ("下载次数：", ["{n}", "{n}次", "已下{n}次"]),
             ("上传者：", ["会员{n}", "资料共享者", "wordhome", "站长"]),
             ("售价：", ["{y}元", "{y}.00金币", "￥{y}.00", "免费"]),
             ("文档页数：", ["{k}页", "共{k}页", "{k} P"]),
             ("适用版本：", ["Office 2007+", "WPS 2019", "Word 2010及以上"]),
             ("扩展名：", [".docx", ".doc", ".wps", ".pdf"])]
DL_BUTTON = ["下载到本地", "获取Word文档", "↓ 保存为DOC", "马上下载（{y}金币）", "下载该文档", "一键获取原文件",
             "点我下载可编辑版"]
DL_NOTE = ["温馨提示：下载后可自由编辑修改", "注：本资料为可编辑Word格式", "提示：网盘资源，下载不扣积分",
           "说明：付费后不支持退款", "VIP会员可无限次下载", "下载前请确认文档页数"]

# Share widget.
SHARE_HEAD = ["转发给好友", "推荐给朋友", "把好文章传出去", "分享本页", "发给同事", "传播一下"]
SHARE_ITEMS = ["复制链接", "生成海报", "微信扫一扫", "发送到手机", "钉钉", "企业微信", "新浪微博", "邮件发送"]
TOOLS = ["【字体：大 中 小】", "【打印本页】", "【关闭窗口】", "【收藏到书签】", "【我要纠错】", "【返回顶部】",
         "【加入收藏夹】"]
VOTES = ["有用({m})", "没用({m})", "赞一下 {m}", "踩 {m}", "喜欢 {m}", "打赏"]

# Prev/next and related lists.
PREV = ["上一篇：", "上篇：", "« 前一篇", "上一篇文章：", "上一条：", "↑ 上一篇"]
NEXT = ["下一篇：", "下篇：", "后一篇 »", "下一篇文章：", "下一条：", "↓ 下一篇"]
RELATED_HEAD = ["本专题更多文章", "同栏目最新", "看了本文的人还看了", "与本文相似的范文", "精选专题", "相关资料推荐",
                "热门文档"]

# The site's own ads.
SELF_AD = ["会员年卡限时五折，全站文档随意下", "注册即送{n}积分，可免费下载三篇文档", "AI写作助手上线：输入主题，一键生成讲话稿",
           "材料代写请联系客服，微信同号{phone}", "{site}APP已上线，扫码安装体验更流畅", "开通超级会员，每日可下载{k}篇",
           "企业团购享专属折扣，详询在线客服", "新人专享：首月会员仅需{y}元"]

# Anti-copy watermark noise.
WATERMARK = ["w w w . {dspaced}", "本文链接：http://{domain}/{n}.html", "==={site}首发，盗版必究===",
             "{abbr}{n}{abbr2}", "来源网址：{domain}（请勿删除）", "[{site}]原创内容，谢绝转载",
             "{domain} 整理 仅供学习", "#{abbr}#{n}#"]

# Raw markup shown as text.
RAW = ["[b]{title}[/b]", "{{dede:field.body/}}", "&lt;br /&gt;", '<span style="font-family:仿宋_GB2312;">',
       "[pagebreak]", "<!--more-->", "&amp;nbsp;&amp;nbsp;", "[img]/uploads/{n}.jpg[/img]", "</div></td></tr>"]

# Disclaimers and use notes a 范文 site appends to every text.
DISCLAIMER = ["本范文仅供参考，使用时请结合本单位实际修改完善", "注：文中数据均为示例，引用前请核实替换",
              "【版权声明】本文内容由网友自发贡献，观点仅代表作者本人，本站仅提供信息存储空间服务",
              "郑重提示：请勿将本文用于考试、评比等需原创的场合", "如发现本站内容有侵权行为，请发送邮件举证，一经查实立即删除",
              "以上材料系编辑从公开渠道整理，版权归原作者所有", "温馨提醒：下载的文档仅限个人学习，不得用于商业用途"]
# Third-party ads printed inside the text column.
AD_THIRD = ["[广告] 公考申论系统班，报名立减{y}0元", "推广｜遴选笔试高分技巧，免费领取资料包",
            "赞助内容：企业文化墙设计一站式服务", "（广告）办公用品批发，全场包邮",
            "广告 · 党建展厅设计施工，案例{n}+", "【推广】公文写作训练营第{k}期火热招生"]
# Tag lines at the bottom of the text.
TAG_LABEL = ["本文标签：", "文章关键词：", "相关标签：", "所属话题：", "归类于：", "Tags："]
TAG_WORDS = ["讲话材料", "领导发言", "会议讲稿", "致辞", "范本", "工作部署", "表态发言", "文秘写作"]
# Prompts to read on a phone.
MOBILE_PROMPT = ["手机扫码，随时随地阅读本文", "用手机看：扫描下方二维码", "本文已同步至手机版，扫码查看",
                 "发送“范文”到公众号，手机也能看", "在APP中打开，阅读更顺畅", "微信扫一扫，把本文带走"]

# 导读 / summary boxes that restate the title.
LEAD_HEAD = ["内容简介", "文档简介", "本文概要", "核心提示", "阅读提示", "编辑点评"]
LEAD_BODY = ["本文是关于{title}的精品范文，共分{k}个部分，条理清晰，可直接套用。",
             "《{title}》一文紧扣主题，语言朴实，适合同类场合参考使用。",
             "{title}，内容涵盖背景、要求和措施，欢迎阅读下载。",
             "这是一篇{title}，结构严谨、文字精炼，是不可多得的参考材料。",
             "围绕{title}，本文从思想认识、工作措施等方面展开论述。",
             "{title}：全文要点已为您梳理，阅读正文了解详情。"]

# Comments: floors, names, dates, votes.
COMMENT_HEAD = ["网友热评", "留言板", "大家怎么说", "全部评论（{n}）", "讨论区", "读者反馈", "用户点评"]
COMMENT_NAMES = ["桂花糕", "公文狗", "一只写稿的猫", "山那边", "tianya{n}", "访客{n}", "晨曦微露", "办公室小李",
                 "不会写材料"]
COMMENT_TEXTS = ["结构清楚，照着改了一版，领导很满意", "开头那段可以再精简一些", "请问有没有配套的会议主持词",
                 "收下了，明天开会正好用", "比我自己写的强多了", "希望多更新点乡镇方面的", "有些段落和去年的差不多啊",
                 "语言很接地气，点赞", "下载要积分，差评", "已转发到单位群里"]
FLOOR = ["{i}楼", "#{i}", "第{i}楼", "{i}F", "No.{i}", "【{i}楼】"]
FIRST_FLOORS = ["沙发", "板凳"]  # what the first two posts are called on many forums
COMMENT_STAMP = ["{d:%Y-%m-%d %H:%M}", "{d:%Y/%m/%d %H:%M:%S}", "{d:%Y年%m月%d日 %H:%M}", "发表于 {d:%Y-%m-%d}",
                 "{d:%Y.%m.%d}", "{d:%Y-%m-%d %H:%M:%S}"]
COMMENT_ACTS = ["支持({m})", "反对({m})", "回复", "投诉", "顶[{m}]", "引用"]

# About / contact page.
ABOUT_PARAS = [
    "{site}成立于{year}年，长期致力于为党政机关、事业单位和企业用户提供文秘写作参考资料。",
    "经过多年积累，平台现有各类文档{n}余万篇，覆盖讲话致辞、汇报总结、规章制度、心得体会等多个栏目。",
    "我们坚持以用户需求为导向，每日由专职编辑审核上新，力求让每一篇资料都准确、规范、好用。",
    "网站内容部分来源于网友分享，若涉及版权问题，请权利人提供身份证明与权属证明，我们将及时处理。",
]
CONTACT_LINES = ["客服热线：{phone}（工作日 9:00-18:00）", "商务合作：bd@{host}", "投稿邮箱：tougao@{host}",
                 "公司地址：{city}高新区科技路{k}号创业大厦{n}室", "QQ客服：{qq}", "邮编：{zip}"]
CITIES = ["杭州市", "成都市", "郑州市", "合肥市", "长沙市", "西安市"]


@dataclass
class Junk:
    """One junk element: its HTML and the visible strings it puts on the page."""

    html: str
    strings: list[str] = field(default_factory=list)


class JunkMaker2:
    """Draws junk from the bank with one seeded RNG, in a page's script (simplified pages get some traditional)."""

    def __init__(self, rng: random.Random, site: str, domain: str, script: str = "s") -> None:
        self.rng, self.site, self.domain, self.script = rng, site, domain, script
        self.host = domain.split(".", 1)[1]
        self.wx = site[:2] + rng.choice(["笔记", "研究所", "课堂", "公社", "铺子", "小站"])
        self.abbr = "".join(ch for ch in domain.split(".")[1][:4].upper())
        self.qq = str(rng.randint(100000000, 999999999))
        self.phone = f"1{rng.randint(3, 9)}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"

    def conv(self, text: str) -> str:
        script = self.script
        if script == "s" and self.rng.random() < 0.35:
            script = self.rng.choice(["t", "h"])
        return to_script(text, script)

    def c(self, options: list[str]) -> str:
        return self.rng.choice(options)

    def fill(self, text: str, **extra) -> str:
        r = self.rng
        values = dict(site=self.site, domain=self.domain, wx=self.wx, qq=self.qq, phone=self.phone, host=self.host,
                      n=r.randint(12, 98765), m=r.randint(1, 40), w=r.randint(900, 4800), k=r.randint(2, 12), p=r.randint(40, 90),
                      y=r.randint(2, 30), kb=r.randint(18, 420), mb=f"{r.uniform(0.1, 3.0):.1f}",
                      abbr=self.abbr, abbr2=r.choice(["wd", "gw", "fw", "jh"]),
                      dspaced=" . ".join(" ".join(part) for part in self.domain.split(".")[1:]))
        values.update(extra)
        return text.format(**values)

    # -- the kinds ----------------------------------------------------------
    def genre_lead(self, title: str, genre: str) -> str:
        """A paragraph in which the site explains the genre and hands over to the text."""
        r = self.rng
        parts = [self.c(GENRE_ABOUT[genre]) + "，" + self.c(GENRE_HOWTO) + "。"]
        parts.append(self.fill(self.c(GENRE_HANDOFF), title=r.choice([title, f"《{title}》", "本篇范文"])))
        return self.conv("".join(parts))

    def promo_short(self) -> str:
        return self.conv(self.fill(self.c(PROMO_SHORT)))

    def info(self, published: date, author: str | None = None, mobile: bool = False) -> str:
        r = self.rng
        stamp = datetime(published.year, published.month, published.day, r.randint(7, 22), r.randint(0, 59))
        if mobile:
            return self.conv(self.fill(self.c(INFO_MOBILE), d=stamp))
        parts = [self.fill(self.c(INFO_DATE), d=stamp)]
        pool = [INFO_WORDS, INFO_VIEWS, INFO_SOURCE]
        for slot in r.sample(pool, r.randint(1, 3)):
            parts.append(self.fill(self.c(slot)))
        if author:
            parts.append(self.c(["撰稿：", "作者 ", "整理："]) + author)
        elif r.random() < 0.5:
            parts.append(self.fill(self.c(INFO_WHO), who=self.c(INFO_WHO_NAMES)))
        r.shuffle(parts)
        return self.conv(self.c(INFO_SEP).join(parts))

    def info_extra(self) -> str:
        """An info line inside the body (word count, views, who) without the date."""
        r = self.rng
        parts = [self.fill(self.c(s), who=self.c(INFO_WHO_NAMES)) for s in r.sample([INFO_WORDS, INFO_VIEWS, INFO_WHO], 2)]
        return self.conv(self.c(INFO_SEP).join(parts))

    def paywall(self) -> str:
        return self.conv(self.fill(self.c(PAY_LINE)))

    def paywall_glued(self) -> str:
        return self.conv(self.fill(self.c(PAY_GLUED)))

    def follow(self) -> str:
        return self.conv(self.fill(self.c(FOLLOW)))

    def self_ad(self) -> str:
        return self.conv(self.fill(self.c(SELF_AD)))

    def watermark(self) -> str:
        return self.conv(self.fill(self.c(WATERMARK)))

    def disclaimer(self) -> str:
        return self.conv(self.c(DISCLAIMER))

    def third_party_ad(self) -> str:
        return self.conv(self.fill(self.c(AD_THIRD)))

    def tag_line(self) -> str:
        return self.conv(self.c(TAG_LABEL) + " ".join(self.rng.sample(TAG_WORDS, self.rng.randint(2, 4))))

    def mobile_prompt(self) -> str:
        return self.conv(self.c(MOBILE_PROMPT))

    def raw_markup(self, title: str) -> str:
        return self.fill(self.c(RAW), title=title)

    def download(self) -> Junk:
        r = self.rng
        head = self.conv(self.c(DL_HEAD))
        fields = [self.conv(label + self.fill(r.choice(vals))) for label, vals in r.sample(DL_FIELDS, r.randint(3, 5))]
        button = self.conv(self.fill(self.c(DL_BUTTON)))
        note = self.conv(self.c(DL_NOTE))
        shape = r.choice(["dl", "table", "spans"])
        if shape == "dl":
            inner = "".join(f"<dd>{esc(f)}</dd>" for f in fields)
            html = f'<dl class="docbox"><dt>{esc(head)}</dt>{inner}<dd><a href="/down/{r.randint(1, 9999)}" class="btn">{esc(button)}</a></dd><dd class="tip">{esc(note)}</dd></dl>'
        elif shape == "table":
            cells = "".join(f"<td>{esc(f)}</td>" for f in fields)
            html = (f'<table class="fileinfo"><caption>{esc(head)}</caption><tr>{cells}</tr>'
                    f'<tr><td colspan="{len(fields)}"><a href="/dl.php?id={r.randint(1, 9999)}">{esc(button)}</a> <small>{esc(note)}</small></td></tr></table>')
        else:
            inner = "".join(f"<span>{esc(f)}</span>" for f in fields)
            html = f'<div class="down-area"><b>{esc(head)}</b>{inner}<button>{esc(button)}</button><i>{esc(note)}</i></div>'
        return Junk(html, [head, *fields, button, note])

    def share(self) -> Junk:
        r = self.rng
        head = self.conv(self.c(SHARE_HEAD))
        items = [self.conv(x) for x in r.sample(SHARE_ITEMS, r.randint(3, 5))]
        tools = [self.conv(x) for x in r.sample(TOOLS, r.randint(0, 3))]
        votes = [self.conv(self.fill(x)) for x in r.sample(VOTES, r.randint(0, 2))]
        links = "".join(f'<a href="javascript:;" class="s-{i}">{esc(x)}</a>' for i, x in enumerate(items))
        extra = "".join(f"<span>{esc(x)}</span>" for x in tools + votes)
        return Junk(f'<div class="sharebar"><em>{esc(head)}</em>{links}</div><div class="toolbar">{extra}</div>',
                    [head, *items, *tools, *votes])

    def prev_next(self, prev: tuple[str, str] | None, nxt: tuple[str, str] | None) -> Junk:
        parts, strings = [], []
        for label, link in ((self.c(PREV), prev), (self.c(NEXT), nxt)):
            if link:
                label = self.conv(label)
                parts.append(f'<li>{esc(label)}<a href="{link[1]}">{esc(link[0])}</a></li>')
                strings += [label, link[0]]
        return Junk(f'<ul class="prenext">{"".join(parts)}</ul>', strings)

    def related(self, links: list[tuple[str, str]]) -> Junk:
        r = self.rng
        head = self.conv(self.c(RELATED_HEAD))
        picked = r.sample(links, min(len(links), r.randint(3, 5)))
        numbered = r.random() < 0.5
        items = "".join(f'<li>{f"{i + 1}. " if numbered else ""}<a href="{h}">{esc(t)}</a></li>' for i, (t, h) in enumerate(picked))
        return Junk(f'<div class="relate"><h3>{esc(head)}</h3><ol>{items}</ol></div>', [head] + [t for t, _ in picked])

    def lead_box(self, title: str) -> Junk:
        head = self.conv(self.c(LEAD_HEAD))
        body = self.conv(self.fill(self.c(LEAD_BODY), title=title))
        return Junk(f'<div class="summary"><strong>{esc(head)}</strong><p>{esc(body)}</p></div>', [head, body])

    def comments(self, published: date, count: int) -> tuple[str, list[str], list[str]]:
        """A thread of `count` posts, dated after `published`: its HTML, visible strings and the dates."""
        r = self.rng
        head = self.conv(self.fill(self.c(COMMENT_HEAD), n=count))
        posts, strings, stamps = [], [head], []
        when = datetime(published.year, published.month, published.day, 9, 0)
        texts = r.sample(COMMENT_TEXTS, count)
        floor_shape = self.c(FLOOR)
        forum_floors = r.random() < 0.3
        for i in range(count):
            when += timedelta(days=r.randint(1, 60), minutes=r.randint(5, 900))
            name = self.conv(self.fill(self.c(COMMENT_NAMES)))
            floor = self.conv(FIRST_FLOORS[i] if forum_floors and i < 2 else self.fill(floor_shape, i=i + 1))
            stamp = self.conv(self.fill(self.c(COMMENT_STAMP), d=when))
            text = self.conv(texts[i])
            acts = [self.conv(self.fill(x)) for x in r.sample(COMMENT_ACTS, 2)]
            stamps.append(when.date().isoformat())
            act_html = " ".join(f"<a>{esc(a)}</a>" for a in acts)
            if i and r.random() < 0.3:  # a nested reply quoting the previous floor
                quote = self.conv("回复") + f" {prev_floor}："
                text_html = f'<blockquote>{esc(quote)}</blockquote><p>{esc(text)}</p>'
                strings.append(quote.strip())
            else:
                text_html = f"<p>{esc(text)}</p>"
            posts.append(f'<li class="floor"><div class="who"><b>{esc(name)}</b> <span class="fl">{esc(floor)}</span>'
                         f' <time>{esc(stamp)}</time></div>{text_html}<div class="acts">{act_html}</div></li>')
            strings += [name, floor, stamp, text, *acts]
            prev_floor = floor
        html = f'<div class="comment-wrap"><h3>{esc(head)}</h3><ul class="floors">{"".join(posts)}</ul></div>'
        return html, strings, stamps
