"""Phase 4a: sentence passes, names that lean on the measures around them (topics, 'the two X', sentence topic…)."""
from __future__ import annotations

import re

from ...tokens import tag, tokens
from ..registry import rule
from .naming import (_COMPLETE_NOUN, _PER_HEAD_FRONT, _SAME_PERIOD_NAME, _TOPIC_END, _VERB_IN_HEAD,
                     _VERB_START)
from .words import _REGION_IN_NAME, _is_verbish, _trim, _unit_family






_LEAD_VERB2 = re.compile(r"^(?:累计|共计|上报|报告|建立|建成|新建|开展|完成|组织|发现|登记|实现|进行|已审核|审核|已)+")


_THRESH = re.compile(r"\d+(?:\.\d+)?(?:万|亿)?[元人岁级个名次%]?(?:以上|以下|以内)")


# Rates that say nothing on their own (完成率83.55% after 第一剂接种52270剂): they take the measure before them.
_GENERIC_RATE = re.compile(
    r"^(?:累计)?(?:完成|管理|调查|录入|体检|培训|发证|正确|办结|到货|死亡|发病|建档|合格|达标|符合|及时|报告|检出|调离|"
    r"知晓|满意|执行|使用|受益|治愈|随访|检查|采样|接种|系统管理|覆盖|增长)率$|^(?:累计)?完成$|^(?:增幅|降幅|增速|涨幅)$")


def _opens_with_verb(name: str) -> bool:
    """A name whose first word is a verb (悬挂横幅, 供血): it says its own act, it takes no other."""
    toks = tokens(name)
    return bool(toks) and tag(toks[0]) == "v"


_TAKE_MEASURES = re.compile(r"采取了?([\u4e00-\u9fff]{2,8}?)(?:措施|手段)")


_CHECK_HEAD = re.compile(r"^[\u4e00-\u9fff]{2,8}?(?:检查|检测|调查|筛查)(?=[\u4e00-\u9fff/]{2,5}$)")




_TOTAL_WORD = re.compile(r"总数|总量|总额|总计|合计|累计")   # 床位总数: the total, not another object of the verb
_SANCTION = re.compile(r"(?:处罚|处理|整改|立案|罚款|取缔|关停|警告|约谈|吊销)$")








TAKE_MEASURES = rule("indicators", "take-measures", matches="采取X措施: a light verb and 措施 around the measure",
                     produces="X")
SIBLING = rule("indicators", "sibling-takes-verb", matches="引进博士38人、硕士323人: a short sibling after a count named "
               "verb + noun", produces="the verb (or per-head word) of the first in front: 引进硕士")
HEAD_TOPIC = rule("indicators", "head-count-topic", matches="从业人员1375名，参加体检1375名: a short name after a head count",
                  produces="the head's noun in front: 从业人员参加体检")
HEADLESS_WHOLE = rule("indicators", "headless-part-of-whole", matches="共有X500户，取得许可证的480户，发证率96%",
                      produces="the rate of the whole: X发证率")
GENERIC_RATE = rule("indicators", "generic-rate-base", matches="a generic rate (完成率, 管理率, 及时率…) after a count or "
                    "a rate", produces="the measure before + the rate word")
SENTENCE_TOPIC = rule("indicators", "sentence-topic", matches="X自…以来，…: a sentence opening on its topic",
                      produces="X in front of short names")
SAME_PERIOD_NAME = rule("indicators", "same-period-name", matches="去年同期(546) after a count", produces="去年同期 + that count's name")
THRESHOLDS = rule("indicators", "threshold-bracket", matches="1万元以上… after …1万元以下…: a bracket alone",
                  produces="the earlier name with the bracket replaced")


OUTCOME_SUBJECT = rule("indicators", "outcome-takes-subject", matches="丙类传染病登记发病402例，死亡1例: a bare verb "
                       "counted after a count of a named subject", produces="the subject in front: 丙类传染病死亡")
RATE_SIBLING = rule("indicators", "rate-sibling-subject", matches="X基本标准达标率…，推荐标准达标率…: a short rate after "
                    "a rate with the same ending and a qualifier of the same length", produces="the first rate's subject in "
                    "front (X推荐标准达标率)")


# The sentence opens on its topic: 城镇居民医保自去年启动以来，参保人数…
_SENTENCE_TOPIC = re.compile(r"^\s*(?P<a>[\u4e00-\u9fff]{4,12}?)(?:自|从)[^，,；;。]{1,12}以来\s*$")


def _with_sentence_topic(results, t, dpos):
    """Measures of a sentence whose first clause only names its topic carry that topic in front."""
    if not results or not dpos or not SENTENCE_TOPIC.on:
        return results
    m = _SENTENCE_TOPIC.match(t, 0, dpos[0])
    if not m or results[0][0].start < dpos[0]:
        return results
    topic = m.group("a")
    topic = _trim(_REGION_IN_NAME.sub("", topic))
    if len(topic) < 4:
        return results
    out = []
    for c, name, rs, re_, left in results:
        if topic not in name and len(name) <= 8:
            SENTENCE_TOPIC.hit()
            c.rule = SENTENCE_TOPIC.name
            name = topic + name
        out.append((c, name, rs, re_, left))
    return out


def _with_thresholds(results):
    """1万元以上从49%提高到60% after 二级医院比例1万元以下从42%…: the bracket replaces the earlier one."""
    out = []
    for k, (c, name, rs, re_, left) in enumerate(results):
        m = _THRESH.fullmatch(name) if THRESHOLDS.on else None
        if m and k:
            for pc, pname, *_ in reversed(out):
                pm = _THRESH.search(pname)
                if pm and pc.unit == c.unit:
                    THRESHOLDS.hit()
                    c.rule = THRESHOLDS.name
                    name = pname[:pm.start()] + m.group(0) + pname[pm.end():] + name[m.end():]
                    break
        out.append((c, name, rs, re_, left))
    return out


def _with_same_period(results):
    """去年同期(546例) after 报告法定传染病734例 → 去年同期报告法定传染病."""
    out = []
    for c, name, rs, re_, left in results:
        if SAME_PERIOD_NAME.on and _SAME_PERIOD_NAME.fullmatch(name):
            prev = [r[1] for r in out if r[0].cls not in ("rate", "delta") and not r[1].startswith(name)]
            if prev:
                SAME_PERIOD_NAME.hit()
                c.rule = SAME_PERIOD_NAME.name
                name = name + prev[-1]
        out.append((c, name, rs, re_, left))
    return out




def _with_topics(results):
    """Short names after a head count take its noun: 从业人员1375名，参加体检1375名，体检率100%
    → 从业人员参加体检, 从业人员体检率. A generic rate with no such head takes the measure before it."""
    out = []
    topic = None
    topic_family = ""
    prev_count = None
    prev_full = None
    rate_chain = None               # the subject of a run of rates: 疫情卡片 (录入率, 及时率, 正确率)
    for c, name, rs, re_, left in results:
        tk = _TAKE_MEASURES.fullmatch(name) if TAKE_MEASURES.on else None
        if tk:
            TAKE_MEASURES.hit()
            c.rule = TAKE_MEASURES.name
            name = tk.group(1)          # 采取行政处罚措施 → 行政处罚: the light verb and 措施 say nothing
        if SIBLING.on and c.cls in ("count", "garbled") and left and prev_full \
                and (len(name) <= 5 or len(name) <= 10 and name[-2:] == prev_full[-2:]) \
                and not _is_verbish(name) and not _VERB_START.match(name) and not _is_verbish(name[:2]) \
                and not _SANCTION.search(name) and not _TOTAL_WORD.search(name):
            # 全职引进博士38人、硕士323人 → 全职引进硕士 (not 行政处罚: another act, not another object)
            vm = _VERB_IN_HEAD.match(prev_full) or _CHECK_HEAD.match(prev_full)
            if vm and not name.startswith(vm.group(0)) and not _opens_with_verb(name):
                SIBLING.hit()
                c.rule = SIBLING.name
                name = vm.group(0) + name
            pm = _PER_HEAD_FRONT.match(prev_full)
            if pm and not _PER_HEAD_FRONT.match(name):
                SIBLING.hit()
                c.rule = SIBLING.name
                name = pm.group(0) + name   # 每千人口执业医师2.8人、注册护士3.1人 → 每千人口注册护士
        if c.same_period:
            out.append((c, name, rs, re_, left))
            continue
        if c.cls in ("count", "garbled"):
            prev_full = name if left else None
            if not left:
                topic = None
            elif _TOPIC_END.search(name) and not _is_verbish(name[:2]) and not _VERB_START.match(name):
                topic, topic_family = name, _unit_family(c.unit)
            elif HEAD_TOPIC.on and topic and len(name) <= 5 and topic not in name and not _COMPLETE_NOUN.search(name) \
                    and not _TOPIC_END.search(name) and _unit_family(c.unit) == topic_family:
                # 从业人员1375名，参加体检1375名 → 从业人员参加体检 (not 下转病人: a complete noun;
                # not 卫生技术人员…人，实有床位…张: another kind of count)
                HEAD_TOPIC.hit()
                c.rule = HEAD_TOPIC.name
                name = topic + name
            elif len(name) > 5 and not (c.headless and topic and _unit_family(c.unit) == topic_family):
                topic = None
            prev_count = name
            if HEADLESS_WHOLE.on and c.headless and topic and _unit_family(c.unit) == topic_family:
                HEADLESS_WHOLE.hit()
                prev_count = topic   # 共有药店80家，取得许可证的72家，发证率90% → 药店发证率: of the whole
        elif c.cls == "amount":
            prev_count = name
        elif GENERIC_RATE.on and c.cls == "rate" and _GENERIC_RATE.match(name):
            base = _LEAD_VERB2.sub("", prev_count) if prev_count else topic
            if base:
                base = re.sub(r"(?<=..)(?:惠及|受益)$", "", base)
            if out and out[-1][0].cls == "rate" and c.start - out[-1][0].end <= 16 and name.endswith("率"):
                # 疫情卡片录入率100%，正确率100% → 疫情卡片正确率: the thing the rate before measured
                head = rate_chain or _rate_subject(out[-1][1])
                if head:
                    base = head
            if not name.endswith("率"):
                name, stem = name, None
                if base and base not in name:
                    GENERIC_RATE.hit()
                    c.rule = GENERIC_RATE.name
                    name = base + name
                out.append((c, name, rs, re_, left))
                continue
            if base and base not in name:
                GENERIC_RATE.hit()
                c.rule = GENERIC_RATE.name
                stem = name[:-1]
                if base.endswith(stem):
                    name = base + "率"
                elif base.startswith(stem) and len(base) - len(stem) >= 2:
                    name = base[len(stem):] + name     # 接种加强针…，接种率 → 加强针接种率
                else:
                    name = base + name
        if c.cls == "rate":
            head = _rate_subject(name)
            if not (rate_chain and out and out[-1][0].cls == "rate" and (head is None or _GENERIC_RATE.match(head + "率"))):
                rate_chain = head if head and not _GENERIC_RATE.match(head + "率") else None
        else:
            rate_chain = None
        out.append((c, name, rs, re_, left))
    return out


def _rate_subject(name: str) -> str | None:
    """疫情卡片录入率 → 疫情卡片: the words before a generic rate ending (None when there is none)."""
    for k in range(1, len(name) - 2):
        if _GENERIC_RATE.match(name[k:]) or _GENERIC_RATE.match(name[k:].replace("及时", "", 1)):
            head = name[:k]
            return head if len(head) >= 2 else None
    return None



def _with_rate_siblings(results):
    """甲机构基本标准达标率100%，推荐标准达标率47% → 甲机构推荐标准达标率: a short rate that differs from the
    rate before only by a qualifier of the same length takes that rate's subject."""
    if not RATE_SIBLING.on:
        return results
    out = []
    for c, name, rs, re_, left in results:
        prev = out[-1] if out and out[-1][0].cls == "rate" and c.cls == "rate" else None
        if prev is not None and name.endswith("率") and len(name) <= 8 and prev[1] != name:
            a = prev[1]
            k = 0
            while k < min(len(a), len(name)) and a[-1 - k] == name[-1 - k]:
                k += 1
            q = len(name) - k                      # the qualifier of this rate (推荐标准)
            if k >= 2 and q >= 2 and len(a) - k - q >= 2 and name[:q] not in a:
                RATE_SIBLING.hit()
                c.rule = RATE_SIBLING.name
                name = a[:len(a) - k - q] + name
        out.append((c, name, rs, re_, left))
    return out


# words of reporting and recording that the dictionary tags as nouns: they open the predicate
_REPORTING = frozenset(("报告", "登记", "累计", "发现", "检出"))


def _leading_subject(name: str) -> str:
    """丙类传染病登记发病 → 丙类传染病: the nouns a name opens with, when a verb follows them."""
    got = ""
    for w in tokens(name):
        t = tag(w) or ""
        if t[:1] == "v" or w in _REPORTING:
            return got if len(got) >= 2 else ""
        if t[:1] not in ("n", "b", "a") and w not in ("和", "及", "、") and not (got and t == "q"):
            return ""                   # (a classifier inside the subject: 丙类)
        got += w
    return ""


def _with_outcome_subjects(results):
    """丙类传染病登记发病402例，死亡1例 → 丙类传染病死亡: a count named by a bare verb after a count of
    the same unit whose name opens with its subject takes that subject."""
    out = []
    for c, name, rs, re_, left in results:
        bare = name[1:] if name[:1] == "新" else name
        if OUTCOME_SUBJECT.on and c.cls in ("count", "garbled") and 2 <= len(bare) <= 3 and tag(bare) in ("v", "vn") \
                and out and out[-1][0].cls in ("count", "garbled") and out[-1][0].unit == c.unit:
            subject = _leading_subject(out[-1][1])
            if subject and not name.startswith(subject):
                OUTCOME_SUBJECT.hit()
                c.rule = OUTCOME_SUBJECT.name
                name = subject + name
        out.append((c, name, rs, re_, left))
    return out


def sentence_passes(results, t: str, dpos: list[int]):
    """The passes over one sentence's named candidates, in order."""
    results = _with_topics(results)
    results = _with_outcome_subjects(results)
    results = _with_rate_siblings(results)
    results = _with_sentence_topic(results, t, dpos)
    results = _with_same_period(results)
    results = _with_thresholds(results)
    return results
