"""The queue's click commands: users, queue list/export, db upgrade/backup/restore."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import click
import pytest
from click.testing import CliRunner
from queue_examples import example_findings, example_meta

from thpl_nlp.queue import service as svc
from thpl_nlp.queue.cli import register
from thpl_nlp.queue.store import open_engine, session_factory


@click.group()
def thpl() -> None:
    """Stand-in for the main ``thpl`` group."""


register(thpl)


@pytest.fixture
def runner(thpl_home):
    return CliRunner()


def _ingest():
    with session_factory(open_engine())() as s:
        return svc.ingest_findings(s, example_meta(), example_findings())


def test_users_add_list_token(runner):
    r = runner.invoke(
        thpl, ["users", "add", "nguyen.van.a", "--role", "reviewer"], input="mat-khau-ra-soat\n"
    )
    assert r.exit_code == 0, r.output
    r = runner.invoke(
        thpl, ["users", "add", "nguyen.van.a", "--role", "reviewer"], input="mat-khau-ra-soat\n"
    )
    assert r.exit_code == 2 and "đã tồn tại" in r.stderr
    r = runner.invoke(thpl, ["users", "add", "x", "--role", "viewer"], input="ngan\n")
    assert r.exit_code == 2 and "ít nhất 8 ký tự" in r.stderr
    r = runner.invoke(thpl, ["users", "list", "--json"])
    assert [json.loads(line)["name"] for line in r.stdout.splitlines()] == ["nguyen.van.a"]
    r = runner.invoke(thpl, ["users", "token", "nguyen.van.a"])
    assert r.exit_code == 0 and r.stdout.startswith("thpl_")


def test_queue_list_json_is_contract(runner):
    _ingest()
    r = runner.invoke(thpl, ["queue", "list", "--json"])
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert len(lines) == 5
    objs = [json.loads(line) for line in lines]
    for o in objs:
        assert {
            "document",
            "number",
            "eid",
            "rule",
            "category",
            "severity",
            "confidence",
            "message",
            "cited",
            "replaced_by",
            "evidence",
            "id",
            "fingerprint",
            "text_hash",
            "status",
        } <= set(o)
        assert o["status"] == "new" and o["document"] == "qd-mau-12-2021.txt"
    assert all(
        line == json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":"))
        for line in lines
    )
    r = runner.invoke(thpl, ["queue", "list", "--status", "dismissed", "--json"])
    assert r.exit_code == 0 and r.stdout == ""


def test_queue_export(runner, tmp_path):
    _ingest()
    out = tmp_path / "q.xlsx"
    r = runner.invoke(thpl, ["queue", "export", "--format", "xlsx", "--out", str(out)])
    assert r.exit_code == 0 and out.read_bytes()[:2] == b"PK"
    out = tmp_path / "q.csv"
    r = runner.invoke(thpl, ["queue", "export", "--format", "csv", "--out", str(out)])
    assert r.exit_code == 0 and len(out.read_text(encoding="utf-8-sig").splitlines()) == 6


def test_db_upgrade_backup_restore(runner, tmp_path, thpl_home):
    r = runner.invoke(thpl, ["db", "upgrade"])
    assert r.exit_code == 0 and "0003" in r.stderr
    _ingest()
    runner.invoke(
        thpl, ["users", "add", "nguyen.van.a", "--role", "reviewer"], input="mat-khau-ra-soat\n"
    )
    with session_factory(open_engine())() as s:
        from thpl_nlp.queue.store import User

        u = s.query(User).one()
        row = svc.get_finding(s, 3)
        svc.set_status(s, row.id, u, "dismissed", row.version)
    before = runner.invoke(thpl, ["queue", "list", "--json"]).stdout
    backup = tmp_path / "sao-luu.json.gz"
    r = runner.invoke(thpl, ["db", "backup", str(backup)])
    assert r.exit_code == 0 and backup.stat().st_size > 0
    # more work after the backup …
    with session_factory(open_engine())() as s:
        u = s.query(User).one()
        row = svc.get_finding(s, 4)
        svc.set_status(s, row.id, u, "confirmed", row.version)
    assert runner.invoke(thpl, ["queue", "list", "--json"]).stdout != before
    # … is rolled back by the restore
    r = runner.invoke(thpl, ["db", "restore", str(backup)])
    assert r.exit_code == 0, r.output
    assert runner.invoke(thpl, ["queue", "list", "--json"]).stdout == before
    # the restored store keeps working (ids continue, audit kept)
    with session_factory(open_engine())() as s:
        u = s.query(User).one()
        row = svc.get_finding(s, 4)
        svc.set_status(s, row.id, u, "confirmed", row.version)
        assert [e.kind for e in svc.events_of(s, 3)][:1] == ["status"]
    bad = tmp_path / "hong.json"
    bad.write_text("{}", encoding="utf-8")
    r = runner.invoke(thpl, ["db", "restore", str(bad)])
    assert r.exit_code == 2 and "Tệp sao lưu không hợp lệ" in r.stderr


def test_backup_restore_between_backends(db_url, tmp_path, thpl_home):
    """A SQLite backup restores into PostgreSQL (and the reverse) with the same content."""
    from thpl_nlp.queue.backup import backup, restore
    from thpl_nlp.queue.store import make_engine, upgrade

    src = make_engine(f"sqlite:///{tmp_path / 'src.sqlite3'}")
    upgrade(src)
    with session_factory(src)() as s:
        svc.ingest_findings(s, example_meta(), example_findings())
        svc.ingest_findings(s, example_meta(), example_findings()[:3])  # a second review
        want = [svc.contract_dict(r) for r in svc.iter_findings(s)]
    counts = backup(src, tmp_path / "b.json")
    assert counts["document_runs"] == 2
    dst = make_engine(db_url)
    assert restore(dst, tmp_path / "b.json") == counts
    with session_factory(dst)() as s:
        assert [svc.contract_dict(r) for r in svc.iter_findings(s)] == want
        assert _runs(dst) == _runs(src)
        # sequences continue after restore
        other = dataclasses.replace(
            example_findings()[0],
            fingerprint="khac-1",
            document="khac.txt",
            number="1/2024/NQ-HĐND",
        )
        stats = svc.ingest_findings(s, {"source": "khac.txt", "number": "1/2024/NQ-HĐND"}, [other])
        assert stats.new == 1 and svc.get_finding(s, 6).fingerprint == "khac-1"
    dst.dispose()
    src.dispose()


def _runs(engine) -> list[tuple]:
    from sqlalchemy import select

    from thpl_nlp.queue.store import DocumentRun

    cols = list(DocumentRun.__table__.columns)
    with engine.connect() as c:
        return [tuple(r) for r in c.execute(select(*cols).order_by(DocumentRun.id))]


def test_restore_of_a_backup_made_before_document_runs(db_url, tmp_path, thpl_home):
    """A backup without ``document_runs`` (made at revision 0002) gets them rebuilt from each
    document's first and latest review, as migration 0003 does."""
    import json

    from thpl_nlp.queue.backup import backup, restore
    from thpl_nlp.queue.store import make_engine, upgrade

    src = make_engine(f"sqlite:///{tmp_path / 'src.sqlite3'}")
    upgrade(src)
    with session_factory(src)() as s:
        run = svc.start_run(s, as_of=dt.date(2026, 1, 5), kb_version="kb-2026-01-05")
        svc.ingest_findings(s, example_meta(), example_findings())
        svc.ingest_findings(s, example_meta(), example_findings(), run)
    backup(src, tmp_path / "b.json")
    doc = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    del doc["tables"]["document_runs"]
    doc["revision"] = "0002"
    (tmp_path / "b.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    dst = make_engine(db_url)
    assert restore(dst, tmp_path / "b.json")["document_runs"] == 2
    first, latest = _runs(src)
    got = _runs(dst)
    # (id, document, run, at, as_of, kb, hash, counts…): times, run and stamps as recorded
    assert [r[1:5] for r in got] == [(1, None, first[3], None), (1, run, latest[3], latest[4])]
    assert got[1][5] == "kb-2026-01-05" and got[1][7:] == (None, None, None, None)
    dst.dispose()
    src.dispose()


def test_users_passwd_and_disable(runner):
    runner.invoke(
        thpl, ["users", "add", "tran.thi.b", "--role", "reviewer"], input="mat-khau-ra-soat\n"
    )
    r = runner.invoke(thpl, ["users", "passwd", "tran.thi.b"], input="mat-khau-moi-dai\n")
    assert r.exit_code == 0
    from thpl_nlp.queue import auth

    with session_factory(open_engine())() as s:
        assert auth.authenticate(s, "tran.thi.b", "mat-khau-moi-dai") is not None
    r = runner.invoke(thpl, ["users", "disable", "tran.thi.b"])
    assert r.exit_code == 0
    with session_factory(open_engine())() as s:
        assert auth.authenticate(s, "tran.thi.b", "mat-khau-moi-dai") is None
    r = runner.invoke(thpl, ["users", "disable", "khong.co"])
    assert r.exit_code == 1 and "Không tìm thấy tài khoản 'khong.co'" in r.stderr
