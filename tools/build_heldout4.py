"""Build the FOURTH held-out cleaning set, tests/fixtures/heldout4 (seeded, no network, no clock).

    .venv/bin/python tools/build_heldout4.py [--out DIR]

Written by an examiner who read neither the cleaner (cleaning/, its rules, its training and
template tools) nor the earlier held-out builders and fixtures. Four site families invented here:

- jinshi  (www.jinshifw.net)   an old ASP site: tables, <center>, <font>, body lines split by <br>
- qiyun   (www.qiyunwen.com)   a Bootstrap-like grid with <article>, entry-meta, entry-content
- luntan  (bbs.tongxinwen.org) a Discuz-like forum thread: the first floor is the speech, replies follow
- wenku   (www.mojuanwk.com)   a document viewer: the body is a run of <div class="page"> blocks

Every speech sentence and every junk wording is written in this file. Traditional pages are made
with zhconv, converting piece by piece so that the HTML and the truth hold the same characters.
"""
from __future__ import annotations

import argparse
import html
import json
import random
import re
import shutil
from pathlib import Path

import zhconv

SEED = 20261203
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "tests" / "fixtures" / "heldout4"


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


def esc(s: str) -> str:
    return html.escape(s, quote=False)


# ---------------------------------------------------------------------------------------------
# Speech bank: topics (what a speech is about) and sentence templates per genre.
# ---------------------------------------------------------------------------------------------

TOPICS = {
    "yingshang": dict(
        area="营商环境", meeting="{place}优化营商环境攻坚推进大会", goal="打造一流营商环境",
        doc="《关于持续深化“放管服”改革优化营商环境的实施意见》",
        heads=["认清形势，把优化营商环境作为“一号改革工程”来抓", "聚焦痛点，在审批提速和要素保障上求突破",
               "压实责任，让企业办事像网购一样方便"],
        measures=["“一件事一次办”集成改革", "涉企收费清单管理", "企业开办全程网办", "项目审批“拿地即开工”",
                  "政企常态化沟通机制"],
        problems=["审批环节多、材料重复提交", "个别窗口“冷硬横推”", "惠企政策落地“最后一公里”梗阻"],
        stats=["{year}年{place}新增市场主体{n}户，同比增长{pct}%，企业开办时间压缩至1个工作日以内。",
               "去年{place}企业满意度测评得分{score}分，在全省排名比上年前移了{k}位。"],
        special=["有的企业家跟我讲，他们最怕的不是政策不够多，而是办一件事要跑好几个部门、盖好几个章。"],
        unit="县行政审批局", org="市委、市政府"),
    "zhengwu": dict(
        area="数字政府建设", meeting="{place}数字政府建设暨政务服务平台推广应用会", goal="建设人民满意的服务型政府",
        doc="《数字政府建设三年行动方案（2023—2025年）》",
        heads=["用好政务服务平台，推动更多事项网上办、掌上办", "打通数据壁垒，让信息多跑路、群众少跑腿",
               "守牢安全底线，确保平台稳定运行"],
        measures=["政务服务事项标准化梳理", "电子证照共享互认", "12345热线与平台工单联动", "自助终端向村社延伸",
                  "适老化和无障碍改造"],
        problems=["部分系统各自建设、互不联通", "网上办事“看得见、办不了”", "基层人员操作不熟练"],
        stats=["截至{year}年底，{place}政务服务平台已上线办事事项{n}项，网上可办率达到{pct}%。",
               "去年平台累计受理业务{n2}万件，群众好评率保持在99%以上。"],
        special=["群众现在通过门户网站、手机客户端和自助终端都能提交申请，不少事项做到了“零跑腿”。",
                 "要加大推广力度，引导企业和群众下载使用“{app}”手机客户端，关注政务服务公众号，把平台用起来、用得好。",
                 "平台上线不是终点，要建立网站栏目和平台功能的定期评估机制，对长期无人访问的栏目坚决关停整合。"],
        unit="市数据资源管理局", org="市委、市政府"),
    "wangan": dict(
        area="网络安全", meeting="{place}网络安全宣传周启动仪式", goal="筑牢网络安全防线",
        doc="《中华人民共和国网络安全法》",
        heads=["提高认识，把网络安全摆在突出位置", "压实责任，织密关键信息基础设施防护网", "全民参与，营造共建共享的良好氛围"],
        measures=["关键信息基础设施安全检查", "网络安全等级保护测评", "个人信息保护专项治理", "网络安全应急演练",
                  "网络安全知识进社区进校园"],
        problems=["弱口令和系统漏洞长期未修复", "违规外联和数据泄露隐患", "电信网络诈骗手法不断翻新"],
        stats=["今年以来，{place}共排查整改网络安全隐患{n}处，处置网络安全事件{k}起，没有发生重大网络安全事故。",
               "{year}年{place}电信网络诈骗立案数同比下降{pct}%，为群众挽回经济损失{n2}万元。"],
        special=["各单位门户网站和政务新媒体账号要落实内容审核和安全防护责任，做到谁主管谁负责、谁运营谁负责。",
                 "希望大家做到不点击来历不明的链接，不从非官方渠道下载应用程序，不随意在陌生网站上填写身份证号和银行卡号。",
                 "欢迎大家关注本次宣传周的线上答题活动，在学中用、在用中学，做网络安全的明白人。"],
        unit="县委网信办", org="县委、县政府"),
    "anquan": dict(
        area="安全生产", meeting="{place}安全生产暨消防安全工作会议", goal="坚决遏制重特大事故发生",
        doc="《安全生产治本攻坚三年行动方案》",
        heads=["清醒认识当前安全生产面临的严峻形势", "突出重点领域，扎实开展隐患排查整治", "严格落实责任，确保各项措施落地见效"],
        measures=["重大事故隐患动态清零", "燃气管道老化更新改造", "九小场所消防安全整治", "危化品全链条监管",
                  "安全生产“一件事”全链条治理"],
        problems=["企业主体责任落实不到位", "隐患排查“走过场”", "执法检查宽松软"],
        stats=["{year}年{place}共发生生产安全事故{k}起，死亡人数同比下降{pct}%，事故总量实现“双下降”。",
               "今年一季度，各级共检查生产经营单位{n}家次，发现并整改隐患{n2}处。"],
        special=["安全生产没有局外人，每一个岗位都是一道防线，每一名干部都是一名安全员。"],
        unit="区应急管理局", org="区委、区政府"),
    "fangxun": dict(
        area="防汛抗旱", meeting="{place}防汛抗旱工作部署会", goal="确保安全度汛",
        doc="《防汛抗旱应急预案》",
        heads=["克服麻痹思想，以“时时放心不下”的责任感抓好防汛", "抓实抓细汛前准备，补齐防洪短板", "强化监测预警，确保人员转移到位"],
        measures=["病险水库除险加固", "山洪灾害监测预警", "危险区域人员转移避险", "防汛物资储备", "城市内涝点整治"],
        problems=["部分塘坝长期带病运行", "预警信息“最后一公里”不畅", "防汛预案针对性不强"],
        stats=["据气象部门预测，今年主汛期{place}降水量可能较常年偏多{pct}%，极端天气发生的概率增大。",
               "{year}年汛期，{place}累计转移受威胁群众{n}人，实现了不死人、少伤人的目标。"],
        special=["汛期值班不是坐在办公室守电话，带班领导要靠前指挥，关键时刻必须出现在一线。"],
        unit="县水利局", org="县委、县政府"),
    "xiangcun": dict(
        area="乡村振兴", meeting="{place}乡村振兴重点工作推进会", goal="推动乡村全面振兴取得新进展",
        doc="《乡村全面振兴规划（2024—2027年）》",
        heads=["守牢防止规模性返贫底线", "做强特色产业，拓宽农民增收渠道", "建设宜居宜业和美乡村"],
        measures=["防返贫动态监测帮扶", "高标准农田建设", "村级集体经济提质增效", "农村人居环境整治", "乡村人才回引"],
        problems=["产业同质化、链条短", "村集体经济“空壳村”仍未清零", "人居环境整治反弹回潮"],
        stats=["{year}年{place}农村居民人均可支配收入达到{n}元，增长{pct}%，增速高于城镇居民。",
               "目前{place}村集体经营性收入超过十万元的村已有{k}个，占比比上年提高了{pct2}个百分点。"],
        special=["产业振兴不能一哄而上，种什么、养什么，要听市场的，也要听老百姓的。"],
        unit="市农业农村局", org="市委、市政府"),
    "zhaoshang": dict(
        area="招商引资", meeting="{place}招商引资项目观摩点评会", goal="以大招商推动大发展",
        doc="《关于进一步加强招商引资工作的若干措施》",
        heads=["算清账、找差距，正视招商工作中的短板", "盯产业链、抓大项目，提高招商精准度", "优服务、强保障，推动项目早落地早投产"],
        measures=["产业链精准招商", "以商招商和基金招商", "重大项目专班推进", "闲置厂房盘活利用", "签约项目履约率考核"],
        problems=["签约多、落地少", "项目前期工作深度不够", "要素保障跟不上项目需求"],
        stats=["今年1至5月，{place}新签约亿元以上项目{k}个，协议引资{n}亿元，同比增长{pct}%。",
               "{year}年{place}实际到位省外资金{n2}亿元，但与年度目标相比仍有不小差距。"],
        special=["观摩中我们看到，凡是项目推进快的地方，都是主要领导盯得紧、专班跑得勤。"],
        unit="区投资促进局", org="区委、区政府"),
    "zuofeng": dict(
        area="干部作风建设", meeting="{place}干部作风建设大会", goal="以过硬作风保障高质量发展",
        doc="《关于进一步激励干部担当作为的实施办法》",
        heads=["坚决纠治形式主义、官僚主义", "大兴调查研究之风", "树立重实干重实绩的用人导向"],
        measures=["为基层减负专项整治", "“四下基层”制度", "容错纠错机制", "干部实绩档案管理", "窗口单位明察暗访"],
        problems=["文山会海反弹", "有的干部躺平不作为", "调研“走过场、重形式”"],
        stats=["去年{place}精简文件{pct}%、压缩会议{k}个，督查检查考核事项减少了近一半。",
               "{year}年{place}查处形式主义官僚主义问题{k}起，处理{n}人，并通报了典型案例。"],
        special=["作风问题说到底是党性问题，看似小事，实则关系人心向背。"],
        unit="县委组织部", org="县委"),
    "jiaoyu": dict(
        area="教育", meeting="{place}教育工作会议", goal="办好人民满意的教育",
        doc="《教育强国建设规划纲要（2024—2035年）》",
        heads=["坚持立德树人，把思政课建设放在首位", "扩大优质资源，推动义务教育优质均衡", "建强教师队伍，激发办学活力"],
        measures=["集团化办学", "课后服务提质", "中小学校新建扩建", "校园安全和食品安全管理", "县管校聘改革"],
        problems=["城区学校大班额", "乡村教师“招不来、留不住”", "学生近视率和肥胖率偏高"],
        stats=["{year}年{place}新建改扩建中小学和幼儿园{k}所，新增学位{n}个，义务教育巩固率达到{score}%。",
               "去年{place}普通高考本科上线率比上年提高了{pct}个百分点。"],
        special=["教育是最大的民生，群众对教育的期盼，就是我们努力的方向。"],
        unit="市教育局", org="市委、市政府"),
    "weijian": dict(
        area="卫生健康", meeting="{place}卫生健康工作会议", goal="推进健康{placename}建设",
        doc="《“健康中国2030”规划纲要》",
        heads=["深化医改，推动优质医疗资源扩容下沉", "补齐短板，提升基层医疗服务能力", "守牢底线，织密公共卫生防护网"],
        measures=["紧密型县域医共体建设", "家庭医生签约服务", "村卫生室标准化建设", "医疗卫生人才培养",
                  "“一老一小”健康服务"],
        problems=["基层医疗机构“接不住”", "看病难看病贵仍有反映", "专业人才流失"],
        stats=["{year}年{place}县域内就诊率达到{score}%，群众在家门口就能看好常见病。",
               "全年{place}累计开展免费健康体检{n}人次，家庭医生重点人群签约率提高了{pct}个百分点。"],
        special=["医者仁心，但仅靠仁心是不够的，还要有好的制度、好的条件把人才留下来。"],
        unit="区卫生健康局", org="区委、区政府"),
    "wenming": dict(
        area="全国文明城市创建", meeting="{place}创建全国文明城市动员大会", goal="全力夺取全国文明城市称号",
        doc="《全国文明城市测评体系》",
        heads=["统一思想，增强创建工作的紧迫感", "对标对表，集中攻坚薄弱环节", "共建共享，让创建成果惠及全体市民"],
        measures=["背街小巷改造", "农贸市场规范提升", "志愿服务常态化", "交通秩序整治", "老旧小区物业管理"],
        problems=["占道经营、乱停乱放", "部分小区环境脏乱差", "市民参与度不高"],
        stats=["在去年的年度测评中，{place}总成绩为{score}分，在全省同类城市中排名第{k}位。",
               "今年以来，{place}已完成{k}条背街小巷改造，注册志愿者达到{n}人。"],
        special=["创建文明城市不是为了一块牌子，而是为了让老百姓生活得更方便、更舒心、更美好。"],
        unit="市文明办", org="市委、市政府"),
    "hehu": dict(
        area="河湖长制", meeting="{place}总河长会议", goal="建设幸福河湖",
        doc="《关于全面推行河湖长制的实施意见》",
        heads=["巩固水环境治理成果", "压实各级河湖长责任", "推进幸福河湖建设"],
        measures=["入河排污口排查整治", "河湖“清四乱”常态化", "农业面源污染治理", "城镇污水管网建设", "河湖长巡河履职"],
        problems=["部分支流水质反复", "个别河段“清四乱”不彻底", "有的河长巡河不到位"],
        stats=["{year}年{place}国考、省考断面水质优良比例达到{score}%，首次实现全部达标。",
               "去年{place}各级河湖长累计巡河{n}人次，整改问题{k}个。"],
        special=["河长不是一个挂名，是一份沉甸甸的责任，河里出了问题，首先要问河长。"],
        unit="县水务局", org="县委、县政府"),
    "qingnian": dict(
        area="青年工作", meeting="{place}纪念五四运动青年座谈会", goal="让青春在奋斗中绽放光彩",
        doc="《中长期青年发展规划（2016—2025年）》",
        heads=["坚定理想信念，做有志气的青年", "勇于担当作为，做有本领的青年", "锤炼品德修为，做有骨气的青年"],
        measures=["青年人才引进计划", "青年就业见习岗位开发", "青年创新创业扶持", "青年志愿服务", "青年人才驿站建设"],
        problems=["青年就业压力加大", "部分青年干部缺少基层历练", "人才外流"],
        stats=["近三年来，{place}累计引进高校毕业生{n}人，其中研究生{k}人。",
               "{year}年{place}共开发青年就业见习岗位{n2}个，见习留用率达到{pct}%。"],
        special=["刚才几位青年代表的发言，让我很受感动，也很受启发。"],
        unit="团市委", org="市委"),
    "minqi": dict(
        area="民营经济", meeting="{place}民营企业家座谈会", goal="促进民营经济发展壮大",
        doc="《关于促进民营经济发展壮大的意见》",
        heads=["坚定信心，民营经济大有可为", "真心实意，为企业解难题办实事", "携手共进，构建亲清政商关系"],
        measures=["涉企问题“直通车”", "中小企业融资增信", "拖欠企业账款清理", "民营企业家培训", "企业家接待日"],
        problems=["融资难融资贵", "政策兑现慢", "用工缺口大"],
        stats=["{year}年{place}民营经济增加值占地区生产总值的比重达到{pct}%，贡献了{score}%的税收。",
               "目前{place}共有民营企业{n}家，规模以上民营工业企业{k}家。"],
        special=["企业有什么诉求，可以直接打电话给我，也可以给分管同志发信息，我们都会认真对待。"],
        unit="市工商联", org="市委、市政府"),
    "yanglao": dict(
        area="养老服务", meeting="{place}养老服务体系建设推进会", goal="让老年人老有所养、老有所乐",
        doc="《关于推进基本养老服务体系建设的意见》",
        heads=["正视老龄化加速带来的挑战", "织密居家社区机构相协调的服务网络", "加强养老服务人才和资金保障"],
        measures=["社区嵌入式养老服务", "老年助餐服务", "特殊困难老年人探访关爱", "公办养老机构改革", "适老化改造"],
        problems=["农村养老服务设施薄弱", "护理人员短缺", "民办机构运营困难"],
        stats=["截至{year}年底，{place}60周岁以上老年人口达到{n}人，占总人口的{pct}%。",
               "去年{place}新建社区老年食堂{k}个，累计服务老年人{n2}万人次。"],
        special=["家家有老人，人人都会老，养老问题是每个家庭都绕不开的事。"],
        unit="区民政局", org="区委、区政府"),
    "chungeng": dict(
        area="春耕生产", meeting="{place}春耕生产暨粮食安全工作会议", goal="确保粮食面积和产量稳中有增",
        doc="《粮食安全保障法》",
        heads=["扛稳粮食安全政治责任", "抓好春耕备耕各项准备", "强化科技和装备支撑"],
        measures=["农资市场保供稳价", "良种良法推广", "撂荒地整治复耕", "农机具检修调配", "病虫害统防统治"],
        problems=["种粮比较效益偏低", "部分地块撂荒", "农业社会化服务不足"],
        stats=["{year}年{place}粮食播种面积稳定在{n2}万亩，总产量达到{k}万吨，再创历史新高。",
               "今年上级下达{place}的粮食播种面积任务比去年增加了{k}千亩。"],
        special=["一年之计在于春，春耕生产误不得农时，更误不得工夫。"],
        unit="县农业农村局", org="县委、县政府"),
}

# Templates shared by all topics; every one names the topic somewhere so that sibling pages differ.
OPEN_JIANGHUA = [
    "今天召开的{meeting_short}，是经{org}研究决定召开的一次重要会议，主要任务是总结{area}工作，分析面临的形势，部署下一阶段任务。",
    "这次会议开得很及时，也很有必要。刚才，几个部门和单位围绕{area}作了交流发言，讲得都很实在，我都赞同。",
    "今年以来，{area}工作取得了一定成效，但离群众期盼还有差距，今天就是要把问题摆出来，把责任压下去。",
]
SITUATION = [
    "过去一年，{place}上下把{m0}作为突破口，一批多年想办而没有办成的事落了地、见了效。",
    "这些成绩来之不易，凝聚着各级各部门和广大干部群众的心血，也为我们做好{area}工作积累了宝贵经验。",
    "在肯定成绩的同时，必须清醒看到，{p0}的问题还没有根本解决，{p1}的现象在个别地方依然存在。",
    "从外部看，周边地区在{area}上你追我赶，我们稍有懈怠就会掉队；从内部看，一些干部对{area}还存在等靠要思想。",
    "对{area}工作面临的困难和问题，我们既不能视而不见，也不要畏难退缩，而是要拿出破解的办法来。",
]
REQUIRE = [
    "要紧紧抓住{m1}这个关键，列出责任清单、时间节点和工作标准，做到件件有着落、事事有回音。",
    "各级各部门要把{area}摆在更加突出的位置，主要负责同志要亲自研究、亲自部署、亲自过问。",
    "要坚持问题导向，围绕{p2}开展专项整治，能立即解决的马上解决，一时解决不了的要明确时限、挂图作战。",
    "要在{m2}上多下功夫，多到基层一线听取意见，让每一项措施都更接地气、更有温度。",
    "要把{area}工作纳入年度综合考核，考核结果与干部评先评优、选拔任用直接挂钩，真正让实干者得实惠。",
    "{m3}不是一时一事的任务，必须久久为功、持续用力，切忌搞运动式、一阵风。",
    "对在{area}工作中推诿扯皮、敷衍塞责的，纪检监察机关要严肃问责，决不姑息迁就。",
    "宣传部门要及时总结推广{area}领域的好经验好做法，营造比学赶超、争先进位的浓厚氛围。",
    "财政部门要统筹安排资金，优先保障{m4}等重点事项，把有限的钱用在刀刃上。",
    "要树立系统观念，{area}涉及面广，相关部门要加强协调联动，防止各自为政、单打独斗。",
]
DOC_LINE = [
    "前不久，我们专门组织学习了{doc}，其中对{area}提出了明确要求，大家会后要逐条对照、抓好落实。",
    "{doc}对{area}作出了系统规定，各地各部门要结合实际细化配套措施，确保各项要求不走样、不变形。",
]
CLOSE_JIANGHUA = [
    "同志们，{area}工作任务艰巨、责任重大。希望大家以时不我待的紧迫感，把今天会议的部署落到实处，为{goal}作出新的更大贡献！",
    "同志们，蓝图已经绘就，关键在于落实。让我们振奋精神、真抓实干，奋力开创{area}工作新局面！",
]
OPEN_BIAOTAI = [
    "刚才，{leader}就{area}工作作了重要讲话，讲得深刻透彻，针对性很强，我们坚决拥护、全面落实。",
    "下面，我代表{unit}作表态发言，请各位领导和同志们监督。",
]
BIAOTAI_POINTS = [
    "一是提高站位抓落实。我们将把{area}作为一把手工程，班子成员分片包干，每月至少研究一次{area}工作。",
    "二是聚焦重点抓落实。围绕{m0}和{m1}两项重点任务，倒排工期、挂图作战，确保按时保质完成。",
    "三是改进作风抓落实。坚持把问题解决在一线，对{p0}等群众反映强烈的问题，做到发现一起、整改一起。",
    "四是强化督导抓落实。建立周调度、月通报制度，对推进缓慢的事项亮灯提醒，绝不让{area}任务在我们手里打折扣。",
]
CLOSE_BIAOTAI = [
    "我们有信心、有决心完成今年的{area}各项目标任务，以实际行动向{org}和{place}人民交上一份满意的答卷。",
]
OPEN_ZHICI = [
    "金秋时节，我们在这里隆重举行{meeting_short}。首先，我代表{org}，向出席今天活动的各位领导和嘉宾表示热烈的欢迎！",
    "近年来，{place}始终把{area}放在重要位置，{m0}和{m1}等工作取得了明显成效，得到了社会各界的广泛认可。",
    "举办这次活动，就是希望搭建一个交流合作的平台，共同探讨{area}的新思路新办法。",
]
CLOSE_ZHICI = [
    "最后，预祝本次{meeting_short}取得圆满成功！祝各位嘉宾身体健康、工作顺利、万事如意！",
]
OPEN_ZUOTAN = [
    "今天我们在这里召开{meeting_short}，主要是听听大家的心里话，共同商量如何把{area}工作做得更好。",
    "刚才，几位同志的发言都很有见地，既讲了成绩和体会，也提出了{p0}等方面的意见建议，有关部门要认真梳理、逐条研究。",
    "借此机会，围绕{area}我讲几点想法，和大家交流。",
]
ZUOTAN_POINTS = [
    "第一，要坚定信心。{area}的发展基础是好的，我们有条件、有能力把这件事办好。",
    "第二，要真抓实干。关于{m2}，{org}已经作了安排，关键是要一件一件落到实处，不能停留在文件上。",
    "第三，要携手同行。{area}工作需要政府、社会和群众共同参与，大家多出主意、多提建议，我们虚心听取。",
]
SHUZHI_INTRO = [
    "根据组织安排，现将本人{year}年度分管{area}工作的履职情况报告如下，请予评议。",
]
SHUZHI_ITEMS = [
    "（一）加强学习，提升履职能力。全年参加中心组学习{k}次，围绕{area}撰写调研报告两篇，其中一篇被{org}采纳。",
    "（二）聚焦主责，推动重点工作。牵头推进{m0}，协调解决{p1}等具体问题，相关工作在全市考核中位列前茅。",
    "（三）廉洁自律，守住纪律底线。严格落实一岗双责，没有利用职务之便为他人谋取私利，没有违反中央八项规定精神的行为。",
]
SHUZHI_GAPS = [
    "对照岗位职责，我也清醒认识到自身还存在一些不足：一是对{area}的前瞻性研究不够，二是深入基层调研的时间偏少，三是抓落实的韧劲还需要加强。",
]
SHUZHI_NEXT = [
    "新的一年，我将在{m3}上持续用力，扬长补短，努力把分管的{area}工作提高到一个新水平。",
    "以上报告，不妥之处，请各位领导和同志们批评指正。",
]

CN_NUM = ["一", "二", "三", "四", "五"]


def fill(tpl: str, ctx: dict) -> str:
    return tpl.format(**ctx)


def speech_context(rng: random.Random, topic: dict, place: str, placename: str, year: int) -> dict:
    m = rng.sample(topic["measures"], 5)
    p = rng.sample(topic["problems"], 3)
    ctx = dict(area=topic["area"], place=place, placename=placename, year=year, year2=year + 1,
               goal=topic["goal"].format(placename=placename), doc=topic["doc"], org=topic["org"],
               unit=topic["unit"], app=rng.choice(["随心办", "掌上通办", "一网通", "便民通"]),
               n=rng.randint(1200, 98000), n2=rng.randint(12, 980), k=rng.randint(3, 48),
               pct=round(rng.uniform(2.1, 19.8), 1), pct2=round(rng.uniform(1.1, 9.8), 1),
               score=round(rng.uniform(86.0, 98.9), 1), leader=rng.choice(["王书记", "李县长", "张书记", "赵县长"]))
    for i in range(5):
        ctx[f"m{i}"] = m[i]
    for i in range(3):
        ctx[f"p{i}"] = p[i]
    ctx["meeting"] = topic["meeting"].format(place=place)
    ctx["meeting_short"] = ctx["meeting"].replace(place, "", 1) if False else ctx["meeting"]
    return ctx


def _join(rng, pool: list[str], k: int, ctx: dict) -> str:
    return "".join(fill(t, ctx) for t in rng.sample(pool, k))


def make_speech(rng: random.Random, topic: dict, genre: str, ctx: dict, extras: dict) -> list[str]:
    """The speech paragraphs (simplified). `extras` switches realistic features on."""
    special = [fill(s, ctx) for s in topic["special"]]
    stats = [fill(s, ctx) for s in topic["stats"]]
    paras: list[str] = []
    if extras.get("own_heading"):
        paras.append(extras["own_heading"])
    if extras.get("date_line"):
        paras.append(extras["date_line"])
    if genre == "jianghua":
        paras.append("同志们：")
        paras.append(_join(rng, OPEN_JIANGHUA, 2, ctx))
        paras.append(fill(rng.choice(["下面，就做好{area}工作，我讲三点意见。", "下面，我就{area}讲三点意见。",
                                      "围绕{area}，我再强调三个方面。"]), ctx))
        heads = topic["heads"]
        sit = rng.sample(SITUATION, 4)
        req = rng.sample(REQUIRE, 6)
        paras.append(f"一、{heads[0]}")
        paras.append(stats[0] + fill(sit[0], ctx))
        paras.append(fill(sit[1], ctx) + fill(sit[2], ctx) + special[0])
        paras.append(f"二、{heads[1]}")
        paras.append(fill(req[0], ctx) + fill(req[1], ctx))
        paras.append(fill(rng.choice(DOC_LINE), ctx))
        paras.append(fill(req[2], ctx) + stats[1])
        paras.append(f"三、{heads[2]}")
        paras.append(fill(req[3], ctx) + fill(req[4], ctx) + "".join(special[1:2]))
        paras.append(fill(req[5], ctx) + "".join(special[2:3]) + fill(sit[3], ctx))
        paras.append(fill(rng.choice(CLOSE_JIANGHUA), ctx))
        if extras.get("thanks"):
            paras.append("谢谢大家！")
    elif genre == "biaotai":
        paras.append(f"尊敬的{ctx['leader']}，各位领导、同志们：")
        paras.append(fill(OPEN_BIAOTAI[0], ctx) + fill(OPEN_BIAOTAI[1], ctx))
        paras.append(stats[0] + fill(rng.choice(SITUATION[2:]), ctx))
        for pt in BIAOTAI_POINTS:
            paras.append(fill(pt, ctx))
        paras.append(special[0] + fill(rng.choice(REQUIRE), ctx))
        paras.append(fill(rng.choice(DOC_LINE), ctx) + stats[1])
        paras.append(fill(CLOSE_BIAOTAI[0], ctx))
        paras.append("谢谢！")
    elif genre == "zhici":
        paras.append("尊敬的各位领导、各位来宾，女士们、先生们，朋友们：")
        paras.append("大家上午好！")
        paras.append(fill(OPEN_ZHICI[0], ctx))
        paras.append(fill(OPEN_ZHICI[1], ctx) + stats[0])
        paras.append(fill(OPEN_ZHICI[2], ctx) + special[0])
        for s in special[1:]:
            paras.append(s + fill(rng.choice(REQUIRE), ctx))
        paras.append(fill(rng.choice(DOC_LINE), ctx) + stats[1])
        paras.append(_join(rng, REQUIRE, 2, ctx))
        paras.append(fill(CLOSE_ZHICI[0], ctx))
        paras.append("谢谢大家！")
    elif genre == "zuotan":
        paras.append("同志们、朋友们：")
        paras.append(fill(OPEN_ZUOTAN[0], ctx) + fill(OPEN_ZUOTAN[1], ctx))
        paras.append(special[0] + stats[0])
        paras.append(fill(OPEN_ZUOTAN[2], ctx))
        req = rng.sample(REQUIRE, 3)
        for i, pt in enumerate(ZUOTAN_POINTS):
            paras.append(fill(pt, ctx) + fill(req[i], ctx))
        paras.append(fill(rng.choice(DOC_LINE), ctx) + stats[1] + "".join(special[1:]))
        paras.append(fill(rng.choice(CLOSE_JIANGHUA), ctx).replace("同志们，", "同志们、朋友们，"))
    elif genre == "shuzhi":
        paras.append("尊敬的各位领导、同志们：")
        paras.append(fill(SHUZHI_INTRO[0], ctx))
        paras.append("一、主要工作情况")
        for it in SHUZHI_ITEMS:
            paras.append(fill(it, ctx))
        paras.append(stats[0] + stats[1] + "".join(special[:1]))
        paras.append("二、存在的不足")
        paras.append(fill(SHUZHI_GAPS[0], ctx))
        paras.append("三、下一步打算")
        paras.append(fill(rng.choice(DOC_LINE), ctx) + fill(SHUZHI_NEXT[0], ctx))
        paras.append(SHUZHI_NEXT[1])
    else:
        raise ValueError(genre)
    return paras


def speech_title(genre: str, ctx: dict, speaker: str | None) -> tuple[str, str | None, str | None]:
    """(title, speaker, occasion) as docs/ground-truth.md defines them."""
    meeting = ctx["meeting"]
    if genre == "biaotai":
        return f"在{meeting}上的发言", None, meeting
    if genre == "shuzhi":
        return f"{ctx['year']}年度分管{ctx['area']}工作述职报告", None, None
    if genre == "zhici":
        return f"{speaker}在{meeting}上的致辞", speaker, meeting
    return (f"{speaker}在{meeting}上的讲话" if speaker else f"在{meeting}上的讲话"), speaker, meeting


# ---------------------------------------------------------------------------------------------
# Junk bank: every slot has many wordings, combined so that no two pages share a sentence.
# ---------------------------------------------------------------------------------------------

GENRE_WORD = {"jianghua": "讲话稿", "biaotai": "表态发言", "zhici": "致辞", "zuotan": "座谈会讲话", "shuzhi": "述职报告"}
SECTIONS = ["领导讲话", "表态发言", "述职报告", "心得体会", "工作总结", "开幕致辞", "主持词", "党课讲稿", "调研报告",
            "演讲稿", "工作计划", "座谈发言"]
NAMES = ["林晓", "周蔚", "陈默", "吴桐", "郑一凡", "许诺", "沈曼", "韩冬", "顾北", "宋清", "唐果", "温言", "贺兰",
         "秦川", "苏木", "叶知秋", "江离", "白露", "程远", "方圆"]
NICKS = ["笔杆子老周", "公文小白", "基层打工人", "写材料的小李", "城南旧事", "青柠", "一只鹿", "蓝色海岸",
         "稿子写不完", "晨曦微露", "老街坊", "向阳而生", "追风少年", "文字搬运工", "深夜加班狗", "小镇做题家",
         "山高水长", "秋水长天", "半盏茶", "听雨轩主"]

PROMO_A = [
    "本篇{gw}由{site}编辑从网络收集整理",
    "这份“{t}”是{site}为您精心挑选的{gw}",
    "{site}特别整理了这篇{gw}《{t}》",
    "以下{gw}经本站编辑校对后发布",
    "小编今天为大家带来一篇关于{area}的{gw}",
    "您正在阅读的《{t}》收录于{site}{sec}专栏",
    "这篇{area}方面的{gw}是本站近期阅读量较高的文章",
    "站长推荐：《{t}》已被众多网友收藏",
    "为方便各位写材料，本站汇编了这篇{gw}",
    "本文《{t}》属于{site}{sec}栏目",
]
PROMO_B = [
    "仅供学习交流参考",
    "欢迎各位读者借鉴使用",
    "希望能给您的写作带来一点启发",
    "供您撰写材料时对照参考",
    "请结合本单位实际修改后使用",
    "觉得有用可以收藏本页",
    "如有需要可以转发给同事",
    "祝您工作顺利、材料一次过",
    "更多同类文章请继续浏览本站",
    "希望对正在加班写稿的你有所帮助",
]
PROMO_SEC = [
    "想找更多{sec}范文，请点击顶部导航进入「{sec}」频道",
    "更多精彩{sec}，尽在{site}{sec}专区",
    "还没找到合适的？去{sec}栏目看看，每天更新",
    "延伸阅读：本站{sec}栏目收录了上千篇同类文章",
    "同类{sec}合集已经上线，欢迎前往本站查阅",
    "写{sec}没思路？{site}{sec}频道帮你理清框架",
    "点此进入{sec}大全，海量范文免费看",
    "喜欢这篇文章的人也在看{sec}栏目的热门文章",
]
SELFAD = [
    "{site}承接各类讲话稿、述职报告、汇报材料代写，资深笔杆子一对一服务，咨询热线：{phone}",
    "材料写不出来？{site}专业写手团队为您量身定制，原创保过，微信同号{mobile}",
    "本站提供公文润色、查重降重服务，24小时内交稿，客服QQ：{qq}",
    "需要原创{gw}请联系{site}在线客服，加急稿件当天可取，电话{phone}",
    "{site}写作会员限时特惠，开通即送{k}篇原创稿件定制，详询{mobile}",
    "机关单位材料代笔，十年经验老写手执笔，不满意免费修改，联系人：{name}老师 {mobile}",
    "开通{site}年度会员，海量范文无限下载，还可一对一定制，客服电话{phone}",
    "领导讲话、经验材料、调研报告均可定制，{site}写作中心欢迎来电：{phone}",
]
FOLLOW = [
    "微信搜索公众号「{gzh}」，回复“{kw}”即可领取全套{gw}模板",
    "关注{site}官方公众号并设为星标，每天早上八点推送最新范文",
    "扫描下方二维码添加写作助手微信（{wx}），拉你进材料交流群",
    "长按识别二维码关注「{gzh}」，后台回复关键词“{kw}”获取Word原文",
    "别忘了把「{gzh}」设为星标★，不然就收不到每日推送啦",
    "想第一时间看到新稿？点击上方蓝字关注{gzh}",
    "关注本站抖音号{gzh}，每晚直播拆解公文写作技巧",
    "加入{site}读者QQ群{qq}，与上万名笔杆子一起交流",
]
DOWNLOAD_LINES = [
    ["文档格式：{fmt}", "页数：{pages}页", "文件大小：{size}KB", "所需积分：{pts}"],
    ["【下载本文Word版】", "本文档共{pages}页，约{words}字，下载需消耗{pts}个下载券"],
    ["资料类型：{fmt}文档 | 共{pages}页 | {size}KB", "立即下载", "加入收藏"],
    ["▶ 点击下载《{t}》完整版（{fmt}，{size}KB）", "会员免费下载，非会员需支付{pts}元"],
    ["下载地址：本地高速下载", "温馨提示：下载后请用WPS或Office打开", "下载次数：{views}"],
    ["文件：{t}.{ext}", "大小：{size}KB　下载：{views}次", "下载此文档"],
]
PAYWALL_LINE = [
    "剩余{words}字未显示，开通VIP会员即可阅读全文",
    "试读已结束，登录后继续阅读剩余内容",
    "本文为付费内容，支付{pts}元后可查看全部{words}字",
    "篇幅所限，此处仅展示部分内容，完整版请下载附件",
    "——以上为试读部分，全文请开通会员——",
    "未登录用户仅可浏览前三段，请先注册登录",
    "点击展开全文（还有{words}字）",
    "此处内容已隐藏，转发本文到朋友圈后即可查看",
]
PAYWALL_GLUED = [
    "……此处隐藏{words}个字……",
    "（余下{words}字需登录后查看）",
    "【VIP专享内容，已折叠{words}字】",
    "……（试读结束，开通会员看全文）",
    "（本段剩余内容已隐藏）",
    "……付费后可查看完整段落……",
]
PAGEBREAK = [
    "〔第{n}页〕", "»» 接第{n}页 ««", "=== {n}/{m} ===", "··· 本文第{n}部分 ···", "【续页 {n}/{m}】",
    "▼ 翻到第{n}页 ▼", "（本文共{m}页，当前第{n}页）", "◇ P{n} ◇", "— 分页 {n} —", "〈第{cn}页〉",
    "[ 第{n}页 / 共{m}页 ]", "—— 下接第{n}页 ——", "☞ 第{cn}页 ☜", "·第{n}节·", "【P{n}/{m}】", "第{cn}部分（{n}/{m}）",
    "〖续〗第{n}页", "┈┈ {n} ┈┈", "（接上页·{n}）", "→ {n}/{m} ←", "§{n}", "◎ 第{n}屏 ◎", "〔续{cn}〕", "-- page {n} of {m} --",
]
DISCLAIMER = [
    "声明：本站部分内容来源于网友投稿，版权归原作者所有，如有侵权请联系我们删除",
    "免责声明：本文观点不代表{site}立场，仅供参考，请勿用于商业用途",
    "特别提示：本页内容由用户上传，{site}仅提供存储空间，不对内容真实性负责",
    "转载请注明来源：{site}（{host}），未经许可不得复制",
    "本文版权归原作者所有，{site}转载仅为传播更多信息，若有不妥请告知",
    "郑重声明：范文仅作写作参考，照搬照抄引起的一切后果由使用者自负",
    "如您认为本文侵犯了您的权益，请发送邮件至{mail}，我们将在三个工作日内处理",
]
EDITOR = [
    "（责任编辑：{name}）", "本文由{site}编辑{name}整理发布", "编辑：{name}　审核：{name2}",
    "【编者按】本文整理自网络公开资料，由{name}校对", "文字整理：{name}｜排版：{name2}", "—— 本文由{nick}投稿，{name}编辑 ——",
    "（本文由{site}文字组{name}录入）",
]
DAODU = [
    "【导读】这是一篇{area}方面的{gw}，全文共分三个部分，结构清晰，可供写作时参考。",
    "内容摘要：本文围绕{area}展开，总结了成绩，分析了问题，提出了下一步要求，全文约{words}字。",
    "文章简介：《{t}》，适用于{area}相关会议场合，推荐指数★★★★☆。",
    "【本文看点】{area}工作怎么讲？这篇{gw}给出了一个完整的框架。",
    "阅读提示：本文约{words}字，预计阅读时间{mins}分钟。",
]
WATERMARK = [
    "{host} {site}", "本文来自{site}：{host}", "{rand}{site}{rand2}", "更多范文请访问{host}", "www.{host2}",
    "{site}原创首发", "{rand}", "来源网址：http://{host}/{rand2}", "※{site}※", "版权所有 {host}",
]
SHARE = [
    "分享到：微信　微博　QQ空间　复制链接", "分享：朋友圈 | 新浪微博 | QQ好友", "打印本页　关闭窗口　字号：大 中 小",
    "一键分享 ➜ 微信 / 钉钉 / QQ", "收藏本文　举报　分享", "【字体：大 中 小】【打印】【关闭】",
    "喜欢就点个赞吧 👍 {views}", "转发给同事　复制链接　生成海报",
]
COMMENT_TEXTS = [
    "写得很实在，第二部分的框架正好用得上，感谢分享。",
    "请问有没有Word版的？复制出来格式全乱了。",
    "我们单位下周也要开类似的会，借鉴一下。",
    "结构很清楚，就是个别表述有点老了。",
    "收藏了，领导让我明天交初稿，救急了！",
    "数据那段改成我们县的就能用，好评。",
    "楼主辛苦，能不能再发一篇表态发言的？",
    "有些句子太套路了，不过整体还行。",
    "顶一下，这种稿子网上不好找。",
    "第三部分的几条要求写得很到位。",
    "作为一个刚进机关的新人，这篇帮了大忙。",
    "感觉开头可以再精炼一点。",
    "已经照着改了一版，领导还挺满意的。",
    "不错不错，比我自己写的强多了。",
    "能否出一期如何写讲话稿的教程？",
    "这个站的东西越来越多了，常来看看。",
    "学习了，里面有几句话可以直接引用。",
    "同问，有没有完整版下载链接？",
]


class Rng(random.Random):
    pass


class Junk:
    """The junk of one page: text (in the page script) -> kind, with global uniqueness of sentences."""

    used: set[str] = set()

    def __init__(self, rng: random.Random, cv, site: dict, title_s: str, ctx: dict, genre: str):
        self.rng, self.cv, self.site, self.t, self.ctx, self.genre = rng, cv, site, title_s, ctx, genre
        self.items: list[tuple[str, str]] = []  # (text in script, "type/position")

    def vals(self) -> dict:
        r = self.rng
        return dict(site=self.site["name"], host=self.site["host"], host2=self.site["host"].replace("www.", ""),
                    t=self.t, area=self.ctx["area"], gw=GENRE_WORD[self.genre], sec=r.choice(SECTIONS),
                    phone=f"400-{r.randint(100, 999)}-{r.randint(1000, 9999)}",
                    mobile=f"1{r.choice('3578')}{r.randint(0, 9)}{r.randint(1000, 9999)}{r.randint(1000, 9999)}",
                    qq=str(r.randint(10000000, 999999999)), name=r.choice(NAMES), name2=r.choice(NAMES),
                    nick=r.choice(NICKS), gzh=self.site["gzh"], kw=r.choice(["讲话", "范文", "材料", "模板", "表态"]) + str(r.randint(1, 99)),
                    wx=f"{self.site['wxid']}{r.randint(10, 99)}", fmt=r.choice(["DOC", "DOCX", "PDF", "WPS"]),
                    ext=r.choice(["doc", "docx"]), pages=r.randint(3, 12), size=round(r.uniform(18, 260), 1),
                    pts=r.randint(1, 9), words=r.randint(900, 6800), views=r.randint(120, 9800),
                    mins=r.randint(5, 19), k=r.randint(2, 6), mail=f"jubao{r.randint(10, 99)}@{self.site['host'].replace('www.', '')}",
                    rand="".join(r.choice("ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789") for _ in range(r.randint(7, 12))),
                    rand2="".join(r.choice("abcdefghjkmnpqrstuvwxyz0123456789") for _ in range(8)))

    def draw(self, pool: list[str], repeat_ok: bool = False, **extra) -> str:
        for _ in range(200):
            v = self.vals()
            v.update(extra)
            s = self.rng.choice(pool).format(**v)
            if s not in Junk.used:
                Junk.used.add(s)
                return s
        if repeat_ok:
            return s
        raise RuntimeError("junk bank exhausted")

    def add(self, kind: str, pos: str, text_s: str) -> str:
        """Register a junk string (simplified source) at kind/pos; returns it in the page script."""
        text = self.cv(text_s)
        self.items.append((text, f"{kind}/{pos}"))
        return text

    # the slots
    def promo(self, pos: str) -> str:
        r = self.rng
        if r.random() < 0.4:
            return self.add("promo", pos, self.draw(PROMO_SEC) + r.choice(["。", "！", "~", "。"]))
        for _ in range(200):
            v = self.vals()
            s = r.choice(PROMO_A).format(**v) + r.choice(["，", "，", "；"]) + r.choice(PROMO_B).format(**v) + "。"
            if s not in Junk.used:
                Junk.used.add(s)
                return self.add("promo", pos, s)
        raise RuntimeError

    def selfad(self, pos):
        return self.add("selfad", pos, self.draw(SELFAD))

    def follow(self, pos):
        return self.add("follow", pos, self.draw(FOLLOW))

    def paywall(self, pos):
        return self.add("paywall", pos, self.draw(PAYWALL_GLUED if pos == "glued" else PAYWALL_LINE))

    def pagebreak(self, pos, n, m):
        return self.add("pagebreak", pos, self.draw(PAGEBREAK, repeat_ok=True, n=n, m=m, cn=CN_NUM[n - 1]))

    def disclaimer(self, pos):
        return self.add("copyright", pos, self.draw(DISCLAIMER))

    def editor(self, pos):
        return self.add("editor", pos, self.draw(EDITOR))

    def daodu(self, pos):
        return self.add("daodu", pos, self.draw(DAODU))

    def watermark(self, pos):
        return self.add("watermark", pos, self.draw(WATERMARK))

    def share(self, pos):
        return self.add("share", pos, self.draw(SHARE))

    def download(self, pos) -> list[str]:
        box = self.rng.choice(DOWNLOAD_LINES)
        v = self.vals()
        out = []
        for line in box:
            s = line.format(**v)
            if s in Junk.used and "{" not in line:
                pass  # fixed button wording ("立即下载") may repeat: it is a button, not a sentence
            Junk.used.add(s)
            out.append(self.add("download", pos, s))
        return out


# ---------------------------------------------------------------------------------------------
# A page in the making: text-column blocks, truth, junk.
# ---------------------------------------------------------------------------------------------


class Para:
    """A body paragraph: segments (text, junk-kind or None, hidden?)."""

    def __init__(self, text: str):
        self.segs: list[tuple[str, str | None, bool]] = [(text, None, False)]

    def truth(self) -> str:
        return "".join(t for t, k, h in self.segs if k is None)


def split_sentence(text: str, rng: random.Random) -> tuple[str, str] | None:
    """Split a paragraph after a '，' or '。' in its middle part (for glued junk)."""
    idx = [i for i, ch in enumerate(text) if ch in "，。；" and 6 < i < len(text) - 6]
    if not idx:
        return None
    i = rng.choice(idx) + 1
    return text[:i], text[i:]


def plan_column(rng: random.Random, junk: Junk, paras_t: list[str], family: str, cut_paywall: bool,
                inside_kinds: list[str], glued_kinds: list[str], hidden_n: int, top_kinds: list[str],
                bottom_kinds: list[str], pagebreaks: int) -> tuple[list, list[str]]:
    """Blocks of the text column: ("p", Para) / ("j", text) / ("box", [texts]); and the truth paragraphs."""
    paras = [Para(t) for t in paras_t]
    # glued junk: never in the first two paragraphs, only in long paragraphs
    long_idx = [i for i, p in enumerate(paras_t) if i >= 2 and len(p) > 40]
    rng.shuffle(long_idx)
    for kind in glued_kinds:
        if not long_idx:
            break
        i = long_idx.pop()
        p = paras[i]
        text = p.segs[0][0]
        if kind in ("promo", "follow", "selfad"):
            j = getattr(junk, kind)("glued")
            p.segs = [(text, None, False), (j, kind, False)]
        else:
            sp = split_sentence(text, rng)
            if not sp:
                continue
            j = getattr(junk, kind)("glued")
            p.segs = [(sp[0], None, False), (j, kind, False), (sp[1], None, False)]
    for _ in range(hidden_n):
        cand = [i for i, p in enumerate(paras) if len(p.segs) == 1 and len(paras_t[i]) > 30 and i >= 1]
        if not cand:
            break
        i = rng.choice(cand)
        sp = split_sentence(paras_t[i], rng)
        if not sp:
            continue
        kind = rng.choice(["watermark", "watermark", "selfad", "disclaimer"])
        j = getattr(junk, kind)("hidden")
        paras[i].segs = [(sp[0], None, False), (j, kind, True), (sp[1], None, False)]
    cut_at = None
    if cut_paywall:
        # the site shows the speech up to a point, then a paywall prompt: the truth is what is shown
        cand = [i for i in range(len(paras) // 2, len(paras) - 2) if len(paras_t[i]) > 40]
        cut_at = rng.choice(cand) if cand else len(paras) - 2
        sp = split_sentence(paras_t[cut_at], rng)
        j = junk.add("paywall", "glued", junk.draw(PAYWALL_GLUED))
        if sp:
            paras[cut_at].segs = [(sp[0], None, False), (j, "paywall", False)]
        paras = paras[: cut_at + 1]
    blocks: list = []
    for k in top_kinds:
        if k == "download":
            blocks.append(("box", junk.download("top")))
        else:
            blocks.append(("j", getattr(junk, k)("top")))
    inside_slots = list(range(2, len(paras) - 1))
    rng.shuffle(inside_slots)
    where: dict[int, list[str]] = {}
    n_pages = pagebreaks + 1
    pb_slots = sorted(inside_slots[:pagebreaks])
    for n, s in enumerate(pb_slots, start=2):
        where.setdefault(s, []).append(("pagebreak", n, n_pages))
    for k in inside_kinds:
        if not inside_slots:
            break
        s = rng.choice(inside_slots)
        where.setdefault(s, []).append((k,))
    for i, p in enumerate(paras):
        for item in where.get(i, []):
            if item[0] == "pagebreak":
                blocks.append(("j", junk.pagebreak("inside", item[1], item[2])))
            elif item[0] == "paywall":
                blocks.append(("j", junk.paywall("inside")))
            else:
                blocks.append(("j", getattr(junk, item[0])("inside")))
        blocks.append(("p", p))
    if cut_at is not None:
        blocks.append(("j", junk.paywall("bottom")))
    for k in bottom_kinds:
        if k == "download":
            blocks.append(("box", junk.download("bottom")))
        else:
            blocks.append(("j", getattr(junk, k)("bottom")))
    truth = [p.truth().strip(" \u3000\xa0") for p in paras]
    return blocks, [t for t in truth if t]


# ---------------------------------------------------------------------------------------------
# Site families
# ---------------------------------------------------------------------------------------------

SITES = {
    "jinshi": dict(name="金石范文站", host="www.jinshifw.net", gzh="金石笔记", wxid="jinshi_fw",
                   cats=[("领导讲话", "Class_5"), ("表态发言", "Class_8"), ("述职报告", "Class_9"), ("工作总结", "Class_3"),
                         ("心得体会", "Class_6")]),
    "qiyun": dict(name="栖云公文网", host="www.qiyunwen.com", gzh="栖云公文", wxid="qiyun",
                  cats=[("讲话致辞", "jianghua"), ("表态发言", "biaotai"), ("述职述廉", "shuzhi"), ("调研报告", "diaoyan"),
                        ("党建材料", "dangjian")]),
    "luntan": dict(name="同心公文论坛", host="bbs.tongxinwen.org", gzh="同心公文圈", wxid="txgw",
                   cats=[("讲话稿交流", "fid-12"), ("述职报告", "fid-15"), ("材料求助", "fid-20"), ("写作技巧", "fid-7")]),
    "wenku": dict(name="墨卷文库", host="www.mojuanwk.com", gzh="墨卷文库", wxid="mojuan",
                  cats=[("党政司法", "dzsf"), ("行业资料", "hyzl"), ("工作范文", "gzfw"), ("教育专区", "jyzq")]),
}


def conv_for(script: str):
    if script == "simplified":
        return lambda s: s
    variant = {"traditional": "zh-hant", "tw": "zh-tw", "hk": "zh-hk"}[script]
    return lambda s: zhconv.convert(s, variant)


class PageOut:
    def __init__(self, family: str, slug: str, url: str, kind: str, script: str, encoding: str, http_charset):
        self.family, self.slug, self.url, self.kind, self.script = family, slug, url, kind, script
        self.encoding, self.http_charset = encoding, http_charset
        self.html = ""
        self.expected: dict = {}
        self.must_contain: list[str] = []
        self.junk: list[tuple[str, str]] = []
        self.comment_dates: list[str] = []
        self.list_items: list[str] = []
        self.segments: list[str] = []  # body pieces between junk (for the self-check only)
        self.note = ""

    def write(self, out: Path) -> None:
        d = out / self.family
        d.mkdir(parents=True, exist_ok=True)
        (d / f"{self.slug}.html").write_bytes(self.html.encode(self.encoding, errors="xmlcharrefreplace"))
        kinds: dict[str, str] = {}
        for text, k in self.junk:
            if squeeze(text) and text not in kinds:
                kinds[text] = k
        meta = {"url": self.url, "family": self.family, "encoding": self.encoding, "http_charset": self.http_charset,
                "kind": self.kind, "script": self.script, "note": self.note, "expected": self.expected,
                "must_contain": self.must_contain, "must_not_contain": list(kinds), "junk_kinds": kinds,
                "comment_dates": self.comment_dates}
        if self.list_items:
            meta["list_items"] = self.list_items
        (d / f"{self.slug}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def check_page(p: PageOut) -> None:
    """The truth must be self-consistent: no junk string inside a body, every body text in the HTML."""
    bodies = [s["body"] for s in p.expected.get("speeches", [])]
    sq_bodies = [squeeze(b) for b in bodies]
    for text, k in p.junk:
        sq = squeeze(text)
        if sq and any(sq in b for b in sq_bodies):
            raise AssertionError(f"{p.family}/{p.slug}: junk {text!r} ({k}) is inside the truth body")
    page_text = squeeze(html.unescape(re.sub(r"<[^>]+>", "", p.html)))
    for seg in p.segments or [line for b in bodies for line in b.split("\n")]:
        if squeeze(seg) not in page_text:
            raise AssertionError(f"{p.family}/{p.slug}: body text not in the HTML: {seg[:40]}")
    for m in p.must_contain:
        assert any(squeeze(m) in b for b in sq_bodies), (p.slug, m)
    if p.expected.get("published"):
        assert p.expected["published"] not in p.comment_dates


def fmt_date(rng, y, mo, d, style: str) -> str:
    hh, mm, ss = rng.randint(7, 22), rng.randint(0, 59), rng.randint(0, 59)
    return {
        "iso": f"{y}-{mo:02d}-{d:02d} {hh:02d}:{mm:02d}",
        "isos": f"{y}-{mo:02d}-{d:02d} {hh:02d}:{mm:02d}:{ss:02d}",
        "asp": f"{y}-{mo}-{d} {hh}:{mm:02d}:{ss:02d}",
        "cn": f"{y}年{mo}月{d}日",
        "slash": f"{y}/{mo:02d}/{d:02d}",
        "dz": f"{y}-{mo}-{d} {hh:02d}:{mm:02d}",
    }[style]


def later_dates(rng, y, mo, d, n) -> list[tuple[int, int, int]]:
    out = []
    cur = (y, mo, d)
    for _ in range(n):
        yy, mm, dd = cur
        dd += rng.randint(1, 40)
        while dd > 28:
            dd -= 28
            mm += 1
        while mm > 12:
            mm -= 12
            yy += 1
        cur = (yy, mm, dd)
        out.append(cur)
    return out


def make_comments(rng, junk: Junk, pos_y, pos_m, pos_d, n, style: str) -> list[tuple[str, str, str]]:
    """(name, time string, text) comments, every one registered as comment/after; dates after the post."""
    out = []
    texts = rng.sample(COMMENT_TEXTS, n)
    for (y, mo, d), t in zip(later_dates(rng, pos_y, pos_m, pos_d, n), texts):
        nick = rng.choice(NICKS) + (str(rng.randint(1, 99)) if rng.random() < 0.5 else "")
        when = fmt_date(rng, y, mo, d, style)
        # a comment may be quoted on several pages: vary it with a tail so that no page repeats another
        tail = rng.choice(["", "", "~", "！", "[赞]", "（手动点赞）", "，mark一下", "，谢谢楼主", "。"])
        text = t + tail
        while text in Junk.used:
            text = t[:-1] + rng.choice(["呀。", "啊！", "哈。", "～", "!!", "……", "哦。", "嘛。", "耶！"])
        Junk.used.add(text)
        junk.add("comment", "after", text)
        junk.add("comment", "after", nick)  # the commenter's name
        junk.add("comment", "after", when)
        out.append((junk.cv(nick), junk.cv(when), junk.cv(text), f"{y}-{mo:02d}-{d:02d}"))
    return out


RELATED_LINE = ["相关阅读：{rt}", "推荐：{rt}", "你可能还想看 → {rt}", "【延伸阅读】{rt}", "猜你喜欢：{rt}", "同类好文：{rt}",
                "热门推荐 | {rt}", "读了本文的人还读了：{rt}"]
SPEAKERS = ["市长", "副市长", "县长", "副县长", "区长", "市委书记", "县委书记", "区委书记", "局长", "副区长", "镇党委书记"]
PLACES = {"jinshi": ("全县", "本县"), "qiyun": ("全市", "本市"), "luntan": ("全区", "本区"), "wenku": ("全市", "本市")}


def other_titles(rng: random.Random, exclude: str, n: int) -> list[str]:
    keys = [k for k in TOPICS if k != exclude]
    out = []
    while len(out) < n:
        k = rng.choice(keys)
        place = rng.choice(["全市", "全县", "全区", "全镇"])
        meeting = TOPICS[k]["meeting"].format(place=place)
        shape = rng.randrange(5)
        if shape == 0:
            t = f"{rng.choice(SPEAKERS)}在{meeting}上的讲话"
        elif shape == 1:
            t = f"在{meeting}上的表态发言"
        elif shape == 2:
            t = f"{rng.randint(2019, 2024)}年度{TOPICS[k]['area']}工作述职报告"
        elif shape == 3:
            t = f"{TOPICS[k]['area']}工作心得体会（精选{rng.randint(3, 9)}篇）"
        else:
            t = f"{rng.choice(SPEAKERS)}在{meeting}上的讲话提纲"
        if t not in out:
            out.append(t)
    return out


def related(junk: Junk, pos: str) -> str:
    rt = other_titles(junk.rng, "", 1)[0]
    return junk.add("related", pos, junk.draw(RELATED_LINE, rt=rt))


Junk.related = related


def random_plan(rng: random.Random, family: str) -> dict:
    top_pool = {"jinshi": ["promo", "daodu", "editor", "watermark"], "qiyun": ["promo", "daodu", "editor", "follow"],
                "luntan": ["promo", "editor", "follow"], "wenku": ["daodu", "promo", "watermark"]}[family]
    plan = dict(
        top=rng.sample(top_pool, rng.randint(1, 2)),
        inside=rng.sample(["promo", "follow", "selfad", "watermark", "paywall", "related", "promo"], rng.randint(2, 3)),
        glued=rng.sample(["promo", "follow", "watermark", "paywall", "selfad", "watermark"], rng.randint(1, 2)),
        hidden=rng.randint(0, 1),
        bottom=rng.sample(["promo", "copyright", "editor", "follow", "selfad", "download", "share", "watermark",
                           "related"], rng.randint(2, 4)),
        pagebreaks=rng.choice([0, 1, 1, 2]),
        cut=False,
    )
    plan["bottom"] = [("disclaimer" if k == "copyright" else k) for k in plan["bottom"]]
    return plan


OWN_HEADINGS = ["凝心聚力抓落实，奋勇争先谋发展", "以钉钉子精神推动各项任务落地见效", "守正创新，实干担当，奋力跑出加速度",
                "坚持人民至上，用心用情办好民生实事", "在新起点上奋力开创工作新局面", "拧成一股绳，干出新气象"]


class Article:
    """Everything a family renderer needs for one article page."""

    def __init__(self, family: str, idx: int, spec: dict, rng: random.Random):
        self.family, self.spec, self.rng = family, spec, rng
        site = SITES[family]
        self.site = site
        self.cv = conv_for(spec["script"])
        place, placename = PLACES[family]
        y, mo, d = spec["date"]
        topic = TOPICS[spec["topic"]]
        self.ctx = speech_context(rng, topic, place, placename, y)
        title_s, speaker, occasion = speech_title(spec["genre"], self.ctx, spec.get("speaker"))
        self.title_s = title_s
        extras = dict(thanks=rng.random() < 0.5)
        if rng.random() < 0.35:
            free = [h for h in OWN_HEADINGS if (family, h) not in Junk.used]
            if free:
                extras["own_heading"] = rng.choice(free)
                Junk.used.add((family, extras["own_heading"]))
        if rng.random() < 0.4:
            if d > 10:
                yy, mm, dd = y, mo, d - rng.randint(1, 9)
            else:
                yy, mm, dd = (y, mo - 1, rng.randint(12, 28)) if mo > 1 else (y - 1, 12, rng.randint(12, 28))
            extras["date_line"] = f"（{yy}年{mm}月{dd}日）"
        paras_s = make_speech(rng, topic, spec["genre"], self.ctx, extras)
        self.junk = Junk(rng, self.cv, site, title_s, self.ctx, spec["genre"])
        plan = spec.get("plan") or random_plan(rng, family)
        plan.update(spec.get("plan_over", {}))
        self.plan = plan
        blocks_s, truth_s = plan_column(rng, self.junk, paras_s, family, plan["cut"], plan["inside"], plan["glued"],
                                        plan["hidden"], plan["top"], plan["bottom"], plan["pagebreaks"])
        # convert the body pieces (the junk is converted when registered)
        self.blocks = []
        for b in blocks_s:
            if b[0] == "p":
                p = Para("")
                p.segs = [(self.cv(t) if k is None else t, k, h) for t, k, h in b[1].segs]
                self.blocks.append(("p", p))
            else:
                self.blocks.append(b)
        self.body_lines = [p.truth().strip(" \u3000\xa0") for kind, p in self.blocks if kind == "p"]
        self.body_lines = [t for t in self.body_lines if t]
        self.title = self.cv(title_s)
        self.speaker = self.cv(speaker) if speaker else None
        self.occasion = self.cv(occasion) if occasion else None
        self.date = (y, mo, d)
        self.published = None if spec.get("no_date") else f"{y}-{mo:02d}-{d:02d}"
        cat = site["cats"][spec.get("cat", 0)]
        self.cat_s, self.cat_slug = cat
        self.cat = self.cv(self.cat_s)
        self.tags = [self.cv(x) for x in dict.fromkeys([topic["area"], GENRE_WORD[spec["genre"]],
                                                          rng.choice(["领导讲话", "会议讲话", "公文写作", "范文"])])]
        self.author = None
        self.breadcrumbs: list[str] = []
        self.comments: list = []
        # must_contain: the tricky body lines
        mc = []
        for line in paras_s:
            if line in ("同志们：", "谢谢大家！", "谢谢！") or line.startswith(("一、", "（一）")) or "《" in line \
                    or "%" in line or "网站" in line or "下载" in line:
                mc.append(line)
        flat = squeeze("".join(self.body_lines))
        self.must_contain = []
        for line in mc:
            c = self.cv(line)
            # a glued junk string may sit inside it: take the longest piece that survives in the truth
            piece = max(re.split(r"[，。；]", c), key=len) if squeeze(c) not in flat else c
            if squeeze(piece) in flat and piece not in self.must_contain:
                self.must_contain.append(piece)
        self.must_contain = self.must_contain[:7]

    def info_junk(self, text_s: str, pos: str = "outside") -> str:
        return self.junk.add("info", pos, text_s)

    def chrome(self, kind: str, text_s: str) -> str:
        """Site chrome repeated on sibling pages (nav, footer, sidebar headings): junk, but not unique."""
        return self.junk.add(kind, "outside", text_s)

    def page_out(self, slug: str, url: str, encoding: str) -> PageOut:
        p = PageOut(self.family, slug, url, "single", self.spec["script"], encoding, self.spec.get("http_charset"))
        p.expected = {
            "title": self.title, "published": self.published, "author": self.author, "site_name": self.cv(self.site["name"]),
            "breadcrumbs": self.breadcrumbs, "tags": self.tags,
            "speeches": [{"title": self.title, "speaker": self.speaker, "occasion": self.occasion,
                          "body": "\n".join(self.body_lines)}],
        }
        p.must_contain = self.must_contain
        flat = squeeze("".join(self.body_lines))
        # a menu word can be a word of the speech too ("表态发言"): it is no junk string then
        p.junk = [(t, k) for t, k in self.junk.items
                  if not (k.split("/")[0] in ("nav", "sidebar", "footer", "breadcrumb", "tags") and squeeze(t) in flat)]
        p.segments = [t for kind, b in self.blocks if kind == "p" for t, k, h in b.segs if k is None and t.strip()]
        p.comment_dates = [c[3] for c in self.comments]
        where = []
        for _, k in self.junk.items:
            if k not in where and not k.startswith(("nav/", "footer/", "sidebar/")):
                where.append(k)
        extra = "no date of its own; comments dated; " if self.spec.get("no_date") else ""
        p.note = extra + f"{self.spec['genre']} on {self.spec['topic']}; " + "; ".join(w.replace("/", "@") for w in where)
        return p


def render_para_inline(p: Para) -> str:
    out = []
    for t, k, hidden in p.segs:
        if hidden:
            out.append(f'<span style="display:none">{esc(t)}</span>')
        else:
            out.append(esc(t))
    return "".join(out)


# ---- jinshi: old ASP site ---------------------------------------------------------------------

def jinshi_nav(a: "Article | None", cv) -> tuple[str, list[str]]:
    items = ["网站首页", "领导讲话", "表态发言", "述职报告", "工作总结", "心得体会", "演讲稿", "范文下载", "留言本"]
    links = " | ".join(f'<a href="/{i}/"><font color=#ffffff>{esc(cv(x))}</font></a>' for i, x in enumerate(items))
    return links, [cv(x) for x in items]


def jinshi_footer(cv) -> list[str]:
    return [cv("设为首页 | 加入收藏 | 关于本站 | 联系站长 | 友情链接 | 版权申明"),
            cv("Copyright © 2008-2024 金石范文站 www.jinshifw.net All Rights Reserved."),
            cv("本站所有范文均来自网友投稿及网络收集，仅供学习参考。站长QQ：1592036478　备案号：湘ICP备13004211号-2")]


def jinshi_sidebar(rng, cv, exclude: str) -> tuple[str, list[str]]:
    hot = other_titles(rng, exclude, 6)
    rec = other_titles(rng, exclude, 5)
    html_ = ['<table width="100%" border=0 cellpadding=2><tr><td class=sidetitle><b>' + esc(cv("热门文章")) + "</b></td></tr>"]
    html_ += [f'<tr><td>·<a href="/Article/{rng.randint(1000, 9999)}.html">{esc(cv(t))}</a></td></tr>' for t in hot]
    html_.append('<tr><td class=sidetitle><b>' + esc(cv("推荐文章")) + "</b></td></tr>")
    html_ += [f'<tr><td>·<a href="/Article/{rng.randint(1000, 9999)}.html">{esc(cv(t))}</a></td></tr>' for t in rec]
    html_.append("</table>")
    return "\n".join(html_), [cv(t) for t in hot + rec] + [cv("热门文章"), cv("推荐文章")]


def jinshi_article(a: Article, idx: int) -> PageOut:
    rng, cv = a.rng, a.cv
    y, mo, d = a.date
    aid = rng.randint(3000, 9999)
    url = f"http://{a.site['host']}/Article/{a.cat_slug}/{y}{mo:02d}/{aid}.html"
    enc = "gb18030" if a.spec["script"] != "simplified" else "gbk"
    a.author = cv(rng.choice(NICKS))
    a.breadcrumbs = [cv("金石范文站"), a.cat]
    nav, nav_items = jinshi_nav(a, cv)
    for x in nav_items:
        a.chrome("nav", x)
    side, side_items = jinshi_sidebar(rng, cv, a.spec["topic"])
    for x in side_items:
        a.chrome("sidebar", x)
    info = a.info_junk(f"作者：{a.junk.cv(a.author) if False else a.author}　文章来源：本站原创　点击数：{rng.randint(200, 9000)}　更新时间：{fmt_date(rng, y, mo, d, 'asp')}")
    crumb = a.chrome("breadcrumb", cv(f"您现在的位置：金石范文站 >> {a.cat_s} >> 正文"))
    lines = [f"<b>{esc(a.title)}</b>"]  # the site repeats the title as the first line
    for kind, b in a.blocks:
        if kind == "p":
            lines.append("　　" + render_para_inline(b))
        elif kind == "j":
            lines.append(esc(b))
        else:
            lines.extend(esc(x) for x in b)
    body_html = "<br>\n".join(lines)
    tags_line = a.junk.add("tags", "outside", cv("相关关键词：") + " ".join(a.tags))
    prev_t, next_t = other_titles(rng, a.spec["topic"], 2)
    pv = a.junk.add("prevnext", "outside", cv("上一篇文章：" + prev_t))
    nx = a.junk.add("prevnext", "outside", cv("下一篇文章：" + next_t))
    tools = a.junk.add("share", "outside", cv("【发表评论】【加入收藏】【告诉好友】【打印此文】【关闭窗口】"))
    rel = other_titles(rng, a.spec["topic"], 5)
    rel_html = "".join(f'<tr><td>·<a href="/Article/{rng.randint(1000, 9999)}.html">{esc(a.junk.add("related", "outside", cv(t)))}</a></td></tr>' for t in rel)
    ncom = a.spec.get("comments", 0)
    com_html = ""
    if ncom:
        a.comments = make_comments(rng, a.junk, y, mo, d, ncom, "asp")
        head = a.junk.add("comment", "after", cv("网友评论：（只显示最新10条。评论内容只代表网友观点，与本站立场无关！）"))
        rows = "".join(f'<tr><td bgcolor=#f4f4f4><font color=#0066cc>{esc(n)}</font> {esc(cv("评论于"))}：{esc(w)}</td></tr>'
                       f'<tr><td>{esc(t)}</td></tr>' for n, w, t, _ in a.comments)
        com_html = f'<table width="100%" border=0 cellpadding=3><tr><td><b>{esc(head)}</b></td></tr>{rows}</table>'
    foot = "<br>".join(esc(x) for x in jinshi_footer(cv))
    for x in jinshi_footer(cv):
        a.chrome("footer", x)
    title_tag = f"{cv('金石范文站')} » {a.title}"
    h = f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset={enc}">
<title>{esc(title_tag)}</title>
<meta name="keywords" content="{esc(','.join(a.tags))}">
<link href="/Skin/style.css" rel="stylesheet" type="text/css">
<script language="javascript" src="/js/fontzoom.js"></script>
</head>
<body topmargin=0 leftmargin=0 bgcolor=#ffffff>
<table width=980 border=0 align=center cellpadding=0 cellspacing=0><tr>
<td width=300><img src="/Images/logo.gif" alt="{esc(cv('金石范文站'))}" width=280 height=60></td>
<td align=right><font color=#999999>{esc(cv('设为首页'))} | {esc(cv('加入收藏'))}</font></td></tr></table>
<table width=980 border=0 align=center cellpadding=0 cellspacing=0 bgcolor=#8b0000><tr><td height=30 align=center>{nav}</td></tr></table>
<table width=980 border=0 align=center cellpadding=0 cellspacing=0><tr>
<td width=700 valign=top>
<table width="100%" border=0><tr><td height=26 class=weizhi>{esc(crumb).replace('&gt;&gt;', '<font color=#999>&gt;&gt;</font>')}</td></tr></table>
<center><font size=4 color=#cc0000><b>{esc(a.title)}</b></font></center>
<center><font color=#666666 style="font-size:12px">{esc(info)}</font></center>
<hr size=1 color=#cccccc>
<table width="96%" border=0 align=center><tr><td class=content id=fontzoom>
<font style="font-size:14px;line-height:200%">
{body_html}
</font>
</td></tr></table>
<table width="96%" border=0 align=center><tr><td>{esc(tags_line)}</td></tr>
<tr><td>{esc(pv)}<br>{esc(nx)}</td></tr>
<tr><td align=right>{esc(tools)}</td></tr></table>
<table width="96%" border=0 align=center><tr><td bgcolor=#eeeeee><b>{esc(cv('相关文章'))}</b></td></tr>{rel_html}</table>
{com_html}
</td>
<td width=10></td>
<td width=270 valign=top>{side}</td>
</tr></table>
<table width=980 border=0 align=center><tr><td align=center style="font-size:12px;color:#666">{foot}</td></tr></table>
</body>
</html>
"""
    a.junk.add("related", "outside", cv("相关文章"))
    p = a.page_out(f"{y}{mo:02d}{d:02d}-{aid}", url, enc)
    p.html = h
    return p


# ---- qiyun: Bootstrap-like grid ---------------------------------------------------------------

QIYUN_NAV = ["首页", "讲话致辞", "表态发言", "述职述廉", "调研报告", "党建材料", "专题合集", "写作课堂"]
QIYUN_FOOT = ["关于我们 · 联系方式 · 投稿须知 · 隐私政策 · 网站地图",
              "© 2017-2024 栖云公文网 qiyunwen.com 版权所有",
              "浙ICP备18052376号-1　浙公网安备33010602011234号"]


def qiyun_shell(cv, title_tag: str, head_extra: str, main: str, aside: str, crumbs: list[str] | None) -> str:
    nav = "".join(f'<li class="nav-item"><a class="nav-link" href="/{i}/">{esc(cv(x))}</a></li>' for i, x in enumerate(QIYUN_NAV))
    crumb_html = ""
    if crumbs:
        lis = "".join(f'<li class="breadcrumb-item"><a href="/{i}/">{esc(c)}</a></li>' for i, c in enumerate(crumbs))
        crumb_html = f'<nav aria-label="breadcrumb"><ol class="breadcrumb">{lis}<li class="breadcrumb-item active" aria-current="page">{esc(cv("正文"))}</li></ol></nav>'
    foot = "".join(f'<p class="mb-1">{esc(cv(x))}</p>' for x in QIYUN_FOOT)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title_tag)}</title>
<link rel="stylesheet" href="/static/css/bootstrap.min.css">
{head_extra}
</head>
<body>
<nav class="navbar navbar-expand-lg navbar-dark bg-primary">
 <div class="container">
  <a class="navbar-brand" href="/">{esc(cv("栖云公文网"))}</a>
  <button class="navbar-toggler" type="button" data-bs-toggle="collapse" data-bs-target="#nav"><span class="navbar-toggler-icon"></span></button>
  <div class="collapse navbar-collapse" id="nav"><ul class="navbar-nav me-auto">{nav}</ul>
  <form class="d-flex" action="/search/"><input class="form-control me-2" name="q" placeholder="{esc(cv('搜索范文'))}"><button class="btn btn-light">{esc(cv("搜索"))}</button></form></div>
 </div>
</nav>
<div class="container mt-3">
{crumb_html}
<div class="row">
<main class="col-lg-8">
{main}
</main>
<aside class="col-lg-4">
{aside}
</aside>
</div>
</div>
<footer class="site-footer bg-dark text-white-50 py-4 mt-4"><div class="container text-center small">{foot}</div></footer>
<script src="/static/js/bootstrap.bundle.min.js"></script>
</body>
</html>
"""


def qiyun_aside(a: "Article | None", rng, cv, exclude: str) -> str:
    hot = other_titles(rng, exclude, 6)
    heads = [cv("本周热门"), cv("专题推荐")]
    adline = cv(rng.choice(["栖云写作中心：原创材料定制，48小时交稿", "开通栖云VIP，全站范文免费复制下载",
                            "栖云公文小程序上线啦，微信搜一搜即可使用"]))
    if a:
        for x in hot + [heads[0], heads[1]]:
            a.chrome("sidebar", cv(x) if x not in heads else x)
        a.junk.add("selfad", "outside", adline)
    items = "".join(f'<li class="list-group-item"><a href="/p/{rng.randint(10000, 99999)}.html">{esc(cv(t))}</a></li>' for t in hot)
    topics = "".join(f'<a class="badge bg-secondary me-1" href="/zt/{i}/">{esc(cv(t))}</a>' for i, t in enumerate(["两会精神", "主题教育", "作风建设", "安全生产"]))
    return f"""<div class="card mb-3"><div class="card-header">{esc(heads[0])}</div><ul class="list-group list-group-flush">{items}</ul></div>
<div class="card mb-3"><div class="card-header">{esc(heads[1])}</div><div class="card-body">{topics}</div></div>
<div class="card mb-3 ad-box"><div class="card-body text-center">{esc(adline)}</div></div>"""


def qiyun_article(a: Article, idx: int) -> PageOut:
    rng, cv = a.rng, a.cv
    y, mo, d = a.date
    pid = rng.randint(10000, 99999)
    url = f"https://{a.site['host']}/{a.cat_slug}/{pid}.html"
    a.author = cv(rng.choice(["栖云编辑部", "网友投稿", rng.choice(NICKS)]))
    a.breadcrumbs = [cv("首页"), a.cat]
    for x in QIYUN_NAV:
        a.chrome("nav", cv(x))
    for x in QIYUN_FOOT:
        a.chrome("footer", cv(x))
    a.chrome("breadcrumb", cv("正文"))
    views = rng.randint(300, 20000)
    date_s = fmt_date(rng, y, mo, d, rng.choice(["iso", "cn", "slash"]))
    meta_bits = [f'<span class="me-3"><i class="bi bi-calendar3"></i> {esc(a.info_junk(date_s))}</span>',
                 f'<span class="me-3">{esc(a.info_junk(cv("作者：") + a.author))}</span>',
                 f'<span class="me-3">{esc(a.info_junk(cv(f"阅读 {views}")))}</span>']
    paras = []
    for kind, b in a.blocks:
        if kind == "p":
            paras.append(f"<p>{render_para_inline(b)}</p>")
        elif kind == "j":
            cls = rng.choice(["text-muted", "tip", "note", "small text-secondary"])
            paras.append(f'<p class="{cls}">{esc(b)}</p>')
        else:
            paras.append('<div class="download-box border rounded p-2">' + "".join(f'<p class="mb-1">{esc(x)}</p>' for x in b) + "</div>")
    tag_html = "".join(f'<a class="badge rounded-pill bg-light text-dark me-1" href="/tag/{i}/">{esc(t)}</a>' for i, t in enumerate(a.tags))
    a.junk.add("tags", "outside", cv("标签："))
    share = a.junk.add("share", "outside", cv(rng.choice(["分享到：微信 微博 QQ", "分享本文：朋友圈 / 微博 / 复制链接", "转发 收藏 举报"])))
    prev_t, next_t = other_titles(rng, a.spec["topic"], 2)
    pv = a.junk.add("prevnext", "outside", cv("上一篇：") + cv(prev_t))
    nx = a.junk.add("prevnext", "outside", cv("下一篇：") + cv(next_t))
    rel = [a.junk.add("related", "outside", cv(t)) for t in other_titles(rng, a.spec["topic"], 4)]
    rel_html = "".join(f'<li><a href="/p/{rng.randint(10000, 99999)}.html">{esc(t)}</a></li>' for t in rel)
    ncom = a.spec.get("comments", 0)
    com_html = ""
    if ncom:
        a.comments = make_comments(rng, a.junk, y, mo, d, ncom, "iso")
        head = a.junk.add("comment", "after", cv(f"评论（{ncom}）"))
        items = "".join(f'<div class="d-flex mb-3"><img class="rounded-circle me-2" src="/static/img/avatar{i}.png" width="36" alt="">'
                        f'<div><h6 class="mb-0">{esc(n)} <small class="text-muted">{esc(w)}</small></h6><p class="mb-0">{esc(t)}</p></div></div>'
                        for i, (n, w, t, _) in enumerate(a.comments))
        com_html = f'<section id="comments" class="card mt-3"><div class="card-body"><h5>{esc(head)}</h5>{items}</div></section>'
    head_extra = (f'<meta name="description" content="{esc(a.title)}">\n'
                  f'<meta property="og:type" content="article">\n<meta property="og:title" content="{esc(a.title)}">\n'
                  f'<meta property="article:published_time" content="{y}-{mo:02d}-{d:02d}T{rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}:00+08:00">')
    main = f"""<article class="post card">
 <div class="card-body">
  <header class="entry-header mb-3">
   <h1 class="entry-title h3">{esc(a.title)}</h1>
   <div class="entry-meta text-muted small">{''.join(meta_bits)}</div>
  </header>
  <div class="entry-content">
{chr(10).join(paras)}
  </div>
  <footer class="entry-footer mt-3">
   <div class="tags mb-2">{esc(cv("标签："))}{tag_html}</div>
   <div class="share text-end small">{esc(share)}</div>
  </footer>
 </div>
</article>
<nav class="post-nav d-flex justify-content-between my-3"><a class="prev" href="/p/{rng.randint(10000, 99999)}.html">{esc(pv)}</a><a class="next" href="/p/{rng.randint(10000, 99999)}.html">{esc(nx)}</a></nav>
<section class="related card"><div class="card-body"><h5>{esc(a.junk.add("related", "outside", cv("相关推荐")))}</h5><ul class="list-unstyled mb-0">{rel_html}</ul></div></section>
{com_html}"""
    title_tag = f"{a.title}|{a.cat}|{cv('栖云公文网')}"
    h = qiyun_shell(cv, title_tag, head_extra, main, qiyun_aside(a, rng, cv, a.spec["topic"]), a.breadcrumbs)
    p = a.page_out(f"{a.cat_slug}-{pid}", url, "utf-8")
    p.html = h
    return p


# ---- luntan: Discuz-like forum thread -----------------------------------------------------------

LUNTAN_NAV = ["门户", "论坛", "群组", "排行榜", "材料互助", "签到"]
LUNTAN_FOOT = ["Powered by Discuz! X3.4", "© 2001-2024 Tencent Cloud.", "同心公文论坛 ( 粤ICP备20047518号 )",
               "手机版 | 小黑屋 | 联系我们"]
CLS_A = ' class="a"'
FLOOR_NAMES = ["沙发", "板凳", "地板", "5#", "6#", "7#", "8#"]


def luntan_shell(cv, title_tag: str, crumbs_html: str, main: str, head_extra: str = "") -> str:
    nav = "".join(f'<li{CLS_A if x == "论坛" else ""}><a href="forum.php?m={i}" hidefocus="true">{esc(cv(x))}</a></li>' for i, x in enumerate(LUNTAN_NAV))
    foot = "".join(f"<p>{esc(cv(x))}</p>" for x in LUNTAN_FOOT)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{esc(title_tag)}</title>
{head_extra}
<link rel="stylesheet" type="text/css" href="data/cache/style_1_common.css?x7Q" />
<script src="static/js/common.js?x7Q" type="text/javascript"></script>
</head>
<body id="nv_forum" class="pg_viewthread" onkeydown="if(event.keyCode==27) return false;">
<div id="toptb" class="cl"><div class="wp"><div class="z"><a href="javascript:;">{esc(cv("设为首页"))}</a><a href="javascript:;">{esc(cv("收藏本站"))}</a></div>
<div class="y"><a href="member.php?mod=logging&amp;action=login">{esc(cv("登录"))}</a><a href="member.php?mod=register">{esc(cv("立即注册"))}</a></div></div></div>
<div id="hd"><div class="wp"><div class="hdc cl"><h2><a href="./" title="{esc(cv('同心公文论坛'))}"><img src="static/image/common/logo.png" alt="{esc(cv('同心公文论坛'))}" border="0" /></a></h2></div>
<div id="nv"><ul>{nav}</ul></div></div></div>
<div id="wp" class="wp">
<div id="pt" class="bm cl"><div class="z">{crumbs_html}</div></div>
{main}
</div>
<div id="ft" class="wp cl">{foot}</div>
</body>
</html>
"""


def luntan_post(pid: int, floor: str, author: str, when: str, content: str, cv, extra_after: str = "", stats: str = "") -> str:
    return f"""<div id="post_{pid}"><table id="pid{pid}" class="plhin" summary="pid{pid}" cellspacing="0" cellpadding="0">
<tr><td class="pls" rowspan="2"><div class="pi"><div class="authi"><a href="space-uid-{pid % 9973}.html" class="xw1">{esc(author)}</a></div></div>{stats}</td>
<td class="plc"><div class="pi"><strong><a href="forum.php?mod=redirect&amp;ptid=1&amp;pid={pid}">{esc(floor)}</a></strong>
<div class="pti"><div class="authi"><img class="authicn vm" src="static/image/common/online_member.gif" />
<em id="authorposton{pid}">{esc(cv("发表于"))} {esc(when)}</em><span class="pipe">|</span><a href="forum.php?mod=viewthread&amp;authorid=1">{esc(cv("只看该作者"))}</a></div></div></div>
<div class="pct"><div class="pcb"><div class="t_fsz"><table cellspacing="0" cellpadding="0"><tr><td class="t_f" id="postmessage_{pid}">
{content}
</td></tr></table></div>{extra_after}</div></div>
</td></tr>
<tr><td class="plc plm"><div class="po hin"><a class="fastre" href="javascript:;">{esc(cv("回复"))}</a><a href="javascript:;">{esc(cv("支持"))}</a><a href="javascript:;">{esc(cv("反对"))}</a><a href="javascript:;">{esc(cv("举报"))}</a></div></td></tr>
</table></div>
"""


def luntan_article(a: Article, idx: int) -> PageOut:
    rng, cv = a.rng, a.cv
    y, mo, d = a.date
    tid = rng.randint(20000, 99999)
    url = f"http://{a.site['host']}/thread-{tid}-1-1.html"
    a.author = cv(rng.choice(NICKS))
    a.breadcrumbs = [cv("同心公文论坛"), cv("论坛"), cv("公文写作"), a.cat]
    for x in LUNTAN_NAV + LUNTAN_FOOT:
        a.chrome("nav" if x in LUNTAN_NAV else "footer", cv(x))
    crumbs = ' <em>&rsaquo;</em> '.join(f'<a href="forum-{i}.html">{esc(c)}</a>' for i, c in enumerate(a.breadcrumbs))
    crumbs += f' <em>&rsaquo;</em> {esc(a.title)}'
    lines = []
    if rng.random() < 0.6:
        ey, em_, ed = later_dates(rng, y, mo, d, 1)[0]
        edited = a.junk.add("info", "top", cv(f"本帖最后由 {a.author} 于 {fmt_date(rng, ey, em_, ed, 'dz')} 编辑"))
        lines.append(f'<i class="pstatus"> {esc(edited)} </i><br />')
        a.comment_like_dates = [f"{ey}-{em_:02d}-{ed:02d}"]
    for kind, b in a.blocks:
        if kind == "p":
            lines.append(render_para_inline(b) + "<br />")
        elif kind == "j":
            if rng.random() < 0.3:
                lines.append(f'<div class="locked">{esc(b)}</div>')
            else:
                lines.append(f'<font color="#999999">{esc(b)}</font><br />')
        else:
            inner = "".join(f"<p>{esc(x)}</p>" for x in b)
            lines.append(f'<ignore_js_op><div class="attach_box"><img src="static/image/filetype/doc.gif" />{inner}</div></ignore_js_op>')
    content = "\n".join(lines)
    tags = "".join(f'<a title="{esc(t)}" href="misc.php?mod=tag&amp;id={i}" target="_blank">{esc(t)}</a>, ' for i, t in enumerate(a.tags))
    a.junk.add("tags", "outside", cv("标签:"))
    sign_s = rng.choice(["签名：笔耕不辍，与君共勉。需要材料的可以私信我", "个人签名：写材料十年，头发少了一半",
                         "签名档：公文写作交流群{qq}，欢迎加入", "—— 天道酬勤，文以载道 ——"]).format(qq=rng.randint(100000, 999999))
    sign = a.junk.add("selfad", "after", cv(sign_s))
    after = (f'<div class="ptg mbm mtn">{esc(cv("标签:"))} {tags}</div>'
             f'<div class="sign" style="max-height:100px;maxHeightIE:100px;">{esc(sign)}</div>')
    stats_s = cv(f"积分 {rng.randint(100, 9000)}　主题 {rng.randint(3, 80)}　帖子 {rng.randint(20, 900)}")
    a.junk.add("info", "outside", stats_s)
    stats = f'<div class="tns xg2"><p>{esc(stats_s)}</p></div>'
    when = fmt_date(rng, y, mo, d, "dz")
    a.junk.add("info", "outside", cv("发表于") + " " + when)
    posts = [luntan_post(tid * 10, cv("楼主"), a.author, when, content, cv, after, stats)]
    ncom = a.spec.get("comments", 3)
    a.comments = make_comments(rng, a.junk, y, mo, d, ncom, "dz")
    for i, (n, w, t, _) in enumerate(a.comments):
        posts.append(luntan_post(tid * 10 + i + 1, cv(FLOOR_NAMES[i]), n, w, esc(t), cv))
    views, replies = rng.randint(500, 30000), ncom
    hm = a.junk.add("info", "outside", cv(f"查看: {views}|回复: {replies}"))
    quick = a.junk.add("paywall", "outside", cv(rng.choice(["您需要登录后才可以回帖 登录 | 立即注册", "回帖后跳转到最后一页，登录后方可发表回复"])))
    main = f"""<div id="ct" class="wp cl">
<div id="pgt" class="pgs mbm cl"><span class="y pgb"><a href="forum-{idx}-1.html">{esc(cv("返回列表"))}</a></span><a id="newspecial" href="javascript:;">{esc(cv("发新帖"))}</a></div>
<div id="postlist" class="pl bm">
<table cellspacing="0" cellpadding="0"><tr><td class="pls ptn pbn"><div class="hm ptn">{esc(hm)}</div></td>
<td class="plc ptm pbn vwthd"><h1 class="ts"><a href="forum.php?mod=forumdisplay&amp;filter=typeid">[{esc(cv("讲话稿"))}]</a> <span id="thread_subject">{esc(a.title)}</span></h1></td></tr></table>
{''.join(posts)}
</div>
<div id="f_pst" class="pl bm bmw"><div class="pls"></div><div class="plc"><div class="hasfsl">{esc(quick)}</div></div></div>
</div>"""
    title_tag = f"{a.title} - {a.cat} - {cv('同心公文论坛')} - Powered by Discuz!"
    head_extra = f'<meta name="keywords" content="{esc(a.title)}" />\n<meta name="description" content="{esc(a.title)} ,{esc(cv("同心公文论坛"))}" />'
    p = a.page_out(f"thread-{tid}-1-1", url, "utf-8")
    p.html = luntan_shell(cv, title_tag, crumbs, main, head_extra)
    return p


# ---- wenku: document viewer ---------------------------------------------------------------------

WENKU_NAV = ["首页", "党政司法", "行业资料", "工作范文", "教育专区", "VIP专区", "上传文档"]
WENKU_FOOT = ["墨卷文库 — 海量文档在线阅读与下载", "© 2015-2024 mojuanwk.com 京ICP备16023841号",
              "本站为文档C2C交易模式，文档均由用户上传，如有侵权请联系客服处理"]


def wenku_shell(cv, title_tag: str, head_extra: str, crumbs: list[str] | None, main: str, side: str, charset: str) -> str:
    nav = "".join(f'<a class="nav-a" href="/{i}/">{esc(cv(x))}</a>' for i, x in enumerate(WENKU_NAV))
    crumb = ""
    if crumbs:
        crumb = '<div class="crumbs">' + ' <span class="sep">/</span> '.join(f'<a href="/c{i}/">{esc(c)}</a>' for i, c in enumerate(crumbs)) + "</div>"
    foot = "".join(f"<p>{esc(cv(x))}</p>" for x in WENKU_FOOT)
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="{charset}">
<title>{esc(title_tag)}</title>
<meta name="viewport" content="width=device-width">
{head_extra}
<link rel="stylesheet" href="//static.mojuanwk.com/css/reader.css">
</head>
<body class="wk-body">
<header class="wk-top"><div class="inner"><a class="logo" href="/">{esc(cv("墨卷文库"))}</a>
<div class="search"><input type="text" placeholder="{esc(cv('搜索你想要的文档'))}"><button>{esc(cv("搜索"))}</button></div>
<a class="btn-vip" href="/vip/">{esc(cv("开通VIP"))}</a><a class="login" href="/login/">{esc(cv("登录"))}</a></div>
<nav class="wk-nav">{nav}</nav></header>
<div class="wk-wrap">
{crumb}
<div class="doc-main">
{main}
</div>
<aside class="doc-side">
{side}
</aside>
</div>
<footer class="wk-foot">{foot}</footer>
</body>
</html>
"""


def wenku_side(a: "Article | None", rng, cv, exclude: str) -> str:
    rel = other_titles(rng, exclude, 6)
    head = cv(rng.choice(["相关文档", "相似文档推荐", "猜你喜欢"]))
    vip = cv(rng.choice(["VIP低至0.3元/天，全站文档免费下", "新用户首月VIP仅需9.9元", "开通VIP，下载券每月赠送30张"]))
    if a:
        a.junk.add("related", "outside", head)
        for t in rel:
            a.junk.add("related", "outside", cv(t) + ".docx")
        a.junk.add("selfad", "outside", vip)
    items = "".join(f'<li><i class="ico-doc"></i><a href="/d/{rng.randint(100000, 999999)}.html">{esc(cv(t))}.docx</a><span>{rng.randint(2, 30)}{esc(cv("页"))}</span></li>' for t in rel)
    return f'<div class="side-box"><h3>{esc(head)}</h3><ul>{items}</ul></div><div class="side-vip">{esc(vip)}</div>'


def wenku_article(a: Article, idx: int) -> PageOut:
    rng, cv = a.rng, a.cv
    y, mo, d = a.date
    did = "".join(rng.choice("0123456789abcdef") for _ in range(12))
    url = f"https://{a.site['host']}/doc/{did}.html"
    enc = "gb18030"
    a.author = cv(rng.choice(NICKS))
    a.breadcrumbs = [cv("墨卷文库"), a.cat, cv("讲话发言")]
    for x in WENKU_NAV + WENKU_FOOT:
        a.chrome("nav" if x in WENKU_NAV else "footer", cv(x))
    npages = 1 + sum(1 for k, b in a.blocks if k == "j" and b in [t for t, kk in a.junk.items if kk == "pagebreak/inside"])
    fmt = rng.choice(["DOCX", "DOC", "PDF"])
    info_bits = [a.info_junk(cv("上传人：") + a.author)]
    if a.published:
        info_bits.append(a.info_junk(cv("上传时间：") + fmt_date(rng, y, mo, d, rng.choice(["iso", "slash", "cn"]))))
    info_bits += [a.info_junk(cv(f"页数：{npages + rng.randint(1, 4)}页")), a.info_junk(cv(f"格式：{fmt}")),
                  a.info_junk(cv(f"浏览：{rng.randint(100, 9000)}次"))]
    pages = []
    cur: list[str] = []
    pb_texts = {t for t, kk in a.junk.items if kk == "pagebreak/inside"}
    for kind, b in a.blocks:
        if kind == "p":
            cur.append(f'<p class="ln">{render_para_inline(b)}</p>')
        elif kind == "j" and b in pb_texts:
            pages.append(cur)
            cur = [f'<div class="page-num">{esc(b)}</div>']
        elif kind == "j":
            cls = rng.choice(["wm", "tip", "ln gray"])
            cur.append(f'<p class="{cls}">{esc(b)}</p>')
        else:
            cur.append('<div class="down-card">' + "".join(f"<p>{esc(x)}</p>" for x in b) + "</div>")
    pages.append(cur)
    reader = "\n".join(f'<div class="page" data-page="{i + 1}"><div class="page-inner">\n' + "\n".join(pg) + "\n</div></div>"
                       for i, pg in enumerate(pages))
    fold = a.junk.add("paywall", "outside", cv(rng.choice(["剩余{n}页未读，继续阅读", "还剩{n}页未读，点击继续阅读", "本文档剩余{n}页，开通VIP查看全部"]).format(n=rng.randint(1, 5))))
    btns = [a.junk.add("download", "outside", cv(x)) for x in rng.sample(["下载文档", "收藏", "分享", "举报", "加入VIP，免费下载"], 3)]
    ncom = a.spec.get("comments", 0)
    com_html = ""
    if ncom:
        a.comments = make_comments(rng, a.junk, y, mo, d, ncom, rng.choice(["slash", "iso"]))
        head = a.junk.add("comment", "after", cv(rng.choice(["用户评价", "文档评论", "网友点评"])))
        items = "".join(f'<li><span class="u">{esc(n)}</span><span class="t">{esc(w)}</span><p>{esc(t)}</p></li>' for n, w, t, _ in a.comments)
        com_html = f'<div class="doc-rate"><h3>{esc(head)}</h3><ul>{items}</ul></div>'
    ld = {"@context": "https://schema.org", "@type": "DigitalDocument", "name": a.title,
          "author": {"@type": "Person", "name": a.author}, "fileFormat": fmt.lower()}
    if a.published:
        ld["datePublished"] = a.published
    head_extra = f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
    main = f"""<h1 class="doc-title">{esc(a.title)}</h1>
<div class="doc-info">{''.join(f'<span>{esc(x)}</span>' for x in info_bits)}</div>
<div class="doc-reader">
{reader}
</div>
<div class="fold"><p>{esc(fold)}</p><a class="btn" href="javascript:;">{esc(btns[0])}</a></div>
<div class="doc-tool">{''.join(f'<a href="javascript:;">{esc(x)}</a>' for x in btns[1:])}</div>
{com_html}"""
    title_tag = f"{a.title}.{fmt.lower()} - {cv('墨卷文库')}"
    p = a.page_out(f"doc-{did}", url, enc)
    p.html = wenku_shell(cv, title_tag, head_extra, a.breadcrumbs, main, wenku_side(a, rng, cv, a.spec["topic"]), enc)
    return p


# ---------------------------------------------------------------------------------------------
# Pages with no speech
# ---------------------------------------------------------------------------------------------


def nonarticle(family: str, slug: str, url: str, kind: str, script: str, encoding: str, title: str,
               site_name: str, items: list[str], note: str, html_: str, crumbs=None, http_charset=None) -> PageOut:
    p = PageOut(family, slug, url, kind, script, encoding, http_charset)
    p.expected = {"title": title, "published": None, "author": None, "site_name": site_name,
                  "breadcrumbs": crumbs or [], "tags": [], "speeches": []}
    p.list_items = items
    p.note = note
    p.html = html_
    return p


def cut_excerpt(text: str, n: int) -> str:
    return text[:n].rstrip("，。；、") + "…"


def jinshi_list(rng, page: int, art_titles: list[str], pages_total: int = 6) -> PageOut:
    cv = conv_for("simplified")
    titles = other_titles(rng, "", 18)
    if page == 1:
        titles = art_titles[:3] + titles
    rows, items = [], []
    for t in titles:
        y, mo, d = rng.randint(2019, 2024), rng.randint(1, 12), rng.randint(1, 28)
        rows.append(f'<tr><td height=24>·<a href="/Article/Class_5/{y}{mo:02d}/{rng.randint(1000, 9999)}.html" target=_blank>{esc(t)}</a></td>'
                    f'<td width=90 align=center><font color=#999999>[{y}-{mo}-{d}]</font></td><td width=60>{rng.randint(30, 9000)}</td></tr>')
        items.append(t)
    nav, _ = jinshi_nav(None, cv)
    side, _ = jinshi_sidebar(rng, cv, "")
    pager = (f"共{pages_total * 20 - 3}篇文章　页次：<b>{page}</b>/{pages_total}页　每页20篇　"
             + ('<a href="ShowClass.asp?ClassID=5">首页</a> 上一页' if page == 1 else '<a href="ShowClass.asp?ClassID=5">首页</a> <a href="ShowClass.asp?ClassID=5&page=1">上一页</a>')
             + f' <a href="ShowClass.asp?ClassID=5&page={page + 1}">下一页</a> <a href="ShowClass.asp?ClassID=5&page={pages_total}">尾页</a> 转到：<select><option>第{page}页</option></select>')
    title_tag = "金石范文站 » 领导讲话" + ("" if page == 1 else f" - 第{page}页")
    foot = "<br>".join(esc(x) for x in jinshi_footer(cv))
    h = f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>{esc(title_tag)}</title>
<link href="/Skin/style.css" rel="stylesheet" type="text/css">
</head>
<body topmargin=0 leftmargin=0>
<table width=980 border=0 align=center><tr><td><img src="/Images/logo.gif" alt="金石范文站"></td></tr></table>
<table width=980 border=0 align=center bgcolor=#8b0000><tr><td height=30 align=center>{nav}</td></tr></table>
<table width=980 border=0 align=center><tr><td width=700 valign=top>
<table width="100%"><tr><td class=weizhi>您现在的位置：<a href="/">金石范文站</a> &gt;&gt; <a href="/Article/Class_5/">领导讲话</a> &gt;&gt; 文章列表</td></tr></table>
<table width="100%" border=0 cellpadding=0 cellspacing=0><tr><td bgcolor=#f0f0f0 height=26><b>&nbsp;领导讲话</b></td></tr></table>
<table width="100%" border=0 cellpadding=0 cellspacing=0>
{chr(10).join(rows)}
</table>
<table width="100%"><tr><td align=center>{pager}</td></tr></table>
</td><td width=10></td><td width=270 valign=top>{side}</td></tr></table>
<table width=980 border=0 align=center><tr><td align=center style="font-size:12px">{foot}</td></tr></table>
</body>
</html>
"""
    url = "http://www.jinshifw.net/Article/ShowClass.asp?ClassID=5" + ("" if page == 1 else f"&page={page}")
    note = "paged category list: table rows of titles with [date] and hits, ASP pager" + (
        "; page 2, its number in <title> and the pager only" if page > 1 else "")
    return nonarticle("jinshi", f"list-5-{page}", url, "list", "simplified", "gbk", "领导讲话", "金石范文站", items,
                      note, h, ["金石范文站", "领导讲话"])


def jinshi_about(rng) -> PageOut:
    cv = conv_for("simplified")
    paras = ["金石范文站创办于2008年，是一个以收集和整理各类公文写作范文为主的公益性网站。",
             "本站内容涵盖领导讲话、表态发言、述职报告、工作总结、心得体会等栏目，目前已累计收录文章十二万余篇。",
             "我们希望通过分享优秀范文，帮助广大机关干部和文字工作者提高写作水平、减轻案头负担。",
             "本站文章大多来自网友投稿和公开网络，如果您发现有侵犯您权益的内容，请及时与我们联系，我们核实后会尽快删除。",
             "欢迎各位笔友踊跃投稿，优秀稿件将在首页推荐并给予一定的积分奖励。",
             "联系邮箱：admin@jinshifw.net", "站长QQ：1592036478", "通信地址：湖南省长沙市岳麓区麓谷大道（邮编410205）"]
    nav, _ = jinshi_nav(None, cv)
    body = "<br>\n".join("　　" + esc(x) for x in paras)
    foot = "<br>".join(esc(x) for x in jinshi_footer(cv))
    h = f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>金石范文站 » 关于本站</title>
</head>
<body topmargin=0 leftmargin=0>
<table width=980 border=0 align=center bgcolor=#8b0000><tr><td height=30 align=center>{nav}</td></tr></table>
<table width=980 border=0 align=center><tr><td class=weizhi>您现在的位置：<a href="/">金石范文站</a> &gt;&gt; 关于本站</td></tr>
<tr><td><center><font size=4><b>关于本站</b></font></center></td></tr>
<tr><td class=content><font style="font-size:14px;line-height:200%">{body}</font></td></tr></table>
<table width=980 border=0 align=center><tr><td align=center style="font-size:12px">{foot}</td></tr></table>
</body>
</html>
"""
    return nonarticle("jinshi", "about", "http://www.jinshifw.net/about.asp", "about", "simplified", "gbk", "关于本站",
                      "金石范文站", paras, "about page: whole sentences about the site, then contact lines", h, ["金石范文站"])


def qiyun_river(rng, arts: list[Article]) -> PageOut:
    cv = conv_for("simplified")
    cards, items = [], []
    pool = [(a.title_s, next(p for p in a.body_lines if len(p) > 50)) for a in arts if a.spec["script"] == "simplified"]
    extra = [(t, None) for t in other_titles(rng, "", 5)]
    for t, ex in pool + extra:
        if ex is None:
            ctx = speech_context(rng, TOPICS[rng.choice(list(TOPICS))], "全市", "本市", 2023)
            ex = fill(rng.choice(OPEN_JIANGHUA), ctx)
        exc = cut_excerpt(ex, rng.randint(48, 80))
        y, mo, d = rng.randint(2021, 2024), rng.randint(1, 12), rng.randint(1, 28)
        cards.append(f"""<div class="card mb-3 post-card"><div class="card-body">
<h2 class="h5 card-title"><a href="/jianghua/{rng.randint(10000, 99999)}.html">{esc(t)}</a></h2>
<p class="card-text text-muted">{esc(exc)}</p>
<div class="small text-secondary"><span>{y}-{mo:02d}-{d:02d}</span> · <span>阅读 {rng.randint(100, 9000)}</span> · <a href="/jianghua/{rng.randint(10000, 99999)}.html">阅读全文 →</a></div>
</div></div>""")
        items += [t, exc]
    pager = '<nav><ul class="pagination"><li class="page-item active"><span class="page-link">1</span></li><li class="page-item"><a class="page-link" href="/jianghua/index_2.html">2</a></li><li class="page-item"><a class="page-link" href="/jianghua/index_3.html">3</a></li><li class="page-item"><a class="page-link" href="/jianghua/index_2.html">下一页</a></li></ul></nav>'
    main = f'<h1 class="h4 mb-3">讲话致辞</h1>\n' + "\n".join(cards) + pager
    h = qiyun_shell(cv, "讲话致辞|栖云公文网", "", main, qiyun_aside(None, rng, cv, ""), ["首页", "讲话致辞"])
    return nonarticle("qiyun", "jianghua-index", "https://www.qiyunwen.com/jianghua/", "list", "simplified", "utf-8",
                      "讲话致辞", "栖云公文网", items, "teaser river: cards with a title, an excerpt cut with …, date, reads, read-more link; pager",
                      h, ["首页", "讲话致辞"])


def qiyun_tag(rng) -> PageOut:
    cv = conv_for("tw")
    titles = [t for t in other_titles(rng, "", 40) if "安全" in t or "应急" in t][:4] + other_titles(rng, "anquan", 8)
    rows, items = [], []
    for t in titles:
        y, mo, d = rng.randint(2020, 2024), rng.randint(1, 12), rng.randint(1, 28)
        tt = cv(t)
        rows.append(f'<li class="list-group-item d-flex justify-content-between"><a href="/p/{rng.randint(10000, 99999)}.html">{esc(tt)}</a><span class="text-muted small">{y}-{mo:02d}-{d:02d}</span></li>')
        items.append(tt)
    head = cv(f"标签：安全生产（共{len(titles) + 23}篇）")
    main = f'<h1 class="h4">{esc(head)}</h1><p class="text-muted">{esc(cv("以下是栖云公文网中与“安全生产”相关的全部文章，按发布时间排序。"))}</p><ul class="list-group mb-3">{"".join(rows)}</ul>'
    h = qiyun_shell(cv, cv("安全生产相关文章|栖云公文网"), "", main, qiyun_aside(None, rng, cv, ""), [cv("首页"), cv("标签")])
    return nonarticle("qiyun", "tag-anquan", "https://www.qiyunwen.com/tag/anquan/", "list", "tw", "utf-8", head,
                      cv("栖云公文网"), items, "tag page (Taiwan script): count line, one-sentence intro, dated titles", h,
                      [cv("首页"), cv("标签")])


def luntan_guide(rng, arts: list[Article]) -> PageOut:
    cv = conv_for("tw")
    titles = [a.title_s for a in arts] + other_titles(rng, "", 10)
    rng.shuffle(titles)
    rows, items = [], []
    base_h, base_m = 23, 50
    for i, t in enumerate(titles):
        mins = base_m - i * rng.randint(3, 9)
        hh = base_h + mins // 60
        mm = mins % 60
        tt = cv(t)
        forum = cv(rng.choice(["讲话稿交流", "述职报告", "材料求助", "写作技巧"]))
        rows.append(f"""<tbody id="normalthread_{rng.randint(20000, 99999)}"><tr>
<th class="common"><a href="thread-{rng.randint(20000, 99999)}-1-1.html" class="xst">{esc(tt)}</a></th>
<td class="by"><a href="forum-{i}.html">{esc(forum)}</a></td>
<td class="by"><cite><a href="space-uid-{i}.html">{esc(cv(rng.choice(NICKS)))}</a></cite><em><span>{hh % 24:02d}:{mm:02d}</span></em></td>
<td class="num"><a class="xi2">{rng.randint(0, 30)}</a><em>{rng.randint(20, 3000)}</em></td>
<td class="by"><cite>{esc(cv(rng.choice(NICKS)))}</cite><em><a>{esc(cv("今天"))} {hh % 24:02d}:{(mm + 7) % 60:02d}</a></em></td></tr></tbody>""")
        items.append(tt)
    main = f"""<div id="ct" class="wp cl"><div class="bm bml"><h1 class="xs2">{esc(cv("最新发表"))}</h1>
<ul class="tb cl"><li><a href="guide.php?view=hot">{esc(cv("最新热门"))}</a></li><li class="a"><a href="guide.php?view=newthread">{esc(cv("最新发表"))}</a></li><li><a href="guide.php?view=new">{esc(cv("最新回复"))}</a></li><li><a href="guide.php?view=digest">{esc(cv("精华帖"))}</a></li></ul></div>
<div id="threadlist" class="tl bm"><table summary="guide" cellspacing="0" cellpadding="0">
<tr class="th"><th>{esc(cv("标题"))}</th><td class="by">{esc(cv("版块"))}</td><td class="by">{esc(cv("作者"))}</td><td class="num">{esc(cv("回复/查看"))}</td><td class="by">{esc(cv("最后发表"))}</td></tr>
{''.join(rows)}
</table></div><div class="pg"><strong>1</strong><a href="guide.php?view=newthread&amp;page=2">2</a><a class="nxt" href="guide.php?view=newthread&amp;page=2">{esc(cv("下一页"))}</a></div></div>"""
    crumbs = f'<a href="./" class="nvhm">{esc(cv("同心公文论坛"))}</a> <em>&rsaquo;</em> <a href="guide.php">{esc(cv("导读"))}</a> <em>&rsaquo;</em> {esc(cv("最新发表"))}'
    h = luntan_shell(cv, cv("最新发表 - 导读 - 同心公文论坛 - Powered by Discuz!"), crumbs, main)
    return nonarticle("luntan", "guide-newthread", "http://bbs.tongxinwen.org/forum.php?mod=guide&view=newthread", "list",
                      "tw", "utf-8", cv("最新发表"), cv("同心公文论坛"), items,
                      "latest-threads list (Taiwan script): titles with forum, author, HH:MM timestamps, reply/view counts",
                      h, [cv("同心公文论坛"), cv("导读")])


def luntan_contact(rng) -> PageOut:
    cv = conv_for("tw")
    paras = ["同心公文论坛是一个面向机关干部和文字工作者的交流社区，成立于2012年。",
             "论坛的宗旨是互帮互助、共同提高，会员可以在这里分享材料、讨论写法、求助疑难问题。",
             "请勿在论坛发布涉密内容、广告和违法违规信息，一经发现将删帖并封禁账号。",
             "如需合作或有任何意见建议，欢迎通过以下方式联系管理团队。",
             "管理员邮箱：service@tongxinwen.org", "会员交流QQ群：613027748", "工作时间：周一至周五 9:00—18:00"]
    ps = "".join(f"<p>{esc(cv(x))}</p>" for x in paras)
    main = f'<div id="ct" class="wp cl"><div class="mn"><div class="bm"><div class="bm_h"><h1>{esc(cv("联系我们"))}</h1></div><div class="bm_c">{ps}</div></div></div></div>'
    crumbs = f'<a href="./" class="nvhm">{esc(cv("同心公文论坛"))}</a> <em>&rsaquo;</em> {esc(cv("联系我们"))}'
    h = luntan_shell(cv, cv("联系我们 - 同心公文论坛"), crumbs, main)
    return nonarticle("luntan", "contact", "http://bbs.tongxinwen.org/misc.php?mod=faq&action=contact", "about", "tw", "utf-8",
                      cv("联系我们"), cv("同心公文论坛"), [cv(x) for x in paras],
                      "contact page (Taiwan script): what the forum is, its rules, contact lines", h, [cv("同心公文论坛")],
                      http_charset="iso-8859-1")


def wenku_search(rng, arts: list[Article]) -> PageOut:
    cv = conv_for("hk")
    res, items = [], []
    for a in arts[:5]:
        line = next(p for p in a.body_lines if len(p) > 60)
        i = rng.randint(5, 20)
        snip = "…" + line[i:i + rng.randint(40, 60)] + "…"
        snip = cv(zhconv.convert(snip, "zh-cn"))
        title = cv(zhconv.convert(a.title, "zh-cn"))
        hl = title.replace(cv("讲话"), f'<em class="hl">{esc(cv("讲话"))}</em>') if cv("讲话") in title else esc(title)
        res.append(f"""<div class="res-item"><h3><a href="/doc/{rng.randint(10**11, 10**12)}.html">{hl if cv("讲话") in title else esc(title)}</a></h3>
<p class="snip">{esc(snip)}</p><div class="res-meta"><span>{rng.randint(2, 12)}{esc(cv("页"))}</span><span>{esc(cv(rng.choice(["DOCX", "PDF"])))}</span><span>{esc(cv(rng.choice(NICKS)))}</span><span>{rng.randint(2020, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}</span></div></div>""")
        items += [title, snip]
    for t in other_titles(rng, "", 4):
        tt = cv(t)
        ctx = speech_context(rng, TOPICS[rng.choice(list(TOPICS))], "全市", "本市", 2023)
        snip = "…" + cv(fill(rng.choice(REQUIRE), ctx))[4:50] + "…"
        res.append(f'<div class="res-item"><h3><a href="/doc/{rng.randint(10**11, 10**12)}.html">{esc(tt)}</a></h3><p class="snip">{esc(snip)}</p></div>')
        items += [tt, snip]
    head = cv(f"为您找到约{rng.randint(1000, 9000)}篇与“讲话稿”相关的文档")
    main = f'<div class="search-head"><h1>{esc(head)}</h1><div class="filter">{esc(cv("全部 | DOC | PDF | PPT | 按相关度 | 按时间"))}</div></div>\n' + "\n".join(res) + \
        f'<div class="pager"><span class="cur">1</span><a>2</a><a>3</a><a>{esc(cv("下一页"))}</a></div>'
    h = wenku_shell(cv, cv("讲话稿_搜索结果 - 墨卷文库"), "", None, main, wenku_side(None, rng, cv, ""), "gb18030")
    return nonarticle("wenku", "search-jianghuagao", "https://www.mojuanwk.com/search?q=%E8%AE%B2%E8%AF%9D%E7%A8%BF", "list", "hk",
                      "gb18030", head, cv("墨卷文库"), items,
                      "search results (Hong Kong script): highlighted keyword, snippets cut at both ends, pages/format/uploader/date",
                      h, None, http_charset="iso-8859-1")


def wenku_home(rng, arts: list[Article]) -> PageOut:
    cv = conv_for("simplified")
    items = []
    banner = "2024年度公文写作素材大礼包，VIP会员免费领取"
    cats = ["党政司法", "行业资料", "工作范文", "教育专区", "合同模板", "考试资料"]
    hot = other_titles(rng, "", 8)
    latest = [(a.title_s, cut_excerpt(a.body_lines[min(3, len(a.body_lines) - 1)], 36)) for a in arts if a.spec["script"] == "simplified"]
    topics = ["学习贯彻党的二十届三中全会精神", "安全生产月专题资料", "年终述职述廉模板合集"]
    items += [banner] + hot + [x for pair in latest for x in pair] + topics
    hot_html = "".join(f'<li><em>{i + 1}</em><a href="/doc/{rng.randint(10**11, 10**12)}.html">{esc(t)}</a></li>' for i, t in enumerate(hot))
    latest_html = "".join(f'<div class="new-doc"><a href="/doc/{rng.randint(10**11, 10**12)}.html">{esc(t)}</a><p>{esc(e)}</p></div>' for t, e in latest)
    main = f"""<div class="banner"><a href="/vip/">{esc(banner)}</a></div>
<div class="cat-grid">{''.join(f'<a class="cat" href="/c{i}/">{esc(c)}</a>' for i, c in enumerate(cats))}</div>
<div class="blk"><h2>热门文档</h2><ol class="hot">{hot_html}</ol></div>
<div class="blk"><h2>最新上传</h2>{latest_html}</div>
<div class="blk"><h2>精选专题</h2>{''.join(f'<a class="topic" href="/zt/{i}/">{esc(t)}</a>' for i, t in enumerate(topics))}</div>
<div class="blk stat">已收录文档 3,218,440 篇 · 今日新增 1,296 篇</div>"""
    h = wenku_shell(cv, "墨卷文库 - 海量文档免费在线阅读", '<meta name="description" content="墨卷文库提供各类文档在线阅读与下载">', None, main,
                    wenku_side(None, rng, cv, ""), "gb18030")
    return nonarticle("wenku", "index", "https://www.mojuanwk.com/", "list", "simplified", "gb18030", "墨卷文库", "墨卷文库",
                      items, "home page mixing blocks: banner, category grid, numbered hot list, latest uploads with cut teasers, topics, totals", h)


def wenku_404(rng) -> PageOut:
    cv = conv_for("hk")
    lines = ["抱歉，您访问的文档不存在或已被删除", "可能的原因：", "1. 文档已被上传者删除；", "2. 文档因涉嫌侵权或违规已被下架；",
             "3. 您输入的网址有误，请检查后重试。", "页面将在5秒后自动跳转到首页", "返回首页 | 联系客服"]
    main = '<div class="err-box"><img src="//static.mojuanwk.com/img/404.png" alt="404"><h1>' + esc(cv(lines[0])) + "</h1>" + \
        "".join(f"<p>{esc(cv(x))}</p>" for x in lines[1:]) + "</div>"
    h = wenku_shell(cv, cv("页面不存在 - 墨卷文库"), '<meta http-equiv="refresh" content="5;url=/">', None, main,
                    wenku_side(None, rng, cv, ""), "gb18030")
    return nonarticle("wenku", "doc-0000deadbeef", "https://www.mojuanwk.com/doc/0000deadbeef.html", "404", "hk", "gb18030",
                      cv("页面不存在"), cv("墨卷文库"), [cv(x) for x in lines],
                      "not found (Hong Kong script): apology, numbered reasons, redirect notice, full chrome", h)


# ---------------------------------------------------------------------------------------------
# The set
# ---------------------------------------------------------------------------------------------

# (topic, genre, speaker, script, http_charset, date, extra spec)
SPECS = {
    "jinshi": [
        ("yingshang", "jianghua", "县长", "simplified", "gbk", (2022, 3, 5), {"comments": 3}),
        ("anquan", "biaotai", None, "simplified", "iso-8859-1", (2021, 11, 18), {"cat": 1}),
        ("chungeng", "jianghua", "副县长", "simplified", None, (2023, 2, 21), {"plan_over": {"cut": True}}),
        ("hehu", "jianghua", "县委书记", "simplified", "gbk", (2020, 7, 9), {"comments": 2}),
        ("zuofeng", "biaotai", None, "simplified", "iso-8859-1", (2022, 8, 30), {"cat": 1}),
        ("jiaoyu", "shuzhi", None, "simplified", None, (2023, 12, 27), {"cat": 2}),
        ("xiangcun", "jianghua", None, "traditional", None, (2024, 1, 16), {"comments": 3}),
        ("wangan", "zhici", "副县长", "simplified", "gbk", (2023, 9, 11), {}),
    ],
    "qiyun": [
        ("zhengwu", "jianghua", "市长", "simplified", "utf-8", (2024, 5, 8), {"comments": 3}),
        ("wenming", "jianghua", "市委书记", "simplified", None, (2023, 4, 19), {}),
        ("minqi", "zuotan", "市委书记", "tw", "iso-8859-1", (2024, 3, 12), {"comments": 4}),
        ("qingnian", "zuotan", "市委副书记", "traditional", None, (2023, 5, 6), {}),
        ("weijian", "shuzhi", None, "traditional", "utf-8", (2024, 1, 22), {"cat": 2, "comments": 2}),
        ("yanglao", "jianghua", "副区长", "simplified", None, (2022, 10, 25), {"plan_over": {"cut": True}}),
        ("fangxun", "biaotai", None, "tw", None, (2023, 6, 1), {"cat": 1, "comments": 3}),
        ("zhaoshang", "jianghua", "区长", "simplified", "utf-8", (2023, 7, 14), {}),
    ],
    "luntan": [
        ("anquan", "jianghua", "区长", "tw", None, (2023, 5, 12), {"comments": 4}),
        ("xiangcun", "biaotai", None, "tw", "utf-8", (2022, 6, 20), {"comments": 2}),
        ("wangan", "jianghua", "县长", "tw", None, (2024, 9, 10), {"comments": 3}),
        ("jiaoyu", "jianghua", "市长", "simplified", "utf-8", (2021, 9, 3), {"comments": 5}),
        ("yanglao", "shuzhi", None, "tw", None, (2023, 12, 29), {"cat": 1, "comments": 2}),
        ("zhaoshang", "biaotai", None, "simplified", "iso-8859-1", (2022, 4, 15), {"comments": 3}),
        ("hehu", "jianghua", "副县长", "tw", None, (2023, 3, 22), {"comments": 4, "plan_over": {"cut": True}}),
        ("minqi", "zhici", "市长", "tw", "utf-8", (2024, 10, 8), {"comments": 3}),
    ],
    "wenku": [
        ("yingshang", "zuotan", "市长", "hk", None, (2023, 4, 2), {"comments": 2}),
        ("weijian", "jianghua", "区委书记", "hk", "gb18030", (2022, 11, 8), {}),
        ("fangxun", "jianghua", "县长", "simplified", None, (2024, 6, 3), {"cat": 2}),
        ("qingnian", "jianghua", "团市委书记", "hk", "iso-8859-1", (2024, 5, 5), {}),
        ("wenming", "biaotai", None, "hk", None, (2023, 8, 17), {"comments": 3}),
        ("chungeng", "shuzhi", None, "simplified", "gb18030", (2022, 1, 10), {"cat": 2}),
        ("zhengwu", "jianghua", "副市长", "hk", None, (2023, 10, 30), {"no_date": True, "comments": 4}),
        ("zuofeng", "jianghua", "县委书记", "simplified", None, (2021, 6, 28), {"plan_over": {"cut": True}}),
    ],
}

RENDER = {"jinshi": jinshi_article, "qiyun": qiyun_article, "luntan": luntan_article, "wenku": wenku_article}

FAMILY_ROWS = [
    ("jinshi", "www.jinshifw.net", "old ASP site: nested tables, `<center>`/`<font>`, the speech as `<br>`-separated lines in one `<td>` with the title repeated as the first line; info line centred above; tags, prev/next, tools, related and a comment table below; sidebar lists",
     "GBK with `<meta http-equiv>` (one traditional page in GB18030); two pages served with an ISO-8859-1 header", "`站名 » 标题`"),
    ("qiyun", "www.qiyunwen.com", "Bootstrap-like grid: `<article class=\"post card\">`, `entry-meta` line, `<p>` in `entry-content`, tag badges, post-nav, related card, comment section, `<aside class=col-lg-4>`",
     "UTF-8 `<meta charset>` (one page served as ISO-8859-1); 2 pages zh-Hant, 2 Taiwan", "`标题|栏目|站名`"),
    ("luntan", "bbs.tongxinwen.org", "Discuz-like thread: the first floor (`td.t_f`) is the speech, `<br>` lines, `本帖最后由…编辑`, locked-content boxes, attachment box, signature, reply floors (沙发/板凳/…) as dated comments",
     "UTF-8 XHTML (one page served as ISO-8859-1); 6 pages Taiwan script", "`标题 - 版块 - 站名 - Powered by Discuz!`"),
    ("wenku", "www.mojuanwk.com", "document viewer: `<div class=\"page\">` blocks of `<p class=ln>` lines, page-number markers between pages, doc-info strip, fold paywall, VIP/download buttons, JSON-LD `DigitalDocument`, ratings",
     "GB18030 `<meta charset>` (one page served as ISO-8859-1); 5 pages Hong Kong script", "`标题.docx - 站名`"),
]


def build(out: Path) -> list[PageOut]:
    Junk.used = set()
    rng = random.Random(SEED)
    pages: list[PageOut] = []
    arts: dict[str, list[Article]] = {}
    for family, specs in SPECS.items():
        arts[family] = []
        for i, (topic, genre, speaker, script, hc, date, extra) in enumerate(specs):
            spec = dict(topic=topic, genre=genre, speaker=speaker, script=script, http_charset=hc, date=date, **extra)
            a = Article(family, i, spec, rng)
            pages.append(RENDER[family](a, i))
            arts[family].append(a)
    pages.append(jinshi_list(rng, 1, [a.title_s for a in arts["jinshi"]]))
    pages.append(jinshi_list(rng, 2, []))
    pages.append(jinshi_about(rng))
    pages.append(qiyun_river(rng, arts["qiyun"]))
    pages.append(qiyun_tag(rng))
    pages.append(luntan_guide(rng, arts["luntan"]))
    pages.append(luntan_contact(rng))
    pages.append(wenku_search(rng, arts["wenku"]))
    pages.append(wenku_home(rng, arts["wenku"]))
    pages.append(wenku_404(rng))
    for p in pages:
        check_page(p)
    # sibling pages share no paragraph
    for family in SPECS:
        seen: dict[str, str] = {}
        for p in pages:
            if p.family != family or p.kind != "single":
                continue
            for line in p.expected["speeches"][0]["body"].split("\n"):
                if len(line) > 12:
                    assert seen.get(line, p.slug) == p.slug, (family, p.slug, seen[line], line)
                    seen[line] = p.slug
    return pages


def readme(pages: list[PageOut]) -> str:
    arts = [p for p in pages if p.kind == "single"]
    junk_n = sum(len({t for t, _ in p.junk if squeeze(t)}) for p in arts)
    trad = sum(p.script != "simplified" for p in pages)
    counts: dict[str, int] = {}
    for p in arts:
        for t, k in dict((t, k) for t, k in p.junk if squeeze(t)).items():
            counts[k] = counts.get(k, 0) + 1
    lines = [
        "# Fourth held-out cleaning set (generated by tools/build_heldout4.py — do not edit by hand)",
        "",
        "Made by an independent examiner for the fourth round of held-out measurement. The examiner did **not** read",
        "the cleaner (anything under cleaning/, including cleaning/rules/*.toml), tools/train_linejudge.py,",
        "tools/cms_templates.py, the earlier builders tools/build_heldout*.py (nor their text/layout helpers), any",
        "HTML or JSON under tests/fixtures/, nor the git history of those paths.",
        "Read: docs/ground-truth.md, evaluation/corpora.py, evaluation/evaluate.py, evaluation/leaks.py,",
        "evaluation/metrics.py (`find_leaks` only), evaluation/systems.py (`run_cleaner_template` only, to see how",
        "sibling pages are grouped), tests/heldout_checks.py, tests/test_cleaning_heldout3.py and",
        "tests/fixtures/heldout3/README.md (for the shape of the test and of this file only), the five seed pages in",
        "../shared/seeds (what real 范文 pages look like) and the label table of ../shared/corpus/fanwen-text/README.md.",
        "Every layout, speech sentence and junk wording was written for this set.",
        "",
        "Build (seed %d, no network, no clock; zhconv makes the traditional pages, converting every piece of text" % SEED,
        "separately so that the HTML and the truth agree):",
        "",
        "    .venv/bin/python tools/build_heldout4.py            # writes tests/fixtures/heldout4",
        "    .venv/bin/python -m evaluation.leaks tests/fixtures/heldout4",
        "    .venv/bin/python -m evaluation.evaluate tests/fixtures/heldout4 --no-baseline",
        "    .venv/bin/python -m evaluation.evaluate tests/fixtures/heldout4 --no-baseline --system cleaner-template",
        "    .venv/bin/python -m pytest -q tests/test_cleaning_heldout4.py",
        "",
        "This set is for measuring. Tuning the cleaner on it spends it; the next round needs a fifth set.",
        "Figures at the time it was made are in tests/test_cleaning_heldout4.py (ceilings, floors, xfail targets).",
        "",
        "## Contents",
        "",
        f"{len(pages)} pages: {len(arts)} articles and {len(pages) - len(arts)} pages without a speech; {trad} pages in",
        "traditional characters (zh-Hant, Taiwan and Hong Kong variants). No-speech shapes: a paged category list and its",
        "page 2, a teaser river (excerpts cut with …), a tag page, search results, a latest-threads list with HH:MM",
        "times, a home page of mixed blocks, an about page, a contact page and a not-found page.",
        "One article (wenku, marked in the table) shows no date of its own while its ratings are dated: truth date null.",
        f"The {len(arts)} articles carry {junk_n} junk strings.",
        "",
        "| family | host | markup | charset | `<title>` |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in FAMILY_ROWS]
    lines += [
        "",
        "Speeches come from topic records (sixteen subjects) and genre outlines (work-conference speech, 表态发言,",
        "致辞, 座谈会 speech, 述职报告) written here; each page picks its own sentences, so sibling pages share no",
        "paragraph (the builder asserts it). They carry what a naive cleaner could take for junk: `同志们：`,",
        "`谢谢大家！`, numbered heads (一、/（一）), figures with % and dates, a document named in 《》, the",
        "speech's own heading and delivery date, and speeches whose subject is a 政务服务平台 or 网络安全 (网站,",
        "下载, 关注, 公众号 in the speech itself).",
        "",
        "## Truth format",
        "",
        "docs/ground-truth.md, plus `kind` `about`/`404`, `script`, `note`, `junk_kinds` (each `must_not_contain`",
        "string -> `type/position`), `comment_dates`, and `list_items` on the pages without a speech (whose",
        "`must_not_contain` is empty: any speech from them is wrong).",
        "Positions: `top`, `inside` (its own line between body paragraphs), `glued` (inside a body paragraph; the truth",
        "keeps the paragraph without it), `hidden` (a `display:none` span in a paragraph), `bottom` — all inside the",
        "text column; `outside` (any other block of the page, chrome included) and `after` (comments, signature).",
        "Where the site cuts the speech with a paywall the truth is the shown text, up to the cut.",
        "",
        "Junk strings on the articles by `type/position`:",
        "",
        "| type/position | strings |",
        "|---|---:|",
    ]
    lines += [f"| {k} | {counts[k]} |" for k in sorted(counts)]
    lines += ["", "| page | kind | script | encoding | http_charset | junk | note |", "|---|---|---|---|---|---:|---|"]
    for p in pages:
        n = len({t for t, _ in p.junk if squeeze(t)})
        lines.append(f"| {p.family}/{p.slug} | {p.kind} | {p.script} | {p.encoding} | {p.http_charset or ''} | {n} | {p.note} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    out: Path = args.out
    pages = build(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for p in pages:
        p.write(out)
    (out / "README.md").write_text(readme(pages), encoding="utf-8")
    print(f"{out}: {len(pages)} pages ({sum(p.kind == 'single' for p in pages)} articles)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
