"""The legal staff's override file always wins, and the other sources stay visible."""

from __future__ import annotations

import datetime as dt

from thpl_nlp.kb import KnowledgeBase
from thpl_nlp.kb.build import build


def test_override_wins_and_sources_are_kept(tmp_path):
    (tmp_path / "kb_overrides.yaml").write_text(
        "documents:\n"
        "  - number: 77/2015/QH13\n"
        "    effective_on: 2016-01-02\n"
        "    evidence: 'Sửa tay để kiểm thử.'\n"
        "relations:\n"
        "  - kind: replaces\n"
        "    source: 65/2025/QH15\n"
        "    target: 77/2015/QH13\n"
        "    on_date: 2025-03-01\n"
        "    evidence: 'Luật Tổ chức chính quyền địa phương số 77/2015/QH13 hết hiệu lực.'\n",
        encoding="utf-8",
    )
    url = f"sqlite:///{tmp_path / 'kb.sqlite3'}"
    rep = build(url, use_corpus=False, home=tmp_path, progress=lambda m: None, index=False)
    assert "override/kb_overrides.yaml" in rep.changed
    kb = KnowledgeBase.open(url)
    assert kb.document("77/2015/QH13").effective_on == dt.date(2016, 1, 2)
    kinds = {f["source_kind"] for f in kb.show("77/2015/QH13")["facts"]
             if f["field"] == "effective_on"}
    assert kinds == {"seed", "override"}
    st = kb.status("77/2015/QH13", dt.date(2025, 3, 1))
    assert st.status == "expired" and st.not_in_force_from == dt.date(2025, 3, 1)
    assert st.evidence[0]["source"].endswith("(override:kb_overrides.yaml)")
