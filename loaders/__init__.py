"""Loaders: files → clean :class:`kg.model.Document` records with metadata.

Public interface (called by the build pipeline):

- ``SUPPORTED_SUFFIXES`` — the file types a report can come in;
- ``collect_files(paths)`` — expand files/directories to a sorted list of files;
- ``load_file(path)`` — one Document per report (several for a 第1篇…第N篇 compilation),
  or a coded :class:`kg.errors.InputError`.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from kg.errors import E, InputError, KGError, printable
from kg.model import Document

from .clean import clean_text, to_simplified
from .meta import extract_region, extract_title, extract_year
from .readers import (
    decode_html,
    decode_text,
    html_page_title,
    html_to_text,
    looks_like_html,
    markdown_to_text,
    read_docx,
    read_pdf,
)
from .split import split_compilation

__all__ = ["SUPPORTED_SUFFIXES", "collect_files", "load_file", "read_raw_text", "clean_text"]

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".html", ".htm", ".docx", ".pdf"})


def collect_files(paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> list[Path]:
    """Files named or found (recursively, hidden files and folders skipped) under `paths`,
    leaving out whatever lies in the folders of `exclude`.

    Symbolic links are followed, to files and to folders; a folder reached a second time (a link
    loop, or two links to one folder) is read once, and a file reached through a link too keeps
    its own name. Returns every entry that is not a folder —
    supported or not, a broken link, a named pipe — and every folder that cannot be listed,
    sorted and de-duplicated, so that the caller reports each one it cannot use (load_file
    raises a coded error for them) and nothing is dropped silently. A path that does not exist
    raises KG-E100.
    """
    skip = [_resolved(Path(x)) for x in exclude]
    found: dict[Path, Path] = {}  # resolved path → the path as the user gave it (first seen)
    seen_dirs: set[tuple[int, int]] = set()

    def excluded(key: Path) -> bool:
        return any(key == d or key.is_relative_to(d) for d in skip)

    def add(f: Path) -> None:
        key = _resolved(f)
        if excluded(key):
            return
        first = found.get(key)
        if first is None or (first.is_symlink() and not f.is_symlink()):
            found[key] = f          # a file's own name rather than a link's (its id comes from the name)

    def unreadable(err: OSError) -> None:  # a folder os.walk cannot list: reported, not dropped
        if err.filename is not None:
            add(Path(os.fsdecode(err.filename)))

    for p in paths:
        path = Path(p)
        if not path.exists() and not path.is_symlink():
            raise KGError(E.E100, path=path)
        if not path.is_dir():
            add(path)
            continue
        if excluded(_resolved(path)):
            continue
        for root, dirs, files in os.walk(path, onerror=unreadable, followlinks=True):
            try:
                st = os.stat(root)
                ident = (st.st_dev, st.st_ino)
            except OSError:
                ident = None
            if ident is not None and ident in seen_dirs:   # a link loop, or a folder seen already
                dirs[:] = []
                continue
            if ident is not None:
                seen_dirs.add(ident)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                             and not excluded(_resolved(Path(root) / d)))
            for name in sorted(files):
                if not name.startswith("."):
                    add(Path(root) / name)
    return sorted(found.values())


def _resolved(p: Path) -> Path:
    """The real path of `p`; its absolute path when it cannot be resolved (a link loop)."""
    try:
        return p.resolve()
    except (OSError, RuntimeError):
        return p.absolute()


def _check_regular(path: Path) -> None:
    """InputError KG-E108 unless `path` is a regular file (after following links)."""
    try:
        st = path.stat()
    except (OSError, RuntimeError) as exc:
        err = getattr(exc, "errno", None)
        if path.is_symlink():
            detail = "symbolic link loop" if err == errno.ELOOP or err is None else "broken symbolic link"
        else:
            detail = getattr(exc, "strerror", None) or type(exc).__name__
        raise InputError(E.E108, path=path, detail=detail) from None
    if stat.S_ISREG(st.st_mode):
        return
    if stat.S_ISDIR(st.st_mode):
        try:
            os.listdir(path)
            detail = "a folder"
        except OSError as exc:
            detail = f"a folder that cannot be listed: {exc.strerror or type(exc).__name__}"
    else:
        kind = ("a named pipe" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode)
                else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "a special file")
        detail = f"{kind}, not a regular file"
    raise InputError(E.E108, path=path, detail=detail)


def read_raw_text(path: Path, data: bytes | None = None) -> str:
    """The text of one file before cleaning (decoded, markup removed)."""
    return _read(Path(path), data)[0]


def _read(path: Path, data: bytes | None) -> tuple[str, str | None]:
    """(raw text, a fallback title from the file's own metadata such as an HTML <title>)."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(E.E106, path=path, suffix=path.suffix or "(none)")
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(E.E108, path=path, detail=exc.strerror or type(exc).__name__) from None
    if not data:
        raise InputError(E.E101, path=path)
    if suffix in (".txt", ".md"):
        text = decode_text(data, path)
        if looks_like_html(text):
            return html_to_text(text), html_page_title(text)
        return (markdown_to_text(text) if suffix == ".md" else text), None
    if suffix in (".html", ".htm"):
        html = decode_html(data, path)
        return html_to_text(html), html_page_title(html)
    if suffix == ".docx":
        return read_docx(data, path), None
    return read_pdf(data, path), None


def load_file(path: Path) -> list[Document]:
    """One Document per report in the file; raises InputError (KG-E10x) for an unusable file."""
    path = Path(path)
    _check_regular(path)
    try:
        data = path.read_bytes() if path.suffix.lower() in SUPPORTED_SUFFIXES else b""
    except OSError as exc:
        raise InputError(E.E108, path=path, detail=exc.strerror or type(exc).__name__) from None
    raw, page_title = _read(path, data)
    raw = _no_surrogates(raw)
    page_title = _no_surrogates(page_title) if page_title else page_title
    base = hashlib.sha256(data)
    digest = base.hexdigest()
    # ids and sources are printable text: bytes of a name that is not UTF-8 are shown as \xNN
    stem, name = printable(path.stem), printable(path.name)
    sections = split_compilation(raw)
    docs: list[Document] = []
    if sections:
        for sec in sections:
            text, original = _simplified(sec.text)
            title = _as_written(extract_title(text, to_simplified(sec.title) if sec.title else sec.title), text, original) \
                or extract_title(sec.text, sec.title)
            docs.append(Document(
                id=f"{stem}#{sec.number}",
                text=text,
                original=original,
                source=name,
                sha256=_part_digest(base, sec.number),
                title=title,
                region=extract_region(to_simplified(title) if title else title, text),
                year=extract_year(title, text),
            ))
    else:
        text = clean_text(raw)
        if text.strip():
            simple, original = _simplified(text)
            title = _as_written(extract_title(simple), simple, original) or page_title
            if title and text.startswith(title) and text[len(title):len(title) + 1] not in ("", "\n"):
                text = title + "\n" + text[len(title):]  # a title fused with the first sentence
            simple, original = _simplified(text)
            docs.append(Document(
                id=stem, text=simple, original=original, source=name, sha256=digest, title=title,
                region=extract_region(to_simplified(title) if title else title, simple), year=extract_year(title, simple),
            ))
    if not docs or not any(_has_report_text(d.text) for d in docs):
        raise InputError(E.E109, path=path)
    return docs


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(text: str) -> str:
    """A lone surrogate (which a PDF's text layer can yield) cannot be written as UTF-8: U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _simplified(text: str) -> tuple[str, str | None]:
    """(the text extraction reads, the text as written when that differs): traditional characters
    are read as simplified ones (衛生局 → 卫生局); evidence is quoted as written."""
    simple = to_simplified(text)
    return (simple, text) if simple != text else (text, None)


def _as_written(title: str | None, simple: str, original: str | None) -> str | None:
    """A title found in the simplified text, quoted as the report writes it."""
    if not title or original is None:
        return title
    k = simple.find(title)
    return original[k:k + len(title)] if k >= 0 else title


def _part_digest(base, n: int) -> str:
    """sha256 of the file bytes followed by "#n": each part of a compilation has its own."""
    h = base.copy()
    h.update(f"#{n}".encode())
    return h.hexdigest()


_ENOUGH_HAN = re.compile(r"(?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){12}")   # a dozen Han characters at least


def _has_report_text(text: str) -> bool:
    return _ENOUGH_HAN.match(text) is not None
