"""Compilation splitting: 第1篇 … 第N篇 → one report per section."""
from __future__ import annotations

from pathlib import Path

import pytest

from loaders import load_file
from loaders.split import cn_number, heading_title, split_compilation

PARA = "今年以来，县卫生健康局围绕年度目标，推进医共体建设，县人民医院门诊量增长8%，乡镇卫生院服务能力明显提升。"


def report(n: int, title: str, extra: str = "") -> str:
    return f"第{n}篇 {title} 1200字\n\n{PARA}\n\n{PARA}\n\n一、存在的问题\n\n{PARA}\n{extra}"


@pytest.mark.parametrize("s,n", [("3", 3), ("12", 12), ("三", 3), ("十", 10), ("十五", 15), ("二十一", 21),
                                 ("一百零五", 105), ("两", 2), ("abc", None)])
def test_cn_number(s, n):
    assert cn_number(s) == n


@pytest.mark.parametrize(
    "rest,title",
    [("2022年卫生局第三季度工作小结 1630字", "2022年卫生局第三季度工作小结"),
     ("县卫生局季度工作小结300字 4200字", "县卫生局季度工作小结"),
     ("县卫生局工作计划（约900字）", "县卫生局工作计划"),
     ("县卫生局工作计划", "县卫生局工作计划"),
     ("", None)],
)
def test_heading_title_drops_word_counts(rest, title):
    assert heading_title(rest) == title


def test_single_report_is_not_a_compilation():
    assert split_compilation(f"甲县卫生局2023年工作总结\n{PARA}\n第一篇章写到这里。") is None
    assert split_compilation(report(1, "甲县卫生局2023年工作总结")) is None


def test_sections_header_teaser_and_tail():
    text = (
        "欢迎光临某某范文网\n当前位置：首页 > 总结\n卫生局工作总结（3篇）\n发布时间：2024-01-01 查看人数：9\n\n"
        + report(1, "甲县卫生局2023年上半年工作总结")
        + report(2, "乙县卫生局2023年工作总结", extra="\n某卫生院院长的年度述职，过去一年里，在主管部门帮助下我院……\n\n"
                 "检验科年度小结，这一年检验科围绕质量控制和报告时效开展工作...\n\n")
        + "第3篇 丙县卫生局工作总结 800字\n\n今年以来，我局认真落实各项任务……\n\n阅读全文\n\n"
        + report(4, "丁县卫生局2023年工作要点")
        + "卫生局工作总结（3篇）\n\n今年以来全县卫生工作稳步推进，成效明显\n推荐度：\n相关推荐\n· 卫生局工作总结（精选5篇）\n"
    )
    secs = split_compilation(text)
    assert [s.number for s in secs] == [1, 2, 4]              # 第3篇 is a teaser, dropped
    assert [s.title for s in secs] == ["甲县卫生局2023年上半年工作总结", "乙县卫生局2023年工作总结",
                                       "丁县卫生局2023年工作要点"]
    for s in secs:
        assert s.text.startswith(s.title + "\n")
        assert "欢迎光临" not in s.text and "查看人数" not in s.text
        assert s.text.endswith(PARA)                           # tail and teasers gone
        assert "1200字" not in s.text
    assert "述职报告" not in secs[1].text


def test_table_of_contents_repetition_of_headings():
    toc = "目录\n第1篇 甲县卫生局2023年工作总结\n第2篇 乙县卫生局2023年工作总结\n\n"
    secs = split_compilation(toc + report(1, "甲县卫生局2023年工作总结") + report(2, "乙县卫生局2023年工作总结"))
    assert [s.number for s in secs] == [1, 2]
    assert all(PARA in s.text for s in secs)


def test_chinese_numbered_sections():
    text = report(1, "甲县卫生局2023年工作总结").replace("第1篇", "第一篇") + \
        report(2, "乙县卫生局2023年工作总结").replace("第2篇", "第二篇")
    assert [s.number for s in split_compilation(text)] == [1, 2]


def test_load_file_gives_ids_per_section(tmp_path):
    text = report(1, "甲县卫生局2023年工作总结") + report(2, "乙县卫生局xx年工作总结")
    p = tmp_path / "bundle.txt"
    p.write_text(text, encoding="utf-8")
    docs = load_file(p)
    assert [d.id for d in docs] == ["bundle#1", "bundle#2"]
    assert all(d.source == "bundle.txt" for d in docs)
    assert docs[0].sha256 != docs[1].sha256
    assert [d.year for d in docs] == [2023, None]


def test_sample_compilation():
    repo = Path(__file__).resolve().parents[1]
    docs = load_file(repo / "sample" / "county_reports_compilation.txt")
    assert [d.id for d in docs] == [f"county_reports_compilation#{n}" for n in (1, 2, 3)]
    assert "述职报告" not in docs[1].text and "……" not in docs[1].text
    assert "相关推荐" not in docs[2].text and "精选" not in docs[2].text


@pytest.mark.parametrize("first,second", [
    ("篇一：", "【篇二】"),             # essay sites
    ("【范文一】", "文章二："),         # sites of model reports
])
def test_essay_site_style_sections(first, second):
    text = (report(1, "甲县卫生局2023年工作总结").replace("第1篇 ", first)
            + report(2, "乙县卫生局2023年工作总结").replace("第2篇 ", second))
    secs = split_compilation(text)
    assert [s.number for s in secs] == [1, 2]
    assert [s.title for s in secs] == ["甲县卫生局2023年工作总结", "乙县卫生局2023年工作总结"]


def test_body_words_with_pian_are_not_headings():
    text = f"甲县卫生局2023年工作总结\n{PARA}\n篇幅所限，不再赘述。\n第一篇章已经完成。\n篇二十分重要的文章"
    assert split_compilation(text) is None


def test_a_file_of_short_reports_is_still_split(tmp_path):
    from loaders import load_file
    f = tmp_path / "short.txt"
    f.write_text("第1篇 甲县卫生局2023年工作总结\n甲县人民医院完成改造，参合率98%。\n"
                 "第2篇 乙县卫生局2023年工作总结\n乙县中医院开展义诊，服务群众1200人次。\n", encoding="utf-8")
    docs = load_file(f)
    assert [d.id for d in docs] == ["short#1", "short#2"]
    assert docs[1].title == "乙县卫生局2023年工作总结"


def test_a_tiny_report_is_kept(tmp_path):
    from loaders import load_file
    f = tmp_path / "tiny.txt"
    f.write_text("县卫生局工作总结\n县医院完成门诊楼改造。\n", encoding="utf-8")
    assert [d.id for d in load_file(f)] == ["tiny"]


def test_body_words_with_fanwen_or_wenzhang_are_not_headings():
    assert split_compilation(f"丙县卫生局2022年工作总结\n{PARA}\n范文二十篇已经印发。\n文章一共三千字") is None
