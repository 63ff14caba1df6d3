"""Issuing authority after the 2025 reorganisation.

From 1 July 2025 the provinces merged by Nghị quyết 202/2025/QH15 and the district level
(abolished with the two-level local government of Luật 72/2025/QH15) no longer exist: their
documents stay in force in their old area (Luật 64/2025/QH15 Điều 54 khoản 2) but review,
amendment and repeal fall to the successor authority, which the finding names.

>>> province_of("Ủy ban nhân dân tỉnh Bắc Giang")
'Bắc Giang'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache

from thpl_nlp.models import Evidence
from thpl_nlp.review import provinces
from thpl_nlp.review.findings import Draft, vn_date
from thpl_nlp.review.rules import ReviewContext

NEEDS_KB = False

UNIT_NAME = re.compile(
    r"""
    (?P<level>tỉnh|thành\s+phố|huyện|quận|thị\s+xã)\s+   # administrative unit word
    (?P<name>[A-ZĐÀ-Ỹ][\wÀ-ỹ'’\- ]*?)                     # its (capitalised) name
    \s*(?:,|;|$|\n)                                       # up to a separator or the end
    """,
    re.VERBOSE,
)


def province_of(issuer: str) -> str | None:
    """Province/central-city name of a provincial issuer ("… tỉnh Bắc Giang")."""
    m = re.search(r"(?:tỉnh|thành\s+phố)\s+(?P<name>[A-ZĐÀ-Ỹ][^\n,;]*)$", issuer.strip())
    return re.sub(r"\s+", " ", m["name"]).strip() if m else None


@lru_cache(maxsize=256)
def _convert(address: str) -> str | None:
    """New province of an old address through underthesea's ``convert_address``."""
    from thpl_nlp.nlp.underthesea_import import load

    convert_address = load().convert_address
    try:
        res = convert_address(address)
    except Exception:  # noqa: BLE001 - a third-party lookup must not break the review
        return None
    return res.new.province or None


def check(ctx: ReviewContext) -> Iterator[Draft]:
    cfg = ctx.cfg
    g = cfg["legal_grounds"]
    issuer = ctx.doc.issuer or ""
    level = ctx.level
    label = ctx.doc.number or ctx.doc.source
    merged_on = dt.date.fromisoformat(cfg["provinces_merged_on"])
    district_end = dt.date.fromisoformat(cfg["district_abolished_on"])
    if level == "province":
        name = province_of(issuer)
        new = provinces.successor(name) if name else None
        if not new or ctx.as_of < merged_on:
            return
        row = provinces.table()[name]
        at_issue = bool(ctx.issued_on and ctx.issued_on >= merged_on)
        quote = (f"Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của {row['kind']} {name} … "
                 f"thành {row['kind'] if row['kind'] == 'thành phố' else 'tỉnh'} mới có tên gọi "
                 f"là {new}")
        yield Draft(
            "document", "authority.province_merged", "competence",
            "high" if at_issue else "medium", 0.95,
            (f"Cơ quan ban hành ({issuer}) không còn tồn tại khi ban hành văn bản"
             if at_issue else
             f"Cơ quan ban hành ({issuer}) không còn tồn tại từ {vn_date(merged_on)}"),
            f"{row['clause']} Nghị quyết 202/2025/QH15: “{quote}”; chính quyền địa phương tỉnh "
            f"{new} chính thức hoạt động từ {vn_date(merged_on)}",
            "bai_bo" if at_issue else "thay_the", g["merger"],
            evidence=[Evidence(f"202/2025/QH15 art_1__para_{row['clause'].split()[-1]}", quote),
                      Evidence(f"{label} issuer", issuer)],
            todo=(f"việc rà soát, sửa đổi, bổ sung, thay thế hoặc bãi bỏ văn bản thuộc thẩm "
                  f"quyền của Hội đồng nhân dân, Ủy ban nhân dân {new}"),
            local_text=issuer, fact={"old": name, "new": new, "clause": row["clause"]},
        )
    elif level == "district" and ctx.as_of >= district_end:
        unit = UNIT_NAME.search(issuer)
        unit_text = unit.group(0).strip(" ,;\n") if unit else issuer
        place = ctx.doc.place or ""
        new_prov = _convert(f"{unit_text}, {place}") if place else _convert(unit_text)
        successor = f"Ủy ban nhân dân {new_prov}" if new_prov else "Ủy ban nhân dân cấp tỉnh"
        at_issue = bool(ctx.issued_on and ctx.issued_on >= district_end)
        yield Draft(
            "document", "authority.district_abolished", "competence",
            "high" if at_issue else "medium", 0.9,
            f"Cơ quan ban hành ({issuer}) thuộc cấp huyện, không còn tồn tại từ "
            f"{vn_date(district_end)}",
            f"{g['district']}: “{g['district_quote']}” (chuyển đổi địa chỉ: {unit_text} → "
            f"{new_prov or 'không xác định được'})",
            "bai_bo" if at_issue else "thay_the", g["district"],
            evidence=[Evidence(f"{label} issuer", issuer),
                      Evidence("72/2025/QH15 art_51__para_3", g["district_quote"])],
            todo=f"chuyển văn bản cho {successor} (hoặc Ủy ban nhân dân cấp xã kế thừa) để rà "
                 "soát, xử lý",
            local_text=issuer, fact={"unit": unit_text, "new": new_prov},
        )
