"""Texts of the held-out fixtures and the fourth demo site: original speeches and a junk generator.

Written AFTER the cleaner's rules and without reading them (issue 9 (c)): the
speeches are original short texts (nothing from ../shared), and every junk
slot has many synonyms, in simplified and traditional characters
(`zhconv`, a maintained converter). Every junk line a page gets is returned
with the exact visible strings it injected, so the ground truth can list them
all in `must_not_contain`.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import zhconv


@dataclass(frozen=True)
class SpeechText:
    key: str
    title: str
    paras: tuple[str, ...]
    speaker: str | None = None
    occasion: str | None = None


def _s(key: str, title: str, *paras: str, speaker: str | None = None, occasion: str | None = None) -> SpeechText:
    return SpeechText(key, title, tuple(paras), speaker, occasion)


SPEECHES: list[SpeechText] = [
    _s("anquan", "在全县安全生产工作会议上的讲话",
       "同志们：",
       "今天召开全县安全生产工作会议，主要任务是总结上半年安全生产工作，分析当前面临的形势，部署下一阶段的重点任务。刚才，应急管理局通报了近期事故情况，三个乡镇作了交流发言，讲得都很实在，我都同意。",
       "上半年，全县各级各部门坚持把安全生产放在突出位置，开展了道路交通、建筑施工、危险化学品等领域的专项整治，排查隐患一千二百余处，整改率达到百分之九十六，全县未发生较大以上事故，总体形势保持平稳。",
       "但是我们也要清醒地看到，部分企业主体责任落实不到位，个别乡镇监管力量薄弱，一些隐患反复出现、屡改屡犯。汛期将至，高温天气增多，各类风险交织叠加，丝毫不能掉以轻心。",
       "下一步，要重点抓好三件事。一是压紧压实责任，党政同责、一岗双责要落到每一个岗位；二是深化隐患排查，对重点行业开展拉网式检查，发现一处、整改一处、销号一处；三是提升应急能力，完善预案，加强演练，确保一旦发生险情能够拉得出、冲得上、打得赢。",
       "同志们，安全生产责任重于泰山。希望大家以对人民群众生命财产高度负责的态度，扎扎实实把各项措施落到实处，为全县经济社会发展创造安全稳定的环境。",
       occasion="全县安全生产工作会议"),
    _s("kaixue", "校长在2023年秋季开学典礼上的致辞",
       "亲爱的老师们、同学们：",
       "大家早上好！金秋九月，丹桂飘香，我们又迎来了一个充满希望的新学年。首先，我代表学校向新加入我们大家庭的七百多名新同学表示热烈的欢迎，向辛勤耕耘在教学一线的全体教师致以崇高的敬意。",
       "过去的一年，学校在全体师生的共同努力下取得了可喜的成绩。中考成绩再创新高，科技创新社团在省级比赛中获得两个一等奖，学校被评为市级文明校园。这些成绩的取得，凝聚着每一位老师的心血和每一位同学的汗水。",
       "新学期，我想给同学们提三点希望。第一，做一个有理想的人，把个人的梦想同国家的发展联系在一起；第二，做一个爱学习的人，珍惜时间，勤于思考，敢于提问；第三，做一个身心健康的人，积极参加体育锻炼，学会与人相处。",
       "老师们，教育是一项需要耐心和爱心的事业。希望大家继续潜心教学、关爱学生，用自己的言行影响学生，做学生成长道路上的引路人。",
       "最后，祝老师们工作顺利、身体健康，祝同学们学习进步、快乐成长！谢谢大家。",
       speaker="校长", occasion="2023年秋季开学典礼"),
    _s("xiangcun", "在乡村振兴重点项目推进会上的讲话",
       "这次推进会，是在全市上下奋力冲刺全年目标的关键时刻召开的。上午我们实地察看了五个项目现场，看到了变化，也发现了问题，下面我讲几点意见。",
       "第一，要正确认识当前形势。今年以来，全市共实施乡村振兴重点项目八十六个，完成投资三十二亿元，特色种植、农产品加工、乡村旅游等产业项目进展顺利，一批村集体经济收入实现了翻番。",
       "第二，要直面存在的短板。有的项目前期工作不扎实，土地、资金等要素保障跟不上；有的项目重建设、轻运营，建成后闲置；有的地方群众参与度不高，联农带农机制还不够紧密。",
       "第三，要抓住关键环节发力。要坚持项目为王，建立一个项目、一名领导、一套专班的推进机制；要盘活闲置资源，探索土地入股、保底分红等模式；要强化人才支撑，鼓励大学生和外出务工人员返乡创业。",
       "第四，要切实加强组织领导。各级党委政府要把乡村振兴摆在更加突出的位置，主要负责同志要亲自研究、亲自调度，对工作推进不力的，要严肃问责。",
       "同志们，时间紧、任务重，希望大家真抓实干、久久为功，确保各项目标任务如期完成。",
       occasion="乡村振兴重点项目推进会"),
    _s("jiaoshi", "在庆祝教师节表彰大会上的讲话",
       "各位老师、同志们：",
       "在第三十九个教师节到来之际，我们在这里隆重集会，表彰一批优秀教师和教育工作者。在此，我谨代表区委、区政府，向受到表彰的先进集体和个人表示热烈祝贺，向全区广大教师致以节日的问候。",
       "近年来，全区教育事业取得了长足进步。新建改扩建学校十二所，新增学位六千余个，义务教育优质均衡发展通过省级评估，一大批青年教师在各类教学比赛中脱颖而出。",
       "百年大计，教育为本；教育大计，教师为本。全区各级各部门要把尊师重教落到实处，在职称评聘、住房保障、子女入学等方面为教师排忧解难，让教师成为令人羡慕的职业。",
       "希望受表彰的同志珍惜荣誉、再接再厉，希望全区教师以他们为榜样，立德树人，潜心育人，为办好人民满意的教育作出新的更大贡献。",
       "最后，祝大家节日快乐，身体健康，阖家幸福！",
       occasion="庆祝教师节表彰大会"),
    _s("zhaoshang", "区长在招商引资工作推进会上的发言",
       "刚才，几个部门的同志汇报了上半年招商引资工作情况，总的看，大家干劲很足，成效也比较明显。下面，我就下一步工作讲三点意见。",
       "一要瞄准产业链精准招商。要围绕新能源、装备制造、食品加工三条主导产业链，绘制招商图谱，梳理缺失环节，有针对性地引进龙头企业和配套企业，做到引进一个、带动一批。",
       "二要优化营商环境留住客商。要全面推行项目代办制，做到审批事项一窗受理、限时办结；要建立领导干部联系重点企业制度，及时帮助企业解决用工、用地、融资等难题。",
       "三要压实责任确保落地。各园区、各部门要建立签约项目台账，实行挂图作战，每月通报进展；对签约后迟迟不能开工的项目，要逐一分析原因，明确时限，推动尽快落地见效。",
       "招商引资是发展的生命线。希望大家拿出只争朝夕的劲头，跑出招商引资的加速度，为全区高质量发展注入强劲动力。",
       speaker="区长", occasion="招商引资工作推进会"),
    _s("shengtai", "在生态环境保护大会上的讲话",
       "同志们：",
       "良好的生态环境是最普惠的民生福祉。今天召开全市生态环境保护大会，就是要进一步统一思想、压实责任，坚决打好污染防治攻坚战。",
       "一年来，全市空气优良天数比例达到百分之八十七，主要河流断面水质全部达标，完成造林绿化四万亩，群众的获得感明显增强。同时也要看到，部分地区扬尘污染反弹，农村生活污水治理相对滞后，生态环境保护任重道远。",
       "今后一个时期，要突出抓好大气、水、土壤污染防治。要加强工地扬尘和机动车尾气管控，持续推进河长制落实，开展农用地土壤污染状况调查，全面提升城乡环境质量。",
       "要严格落实生态环境保护责任制，对破坏生态环境的行为零容忍，对失职失责的干部严肃追责。各级领导干部要当好生态环境的守护者。",
       "让我们携起手来，共同建设天更蓝、山更绿、水更清的美丽家园。",
       occasion="生态环境保护大会"),
    _s("zongjie", "在2023年度工作总结表彰会上的讲话",
       "同志们：",
       "岁末年初，我们召开这次总结表彰会，回顾一年来的工作，表彰先进，部署来年任务。刚才宣读了表彰决定，向受表彰的单位和个人表示祝贺。",
       "这一年，我们经受住了多重考验。全年完成营业收入十八亿元，同比增长百分之十二，安全生产实现零事故，员工收入稳步提高，企业发展迈上了新台阶。",
       "成绩来之不易，经验弥足珍贵。最重要的一条，就是始终坚持以客户为中心，把产品质量当作生命线；始终坚持改革创新，敢于打破常规；始终坚持团结协作，心往一处想、劲往一处使。",
       "新的一年，我们要在巩固现有市场的基础上，加快开拓新兴市场，加大研发投入，完善激励机制，努力实现收入和利润双增长。",
       "同志们，新征程已经开启。让我们以更加饱满的热情、更加务实的作风，奋力谱写企业发展新篇章！",
       occasion="2023年度工作总结表彰会"),
    _s("tanhua", "在新任职干部集体谈话会上的讲话",
       "今天，我们在这里为新提拔任职的二十六名干部进行集体谈话。首先，向大家表示祝贺。这次提拔，既是组织对大家的肯定，更是一份沉甸甸的责任。",
       "走上新的岗位，首先要加强学习。要系统学习业务知识和相关政策法规，尽快实现角色转变，成为本领域的行家里手。",
       "其次要敢于担当。面对矛盾不回避，面对困难不退缩，面对风险不畏惧，把心思用在干事业上，把精力放在抓落实上。",
       "再次要严守纪律。要时刻绷紧廉洁自律这根弦，管好自己，管好身边人，自觉接受组织和群众的监督，做到干净干事。",
       "希望大家不负组织重托，不负群众期望，在新的岗位上干出新的业绩。",
       occasion="新任职干部集体谈话会"),
    _s("zhiyuan", "在社区志愿服务活动启动仪式上的致辞",
       "各位志愿者朋友们：",
       "大家上午好！今天，我们在这里举行社区志愿服务活动启动仪式，正式组建二十支志愿服务队伍，为社区居民提供助老助残、环境整治、文明劝导等服务。",
       "志愿服务是社会文明进步的重要标志。这些年来，社区志愿者们走街串巷，帮助孤寡老人打扫卫生，为困难家庭送去温暖，用点滴行动诠释了奉献、友爱、互助、进步的志愿精神。",
       "希望各位志愿者发挥自身特长，把服务做细做实，让居民切实感受到身边的变化。街道和社区也要做好保障，为志愿者提供必要的培训和支持。",
       "让我们携手同行，用爱心和行动把社区建设得更加和谐美好。谢谢大家！",
       occasion="社区志愿服务活动启动仪式"),
    _s("fangxun", "在防汛抗旱工作会议上的讲话",
       "同志们：",
       "当前，我县已进入主汛期，据气象部门预测，今年降雨偏多，极端天气发生概率增大，防汛形势严峻复杂。今天召开会议，就是要动员全县上下立即行动起来，全力做好防汛抗旱各项工作。",
       "要立足防大汛、抗大洪、抢大险，全面排查水库、河道、山洪灾害易发区等重点部位，对发现的隐患逐一建立台账，落实整改责任人和整改时限。",
       "要加强监测预警，水利、气象、自然资源等部门要密切会商研判，及时发布预警信息，确保预警信息第一时间传达到村、到户、到人。",
       "要严格落实值班值守制度，各级领导干部要坚守岗位，保持通信畅通，遇到险情要靠前指挥，确保人民群众生命财产安全。",
       occasion="防汛抗旱工作会议"),
    _s("wenlv", "在全市文化旅游发展大会上的讲话",
       "文化是旅游的灵魂，旅游是文化的载体。今天召开全市文化旅游发展大会，目的是进一步凝聚共识，推动文旅产业提质增效。",
       "去年全市接待游客两千三百万人次，实现旅游综合收入一百九十亿元，古城保护利用、乡村民宿、研学旅行等新业态蓬勃发展。",
       "我们也要看到，全市文旅产品同质化现象比较突出，高品质景区数量不多，游客停留时间短、消费水平低的问题依然存在。",
       "下一步，要深入挖掘地方历史文化资源，打造一批有影响力的文旅品牌；要完善交通、住宿、餐饮等配套设施，提升游客体验；要创新宣传营销方式，让更多人了解我们、走进我们。",
       "希望各地各部门抢抓机遇、主动作为，推动文化和旅游深度融合发展。",
       occasion="全市文化旅游发展大会"),
    _s("minqi", "在全县民营企业座谈会上的讲话",
       "各位企业家朋友们：",
       "今天请大家来，主要是听听大家的意见和建议。刚才，八位企业家作了发言，谈了企业发展的成绩和困难，提出了很多有价值的建议，我们都认真记下来了。",
       "民营经济是我县经济发展的重要力量，贡献了全县六成以上的税收和八成以上的就业。县委、县政府始终把支持民营企业发展作为一项重要工作来抓。",
       "对大家反映的融资难、用工难、审批慢等问题，我们将逐条梳理，明确责任单位和办结时限，一个月内给大家答复。",
       "希望各位企业家坚定发展信心，专心做好主业，加强创新，诚信经营。政府一定当好服务企业的店小二，与大家一道，共同推动全县经济高质量发展。",
       occasion="全县民营企业座谈会"),
]


# ------------------------------------------------------------------ scripts

def to_script(text: str, script: str) -> str:
    """'s' keeps simplified; 't' Taiwan traditional; 'h' Hong Kong traditional (other variants: 爲/為, 裏/裡)."""
    if script == "t":
        return zhconv.convert(text, "zh-tw")
    if script == "h":
        return zhconv.convert(text, "zh-hk")
    return text


# ------------------------------------------------------------------ junk slots (>= 5 synonyms each)

PROMO_LEAD = ["小编今天给大家带来了", "以下是编辑精心收集的", "本站编辑为您搜罗了", "这里为各位读者准备了",
              "网站编辑特意整理了", "为了方便大家写作，我们汇编了", "今天和大家分享的是", "整理者从网络上挑选了"]
PROMO_KIND = ["讲话稿", "发言材料", "致辞范文", "会议讲话", "领导讲话范本", "讲话提纲"]
PROMO_TAIL = ["，供参考。", "，仅供借鉴！", "，欢迎收藏。", "，希望对你有所帮助。", "，大家不妨看看。",
              "，欢迎阅读与收藏。", "，请参阅。", "，一起来看看吧！"]
PROMO_ALONE = ["阅读本文前，建议先收藏本页，方便日后查找。", "觉得有用就点个赞吧，你的支持是我们更新的动力！",
               "本文内容仅供学习交流，请勿直接照搬使用。", "温馨提示：写作时请结合本单位实际进行修改。",
               "如果这篇对你有帮助，记得分享给需要的同事哦。", "范文仅作参考，切勿抄袭，祝写作顺利！"]

DATE_LABEL = ["发布时间：", "发表于 ", "更新时间：", "日期：", "时间 ", "上传时间：", "录入时间："]
VIEWS_LABEL = ["浏览：", "阅读 ", "点击：", "人气：", "热度 ", "阅读量：", "围观 "]
VIEWS_UNIT = ["次", "", "人阅读", "℃", "次浏览", ""]
SOURCE_LABEL = ["来源：", "出处：", "稿源：", "文章来源：", "信息来源："]
SOURCE_NAME = ["网络", "网友投稿", "互联网整理", "本站原创", "会员上传", "转载"]
CATEGORY = ["讲话稿", "领导讲话", "致辞演讲", "会议发言", "公文写作", "范文大全"]
SEP = ["　", " | ", " · ", "  ", " / ", "｜"]

PAY_HIDDEN = ["…此处隐藏{n}个字…", "（此处已隐藏{n}字）", "……剩余{n}字未显示……", "【以下内容已折叠，共{n}字】",
              "——后面还有{n}字——", "[隐藏内容{n}字]"]
PAY_ACTION = ["开通会员", "升级VIP", "登录后", "购买本文后", "充值积分后", "成为正式会员后", "扫码付费后"]
PAY_VERB = ["查看全文", "阅读完整内容", "解锁剩余内容", "继续阅读", "免费下载全文", "看完整篇"]
PAY_ALONE = ["（未完待续）", "未完，请点击下一页继续阅读", "以上为试读部分", "试读结束", "限时免费试读中",
             "（本文为节选）", "全文未完，敬请期待"]

FOLLOW_MORE = ["更多精彩内容", "想看更多范文", "想获取更多讲话稿", "更多写作素材", "更多同类文章", "每日更新的范文"]
FOLLOW_VERB = ["请关注", "欢迎关注", "敬请关注", "记得订阅", "请搜索", "扫码关注"]
FOLLOW_TARGET = ["本站", "我们的公众号“{wx}”", "微信公众号{wx}", "{site}官方微博", "{site}", "我们的头条号"]

DL_FORMAT_LABEL = ["文档格式：", "文件类型：", "格式：", "文件格式：", "类型："]
DL_FORMAT = ["DOC", "DOCX", "Word", "PDF", "WPS"]
DL_PAGES_LABEL = ["页数：", "共计页数：", "篇幅：", "总页数：", "页码数："]
DL_POINTS_LABEL = ["所需积分：", "下载积分：", "下载券：", "消耗金币：", "需要点数：", "下载所需："]
DL_BUTTON = ["立即下载", "下载Word版", "下载本文档", "点此下载完整文档", "免费下载", "一键下载到电脑"]

SHARE_LABEL = ["分享到：", "分享至", "转发：", "一键分享", "分享给朋友："]
SHARE_TARGET = ["微信", "微博", "QQ空间", "朋友圈", "豆瓣", "QQ好友"]
ACTION_LINKS = ["点赞({n})", "收藏本文", "举报", "打印本文", "关闭窗口", "纠错"]

RELATED_HEAD = ["相关文章", "延伸阅读", "同类推荐", "你可能还想看", "大家都在读", "猜你感兴趣", "热门推荐", "相关范文"]

SELF_AD = ["{site}：专业的范文写作平台，{n}万篇文档免费下载", "找范文，就上{site}！", "{site}提供各类讲话稿、总结、计划范文",
           "{site}——让写作更轻松", "本站每天更新海量优质范文，收藏不迷路", "{site}会员享无限下载特权，点击了解"]
WATERMARK = ["（本文来自{site} {domain}）", "{domain} 版权所有", "【{site}·{domain}】", "本文由{site}整理发布，转载请保留链接",
             "[来源：{site}]", "欢迎访问{domain}获取更多", "{wide}", "{spaced}", "{noise}"]
LEAD_LABEL = ["导读：", "序言：", "摘要：", "内容提要：", "编者按：", "文章导读"]
LEAD_BODY = ["{title}是一篇关于{kind}的范文，本文从多个方面进行了阐述，结构完整，语言规范。",
             "本篇{kind}《{title}》内容详实，可供撰写同类材料时参考。",
             "如何写好{kind}？下面这篇《{title}》或许能给你一些启发。",
             "《{title}》全文约两千字，以下为正文内容。",
             "很多读者都在找{kind}，今天推荐这篇{title}。"]
RAW_MARKUP = ['<p style="text-indent:2em;">', "&nbsp;&nbsp;&nbsp;&nbsp;", "<!--StartFragment-->", "<o:p></o:p>",
              '<span class="MsoNormal">', "[/url]", "<br />"]

COMMENT_HEAD = ["网友评论", "读者留言", "评论区", "最新评论", "发表评论", "精彩评论"]
COMMENT_NAMES = ["江南小雨", "老王", "书山有路", "匿名网友", "用户{n}", "清风徐来", "小刘同学", "游客{n}", "写材料的阿杰"]
COMMENT_TEXTS = ["写得很好，收藏了", "谢谢分享，正好用得上", "第三段很有启发", "能否提供word版？", "支持一下，期待更多",
                 "内容很实在，学习了", "开会正好要用，感谢楼主", "结构清晰，值得借鉴", "同问，哪里可以下载", "不错不错"]
COMMENT_REPLY = ["回复", "回复 ", "@"]


@dataclass
class Junk:
    """One junk element: its HTML and the visible strings it puts on the page."""

    html: str
    strings: list[str] = field(default_factory=list)


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class JunkMaker:
    """Draws junk lines from the slots with one seeded RNG, in a page's script."""

    def __init__(self, rng: random.Random, site: str, domain: str, script: str = "s", mixed: bool = False) -> None:
        self.rng, self.site, self.domain, self.script, self.mixed = rng, site, domain, script, mixed
        self.wx = site.replace("网", "") + "号"

    def conv(self, text: str) -> str:
        # A simplified page may carry junk in traditional characters (a copied widget): `mixed`.
        script = self.script
        if script == "s" and self.mixed and self.rng.random() < 0.4:
            script = self.rng.choice(["t", "h"])
        return to_script(text, script)

    def c(self, options: list[str]) -> str:
        return self.rng.choice(options)

    def fill(self, text: str) -> str:
        return text.format(site=self.site, domain=self.domain, wx=self.wx, n=self.rng.randint(3, 9999))

    def line(self, text: str, tag: str = "p", cls: str = "") -> Junk:
        text = self.conv(self.fill(text))
        attr = f' class="{cls}"' if cls else ""
        return Junk(f"<{tag}{attr}>{esc(text)}</{tag}>", [text])

    # -- the kinds ----------------------------------------------------------
    def promo(self, title: str) -> str:
        what = self.rng.choice([f"《{title}》", self.c(PROMO_KIND), f"一篇{self.c(PROMO_KIND)}"])
        if self.rng.random() < 0.25:
            return self.conv(self.c(PROMO_ALONE))
        return self.conv(f"{self.c(PROMO_LEAD)}{what}{self.c(PROMO_TAIL)}")

    def info(self, published: date, author: str | None = None) -> str:
        r = self.rng
        when = datetime(published.year, published.month, published.day, r.randint(7, 22), r.randint(0, 59))
        shown = r.choice([when.strftime("%Y-%m-%d %H:%M"), f"{when.year}年{when.month}月{when.day}日",
                          when.strftime("%Y/%m/%d"), when.strftime("%Y.%m.%d"), when.strftime("%Y-%m-%d")])
        views = f"{self.c(VIEWS_LABEL)}{r.randint(12, 98765)}{self.c(VIEWS_UNIT)}"
        parts = [f"{self.c(DATE_LABEL)}{shown}"]
        if author:
            parts.append(f"作者：{author}")
        parts += r.sample([f"{self.c(SOURCE_LABEL)}{self.c(SOURCE_NAME)}", views, f"栏目：{self.c(CATEGORY)}"],
                          r.randint(1, 3))
        return self.conv(self.c(SEP).join(parts))

    def paywall(self) -> str:
        r = self.rng
        shape = r.randrange(3)
        if shape == 0:
            return self.conv(self.c(PAY_HIDDEN).format(n=r.randint(300, 6000)))
        if shape == 1:
            return self.conv(f"{self.c(PAY_ACTION)}{self.c(PAY_VERB)}")
        return self.conv(self.c(PAY_ALONE))

    def paywall_glued(self) -> str:
        """A prompt glued to the end of the last visible paragraph."""
        r = self.rng
        return self.conv(f"……{self.c(PAY_HIDDEN).format(n=r.randint(300, 6000))}{self.c(PAY_ACTION)}{self.c(PAY_VERB)}")

    def follow(self) -> str:
        target = self.fill(self.c(FOLLOW_TARGET))
        return self.conv(f"{self.c(FOLLOW_MORE)}，{self.c(FOLLOW_VERB)}{target}")

    def download(self) -> Junk:
        r = self.rng
        items = [f"{self.c(DL_FORMAT_LABEL)}{self.c(DL_FORMAT)}", f"{self.c(DL_PAGES_LABEL)}{r.randint(2, 30)}页",
                 f"{self.c(DL_POINTS_LABEL)}{r.randint(1, 50)}", f"大小：{r.randint(12, 900)}KB"]
        items = [self.conv(x) for x in r.sample(items, r.randint(2, 4))]
        button = self.conv(self.c(DL_BUTTON))
        cls = r.choice(["dlbox", "m-t10 box-b", "doc-info", "fileinfo", "pn"])
        html = (f'<div class="{cls}"><ul>' + "".join(f"<li>{esc(x)}</li>" for x in items)
                + f'</ul><a href="/down/{r.randint(100, 999)}.html">{esc(button)}</a></div>')
        return Junk(html, items + [button])

    def share(self) -> Junk:
        r = self.rng
        label = self.conv(self.c(SHARE_LABEL))
        targets = [self.conv(t) for t in r.sample(SHARE_TARGET, r.randint(3, 5))]
        actions = [self.conv(a.format(n=r.randint(1, 300))) for a in r.sample(ACTION_LINKS, r.randint(1, 3))]
        cls = r.choice(["bdsharebuttonbox", "share-bar", "tools", "op-line", "sns"])
        html = (f'<div class="{cls}"><span>{esc(label)}</span>'
                + "".join(f'<a href="#">{esc(t)}</a> ' for t in targets)
                + "".join(f'<a href="#">{esc(a)}</a> ' for a in actions) + "</div>")
        return Junk(html, [label] + targets + actions)

    def related(self, links: list[tuple[str, str]]) -> Junk:
        """A related list of (title, href) links under a heading."""
        r = self.rng
        head = self.conv(self.c(RELATED_HEAD))
        picks = [(self.conv(t), h) for t, h in r.sample(links, min(len(links), r.randint(3, 5)))]
        cls = r.choice(["xgwz", "relate", "list-r", "more-art", "mod-list"])
        html = (f'<div class="{cls}"><h3>{esc(head)}</h3><ul>'
                + "".join(f'<li><a href="{h}">{esc(t)}</a></li>' for t, h in picks) + "</ul></div>")
        return Junk(html, [head] + [t for t, _ in picks])

    def self_ad(self) -> str:
        return self.conv(self.fill(self.c(SELF_AD)).replace("{n}", str(self.rng.randint(10, 900))))

    def watermark(self) -> str:
        """Attribution lines, or anti-copy noise: a full-width or spaced-out domain, random characters."""
        shape = self.c(WATERMARK)
        r = self.rng
        wide = "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in self.domain)
        spaced = " ".join(self.domain.replace(".", " . "))
        noise = "".join(r.choice("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789#@$%") for _ in range(r.randint(6, 12)))
        return self.conv(shape.format(site=self.site, domain=self.domain, wide=wide, spaced=spaced, noise=noise))

    def lead_box(self, title: str) -> Junk:
        """A 导读/序言 box that restates the title."""
        label = self.conv(self.c(LEAD_LABEL))
        text = self.conv(self.c(LEAD_BODY).format(title=title, kind=self.c(PROMO_KIND)))
        cls = self.rng.choice(["daodu", "summary", "intro", "abstract", "lead"])
        return Junk(f'<div class="{cls}"><b>{esc(label)}</b>{esc(text)}</div>', [label, text])

    def raw_markup(self) -> str:
        return self.c(RAW_MARKUP)

    def comments(self, published: date, count: int) -> tuple[str, list[str], list[str]]:
        """A comment thread: its HTML, the visible strings, and the dates shown (never the publication date)."""
        r = self.rng
        head = self.conv(self.c(COMMENT_HEAD))
        shown_dates: list[str] = []
        strings = [head]
        items = []
        names: list[str] = []
        when = datetime(published.year, published.month, published.day, 20, 0)
        for i in range(count):
            when = when + timedelta(days=r.randint(1, 40), minutes=r.randint(1, 900))
            name = self.conv(self.fill(self.c(COMMENT_NAMES)))
            text = self.conv(self.c(COMMENT_TEXTS))
            if names and r.random() < 0.35:
                text = self.conv(f"{self.c(COMMENT_REPLY)}{r.choice(names)}：") + text
            names.append(name)
            stamp = r.choice([when.strftime("%Y-%m-%d %H:%M"), when.strftime("%Y/%m/%d %H:%M:%S"),
                              f"{when.year}年{when.month}月{when.day}日 {when:%H:%M}"])
            shown_dates.append(stamp)
            strings += [name, text]
            items.append(f'<li class="c-item"><div class="c-user"><b>{esc(name)}</b> <i>{esc(stamp)}</i></div>'
                         f'<div class="c-text">{esc(text)}</div><a href="#" class="c-reply">回复</a></li>')
        html = f'<div class="comment-wrap"><h3>{esc(head)}</h3><ol>' + "".join(items) + "</ol></div>"
        return html, strings, shown_dates
