"""Cleaning rules, one golden test per rule (fixtures written for these tests)."""
from __future__ import annotations

import pytest

from loaders.clean import clean_lines, clean_text, drop_toc, is_junk_line

BODY = "全县共有乡镇卫生院十二所，村卫生室八十六所，卫生技术人员一千二百余人。"


def lines(text: str) -> list[str]:
    return clean_lines(text)


@pytest.mark.parametrize(
    "junk",
    [
        "首页 | 新闻中心 | 政务公开 | 网站导航",
        "当前位置：首页 > 工作动态 > 总结",
        "您的位置: 首页 » 卫生健康 » 正文",
        "您现在的位置是：首页 > 工作总结",
        "登录 注册 加入收藏 设为首页",
        "返回顶部",
        "上一篇：关于做好秋季传染病防控的通知",
        "下一篇：无",
        "分享到：微信 微博 QQ空间",
        "【字体：大 中 小】【打印本页】【关闭窗口】",
        "版权所有：某某县卫生健康局 地址：人民路1号",
        "Copyright © 2008-2023 example.com All Rights Reserved",
        "某ICP备12345678号-2",
        "技术支持：某某信息科技有限公司",
        "发布时间：2024-01-05 10:22 来源：本站 浏览次数：1024",
        "查看人数：25",
        "2024-03-11 08:02:45 96",
        "乡镇卫生院工作总结.docx VIP会员免费下载",
        "乡镇卫生院工作总结.doc_第5页",
        "文档编号：88 上传人：wang**9 大小：12KB",
        "本文档共6页，预览已结束，下载后可查看全文",
        "12",
        "- 3 -",
        "— 15 —",
        "第3页",
        "3/15",
        "第2页 / 共4页",
        "共5页，当前第2页12345",
        "Page 4 of 9",
        "¥6.66",
        "QQ",
    ],
)
def test_junk_lines(junk):
    assert is_junk_line(junk), junk
    assert lines(f"{BODY}\n{junk}\n{BODY}") == [BODY, BODY]


@pytest.mark.parametrize(
    "keep",
    [
        "一、工作总结",
        "（三）加强传染病防治",
        "二〇二三年工作计划",
        "全面推行按病种付费改革，门诊付费方式改革覆盖全县。",
        "实行医务人员积分制管理，档案收集整理及时规范。",
        "参合率达到98.6%。",
        "2023年，县人民医院门诊量增长12%。",
    ],
)
def test_report_lines_are_not_junk(keep):
    assert not is_junk_line(keep), keep
    assert keep in lines(f"{BODY}\n{keep}\n{BODY}")


def test_urls_removed_inline():
    assert lines("详情见 https://www.example.com/a/b.html?x=1 网站。\n链接地址:https://x.cn/1") == ["详情见网站。"]


def test_page_number_inside_a_sentence_is_glued():
    text = "全县共有卫生\n- 12 -\n院35所，村卫生室210所。"
    assert lines(text) == ["全县共有卫生院35所，村卫生室210所。"]


def test_page_number_with_blank_lines_inside_a_sentence_is_glued():
    text = "县人民医院全年门诊量达到\n\n第4页\n\n35.6万人次，同比增长8%。"
    assert lines(text) == ["县人民医院全年门诊量达到35.6万人次，同比增长8%。"]


def test_ad_fragment_inside_a_sentence_is_glued():
    text = "县妇幼保健院开展两癌筛查，共筛查适龄妇女\n点击下载文档 VIP专享\n1.2万人，检出率为0.3%。"
    assert lines(text) == ["县妇幼保健院开展两癌筛查，共筛查适龄妇女1.2万人，检出率为0.3%。"]


def test_page_number_after_a_finished_sentence_keeps_the_break():
    text = "一是加强领导，落实责任。\n- 2 -\n二是完善制度，规范管理。"
    assert lines(text) == ["一是加强领导，落实责任。", "二是完善制度，规范管理。"]


def test_page_number_before_a_heading_keeps_the_break():
    text = "县医院门诊大楼主体完工\n- 5 -\n三、公共卫生服务"
    assert lines(text) == ["县医院门诊大楼主体完工", "三、公共卫生服务"]


def test_real_paragraph_breaks_are_kept():
    text = "一、医疗服务\n\n县人民医院完成改扩建工程\n\n二、公共卫生\n\n县疾控中心完成流调工作。"
    assert lines(text) == ["一、医疗服务", "县人民医院完成改扩建工程", "二、公共卫生", "县疾控中心完成流调工作。"]


def test_preview_site_page_items_are_glued():
    part1 = "1、某县卫生健康局2022年工作总结2022年，全县卫生健康系统围绕年度目标，" + "扎实推进各项工作，" * 8 + "并在基层服务方面"
    part2 = "2、取得明显进展，乡镇卫生院门诊量增长12%。(" 
    part3 = "3、二)强化疾病防控。县疾控中心完成各项监测任务，" + "持续开展健康教育，" * 8 + "群众满意。"
    out = lines("\n".join([part1, part2, part3]))
    assert len(out) == 1
    assert out[0].startswith("某县卫生健康局2022年工作总结")
    assert "并在基层服务方面取得明显进展" in out[0]
    assert "(二)强化疾病防控" in out[0]


def test_tail_after_report_is_cut():
    text = f"{BODY}\n{BODY}\n{BODY}\n相关推荐\n卫生院工作总结范文\n乡镇卫生工作计划\n热门文章\n某文章"
    assert lines(text) == [BODY, BODY, BODY]


def test_read_more_prompt_cuts_the_page():
    text = f"{BODY}\n{BODY}\n{BODY}\n阅读全文\n（登录会员后可查看剩余内容）\n觉得有帮助就打赏作者一杯咖啡吧！\n{BODY}"
    assert lines(text) == [BODY, BODY, BODY]


def test_teaser_tail_is_dropped():
    teaser1 = "社区医院年度小结：这一年我们围绕群众就医需求，优化门诊流程，推出多项便民服务，具体情况如下..."
    teaser2 = "学校卫生室工作回顾，本学期卫生室坚持预防为主，主要做了这样几件事：一是晨检..."
    text = "\n\n".join([BODY, BODY + BODY + BODY + BODY, teaser1, "短句一行。", teaser2])
    assert lines(text) == [BODY, BODY * 4]


def test_long_paragraph_ending_in_ellipsis_is_kept():
    long_par = BODY * 10 + "并启动“健康乡村行"
    assert lines(long_par + "...") == [long_par + "..."]


def test_table_of_contents_before_the_body_is_dropped():
    text = ("卫生健康局工作总结汇编(3篇)目录1.甲区卫生健康局2023年工作总结2.乙区卫生健康局2023年工作总结"
            "3.丙县卫生局2023年工作总结甲区卫生健康局2023年工作总结2023年，我局推进各项改革。")
    assert drop_toc(text) == "甲区卫生健康局2023年工作总结2023年，我局推进各项改革。"


def test_header_junk_before_report_is_dropped():
    text = "收藏到桌面\n下次直接点图标即可打开\n欢迎光临某某范文网\n甲县卫生健康局2023年工作总结\n" + BODY
    assert lines(text) == ["甲县卫生健康局2023年工作总结", BODY]


def test_title_not_glued_to_body_across_metadata_line():
    text = "甲县卫生健康局2023年工作总结\n发布时间：2024-01-01\n2023年，我局推进医共体建设"
    assert lines(text) == ["甲县卫生健康局2023年工作总结", "2023年，我局推进医共体建设"]


def test_spaces_between_chinese_characters_are_removed():
    assert lines("县卫生健康局把基层 卫生服务能力 建设列为重点。") == ["县卫生健康局把基层卫生服务能力建设列为重点。"]


def test_site_suffix_read_only_remark_removed():
    assert lines(BODY + "仅供参考") == [BODY]


def test_hard_wrapped_text_is_reflowed():
    para = "县人民医院与省人民医院组建专科联盟，每月派专家开展手术示教，全年完成三四级手术一千二百余台，患者满意度明显提高。"
    wrapped = "\n".join(para[i:i + 20] for i in range(0, len(para), 20))
    other = "县中医院完成中医馆改造，开展中医适宜技术二十项，服务群众三万人次，中医药服务能力明显提升。"
    wrapped2 = "\n".join(other[i:i + 20] for i in range(0, len(other), 20))
    assert lines("一、医院建设\n" + wrapped + "\n" + wrapped2) == ["一、医院建设", para, other]


def test_a_sentence_cut_before_its_number_is_one_sentence_again():
    text = "县卫生健康局全面推进签约服务工作，全县家庭医生签约率达到\n62.5%，重点人群签约率明显提高。\n1. 下一步工作"
    assert clean_text(text) == "县卫生健康局全面推进签约服务工作，全县家庭医生签约率达到62.5%，重点人群签约率明显提高。\n1. 下一步工作"
    # a numbered item after a finished line stays on its own line
    text2 = "县卫生健康局全面推进签约服务工作，重点人群签约率明显提高达\n2、做好公共卫生服务"
    assert clean_text(text2).count("\n") == 1


def test_clean_text_joins_lines_with_newlines():
    assert clean_text(f"首页 > 总结\n{BODY}\n\n\n{BODY}") == f"{BODY}\n{BODY}"


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from([BODY, "- 3 -", "第2页", "首页 > 总结", "相关推荐", "一、工作总结", "\n", "\n\n", "\f",
                           "县医院", "……", "1、", "2、", "第1篇 甲县卫生局2023年工作总结 900字", "阅读全文", " ", "。"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=30))
def test_cleaning_never_fails_and_leaves_no_page_marks(pieces):
    out = clean_text("".join(pieces))
    assert "\f" not in out
    assert all(line.strip() == line and line for line in out.split("\n")) or out == ""
    assert "- 3 -" not in out.split("\n")


def test_table_rows_and_short_paragraphs_are_not_reflowed():
    rows = ["家庭医生签约人数\t5.6万人", "高血压患者规范管理率\t70.8%", "老年人健康管理率\t71.2%", "孕产妇系统管理率\t95.1%"]
    paras = ["一、医疗服务能力提升", "县人民医院新增两个重点专科。", "二、公共卫生", "县疾控中心完成年度考核。"]
    assert lines("\n".join(rows + paras)) == rows + paras
