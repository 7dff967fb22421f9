"""Compilations become one Speech per item; speaker and occasion from titles."""
from __future__ import annotations

import pytest

from cleaning.split import find_items, occasion_of, speaker_of, strip_marker
from tests.test_cleaning_junk import PARAS, build_page, clean

ITEM_BODIES = [
    ["同志们:", "近期,省委、省政府先后召开了省委xx届x次全会和省政府第x次全会暨上半年经济运行调度会议,对全省上半年工作作了全面总结,对下半年工作作了部署安排、提出明确要求。"],
    ["同志们:", "今天,我们召开全市百城建设提质工程推动城市高质量发展三年行动暨文明城市创建工作会议,主要任务是深入贯彻落实全省会议精神,总结成绩、查找不足,鼓足干劲、狠抓落实。"],
    ["党的十八大以来,以***同志为核心的党中央高度重视县域经济发展。**县域面积占全市的94.7%,常住人口占66.6%,经济总量占56.6%,推进县域经济高质量发展既正当其时、又至关重要。"],
]
TEASERS = [
    "政府将深入推进“放管服”改革、持续优化法制化营商环境,企业涉及行政审批的事项,我们全力解决到位。下面是星星阅读网小编为您推荐在全市高质量发展工作会议上的讲话范文。",
    "建立完善党委统一领导、政府主要领导负责、多部门参与的工作运行机制,下面是众鑫文档网小编给大家带来的在2022年全市百城建设提质工程推动城市高质量发展三年工作会议上的讲话稿,希望大家喜欢。",
    "下面是小编为大家整理的在全市高质量发展工作会议上的讲话,供大家参考。",
]

STYLES = {
    "di": ("市长在市政府全体经济会议上的讲话(精选3篇)", lambda n, base: f"{base} 第{n}篇", "市长在市政府全体经济会议上的讲话"),
    "pian": ("在全市高质量发展工作会议上的讲话3篇", lambda n, base: f"{base}篇{n}", "在全市高质量发展工作会议上的讲话"),
    "bracket": ("县长在全县经济工作会议上的讲话【三篇】", lambda n, base: f"【篇{'一二三'[n - 1]}】{base}", "县长在全县经济工作会议上的讲话"),
    "prefix": ("区长在全区项目建设推进会上的讲话范文三篇", lambda n, base: f"第{'一二三'[n - 1]}篇:{base}", "区长在全区项目建设推进会上的讲话"),
}


def compilation(style: str) -> tuple[str, list[str]]:
    page_title, heading, base = STYLES[style]
    parts = [f"<p>{page_title}</p>", "<p>2024-07-07</p>", "<p>以下是本站为大家精选的讲话稿,欢迎阅读。</p>"]
    headings = []
    for n, (body, teaser) in enumerate(zip(ITEM_BODIES, TEASERS), 1):
        headings.append(heading(n, base))
        parts.append(f"<p><strong>{headings[-1]}</strong></p>")
        parts.append(f"<p>　　{teaser}</p>")
        parts.extend(f"<p>　　{p}</p>" for p in body)
    return build_page("".join(parts), title=page_title), headings


@pytest.mark.parametrize("style", sorted(STYLES))
def test_each_item_of_a_compilation_is_its_own_speech(style: str) -> None:
    html, headings = compilation(style)
    page = clean(html)
    assert [s.title for s in page.speeches] == headings
    assert [s.paragraphs for s in page.speeches] == ITEM_BODIES
    base = STYLES[style][2]
    for speech in page.speeches:
        assert speech.occasion == occasion_of(base)
        assert speech.speaker == speaker_of(base)
        assert "小编" not in speech.body and "精选" not in speech.body


def test_speaker_and_occasion_from_titles() -> None:
    assert speaker_of("市长在全市项目建设、工业经济百日攻坚暨脱贫攻坚推进会上的讲话") == "市长"
    assert occasion_of("市长在全市项目建设、工业经济百日攻坚暨脱贫攻坚推进会上的讲话") == "全市项目建设、工业经济百日攻坚暨脱贫攻坚推进会"
    assert speaker_of("XX书记在全区经济工作会议上的讲话") == "XX书记"
    assert speaker_of("区长在全区大会上的发言") == "区长"
    assert occasion_of("区长在全区大会上的发言") == "全区大会"
    assert occasion_of("在全市前三季度高质量发展重点工作调度会上讲话") == "全市前三季度高质量发展重点工作调度会"
    assert occasion_of("县长在全县大会上的致辞") == "全县大会"
    assert speaker_of("在全市高质量发展工作会议上的讲话") is None
    assert speaker_of("坚定信心 保持定力 稳中求进") is None
    assert occasion_of("坚定信心 保持定力 稳中求进") is None


def test_markers_are_stripped_for_parsing_only() -> None:
    assert strip_marker("市长在市政府全体经济会议上的讲话 第1篇") == "市长在市政府全体经济会议上的讲话"
    assert strip_marker("在全市高质量发展工作会议上的讲话篇9") == "在全市高质量发展工作会议上的讲话"
    assert strip_marker("【篇二】县长在会上的讲话") == "县长在会上的讲话"
    assert strip_marker("第十一篇:县长在会上的讲话") == "县长在会上的讲话"


def test_item_numbers_must_run_in_order_from_one() -> None:
    assert find_items(["讲话 第2篇", "x", "讲话 第3篇"]) is None
    assert find_items(["讲话 第1篇", "x"]) is None  # a single item is no compilation
    assert find_items(["[1] 参考文献甲", "[2] 参考文献乙"]) is None  # references are not items
    found = find_items(["讲话篇1", "p", "讲话篇2", "q", "讲话篇3"])
    assert [i for i, _ in found] == [0, 2, 4]


def test_a_single_speech_leading_line_starting_with_the_title_keeps_the_rest() -> None:
    title = "市长在全市项目建设、工业经济百日攻坚暨脱贫攻坚推进会上的讲话"
    inner = f"<p>{title} 同志们:</p>" + "".join(f"<p>{p}</p>" for p in PARAS)
    page = clean(build_page(inner, title=title + ":", suffix=" - 百花范文网"))
    speech = page.speeches[0]
    assert page.title == title
    assert speech.paragraphs == ["同志们:"] + PARAS
    assert speech.speaker == "市长"
