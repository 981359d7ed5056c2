"""Participations and partnerships (stage: Mentions in Sentences → RelationMentions).

A relation needs both ends and a cue in one clause (a sentence cut at ；):
- participation: a named institution + a program + a participation cue (开展, 实施, 参加, 纳入,
  创建, 通过, 入选, 获评, 称号 …), paired phrase by phrase (，): a phrase's institutions take part in
  its programs; a phrase with a program and no institution takes the subject of the phrase before
  it, else of the phrase after it — the first list standing as a subject, never the body worked on
  (狠抓甲医院筹备, 对/在/到 甲医院) nor the partner of an unnamed subject (…，与甲医院合作), nor the
  venue of a meeting (在甲医院召开); 一是…，二是… items keep their own subjects. A training or meeting about a
  program (…项目培训, …推进会) is not taking part, and staff sent to a training scheme are a
  person's link, not the institution's. Both sides of a 对口支援/医联体 partnership take part in the
  program of that name in the same sentence.
- sections: a heading (一、 / （一） / 1、 / 一是) naming one program makes its body that program's report:
  a body sentence naming no program of its own, with a cue, credits its institutions (not the
  partners of a partnership in it) to the innermost such program; a programme for the grass-roots
  tier (乡村/乡镇/基层…) credits only township, community and village bodies this way, and building
  works (…楼装修, 迁建) only a programme about building.
- partnership: two institutions + a cooperation cue (对口支援, 帮扶, 签约/签订/签署, 合作, 共建,
  协作, 医联体, 医共体, 进修, 挂牌, 托管 …). "A对口支援B" → (A, B); "B与A签订合作协议" keeps text
  order (the graph puts a partner from elsewhere first); "B选派医生到A进修" → (A, B), B being the
  nearest institution before the host in the same clause; a team sent to a body (由甲医院…组成的医疗队派驻
  乙医院) is 对口支援 (甲, 乙); 以甲为牵头单位，联合乙、丙组建医共体 gives lead–member pairs (医联体).
Every rule is named in the registry (kg.extract.registry) and listed by `kg build --explain`.
"""
from __future__ import annotations

import re

from ..model import Mention, RelationMention, Sentence
from ..tokens import tag, tokens
from .registry import rule
from .wordlists import pattern

P_CLAUSE = rule("relations", "participation-in-phrase", matches="an institution and a programme in one phrase "
                "with a participation cue (开展, 实施, 入选, 通过 …)", produces="participation")
P_EACH = rule("relations", "participation-each-its-own", matches="甲和乙分别创建为A和B: as many bodies before "
              "分别 as programmes after it", produces="one participation per pair, in order")
P_CARRIED = rule("relations", "participation-carried-subject", matches="a phrase with a programme and no "
                 "institution takes the subject of the phrase before (or after) it", produces="participation")
P_PARTNER_KIND = rule("relations", "participation-partners-of-kind", matches="both sides of a 对口支援/医联体 "
                      "partnership and a programme of that name", produces="participation")
P_LEAD_NEXT = rule("relations", "participation-lead-named-next", matches="打造某某医疗集团。以甲医院为牵头单位…: an "
                   "alliance named in one sentence, its lead in the next", produces="the lead's participation")
P_INST_SECTION = rule("relations", "participation-institution-section", matches="a heading line that is one "
                      "institution's name (【县人民医院】, 三、县中医院); its body's programmes, run, with no other body named",
                      produces="the heading institution's participation")
P_SECTION = rule("relations", "participation-by-section", matches="a heading (一、/（一）/1、/一是…) naming one "
                 "programme; its body's institutions acting", produces="participation")
L_TRAINING = rule("relations", "partnership-training", matches="B选派…到A进修", produces="partnership 进修 (A, B)")
L_LINKED = rule("relations", "partnership-linked", matches="甲医院与乙医院 + a cooperation cue (签约, 共建, 帮扶 …)",
                produces="partnership of the cue's kind")
L_SENT_TO = rule("relations", "partnership-sent-to", matches="甲医院…派驻/进驻/支援/帮扶 乙医院: a team or staff sent "
                 "to a named body by the sentence's first named bodies", produces="partnership 对口支援 (sender, host)")
L_LEAD = rule("relations", "partnership-lead", matches="以甲医院为牵头单位（龙头、核心），联合乙、丙…组建医共体/"
              "医联体/联盟", produces="partnership 医联体 (lead, member) and the lead's participation")
L_MEMBERS = rule("relations", "partnership-lead-members", matches="甲医院牵头组建医共体（医联体、联盟），成员单位包括乙、丙",
                 produces="partnership 医联体 (lead, member); with the alliance named, each one's participation")
L_SUBJECT = rule("relations", "partnership-subject-and-partner", matches="甲医院…，与乙医院签订…: the sentence's "
                 "subject and a partner after 与", produces="partnership")

_CLAUSE = re.compile(r"[；;]")
_MEMBERS = re.compile(r"成员(?:单位|医院|机构)?(?:包括|包含|涵盖|有|为|是)[：:]?")
_LED_BY = re.compile(r"(?:作为|为)?牵头")
_JOINS = re.compile(r"(?:均|也|都|全部|陆续)?(?:加入|参与|作为成员|成为成员)")
_STOP_MARK = re.compile(r"[，,；;。]")
_COMMA = re.compile(r"[，,]")
_PHRASE_MARK = re.compile(r"[，,；;]")
_TRAINING_CUE = re.compile(r"进修|跟班学习|研修")
_PARTICIPATION_CUE = re.compile(
    r"开展|实施|推行|推进|参加|参与|加入|纳入|列入|列为|入选|遴选为|选为|创建|创成|争创|通过|获评|荣获|获得|被评为|被确定为|确定为|评为|成为|命名为|认定为|授予|设立|开设|进驻|入驻|派驻|"
    r"承担|启动|落实|执行|试点|牵头|建成|建立|申报|获批|达标|达到(?=[^，,；;。]{0,24}标准)|顺利|完成|作为|接受|迎接|复审|验收|"
    r"做好|签订|签署|协商|完工|竣工|构建|组建|共建|联建|打造|建设|合作|挂牌|揭牌|签约|成立|联合|晋升|晋级|创成|开工|投入使用|进入|排名|位列|位居|入围|跻身|参评|评审|进行|选派|派出|实行|组织|举办|开通|上线|运行|应用|推广|称号|"
    # the sites visited to see a programme at work are where it runs: 督导某某工作，实地查看了甲、乙
    r"实地(?:查看|察看|走访|考察|督导)|(?:查看|察看|走访)了")
# kind, cue pattern; first match in the sentence decides the kind
_PARTNER_CUES = [
    ("进修", re.compile(r"进修|跟班学习|研修")),
    ("对口支援", re.compile(r"对口支援|对口帮扶|帮扶|支援|托管|下派|派驻|"
                        # a hospital's experts who come to see patients, do ward rounds and teach at another
                        r"坐诊|查房|带教|巡诊|驻点")),
    ("医联体", re.compile(r"医联体|医疗联合体|医共体|医疗共同体|医疗集团|专科联盟")),
    ("合作共建", re.compile(r"合作共建|共建|签约|签订|签署|合作|挂牌|揭牌|结成|结为|结对|工作站|工作室|分院|分中心|教学基地|实践基地|实习基地|培训基地|研究基地|联合(?:成立|组建|共建|开设|设立|打造|申报|培养|发表|研发|攻关)")),
    ("协作", re.compile(r"协作|双向转诊|远程会诊")),
]
_TRAINING = re.compile(r"培训|规培|助培|培养|进修")
_RUNS_TRAINING = re.compile(r"基地|承担|承办|举办|牵头|组织实施|培训中心")
# After a program's name: a training, meeting or document about it, not the program itself.
_ABOUT = re.compile(r"(?:工作)?(?:现场)?(?:推进|观摩|启动|部署|动员|总结|表彰|经验交流|交流|调度|研讨|座谈|培训|工作|现场)?"
                    r"(?:会议|大会|会(?![同商诊签])|培训班|培训)|(?:工作)?(?:例会|论坛|知识竞赛|方案|文件)")
_KIND_PROGRAM = {"对口支援": re.compile(r"对口支援|对口帮扶|支援农村|卫生支农"), "医联体": re.compile(r"医联体|医共体|医疗集团|联合体|共同体|专科联盟")}


def extract_relations(sentences: list[Sentence], mentions: list[Mention]) -> list[RelationMention]:
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    out: list[RelationMention] = []
    for sent in sentences:
        ms = by_sentence.get(sent.index)
        if not ms:
            continue
        insts = sorted((m for m in ms if m.type == "institution"), key=lambda m: m.start)
        progs = sorted((m for m in ms if m.type == "program"), key=lambda m: m.start)
        mine = _participations(sent, insts, progs) if insts and progs else []
        out.extend(mine)
        if len(insts) >= 2:
            partners = _partnerships(sent, insts, progs)
            out.extend(partners)
            # both sides of a 对口支援 (医联体 …) partnership take part in the program the sentence names
            have = {(r.head.name, r.tail.name) for r in mine}      # this sentence's only: linear in the text
            for r in (partners if P_PARTNER_KIND.on else ()):
                for p in progs:
                    if _KIND_PROGRAM.get(r.kind) and _KIND_PROGRAM[r.kind].search(p.name + p.surface):
                        for i in (r.head, r.tail):
                            if (i.name, p.name) not in have:
                                have.add((i.name, p.name))
                                P_PARTNER_KIND.hit()
                                out.append(RelationMention("participation", i, p, sent.index, sent.text, sent.start,
                                                           rule=P_PARTNER_KIND.name))
    if P_LEAD_NEXT.on:
        got = _lead_named_next(sentences, by_sentence)
        P_LEAD_NEXT.hit(len(got))
        out.extend(got)
    if P_INST_SECTION.on:
        got = _institution_sections(sentences, by_sentence, out)
        P_INST_SECTION.hit(len(got))
        out.extend(got)
    if P_SECTION.on:
        got = _section_participations(sentences, by_sentence, out)
        P_SECTION.hit(len(got))
        out.extend(got)
    return out


_INST_HEADING = re.compile(r"^\s*[【\[（(]?\s*(?:[一二三四五六七八九十0-9]{1,3}[、.．)）]\s*)?(?P<core>[^【】\[\]：:，,。]{3,30}?)"
                           r"\s*[】\]）)]?\s*[：:]?\s*$")


# a paragraph labelled by one institution: 县人民医院：全年门诊…。成功创建…。
_INST_LABEL = re.compile(r"\s*(?:[一二三四五六七八九十0-9]{1,3}[、.．]\s*)?(?P<core>[^：:，,。；;\s]{3,30}?)\s*[：:]")


def _institution_sections(sentences: list[Sentence], by_sentence: dict[int, list[Mention]],
                          have: list[RelationMention]) -> list[RelationMention]:
    """A yearbook-style section headed by one institution's name (【县人民医院】, 三、县中医院): the
    programmes its body runs, in sentences naming no other body, are that institution's."""
    seen = {(r.head.name, r.tail.name) for r in have if r.type == "participation"}
    out: list[RelationMention] = []
    head: Mention | None = None
    labelled = False                    # head is a paragraph's label (县人民医院：…), which ends with the line
    prev_end = None
    for sent in sentences:
        if labelled and prev_end is not None and sent.start != prev_end:
            head, labelled = None, False    # a new line: the labelled paragraph is over
        prev_end = sent.end
        ms = by_sentence.get(sent.index, ())
        m = _INST_HEADING.match(sent.text)
        insts = [x for x in ms if x.type == "institution"]
        if m and len(insts) == 1 and insts[0].surface == m.group("core").strip() and not any(x.type == "program" for x in ms):
            head, labelled = insts[0], False
            continue
        lab = _INST_LABEL.match(sent.text)
        if lab and insts and insts[0].start - sent.start == lab.start("core") and insts[0].surface == lab.group("core"):
            head, labelled = insts[0], True     # its own sentence is paired by the sentence rules
            continue
        h = _HEADING.match(sent.text)
        if h and len(sent.text) - h.end() <= _HEADING_MAX:
            head = None                # another heading ends the institution's section
            continue
        if head is None or insts or not _PARTICIPATION_CUE.search(sent.text):
            continue
        for p in (x for x in ms if x.type == "program"):
            if _TRAINING.search(p.name + p.surface) or _ABOUT.match(sent.text, p.end - sent.start):
                continue
            key = (head.name, p.name)
            if key not in seen:
                seen.add(key)
                out.append(RelationMention("participation", head, p, sent.index, sent.text, sent.start,
                                           rule=P_INST_SECTION.name))
    return out


def _lead_named_next(sentences: list[Sentence], by_sentence: dict[int, list[Mention]]) -> list[RelationMention]:
    """纵向打造某某医疗集团。以甲医院为牵头单位，…: a sentence that opens by naming the lead of an
    alliance (医联体, 医共体, 医疗集团, 联盟) the sentence before it built, naming no body there."""
    out = []
    for prev, sent in zip(sentences, sentences[1:]):
        lead = _LEAD.match(sent.text)
        if lead is None:
            continue
        before = by_sentence.get(prev.index, ())
        progs = [m for m in before if m.type == "program" and _KIND_PROGRAM["医联体"].search(m.name + m.surface)]
        own = [m for m in by_sentence.get(sent.index, ()) if m.type == "program"]
        if len(progs) != 1 or own or any(m.type == "institution" for m in before):
            continue
        heads = [m for m in by_sentence.get(sent.index, ()) if m.type == "institution" and m.end - sent.start <= lead.end()]
        for h in heads[:1]:
            out.append(RelationMention("participation", h, progs[0], sent.index, sent.text, sent.start,
                                       rule=P_LEAD_NEXT.name))
    return out


# Section headings: 一、 / 第一、 (level 1), （一） (level 2), 1、 / （1） (level 3).
_HEADING = re.compile(r"^\s*(?:(?P<l1>[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十]{1,3}[、，,])|(?P<l2>[（(][一二三四五六七八九十]{1,3}[)）])|"
                      r"(?P<l3>[0-9]{1,2}[、．](?![0-9])|[0-9]{1,2}\.(?![0-9])|[（(][0-9]{1,2}[)）])|"
                      r"(?P<l4>[一二三四五六七八九十]是|其[一二三四五六七八九十][，,、]))")
_HEADING_MAX = 40


# Building works (住院大楼装修工程, 病房楼改造) take part only in a programme about building.
_BUILDING_WORKS = pattern("building-works")
_ABOUT_BUILDING = re.compile(r"建设|工程|项目|改造|国债|标准化|基础设施")
# A programme for the grass-roots tier names who it is for: only those bodies take part through its section.
_GRASS_ROOTS = re.compile(r"乡村|乡镇|村级|村卫生室|基层医疗")
_GRASS_ROOTS_KINDS = {"township_health_center", "community_health_center", "village_clinic"}


def _section_participations(sentences: list[Sentence], by_sentence: dict[int, list[Mention]],
                            have: list[RelationMention]) -> list[RelationMention]:
    """A section whose heading names a program ("四、卫生支农成效明显", "（一）国债项目建设进展顺利")
    is the report of that program: the institutions its body names as acting take part in it."""
    seen = {(r.head.name, r.tail.name) for r in have if r.type == "participation"}
    # partners in a sentence are linked to each other, not to the section's program
    # (unless the partnership is of the program's own kind: 对口支援 partners under a 对口支援 heading)
    partnered: dict[int, set[str]] = {}
    kinds: dict[int, set[str]] = {}
    for r in have:
        if r.type == "partnership":
            partnered.setdefault(r.sentence, set()).update((r.head.name, r.tail.name))
            kinds.setdefault(r.sentence, set()).add(r.kind or "")
    out: list[RelationMention] = []
    stack: list[tuple[int, list[Mention]]] = []
    for sent in sentences:
        m = _HEADING.match(sent.text)
        if m and len(sent.text) - m.end() <= _HEADING_MAX:
            level = 1 if m.group("l1") else 2 if m.group("l2") else 3 if m.group("l3") else 4
            while stack and stack[-1][0] >= level:
                stack.pop()
            progs = [x for x in by_sentence.get(sent.index, ()) if x.type == "program"]
            if len({x.name for x in progs}) > 1:
                progs = []     # a heading naming several programs does not say which one its body reports
            stack.append((level, progs))
            continue
        if not any(ps for _, ps in stack):
            continue
        ms = by_sentence.get(sent.index, ())
        progs = next((ps for _, ps in reversed(stack) if ps), [])
        if any(x.type == "program" and x.name not in {p.name for p in progs} for x in ms):
            continue           # a sentence that names its own program is paired by the sentence rules
        partners = partnered.get(sent.index, set())
        if any(_KIND_PROGRAM.get(k) and _KIND_PROGRAM[k].search(p.name + p.surface)
               for k in kinds.get(sent.index, ()) for p in progs):
            partners = set()
        insts = [x for x in ms if x.type == "institution" and x.name not in partners]
        if not insts or not _PARTICIPATION_CUE.search(sent.text):
            continue
        building_works = bool(_BUILDING_WORKS.search(sent.text))
        for p in progs:
            if _TRAINING.search(p.name + p.surface):
                continue
            if building_works and not _ABOUT_BUILDING.search(p.name + p.surface):
                continue   # a hospital's building works under a reform heading are not the reform's
            grass_roots = bool(_GRASS_ROOTS.search(p.name + p.surface))
            for i in insts:
                if grass_roots and i.kind not in _GRASS_ROOTS_KINDS:
                    continue   # a county hospital's works under 乡村医疗机构标准化建设 are not that programme's
                key = (i.name, p.name)
                if key in seen:
                    continue
                seen.add(key)
                out.append(RelationMention("participation", i, p, sent.index, sent.text, sent.start,
                                           rule=P_SECTION.name))
    return out


def _clauses(sent: Sentence) -> list[tuple[int, int]]:
    bounds, pos = [], sent.start
    for m in _CLAUSE.finditer(sent.text):
        bounds.append((pos, sent.start + m.end()))
        pos = sent.start + m.end()
    bounds.append((pos, sent.end))
    return bounds


def _participations(sent: Sentence, insts: list[Mention], progs: list[Mention]) -> list[RelationMention]:
    """Pair programs with institutions phrase by phrase (，；). A phrase's institutions take part in
    its programs; a phrase with a program but no institution takes the institutions of the phrase
    before it that named no program of its own (the subject carried on: "甲医院…，完成乙项目")."""
    out = []
    seen = set()
    for lo, hi in _clauses(sent):
        ci = [m for m in insts if lo <= m.start < hi]
        cp = [m for m in progs if lo <= m.start < hi]
        if not ci or not cp:
            continue
        clause = sent.text[lo - sent.start:hi - sent.start]
        if not _PARTICIPATION_CUE.search(clause) and not any(_acts_itself(p) for p in cp):
            continue
        phrases = _phrases(sent, lo, hi, _clause_joints(sent, ci, cp))
        each = _each_its_own(sent, ci, cp) if P_EACH.on else {}
        for p in cp:
            k = next(n for n, (a, b) in enumerate(phrases) if a <= p.start < b)
            a, b = phrases[k]
            mine = [i for i in ci if a <= i.start < b] if P_CLAUSE.on else []
            by = P_CLAUSE
            if id(p) in each:
                mine, by = [each[id(p)]], P_EACH
            own_place = _PLACE_SUBJECT.search(sent.text, a - sent.start, p.start - sent.start)
            if not mine and P_CARRIED.on and not own_place:
                by = P_CARRIED
                for j in range(k - 1, -1, -1):
                    if _ITEM_START.match(sent.text, phrases[j + 1][0] - sent.start):
                        break          # 一是…，二是…: each item has its own subject
                    pa, pb = phrases[j]
                    before = [i for i in ci if pa <= i.start < pb and _subject_position(sent, pa, i, ci)]
                    if before:
                        # the subject carried on is the phrase's first list, not its partners:
                        # "甲医院与乙医院加强合作，启动X认证" → 甲医院
                        mine = _groups(sent.text, sent.start, before)[0]
                        break
            if not mine:
                na, nb = phrases[k + 1] if k + 1 < len(phrases) else (b, b)
                if P_CARRIED.on and k == 0 and not _ITEM_START.match(sent.text, na - sent.start) \
                        and not own_place:
                    mine = [i for i in ci if na <= i.start < nb          # "启动X工作，甲医院派出…"
                            and _subject_position(sent, na, i, ci)]
                if P_CARRIED.on and not own_place and _FRAME_END.match(sent.text[p.end - sent.start:b - sent.start]):
                    # "在X考核中，甲医院…，乙、丙医院排名…": the frame covers every phrase after it
                    mine = list(mine)
                    for pa, pb in phrases[k + 1:]:
                        if any(pa <= q.start < pb for q in cp if q is not p) or _ITEM_START.match(sent.text, pa - sent.start):
                            break
                        subj = [i for i in ci if pa <= i.start < pb and _subject_position(sent, pa, i, ci)]
                        if subj:
                            mine += [i for i in _groups(sent.text, sent.start, subj)[0] if i not in mine]
            # 项目培训, 医共体建设推进会: a training or a meeting about the program — save for the body
            # that the program is named after (省医院巡回医疗队总结会: that hospital's team)
            about = bool(_ABOUT.match(sent.text, p.end - sent.start))
            if _TRAINING.search(p.name + p.surface) and not _RUNS_TRAINING.search(clause):
                continue           # staff sent to a training scheme: a person's link, not the institution's
            visit = VISITING_PARTY.search(sent.text, 0, p.start - sent.start) if "一行" in sent.text else None
            for i in mine:
                key = (i.name, p.name)
                led = p.start <= i.start and i.end < p.end and _KIND_PROGRAM["医联体"].search(p.surface[i.end - p.start:])
                if key in seen or _overlaps(i, p) and not led or _venue(sent, i) or about and i.end != p.start:
                    continue       # (某医院医联体: the alliance named after the body that leads it — it takes part)
                if visit and i.end - sent.start <= visit.start():
                    continue       # the visitors (某大学书记…一行赴某医院调研X) look at X; the host runs it
                seen.add(key)
                by.hit()
                out.append(RelationMention("participation", i, p, sent.index, sent.text, sent.start, rule=by.name))
    return out


def _each_its_own(sent: Sentence, insts: list[Mention], progs: list[Mention]) -> dict[int, Mention]:
    """甲卫生院和乙卫生院分别创建为A和B: the bodies listed before 分别 take the programmes after it
    in order, one each, when there are as many of both (programme id → its body)."""
    off = sent.start
    # a short form inside a longer name (重点专科 in 省级重点专科) goes with the longer one
    ps = sorted((p for p in progs if not any(q is not p and q.start <= p.start and p.end <= q.end
                                             and q.end - q.start > p.end - p.start for q in progs)),
                key=lambda m: m.start)
    if len(ps) < 2:
        return {}
    before = sorted((i for i in insts if i.end <= ps[0].start), key=lambda m: m.start)
    if len(before) < 2 or any(ps[0].start <= i.start < ps[-1].end for i in insts):
        return {}
    gap = sent.text[before[-1].end - off:ps[0].start - off]
    if "分别" not in gap or _COMMA.search(gap):
        return {}
    group = [before[-1]]                # the list that ends right before 分别: 甲、乙和丙
    for m in reversed(before[:-1]):
        if sent.text[m.end - off:group[0].start - off] not in ("、", "和", "及", "与", "以及"):
            break
        group.insert(0, m)
    if len(group) != len(ps):
        return {}
    pairs = {id(p): i for p, i in zip(ps, group)}
    for p in progs:                     # the short forms inside: their longer name's body
        if id(p) not in pairs:
            outer = next((q for q in ps if q.start <= p.start and p.end <= q.end), None)
            if outer is not None:
                pairs[id(p)] = pairs[id(outer)]
    return pairs


_QUOTE_CLOSE = "”」』\""


def _acts_itself(p: Mention) -> bool:
    """A programme written as its own act (取消药品加成, 推开某某): the verb that says a body takes
    part is the first word of the programme's name."""
    words = tokens(p.surface)
    return len(words) > 1 and len(words[0]) >= 2 and tag(words[0]) == "v" and not _BODY_TITLE.search(p.surface)


# a title named like a body (创伤中心, 无烟医院): being one is said by a verb of its own
_BODY_TITLE = re.compile(r"(?:中心|医院|单位|机构|机关)(?:建设|创建)?$")


# a visiting party (…一行赴…): those named before it came to see, they do not run what they saw
VISITING_PARTY = re.compile(r"一行\d*人?(?:先后)?(?:到|赴|来|莅临|深入|走进)")
# what closes a phrase that frames the ones after it: 在某某考核中， 某某活动期间，
_FRAME_END = re.compile(r"\s*(?:工作|活动|评审|考核|评比|评选|检查)?(?:中|期间|过程中)\s*[，,]?\s*$")
# a phrase whose subject is the place itself (我县被评为…, 全区创建…): its programme is the place's
_PLACE_SUBJECT = re.compile(r"(?:我|本|全|该)(?:县|区|市|旗|州|省)(?:已|又|再次|先后|正式|还|也)?"
                            r"(?:被|成功|顺利|荣获|获评|获批|入选|创建|创成|争创|通过|成为|列入|列为|评为)")
_ITEM_START = re.compile(r"\s*(?:[一二三四五六七八九十]是|其[一二三四五六七八九十]|第[一二三四五六七八九十][，,、]|[（(]?[0-9一二三四五六七八九十]{1,2}[)）、.．])")
_VENUE_AFTER = re.compile(r"(?:顺利|隆重|正式)?(?:召开|举行|举办|开幕|闭幕)")


def _venue(sent: Sentence, inst: Mention) -> bool:
    """在甲医院召开/举行…: the place of a meeting, not a body taking part."""
    off = sent.start
    return sent.text[max(0, inst.start - off - 1):inst.start - off] == "在" and bool(
        _VENUE_AFTER.match(sent.text, inst.end - off))


_LEAD_IN = re.compile(r"^(?:[（(]?[一二三四五六七八九十0-9]+[)）、.．]?|[0-9０-９xX]+年|上半年|下半年|今年|同时|此外|其中|目前|"
                      r"截至[^，,]*|由|经|以|来自|[是即])*")


# Verbs whose object is the body worked on, not the one working: 狠抓甲医院开业筹备, 对乙卫生院进行改造.
_WORKED_ON = re.compile(r"(?:狠抓|抓好|做好|加快|推进|推动|筹建|筹备|支持|帮助|督促|检查|指导|对|为|向|给|到|赴|在)$")


def _subject_position(sent: Sentence, phrase_start: int, inst: Mention, insts: list[Mention]) -> bool:
    """Whether `inst` stands where the phrase's subject stands: at its start (after an enumerator, a
    time word, 由/以/来自), or joined to institutions that do ("甲医院与乙医院…") — not as the object
    of work on it ("狠抓甲医院开业筹备", "对乙卫生院…") or as the partner of an unnamed subject ("…，与乙医院合作")."""
    off = sent.start
    ordered = sorted(insts, key=lambda m: m.start)
    for group in _groups(sent.text, off, ordered):
        if inst in group and group[0] is not inst:
            inst = group[0]            # a list stands where its first item stands: 推进甲、乙卫生院…
            break
    text = sent.text[phrase_start - off:inst.start - off]
    for m in sorted((m for m in insts if phrase_start <= m.start and m.end <= inst.start), key=lambda m: -m.start):
        text = text[:m.start - phrase_start] + "\0" + text[m.end - phrase_start:]
    rest = text[_LEAD_IN.match(text).end():]
    return not (re.match(r"[与同跟]", rest) or _WORKED_ON.search(rest))


def _phrases(sent: Sentence, lo: int, hi: int, joints: tuple[int, ...] = ()) -> list[tuple[int, int]]:
    """The phrases of a clause: split at commas, and at the `joints` (offsets in the document)."""
    cuts = sorted({lo + m.end() for m in _COMMA.finditer(sent.text[lo - sent.start:hi - sent.start])}
                  | {j for j in joints if lo < j < hi})
    out, pos = [], lo
    for end in cuts:
        out.append((pos, end))
        pos = end
    out.append((pos, hi))
    return out


def _clause_joints(sent: Sentence, insts: list[Mention], progs: list[Mention]) -> tuple[int, ...]:
    """甲医院获评A、乙医院通过B: a 、 right after a programme and right before a body that has a verb
    of its own joins two statements, each with its subject (the offsets just after such marks)."""
    if len(insts) < 2 or not progs:
        return ()
    off, text = sent.start, sent.text
    ends = {p.end for p in progs}
    out = []
    for i in insts:
        k = i.start - off
        after_prog = i.start - 1 in ends or (k >= 2 and text[k - 2] in _QUOTE_CLOSE and i.start - 2 in ends)
        if k >= 1 and text[k - 1] == "、" and after_prog \
                and _PARTICIPATION_CUE.search(text, i.end - off, i.end - off + 6):
            out.append(i.start)
    return tuple(out)


def _groups(text: str, offset: int, insts: list[Mention]) -> list[list[Mention]]:
    """Runs of institutions joined only by 、 (or 和/及 inside a list of three or more)."""
    groups: list[list[Mention]] = []
    for m in insts:
        if groups:
            prev = groups[-1][-1]
            between = text[prev.end - offset:m.start - offset]
            if m.start < prev.end:
                continue
            if between == "、" or (between in ("和", "及", "以及") and len(groups[-1]) >= 2):
                groups[-1].append(m)
                continue
            gap = _LIST_GAP.fullmatch(between)
            if gap and not any(tag(w).startswith("v") for w in tokens(gap.group(1))):
                groups[-1].append(m)   # 甲医院新址、某办、乙卫生院及丙卫生室: a site and an office inside one list
                continue
        groups.append([m])
    return groups


# What may stand between two institutions of one list: a site of the first (新址, 院区), other short items.
_LIST_GAP = re.compile(r"([\u4e00-\u9fff]{0,3})(?:、[\u4e00-\u9fff]{1,4})*、")
_CONNECT = re.compile(r"与|同|跟|和|及|在|到|赴|下沉|派驻|进驻|常驻|成为|携手|牵手|联合|对口支援|对口帮扶|帮扶|支援|托管|牵头|签约|签订|签署|挂牌|共建|合作|协作|组建|加入|指导|结成|结为|结对|接受|得到|^是$")
# 甲医院接受乙医院对口支援: the second body gives the support
_RECEIVES = re.compile(r"^(?:接受了?|得到了?)$")
_TRAIN_PLACE = re.compile(r"[到赴去往]|前往")
_LEAD = re.compile(r"以[^，,；;。]{2,30}?为(?:牵头单位|牵头医院|牵头|龙头|核心|主体|依托|总院)")
_SENT_TO = re.compile(r"(?<!分别)(?<!各自)(?:派驻|进驻|下派|派往|派驻到|派到|援建|托管)(?:到|至|于)?$")
_EACH = re.compile(r"(?:均|也|都)?(?:分别|各自|各)|均(?![衡等匀])|都(?![市会])")
# 甲医院和乙医院分别与丙医院签约: the two before 分别与 are one side
_EACH_WITH = re.compile(r"^(?:[和及、]|以及)?$")
_EACH_THEN_WITH = re.compile(r"^(?:均|也|都)?(?:分别|各自|均|都)(?:与|同|和|跟)$")


def _kind_of(text: str) -> str | None:
    for k, rx in _PARTNER_CUES:
        if rx.search(text):
            return k
    return None


def _cue_text(sent: Sentence, progs: list[Mention]) -> str:
    """The sentence with the programmes that merely hold a signing or cooperation word blanked out:
    that word is not a cue (签约 in 家庭医生签约服务, 合作 in a 合作医疗 scheme) — two bodies that both
    run the scheme are not partners by it. A programme that is itself a tie between bodies (医共体,
    对口支援, 双向转诊 …) stays: naming it between two bodies is the cue."""
    text, off = sent.text, sent.start
    for p in progs:
        words = p.name + p.surface
        if _kind_of(words) == "合作共建" and not any(rx.search(words) for rx in _KIND_PROGRAM.values()):
            a, b = max(0, p.start - off), min(len(text), p.end - off)
            text = text[:a] + "□" * (b - a) + text[b:]
    return text


def _partnerships(sent: Sentence, insts: list[Mention], progs: list[Mention] = ()) -> list[RelationMention]:
    text, off = sent.text, sent.start
    cues = _cue_text(sent, progs) if progs else text
    out: list[RelationMention] = []
    seen: set[frozenset] = set()

    def add(a: Mention, b: Mention, kind: str, by) -> None:
        if a.name == b.name or _overlaps(a, b) or not by.on:
            return
        if b.external and not a.external:
            a, b = b, a                     # the partner from elsewhere supports or leads
        key = frozenset((a.name, b.name))
        if key not in seen:
            seen.add(key)
            by.hit()
            out.append(RelationMention("partnership", a, b, sent.index, text, sent.start, kind, rule=by.name))

    # staff sent to train at another institution: "B选派…到A、C进修" → (A, B), (C, B)
    for cue in _TRAINING_CUE.finditer(text):
        hosts = [m for m in insts if m.end - off <= cue.start() and not _STOP_MARK.search(text[m.end - off:cue.start()])
                 and _TRAIN_PLACE.search(text[max(0, m.start - off - 12):m.start - off])]
        if not hosts:
            continue
        # the sender: the nearest institution before the hosts in the same clause (；), else the
        # sentence's subject: "甲医院…，乙医院选派3名医生到丙医院进修" → (丙, 乙)
        first = min(h.start for h in hosts)
        clause_start = max([sent.start] + [sent.start + c.end() for c in _CLAUSE.finditer(text[:first - off])])
        before = [m for m in insts if m.end <= first and m not in hosts]
        in_phrase = [m for m in before if m.start >= clause_start
                     and not _COMMA.search(text[m.end - off:first - off].split("到")[0].split("赴")[0])]
        senders = in_phrase[-1:] or before[:1]
        for h in hosts:
            for snd in senders:
                add(h, snd, "进修", L_TRAINING)
    groups = _groups(text, off, insts)
    # 以甲医院为牵头单位，联合乙、丙组建医共体: the lead and each member
    lead = _LEAD.search(text)
    if lead and L_LEAD.on and _KIND_PROGRAM["医联体"].search(text, lead.end()):
        heads = [m for m in insts if lead.start() < m.start - off and m.end - off <= lead.end()]
        for h in heads[:1]:
            for m in insts:
                if m.start - off >= lead.end():
                    add(h, m, "医联体", L_LEAD)
    # 甲医院牵头组建医共体，成员单位包括乙、丙: the lead and the members listed after it
    # (or 甲医院牵头，乙、丙加入医共体)
    heads = [m for m in insts if _LED_BY.match(text, m.end - off)] if L_MEMBERS.on and "牵头" in text else []
    if heads and (_KIND_PROGRAM["医联体"].search(text) or "联盟" in text):
        h = heads[0]
        mem = _MEMBERS.search(text, h.end - off)
        if mem:
            members = [m for m in insts if m.start - off >= mem.end() and not _STOP_MARK.search(text, mem.end(), m.start - off - 1)]
        else:
            members = [m for g in groups for m in g if g[0].start > h.end and _JOINS.match(text, g[-1].end - off)]
        for m in members:
            add(h, m, "医联体", L_MEMBERS)
    # staff or a team sent to a body: "由甲医院和乙医院…组成的医疗队派驻丙医院" → (甲, 丙), (乙, 丙)
    if groups and L_SENT_TO.on:
        for k, g in enumerate(groups[1:], 1):
            if _SENT_TO.search(text, 0, g[0].start - off):
                # the senders: the bodies named before the verb that are joined to the first by 和/及/、
                senders = list(groups[0])
                for prev, nxt in zip(groups[:k], groups[1:k]):
                    if text[prev[-1].end - off:nxt[0].start - off] not in ("和", "及", "、", "以及", "与"):
                        break
                    senders += nxt
                for a in senders[:4]:
                    for h in g[:4]:
                        add(a, h, "对口支援", L_SENT_TO)
                break
    for k1, (g1, g2) in enumerate(zip(groups, groups[1:])):
        between = cues[g1[-1].end - off:g2[0].start - off]
        limit = 22 if "工作站" in between else 14
        if len(between) > limit or not _CONNECT.search(between) and "工作站" not in between or _STOP_MARK.search(between):
            continue
        after = _STOP_MARK.split(cues[g2[-1].end - off:g2[-1].end - off + 32])[0]
        if _EACH.match(after) and not _kind_of(between):
            continue                # 甲医院与乙医院分别牵头组建医共体: each its own, not with each other
        kind = _kind_of(between) or _kind_of(after)
        if kind is None or kind == "进修":
            continue
        side = list(g1)
        if _EACH_THEN_WITH.match(between):
            # 甲医院和乙医院分别与丙医院签约: every body joined to g1 before it is on g1's side
            k = k1
            while k > 0 and _EACH_WITH.match(text[groups[k - 1][-1].end - off:groups[k][0].start - off]):
                k -= 1
                side = list(groups[k]) + side
        for a in side[:4]:
            for b in g2[:4]:
                if kind == "对口支援" and _RECEIVES.match(between):
                    add(b, a, kind, L_LINKED)
                else:
                    add(a, b, kind, L_LINKED)
    # a clause that opens with 与/和/同 + partner, the subject being the sentence's first institution:
    # "甲医院…，和乙医院签订合作协议"
    # (not when that first one is itself a partner after 与: "…，与甲学院合作…，与乙中心交流" has no subject named)
    first_lead = text[max(0, groups[0][0].start - off - 2):groups[0][0].start - off] if groups else ""
    first_phrase = max([sent.start] + [off + c.end() for c in _PHRASE_MARK.finditer(text[:groups[0][0].start - off])]) \
        if groups else sent.start
    if groups and not (re.search(r"(?:^|[，,；;])[与和同跟]$", first_lead)
                       or groups[0][0].start - off == 1 and text[0] in "与和同跟") \
            and _subject_position(sent, first_phrase, groups[0][0], insts):
        subject = groups[0][0]
        for g in groups[1:]:
            lead = text[max(0, g[0].start - off - 2):g[0].start - off]
            if re.search(r"[，,][与和同跟]$|^[与和同跟]$", lead) or (g[0].start - off == 1 and text[0] in "与和同跟"):
                after = _STOP_MARK.split(cues[g[-1].end - off:g[-1].end - off + 32])[0]
                kind = _kind_of(after)
                if kind and kind != "进修":
                    for b in g[:4]:
                        add(subject, b, kind, L_SUBJECT)
    return out


def partner_of_the_writer(sent: Sentence, m: Mention) -> bool:
    """"…，与浙大公卫学院合作开展课题申报": a body the report's own side works with (与/同/跟 X + a
    cooperation cue in the same phrase), though no institution of ours is named."""
    off = sent.start
    lead = sent.text[max(0, m.start - off - 2):m.start - off]
    if not re.search(r"(?<!参)[与同跟]$", lead):
        return False
    after = _STOP_MARK.split(sent.text[m.end - off:m.end - off + 32])[0]
    kind = _kind_of(after)
    return kind is not None and kind != "进修"


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end
