"""``read``: dispatch on magic bytes then extension, errors with codes, ``source``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from thpl_nlp.errors import ThplError
from thpl_nlp.ingest import read, sniff

SAMPLES = Path(__file__).resolve().parents[2] / "corpus" / "samples"


def test_magic_bytes_win_over_extension(tmp_path: Path) -> None:
    p = tmp_path / "thuc-ra-la-pdf.txt"
    shutil.copyfile(SAMPLES / "nq-hdnd-hoa-son-15-2024.pdf", p)
    raw = read(p, source="thu-muc/thuc-ra-la-pdf.txt")
    assert raw.fmt == "pdf" and raw.source == "thu-muc/thuc-ra-la-pdf.txt"
    d = tmp_path / "van-ban"  # DOCX without extension
    shutil.copyfile(SAMPLES / "qd-ubnd-hoa-son-21-2024.docx", d)
    assert read(d).fmt == "docx"


def test_sniff() -> None:
    assert sniff(Path("a.doc"), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 10) == "doc"
    assert sniff(Path("a"), b"<!DOCTYPE html><html>") == "html"
    assert sniff(Path("a.md"), b"# QUY\xe1\xba\xbeT") == "md"


@pytest.mark.parametrize(
    "name,data,code",
    [
        ("rong.txt", b"", "E101"),
        ("nhi-phan.bin", bytes(range(256)) * 20, "E102"),
        ("nhi-phan.txt", b"\x00\x01\x02\x03" * 500, "E109"),
        ("hong.docx", b"PK\x03\x04" + b"\x00" * 100, "E108"),
        ("trang.txt", b"   \n\n  ", "E101"),
    ],
)
def test_bad_inputs(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(ThplError) as exc:
        read(p)
    assert exc.value.code == code
    assert str(exc.value).startswith(str(p) + ": [" + code + "]")


def test_missing_file() -> None:
    with pytest.raises(ThplError) as exc:
        read("khong/co/tep.pdf")
    assert exc.value.code == "E100"


def test_size_limit(tmp_path: Path, monkeypatch) -> None:
    from thpl_nlp import settings

    p = tmp_path / "lon.txt"
    p.write_text("Điều 1. " * 100, "utf-8")
    monkeypatch.setenv("THPL_MAX_BYTES", "100")
    settings.get_settings.cache_clear()
    try:
        with pytest.raises(ThplError) as exc:
            read(p)
        assert exc.value.code == "E106"
    finally:
        monkeypatch.delenv("THPL_MAX_BYTES")
        settings.get_settings.cache_clear()
