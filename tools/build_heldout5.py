"""Build the FIFTH held-out cleaning set: tests/fixtures/heldout5 (HTML + JSON truth + README).

    .venv/bin/python tools/build_heldout5.py [--out DIR]

Written by an independent examiner who read neither the cleaner (cleaning/, its rules) nor the earlier
builders and fixtures. Seeded, no network, no clock: the output is the same on every run.
Four site families invented here (a Vue-rendered SPA, a government-portal-like table site with a
print view, a WeChat-article mirror, a Markdown blog); speech sentences and junk wordings written here.
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

SEED = 20261127
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "tests" / "fixtures" / "heldout5"

# ----------------------------------------------------------------------------------------------
# Speech text: topic records and genre outlines (all written for this set)
# ----------------------------------------------------------------------------------------------

TOPICS = {
    "shuzi": dict(
        field="数字政府建设", meeting="{area}数字政府建设推进会", doc="《关于加快推进数字政府建设的实施意见》", trap=True,
        facts=["截至目前，{area}一体化政务服务平台已接入事项{n}项，“一网通办”率达到{p}%。",
               "政务服务APP累计下载注册用户突破{n}万人，日均访问量{n2}人次。",
               "{x}个部门的自建业务系统完成迁移上云，电子证照共享调用{n2}万次。",
               "群众办事平均跑动次数由{x}次下降到{y}次以下，企业开办压缩到{y}个工作日。"],
        acts=["要进一步优化政务服务网站和移动端功能，做到界面简洁、流程清晰，让老年人也能用得顺手。",
              "要主动梳理高频事项，推动更多事项实现“扫码即办”“刷脸可办”，减少群众跑腿。",
              "要加大推广力度，引导企业和群众下载使用政务服务APP，关注官方公众号获取办事指南。",
              "要健全数据共享责任清单，凡是能通过平台共享获取的材料，一律不再要求群众重复提交。",
              "要严格落实数据分类分级保护制度，严防个人信息在采集、传输、使用环节发生泄露。",
              "要把“好差评”结果作为改进服务的重要依据，对差评事项逐一回访、限期整改。"]),
    "wangan": dict(
        field="网络安全和信息化", meeting="{area}网络安全和信息化工作会议", doc="《关键信息基础设施安全保护条例》", trap=True,
        facts=["去年以来，{area}共排查各类网站和信息系统{n}个，整改安全隐患{n2}处。",
               "组织开展网络安全攻防演练{x}次，发现并修复高危漏洞{n}个。",
               "全年处置网上有害信息{n}条，关停违规网站和账号{n2}个。",
               "{area}{x}家单位的政务网站和新媒体账号已全部纳入常态化监测。"],
        acts=["要对本单位网站、公众号、小程序开展一次全面体检，坚决关停“僵尸”账号和长期不更新的栏目。",
              "要严格落实“谁主管谁负责、谁运营谁负责”，决不能重建设、轻防护。",
              "要加强干部职工网络安全意识教育，不随意点击陌生链接，不从非官方渠道下载软件。",
              "要落实关键信息基础设施等级保护和密码应用安全性评估要求，补齐技术防护短板。",
              "要完善网络安全事件应急预案，确保一旦发生问题能够第一时间发现、第一时间处置。",
              "要办好网络安全宣传周活动，推动网络安全知识进机关、进校园、进社区。"]),
    "fanzha": dict(
        field="打击治理电信网络诈骗", meeting="{area}打击治理电信网络诈骗工作推进会", doc="《反电信网络诈骗法》", trap=True,
        facts=["今年以来，{area}共破获电信网络诈骗案件{n}起，抓获犯罪嫌疑人{n2}名。",
               "累计止付冻结涉案资金{n}万元，为群众挽回经济损失{n2}万元。",
               "电信网络诈骗发案数同比下降{p}%，已连续{x}个月实现同比下降。",
               "各级反诈中心全年发出预警指令{n}条，成功劝阻潜在受害人{n2}人。"],
        acts=["要持续推广国家反诈中心APP，力争辖区内注册安装率再提高{x}个百分点。",
              "要发动网格员入户宣传，提醒群众凡是要求下载陌生APP、扫描陌生二维码、共享手机屏幕的都是诈骗。",
              "要引导群众关注反诈公众号发布的最新案例，把刷单返利、虚假投资理财等高发类型讲清讲透。",
              "要督促金融机构落实开户实名制和异常交易监测，坚决斩断涉诈资金链条。",
              "要督促通信运营企业加强对涉诈电话卡、物联网卡的清理整治，堵塞管理漏洞。",
              "要对“两卡”违法犯罪依法从严打击，公开宣判一批典型案件，形成有力震慑。"]),
    "gonghui": dict(
        field="工会会员服务", meeting="{area}工会会员服务工作会议", doc="《工会会员会籍管理办法》", trap=True,
        facts=["目前，{area}工会会员实名制数据库已录入会员{n}万人，覆盖率达到{p}%。",
               "会员服务卡累计发放{n}万张，联合{n2}家商户开展会员普惠活动。",
               "全年为困难会员发放帮扶资金{n}万元，走访慰问{n2}人次。",
               "新就业形态劳动者新入会{n}人，建成“司机之家”“暖心驿站”{x}个。"],
        acts=["要依托工会服务平台，实现会员入会、转会、帮扶申请网上办、掌上办。",
              "要推动会员普惠从“有没有”向“好不好”转变，让职工真正感受到会员身份的含金量。",
              "要主动关注快递员、外卖骑手等群体，扫二维码就能申请入会的做法要加快推开。",
              "要规范会员制服务的资金使用，确保每一分钱都用在职工身上。",
              "要办好职工书屋和网上学习平台，满足会员多样化的精神文化需求。",
              "要健全会员诉求收集和反馈机制，做到件件有回音、事事有着落。"]),
    "senlin": dict(
        field="森林防灭火", meeting="{area}森林防灭火工作会议", doc="《森林防火条例》",
        facts=["今年{area}共落实护林员{n}名，建成视频监控点{x}处。",
               "全年共发生森林火情{x}起，均在{y}小时内扑灭，未造成人员伤亡。",
               "清理林下可燃物{n}亩，开设生物防火隔离带{n2}公里。",
               "开展森林防灭火实战演练{x}场次，参演人员{n}人。"],
        acts=["要严格落实进山入林登记制度，清明、春节等重点时段实行领导干部包山头、包地块。",
              "要严管野外用火，坚决制止上坟烧纸、燃放鞭炮、焚烧秸秆等行为。",
              "要加强专业扑火队伍建设，保证队伍随时拉得出、冲得上、打得赢。",
              "要强化物资储备，风力灭火机、水泵、对讲机等装备要逐一检修。",
              "要利用广播、短信、村级微信群滚动发布森林火险等级预警。",
              "要对发生火情的单位倒查责任，该约谈的约谈、该问责的问责。"]),
    "kaifaqu": dict(
        field="开发区改革创新", meeting="{area}开发区改革创新发展大会", doc="《关于推进开发区高质量发展的若干措施》",
        facts=["{year}年，开发区实现规上工业产值{n}亿元，同比增长{p}%。",
               "新签约亿元以上项目{x}个，计划总投资{n}亿元。",
               "出让“标准地”{n}亩，项目平均审批时限压缩到{x}个工作日。",
               "园区亩均税收达到{n}万元，比上年提高{p}%。"],
        acts=["要深化“管委会+公司”运营模式改革，让专业的人干专业的事。",
              "要推行“拿地即开工”，把审批环节尽可能往前挪、往并联上靠。",
              "要盘活闲置低效用地，对长期圈而不建的坚决依法收回。",
              "要围绕主导产业开展精准招商，瞄准链主企业和关键配套企业。",
              "要完善园区生活配套，加快建设人才公寓、职工食堂和幼儿园。",
              "要建立项目全生命周期服务专班，做到企业有呼、服务必应。"]),
    "laoxiao": dict(
        field="城镇老旧小区改造", meeting="{area}城镇老旧小区改造工作会议", doc="《城镇老旧小区改造技术导则》",
        facts=["今年计划改造老旧小区{x}个，涉及居民{n}户、建筑面积{n2}平方米。",
               "已完成供排水管网改造{n}公里，加装电梯{x}部。",
               "新增停车位{n}个，建成电动自行车充电桩{n2}个。",
               "第三方测评显示，改造后小区居民满意度达到{p}%。"],
        acts=["要坚持居民自愿、先民生后提升，改什么、怎么改，要让群众说了算。",
              "要统筹水电气讯等管线单位同步进场，避免反复开挖、形成“马路拉链”。",
              "要把好工程质量关，严禁使用不合格材料，隐蔽工程必须留存影像资料。",
              "要建立长效管护机制，推动引入物业服务或者实行居民自治管理。",
              "施工期间要做好文明施工和安全防护，尽量减少对居民日常生活的影响。",
              "要确保改造资金专款专用，主动接受审计监督和群众监督。"]),
    "liangshi": dict(
        field="粮食生产和耕地保护", meeting="{area}粮食生产和耕地保护工作会议", doc="《粮食安全保障法》",
        facts=["{year}年{area}粮食播种面积稳定在{n}万亩以上，总产量{n2}万吨。",
               "新建高标准农田{n}万亩，耕地保有量全面完成上级下达任务。",
               "整治撂荒地{n}亩，复耕复种率达到{p}%。",
               "发放耕地地力保护补贴{n}万元，惠及农户{n2}户。"],
        acts=["要严格落实耕地保护党政同责，坚决遏制耕地“非农化”、防止“非粮化”。",
              "要抓好春耕备耕，提前调运种子、化肥、农药等农资，确保供应不断档。",
              "要推广良种良法，扩大大豆玉米带状复合种植面积。",
              "要加强农田水利设施管护，确保旱能浇、涝能排。",
              "要健全种粮农民收益保障机制，让农民种粮不吃亏、有钱挣。",
              "要对违法占用耕地的行为发现一起、查处一起，绝不姑息。"]),
    "wenlv": dict(
        field="文化旅游融合发展", meeting="{area}文化旅游产业发展大会", doc="《“十四五”文化和旅游发展规划》",
        facts=["去年{area}接待游客{n}万人次，实现旅游综合收入{n2}亿元。",
               "新创建国家A级景区{x}家、乡村旅游重点村{y}个。",
               "举办各类节会活动{x}场，线上直播观看量达到{n}万人次。",
               "智慧旅游服务平台上线以来，累计完成门票预约{n}万单。"],
        acts=["要深挖本地历史文化资源，推出一批叫得响、留得住的文旅精品线路。",
              "要改善景区交通、停车、厕所等基础设施，切实提升游客体验。",
              "要用好短视频平台和旅游网站，讲好地方故事，扩大目的地知名度。",
              "要规范旅游市场秩序，坚决打击欺客宰客、强迫消费行为。",
              "要培育民宿、研学、露营等新业态，延长游客停留时间。",
              "要加强文物保护利用，让收藏在博物馆里的文物真正“活”起来。"]),
    "jiuye": dict(
        field="稳就业保民生", meeting="{area}稳就业保民生工作会议", doc="《关于进一步稳定和扩大就业的若干措施》",
        facts=["今年以来，{area}城镇新增就业{n}人，完成年度目标的{p}%。",
               "组织线上线下招聘会{x}场，提供就业岗位{n}个。",
               "发放创业担保贷款{n}万元，带动就业{n2}人。",
               "高校毕业生就业去向落实率达到{p}%，零就业家庭实现动态清零。"],
        acts=["要落实好稳岗返还、社保补贴等政策，能免申即享的一律免申即享。",
              "要开发一批公益性岗位，兜牢就业困难群体的就业底线。",
              "要加强职业技能培训，培训内容要紧贴企业实际用工需求。",
              "要建好用好零工市场，为灵活就业人员提供就近就便的服务。",
              "要完善就业信息平台，让求职者在手机上就能查岗位、投简历、约面试。",
              "要加强劳动保障监察，依法维护劳动者特别是农民工的合法权益。"]),
    "wangge": dict(
        field="基层网格化治理", meeting="{area}基层治理工作推进会", doc="《关于加强基层治理体系和治理能力现代化建设的意见》",
        facts=["{area}共划分基础网格{n}个，配备专兼职网格员{n2}名。",
               "全年网格员上报各类事件{n}件，按期办结率{p}%。",
               "矛盾纠纷调解成功率达到{p}%，没有发生重大群体性事件。",
               "{x}个村（社区）完成党群服务中心规范化建设。"],
        acts=["要推动网格员队伍专职化，合理确定网格员待遇保障标准。",
              "要整合党建、综治、应急等各类网格，实现“多网合一、一网统管”。",
              "要坚持和发展新时代“枫桥经验”，把矛盾纠纷化解在基层、解决在萌芽。",
              "要切实为基层减负，清理规范各类挂牌、台账和考核事项。",
              "要完善网格事件分拨处置流程，确保小事不出网格、大事不出镇街。",
              "要发挥好乡贤、志愿者、社会组织等力量的作用。"]),
    "xuncha": dict(
        field="巡察整改", meeting="{area}巡察整改工作推进会", doc="《中国共产党巡视工作条例》",
        facts=["本轮巡察共反馈问题{n}个，目前已完成整改{n2}个。",
               "巡察移交问题线索{x}件，已立案审查{y}件。",
               "推动建立完善制度{n}项，清退违规资金{n2}万元。",
               "组织开展整改落实情况“回头看”{x}次。"],
        acts=["被巡察单位党组织要切实履行整改主体责任，书记要亲自抓、负总责。",
              "要坚持立行立改和长期坚持相结合，对已完成整改的问题防止反弹回潮。",
              "要举一反三，从个案问题中查找制度漏洞和管理短板。",
              "要把巡察整改情况在一定范围内公开，接受干部群众监督。",
              "对整改不力、敷衍整改、虚假整改的，要严肃追责问责。",
              "要把巡察整改与推动中心工作结合起来，以整改实效促进事业发展。"]),
    "yibao": dict(
        field="医疗保障基金监管", meeting="{area}医疗保障基金监管工作会议", doc="《医疗保障基金使用监督管理条例》", trap=True,
        facts=["全年检查定点医药机构{n}家，追回医保基金{n2}万元。",
               "医保电子凭证激活人数达到{n}万人，激活率{p}%。",
               "查处欺诈骗保案件{x}起，移送司法机关{y}起。",
               "跨省异地就医直接结算{n}万人次，群众垫资压力明显减轻。"],
        acts=["要持续开展打击欺诈骗保专项行动，始终保持高压态势。",
              "要推广医保电子凭证，引导参保群众通过官方APP查询个人账户和就诊记录。",
              "要用好智能监控系统，对异常诊疗数据实时预警、及时核查。",
              "要落实举报奖励制度，公布举报电话和网站入口，鼓励群众参与监督。",
              "要督促定点医药机构加强自查自纠，规范诊疗和收费行为。",
              "要加强部门联动，形成医保、卫健、公安、市场监管协同监管的格局。"]),
    "renju": dict(
        field="农村人居环境整治", meeting="{area}农村人居环境整治提升现场会", doc="《农村人居环境整治提升五年行动方案》",
        facts=["今年{area}新改建农村卫生厕所{n}户，卫生厕所普及率达到{p}%。",
               "农村生活垃圾收运处置体系已覆盖{x}个行政村。",
               "清理村内沟塘{n}处，拆除残垣断壁{n2}处。",
               "评选美丽庭院示范户{n}户、清洁村庄{x}个。"],
        acts=["要坚持因地制宜，不能照搬城市模式，更不能搞形象工程。",
              "要推行“门前三包”，引导农民群众自己的家园自己建、自己管。",
              "要建立村庄保洁长效机制，确保整治成果不反弹。",
              "要梯次推进农村生活污水治理，优先治理水源保护区和人口集中村庄。",
              "要发挥村规民约作用，开展“红黑榜”评比，用身边事教育身边人。",
              "要加强督导检查，每月通报排名，对排名靠后的约谈提醒。"]),
    "keji": dict(
        field="科技创新", meeting="{area}科技创新大会", doc="《关于加快建设创新型城市的实施意见》",
        facts=["全社会研发经费投入强度达到{p}%，比上年提高0.{y}个百分点。",
               "高新技术企业总数达到{n}家，净增{x}家。",
               "技术合同成交额{n}亿元，同比增长{p}%。",
               "建成省级以上研发平台{x}个，引进高层次人才团队{y}个。"],
        acts=["要强化企业创新主体地位，支持龙头企业牵头组建创新联合体。",
              "要落实研发费用加计扣除等政策，加大对科技型中小企业的支持力度。",
              "要深化科技成果转化改革，打通从实验室到生产线的“最后一公里”。",
              "要大力引进培育高层次人才，做好住房、子女入学等配套服务。",
              "要完善科技金融服务，积极发展知识产权质押融资。",
              "要营造鼓励创新、宽容失败的良好氛围。"]),
    "nonglu": dict(
        field="“四好农村路”建设", meeting="{area}“四好农村路”建设推进会", doc="《农村公路养护管理办法》",
        facts=["{year}年新改建农村公路{n}公里，完成危桥改造{x}座。",
               "具备条件的建制村通客车率保持在{p}%。",
               "农村公路优良中等路率达到{p}%，比上年提高{y}个百分点。",
               "设立县乡村三级路长{n}名，实现路长全覆盖。"],
        acts=["要坚持建管养运并重，绝不能重建设、轻养护。",
              "要全面落实路长制，明确每条道路的管护责任人。",
              "要加强农村公路安全生命防护工程建设，消除临水临崖隐患。",
              "要推动农村客运和物流融合发展，方便群众出行和农产品外运。",
              "要严格工程质量监管，实行质量终身责任制。",
              "要多渠道筹集养护资金，保障养护经费足额到位。"]),
}

AREAS = ["全市", "全县", "全区", "全旗", "全州", "全镇"]
ORG = {"全市": "市委、市政府", "全县": "县委、县政府", "全区": "区委、区政府", "全旗": "旗委、旗政府",
       "全州": "州委、州政府", "全镇": "镇党委、镇政府"}
PLACES = ["城东片区", "几个重点乡镇", "开发区和部分村居", "一线站所", "基层单位", "沿河几个村"]

OPEN_JH = [
    "今天召开{meeting}，主要是回顾总结前一阶段{field}工作，分析当前面临的形势，安排部署下一步任务。",
    "这次会议是经{org}研究同意召开的，规格高、议程紧凑，充分体现了{org}对{field}工作的高度重视。",
    "刚才，{x}个单位作了交流发言，讲得都很实在，有做法、有成效、也有思考，请大家会后认真消化吸收。",
    "年初我们就把大家召集起来开这个会，目的就是抢抓时间、压实责任，推动{field}工作开好局、起好步。",
    "会前，我带着有关部门的同志到{place}进行了实地调研，看了现场，听了意见，心里有了一些底数。",
    "今年以来，{area}上下围绕{field}做了大量卓有成效的工作，在此，我代表{org}向大家表示衷心感谢！",
    "{org}对开好这次会议十分重视，主要负责同志专门作出批示，要求把会议精神原原本本传达到基层。",
]
TRANSITION = ["下面，我讲三点意见。", "下面，围绕贯彻落实好会议精神，我再讲三点意见。",
              "下面，我就做好{field}工作，讲三个方面的意见。", "借此机会，我讲三点意见，供大家参考。",
              "结合调研掌握的情况，下面我讲三点具体意见。", "下面，我讲三点意见，请大家抓好落实。"]
SITUATION = [
    "总的来看，成绩值得充分肯定，但也要清醒看到，{field}工作同新形势新要求相比还存在不小差距。",
    "从{year}年的运行情况看，{area}{field}工作总体平稳、稳中有进，多项指标位居前列。",
    "这些成绩的取得，是各级各部门团结协作、攻坚克难的结果，更是广大基层干部默默奉献的结果。",
    "当前，{field}工作正处在爬坡过坎的关键阶段，不进则退，慢进也是退。",
    "有的单位思想认识不到位，把{field}当作软任务，满足于开开会、发发文。",
    "个别地方推进不平衡，上热中温下冷的现象依然存在，群众的获得感还不够强。",
    "有的同志担当精神不足，遇到矛盾绕着走，碰到难题往上推，这种状况必须坚决扭转。",
    "对照{doc}的要求，我们在制度执行、基层落实等方面还有不少欠账。",
]
DEMAND = [
    "各级各部门要把思想和行动统一到{org}的决策部署上来，切实增强做好{field}工作的责任感和紧迫感。",
    "要坚持问题导向，建立问题、责任、整改“三张清单”，逐项销号、动态清零。",
    "牵头单位要牵好头、抓总负责，配合单位要各司其职、主动补位，形成工作合力。",
    "要把{field}纳入年度综合考核，考核结果与评先评优、干部使用直接挂钩。",
    "主要负责同志要当好第一责任人，重要工作亲自部署、重大问题亲自过问、关键环节亲自协调。",
    "要建立周调度、月通报、季讲评制度，对工作滞后的单位及时约谈提醒。",
    "今年{area}安排{field}专项资金{n}万元，要重点向基层一线倾斜，提高资金使用效益。",
    "要坚持实事求是，决不能搞数字游戏、做表面文章，更不能层层加码、搞“一刀切”。",
    "要注重总结推广基层的好经验好做法，以点带面、整体推进。",
    "要加强宣传引导，讲好{field}工作中的生动故事，营造全社会共同参与的良好氛围。",
    "纪检监察机关要跟进监督，对敷衍塞责、弄虚作假的严肃追责问责。",
    "要分期分批开展业务培训，切实提升干部队伍的专业能力。",
    "各乡镇（街道）要在{deadline}前制定具体实施方案，明确时间表、路线图、责任人。",
    "要认真贯彻{doc}，把各项规定要求细化为可操作、可检查的具体措施。",
]
CLOSING = [
    "同志们，{field}工作使命光荣、责任重大。让我们以更加昂扬的精神状态、更加务实的工作作风，奋力开创{area}{field}工作新局面！",
    "同志们，时间不等人，任务不等人。希望大家会后迅速行动起来，确保{field}各项目标任务落地见效。",
    "同志们，做好今年的{field}工作意义重大。让我们坚定信心、扛起责任，以实际行动交出一份满意答卷！",
    "同志们，目标已经明确，关键在于落实。希望大家拿出只争朝夕的劲头，把会议确定的事项一件一件抓好。",
    "同志们，{field}工作没有休止符，只有进行时。让我们一起努力，把{org}的部署要求不折不扣落到实处。",
]
SALUTE = ["同志们：", "各位同志：", "同志们、朋友们：", "同志们，大家好！", "各位领导、同志们："]
THANKS = ["谢谢大家！", "谢谢！", "我就讲这些，谢谢大家。", "谢谢各位！"]
HEAD1 = ["统一思想，充分认清做好{field}工作的重要性", "把握形势，准确认识{field}面临的新要求",
         "提高站位，切实增强抓好{field}的责任感紧迫感", "正视问题，清醒看到{field}工作中的短板弱项",
         "总结经验，巩固{field}来之不易的良好态势", "坚定信心，全面肯定{field}取得的阶段性成效"]
HEAD2 = ["突出重点，扎实推进{field}各项任务", "精准发力，着力破解{field}中的难点堵点",
         "聚焦关键，推动{field}提质增效", "抓住要害，全力攻坚{field}重点工作",
         "紧盯目标，确保{field}年度任务全面完成"]
HEAD3 = ["强化保障，凝聚推进{field}的强大合力", "压实责任，确保{field}各项部署落地见效",
         "转变作风，以实干实绩推动{field}工作落实", "加强领导，为{field}提供坚强组织保障",
         "严督实考，推动{field}工作往深里走、往实里走"]
CN_NUM = "一二三四五六七八九十"
OFFICES = ["县委书记", "市长", "区长", "XX书记", "X县长", "副市长", "旗长"]
LEADERS = ["XX书记", "X市长", "XX县长", "各位领导", "XX主任"]
UNITS = ["县应急管理局", "XX镇", "市数据资源局", "区公安分局", "XX街道", "县农业农村局", "市人社局", "X乡"]


def _fill(rng: random.Random, text: str, ctx: dict) -> str:
    vals = dict(ctx)
    vals.update(n=rng.randint(120, 9800), n2=rng.randint(15, 990), p=f"{rng.randint(61, 99)}.{rng.randint(1, 9)}",
                x=rng.randint(3, 9), y=rng.randint(1, 2), deadline=rng.choice(["3月底", "4月15日", "6月30日", "本月底"]))
    return text.format(**vals)


class Speech:
    def __init__(self, title: str, lines: list[tuple[str, str]], speaker: str | None, occasion: str | None,
                 genre: str, topic: str):
        self.title, self.lines, self.speaker, self.occasion = title, lines, speaker, occasion
        self.genre, self.topic = genre, topic


def compose(rng: random.Random, genre: str, topic_key: str, area: str, year: int, byline: bool, office: str | None,
            short: bool = False) -> Speech:
    """lines: (kind, text), kind "h" heading of the speech itself or "p" paragraph."""
    t = TOPICS[topic_key]
    ctx = dict(area=area, org=ORG[area], year=year, place=rng.choice(PLACES), field=t["field"], doc=t["doc"])
    ctx["meeting"] = t["meeting"].format(area=area)
    F = lambda s: _fill(rng, s, ctx)  # noqa: E731
    facts, acts = list(t["facts"]), list(t["acts"])
    rng.shuffle(facts)
    rng.shuffle(acts)
    sit, dem = rng.sample(SITUATION, 4), rng.sample(DEMAND, 7)
    L: list[tuple[str, str]] = []
    P = lambda *s: L.append(("p", "".join(F(x) for x in s)))  # noqa: E731
    H = lambda s: L.append(("h", F(s)))  # noqa: E731
    month, day = rng.randint(2, 11), rng.randint(3, 27)
    speaker = occasion = None
    meeting = ctx["meeting"]
    if genre == "jianghua":
        title = f"{office}在{meeting}上的讲话" if office else f"在{meeting}上的讲话"
        speaker, occasion = office, meeting
        if byline:
            H(f"——在{year}年{meeting}上的讲话")
            L.append(("p", f"（{year}年{month}月{day}日）"))
            L.append(("p", f"{office or '主讲人'}：XXX"))
        L.append(("p", rng.choice(SALUTE)))
        o = rng.sample(OPEN_JH, 2)
        P(o[0], o[1])
        if rng.random() < 0.5:
            L[-1] = ("p", L[-1][1] + F(rng.choice(TRANSITION)))
        else:
            P(rng.choice(TRANSITION))
        H("一、" + rng.choice(HEAD1))
        P(facts[0], facts[1], sit[0])
        P(facts[2], sit[1])
        P(sit[2], sit[3])
        H("二、" + rng.choice(HEAD2))
        subs = acts[:4] if not short else acts[:2]
        for i, a in enumerate(subs):
            act = re.sub(r"^(要|被巡察单位党组织要|施工期间要)", "", F(a))
            head, _, rest = act.partition("，")
            H(f"（{CN_NUM[i]}）{head.rstrip('。')}。")
            P(rest or sit[3], dem[i], facts[3] if i == 1 else "")
        H("三、" + rng.choice(HEAD3))
        P(acts[4], dem[4])
        P(acts[5], dem[5], dem[6])
        P(rng.choice(CLOSING))
        if rng.random() < 0.6:
            L.append(("p", rng.choice(THANKS)))
    elif genre == "biaotai":
        title = f"在{meeting}上的发言"
        occasion = meeting
        leader = rng.choice(LEADERS)
        unit = rng.choice(UNITS)
        L.append(("p", f"尊敬的{leader}、各位领导，同志们："))
        P(f"刚才，{leader}的讲话站位高远、要求明确，我们将认真学习领会、坚决抓好落实。根据会议安排，我代表{unit}作表态发言。")
        P(facts[0], facts[1])
        P("对照会议部署，我们将重点做到以下几点：")
        for i, a in enumerate(acts[:4]):
            body = re.sub(r"^要", "", F(a))
            P(f"{'一二三四'[i]}是坚决{body}", dem[i])
        P(f"我们将以这次会议为新的起点，{sit[0]}")
        P(f"请{org_short(area)}放心，{unit}一定拿出最坚决的态度、最有力的措施，确保{ctx['field']}各项任务圆满完成。")
        L.append(("p", rng.choice(["我的发言完毕，谢谢！", "表态完毕，谢谢！", "我就表态这些，谢谢各位领导！"])))
    elif genre == "zuotan":
        meeting = meeting.replace("工作会议", "工作座谈会").replace("推进会", "座谈会").replace("大会", "座谈会").replace("现场会", "座谈会")
        if "座谈会" not in meeting:
            meeting += "座谈会"
        title = f"在{meeting}上的讲话"
        occasion = meeting
        L.append(("p", rng.choice(SALUTE)))
        P(f"今天这个座谈会，开得很好。刚才，{rng.randint(5, 9)}位同志结合各自工作谈了情况、提了建议，听了很受启发。")
        P(facts[0], sit[0])
        P(facts[1], facts[2])
        P("下面，我谈几点体会和想法，同大家交流。")
        P("第一，", dem[0], acts[0])
        P("第二，", acts[1], dem[1])
        P("第三，", acts[2], dem[2])
        P("第四，", acts[3], facts[3])
        P(f"会后，请有关部门把大家今天提出的{rng.randint(11, 40)}条意见建议逐条梳理，能马上办的马上办，一时办不了的要说明情况。", dem[3])
        P(rng.choice(CLOSING))
    elif genre == "kaimu":
        title = f"{meeting}开幕词"
        L.append(("p", "各位代表、同志们："))
        P(f"在{area}上下奋力推进{ctx['field']}的关键时刻，{meeting}今天隆重开幕了！我代表大会主席团，向出席大会的各位代表、各位来宾表示热烈欢迎！")
        L.append(("p", "（全体起立，奏唱国歌）"))
        P(f"这次大会应到代表{rng.randint(180, 420)}名，实到{rng.randint(150, 179)}名，符合规定人数，可以开会。")
        P(facts[0], facts[1], sit[0])
        P(facts[2], sit[1])
        P("大会的主要任务是：", acts[0], acts[1])
        P(dem[0], dem[1])
        P(dem[2], acts[2])
        P("预祝大会圆满成功！")
    elif genre == "bimu":
        meeting = meeting.replace("推进会", "大会").replace("工作会议", "工作大会").replace("现场会", "大会")
        title = f"在{meeting}闭幕式上的讲话"
        occasion = f"{meeting}闭幕式"
        L.append(("p", "各位代表，同志们："))
        P(f"{meeting}在圆满完成各项议程后，就要闭幕了。会议开得紧凑、务实、高效，达到了统一思想、明确任务、鼓舞干劲的目的。")
        P(facts[0], facts[1])
        P("会议期间，大家认真讨论了", ctx["doc"], "的贯彻措施，提出了很多有价值的意见建议。")
        H("一、" + rng.choice(HEAD1))
        P(sit[0], facts[2])
        H("二、" + rng.choice(HEAD2))
        P(acts[0], dem[0])
        P(acts[1], acts[2], dem[1])
        H("三、" + rng.choice(HEAD3))
        P(acts[3], dem[2])
        P(rng.choice(CLOSING))
        P(f"现在，我宣布：{meeting}胜利闭幕！")
    elif genre == "zhuchi":
        meeting = meeting.replace("工作会议", "先进表彰大会").replace("推进会", "表彰大会").replace("现场会", "表彰大会")
        if "表彰" not in meeting:
            meeting = meeting.replace("大会", "表彰大会")
        title = f"{meeting}主持词"
        L.append(("p", "男：尊敬的各位领导、各位来宾，"))
        L.append(("p", "女：亲爱的同志们、朋友们，"))
        L.append(("p", "合：大家上午好！"))
        P(f"男：{ctx['field']}事关千家万户。过去一年，{area}涌现出一大批先进集体和先进个人。", facts[0])
        P(f"女：今天，我们在这里隆重召开{meeting}，表彰先进、树立典型、激励斗志。", facts[1])
        L.append(("p", "男："))
        P(f"出席今天大会的领导有：{org_short(area)}主要负责同志XXX、XXX，以及{rng.randint(6, 15)}个部门的主要负责同志。让我们以热烈的掌声表示欢迎！")
        L.append(("p", "（掌声）"))
        P("女：下面进行大会第一项，请XX同志宣读表彰决定。")
        P("男：下面进行大会第二项，为受表彰的先进集体和先进个人颁奖。请获奖代表上台领奖，请颁奖领导上台颁奖。")
        P("女：请先进代表发言。", sit[0])
        P(f"男：最后，请{rng.choice(LEADERS)}作重要讲话，大家欢迎！")
        P("女：", dem[0], acts[0])
        P("男：同志们，让我们以受表彰的先进为榜样，", acts[1].lstrip("要"))
        L.append(("p", "合：散会！"))
    elif genre == "dangke":
        theme = f"以{ctx['field']}的实际成效检验学习成效"
        title = f"专题党课讲稿：{theme}"
        L.append(("p", rng.choice(["同志们：", "各位党员同志："])))
        P(f"按照{ORG[area]}的统一安排，今天我以普通党员的身份，和大家一起交流学习体会。我讲的题目是《{theme}》。")
        P("今天的党课分三个部分：第一部分，讲讲为什么要抓；第二部分，讲讲当前存在哪些问题；第三部分，讲讲下一步怎么干。")
        H("第一部分：深刻认识抓好这项工作的政治意义")
        P(facts[0], sit[0])
        P(dem[0], facts[1])
        H("第二部分：以刀刃向内的勇气查找差距")
        P(sit[1], sit[2])
        P(f"在前期专题调研中，我们共梳理出问题{rng.randint(12, 40)}条，已整改{rng.randint(5, 11)}条，其余的将在{month}月底前全部整改到位。")
        H("第三部分：以实干担当推动各项任务落地")
        P(acts[0], dem[1])
        P(acts[1], acts[2], dem[2])
        P("以上是我的一些学习体会，不妥之处，请同志们批评指正。")
    else:
        raise ValueError(genre)
    return Speech(title, [(k, s) for k, s in L if s.strip()], speaker, occasion, genre, topic_key)


def org_short(area: str) -> str:
    return ORG[area].split("、")[0]


# ----------------------------------------------------------------------------------------------
# Junk wordings (synonym banks; each page draws its own, no in-column junk string used twice)
# ----------------------------------------------------------------------------------------------

COLUMNS = ["讲话稿", "发言稿", "致辞大全", "主持词", "党课讲稿", "工作总结", "心得体会", "表态发言", "述职报告", "会议纪要"]
PROMO_SIDE = ["想看更多同类范文，可以到本站“{c}”栏目逛逛", "更多{c}相关文章，请点击进入{c}频道",
              "本站{c}专栏每日更新，欢迎前往查阅", "查找同类稿件，请移步{c}栏目",
              "小编还为您整理了{c}的其他精品文章，点此查看", "如需更多优秀{c}，敬请访问{s}{c}专区",
              "{c}栏目还收录了{k}篇同主题文章，欢迎翻阅", "喜欢这篇文章的朋友，还可以看看{c}里的热门稿件"]
PROMO_LEAD = ["下面是{s}小编为大家精心整理的{t}，仅供参考，欢迎阅读。", "以下是{s}为您收集的{t}，希望对您有所帮助。",
              "这篇《{t}》是由{s}编辑推荐的，供大家参考借鉴。", "本文为您介绍{t}，内容仅供学习参考，欢迎收藏。",
              "{s}为网友们整理了{t}相关范文，感兴趣的朋友快来看看吧。", "小编今天给大家带来了一篇{t}，一起来学习一下吧。"]
PROMO_GLUE = ["以上内容由{s}小编整理，希望能帮到您。", "更多精彩范文尽在{s}，敬请关注。",
              "本文由{s}整理发布，欢迎转发分享。", "感谢阅读，{s}每日更新优质范文。",
              "想了解更多，请继续浏览{s}{c}栏目。", "看完记得收藏本站，{s}陪你写好每一篇稿子。"]
SELFAD = ["本站提供各类讲话稿代写服务，联系电话：{tel}", "原创材料定制请加微信：{wx}（备注“材料”）",
          "专业文秘团队一对一撰写，咨询QQ：{qq}", "承接单位总结、汇报材料撰写，服务热线400-{a}-{b}",
          "写材料没思路？{s}写作助手限时免费，客服电话{tel}", "{s}VIP会员群招募中，入群请联系客服微信{wx}",
          "稿件加急定制，最快2小时交稿，QQ：{qq}"]
FOLLOW = ["关注“{g}”公众号，每天推送最新范文", "微信搜索“{g}”，获取更多写作素材",
          "扫码关注{s}官方微信，回复“讲话”领取合集", "长按识别下方二维码，关注{g}不迷路",
          "喜欢本文请关注{g}，每晚八点准时更新", "关注我们的视频号“{g}”，看更多写作技巧",
          "记得点个“在看”，并把{g}设为星标哦"]
DOWNLOAD = ["下载本文（Word版）", "点击下载完整版.docx（共{k}页）", "本文可下载为Word文档，约{k}千字",
            "立即下载（需{k}积分）", "复制全文　下载DOC　打印本页", "免费下载本文档（{k}.{y}KB）",
            "一键下载全文，格式可编辑", "下载到电脑，阅读更方便（{k}页）"]
PAYWALL = ["开通会员可阅读全文，剩余{n}字已隐藏", "……此处隐藏{n}个字……", "试读结束，购买后可查看完整内容（还剩{k}段）",
           "VIP会员免费阅读全文，立即开通>>", "登录后查看剩余{n}字", "本文为付费内容，解锁全文仅需{k}.9元",
           "（未完，开通会员继续阅读全文{n}字）", "内容过长已折叠，充值会员后展开阅读"]
PAGEBREAK = ["第{i}页", "— {i} —", "〔第{i}页〕", "（接下页）", "……未完待续，请看第{i}页……",
             "本文共{m}页，当前第{j}页", "- - - 分页 {i}/{m} - - -", "[ 第{i}页 ]", "P{i}", "↓ 下一页继续 ↓",
             "第 {i} 页 / 共 {m} 页", "【下转第{i}页】", "==== {i} ====", "（续上页）", "Page {i} of {m}", "{i}/{m}",
             "·{i}·", "（本页完，共{m}页）", "~ 第{i}部分 ~"]
COPYRIGHT = ["版权声明：本文内容由网友自发贡献，版权归原作者所有，如有侵权请联系删除。",
             "免责声明：本站所收录文章仅供学习交流，不代表本站观点。",
             "转载请注明出处：{u}", "本文系{s}原创，未经授权禁止转载，违者必究。",
             "声明：文章来源于网络，如涉及版权问题请与我们联系，我们将在{k}个工作日内处理。",
             "本站所有文章均为网友上传，仅供参考，请勿用于商业用途。"]
EDITOR = ["（责任编辑：{nm}）", "编辑：{nm}　审核：{nm2}", "【编者按】{t}一文结构清晰、语言朴实，值得参考。",
          "小编提示：使用时请结合本单位实际修改完善。", "（本文由{nm}投稿，{s}编辑部校对）",
          "编者注：文中数据均已作脱敏处理。", "本文编辑：{nm}　终审：{nm2}"]
WATERMARK = ["本文来自{s} {d}", "{d} 转载请保留此标记", "{rnd}", "{s}（{d}）独家整理", "内容来源：{d}/{k}.html",
             "【{s}】{rnd}"]
SHARE = ["分享到：微信 微博 QQ空间", "一键分享　复制链接　生成海报", "分享至朋友圈　收藏本文",
         "把这篇文章分享给朋友", "转发　收藏　点赞{k}"]
NAMES = ["晨曦微露", "老张写材料", "竹林听雨", "阿杰", "办公室小李", "青山依旧", "笔杆子老王", "清风徐来",
         "小城故事", "一叶知秋", "文秘新手", "向日葵", "路过的网友", "南山松", "海阔天空", "默默耕耘"]
COMMENTS = ["写得很实在，结构可以直接借鉴，感谢分享！", "第二部分的几条措施很有操作性，收藏了。",
            "请问有没有配套的汇报材料？", "照着改了改，领导很满意，谢谢小编。", "数据部分要换成自己单位的，别直接照抄哈。",
            "内容不错，就是篇幅有点长。", "下载要积分有点不方便，希望能免费。", "很有参考价值，已转给同事。",
            "开头那段写得好，学习了。", "希望多更新一些基层的稿子。", "和我们县的情况很像，借鉴一下思路。",
            "结尾有点套路，不过整体还行。", "找了半天终于找到合适的，赞一个！", "表态部分可以再具体一点。",
            "这篇比上一篇写得好。", "求一篇类似的主持词。", "语言很规范，适合新手学习。", "已经用上了，效果很好。",
            "明天就要交稿，救了急了。", "有没有Word版本？复制过来格式全乱了。", "小标题对仗工整，值得学习。",
            "数字太多了，念起来有点拗口。", "我们单位也要开这个会，先收藏。", "感觉比去年那篇更接地气。",
            "能不能出一期怎么写表态发言的技巧？", "今天第三次来看了，每次都有收获。", "楼上说得对，要结合实际改。",
            "写材料真是个苦差事，向各位同行致敬。", "引用的文件名称要核实一下最新版本。", "排版清爽，看着舒服。",
            "希望作者多写点乡镇层面的。", "一字不改拿去用肯定不行，思路可以参考。", "第一部分的形势分析写得透。",
            "请问第三点能展开讲讲吗？", "新来的小白，跟着学习。", "结构清楚，层次分明，点赞。",
            "篇幅正好，十五分钟能讲完。", "要是有配套的PPT就更好了。", "建议把数据换成区间，更好改。"]
RELATED_HEADS = ["相关文章", "相关推荐", "猜你喜欢", "延伸阅读", "同类范文", "热门推荐", "你可能还喜欢", "推荐阅读"]


def related_title(rng: random.Random) -> str:
    t = TOPICS[rng.choice(sorted(TOPICS))]
    area = rng.choice(["市", "县", "区", "乡镇", "街道", "局"])
    shapes = ["在{a}{f}工作会议上的讲话", "{a}{f}工作总结范文", "{f}表态发言稿（精选{k}篇）", "关于{f}的心得体会",
              "{year}年{a}{f}工作要点", "{f}座谈会主持词", "在{f}动员会上的讲话提纲", "{f}专题党课讲稿{k}篇",
              "{a}领导在{f}推进会上的讲话", "{f}工作汇报材料"]
    return rng.choice(shapes).format(a=area, f=t["field"], k=rng.randint(3, 12), year=rng.randint(2019, 2024))


# ----------------------------------------------------------------------------------------------
# Page model
# ----------------------------------------------------------------------------------------------


class Page:
    def __init__(self, family: str, slug: str, script: str, rng: random.Random, used: set[str]):
        self.family, self.slug, self.script, self.rng, self.used = family, slug, script, rng, used
        self.junk: dict[str, str] = {}
        self.comment_dates: list[str] = []

    def c(self, text: str) -> str:
        """Text in the page's script (every piece converted on its own, so HTML and truth agree)."""
        return {"simplified": text, "hant": zhconv.convert(text, "zh-hant"), "tw": zhconv.convert(text, "zh-tw"),
                "hk": zhconv.convert(text, "zh-hk")}[self.script]

    def j(self, kind: str, pos: str, text: str) -> str:
        """Register a junk string (converted) under type/position; returns the converted text."""
        t = self.c(text)
        if len(re.sub(r"\s", "", t)) >= 4:
            self.junk.setdefault(t, f"{kind}/{pos}")
        return t

    def fresh(self, bank: list[str], ctx: dict, kind: str, pos: str, unique: bool = True, suffix: bool = True) -> str:
        """A wording from `bank` that no page of the set has used yet, registered as junk."""
        rng = self.rng
        for attempt in range(80):
            vals = dict(ctx)
            vals.update(c=rng.choice(COLUMNS), k=rng.randint(2, 60), n=rng.randint(800, 9800), y=rng.randint(1, 9),
                        tel=f"1{rng.choice('3578')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
                        wx=f"{rng.choice(['wm', 'xc', 'bg', 'zl', 'gw'])}{rng.randint(1000, 99999)}",
                        qq=str(rng.randint(10000000, 2999999999)), a=rng.randint(100, 999), b=rng.randint(1000, 9999),
                        nm=rng.choice(["王晓", "刘畅", "陈立", "赵敏", "孙静", "周宁", "吴昊", "郑洁"]),
                        nm2=rng.choice(["李然", "何苗", "冯磊", "许诺"]),
                        rnd="".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789") for _ in range(rng.randint(9, 14))),
                        i=ctx.get("i", 2), m=ctx.get("m", 3), j=ctx.get("j", 1))
            text = rng.choice(bank).format(**vals)
            if attempt > 40 and suffix:
                text += rng.choice(["", "！", "~", "。", "（推荐）", ">>"])
            if not unique or self.c(text) not in self.used:
                break
        t = self.j(kind, pos, text)
        if unique:
            self.used.add(t)
        return t


# A text column is a list of blocks:
#   ("p", text, glue, hide)  body paragraph; glue = junk appended at its end; hide = (junk, index) hidden span
#   ("h", text)              a heading line of the speech itself
#   ("j", text)              a junk line inside the column (registered already)
#   ("jl", head, [items])    a junk list inside the column (registered already)


def column(page: Page, speech: Speech, ctx: dict, plan: dict) -> tuple[list, list[str]]:
    """The text column (junk placed by `plan`) and the truth paragraphs."""
    rng = page.rng
    lines = [(k, page.c(s)) for k, s in speech.lines]
    blocks: list = []
    for _ in range(plan.get("top", 0)):
        kind = rng.choice(["promo", "editor", "follow", "watermark", "daodu"])
        if kind == "promo":
            blocks.append(("j", page.fresh(PROMO_LEAD, ctx, "promo", "top")))
        elif kind == "editor":
            blocks.append(("j", page.fresh(EDITOR[:3] + EDITOR[5:6], ctx, "editor", "top")))
        elif kind == "follow":
            blocks.append(("j", page.fresh(FOLLOW, ctx, "follow", "top")))
        elif kind == "watermark":
            blocks.append(("j", page.fresh(WATERMARK, ctx, "watermark", "top")))
        else:
            first = next(s for k, s in speech.lines if k == "p" and len(s) > 30)
            text = rng.choice(["导读：", "【导读】", "摘要：", "内容提要："]) + first[:rng.randint(24, 40)] + "……"
            t = page.j("daodu", "top", text)
            page.used.add(t)
            blocks.append(("j", t))
    body_idx = [i for i, (k, s) in enumerate(lines) if k == "p" and len(s) > 25]
    later = body_idx[1:]
    glue_at = set(rng.sample(later[:-1], min(plan.get("glued", 0), len(later) - 1)))
    hide_at = set(rng.sample([i for i in later if i not in glue_at], min(plan.get("hidden", 0), len(later) - 1)))
    n_inside = plan.get("inside", 0)
    slots = list(range(2, len(lines) - 1))
    inside_at = set(rng.sample(slots, min(n_inside, len(slots))))
    inside_kinds = list(plan.get("inside_kinds", []))
    page_no, pages = 1, len([i for i in inside_at]) + 1
    truth: list[str] = []
    for i, (k, s) in enumerate(lines):
        if i in inside_at:
            kind = inside_kinds.pop(0) if inside_kinds else rng.choice(["promo", "selfad", "follow", "watermark", "related", "paywall"])
            if kind == "pagebreak":
                page_no += 1
                blocks.append(("pb", page.fresh(PAGEBREAK, dict(ctx, i=page_no, m=max(pages, page_no), j=page_no - 1), "pagebreak", "inside", suffix=False)))
            elif kind == "related":
                label = rng.choice(["相关推荐：", "延伸阅读：", "推荐阅读：", "你可能感兴趣：", "同类范文："])
                blocks.append(("j", page.fresh([label + related_title(rng)], ctx, "related", "inside")))
            elif kind == "promo":
                blocks.append(("j", page.fresh(PROMO_SIDE, ctx, "promo", "inside")))
            else:
                bank = {"selfad": SELFAD, "follow": FOLLOW, "watermark": WATERMARK, "paywall": PAYWALL[:3] + PAYWALL[4:5]}[kind]
                blocks.append(("j", page.fresh(bank, ctx, kind, "inside")))
        if k == "h":
            blocks.append(("h", s))
            truth.append(s)
            continue
        glue = hide = None
        if i in glue_at:
            kind = rng.choice(plan.get("glue_kinds", ["promo", "paywall", "follow", "selfad", "watermark"]))
            bank = {"promo": PROMO_GLUE, "paywall": PAYWALL, "follow": FOLLOW, "selfad": SELFAD, "watermark": WATERMARK}[kind]
            glue = page.fresh(bank, ctx, kind, "glued")
        if i in hide_at:
            kind = rng.choice(["watermark", "copyright", "selfad"])
            bank = {"watermark": WATERMARK, "copyright": COPYRIGHT[2:4], "selfad": SELFAD}[kind]
            h = page.fresh(bank, ctx, kind, "hidden")
            cut = [m.end() for m in re.finditer("[，。；]", s)][:-1]
            hide = (h, rng.choice(cut) if cut else len(s) // 2)
        blocks.append(("p", s, glue, hide))
        truth.append(s)
    if plan.get("paywall_cut"):
        blocks.append(("j", page.fresh(PAYWALL, ctx, "paywall", "bottom")))
    for kind in plan.get("bottom", []):
        if kind == "related":
            heads = [f.replace("H", h) for h in RELATED_HEADS for f in ("H", "H：", "【H】", "—— H ——", "H（共{k}篇）", "本站H", "H >>", "H · 本周")]
            head = page.fresh(heads, ctx, "related", "bottom")
            items = []
            for _ in range(rng.randint(3, 5)):
                items.append(page.fresh([related_title(rng)], ctx, "related", "bottom"))
            blocks.append(("jl", head, items))
        else:
            bank = {"copyright": COPYRIGHT, "download": DOWNLOAD, "editor": EDITOR, "share": SHARE, "follow": FOLLOW,
                    "promo": PROMO_SIDE + PROMO_GLUE, "selfad": SELFAD, "watermark": WATERMARK}[kind]
            blocks.append(("j", page.fresh(bank, ctx, kind, "bottom")))
    return blocks, truth


def comments(page: Page, pub: tuple[int, int, int] | None, n: int, pos: str = "after") -> list[dict]:
    rng = page.rng
    y, m, d = pub or (2023, 5, 9)
    out = []
    for k in range(n):
        dd = d + rng.randint(1, 20) + k
        mm, yy = m + (dd - 1) // 28, y
        dd = (dd - 1) % 28 + 1
        if mm > 12:
            mm, yy = mm - 12, yy + 1
        date = f"{yy:04d}-{mm:02d}-{dd:02d}"
        if pub and date == f"{y:04d}-{m:02d}-{d:02d}":
            continue
        fresh_bases = [x for x in COMMENTS if page.c(x) not in page.used]
        base = rng.choice(fresh_bases or COMMENTS)
        text = base
        tries = 0
        while page.c(text) in page.used and tries < 30:
            text = base[:-1] + rng.choice(["！", "。", "~", "，支持！", "，顶。", "，学习了", "…", "（已收藏）"])
            tries += 1
        name = rng.choice(NAMES)
        time_ = f"{rng.randint(7, 23):02d}:{rng.randint(0, 59):02d}"
        page.used.add(page.c(text))
        out.append(dict(name=page.c(name), date=date, time=time_, text=page.j("comment", pos, text),
                        likes=rng.randint(0, 88)))
        if page.family != "weiwen":  # name and time shown together on one line
            page.j("comment", pos, f"{name} {date} {time_}")
        if date not in page.comment_dates:
            page.comment_dates.append(date)
    return out


def esc(s: str) -> str:
    return html.escape(s, quote=False)


def p_inner(block, hide_tpl: str, glue_tpl: str) -> str:
    _, s, glue, hide = block
    if hide:
        h, at = hide
        s_html = esc(s[:at]) + hide_tpl.format(esc(h)) + esc(s[at:])
    else:
        s_html = esc(s)
    if glue:
        s_html += glue_tpl.format(esc(glue))
    return s_html


HIDE_STYLES = ['<span style="display:none">{}</span>', '<span style="display: none;">{}</span>',
               '<font style="display:none">{}</font>', '<span style="DISPLAY: none">{}</span>']


# ----------------------------------------------------------------------------------------------
# Families: sites, chrome and markup (invented for this set)
# ----------------------------------------------------------------------------------------------

SITES = {
    "yunfan": dict(site="云帆范文网", host="www.yunfanwen.com", gzh="云帆写作"),
    "zhengwen": dict(site="政文参考网", host="www.zhengwencankao.cn", gzh="政文参考"),
    "weiwen": dict(site="笔墨微文", host="www.bimowx.com", gzh=None),
    "zhaji": dict(site="讲稿札记", host="blog.jianggaozhaji.net", gzh="札记君"),
}
GZHS = ["机关笔杆子研习社", "公文写作营", "材料小助手", "文稿加油站", "基层写作圈", "笔尖上的机关", "秘书工作坊", "写材料的老李"]
COLUMN_OF = {"jianghua": "讲话稿", "biaotai": "表态发言", "zuotan": "座谈会讲话", "kaimu": "开幕词", "bimu": "闭幕词",
             "zhuchi": "主持词", "dangke": "党课讲稿"}


def block_html(page: Page, blocks: list, style: dict) -> str:
    """Render the column blocks with a family's element templates."""
    rng = page.rng
    out = []
    quote_at = style.get("quote_at")
    n_p = 0
    for b in blocks:
        if b[0] == "p":
            n_p += 1
            glue_tpl = rng.choice(style["glue"])
            inner = p_inner(b, style["hide"], glue_tpl)
            if style.get("split") and not b[2] and not b[3]:
                cut = [m.end() for m in re.finditer("[，。；]", b[1])][:-1]
                if cut and rng.random() < 0.6:
                    at = rng.choice(cut)
                    inner = style["split"].format(esc(b[1][:at]), esc(b[1][at:]))
            tpl = style["quote"] if quote_at == n_p else rng.choice(style["p"])
            out.append(tpl.format(inner))
            if style.get("spacer") and rng.random() < 0.2:
                out.append(style["spacer"])
        elif b[0] == "h":
            key = "h1" if re.match("^[一二三四五六七八九十]、|^第.部分|^——", b[1]) else "h2"
            out.append(style[key].format(esc(b[1])))
        elif b[0] == "pb":
            out.append(style["pb"].format(esc(b[1])))
        elif b[0] == "j":
            out.append(rng.choice(style["j"]).format(esc(b[1])))
        elif b[0] == "jl":
            items = "".join(style["li"].format(href=f"/{rng.randint(10000, 99999)}.html", text=esc(t)) for t in b[2])
            out.append(style["jl"].format(head=esc(b[1]), items=items))
    return "\n".join(out)


def related_items(page: Page, n: int, kind: str, pos: str = "outside") -> list[str]:
    return [page.fresh([related_title(page.rng)], {}, kind, pos) for _ in range(n)]


# --- yunfan: a Vue/Nuxt-rendered page, div soup with data-v- attributes -------------------------

def render_yunfan(page: Page, A: dict) -> str:
    rng, c, j = page.rng, page.c, page.j
    v1, v2, v3 = "data-v-2b1e7c40", "data-v-71c0aa3e", "data-v-5d1a0e22"
    nav = ["首页", "讲话稿", "发言稿", "致辞", "主持词", "党课", "工作总结", "心得体会", "会员中心"]
    nav_html = "".join(f'<a {v3} href="/{i}/" class="nav-item">{esc(c(x))}</a>' for i, x in enumerate(nav))
    j("nav", "outside", " ".join(nav))
    crumbs = A["crumbs"]
    crumb_html = f'<span {v2} class="sep">/</span>'.join(f'<a {v2} href="/c{i}/">{esc(x)}</a>' for i, x in enumerate(crumbs))
    j("breadcrumb", "outside", "/".join(crumbs))
    style = dict(
        p=[f'<div {v2} class="txt">{{}}</div>'], quote=f'<div {v2} class="txt">{{}}</div>',
        h1=f'<div {v2} class="txt txt-b"><b {v2}>{{}}</b></div>', h2=f'<div {v2} class="txt"><b {v2}>{{}}</b></div>',
        pb=f'<div {v2} class="split-page"><span {v2}>{{}}</span></div>',
        j=[f'<div {v2} class="txt">{{}}</div>', f'<div {v2} class="txt tip">{{}}</div>', f'<div {v2} class="ad-line"><a {v2} href="/vip/">{{}}</a></div>'],
        jl=f'<div {v2} class="rel-inline"><div {v2} class="rel-h">{{head}}</div><ul {v2}>{{items}}</ul></div>',
        li=f'<li {v2}><a {v2} href="{{href}}">{{text}}</a></li>',
        glue=["{}", f'<a {v2} href="/zhuanti/">{{}}</a>', f'<em {v2}>{{}}</em>'], hide=rng.choice(HIDE_STYLES))
    body = block_html(page, A["blocks"], style)
    info = []
    if A["author"]:
        info.append(f'<span {v2}>{esc(j("info", "outside", "作者：" + A["author"]))}</span>')
    if A["pub"]:
        info.append(f'<span {v2}>{esc(j("info", "outside", "发布于 " + A["pub"]))}</span>')
    info.append(f'<span {v2}>{esc(j("info", "outside", str(rng.randint(300, 9000)) + "人看过"))}</span>')
    tags_html = "".join(f'<a {v2} href="/tag/{i}/" class="tag">{esc(t)}</a>' for i, t in enumerate(A["tags"]))
    j("tags", "outside", "标签：" + "".join(A["tags"]))
    prev_t, next_t = related_items(page, 2, "prevnext")
    share = page.fresh(SHARE, {}, "share", "outside")
    dl = page.fresh(DOWNLOAD, {}, "download", "outside")
    hot = related_items(page, 6, "sidebar")
    new = related_items(page, 5, "sidebar")
    ad = page.fresh(SELFAD, A["ctx"], "selfad", "outside")
    cm = ""
    if A["comments"]:
        items = "".join(
            f'<div {v1} class="cmt-item"><div {v1} class="cmt-user">{esc(x["name"])}</div>'
            f'<div {v1} class="cmt-time">{x["date"]} {x["time"]}</div><div {v1} class="cmt-text">{esc(x["text"])}</div>'
            f'<div {v1} class="cmt-ops">{esc(c("回复"))} {esc(c("赞"))}({x["likes"]})</div></div>' for x in A["comments"])
        votes = rng.randint(12, 480)
        stars = rng.choice(["★★★★★", "★★★★☆", "★★★☆☆"])
        rate = j("comment", "after", f"{stars} {stars.count('★') - 1}.{rng.randint(5, 9)}分（{votes}人评价）")
        cm = (f'<div {v1} class="cmt-box"><div {v1} class="rate">{esc(rate)}</div>'
              f'<div {v1} class="cmt-title">{esc(c("网友评论"))}（{len(A["comments"])}）</div>{items}</div>')
    foot1 = j("footer", "outside", "关于我们 | 联系我们 | 免责声明 | 网站地图 | 投稿须知")
    foot2 = j("footer", "outside", "Copyright 2017-2024 云帆范文网 www.yunfanwen.com 浙ICP备17038822号-2")
    state = json.dumps({"data": [{"article": {"id": A["id"], "title": A["title"], "column": A["column"]}}], "serverRendered": True},
                       ensure_ascii=False)
    return f"""<!DOCTYPE html>
<html lang="zh-CN" data-n-head-ssr>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{esc(A["head_title"])}</title>
<meta data-n-head="ssr" name="keywords" content="{esc(','.join(A['tags']))}">
<link rel="preload" href="/_nuxt/a81c3f2.js" as="script"><link rel="stylesheet" href="/_nuxt/css/4e2d9a1.css">
</head>
<body>
<div id="__nuxt"><div id="__layout"><div {v1} class="page-wrap">
<div {v3} class="top-bar"><div {v3} class="logo"><a {v3} href="/">{esc(c("云帆范文网"))}</a></div><div {v3} class="nav">{nav_html}</div>
<div {v3} class="search"><input {v3} placeholder="{esc(c('搜索范文'))}"><button {v3}>{esc(c("搜索"))}</button></div></div>
<div {v1} class="main"><div {v1} class="left">
<div {v2} class="crumb">{crumb_html}<span {v2} class="sep">/</span><span {v2}>{esc(c("正文"))}</span></div>
<div {v2} class="art-head"><div {v2} class="art-title">{esc(A["title"])}</div>
<div {v2} class="art-info">{" ".join(info)}</div></div>
<div {v2} class="art-body">
{body}
</div>
<div {v2} class="art-tags"><span {v2}>{esc(c("标签"))}：</span>{tags_html}</div>
<div {v2} class="art-actions"><div {v2} class="share">{esc(share)}</div><div {v2} class="dl-btn">{esc(dl)}</div></div>
<div {v2} class="art-nav"><div {v2}>{esc(c("上一篇"))}：<a {v2} href="/p/{rng.randint(1000, 9999)}.html">{esc(prev_t)}</a></div>
<div {v2}>{esc(c("下一篇"))}：<a {v2} href="/p/{rng.randint(1000, 9999)}.html">{esc(next_t)}</a></div></div>
{cm}
</div>
<div {v1} class="right">
<div {v1} class="box"><div {v1} class="box-h">{esc(c("热门排行"))}</div>{"".join(f'<div {v1} class="rank"><i {v1}>{k + 1}</i><a {v1} href="/r/{k}.html">{esc(t)}</a></div>' for k, t in enumerate(hot))}</div>
<div {v1} class="box"><div {v1} class="box-h">{esc(c("最新更新"))}</div>{"".join(f'<div {v1} class="item"><a {v1} href="/n/{k}.html">{esc(t)}</a></div>' for k, t in enumerate(new))}</div>
<div {v1} class="box ad"><div {v1} class="ad-text">{esc(ad)}</div></div>
</div></div>
<div {v1} class="footer"><div {v1}>{esc(foot1)}</div><div {v1}>{esc(foot2)}</div></div>
</div></div></div>
<script>window.__NUXT__={state};</script>
<script src="/_nuxt/a81c3f2.js" defer></script>
</body>
</html>
"""


# --- zhengwen: a government-portal-like site, <table> layout, <span style> paragraphs -----------

def render_zhengwen(page: Page, A: dict) -> str:
    rng, c, j = page.rng, page.c, page.j
    enc = A["encoding"]
    nav = ["网站首页", "领导讲话", "工作报告", "调研文章", "党建材料", "心得体会", "规章制度", "公文写作"]
    crumbs = A["crumbs"]
    fs = rng.choice(["仿宋_GB2312", "仿宋", "FangSong"])
    style = dict(
        p=[f'<p style="text-indent:2em;line-height:200%"><span style="font-family:{fs};font-size:16pt">{{}}</span></p>',
           f'<p style="TEXT-INDENT: 32pt; LINE-HEIGHT: 28pt; MARGIN: 0cm 0cm 0pt"><span style="FONT-FAMILY: {fs}; FONT-SIZE: 16pt">{{}}</span></p>'],
        quote=f'<p style="text-indent:2em"><span style="font-family:{fs};font-size:16pt">{{}}</span></p>',
        split=f'<span style="font-family:{fs};font-size:16pt">{{}}</span><span style="font-family:{fs};font-size:16pt">{{}}</span>',
        h1='<p style="text-indent:2em;line-height:200%"><span style="font-family:黑体;font-size:16pt">{}</span></p>',
        h2='<p style="text-indent:2em;line-height:200%"><span style="font-family:楷体_GB2312;font-size:16pt"><strong>{}</strong></span></p>',
        pb='<p align="center"><span style="font-size:10.5pt;color:#666666">{}</span></p>',
        j=[f'<p style="text-indent:2em;line-height:200%"><span style="font-family:{fs};font-size:16pt">{{}}</span></p>',
           '<p><span style="font-size:12px;color:#999999">{}</span></p>', '<p align="right"><span style="font-size:10.5pt">{}</span></p>'],
        jl='<table width="100%" class="xgwz"><tr><td><b>{head}</b></td></tr>{items}</table>',
        li='<tr><td>·<a href="{href}" target="_blank">{text}</a></td></tr>',
        glue=["{}", '<span style="font-family:宋体;font-size:10.5pt">{}</span>'], hide=rng.choice(HIDE_STYLES))
    body = block_html(page, A["blocks"], style)
    src = j("info", "outside", "来源：" + rng.choice(["政文参考网", "网友投稿", "本站整理", "会员上传"]))
    pub_cell = f'{esc(c("发布日期"))}：{A["pub"]}' if A["pub"] else ""
    if A["pub"]:
        j("info", "outside", f"发布日期：{A['pub']}")
    if A.get("print"):
        return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta charset="{enc}">
<title>{esc(A["head_title"])}</title>
<style>body{{font-size:14px}} .noprint{{}} @media print{{.noprint{{display:none}}}}</style>
</head>
<body onload="window.print()">
<table width="680" align="center" border="0" cellpadding="0" cellspacing="0">
<tr><td class="noprint" align="right"><a href="javascript:window.print()">{esc(j("share", "outside", "【打印】"))}</a> <a href="javascript:window.close()">{esc(j("share", "outside", "【关闭】"))}</a></td></tr>
<tr><td align="center"><font size="5"><b>{esc(A["title"])}</b></font></td></tr>
<tr><td align="center"><font color="#666666">{pub_cell}　{esc(src)}</font></td></tr>
<tr><td><hr size="1" noshade></td></tr>
<tr><td>
{body}
</td></tr>
<tr><td><hr size="1" noshade></td></tr>
<tr><td align="center"><font size="2">{esc(j("footer", "outside", "本页面由政文参考网打印系统生成 " + A["url"]))}</font></td></tr>
</table>
</body>
</html>
"""
    j("nav", "outside", " | ".join(nav))
    j("breadcrumb", "outside", "当前位置：" + " >> ".join(crumbs))
    hits = j("info", "outside", f"浏览次数：{rng.randint(200, 9000)}")
    fontsize = j("share", "outside", "字号：[大 中 小]")
    tools = j("share", "outside", "【打印本页】【关闭窗口】【加入收藏】")
    prev_t, next_t = related_items(page, 2, "prevnext")
    hot = related_items(page, 6, "sidebar")
    notice = page.fresh(SELFAD, A["ctx"], "selfad", "outside")
    foot = [j("footer", "outside", "主办：政文参考网编辑部　技术支持：文澜网络"),
            j("footer", "outside", "京ICP备19024417号　版权所有 政文参考网"),
            j("footer", "outside", "建议使用1024×768分辨率浏览本站")]
    tags_html = " ".join(f'<a href="/search.asp?kw={k}">{esc(t)}</a>' for k, t in enumerate(A["tags"]))
    j("tags", "outside", "相关热词：" + " ".join(A["tags"]))
    cm = ""
    if A["comments"]:
        rows = "".join(f'<tr><td class="ly-name">{esc(x["name"])}　{x["date"]} {x["time"]}</td></tr><tr><td class="ly-text">{esc(x["text"])}</td></tr>'
                       for x in A["comments"])
        cm = f'<table width="100%" class="liuyan"><tr><td class="ly-h">{esc(c("网友留言"))}</td></tr>{rows}</table>'
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta charset="{enc}">
<title>{esc(A["head_title"])}</title>
{f'<meta name="PubDate" content="{A["pub"]} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}">' if A["pub"] else ""}
<meta name="ContentSource" content="{esc(c('政文参考网'))}">
<link href="/css/style.css" rel="stylesheet" type="text/css">
</head>
<body>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td height="96" background="/images/top_bg.jpg"><img src="/images/logo.gif" alt="{esc(c('政文参考网'))}" width="360" height="80"></td></tr>
<tr><td class="menu" bgcolor="#B60000">{" | ".join(f'<a href="/list/{k}/"><font color="#FFFFFF">{esc(c(x))}</font></a>' for k, x in enumerate(nav))}</td></tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td class="pos" height="30">{esc(c("当前位置"))}：{" &gt;&gt; ".join(f'<a href="/l{k}/">{esc(x)}</a>' for k, x in enumerate(crumbs))}</td></tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td width="730" valign="top">
<table width="100%" border="0" cellpadding="0" cellspacing="0" class="article">
<tr><td class="biaoti" align="center" height="60"><strong><font size="5" color="#B60000">{esc(A["title"])}</font></strong></td></tr>
<tr><td class="info" align="center" bgcolor="#F5F5F5">{pub_cell}　　{esc(src)}　　{esc(hits)}　　{esc(fontsize)}</td></tr>
<tr><td class="content" id="zoom">
{body}
</td></tr>
<tr><td class="tools" align="right">{esc(tools)}</td></tr>
<tr><td class="sxp">{esc(c("上一篇"))}：<a href="/a/{rng.randint(10000, 99999)}.html">{esc(prev_t)}</a><br>{esc(c("下一篇"))}：<a href="/a/{rng.randint(10000, 99999)}.html">{esc(next_t)}</a></td></tr>
<tr><td class="rc">{esc(c("相关热词"))}：{tags_html}</td></tr>
</table>
{cm}
</td><td width="20"></td><td width="250" valign="top">
<table width="100%" class="side"><tr><td class="side-h">{esc(c("点击排行"))}</td></tr>{"".join(f'<tr><td>{k + 1}. <a href="/h/{k}.html">{esc(t)}</a></td></tr>' for k, t in enumerate(hot))}</table>
<table width="100%" class="side"><tr><td class="side-h">{esc(c("网站公告"))}</td></tr><tr><td>{esc(notice)}</td></tr></table>
</td></tr>
</table>
<table width="1000" border="0" align="center" class="foot"><tr><td align="center">{"<br>".join(esc(f) for f in foot)}</td></tr></table>
</body>
</html>
"""


# --- weiwen: a WeChat-article mirror, <section> blocks with inline styles ------------------------

def render_weiwen(page: Page, A: dict) -> str:
    rng, c, j = page.rng, page.c, page.j
    gzh = A["gzh"]
    nav = ["首页", "公众号导航", "文章分类", "热门文章", "提交公众号"]
    j("nav", "outside", " ".join(nav))
    crumbs = A["crumbs"]
    j("breadcrumb", "outside", " > ".join(crumbs))
    col = rng.choice(["rgb(62, 62, 62)", "#333333", "rgba(0,0,0,0.9)"])
    style = dict(
        p=[f'<p style="margin-bottom: 16px;line-height: 1.75em;text-align: justify;"><span style="font-size: 15px;color: {col};letter-spacing: 1px;">{{}}</span></p>',
           f'<section style="margin-bottom: 16px;line-height: 1.75em;"><span style="font-size: 15px;color: {col};">{{}}</span></section>',
           '<p style="text-indent: 2em;line-height: 1.75em;"><span style="font-size: 16px;">{}</span></p>'],
        quote='<section style="margin-bottom: 16px;"><span style="font-size: 15px;">{}</span></section>',
        h1='<section style="margin: 24px 0 12px;text-align: center;"><span style="font-size: 17px;color: rgb(178, 34, 34);"><strong>{}</strong></span></section>',
        h2='<p style="line-height: 1.75em;"><span style="font-size: 15px;"><strong>{}</strong></span></p>',
        pb='<section style="text-align: center;margin: 10px 0;"><span style="font-size: 12px;color: rgb(178, 178, 178);">{}</span></section>',
        j=['<p style="text-align: center;"><span style="font-size: 12px;color: rgb(136, 136, 136);">{}</span></p>',
           f'<p style="margin-bottom: 16px;line-height: 1.75em;"><span style="font-size: 15px;color: {col};">{{}}</span></p>',
           '<section style="padding: 8px;border: 1px dashed #cccccc;"><span style="font-size: 13px;">{}</span></section>'],
        jl='<section style="margin-top: 20px;"><p><span style="font-size: 14px;"><strong>{head}</strong></span></p>{items}</section>',
        li='<p style="font-size: 14px;"><a href="{href}" data-linktype="2">{text}</a></p>',
        glue=["{}", '<span style="font-size: 13px;color: rgb(136, 136, 136);">{}</span>'], hide=rng.choice(HIDE_STYLES),
        spacer='<p style="line-height: 1.75em;"><br></p>')
    body = block_html(page, A["blocks"], style)
    if A["top_follow"]:
        body = f'<section style="text-align: center;"><span style="font-size: 12px;color: rgb(2, 30, 170);">{esc(A["top_follow"])}</span></section>\n' + body
    when = ""
    if A["pub"]:
        y, m, d = A["pub"].split("-")
        when = f"{int(y)}年{int(m)}月{int(d)}日 {rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}"
        j("info", "outside", when)
    j("info", "outside", "原创 " + A["author"])
    reads = j("info", "outside", f"阅读 {rng.randint(1, 9)}.{rng.randint(1, 9)}万")
    zai = j("share", "outside", f"在看 {rng.randint(10, 300)}")
    yuanwen = j("share", "outside", "阅读原文")
    qr = page.fresh(["长按识别二维码，关注{g}", "扫描上方二维码关注“{g}”", "微信扫一扫关注该公众号"], dict(A["ctx"], g=gzh), "follow", "outside")
    heji = j("tags", "outside", "收录于合集 " + " ".join("#" + t for t in A["tags"]))
    same = related_items(page, 5, "related")
    more = related_items(page, 4, "sidebar")
    foot1 = j("footer", "outside", "本站文章均转载自微信公众号，版权归原作者所有，如有侵权请联系删除")
    foot2 = j("footer", "outside", "笔墨微文 bimowx.com 粤ICP备20066134号")
    cm = ""
    if A["comments"]:
        items = "".join(
            f'<li class="discuss_item"><div class="user_info"><strong class="nickname">{esc(x["name"])}</strong>'
            f'<span class="discuss_time">{x["date"][5:7].lstrip("0")}{esc(c("月"))}{x["date"][8:].lstrip("0")}{esc(c("日"))}</span>'
            f'<span class="praise_num">{x["likes"]}</span></div><div class="discuss_message">{esc(x["text"])}</div></li>'
            for x in A["comments"])
        cm = f'<div class="rich_media_area_extra"><div class="discuss_container"><div class="discuss_title">{esc(c("精选留言"))}</div><ul class="discuss_list">{items}</ul></div></div>'
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1.0,maximum-scale=1.0,user-scalable=0">
<title>{esc(A["head_title"])}</title>
<meta property="og:title" content="{esc(A["title"])}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{esc(c('笔墨微文'))}">
</head>
<body id="activity-detail" class="zh_CN">
<div class="mirror-top"><a class="mirror-logo" href="/">{esc(c("笔墨微文"))}</a>{"".join(f'<a href="/n{k}/">{esc(c(x))}</a>' for k, x in enumerate(nav))}</div>
<div class="mirror-crumbs">{" &gt; ".join(f'<a href="/c{k}/">{esc(x)}</a>' for k, x in enumerate(crumbs))}</div>
<div id="js_article" class="rich_media">
<div class="rich_media_inner"><div id="page-content" class="rich_media_area_primary">
<h1 class="rich_media_title" id="activity-name">{esc(A["title"])}</h1>
<div id="meta_content" class="rich_media_meta_list">
<span class="rich_media_meta rich_media_meta_text">{esc(c("原创"))}</span>
<span class="rich_media_meta rich_media_meta_text" id="js_author_name">{esc(A["author"])}</span>
<a class="rich_media_meta rich_media_meta_link" id="js_name" href="/gzh/{A["gzh_id"]}/">{esc(gzh)}</a>
{f'<em id="publish_time" class="rich_media_meta rich_media_meta_text">{esc(when)}</em>' if when else ""}
</div>
<div class="rich_media_content" id="js_content" style="visibility: visible;">
<section style="padding: 0 8px;box-sizing: border-box;">
{body}
</section>
</div>
<div class="rich_media_tool" id="js_toobar3"><a href="#" class="media_tool_meta">{esc(yuanwen)}</a>
<div class="media_tool_meta">{esc(reads)}</div><div class="media_tool_meta">{esc(zai)}</div></div>
<div class="article-tag-card">{esc(heji)}</div>
<div class="qr_code_pc"><img src="/qr/{A["gzh_id"]}.jpg"><p>{esc(qr)}</p></div>
</div></div>
{cm}
</div>
<div class="mirror-side"><h3>{esc(c("同公众号文章"))}</h3><ul>{"".join(f'<li><a href="/a/{k}.html">{esc(t)}</a></li>' for k, t in enumerate(same))}</ul>
<h3>{esc(c("大家都在看"))}</h3><ul>{"".join(f'<li><a href="/b/{k}.html">{esc(t)}</a></li>' for k, t in enumerate(more))}</ul></div>
<div class="mirror-foot"><p>{esc(foot1)}</p><p>{esc(foot2)}</p></div>
</body>
</html>
"""


# --- zhaji: a Markdown-rendered blog (<p>/<h3>/<blockquote>), the site name inside <h1> ----------

def render_zhaji(page: Page, A: dict) -> str:
    rng, c, j = page.rng, page.c, page.j
    nav = ["首页", "归档", "分类", "标签", "友链", "关于"]
    j("nav", "outside", " ".join(nav))
    site = c("讲稿札记")
    quote_at = A.get("quote_at")
    style = dict(
        p=["<p>{}</p>"], quote="<blockquote>\n<p>{}</p>\n</blockquote>",
        h1='<h3 id="sec-{}">{{}}</h3>'.format(rng.randint(1, 99)), h2="<p><strong>{}</strong></p>",
        pb=rng.choice(['<hr>\n<p style="text-align:center">{}</p>', '<p class="page-break">{}</p>', '<p align="center"><small>{}</small></p>']),
        j=["<p>{}</p>", "<p><em>{}</em></p>", "<blockquote>\n<p>{}</p>\n</blockquote>"],
        jl="<h4>{head}</h4>\n<ul>{items}</ul>", li='<li><a href="{href}">{text}</a></li>',
        glue=["{}", "<strong>{}</strong>", '<a href="/vip/">{}</a>'], hide=rng.choice(HIDE_STYLES), quote_at=quote_at)
    body = block_html(page, A["blocks"], style)
    meta = []
    if A["pub"]:
        meta.append(f'<time datetime="{A["pub"]}T{rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}:00+08:00">{A["pub"]}</time>')
        j("info", "outside", A["pub"] + " · by " + A["author"])
    meta.append(f'by <a href="/about/">{esc(A["author"])}</a>')
    meta.append(f'{esc(c("分类"))}：<a href="/categories/{A["column_id"]}/">{esc(A["column"])}</a>')
    meta.append(esc(j("info", "outside", f"阅读 {rng.randint(100, 5000)}")))
    tags_html = " ".join(f'<a href="/tags/{k}/" rel="tag"># {esc(t)}</a>' for k, t in enumerate(A["tags"]))
    j("tags", "outside", " ".join("# " + t for t in A["tags"]))
    lic = [j("copyright", "outside", "本文作者：" + A["author"]), j("copyright", "outside", "本文链接：" + A["url"]),
           j("copyright", "outside", "版权声明：本博客所有文章除特别声明外，均采用 CC BY-NC-SA 4.0 许可协议，转载请注明出处！")]
    prev_t, next_t = related_items(page, 2, "prevnext")
    recent = related_items(page, 5, "sidebar")
    archive = j("sidebar", "outside", " ".join(f"{y}年{m}月" for y, m in ((2024, 3), (2024, 2), (2024, 1), (2023, 12))))
    foot = j("footer", "outside", "© 2019 - 2024 讲稿札记 · Powered by Hexo · Theme Even")
    cm = ""
    if A["comments"]:
        items = "".join(
            f'<li class="vcard"><div class="vhead"><span class="vnick">{esc(x["name"])}</span><span class="vtime">{x["date"]} {x["time"]}</span></div>'
            f'<div class="vcontent"><p>{esc(x["text"])}</p></div><span class="vat">{esc(c("回复"))}</span></li>' for x in A["comments"])
        cm = f'<section id="comments" class="comments"><div class="vcount"><span class="vnum">{len(A["comments"])}</span> {esc(c("评论"))}</div><ul class="vlist">{items}</ul></section>'
    pubmeta = f'<meta property="article:published_time" content="{A["pub"]}T08:00:00+08:00">' if A["pub"] and A.get("meta_date") else ""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{A["encoding"]}">
<meta name="generator" content="Hexo 6.3.0">
<title>{esc(A["head_title"])}</title>
<meta name="author" content="{esc(A["author"])}">
{pubmeta}
<link rel="stylesheet" href="/css/style.min.css">
</head>
<body>
<div class="container" id="mobile-panel">
<header id="header" class="header"><div class="logo-wrapper"><a href="/" class="logo">{esc(site)}</a></div>
<nav class="site-navbar"><ul id="menu" class="menu">{"".join(f'<li class="menu-item"><a class="menu-item-link" href="/{k}/">{esc(c(x))}</a></li>' for k, x in enumerate(nav))}</ul></nav></header>
<main id="main" class="main"><div class="content-wrapper"><div id="content" class="content">
<article class="post">
<header class="post-header">
<h1 class="post-title">{esc(site)} » {esc(A["title"])}</h1>
<div class="post-meta">{" · ".join(meta)}</div>
</header>
<div class="post-content">
{body}
</div>
<footer class="post-footer">
<div class="post-copyright"><p>{"</p><p>".join(esc(x) for x in lic)}</p></div>
<div class="post-tags">{tags_html}</div>
<nav class="post-nav"><a class="prev" href="/p/{rng.randint(100, 999)}/"><span class="prev-text">{esc(prev_t)}</span></a>
<a class="next" href="/p/{rng.randint(100, 999)}/"><span class="next-text">{esc(next_t)}</span></a></nav>
</footer>
</article>
{cm}
</div></div></main>
<aside class="sidebar"><div class="widget"><h3 class="widget-title">{esc(c("最近文章"))}</h3><ul>{"".join(f'<li><a href="/r/{k}/">{esc(t)}</a></li>' for k, t in enumerate(recent))}</ul></div>
<div class="widget"><h3 class="widget-title">{esc(c("归档"))}</h3><p>{esc(archive)}</p></div></aside>
<footer id="footer" class="footer"><div class="copyright">{esc(foot)}</div></footer>
</div>
</body>
</html>
"""


FOLLOW_TOP = ["点击上方蓝字“{g}”关注我们", "↑ 点击上方“{g}”，设为星标", "戳上方蓝字，关注{g}，每天一篇好材料",
              "点击蓝字　关注我们", "欢迎关注{g}，点击上方名片即可", "▲ 点击上方蓝字，第一时间收到推送"]
RENDER = {"yunfan": render_yunfan, "zhengwen": render_zhengwen, "weiwen": render_weiwen, "zhaji": render_zhaji}

# (genre, script, http_charset, byline, office, comments, flags)
SPECS = {
    "yunfan": [("jianghua", "simplified", None, False, "县委书记", 3, ""),
               ("biaotai", "hant", None, False, None, 0, ""),
               ("jianghua", "simplified", "iso-8859-1", True, "副市长", 2, ""),
               ("zuotan", "tw", None, False, None, 4, ""),
               ("dangke", "simplified", "utf-8", False, None, 0, "paywall_cut"),
               ("jianghua", "simplified", None, False, None, 3, "nodate"),
               ("zhuchi", "hant", None, False, None, 0, ""),
               ("kaimu", "simplified", None, False, None, 2, "")],
    "zhengwen": [("jianghua", "simplified", "gbk", False, "市长", 0, ""),
                 ("jianghua", "hant", None, True, "区长", 2, ""),
                 ("bimu", "simplified", None, False, None, 0, ""),
                 ("biaotai", "simplified", "iso-8859-1", False, None, 0, ""),
                 ("zuotan", "tw", None, False, None, 3, ""),
                 ("jianghua", "simplified", None, False, None, 0, "print"),
                 ("dangke", "simplified", "iso-8859-1", False, None, 0, ""),
                 ("jianghua", "simplified", "gbk", False, "XX书记", 2, "paywall_cut")],
    "weiwen": [("jianghua", "hk", None, False, None, 4, ""),
               ("zuotan", "tw", "iso-8859-1", False, None, 3, ""),
               ("biaotai", "hk", None, False, None, 2, ""),
               ("kaimu", "simplified", None, False, None, 0, ""),
               ("jianghua", "hk", "utf-8", True, "X县长", 3, ""),
               ("dangke", "tw", None, False, None, 2, ""),
               ("jianghua", "hant", "iso-8859-1", False, None, 0, ""),
               ("bimu", "simplified", None, False, None, 3, "")],
    "zhaji": [("jianghua", "simplified", None, False, "旗长", 3, "quote meta_date"),
              ("zhuchi", "tw", None, False, None, 2, ""),
              ("jianghua", "simplified", "gb18030", True, "县委书记", 0, "quote"),
              ("biaotai", "hant", None, False, None, 3, ""),
              ("dangke", "simplified", "iso-8859-1", False, None, 2, ""),
              ("zuotan", "tw", None, False, None, 0, "meta_date"),
              ("jianghua", "simplified", None, False, None, 3, "paywall_cut"),
              ("jianghua", "hant", None, False, "副市长", 2, "")],
}
AUTHORS = ["文秘小张", "网友投稿", "清溪居士", "材料达人", "公文小白", "老秦", "一苇", "北辰"]


def make_plan(rng: random.Random, flags: str) -> dict:
    inside = rng.sample(["promo", "selfad", "follow", "watermark", "related", "paywall"], rng.randint(1, 3))
    if rng.random() < 0.75:
        inside.append("pagebreak")
        if rng.random() < 0.35:
            inside.append("pagebreak")
    rng.shuffle(inside)
    bottom = rng.sample(["copyright", "download", "editor", "share", "follow", "promo", "selfad", "watermark", "related"],
                        rng.randint(2, 4))
    return dict(top=rng.choice([0, 1, 1, 2]), inside=len(inside), inside_kinds=inside, glued=rng.choice([1, 1, 2]),
                hidden=rng.choice([0, 1, 1]), bottom=bottom, paywall_cut="paywall_cut" in flags)


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


def visible_text(doc: str) -> str:
    doc = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", doc)
    doc = re.sub(r"(?s)<!--.*?-->", " ", doc)
    doc = re.sub(r"<[^>]+>", " ", doc)
    return html.unescape(doc)


def build_article(fam: str, k: int, spec: tuple, rng: random.Random, used: set[str], topic: str) -> tuple[str, bytes, dict, Page]:
    genre, script, http_charset, byline, office, n_cm, flags = spec
    S = SITES[fam]
    page = Page(fam, "", script, rng, used)
    c = page.c
    year = rng.choice([2021, 2022, 2023, 2024])
    area = rng.choice(AREAS)
    sp = compose(rng, genre, topic, area, year, byline, office, short="paywall_cut" in flags)
    if "paywall_cut" in flags:
        sp.lines = sp.lines[: max(8, len(sp.lines) * 2 // 3)]
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    pub = None if "nodate" in flags else f"{year}-{month:02d}-{day:02d}"
    encoding = {"yunfan": "utf-8", "weiwen": "utf-8", "zhaji": "gb18030"}.get(fam) or ("gbk" if script == "simplified" else "gb18030")
    aid = rng.randint(10000, 99999)
    gzh = rng.choice(GZHS) if fam == "weiwen" else S["gzh"]
    if fam == "yunfan":
        slug, url = f"article-{aid}", f"https://www.yunfanwen.com/{genre}/{aid}.html"
    elif fam == "zhengwen":
        slug = f"print-{aid}" if "print" in flags else f"{year}{month:02d}{day:02d}-{aid}"
        url = (f"http://www.zhengwencankao.cn/print.asp?id={aid}" if "print" in flags
               else f"http://www.zhengwencankao.cn/html/ldjh/{year}/{month:02d}{day:02d}/{aid}.html")
    elif fam == "weiwen":
        h = "%012x" % rng.getrandbits(48)
        slug, url = f"wx-{h}", f"https://www.bimowx.com/a/{h}.html"
    else:
        slug = f"{year}-{month:02d}-{topic}-{genre}"
        url = f"https://blog.jianggaozhaji.net/{year}/{month:02d}/{topic}-{genre}/"
    page.slug = slug
    ctx = dict(s=S["site"], g=gzh, d=S["host"], u=url, t=sp.title)
    plan = make_plan(rng, flags)
    top_follow = None
    if fam == "weiwen" and rng.random() < 0.7:
        top_follow = page.fresh(FOLLOW_TOP, ctx, "follow", "top")
    blocks, paras = column(page, sp, ctx, plan)
    pub_t = tuple(int(x) for x in pub.split("-")) if pub else None
    cm = comments(page, pub_t, n_cm) if n_cm else []
    column_name = COLUMN_OF[genre]
    title = c(sp.title)
    site = c(S["site"])
    field = TOPICS[topic]["field"].strip("“”")
    tags = [c(field), c(column_name)] + ([c(f"{year}年")] if fam == "zhaji" else [])
    if "print" in flags:
        tags = []
    crumbs = {"yunfan": ["首页", column_name, rng.choice(["工作会议讲话", "领导讲话", "会议发言"])],
              "zhengwen": [] if "print" in flags else ["首页", "讲话材料", "领导讲话"],
              "weiwen": ["首页", "公众号", gzh], "zhaji": []}[fam]
    crumbs = [c(x) for x in crumbs]
    author = {"yunfan": rng.choice(AUTHORS), "zhengwen": None, "weiwen": rng.choice(AUTHORS), "zhaji": "老秦"}[fam]
    author = c(author) if author else None
    head_title = {"yunfan": f"{title}_{c(column_name)}_{site}",
                  "zhengwen": f"{site}：{title}" if "print" in flags else f"{title}——{site}",
                  "weiwen": f"【{site}】{title}", "zhaji": f"{title} | {site}"}[fam]
    quote_at = None
    if "quote" in flags:
        n_body = sum(1 for b in blocks if b[0] == "p")
        quote_at = rng.randint(4, max(4, n_body - 3))
    A = dict(blocks=blocks, title=title, head_title=head_title, pub=pub, author=author, crumbs=crumbs, tags=tags, ctx=ctx,
             comments=cm, id=aid, column=c(column_name), column_id=genre, url=url, encoding=encoding, gzh=c(gzh) if gzh else None,
             gzh_id=rng.randint(1000, 9999), print="print" in flags, top_follow=top_follow, quote_at=quote_at,
             meta_date="meta_date" in flags)
    doc = RENDER[fam](page, A)
    body = "\n".join(p.strip(" \u3000\u00a0") for p in paras if p.strip(" \u3000\u00a0"))
    speech = dict(title=title, body=body, speaker=c(sp.speaker) if sp.speaker else None,
                  occasion=c(sp.occasion) if sp.occasion else None)
    # what must survive: the opening, a heading, the trap lines, the close
    trap = re.compile("下载|关注|公众号|二维码|APP|网站|平台|会员|第二部分|下面，我|男：|女：|（掌声）|（全体起立")
    bl = [x for x in body.split("\n") if len(x) >= 4]
    want = [bl[0], bl[-1]] + [x for x in bl if re.match("^[一二三]、|^（[一二三]）|^第.部分", x)][:1]
    want += [x for x in bl if trap.search(zhconv.convert(x, "zh-cn"))][:3]
    must = []
    for x in want:
        x = x[:18]
        if x not in must:
            must.append(x)
    notes = [f"{genre} on {topic}"]
    if not pub:
        notes.insert(0, "no date of its own; comments dated")
    if "print" in flags:
        notes.insert(0, "print-friendly view")
    if "paywall_cut" in flags:
        notes.append("cut by a paywall (truth: the shown text)")
    if quote_at:
        notes.append("one body paragraph in <blockquote>")
    kinds_seen = []
    for kind in page.junk.values():
        if kind not in kinds_seen and not kind.endswith("/outside"):
            kinds_seen.append(kind)
    notes.append("; ".join(kinds_seen))
    truth = dict(url=url, family=fam, encoding=encoding, http_charset=http_charset, kind="single", script=script,
                 note="; ".join(notes),
                 expected=dict(url=url, title=title, published=pub, author=author, site_name=site, breadcrumbs=crumbs,
                               tags=list(dict.fromkeys(tags)), speeches=[speech]),
                 must_contain=must, must_not_contain=list(page.junk), junk_kinds=dict(page.junk),
                 comment_dates=page.comment_dates)
    check_page(f"{fam}/{slug}", doc, truth, encoding)
    return slug, doc.encode(encoding), truth, page


def check_page(name: str, doc: str, truth: dict, encoding: str) -> None:
    doc.encode(encoding)  # strict: every character is in the page's charset
    vis = squeeze(visible_text(doc))
    body = squeeze("\n".join(s["body"] for s in truth["expected"]["speeches"]))
    shown = vis
    for junk, kind in truth["junk_kinds"].items():
        if kind.endswith("/hidden"):
            shown = shown.replace(squeeze(junk), "")
    for para in "\n".join(s["body"] for s in truth["expected"]["speeches"]).split("\n"):
        assert squeeze(para) in shown, (name, para)
    for junk in truth["must_not_contain"]:
        assert squeeze(junk) in vis, (name, junk)
        assert squeeze(junk) not in body, (name, junk)
    for m in truth["must_contain"]:
        assert squeeze(m) in body, (name, m)


# ----------------------------------------------------------------------------------------------
# Pages without a speech
# ----------------------------------------------------------------------------------------------


def teaser(rng: random.Random, topic: str, n: int = 40) -> str:
    sp = compose(rng, rng.choice(["jianghua", "zuotan"]), topic, rng.choice(AREAS), rng.choice([2022, 2023, 2024]), False, None)
    long = [s for k, s in sp.lines if k == "p" and len(s) > 40]
    return rng.choice(long)[: rng.randint(n - 12, n)] + "…"


def shell(fam: str, c, head_title: str, main: str, encoding: str) -> str:
    if fam == "yunfan":
        v = "data-v-2b1e7c40"
        nav = "".join(f'<a {v} href="/{i}/">{esc(c(x))}</a>' for i, x in enumerate(["首页", "讲话稿", "发言稿", "致辞", "主持词", "党课", "工作总结", "心得体会", "会员中心"]))
        return (f'<!DOCTYPE html>\n<html lang="zh-CN" data-n-head-ssr>\n<head>\n<meta charset="utf-8">\n<title>{esc(head_title)}</title>\n</head>\n<body>\n'
                f'<div id="__nuxt"><div id="__layout"><div {v} class="page-wrap">\n<div {v} class="top-bar"><div {v} class="logo">{esc(c("云帆范文网"))}</div><div {v} class="nav">{nav}</div></div>\n'
                f'<div {v} class="main">\n{main}\n</div>\n<div {v} class="footer"><div {v}>{esc(c("关于我们 | 联系我们 | 免责声明 | 网站地图 | 投稿须知"))}</div>'
                f'<div {v}>{esc(c("Copyright 2017-2024 云帆范文网 www.yunfanwen.com 浙ICP备17038822号-2"))}</div></div>\n</div></div></div>\n</body>\n</html>\n')
    if fam == "zhengwen":
        nav = " | ".join(f'<a href="/list/{k}/"><font color="#FFFFFF">{esc(c(x))}</font></a>' for k, x in enumerate(["网站首页", "领导讲话", "工作报告", "调研文章", "党建材料", "心得体会", "规章制度", "公文写作"]))
        return (f'<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html>\n<head>\n<meta charset="{encoding}">\n<title>{esc(head_title)}</title>\n</head>\n<body>\n'
                f'<table width="1000" align="center"><tr><td height="96"><img src="/images/logo.gif" alt="{esc(c("政文参考网"))}"></td></tr><tr><td class="menu" bgcolor="#B60000">{nav}</td></tr></table>\n'
                f'<table width="1000" align="center"><tr><td valign="top">\n{main}\n</td></tr></table>\n'
                f'<table width="1000" align="center" class="foot"><tr><td align="center">{esc(c("主办：政文参考网编辑部　技术支持：文澜网络"))}<br>{esc(c("京ICP备19024417号　版权所有 政文参考网"))}</td></tr></table>\n</body>\n</html>\n')
    if fam == "weiwen":
        nav = "".join(f'<a href="/n{k}/">{esc(c(x))}</a>' for k, x in enumerate(["首页", "公众号导航", "文章分类", "热门文章", "提交公众号"]))
        return (f'<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width,initial-scale=1.0">\n<title>{esc(head_title)}</title>\n</head>\n<body>\n'
                f'<div class="mirror-top"><a class="mirror-logo" href="/">{esc(c("笔墨微文"))}</a>{nav}</div>\n<div class="mirror-main">\n{main}\n</div>\n'
                f'<div class="mirror-foot"><p>{esc(c("本站文章均转载自微信公众号，版权归原作者所有，如有侵权请联系删除"))}</p><p>{esc(c("笔墨微文 bimowx.com 粤ICP备20066134号"))}</p></div>\n</body>\n</html>\n')
    nav = "".join(f'<li class="menu-item"><a href="/{k}/">{esc(c(x))}</a></li>' for k, x in enumerate(["首页", "归档", "分类", "标签", "友链", "关于"]))
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="{encoding}">\n<meta name="generator" content="Hexo 6.3.0">\n<title>{esc(head_title)}</title>\n</head>\n<body>\n'
            f'<div class="container"><header id="header" class="header"><a href="/" class="logo">{esc(c("讲稿札记"))}</a><nav><ul class="menu">{nav}</ul></nav></header>\n'
            f'<main id="main" class="main"><div class="content">\n{main}\n</div></main>\n'
            f'<footer id="footer" class="footer"><div class="copyright">{esc(c("© 2019 - 2024 讲稿札记 · Powered by Hexo · Theme Even"))}</div></footer>\n</div>\n</body>\n</html>\n')


def build_nonarticles(rng: random.Random) -> list[tuple[str, str, str, str, str | None, str, str, str | None, list[str], str]]:
    """(family, slug, html, encoding, http_charset, kind, script, title, list_items, note)."""
    out = []
    topics = sorted(TOPICS)

    def conv(script):
        return lambda s: {"simplified": s, "hant": zhconv.convert(s, "zh-hant"), "tw": zhconv.convert(s, "zh-tw"),
                          "hk": zhconv.convert(s, "zh-hk")}[script]

    # yunfan: a paged category list and its page 2
    for pg, script in ((1, "simplified"), (2, "hant")):
        c = conv(script)
        items = [c(related_title(rng)) for _ in range(14)]
        rows = "".join(
            f'<div data-v-2b1e7c40 class="list-item"><a data-v-2b1e7c40 href="/jianghua/{rng.randint(10000, 99999)}.html">{esc(t)}</a>'
            f'<span data-v-2b1e7c40 class="date">{rng.choice([2023, 2024])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}</span>'
            f'<span data-v-2b1e7c40 class="hits">{rng.randint(100, 9999)}{esc(c("次浏览"))}</span></div>' for t in items)
        pager = " ".join(["上一页"] * (pg > 1) + [f"[{i}]" if i == pg else str(i) for i in range(1, 6)] + ["…", "37", "下一页", "尾页"])
        head = c("讲话稿") + (c(f"_第{pg}页") if pg > 1 else "")
        main = (f'<div data-v-2b1e7c40 class="crumb"><a data-v-2b1e7c40 href="/">{esc(c("首页"))}</a>/<span data-v-2b1e7c40>{esc(c("讲话稿"))}</span></div>'
                f'<div data-v-2b1e7c40 class="list-h">{esc(c("讲话稿"))}</div>{rows}<div data-v-2b1e7c40 class="pager">{esc(c(pager))}</div>')
        note = "paged category list: div rows of titles with date and views, pager" + ("; page 2, its number in <title> and the pager only" if pg > 1 else "")
        out.append(("yunfan", f"list-jianghua-{pg}", shell("yunfan", c, f"{head}_{c('云帆范文网')}", main, "utf-8"), "utf-8", None, "list",
                    script, c("讲话稿"), items, note))
    # zhengwen: latest updates with timestamps; about page
    c = conv("simplified")
    items = [related_title(rng) for _ in range(18)]
    rows = "".join(f'<tr><td width="110">[{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}]</td>'
                   f'<td><a href="/a/{rng.randint(10000, 99999)}.html">{esc(t)}</a></td><td width="90">{esc(rng.choice(["领导讲话", "党建材料", "工作报告"]))}</td></tr>' for t in items)
    main = f'<table width="100%" class="newlist"><tr><td colspan="3" class="ly-h"><b>最新更新</b>　今日更新{rng.randint(20, 60)}篇</td></tr>{rows}</table>'
    out.append(("zhengwen", "latest", shell("zhengwen", c, "最新更新——政文参考网", main, "gbk"), "gbk", "gbk", "list", "simplified",
                "最新更新", items, "latest-updates list: [MM-DD HH:MM] timestamps, titles, column names"))
    c = conv("tw")
    about = ["政文参考网创办于2013年，是一个面向机关干部和文秘工作者的公益性写作交流平台。",
             "本站收录的讲话稿、工作总结、调研报告等文章，大多来自网友投稿和公开资料，仅供学习参考。",
             "我们坚持不收取任何下载费用，也不提供任何形式的代写服务，请广大网友谨防上当受骗。",
             "如果您发现本站文章存在版权问题或内容错误，欢迎通过以下方式与我们联系，我们将在三个工作日内处理。",
             "投稿邮箱：tougao@zhengwencankao.cn", "联系电话：010-8425XXXX（工作日9:00-17:00）", "通讯地址：北京市朝阳区XX路XX号"]
    about = [c(x) for x in about]
    main = '<table width="100%"><tr><td class="biaoti" align="center"><strong>' + esc(c("关于我们")) + "</strong></td></tr><tr><td>" + "".join(
        f'<p style="text-indent:2em"><span style="font-family:仿宋_GB2312;font-size:16pt">{esc(x)}</span></p>' for x in about) + "</td></tr></table>"
    out.append(("zhengwen", "about", shell("zhengwen", c, c("关于我们——政文参考网"), main, "gb18030"), "gb18030", None, "about", "tw",
                c("关于我们"), [], "about page (Taiwan script): whole sentences about the site, then contact lines"))
    # weiwen: teaser river of one account; contact/advertising page
    c = conv("hk")
    gzh = rng.choice(GZHS)
    items = [c(related_title(rng)) for _ in range(9)]
    cards = "".join(
        f'<div class="river-card"><h3><a href="/a/{"%012x" % rng.getrandbits(48)}.html">{esc(t)}</a></h3>'
        f'<p class="river-excerpt">{esc(c(teaser(rng, rng.choice(topics), rng.randint(38, 60))))}</p>'
        f'<p class="river-meta">{rng.choice([2023, 2024])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}　{esc(c("阅读"))} {rng.randint(300, 20000)}</p></div>'
        for t in items)
    main = f'<div class="gzh-card"><h2>{esc(c(gzh))}</h2><p>{esc(c("微信号：" + "jgbg" + str(rng.randint(100, 999))))}</p></div><h3>{esc(c("历史文章"))}</h3>{cards}<div class="pager">{esc(c("加载更多"))}</div>'
    out.append(("weiwen", f"gzh-{rng.randint(1000, 9999)}", shell("weiwen", c, f"【{c('笔墨微文')}】{c(gzh)}{c('的历史文章')}", main, "utf-8"),
                "utf-8", "iso-8859-1", "list", "hk", c(gzh), items, "teaser river (Hong Kong script): an account's articles, excerpts cut with …, date, reads"))
    c = conv("tw")
    lines = ["笔墨微文是一个微信公众号文章聚合阅读平台，已收录公众号一万余个。", "广告合作：首页横幅每周1200元，文章页侧栏每周600元，详情请来电咨询。",
             "商务联系人：周先生　电话：0755-8663XXXX　微信：bimowx_ad", "公众号收录：提交后一般三个工作日内审核完毕。",
             "版权投诉：请发送权属证明至 kefu@bimowx.com，核实后立即删除。"]
    main = "<h1>" + esc(c("商务合作")) + "</h1>" + "".join(f"<p>{esc(c(x))}</p>" for x in lines)
    out.append(("weiwen", "contact", shell("weiwen", c, f"{c('商务合作')} - {c('笔墨微文')}", main, "utf-8"), "utf-8", None, "about", "tw",
                c("商务合作"), [], "contact/advertising page (Taiwan script): what the site is, ad rates, contact lines"))
    # zhaji: tag page, search results, home page, not found
    c = conv("simplified")
    t = rng.choice(topics)
    field = TOPICS[t]["field"].strip("“”")
    items = [related_title(rng) for _ in range(7)]
    main = (f'<div class="tag-head"><h2>标签：{esc(field)}</h2><p>共 {len(items)} 篇文章</p></div><ul class="archive">'
            + "".join(f'<li><span class="date">{rng.choice([2022, 2023, 2024])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}</span> <a href="/p/{k}/">{esc(x)}</a></li>' for k, x in enumerate(items))
            + "</ul>")
    out.append(("zhaji", f"tag-{t}", shell("zhaji", c, f"标签：{field} | 讲稿札记", main, "gb18030"), "gb18030", None, "list", "simplified",
                f"标签：{field}", items, "tag page: count line, dated titles"))
    c = conv("hant")
    items = [c(related_title(rng)) for _ in range(8)]
    res = "".join(
        f'<div class="search-result"><a href="/p/{k}/">{esc(x)}</a><p>…{esc(c(teaser(rng, rng.choice(topics), 46))[6:]).replace(esc(c("要")), "<mark>" + esc(c("要")) + "</mark>", 1)}</p>'
        f'<span>{rng.choice([2022, 2023, 2024])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}</span></div>' for k, x in enumerate(items))
    main = f'<div class="search-head">{esc(c("搜索"))}“{esc(c("讲话"))}”{esc(c("，共找到"))} {rng.randint(40, 90)} {esc(c("条结果"))}</div>{res}<div class="pager">1 2 3 4 {esc(c("下一页"))}</div>'
    out.append(("zhaji", "search-jianghua", shell("zhaji", c, c("搜索：讲话 | 讲稿札记"), main, "gb18030"), "gb18030", "iso-8859-1", "list", "hant",
                None, items, "search results (zh-Hant): highlighted keyword, snippets cut at both ends, dates"))
    c = conv("simplified")
    posts = [related_title(rng) for _ in range(5)]
    blocks = "".join(f'<article class="post-preview"><h2><a href="/p/{k}/">{esc(x)}</a></h2><p>{esc(teaser(rng, rng.choice(topics), 70))}</p>'
                     f'<a class="read-more" href="/p/{k}/">阅读全文 »</a></article>' for k, x in enumerate(posts))
    cats = "".join(f"<li>{x}（{rng.randint(3, 40)}）</li>" for x in ["讲话稿", "表态发言", "主持词", "党课讲稿", "开幕词", "闭幕词"])
    main = (f'<section class="notice"><p>公告：本博客只分享个人整理的写作笔记，欢迎交流，谢绝转载。</p></section>{blocks}'
            f'<aside><h3>分类</h3><ul>{cats}</ul><h3>友情链接</h3><ul><li>公文写作指南</li><li>老秦的读书笔记</li></ul>'
            f'<p>本站已运行 {rng.randint(1500, 2000)} 天，共 {rng.randint(200, 400)} 篇文章</p></aside><div class="pager">下一页 »</div>')
    out.append(("zhaji", "index", shell("zhaji", c, "讲稿札记 - 一个写材料的人的笔记", main, "gb18030"), "gb18030", None, "list", "simplified",
                None, posts, "home page mixing blocks: notice, latest posts with cut excerpts and read-more, categories with counts, blogroll, totals"))
    c = conv("tw")
    lines = ["抱歉，您访问的页面不存在或已被删除。", "可能的原因：", "1. 输入的网址有误；", "2. 文章已被作者设为私密；", "3. 链接已经过期。",
             "页面将在 5 秒后自动返回首页。"]
    main = '<div class="error-404"><h1>404</h1>' + "".join(f"<p>{esc(c(x))}</p>" for x in lines) + f'<p><a href="/">{esc(c("返回首页"))}</a></p></div>'
    out.append(("zhaji", "404", shell("zhaji", c, c("页面未找到 | 讲稿札记"), main, "gb18030"), "gb18030", None, "404", "tw",
                None, [], "not found (Taiwan script): apology, numbered reasons, redirect notice, blog chrome"))
    return out


# ----------------------------------------------------------------------------------------------
# Main: build, check, write
# ----------------------------------------------------------------------------------------------

FAMILY_ROWS = [
    ("yunfan", "www.yunfanwen.com", "Vue/Nuxt-rendered page: `<div>` soup with `data-v-` attributes, one `<div class=txt>` per paragraph, heads in `<b>`, title in a `<div>` (no `<h1>`), `window.__NUXT__` state; ranking/latest sidebar, ad box, comment box with dated items",
     "UTF-8 `<meta charset>` (one page served as ISO-8859-1)", "`标题_栏目_站名`"),
    ("zhengwen", "www.zhengwencankao.cn", "government-portal-like: nested `<table>` layout, `发布日期/来源/浏览次数/字号` info row, paragraphs as `<p style=text-indent><span style=font-family:仿宋…>` (Word-export, some split over two spans), 黑体/楷体 heads; one print-friendly view (`print.asp`)",
     "GBK `<meta charset=gbk>`, traditional pages GB18030; two articles served as ISO-8859-1", "`标题——站名`; print view `站名：标题`"),
    ("weiwen", "www.bimowx.com", "WeChat-article mirror: `rich_media` / `#js_content`, `<section>` and `<p><span style=…>` with inline styles, spacer `<p><br></p>`, 原创/author/account/publish_time meta, 阅读原文/在看, 合集 tags, QR follow, 精选留言 without years",
     "UTF-8 (two articles and the river served as ISO-8859-1)", "`【站名】标题`"),
    ("zhaji", "blog.jianggaozhaji.net", "Markdown-rendered Hexo blog: `<p>`, `<h3>` heads, `<p><strong>` subheads, `<blockquote>` (editor notes, and on two pages a body paragraph), `<hr>` page breaks; the site name inside the `<h1>` (`讲稿札记 » 标题`); license box, tags, post-nav, Valine-like comments",
     "GB18030 `<meta charset>` (one article and the search page served as ISO-8859-1)", "`标题 \\| 站名` (`<h1>`: `站名 » 标题`)"),
]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build tests/fixtures/heldout5")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    rng = random.Random(SEED)
    used: set[str] = set()
    pages: list[tuple[str, str, bytes, dict]] = []
    seen_paras: dict[str, str] = {}
    for fam in SPECS:
        seen_paras.clear()  # sibling pages share no paragraph
        topics = sorted(TOPICS)
        while True:
            rng.shuffle(topics)
            chosen = topics[:8]
            if sum(TOPICS[t].get("trap", False) for t in chosen) >= 2:
                break
        for k, spec in enumerate(SPECS[fam]):
            for attempt in range(30):  # draw again until no paragraph of 8+ characters is on a sibling page
                slug, data, truth, _ = build_article(fam, k, spec, rng, used, chosen[k])
                keys = [zhconv.convert(p, "zh-cn") for p in truth["expected"]["speeches"][0]["body"].split("\n")]
                if not any(len(x) >= 8 and x in seen_paras for x in keys):
                    break
            else:
                raise AssertionError(("paragraph shared", fam, slug))
            for key in keys:
                if len(key) >= 8:
                    seen_paras[key] = f"{fam}/{slug}"
            pages.append((fam, slug, data, truth))
    for fam, slug, doc, enc, http_cs, kind, script, title, items, note in build_nonarticles(rng):
        truth = dict(url=f"https://{SITES[fam]['host']}/{slug}.html", family=fam, encoding=enc, http_charset=http_cs, kind=kind,
                     script=script, note=note,
                     expected=dict(title=title, published=None, author=None, site_name=zhconv.convert(SITES[fam]["site"], {
                         "simplified": "zh-cn", "hant": "zh-hant", "tw": "zh-tw", "hk": "zh-hk"}[script]), breadcrumbs=[], tags=[], speeches=[]),
                     must_contain=[], must_not_contain=[], junk_kinds={}, comment_dates=[], list_items=items)
        doc.encode(enc)
        pages.append((fam, slug, doc.encode(enc), truth))
    # every in-column junk wording appears on one page only
    owner: dict[str, str] = {}
    for fam, slug, _, truth in pages:
        for junk, kind in truth["junk_kinds"].items():
            if kind.endswith("/outside") or kind.startswith("pagebreak"):  # site chrome and page markers repeat, as on real sites
                continue
            assert owner.setdefault(junk, slug) == slug or kind.startswith("comment"), ("junk reused", junk, slug, owner[junk])
    out = args.out
    if out.exists():
        shutil.rmtree(out)
    for fam, slug, data, truth in pages:
        (out / fam).mkdir(parents=True, exist_ok=True)
        (out / fam / f"{slug}.html").write_bytes(data)
        (out / fam / f"{slug}.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / "README.md").write_text(readme(pages), encoding="utf-8")
    print(f"{out}: {len(pages)} pages")
    return 0


def readme(pages: list) -> str:
    arts = [p for p in pages if p[3]["kind"] == "single"]
    trad = sum(p[3]["script"] != "simplified" for p in pages)
    kinds: dict[str, int] = {}
    for p in arts:
        for k in p[3]["junk_kinds"].values():
            kinds[k] = kinds.get(k, 0) + 1
    total = sum(kinds.values())
    lines = [
        "# Fifth held-out cleaning set (generated by tools/build_heldout5.py — do not edit by hand)",
        "",
        "Made by an independent examiner (a helper session started for this round) to measure the cleaner; it changes nothing in",
        "the cleaner. The examiner did **not** read the cleaner (anything under cleaning/, including cleaning/rules/*.toml),",
        "tools/train_linejudge.py, tools/cms_templates.py, the earlier builders tools/build_heldout*.py (nor their helpers",
        "tools/heldout_*.py, tools/heldout2_text.py), any HTML/JSON/README under tests/fixtures/ except the structure of",
        "tests/fixtures/heldout4/README.md, tests/test_cleaning_heldout.py/heldout2/heldout3, nor the git history of those paths.",
        "Read: docs/ground-truth.md, evaluation/corpora.py, evaluation/evaluate.py, evaluation/leaks.py, evaluation/metrics.py,",
        "tests/heldout_checks.py, tests/test_cleaning_heldout4.py and tests/fixtures/heldout4/README.md (for the shape of the",
        "test and of this file only), the five seed pages in /work/shared/seeds and the label table of",
        "/work/shared/corpus/fanwen-text/README.md. Every layout, speech sentence and junk wording was written for this set;",
        "the four families differ from heldout4's (ASP tables, Bootstrap article, Discuz thread, document viewer).",
        "",
        f"Build (seed {SEED}, no network, no clock; zhconv makes the traditional pages, converting every piece of text",
        "separately so that the HTML and the truth agree; the builder asserts that every truth paragraph and junk string is",
        "in the page, that no junk string is in a body, that no paragraph of 8+ characters is on two pages, and that no",
        "in-column junk wording is on two pages — site chrome such as menus and footers is shared by siblings, as on real sites):",
        "",
        "    .venv/bin/python tools/build_heldout5.py            # writes tests/fixtures/heldout5",
        "    .venv/bin/python -m evaluation.leaks tests/fixtures/heldout5",
        "    .venv/bin/python -m evaluation.evaluate tests/fixtures/heldout5 --no-baseline",
        "    .venv/bin/python -m evaluation.evaluate tests/fixtures/heldout5 --no-baseline --system cleaner-template",
        "    .venv/bin/python -m pytest -q tests/test_cleaning_heldout5.py",
        "",
        "This set is for measuring. Tuning the cleaner on it spends it; the next round needs a sixth set.",
        "Figures at the time it was made are in tests/test_cleaning_heldout5.py (ceiling, floors, xfail targets).",
        "",
        "## Contents",
        "",
        f"{len(pages)} pages: {len(arts)} articles and {len(pages) - len(arts)} pages without a speech; {trad} pages in",
        "traditional characters (zh-Hant, Taiwan and Hong Kong variants). No-speech shapes: a paged category list and its page 2,",
        "a teaser river (excerpts cut with …), a tag page, search results, a latest-updates list with timestamps, a home page",
        "mixing blocks, an about page, a contact/advertising page and a not-found page.",
        "One article (yunfan, marked in the table) shows no date of its own while its comments are dated: truth date null.",
        f"The {len(arts)} articles carry {total} junk strings.",
        "",
        "| family | host | markup | charset | scripts (pages) | `<title>` |",
        "|---|---|---|---|---|---|",
    ]
    for a, b, c, d, e in FAMILY_ROWS:
        counts: dict[str, int] = {}
        for p in pages:
            if p[0] == a:
                counts[p[3]["script"]] = counts.get(p[3]["script"], 0) + 1
        scripts = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        lines.append(f"| {a} | {b} | {c} | {d} | {scripts} | {e} |")
    lines += [
        "",
        "Speeches come from sixteen topic records (four of them about a 政务服务平台/APP, 网络安全, 电信诈骗 with 反诈APP and",
        "二维码, 工会会员服务/会员制, 医保电子凭证 APP) and seven genre outlines written here: work-conference speech (some with",
        "their own `——在…上的讲话` heading, delivery date and speaker line), 表态发言, 座谈会 speech, 开幕词 (with",
        "`（全体起立，奏唱国歌）`), 闭幕词, 主持词 with `男：`/`女：`/`合：` speaker tags and a bare `男：` line, and a 党课讲稿",
        "that announces its `第一部分/第二部分/第三部分`. They carry `同志们：`, `谢谢大家！`, `下面，我讲三点意见。`, numbered",
        "heads (一、/（一）), figures with % and dates, documents named in 《》.",
        "",
        "## Truth format",
        "",
        "docs/ground-truth.md, plus `kind` `about`/`404`, `script`, `note`, `junk_kinds` (each `must_not_contain` string ->",
        "`type/position`), `comment_dates`, and `list_items` on the pages without a speech (whose `must_not_contain` is empty:",
        "any speech from them is wrong).",
        "Positions: `top`, `inside` (its own line between body paragraphs), `glued` (at the end of a later body paragraph;",
        "the truth keeps the paragraph without it), `hidden` (a `display:none` span inside a paragraph), `bottom` — all inside",
        "the text column; `outside` (any other block of the page, chrome included) and `after` (comments, their name/time",
        "lines and, on yunfan, a star-rating line at the head of the comment box). Hidden spans use `style=\"display:none\"`,",
        "`display: none;`, `DISPLAY: none` and `<font style=\"display:none\">`.",
        "Where the site cuts the speech with a paywall the truth is the shown text, up to the cut.",
        "",
        "Junk strings on the articles by `type/position`:",
        "",
        "| type/position | strings |",
        "|---|---:|",
    ]
    lines += [f"| {k} | {kinds[k]} |" for k in sorted(kinds)]
    lines += ["", "| page | kind | script | encoding | http_charset | junk | note |", "|---|---|---|---|---|---:|---|"]
    for fam, slug, _, t in pages:
        lines.append(f"| {fam}/{slug} | {t['kind']} | {t['script']} | {t['encoding']} | {t['http_charset'] or ''} | "
                     f"{len(t['must_not_contain'])} | {t['note']} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
