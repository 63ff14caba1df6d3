"""Error codes and their Vietnamese messages, in one place.

Every error a user can see is a :class:`ThplError` with a code from :data:`MESSAGES`. The
message says what went wrong, where (the file), and what to do next. The CLI prints
``str(error)`` on one line of stderr and never a traceback.

>>> str(ThplError("E101", path="qd.pdf"))
'qd.pdf: [E101] Tệp rỗng (0 byte). Hãy kiểm tra lại tệp gốc hoặc tải lại văn bản.'
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # --- ingest: reading files (E1xx) ---
    "E100": "Không tìm thấy tệp hoặc thư mục. Hãy kiểm tra lại đường dẫn.",
    "E101": "Tệp rỗng (0 byte). Hãy kiểm tra lại tệp gốc hoặc tải lại văn bản.",
    "E102": (
        "Không nhận dạng được định dạng tệp{detail}. Hệ thống đọc được PDF, DOCX, DOC, HTML, "
        "TXT và MD; hãy chuyển văn bản sang một trong các định dạng này."
    ),
    "E103": (
        "Tệp PDF bị hỏng hoặc không đầy đủ{detail}. Hãy tải lại bản PDF gốc hoặc xuất lại "
        "từ phần mềm soạn thảo."
    ),
    "E104": (
        "Tệp PDF được đặt mật khẩu (mã hóa){detail}. Hãy gỡ mật khẩu hoặc xin bản không mã hóa "
        "rồi chạy lại."
    ),
    "E105": (
        "Các trang {detail} là ảnh quét, không có lớp văn bản, và máy này chưa cài OCR "
        "(Tesseract với gói tiếng Việt). Hãy cài gói tesseract-ocr và tesseract-ocr-vie "
        "(apt-get install tesseract-ocr tesseract-ocr-vie) hoặc cung cấp bản có lớp văn bản."
    ),
    "E106": (
        "Tệp quá lớn{detail}. Hãy tách văn bản thành các phần nhỏ hơn (mỗi phần không quá "
        "giới hạn trên) hoặc đặt lại giới hạn bằng biến môi trường THPL_MAX_PAGES / "
        "THPL_MAX_BYTES."
    ),
    "E107": (
        "Tệp Word cũ (.doc) không đọc được{detail}. Hãy cài LibreOffice hoặc antiword "
        "(apt-get install libreoffice-writer-nogui antiword), hoặc lưu lại tệp dưới dạng DOCX."
    ),
    "E108": (
        "Tệp DOCX bị hỏng hoặc không phải tệp Word hợp lệ{detail}. Hãy mở tệp bằng Word "
        "rồi lưu lại dưới dạng DOCX."
    ),
    "E109": (
        "Tệp không chứa văn bản đọc được (dữ liệu nhị phân){detail}. Hãy kiểm tra lại tệp gốc."
    ),
    "E110": (
        "Văn bản dùng bảng mã cũ {detail} và không chuyển đổi được chắc chắn sang Unicode. "
        "Hãy chuyển mã sang Unicode (ví dụ bằng Unikey) rồi chạy lại."
    ),
    "E111": (
        "Không nhận ra đây là văn bản quy phạm pháp luật tiếng Việt{detail}. Hãy kiểm tra "
        "lại tệp: văn bản cần có tên loại (Quyết định, Nghị quyết, Luật…) và các điều khoản."
    ),
    "E112": "Đọc ảnh quét bằng OCR thất bại{detail}. Hãy kiểm tra cài đặt Tesseract.",
    "E113": "Không đọc được tệp{detail}. Hãy kiểm tra quyền truy cập và tải lại tệp.",
    # --- structure and NLP (E2xx) ---
    "E201": "Số hiệu văn bản không hợp lệ: {detail}.",
    "E202": "Ngày không hợp lệ: {detail}.",
    # --- review queue and web app (E6xx) ---
    "E601": (
        "Phát hiện này vừa được người khác cập nhật{detail}. Quyết định của bạn chưa được lưu; "
        "hãy tải lại trang để xem trạng thái mới nhất rồi quyết định lại."
    ),
    "E602": "Không thể chuyển trạng thái{detail}.",
    "E603": "Không tìm thấy {detail}. Hãy kiểm tra lại mã số hoặc đường dẫn.",
    "E604": (
        "Bạn không có quyền thực hiện thao tác này{detail}. Hãy liên hệ quản trị viên nếu cần "
        "được cấp quyền."
    ),
    "E605": "Không có quyết định nào của bạn để hoàn tác{detail}.",
    "E606": "Dữ liệu nhập không hợp lệ: {detail}.",
    "E607": "Tên đăng nhập hoặc mật khẩu không đúng. Hãy nhập lại.",
    "E608": (
        "Đăng nhập sai quá nhiều lần. Hãy thử lại sau {detail} phút hoặc liên hệ quản trị viên."
    ),
    "E609": "Tệp sao lưu không hợp lệ hoặc không đọc được{detail}. Hãy chọn đúng tệp sao lưu.",
    "E610": (
        "Cơ sở dữ liệu hàng đợi chưa được khởi tạo hoặc cần nâng cấp{detail}. "
        "Hãy chạy lệnh: thpl db upgrade."
    ),
    "E611": "Phiên làm việc đã hết hạn hoặc thiếu mã chống giả mạo (CSRF). Hãy tải lại trang.",
    "E612": "Dữ liệu gửi lên quá lớn{detail}. Hãy gửi ít dữ liệu hơn.",
    # --- reports (E8xx) ---
    "E801": (
        "Chưa có cơ sở dữ liệu hàng đợi kiểm tra{detail}. Hãy chạy thpl review để kiểm tra văn "
        "bản (hoặc thpl db upgrade) trước khi lập báo cáo, hoặc đặt lại THPL_DB_URL."
    ),
    "E802": (
        "Không tìm thấy văn bản {detail} trong hàng đợi kiểm tra. Hãy nhập đúng số hiệu (ví dụ "
        "15/2025/NQ-HĐND) hoặc đường dẫn tệp như đã dùng khi chạy thpl review."
    ),
    "E803": (
        "Không ghi được tệp báo cáo{detail}. Hãy kiểm tra quyền ghi vào thư mục --out và đóng "
        "tệp nếu đang mở trong Word hoặc Excel."
    ),
    "E804": (
        "Mẫu báo cáo .docx không dùng được{detail}. Hãy sửa lại mẫu (giữ nguyên các thẻ "
        "{{{{ … }}}} và {{% … %}}) hoặc chạy scripts/make_report_template.py để tạo lại mẫu gốc."
    ),
    "E805": (
        "Có nhiều văn bản khớp với {detail}. Hãy dùng đường dẫn tệp đã lưu để chỉ rõ văn bản."
    ),
    # --- configuration and usage (E9xx) ---
    "E901": "Cấu hình không hợp lệ: {detail}.",
    "E902": "Tham số dòng lệnh không hợp lệ: {detail}.",
}

# Warnings attached to parsed documents (not fatal).
WARNINGS: dict[str, str] = {
    "W101": "Tệp có {detail} byte không hợp lệ theo UTF-8; đã thay bằng ký tự thay thế.",
    "W102": "Văn bản dùng bảng mã cũ {detail}; đã chuyển sang Unicode, hãy đối chiếu bản gốc.",
    "W103": "Đã đọc {detail} trang ảnh quét bằng OCR; kết quả có thể có lỗi nhận dạng.",
    "W104": "Đã thay {detail} ký tự dễ nhầm (ví dụ Ð → Đ, ký tự vô hình).",
    "W201": "Không tìm thấy số hiệu văn bản.",
    "W202": "Không tìm thấy ngày ban hành.",
    "W203": "Không tìm thấy tên loại văn bản.",
    "W204": "Số thứ tự {detail} không liên tục hoặc bị trùng.",
    "W205": "Đã sửa số hiệu trích dẫn: {detail}.",
    # --- nlp extractors (W25x) ---
    "W250": "Ngày không tồn tại: {detail}; hãy đối chiếu bản gốc và sửa lại ngày.",
}


class ThplError(Exception):
    """A user-facing error with a code, the file it concerns and a Vietnamese message."""

    def __init__(self, code: str, path: str | None = None, detail: str = "") -> None:
        self.code = code
        self.path = path
        self.detail = detail
        super().__init__(self.message)

    @property
    def message(self) -> str:
        template = MESSAGES.get(self.code, "Lỗi không xác định{detail}.")
        return f"[{self.code}] " + template.format(detail=self.detail)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def warning(code: str, detail: object = "") -> str:
    """Format a warning code as the Vietnamese line stored in ``warnings``.

    >>> warning("W201")
    '[W201] Không tìm thấy số hiệu văn bản.'
    """
    return f"[{code}] " + WARNINGS[code].format(detail=detail)
