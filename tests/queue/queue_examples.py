"""The five findings a good review of the worked example ``qd-mau-12-2021.txt`` should make
(shared/examples/README.md), with the parts of the document they point into."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from thpl_nlp.models import Evidence, Finding
from thpl_nlp.queue import auth

# The attached regulation of the worked example (an invented document citing real laws).
EXAMPLE_TEXT = (
    "QUYẾT ĐỊNH\nBan hành Quy định về trình tự, thủ tục cấp giấy phép xây dựng trên địa bàn "
    "tỉnh Bắc Giang\n\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
    "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13 ngày 22 tháng 6 năm "
    "2015;\n"
    "Căn cứ Luật Xây dựng số 50/2014/QH13 ngày 18 tháng 6 năm 2014;\n\n"
    "Điều 3. Hồ sơ đề nghị cấp giấy phép xây dựng\n1. Hồ sơ gồm:\n"
    "a) Đơn đề nghị cấp giấy phép xây dựng;\n"
    "b) Bản sao giấy tờ về quyền sử dụng đất;\n"
    "c) Bản xác nhận của Ủy ban nhân dân cấp xã về việc không có tranh chấp.\n"
    "2. Số lượng hồ sơ: 02 bộ.\n\n"
    "Điều 4. Thời hạn giải quyết\nThời hạn cấp giấy phép xây dựng không quá 30 ngày kể từ "
    "ngày nhận đủ hồ sơ hợp lệ; quá thời hạn trên mà không cấp phải trả lời bằng văn bản và "
    "nêu rõ lý do.\n\n"
    "Điều 5. Xử lý vi phạm\nTổ chức, cá nhân xây dựng không có giấy phép bị phạt tiền từ "
    "10.000.000 đồng đến 20.000.000 đồng.\n"
)
NUMBER = "12/2021/QĐ-UBND"
# Password hashing at production cost takes ~0.6 s on this machine; tests need no such cost.
auth.set_hash_cost(time_cost=1, memory_cost=1024)
SOURCE = "qd-mau-12-2021.txt"


def _span(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


def _block(text: str, first: str, last: str) -> tuple[int, int]:
    s = text.index(first)
    return s, text.index(last, s) + len(last)


def example_structure(text: str = EXAMPLE_TEXT) -> dict:
    bases = []
    for m in re.finditer(r"Căn cứ [^\n]*;", text):
        bases.append({"text": m.group(0), "start": m.start(), "end": m.end(), "refs": []})
    provs = []

    def add(eid: str, kind: str, num: str, s: int, e: int, heading: str | None = None) -> None:
        provs.append(
            {
                "eid": eid,
                "kind": kind,
                "num": num,
                "heading": heading,
                "text": text[s:e],
                "start": s,
                "end": e,
                "page": None,
            }
        )

    a3 = _block(text, "Điều 3.", "02 bộ.")
    add("att_1__art_3", "article", "3", *a3, heading="Hồ sơ đề nghị cấp giấy phép xây dựng")
    add("att_1__art_3__para_1", "clause", "1", *_block(text, "1. Hồ sơ gồm", "tranh chấp."))
    for letter, needle in (("a", "a) Đơn"), ("b", "b) Bản sao"), ("c", "c) Bản xác nhận")):
        s = text.index(needle)
        add(f"att_1__art_3__para_1__point_{letter}", "point", letter, s, text.index("\n", s))
    add("att_1__art_3__para_2", "clause", "2", *_span(text, "2. Số lượng hồ sơ: 02 bộ."))
    s4 = text.index("Điều 4.")
    add("att_1__art_4", "article", "4", s4, text.index("lý do.") + 6, heading="Thời hạn giải quyết")
    s5 = text.index("Điều 5.")
    add("att_1__art_5", "article", "5", s5, text.index("đồng.", s5) + 5, heading="Xử lý vi phạm")
    return {
        "bases": bases,
        "provisions": provs,
        "title": "Ban hành Quy định về trình tự, thủ "
        "tục cấp giấy phép xây dựng trên địa bàn tỉnh Bắc Giang",
    }


def example_meta(text: str = EXAMPLE_TEXT) -> dict:
    s = example_structure(text)
    return {
        "source": SOURCE,
        "number": NUMBER,
        "doc_type": "Quyết định",
        "issuer": "Ủy ban nhân dân tỉnh Bắc Giang",
        "issued_on": "2021-06-15",
        "title": s["title"],
        "text": text,
        "bases": s["bases"],
        "provisions": s["provisions"],
    }


def norm_hash(s: str) -> str:
    s = unicodedata.normalize("NFC", " ".join(s.split())).lower()
    return hashlib.sha256(s.encode("utf-8")).hexdigest()[:16]


def fp(eid: str, rule: str, cited: str | None = None) -> str:
    return hashlib.sha256(f"{NUMBER}|{eid}|{rule}|{cited or ''}".encode()).hexdigest()[:24]


def example_findings(text: str = EXAMPLE_TEXT, fact: str = "kb-2026-11") -> list[Finding]:
    st = {p["eid"]: p for p in example_structure(text)["provisions"]}
    bases = example_structure(text)["bases"]

    def th(eid: str) -> str:
        if eid.startswith("basis_"):
            return norm_hash(bases[int(eid[6:]) - 1]["text"])
        return norm_hash(st[eid]["text"]) if eid in st else norm_hash(text)

    out = []
    pc = st["att_1__art_3__para_1__point_c"]
    out.append(
        Finding(
            document=SOURCE,
            number=NUMBER,
            eid=pc["eid"],
            rule="admin_procedure.extra_dossier",
            category="admin_procedure",
            severity="high",
            confidence=0.86,
            message=(
                "Điểm c khoản 1 Điều 3 Quy định bổ sung thành phần hồ sơ “Bản xác nhận của Ủy "
                "ban nhân dân cấp xã về việc không có tranh chấp” mà Điều 95 Luật Xây dựng "
                "50/2014/QH13 không yêu cầu; văn bản của tỉnh không được tự đặt thêm thành phần "
                "hồ sơ khi luật không giao. Đề nghị bãi bỏ điểm này."
            ),
            cited="50/2014/QH13",
            evidence=[
                Evidence(
                    "50/2014/QH13 art_95",
                    "Hồ sơ đề nghị cấp giấy phép xây dựng đối "
                    "với trường hợp xây dựng mới bao gồm: a) Đơn đề nghị cấp giấy phép "
                    "xây dựng; b) Bản sao một trong những giấy tờ chứng minh quyền sử "
                    "dụng đất…",
                ),
                Evidence(f"{NUMBER} {pc['eid']}", pc["text"], pc["start"], pc["end"]),
            ],
            legal_ground="Khoản 4 Điều 14 Luật Ban hành văn bản quy phạm pháp luật 80/2015/QH13",
            action="bai_bo_mot_phan",
            start=pc["start"],
            end=pc["end"],
            fingerprint=fp(pc["eid"], "admin_procedure.extra_dossier"),
            text_hash=th(pc["eid"]),
            fact_hash=fact,
        )
    )
    a4 = st["att_1__art_4"]
    m30 = re.search(r"không quá \d+ ngày", a4["text"])
    s30 = a4["start"] + m30.start()
    out.append(
        Finding(
            document=SOURCE,
            number=NUMBER,
            eid="att_1__art_4",
            rule="conflict.time_limit",
            category="conflict",
            severity="high",
            confidence=0.8,
            message=(
                "Điều 4 Quy định cho thời hạn cấp giấy phép xây dựng 30 ngày, dài hơn 20 ngày "
                "theo điểm e khoản 1 Điều 102 Luật Xây dựng đã được sửa đổi bởi Luật "
                "62/2020/QH14 (có hiệu lực từ 01/01/2021). Đề nghị sửa đổi cho phù hợp."
            ),
            cited="62/2020/QH14",
            evidence=[
                Evidence(
                    "62/2020/QH14 art_1__para_37",
                    "e) … thời hạn cấp giấy phép xây dựng … không quá 20 ngày đối với công trình…",
                ),
                Evidence(
                    "kb:50/2014/QH13",
                    "Điều 102 nguyên văn năm 2014 quy định 30 ngày; "
                    "được sửa đổi bởi 62/2020/QH14 kể từ ngày 01/01/2021.",
                ),
            ],
            legal_ground="Điểm e khoản 1 Điều 102 Luật Xây dựng (sửa đổi 2020)",
            action="sua_doi",
            start=s30,
            end=a4["start"] + m30.end(),
            fingerprint=fp("att_1__art_4", "conflict.time_limit", "62/2020/QH14"),
            text_hash=th("att_1__art_4"),
            fact_hash=fact,
        )
    )
    a5 = st["att_1__art_5"]
    s5 = a5["start"] + a5["text"].index("bị phạt tiền")
    out.append(
        Finding(
            document=SOURCE,
            number=NUMBER,
            eid="att_1__art_5",
            rule="competence.sanctions",
            category="competence",
            severity="high",
            confidence=0.92,
            message=(
                "Điều 5 Quy định đặt mức phạt tiền; chỉ Chính phủ quy định hành vi vi phạm "
                "hành chính và hình thức xử phạt (Luật Xử lý vi phạm hành chính 15/2012/QH13). "
                "Đề nghị bãi bỏ Điều 5."
            ),
            cited="15/2012/QH13",
            evidence=[
                Evidence(
                    "15/2012/QH13 art_4",
                    "Chính phủ quy định chi tiết hành vi vi phạm "
                    "hành chính, hình thức xử phạt, mức xử phạt…",
                )
            ],
            legal_ground="Khoản 1 Điều 4 Luật Xử lý vi phạm hành chính 15/2012/QH13",
            action="bai_bo_mot_phan",
            start=s5,
            end=a5["end"],
            fingerprint=fp("att_1__art_5", "competence.sanctions", "15/2012/QH13"),
            text_hash=th("att_1__art_5"),
            fact_hash=fact,
        )
    )
    out.append(
        Finding(
            document=SOURCE,
            number=NUMBER,
            eid="basis_2",
            rule="basis.expired",
            category="basis_expired",
            severity="medium",
            confidence=0.95,
            message=(
                "Căn cứ thứ 2 (Luật Ban hành văn bản quy phạm pháp luật 80/2015/QH13) đã hết "
                "hiệu lực từ 01/04/2025, được thay thế bởi Luật 64/2025/QH15 (Điều 71)."
            ),
            cited="80/2015/QH13",
            replaced_by=["64/2025/QH15"],
            evidence=[
                Evidence("kb:80/2015/QH13", "Có hiệu lực từ 01/07/2016."),
                Evidence(
                    "kb:64/2025/QH15",
                    "Điều 71: Luật số 80/2015/QH13 … hết hiệu lực kể "
                    "từ ngày Luật này có hiệu lực thi hành (01/04/2025).",
                ),
            ],
            start=bases[1]["start"],
            end=bases[1]["end"],
            fingerprint=fp("basis_2", "basis.expired", "80/2015/QH13"),
            text_hash=th("basis_2"),
            fact_hash=fact,
        )
    )
    out.append(
        Finding(
            document=SOURCE,
            number=NUMBER,
            eid="document",
            rule="competence.issuer_dissolved",
            category="competence",
            severity="medium",
            confidence=0.7,
            message=(
                "Cơ quan ban hành (Ủy ban nhân dân tỉnh Bắc Giang) không còn tồn tại: tỉnh Bắc "
                "Giang đã hợp nhất vào tỉnh Bắc Ninh theo Nghị quyết 202/2025/QH15; việc rà "
                "soát, xử lý thuộc Ủy ban nhân dân tỉnh Bắc Ninh."
            ),
            cited="202/2025/QH15",
            evidence=[
                Evidence(
                    "kb:202/2025/QH15",
                    "Sắp xếp tỉnh Bắc Giang và tỉnh Bắc Ninh thành tỉnh Bắc Ninh.",
                )
            ],
            fingerprint=fp("document", "competence.issuer_dissolved", "202/2025/QH15"),
            text_hash=th("document"),
            fact_hash=fact,
        )
    )
    return out
