"""`kg show DOC_ID PATHS… --out FILE`: one report with every institution, programme and indicator it
yields marked by displaCy, and each fact's sentence linked to the graph page.

The marks come from the kg_facts spaCy component (kg.spacy_component), i.e. the same extraction as
`kg build`. displaCy's "ent" style draws marks that do not overlap, so a mention inside another
(an indicator's phrase that names its hospital) is drawn on the part of it not already marked: every
mention gets one mark. Colours and names are the graph page's (viz/style.py). Report text reaches
the page only through displaCy (which escapes it) or html.escape: a `<script>` in a report is text.
"""
from __future__ import annotations

import html
import os
import shlex
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from .errors import E, KGError

_ZH = {"INSTITUTION": "机构", "PROGRAM": "项目", "INDICATOR": "指标"}
_ORDER = {"INSTITUTION": 0, "PROGRAM": 1, "INDICATOR": 2}

CSS = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif;
       margin: 0 auto; max-width: 980px; padding: 12px 20px; color: #222; font-size: 15px; }
h1 { font-size: 20px; margin: 8px 0; } h2 { font-size: 16px; margin: 18px 0 6px; }
.kg-meta, .kg-note { color: #555; font-size: 13px; }
.kg-legend span { display: inline-block; margin: 2px 10px 2px 0; padding: 1px 6px; border-radius: 4px; }
.kg-facts li { margin: 6px 0; line-height: 1.5; }
.kg-facts .kg-sent { color: #444; }
a.kg-node { color: #1a5fb4; }
"""


def _marks(text: str, spans: list[tuple[int, int, str, str]]) -> list[dict]:
    """displaCy's manual `ents`: one mark per span, on the longest part of it that no mark covers yet
    (institutions and programmes first, longer ones first)."""
    taken = bytearray(len(text))
    out = []
    for a, b, label, kid in sorted(spans, key=lambda s: (_ORDER.get(s[2], 3), -(s[1] - s[0]), s[0])):
        best, run = None, None
        for i in range(a, b + 1):
            free = i < b and not taken[i]
            if free and run is None:
                run = i
            elif not free and run is not None:
                if best is None or i - run > best[1] - best[0]:
                    best = (run, i)
                run = None
        if best is None:
            continue
        taken[best[0]:best[1]] = b"\x01" * (best[1] - best[0])
        out.append({"start": best[0], "end": best[1], "label": label, "kb_id": kid})
    out.sort(key=lambda m: m["start"])
    return out


def _find(doc_id: str, paths: Iterable[str | Path]):
    from .pipeline import load_documents  # noqa: PLC0415
    docs, _ = load_documents(paths)
    for d in docs:
        if d.id == doc_id:
            return d
    known = ", ".join(sorted(d.id for d in docs)[:10])
    raise KGError(E.E501, detail=f"no report '{doc_id}' under {', '.join(map(str, paths))} (ids: {known}"
                                 f"{' …' if len(docs) > 10 else ''})")


def render_show(document, doc, *, graph_href: str | None = "graph.html") -> tuple[str, int]:
    """The marked report's HTML and its number of marks, from a kg Document and the spaCy Doc of its
    text run through kg_facts."""
    from spacy import displacy  # noqa: PLC0415

    from viz.style import TYPES, entity_colors  # noqa: PLC0415

    spans = [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in doc.spans["kg"]]
    marks = _marks(doc.text, spans)
    colors = entity_colors()
    body = displacy.render({"text": doc.text, "ents": [{k: m[k] for k in ("start", "end", "label")} for m in marks]},
                           style="ent", manual=True, page=False, jupyter=False, options={"colors": colors})
    graph = doc._.kg_graph
    esc = html.escape

    def node_link(eid: str | None, fallback: str = "") -> str:
        if not eid:
            return esc(fallback)
        name = graph.nodes[eid].get("name", fallback) if eid in graph else fallback
        if not graph_href:
            return esc(name or eid)
        return f'<a class="kg-node" href="{esc(graph_href)}#focus={quote(eid, safe="")}">{esc(name or eid)}</a>'

    facts = []
    rel_zh = {"PARTICIPATES_IN": "参与项目", "PARTNERS_WITH": "机构合作"}
    for r in doc._.kg_relations:
        what = rel_zh.get(r["type"], r["type"]) + (f"·{r['kind']}" if r.get("kind") else "")
        facts.append((r["start"], f"{node_link(r['head_id'])} — {esc(what)} → {node_link(r['tail_id'])}"
                      f'<br><span class="kg-sent">“{esc(r["evidence"])}”</span>'))
    for m in doc._.kg_measurements:
        value = "（占位，无数值）" if m["value"] is None else f"{m['value']:g}"
        facts.append((m["start"], f"{node_link(m['indicator_id'], m['indicator'])}：{esc(value)} {esc(m['unit'] or '')}"
                      f"{esc('，' + m['period']) if m.get('period') else ''}"
                      f'<br><span class="kg-sent">“{esc(m["raw"])}”</span>'))
    facts.sort(key=lambda f: f[0])
    legend = "".join(f'<span style="background:{colors[label]}">{esc(label)} {esc(zh)}'
                     f'（{sum(1 for m in marks if m["label"] == label)}）</span>'
                     for label, zh in _ZH.items())
    legend += "".join(f'<span style="color:{t["color"]}">{t["glyph"]} {esc(t["zh"])}</span>'
                      for name, t in TYPES.items() if name in ("Institution", "Program", "Indicator"))
    meta = " · ".join(esc(str(x)) for x in (document.id, document.region, document.year, document.source) if x)
    back = (f' · <a href="{esc(graph_href)}">关系图</a>' if graph_href else "")
    title = document.title or document.id
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} — 抽取标注</title><style>{CSS}</style></head>
<body data-marks="{len(marks)}">
<h1>{esc(title)}</h1>
<div class="kg-meta">{meta}{back}</div>
<div class="kg-legend">{legend}</div>
<p class="kg-note">标注为 kg build 从本报告抽取的机构、项目和指标（与关系图同一配色）；点击下方事实中的名称回到关系图。</p>
<h2>报告全文</h2>
{body}
<h2>抽取的事实（{len(facts)}）</h2>
<ol class="kg-facts">{''.join(f'<li>{f}</li>' for _, f in facts)}</ol>
</body></html>
"""
    return page, len(marks)


def show(doc_id: str, paths: Iterable[str | Path], out: str | Path, *, graph: str | Path | None = None,
         lexicons: Iterable[str | Path] = ()) -> Path:
    """Write the page of report `doc_id` (found under `paths`, read as `kg build` reads them) to `out`.

    graph: the graph page its facts link to (default: graph.html beside `out`); links are relative."""
    from .spacy_component import blank_nlp  # noqa: PLC0415

    paths = [Path(p) for p in paths]
    document = _find(doc_id, paths)
    nlp = blank_nlp(lexicons)
    sdoc = nlp.make_doc(document.text)
    sdoc.user_data["kg"] = {"id": document.id, "title": document.title, "region": document.region,
                            "year": document.year, "source": document.source}
    sdoc = nlp(sdoc)
    out = Path(out)
    target = Path(graph) if graph is not None else out.parent / "graph.html"
    href = Path(os.path.relpath(target.resolve(), out.parent.resolve())).as_posix()
    text, _ = render_show(document, sdoc, graph_href=href)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise KGError(E.E203, path=out.parent, detail=exc.strerror or str(exc)) from exc
    return out


SHOW_PAGES_MAX_BYTES = 1_000_000   # report text (UTF-8) up to which `kg build` writes every report's page


def show_file(doc_id: str) -> str:
    """The file name of report `doc_id`'s marked page (what `kg show` writes by default, without show-)."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in str(doc_id)) + ".html"


def write_show_pages(documents, out_dir: str | Path, *, graph_page: str | Path, sources: Iterable = (),
                     lexicons: Iterable[str | Path] = (),
                     max_bytes: int = SHOW_PAGES_MAX_BYTES) -> tuple[dict[str, str], str | None]:
    """The marked report of every document (kg Documents, as `kg build` read them) in OUT_DIR/docs/,
    linked from the graph page: returns (document id → path relative to `out_dir`, None).

    Each page costs an extraction of its report again (spaCy + displaCy: ≈ 0.2 MB of text per second
    on one core, and ≈ 6 times the text in HTML), so above `max_bytes` of report text no page is
    written: the links say where `kg show` would write each one and the second value is that command,
    with {id} and {file} to fill in (the graph page shows it for the document asked for)."""
    from .spacy_component import blank_nlp  # noqa: PLC0415

    out_dir = Path(out_dir)
    docs_dir = out_dir / "docs"
    links: dict[str, str] = {}
    used: set[str] = set()
    for d in documents:
        name = show_file(d.id)
        stem, k = name[:-5], 2
        while name.lower() in used:                  # a#1 and a_1, or names differing in case only
            name, k = f"{stem}-{k}.html", k + 1
        used.add(name.lower())
        links[d.id] = f"docs/{name}"
    if sum(len(d.text.encode("utf-8")) for d in documents) > max_bytes:
        lex = "".join(f" --lexicon {shlex.quote(str(x))}" for x in lexicons)
        return links, ("kg show {id} " + " ".join(shlex.quote(str(x)) for x in sources) + lex
                       + f" --graph {shlex.quote(Path(graph_page).as_posix())}"
                       + f" --out {shlex.quote(out_dir.as_posix())}/{{file}}")
    href = Path(os.path.relpath(Path(graph_page).resolve(), docs_dir.resolve())).as_posix()
    nlp = blank_nlp(lexicons)
    try:
        docs_dir.mkdir(parents=True, exist_ok=True)
        for d in documents:
            sdoc = nlp.make_doc(d.text)
            sdoc.user_data["kg"] = {"id": d.id, "title": d.title, "region": d.region, "year": d.year,
                                    "source": d.source}
            text, _ = render_show(d, nlp(sdoc), graph_href=href)
            (out_dir / links[d.id]).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise KGError(E.E203, path=docs_dir, detail=exc.strerror or str(exc)) from exc
    return links, None


def _cli():
    import click  # noqa: PLC0415

    from .cliutil import handle_errors  # noqa: PLC0415

    @click.command("show")
    @click.argument("doc_id")
    @click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
    @click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
                  help="HTML file to write [default: out/show-DOC_ID.html].")
    @click.option("--graph", "graph", type=click.Path(dir_okay=False, path_type=Path), default=None,
                  help="The graph page the facts link to [default: graph.html beside --out].")
    @click.option("--lexicon", "lexicons", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
                  help="A user lexicon, as for kg build. Repeatable.")
    @handle_errors
    def show_cmd(doc_id: str, paths: tuple[Path, ...], out: Path | None, graph: Path | None,
                 lexicons: tuple[Path, ...]) -> None:
        """Write report DOC_ID (read from PATHS, as kg build reads them) with every institution, programme
        and indicator extracted from it marked, and each fact's sentence linked to the graph page.

        DOC_ID is a file's stem, or stem#n for the n-th report of a compilation (kg query documents)."""
        if out is None:
            safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in doc_id)
            out = Path("out") / f"show-{safe}.html"
        path = show(doc_id, paths, out, graph=graph, lexicons=lexicons)
        click.echo(f"wrote {path}")

    return show_cmd


show_cmd = _cli()
