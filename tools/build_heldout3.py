"""Build tests/fixtures/heldout3: a third held-out cleaning set (issue 9 (c)).

    .venv/bin/python tools/build_heldout3.py [--out tests/fixtures/heldout3]

Written by an examiner who read neither the cleaner's rules and code nor the
junk banks of the earlier held-out sets, so the figure it gives measures how the
cleaner does on layouts and wordings it was not written for. Deterministic:
one seed, no network, no clock; the same zhconv version gives the same bytes.

Four invented site families, each with its own markup and several sibling
pages on one host (so a per-site template can be learnt from them):

- hongwen  (GBK, simplified): a table-layout portal; body lines split by <br>;
  <title> "站名--标题"; some pages served with an ISO-8859-1 header.
- wenshu   (UTF-8, traditional): divs and data-attributes, one <div> per
  paragraph; <title> "标题_站名".
- gzhwz    (UTF-8, mostly simplified): a WeChat-article mirror, <p><span> inside
  nested <section>s; <title> "站名- 标题".
- zhiku    (UTF-8, traditional): a <dl>/<dd> blog layout; <title>
  "标题 - 栏目 - 站名".

Speech bodies are composed from a bank of real speech sentences (leader
speeches, pledges, opening addresses) with per-page slots. Junk is composed from
slots with many synonyms each, in the page's script, and every junk string in
`must_not_contain` is labelled `<type>/<where>` in `junk_kinds` so
`python -m evaluation.leaks` breaks leaks down by type and position
(top = the body's top edge inside the text column, inside = between paragraphs,
glued = inside a paragraph, bottom = the body's bottom edge inside the text
column, outside = another block of the page, after = after the article).
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import string
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from html import escape
from pathlib import Path
from urllib.parse import quote

import zhconv

SEED = 20261126
MADE_ON = "2026-11-26"  # written into the README; fixed so that the output is reproducible
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "heldout3"
MIN_JUNK_CHARS = 4  # shorter junk strings say nothing about a leak
MIN_GLUE_PARAGRAPH = 30  # junk is glued only into paragraphs at least this long
TOKEN = "\x00{}\x00"  # a slot left through script conversion, filled with already converted text


# ---------------------------------------------------------------- helpers


class Rng(random.Random):
    def pick(self, seq):
        return seq[self.randrange(len(seq))]

    def some(self, seq, k):
        return self.sample(list(seq), min(k, len(seq)))


def squeeze(text: str) -> str:
    return "".join(text.split())


def clean_line(text: str) -> str:
    """A body paragraph as the truth stores it: no ASCII, full-width or no-break spaces at the ends."""
    return text.strip(" \t\r\n\u3000\u00a0")


# ---------------------------------------------------------------- speech bank

TOPICS = [
    # name, meeting, department, nouns
    ("安全生产", "安全生产工作会议", "应急管理局",
     ["隐患排查整治", "重点行业领域专项整治", "企业主体责任落实", "应急救援能力建设", "安全生产执法检查"]),
    ("防汛抗旱", "防汛抗旱工作会议", "水利局",
     ["山洪地质灾害防范", "病险水库除险加固", "防汛物资储备", "汛期值班值守", "转移避险预案演练"]),
    ("乡村振兴", "乡村振兴工作推进会", "农业农村局",
     ["产业帮扶项目建设", "农村人居环境整治", "高标准农田建设", "村集体经济发展", "防止返贫动态监测"]),
    ("招商引资", "招商引资工作推进会", "商务局",
     ["重点产业链招商", "签约项目落地", "招商队伍建设", "项目要素保障", "以商招商"]),
    ("优化营商环境", "优化营商环境大会", "政务服务管理局",
     ["政务服务“一网通办”", "涉企审批事项精简", "惠企政策兑现", "市场主体培育", "政务诚信建设"]),
    ("森林防灭火", "森林防灭火工作会议", "林业局",
     ["野外火源管控", "林区巡护", "扑火队伍建设", "防火隔离带建设", "火情监测预警"]),
    ("教育", "教育工作会议", "教育局",
     ["教师队伍建设", "义务教育优质均衡发展", "校园安全管理", "课后服务", "学前教育普惠发展"]),
    ("生态环境保护", "生态环境保护工作会议", "生态环境局",
     ["大气污染防治", "河湖长制落实", "环保督察反馈问题整改", "土壤污染风险管控", "农村生活污水治理"]),
    ("基层党建", "基层党建工作推进会", "组织部",
     ["党支部标准化规范化建设", "党员教育管理", "村级后备干部培养", "软弱涣散党组织整顿", "党建引领基层治理"]),
    ("文明城市创建", "创建文明城市动员大会", "文明办",
     ["背街小巷环境整治", "志愿服务常态化", "公共秩序管理", "未成年人思想道德建设", "文明交通劝导"]),
    ("信访稳定", "信访稳定工作会议", "信访局",
     ["矛盾纠纷排查化解", "信访积案清理", "领导干部接访下访", "网格化服务管理", "初信初访办理"]),
    ("春耕生产", "春耕生产工作会议", "农业农村局",
     ["粮食播种面积落实", "农资供应保障", "农机作业服务", "病虫害统防统治", "耕地保护"]),
    ("消防安全", "消防安全工作会议", "消防救援大队",
     ["高层建筑消防隐患治理", "九小场所消防检查", "电动自行车充电管理", "微型消防站建设", "消防宣传进社区"]),
    ("民营经济", "民营经济发展大会", "工业和信息化局",
     ["中小企业融资服务", "企业家队伍培育", "专精特新企业培育", "政企常态化沟通", "拖欠企业账款清理"]),
    ("重点项目建设", "重点项目建设推进会", "发展和改革局",
     ["项目前期工作", "征地拆迁", "上级资金争取", "开工率和投资完成率", "竣工项目验收投产"]),
    ("养老服务", "养老服务工作推进会", "民政局",
     ["居家社区养老服务", "农村互助幸福院建设", "特困人员供养", "养老机构安全管理", "适老化改造"]),
]

AREAS = [  # area, org, offices
    ("全县", "县委、县政府", ["县长", "县委书记", "副县长", "常务副县长"]),
    ("全区", "区委、区政府", ["区长", "区委书记", "副区长"]),
    ("全市", "市委、市政府", ["市长", "副市长", "市委副书记"]),
    ("全镇", "镇党委、镇政府", ["镇长", "镇党委书记"]),
]
PERIODS = ["今年以来", "上半年", "一季度以来", "去年以来", "前三季度"]
MONTHS = ["5月", "6月", "7月", "9月", "10月", "11月", "年"]
LEADERS = ["X书记", "XX县长", "X市长", "XX同志", "X区长"]
NUMERALS = "一二三四五六七八九十"

HEADS = {
    "why": ["提高政治站位，充分认识做好{t}工作的重要意义", "统一思想认识，切实增强抓好{t}工作的责任感",
            "正视问题差距，准确把握{t}工作面临的形势", "坚定发展信心，客观看待{t}工作取得的成绩"],
    "do": ["突出工作重点，扎实推进{t}各项任务落地", "聚焦关键环节，全力抓好{n1}和{n2}",
           "坚持问题导向，着力补齐{t}工作短板", "创新方法举措，推动{t}工作提质增效"],
    "ensure": ["强化组织保障，确保{t}工作取得实效", "压实工作责任，形成抓好{n1}的强大合力",
               "转变工作作风，以实干实绩推动{t}工作落实", "严格督查考核，确保{t}各项部署落到实处"],
}
SENTENCES = {
    "why": [
        "{p}，在{org}的坚强领导下，{area}上下紧紧围绕年初确定的目标任务，扎实推进{t}各项工作，取得了阶段性成效。",
        "{n1}稳步推进，累计完成{k}项，完成年度任务的{pct}%。",
        "{n2}取得新突破，一批好经验、好做法得到上级部门的充分肯定。",
        "这些成绩来之不易，凝聚着{area}广大干部群众的心血和汗水。",
        "在肯定成绩的同时，我们也要清醒地看到，{area}{t}工作还存在一些不容忽视的问题。",
        "一些单位对{t}工作重视程度不够，存在重部署、轻落实的现象。",
        "{n1}方面基础还比较薄弱，与群众的期盼相比还有不小差距。",
        "部分乡镇和部门之间协调配合不够顺畅，推进{n2}的合力还没有完全形成。",
        "做好{t}工作，事关{area}发展大局，事关人民群众切身利益，容不得半点马虎。",
        "各级各部门一定要从讲政治、顾大局的高度，深刻认识抓好{t}工作的极端重要性。",
        "当前，{t}工作正处在爬坡过坎的关键阶段，稍有松懈就可能前功尽弃。",
        "对{n1}中暴露出的这些问题，我们必须高度重视，拿出过硬措施，认真加以解决。",
        "从上级通报的情况看，我们在{n2}方面的排名还比较靠后，必须奋起直追。",
        "面对新形势新任务，我们必须把思想和行动统一到{org}的决策部署上来，以更高标准抓好{t}工作。",
    ],
    "do": [
        "要把{n1}作为当前的重中之重，集中力量、集中时间、集中攻坚。",
        "要聚焦{n2}，细化工作措施，明确时间节点，确保{m}底前全面完成。",
        "各乡镇、各部门要对照任务清单，逐项抓好{n1}，做到底数清、情况明。",
        "要坚持问题导向，围绕{n2}中的薄弱环节，逐一研究提出解决办法。",
        "要建立健全{n1}长效机制，推动{t}工作由集中整治向常态长效转变。",
        "年内要完成{n1}任务{k}项以上，确保{n2}取得明显成效。",
        "要加强与上级部门的沟通对接，积极争取政策和资金支持，为{n1}提供有力保障。",
        "{dept}要发挥牵头抓总作用，定期调度{n2}进展情况，及时协调解决存在的问题。",
        "要坚持点面结合，既抓好{n1}这个重点，又兼顾{n2}等面上工作。",
        "要善于运用信息化手段，提高{n1}的精准度和工作效率。",
        "要深入基层一线开展调研，摸清{n2}的真实情况，掌握第一手资料。",
        "对排查发现的问题，要建立台账、限期整改、跟踪问效，确保{n1}不留死角。",
        "要注重培树典型，及时总结推广{n2}中的好经验、好做法，以点带面推动{t}工作整体提升。",
        "要主动回应群众关切，把{t}工作的成效体现在群众满意度的提升上。",
        "要统筹用好各类资金，优先保障{n1}等重点支出。",
    ],
    "ensure": [
        "各级党政主要负责同志是{t}工作的第一责任人，要亲自研究部署，亲自协调推动。",
        "分管领导要具体抓、抓具体，对{n1}中的重点难点问题靠前指挥。",
        "{dept}要会同有关部门加强督查检查，对{t}工作推进不力的单位及时通报。",
        "要把{t}工作纳入年度综合考核，考核结果与评先评优直接挂钩。",
        "对{n2}中敷衍塞责、失职失责的，要依规依纪严肃追责问责，决不姑息。",
        "要大力弘扬求真务实的作风，少说空话、多办实事，以{n1}的实际成效检验工作成果。",
        "要加强宣传引导，充分利用广播、电视、新媒体等渠道，营造全社会关心支持{t}工作的浓厚氛围。",
        "各级干部要沉下身子、深入一线，帮助基层解决{n2}中的实际困难。",
        "要严格落实{t}工作信息报送制度，重要情况第一时间报告{org}。",
        "要加强{t}干部队伍建设，分期分批开展业务培训，提升履职能力。",
    ],
}
OPENING = [
    "今天，我们召开{area}{meeting}，主要任务是总结{p}{t}工作，分析当前形势，安排部署下一阶段重点任务。",
    "刚才，{dept}通报了{p}{t}工作情况，{k2}个单位作了交流发言，讲得都很好，我完全同意。",
    "{leader}还就{n1}作了具体安排，请大家认真抓好落实。",
    "这次会议是经{org}研究同意召开的，充分体现了{org}对{t}工作的高度重视。",
]
CLOSING = [
    "同志们，{t}工作任务艰巨、责任重大。让我们在{org}的坚强领导下，以更加饱满的精神状态、更加务实的工作作风，奋力开创{area}{t}工作新局面！",
    "会后，各单位要迅速传达本次会议精神，结合实际抓好{n1}等各项任务的落实。",
    "希望大家以这次会议为新的起点，拿出只争朝夕的劲头，确保全年{t}目标任务圆满完成。",
]
PLEDGE_HEADS = ["提高站位，强化担当", "聚焦重点，精准发力", "真抓实干，务求实效", "严守底线，防范风险", "改进作风，提升效能"]
PLEDGE_SENTENCES = [
    "我们将把{n1}作为主攻方向，倒排工期、挂图作战，确保按期完成目标任务。",
    "我们将主动对接{dept}，加强沟通协调，确保{n2}各项措施落地见效。",
    "我们将坚持每月一调度、每季一通报，及时发现和解决{t}工作中的问题。",
    "我们将扎实开展{n1}专项行动，全面排查薄弱环节，做到发现一处、整改一处。",
    "我们将加强{t}工作队伍建设，选派业务骨干充实一线力量。",
    "我们将严格执行工作纪律，以{n2}的实际成效取信于民。",
    "我们将认真总结{p}的经验教训，进一步完善{n1}工作机制。",
    "{unit}主要负责同志将带头深入一线，对{n2}中的难点问题亲自协调、亲自督办。",
    "我们将把{t}工作同年度目标考核结合起来，确保责任层层传导、压力层层落实。",
]
UNITS = ["县{dept}", "城关镇", "开发区管委会", "区{dept}", "东坪乡", "市{dept}", "河西街道办事处"]
EVENTS = [
    # name, short, participants, purpose, season, field
    ("第五届职工运动会", "运动会", "运动员", "丰富职工文化生活、增强队伍凝聚力", "秋高气爽、丹桂飘香的美好时节", "全民健身"),
    ("首届乡村文化旅游节", "旅游节", "参展商户", "展示乡村振兴成果、推动农文旅融合发展", "春暖花开、万物复苏的美好季节", "文化旅游"),
    ("2024年全民阅读月活动", "阅读月活动", "读者朋友", "营造全民阅读氛围、建设书香城市", "草长莺飞、书香四溢的时节", "全民阅读"),
    ("第三届青年创新创业大赛", "大赛", "参赛选手", "激发青年创新活力、营造良好创业氛围", "充满希望的初夏时节", "青年创新创业"),
    ("中小学生田径运动会", "运动会", "运动员", "检阅学校体育工作成果、增强学生体质", "金风送爽的收获季节", "学校体育"),
    ("第二届老年人书画作品展", "书画展", "参展作者", "丰富老年人精神文化生活、弘扬传统文化", "重阳佳节即将到来之际", "老龄文化"),
    ("教职工代表大会", "大会", "代表", "推进学校民主管理、凝聚办学合力", "新学期开学之际", "民主管理"),
    ("农民丰收节庆祝活动", "庆祝活动", "农民朋友", "展示农业农村发展成就、共庆丰收喜悦", "硕果累累的丰收时节", "农业农村"),
]
CEREMONY_SALUTES = ["尊敬的各位领导、各位来宾，朋友们：", "各位代表、同志们：", "尊敬的各位嘉宾，老师们、同学们：", "尊敬的各位来宾，女士们、先生们："]
CEREMONY_BODY = [
    "在这{season}，我们欢聚一堂，隆重举行{event}。",
    "首先，我代表{host}，向{event}的隆重开幕表示热烈的祝贺！向前来参加活动的各位领导和来宾表示诚挚的欢迎！",
    "向为筹备本次{short}付出辛勤努力的工作人员表示衷心的感谢！",
    "举办{event}，是{purpose}的一项重要举措，也是{host}今年的一件大事。",
    "近年来，{host}高度重视{field}工作，先后开展了一系列丰富多彩的活动，取得了良好的社会反响。",
    "本次{short}历时{k2}天，共有来自{k}个单位的{k3}名{people}参加。",
    "希望全体{people}珍惜这次难得的机会，相互学习、相互交流，充分展示良好的精神风貌。",
    "希望各位工作人员恪尽职守、热情服务，确保{short}安全、有序、顺利进行。",
    "{field}工作离不开社会各界的关心和支持，希望大家一如既往地关注和参与{field}事业。",
    "我们将以举办{event}为契机，认真总结经验，不断创新形式，推动{field}工作再上新台阶。",
]
CEREMONY_CLOSE = ["最后，预祝{event}取得圆满成功！祝各位来宾身体健康、工作顺利、阖家幸福！", "现在，我宣布：{event}开幕！"]
HOSTS = ["县总工会", "县文化和旅游局", "学校党委", "区委宣传部", "市老年大学", "镇党委、镇政府"]


@dataclass
class Speech:
    title: str
    speaker: str | None
    occasion: str | None
    paragraphs: list[str]
    genre: str  # "讲话" / "发言" / "致辞" (used by junk that names the genre)
    topic: str


def _fill(template: str, slots: dict) -> str:
    return template.format(**slots)


def make_speech(rng: Rng, topic_row: tuple, event_row: tuple, kind: str) -> Speech:
    tname, meeting, dept, nouns = topic_row
    area, org, offices = rng.pick(AREAS)
    slots = {
        "t": tname, "meeting": meeting, "dept": dept, "area": area, "org": org,
        "p": rng.pick(PERIODS), "m": rng.pick(MONTHS), "leader": rng.pick(LEADERS),
    }

    def fill(template: str) -> str:
        n1, n2 = rng.some(nouns, 2)
        s = dict(slots, n1=n1, n2=n2, k=rng.randint(6, 180), k2=rng.randint(3, 9), k3=rng.randint(120, 900),
                 pct=rng.randint(46, 98))
        return _fill(template, s)

    def in_order(pool: list[str], n: int, used: set | None = None) -> list[str]:
        """n sentences of the pool, in the pool's order (which is the order a speaker says them)."""
        choices = [s for s in pool if s not in (used or ())] or pool
        picked = rng.some(choices, n)
        if used is not None:
            used.update(picked)
        return sorted(picked, key=pool.index)

    def para(pool: list[str], used: set, n: int) -> str:
        return "".join(fill(s) for s in in_order(pool, n, used))

    used: set = set()
    paragraphs: list[str] = []
    if kind == "leader":
        office = rng.pick(offices)
        if rng.random() < 0.5:
            title, speaker = f"{office}在{area}{meeting}上的讲话", office
        else:
            title, speaker = f"在{area}{meeting}上的讲话", None
        occasion = f"{area}{meeting}"
        paragraphs.append("同志们：")
        paragraphs.append("".join(fill(s) for s in in_order(OPENING, 3)) + f"下面，我再强调{NUMERALS[2]}点意见。")
        for i, section in enumerate(("why", "do", "ensure")):
            paragraphs.append(f"{NUMERALS[i]}、" + fill(rng.pick(HEADS[section])))
            for _ in range(rng.randint(1, 3)):
                paragraphs.append(para(SENTENCES[section], used, rng.randint(2, 4)))
        paragraphs.append("".join(fill(s) for s in in_order(CLOSING, 2)))
        genre = "讲话"
    elif kind == "pledge":
        unit = rng.pick(UNITS).format(dept=dept)
        slots["unit"] = unit
        title, speaker, occasion = f"在{area}{meeting}上的表态发言", None, f"{area}{meeting}"
        paragraphs.append(rng.pick(["尊敬的各位领导，同志们：", "尊敬的X书记、各位领导："]))
        paragraphs.append(fill("根据会议安排，我代表{unit}就做好{t}工作作表态发言。") + fill(
            "刚才，{leader}作了重要讲话，对{t}工作进行了全面部署，为我们做好下一步工作指明了方向。")
            + fill("{unit}一定认真学习领会，坚决贯彻落实。"))
        ordinals = ["一是", "二是", "三是", "四是"]
        for i, head in enumerate(rng.some(PLEDGE_HEADS, rng.randint(3, 4))):
            paragraphs.append(f"{ordinals[i]}{head}。" + para(PLEDGE_SENTENCES, used, rng.randint(2, 3)))
        paragraphs.append(fill("请各位领导放心，{unit}将以此次会议为契机，以更高的标准、更实的举措、更严的要求，"
                               "全力以赴抓好{t}各项工作，以优异成绩向{org}交上一份满意的答卷！"))
        genre = "发言"
    else:  # ceremony
        event, short, people, purpose, season, fld = event_row
        host = rng.pick(HOSTS)
        office = rng.pick(offices)
        form = rng.randrange(3)
        if form == 0:
            title, speaker, occasion = f"{event}开幕词", None, None
        elif form == 1:
            title, speaker, occasion = f"在{event}开幕式上的致辞", None, f"{event}开幕式"
        else:
            title, speaker, occasion = f"{office}在{event}开幕式上的讲话", office, f"{event}开幕式"
        slots.update(event=event, short=short, people=people, purpose=purpose, season=season, field=fld, host=host)
        paragraphs.append(rng.pick(CEREMONY_SALUTES))
        body = [fill(s) for s in CEREMONY_BODY]
        paragraphs.append(body[0] + body[1] + body[2])
        rest = [s for s in body[3:] if rng.random() < 0.8]
        while rest:
            n = rng.randint(1, 3)
            paragraphs.append("".join(rest[:n]))
            rest = rest[n:]
        paragraphs.append(fill(CEREMONY_CLOSE[0]))
        if form == 0:
            paragraphs.append(fill(CEREMONY_CLOSE[1]))
        paragraphs.append("谢谢大家！")
        genre = "致辞"
    return Speech(title, speaker, occasion, paragraphs, genre, tname)


def other_titles(rng: Rng, n: int, exclude: str = "") -> list[str]:
    """Plausible titles of other speeches (for sidebars, related lists, list pages)."""
    out: list[str] = []
    while len(out) < n:
        tname, meeting, _dept, _nouns = rng.pick(TOPICS)
        area, _org, offices = rng.pick(AREAS)
        form = rng.randrange(6)
        if form == 0:
            t = f"{rng.pick(offices)}在{area}{meeting}上的讲话"
        elif form == 1:
            t = f"在{area}{meeting}上的表态发言"
        elif form == 2:
            t = f"{rng.pick(EVENTS)[0]}开幕词"
        elif form == 3:
            t = f"在{area}{meeting}上的讲话"
        elif form == 4:
            t = f"{rng.pick(offices)}在{tname}专题调研座谈会上的讲话"
        else:
            t = f"在{rng.pick(EVENTS)[0]}闭幕式上的致辞"
        if t not in out and t != exclude:
            out.append(t)
    return out


# ---------------------------------------------------------------- junk bank (many synonyms per slot)

GENRES = ["讲话稿", "发言材料", "致辞稿", "范文", "文稿", "稿子", "材料"]
EDITORS = ["本站编辑", "网站编辑部", "站内写手", "资料组", "我们的编辑团队", "文秘频道编辑", "值班编辑", "本站工作人员"]
ADVERBS = ["精心", "用心", "反复", "逐字", "认真", ""]
ACTS = ["挑选", "整理", "汇编", "校对", "收录", "甄选", "编排"]
PROMO_ENDS = ["，仅供写作参考。", "，供各位借鉴使用。", "，希望能给您带来启发。", "，欢迎收藏备用。",
              "，可作为起草同类材料的参考。", "，愿对您的工作有所助益。", "，觉得有用就点个赞吧。", "，请酌情修改后使用。"]
NAMES = ["李敏", "王晓东", "陈静", "赵磊", "刘芳", "周文", "孙婷", "吴昊", "郑海燕", "马骏", "胡晓", "林涛"]
NICKS = ["青山不语", "老李在路上", "匿名用户", "wh2019", "一只大白", "笔杆子小周", "基层小刘", "半夏",
         "写材料的猫", "kevin_88", "守望者", "云淡风轻", "办公室老张", "晨曦", "张三丰不会写稿", "阿木"]
COMMENT_TEXTS = [
    "写得很实在，已经收藏了", "第三部分很有参考价值，感谢", "请问有没有word版本可以下载", "格式很规范，拿来改改就能用",
    "正好明天开会要用，太及时了", "结构清晰，层次分明，点赞", "建议再补充一些具体数据", "学习了，比我自己写的强多了",
    "开头那段写得真好", "同问，怎么下载完整版", "楼上的可以私信我", "每次来这里找材料都有收获",
    "有没有类似的闭幕词推荐", "这篇我们单位去年也用过", "语言有点套路化，不过能用", "支持一下，希望多更新",
]


def promo_line(rng: Rng, genre: str) -> str:
    head = rng.pick(["本篇" + genre, "这篇" + genre, "此文", "本文", "以下" + genre, "这份材料", "下文"])
    mid = rng.pick(["由{who}{how}{act}", "经{who}{act}后发布", "系{who}{how}{act}", "为{who}{how}{act}所得"])
    mid = mid.format(who=rng.pick(EDITORS), how=rng.pick(ADVERBS), act=rng.pick(ACTS))
    return head + mid + rng.pick(PROMO_ENDS)


def promo_more(rng: Rng, genre: str) -> str:
    verb = rng.pick(["想看更多", "需要更多", "还想找", "查找其他", "寻找同类"])
    where = rng.pick(["点击进入{c}频道", "可以到{c}栏目逛逛", "请移步{c}专区", "欢迎浏览本站{c}版块", "在{c}分类下还有很多"])
    tail = rng.pick(["，每天持续更新。", "，海量资料等你挑选。", "，总有一篇适合您。", "！", "，随时来看看。"])
    return f"{verb}{genre}？" + where.format(c=rng.pick(["讲话致辞", "领导讲话", "发言稿", "会议材料", "公文写作"])) + tail


def site_leadin(site: str) -> str:
    """The site's own fixed lead-in before each text (constant but for the title)."""
    return "以下是" + site + "为您提供的" + TOKEN.format("title") + "全文，内容仅供参考学习。"


def info_line(rng: Rng, day: datetime, site: str, with_author: bool, dated: bool = True) -> tuple[str, str | None]:
    """(the line, the author it names or None); `dated` False leaves the date out."""
    date_fmt = rng.pick(["{d:%Y-%m-%d %H:%M}", "{d.year}年{d.month}月{d.day}日", "{d:%Y/%m/%d}", "{d:%Y.%m.%d}",
                         "{d:%Y-%m-%d}", "{d.year}年{d.month:02d}月{d.day:02d}日 {d:%H:%M}"])
    parts = [rng.pick(["发布时间：", "发布于 ", "日期：", "上传时间：", "时间：", "发表于", "收录时间："]) + date_fmt.format(d=day)]
    if not dated:
        parts = []
    author = None
    if with_author:
        author = rng.pick(NAMES)
        parts.append(rng.pick(["作者：", "投稿人：", "作者 "]) + author)
    elif rng.random() < 0.5:
        parts.append(rng.pick(["来源：", "出处：", "稿源：", "信息来源："]) + rng.pick([site, "网络整理", "网友投稿", "本站原创", "会员上传"]))
    parts.append(rng.pick(["阅读：{n}次", "浏览：{n}", "热度：{n}℃", "人气：{n}", "已有{n}人阅读", "访问量：{n}", "{n}次浏览"])
                 .format(n=f"{rng.randint(120, 98000):,}" if rng.random() < 0.3 else rng.randint(120, 98000)))
    if rng.random() < 0.4:
        parts.append(rng.pick(["字数：{n}", "全文约{n}字", "共{n}字", "约{m}分钟读完"]).format(n=rng.randint(1800, 6200), m=rng.randint(4, 15)))
    return rng.pick([" | ", "　", " · ", " / ", " ｜ ", "  "]).join(parts), author


def count_line(rng: Rng) -> str:
    """A count line with no date (collections, likes, pages, words)."""
    items = [rng.pick(["{n}人收藏", "收藏 {n}", "已收藏{n}次"]), rng.pick(["{n}条评论", "评论 {n}", "{n}人参与讨论"]),
             rng.pick(["点赞 {n}", "{n}人觉得有用", "有用 {n}"]), rng.pick(["字数 {w}", "约{w}字", "全文{w}字"])]
    return "  ".join(s.format(n=rng.randint(3, 900), w=rng.randint(1800, 6000)) for s in rng.some(items, 3))


def paywall_line(rng: Rng) -> str:
    remain = rng.pick(["余下{n}字", "剩余{pct}%的内容", "后面还有{n}字", "全文共{t}字，当前仅显示前{n}字",
                       "本文档共{p}页，可预览{q}页", "还有{p}页未显示"])
    cta = rng.pick(["登录后继续阅读", "升级为高级用户即可查看全文", "解锁后查看完整内容", "支付{y}元阅读全文",
                    "下载完整版查看", "扫码付费后可见", "充值后即可浏览全部", "购买本篇后继续阅读"])
    out = (remain + rng.pick(["，", "，请", "："]) + cta).format(
        n=rng.randint(900, 4800), pct=rng.randint(40, 85), t=rng.randint(5000, 9000), p=rng.randint(6, 14),
        q=rng.randint(2, 4), y=rng.pick(["1.9", "2", "3.5", "5"]))
    return rng.pick(["", "【温馨提示】", "※ ", "▲ "]) + out


def glued_cut(rng: Rng) -> str:
    """A truncation prompt glued onto a paragraph cut mid-sentence."""
    return rng.pick(["……（未完，登录后查看全部）", "…[试看结束]", "...(内容已折叠)", "……余下部分需登录后阅读", "…点击展开全文↓",
                     "（本段仅展示部分，完整内容请下载）", "……【付费内容】", "……（待续，开通后可见）", "…… >>展开剩余内容"])


def page_marker(rng: Rng) -> str:
    """A preview site's page separator between two paragraphs."""
    a = rng.randint(1, 3)
    return rng.pick(["—— 第{b}页 ——", "（第{a}页 共{c}页）", "[分页] {b}/{c}", "▼ 下一页 ▼ 第{b}页", "-- 预览第{b}页 --"]).format(
        a=a, b=a + 1, c=a + rng.randint(2, 5))


def glued_hidden(rng: Rng) -> str:
    """A hidden-text marker glued inside a paragraph that goes on after it."""
    return rng.pick(["……此处省略{n}字……", "【中间{n}字已隐藏】", "（此处略去{n}字，完整版见下载）", "...隐藏内容{n}字..."]).format(
        n=rng.randint(300, 6000))


def follow_line(rng: Rng, account: str) -> str:
    form = rng.randrange(4)
    if form == 0:
        return (rng.pick(["长按", "扫描", "识别", "扫一扫"]) + rng.pick(["下方", "文末", "右侧", "上方"]) + "二维码，"
                + rng.pick(["关注", "添加", "订阅"]) + "“" + account + "”，" + rng.pick(["每天", "每日", "第一时间"])
                + rng.pick(["获取", "收到", "领取"]) + rng.pick(["最新范文", "写作素材", "讲话稿合集", "材料模板"]))
    if form == 1:
        return rng.pick(["点击", "轻触"]) + "上方蓝字" + rng.pick(["关注我们", "加个星标", "设为星标", "关注本号"]) + rng.pick(
            ["，好文不错过", "，精彩不迷路", "，每天进步一点点", "！"])
    if form == 2:
        return (rng.pick(["微信搜索", "搜索公众号", "添加微信号"]) + "“" + account + "”，" + rng.pick(["回复", "发送", "留言"])
                + "“" + rng.pick(["讲话", "材料", "范文", "模板"]) + "”" + rng.pick(["免费领取", "获取", "即可收到"])
                + f"{rng.randint(50, 800)}篇精选稿件")
    return rng.pick(["喜欢这篇文章？", "觉得不错？", "有帮助的话，"]) + rng.pick(
        ["记得关注我们的账号", "欢迎关注本站公众号", "别忘了订阅本栏目", "请关注我们获取更新"]) + rng.pick(["。", "！", "～"])


def download_box(rng: Rng, title: str) -> list[str]:
    label = rng.pick(["【文档下载】", "【资料下载】", "下载说明：", "【Word版下载】", "■ 本文下载"])
    fmt = rng.pick(["DOCX", "DOC", "WPS", "PDF"])
    cur = rng.pick(["积分", "金币", "下载券", "点数", "学豆"])
    return [label + TOKEN.format("title") + "." + fmt.lower(),
            rng.pick(["格式：{f}　页数：{p}页　大小：{k}KB", "文件格式 {f} / 共{p}页 / {k}KB", "类型：{f} ｜ {p}页 ｜ {k}K"]).format(
                f=fmt, p=rng.randint(3, 16), k=rng.randint(18, 260)),
            rng.pick(["所需{c}：{n}", "下载需消耗{n}{c}", "本文需{n}{c}，会员免费"]).format(c=cur, n=rng.randint(1, 20)),
            rng.pick(["立即下载", "下载本文", "获取Word版", "一键下载到电脑", "免费下载"])]


def disclaimer(rng: Rng) -> str:
    return (rng.pick(["声明：", "版权说明：", "特别提示：", "郑重声明：", "【版权】"]) + rng.pick(["本站", "本网", "本平台"])
            + rng.pick(["所收录", "所登载", "所刊发"]) + "的" + rng.pick(["文章", "资料", "内容"])
            + rng.pick(["部分", "多数", "大都"]) + rng.pick(["来自", "源自", "选自"])
            + rng.pick(["网友", "会员", "公开渠道"]) + rng.pick(["投稿", "分享", "收集"]) + "，"
            + rng.pick(["版权归原作者所有", "著作权属于原作者", "权利归原作者"]) + "，"
            + rng.pick(["如有侵权", "若侵犯了您的权益", "如涉及版权问题"]) + "，请"
            + rng.pick(["联系", "告知", "致信"]) + "我们" + rng.pick(["删除", "处理", "下架"]) + "。")


def ascii_noise(rng: Rng) -> str:
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(rng.randint(12, 22)))


def url_watermark(rng: Rng, domain: str, site: str) -> str:
    return rng.pick(["（{d} 整理）", "[{s}原创，转载注明出处]", "本文来自{s}：{d}", "【{d}】", "〔{s} 首发〕"]).format(d=domain, s=site)


def editor_note(rng: Rng, sp: Speech) -> str:
    """An editor's lead-in about the speech (restating the title)."""
    who = sp.speaker + "同志" if sp.speaker else "有关负责同志"
    what = TOKEN.format("title")
    return (rng.pick(["编者按：", "编者的话：", "【编辑导语】", "编辑提示："]) + rng.pick(
        [f"{who}的这篇讲话，", f"《{what}》一文，", f"这是{what}，", f"{what}一稿，"])
        + rng.pick(["站位高、措施实，", "思路清晰、重点突出，", "语言朴实、针对性强，", "结构严谨，"])
        + rng.pick(["现整理刊发，", "特推荐给大家，", "经整理后与读者分享，", "现予编发，"])
        + rng.pick(["供学习参阅。", "以飨读者。", "供同行借鉴。", "各位可结合实际参考。"]))


def genre_leadin(rng: Rng, genre: str) -> str:
    """A site-written paragraph about the genre, without any editor phrase."""
    what = {"讲话": "领导讲话", "发言": "表态发言", "致辞": "开幕致辞"}[genre]
    return (what + rng.pick(["是机关日常工作中最常见的文体之一，", "在各类会议中使用频率很高，", "是公文写作的基本功，"])
            + rng.pick(["写作时要做到观点鲜明、层次清楚，", "起草时要把握好场合和身份，", "撰写时既要讲政策又要接地气，"])
            + rng.pick(["篇幅不宜过长。", "切忌空话套话。", "语言力求简洁有力。"])
            + rng.pick(["下文是一篇较为规范的范例。", "请看下面这篇示范文本。", "以下范本可供对照。"]))


def daodu_box(rng: Rng, sp: Speech) -> str:
    return (rng.pick(["【内容摘要】", "【导读】", "摘要：", "【本文提要】", "内容简介："])
            + rng.pick(["本文围绕{t}，", "这是一篇关于{t}的{g}，", "文章以{t}为主题，"]).format(t=sp.topic, g=sp.genre + "稿")
            + rng.pick(["共分{k}个部分，", "从{k}个方面展开，", "分{k}层意思，"]).format(k=NUMERALS[rng.randint(1, 3)])
            + rng.pick(["约{n}字，", "全文{n}余字，", ""]).format(n=rng.randint(2, 6) * 1000)
            + rng.pick(["适合基层干部参考。", "适合办公室文秘人员借鉴。", "可供起草同类材料时参考。", "值得一读。"]))


def share_row(rng: Rng) -> str:
    head = rng.pick(["分享到：", "转发到：", "分享至", "一键分享："])
    items = rng.some(["微信", "朋友圈", "微博", "QQ空间", "QQ好友", "豆瓣", "钉钉"], rng.randint(3, 5))
    tools = rng.some(["复制链接", "生成海报", "打印本页", "字号：大 中 小", "收藏本文", "纠错"], rng.randint(1, 2))
    return head + " ".join(items) + "  " + "  ".join(tools)


def self_ad(rng: Rng, site: str) -> str:
    return (rng.pick(["本站提供", site + "承接", "我们提供"]) + rng.pick(["讲话稿代写", "原创材料定制", "文稿润色修改", "会议材料撰写"])
            + rng.pick(["服务，", "业务，"]) + rng.pick(["48小时交稿", "一对一沟通", "不满意可修改", "资深笔杆执笔"]) + "，"
            + rng.pick(["咨询微信：", "联系QQ：", "热线："]) + str(rng.randint(10**8, 10**9 - 1)))


def related_heading(rng: Rng) -> str:
    return rng.pick(["相关推荐", "同类文章", "延伸阅读", "你可能还需要", "热门讲话稿", "本栏目更多", "看了本文的人还看了"])


# ---------------------------------------------------------------- page model


@dataclass
class Page:
    family: str
    slug: str
    url: str
    kind: str  # single / list / about / 404
    script: str  # simplified / traditional
    encoding: str
    http_charset: str | None
    title: str
    site_name: str
    published: str | None = None
    author: str | None = None
    breadcrumbs: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    speech: Speech | None = None
    body: list[str] = field(default_factory=list)  # the true body lines
    junk: dict[str, str] = field(default_factory=dict)  # junk string -> kind
    comment_dates: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    html: str = ""

    def add_junk(self, text: str, kind: str) -> None:
        text = text.strip()
        if len(squeeze(text)) >= MIN_JUNK_CHARS and text not in self.junk:
            self.junk[text] = kind
            note = kind.split("/")[0] + "@" + kind.split("/")[1]
            if note not in self.notes:
                self.notes.append(note)


class Script:
    """Converts text into the page's script; TOKEN slots are filled after conversion."""

    def __init__(self, variant: str | None):
        self.variant = variant

    def __call__(self, text: str, **filled: str) -> str:
        out = zhconv.convert(text, self.variant) if self.variant else text
        for name, value in filled.items():
            out = out.replace(TOKEN.format(name), value)
        return out


@dataclass
class Line:
    """One line of the text column: body text, or junk, or body with junk glued inside."""

    text: str  # as rendered (no markup)
    body: str | None = None  # its body part (None: pure junk)
    kind: str | None = None  # junk kind of the junk part
    junk: str | None = None
    hidden: str | None = None  # text in a display:none span inserted at `hidden_at`
    hidden_at: int = 0


def body_lines(rng: Rng, page: Page, tr: Script, domain: str, account: str, junk_plan: dict) -> list[Line]:
    """The text column of an article: the speech's paragraphs with the planned junk at the edges and inside."""
    sp = page.speech
    title = page.title
    paras = [tr(p) for p in sp.paragraphs]
    lines: list[Line] = []
    # top edge
    for what in junk_plan.get("top", []):
        if what == "info" and page.published is None:
            lines.append(Line(tr(count_line(rng)), kind="info/top"))
        elif what == "info":
            text, _ = info_line(rng, datetime.fromisoformat(page.published + "T08:00") + timedelta(minutes=rng.randint(0, 600)),
                                page.site_name, False)
            lines.append(Line(tr(text), kind="info/top"))
        elif what == "count":
            lines.append(Line(tr(count_line(rng)), kind="info/top"))
        elif what == "promo":
            lines.append(Line(tr(promo_line(rng, rng.pick(GENRES))), kind="promo/top"))
        elif what == "leadin":
            lines.append(Line(tr(site_leadin(TOKEN.format("site")), site=page.site_name, title=title), kind="promo/top"))
        elif what == "editor":
            lines.append(Line(tr(editor_note(rng, sp), title=title), kind="editor/top"))
        elif what == "genre":
            lines.append(Line(tr(genre_leadin(rng, sp.genre)), kind="editor/top"))
        elif what == "daodu":
            lines.append(Line(tr(daodu_box(rng, sp)), kind="daodu/top"))
        elif what == "paywall":
            lines.append(Line(tr(paywall_line(rng)), kind="paywall/top"))
    # the speech, with junk between and inside paragraphs
    inside = list(junk_plan.get("inside", []))
    cut = junk_plan.get("cut")  # paywall: the text stops inside this paragraph
    n = len(paras)
    if cut is not None:
        cut = min(cut, n - 2)
    slots = sorted(rng.sample(range(2, max(3, n - 1)), min(len(inside), max(1, n - 3))))
    carried = None
    for i, ptext in enumerate(paras):
        if cut is not None and i == cut:
            at = _cut_point(rng, ptext)
            junk = tr(glued_cut(rng))
            lines.append(Line(ptext[:at] + junk, body=ptext[:at], kind="paywall/glued", junk=junk))
            lines.append(Line(tr(paywall_line(rng)), kind="paywall/inside"))
            break
        glue = carried or junk_plan.get("glue", {}).get(i)
        carried = None
        if glue and len(ptext) < MIN_GLUE_PARAGRAPH:  # glue junk to a real paragraph, not to a heading
            carried, glue = glue, None
        if glue == "hidden":
            at = _cut_point(rng, ptext)
            junk = tr(glued_hidden(rng))
            lines.append(Line(ptext[:at] + junk + ptext[at:], body=ptext, kind="paywall/glued", junk=junk))
        elif glue == "promo":
            junk = tr(promo_more(rng, rng.pick(GENRES)))
            lines.append(Line(ptext + junk, body=ptext, kind="promo/glued", junk=junk))
        elif glue == "follow":
            junk = tr(follow_line(rng, account)) + "。"
            lines.append(Line(ptext + junk, body=ptext, kind="follow/glued", junk=junk))
        elif glue == "watermark":
            mark = tr(url_watermark(rng, domain, TOKEN.format("site")), site=page.site_name)
            at = _cut_point(rng, ptext)
            lines.append(Line(ptext[:at] + mark + ptext[at:], body=ptext, kind="watermark/glued", junk=mark))
        elif glue == "span":
            mark = tr(rng.pick(["{s}版权所有", "来源{d}", "{d}原创", "盗版必究{s}"]).format(s=TOKEN.format("site"), d=domain),
                      site=page.site_name) + ascii_noise(rng)[:6]
            lines.append(Line(ptext, body=ptext, kind="watermark/hidden", hidden=mark, hidden_at=_cut_point(rng, ptext)))
        else:
            lines.append(Line(ptext, body=ptext))
        if i in slots and inside:
            what = inside.pop(0)
            if what == "noise":
                lines.append(Line(ascii_noise(rng), kind="watermark/inside"))
            elif what == "follow":
                lines.append(Line(tr(follow_line(rng, account)), kind="follow/inside"))
            elif what == "promo":
                lines.append(Line(tr(promo_more(rng, rng.pick(GENRES))), kind="promo/inside"))
            elif what == "selfad":
                lines.append(Line(tr(self_ad(rng, TOKEN.format("site")), site=page.site_name), kind="selfad/inside"))
            elif what == "mark":
                lines.append(Line(tr(url_watermark(rng, domain, TOKEN.format("site")), site=page.site_name), kind="watermark/inside"))
            elif what == "pagebreak":
                lines.append(Line(tr(page_marker(rng)), kind="pagebreak/inside"))
    # bottom edge
    for what in junk_plan.get("bottom", []):
        if what == "follow":
            lines.append(Line(tr(follow_line(rng, account)), kind="follow/bottom"))
        elif what == "promo":
            lines.append(Line(tr(promo_line(rng, rng.pick(GENRES))), kind="promo/bottom"))
        elif what == "more":
            lines.append(Line(tr(promo_more(rng, rng.pick(GENRES))), kind="promo/bottom"))
        elif what == "disclaimer":
            lines.append(Line(tr(disclaimer(rng)), kind="disclaimer/bottom"))
        elif what == "download":
            for row in download_box(rng, title):
                lines.append(Line(tr(row, title=title), kind="download/bottom"))
        elif what == "selfad":
            lines.append(Line(tr(self_ad(rng, TOKEN.format("site")), site=page.site_name), kind="selfad/bottom"))
        elif what == "info":
            lines.append(Line(tr(count_line(rng)), kind="info/bottom"))
        elif what == "share":
            lines.append(Line(tr(share_row(rng)), kind="share/bottom"))
        elif what == "noise":
            lines.append(Line(ascii_noise(rng), kind="watermark/bottom"))
    for line in lines:
        if line.body is not None and clean_line(line.body):
            page.body.append(clean_line(line.body))
        if line.kind:
            page.add_junk(line.junk if line.junk else (line.hidden or line.text), line.kind)
    return lines


def _cut_point(rng: Rng, text: str) -> int:
    """A place inside the text, after a character that is not punctuation (a sentence cut mid-way)."""
    lo, hi = max(4, len(text) // 3), max(5, len(text) * 2 // 3)
    for _ in range(20):
        at = rng.randint(lo, hi)
        if text[at - 1] not in "，。、；：！？“”（）" and text[at] not in "，。、；：！？“”（）":
            return at
    return lo


def plan_junk(rng: Rng, family: str, cut_page: bool) -> dict:
    """Which junk goes where on one article page."""
    top_pool = ["info", "count", "promo", "editor", "genre", "daodu"]
    inside_pool = ["noise", "follow", "promo", "selfad", "mark", "pagebreak"]
    bottom_pool = ["follow", "promo", "more", "disclaimer", "download", "selfad", "info", "share", "noise"]
    plan = {"top": rng.some(top_pool, rng.randint(1, 3)), "inside": rng.some(inside_pool, rng.randint(1, 3)),
            "bottom": rng.some(bottom_pool, rng.randint(2, 4)), "glue": {}}
    for kind in rng.some(["hidden", "promo", "follow", "watermark", "span"], rng.randint(1, 2)):
        plan["glue"][rng.randint(3, 7)] = kind
    if family == "hongwen":
        plan["top"].insert(0, "leadin")  # the site's fixed lead-in (title masked, constant otherwise)
    if cut_page:
        plan["cut"] = rng.randint(6, 9)
    return plan


# ---------------------------------------------------------------- common page parts


def comment_thread(rng: Rng, page: Page, tr: Script, published: datetime, n: int, fmt: str) -> list[tuple[str, str, str, int]]:
    """[(nick, time text, post, likes)]; later than publication; records junk and comment dates."""
    posts = []
    when = published
    for text in rng.some(COMMENT_TEXTS, n):
        when = when + timedelta(days=rng.randint(1, 40), minutes=rng.randint(1, 900))
        shown = fmt.format(d=when)
        posts.append((tr(rng.pick(NICKS)), shown, tr(text), rng.randint(0, 60)))
        page.add_junk(tr(text), "comment/after")
        page.comment_dates.append(when.strftime("%Y-%m-%d"))
    return posts


def random_day(rng: Rng) -> datetime:
    start = date(2021, 3, 1)
    day = start + timedelta(days=rng.randint(0, 1600))
    return datetime(day.year, day.month, day.day, rng.randint(7, 22), rng.randint(0, 59), rng.randint(0, 59))


def text_of_line(line: Line) -> str:
    """The line's HTML (text escaped; a hidden span where planned)."""
    if line.hidden:
        at = line.hidden_at
        return escape(line.text[:at]) + f'<span style="display:none">{escape(line.hidden)}</span>' + escape(line.text[at:])
    return escape(line.text)


def pick_kinds(rng: Rng, n: int) -> list[str]:
    return [rng.pick(["leader", "leader", "leader", "pledge", "ceremony"]) for _ in range(n)]


# ---------------------------------------------------------------- family 1: table-layout portal (GBK)

HW_SITE, HW_HOST = "鸿文公文网", "www.hongwengw.com"
HW_NAV = ["网站首页", "讲话致辞", "领导讲话", "表态发言", "开幕闭幕", "工作总结", "心得体会", "党建材料", "公文写作", "范文大全"]


def hw_shell(rng: Rng, page: Page, tr: Script, main: str, crumbs: list[tuple[str, str]]) -> str:
    nav = " | ".join(f'<a href="/{i}/">{escape(tr(n))}</a>' for i, n in enumerate(HW_NAV))
    for n in HW_NAV:
        page.add_junk(tr(n), "nav/outside")
    crumb_html = ""
    if crumbs:
        label = tr(rng.pick(["您的位置：", "当前位置：", "位置："]))
        crumb_html = label + " &raquo; ".join(f'<a href="{h}">{escape(t)}</a>' for t, h in crumbs)
        page.add_junk(label + " » ".join(t for t, _ in crumbs), "breadcrumb/outside")
    hot = [tr(t) for t in other_titles(rng, 8, page.title)]
    new = [tr(t) for t in other_titles(rng, 6, page.title)]
    for t in hot + new:
        page.add_junk(t, "sidebar/outside")
    side = (f'<table width="100%" border="0" cellpadding="3" class="bk"><tr><td class="bkt">{escape(tr("本周排行"))}</td></tr>'
            + "".join(f'<tr><td class="ph">{i + 1}. <a href="/jianghua/{rng.randint(1000, 9999)}.html">{escape(t)}</a></td></tr>'
                      for i, t in enumerate(hot))
            + f'</table><table width="100%" border="0" cellpadding="3" class="bk"><tr><td class="bkt">{escape(tr("最近更新"))}</td></tr>'
            + "".join(f'<tr><td>&middot; <a href="/jianghua/{rng.randint(1000, 9999)}.html">{escape(t)}</a></td></tr>' for t in new)
            + "</table>")
    foot_lines = [tr(f"Copyright &copy; 2010-2025 {HW_SITE} All Rights Reserved"), f"冀ICP备{rng.randint(10000000, 99999999)}号-1",
                  tr("关于本站 | 联系方式 | 网站地图 | 投稿须知")]
    for f in foot_lines:
        page.add_junk(f.replace("&copy;", "©"), "footer/outside")
    foot = "<br>".join(foot_lines)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk" />
<title>{escape(tr(HW_SITE))}--{escape(page.title)}</title>
<meta name="keywords" content="{escape(page.title)},{escape(tr('讲话稿'))}" />
<link href="/skin/css/hw.css" rel="stylesheet" type="text/css" />
</head>
<body bgcolor="#EEEEEE" topmargin="0">
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0" class="top">
<tr><td width="260"><a href="/"><img src="/skin/img/logo.gif" alt="{escape(tr(HW_SITE))}" border="0" /></a></td>
<td class="topnav">{nav}</td></tr></table>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0" bgcolor="#FFFFFF">
<tr><td width="700" valign="top" style="padding:10px">
<table width="100%" border="0" class="weizhi"><tr><td>{crumb_html}</td></tr></table>
{main}
</td>
<td width="10">&nbsp;</td>
<td width="270" valign="top">{side}</td></tr></table>
<table width="980" border="0" align="center" class="foot"><tr><td align="center">{foot}</td></tr></table>
</body></html>
"""


def hw_article(rng: Rng, page: Page, tr: Script, plan: dict, comments: int) -> None:
    sp = page.speech
    day = datetime.fromisoformat(page.published + "T00:00") + timedelta(hours=rng.randint(7, 21), minutes=rng.randint(0, 59))
    info, author = info_line(rng, day, tr(HW_SITE), with_author=rng.random() < 0.5)
    info = tr(info)
    page.author = tr(author) if author else None
    page.add_junk(info, "info/outside")
    lines = body_lines(rng, page, tr, HW_HOST, tr("鸿文笔苑"), plan)
    text = "<br />\n<br />\n".join("&nbsp;&nbsp;&nbsp;&nbsp;" + text_of_line(line) for line in lines)
    prev_t, next_t = (tr(t) for t in other_titles(rng, 2, page.title))
    prev_l, next_l = tr(rng.pick(["上一篇：", "上篇：", "前一篇："])), tr(rng.pick(["下一篇：", "下篇：", "后一篇："]))
    page.add_junk(prev_l + prev_t, "prevnext/outside")
    page.add_junk(next_l + next_t, "prevnext/outside")
    rel = [tr(t) for t in other_titles(rng, 6, page.title)]
    rel_h = tr(related_heading(rng))
    for t in rel:
        page.add_junk(t, "related/outside")
    page.add_junk(rel_h, "related/outside")
    tags = [tr(t) for t in rng.some([sp.topic, sp.genre + "稿", "领导讲话", "会议讲话", "工作部署"], 3)]
    page.tags = tags
    tag_line = tr("关键词：") + " ".join(tags)
    page.add_junk(tag_line, "tags/outside")
    cmt = ""
    if comments:
        posts = comment_thread(rng, page, tr, day, comments, "{d:%Y-%m-%d %H:%M:%S}")
        cmt = (f'<table width="100%" class="pl"><tr><td class="plt">{escape(tr("网友评论"))}（{len(posts)}）</td></tr>'
               + "".join(f'<tr><td class="plu"><b>{escape(n)}</b> {tr("发表于")} {t}</td></tr><tr><td class="plc">{escape(p)}</td></tr>'
                         for n, t, p, _ in posts)
               + f'<tr><td><textarea name="msg"></textarea><input type="submit" value="{escape(tr("发表评论"))}" /></td></tr></table>')
    main = f"""<table width="100%" border="0" cellpadding="0" cellspacing="0" class="wz">
<tr><td align="center" class="bt"><h1>{escape(page.title)}</h1></td></tr>
<tr><td align="center" class="xx">{escape(info)}</td></tr>
<tr><td class="nr" id="zwnr" style="font-size:14px;line-height:26px">
&nbsp;&nbsp;&nbsp;&nbsp;{escape(page.title)}<br />
<br />
{text}
</td></tr>
<tr><td class="gjc">{escape(tag_line)}</td></tr>
<tr><td class="sxp">{escape(prev_l)}<a href="/jianghua/{rng.randint(1000, 9999)}.html">{escape(prev_t)}</a><br />
{escape(next_l)}<a href="/jianghua/{rng.randint(1000, 9999)}.html">{escape(next_t)}</a></td></tr>
</table>
<table width="100%" class="xg"><tr><td class="xgt">{escape(rel_h)}</td></tr>
<tr><td><ul>{''.join(f'<li><a href="/jianghua/{rng.randint(1000, 9999)}.html">{escape(t)}</a></li>' for t in rel)}</ul></td></tr></table>
{cmt}"""
    crumbs = [(tr("首页"), "/"), (tr("讲话致辞"), "/jianghua/"), (tr({"讲话": "领导讲话", "发言": "表态发言", "致辞": "开幕闭幕"}[sp.genre]), "/jianghua/ld/")]
    page.breadcrumbs = [t for t, _ in crumbs]
    page.html = hw_shell(rng, page, tr, main, crumbs)


def hw_list(rng: Rng, page: Page, tr: Script, number: int, pages: int) -> None:
    rows = []
    for t in other_titles(rng, 20):
        d = random_day(rng)
        rows.append(f'<tr><td class="lb">&middot; <a href="/jianghua/{d:%Y/%m%d}/{rng.randint(1000, 9999)}.html">{escape(tr(t))}</a></td>'
                    f'<td class="rq" align="right">[{d:%m-%d}]</td></tr>')
        page.add_junk(tr(t), "list/item")
    pager = [tr(f"共{pages}页"), tr("首页"), tr("上一页")] + [
        f'<a href="list_3_{i}.html">{i}</a>' if i != number else f"<b>{i}</b>" for i in range(1, pages + 1)] + [tr("下一页"), tr("尾页")]
    main = (f'<table width="100%" class="lm"><tr><td class="lmt"><h2>{escape(page.title)}</h2></td></tr></table>'
            f'<table width="100%" border="0" cellpadding="4" class="lst">{"".join(rows)}</table>'
            f'<table width="100%" class="pg"><tr><td align="center">{" ".join(pager)}</td></tr></table>')
    crumbs = [(tr("首页"), "/"), (tr("讲话致辞"), "/jianghua/"), (page.title, "/jianghua/ld/")]
    page.breadcrumbs = [t for t, _ in crumbs]
    html = hw_shell(rng, page, tr, main, crumbs)
    if number > 1:  # the page number in <title>, not in the heading
        html = html.replace(f"--{escape(page.title)}</title>", f"--{escape(page.title)}_{tr('第')}{number}{tr('页')}</title>")
    page.html = html


ABOUT_SENTENCES = [
    "{s}创办于{y}年，是一家专注于机关公文写作交流的资料网站。",
    "网站设有领导讲话、表态发言、工作总结、心得体会等二十多个栏目，累计收录各类文稿{n}万余篇。",
    "我们的编辑大多有多年机关工作经历，熟悉各类公文的写作规范。",
    "网站坚持每天更新，所有资料均经过人工审核，力求格式规范、内容准确。",
    "我们希望为广大基层干部和文秘工作者提供一个学习交流的平台，帮助大家提高写作水平。",
    "如果您在使用过程中有任何意见和建议，欢迎通过下面的方式与我们联系。",
    "本站不收取任何注册费用，部分增值服务需开通会员后使用。",
    "感谢广大网友多年来的支持和厚爱，我们将继续努力，把网站办得更好。",
]


def about_paragraphs(rng: Rng, tr: Script, site: str) -> list[str]:
    picked = ABOUT_SENTENCES[:2] + rng.some(ABOUT_SENTENCES[2:], 4)
    out, cur = [], ""
    for s in picked:
        cur += s.format(s=TOKEN.format("site"), y=rng.randint(2006, 2016), n=rng.randint(12, 80))
        if rng.random() < 0.5:
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    contact = [f"{'联系邮箱'}：service@{rng.pick(['mail', 'kf', 'help'])}.example.com", f"QQ：{rng.randint(10**8, 10**9)}",
               f"地址：{rng.pick(['石家庄市', '郑州市', '西安市', '成都市'])}{rng.pick(['高新区', '金水区', '雁塔区'])}科技路{rng.randint(1, 300)}号"]
    return [tr(p, site=site) for p in out] + [tr(c) for c in contact]


def hw_about(rng: Rng, page: Page, tr: Script) -> None:
    paras = about_paragraphs(rng, tr, page.site_name)
    main = (f'<table width="100%" class="wz"><tr><td align="center" class="bt"><h1>{escape(page.title)}</h1></td></tr>'
            f'<tr><td class="nr" style="font-size:14px;line-height:26px">'
            + "<br />\n<br />\n".join("&nbsp;&nbsp;&nbsp;&nbsp;" + escape(p) for p in paras) + "</td></tr></table>")
    crumbs = [(tr("首页"), "/"), (page.title, "/about.html")]
    page.breadcrumbs = [t for t, _ in crumbs]
    page.html = hw_shell(rng, page, tr, main, crumbs)


# ---------------------------------------------------------------- family 2: divs with data-attributes (traditional)

WS_SITE, WS_HOST = "文枢讲稿网", "www.wenshujianggao.com"
WS_MENU = ["首页", "讲话致辞", "会议发言", "典礼致辞", "主持词", "演讲稿", "热门标签", "投稿"]


def ws_shell(rng: Rng, page: Page, tr: Script, primary: str, crumbs: list[str], head_title: str) -> str:
    menu = "".join(f'<a data-nav-item="{i}" href="/c/{i}">{escape(tr(m))}</a>' for i, m in enumerate(WS_MENU))
    for m in WS_MENU:
        page.add_junk(tr(m), "nav/outside")
    crumb_html = ""
    if crumbs:
        crumb_html = ('<nav data-region="crumbs" aria-label="breadcrumb">'
                      + '<i data-sep="/"></i>'.join(f'<a data-crumb href="/c/{i}">{escape(c)}</a>' for i, c in enumerate(crumbs))
                      + "</nav>")
        page.add_junk("".join(crumbs), "breadcrumb/outside")
    rail_titles = [tr(t) for t in other_titles(rng, 7, page.title)]
    for t in rail_titles:
        page.add_junk(t, "sidebar/outside")
    tag_cloud = [tr(t) for t in rng.some(["述職報告", "七一講話", "開學典禮", "年會致辭", "座談會發言", "動員大會", "表彰大會", "退休歡送"], 5)]
    ad = tr(rng.pick(["會員年卡限時五折，全站文稿任意下載", "新用戶註冊即送三十點下載額度", "講稿定製服務上線，專人一對一撰寫"]))
    page.add_junk(ad, "selfad/outside")
    rail = (f'<aside data-region="rail"><section data-widget="ranking"><h4>{escape(tr("本月熱讀"))}</h4><ol>'
            + "".join(f'<li data-rank="{i + 1}"><a href="/p/{rng.randrange(16**6):06x}.html">{escape(t)}</a></li>'
                      for i, t in enumerate(rail_titles))
            + f'</ol></section><section data-widget="tags"><h4>{escape(tr("標籤雲"))}</h4>'
            + "".join(f'<a data-tag href="/tag/{quote(t)}">{escape(t)}</a>' for t in tag_cloud)
            + f'</section><section data-widget="promo"><p>{escape(ad)}</p></section></aside>')
    colophon = [tr(f"© {WS_SITE} 2014–2025 保留一切权利"), tr("本站內容僅供學習交流，請勿用於商業用途"),
                tr("客服信箱") + "：help@wenshujianggao.com"]
    for c in colophon:
        page.add_junk(c, "footer/outside")
    return f"""<!doctype html>
<html lang="zh-Hant" data-theme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(head_title)}_{escape(page.site_name)}</title>
<link rel="stylesheet" href="/assets/app.7f3c.css">
</head>
<body data-page="{page.kind}">
<div data-layout="shell">
<header data-region="masthead"><a data-brand href="/">{escape(page.site_name)}</a><nav data-region="menu">{menu}</nav>
<form data-role="search" action="/search"><input name="q" placeholder="{escape(tr('搜索講稿'))}"></form></header>
{crumb_html}
<div data-region="columns">
<main data-region="primary">{primary}</main>
{rail}
</div>
<footer data-region="colophon">{''.join(f'<p>{escape(c)}</p>' for c in colophon)}</footer>
</div>
<script src="/assets/app.7f3c.js" defer></script>
</body></html>
"""


def ws_article(rng: Rng, page: Page, tr: Script, plan: dict, comments: int) -> None:
    sp = page.speech
    day = datetime.fromisoformat(page.published + "T00:00") + timedelta(hours=rng.randint(7, 21), minutes=rng.randint(0, 59))
    author = tr(rng.pick(NAMES)) if rng.random() < 0.5 else None
    page.author = author
    facts = [f'<li data-fact="date"><time datetime="{day:%Y-%m-%dT%H:%M}">{day:%Y-%m-%d %H:%M}</time></li>']
    if author:
        facts.append(f'<li data-fact="author">{escape(tr("作者"))}：{escape(author)}</li>')
    views = tr(rng.pick(["瀏覽 {n}", "{n} 次閱讀", "閱讀量 {n}"]).format(n=rng.randint(300, 40000)))
    facts.append(f'<li data-fact="views">{escape(views)}</li>')
    page.add_junk(views, "info/outside")
    lines = body_lines(rng, page, tr, WS_HOST, tr("文樞講稿"), plan)
    rich = "\n".join(f'<div data-node="{"para" if line.body is not None or rng.random() < 0.7 else "note"}">{text_of_line(line)}</div>'
                     for line in lines)
    share = tr(share_row(rng))
    page.add_junk(share, "share/outside")
    tags = [tr(t) for t in rng.some([sp.topic, sp.genre, "會議講話", "範文", "工作部署"], 3)]
    page.tags = tags
    prev_t, next_t = (tr(t) for t in other_titles(rng, 2, page.title))
    pl, nl = tr(rng.pick(["‹ 上一篇", "上一則", "前一篇"])), tr(rng.pick(["下一篇 ›", "下一則", "後一篇"]))
    page.add_junk(prev_t, "prevnext/outside")
    page.add_junk(next_t, "prevnext/outside")
    rel = [tr(t) for t in other_titles(rng, 5, page.title)]
    for t in rel:
        page.add_junk(t, "related/outside")
    cmt = ""
    if comments:
        posts = comment_thread(rng, page, tr, day, comments, "{d:%Y/%m/%d %H:%M}")
        cmt = (f'<section data-component="comments" data-count="{len(posts)}"><h3>{escape(tr(rng.pick(["讀者留言", "全部評論", "留言區"])))}</h3>'
               + "".join(f'<article data-comment="{i}"><header><b data-user>{escape(n)}</b><time>{t}</time></header>'
                         f'<p data-comment-text>{escape(p)}</p><footer><button data-like>{v}</button><button data-reply>{escape(tr("回覆"))}</button></footer></article>'
                         for i, (n, t, p, v) in enumerate(posts))
               + "</section>")
    primary = f"""<div data-component="post" data-post-id="{page.slug}">
<div data-slot="heading"><h2 data-role="title">{escape(page.title)}</h2></div>
<ul data-slot="facts">{''.join(facts)}</ul>
<div data-slot="richtext" data-font="16">
{rich}
</div>
<div data-slot="taglist">{''.join(f'<a data-tag href="/tag/{quote(t)}">#{escape(t)}</a>' for t in tags)}</div>
<div data-slot="tools"><span data-share>{escape(share)}</span></div>
<div data-slot="pager"><a data-dir="prev" href="/p/{rng.randrange(16**6):06x}.html">{escape(pl)}：{escape(prev_t)}</a>
<a data-dir="next" href="/p/{rng.randrange(16**6):06x}.html">{escape(nl)}：{escape(next_t)}</a></div>
</div>
<section data-component="related"><h3>{escape(tr(related_heading(rng)))}</h3>
{''.join(f'<div data-card="mini"><a href="/p/{rng.randrange(16**6):06x}.html">{escape(t)}</a></div>' for t in rel)}</section>
{cmt}"""
    crumbs = [tr("首页"), tr("讲话致辞"), tr({"讲话": "会议发言", "发言": "会议发言", "致辞": "典礼致辞"}[sp.genre])]
    page.breadcrumbs = crumbs
    page.html = ws_shell(rng, page, tr, primary, crumbs, page.title)


def speech_excerpt(rng: Rng, tr: Script, topic_row: tuple, kind: str, n_chars: int) -> tuple[str, str]:
    """(title, an excerpt of its body cut off mid-sentence) for teaser, search and brief lists."""
    sp = make_speech(rng, topic_row, rng.pick(EVENTS), kind)
    text = tr("".join(sp.paragraphs[1:3]))
    return tr(sp.title), text[:n_chars]


def ws_river(rng: Rng, page: Page, tr: Script) -> None:
    cards = []
    for row in rng.some(TOPICS, 10):
        title, excerpt = speech_excerpt(rng, tr, row, rng.pick(["leader", "pledge", "ceremony"]), rng.randint(60, 110))
        d = random_day(rng)
        more = tr(rng.pick(["繼續閱讀 »", "閱讀全文", "查看詳情 →", "more"]))
        cards.append(f'<div data-card="post"><h3><a href="/p/{rng.randrange(16**6):06x}.html">{escape(title)}</a></h3>'
                     f'<p data-excerpt>{escape(excerpt)}…</p><a data-more href="#">{escape(more)}</a>'
                     f'<span data-meta>{d:%Y-%m-%d} · {escape(tr("瀏覽"))} {rng.randint(100, 9000)}</span></div>')
        page.add_junk(excerpt, "list/excerpt")
    primary = (f'<section data-component="river"><h1 data-role="title">{escape(page.title)}</h1>{"".join(cards)}'
               f'<div data-slot="pager"><a href="/page/2">{escape(tr("下一頁"))}</a></div></section>')
    page.html = ws_shell(rng, page, tr, primary, [], page.title)


def ws_tag(rng: Rng, page: Page, tr: Script, tag: str) -> None:
    items = []
    for t in other_titles(rng, 12):
        d = random_day(rng)
        items.append(f'<li data-item><a href="/p/{rng.randrange(16**6):06x}.html">{escape(tr(t))}</a>'
                     f'<time>{d:%Y-%m-%d}</time><span data-tags>#{escape(tag)}</span></li>')
        page.add_junk(tr(t), "list/item")
    primary = (f'<section data-component="taglist"><h1 data-role="title">{escape(page.title)}</h1>'
               f'<p data-role="count">{escape(tr("共有"))} {rng.randint(30, 300)} {escape(tr("篇文章"))}</p><ul>{"".join(items)}</ul></section>')
    page.breadcrumbs = [tr("首页"), tr("热门标签")]
    page.html = ws_shell(rng, page, tr, primary, page.breadcrumbs, page.title)


# ---------------------------------------------------------------- family 3: WeChat-article mirror

GZ_SITE, GZ_HOST = "公号文摘", "www.gzhwenzhai.com"
GZ_ACCOUNTS = ["机关笔杆子", "公文写作研习社", "材料王", "基层文秘圈", "笔墨春秋"]


def gz_shell(rng: Rng, page: Page, tr: Script, main: str, head_title: str) -> str:
    site = page.site_name
    hot = [tr(t) for t in other_titles(rng, 6, page.title)]
    for t in hot:
        page.add_junk(t, "sidebar/outside")
    head_nav = [tr(n) for n in ["首页", "热门文章", "公众号大全", "分类浏览", "24小时速递"]]
    for n in head_nav:
        page.add_junk(n, "nav/outside")
    foot = tr(f"{GZ_SITE}收录的文章均来自微信公众平台公开内容，版权归原公众号所有")
    page.add_junk(foot, "footer/outside")
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1.0,maximum-scale=1.0,user-scalable=0">
<title>{escape(site)}- {escape(head_title)}</title>
<style>.wx-body p{{margin:0 0 16px}}.wx-body section{{max-width:100%}}</style>
</head>
<body class="wx-page">
<div class="wx-top"><a class="wx-logo" href="/">{escape(site)}</a>{''.join(f'<a class="wx-nav" href="/n/{i}">{escape(n)}</a>' for i, n in enumerate(head_nav))}</div>
<div class="wx-wrap">
<div class="wx-main">{main}</div>
<div class="wx-side"><div class="wx-side-box"><div class="wx-side-h">{escape(tr("大家都在读"))}</div>
{''.join(f'<div class="wx-side-i"><a href="/s/{rng.randrange(36**10):x}">{escape(t)}</a></div>' for t in hot)}</div></div>
</div>
<div class="wx-foot">{escape(foot)}</div>
</body></html>
"""


def gz_article(rng: Rng, page: Page, tr: Script, plan: dict, comments: int) -> None:
    account = tr(rng.pick(GZ_ACCOUNTS))
    day = datetime.fromisoformat(page.published + "T00:00") + timedelta(hours=rng.randint(7, 21), minutes=rng.randint(0, 59))
    author = tr(rng.pick(NAMES)) if rng.random() < 0.5 else None
    page.author = author
    lines = body_lines(rng, page, tr, GZ_HOST, account, plan)
    styles = ["font-size:15px;color:#3f3f3f;line-height:1.75em;", "font-size:16px;letter-spacing:1px;", "text-indent:2em;font-size:15px;"]
    style = rng.pick(styles)
    secs = []
    for line in lines:
        inner = f'<p style="{style}"><span style="font-size:15px">{text_of_line(line)}</span></p>'
        if line.body is not None and re_heading(line.text):
            inner = f'<p style="{style}"><strong><span style="color:#b30000">{text_of_line(line)}</span></strong></p>'
        secs.append(f'<section style="margin:0 8px">{inner}</section>')
    end_mark = tr(rng.pick(["— END —", "- THE END -", "▼ 往期精彩 ▼"]))
    reads = tr(rng.pick(["阅读 {n}", "阅读 10万+", "已读 {n}"]).format(n=rng.randint(800, 90000))) + "  " + tr(
        rng.pick(["在看 {m}", "赞 {m}", "推荐 {m}"]).format(m=rng.randint(5, 900)))
    page.add_junk(reads, "info/after")
    page.add_junk(tr("阅读原文"), "share/after")
    past = [tr(t) for t in other_titles(rng, 4, page.title)]
    past_h = tr(rng.pick(["往期推荐", "近期热文", "推荐阅读", "精选合集"]))
    for t in past:
        page.add_junk(t, "related/bottom")
    page.add_junk(past_h, "related/bottom")
    cmt = ""
    if comments:
        posts = comment_thread(rng, page, tr, day, comments, "{d.month}月{d.day}日")
        cmt = (f'<div class="wx-cmt"><div class="wx-cmt-h">{escape(tr("精选留言"))}</div>'
               + "".join(f'<div class="wx-cmt-i"><img class="wx-av" src="/av/{i}.png"><div class="wx-cmt-n">{escape(n)}</div>'
                         f'<div class="wx-cmt-t">{escape(p)}</div><div class="wx-cmt-m">{t} · {escape(tr("赞"))} {v}</div></div>'
                         for i, (n, t, p, v) in enumerate(posts))
               + "</div>")
    orig = f'<span class="wx-orig">{escape(tr("原创"))}</span> ' if rng.random() < 0.5 else ""
    by = f'<span class="wx-author">{escape(author)}</span> ' if author else ""
    main = f"""<h2 class="wx-title" id="art-title">{escape(page.title)}</h2>
<div class="wx-meta">{orig}{by}<a class="wx-acct" href="/u/{rng.randrange(10**6)}">{escape(account)}</a> <em class="wx-time">{day:%Y-%m-%d %H:%M}</em></div>
<div class="wx-body" id="wx-body">
<section data-tools="editor" style="padding:0 4px"><section>
{chr(10).join(secs)}
</section></section>
<p style="text-align:center;color:#999">{escape(end_mark)}</p>
<section class="wx-past"><p><strong>{escape(past_h)}</strong></p>{''.join(f'<p><a href="/s/{rng.randrange(36**10):x}">{escape(t)}</a></p>' for t in past)}</section>
</div>
<div class="wx-stat">{escape(reads)}</div>
<div class="wx-ori"><a href="#">{escape(tr("阅读原文"))}</a></div>
{cmt}"""
    page.html = gz_shell(rng, page, tr, main, page.title)


def re_heading(text: str) -> bool:
    return len(text) < 40 and text[:2] in {f"{n}、" for n in NUMERALS}


def gz_search(rng: Rng, page: Page, tr: Script, keyword: str) -> None:
    results = []
    for row in rng.some(TOPICS, 9):
        title, excerpt = speech_excerpt(rng, tr, row, "leader", rng.randint(70, 120))
        start = rng.randint(0, 20)
        snippet = excerpt[start:]
        d = random_day(rng)
        t_html = escape(title).replace(escape(keyword), f"<em>{escape(keyword)}</em>")
        s_html = escape(snippet).replace(escape(keyword), f"<em>{escape(keyword)}</em>")
        results.append(f'<div class="so-item"><h3><a href="/s/{rng.randrange(36**10):x}">{t_html}</a></h3>'
                       f'<p class="so-snip">…{s_html}…</p><div class="so-src">{escape(tr(rng.pick(GZ_ACCOUNTS)))} · {d:%Y-%m-%d}</div></div>')
        page.add_junk(snippet, "list/excerpt")
    main = (f'<div class="so-head"><h1>{escape(page.title)}</h1><p>{escape(tr("找到约"))} {rng.randint(80, 900)} '
            f'{escape(tr("条结果，用时"))} 0.{rng.randint(10, 99)} {escape(tr("秒"))}</p></div>{"".join(results)}'
            f'<div class="so-rel">{escape(tr("相关搜索"))}：'
            + " ".join(escape(tr(k)) for k in ["讲话稿开头", "表态发言", "会议主持词", "开幕词范文"])
            + f'</div><div class="so-pg"><a href="?q={quote(keyword)}&p=2">{escape(tr("下一页"))}</a></div>')
    page.html = gz_shell(rng, page, tr, main, page.title)


def gz_briefs(rng: Rng, page: Page, tr: Script) -> None:
    items = []
    day = random_day(rng)
    for row in rng.some(TOPICS, 14):
        sp = make_speech(rng, row, rng.pick(EVENTS), "leader")
        sentence = tr(rng.pick(sp.paragraphs[2:-1]).split("。")[0] + "。")
        items.append((day.replace(hour=rng.randint(6, 23), minute=rng.randint(0, 59)), tr(sp.title), sentence))
        page.add_junk(sentence, "list/brief")
    items.sort(reverse=True)
    main = (f'<div class="kx"><h1 class="kx-h">{escape(page.title)}</h1><div class="kx-day">{day:%Y-%m-%d}</div>'
            + "".join(f'<div class="kx-i"><span class="kx-t">{t:%H:%M}</span><a href="/s/{rng.randrange(36**10):x}">'
                      f'【{escape(title)}】</a><p>{escape(s)}</p></div>' for t, title, s in items)
            + "</div>")
    page.html = gz_shell(rng, page, tr, main, page.title)


# ---------------------------------------------------------------- family 4: dl/dd blog layout (traditional)

ZK_SITE, ZK_HOST = "演讲智库", "www.yanjiangzhiku.org"
ZK_COLUMN = "讲话致辞"


def zk_shell(rng: Rng, page: Page, tr: Script, left: str, head_title: str) -> str:
    site = page.site_name
    cats = [tr(c) for c in ["講話致辭", "主持詞", "演講比賽", "會議紀要", "述職述廉", "學習心得"]]
    for c in cats:
        page.add_junk(c, "nav/outside")
    latest = [tr(t) for t in other_titles(rng, 6, page.title)]
    for t in latest:
        page.add_junk(t, "sidebar/outside")
    archive = [f"{y}{tr('年')}{m}{tr('月')}" for y, m in ((2025, 3), (2025, 2), (2025, 1), (2024, 12))]
    notice = tr(rng.pick(["本站已開通手機版，掃描右側二維碼即可隨時閱讀", "歡迎投稿，優質稿件一經採用即奉上稿酬", "網站改版期間如遇訪問異常請見諒"]))
    page.add_junk(notice, "sidebar/outside")
    foot = [tr(f"本站文章版權歸原作者所有 · {ZK_SITE}"), "Powered by ZhikuPress 3.2", tr("粵ICP備") + f"{rng.randint(1000000, 9999999)}" + tr("號")]
    for f in foot:
        page.add_junk(f, "footer/outside")
    return f"""<!DOCTYPE html>
<html lang="zh-TW">
<head>
<meta http-equiv="content-type" content="text/html;charset=utf-8">
<title>{head_title}</title>
<meta name="generator" content="ZhikuPress 3.2">
<link rel="stylesheet" href="/wp-style/zk.css?v=32">
</head>
<body class="zk">
<div id="wrapper">
<div id="hd"><div class="logo"><a href="/">{escape(site)}</a><span class="slogan">{escape(tr("好講稿，從這裡開始"))}</span></div>
<ul class="cats">{''.join(f'<li><a href="/category/{i}/">{escape(c)}</a></li>' for i, c in enumerate(cats))}</ul></div>
<div id="bd">
<div class="col-l">{left}</div>
<div class="col-r">
<div class="widget"><h3>{escape(tr("最新文章"))}</h3><ul>{''.join(f'<li><a href="/article/{rng.randint(1000, 99999)}.html">{escape(t)}</a></li>' for t in latest)}</ul></div>
<div class="widget"><h3>{escape(tr("文章歸檔"))}</h3><ul>{''.join(f'<li><a href="/date/{i}/">{a}</a></li>' for i, a in enumerate(archive))}</ul></div>
<div class="widget notice"><p>{escape(notice)}</p></div>
</div>
</div>
<div id="ft">{'<br>'.join(escape(f) for f in foot)}</div>
</div>
</body></html>
"""


def zk_article(rng: Rng, page: Page, tr: Script, plan: dict, comments: int) -> None:
    sp = page.speech
    # a page without a date of its own still has dated comments: their dates must not become its date
    shown = page.published or random_day(rng).strftime("%Y-%m-%d")
    day = datetime.fromisoformat(shown + "T00:00") + timedelta(hours=rng.randint(7, 21), minutes=rng.randint(0, 59))
    info, author = info_line(rng, day, page.site_name, with_author=page.published is None or rng.random() < 0.6,
                             dated=page.published is not None)
    info = tr(info)
    page.author = tr(author) if author else None
    page.add_junk(info, "info/outside")
    lines = body_lines(rng, page, tr, ZK_HOST, tr("演講智庫"), plan)
    content = "\n".join(f"<p>&#12288;&#12288;{text_of_line(line)}</p>" for line in lines)
    pos_label = tr(rng.pick(["目前位置：", "您在這裡：", "位置："]))
    crumbs = [tr("首頁"), tr("講話致辭"), tr({"讲话": "領導講話", "发言": "會議發言", "致辞": "典禮致辭"}[sp.genre])]
    page.breadcrumbs = crumbs
    page.add_junk(pos_label + " > ".join(crumbs), "breadcrumb/outside")
    tags = [tr(t) for t in rng.some([sp.topic, sp.genre, "會議", "基層工作", "講稿"], 2)]
    page.tags = tags
    share = tr(share_row(rng))
    page.add_junk(share, "share/outside")
    prev_t, next_t = (tr(t) for t in other_titles(rng, 2, page.title))
    page.add_junk(prev_t, "prevnext/outside")
    page.add_junk(next_t, "prevnext/outside")
    cmt = ""
    if comments:
        posts = comment_thread(rng, page, tr, day, comments, "{d:%Y-%m-%d}")
        cmt = (f'<div class="cmt"><h4>{len(posts)} {escape(tr("則留言"))}</h4><ol class="cmt-list">'
               + "".join(f'<li class="cmt-i"><div class="cmt-a"><cite>{escape(n)}</cite> {escape(tr("說："))}</div>'
                         f'<div class="cmt-d">{t}</div><div class="cmt-c"><p>{escape(p)}</p></div></li>' for n, t, p, _ in posts)
               + f'</ol><form class="cmt-form"><textarea></textarea><button>{escape(tr("送出留言"))}</button></form></div>')
    left = f"""<div class="pos">{escape(pos_label)}{' &gt; '.join(f'<a href="/c{i}/">{escape(c)}</a>' for i, c in enumerate(crumbs))}</div>
<dl class="entry">
<dt class="entry-t">{escape(page.title)}</dt>
<dd class="entry-i">{escape(info)}</dd>
<dd class="entry-c">
{content}
</dd>
<dd class="entry-f"><span class="tg">{escape(tr("標籤"))}：{''.join(f'<a rel="tag" href="/tag/{quote(t)}/">{escape(t)}</a> ' for t in tags)}</span>
<span class="sh">{escape(share)}</span></dd>
</dl>
<div class="pn"><span class="prev">&laquo; <a href="/article/{rng.randint(1000, 99999)}.html">{escape(prev_t)}</a></span>
<span class="next"><a href="/article/{rng.randint(1000, 99999)}.html">{escape(next_t)}</a> &raquo;</span></div>
{cmt}"""
    page.html = zk_shell(rng, page, tr, left, f"{escape(page.title)} - {escape(tr(ZK_COLUMN))} - {escape(page.site_name)}")


def zk_category(rng: Rng, page: Page, tr: Script) -> None:
    """A blog category page: few long teasers cut with [...], each with author, date and comment count."""
    posts = []
    for row in rng.some(TOPICS, 5):
        title, excerpt = speech_excerpt(rng, tr, row, rng.pick(["leader", "pledge", "ceremony"]), rng.randint(150, 220))
        d = random_day(rng)
        posts.append(f'<div class="post"><h2 class="post-t"><a href="/article/{rng.randint(1000, 99999)}.html">{escape(title)}</a></h2>'
                     f'<div class="post-m">{escape(tr(rng.pick(NAMES)))} / {d:%Y-%m-%d} / {rng.randint(0, 12)} {escape(tr("則留言"))}</div>'
                     f'<div class="post-c"><p>&#12288;&#12288;{escape(excerpt)} [&hellip;]</p>'
                     f'<p><a class="more-link" href="#">{escape(tr("閱讀更多"))} &raquo;</a></p></div></div>')
        page.add_junk(excerpt, "list/excerpt")
    left = (f'<div class="pos">{escape(tr("目前位置："))}<a href="/">{escape(tr("首頁"))}</a> &gt; {escape(page.title)}</div>'
            f'<h1 class="arch-t">{escape(tr("分類"))}：{escape(page.title)}</h1>{"".join(posts)}'
            f'<div class="pagenavi"><span class="current">1</span><a href="/category/0/page/2/">2</a>'
            f'<a href="/category/0/page/3/">3</a><a class="nextpostslink" href="/category/0/page/2/">&raquo;</a></div>')
    page.breadcrumbs = [tr("首頁")]
    page.html = zk_shell(rng, page, tr, left, f"{escape(page.title)} - {escape(page.site_name)}")


def zk_notfound(rng: Rng, page: Page, tr: Script) -> None:
    reasons = [tr(r) for r in ["您輸入的網址可能有誤，請檢查後重試。", "該文章可能已被作者刪除或移至其他欄目。", "網站改版後部分舊鏈接已失效。"]]
    left = (f'<div class="e404"><h1>{escape(page.title)}</h1><p>{escape(tr("抱歉，您訪問的頁面不存在或已被刪除。"))}</p>'
            f'<p>{escape(tr("可能的原因："))}</p><ul>{"".join(f"<li>{escape(r)}</li>" for r in reasons)}</ul>'
            f'<p>{escape(tr("頁面將在5秒後自動返回首頁，或點擊"))}<a href="/">{escape(tr("這裡"))}</a>{escape(tr("立即返回。"))}</p></div>')
    page.html = zk_shell(rng, page, tr, left, f"{escape(page.title)} - {escape(page.site_name)}")


def zk_about(rng: Rng, page: Page, tr: Script) -> None:
    paras = about_paragraphs(rng, tr, page.site_name)
    left = (f'<dl class="entry"><dt class="entry-t">{escape(page.title)}</dt><dd class="entry-c">'
            + "\n".join(f"<p>&#12288;&#12288;{escape(p)}</p>" for p in paras) + "</dd></dl>")
    page.html = zk_shell(rng, page, tr, left, f"{escape(page.title)} - {escape(page.site_name)}")


# ---------------------------------------------------------------- the set


def new_article(rng: Rng, family: str, slug: str, url: str, script: str, encoding: str, http_charset: str | None,
                site: str, topic_row: tuple, event_row: tuple, kind: str) -> tuple[Page, Script]:
    tr = Script({"simplified": None, "tw": "zh-tw", "hk": "zh-hk"}[script])
    sp = make_speech(rng, topic_row, event_row, kind)
    page = Page(family, slug, url, "single", "simplified" if script == "simplified" else "traditional", encoding, http_charset,
                title=tr(sp.title), site_name=tr(site))
    page.speech = sp
    page.published = random_day(rng).strftime("%Y-%m-%d")
    return page, tr


def build_pages() -> list[Page]:
    rng = Rng(SEED)
    pages: list[Page] = []
    topics = list(TOPICS)
    events = list(EVENTS)

    def family_rows(n: int) -> list[tuple[tuple, tuple]]:
        ts, es = rng.some(topics, n), [rng.pick(events) for _ in range(n)]
        return list(zip(ts, es))

    # hongwen: 8 articles (GBK; two served as ISO-8859-1), list pages 1 and 2, about
    charsets = ["gbk", "gbk", "iso-8859-1", None, "gbk", "iso-8859-1", "gbk", None]
    for i, ((trow, erow), kind) in enumerate(zip(family_rows(8), pick_kinds(rng, 8))):
        day = random_day(rng)
        art_id = rng.randint(3000, 9999)
        page, tr = new_article(rng, "hongwen", f"{day:%Y%m%d}-{art_id}", f"http://{HW_HOST}/jianghua/{day:%Y/%m%d}/{art_id}.html",
                               "simplified", "gbk", charsets[i], HW_SITE, trow, erow, kind)
        page.published = day.strftime("%Y-%m-%d")
        hw_article(rng, page, tr, plan_junk(rng, "hongwen", i in (2, 6)), comments=[0, 3, 0, 4, 0, 2, 0, 0][i])
        pages.append(page)
    tr = Script(None)
    for number in (1, 2):
        page = Page("hongwen", f"list_3_{number}", f"http://{HW_HOST}/jianghua/ld/list_3_{number}.html", "list", "simplified",
                    "gbk", None, title="领导讲话", site_name=HW_SITE)
        page.notes.append("paged category list: dated titles in table rows, pager" + ("; page number in <title> only" if number > 1 else ""))
        hw_list(rng, page, tr, number, 6)
        pages.append(page)
    page = Page("hongwen", "about", f"http://{HW_HOST}/about.html", "about", "simplified", "gbk", None, title="关于本站", site_name=HW_SITE)
    page.notes.append("about page: whole sentences about the site, contact lines")
    hw_about(rng, page, tr)
    pages.append(page)

    # wenshu: 8 articles in traditional (UTF-8), teaser river home page, tag page
    for i, ((trow, erow), kind) in enumerate(zip(family_rows(8), pick_kinds(rng, 8))):
        pid = f"{rng.randrange(16**6):06x}"
        page, tr = new_article(rng, "wenshu", f"p-{pid}", f"https://{WS_HOST}/p/{pid}.html", "tw", "utf-8",
                               rng.pick(["utf-8", None]), WS_SITE, trow, erow, kind)
        ws_article(rng, page, tr, plan_junk(rng, "wenshu", i == 4), comments=[2, 0, 0, 5, 0, 3, 0, 0][i])
        pages.append(page)
    tr = Script("zh-tw")
    page = Page("wenshu", "index", f"https://{WS_HOST}/", "list", "traditional", "utf-8", None, title=tr("最新講稿"), site_name=tr(WS_SITE))
    page.notes.append("teaser river: linked titles, excerpts cut off with an ellipsis and a read-more link, dates and views")
    ws_river(rng, page, tr)
    pages.append(page)
    tag = tr("安全生产")
    page = Page("wenshu", "tag-anquan", f"https://{WS_HOST}/tag/{quote(tag)}", "list", "traditional", "utf-8", None,
                title=tr("標籤：") + tag, site_name=tr(WS_SITE))
    page.notes.append("tag page: count line, dated titles with the tag")
    ws_tag(rng, page, tr, tag)
    pages.append(page)

    # gzhwz: 8 articles, two reprinted in Hong Kong traditional; search results; timestamped briefs
    for i, ((trow, erow), kind) in enumerate(zip(family_rows(8), pick_kinds(rng, 8))):
        sid = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(12))
        script = "hk" if i in (3, 6) else "simplified"
        page, tr = new_article(rng, "gzhwz", f"s-{sid}", f"https://{GZ_HOST}/s/{sid}", script, "utf-8", None, GZ_SITE, trow, erow, kind)
        gz_article(rng, page, tr, plan_junk(rng, "gzhwz", i == 1), comments=[0, 4, 0, 0, 3, 0, 2, 0][i])
        pages.append(page)
    tr = Script(None)
    page = Page("gzhwz", "search-jianghua", f"https://{GZ_HOST}/search?q={quote('讲话')}", "list", "simplified", "utf-8", None,
                title="“讲话”的搜索结果", site_name=GZ_SITE)
    page.notes.append("search results: highlighted keyword, snippets cut at both ends, account and date")
    gz_search(rng, page, tr, "讲话")
    pages.append(page)
    page = Page("gzhwz", "kuaixun", f"https://{GZ_HOST}/kuaixun/", "list", "simplified", "utf-8", None, title="24小时速递", site_name=GZ_SITE)
    page.notes.append("timestamped briefs: HH:MM, bracketed title, one whole sentence each")
    gz_briefs(rng, page, tr)
    pages.append(page)

    # zhiku: 7 articles in traditional (UTF-8; one served as ISO-8859-1), not-found page, about
    for i, ((trow, erow), kind) in enumerate(zip(family_rows(7), pick_kinds(rng, 7))):
        art_id = rng.randint(10000, 99999)
        page, tr = new_article(rng, "zhiku", f"article-{art_id}", f"https://{ZK_HOST}/article/{art_id}.html", "tw", "utf-8",
                               "iso-8859-1" if i == 5 else None, ZK_SITE, trow, erow, kind)
        if i == 1:
            page.published = None
            page.notes.append("no date of its own; comments dated")
        zk_article(rng, page, tr, plan_junk(rng, "zhiku", i == 2), comments=[3, 4, 0, 2, 6, 0, 0][i])
        pages.append(page)
    tr = Script("zh-tw")
    page = Page("zhiku", "category-jiangci", f"https://{ZK_HOST}/category/0/", "list", "traditional", "utf-8", None,
                title=tr("講話致辭"), site_name=tr(ZK_SITE))
    page.notes.append("blog category page: five long teasers cut with [...], read-more links, author/date/comment counts, pager")
    zk_category(rng, page, tr)
    pages.append(page)
    page = Page("zhiku", "article-99999", f"https://{ZK_HOST}/article/99999.html", "404", "traditional", "utf-8", None,
                title=tr("頁面未找到"), site_name=tr(ZK_SITE))
    page.notes.append("not found: apology, reasons, redirect notice, full site chrome")
    zk_notfound(rng, page, tr)
    pages.append(page)
    page = Page("zhiku", "about", f"https://{ZK_HOST}/about/", "about", "traditional", "utf-8", None, title=tr("關於本站"),
                site_name=tr(ZK_SITE))
    page.notes.append("about page: whole sentences about the site, contact lines")
    zk_about(rng, page, tr)
    pages.append(page)
    return pages


def truth_of(page: Page) -> dict:
    junk = {j: k for j, k in page.junk.items() if squeeze(j) not in squeeze("\n".join(page.body)) and squeeze(j) not in squeeze(page.title)}
    speeches = []
    must_contain: list[str] = []
    if page.kind == "single" and page.body:
        sp = page.speech
        tr = _script_of(page)
        speeches.append({"title": page.title, "body": "\n".join(page.body),
                         "speaker": tr(sp.speaker) if sp.speaker else None, "occasion": tr(sp.occasion) if sp.occasion else None})
        long_lines = [b for b in page.body if len(b) >= 30]
        for line in (long_lines[0], long_lines[len(long_lines) // 2], long_lines[-1]):
            piece = line[:24]
            if piece not in must_contain:
                must_contain.append(piece)
    return {
        "url": page.url,
        "family": page.family,
        "encoding": page.encoding,
        "http_charset": page.http_charset,
        "kind": page.kind,
        "script": page.script,
        "note": "; ".join(page.notes),
        "expected": {
            "url": page.url,
            "site_name": page.site_name,
            "title": page.title,
            "published": page.published if page.kind == "single" else None,
            "author": page.author,
            "breadcrumbs": page.breadcrumbs,
            "tags": page.tags,
            "speeches": speeches,
        },
        "must_contain": must_contain,
        # non-article pages: any speech is wrong, so their strings are listed, not leak-checked
        "must_not_contain": list(junk) if page.kind == "single" else [],
        "junk_kinds": junk if page.kind == "single" else {},
        "list_items": [] if page.kind == "single" else [j for j, k in junk.items() if k.startswith("list/")],
        "comment_dates": page.comment_dates,
    }


def _script_of(page: Page) -> Script:
    if page.script == "simplified":
        return Script(None)
    return Script("zh-hk" if page.family == "gzhwz" else "zh-tw")


def check(pages: list[Page]) -> list[str]:
    """Self-checks of the truth against the HTML; returns warnings (raises on a broken page)."""
    warnings = []
    for page in pages:
        squeezed_html = squeeze(page.html)
        for line in page.body:
            for end in (line[:8], line[-8:]):
                if squeeze(escape(end)) not in squeezed_html:
                    raise AssertionError(f"{page.slug}: body line not in its HTML: {line[:30]}")
        for j in page.junk:
            if squeeze(j) in squeeze("\n".join(page.body)):
                warnings.append(f"{page.family}/{page.slug}: junk string also in the body, dropped: {j}")
        if page.kind == "single" and page.published in page.comment_dates:
            raise AssertionError(f"{page.slug}: a comment shares the publication date")
    # sibling articles must not share body paragraphs (a learnt template would then be right to drop them)
    seen: dict[tuple[str, str], str] = {}
    for page in pages:
        for line in page.body:
            if len(line) > 16:
                key = (page.family, line)
                if key in seen and seen[key] != page.slug:
                    warnings.append(f"{page.family}: paragraph shared by {seen[key]} and {page.slug}: {line[:30]}")
                seen[key] = page.slug
    return warnings


def write_readme(out: Path, pages: list[Page]) -> None:
    rows = "\n".join(f"| {p.family}/{p.slug} | {p.kind} | {p.script} | {p.encoding} | {p.http_charset or ''} | "
                     f"{len(p.junk)} | {'; '.join(p.notes)} |" for p in pages)
    articles = [p for p in pages if p.kind == "single"]
    trad = sum(p.script == "traditional" for p in pages)
    text = f"""# Third held-out cleaning set (generated by tools/build_heldout3.py — do not edit by hand)

Issue 9 (c), third round. Made on {MADE_ON} by an independent examiner who did **not read the
cleaner's rules or code** (cleaning/, cleaning/rules/, tools/train_linejudge.py, tools/cms_templates.py),
nor the builders and junk banks of tests/fixtures/heldout and heldout2 (while checking the truth format
on one heldout2 file, its `junk_kinds` keys were printed once; none of that wording is reused here).
What was read: the truth format (docs/ground-truth.md, evaluation/corpora.py, evaluate.py, leaks.py), the five seed pages
in ../shared/seeds (to see what real 范文 template sites look like) and the label list of
../shared/corpus/fanwen-text/README.md. All layouts, speech sentences and junk wordings here were
written for this set.

How: `.venv/bin/python tools/build_heldout3.py` (seed {SEED}, no network, no clock; zhconv converts
the simplified source text to traditional, piece by piece, so truth and HTML agree).

    .venv/bin/python -m evaluation.evaluate tests/fixtures/heldout3 --no-baseline
    .venv/bin/python -m evaluation.evaluate tests/fixtures/heldout3 --no-baseline --system cleaner-template
    .venv/bin/python -m evaluation.leaks tests/fixtures/heldout3

Do not tune the cleaner on these pages: once it is, build a fourth set.

## What is in it

{len(pages)} pages: {len(articles)} articles and {len(pages) - len(articles)} pages with no speech
(list shapes: paged category list with its page 2, teaser river, tag page, search results, timestamped
briefs, a blog category page of a few long teasers; two about pages; one not-found page). One article
shows no date of its own but has dated comments: its truth date is null. {trad} pages are in traditional characters.

Four site families, each on one host with several sibling pages (so a site template can be learnt
from the siblings):

| family | markup | charset | `<title>` |
|---|---|---|---|
| hongwen | nested tables; body lines split by `<br>` inside one `<td>`; the title repeated as the first line | GBK (`<meta charset=gbk>`; two pages served with an ISO-8859-1 header) | `站名--标题` (page 2 of the list: `站名--栏目_第2页`) |
| wenshu | divs with data-attributes; one `<div data-node>` per line; heading in `<h2>` | UTF-8, traditional | `标题_站名` |
| gzhwz | WeChat-article mirror: `<p><span>` in nested `<section>`s, account line, reads/likes, 精选留言 | UTF-8; two pages in Hong Kong traditional | `站名- 标题` |
| zhiku | `<dl>`/`<dd>` blog layout, `<p>` with ideographic-space indents | UTF-8, traditional (one served as ISO-8859-1) | `标题 - 栏目 - 站名` |

Speech bodies are composed from a bank of real speech sentences (leader speeches, pledges
(表态发言), opening addresses (开幕词/致辞)) with per-page slots, so sibling pages share no paragraph.

Junk is built from slots with several synonyms each (promo lines, the hongwen site's fixed lead-in
with the title inside, info lines with dates/sources/counts in many shapes, count lines, paywall and
truncation prompts standalone and glued inside a cut or continuing paragraph, follow/scan-QR asks,
download boxes, disclaimers, ASCII watermark lines, URL watermarks glued inside paragraphs, hidden
`display:none` watermark spans, editor lead-ins, genre lead-ins, summary boxes, share rows, self-ads,
related lists, breadcrumbs, prev/next, sidebars, footers) and comment threads after the article
(names, later times, short posts; `comment_dates` lists them, none equals the publication date).

## Truth format

docs/ground-truth.md, plus: `kind` "about" and "404" (zero speeches), `script`, `note`,
`junk_kinds` (each `must_not_contain` string -> `<type>/<where>`) and `comment_dates`.
`<where>`: `top` = at the body's top edge inside the text column; `inside` = a line between
paragraphs; `glued` = inside a body paragraph (a `mixed` line: the body keeps the paragraph without
it); `hidden` = a `display:none` span inside a paragraph; `bottom` = at the body's bottom edge inside
the text column; `outside` = another block of the page; `after` = after the article (comments, reads).
On the paywalled pages the body is what is shown: the cut paragraph up to the cut.
Non-article pages have empty `must_not_contain` (any speech from them is wrong, whatever it holds);
their item titles, excerpts and briefs are listed in `list_items`.

| page | kind | script | encoding | http_charset | junk strings | note |
|---|---|---|---|---|---|---|
{rows}
"""
    (out / "README.md").write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (replaced)")
    args = ap.parse_args(argv)
    pages = build_pages()
    warnings = check(pages)
    if args.out.exists():
        shutil.rmtree(args.out)
    for page in pages:
        folder = args.out / page.family
        folder.mkdir(parents=True, exist_ok=True)
        try:
            data = page.html.encode(page.encoding)
        except UnicodeEncodeError as exc:
            print(f"error: {page.family}/{page.slug}: not encodable as {page.encoding}: {exc}", file=sys.stderr)
            return 1
        (folder / f"{page.slug}.html").write_bytes(data)
        (folder / f"{page.slug}.json").write_text(json.dumps(truth_of(page), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write_readme(args.out, pages)
    for w in warnings:
        print("warning:", w, file=sys.stderr)
    print(f"{args.out}: {len(pages)} pages ({sum(p.kind == 'single' for p in pages)} articles), "
          f"{sum(len(truth_of(p)['must_not_contain']) for p in pages if p.kind == 'single')} junk strings on articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
