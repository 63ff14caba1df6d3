"""HTML fragment for the web app and the ``thpl report`` commands."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html
from report_fixtures import ANNUAL_2025, Oracle, nz

from thpl_nlp.reports.cli import report
from thpl_nlp.reports.data import SqlReportSource, build_report_data
from thpl_nlp.reports.html import report_html
from thpl_nlp.reports.periods import annual


def test_html_fragment_numbers_equal_sql(store, kb):
    data = build_report_data(SqlReportSource(store), annual(2025), kb)
    frag = report_html(data, with_charts=True)
    assert frag.lstrip().startswith("<section") and "<body" not in frag
    tree = lxml_html.fragment_fromstring(frag)
    o = Oracle(store, ANNUAL_2025)
    rows = tree.xpath('//figure[@id="by-category"]//tbody/tr')
    got = {
        r[1].text: {"high": int(r[2].text), "medium": int(r[3].text), "low": int(r[4].text)}
        for r in rows
    }
    assert nz(got) == o.by_category()
    rows = tree.xpath('//figure[@id="by-issuer"]//tbody/tr')
    assert {r[1].text: {"checked": int(r[2].text), "reviewed": int(r[3].text)} for r in rows} == (
        o.by_issuer()
    )
    kpi = tree.xpath('//div[@data-key="docs_checked"]//strong')[0].text
    assert int(kpi) == o.docs_checked
    assert len(tree.xpath("//img[starts-with(@src, 'data:image/png;base64,')]")) == 4


def test_html_escapes_text(store, kb):
    data = build_report_data(SqlReportSource(store), annual(2025), kb)
    data.proposals[0].grounds[0] = "<script>alert(1)</script>"
    frag = report_html(data, with_charts=False)
    assert "<script>" not in frag and "&lt;script&gt;" in frag


@pytest.fixture()
def cli_env(store, monkeypatch, tmp_path):
    from thpl_nlp.settings import get_settings

    monkeypatch.setenv("THPL_DB_URL", store.url.render_as_string(hide_password=False))
    monkeypatch.setenv("THPL_HOME", str(tmp_path / "home"))
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_cli_half_writes_docx_and_xlsx(cli_env):
    out = cli_env / "out"
    r = CliRunner().invoke(
        report,
        ["half", "--year", "2025", "--half", "1", "--out", str(out), "--json", "--no-charts"],
    )
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["kind"] for x in lines] == ["report", "annex"]
    assert all((out / p.split("/")[-1]).exists() for p in (x["file"] for x in lines))


def test_cli_check_and_errors(cli_env, store):
    from sqlalchemy import text

    with store.connect() as c:
        number = c.execute(
            text("SELECT number FROM documents WHERE number IS NOT NULL ORDER BY id LIMIT 1")
        ).scalar_one()
    runner = CliRunner()
    r = runner.invoke(report, ["check", number, "--out", str(cli_env / "kl")])
    assert r.exit_code == 0, r.output
    assert r.stdout.strip().endswith(".docx")
    r = runner.invoke(report, ["check", "999/2099/QĐ-UBND", "--out", str(cli_env / "kl")])
    assert r.exit_code == 1 and "[E802]" in r.stderr and "Traceback" not in r.output
    r = runner.invoke(report, ["half", "--year", "2025", "--out", str(cli_env)])
    assert r.exit_code == 2 and "thiếu --half" in r.stderr
    r = runner.invoke(report, ["annual", "--out", str(cli_env)])
    assert r.exit_code == 2 and "thiếu --year" in r.stderr


def test_cli_without_store_is_a_configuration_error(monkeypatch, tmp_path):
    from thpl_nlp.settings import get_settings

    monkeypatch.setenv("THPL_DB_URL", f"sqlite:///{tmp_path / 'none.sqlite3'}")
    get_settings.cache_clear()
    try:
        r = CliRunner().invoke(report, ["annual", "--year", "2025", "--out", str(tmp_path)])
    finally:
        get_settings.cache_clear()
    assert r.exit_code == 2 and "[E801]" in r.stderr


def test_period_report_html_one_call(store):
    from thpl_nlp.reports.html import period_report_html

    frag = period_report_html("half", 2025, 2, engine=store, with_charts=False)
    assert "6 tháng cuối năm 2025" in frag and "từ ngày 15/06/2025 đến ngày 14/12/2025" in frag
