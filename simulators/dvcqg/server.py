"""A local stand-in for the national public-service portal's dossier-sync API (Cổng DVCQG).

Standard library only, its own process; see simulators/README.md. The contract is
docs/dvcqg-sync.md (REGULATION.md §4.1); it is written here again on purpose, field by field, so
the application's client is checked against an independent implementation.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import contextlib
import hmac
import json
import os
import re
import socket
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

VN = timezone(timedelta(hours=7))  # the contract's dates are Việt Nam local time
ENDPOINTS = {
    "/api/hoso/themmoi": "themmoi",
    "/api/hoso/capnhat": "capnhat",
    "/api/hoso/tientrinh": "tientrinh",
}
MODES = ("ok", "http500", "timeout", "malformed", "unknown_code", "exists", "down")
MAX_STEPS = 10
ONLINE = 2  # KenhThucHien
MAX_BODY = 20_000_000
DATE = re.compile(r"\d{14}")
OK = {"error_code": "0", "message": "Thành công"}

# --- the contract, field by field ------------------------------------------------------------
# A field is (kind, check); kinds: "str", "int", "bool", "date", or a nested spec (a list of
# objects). `check` is an extra rule on the value, returning what is wrong or None.
Check = Callable[[Any], "str | None"]


def one_of(*allowed: int) -> Check:
    def check(value: Any) -> str | None:
        if value in allowed:
            return None
        return "phải là một trong " + ", ".join(str(a) for a in allowed)

    return check


def between(low: int, high: int) -> Check:
    def check(value: Any) -> str | None:
        return None if low <= value <= high else f"phải từ {low} đến {high}"

    return check


def at_most(length: int) -> Check:
    def check(value: Any) -> str | None:
        return f"dài quá {length} ký tự" if len(value) > length else None

    return check


def not_negative(value: Any) -> str | None:
    return "không được âm" if value < 0 else None


class Spec:
    """The fields of one kind of object and which of them are mandatory."""

    def __init__(
        self, fields: dict[str, tuple[Any, Check | None]], mandatory: tuple[str, ...]
    ) -> None:
        self.fields = fields
        self.mandatory = mandatory


S = ("str", None)
DATE_FIELD = ("date", None)
ZERO_ONE = ("int", one_of(0, 1))

COMPONENT = Spec(  # TaiLieuNop[]
    {
        "TepDinhKemId": S,
        "TenTepDinhKem": S,
        "IsDeleted": ("bool", None),
        "MaThanhPhanHoSo": S,
        "DuongDanTaiTepTin": S,
        "DuocSoHoa": ZERO_ONE,
        "DuocTaiSuDung": ("int", one_of(0, 1, 2)),
        "DuocLayTuKhoDMQG": ZERO_ONE,
        "MaKetQuaThayThe": S,
    },
    ("TepDinhKemId", "TenTepDinhKem", "DuocSoHoa", "DuocTaiSuDung", "DuocLayTuKhoDMQG"),
)
FEE = Spec(  # DanhSachLePhi[]
    {
        "TenPhiLePhi": S,
        "MaPhiLePhi": S,
        "HinhThucThu": ("int", one_of(1, 2)),
        "Gia": ("int", not_negative),
        "LoaiPhiLePhi": ("int", one_of(1, 2, 3)),
    },
    ("TenPhiLePhi", "Gia", "LoaiPhiLePhi"),
)
OTHER_FILE = Spec(  # DanhSachTepDinhKemKhac[]: REGULATION §4.1's fields, none mandatory [GAP]
    {"TenGiayTo": S, "SoLuong": ("int", not_negative), "LoaiGiayTo": S},
    (),
)
SUPPLEMENT = Spec(  # DanhSachHoSoBoSung[]
    {
        "HoSoBoSungId": S,
        "NguoiYeuCauBoSung": S,
        "NoiDungBoSung": S,
        "NgayBoSung": DATE_FIELD,
        "NguoiTiepNhanBoSung": S,
        "ThongTinTiepNhan": S,
        "NgayTiepNhanBoSung": DATE_FIELD,
        "TrangThaiBoSung": ("int", one_of(0, 1, 2)),
        # [GAP] the contract does not describe these two lists' items: a supplement's
        # documents are taken to be components (TaiLieuNop), its fees fee lines (DanhSachLePhi).
        "DanhSachGiayToBoSung": (COMPONENT, None),
        "DanhSachLePhiBoSung": (FEE, None),
        "NgayHenTraTruoc": DATE_FIELD,
        "NgayHenTraMoi": DATE_FIELD,
    },
    ("HoSoBoSungId", "NoiDungBoSung", "NgayBoSung", "TrangThaiBoSung"),
)
RESULT = Spec(  # DanhSachGiayToKetQua[]
    {
        "TenGiayTo": S,
        "MaThanhPhanHoSo": S,
        "GiayToId": S,
        "DuongDanTepTinKetQua": S,
        "MaGiayToKetQua": S,
    },
    ("TenGiayTo", "GiayToId"),
)
IDENTITY = Spec(  # DinhDanhCHS[]
    {"LoaiDinhDanh": ("int", one_of(1, 2)), "SoDinhDanh": S},
    ("LoaiDinhDanh", "SoDinhDanh"),
)
DATABASE = Spec({"MaCSDL": S}, ("MaCSDL",))  # DSKetNoiCSDL[]
DOSSIER = Spec(  # HoSoDongBoDVC
    {
        "MaHoSo": S,
        "MaTTHC": S,
        "TenTTHC": S,
        "MaLinhVuc": S,
        "TenLinhVuc": S,
        "KenhThucHien": ("int", one_of(1, 2, 3)),
        "ChuHoSo": S,
        "SoGiayToChuHoSo": S,
        "LoaiDoiTuong": ("int", one_of(1, 2, 3, 4)),
        "MaDoiTuong": S,
        "ThongTinKhac": S,
        "Email": S,
        "Fax": S,
        "SoDienThoai": S,
        "TrichYeuHoSo": ("str", at_most(1000)),
        "NgayNopHoSo": DATE_FIELD,
        "NgayTiepNhan": DATE_FIELD,
        "NgayHenTra": DATE_FIELD,
        "TrangThaiHoSo": ("int", between(1, 10)),
        "NgayTra": DATE_FIELD,
        "ThongTinTra": S,
        "HinhThuc": ("int", one_of(1, 2, 3)),
        "NgayKetThucXuLy": DATE_FIELD,
        "NgayTuChoi": DATE_FIELD,
        "DonViXuLy": S,
        "NoiNopHoSo": S,
        "GhiChu": S,
        "HoSoCoThanhPhanSoHoa": ZERO_ONE,
        "TaiKhoanDuocXacThucVoiVNeID": ZERO_ONE,
        "DuocThanhToanTrucTuyen": ("int", one_of(1, 2, 3)),
        "TaiLieuNop": (COMPONENT, None),
        "DanhSachLePhi": (FEE, None),
        "DanhSachTepDinhKemKhac": (OTHER_FILE, None),
        "DanhSachHoSoBoSung": (SUPPLEMENT, None),
        "DanhSachGiayToKetQua": (RESULT, None),
        "DinhDanhCHS": (IDENTITY, None),
        "DSKetNoiCSDL": (DATABASE, None),
    },
    (
        "MaHoSo",
        "MaTTHC",
        "TenTTHC",
        "MaLinhVuc",
        "TenLinhVuc",
        "KenhThucHien",
        "ChuHoSo",
        "LoaiDoiTuong",
        "TrichYeuHoSo",
        "NgayNopHoSo",
        "TrangThaiHoSo",
        "DonViXuLy",
        "NoiNopHoSo",
        "HoSoCoThanhPhanSoHoa",
        "TaiKhoanDuocXacThucVoiVNeID",
        "DuocThanhToanTrucTuyen",
        "TaiLieuNop",
        "DanhSachLePhi",
        "DanhSachHoSoBoSung",
        "DanhSachGiayToKetQua",
    ),
)
# Dates a dossier must carry in some statuses (docs/dvcqg-sync.md, "mandatory" column).
DATES_BY_STATUS = {
    "NgayTiepNhan": {2, 4, 6, 8, 9, 10},
    "NgayHenTra": {2, 4, 6, 9, 10},
    "NgayTra": {10},
    "NgayKetThucXuLy": {9, 10},
    "NgayTuChoi": {3},
}
STEP = Spec(  # QuaTrinhXuLy
    {
        "MaHoSo": S,
        "NguoiXuLy": ("str", at_most(50)),
        "ChucDanh": S,
        "ThoiDiemXuLy": DATE_FIELD,
        "PhongBanXuLy": S,
        "NoiDungXuLy": S,
        "TrangThai": ("int", between(1, 10)),
        "NgayBatDau": DATE_FIELD,
        "NgayKetThucTheoQuyDinh": DATE_FIELD,
    },
    ("MaHoSo", "NguoiXuLy", "ThoiDiemXuLy", "NoiDungXuLy", "TrangThai"),
)
STEP_KEY = ("MaHoSo", "ThoiDiemXuLy", "NguoiXuLy", "TrangThai", "NoiDungXuLy")


def absent(value: Any) -> bool:
    """A mandatory field is missing when absent, null or a blank string; an optional one may be
    any of these."""
    return value is None or (isinstance(value, str) and not value.strip())


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_date(value: Any) -> bool:
    """yyyyMMddHHmmss, fourteen digits, and a real moment."""
    if not isinstance(value, str) or not DATE.fullmatch(value):
        return False
    try:
        datetime.strptime(value, "%Y%m%d%H%M%S").replace(tzinfo=VN)
    except ValueError:
        return False
    return True


SCALARS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "str": (lambda value: isinstance(value, str), "phải là chuỗi"),
    "bool": (lambda value: isinstance(value, bool), "phải là true hoặc false"),
    "int": (is_int, "phải là số nguyên"),
    "date": (is_date, "không đúng định dạng ngày yyyyMMddHHmmss"),
}


def wrong_value(kind: Any, value: Any, where: str) -> str | None:
    """What is wrong with one present value of `kind`, or None."""
    if isinstance(kind, Spec):
        if not isinstance(value, list):
            return f"{where} phải là một danh sách"
        for index, item in enumerate(value):
            problem = wrong_object(kind, item, f"{where}[{index}]")
            if problem:
                return problem
        return None
    accepts, message = SCALARS[kind]
    return None if accepts(value) else f"{where} {message}"


def wrong_object(spec: Spec, item: Any, where: str = "") -> str | None:
    """What is wrong with one object of `spec` (the first problem found), or None."""
    prefix = f"{where}." if where else ""
    if not isinstance(item, dict):
        return f"{where or 'phần tử'} phải là một đối tượng JSON"
    for name in item:
        if name not in spec.fields:
            return f"trường không được hỗ trợ {prefix}{name}"
    for name in spec.mandatory:
        if absent(item.get(name)):
            return f"thiếu trường bắt buộc {prefix}{name}"
    for name, value in item.items():
        if value is None:
            continue
        kind, check = spec.fields[name]
        problem = wrong_value(kind, value, prefix + name)
        if problem:
            return problem
        problem = check(value) if check is not None else None
        if problem:
            return f"{prefix}{name} {problem}"
    return None


def wrong_dossier(dossier: dict[str, Any]) -> str | None:
    """The dossier's own rules beyond field by field: dates its status requires, identity
    numbers of the right length, a portal account only online."""
    status = dossier["TrangThaiHoSo"]
    for name, statuses in DATES_BY_STATUS.items():
        if status in statuses and absent(dossier.get(name)):
            return f"thiếu trường bắt buộc {name} (trạng thái {status})"
    for index, identity in enumerate(dossier.get("DinhDanhCHS") or []):
        digits = 12 if identity["LoaiDinhDanh"] == 1 else 9
        number = identity["SoDinhDanh"]
        if not (number.isdigit() and len(number) == digits):
            return f"DinhDanhCHS[{index}].SoDinhDanh phải gồm {digits} chữ số"
    if not absent(dossier.get("MaDoiTuong")) and dossier["KenhThucHien"] != ONLINE:
        return "MaDoiTuong chỉ dùng cho hồ sơ nộp trực tuyến (KenhThucHien 2)"
    return None


def refusal(items: Any, spec: Spec, *, dossiers: bool) -> str | None:
    """Why the whole list is refused ("<MaHoSo>: <what>"), or None when every item is valid."""
    if not isinstance(items, list):
        return "Dữ liệu gửi lên phải là một danh sách JSON"
    if not dossiers and len(items) > MAX_STEPS:
        return f"Tối đa {MAX_STEPS} bước xử lý mỗi lần gửi, nhận được {len(items)}"
    seen: set[str] = set()
    for index, item in enumerate(items, start=1):
        code = item.get("MaHoSo") if isinstance(item, dict) else None
        label = code if isinstance(code, str) and code.strip() else f"phần tử thứ {index}"
        problem = wrong_object(spec, item)
        if problem is None and dossiers:
            problem = wrong_dossier(item)
            if problem is None and code in seen:
                problem = "MaHoSo lặp lại trong cùng danh sách"
            seen.add(code)
        if problem:
            return f"{label}: {problem}"
    return None


# --- the portal ------------------------------------------------------------------------------
def empty_state() -> dict[str, Any]:
    return {
        "dossiers": {},  # MaHoSo -> list of versions {received_at, endpoint, HoSo}, in order
        "steps": {},  # MaHoSo -> list of steps (QuaTrinhXuLy), in the order stored
        "counters": {
            "requests": dict.fromkeys(ENDPOINTS.values(), 0),
            "answers": {},
            "dossiers_created": 0,
            "updates_applied": 0,
            "steps_stored": 0,
            "duplicate_steps_ignored": 0,
        },
    }


def now() -> str:
    return datetime.now(VN).isoformat(timespec="microseconds")


class Portal:
    def __init__(self, args: argparse.Namespace) -> None:
        self.users = dict(u.split("=", 1) for u in (args.users or "").split(",") if "=" in u)
        self.check_credentials = args.users is not None
        self.state_file: str | None = args.state_file
        self.timeout_sleep: float = args.timeout_sleep
        self.lock = threading.Lock()
        self.mode = "ok"
        self.remaining: int | None = None  # requests left in `mode`; None: until told otherwise
        self.until: float | None = None  # time.monotonic() when `mode` ends; None: no end
        self.state = empty_state()
        if self.state_file and os.path.exists(self.state_file):
            with open(self.state_file, encoding="utf-8") as f:
                self.state = json.load(f)  # a broken file stops the start: nothing is lost

    def save(self) -> None:
        """Write the state atomically (a temporary file, then a rename); under the lock."""
        if not self.state_file:
            return
        folder = os.path.dirname(os.path.abspath(self.state_file))
        fd, temporary = tempfile.mkstemp(prefix=".dvcqg-", suffix=".json", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(self.state, f, ensure_ascii=False)
                f.flush()
                os.fsync(f.fileno())
            os.replace(temporary, self.state_file)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise

    def authorised(self, header: str | None) -> bool:
        if not self.check_credentials:
            return True
        if not header or not header.startswith("Basic "):
            return False
        try:
            user, _, password = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        expected = self.users.get(user)
        return expected is not None and hmac.compare_digest(
            password.encode("utf-8"), expected.encode("utf-8")
        )

    # --- control ---------------------------------------------------------------------------
    def control(self) -> dict[str, Any]:
        left = None if self.until is None else max(0.0, round(self.until - time.monotonic(), 1))
        return {"mode": self.mode, "count": self.remaining, "seconds": left}

    def set_control(
        self, mode: str, count: int | None, seconds: float | None = None
    ) -> dict[str, Any]:
        with self.lock:
            self.mode = mode
            self.remaining = None if mode == "ok" else count
            self.until = None if mode == "ok" or seconds is None else time.monotonic() + seconds
            return self.control()

    def take_mode(self, endpoint: str) -> str:
        """Count a request to an API endpoint and say which mode answers it."""
        with self.lock:
            self.state["counters"]["requests"][endpoint] += 1
            if self.until is not None and time.monotonic() >= self.until:  # the period is over
                self.mode, self.remaining, self.until = "ok", None, None
            mode = self.mode
            if self.remaining is not None:
                self.remaining -= 1
                if self.remaining <= 0:
                    self.mode, self.remaining = "ok", None
            self.save()
            return mode

    def answered(self, kind: str) -> None:
        with self.lock:
            answers = self.state["counters"]["answers"]
            answers[kind] = answers.get(kind, 0) + 1
            self.save()

    def reset(self) -> None:
        with self.lock:
            self.state = empty_state()
            self.mode, self.remaining, self.until = "ok", None, None
            self.save()

    # --- the three endpoints ---------------------------------------------------------------
    def receive(self, endpoint: str, items: Any, *, exists_mode: bool) -> dict[str, str]:
        dossiers = endpoint != "tientrinh"
        problem = refusal(items, DOSSIER if dossiers else STEP, dossiers=dossiers)
        if problem:
            return {"error_code": "2", "message": problem}
        with self.lock:
            if endpoint == "themmoi":
                answer = self.create(items, exists_mode=exists_mode)
            elif endpoint == "capnhat":
                answer = self.update(items)
            else:
                answer = self.add_steps(items)
            self.save()
            return answer

    def create(self, items: list[dict[str, Any]], *, exists_mode: bool) -> dict[str, str]:
        stored = self.state["dossiers"]
        existing = [d["MaHoSo"] for d in items if d["MaHoSo"] in stored]
        at = now()
        for dossier in items:
            if dossier["MaHoSo"] not in stored:
                stored[dossier["MaHoSo"]] = [
                    {"received_at": at, "endpoint": "themmoi", "HoSo": dossier}
                ]
                self.state["counters"]["dossiers_created"] += 1
        if exists_mode:
            existing = [d["MaHoSo"] for d in items]
        if existing:
            return {"error_code": "3", "message": "Hồ sơ đã tồn tại: " + ", ".join(existing)}
        return dict(OK)

    def update(self, items: list[dict[str, Any]]) -> dict[str, str]:
        stored = self.state["dossiers"]
        unknown = [d["MaHoSo"] for d in items if d["MaHoSo"] not in stored]
        if unknown:
            return {"error_code": "4", "message": "Hồ sơ không tồn tại: " + ", ".join(unknown)}
        at = now()
        for dossier in items:
            stored[dossier["MaHoSo"]].append(
                {"received_at": at, "endpoint": "capnhat", "HoSo": dossier}
            )
            self.state["counters"]["updates_applied"] += 1
        return dict(OK)

    def add_steps(self, items: list[dict[str, Any]]) -> dict[str, str]:
        unknown = list(dict.fromkeys(s["MaHoSo"] for s in items))
        unknown = [code for code in unknown if code not in self.state["dossiers"]]
        if unknown:
            return {"error_code": "4", "message": "Hồ sơ không tồn tại: " + ", ".join(unknown)}
        counters = self.state["counters"]
        for step in items:
            kept = self.state["steps"].setdefault(step["MaHoSo"], [])
            key = [step.get(name) for name in STEP_KEY]
            if any([s.get(name) for name in STEP_KEY] == key for s in kept):
                counters["duplicate_steps_ignored"] += 1
                continue
            kept.append(step)
            counters["steps_stored"] += 1
        return dict(OK)

    # --- reading back ----------------------------------------------------------------------
    def dossier(self, code: str, *, full: bool) -> dict[str, Any]:
        versions = self.state["dossiers"][code]
        answer: dict[str, Any] = {
            "MaHoSo": code,
            "HoSo": versions[-1]["HoSo"],
            "version_count": len(versions),
            "QuaTrinhXuLy": self.state["steps"].get(code, []),
        }
        if full:
            answer["versions"] = versions
        return answer

    def all_dossiers(self) -> dict[str, Any]:
        codes = list(self.state["dossiers"])
        return {
            "count": len(codes),
            "items": [self.dossier(code, full=False) for code in codes],
        }

    def statistics(self) -> dict[str, Any]:
        answer = json.loads(json.dumps(self.state["counters"]))
        answer["versions"] = {code: len(v) for code, v in self.state["dossiers"].items()}
        answer["control"] = self.control()
        return answer


HTML_500 = (
    "<!doctype html><html><head><title>500 Internal Server Error</title></head>"
    "<body><h1>500 Internal Server Error</h1><p>Máy chủ gặp sự cố (mô phỏng).</p></body></html>"
)
HTML_504 = (
    "<!doctype html><html><head><title>504 Gateway Time-out</title></head>"
    "<body><h1>504 Gateway Time-out</h1><p>Hết thời gian chờ (mô phỏng).</p></body></html>"
)
MALFORMED = '{"error_code": "0", "message": "Thành c'  # cut short: not JSON


def handler_for(portal: Portal) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "DVCQGSimulator/1.0"

        def log_message(self, format: str, *args: Any) -> None:
            print(f"dvcqg-sim: {format % args}", flush=True)

        def _send(self, status: int, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            if status == HTTPStatus.UNAUTHORIZED:
                self.send_header("WWW-Authenticate", 'Basic realm="DVCQG", charset="UTF-8"')
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status: int, data: Any) -> None:
            body = json.dumps(data, ensure_ascii=False).encode("utf-8")
            self._send(status, body, "application/json; charset=utf-8")

        def _html(self, status: int, text: str) -> None:
            self._send(status, text.encode("utf-8"), "text/html; charset=utf-8")

        def _body(self) -> bytes:
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = 0
            return self.rfile.read(min(max(length, 0), MAX_BODY))

        def _authorised(self) -> bool:
            if portal.authorised(self.headers.get("Authorization")):
                return True
            self._json(401, {"error_code": "1", "message": "Sai thông tin xác thực"})
            return False

        def _not_found(self) -> None:
            self._json(404, {"error_code": "404", "message": "Không tìm thấy"})

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path == "/_control":
                with portal.lock:
                    self._json(200, portal.control())
                return
            if not path.startswith("/api/"):
                self._not_found()
                return
            if not self._authorised():
                return
            with portal.lock:
                if path == "/api/thongke":
                    data: Any = portal.statistics()
                elif path == "/api/hoso":
                    data = portal.all_dossiers()
                elif path.startswith("/api/hoso/") and "/" not in path[len("/api/hoso/") :]:
                    code = unquote(path.removeprefix("/api/hoso/"))
                    if code not in portal.state["dossiers"]:
                        self._json(
                            404, {"error_code": "4", "message": f"Hồ sơ không tồn tại: {code}"}
                        )
                        return
                    data = portal.dossier(code, full=True)
                else:
                    self._not_found()
                    return
                body = json.dumps(data, ensure_ascii=False).encode("utf-8")
            self._send(200, body, "application/json; charset=utf-8")

        def do_POST(self) -> None:
            path = urlsplit(self.path).path
            body = self._body()
            if path == "/_control":
                self._post_control(body)
            elif path == "/_reset":
                portal.reset()
                self._json(200, {"reset": True, **portal.control()})
            elif path in ENDPOINTS:
                self._post_api(ENDPOINTS[path], body)
            else:
                self._not_found()

        def _post_control(self, body: bytes) -> None:
            try:
                order = json.loads(body)
            except ValueError:
                order = None
            mode = order.get("mode") if isinstance(order, dict) else None
            count = order.get("count") if isinstance(order, dict) else None
            seconds = order.get("seconds") if isinstance(order, dict) else None
            good_count = count is None or (
                isinstance(count, int) and not isinstance(count, bool) and count > 0
            )
            good_seconds = seconds is None or (
                isinstance(seconds, int | float) and not isinstance(seconds, bool) and seconds > 0
            )
            if mode not in MODES or not good_count or not good_seconds:
                self._json(
                    400,
                    {
                        "error": "expected {'mode': one of " + ", ".join(MODES) + ", "
                        "'count': a positive integer or absent, "
                        "'seconds': a positive number or absent}"
                    },
                )
                return
            self._json(200, portal.set_control(mode, count, seconds))

        def _post_api(self, endpoint: str, body: bytes) -> None:
            mode = portal.take_mode(endpoint)
            if mode == "down":  # no answer at all: the connection is closed
                portal.answered("down")
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)
                return
            if mode == "http500":
                portal.answered("http500")
                self._html(500, HTML_500)
                return
            if mode == "malformed":
                portal.answered("malformed")
                self._send(200, MALFORMED.encode("utf-8"), "application/json; charset=utf-8")
                return
            if mode == "unknown_code":
                portal.answered("99")
                self._json(200, {"error_code": "99", "message": "Lỗi không xác định"})
                return
            if mode == "timeout":  # nothing stored: the client that gave up may send it again
                time.sleep(portal.timeout_sleep)
                portal.answered("timeout")
                with contextlib.suppress(OSError):
                    self._html(504, HTML_504)
                return
            if not self._authorised():
                portal.answered("1")
                return
            try:
                items = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                answer = {"error_code": "2", "message": "Dữ liệu gửi lên không phải JSON hợp lệ"}
            else:
                answer = portal.receive(endpoint, items, exists_mode=mode == "exists")
            portal.answered(answer["error_code"])
            self._json(200, answer)

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument(
        "--users", default=None, help="user=password,...: HTTP Basic accounts (none: no check)"
    )
    parser.add_argument("--state-file", default=None)
    parser.add_argument(
        "--timeout-sleep", type=float, default=30.0, help="seconds the 'timeout' mode waits"
    )
    args = parser.parse_args()
    portal = Portal(args)
    server = ThreadingHTTPServer((args.host, args.port), handler_for(portal))
    print(f"dvcqg-sim: listening on http://{args.host}:{server.server_port}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
