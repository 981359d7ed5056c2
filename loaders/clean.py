"""Cleaning: raw text of any source → the report's own text.

Scraped pages, document-sharing sites and PDF conversions wrap a report in junk:
site menus and breadcrumbs, share/print buttons, copyright and ICP lines, URLs,
publication metadata, download/VIP prompts, page markers ("- 3 -", "第3页",
"…docx_第2页"), teaser lists after the report. The rules below are patterns, not
strings from any one site. A junk line that sat inside a sentence (a page number
between "卫生" and "院") is removed and the two halves are joined again.

Entry point: :func:`clean_text`. All regexes are compiled once at import.
"""
from __future__ import annotations

import functools
import re

# ------------------------------------------------------------------ characters
_HAN = r"\u4e00-\u9fff"
_ZERO_WIDTH = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[\u00a0\u2002-\u200a\u3000\u202f][ \u00a0\u2002-\u200a\u3000\u202f]*| {2,}")
_HAN_SPACE_HAN = re.compile(rf"(?<=[{_HAN}，。、；：）”])[ ]+(?=[{_HAN}（“，。、；：])")
_TERMINAL = frozenset("。！？!?；;：:….”」』）)")
_SENT_PUNCT = re.compile(r"[，。；！？,;!?]")

# A heading or list item starts a new unit; never glue it to the previous line.
HEADING = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[章节篇部分条]|[一二三四五六七八九十]+\s*[、.．]|"
    r"[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d{1,2}\s*[、.．](?!\d)|[①-⑳]|[一二三四五六七八九十]是|"
    r"[一二三四五六七八九十]+要)"
)
# Words that make a short line a report title rather than junk.
REPORT_WORD = re.compile(r"总结|计划|打算|要点|思路|汇报|报告|述职|安排|情况")

# --------------------------------------------------------- inline junk (removed)
_URL = re.compile(r"(?:https?|ftp)://[^\s\u3000，。；）)」\]】\u4e00-\u9fff]+|www\.[A-Za-z0-9\-]+\.[A-Za-z0-9.\-/_?=&%#]+")
_INLINE_JUNK = re.compile(
    r"[【\[]\s*(?:字体|字号)\s*[:：]?\s*大\s*中\s*小\s*[】\]]|"
    r"[【\[]\s*(?:打印(?:本页|此页|文章)?|关闭(?:窗口|本页)?|收藏(?:本页)?|返回顶部|回到顶部|分享到?|我要纠错|纠错)\s*[】\]]|"
    r"(?:字体|字号)\s*[:：]\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小\s*[】\]]?"
)
# Cheap pre-test: only a line holding one of these words can hold an inline button.
_INLINE_HINT = re.compile(r"字体|字号|打印|关闭|收藏|返回顶部|回到顶部|分享|纠错")
_TRAILING_JUNK = re.compile(r"(?<=[。！？])\s*仅供(?:学习)?参考\s*$|\s*(?:\.\.\.|…)\s*\[?更多\]?\s*$")

# ------------------------------------------------------------- junk lines
# Site-navigation vocabulary: a short line made (almost) only of these is a menu.
_NAV_WORDS = re.compile(
    r"首页|主页|网站首页|返回首页|当前位置|您的位置|你的位置|所在位置|网站导航|导航|网站地图|登录|登陆|注册|"
    r"退出|加入收藏|收藏本站|收藏|设为首页|返回顶部|回到顶部|返回|联系我们|关于我们|帮助中心|帮助|客服|在线客服|"
    r"联系客服|意见反馈|反馈|下载|举报|分享|打印|关闭|搜索|会员|充值|上传|投稿|手机版|电脑版|电脑桌面|"
    r"桌面|微信|微博|QQ|APP|App|app|订阅|二维码|扫一扫|切换|English|繁体|简体|无障碍|长辈版|"
    r"相关|更多|最新|热门|推荐|排行|标签|栏目|频道|专题|本周|本月|精选|资讯|公告|通知|范文|文库|总结大全|"
    r"工作总结|工作计划|半年总结|年终总结|心得体会|讲话稿|应用文档|汇报材料|目录|正文"
)
_MENU_SEP = re.compile(r"\s*[|｜¦/·•]\s*| +")
_NAV_SEP = re.compile(r"[\s>»›|/\\·•\-—_:：,，、。()（）\[\]【】<«‹]+")

# Junk recognised by how the line starts (anchored: cheap to test).
_JUNK_START = re.compile(
    "|".join(
        [
            # breadcrumbs and "you are here"
            r"(?:当前|您的|你的|所在)位置",
            r"[^，。]{0,6}(?:位置|导航)\s*是?\s*[:：]",
            r"(?:首页|主页|网站首页|返回首页)\s*[>»›/|｜]",
            r"(?:链接地址|本文链接|原文链接|原文地址|文章地址|本文地址|网址)\s*[:：]",
            r"[^。，；]{0,40}(?:\s*[>»›]\s*[^。，；>»›]{1,12}){2,}\s*$",
            # previous/next article, page navigation
            r"(?:上一篇|下一篇|上一页|下一页|上一条|下一条|上篇|下篇|首页\s*上一页|尾页)",
            # share / print / close buttons
            r"(?:分享到|分享至|分享：|分享:|打印本页|打印此页|关闭窗口|关闭本页|【?字体|字号[:：]|"
            r"微信扫一扫|扫一扫|扫描二维码|收藏本页|加入收藏|设为首页|返回顶部|回到顶部|我要纠错)",
            # site ownership, tech support
            r"(?:技术支持|主办单位|承办单位|主办|承办|协办|网站标识码|网站维护|备案号|建议使用|推荐使用)\s*[:：]?",
            # publication metadata
            r"(?:发布|发表|更新|上传|录入|撰稿|编辑|责任编辑|作者|来源|信息来源|文章来源|稿源|浏览|阅读|点击|"
            r"查看|访问|文档编号|文件编号|格式|大小|页数|字数|时间|日期|发布机构|发布日期|发布时间)"
            r"(?:次数|人数|量|数|者|人|时间|日期)?\s*[:：]",
            r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+\d+)?\s*$",
            # prices, site greetings, dialog buttons
            r"[¥￥$＄]\s*[\d.]+\s*$",
            r"欢迎(?:光临|访问|来到|您)",
            r"(?:确认删除|确定删除|取消|确定|提交|登录|注册)\s*[?？]?\s*$",
        ]
    )
)
# Junk recognised by a word anywhere in the line. Every branch starts with a literal and no
# branch is case-insensitive, so the regex engine skips quickly to candidate positions.
_JUNK_ANY = re.compile(
    "|".join(
        [
            # copyright, ICP
            r"版权所有|copyright|Copyright|COPYRIGHT|©|\([cC]\)\s*\d{4}|ICP\s*[备证]|icp\s*[备证]|公网安备|网安备|"
            r"增值电信业务经营许可证|经营许可证编号",
            r"(?:浏览器|分辨率).{0,20}(?:浏览|最佳|访问)",
            # breadcrumbs anywhere in a short line
            r"首页\s*[>»›]|主页\s*[>»›]",
            # publication metadata
            r"浏览次数|查看人数|阅读次数|阅读量|点击数|点击量|访问量|浏览量|人关注|次浏览|次阅读|人阅读|次下载|人下载",
            # download / VIP / paid documents / document-sharing sites
            r"VIP|vip|Vip|会员专享|免费下载|立即下载|点击下载|下载文档|文档下载|付费下载|下载券|下载本文|"
            r"原创力文档|在线阅读|全文阅读|阅读全文|展开阅读|查看全文|阅读完全部|全部预览完|文档总共|"
            r"由会员分享|会员上传|网友上传|用户上传|上传人|上传者|请在.{1,12}上搜索|违规举报|"
            r"本站|本网站|本文由|小编|收集整理.{0,10}(?:提供|分享|为您|希望)|转载请|请赞赏|打赏|赏赞|赞赏|付费(?:下载|阅读|文档|后|前)|"
            r"充值|金币|如有侵权|侵权.{0,6}(?:删除|联系|举报)|联系客服|在线客服|客服(?:QQ|微信|电话)",
            # file names of the shared document (…docx, …docx_第2页)
            r"\.(?:docx?|pdf|pptx?|wps|xlsx?|txt|DOCX?|PDF)(?:\b|_|》|$)",
        ]
    )
)
# A page marker: bare page numbers and "page n of m" lines of every common shape.
PAGE_MARKER = re.compile(
    "|".join(
        [
            r"^[-－—–_~\s]*\d{1,4}[-－—–_~\s]*$",
            r"^[-－—–\s]*第\s*\d{1,4}\s*页[-－—–\s]*$",
            r"^第?\s*\d{1,4}\s*页?\s*[/／,，]\s*共\s*\d{1,4}\s*页\s*$",
            r"^共\s*\d{1,4}\s*页.{0,12}第\s*\d{1,4}\s*页[\d\s]*$",
            r"^\d{1,4}\s*[/／]\s*\d{1,4}\s*$",
            r"^(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?\s*$",
            r"^[\[【(（]\s*\d{1,4}\s*[\]】)）]$",
            r"^(?:第\s*\d{1,4}\s*页\s*)+$",
        ]
    ),
    re.I,
)
# Heads of the teaser/recommendation lists and page furniture after a report: the rest of
# the page is junk once one of these appears after the report's body.
TAIL_MARKER = re.compile(
    r"^[\s•·●◆\-–—*]*(?:相关推荐|相关阅读|相关文章|相关资源|相关搜索|相关内容|相关下载|相关专题|相关范文|"
    r"相关[^\s，。]{1,8}信息|猜你喜欢|热门推荐|热门文章|热门阅读|热门标签|热门范文|推荐阅读|推荐文章|推荐范文|"
    r"延伸阅读|精选留言|我要留言|网友评论|发表评论|评论列表|全部评论|展开阅读全文|阅读全文|点击阅读全文|"
    r"查看全文|查看更多|推荐度|点击下载|下载文档|本文标题|本文链接|原文链接|最新文章|最新范文|"
    r"更多[^\s，。]{0,6}(?:文章|范文|推荐|阅读)|你可能(?:还)?(?:感兴趣|喜欢)|大家都在看|配套讲稿|特殊限制|"
    r"关\s*键\s*词|碎片内容|资源描述|上一篇|下一篇)"
)
# A line naming a compilation ("…工作总结(十五篇)") never belongs to one report.
COMPILATION_TITLE = re.compile(r"^.{2,60}[（(]\s*[一二三四五六七八九十百\d]+\s*篇\s*[)）]\s*$")
_TEASER_END = re.compile(r"(?:\.{3,}|…+|\.{3,}\s*\[?更多\]?|…\s*\[?更多\]?)\s*$")
_FORM_FEED = "\f"
_PAGE_ITEM = re.compile(r"^(\d{1,3})、")
_HAN_START = re.compile(r"^[\u4e00-\u9fff，,、；;。]")
_TOC = re.compile(r"目\s*录\s*[:：]?\s*(?:1|一)\s*[.、．]\s*")
_TOC_NEXT = re.compile(r"\s*(?:2|二)\s*[.、．]|\n")
_JUNK, _BLANK, _PAGE = 0, 1, 2
_HAS_HAN = re.compile(f"[{_HAN}]")
_HEADER_KEEP = re.compile(r"总结|计划|打算|要点|思路|汇报|报告|卫生|卫健|健康|医|局|委|政府|县|区|市|旗|乡|镇")
_SITE_TALK = re.compile(r"本站|本网站|会员分享|网友上传|如有侵权|违规举报|付费下载|VIP|vip|\.(?:docx?|pdf|DOCX?|PDF)\b|版权所有|ICP|icp")


# ------------------------------------------------------------------ helpers
def is_junk_line(line: str) -> bool:
    """True for a line that is page furniture, not report text."""
    s = line.strip()
    if not s:
        return False
    if _long_prose(s):
        return False
    if _JUNK_START.match(s) or _JUNK_ANY.search(s):
        return True
    if PAGE_MARKER.match(s):
        return True
    if len(s) <= 40 and not _HAS_HAN.search(s) and s[-1] not in "。；！？，、":
        return True  # "QQ", "2024-03-11 08:02", "¥8.8": no Chinese word, no report text
    if len(s) <= 60 and not _SENT_PUNCT.search(s) and not HEADING.match(s):
        tokens = [t for t in _MENU_SEP.split(s) if t]
        if len(tokens) >= 3 and all(len(t) <= 8 for t in tokens) and (len(tokens) >= 4 or _NAV_WORDS.search(s)):
            return True  # a menu: 首页 | 新闻中心 | 政务公开
    if len(s) <= 40 and not _SENT_PUNCT.search(s) and not HEADING.match(s):
        rest = _NAV_SEP.sub("", _NAV_WORDS.sub("", s))
        if len(rest) <= max(1, len(s) // 6):
            return True
    return False


def _long_prose(s: str) -> bool:
    """A long line with several sentences is report text even if it names a junk word
    (a report may say 通过门户网站发布, 下载量); only page furniture is short or run-on junk."""
    if len(s) < 120:
        return False
    if _SITE_TALK.search(s):
        return False
    return len(_SENT_PUNCT.findall(s)) >= 4


def is_teaser(par: str) -> bool:
    """A teaser: a short paragraph cut off with an ellipsis (…/.../...[更多])."""
    return len(par) <= 320 and par.endswith((".", "…", "]", "多")) and bool(_TEASER_END.search(par))


def _ends_open(line: str) -> bool:
    return bool(line) and line[-1] not in _TERMINAL


def _heading_like(line: str) -> bool:
    return bool(HEADING.match(line)) and len(line) <= 40


def _prose_len(line: str) -> int:
    return len(line) if len(line) >= 20 and _SENT_PUNCT.search(line) else 0


# A pinyin gloss after a Han character, as some pages print rare or polyphonic characters: 区(qū).
_PINYIN_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters as simplified ones (OpenCC t2s), character for character: when the
    conversion would change the length of the text (a phrase-level rewrite), the text is kept."""
    out = _t2s().convert(text)
    return out if len(out) == len(text) else text


# ------------------------------------------------------------------ stages
def normalise_raw(text: str) -> str:
    """Line endings, odd spaces and zero-width characters, pinyin glosses after a character
    (区(qū)); keeps form feeds (page breaks)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    if "(" in text or "（" in text:
        text = _PINYIN_GLOSS.sub("", text)
    text = text.replace("\f", "\n\f\n")
    return _SPACES.sub(" ", text)


def drop_toc(text: str) -> str:
    """A table of contents (目录 1.… 2.…) before the body: the body starts where the
    first entry's title appears again; everything before it is dropped."""
    m = _TOC.search(text)
    if not m or m.start() > len(text) // 2:
        return text
    n = _TOC_NEXT.search(text, m.end())
    if not n:
        return text
    first = text[m.end():n.start()].strip()
    if not 4 <= len(first) <= 60:
        return text
    again = text.find(first, n.end())
    if again < 0:
        return text
    return text[again:]


def _strip_inline(line: str) -> str:
    if "://" in line or "www." in line:
        line = _URL.sub("", line)
    if _INLINE_HINT.search(line):
        line = _INLINE_JUNK.sub("", line)
    if line.endswith(("参考", "更多", "更多]")):
        line = _TRAILING_JUNK.sub("", line)
    return line.strip(" \t")


def _header_junk(line: str) -> bool:
    """Leading short lines before the report that carry no report word (site names,
    "add to desktop" prompts)."""
    if len(line) >= 30 or _SENT_PUNCT.search(line):
        return False
    return not _HEADER_KEEP.search(line)


def _classify(lines: list[str]) -> list[str | int]:
    """Lines → kept text lines, _BLANK markers, and _JUNK markers where a junk line was."""
    out: list[str | int] = []
    prose = 0
    started = False
    for raw in lines:
        if raw == _FORM_FEED:
            out.append(_PAGE)
            continue
        s = raw.strip()
        if not s:
            out.append(_BLANK)
            continue
        if TAIL_MARKER.match(s) and prose >= 100:
            break
        if COMPILATION_TITLE.match(s) and prose >= 100:
            break
        had_url = ("://" in s or "www." in s) and bool(_URL.search(s))
        s = _strip_inline(s)
        if had_url and re.fullmatch(r"[^。，；]{0,12}[:：]?", s):
            out.append(_JUNK)  # "链接地址:" once its URL is gone
            continue
        if PAGE_MARKER.match(s):
            out.append(_PAGE)
            continue
        if not s or is_junk_line(s) or TAIL_MARKER.match(s) or COMPILATION_TITLE.match(s):
            out.append(_JUNK)
            continue
        if not started and _header_junk(s):
            out.append(_JUNK)
            continue
        started = True
        prose += _prose_len(s)
        out.append(s)
    return out


def _titleish(line: str) -> bool:
    return len(line) <= 60 and not _SENT_PUNCT.search(line) and bool(REPORT_WORD.search(line))


# A sentence cut just before its number: "…覆盖率提高到" / "88.1%。…"
_NUMBER_CUT = re.compile(r"(?:达到|达|为|至|共|计|约|增长|下降|提高|降低|增加|减少|占|超过|完成|累计)$")
_NUMBER_START = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?(?![、.．)）])")


def _join(items: list[str | int]) -> list[str]:
    """Rebuild lines: glue two halves of a sentence that a removed junk line (a page
    number, a page break, an ad, a page marker "N、" of a document-preview site) had
    split; keep real paragraph breaks."""
    out: list[str] = []
    saw_junk = saw_page = False
    for it in items:
        if it == _JUNK or it == _PAGE:
            saw_junk = True
            saw_page |= it == _PAGE
            continue
        if it == _BLANK:
            continue
        line = it
        if out:
            prev = out[-1]
            pm = _PAGE_ITEM.match(line)
            if pm and int(pm.group(1)) >= 2 and len(prev) >= 80 and _ends_open(prev):
                out[-1] = prev + line[pm.end():]
                saw_junk = saw_page = False
                continue
            if (saw_junk and _ends_open(prev) and not _heading_like(prev) and not _titleish(prev)
                    and (saw_page or len(prev) >= 15 or _SENT_PUNCT.search(prev))
                    and not HEADING.match(line) and not _titleish(line)):
                out[-1] = prev + line
                saw_junk = saw_page = False
                continue
            if line[0] in "，,、；;。" and not prev.endswith(("。", "！", "？")):
                out[-1] = prev + line  # no line starts with a comma: the break is an artefact
                saw_junk = saw_page = False
                continue
            if (_ends_open(prev) and len(prev) >= 15 and _SENT_PUNCT.search(prev) and not HEADING.match(prev)
                    and not HEADING.match(line) and not _titleish(line)
                    and (_HAN_START.match(line) or _NUMBER_CUT.search(prev) and _NUMBER_START.match(line))):
                # prose cut in mid-word by a converter ("…我局立" / "即组织…"): one sentence again
                out[-1] = prev + line
                saw_junk = saw_page = False
                continue
        out.append(line)
        saw_junk = saw_page = False
    return out


def _reflow(lines: list[str]) -> list[str]:
    """Undo hard line wrapping (PDF text layers): when most lines are about as long as the
    longest and most of those stop mid-sentence, a full-width line that does not end a
    sentence continues on the next. Table rows (tab-separated cells) are left alone."""
    prose = [x for x in lines if len(x) >= 8 and "\t" not in x]
    if len(prose) < 4:
        return lines
    lens = sorted(len(x) for x in prose)
    width = lens[int(len(lens) * 0.9) - 1 if len(lens) >= 10 else -1]
    if width > 120 or width < 16:
        return lines
    full = [x for x in prose if len(x) >= 0.8 * width]
    if len(full) < 0.4 * len(prose) or sum(1 for x in full if _ends_open(x)) < 0.5 * len(full):
        return lines
    out: list[str] = []
    glue = False
    for line in lines:
        if glue and out and not _heading_like(line) and "\t" not in line:
            out[-1] += line
        else:
            out.append(line)
        glue = len(line) >= 0.8 * width and _ends_open(line) and "\t" not in line
    return out


def drop_teaser_tail(lines: list[str]) -> list[str]:
    """Drop a run of teasers at the end: from the first short paragraph cut off with "…"
    after which every paragraph is a teaser or short."""
    cut = len(lines)
    i = len(lines) - 1
    while i >= 0 and (is_teaser(lines[i]) or len(lines[i]) < 200):
        if is_teaser(lines[i]):
            cut = i
        i -= 1
    if sum(_prose_len(x) for x in lines[:cut]) < 150:
        return lines  # nothing but the "teaser" would be left: it is the report itself
    return lines[:cut]


def clean_lines(text: str) -> list[str]:
    text = drop_toc(normalise_raw(text))
    raw = text.split("\n")
    lines = _join(_classify(raw))
    lines = _drop_leading_page_item(lines)
    lines = _reflow(lines)
    lines = drop_teaser_tail(lines)
    return [_HAN_SPACE_HAN.sub("", x) if " " in x else x for x in lines]


def _drop_leading_page_item(lines: list[str]) -> list[str]:
    """Document-preview sites number their page images 1、2、3、…; after the 2、3、… ones
    were glued away, a "1、" before a title-like first line goes too."""
    if lines and _PAGE_ITEM.match(lines[0]) and lines[0].startswith("1、") and len(lines[0]) >= 200:
        return [lines[0][2:]] + lines[1:]
    return lines


def clean_text(text: str) -> str:
    """The report text with junk removed, one paragraph (or heading) per line."""
    return "\n".join(clean_lines(text))
