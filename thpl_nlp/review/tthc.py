"""Reference data on administrative procedures (thủ tục hành chính) from the national portal.

Each ``$CORPUS/tthc/tthc-<code>.md`` record gives a procedure's name, dossier components,
deadline per channel (``15 working_day``), fee and legal bases. The Markdown body is parsed
(the YAML headers are malformed at the source for some records) into :class:`Procedure`
rows, kept as ``data/tthc.json`` so that the review works without the corpus; a test rebuilds
the file from the corpus and compares.

>>> p = Procedure("1.0", "Cấp Chứng chỉ hành nghề thú y", [], 5, "working_day", "", [])
>>> p.deadline_text()
'05 ngày làm việc'
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "tthc.json"

_TITLE = re.compile(r"^#\s+(?P<title>.+?)\s*$", re.MULTILINE)
_CODE = re.compile(r"\*\*Mã thủ tục:\*\*\s*(?P<code>[\d.]+)")
_SECTION = re.compile(r"^##\s+(?P<name>.+?)\s*$", re.MULTILINE)
_ROW = re.compile(r"^\|(?P<cells>.+)\|\s*$", re.MULTILINE)
_DEADLINE = re.compile(
    r"""
    (?P<n>\d+(?:[.,]\d+)?)\s*                       # amount
    (?P<unit>working_day|ngày\s+làm\s+việc|ngày|day|other|giờ|tháng)   # unit as recorded
    """,
    re.VERBOSE,
)
_BASIS = re.compile(r"\|(?P<number>\d+/\d{4}/[A-ZĐ0-9-]+)\|(?P<date>\d{4}-\d{2}-\d{2})\|")


@dataclass(frozen=True)
class Procedure:
    code: str
    name: str
    dossier: list[str]
    deadline: float | None  # shortest deadline over channels
    unit: str  # "working_day" or "day"
    fee: str
    bases: list[str]

    def deadline_text(self) -> str:
        if self.deadline is None:
            return "không rõ"
        unit = "ngày làm việc" if self.unit == "working_day" else "ngày"
        return f"{int(self.deadline):02d} {unit}"


def _sections(text: str) -> dict[str, str]:
    marks = list(_SECTION.finditer(text))
    out = {}
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        out[m["name"]] = text[m.end() : end]
    return out


def _rows(block: str) -> list[list[str]]:
    rows = []
    for m in _ROW.finditer(block):
        cells = [c.strip() for c in m["cells"].split("|")]
        if all(set(c) <= set("-: ") for c in cells):
            continue
        rows.append(cells)
    return rows[1:]  # drop the header row


def parse_record(text: str) -> Procedure | None:
    """One portal record (Markdown) → :class:`Procedure`; None if it has no title."""
    text = text.replace("\u200b", "").replace("\ufeff", "")
    body_start = text.find("\n---\n# ")
    body = text[body_start + 5 :] if body_start >= 0 else text
    t = _TITLE.search(body)
    if not t:
        return None
    code = _CODE.search(body)
    sec = _sections(body)
    dossier = [r[1] for r in _rows(sec.get("Hồ sơ cần nộp", "")) if len(r) > 1 and r[1]]
    deadlines: list[tuple[float, str]] = []
    fee = ""
    for r in _rows(next((v for k, v in sec.items() if k.startswith("Cách thức")), "")):
        if len(r) > 1:
            m = _DEADLINE.search(r[1])
            if m and m["unit"] != "other":
                unit = "working_day" if "working" in m["unit"] or "làm việc" in m["unit"] else (
                    "day" if m["unit"] in ("ngày", "day") else m["unit"])
                deadlines.append((float(m["n"].replace(",", ".")), unit))
        if len(r) > 2 and r[2] and not fee:
            fee = r[2]
    bases = [m["number"] for m in _BASIS.finditer(sec.get("Căn cứ pháp lý (van_ban_id)", ""))]
    n, unit = min(deadlines) if deadlines else (None, "")
    return Procedure(code["code"] if code else "", t["title"], dossier, n, unit, fee, bases)


def build(folder: Path) -> list[Procedure]:
    out = []
    for path in sorted(folder.glob("tthc-*.md")):
        p = parse_record(path.read_text(encoding="utf-8", errors="replace"))
        if p:
            out.append(p)
    return out


@cache
def procedures() -> tuple[Procedure, ...]:
    if not DATA.is_file():
        return ()
    return tuple(Procedure(**d) for d in json.loads(DATA.read_text(encoding="utf-8")))


def main() -> None:  # pragma: no cover - regenerates data/tthc.json from the corpus
    from thpl_nlp.settings import get_settings

    rows = build(get_settings().corpus / "tthc")
    DATA.write_text(json.dumps([asdict(p) for p in rows], ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")
    print(f"{len(rows)} thủ tục → {DATA}")


if __name__ == "__main__":  # pragma: no cover
    main()
