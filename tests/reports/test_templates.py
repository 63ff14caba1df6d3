"""The template script rebuilds templates equivalent to the shipped ones, and a department's
restyled copy (moved paragraphs, other fonts) still renders."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

from docx import Document
from report_fixtures import FakeKB

from thpl_nlp.reports.config import TEMPLATES_DIR
from thpl_nlp.reports.data import SqlReportSource, build_report_data
from thpl_nlp.reports.docx_report import write_report_docx
from thpl_nlp.reports.periods import annual

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location(
        "make_report_template", ROOT / "scripts" / "make_report_template.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _text(path: Path) -> list[str]:
    doc = Document(path)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return [p.text for p in doc.paragraphs] + cells


def test_script_rebuilds_the_shipped_templates(tmp_path):
    assert _script().main(["--out", str(tmp_path)]) == 0
    for name in ("bao-cao-dinh-ky.docx", "ket-luan-kiem-tra.docx", "danh-muc-het-hieu-luc.docx"):
        assert _text(tmp_path / name) == _text(TEMPLATES_DIR / name), name


def test_restyled_template_renders(store, tmp_path):
    doc = Document(TEMPLATES_DIR / "bao-cao-dinh-ky.docx")
    doc.styles["Normal"].font.name = "Arial"
    body = doc.element.body
    intro = next(p for p in doc.paragraphs if p.text == "{{ intro }}")
    body.remove(intro._p)  # the department moves the opening sentence to the end
    last = [p for p in doc.paragraphs if "Trên đây là báo cáo" in p.text][0]
    last._p.addprevious(intro._p)
    custom = tmp_path / "mau-rieng.docx"
    doc.save(custom)
    data = build_report_data(SqlReportSource(store), annual(2025), FakeKB())
    out = write_report_docx(
        data, tmp_path / "r.docx", template=custom, when=dt.date(2025, 12, 20), with_charts=False
    )
    paras = [p.text for p in Document(out).paragraphs]
    i_intro = next(i for i, p in enumerate(paras) if p.startswith("Thực hiện Luật"))
    i_last = next(i for i, p in enumerate(paras) if p.startswith("Trên đây là báo cáo"))
    assert i_intro == i_last - 1
    assert Document(out).styles["Normal"].font.name == "Arial"


def test_broken_template_is_a_vietnamese_error(store, tmp_path):
    import pytest

    from thpl_nlp.errors import ThplError

    doc = Document(TEMPLATES_DIR / "bao-cao-dinh-ky.docx")
    doc.add_paragraph("{% if %}")
    bad = tmp_path / "hong.docx"
    doc.save(bad)
    data = build_report_data(SqlReportSource(store), annual(2025))
    with pytest.raises(ThplError) as err:
        write_report_docx(data, tmp_path / "r.docx", template=bad, with_charts=False)
    assert err.value.code == "E804" and "scripts/make_report_template.py" in str(err.value)
