"""The proposal PDF as a reader and a PDF tool see it."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from leaks import OWN_STAFF_PHONES, PROJECT_PRIVATE_PHONES, leaks, squeeze, standalone
from pypdf import PdfReader

PROJECT = "yunxi-cdc-network"
PROJECTS = ["qingshi-classroom", "linchuan-gov-dc", "yunxi-cdc-network"]


def pdf(built: Path, project: str = PROJECT) -> Path:
    return built / project / "proposal.pdf"


def text_of(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_cjk_fonts_are_embedded_subsets(built: Path) -> None:
    out = subprocess.run(["pdffonts", str(pdf(built))], capture_output=True, text=True, check=True).stdout
    rows = [ln.split() for ln in out.splitlines()[2:] if ln.strip()]
    names = [r[0] for r in rows]
    assert any("Noto-Serif-CJK-SC" in n for n in names) and any("Noto-Sans-CJK-SC" in n for n in names)
    for r in rows:
        emb, sub = r[-5], r[-4]
        assert (emb, sub) == ("yes", "yes"), r
        assert "+" in r[0]  # subset tag


def test_key_promises_are_in_the_text(built: Path, example_model: Any) -> None:
    rp = example_model.project(PROJECT)
    text = "".join(text_of(pdf(built)).split())  # CJK lines break anywhere
    w = rp.commitments.warranty
    assert f"{w.period.zh()}免费质保" in text
    level1 = rp.commitments.response.levels[0]
    assert f"到达现场（本项目现场：{rp.region.name}）：{level1.name}{rp.arrival(level1).within()}" in text
    assert rp.project.tender_number in text
    assert example_model.content.company.hotlines[0].number in text
    assert "售后服务流程图" in text


def test_outline_toc_metadata_and_page_count(built: Path, example_model: Any) -> None:
    reader = PdfReader(str(pdf(built)))
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[0].startswith("4.2.1") and "售后服务承诺书" in titles[0]
    assert any("故障分级与响应时限" in t for t in titles)
    meta = reader.metadata
    assert meta is not None and meta.title.startswith("4.2 ") and meta.author == example_model.content.company.name
    assert 8 <= len(reader.pages) <= 60
    assert "/Lang" in reader.trailer["/Root"] and reader.trailer["/Root"]["/Lang"] == "zh-CN"
    toc = text_of(pdf(built)).split("\f")[0]
    assert "目" in toc and "4.2.1" in toc  # the TOC on page 1 with page numbers from target-counter


def test_footer_counts_pages(built: Path) -> None:
    pages = text_of(pdf(built)).split("\f")
    n = len([p for p in pages if p.strip()])
    assert f"第 1 页 共 {n} 页" in "".join(pages[0].split("\n")[-6:]) or f"第 1 页 共 {n} 页" in pages[0]


def test_missing_harfbuzz_subset_warns_once_with_the_apt_command(monkeypatch: Any, capsys: Any) -> None:
    from generator.outputs import pdf_render

    monkeypatch.setattr(pdf_render, "_warned", False)
    monkeypatch.setattr(pdf_render.ctypes.util, "find_library", lambda name: None)
    pdf_render.check_harfbuzz_subset()
    pdf_render.check_harfbuzz_subset()
    err = capsys.readouterr().err
    assert err.count("warning") == 1
    assert "apt-get install -y libharfbuzz-subset0" in err


@pytest.mark.parametrize("project_id", PROJECTS)
def test_internal_values_never_reach_the_pdf(built: Path, project_id: str) -> None:
    reader = PdfReader(str(pdf(built, project_id)))
    text = "\n".join(page.extract_text() for page in reader.pages)  # cells stay apart: whole numbers
    assert reader.metadata is not None
    text += "\n" + "\n".join(str(v) for v in reader.metadata.values())
    # The project's own people's phones print, as in the manual (ResolvedProject.phone); no one else's.
    assert leaks(text, phones=PROJECT_PRIVATE_PHONES[project_id]) == []
    for phone in OWN_STAFF_PHONES[project_id]:
        assert phone in squeeze(text), phone
    assert "138-0000-0011" in squeeze(text)  # the search finds what is printed: p11's public phone


def test_the_pdf_prints_money_as_searched(built: Path) -> None:
    """Proof that the cost search looks for money the way the PDF prints it."""
    text = "\n".join(page.extract_text() for page in PdfReader(str(pdf(built))).pages)
    for price in ("200.00元", "1,800.00元", "1,350.00元", "50,000.00元"):
        assert standalone(text, [price]), price


def _pages(html_class: Any, markup: str, css: str) -> list[list[tuple[Any, ...]]]:
    """Every box of every page: kind, place, size and text (layout, not drawing)."""
    from weasyprint import CSS

    doc = html_class(string=markup).render(stylesheets=[CSS(string=css)])
    return [
        [
            (
                type(b).__name__,
                round(b.position_x, 2),
                round(b.position_y, 2),
                round(b.width or 0, 2),
                getattr(b, "text", None),
            )
            for b in page._page_box.descendants()
        ]
        for page in doc.pages
    ]


@pytest.mark.parametrize("document", ["proposal", "manual"])
def test_the_lean_user_agent_stylesheet_lays_out_the_same_pages(example_model: Any, document: str) -> None:
    """pdf_from drops WeasyPrint's rules for every element's footnote and note
    pseudo-elements (a speed-up); every box of our documents must stay where it was."""
    import datetime as dt

    from weasyprint import HTML

    from generator.outputs import manual, pdf_render, proposal

    rp = next(p for p in example_model.projects if p.id == "qingshi-classroom")
    if document == "proposal":
        markup = pdf_render.html(proposal.build(example_model, rp))
    else:
        markup = pdf_render.manual_html(manual.build(example_model, rp, dt.date(2026, 12, 2)))
    css = pdf_render.stylesheet(None, f"{document}.css")
    assert not pdf_render._needs_full_ua(markup, css)  # our documents take the lean path
    lean = pdf_render._lean_html_class()
    assert lean is not None and lean is not HTML
    assert "<li" in markup  # list markers are among what is compared
    assert _pages(lean, markup, css) == _pages(HTML, markup, css)


def test_a_stylesheet_with_footnotes_keeps_the_full_user_agent_stylesheet(tmp_path: Path) -> None:
    """A company's template may use footnotes: their call numbers come from the rules the
    lean stylesheet drops, so such a document is laid out with WeasyPrint's own."""
    from generator.outputs import pdf_render

    markup = "<p>保修期<span class='fn'>自验收合格之日起算</span>三年。</p>"
    css = ".fn { float: footnote } @page { size: A6 }"
    assert pdf_render._needs_full_ua(markup, css)
    out = tmp_path / "fn.pdf"
    out.write_bytes(pdf_render.pdf_from(markup, css))
    text = text_of(out)
    assert "保修期1三年" in squeeze(text)  # the footnote call
    assert "1. 自验收合格之日起算" in text  # and its marker
