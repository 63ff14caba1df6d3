"""HTML reader: page chrome dropped, body container found."""

from __future__ import annotations

from pathlib import Path

from thpl_nlp.ingest import read

GOLDEN = Path(__file__).parent / "golden"


def test_menus_scripts_sidebar_dropped() -> None:
    raw = read(GOLDEN / "vbpl-page.html")
    for junk in ("Trang chủ", "var menu", "Văn bản liên quan", "Cơ sở dữ liệu quốc gia"):
        assert junk not in raw.text
    assert raw.text.startswith("ỦY BAN NHÂN DÂN\nTỈNH HÒA SƠN\nSố: 11/2022/QĐ-UBND")
    assert raw.tables[0].rows[1] == ["Xe đạp", "2.000 đồng", "3.000 đồng"]


def test_no_known_container(tmp_path: Path) -> None:
    p = tmp_path / "p.htm"
    body = "".join(f"<p>Điều {i}. Nội dung điều {i} của văn bản.</p>" for i in range(1, 12))
    p.write_text(f"<html><body><div class='nav'>Menu</div><div>{body}</div></body></html>", "utf-8")
    raw = read(p)
    assert raw.fmt == "html"
    assert raw.text.split("\n")[0] == "Điều 1. Nội dung điều 1 của văn bản."
    assert "Menu" not in raw.text
