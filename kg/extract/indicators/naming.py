"""Phase 2: naming, the measure phrase of each candidate read from its clause (→ results)."""
from __future__ import annotations

import re
from functools import lru_cache

from ...tokens import tag, tokens
from ..registry import rule
from .candidates import _Cand
from .words import (_DELIMS, _DIRECTION, _LEAD_VERB, _REGION_IN_NAME, _TIME_CUT, _TIME_HINT, _clause_end,
                    _clause_start, _common_tail, _is_verbish, _trim)


_LEAD_DE = re.compile(r"^(?:的|[\"“”])+")
_ITEM_SPLIT = re.compile(r"、|和|及(?!时)|与(?!会)")
_MANNER_LEAD = re.compile(r"^(?:扎实|全面|深入|积极|大力|持续|继续|认真)")
_SECTION_AFTER = re.compile(r"\s?[(（]\s?[\d一二三四五六七八九十]{1,2}\s?[)）(（]")   # 3000剂(三)加强…: a heading follows


_LIGHT_VERBS = {"推进", "落实", "实施", "开展", "进行", "展开", "深化", "抓好", "做好", "完善"}


_TASK_DONE = re.compile(r"(?:累计|共)?完成了?[\u4e00-\u9fff]{2,12}(?:任务|目标|计划)$")


_PER_HEAD = re.compile(r"(人均|户均|床均|日均|年均|次均|每[千万百十]?(?:常住)?人口|每[千万百]人)\s*$")


_SHARE_END = re.compile(r"(?:占比|比例|比重|覆盖率)$")


_PER_HEAD_FRONT = re.compile(_PER_HEAD.pattern.replace("\\s*$", ""))


_COMPARE_ONLY = re.compile(r"(?:同比|比上年|比去年|较上年|较去年|比去年同期|较去年同期|与上年相比|与去年相比)"
                           r"(?:增长|上升|下降|降低|减少|增加|提高|提升)了?")
_GENERIC_AFTER_DENG = re.compile(r"(?:各类|各项)?(?:事项|工作|项目|内容|活动|业务|服务|事务|手续)")


PER_HEAD = rule("indicators", "per-head-front", matches="筹资标准提高到人均450元: 人均/每千人口 before the number",
                produces="the per-head word at the front of the name (人均筹资标准)")
TASK_DONE = rule("indicators", "task-completion", matches="完成了上级下达的任务95%: completing a task is the measure",
                 produces="完成…任务 kept whole")
ALL_OF_THEM = rule("indicators", "all-of-them", matches="N个X全部<long statement>: the number counts X",
                   produces="X (or activity + X when the statement names one)")
ACTIVITY = rule("indicators", "activity-names-count", matches="60名儿童进行了营养调查: the activity done to or by the counted",
                produces="activity + counted noun (营养调查儿童)")
SIGNING = rule("indicators", "signing-parties", matches="N家X签订了Y协议", produces="签订Y协议X")
REL_CLAUSE = rule("indicators", "relative-clause-head", matches="40名专职从事防疫工作的公卫人员: a relative clause before "
                  "the counted noun", produces="modifier + the noun after 的 (专职公卫人员)")
REVIEW_HEAD = rule("indicators", "review-head", matches="5家医院通过了X的评审: a review noun after 的",
                   produces="医院通过X评审")

_SUB_FIRED: list = []      # the rules inside name cleaning that fired for the current number (the last one is recorded)


def _fired(r) -> None:
    r.hit()
    _SUB_FIRED.append(r)


def _clean_left(s: str, cut: bool = True) -> str:
    pm = _PER_HEAD.search(s) if PER_HEAD.on else None
    if pm and pm.start() >= 2:
        _fired(PER_HEAD)
        # 筹资标准提高到人均450元 → 人均筹资标准: the per-head word qualifies the measure
        rest = _clean_left(s[:pm.start()], cut)
        return rest if not rest or pm.group(1) in rest else pm.group(1) + rest
    s = _REGION_IN_NAME.sub("", s)
    if _TIME_HINT.search(s):
        s = _TIME_CUT.sub("", s, count=1)
    s = _DIGIT_PAREN.sub("", s)
    s = _trim(s)
    # "申报了招录硕士生": the measure follows the last completed verb
    k = s.rfind("了")
    tm = _TASK_DONE.search(s) if TASK_DONE.on else None
    if tm:
        _fired(TASK_DONE)
        s = s[tm.start():].replace("完成了", "完成", 1)   # 完成了市下达的任务95%: the task's completion
    elif cut and 0 <= k < len(s) - 2:
        s = s[k + 1:]
    if cut and len(s) > 10:
        s = re.sub(r"[(（][^()（）]{6,}[)）]", "", s)
    if cut and len(s) > 10:
        m = None
        for m in re.finditer(r"[的给向对把将等]|分别", s[:-2]):
            pass
        if m is not None and _COMPARE_ONLY.fullmatch(s[m.end():]):
            pass                                  # 门诊人次分别较上年增长: the measure is before 分别
        elif m is not None and m.group(0) == "等" and _GENERIC_AFTER_DENG.fullmatch(s[m.end():]):
            s = s[:m.start()] + s[m.end():]       # 注册变更等事项 → 注册变更事项: 事项 alone says nothing
        elif m is not None and len(s) - m.end() >= (4 if m.group(0) == "的" else 2) \
                and not (m.group(0) == "的" and m.start() <= 12 and _SHARE_END.search(s)) \
                and not (m.group(0) == "的" and _LABEL_ONLY.fullmatch(s[m.end():])):
            s = s[m.end():]           # (能够提供中医服务的社康中心占比: the share needs its qualifier)
    s = _trim(s)
    lv = _LEAD_VERB.sub("", s)
    s = lv if len(_trim(lv)) >= 3 else s     # (实施手术19台: a verb with a one-word object stays)
    return _trim(s)


_LABEL_ONLY = re.compile(r"[(（][^()（）]{1,6}[)）]")   # 办结的(甲类): a bare label needs its qualifier
_LONG_PAREN = re.compile(r"[(（][^()（）]*(?:、|[^()（）]{6,})[^()（）]*[)）]")
_DIGIT_PAREN = re.compile(r"[(（][\d.\s]*[)）]")


_AGE = re.compile(r"^\d+(?:[-—~至]\d+)?周?岁(?:以上|以下)?的?")
_SIGNING = re.compile(r"^(?P<x>[^，,；;。]{1,12}?)(?P<v>签订|签署)了?(?P<y>[^，,；;。]{2,})$")
_ACTIVITY = re.compile(r"^(?P<x>[^，,；;。]{1,16}?)(?:进行了|进行|开展了|开展|实施了|实施)(?P<y>[^，,；;。]{2,})$")


_ALL_OF_THEM = re.compile(r"^([\u4e00-\u9fff]{2,10}?)(?:已经|已)?(?:全部|全面|均已|均|都已|都|悉数)(?:已|已经)?(?=[\u4e00-\u9fff]{2})")


def _clean_right(s: str, attributive: str = "") -> str:
    s = _LONG_PAREN.sub("", s)
    s = _LEAD_VERB.sub("", s)
    s = s.strip()
    s = _LEAD_DE.sub("", s)
    # 186个村卫生室全部纳入一体化管理: "all of them" — the number counts the noun, the rest is a statement
    m = _ALL_OF_THEM.match(s) if ALL_OF_THEM.on else None
    if m and not attributive and len(s) - m.end() >= 6:   # (a short predicate stays: 均设置中医馆)
        _fired(ALL_OF_THEM)
        am = _DID_ACTIVITY.search(s, m.end())
        y = _activity_object(am.group("y")) if am else ""
        if len(y) >= 2:
            return y + _trim(m.group(1))   # 4家医院全部通过省平台进行了网上采购 → 网上采购医院: the activity names it
        return _trim(m.group(1))
    # 60名儿童进行了营养调查 → 营养调查儿童 (the activity names the count)
    m = (_ACTIVITY.match(s) or _LIST_ACTIVITY.match(s)) if ACTIVITY.on else None
    if m:
        y = _activity_object(m.group("y"))
        x = _trim(_AGE.sub("", m.group("x")))
        if len(x) > 16:
            # 院长、采购人员、医务人员和护理人员进行了培训 → 培训人员: a long list of people by the head they share
            x = _common_tail(re.split(r"[、和及与]", x), 2)
        if len(y) >= 2 and x:
            _fired(ACTIVITY)
            return y + attributive + x
    m = _SIGNING.match(s) if SIGNING.on else None
    if m:
        y = _trim(re.sub(r"(?:\d{2,4}|[xX×*]{2,4})年度?", "", m.group("y")))
        x = _trim(m.group("x"))
        if len(y) >= 2 and x:
            _fired(SIGNING)
            return m.group("v") + y + x
    # 投入17间公立医院的新建、改造项目 → 公立医院: the counted body ends at 的
    bd = _BODY_DE.match(s) if BODY_BEFORE_DE.on and not _VERB_START.match(s) else None
    if bd:
        _fired(BODY_BEFORE_DE)
        return _trim(bd.group(1))
    # a long tail is cut before a following clause verb
    if len(s) > 10:
        verb_first = bool(_VERB_START.match(s) or _is_verbish(s[:2]))
        m = re.search(r"(?:进行|开展|实施|(?<!已)完成|获得|参与|办理|分配|组成|成立|依法|之一|派驻|派往|进驻|入驻" + ("" if verb_first else "|接受|的") + ")", s[2:])
        rc = _REL_CLAUSE.match(s) if m and m.group(0) == "的" and REL_CLAUSE.on else None
        if rc and (_TOPIC_END.search(rc.group("head")) or _COMPLETE_NOUN.search(rc.group("head"))):
            # 30名专门从事随访工作的社区医生 → 专门社区医生: the noun after 的 is what is counted
            _fired(REL_CLAUSE)
            return _trim(rc.group("mod") + rc.group("head"))
        em = _EVAL_HEAD.match(s, m.end() + 2) if m and m.group(0) == "的" and REVIEW_HEAD.on else None
        if em:
            _fired(REVIEW_HEAD)
            # 5家医院通过了省级“胸痛中心”的评审 → 医院通过省级胸痛中心评审: the review is the object's head
            s = re.sub(r"(?<=[\u4e00-\u9fff])了", "", s[:m.start() + 2], count=1) + em.group(0)
        elif m:
            s = s[:m.start() + 2]
        s = re.sub(r"(?<=[\u4e00-\u9fff]{2})已(?=完成[\u4e00-\u9fff]{2})", "", s)   # 病房楼已完成… → 病房楼完成…
    return _trim(s)


# 以甲为龙头、N家乙为成员: a frame of roles, its items 、-separated (what is left before the count
# once the institution is taken out: 为龙头、)
_FRAME_LEAD = re.compile(r"为[\u4e00-\u9fff]{1,4}、\s*$")
_FRAME_ITEM = re.compile(r"([\u4e00-\u9fff]{2,12}?)为[\u4e00-\u9fff]{1,4}(?:的|$)")
_MONEY_AFTER = re.compile(r"\s?[\u4e00-\u9fff]{0,10}(?:资金|经费|基金|款项|补助|补贴|投资|债券|专项债|贷款)(?=[，,；;。、]|$)")
_MADE_OF = re.compile(r"\s?([\u4e00-\u9fff]{1,6}?)(?:共同)?(?:组成|构成)")
_BODY_DE = re.compile(r"^([^，,；;。的]{2,12}?(?:医院|卫生院|卫生室|机构|诊所|中心|服务站))的(?=[\u4e00-\u9fff]{2})")
_EVAL_HEAD = re.compile(r"(?:评审|验收|考核|认证|审核|评估|复审|复核|评价)(?![\u4e00-\u9fff])")
# N名 [modifier] 从事…的 head: a relative clause before the counted noun
_REL_CLAUSE = re.compile(r"^(?P<mod>[\u4e00-\u9fff]{0,4}?)(?:从事|负责|承担|具有|具备|取得|持有|符合)[^，,；;。的]{2,16}的"
                         r"(?P<head>[\u4e00-\u9fff]{2,10})$")
_LIST_ACTIVITY = re.compile(r"^(?P<x>[^，,；;。]{17,40}?)(?:进行了|进行|开展了|开展)(?P<y>[^，,；;。]{2,})$")
_DID_ACTIVITY = re.compile(r"(?:进行了|进行|开展了|开展)(?P<y>[^，,；;。]{2,})$")


_ACT_BEFORE_NUM = re.compile(r"(?:进行了|进行|开展了|开展)(?P<y>[\u4e00-\u9fff“”\"]{2,14})$")
_ACT_HEAD = re.compile(r"(?:检测|检查|筛查|调查|监测|体检|随访|评估|治疗|干预|诊断)$")


_NOUN_END = re.compile(r"[所院室站心员者生士师物品药费金款房楼床车点队组班]$")
_VERB_LEAD = re.compile(r"^(?:参|到|上|在|出|入|就|返|离|转|获|受)[\u4e00-\u9fff]$")


def _bare_verb(left: str) -> bool:
    """A left side that is only a verb (申请, 争取, 投入): by its last character or its dictionary tag."""
    return _is_verbish(left, 4) or len(left) <= 4 and tag(left) == "v"


def _is_clause_verb(right: str, right_raw: str) -> bool:
    """Whether what follows a count is only a verb closing the clause (参训, 到岗, 受益, 签约), not a noun."""
    if not 2 <= len(right) <= 4 or right_raw.strip().strip("了") != right:
        return False
    if _VERB_LEAD.match(right):
        return True
    return tag(right) == "v" and not _NOUN_END.search(right)


def _activity_object(y: str) -> str:
    """进行了营养调查及随访 → 营养调查: the first activity named after 进行/开展 (after its last 的)."""
    y = y[y.rfind("的") + 1:]
    parts = re.split(r"及|和|、|以及|等", y)
    if len(parts) > 1 and parts[-1] and _ACT_HEAD.search(parts[-1]) and not _ACT_HEAD.search(parts[0]) \
            and len(y) <= 12:
        return _trim(re.sub(r"等$", "", y))   # 龋齿及视力检查: the objects share the last activity word
    return _trim(parts[0])



_MEASURE_END = re.compile(r"(?:率|数|量|额|费|金|款|比|比例|人次|日|天|时间|标准|次)$")


def _distribute(items: list[str]) -> list[str]:
    """孕产妇、儿童系统管理率 → 孕产妇系统管理率, 儿童系统管理率: bare qualifiers in front of the
    last item share its words after a qualifier of the same length."""
    last = items[-1]
    if not _MEASURE_END.search(last) or any(_MEASURE_END.search(x) or len(x) > 4 for x in items[:-1]):
        return items
    k = _word_boundary(last, len(items[0]))
    suffix = last[k:]
    if len(suffix) < 2 or len(last) - k < 2 or not all(len(x) == k for x in items[:-1]) and len(items) > 2:
        return items
    return [x + suffix for x in items[:-1]] + [last]


@lru_cache(maxsize=4096)
def _word_boundary(s: str, k: int) -> int:
    """The word boundary of `s` nearest to k from below (else above): 儿童|系统管理率 for k=3."""
    ends, n = [], 0
    for w in tokens(s):
        n += len(w)
        ends.append(n)
    below = [e for e in ends if e <= k]
    return below[-1] if below else ends[0]


def _split_items(name: str) -> list[str]:
    return [x for x in _ITEM_SPLIT.split(name) if x]



_NOUN_STOP = re.compile(r"以及|[、和及与]|其中|已经|已有|共计|共有|均|全部|进行|开展|实施|的|分别|等|[(（]")
_TAKE_PART = re.compile(r"^(参加|参与)了?(?=[\u4e00-\u9fff“\"]{2})")
def _verb_first(right: str, left: str) -> bool:
    """医师86名常驻乡镇卫生院: a noun counted before its number, and a verb opening what follows."""
    rw, lw = tokens(right), tokens(left)
    return len(rw) > 1 and len(rw[0]) >= 2 and tag(rw[0]) == "v" and (tag(lw[-1]) or "")[:1] == "n"


_VERB_START = re.compile(r"^(?:参加|参与|接受|报名|通过|完成|获得|被|到|赴|前往|担任|开展|进行)")
_DIRECTION_END = re.compile(r"(?:同比)?(?:增长|上升|下降|降低|减少|增加|提高|提升)$")
_BARE_SHARE = re.compile(r"\s*(?:约|共)?占(?:到|了)?(?:总数的|总量的|其中的)?\s*")
_SHARE = re.compile(r"^占(?:到|了)?(.{2,})$")
_SAME_PERIOD_NAME = re.compile(r"去年同期|上年同期|去年|上年")
_CONJ_RE = re.compile(r"[和、及与或]")
_LINKERS = ("", "的", "之", "中", "共", "其中")
_HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_CONJ_ONLY = re.compile(r"^\s?(?:和|、|及|与|或|以及)?\s?$")
_CHANGE_TO = re.compile(r"^(?:提高|增加|上升|下降|降低|调整|提升|增长|减少|扩大|缩小)(?:到|至|为)$")
_RATE_LIST = re.compile(r"([^\s，,；;:：。、]{1,8}?率)分别(?:为|是|达到|达)?[:：]")
_ORDINAL_NAME = re.compile(r"^第[一二三四五六七八九十\d]{1,3}(\S)$")
_RATE_HEAD = re.compile(r"^(.{2,}?率)(?:达到|达|为|要达到|保持在|稳定在|控制在)(.+)$")


# 21所卫生院中，已有14所…: the count after it is a part of the set just counted
_PART_OF = re.compile(r"\s*中[，,]?\s*(?:已经|已|共|仍|尚)?有?\s*$")
_COMPLETE_NOUN = re.compile(r"(?:医院|卫生院|卫生室|中心|机构|诊所|站|所)$")
_TOPIC_END = re.compile(r"(?:人员|单位|产妇|孕妇|儿童|病人|患者|医生|村医|学生|农民|老年人|居民|机构|企业|职工)$")


_VERB_IN_HEAD = re.compile(r"^.{0,2}?(?:引进|招聘|出动|招录|培训|选派|派出|新增|新建|建成|完成|开展|发放|检查|查处|取缔|"
                           r"摸排|排查|管控|收治|救治|筛查|检测|监测|随访|接种|资助|表彰|创建|创成|命名)+")






def _rate_head(left: str) -> str:
    m = _RATE_HEAD.match(left)
    return m.group(1) if m else left


def _first_index(raw: str, cleaned: str) -> int:
    k = raw.find(cleaned)
    if k >= 0:
        return k
    pm = _PER_HEAD_FRONT.match(cleaned)
    if pm and len(cleaned) > pm.end():          # 每千人口托位数 read from 托位数达到每千人口4.1个
        k = raw.find(cleaned[pm.end():pm.end() + 2])
        if k >= 0:
            return k
    k = raw.find(cleaned[:1])
    return max(k, 0)


def _last_index(raw: str, cleaned: str) -> int:
    k = raw.rfind(cleaned)
    if k >= 0:
        return k + len(cleaned)
    if cleaned:
        return len(raw.rstrip())            # a name rebuilt from the clause: raw runs to its end
    k = raw.rfind(cleaned[-1:])
    return k + 1 if k >= 0 else 0



NAME_BEFORE = rule("indicators", "name-before", matches="执业(助理)医师1505人: the words before the number in its clause, "
                  "scope, time and fillers trimmed", produces="the measure's name")
NOUN_AFTER = rule("indicators", "noun-after", matches="新建47所村卫生室, 对120名儿童进行了视力筛查: a count with only a verb "
                  "or nothing before it", produces="the counted noun after the measure word (with that verb, or the activity)")
QUALIFIER_NUM = rule("indicators", "number-qualifies-next", matches="6万元补偿16人次: a count or amount right before "
                     "another number", produces="one measurement whose name holds the first number")
SHARED_VALUES = rule("indicators", "values-share-name", matches="85%和65%: numbers joined by 和/、",
                     produces="one name each, shared or paired with a list of names")
DELTA = rule("indicators", "delta-direction", matches="同比下降3.2%: a change word before the number",
             produces="name + direction (borrowing the measure before when the clause has none)")
AMOUNT_OF = rule("indicators", "amount-of-noun", matches="修建3000平方米的住院楼: an amount qualifying the noun after 的",
                 produces="verb + noun")
TAKE_PART = rule("indicators", "people-take-part", matches="监督员共29人参加了考试: people counted, then what they took part in",
                 produces="people + 参加 + event")
PART_OF_SET = rule("indicators", "part-of-set", matches="32家医院中，已有20家开展了X: a part of the set just counted",
                   produces="X的医院")
RELATIVE_DE = rule("indicators", "attributive-de", matches="不符合标准的201处医疗机构: a 的-phrase before the count",
                   produces="the 的-phrase + the counted noun")
SHARE_OF = rule("indicators", "share-of-previous", matches="补偿资金…万元，占统筹资金的46%: a share after an amount",
                produces="amount name + 占 + whole + 比例")
LIST_NAMES = rule("indicators", "list-names", matches="城区和农村的管理率分别为72%和65%, 报告率、及时率均达100%",
                  produces="one name per item (shared words distributed)")
RATE_LIST_SUFFIX = rule("indicators", "rate-list-suffix", matches="X率分别为：甲90%: items after a rate list header",
                        produces="item + the header's rate word")
ORDINAL = rule("indicators", "ordinal-sibling", matches="第一剂…，第二剂…: an ordinal naming a sibling of the count before",
               produces="the earlier name with the ordinal swapped")
BARE_SHARE = rule("indicators", "bare-share", matches="卫生技术人员1800人，占85.7%", produces="卫生技术人员占比")
TOTAL_AFTER_DELTA = rule("indicators", "total-after-delta", matches="门诊量同比增长12%，达到15.3万人次",
                         produces="the total of the measure just named")
CHANGED_VALUE = rule("indicators", "changed-to-value", matches="X从…提高到N: the new value after a change verb",
                     produces="the name of the measure before")
BARE_TOTAL = rule("indicators", "bare-total", matches="报告9种传染病共计410例: a total with no words of its own",
                  produces="the measure just named")
COUNT_OBJECT = rule("indicators", "count-object-not-delta", matches="改造提升500家薄弱卫生室: a change verb before a count "
                    "that a noun follows", produces="verb + noun (the count's object), not a delta")
VERB_AFTER = rule("indicators", "verb-after-count", matches="处级干部99人参训: a count followed only by a verb that closes "
                  "its clause", produces="the noun before + the verb (干部参训)")
BODY_BEFORE_DE = rule("indicators", "body-before-de", matches="投入17间公立医院的改造项目: a counted body word before 的",
                      produces="the body (投入公立医院): what follows 的 is the body's, not what is counted")
MONEY_NOUN = rule("indicators", "money-named-after", matches="争取30亿元专项债资金: a bare verb, an amount and the money "
                  "noun right after it", produces="verb + the money noun")
MADE_UP_OF = rule("indicators", "made-up-of", matches="X由N名Y组成: the members a body is made of",
                  produces="X + Y (医疗队成员)")
ACT_PREFIX = rule("indicators", "activity-prefix", matches="对15家医院开展了专项检查32次: bodies counted, then the activity",
                  produces="activity + bodies (专项检查医院)")


def name_candidates(t: str, cands: list[_Cand], spans, dpos: list[int]) -> list[tuple[_Cand, str, int, int, bool]]:
    """Names for the candidates of one sentence: (cand, name, raw start, raw end, name read before the number?)."""
    n = len(cands)
    # (cand, name, raw start, raw end, name read before the number?)
    results: list[tuple[_Cand, str, int, int, bool]] = []
    part_of = None                  # (the set, its unit) after 21所卫生院中已有14所…
    prev_end = 0
    i = 0
    while i < n:
        c = cands[i]
        cs = _clause_start(dpos, c.start)
        ls = max(cs, prev_end)
        for a, b, _mn in spans:          # the institution is the subject, not part of the name
            if ls <= a and b <= c.start:
                ls = b
        # a count/amount directly qualifying the next number (6万元补偿16人次) belongs to its name
        start_i = i
        while QUALIFIER_NUM.on and i + 1 < n:
            between = t[cands[i].end:cands[i + 1].start]
            if 0 < len(between) <= 3 and not any(ch in _DELIMS for ch in between) \
                    and not _CONJ_RE.search(between) and cands[i].cls not in ("rate", "delta") \
                    and not _DIRECTION.search(between) and not _CHANGE_TO.match(between) \
                    and not re.match(r"^(?:到|至|为|从|由)$", between) \
                    and not (i == start_i and between not in _LINKERS and _HAN_ONLY.fullmatch(between)
                             and len(_clean_left(t[ls:cands[i].start])) >= 2):
                # (投入资金860万元改造14所卫生院: a number its own words name, then a verb: two measures)
                QUALIFIER_NUM.hit()
                i += 1
                continue
            break
        c = cands[i]
        # numbers sharing one name: 85%和65%, 46.03元/人次19.51元/人次
        g = [c]
        while SHARED_VALUES.on and i + 1 < n:
            between = t[g[-1].end:cands[i + 1].start]
            # (of other kinds after 分别 too: 病床使用率、平均住院日分别为87%和8.3天)
            if _CONJ_ONLY.match(between) and (cands[i + 1].cls == g[-1].cls or "分别" in t[ls:c.start]):
                SHARED_VALUES.hit()
                i += 1
                g.append(cands[i])
                continue
            break
        first, last = g[0], g[-1]
        _SUB_FIRED.clear()
        left_raw = t[ls:first.start]
        left = _clean_left(left_raw)
        ce = _clause_end(dpos, last.end, len(t))
        nxt = cands[i + 1].start if i + 1 < n else None
        right_raw, right = "", ""
        shared_right = False
        act_prefix = ""
        amount_of = len(g) == 1 and last.cls == "amount" and bool(left) \
            and (t[last.end:last.end + 2].lstrip().startswith("的")
                 or MONEY_NOUN.on and _bare_verb(left) and bool(_MONEY_AFTER.match(t, last.end)))
        if len(g) == 1 and last.cls in ("count", "garbled") or not left or amount_of:
            if nxt is None or nxt >= ce:
                right_raw = t[last.end:ce]
                right = "" if _SECTION_AFTER.match(right_raw) else _clean_right(right_raw)
            else:                             # another number follows: only the noun right after
                nm = _NOUN_STOP.search(t, last.end, nxt)
                right_raw = t[last.end:nm.start() if nm else nxt]
                right = _trim(right_raw)
                shared_right = nm is None     # 12种健康教育资料36万份: the noun also names the next number
                am = _ACT_BEFORE_NUM.match(t, nm.start(), nxt) if nm and len(g) == 1 \
                    and last.cls in ("count", "garbled") else None
                if am and len(right) >= 2 and ACT_PREFIX.on:
                    act_prefix = _activity_object(am.group("y"))   # 对25家医院进行监督检查56次
        raw_start = ls + _first_index(left_raw, left) if left else first.start
        raw_end = last.end
        names: list[str] = []
        from_right = False
        rname = None
        if first.same_period:
            right = ""
            left = "去年同期"
        dirm = _DIRECTION.search(left) if left and DELTA.on else None
        if dirm is not None and COUNT_OBJECT.on and len(g) == 1 and first.cls in ("count", "garbled") \
                and len(right) >= 2 and not right_raw.lstrip().startswith("的") and not _VERB_START.match(right) \
                and not _is_clause_verb(right, right_raw) and len(left) <= 6:
            # 改造提升500家薄弱卫生室: the change verb takes the counted noun as its object
            dirm = None
            rname = COUNT_OBJECT
            names = [left + right]
            from_right = True
            raw_end = last.end + _last_index(right_raw, right)
        if names:
            pass
        elif dirm is not None:
            rname = DELTA
            measure = _trim(left[:dirm.start()])
            word = dirm.group("dir")
            word = dirm.group("dir")
            # as the text words it (比上年下降, 同比增长, 下降), a fall said as 回落/下滑 read as 下降
            direction = dirm.group(0)[:-len(word)] + ("下降" if word in ("降落", "回落", "下滑") else word)
            if measure:
                names = [measure + direction] * len(g)
            else:
                prev = [r[1] for r in results if r[0].cls not in ("rate", "delta")
                        and not _SAME_PERIOD_NAME.fullmatch(r[1])]
                if len(prev) >= len(g):
                    names = [p + direction for p in prev[-len(g):]]
                elif prev:
                    names = [prev[-1] + direction] * len(g)
                elif results and len(g) == 1 and results[-1][0].cls == "rate" and first.cls in ("rate", "delta"):
                    # 发病率135.92/10万，较去年下降12.5%: the change of the rate just named
                    names = [results[-1][1] + direction]
        elif MONEY_NOUN.on and right and left and last.cls == "amount" and len(g) == 1 and _bare_verb(left) \
                and _MONEY_AFTER.match(right_raw):
            # 争取超过30亿元专项债资金 → 争取专项债资金: a bare verb, the money named after the amount
            rname = MONEY_NOUN
            names = [left + right]
            from_right = True
            raw_end = last.end + _last_index(right_raw, right)
        elif AMOUNT_OF.on and right and left and last.cls == "amount" and right_raw.lstrip().startswith("的") \
                and not _VERB_START.match(right) and len(g) == 1:
            # 还需修建3000平方米的住院大楼 → 还需修建住院大楼
            rname = AMOUNT_OF
            names = [left + right]
            from_right = True
            raw_end = last.end + _last_index(right_raw, right)
        elif TAKE_PART.on and right and left and len(g) == 1 and last.cls == "count" and len(left) <= 8 \
                and _TAKE_PART.match(right_raw.lstrip()) and not _is_verbish(left, 6) \
                and not re.match(r"\s*(?:组织|动员|发动|带领|邀请|选派|吸引)", left_raw):
            # 卫生监督员共29人参加了全省法律知识考试 → 卫生监督员参加全省法律知识考试
            rname = TAKE_PART
            names = [left + _TAKE_PART.sub(r"\1", right)]
            from_right = True
            raw_end = last.end + _last_index(right_raw, right)
        elif PART_OF_SET.on and right and len(g) == 1 and first.cls in ("count", "garbled") and (
                part_of and not left and part_of[1] == first.unit
                or results and results[-1][0].unit == first.unit and results[-1][3] <= ls
                and _PART_OF.match(t, results[-1][3], first.start)) \
                and (_VERB_START.match(right) or _is_verbish(right[:2]) or _LEAD_VERB.match(right_raw.lstrip())):
            # 全县21所卫生院中已有14所通过验收，2所通过复审 → 通过验收的卫生院: part of the set just counted
            rname = PART_OF_SET
            if not part_of or left:
                part_of = (results[-1][1], first.unit)
            lv = _LEAD_VERB.match(right_raw.lstrip())
            names = [(lv.group(0).rstrip("了") if lv else "") + right + "的" + part_of[0]]
            from_right = True
            raw_start = ls + len(left_raw) - len(left_raw.lstrip("中，, 已经共仍尚有"))
            raw_start = raw_start if raw_start < first.start else first.start
            raw_end = last.end + _last_index(right_raw, right)
        elif MADE_UP_OF.on and left and len(g) == 1 and first.cls in ("count", "garbled") \
                and left_raw.rstrip().endswith("由") and (mo := _MADE_OF.match(t, last.end, ce)):
            # 专家组由15名专家组成 → 专家组专家: the members of the body named before 由
            rname = MADE_UP_OF
            names = [left + mo.group(1)]
            from_right = True
            raw_end = mo.end(1)
        elif VERB_AFTER.on and right and left and len(g) == 1 and first.cls in ("count", "garbled") \
                and _is_clause_verb(right, right_raw) and not _is_verbish(left, 6) and len(left) >= 2 \
                and not _CONJ_RE.search(left) and not re.match(r"(?:报名)?(?:参加|参与)$", right) \
                and not left_raw.rstrip().endswith("的"):
            # 处级干部99人参训 → 处级干部参训: the verb after the count says what the counted did
            rname = VERB_AFTER
            names = [left + right]
            from_right = True
            raw_end = last.end + _last_index(right_raw, right)
        elif NOUN_AFTER.on and right and not (left and (right_raw.lstrip().startswith("的")
                                                      or (_VERB_START.match(right) or _verb_first(right, left))
                                                      and len(left) <= 10)):
            rname = NOUN_AFTER
            verb = left if left and (len(left) <= 2 or _is_verbish(left, 6)) else ""
            if left_raw.rstrip().endswith("、") and not _is_verbish(left, 2):
                verb = ""                 # 以甲为龙头、12家乡镇卫生院为成员: the words before 、 are another item's
                fr = _FRAME_ITEM.match(right) if _FRAME_LEAD.search(left_raw) else None
                if fr:
                    right = fr.group(1)   # …、12家乡镇卫生院为成员的医共体: the frame's second item counts 乡镇卫生院
            if _MANNER_LEAD.sub("", verb.rstrip("了")) in _LIGHT_VERBS:
                verb = ""                 # 扎实推进了9项…项目 → …项目: a light verb says nothing about the count
            verb_raw_kept = False
            if RELATIVE_DE.on and not verb and left_raw.rstrip().endswith("的") and 2 <= len(left) <= 12 \
                    and not _CONJ_RE.search(left):
                rname = RELATIVE_DE
                if len(g) == 1 and len(left) >= 6 and _ACTIVITY.match(_LEAD_VERB.sub("", right_raw.strip())):
                    # 对达标的26家企业进行复查 → 复查达标的企业
                    right = _clean_right(right_raw, attributive=left + "的")
                    verb_raw_kept = True
                else:
                    verb = left + "的"        # 不符合标准的201处医疗机构 → 不符合标准的医疗机构
            names = [verb + right] * len(g)
            from_right = True
            if not verb and not verb_raw_kept:
                raw_start = first.start
            raw_end = last.end + _last_index(right_raw, right)
        elif left and NAME_BEFORE.on:
            rname = NAME_BEFORE
            first.headless = len(g) == 1 and left_raw.rstrip().endswith("的") and first.cls in ("count", "garbled")
            left = _rate_head(left) if first.cls == "rate" else left
            sm = _SHARE.match(left) if first.cls == "rate" and len(g) == 1 else None
            prev_amounts = [r[1] for r in results if r[0].cls not in ("rate", "delta")]
            if sm and prev_amounts and SHARE_OF.on:
                rname = SHARE_OF
                # 补偿资金8439万元，占住院统筹资金的46.13% → 补偿资金占住院统筹资金比例
                whole = sm.group(1)
                left = prev_amounts[-1] + "占" + whole + ("" if whole.endswith(("比例", "比重")) else "比例")
            items = _split_items(left)
            full = _split_items(_clean_left(left_raw, cut=False)) if len(g) > 1 else []
            if not LIST_NAMES.on:
                names = [left] * len(g)
            elif len(g) > 1 and len(full) == len(g) and "的" in full[-1]:
                rname = LIST_NAMES
                # 城区和农村的高血压管理率分别为72%和65%: the words after 的 are shared
                head, _, suffix = full[-1].partition("的")
                names = [x + suffix for x in full[:-1]] + [head + suffix]
            elif len(g) > 1 and len(items) == len(g):
                rname = LIST_NAMES
                names = _distribute(items)
            elif len(g) == 1 and len(items) > 1 and first.cls == "rate" and (
                    all(x.endswith("率") for x in items)
                    or "均" in left_raw and items[-1].endswith("率") and _distribute(items) != items):
                items = _distribute(items)
                LIST_NAMES.hit()
                first.rule = LIST_NAMES.name
                for it in items:
                    k = t.find(it, raw_start, first.start)   # each item's raw starts at the item
                    results.append((first, it, k if k >= 0 else raw_start, raw_end, True))
                prev_end = raw_end
                i += 1
                continue
            else:
                names = [left] * len(g)
            if RATE_LIST_SUFFIX.on and len(g) == 1 and first.cls == "rate" and not names[0].endswith("率"):
                lm = None
                for lm in _RATE_LIST.finditer(t, 0, first.start):
                    pass
                if lm is not None:
                    rname = RATE_LIST_SUFFIX
                    names = [names[0] + lm.group(1)[-3:]]
            om = _ORDINAL_NAME.match(names[0]) if len(g) == 1 and ORDINAL.on else None
            prev_counts = [r[1] for r in results if r[0].cls not in ("rate", "delta")]
            if om and prev_counts:
                pn = prev_counts[-1]
                pm = re.search(r"第[一二三四五六七八九十\d]{1,3}" + re.escape(om.group(1)), pn)
                if pm:
                    rname = ORDINAL
                    names = [pn[:pm.start()] + names[0] + pn[pm.end():]]
        elif BARE_SHARE.on and first.cls == "rate" and len(g) == 1 and _BARE_SHARE.fullmatch(left_raw) \
                and any(r[0].cls not in ("rate", "delta") for r in results):
            # 卫生技术人员1800人，占85.7% → 卫生技术人员占比
            rname = BARE_SHARE
            pr = [r for r in results if r[0].cls not in ("rate", "delta")][-1]
            names = [pr[1] + "占比"]
            raw_start = pr[2] if pr[4] else first.start
        elif TOTAL_AFTER_DELTA.on and not left and not right and results and len(g) == 1 and _trim(left_raw) == "" \
                and results[-1][0].cls != first.cls and _DIRECTION_END.search(results[-1][1]):
            # 门诊量同比增长12%，达到15.3万人次: the total of the measure just named
            rname = TOTAL_AFTER_DELTA
            names = [_DIRECTION_END.sub("", results[-1][1]) or results[-1][1]]
            raw_start = results[-1][2]
        elif CHANGED_VALUE.on and _CHANGE_TO.match(left_raw.strip()) and results and results[-1][0].unit == first.unit:
            rname = CHANGED_VALUE
            names = [results[-1][1]] * len(g)
            raw_start = results[-1][2]
        elif BARE_TOTAL.on and results and results[-1][0].cls == first.cls and first.cls in ("count", "garbled") \
                and _trim(left_raw) == "" and first.start - results[-1][3] <= 4:
            rname = BARE_TOTAL
            # 报告12种法定传染病共计734例: a bare total takes the measure just named
            names = [results[-1][1]] * len(g)
            raw_start = results[-1][2] if results[-1][4] else results[-1][0].end
        if act_prefix and from_right and len(act_prefix) >= 2:
            rname = ACT_PREFIX
            names = [act_prefix + x for x in names]   # → 监督检查医院, as 对12家医院进行检查 → 检查医院
        if rname in (NAME_BEFORE, NOUN_AFTER) and _SUB_FIRED:
            rname = _SUB_FIRED[-1]
        elif rname is not None and any(names):
            rname.hit()
        for k, c in enumerate(g):
            if k < len(names) and names[k]:
                if rname is not None:
                    c.rule = rname.name
                results.append((c, names[k], raw_start, max(raw_end, c.end), not from_right))
        prev_end = last.end if shared_right else raw_end
        i += 1
    return results
