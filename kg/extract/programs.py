"""Program mentions (stage: Document + Sentences → program Mentions).

Each source is a named rule of the registry (kg.extract.registry, `kg build --explain`); longest
span wins:
- lexicon: national programme names and aliases (schema/lexicons/programs.tsv + user lexicons),
  Aho-Corasick; a name that is also a department (胸痛中心) needs a cue (创建/建设/认证 …);
- quoted-name / quoted-self-named: “三好一满意”活动, “某某工程”, “五统一”管理 — a quoted term with a
  program word after it or inside it, run (开展/实施 “…”), listed before its class (“甲”和“乙”等项目)
  or assessed in (对“三基三严”的考核); a quoted form of a lexicon name is that programme;
- program-word: named schemes ending in a scheme word (…工程, …行动, …试点, …示范区, …联盟, …医疗队,
  …工作室; schema/lexicons/program_grammar.tsv), the name running left over nouns until a verb, a
  preposition, a number, punctuation, an institution's name or a dash; a 专项 campaign is named by its
  verb phrase, without the manner (严厉) or the place it ran; the writer's own 我县 is not the name;
- selected-into: the whole object of 入选/获批/申报/被确定为/创建成为 up to its scheme word
  (入选全国某某优秀案例, 申报省级某某基地);
- designation: a body-like title created, applied for or awarded (创建省级示范某某服务中心);
- grade-scheme: a grade created or reached (创建二级甲等医院, 晋升“三级乙等”);
- healthy-place: 健康 + a place (健康某市建设); aid-by-destination: 援藏/援疆 …;
- group-support: 某省三级医院对口支援某省县级医院, named whole.
Generic work phrases, routine activities, party/public-order/trade work (program_grammar.tsv
non-health), names inside 《》, building works, and mentions the text does not run as programmes
(a counted activity, a path or theme, a plan drawn up, 计划免疫/计划生育) are not programmes.
"""
from __future__ import annotations

import functools
import re

from ..lexicon import Lexicon, SurfaceMatcher
from ..model import Document, Mention, Sentence
from ..text import PROVINCES
from .registry import rule
from .wordlists import entries, pattern, scheme_words

LEXICON = rule("programs", "lexicon", matches="a national programme name or alias (schema/lexicons/programs.tsv, "
               "user lexicons)", produces="that programme")
QUOTED = rule("programs", "quoted-name", matches="“…” followed by a program word (“三好一满意”活动), or run, listed "
              "or assessed as a programme", produces="a programme named by the quoted term")
QUOTED_SELF = rule("programs", "quoted-self-named", matches="a quoted name ending in a program word "
                   "(“某某提升行动”, “某某工程”)", produces="a programme")
GRADE = rule("programs", "grade-scheme", matches="创建三级乙等医院, 二级甲等医院复审", produces="a creation/assessment scheme")
NAMED = rule("programs", "program-word", matches="a name ending in a program word (…工程, …行动, …试点, …示范区, "
             "…联盟), running left over nouns", produces="a programme")
GROUP_SUPPORT = rule("programs", "group-support", matches="某省三级医院对口支援某省县级医院(工作)",
                     produces="the support programme named whole")
DESIGNATION = rule("programs", "designation", matches="a body-like title created, applied for or awarded "
                   "(创建省级示范某某服务中心, 获…称号)", produces="a designation (kind designation)")
SELECTED = rule("programs", "selected-into", matches="入选/获批/列为/被确定为 + a name ending in a scheme word "
                "(…案例, …典型, …基地, …项目, …试点, …示范区)", produces="the scheme named by the whole object")
AID = rule("programs", "aid-by-destination", matches="援藏, 援疆, 援青, 援外: aid named by where it goes",
           produces="the national aid programme")
HEALTHY_PLACE = rule("programs", "healthy-place", matches="健康+place (健康某市建设, “健康某县”): the local Healthy "
                     "China initiative", produces="a programme 健康X")
from ..tokens import jieba_module as _jieba, tag as _tag, tokens as _tokens

_QUOTED = re.compile(r"[“\"「『]([^”\"」』“《》]{2,24})[”\"」』]"
                     r"(?P<tail>(?:(?!等)[\u4e00-\u9fff]{1,4}?(?:计划|政策|制度|工程|行动|项目|活动|筛查|救治|体检)(?![\u4e00-\u9fff]{0,2}[的了])|专项整治|专项行动|专项治理|专项活动|主题活动|系列活动|宣传月|宣传周|活动月|服务月|"
                     r"活动|工程|行动|项目|计划|建设|创建|工作制度|制度|政策|策略|病房|试点|年活动|重点专科|重点学科|特色专科|筛查|"
                     r"健康教育|健康促进|医疗集团|医联体|专科联盟|联盟|协同发展|高质量发展|一体化|试验区|示范区|示范基地|基地|平台|模式|机制|年|"
                     r"管理|服务|改革)?)")
_CLAUSE_MARK = re.compile(r"[，,。；;：:！？]")
_MARKS_ONLY = re.compile(r"[*＊xX×·、]+")
_NUMBER_ONLY = re.compile(r"[0-9.％%]+")
_TITLE = re.compile(r"《[^《》]*》")
_DASHES = re.compile(r"[-—]+")
_DASH_GAP = re.compile(r"\s*[-—－:：]+\s*")
_LATIN = re.compile(r"[A-Za-z]{2,8}")
_BARE_MARKS = re.compile(r"[“”\"、·\s]")
_TRAIL_ACTIVITY = re.compile(r"活动$")
_AGE_PART = re.compile(r"[0-9]+|-|—|~|至")
_COUNT_WORD = re.compile(r"[0-9]+[个项次家所类支批]?|[一二三四五六七八九十两]+[个项次类支批家所]|第[一二三四五六七八九十0-9]+批|首批|[类批]")
# Tails that make a scheme only of a numbered slogan: “五统一”管理, “三个一”服务.
_SLOGAN_ONLY_TAIL = ("管理", "服务")
# A quoted name that says itself what it is: “某某提升行动”, “某某工程”, “某某50计划”, “某省某某基地”.
_QUOTED_SELF = re.compile(r"(?:行动|工程|计划|项目|活动|基地|示范区|试验区|建设|改革|战略|行动计划|案例|联盟|医疗集团|医联体|"
                          r"服务包|服务|模式|制度|体系|示范县|示范市|示范点|品牌)$")
# Quoted items listed before the class they belong to: “甲”和“乙”等项目.
_QUOTED_LIST_END = re.compile(r"(?:[和、及与]“[^“”]{2,24}”)*等(?:[0-9一二三四五六七八九十]+[个项])?(?:重点|信息化|建设)?(?:项目|工程)")
# A slogan assessed or trained in: 加大对“三基三严”的考核力度.
_ASSESSED_AFTER = re.compile(r"的?(?:考核|考评|训练|竞赛|达标)")
# Program words a named scheme ends with → (shortest head, whether a bare level/region head is fine).
# Designations (国家特色专科, 省级示范区) may have a level as their whole head; schemes need a real name.
_PROGRAM_WORDS = scheme_words()
# Groupings named after the body that leads them: 某某医院联盟, 某医院医疗集团, 某某医院巡回医疗队.
_LED_BY_A_BODY = set(entries("led-by-a-body"))
# The writer's own level or region before a scheme's name: 我县, 本市, a bare 市/县/区.
_OWN_LEVEL = re.compile(r"[我本该][县区市省旗州]")
_LED_NAME = re.compile(r"(?:联盟|医联体|医疗集团)$")
_SUFFIX_RE = re.compile("|".join(map(re.escape, sorted(_PROGRAM_WORDS, key=len, reverse=True))))
_NAME_CHARS = r"\u4e00-\u9fffA-Za-z0-9+\-—~"
_NAME_CHAR = re.compile(f"[{_NAME_CHARS}]")
_NAME_RUN_END = re.compile(f"[{_NAME_CHARS}]*$")             # the name characters that end a text
_PHRASE_RUN_END = re.compile(f"[{_NAME_CHARS}“”]*$")        # …and a campaign's quote marks
# Words that look like verbs to the tagger but open program names (低保人群医疗救助).
_NAME_WORDS = set(entries("name-word"))
_CUE_BEFORE_QUOTE = re.compile(r"(开展|实施|推进|启动|创建|推行|落实|深化|组织|参加|参与|争创|打造|获评|荣获|通过)[了的]?$")
# Generic heads that do not make a named program on their own.
_GENERIC = set(entries("generic-head"))
_LEADING_FILLER = set(entries("leading-filler"))
_STOP_TAGS = {"l", "i", "v", "vd", "d", "p", "c", "u", "r", "t", "q", "y", "e", "ad", "uj", "ul", "ud", "ug", "uv", "uz", "f"}
_STOP_WORDS = set(entries("name-stop"))
# Manner adverbs fused to a verb by the segmenter (严厉打击): the verb is the name's, the manner is not.
_MANNER = set(entries("manner"))
# Slogan-like campaign names: 三好一满意, 四免一关怀, 三基三严.
_SLOGAN = re.compile(r"[一二三四五六七八九十百千两0-9]")
# Party, union, culture and public-order work are not health programs.
_NON_HEALTH = pattern("non-health")
# Party, public-order and trade work named in a scheme's own name.
_PARTY_WORK = pattern("non-health", only="party")
# A sentence about party or political work: the schemes it runs are not health programmes.
_PARTY_CONTEXT = re.compile(r"党建|党员|党组织|党的(?:基层组织|建设)|党委|党课|党风|廉政|思想政治|主题教育")
# Routine activities with no name of their own: 城乡灭鼠活动, 健康教育活动, 环境卫生整治活动.
_ROUTINE = re.compile(r"(?:城乡|大面积|集中|全面|春季|秋季|冬季|夏季|全民|群众性|经常性|各类|各种|职业病防治)*"
                      r"(?:灭鼠|灭蝇|灭蚊|灭蟑|除四害|病媒生物防制|环境卫生整治|卫生整治|环境整治|健康教育|健康咨询|义诊|"
                      r"咨询|宣传|卫生大扫除|大扫除|清洁)+")
# A head that ends in an organisation word names who, not what: 医疗卫生机构活动, 急救中心工程.
_ORG_HEAD = re.compile(r"(机构|单位|中心|医院|系统|部门|卫生院|乡镇|区|县|市|省|全国|国家级|省级|市级|县级)$")
_SUPPORT_VERB = re.compile(r"对口支援|对口帮扶|支援|帮扶|托管")
_DESIGNATION_HEAD = re.compile(r"(示范区|示范县|示范市|卫生城市|卫生县城|卫生强市|卫生强县)$")
# 新生儿疾病筛查率, 医养结合机构: a measure or a class of bodies, not the program.
# Creating or being assessed as a grade or designated kind of body is a scheme of its own:
# 创建三级乙等综合医院, 创建社区医院, 二级甲等医院复审, 三级中医医院评审, 创建爱婴医院.
_GRADE_CLASS = (r"(?:[一二三]级[甲乙丙]?等?|[二三][甲乙])(?:(?:综合|中医|中西医结合|妇幼保健|专科)?(?:医院|卫生院)|妇幼保健院)"
                r"|社区医院|爱婴医院|等级医院")
_GRADE_SCHEME = re.compile(rf"(?:创建|争创)(?:(?<=创建)[为成](?P<grade>{_GRADE_CLASS})|{_GRADE_CLASS})|(?:{_GRADE_CLASS})(?:现场)?(?:评审|复审|创建)")
_MEASURE_AFTER = re.compile(r"[率数]|人数|机构|托位")
# Grades and designations a body is created as or assessed for: 二级甲等综合医院, 社区医院, 爱婴医院.
_GRADE_HEAD = re.compile(r"[一二三]级[甲乙]?等?|社区医院$|爱婴医院$|示范单位$|示范医院$")
_GENERIC_HEAD = re.compile(r"(卫生|医疗|健康|卫生健康)?(重点|民生|实事|重大|基础|系统|宣传教育|健康咨询|部分|有关|相关|其他|各项)"
                           r"|(?:全年|年度|今年|卫生|医疗|健康|卫生健康|医疗卫生)+(?:建设)?")
_ENUM = re.compile(r"^[一二三四五六七八九十]是|^[0-9]+[、.]")
# Building works are projects, not programs: 病房楼建设项目, 改扩建工程, 二期工程.
_CONSTRUCTION = re.compile(pattern("building-works").pattern + "|" + pattern("not-a-scheme").pattern)
MAX_NAME = 16
# Who a program serves, written right before its name: 农村妇女, 适龄儿童, 65岁以上老年人.
_TARGET_GROUP = re.compile(r"(?:农村|城乡|城镇|城市|贫困|低保|适龄|育龄|[0-9]{1,2}岁以[上下])*"
                           r"(?:妇女|儿童|孕产妇|孕妇|老年人|中小学生|小学生|学生|新生儿|居民|农民)$")
# A body's name as the object of creating, applying for or being rated is a title (a designation
# scheme), not a body: 创建省级示范某某服务中心, 申报某市脑科中心, 获省示范中心称号, 某中心创建工作.
_DESIG_TYPE = r"(?:医院|中心|卫生院|保健院|基地|单位|卫生室|服务站)"
# What makes a body's name a title: a level, a region or a grade word (创建社区卫生服务中心 alone may
# be the building of one).
_TITLE_MARK = re.compile(r"示范|旗舰|重点|特色|星级|等级|标准化|规范化|达标|国家|全国|省|市|区域|县域|先行|试点|样板|品牌|精品|[甲乙]等|[甲乙]级")
# An honour roll is not a scheme: 先进单位, 文明单位, 先进集体…
_HONOUR = re.compile(r"先进|文明|优秀|模范|标兵|红旗")
# …but an award to bodies for a named field of work is one (GUIDELINES: "creation/award scheme"),
# as the annotated reports count it: 全省卫生应急工作先进单位, 全市某某项目优秀单位, 县级控烟先进单位.
# (a field after the level, not a sector: 全市先进单位 and 全市卫生系统先进单位 are rolls of honour)
_AWARD_LEVEL = re.compile(r"^(?:全国|全省|全市|全县|全区|全州|全旗|国家级|省级|市级|县级|区级|[省市县区州])")
_AWARD_FIELD = re.compile(r"[\u4e00-\u9fff“”]{2,}(?<!系统)(?<!行业)(?<!战线)(?:先进|优秀|模范)单位$")


def _award_scheme(name: str) -> bool:
    return bool(_AWARD_FIELD.fullmatch(_AWARD_LEVEL.sub("", name)))


# a batch of a roll of titles (第二批, 首批): which round a body was named in, not the title
_BATCH_LEAD = re.compile(r"(?:第?[一二三四五六七八九十0-9]+|首|新一?)批次?")
# 建设 after a scheme's name that starts a unit, a project or works of building, not the scheme's full form
_BUILDING_OF = re.compile(r"建设(?:单位|项目|工程)")
# quote marks inside a name (“两病”门诊用药保障): the lexicon is matched without them
_OPENING = "“「『\""
_CLOSING = {"“": "”", "「": "」", "『": "』", "\"": "\""}
_QUOTE_CHARS = frozenset("“”「」『』\"")
_DROP_QUOTES = str.maketrans("", "", "".join(_QUOTE_CHARS))
_INNER_QUOTE = re.compile("[" + re.escape("".join(sorted(_QUOTE_CHARS))) + "]")
_DURATION = re.compile(r"[一二三四五六七八九十两]年")
_YEAR_LEAD = re.compile(r"(?:[0-9０-９xX*＊]{2,4}|[今本明上下去])?年度|(?:[0-9０-９xX*＊]{2,4}|[今本明上下去])年")
_DESIG_CUE = re.compile(r"(?:创建|争创|申报|获评|评为|荣获|创成|获|确定为|列为|列入|遴选为|认定为|命名为|批准为|入选|蝉联|摘得|摘取|保持)(?:为|成)?")
# 获 and 保持 make a title only with the word title after it (获…称号, 保持…桂冠), in the same clause
# (荣获甲、乙称号: the list's last item carries it)
_TITLE_WORD = re.compile(r"称号|桂冠")
_TITLE_AHEAD = re.compile(r"[^，。；;,!！?？]{0,40}?(?:" + _TITLE_WORD.pattern + ")")
_LIST_SEP = ("、", "和", "及", "以及")
# What a mention is followed by when it is not run as a program:
# - a count of the activity (新生儿听力筛查1696名, 义诊活动x场): a measure, not a scheme of that name;
# - the way or theme of the work (按照“…”建设路径, 以“…”建设为主线);
_NOT_RUN_AFTER = re.compile(r"[0-9xX*＊]+(?:\.[0-9]+)?(?:名|人次|人|例|次|场|份|户)|路径|思路|理念|为主线")
# A plan that is drawn up is a document: 制定了…培训计划.
_DRAWN_UP = re.compile(r"(?:制定|制订|编制|印发|出台|起草|拟定|修订)了?$")
# A level-named programme may hold a 的-phrase: 国家饮用水…的人群健康风险评估项目.
_NATIONAL = re.compile(r"国家|全国|中央")
# The group-to-group form of a national support programme: 某省三级医院对口支援某省县级医院.
_SUPPORT_GROUP = rf"(?:(?:{'|'.join(p for p in PROVINCES if p not in ('中国', '国家', '解放军'))})省?)?(?:[一二三]级|县级|市级|省级|城市|城乡|乡镇|基层)(?:医院|医疗机构|医疗卫生机构|卫生院)"
_GROUP_SUPPORT = re.compile(rf"{_SUPPORT_GROUP}(?:对口支援|对口帮扶){_SUPPORT_GROUP}(?=工作|活动|项目)")
# A level that opens the object of a verb: 创建全省…, 创建国家级….
_LEVEL_NEXT = re.compile(r"国家|全国|全?[省市县区]|[省市县区]级|自治区")
# A scope that makes a national scheme a strand of its own: 县域综合医改, 市域医疗中心.
_SCOPES = ("县域", "市域")
# Party work joined to health work by "+": the scheme is the health work's (党建+医疗, 党建＋健康).
_PARTY_PLUS_HEALTH = re.compile(r"党建\s*[+＋]\s*(?:卫生|健康|医疗|医院|医养|公卫|公共卫生|疾控|中医|妇幼|护理)")
_WORK_ON = frozenset(entries("work-on"))
_WORK_ON_LEAD = frozenset(w[:2] for w in _WORK_ON)
_WORK_ON_LEAD_RE = re.compile("|".join(map(re.escape, sorted(_WORK_ON_LEAD))))
# verbs of building or pushing a scheme, before a scheme the lexicon knows (建设县域医疗卫生次中心)
_BUILD_ON = frozenset(("建设", "打造", "推动", "支持", "加快", "加强", "深化", "完成", "启动", "全面"))
# "One map", "one network", "one code": a slogan of unifying a service (一张图, 一张网, 一码通).
_ONE_THING = re.compile(r"一(?:张图|张网|张卡|键通|码通)")
_ONE_THING_CUE = re.compile(r"打造|构建|建设|建立|建成|绘制|形成|完善|推进|实现")
_WHOLE_SCOPE = re.compile(r"(?:全[县区市省旗]|我[县区市])?")
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_COUNT_LEAD = re.compile(r"(?:[0-9０-９]+|[一二三四五六七八九十两]+)(?:个|家|所|项|批|支|座)")
# 健康某市建设 / “健康某县”: the Healthy China initiative of a place.
_HEALTHY_PLACE = re.compile(r"(?P<x>健康(?P<p>[\u4e00-\u9fff]{2,3}?))(?=[”\"」』]|建设|行动|工作)")
# Being selected, listed or approved into a named scheme: the object up to the scheme word is its name.
_SELECTED = re.compile(r"(?:入选|获批|获评为?|被评为|评为|被?确定为|被?列为|被?认定为|被?命名为|成功申报|申报|遴选为|创建成为|创建为|"
                       r"成功创建|建成)(?:了)?"
                       r"(?P<x>[\u4e00-\u9fff“”\"()（）A-Za-z0-9+]{4,30}?(?:案例|典型|举措|基地|示范区|试验区|先行区|示范县|"
                       r"示范市|示范点|示范基地|试点|项目|工程|计划|行动|联盟|中心|品牌))"
                       r"(?=[县市区单位医院称号的]|[，,。；;、）)]|$)")
# A grade a body reaches, often quoted: 晋升“三级乙等”, 创成县级“三甲”综合医院, 晋级二级甲等.
_LIST_JOINT = re.compile(r"[和及、]")
_LEVEL_START = re.compile(r"国家|全国|全省|全市|省级|市级|县级|区级")


def _last_title_start(text: str, a: int, e: int) -> int:
    """Where the last title of a list in text[a:e] starts (入选省级重点专科和省级区域医疗中心 → 省级区域…):
    after the last 和/及/、 that a level word follows, or `a` when there is none."""
    joint = None
    for joint in _LIST_JOINT.finditer(text, a, e):
        pass
    if joint is not None and _LEVEL_START.match(text, joint.end()) and e - joint.end() >= 4:
        return joint.end()
    return a

_GRADE_REACHED = re.compile(r"(?:创成|创建|晋升|晋级|升级|升格|成为|达到|评为|获评|通过)[为了成]?[\u4e00-\u9fff]{0,6}?"
                            r"(?P<x>(?:[县市区省]级)?[“\"](?:[一二三]级[甲乙丙]等|[二三][甲乙])[”\"]"
                            r"(?:综合医院|中医医院|中医院|中西医结合医院|妇幼保健院|专科医院|医院)?)"
                            # promoted to a grade, unquoted: 晋升为三级乙等综合医院
                            r"|(?:晋升|晋级|升级|升格)[为了成]?(?P<y>[一二三]级[甲乙丙]等"
                            r"(?:综合医院|中医医院|中医院|中西医结合医院|妇幼保健院|专科医院|医院))")
# The national aid programmes named by where they go: 援藏, 援疆, 援青, 援外 (医疗队).
_AID = re.compile(r"援(?:藏|疆|青|外|非|鄂|川)(?![\u4e00-\u9fff]{0,2}(?:干部|人员)[0-9])")
# One campaign joined to the next by 和/及/、: the next one's name starts after it.
_JOINED = re.compile(r"(?:活动|行动|工程|项目|工作)[和及与、]")
_DESIG_TYPE_RE = re.compile(_DESIG_TYPE)
_DESIG_AFTER = re.compile(r"(?:创建|申报)(?:和|及|、)?(?:申报|创建)?(?:工作|活动)|称号|桂冠|名单|(?:现场)?(?:认证|验收|评审|复审|评估)")


def not_party_work(out: list[Mention], party) -> list[Mention]:
    """A scheme the report runs as party work is party work wherever it names it."""
    party = set(party)
    return [m for m in out if _bare(m.name) not in party] if party else out


class ProgramExtractor:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.matcher = SurfaceMatcher(lexicon.programs)

    def collect(self, doc: Document, sentences: list[Sentence],
                spans: dict[int, list[tuple[int, int]]]) -> tuple[list[Mention], list[str]]:
        """The programme mentions of a run of sentences (institution spans by sentence index), and
        the schemes those sentences show to be party work (`not_party_work` drops them afterwards,
        wherever the document names them). A run at a time: a huge document's runs can be read on
        several cores (kg.batch) with the same result."""
        out: list[Mention] = []
        party: dict[str, None] = {}
        for sent in sentences:
            party_work = bool(_PARTY_CONTEXT.search(sent.text))
            for m in self.sentence(sent, spans.get(sent.index, ()), doc.region):
                if party_work and m.canonical is None and m.kind != "designation" and _party_phrase(sent, m) \
                        and not _PARTY_PLUS_HEALTH.search(m.name):
                    party[_bare(m.name)] = None   # 党员“先锋争创”…等活动: party work, not a health programme
                else:
                    out.append(m)
        return out, list(party)

    def sentence(self, sent: Sentence, institutions=(), region: str | None = None) -> list[Mention]:
        text = sent.text
        found: list[Mention] = []
        for end, surface, entry in self.matcher.iter_long(text, region):
            start = end - len(surface) + 1
            if len(surface) <= 2 and start > 0 and not _free_left(text[max(0, start - 4):start]):
                continue           # 医改 inside 县域综合医改: a short alias must start a word
            stop = end + 1
            if text.startswith("活动", stop) and len(surface) >= 4:
                stop += 2          # 城乡医院对口支援活动: the campaign under the lexicon's name
            elif text.startswith(("制度", "政策", "项目", "工程"), stop) and not entry.name.endswith(("制度", "政策", "制", "项目", "工程")) \
                    and not text.startswith(("项目部", "项目办", "工程师"), stop) \
                    or text.startswith("建设", stop) and not entry.name.endswith("建设") \
                    and not _BUILDING_OF.match(text, stop):
                stop += 2          # 某某扶助制度, 某某防治项目, 某某一体化建设: the scheme's written full form
            group = _TARGET_GROUP.search(text, max(0, start - 8), start)
            if group and len(surface) >= 4:
                start = group.start()      # 农村妇女宫颈癌和乳腺癌筛查: who it serves is part of the name
            canonical = entry.name
            if text[max(0, start - 2):start] in _SCOPES and text[start - 2:start] not in canonical \
                    and len(surface) >= 4 and entry.source == "reform":
                start, canonical = start - 2, None   # 县域综合医改: the county-wide strand, a name of its own
            if LEXICON.on:
                LEXICON.hit()
                found.append(self._mention(sent, start, stop, text[start:stop], canonical, LEXICON))
        if LEXICON.on and _INNER_QUOTE.search(text):
            found += self._quoted_lexicon(sent, region)
        for m in (_QUOTED.finditer(text) if QUOTED.on else ()):
            inner, tail = m.group(1), m.group("tail")
            if not tail and _ONE_THING.fullmatch(inner):
                # 打造县域急救“一张图”: the one-map / one-network slogan, named with the field it serves
                j = m.start()
                while j > 0 and m.start() - j < 14 and _NAME_CHAR.match(text[j - 1]):
                    j -= 1
                cues = list(_ONE_THING_CUE.finditer(text, j, m.start()))
                if not cues:
                    continue
                a = cues[-1].end()
                a += len(_WHOLE_SCOPE.match(text, a).group())      # 全县: where, not the name
                if m.start() - a < 2:
                    continue
                QUOTED.hit()
                found.append(self._mention(sent, a, m.end(), text[a:m.end()], None, QUOTED))
                continue
            slogan = len(inner) >= 4 and bool(_SLOGAN.search(inner) or inner.endswith("年"))
            if tail in _SLOGAN_ONLY_TAIL and not _SLOGAN.search(inner):
                tail = ""          # “某某”管理 is a scheme only when the quote is a numbered slogan (“五统一”管理)
            if not tail and not (_CUE_BEFORE_QUOTE.search(text[max(0, m.start() - 6):m.start()]) and slogan) \
                    and not (QUOTED_SELF.on and len(inner) >= 4 and _QUOTED_SELF.search(inner)
                             and not _QUOTED_SELF.fullmatch(inner)) \
                    and not _QUOTED_LIST_END.match(text, m.end()) \
                    and not (slogan and _ASSESSED_AFTER.match(text, m.end()) and text[m.start() - 1:m.start()] == "对"):
                continue
            if not tail and _CONSTRUCTION.search(inner):
                continue           # “软件二期”等项目: building works
            if _NON_HEALTH.search(inner + tail) and not _PARTY_PLUS_HEALTH.search(inner):
                continue           # …but “党建+卫生健康”工程 joins party work to health work: a health scheme
            if _CLAUSE_MARK.search(inner) or _MARKS_ONLY.fullmatch(inner) or (not tail and _NUMBER_ONLY.fullmatch(inner)):
                continue
            start = m.start()
            if tail and start > 0 and _NAME_CHAR.match(text[start - 1]):
                j = start
                while j > 0 and start - j < 16 and _NAME_CHAR.match(text[j - 1]):
                    j -= 1
                keep = _name_tail(text[j:start])
                if keep >= 2:
                    start -= keep
            if start < m.start() and _NON_HEALTH.search(text[start:m.start()]):
                continue           # 医德医风“五无”示范医院活动: the lead-in says what kind of work it is
            known = self.matcher.exact(re.sub(r"[“”\"「」『』]", "", text[start:m.end()]), region)
            # “两癌”筛查 is the lexicon's 两癌筛查 with quotes
            QUOTED.hit()
            found.append(self._mention(sent, start, m.end(), text[start:m.end()], known.name if known else None, QUOTED))
        for m in (_GRADE_SCHEME.finditer(text) if GRADE.on else ()):
            GRADE.hit()
            mm = self._mention(sent, m.start(), m.end(), m.group(), None, GRADE)
            if m.group("grade"):          # 创建为三级甲等中医医院: the scheme 创建三级甲等中医医院
                mm.name = "创建" + m.group("grade")
            found.append(mm)
        for m in (_SUFFIX_RE.finditer(text) if NAMED.on else ()):
            mm = self._named(sent, m.start(), m.end())
            if mm is not None:
                NAMED.hit()
                found.append(mm)
        for m in (_GROUP_SUPPORT.finditer(text) if GROUP_SUPPORT.on and "对口" in text else ()):
            GROUP_SUPPORT.hit()
            found.append(self._mention(sent, m.start(), m.end(), m.group(), None, GROUP_SUPPORT))
        for m in (_GRADE_REACHED.finditer(text) if GRADE.on and ("级" in text or "甲" in text or "乙" in text) else ()):
            GRADE.hit()
            x = "x" if m.group("x") else "y"
            found.append(self._mention(sent, m.start(x), m.end(x), m.group(x), None, GRADE))
        for m in (_AID.finditer(text) if AID.on and "援" in text else ()):
            AID.hit()
            found.append(self._mention(sent, m.start(), m.end(), m.group(), None, AID))
        if HEALTHY_PLACE.on:
            found += self.healthy_places(sent, region) if "健康" in text else []
        if SELECTED.on:
            found += self.selected(sent, institutions)
        # a program name never runs into an institution's name (福永人民医院成功创建 …): a named scheme
        # that only starts inside one starts after it (某医院国家巡回医疗队 → 国家巡回医疗队), and a grouping
        # named after the body that leads it keeps that body (某某医院联盟)
        found = [x for x in (self._clear_of(sent, m, institutions) for m in found) if x is not None]
        found = [m for m in found if not _MEASURE_AFTER.match(text, m.end - sent.start) and not self._not_run(text, m, sent.start)]
        # …except a designation, which the extractor takes from the institutions
        if DESIGNATION.on:
            found += self.designations(sent)
        # a title in 《》 names a document or a study, not a programme run under that name
        titles = [(t.start(), t.end()) for t in _TITLE.finditer(text)] if "《" in text else []
        if titles:
            found = [m for m in found if not any(a <= m.start - sent.start and m.end - sent.start <= b for a, b in titles)]
        found = _verbs_before_known(text, sent.start, found)
        found = _longest(found)
        # a lexicon class word before a dash that introduces the name (综合医联体—某医院联盟) is that name's label
        found = [m for k, m in enumerate(found) if not (
            m.canonical and k + 1 < len(found)
            and _DASH_GAP.fullmatch(text[m.end - sent.start:found[k + 1].start - sent.start] or "x"))]
        return _join_slogans(sent, found)

    def _clear_of(self, sent: Sentence, m: Mention, institutions) -> Mention | None:
        over = [(a, b) for a, b in institutions if a < m.end and m.start < b]
        if not over:
            return m
        last = max(b for _, b in over)
        if m.canonical is None and _LED_NAME.search(m.surface) and all(m.start <= a and b < m.end for a, b in over):
            rest = sent.text[last - sent.start:m.end - sent.start]
            if any(w in _WORK_ON or _tag(w) == "v" for w in _tokens(rest)):
                return None        # 某医院调研医联体建设, 与某医院共建专科联盟: work done to or with the alliance,
                                   # not an alliance named after the body
            return m
        if m.canonical is None and m.kind is None and all(a <= m.start for a, _ in over) and m.end - last >= 4:
            a = last - sent.start
            name = sent.text[a:m.end - sent.start]
            word = _SUFFIX_RE.search(name)
            head = name[:word.start()] if word else name
            if not _GENERIC_HEAD.fullmatch(name) and name not in _GENERIC and head not in _GENERIC \
                    and not _GENERIC_HEAD.fullmatch(head) and not _CONSTRUCTION.search(name) \
                    and len(head) >= max(2, _PROGRAM_WORDS[word.group()][0] if word else 0):
                # (the scheme word's shortest head, as when the name is read back from it: 某院纳入试点
                # leaves 纳入试点, no name)
                return self._mention(sent, a, m.end - sent.start, name, None, NAMED if m.rule == NAMED.name else None)
        return None

    @staticmethod
    def _not_run(text: str, m: Mention, offset: int) -> bool:
        """Whether the text around a mention says it is not a program being run (see _NOT_RUN_AFTER)."""
        a, b = m.start - offset, m.end - offset
        after = _NOT_RUN_AFTER.match(text, b)
        if after and (m.canonical is None or not after.group()[:1].isdigit() and after.group()[:1] not in "xX*＊"):
            return True            # a known programme counted (两癌筛查1.2万人) is still that programme
        if m.surface.endswith("计划"):
            # 计划免疫 / 计划生育 are words of their own (“4.25”计划免疫日); a plan drawn up is a document
            return text.startswith(("免疫", "生育"), b) or (m.canonical is None and bool(_DRAWN_UP.search(text, 0, a)))
        return False

    def designations(self, sent: Sentence) -> list[Mention]:
        """Titles a body is created as, applies for or is awarded, named like a body (kind "designation")."""
        text, out = sent.text, []
        last_end = -1                                 # where the last title found ends
        for m in _DESIG_TYPE_RE.finditer(text):
            e = m.end()
            after = _DESIG_AFTER.match(text, e)
            if e < len(text) and _NAME_CHAR.match(text[e]) and not after and text[e] not in "和及与":
                continue                              # 中心 inside 中心卫生院
            i = m.start()
            while i > 0 and m.start() - i < 22 and (_NAME_CHAR.match(text[i - 1]) or text[i - 1] in "“”*＊"):
                i -= 1
            run = text[i:m.start()]
            cues = [c for c in _DESIG_CUE.finditer(run) if c.group() not in ("获", "保持") or _TITLE_AHEAD.match(text, e)]
            # the title before ends at a list mark right before this one's run (荣获甲称号、乙称号)
            sep = next((x for x in _LIST_SEP if text.startswith(x, last_end)), None) \
                if last_end >= 0 and i - 2 <= last_end < m.start() else None
            if cues and not (sep and i + cues[-1].end() <= last_end):
                a = i + cues[-1].end()                # 创建省级示范某某服务中心, 获省示范中心称号
            elif sep:
                a = last_end + len(sep)               # 荣获甲示范单位、乙示范单位: the next title of one list
            elif after and not _TITLE_WORD.fullmatch(after.group()) and after.group() != "名单":
                a = m.start() - _name_tail(run)       # 某省中医药预防保健服务中心创建和申报工作
            else:
                continue
            a = _last_title_start(text, a, e)        # 入选省级重点专科和省级区域医疗中心: the last title of a list
            lead = _YEAR_LEAD.match(text, a, e)
            if lead:
                a = lead.end()                        # 2023年度… : when, not the title
            batch = _BATCH_LEAD.match(text, a, e)
            if batch:
                a = batch.end()                       # 第二批社区医院: the roll's batch, not the title
            name = text[a:e]
            if name.count("“") == name.count("”") + 1 and text[e:e + 1] == "”":
                e += 1                                # 荣获“某某示范医院”称号: the title as quoted
                name = text[a:e]
            if len(name) - len(m.group()) < (2 if batch else 3) or name.count("“") != name.count("”") \
                    or _HONOUR.search(name) and not _award_scheme(name) or _NON_HEALTH.search(name) \
                    or not (batch or _TITLE_MARK.search(name)):
                continue
            um = re.search(r"(建设|试点|项目)单位$", name)
            if um:
                drop = 2 if um.group(1) == "试点" else 4   # 区域医疗中心建设单位 → 区域医疗中心, …试点单位 → …试点
                e -= drop
                name = name[:-drop]
            DESIGNATION.hit()
            last_end = e
            mm = self._mention(sent, a, e, name, None, DESIGNATION)
            mm.kind = "designation"
            out.append(mm)
        return out

    def _quoted_lexicon(self, sent: Sentence, region: str | None) -> list[Mention]:
        """A lexicon name written with part of it in quotes (“两病”门诊用药保障, “一站式”结算): the
        names are matched in the sentence without its quote marks and mapped back, quotes included."""
        text, out = sent.text, []
        bare = text.translate(_DROP_QUOTES)
        keep: list[int] = []            # bare's characters' places in text (made when a name is found)
        for end, surface, entry in self.matcher.iter_long(bare, region):
            if not keep:
                keep = [k for k, ch in enumerate(text) if ch not in _QUOTE_CHARS]
            a, e = keep[end - len(surface) + 1], keep[end] + 1
            if e - a == len(surface):
                continue                # no quote inside: the plain scan has it
            if a > 0 and text[a - 1] in _OPENING and text[a:e].count(text[a - 1]) < text[a:e].count(_CLOSING[text[a - 1]]):
                a -= 1                  # the quote that opens inside the name: “两病”门诊… not 两病”门诊…
            if text[e:e + 1] in _CLOSING.values() and text[a:e].count("“") > text[a:e].count("”"):
                e += 1
            LEXICON.hit()
            out.append(self._mention(sent, a, e, text[a:e], entry.name, LEXICON))
        return out

    def _named(self, sent: Sentence, s: int, e: int) -> Mention | None:
        text = sent.text
        word = text[s:e]
        # a campaign (专项整治, 专项治理 …) is named by what it does: 打击非法使用“地沟油”专项整治
        phrase = word.startswith("专项") and word != "专项检查"
        # the run of name characters (and, for a campaign, quotes) that ends at the scheme word
        i = s - len((_PHRASE_RUN_END if phrase else _NAME_RUN_END).search(text, max(0, s - MAX_NAME - 2), s).group())
        if i == s:
            return None
        run = text[i:s]
        joined = None
        if phrase:
            for joined in _JOINED.finditer(run):
                pass
        if joined is not None:
            run = run[joined.end():]    # “护苗”活动和打击…专项整治: the campaign starts after the one before
            i = s - len(run)
        if phrase and run.count("“") != run.count("”"):
            run = run[run.index("”") + 1:] if "”" in run else run[run.rindex("“") + 1:]
            i = s - len(run)
        keep = _name_tail(run, verb_ok=not _PROGRAM_WORDS[word][1], phrase=phrase, least=_PROGRAM_WORDS[word][0])
        if phrase and (keep >= MAX_NAME or keep == len(run) and i > 0 and _NAME_CHAR.match(text[i - 1]) and joined is None):
            return None            # the campaign's name runs past what we can read: no half name
        if keep < 2:
            return None
        head = text[s - keep:s]
        count = _COUNT_LEAD.match(text, s - keep - 1, s) if keep < s and text[s - keep - 1] in _DIGITS else None
        if count is None:
            count = _COUNT_LEAD.match(text, s - keep, s)
        if count is not None and count.end() > s - keep:
            keep = s - count.end()         # 建设9家某某分中心, 五个某某中心: how many, not the name
            head = text[s - keep:s]
        if _WORK_ON_LEAD_RE.search(head):
            lead, pos = 0, 0
            toks = _tokens(head)
            for w in toks[:-1]:
                pos += len(w)
                if w in _WORK_ON and len(head) - pos >= max(2, _PROGRAM_WORDS[word][0]):
                    lead = pos
            if lead:
                keep -= lead           # (某县)检查某某三年行动: the work done to the scheme, not its name
                head = text[s - keep:s]
        if head in _GENERIC or len(head) + (e - s) > MAX_NAME + 4:
            return None
        if _GENERIC_HEAD.fullmatch(head) or _MARKS_ONLY.fullmatch(head):
            return None
        min_head, level_ok = _PROGRAM_WORDS[word]
        if len(head) < min_head and not _LATIN.fullmatch(head):
            return None            # a Latin acronym is a name of its own: VIX项目
        if _CONSTRUCTION.search(head + word) or _NON_HEALTH.search(head + word):
            return None
        if word == "创建" and _LEVEL_NEXT.match(text, e):
            return None            # 某街道如期创建全省某某示范单位: a verb with its object, not a scheme's name
        if word == "活动" and _ROUTINE.fullmatch(head):
            return None
        if word == "认证" and re.match(r"国家|省|市|县|区", head):
            return None            # 通过国家标准版认证: the level of a certification, not its name
        if _ORG_HEAD.search(head) and not level_ok and not _DESIGNATION_HEAD.search(head) \
                and not (word in ("创建", "评审", "复审", "评估", "认证") and _GRADE_HEAD.search(head)) \
                and not _SUPPORT_VERB.search(head) and word not in _LED_BY_A_BODY and not word.endswith("制"):
            return None            # …机构活动 names who; …对口支援基层医疗机构活动 says what is done
                                   # (a regime is set for the bodies it names: 乡镇卫生院聘用制)
        m = _ENUM.match(head)
        if m:
            head = head[m.end():]
            keep -= m.end()
            if len(head) < 2:
                return None
        start = s - keep
        dash = [d.end() for d in _DASHES.finditer(text, start, s)
                if not (text[d.start() - 1:d.start()].isdigit() and text[d.end():d.end() + 1].isdigit())]
        if dash and s - dash[-1] >= 2:
            start = dash[-1]     # 综合医联体—某某医院联盟: the class, a dash, then the name
        own = _OWN_LEVEL.match(text, start, s)
        if own and e - own.end() >= 4 and s - own.end() >= 2:
            start = own.end()        # 我县卫生三年攻坚: the writer's own, not the name
        if level_ok and text[max(0, start - 2):start] == "创建":
            start -= 2           # 创建国家卫生城市: the creation scheme, as reports name it
        elif text[max(0, start - 4):start] in ("100%", "100％") and not re.match(r"[0-9.]", text[start - 5:start - 4]):
            start -= 4           # 100%安全套使用项目: the target is the programme's name
        elif text[start - 1:start] == "的" and word in ("项目", "工程", "计划"):
            j = start - 1
            while j > 0 and start - 1 - j < 14 and _NAME_CHAR.match(text[j - 1]):
                j -= 1
            lead = text[j:start - 1]
            nat = [n.start() for n in _NATIONAL.finditer(lead)]
            if nat and len(lead) - nat[-1] >= 4 and _free_left(text[max(0, j + nat[-1] - 4):j + nat[-1]]):
                start = j + nat[-1]        # 国家饮用水氟正常临界的人群健康风险评估项目: a national project's full title
        return self._mention(sent, start, e, text[start:e], None, NAMED)

    def healthy_places(self, sent: Sentence, region: str | None = None) -> list[Mention]:
        """健康某市建设, “健康某县”: the local form of the Healthy China initiative, named 健康 + the place."""
        out = []
        home = {region, region[:-1]} if region and len(region) >= 3 else {region}
        for m in _HEALTHY_PLACE.finditer(sent.text):
            place = m.group("p")
            if not (place in PROVINCES or place in home or place[-1] in "省市县区州旗" or _tag(place) == "ns"):
                continue
            HEALTHY_PLACE.hit()
            out.append(self._mention(sent, m.start("x"), m.end("x"), m.group("x"), None, HEALTHY_PLACE))
        return out

    def selected(self, sent: Sentence, institutions=()) -> list[Mention]:
        """入选全国某某优秀案例, 获批省级某某项目, 被确定为“某某基地”: the whole object of being selected,
        listed or approved, up to the scheme word that ends it, is the scheme's name."""
        text, out = sent.text, []
        for m in _SELECTED.finditer(text):
            a, e = m.start("x"), m.end("x")
            name = text[a:e]
            if name.count("“") != name.count("”") or name.count("(") + name.count("（") != name.count(")") + name.count("）"):
                continue
            core = re.sub(r"[“”\"()（）]", "", name)
            if len(core) < 5 or _PARTY_WORK.search(core) or _GENERIC_HEAD.fullmatch(core):
                continue
            lead = _YEAR_LEAD.match(text, a, e)
            if lead:
                a = lead.end()
                name = text[a:e]
            a = _last_title_start(text, a, e)  # the last of a list of titles (the ones before it are named
            name = text[a:e]                    # by their own scheme words)
            count = _COUNT_LEAD.match(text, a, e)
            if count:
                a = count.end()            # 建成五个县域医疗分中心: how many, not the name
                name = text[a:e]
                if len(name) < 4:
                    continue
            SELECTED.hit()
            mm = self._mention(sent, a, e, name, None, SELECTED)
            mm.kind = "designation"
            out.append(mm)
        return out

    def _mention(self, sent: Sentence, start: int, end: int, surface: str, canonical: str | None,
                 by=None) -> Mention:
        if canonical is None and surface.startswith("年度") and len(surface) >= 8:
            start, surface = start + 2, surface[2:]     # (2022)年度某某专项工作: when, not the name
        return Mention(type="program", name=canonical or surface, surface=surface, start=sent.start + start,
                       end=sent.start + end, sentence=sent.index, canonical=canonical,
                       rule=by.name if by is not None else None)


def _party_phrase(sent: Sentence, m: Mention) -> bool:
    """Whether the phrase holding a mention, or the phrase that leads into it, is about party work
    (加强党员队伍建设，深入开展“某某”活动) — not the formula of leadership a report opens with
    (在党委政府的领导下，…推进某某建设)."""
    cuts = [0] + [x.end() for x in re.finditer(r"[，,；;：:]", sent.text[:m.start - sent.start])]
    a = cuts[-2] if len(cuts) >= 2 else 0
    b = next((x.start() for x in re.finditer(r"[，,；;]", sent.text[m.end - sent.start:])), len(sent.text))
    window = _LEADERSHIP.sub("", sent.text[a:m.end - sent.start + b])
    return bool(_PARTY_CONTEXT.search(window))


# The formula of leadership official prose opens with: 在党委政府的坚强领导下, 党委、政府高度重视.
_LEADERSHIP = re.compile(r"(?:[省市县区]委|党委|党组)[、和及]?(?:[省市县区]?政府)(?:的)?(?:坚强|正确)?(?:领导|高度重视|重视)?|"
                         r"党委(?:的)?(?:坚强|正确)?领导")


def _bare(name: str) -> str:
    """A scheme's name without quotes, list marks and a trailing 活动: “三亮、三比”活动 ~ “三亮三比”."""
    return _TRAIL_ACTIVITY.sub("", _BARE_MARKS.sub("", name))


def _free_left(before: str) -> bool:
    """Whether a word may start right after `before` (the text left of it)."""
    if not before or not _NAME_CHAR.match(before[-1]):
        return True
    toks = _tokens(before)
    return _tag(toks[-1]) in {"v", "vd", "d", "p", "c", "u", "ad", "uj", "m", "r", "f"} or toks[-1] in _STOP_WORDS


@functools.lru_cache(maxsize=65536)
def _name_tail(run: str, verb_ok: bool = False, phrase: bool = False, least: int = 0) -> int:
    toks = _tokens(run)
    kept: list[str] = []
    verb_first = False
    rev = list(reversed(toks))
    first = 0                      # the place of the word next to the scheme word
    for k, w in enumerate(rev):
        if k == 0 and _DURATION.fullmatch(w) and len(rev) > 1:
            kept.append(w)         # how long a scheme runs is part of its name: 某某提升三年行动
            first = 1
            continue
        if phrase and kept and len(w) == 4 and w[:2] in _MANNER and _tag(w[2:]) in ("v", "vn"):
            kept.append(w[2:])     # 严厉打击 / 依法打击 …: the manner is not part of the name
            break
        if phrase and w not in _STOP_WORDS and _tag(w) in ("v", "vn") and len(w) >= 2 and len(kept) >= 1:
            kept.append(w)         # the verb phrase names the campaign: 规范…行为专项整治, 打击非法…专项整治
            continue
        if phrase and w in ("和", "及") and kept and k + 1 < len(rev) and _tag(rev[k + 1]) in ("v", "vn") \
                and rev[k + 1] not in _STOP_WORDS:
            kept.append(w)         # 非法添加和滥用…
            continue
        if verb_ok and k == first and len(w) == 2 and _tag(w) in ("v", "vn") and w not in _STOP_WORDS:
            kept.append(w)         # a verb next to the program word names the work: 复苏项目, 补充工程
            verb_first = True
            continue
        if w in _STOP_WORDS or (len(w) >= 3 and (w[:2] in _STOP_WORDS or w[:1] in ("获", "被"))):
            break
        t = _tag(w)
        if len(w) > 1 and t in _STOP_TAGS and not (t == "l" and len(w) < 4) and w not in _NAME_WORDS:
            break
        if w == "岁" or (kept and kept[-1] in ("岁", "-", "—", "~", "至") or (len(kept) > 1 and kept[-2] in ("岁", "-"))) \
                and _AGE_PART.fullmatch(w):
            kept.append(w)         # an age band belongs to the name: 45-64岁重点人群健康体检
            continue
        if _COUNT_WORD.fullmatch(w):
            break
        kept.append(w)
        if sum(map(len, kept)) >= MAX_NAME:
            break
    if phrase and len(kept) > 1 and _tag(kept[-1]) == "ns" and _tag(kept[-2]) in ("v", "vn"):
        kept.pop()                 # 某市打击非法行医专项行动: the campaign, not where it ran
    if verb_first and len(kept) == 1 + first:
        return 0                   # the verb needs a noun before it: 推动重点专科 is no name
    # drop leading generic words (加强, 全面 are already stops): 各项 / 重点 — unless what is left is too
    # short to be a name (重点癌症筛查 keeps its 重点)
    while kept and kept[-1] in _LEADING_FILLER and len(kept) > 1 \
            and not (kept[-1] == "重点" and sum(map(len, kept[:-1])) < max(least, 3)):
        kept.pop()
    return sum(map(len, kept))


def _verbs_before_known(text: str, offset: int, ms: list[Mention]) -> list[Mention]:
    """督导检查国家某某项目, 考核评估某某工程: a name read back from the scheme word that only adds verbs
    before a programme the lexicon knows is that programme, with the work done to it."""
    known = [m for m in ms if m.canonical is not None]
    if not known:
        return ms
    out = []
    for m in ms:
        if m.canonical is None and m.kind is None:
            inner = [k for k in known if k.end == m.end and m.start < k.start]
            if inner:
                lead = text[m.start - offset:inner[0].start - offset]
                if all(w in _WORK_ON or w in _BUILD_ON for w in _tokens(lead)):
                    continue
        out.append(m)
    return out


def _join_slogans(sent: Sentence, ms: list[Mention]) -> list[Mention]:
    """A bare quoted slogan joined by 、 to a named campaign is one campaign: “三增一禁”、便民正风行动."""
    out: list[Mention] = []
    for m in ms:
        prev = out[-1] if out else None
        if (prev is not None and prev.canonical is None and m.canonical is None and prev.surface[-1:] in "”\"」』"
                and sent.text[prev.end - sent.start:m.start - sent.start] == "、" and m.surface[-2:] in ("行动", "活动")):
            surface = sent.text[prev.start - sent.start:m.end - sent.start]
            out[-1] = Mention("program", surface, surface, prev.start, m.end, m.sentence)
            continue
        out.append(m)
    return out


def _awarded_for(award: Mention, m: Mention) -> bool:
    """An award for excelling in a programme named inside it (某某项目先进单位): the programme stays too."""
    return award.kind == "designation" and _award_scheme(award.name) \
        and award.start <= m.start and m.end <= award.end - 4


def _longest(ms: list[Mention]) -> list[Mention]:
    """Of overlapping mentions keep the longest span (a named scheme over the lexicon word inside it)."""
    ms.sort(key=lambda m: (-(m.end - m.start), m.start))
    out: list[Mention] = []
    for m in ms:
        # a lexicon program that ends a longer named one (适龄妇女两癌筛查) stays, as its short form:
        # resolution makes it an alias of the longer program
        if any(m.start < o.end and o.start < m.end and not (m.canonical == m.surface and o.canonical is None and m.end == o.end
                                                            and len(m.surface) >= 4)
               and not _awarded_for(o, m) for o in out):
            continue
        out.append(m)
    out.sort(key=lambda m: m.start)
    return out
