"""The 2025 merger of provinces (Nghị quyết 202/2025/QH15), as an old → new table.

The table is built from the resolution's text (``build_table``) and kept as data in
``data/provinces_2025.json`` so that the review works without the corpus; a test rebuilds it
from ``$CORPUS/central/2025/202-2025-QH15.md`` and checks it against underthesea's
``convert_address``.

>>> successor("Bắc Giang")
'Bắc Ninh'
>>> successor("Bắc Ninh") is None  # kept its name: the authority still exists
True
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "provinces_2025.json"

MERGE_CLAUSE = re.compile(
    r"""
    ^(?P<clause>\d+)\.\s+Sắp\s+xếp\s+toàn\s+bộ\s+diện\s+tích\s+tự\s+nhiên,\s+quy\s+mô\s+dân\s+số
    \s+của\s+(?P<olds>.+?)                       # the merged provinces/cities
    \s+thành\s+(?:tỉnh|thành\s+phố)\s+mới\s+có\s+tên\s+gọi\s+là\s+
    (?:(?:tỉnh|thành\s+phố|Thành\s+phố)\s+)?(?P<new>[^.]+?)\.   # the new unit's name
    """,
    re.VERBOSE | re.MULTILINE,
)
UNIT = re.compile(
    r"""
    (?P<kind>tỉnh|thành\s+phố|Thành\s+phố)\s+    # unit word
    (?P<name>[^,]+?)                             # its name
    (?=\s*(?:,|\s+và\s+|$))                      # up to a comma, "và" or the end
    """,
    re.VERBOSE,
)


def _norm(name: str) -> str:
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", name)).strip()


def build_table(text: str) -> dict[str, dict[str, str]]:
    """Old unit → {"new": name, "clause": "Điều 1 khoản N"} from the resolution's text.

    >>> t = build_table("5. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của tỉnh Bắc "
    ...                 "Giang và tỉnh Bắc Ninh thành tỉnh mới có tên gọi là Bắc Ninh. Sau")
    >>> t["Bắc Giang"]["new"]
    'Bắc Ninh'
    """
    table: dict[str, dict[str, str]] = {}
    for m in MERGE_CLAUSE.finditer(text):
        new = _norm(m["new"])
        for u in UNIT.finditer(m["olds"]):
            old = _norm(u["name"])
            table[old] = {"new": new, "clause": f"Điều 1 khoản {m['clause']}",
                          "kind": "thành phố" if "thành" in u["kind"].lower() else "tỉnh"}
    return table


@cache
def table() -> dict[str, dict[str, str]]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def successor(province: str) -> str | None:
    """The new province an abolished one was merged into, or None if it still exists."""
    row = table().get(_norm(province))
    if not row or row["new"] == _norm(province):
        return None
    return row["new"]


def main() -> None:  # pragma: no cover - regenerates the data file from the corpus
    from thpl_nlp.settings import get_settings

    corpus = get_settings().corpus
    src = corpus / "central" / "2025" / "202-2025-QH15.md"
    DATA.write_text(json.dumps(build_table(src.read_text(encoding="utf-8")), ensure_ascii=False,
                               indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    main()
