"""Metadata: title, region, year (fixtures written for these tests)."""
from __future__ import annotations

import pytest

from loaders.meta import clean_title, extract_region, extract_title, extract_year, gazetteer


# ------------------------------------------------------------------ title
@pytest.mark.parametrize(
    "text,title",
    [
        ("甲县卫生健康局2023年工作总结\n2023年，我局推进改革。", "甲县卫生健康局2023年工作总结"),
        ("x区卫生健康委2022年第一季度工作总结范文(7)\n一季度，全区卫生工作平稳。", "x区卫生健康委2022年第一季度工作总结"),
        ("区卫生健康局2024年工作总结和2025年工作要点2024年,全区推进医改,成效明显。",
         "区卫生健康局2024年工作总结和2025年工作要点"),
        ("卫生健康局2019年工作总结及2020年工作打算材料一、总结(一)基层卫生稳步发展。",
         "卫生健康局2019年工作总结及2020年工作打算材料"),
        ("乙县卫生健康局\n2023年工作要点\n一、深化改革。", "乙县卫生健康局2023年工作要点"),
        ("一、工作总结\n今年以来，全县卫生工作稳步推进。", None),
        ("今年以来，全县卫生工作稳步推进，各项指标完成良好。", None),
    ],
)
def test_title(text, title):
    assert extract_title(text) == title


def test_title_of_compilation_part_is_its_heading():
    assert extract_title("正文第一行。", heading="县卫生局2022下半年工作总结") == "县卫生局2022下半年工作总结"


@pytest.mark.parametrize("raw,clean", [("县卫生局工作总结（精选5篇）", "县卫生局工作总结"),
                                       ("县卫生局工作总结.docx", "县卫生局工作总结"),
                                       ("县卫生局工作总结范文", "县卫生局工作总结")])
def test_clean_title(raw, clean):
    assert clean_title(raw) == clean


# ------------------------------------------------------------------ year
@pytest.mark.parametrize(
    "title,text,year",
    [
        ("甲县卫生健康局2023年工作总结", "", 2023),
        ("卫生健康局2019年工作总结及2020年工作打算", "", 2019),
        ("县卫生局2022下半年工作总结", "", 2022),
        ("县卫生局xx年第三季度工作小结", "2023年以来，……", None),   # masked in the title: unknown
        ("县卫生局第二季度工作总结", "上半年，我局围绕目标推进工作。", None),
        ("县卫生局第二季度工作总结", "2022年上半年，我局围绕目标推进工作。", 2022),
        ("县卫生局第二季度工作总结", "xx年上半年，我局围绕目标推进工作。", None),
        (None, "2024年以来，全县卫生工作稳步推进。", 2024),
    ],
)
def test_year(title, text, year):
    assert extract_year(title, text) == year


# ------------------------------------------------------------------ region
@pytest.mark.parametrize(
    "title,region",
    [
        ("青禾县卫生健康局2023年工作总结", "青禾县"),       # invented name, bureau in the title
        ("XX县卫健委2022年度工作总结及2023年度工作安排", "XX县"),
        ("x区卫生健康委2022年第二季度工作总结", "x区"),
        ("2022年某县卫生局工作总结及2023年工作思路", "某县"),
        ("**县卫生局2023年工作总结", "**县"),
        ("2023年云栖区卫生健康局工作总结", "云栖区"),
        ("县卫生局2023年工作总结", None),
    ],
)
def test_region_from_title(title, region):
    assert extract_region(title, title + "\n全县卫生工作稳步推进。") == region


def test_region_never_named_is_none():
    text = "县卫生局2023年工作总结\n全县共有卫生院12所，我县卫生工作稳步推进。在县委、县政府领导下，全县医改深入推进。"
    assert extract_region("县卫生局2023年工作总结", text) is None


def test_region_from_bureau_in_body_and_signature():
    text = "卫生局工作总结\n今年以来，全县卫生工作稳步推进。\nxx县卫生健康局\n二〇二三年七月"
    assert extract_region("卫生局工作总结", text) == "xx县"


def test_region_from_local_policy_documents():
    text = ("卫生局工作总结\n我市于三月出台了《梅川市基层卫生人才培养办法》，制定了《梅川市卫生局行风建设方案》。"
            "在省、江州市卫生健康委指导下，按期完成江州市布置的目标。")
    assert extract_region("卫生局工作总结", text) == "梅川市"


def test_region_real_city_from_gazetteer():
    if "哈尔滨市" not in gazetteer():
        pytest.skip("jionlp gazetteer unavailable")
    text = "卫生局工作总结\n南岗区代表哈尔滨市参加全省评比。印发了《哈尔滨市基层卫生服务提升方案》。"
    assert extract_region("卫生局工作总结", text) == "哈尔滨市"


def test_region_title_suffix_prefers_matching_body_region():
    text = ("区卫生健康局工作总结\nXX区卫生健康系统持续深化改革，印发《XX区基层医疗提升计划》。"
            "XX市专家团队来区指导。")
    assert extract_region("区卫生健康局工作总结", text) == "XX区"


def test_partner_and_visited_places_are_not_the_region():
    text = ("卫生局工作总结\n组织人员赴江西省婺源县学习考察。邀请厦门市中医院专家开展义诊，"
            "配合厦门市完成食品安全检查。")
    assert extract_region("卫生局工作总结", text) is None


def test_generic_area_words_are_not_regions():
    text = ("卫生健康局工作总结\n新设的自贸区医院开设国际门诊，自贸区医院获评示范单位。全区社区卫生服务中心、"
            "经济开发区卫生院按照区政府部署开展工作。")
    assert extract_region("卫生健康局工作总结", text) is None


def test_several_regions_is_none():
    text = ("卫生局工作总结\n《甲川县医改方案》《甲川县卫生局工作规则》《乙川县医改方案》《乙川县卫生局工作规则》"
            "分别印发实施。")
    assert extract_region("卫生局工作总结", text) is None


def test_year_in_chinese_numerals():
    assert extract_year("县卫生健康局二〇二三年工作总结", "") == 2023
    assert extract_year("县卫生健康局二○二二年工作总结", "") == 2022


def test_region_from_institutions_named_after_an_invented_county():
    text = ("县卫生健康局2023年工作总结\n今年，苇塘县人民医院完成改扩建，苇塘县中医院开设康复科，"
            "苇塘县妇幼保健院通过等级评审。全县卫生工作稳步推进。")
    assert extract_region("县卫生健康局2023年工作总结", text) == "苇塘县"
    two = "县卫生健康局2023年工作总结\n苇塘县人民医院完成改扩建，苇塘县中医院开设康复科。"
    assert extract_region("县卫生健康局2023年工作总结", two) is None  # an invented name needs more evidence


def test_one_institution_mention_of_an_unknown_name_is_not_enough():
    text = "县卫生健康局2023年工作总结\n选派医生到苇塘县人民医院进修。全县卫生工作稳步推进。"
    assert extract_region("县卫生健康局2023年工作总结", text) is None


def test_verb_before_government_is_not_a_county():
    text = "县卫生健康局2023年工作总结\n方案报经，请示县政府同意后实施，请示县政府批准。全县卫生工作稳步推进。"
    assert extract_region("县卫生健康局2023年工作总结", text) is None


def test_report_sentence_is_not_a_title():
    assert extract_title("现将上半年工作总结如下：一是强化基层，二是完善制度。") is None
    assert extract_title("现将有关情况总结如下：\n一、基本情况") is None


def test_the_place_names_read_from_jionlps_file_are_those_of_its_loader():
    from loaders.meta import _location_names, _location_names_of_jionlp

    names = _location_names()
    assert names == _location_names_of_jionlp()
    assert {"哈尔滨市", "舒城县", "萨尔图区"} <= names         # a city and two counties
    assert not any(n.endswith(("镇", "乡", "街道", "村委会")) for n in names)     # no towns or villages
