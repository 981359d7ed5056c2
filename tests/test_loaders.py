"""Readers and load_file: encodings, formats, coded errors, the sample corpus, the eval set."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from kg.errors import InputError, KGError
from loaders import SUPPORTED_SUFFIXES, collect_files, load_file
from loaders.readers import decode_text, html_to_text

FIX = Path(__file__).parent / "fixtures" / "loaders"
REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"


def code_of(path: Path) -> str:
    with pytest.raises(InputError) as exc:
        load_file(path)
    return exc.value.code


# ------------------------------------------------------------------ collect_files
def test_supported_suffixes():
    assert SUPPORTED_SUFFIXES == frozenset({".txt", ".md", ".html", ".htm", ".docx", ".pdf"})


def test_collect_files_recursive_sorted_dedup_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.html").write_text("x", encoding="utf-8")
    (tmp_path / "c.xyz").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "inside.txt").write_text("x", encoding="utf-8")
    files = collect_files([tmp_path, tmp_path / "a.html", str(tmp_path / "b")])
    assert files == sorted({tmp_path / "a.html", tmp_path / "b" / "z.txt", tmp_path / "c.xyz"})


def test_collect_files_missing_path_is_usage_error(tmp_path):
    with pytest.raises(KGError) as exc:
        collect_files([tmp_path / "nope"])
    assert exc.value.code == "KG-E100"
    assert not isinstance(exc.value, InputError)


# ------------------------------------------------------------------ encodings
def test_gbk_file_is_detected_and_decoded():
    p = FIX / "gbk_report.txt"
    [d] = load_file(p)
    assert d.id == "gbk_report" and d.source == "gbk_report.txt"
    assert d.sha256 == hashlib.sha256(p.read_bytes()).hexdigest()
    assert d.title == "澄湖县卫生健康局2023年工作总结"
    assert "县域内就诊率达到88.5%" in d.text
    assert "发布时间" not in d.text and "首页" not in d.text


def test_utf8_bom_is_removed_and_page_numbers_glued():
    [d] = load_file(FIX / "bom_report.txt")
    assert not d.text.startswith("\ufeff")
    assert "门诊人次同比增长12.4%，家庭医生签约率达到41.3%。" in d.text
    assert "- 3 -" not in d.text and "第2页" not in d.text


def test_strict_utf8_is_preferred(tmp_path):
    data = "县人民医院参合率达到98.6%。".encode("utf-8")
    assert decode_text(data, tmp_path / "x.txt") == "县人民医院参合率达到98.6%。"


def test_gb18030_rare_character():
    # 䶮 is outside GBK but inside GB18030: a GBK reading would fail
    s = ("县卫生健康局全年工作总结，䶮镇卫生院完成改造。" * 3).encode("gb18030")
    assert "䶮镇卫生院" in decode_text(s, Path("x.txt"))


def test_undecodable_bytes(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes(bytes(range(0xA0, 0x100)) * 4)
    assert code_of(p) == "KG-E103"


def test_utf16_with_bom(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes("\ufeff桃源县卫生健康局2023年工作总结\n全县新农合参合率达到99.1%，县人民医院完成改扩建。".encode("utf-16-le"))
    [d] = load_file(p)
    assert d.region == "桃源县" and "99.1%" in d.text


# ------------------------------------------------------------------ HTML
def test_html_page_junk_removed_meta_charset_gbk():
    [d] = load_file(FIX / "junk_page.html")
    assert d.title == "石湾县卫生健康局2023年工作总结"
    assert d.region == "石湾县" and d.year == 2023
    for junk in ("首页", "当前位置", "版权所有", "ICP", "技术支持", "分享到", "打印本页", "上一篇",
                 "发表评论", "广告脚本", "http", "门户网站", "浏览次数"):
        assert junk not in d.text, junk
    lines = d.text.split("\n")
    assert lines[0] == "石湾县卫生健康局2023年工作总结"
    assert "一、石湾县人民医院对口帮扶五家乡镇卫生院，全年下派医生30人次。" in lines


def test_html_blocks_become_lines_and_inline_stays_inline():
    html = "<html><body><div><p>第一段<b>加粗</b>文字。</p><ul><li>甲项</li><li>乙项</li></ul>尾<br>行</div></body></html>"
    text = html_to_text(html)
    lines = [x.strip() for x in text.split("\n") if x.strip()]
    assert lines == ["第一段加粗文字。", "甲项", "乙项", "尾", "行"]


def test_only_junk_gives_e109():
    assert code_of(FIX / "only_junk.html") == "KG-E109"


# ------------------------------------------------------------------ DOCX / PDF
def test_docx_paragraphs_and_table_cells(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("柳溪县卫生健康局2023年工作总结")
    d.add_paragraph("2023年，柳溪县人民医院完成胸痛中心建设，县医院门诊量增长8.2%。")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "指标", "数值"
    t.cell(1, 0).text, t.cell(1, 1).text = "参合率", "98.6%"
    d.add_paragraph("下一步继续推进医共体建设。")
    p = tmp_path / "liuxi.docx"
    d.save(p)
    [doc] = load_file(p)
    assert doc.title == "柳溪县卫生健康局2023年工作总结" and doc.region == "柳溪县"
    lines = doc.text.split("\n")
    assert "参合率\t98.6%" in lines
    assert lines.index("参合率\t98.6%") < lines.index("下一步继续推进医共体建设。")


def test_corrupt_docx():
    assert code_of(FIX / "corrupt.docx") == "KG-E104"


def test_zip_that_is_not_a_docx(tmp_path):
    import zipfile

    p = tmp_path / "fake.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "not a word document")
    assert code_of(p) == "KG-E104"


def test_corrupt_pdf():
    assert code_of(FIX / "corrupt.pdf") == "KG-E105"


def test_pdf_without_text_layer(tmp_path):
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    p = tmp_path / "scan.pdf"
    with p.open("wb") as f:
        w.write(f)
    assert code_of(p) == "KG-E107"


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    w.encrypt("secret")
    p = tmp_path / "locked.pdf"
    with p.open("wb") as f:
        w.write(f)
    assert code_of(p) == "KG-E105"


def test_pdf_text_layer_wrapped_lines_and_page_break():
    [d] = load_file(REPO / "sample" / "tongchuan_2023_report.pdf")
    assert d.title == "桐川县卫生健康局2023年度工作总结"
    assert "全县共有乡镇卫生院十四所" in d.text          # a page break inside 卫生|院
    assert "省人民医院与桐川县人民医院组建专科联盟，每月派专家开展手术示教。" in d.text  # wrapped lines rejoined
    assert "- 1 -" not in d.text and "\f" not in d.text


# ------------------------------------------------------------------ coded errors
@pytest.mark.parametrize(
    "name,code",
    [("empty.txt", "KG-E101"), ("binary.txt", "KG-E102"), ("notes.xyz", "KG-E106"),
     ("corrupt.docx", "KG-E104"), ("corrupt.pdf", "KG-E105")],
)
def test_bad_files_give_coded_errors(name, code):
    assert code_of(FIX / name) == code


def test_whitespace_only_file_is_empty(tmp_path):
    p = tmp_path / "blank.md"
    p.write_bytes(b"  \n\n \t\n")
    assert code_of(p) == "KG-E101"


def test_missing_file_is_input_error(tmp_path):
    assert code_of(tmp_path / "gone.txt") == "KG-E108"


# ------------------------------------------------------------------ sample corpus
SAMPLE_IDS = {
    "bailu_2023h1_gbk": ("白鹭县卫生健康委员会2023年上半年工作总结", "白鹭县", 2023),
    "county_reports_compilation#1": ("XX县卫生局2023年上半年工作总结", "XX县", 2023),
    "county_reports_compilation#2": ("南屏县卫生健康局xx年工作总结", "南屏县", None),
    "county_reports_compilation#3": ("禾丰县卫生健康局2023年工作要点", "禾丰县", 2023),
    "qinghe_2023_report": ("青禾县卫生健康局2023年工作总结", "青禾县", 2023),
    "songlin_2024_plan_bom": ("松林县卫生健康局2024年工作计划", "松林县", 2024),
    "tongchuan_2023_report": ("桐川县卫生健康局2023年度工作总结", "桐川县", 2023),
    "yunqi_2023_report": ("云栖区卫生健康局2023年工作总结", "云栖区", 2023),
}


def test_sample_corpus_loads_every_file_with_metadata():
    files = collect_files([REPO / "sample"])
    assert {f.suffix for f in files} >= {".html", ".txt", ".docx", ".pdf"}
    docs = [d for f in files for d in load_file(f)]
    got = {d.id: (d.title, d.region, d.year) for d in docs}
    assert got == SAMPLE_IDS
    assert len({d.sha256 for d in docs}) == len(docs)
    for d in docs:
        assert 300 <= len(d.text) <= 1500, d.id


def test_sample_html_keeps_report_drops_page():
    [d] = load_file(REPO / "sample" / "qinghe_2023_report.html")
    assert "省人民医院继续对口支援青禾县人民医院" in d.text
    for junk in ("无障碍", "当前位置", "字体", "分享到", "下一篇", "版权所有", "ICP", "相关链接", "留言"):
        assert junk not in d.text, junk


# ------------------------------------------------------------------ eval set
@pytest.mark.eval
def test_eval_documents_give_the_gold_ids():
    if not (EVAL / "docs").is_dir():
        pytest.skip(f"evaluation set not found at {EVAL}")
    index = json.loads((EVAL / "gold" / "INDEX.json").read_text(encoding="utf-8"))
    ids = [d.id for f in collect_files([EVAL / "docs"]) for d in load_file(f)]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(index)


# ------------------------------------------------------------------ robustness
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600), suffix=st.sampled_from(sorted(SUPPORTED_SUFFIXES)))
def test_any_bytes_give_documents_or_a_coded_error(tmp_path, data, suffix):
    p = tmp_path / f"fuzz{suffix}"
    p.write_bytes(data)
    try:
        docs = load_file(p)
    except InputError as exc:
        assert exc.code.startswith("KG-E10")
    else:
        assert docs and all(d.text and d.id.startswith("fuzz") for d in docs)


def test_html_title_tag_is_the_fallback_title(tmp_path):
    p = tmp_path / "page.htm"
    p.write_text("<html><head><title>柏林县卫生健康局2023年工作总结_柏林县人民政府网</title></head><body>"
                 "<div><p>今年以来，柏林县人民医院门诊量增长9%，柏林县卫生健康局推进医共体建设取得进展。</p></div>"
                 "</body></html>", encoding="utf-8")
    [d] = load_file(p)
    assert d.title == "柏林县卫生健康局2023年工作总结"
    assert d.year == 2023 and d.region == "柏林县"


def test_title_fused_with_first_sentence_gets_its_own_line(tmp_path):
    p = tmp_path / "fused.txt"
    page1 = "1、甲县卫健委2023年度工作总结2023年，全县卫生健康工作稳步推进。" + "县人民医院门诊量增长6%，" * 20 + "乡镇卫"
    page2 = "2、生院服务能力明显提升。"
    p.write_text(f"甲县卫健委2023年度工作总结.docx\n{page1}\n{page2}", encoding="utf-8")
    [d] = load_file(p)
    assert d.title == "甲县卫健委2023年度工作总结"
    lines = d.text.split("\n")
    assert lines[0] == "甲县卫健委2023年度工作总结"
    assert lines[1].startswith("2023年，全县卫生健康工作稳步推进。")
    assert lines[1].endswith("乡镇卫生院服务能力明显提升。")


def test_collect_files_survives_a_symlink_loop(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "r.txt").write_text("x", encoding="utf-8")
    (tmp_path / "d" / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert collect_files([tmp_path]) == [tmp_path / "d" / "r.txt"]


def test_markdown_markup_is_removed(tmp_path):
    p = tmp_path / "report.md"
    p.write_text("# 江口县卫生健康局2023年工作总结\n\n> 内部资料\n\n## 一、医共体建设\n\n"
                 "- **江口县人民医院**牵头组建医共体，[详见附件](http://x.cn/a)。\n\n"
                 "| 指标 | 数值 |\n|---|---|\n| 参合率 | 98.6% |\n\n---\n", encoding="utf-8")
    [d] = load_file(p)
    assert d.title == "江口县卫生健康局2023年工作总结" and d.region == "江口县"
    lines = d.text.split("\n")
    assert "江口县人民医院牵头组建医共体，详见附件。" in lines
    assert "一、医共体建设" in lines and "参合率\t98.6%" in lines
    assert not any(ch in d.text for ch in "#*>|[]")


def test_html_saved_as_txt_is_read_as_html(tmp_path):
    p = tmp_path / "saved.txt"
    p.write_text("<!DOCTYPE html><html><head><title>x</title></head><body><nav>首页 登录</nav>"
                 "<h1>河源县卫生健康局2023年工作总结</h1><p>河源县人民医院全年门诊量增长5%，县疾控中心完成各项监测任务。</p>"
                 "</body></html>", encoding="utf-8")
    [d] = load_file(p)
    assert d.text.split("\n")[0] == "河源县卫生健康局2023年工作总结"
    assert "<" not in d.text and "登录" not in d.text


def test_collect_files_same_file_through_two_spellings_once(tmp_path, monkeypatch):
    (tmp_path / "r.txt").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert collect_files([Path("r.txt"), tmp_path / "r.txt", Path("."), Path("./r.txt")]) == [Path("r.txt")]


@pytest.mark.parametrize("s", ["县医院", "卫生院", "疾控中心", "2023年工作计划", "村卫生室86所", "全县参合率达到98.6%。",
                               "乡镇卫生院院长述职报告"])
def test_short_gbk_texts_are_not_misread(s):
    # on a few bytes a detector alone names Big5/CP949/UTF-16 for these
    assert decode_text(s.encode("gbk"), Path("short.txt")) == s


def test_big5_traditional_text_stays_big5():
    trad = "衛生局年度工作總結：全縣鄉鎮衛生院十五所，村衛生室二百八十所，醫師數量穩定增長。" * 3
    assert decode_text(trad.encode("big5"), Path("trad.txt")) == trad


def test_html_article_inside_a_junk_looking_wrapper_is_kept(tmp_path):
    body = "全县共有乡镇卫生院十二所，县人民医院完成改扩建，家庭医生签约服务覆盖四万人。" * 4
    p = tmp_path / "wrapped.html"
    p.write_text(f"<html><body><div class='main-side-wrap'><div id='printContent'><h1>临江县卫生健康局2023年工作总结</h1>"
                 f"<p>{body}</p></div></div><div class='side'>热点新闻 通知公告</div></body></html>", encoding="utf-8")
    [d] = load_file(p)
    assert d.title == "临江县卫生健康局2023年工作总结" and body in d.text
    assert "热点新闻" not in d.text


def test_legacy_doc_renamed_docx_says_so(tmp_path):
    p = tmp_path / "old.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    with pytest.raises(InputError) as exc:
        load_file(p)
    assert exc.value.code == "KG-E104" and ".doc" in exc.value.message


# -- traditional characters and pinyin glosses ----------------------------------------------------
def test_traditional_text_is_read_as_simplified_and_kept_as_written(tmp_path):
    from loaders import load_file
    f = tmp_path / "trad.txt"
    f.write_text("青禾縣衛生健康局工作總結\n縣人民醫院開展家庭醫生簽約服務，簽約率達到三成。\n", encoding="utf-8")
    (doc,) = load_file(f)
    assert "县人民医院开展家庭医生签约服务" in doc.text
    assert doc.original is not None and "縣人民醫院" in doc.original
    assert len(doc.original) == len(doc.text)          # offsets of one are offsets of the other
    assert doc.title == "青禾縣衛生健康局工作總結"      # the title as written


def test_simplified_text_has_no_second_copy(tmp_path):
    from loaders import load_file
    f = tmp_path / "simple.txt"
    f.write_text("青禾县卫生健康局工作总结\n县人民医院开展家庭医生签约服务，签约率达到三成。\n", encoding="utf-8")
    (doc,) = load_file(f)
    assert doc.original is None


def test_pinyin_gloss_after_a_character_is_dropped():
    from loaders.clean import normalise_raw
    assert normalise_raw("本区(qū)卫生院(yuàn)与(甲)医院") == "本区卫生院与(甲)医院"


# ------------------------------------------------------------------ names and links (issue 15)
REPORT = "青禾县卫生健康局2023年工作总结\n青禾县人民医院牵头开展家庭医生签约服务，全县签约率达到65%。\n"


def test_a_file_name_that_is_not_utf8_gives_a_printable_id_and_source(tmp_path):
    p = Path(os.fsdecode(bytes(tmp_path) + b"/bad\xff\xfe.txt"))
    p.write_text(REPORT, encoding="utf-8")
    [d] = load_file(p)
    assert d.id == "bad\\xff\\xfe" and d.source == "bad\\xff\\xfe.txt"
    (d.id + d.source).encode("utf-8")                      # writable as UTF-8
    bad = Path(os.fsdecode(bytes(tmp_path) + b"/empty\xff.txt"))
    bad.write_bytes(b"")
    with pytest.raises(InputError) as exc:
        load_file(bad)
    assert "empty\\xff.txt" in str(exc.value)
    str(exc.value).encode("utf-8")


def test_collect_files_follows_a_linked_folder_once(tmp_path):
    real = tmp_path / "elsewhere"
    real.mkdir()
    (real / "r.txt").write_text(REPORT, encoding="utf-8")
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "linked").symlink_to(real, target_is_directory=True)
    (src / "sub" / "again").symlink_to(real, target_is_directory=True)    # the same folder twice
    (src / "sub" / "up").symlink_to(src, target_is_directory=True)        # a loop
    assert collect_files([src]) == [src / "linked" / "r.txt"]


def test_broken_links_loops_and_pipes_are_listed_and_coded(tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    files = collect_files([tmp_path])
    assert files == [tmp_path / "dangling.txt", tmp_path / "pipe.txt", tmp_path / "self.txt"]
    details = {}
    for f in files:
        with pytest.raises(InputError) as exc:
            load_file(f)                                      # never blocks on the pipe
        assert exc.value.code == "KG-E108"
        details[f.name] = exc.value.fields["detail"]
    assert details == {"dangling.txt": "broken symbolic link", "self.txt": "symbolic link loop",
                       "pipe.txt": "a named pipe, not a regular file"}


def test_a_folder_that_cannot_be_listed_is_reported(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "ok.txt").write_text(REPORT, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files = collect_files([tmp_path])
    assert files == [tmp_path / "locked", tmp_path / "ok.txt"]
    monkeypatch.setattr(os, "listdir", lambda p: (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
    with pytest.raises(InputError) as exc:
        load_file(tmp_path / "locked")
    assert exc.value.code == "KG-E108" and "cannot be listed" in str(exc.value)


def test_collect_files_leaves_out_excluded_folders_without_walking_them(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "facts.txt").write_text("x", encoding="utf-8")
    (tmp_path / "r.txt").write_text("x", encoding="utf-8")
    (tmp_path / "link-to-out").symlink_to(tmp_path / "out", target_is_directory=True)
    assert collect_files([tmp_path], exclude=[tmp_path / "out"]) == [tmp_path / "r.txt"]


def test_a_file_reached_through_a_link_too_keeps_its_own_name(tmp_path):
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "a-link.md").symlink_to(tmp_path / "report.txt")       # listed before it, and another suffix
    assert collect_files([tmp_path]) == [tmp_path / "report.txt"]
