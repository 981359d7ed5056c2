"""The error classes measured on reports from other provinces (issue 12), each as a rule with a
golden table written for these tests: counted lists, branches, second names, selection objects,
programme-shaped nouns, participation by position, news-style partnerships."""
from __future__ import annotations

import pytest

from conftest import extract_text


def mentions(text: str, type_: str) -> list[str]:
    return sorted({m.name for m in extract_text(text).mentions if m.type == type_})


def rels(text: str, type_: str):
    ex = extract_text(text)
    return sorted((r.head.name, r.tail.name) for r in ex.relations if r.type == type_)


INSTITUTIONS = [
    # a list, a count and a shared type word: one institution per item
    ("推动东岭、西坡、南湾三个卫生院开展远程门诊。", ["东岭卫生院", "南湾卫生院", "西坡卫生院"]),
    ("在石渠、花滩等5家乡镇卫生院建设中医阁。", ["石渠卫生院", "花滩卫生院"]),
    # a count before a name is a class of bodies
    ("完成9个社区卫生服务站改造。", []),
    ("新建17个中医药特色社区卫生服务站。", []),
    ("全县1家县医院运行良好。", ["县医院"]),
    # a hospital's branch named by place is one institution, not two halves
    ("省医科大学附属脑科医院北湖医院挂牌运作。", ["省医科大学附属脑科医院北湖医院"]),
    # a measure word inside a place name, an ordinal without 第
    ("柳家镇卫生院、县一人民医院作交流发言。", ["县一人民医院", "柳家镇卫生院"]),
    # a place word opening a run belongs to the name
    ("后溪街道社区卫生服务中心改造已经启动。", ["后溪街道社区卫生服务中心"]),
    # a list's first item must follow a verb, preposition or the like — not end another phrase
    ("聚焦数字健康园区、青禾区中医医院迁建进行座谈。", ["青禾区中医医院"]),
    # items that are whole names already share no type word
    ("辖区还有县红十字会、县老年协会、县卫干校。", ["县卫干校"]),
    # district bodies and a hospital's unit
    ("青禾区健康管理中心承办了培训。", ["青禾区健康管理中心"]),
    ("县人民医院健康管理中心开展体检。", ["县人民医院"]),
    ("县卫生健康综合行政执法大队开展夜间巡查。", ["县卫生健康综合行政执法大队"]),
    # members of an alliance are a class
    ("甲医院与乙医院组建紧密型医联体医院。", ["乙医院", "甲医院"]),
    # verbs before a name are not part of it
    ("妥善调整社区卫生服务站的布局。", []),
    # a slogan of sizes names no hospital; a university's short name before 医院 does
    ("做到小医院靠大医院、小科室靠大科室。", []),
    ("推动大医院带小医院。", []),
    # a list item whose words read like verbs to a tagger is still a whole name between list marks
    ("另有专科医院3家(县安宁医院、北山监狱医院、戒毒矫治医院)。", ["北山监狱医院", "县安宁医院", "戒毒矫治医院"]),
    ("、加强医院管理。", []),
    # the county supervision body under its post-reform name
    ("县卫生健康综合监督执法局开展双随机抽查。", ["县卫生健康综合监督执法局"]),
    ("与北大医院密云医院签订协议。", ["北大医院密云医院"]),
    # a class of bodies written right before a body's name is not part of it; a branch keeps its hospital
    ("民营医院北沟仁和医院完成校验。", ["北沟仁和医院"]),
    ("乡镇卫生院南坡镇卫生院、县人民医院西坪分院完成改造。", ["南坡镇卫生院", "县人民医院西坪分院"]),
]


@pytest.mark.parametrize("text,expected", INSTITUTIONS)
def test_institution_classes(text, expected):
    assert mentions(text, "institution") == expected


PROGRAMS = [
    # a regime (…制) set for a class of bodies is named with that class
    ("在全县推行乡镇卫生院员额制。", ["乡镇卫生院员额制"]),
    # a quoted name with 改革 after it is a reform of that name, numbered or not
    ("持续深化“放管服”改革，压缩审批时限。", ["“放管服”改革"]),
    ("推行“先看病后结算”改革。", ["“先看病后结算”改革"]),
    # a verb alone between a body and a scheme word is what the body did, not a scheme's name
    ("西岭县中医医院纳入试点。", []),
    ("北沟县妇幼保健院列入项目。", []),
    # the whole object of being selected or approved, up to its scheme word
    ("县中心医院入选全国“某某文化立院”优秀案例。", ["全国“某某文化立院”优秀案例"]),
    ("1个县入选省级财政支持县域卫生发展提升项目县。", ["省级财政支持县域卫生发展提升项目"]),
    ("县中医医院申报省级第四批中医药文化教育基地。", ["省级第四批中医药文化教育基地"]),
    # a quoted name that says what it is
    ("以“百万健康工程”为牵引。", ["“百万健康工程”"]),
    ("推进“云诊室”平台建设，实行“四统一”管理，加强“精细”管理。", ["“云诊室”平台", "“四统一”管理"]),
    # the local Healthy China initiative
    ("推进健康杭州建设。", ["健康杭州"]),
    # trial zones, alliances, competitions, aid by destination
    ("推进基层卫生综合试验区建设。", ["基层卫生综合试验区"]),
    ("与省医院建立老年医学联盟。", ["老年医学联盟"]),
    ("组建援藏医疗队。", ["援藏"]),
    # a grade reached, quoted or not
    ("县人民医院成功晋升“三级乙等”。", ["“三级乙等”"]),
    # a scheme named after the body leading it keeps it; a class before a dash is not the name
    ("成立了综合医联体—青禾县人民医院联盟。", ["青禾县人民医院联盟"]),
    # a scheme that only starts inside a hospital's name starts after it
    ("南江大学附属二医院国家巡回医疗队赴山区义诊。", ["国家巡回医疗队"]),
    # the writer's own region and a counted team are not part of a name
    ("我县基层医疗三年攻坚取得成效。", ["基层医疗三年攻坚"]),
]


@pytest.mark.parametrize("text,expected", PROGRAMS)
def test_program_classes(text, expected):
    assert mentions(text, "program") == expected


def test_bracketed_second_name_is_an_alias():
    ex = extract_text("县妇幼保健院（青禾县第二人民医院）入选省级危重孕产妇救治中心。")
    assert {m.name for m in ex.mentions if m.type == "institution"} == {"县妇幼保健院"}


def test_affiliated_second_name_gives_a_university_partner():
    ex = extract_text("区中医院挂牌成立某中医药大学青禾医院。")
    assert {m.name for m in ex.mentions if m.type == "institution"} == {"区中医院", "某中医药大学"}
    assert [(r.head.name, r.tail.name, r.kind) for r in ex.relations if r.type == "partnership"] == \
        [("某中医药大学", "区中医院", "合作共建")]


def test_enumerated_item_scopes_its_programme():
    text = "一是推进乡村医疗一体化试点。结合实际，推进石渠、花滩2个卫生院完成整合。二是加强宣传。"
    assert rels(text, "participation") == [("石渠卫生院", "乡村医疗一体化试点"), ("花滩卫生院", "乡村医疗一体化试点")]


def test_items_of_one_sentence_keep_their_own_subjects():
    text = "一是加快县人民医院迁建，二是启动城乡居民大病保险。"
    assert rels(text, "participation") == []


def test_a_team_sent_to_a_body_is_support():
    text = "县里派出由省第一医院组成的援藏团队，组建医疗队派驻青禾县人民医院。"
    assert ("省第一医院", "青禾县人民医院") in rels(text, "partnership")


def test_a_team_sent_respectively_pairs_nothing():
    text = "由甲市人民医院和乙市人民医院组成医疗队，分别进驻石渠、花滩等乡镇卫生院。"
    assert rels(text, "partnership") == []


def test_lead_and_members_of_an_alliance():
    text = "以县人民医院为牵头单位，联合县中医院、石渠卫生院组建紧密型医共体。"
    assert rels(text, "partnership") == [("县人民医院", "县中医院"), ("县人民医院", "石渠卫生院")]
    assert ("县人民医院", "紧密型县域医共体") in rels(text, "participation")


def test_the_venue_of_a_meeting_does_not_take_part():
    text = "省医院巡回医疗队总结会议在青禾县人民医院顺利召开。"
    assert rels(text, "participation") == [("省医院", "巡回医疗队")]


def test_a_grade_reached_is_taken_part_in():
    assert rels("县妇幼保健院晋级“二级甲等”。", "participation") == [("县妇幼保健院", "“二级甲等”")]


PARTY_AND_COUNTS = [
    # a sentence that names 党委 in passing is not party work; a phrase about party members is
    ("在省市党委政府的领导下，积极推进健康杭州建设。", ["健康杭州"]),
    ("扎实开展党员“先锋争创”活动。", []),
    # the standing study and meeting systems of party organisations, named without the word 党
    ("院党支部严格执行“三会一课”制度。", []),
    ("把“第一议题”学习制度落到实处。", []),
    # how many is not part of a designation's name
    ("建成五个县域医疗分中心。", ["县域医疗分中心"]),
    # a signed strategic agreement is not a strategy
    ("县妇幼保健院与省妇产医院签署战略合作协议。", []),
]


@pytest.mark.parametrize("text,expected", PARTY_AND_COUNTS)
def test_party_phrases_and_counts(text, expected):
    assert mentions(text, "program") == expected


def test_a_level_and_a_short_stem_is_that_levels_body():
    ex = extract_text("县疾控和县妇幼开展检查，省人医专家到县二院坐诊。")
    got = sorted((m.name, m.surface) for m in ex.mentions if m.type == "institution")
    assert got == [("县二院", "县二院"), ("县妇幼保健院", "县妇幼"), ("县疾病预防控制中心", "县疾控"), ("省人民医院", "省人医")]


@pytest.mark.parametrize("text", ["加强县疾控体系建设。", "完善县妇幼健康服务。", "邀请省精防办专家授课。",
                                  "落实社区精防管理。", "各县疾控参加培训。"])
def test_a_stem_that_begins_a_work_word_or_an_office_is_no_body(text):
    assert mentions(text, "institution") == []


def test_a_joint_inspection_is_not_a_partnership_but_a_joint_founding_is():
    assert rels("县疾控和县妇幼开展联合检查。", "partnership") == []
    assert rels("县医院与省医院联合成立卒中中心。", "partnership") == [("县医院", "省医院")]


def test_a_centre_certified_is_a_designation_taken_part_in():
    assert rels("县中医院通过国家级卒中防治中心认证。", "participation") == [("县中医院", "国家级卒中防治中心")]


def test_every_sender_joined_before_the_verb_supports_the_host():
    text = "县里派出由省第一医院和省第四医院组成的援藏团队，组建医疗队派驻青禾县人民医院。"
    assert rels(text, "partnership") == [("省第一医院", "青禾县人民医院"), ("省第四医院", "青禾县人民医院")]


def test_an_affiliated_hospital_with_no_university_named_is_a_class():
    assert mentions("以大学附属医院标准建设县人民医院。", "institution") == ["县人民医院"]


def test_a_numbered_hospital_and_its_short_form_are_one():
    from kg.pipeline import assemble
    g = assemble([extract_text("市三医院开展义诊。市第三人民医院专家坐诊。")])
    assert len([1 for _, d in g.nodes(data=True) if d["label"] == "Institution"]) == 1


def test_a_name_that_starts_inside_a_hospital_keeps_the_scheme_checks():
    assert mentions("县人民医院改造工程完工。", "program") == []


def test_the_lead_named_in_the_next_sentence_takes_part():
    text = "纵向打造“1+3+6”医疗集团。以县人民医院为牵头单位，与3家二级医院、6家卫生院组建集团。"
    assert rels(text, "participation") == [("县人民医院", "“1+3+6”医疗集团")]


@pytest.mark.parametrize("text,expected", [
    ("通报了年度综合目标考核结果。", ["综合目标考核"]),
    ("接受公立医院综合改革效果评价。", ["公立医院综合改革效果评价"]),
])
def test_assessment_schemes(text, expected):
    assert mentions(text, "program") == expected


def test_a_section_headed_by_an_institution_credits_its_programmes():
    text = ("某县卫生健康年鉴\n【县人民医院】\n全年门诊45万人次。深入开展优质服务基层行活动，成功创建国家级胸痛中心。\n"
            "【县中医院】\n实施中医馆建设项目。\n二、公共卫生\n推进家庭医生签约服务。\n")
    got = rels(text, "participation")
    assert ("县人民医院", "国家级胸痛中心") in got and ("县中医院", "中医馆建设") in got
    assert not [x for x in got if x[1] == "家庭医生签约服务"]        # another heading ended the section


def test_teaching_and_base_ties_with_universities():
    assert mentions("县人民医院与南江医科大学签订合作协议，成为其教学医院。", "institution") == ["南江医科大学", "县人民医院"]
    assert rels("南江大学公共卫生学院在县疾控中心设立实践教学基地。", "partnership") == \
        [("南江大学公共卫生学院", "县疾控中心")]
    assert rels("县人民医院成为省人民医院的托管医院。", "partnership") == [("县人民医院", "省人民医院")]


@pytest.mark.parametrize("text,expected", [
    ("我们要去镇卫生院看看。", ["镇卫生院"]),           # the one a story goes to
    ("患者被送到乡卫生院救治。", ["乡卫生院"]),
    ("形成以镇卫生院为主导的网络。", []),              # the tier, not a body
    ("各镇卫生院均已达标。", []),
])
def test_a_bare_town_health_centre_gone_to_is_one_body(text, expected):
    assert mentions(text, "institution") == expected


def test_a_subject_named_after_is_borrowed_only_by_an_opening_phrase():
    assert rels("启动远程会诊试点，县人民医院派出专家。", "participation") == [("县人民医院", "远程会诊试点")]
    text = "新建村卫生室3个，建成省级示范老年友好型社区1个，县人民医院创成三级医院。"
    assert not [x for x in rels(text, "participation") if "社区" in x[1]]


def test_a_founding_verb_is_not_part_of_a_schemes_name():
    assert mentions("青禾县人民医院组建专科联盟。", "program") == ["专科联盟"]


@pytest.mark.parametrize("text,expected", [
    # a count before a programme noun says how many, it is not part of the name
    ("今年布局建设7家县域医疗服务次中心。", ["县域医疗服务次中心"]),
    # 创建 followed by its object is a verb: the object is the designation, not "某某创建"
    ("东坝街道如期创建全省老年健康服务示范单位。", ["全省老年健康服务示范单位"]),
    ("卫生城市创建取得成效。", ["卫生城市创建"]),
    # a county-wide strand of a national reform is a name of its own; a scope already in the name is not doubled
    ("今年重点推进县域综合医改。", ["县域综合医改"]),
    ("推进县域紧密型医共体建设。", ["紧密型县域医共体"]),
    # party work joined to health work by + is a health scheme; party work alone is not
    ("县人民医院实施“党建+医疗”工程。", ["“党建+医疗”工程"]),
    ("开展“党建+业务”融合行动。", []),
])
def test_counts_and_verbs_at_a_programmes_edges(text, expected):
    assert mentions(text, "program") == expected


def test_a_scheme_written_with_its_system_word_keeps_it_in_its_surface():
    ex = extract_text("全面落实计划生育家庭特别扶助制度。")
    (m,) = [m for m in ex.mentions if m.type == "program"]
    assert m.surface == "计划生育家庭特别扶助制度" and m.name == "计划生育家庭特别扶助"


def test_a_scheme_written_with_its_building_word_keeps_it_and_its_short_form():
    # 某某建设 is the written full form; the name without 建设 stays a short form of it
    names = _programs("北沟乡持续推进乡村一体化建设。")
    assert names == {"乡村一体化管理": ["乡村一体化", "乡村一体化建设"]}
    # …and 是 before a project's name is the copula, not part of the name
    ex = extract_text("北沟乡卫生院是乡村一体化建设项目的实施单位。")
    assert [m.surface for m in ex.mentions if m.type == "program"] == ["乡村一体化建设项目"]


def _programs(text: str) -> dict[str, list[str]]:
    from kg.pipeline import assemble
    g = assemble([extract_text(text)])
    return {d["name"]: sorted(d.get("aliases") or []) for _, d in g.nodes(data=True) if d["label"] == "Program"}


def test_a_three_character_short_form_ending_one_longer_programme_is_that_programme():
    progs = _programs("县中医医院与省中医院组建紧密型医联体。医联体运行一年,转诊量上升。")
    assert list(progs) == ["紧密型医联体"] and "医联体" in progs["紧密型医联体"]


def test_a_short_form_ending_two_longer_programmes_stays_apart():
    progs = _programs("组建儿科专科医联体和眼科专科医联体,医联体覆盖全县。")
    assert {"儿科专科医联体", "眼科专科医联体"} <= set(progs)


@pytest.mark.parametrize("text,expected", [
    # verbs of work done to a scheme (督导, 检查, 考核) are not part of its name
    ("督导检查健康乡村建设行动的进度。", ["健康乡村建设行动"]),
    ("市里派人来青禾县检查卫生强基三年行动。", ["卫生强基三年行动"]),
    ("考核评估基本公共卫生服务项目。", ["国家基本公共卫生服务项目"]),
    # …but a check that is the service itself stays
    ("开展免费孕前优生健康检查项目。", ["孕前优生健康检查"]),
])
def test_work_done_to_a_scheme_is_not_its_name(text, expected):
    assert mentions(text, "program") == expected


def test_the_sites_visited_to_see_a_programme_take_part_in_it():
    text = ("市卫生局来青禾县督查卫生强基三年行动,实地查看了县人民医院新院区、医保办、"
            "北山镇卫生院及石桥村卫生室。")
    assert rels(text, "participation") == [("北山镇卫生院", "卫生强基三年行动"), ("县人民医院", "卫生强基三年行动"),
                                           ("石桥村卫生室", "卫生强基三年行动")]


def test_a_verb_between_two_bodies_splits_the_list():
    from kg.extract.relations import _groups
    ex = extract_text("县人民医院牵头、北山镇卫生院参与。")
    insts = sorted((m for m in ex.mentions if m.type == "institution"), key=lambda m: m.start)
    assert [len(g) for g in _groups(ex.sentences[0].text, ex.sentences[0].start, insts)] == [1, 1]


def test_the_members_listed_after_a_lead_are_its_partners_and_take_part():
    text = "县人民医院牵头组建县域医共体，成员单位包括北山镇卫生院、东关镇卫生院。"
    assert rels(text, "partnership") == [("县人民医院", "东关镇卫生院"), ("县人民医院", "北山镇卫生院")]
    assert ("北山镇卫生院", "紧密型县域医共体") in rels(text, "participation")


def test_members_of_no_alliance_are_no_partners():
    assert rels("县人民医院牵头开展义诊，成员包括北山镇卫生院。", "partnership") == []


def test_a_team_sent_is_not_a_programme_named_after_the_sending():
    assert mentions("市第一人民医院派驻医疗队到青禾县人民医院。", "program") == []


def test_experts_who_come_to_see_patients_make_a_support_partnership():
    assert rels("南江大学附属医院专家团队每周到青禾县人民医院坐诊、带教。", "partnership") == [
        ("南江大学附属医院", "青禾县人民医院")]


def test_the_partner_of_a_university_hospital_is_no_second_name_of_it():
    ex = extract_text("青禾县人民医院成为南江大学附属医院的协作医院。")
    assert sorted(m.name for m in ex.mentions if m.type == "institution") == ["南江大学附属医院", "青禾县人民医院"]
    assert rels("青禾县人民医院成为南江大学附属医院的协作医院。", "partnership") == [("青禾县人民医院", "南江大学附属医院")]


def test_a_quoted_title_awarded_is_taken_part_in():
    got = rels("青禾县人民医院荣获“全国改善医疗服务示范医院”称号。", "participation")
    assert got == [("青禾县人民医院", "“全国改善医疗服务示范医院”")]


def test_a_lead_and_the_bodies_that_join_are_partners():
    text = "推进县域医共体建设，县人民医院牵头，北山镇卫生院、东关镇卫生院加入医共体。"
    assert rels(text, "partnership") == [("县人民医院", "东关镇卫生院"), ("县人民医院", "北山镇卫生院")]
    assert ("县人民医院", "紧密型县域医共体") in rels(text, "participation")


def test_a_village_clinic_title_created_is_a_designation():
    got = rels("北山镇卫生院、东关镇卫生院成功创建为省级甲级村卫生室。", "participation")
    assert got == [("东关镇卫生院", "省级甲级村卫生室"), ("北山镇卫生院", "省级甲级村卫生室")]


def test_two_way_referral_between_bodies_is_a_partnership():
    assert rels("县人民医院与北山镇卫生院建立双向转诊机制。", "partnership") == [("县人民医院", "北山镇卫生院")]


def _with_title(title: str, body: str):
    from conftest import _extractor
    from kg.model import Document
    return _extractor()(Document("t", title + "\n" + body, "t.txt", "0", title=title, region="青禾县", year=2023))


def test_we_in_a_hospitals_own_report_is_that_hospital():
    ex = _with_title("青禾县中医院2023年工作总结", "我院成功创建省级中医重点专科。本院与北山镇卫生院签订帮扶协议。")
    parts = sorted((r.head.name, r.tail.name) for r in ex.relations if r.type == "participation")
    assert ("青禾县中医院", "重点专科") in parts
    assert [(r.head.name, r.tail.name) for r in ex.relations if r.type == "partnership"] == [("青禾县中医院", "北山镇卫生院")]


def test_we_in_a_report_of_no_single_institution_names_none():
    ex = _with_title("青禾县卫生健康局2023年工作总结", "我院成功创建省级中医重点专科。")
    assert [m for m in ex.mentions if m.type == "institution"] == []


def test_a_signing_verb_is_not_part_of_an_alliances_name():
    assert mentions("县人民医院与南江大学附属第一医院签订专科联盟协议。", "program") == ["专科联盟"]


@pytest.mark.parametrize("text,expected", [
    # a one-map / one-network slogan built for a field is that field's scheme
    ("打造县域急救“一张图”。", ["县域急救“一张图”"]),
    ("构建全县公共卫生“一张网”。", ["公共卫生“一张网”"]),
    ("他说“一张图”很好。", []),
    # a concept hospital (智慧医院, 无烟医院) is a scheme, not a body
    ("县人民医院启动智慧医院建设。", ["智慧医院"]),
])
def test_slogans_and_concept_hospitals(text, expected):
    assert mentions(text, "program") == expected


def test_a_concept_hospital_is_no_institution():
    assert mentions("县人民医院启动智慧医院建设。", "institution") == ["县人民医院"]


def test_the_university_of_a_second_name_is_its_longest_school_name():
    ex = extract_text("青禾县人民医院成为南江大学医学院教学医院。")
    assert [m.name for m in ex.mentions if m.kind == "university"] == ["南江大学医学院"]


def test_a_cue_word_inside_a_scheme_both_bodies_run_makes_no_partnership():
    # 签约 inside 家庭医生签约服务 is the doctors' contracts with residents, not a tie between the bodies
    assert rels("北沟乡卫生院和南坪村卫生室都开展了家庭医生签约服务。", "partnership") == []
    assert rels("北沟乡卫生院和南坪村卫生室都开展了家庭医生签约服务。", "participation") == [
        ("北沟乡卫生院", "家庭医生签约服务"), ("南坪村卫生室", "家庭医生签约服务")]
    # the same two bodies signing with each other are partners
    assert rels("北沟乡卫生院与南坪村卫生室签约结成帮扶对子。", "partnership") == [("北沟乡卫生院", "南坪村卫生室")]
    # and a partnership scheme named between them is still the tie
    assert rels("青禾县人民医院与北沟乡卫生院组建医共体。", "partnership") == [("青禾县人民医院", "北沟乡卫生院")]


ROLLS_AND_ROLES = [
    # a roll of titles named in batches: the batch is which round, the title is the scheme
    ("西坪镇卫生院入选第三批社区医院名单。", [("西坪镇卫生院", "社区医院")]),
    ("西坪镇卫生院入选首批省级示范卫生院。", [("西坪镇卫生院", "省级示范卫生院")]),
    # listed into, or named as, a title
    ("柳湾社区卫生服务中心列入全国百强社区卫生服务中心。", [("柳湾社区卫生服务中心", "全国百强社区卫生服务中心")]),
    ("柳湾社区卫生服务中心被命名为省级示范社区卫生服务中心。", [("柳湾社区卫生服务中心", "省级示范社区卫生服务中心")]),
    # a role in a scheme (试点医院, 受援医院) is no second body
    ("青禾县人民医院作为全省临床路径管理试点医院，率先推行日间手术。", [("青禾县人民医院", "全省临床路径管理试点")]),
]


@pytest.mark.parametrize("text,expected", ROLLS_AND_ROLES)
def test_rolls_of_titles_and_roles_in_a_scheme(text, expected):
    assert rels(text, "participation") == expected
    assert mentions(text, "institution") == sorted({i for i, _ in expected})


def test_a_receiving_hospital_is_a_role_not_a_body():
    assert mentions("北沟乡卫生院作为受援医院，接收驻点专家两名。", "institution") == ["北沟乡卫生院"]


def test_experts_sent_down_to_a_body_make_a_support_partnership():
    # 下沉: a hospital's experts working at a lower-level body for a time
    text = "南江大学第二医院内分泌科专家每周下沉北沟乡卫生院坐诊。"
    ex = extract_text(text)
    assert [(r.head.name, r.tail.name, r.kind) for r in ex.relations if r.type == "partnership"] == [
        ("南江大学第二医院", "北沟乡卫生院", "对口支援")]


def test_a_place_that_is_the_subject_keeps_its_title_from_the_next_body():
    # 我县被评为…: the county holds the title; the hospital of the next phrase does not
    text = "我县被评为全国健康促进县，青禾县人民医院通过三级医院评审。"
    assert ("青禾县人民医院", "健康促进县") not in rels(text, "participation")
    # …while a phrase with no subject of its own still borrows the next phrase's body
    assert ("青禾县人民医院", "胸痛中心建设") in rels("启动胸痛中心建设，青禾县人民医院派出骨干进修。", "participation")
    # and 我县 as an owner (对我县…工作给予肯定) is no subject
    assert ("青禾县人民医院", "健康促进县") in rels("专家实地查看了青禾县人民医院，对我县健康促进县工作给予肯定。",
                                                    "participation")


@pytest.mark.parametrize("text,name,surface", [
    ("全面落实“两病”门诊用药保障。", "两病门诊用药保障", "“两病”门诊用药保障"),
    ("推行住院费用“一站式”结算。", "一站式结算", "“一站式”结算"),
])
def test_a_lexicon_name_with_part_of_it_quoted(text, name, surface):
    ms = [m for m in extract_text(text).mentions if m.type == "program"]
    assert [(m.canonical or m.name, m.surface) for m in ms] == [(name, surface)]


@pytest.mark.parametrize("verb", ["被授予", "被确定为", "挂牌成为"])
def test_a_teaching_hospital_title_granted_is_a_second_name_and_a_university_partner(verb):
    text = f"北沟县人民医院{verb}西江医学院教学医院。"
    assert rels(text, "partnership") == [("西江医学院", "北沟县人民医院")]
    assert mentions(text, "institution") == ["北沟县人民医院", "西江医学院"]


def test_a_meeting_about_a_programme_hosted_is_not_taking_part_in_it():
    assert rels("青禾县人民医院承办了全市胸痛中心建设现场推进会。", "participation") == []
    assert rels("青禾县人民医院承办了全市胸痛中心建设经验交流会。", "participation") == []
    assert rels("青禾县人民医院推进胸痛中心建设，会同急救站优化流程。", "participation") == [
        ("青禾县人民医院", "胸痛中心建设")]


@pytest.mark.parametrize("text", ["支持西坪镇卫生院建设县域医疗卫生次中心。", "加快建设县域医疗卫生次中心。"])
def test_building_verbs_before_a_known_scheme_are_not_its_name(text):
    assert mentions(text, "program") == ["县域医疗卫生次中心"]


def test_a_body_that_sets_up_a_window_or_clinic_for_a_scheme_takes_part_in_it():
    assert rels("西坪镇卫生院开设家庭医生签约服务专窗。", "participation") == [("西坪镇卫生院", "家庭医生签约服务")]


@pytest.mark.parametrize("text,canonical", [
    ("北沟乡兑现农村部分计划生育家庭奖励扶助资金。", "奖励扶助"),
    ("北沟乡完善计划生育特殊家庭扶助制度。", "计划生育家庭特别扶助"),
    ("县人民医院参加药品器械集中采购。", "药品集中采购"),
])
def test_national_schemes_under_their_usual_full_names(text, canonical):
    assert [m.canonical for m in extract_text(text).mentions if m.type == "program"] == [canonical]


def test_basic_public_health_named_without_its_service_word():
    text = "督导组在柳湾社区卫生服务中心检查基本医疗、基本公共卫生工作。"
    assert [m.canonical for m in extract_text(text).mentions if m.type == "program"] == ["国家基本公共卫生服务项目"]


def test_a_framing_phrase_covers_the_bodies_of_every_phrase_after_it():
    text = "在年度全国三级公立医院绩效考核中，西岭县人民医院进入前百名，西岭县中医院、西岭县妇幼保健院位列全省同类第一。"
    assert rels(text, "participation") == sorted([
        ("西岭县人民医院", "全国三级公立医院绩效考核"), ("西岭县中医院", "全国三级公立医院绩效考核"),
        ("西岭县妇幼保健院", "全国三级公立医院绩效考核")])
    # without the frame only the next phrase's body carries the programme
    assert rels("启动胸痛中心建设，西岭县人民医院选派骨干进修，西岭县中医院完成改造。", "participation") == [
        ("西岭县人民医院", "胸痛中心建设")]


def test_a_university_heading_a_visiting_party_is_a_body_but_does_not_run_what_it_saw():
    text = "西江医科大学校长周某、西江医科大学附属医院院长吴某一行赴北沟县中医院调研医联体建设。"
    assert mentions(text, "institution") == ["北沟县中医院", "西江医科大学", "西江医科大学附属医院"]
    assert mentions(text, "program") == ["医联体"]          # not 北沟县中医院调研医联体
    got = rels(text, "participation")
    assert ("北沟县中医院", "医联体") in got and ("西江医科大学", "医联体") not in got
    # a graduate of a university is a person's link: no body
    assert mentions("北沟县中医院医生周某毕业于西江医科大学。", "institution") == ["北沟县中医院"]


def test_an_alliance_named_after_its_lead_is_taken_part_in_by_the_lead():
    assert rels("北沟县人民医院医疗集团正式成立。", "participation") == [("北沟县人民医院", "北沟县人民医院医疗集团")]


def test_the_host_of_a_team_that_moves_in_takes_part_in_its_programme():
    text = "南岭省第八批“组团式”援藏医疗队进驻北沟县人民医院。"
    assert [m.canonical for m in extract_text(text).mentions if m.type == "program"] == ["组团式帮扶"]
    assert rels(text, "participation") == [("北沟县人民医院", "组团式帮扶")]


def test_a_list_item_that_is_a_school_or_office_shares_no_type_word():
    assert mentions("县医保局、县职业中专、县实验小学卫生室参加了培训。", "institution") == ["县实验小学卫生室"]
    assert mentions("桃园、张家场卫生室完成改造。", "institution") == ["张家场卫生室", "桃园卫生室"]


def test_bodies_that_each_sign_with_a_third_are_one_side():
    assert rels("北沟县人民医院和北沟县中医院分别与西江市第一医院签订合作协议。", "partnership") == [
        ("北沟县中医院", "西江市第一医院"), ("北沟县人民医院", "西江市第一医院")]
    # two bodies that both run a tie-shaped service are not partners by it
    assert rels("北沟县人民医院和北沟县中医院均开展了远程会诊。", "partnership") == []


def test_an_alliance_built_with_a_body_is_not_named_after_it():
    text = "北沟县人民医院、北沟县中医院与西江大学附属医院共建专科联盟。"
    assert mentions(text, "program") == ["专科联盟"]
    assert rels(text, "partnership") == [("北沟县中医院", "西江大学附属医院"), ("北沟县人民医院", "西江大学附属医院")]


def test_a_paragraph_labelled_by_an_institution_credits_its_programmes_to_the_end_of_the_line():
    text = ("北沟县卫生健康年鉴\n北沟县人民医院：全年收治住院病人2万人次。成功创建国家级胸痛中心。\n"
            "北沟县中医院：推进中医馆建设。\n全县推进家庭医生签约服务。\n")
    got = rels(text, "participation")
    assert ("北沟县人民医院", "国家级胸痛中心") in got and ("北沟县中医院", "中医馆建设") in got
    assert not [x for x in got if x[1] == "家庭医生签约服务"]      # the next line is no longer the label's


@pytest.mark.parametrize("text", ["北沟县人民医院新院区建设项目完成投资。", "西坪镇卫生院周转宿舍项目已竣工。",
                                  "柳湾镇卫生院业务用房建设项目开工。"])
def test_a_hospitals_building_works_are_no_programme(text):
    assert mentions(text, "program") == []


def test_a_teaching_hospital_title_in_a_later_phrase_is_the_subjects_second_name():
    text = "北沟县人民医院与西江大学签订合作协议，挂牌成立西江大学教学医院。"
    assert mentions(text, "institution") == ["北沟县人民医院", "西江大学"]
    assert {frozenset(p) for p in rels(text, "partnership")} == {frozenset(("北沟县人民医院", "西江大学"))}


def test_a_quoted_lexicon_name_at_the_very_start_of_a_sentence():
    # the mapped-back match starts the sentence: nothing before it to be an opening quote
    ms = [m for m in extract_text("两病”门诊用药保障全面落实。").mentions if m.type == "program"]
    assert [m.canonical for m in ms] == ["两病门诊用药保障"]


def test_a_teaching_hospital_title_after_the_subjects_own_phrase():
    text = "北沟县人民医院全面提升服务能力，挂牌成立西江大学教学医院。"
    assert mentions(text, "institution") == ["北沟县人民医院", "西江大学"]
    assert rels(text, "partnership") == [("西江大学", "北沟县人民医院")]


def test_bodies_that_pair_up_are_partners_and_the_pairing_word_is_no_body():
    text = "北沟县中医院同西岭县中医院结为姊妹医院。"
    assert rels(text, "partnership") == [("北沟县中医院", "西岭县中医院")]
    assert mentions(text, "institution") == ["北沟县中医院", "西岭县中医院"]
    assert rels("青禾县妇幼保健院与北沟县妇幼保健院结成友好单位。", "partnership") == [
        ("青禾县妇幼保健院", "北沟县妇幼保健院")]


def test_an_internet_hospital_built_by_a_body_is_its_scheme_not_another_body():
    text = "西岭县中医院建成互联网医院并上线运行。"
    assert mentions(text, "institution") == ["西岭县中医院"]


@pytest.mark.parametrize("verb", ["被列为", "被遴选为", "被选为"])
def test_being_listed_or_chosen_as_a_designation_is_taking_part(verb):
    assert rels(f"西岭县中医院{verb}全市首批老年友善医疗机构。", "participation") == [
        ("西岭县中医院", "老年友善医疗机构")]


def test_promotion_to_a_grade_without_quotes_is_taken_part_in():
    assert rels("北沟县中医院顺利晋升为三级甲等中医医院。", "participation") == [("北沟县中医院", "三级甲等中医医院")]
    assert rels("北沟县中医院晋升三级医院后门诊量上升。", "participation") == []     # no grade of 甲/乙: no scheme


def test_the_verb_jointly_build_does_not_open_a_name():
    assert mentions("双方签订协议，共建西江医科大学北沟教学医院。", "institution") == ["西江医科大学北沟教学医院"]


def test_a_body_that_receives_support_names_its_supporter_second():
    assert rels("青禾县人民医院接受西江医科大学附属医院对口支援。", "partnership") == [
        ("西江医科大学附属医院", "青禾县人民医院")]
    assert rels("北沟县中医院得到南江省中医院的帮扶。", "partnership") == [("南江省中医院", "北沟县中医院")]


def test_a_body_that_is_anothers_partner_unit_is_its_partner():
    assert rels("青禾县妇幼保健院是北沟县妇幼保健院的协作单位。", "partnership") == [
        ("青禾县妇幼保健院", "北沟县妇幼保健院")]
    assert rels("青禾县人民医院是全县唯一的二级甲等医院，青禾县中医院是中医医疗中心。", "partnership") == []


def test_a_programme_written_as_its_own_act_is_taken_part_in():
    # the verb is the programme's first word (取消药品加成): no other cue is needed
    assert sorted(rels("北沟县人民医院、北沟县中医院全面取消药品加成。", "participation")) == [
        ("北沟县中医院", "药品零差率销售"), ("北沟县人民医院", "药品零差率销售")]
    # a programme named by a noun, with no cue, is not
    assert rels("北沟县人民医院药品零差率销售成效明显。", "participation") == []
    # nor is a title named like a body, whose first word only reads as a verb (无烟医院)
    assert rels("北沟县人民医院无烟医院氛围浓厚。", "participation") == []


def test_home_sickbeds_are_a_national_service():
    # 家庭病床 (home sickbeds): a service the national health authorities set, piloted at named bodies
    assert rels("在南坡乡卫生院试点开展家庭病床服务。", "participation") == [("南坡乡卫生院", "家庭病床")]


def test_bodies_before_each_take_the_programmes_after_it_in_order():
    assert rels("西坪镇卫生院和东岭乡卫生院分别创建为省级社区医院和市级示范卫生院。", "participation") == [
        ("东岭乡卫生院", "市级示范卫生院"), ("西坪镇卫生院", "省级社区医院")]
    # one programme for the two: both take part in it
    assert rels("西坪镇卫生院、东岭乡卫生院分别开展家庭医生签约服务。", "participation") == [
        ("东岭乡卫生院", "家庭医生签约服务"), ("西坪镇卫生院", "家庭医生签约服务")]


def test_reaching_a_programmes_standard_is_taking_part():
    assert rels("西坪镇卫生院达到“优质服务基层行”推荐标准。", "participation") == [("西坪镇卫生院", "优质服务基层行")]


def test_two_statements_joined_by_a_list_mark_keep_their_own_subjects():
    # 甲获评A、乙创建B: the 、 after a programme and before a body with its own verb joins two statements
    assert rels("西坪镇卫生院获评省级示范卫生院、东岭乡卫生院成功创建省级社区医院。", "participation") == [
        ("东岭乡卫生院", "省级社区医院"), ("西坪镇卫生院", "省级示范卫生院")]
    # a list of bodies before one verb still shares it
    assert rels("西坪镇卫生院、东岭乡卫生院获评省级示范卫生院。", "participation") == [
        ("东岭乡卫生院", "省级示范卫生院"), ("西坪镇卫生院", "省级示范卫生院")]


def test_a_list_of_titles_after_one_cue_is_one_title_each():
    # 入选甲和乙: two titles, not one joined name; with 分别 each body takes its own
    got = rels("北沟县人民医院和北沟县中医院分别入选省级重点专科和省级区域医疗中心建设单位。", "participation")
    assert ("北沟县人民医院", "省级重点专科") in got and ("北沟县中医院", "省级区域医疗中心") in got
    assert all("和" not in p for _, p in got)
    assert ("北沟县中医院", "省级重点专科") not in got and ("北沟县人民医院", "省级区域医疗中心") not in got
