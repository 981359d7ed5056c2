"""Phase 4b: post-rules, the last touches on each measurement of a sentence (polish, borrowed words, subject)."""
from __future__ import annotations

import re

from ...model import Measurement
from ...tokens import tokens
from ..numbers import CN_DIGITS
from ..registry import rule
from .lexicon import load_units
from .naming import _TASK_DONE, _TOPIC_END
from .subject import subject_of
from .words import _clause_start, _is_verbish, _trim


def _r(name: str, matches: str, produces: str):
    return rule("indicators", name, matches=matches, produces=produces)


ADVERBS = _r("manner-adverbs", "全部, 顺利, 认真…: manner adverbs in a name", "the name without them")
SENT_TO = _r("sent-to-destination", "选派16名医生到…帮扶: where sent people go", "选派医生 (a long training destination goes too)")
MID_TOTAL = _r("mid-total", "X共接收…: 共/累计 inside a name", "the noun before it when counted after, else the words after")
ORGANISED = _r("organised-people", "组织50名专家…: 组织 before the people counted", "the people (专家)")
LEAD_DONE = _r("leading-done", "完成X: a leading 完成 before a name of four or more", "X (完成…任务 kept)")
CONTENT_COUNT = _r("document-parts", "出台12条措施, 71项指标: the parts of a document", "nothing (not a measure)")
SESSIONS_AFTER = _r("sessions-after-verb", "培训两期共200人: the number of sessions after the verb", "培训")
TAKE_PART_EVENT = _r("take-part-event", "举办X培训，…共500人参加: a bare 参加", "参加X培训")
BARE_VERB_BORROWS = _r("bare-verb-borrows", "开展妇女两癌筛查…，完成筛查2800人: a bare verb (or verb+noun of four)",
                       "the words the text put before the activity where it first named it")
BARE_RATE_BORROWS = _r("bare-rate-borrows", "推开家庭医生签约服务，签约率达30%: a two-character rate",
                       "the activity named before + 率")
MONEY_OF_ACTIVITY = _r("money-of-activity", "施药7403人次，合计费用81万元: bare money after a count",
                       "the activity's name + 费用")
SESSION = _r("congress-session", "县人大十八届三次会议建议: the session of a congress or a conference before its "
             "motions", "县人大建议")
BEFORE_CHANGE = _r("value-before-change", "X从3万元提高到6万元: the value after 从", "X(调整前)")


def _step(r, fired: list, old: str, new: str) -> str:
    """Apply a rule's rewrite when it is on and changes the name (recording that it fired)."""
    if r.on and new != old:
        r.hit()
        fired.append(r)
        return new
    return old


_SESSIONS_AFTER = re.compile(r"(?<=^[\u4e00-\u9fff]{2})[一二三四五六七八九十两\d]+[期批轮]$")
_TOTAL_END = re.compile(r"(?:总数|总量|总额)$")      # 床位总数: a total is not an activity of the verb before
_ADVERBS = re.compile(r"全部|顺利|当场|及时(?![率性])|精心|积极|认真|圆满|切实|扎实|逐步|不断|进一步|均已")
_LEAD_SCOPE = re.compile(r"^(?:各级各类|各类各级|各级|各类)(?=[\u4e00-\u9fff]{2})")
_CHANGED_TO = re.compile(r"(?:提高|提升|增加|增长|上升|上调|降低|下降|下调|减少|调整|扩大|缩小|缩短|延长)(?:到|至|为)")




_BARE_RATE = re.compile(r"[\u4e00-\u9fff]{2}率")
_BARE_MONEY = re.compile(r"(?:发放|支出|投入|拨付|兑现)?(?:费用|资金|金额|经费|款项)")
_BORROW_STOP = re.compile(r"^(?:开展|实施|推进|推开|推行|推广|做好|加强|完成|进行|组织|落实|全面|积极|认真|深入|继续|大力|扎实|"
                          r"规范|持续|不断|切实|全力|努力|的|了|和|及|与|或|第.*|在|对|为|是|全区|全县|全市|全镇|辖区|目前|已|共|等|"
                          r"今年|去年|全年|上半年|下半年|年内|当年|同期|期间|以来|.*\d.*)$")
_CONTENT_COUNT = re.compile(r"^[\u4e00-\u9fff]{0,2}(?:措施|用语|忌语|类别|指标|条款|条文|内容|方面|规定|要求|职责|环节|步骤|举措|原则)$")
_BORROW_NOT_AFTER = set("班会课室点站所队组")
_BORROW_DELIMS = re.compile(r"[，,；;：:。！？!?\n、（）()]")


def _borrow_object(verb: str, ctx: str) -> str | None:
    """完成筛查2800人 after 开展农村妇女两癌筛查工作 → 两癌筛查: a bare verb takes the words the text put in
    front of it where it named the activity first (this sentence before the clause, or the one before)."""
    k = ctx.rfind(verb)
    if k < 0 and verb in ("建成", "新建", "组建", "创建", "建设"):
        # 推进县域医疗次中心建设，年内建成2个 → 建成县域医疗次中心
        bm = None
        for bm in _BUILD_WORK.finditer(ctx):
            pass
        if bm is None:
            return None
        obj = _borrow_words(ctx, bm.start(), 8)
        return verb + obj if obj else None
    if k >= 0 and verb in _PEOPLE_VERBS:
        pm = _PEOPLE_AFTER.match(ctx, k + len(verb))
        if pm:
            return verb + pm.group("who")   # 招聘专业技术人员…，共招聘191人 → 招聘专业技术人员
        pb = None
        for pb in _PEOPLE_BEFORE.finditer(ctx):
            pass
        if pb is not None and pb.group("verb") == verb:
            # 对400名乡村医生进行培训…，已培训200人 → 培训乡村医生
            return verb + re.sub(r"^[名位个]", "", pb.group("who"))
    qm = _QUOTED_AFTER.match(ctx, k + len(verb)) if k >= 0 and OBJECT_AFTER.on else None
    if qm:
        OBJECT_AFTER.hit()
        return verb + qm.group(1)    # 发放“爱心包”…，累计发放3.5万份 → 发放爱心包: the object the verb named
    if k < 2 or ctx[k + len(verb):k + len(verb) + 1] in _BORROW_NOT_AFTER:
        return None                  # 培训班, 体检站: another thing, not the activity
    got = _borrow_words(ctx, k)
    return got + verb if got else None


OBJECT_AFTER = _r("bare-verb-quoted-object", "发放“爱心包”，…累计发放3.5万份: a bare verb after the same verb with a "
                  "quoted object", "verb + that object (发放爱心包)")
_QUOTED_AFTER = re.compile(r"了?\s*[“\"]([\u4e00-\u9fff]{2,10})[”\"]")


# Verbs whose object (the people) follows them: where the text named them first, the object is after.
_PEOPLE_VERBS = {"招聘", "招录", "引进", "培训", "招收", "选派", "派出"}
_PEOPLE_AFTER = re.compile(r"\s*(?:[0-9]{1,2}[、.．]\s*)?(?P<who>[\u4e00-\u9fff]{0,6}?(?:人员|医生|医师|人才|护士|毕业生|村医|骨干))")
_PEOPLE_BEFORE = re.compile(r"(?P<who>[\u4e00-\u9fff]{0,6}?(?:人员|医生|医师|人才|护士|村医|骨干))(?:进行了?|参加了?|开展了?)"
                            r"(?:[^，,；;。]{0,6}?)(?P<verb>培训)")
_WORK_CLAUSE = re.compile(r"(?:做好|开展|加强|推进|实施|落实|抓好)[*\s]*([\u4e00-\u9fff]{2,8}?)(?:工作|管理|活动|行动)[，,；;：:]?$")


def _borrow_work(verb: str, ctx: str) -> str | None:
    """做好门诊治疗管理，服药900人次 → 门诊治疗服药: a bare verb whose activity was not named before takes
    the topic of the work clause right before it (做好/开展 … 工作/管理)."""
    wm = _WORK_CLAUSE.search(ctx.rstrip())
    if wm is None or any(ch.isdigit() for ch in wm.group(1)):
        return None
    return wm.group(1) + verb


_TAKE_PART_BARE = re.compile(r"(?:报名)?(?:参加|参与)|报名")
_EVENT = re.compile(r"(?:开展|展开|举办|举行|组织|召开|加强|进行|启动)了?[\s“”\"]*([\u4e00-\u9fff“”\"]{2,16}?"
                    r"(?:培训|培训班|会议|考试|考核|竞赛|比赛|讲座|演练|义诊|活动))[”\"]?(?=[，,；;。！]|$)")


def _borrow_event(ctx: str) -> str | None:
    """The last event (培训, 会议, 考试, 竞赛 …) the text held before a bare 参加 / 报名参加."""
    em = None
    for em in _EVENT.finditer(ctx.rstrip()):
        pass
    if em is None or any(ch.isdigit() for ch in em.group(1)):
        return None
    got = _trim(em.group(1).replace("“", "").replace("”", "").replace('"', ""))
    return got if len(got) >= 4 else None


_BUILD_WORK = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:建设|创建)")


def _borrow_words(ctx: str, k: int, most: int = 6) -> str:
    """Up to six characters of words right before ctx[k] in its clause (no verbs, times, numbers)."""
    d = None
    for d in _BORROW_DELIMS.finditer(ctx, 0, k):
        pass
    pre = ctx[d.end() if d else 0:k]
    toks = list(tokens(pre))
    got = ""
    for j in range(len(toks) - 1, -1, -1):
        w = toks[j]
        if w in "“”\"‘’《》":
            continue                     # 实施“两癌”免费筛查: quotes are transparent
        if _BORROW_STOP.match(w) or len(got) + len(w) > most or not w.strip() \
                or w in load_units() and j and any(ch.isdigit() or ch in CN_DIGITS for ch in toks[j - 1]):
            break
        got = w + got
    got = _trim(got.strip())         # (其中重点人群 → 重点人群)
    return got if len(got) >= 2 else ""


# 选派医生到乡镇卫生院驻点帮扶 → 选派医生: where the people are sent is not the measure
# (for training a short destination stays: 派出医护人员到省级医院进修; a long one goes, 进修 kept)
_SESSION = re.compile(r"(?:第?[一二三四五六七八九十\d]{1,3}届)?(?:第?[一二三四五六七八九十\d]{1,3}次)?(?:全体)?(?<=[届次体])会议"
                      r"(?=(?:代表|委员)?(?:建议|提案|议案|意见))")
_SENT_TO = re.compile(r"((?:选派|派出|派遣|下派|抽调|组织|安排)[^到赴]{2,}?)(?:到|赴|前往)(?![位期达底])(.{2,})$")
_LIGHT_LEAD = re.compile(r"^组织了?(?:开展|实施)?了?(?=[\u4e00-\u9fff]{2})(?!召开|举办|专家|机构|架构)")
_TRAIL_VERB = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:成立|组成|参加|参与|开展|进行)$")
_MID_TOTAL = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:(?:共计|总计|累计|(?<![公总一医])共(?![享建同识性产青有]))(?=[\u4e00-\u9fff]{4})|(?<![公总一医])共有(?=[\u4e00-\u9fff]{3}))")
_LEAD_DONE_BARE = re.compile(r"^(?:累计|共计|共|合计)?(?:完成了?)?")
_LEAD_DONE = re.compile(r"^(?:累计|共)?完成了?(?=[^率]{4})")


def _polish(name: str, counted_after: bool = True, fired: list | None = None) -> str:
    """Last touches on a name: 选派医生到…帮扶 → 选派医生, 为老人提供上门服务 → 老人上门服务,
    完成农村妇女筛查 → 农村妇女筛查. (The destination is cut only when the number counted the
    people: 选派16名医生到…, not 下派专家到基层坐诊1200人次.)"""
    fired = [] if fired is None else fired
    # 县人大十八届三次会议建议 → 县人大建议: which session of the congress is not the measure
    name = _step(SESSION, fired, name, _SESSION.sub("", name) or name)
    m = _SENT_TO.search(name) if counted_after else None
    if m:
        tm = re.search(r"(进修|培训)(?:学习)?$", m.group(2))
        if not tm:
            name = _step(SENT_TO, fired, name, m.group(1))
        elif len(m.group(2)) >= 9:
            name = _step(SENT_TO, fired, name, m.group(1) + tm.group(1))
    km = _MID_TOTAL.search(name)
    if km and counted_after:
        name = _step(MID_TOTAL, fired, name, name[:km.start()])   # 17个卫生院共接收门诊病人… → 卫生院: the noun before 共
    elif km:
        name = _step(MID_TOTAL, fired, name, name[km.end():])     # 卫健委前三季度共编发信息 → 编发信息
    om = _LIGHT_LEAD.match(name)
    if om:
        name = _step(ORGANISED, fired, name, _TRAIL_VERB.sub("", name[om.end():]) or name)  # 组织50名专家 → 专家
    name = _step(ADVERBS, fired, name, _LEAD_SCOPE.sub("", name))     # 各级各类质控检查 → 质控检查
    if _TASK_DONE.fullmatch(name):
        return name                      # 完成市下达的任务95%: completing the task is the measure
    done = _LEAD_DONE.sub("", name)
    return _step(LEAD_DONE, fired, name, (_trim(done) or done) if done != name else name)



def _balanced_quotes(name: str) -> str:
    """A name whose opening (or closing) quote mark was trimmed with the words around it gets it
    back: 送医进村”巡诊活动 → “送医进村”巡诊活动."""
    opened, closed = name.count("“"), name.count("”")
    if closed > opened and name.find("”") < (name.find("“") if "“" in name else len(name)):
        return "“" + name
    if opened > closed and name.rfind("“") > name.rfind("”"):
        return name + "”"
    return name


EACH_SUBJECT = _r("each-its-own-subject", "甲医院、乙医院门诊量分别为12万、8万人次: values after 分别 that share one name",
                  "the k-th value's subject is the k-th body of the list before it")
_LIST_GAP = re.compile(r"[、和与及]")


def _each_its_own(out: list[Measurement], spans, t: str, base: int) -> list[Measurement]:
    """甲、乙门诊量分别为x、y: a run of measurements with one name and one raw text, as many as the
    bodies listed right before that name, are the bodies' in their order (else they keep the
    subject of their clause)."""
    k = 0
    while k < len(out):
        j = k
        while j + 1 < len(out) and out[j + 1].name == out[k].name and out[j + 1].raw == out[k].raw:
            j += 1
        n, at = j - k + 1, out[k].start - base
        if n >= 2:
            before = sorted(((a, b, mn) for a, b, mn in spans if b <= at), key=lambda x: (x[0], x[1]))
            listed = before[-n:]
            if len(listed) == n and "分别" in t[listed[-1][1]:at + len(out[k].raw)] and all(_LIST_GAP.fullmatch(t[b1:a2]) for (_, b1, _), (a2, _, _) in zip(listed, listed[1:])) \
                    and at - listed[-1][1] <= 12 and not re.search(r"[，,；;。]", t[listed[-1][1]:at]):
                EACH_SUBJECT.hit()
                for m, (_, _, mn) in zip(out[k:j + 1], listed):
                    m.subject = mn.surface
                    m.rule = EACH_SUBJECT.name
        k = j + 1
    return out


def finish(doc, sent, t: str, results, spans, dpos: list[int], region, period, before: str = "") -> list[Measurement]:
    """Measurements of one sentence from its named candidates: subject, polish and the post-rules."""
    text = sent.text
    base = sent.start
    out = []
    for c, name, rs, re_, _left in results:
        if len(name) < 2:
            continue
        fired: list = []
        raw = text[rs:re_]
        subject = subject_of(c, spans, dpos, t, region, doc)
        name = _step(ADVERBS, fired, name, _ADVERBS.sub("", name) or name)
        name = _polish(name, not _left, fired)
        if CONTENT_COUNT.on and c.cls == "count" and (
                _CONTENT_COUNT.match(name) or _is_verbish(name[:2]) and _CONTENT_COUNT.match(name[2:])):
            CONTENT_COUNT.hit()
            continue                      # 出台12条措施, 40条服务用语: the parts of a document, not a measure
        name = _step(SESSIONS_AFTER, fired, name, _SESSIONS_AFTER.sub("", name) or name)   # 培训两期共200人 → 培训
        bare = _LEAD_DONE_BARE.sub("", name)
        if _TAKE_PART_BARE.fullmatch(name) and c.cls in ("count", "garbled"):
            # 举办全县护理技能培训，…共500人参加 → 参加全县护理技能培训: the event the text just named
            got = _borrow_event(before + t[:_clause_start(dpos, c.start)]) if TAKE_PART_EVENT.on else None
            name = _step(TAKE_PART_EVENT, fired, name, name + got if got else name)
        elif BARE_VERB_BORROWS.on and len(bare) == 2 and c.cls in ("count", "garbled") and not _TOPIC_END.search(bare):
            name = _step(BARE_VERB_BORROWS, fired, name, _borrow_object(bare, before + t[:_clause_start(dpos, c.start)])
                         or _borrow_work(bare, t[:_clause_start(dpos, c.start)]) or name)
        elif BARE_VERB_BORROWS.on and len(bare) == 4 and bare == name and c.cls in ("count", "garbled") \
                and not _TOPIC_END.search(bare) and not _TOTAL_END.search(bare):
            # 开展重点人群健康体检工作…，体检预约3900人 → 重点人群健康体检预约
            got = _borrow_object(bare[:2], before + t[:_clause_start(dpos, c.start)])
            name = _step(BARE_VERB_BORROWS, fired, name, got[:-2] + bare if got else name)
        if BARE_RATE_BORROWS.on and c.cls == "rate" and _BARE_RATE.fullmatch(name):
            # 推开家庭医生签约服务，签约率达30% → 家庭医生签约率: the activity named before gives the base
            got = _borrow_object(name[:-1], before + t[:_clause_start(dpos, c.start)])
            name = _step(BARE_RATE_BORROWS, fired, name, got + "率" if got else name)
        if c.cls == "amount" and _BARE_MONEY.fullmatch(name) and out and out[-1].unit != c.unit \
                and not _BARE_MONEY.search(out[-1].name) and len(out[-1].name) <= 12:
            # 免费施药7403人次，合计费用81万元 → 免费施药费用: the money of the activity just counted
            name = _step(MONEY_OF_ACTIVITY, fired, name, out[-1].name + name)
        if c.start > 0 and t[c.start - 1] == "从" and _CHANGED_TO.match(t, c.end) and not name.endswith("(调整前)"):
            name = _step(BEFORE_CHANGE, fired, name, name + "(调整前)")   # 封顶线从3万元提高到6万元: the value before
        name = _balanced_quotes(name)
        out.append(Measurement(name=name, value=c.value, unit=c.unit, raw=raw, sentence=sent.index,
                               start=base + rs, subject=subject, period=period,
                               rule=fired[-1].name if fired else c.rule))
    return _each_its_own(out, spans, t, base) if EACH_SUBJECT.on and "分别" in t and len(spans) >= 2 else out
