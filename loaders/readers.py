"""Readers: the bytes of one file → raw text (before cleaning).

Each reader turns every library failure into a coded :class:`kg.errors.InputError`;
a user's file never produces a traceback.
"""
from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import Path

from kg.errors import E, InputError

# Encodings charset-normalizer may name for Chinese text; GB2312/GBK are read as
# GB18030, their superset, so a rare character outside GBK still decodes.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "hz", "euc_cn", "gb_2312"}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CTRL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")


# ---------------------------------------------------------------- plain text
def looks_binary(data: bytes) -> bool:
    """NUL bytes (outside UTF-16) or many control characters: not a text report."""
    head = data[:65536]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    return len(_CTRL.findall(head)) > max(8, len(head) // 100)


def decode_text(data: bytes, path: Path) -> str:
    """Decode a text file: BOM, then strict UTF-8, then charset detection.

    Raises E101 (empty), E102 (binary) or E103 (no encoding fits).
    """
    if not data.strip():
        raise InputError(E.E101, path=path)
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(E.E103, path=path, detail=f"invalid UTF-8 after BOM at byte {exc.start}") from None
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc)
            except UnicodeDecodeError:
                raise InputError(E.E103, path=path, detail=f"invalid {enc.upper()}") from None
    if looks_binary(data):
        raise InputError(E.E102, path=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _detect(data, path)


def _detect(data: bytes, path: Path) -> str:
    """charset-normalizer's verdict, cross-checked against GB18030 for short files.

    On a few dozen bytes the detector may name Big5, CP949 or UTF-16 for GBK text
    (县医院 → 瓮瓟埏). Reports are simplified Chinese, so when the detector's choice is not
    a GB encoding, a strict GB18030 decoding whose characters are almost all common
    simplified Hanzi, Chinese punctuation or ASCII wins over a less plausible reading.
    """
    from charset_normalizer import from_bytes

    try:
        best = from_bytes(data).best()
    except Exception as exc:  # noqa: BLE001 - a detector failure is an undecodable file
        raise InputError(E.E103, path=path, detail=f"detection failed: {exc}") from None
    text: str | None = None
    name = best.encoding if best is not None else "none"
    if best is not None:
        enc = best.encoding.lower().replace("-", "_")
        if enc in _GB_FAMILY:
            enc = "gb18030"
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            text = None
        if enc == "gb18030" and text is not None:
            return text
    try:
        gb = data.decode("gb18030")
    except UnicodeDecodeError:
        gb = None
    if gb is not None and _CJK.search(gb):
        score = zh_plausibility(gb)
        if score >= 0.9 and (text is None or score > zh_plausibility(text)):
            return gb
    if text is None:
        raise InputError(E.E103, path=path, detail=f"no known encoding fits (detector: {name})")
    # A report is Chinese: a "detected" single-byte codepage yielding no Han character
    # means the detector found nothing better than noise.
    if not _CJK.search(text) and any(b >= 0x80 for b in data):
        raise InputError(E.E103, path=path, detail=f"no Chinese text under any encoding (best guess {name})")
    return text


_ZH_PUNCT = frozenset("，。、；：？！“”‘’（）《》【】—…·％‰　〇")


def zh_plausibility(text: str, sample: int = 3000) -> float:
    """Share of the non-space characters that are ASCII, Chinese punctuation or one of the
    3,755 common (GB2312 level-1) Hanzi: near 1.0 for a simplified Chinese report, low for
    a wrong decoding (rare or traditional characters, Hangul, kana)."""
    good = total = 0
    for ch in text[:sample]:
        if ch.isspace():
            continue
        total += 1
        if ch < "\x7f" or ch in _ZH_PUNCT:
            good += 1
        elif "\u4e00" <= ch <= "\u9fff":
            try:
                b = ch.encode("gb2312")
            except UnicodeEncodeError:
                continue
            if 0xB0 <= b[0] <= 0xD7:
                good += 1
    return good / total if total else 0.0


# ------------------------------------------------------------------ Markdown
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_LINE = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+)")
_MD_EMPH = re.compile(r"(\*\*|__|~~|`)(.+?)\1")
_MD_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$|^[ \t]*```.*$|^[ \t]*\|?[ \t]*:?-{3,}.*$")


def markdown_to_text(md: str) -> str:
    """Markdown markup off (headings, quotes, bullets, emphasis, links, images, rules); table
    rows keep their cells separated by tabs."""
    out = []
    for line in md.split("\n"):
        if _MD_RULE.match(line):
            continue
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_LINE.sub("", line)
        line = _MD_EMPH.sub(r"\2", line)
        if line.strip().startswith("|") and line.strip().endswith("|"):
            line = "\t".join(c.strip() for c in line.strip().strip("|").split("|"))
        out.append(line)
    return "\n".join(out)


_LOOKS_HTML = re.compile(r"\s*(?:<!DOCTYPE\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)


def looks_like_html(text: str) -> bool:
    """A page saved under a text suffix: read it as HTML."""
    return bool(_LOOKS_HTML.match(text[:500]))


# ---------------------------------------------------------------------- HTML
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "nav", "header", "footer",
              "aside", "form", "button", "select", "svg", "canvas", "object", "embed")
_JUNK_ATTR = re.compile(
    r"(?:^|[\s_\-])(?:menu|nav|navbar|navigation|breadcrumbs?|crumbs?|share|sharing|social|footer|foot|"
    r"copyright|sidebar|side|aside|ads?|advert|advertisement|banner|comments?|reply|related|"
    r"recommend|toolbar|tools|login|search|topbar|top-bar|bottom|gotop|backtop|friendlink|links?)"
    r"(?:$|[\s_\-\d])",
    re.I,
)
# The site's own header (logo, site name), not an article header holding the title.
_PAGE_HEADER = re.compile(r"^(?:site|page|top|global|main|web)?[-_]?(?:header|logo|masthead)$", re.I)
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
               "section", "article", "main", "blockquote", "pre", "dd", "dt", "dl", "hr", "center",
               "title", "caption", "tbody", "thead", "figcaption", "address"}
_CELL_TAGS = {"td", "th"}
_WS = re.compile(r"\s+")


def decode_html(data: bytes, path: Path) -> str:
    if not data.strip():
        raise InputError(E.E101, path=path)
    m = _META_CHARSET.search(data[:4096])
    if m and not data.startswith(codecs.BOM_UTF8):
        enc = m.group(1).decode("ascii", "replace").lower().replace("-", "_")
        if enc in _GB_FAMILY:
            enc = "gb18030"
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            pass  # the page lies about its charset: detect instead
    return decode_text(data, path)


def html_to_text(html: str) -> str:
    """Visible main text of a page: junk elements removed, blocks on their own lines."""
    from bs4 import BeautifulSoup, Comment

    soup = BeautifulSoup(html, "lxml")
    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    body = soup.body or soup
    total = len(_CJK.findall(body.get_text())) or 1
    for tag in soup.find_all(True):
        if getattr(tag, "decomposed", False):
            continue
        attrs = getattr(tag, "attrs", None)
        if not attrs or tag.name in ("html", "body"):
            continue
        classes = attrs.get("class") or []
        if isinstance(classes, str):
            classes = classes.split()
        tokens = [*classes, str(attrs.get("id") or ""), str(attrs.get("role") or "")]
        marks = " ".join(tokens)
        if marks.strip() and (_JUNK_ATTR.search(marks) or any(_PAGE_HEADER.match(t) for t in tokens)):
            # a wrapper holding most of the page (or its <h1>) is the article, whatever its class
            if tag.find("h1") is not None or len(_CJK.findall(tag.get_text())) > 0.5 * total:
                continue
            tag.decompose()
    head = soup.find("head")
    if head is not None:
        head.decompose()
    root = soup.body or soup
    parts: list[str] = []
    _walk(root, parts)
    text = "".join(parts)
    return text


_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.I | re.S)
_TITLE_SPLIT = re.compile(r"\s*(?:[_|｜–—]|\s-\s|-{2,})\s*")
_REPORT_WORD = re.compile(r"总结|计划|打算|要点|思路|汇报|报告")


def html_page_title(html: str) -> str | None:
    """The report title from the page's <title> (site name after "_" / "|" / " - " removed)."""
    m = _TITLE_TAG.search(html[:20000])
    if not m:
        return None
    import html as _html

    text = re.sub(r"\s+", " ", _html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))).strip()
    for part in _TITLE_SPLIT.split(text):
        if _REPORT_WORD.search(part) and 4 <= len(part) <= 60:
            return part.strip()
    return None


def _walk(node, parts: list[str]) -> None:
    from bs4 import NavigableString, Tag

    for child in node.children:
        if isinstance(child, NavigableString):
            s = _WS.sub(" ", str(child))
            if s.strip() or (s and parts and not parts[-1].endswith(("\n", "\t", " "))):
                parts.append(s)
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            parts.append("\n")
            continue
        block = name in _BLOCK_TAGS
        if block:
            parts.append("\n")
        _walk(child, parts)
        if block:
            parts.append("\n")
        elif name in _CELL_TAGS:
            parts.append("\t")


# ---------------------------------------------------------------------- DOCX
def read_docx(data: bytes, path: Path) -> str:
    """Paragraphs and table cells in document order (cells of a row joined by a tab)."""
    if not data:
        raise InputError(E.E101, path=path)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(E.E104, path=path, detail="an old binary Word .doc file renamed .docx; save it as .docx")
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        body = document.element.body
        for child in body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.append(Paragraph(child, document).text)
            elif tag == "tbl":
                for row in Table(child, document).rows:
                    cells: list[str] = []
                    for cell in row.cells:
                        t = cell.text.strip()
                        if t and (not cells or cells[-1] != t):  # merged cells repeat their text
                            cells.append(t)
                    if cells:
                        lines.append("\t".join(cells))
                lines.append("")
        return "\n".join(lines)
    except InputError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, AttributeError, TypeError, IndexError) as exc:
        raise InputError(E.E104, path=path, detail=_short(exc)) from None
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise many types for a broken package
        raise InputError(E.E104, path=path, detail=_short(exc)) from None


# ----------------------------------------------------------------------- PDF
def read_pdf(data: bytes, path: Path) -> str:
    """The text layer of every page; pages separated by a form feed (a page break)."""
    if not data:
        raise InputError(E.E101, path=path)
    try:
        import logging

        from pypdf import PdfReader

        logging.getLogger("pypdf").setLevel(logging.ERROR)
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as exc:  # noqa: BLE001
                raise InputError(E.E105, path=path, detail=f"encrypted ({_short(exc)})") from None
            if not ok:
                raise InputError(E.E105, path=path, detail="encrypted with a password")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types for a broken file
        raise InputError(E.E105, path=path, detail=_short(exc)) from None
    if not pages:
        raise InputError(E.E105, path=path, detail="no pages")
    if not any(_CJK.search(p) or re.search(r"\w{3}", p) for p in pages):
        raise InputError(E.E107, path=path)
    return "\n\f\n".join(p.replace("\f", "\n") for p in pages)


def _short(exc: BaseException) -> str:
    s = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
    s = re.sub(r"\s+", " ", s)
    return s if len(s) <= 120 else s[:117] + "..."
