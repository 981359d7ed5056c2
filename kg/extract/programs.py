"""Program mentions (stage: Document + Sentences → program Mentions).

Three sources, longest span wins:
- the program lexicon (schema/lexicons/programs.tsv + user lexicons): canonical names and aliases,
  matched with an Aho-Corasick automaton;
- quoted names: “三好一满意”活动, “健康乡村行” — a quoted term followed by a program word, or a
  quoted term that the sentence runs as a program (开展/实施/创建/启动/推进 “…”);
- named schemes ending in a program word (…工程, …行动, …项目, …活动, …试点, …示范区, 创建…), whose
  name runs left over nouns until a verb, a preposition or punctuation.
Generic work phrases (加强管理, 重点工作) are not programs.
"""
from __future__ import annotations

import functools
import re

import ahocorasick

from ..lexicon import Lexicon
from ..model import Document, Mention, Sentence
from ..text import normalise
from .institutions import _jieba, _tag

_QUOTED = re.compile(r"[“\"「『]([^”\"」』“《》]{2,24})[”\"」』]"
                     r"(?P<tail>(?:专项整治|专项行动|专项治理|专项活动|主题活动|系列活动|宣传月|宣传周|活动月|服务月|"
                     r"活动|工程|行动|项目|计划|建设|创建|工作制度|制度|政策|策略|病房|试点|年活动|年)?)")
_PROGRAM_WORDS = ("专项整治行动", "专项整治", "专项行动", "专项治理", "专项活动", "示范区创建", "示范县创建", "示范区", "示范县",
                  "示范市", "管理年活动", "服务年活动", "规范年活动", "年活动", "管理年", "服务年", "规范年", "提升年",
                  "行动计划", "工程", "行动", "项目", "活动", "试点", "筛查", "创建", "复审", "宣传月", "宣传周")
_SUFFIX_RE = re.compile("|".join(map(re.escape, _PROGRAM_WORDS)))
_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9+]")
_CUE_BEFORE_QUOTE = re.compile(r"(开展|实施|推进|启动|创建|推行|落实|深化|组织|参加|参与|争创|打造|获评|荣获|通过)[了的]?$")
# Generic heads that do not make a named program on their own.
_GENERIC = {"建设", "工作", "重点", "相关", "各项", "有关", "专项", "主题", "系列", "各类", "一系列", "建设项目", "重点项目",
            "民生", "服务", "管理", "医疗", "卫生", "健康", "宣传", "培训", "检查", "督导", "考核", "整治", "新建", "改造"}
_STOP_TAGS = {"v", "vd", "d", "p", "c", "u", "r", "t", "q", "y", "e", "ad", "uj", "ul", "ud", "ug", "uv", "uz", "a", "ag", "f"}
_STOP_WORDS = {"开展", "实施", "推进", "启动", "落实", "深化", "组织", "参加", "参与", "争创", "创建", "完成", "加强", "加快",
               "全面", "积极", "进一步", "继续", "认真", "扎实", "大力", "深入", "稳步", "持续", "不断", "切实", "做好", "抓好",
               "通过", "按照", "围绕", "结合", "利用", "以", "为", "和", "与", "及", "等", "的", "了", "在", "对", "将", "把",
               "获得", "荣获", "获评", "被评为", "确定为", "列为", "成为", "作为", "申报", "承担", "牵头", "负责", "全县", "全区",
               "全市", "我县", "我区", "我市", "今年", "年内", "上半年", "下半年", "目前", "期间", "其中", "各", "个", "项", "次"}
MAX_NAME = 16


class ProgramExtractor:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.auto = ahocorasick.Automaton()
        for key, entry in lexicon.programs.items():
            for s in {entry.name, *entry.aliases}:
                self.auto.add_word(s, (s, entry))
        self.auto.make_automaton()

    def __call__(self, doc: Document, sentences: list[Sentence]) -> list[Mention]:
        out: list[Mention] = []
        for sent in sentences:
            out.extend(self.sentence(sent))
        return out

    def sentence(self, sent: Sentence) -> list[Mention]:
        text = sent.text
        found: list[Mention] = []
        for end, (surface, entry) in self.auto.iter_long(text):
            start = end - len(surface) + 1
            if start > 0 and _NAME_CHAR.match(text[start - 1]) and _is_name_continuation(text, start, surface):
                # a longer named scheme that merely contains the lexicon word: leave it to the patterns
                pass
            found.append(self._mention(sent, start, end + 1, surface, entry.name))
        for m in _QUOTED.finditer(text):
            inner, tail = m.group(1), m.group("tail")
            if not tail and not _CUE_BEFORE_QUOTE.search(text[max(0, m.start() - 6):m.start()]):
                continue
            if re.search(r"[，,。；;：:！？]", inner) or re.fullmatch(r"[0-9.％%]+", inner):
                continue
            found.append(self._mention(sent, m.start(), m.end(), m.group(0), None))
        for m in _SUFFIX_RE.finditer(text):
            mm = self._named(sent, m.start(), m.end())
            if mm is not None:
                found.append(mm)
        return _longest(found)

    def _named(self, sent: Sentence, s: int, e: int) -> Mention | None:
        text = sent.text
        i = s
        while i > 0 and s - i < 24 and _NAME_CHAR.match(text[i - 1]):
            i -= 1
        if i == s:
            return None
        keep = _name_tail(text[i:s])
        if keep < 2:
            return None
        head = text[s - keep:s]
        if head in _GENERIC or len(head) + (e - s) > MAX_NAME + 4:
            return None
        word = text[s:e]
        if word in ("创建", "复审") and len(head) < 4:
            return None
        return self._mention(sent, s - keep, e, head + word, None)

    def _mention(self, sent: Sentence, start: int, end: int, surface: str, canonical: str | None) -> Mention:
        return Mention(type="program", name=canonical or surface, surface=surface, start=sent.start + start,
                       end=sent.start + end, sentence=sent.index, canonical=canonical)


def _is_name_continuation(text: str, start: int, surface: str) -> bool:
    return False


@functools.lru_cache(maxsize=65536)
def _name_tail(run: str) -> int:
    toks = list(_jieba().cut(run, HMM=False))
    kept: list[str] = []
    for w in reversed(toks):
        if w in _STOP_WORDS:
            break
        t = _tag(w)
        if len(w) > 1 and t in _STOP_TAGS:
            break
        if re.fullmatch(r"[0-9]+[个项次家所]?|[一二三四五六七八九十两]+[个项次]", w):
            break
        kept.append(w)
        if sum(map(len, kept)) >= MAX_NAME:
            break
    # drop leading generic words (加强, 全面 are already stops): 各项 / 重点
    while kept and kept[-1] in _GENERIC and len(kept) > 1:
        kept.pop()
    return sum(map(len, kept))


def _longest(ms: list[Mention]) -> list[Mention]:
    ms.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    for m in ms:
        if out and m.start < out[-1].end:
            prev = out[-1]
            if m.end - m.start > prev.end - prev.start and m.canonical is not None and prev.canonical is None:
                continue
            if m.end <= prev.end:
                # nested: a lexicon name inside a longer pattern name stays only when it's a known program
                if m.canonical is not None and prev.canonical is None and normalise(m.surface) != normalise(prev.surface):
                    continue
                continue
            continue
        out.append(m)
    return out
