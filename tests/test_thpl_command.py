"""The `thpl` command: contract output, per-file failures, Vietnamese usage errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def thpl(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "thpl_nlp.cli", *args], cwd=cwd, capture_output=True, text=True,
        timeout=120,
    )


def test_parse_worked_example_matches_the_contract(examples):
    want = json.loads((examples / "qd-mau-12-2021.parse.json").read_text(encoding="utf-8"))
    r = thpl("parse", "qd-mau-12-2021.txt", "--json", "--no-kb", cwd=examples)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 1
    got = json.loads(lines[0])
    for key in ("source", "number", "doc_type", "issuer", "issued_on", "effective_on", "title",
                "signer"):
        assert got[key] == want[key], key
    assert [(b["text"], b["start"], b["end"]) for b in got["bases"]] == [
        (b["text"], b["start"], b["end"]) for b in want["bases"]
    ]
    keys = ("eid", "kind", "num", "heading", "text", "start", "end", "page")
    assert [{k: p[k] for k in keys} for p in got["provisions"]] == want["provisions"]


def test_one_bad_file_fails_alone(tmp_path):
    good = ROOT / "corpus" / "samples" / "qd-ubnd-hoa-son-21-2024.docx"
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj")
    r = thpl("parse", str(bad), str(good), "--json", "--no-kb")
    assert r.returncode == 1
    first, second = (json.loads(line) for line in r.stdout.splitlines())
    assert first["source"] == str(bad) and "E103" in first["error"]
    assert second["number"] == "21/2024/QĐ-UBND"
    assert "Traceback" not in r.stderr and "hong.pdf" in r.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("review",), "Thiếu PATHS"),
        (("review", "x.pdf", "--as-of", "2026-13-01"), "NĂM-THÁNG-NGÀY"),
        (("parse", "--bogus", "x"), "Không có tùy chọn --bogus"),
        (("khong-co",), "Không có lệnh"),
    ],
)
def test_usage_errors_are_vietnamese_with_exit_2(args, says):
    r = thpl(*args)
    assert r.returncode == 2
    assert says in r.stderr and "--help" in r.stderr
    assert r.stdout == ""


@pytest.mark.parametrize("command", ["", "parse", "review", "kb", "kb status", "queue", "report"])
def test_help_is_vietnamese(command):
    r = thpl(*command.split(), "--help")
    assert r.returncode == 0
    assert "Xem hướng dẫn này rồi thoát." in r.stdout
    assert "Show this message" not in r.stdout
