"""Slow checks: the DOCX files convert to PDF with LibreOffice and the PDF reads like a
Vietnamese administrative report; the Prefect flow runs end to end."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from report_fixtures import FakeKB

from thpl_nlp.reports.data import SqlReportSource
from thpl_nlp.reports.periodic import write_check, write_expired, write_period_report
from thpl_nlp.reports.periods import annual

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def _pdf(docx: Path) -> str:
    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice (soffice) hoặc poppler-utils (pdftotext) chưa được cài")
    out = docx.parent
    env = {**os.environ, "HOME": str(out)}  # a private LibreOffice profile
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(docx)],
        check=True,
        capture_output=True,
        timeout=180,
        env=env,
    )
    pdf = docx.with_suffix(".pdf")
    assert pdf.exists()
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_report_converts_to_pdf_and_reads_as_administrative_report(store, tmp_path):
    src = SqlReportSource(store)
    _, written = write_period_report(
        annual(2025), tmp_path, source=src, kb=FakeKB(), when=dt.date(2025, 12, 20)
    )
    text = _pdf(written[0].path)
    first = text.split("\f")[0]
    for s in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "SỞ TƯ PHÁP",
        "/BC-STP",
        "Đà Nẵng, ngày 20 tháng 12 năm 2025",
        "BÁO CÁO",
        "Kết quả kiểm tra, rà soát văn bản quy phạm pháp luật năm 2025",
    ):
        assert s in first, s
    assert "Nơi nhận:" in text and "Phụ lục I" in text
    assert text.count("\f") >= 5


def test_conclusion_and_expired_list_convert(store, tmp_path):
    from sqlalchemy import text as sql

    with store.connect() as c:
        number = c.execute(
            sql("SELECT number FROM documents WHERE number IS NOT NULL ORDER BY id LIMIT 1")
        ).scalar_one()
    src = SqlReportSource(store)
    kl = write_check(number, tmp_path, source=src, kb=FakeKB())[0].path
    assert "KẾT LUẬN KIỂM TRA VĂN BẢN" in _pdf(kl)
    dm = write_expired(2025, tmp_path, source=src, kb=FakeKB())[0].path
    assert "DANH MỤC" in _pdf(dm)


def test_prefect_flow_runs(store, tmp_path):
    env = {
        **os.environ,
        "THPL_DB_URL": store.url.render_as_string(hide_password=False),
        "THPL_HOME": str(tmp_path / "home"),
    }
    r = subprocess.run(
        [
            sys.executable,
            str(ROOT / "pipelines" / "reports.py"),
            "half",
            "--year",
            "2025",
            "--half",
            "2",
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    files = r.stdout.split()
    assert len(files) == 2 and all(Path(f).exists() for f in files)
