"""PayGov messages and their checksum, pure (REGULATION.md §4.2, protocol 1.0.6).

`MaXacThuc` is the lowercase hex SHA-256 of the fields in a fixed order joined by "|", with the
partner's secret key appended last. The three orders below are the regulation's; everything the
regulation leaves open (the replies' shapes, the time format, our answer codes) is marked [GAP]
and described in docs/adr/0011-fees-and-payments.md.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Final

VERSION: Final = "1.0.6"

INIT_FIELDS: Final = (
    "LoaiBanTin",
    "PhienBan",
    "MaDoiTac",
    "MaThamChieu",
    "SoTien",
    "LoaiHinhThanhToan",
    "MaKenhThanhToan",
    "MaThietBi",
    "NgonNgu",
    "MaTienTe",
    "MaNganHang",
    "ThongTinGiaoDich",
    "ThoiGianGD",
    "Ip",
)
QUERY_FIELDS: Final = ("LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "ThoiGianGD")
CONFIRM_FIELDS: Final = (
    "LoaiBanTin",
    "MaLoi",
    "MaDoiTac",
    "MaThamChieu",
    "SoTien",
    "MaTienTe",
    "MaGiaoDich",
    "MaNganHang",
    "ThoiGianGD",
    "ThongTinGiaoDich",
)

SUCCESS: Final = "00"
# [GAP] Our answers to a refused callback (the platform's own table is not public).
BAD_CHECKSUM: Final = "01"
UNKNOWN_REFERENCE: Final = "02"
WRONG_AMOUNT: Final = "03"
WRONG_PARTNER: Final = "04"
MALFORMED: Final = "05"
# MoTaLoi answered to the platform, and the reason officers read on the reconciliation page.
ERROR_TEXT: Final = {
    BAD_CHECKSUM: "Sai mã xác thực (MaXacThuc)",
    UNKNOWN_REFERENCE: "Không tìm thấy giao dịch có mã tham chiếu này (MaThamChieu)",
    WRONG_AMOUNT: "Số tiền không đúng với khoản đã yêu cầu thanh toán",
    WRONG_PARTNER: "Mã đối tác không phải của cơ quan thu khoản này (MaDoiTac)",
    MALFORMED: "Bản tin không hợp lệ hoặc không đầy đủ",
}

TIME_FORMAT: Final = "%Y%m%d%H%M%S"  # [GAP] yyyyMMddHHmmss, as the reference implementation
MAX_AMOUNT: Final = 100_000_000_000  # a sanity bound: 100 billion đồng


class MessageError(ValueError):
    """A message that does not follow the protocol; `code` is the answer to give."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def checksum(message: Mapping[str, Any], fields: Sequence[str], secret: str) -> str:
    values = ["" if message.get(name) is None else str(message[name]) for name in fields]
    return hashlib.sha256("|".join([*values, secret]).encode("utf-8")).hexdigest()


def checksum_ok(message: Mapping[str, Any], fields: Sequence[str], secret: str) -> bool:
    given = message.get("MaXacThuc")
    if not isinstance(given, str):
        return False
    return hmac.compare_digest(given.lower(), checksum(message, fields, secret))


def timestamp(at: datetime) -> str:
    return at.strftime(TIME_FORMAT)


def init_message(
    *,
    partner_code: str,
    reference: str,
    amount: int,
    description: str,
    at: datetime,
    ip: str,
    receipt: Mapping[str, Any],
    secret: str,
) -> dict[str, Any]:
    message: dict[str, Any] = {
        "LoaiBanTin": "INIT",
        "PhienBan": VERSION,
        "MaDoiTac": partner_code,
        "MaThamChieu": reference,
        "SoTien": amount,
        "LoaiHinhThanhToan": "PAY",
        "MaKenhThanhToan": "1",
        "MaThietBi": "1",
        "NgonNgu": "vi-VN",
        "MaTienTe": "VND",
        "MaNganHang": "PAYMENT",
        "ThongTinGiaoDich": description,
        "ThoiGianGD": timestamp(at),
        "Ip": ip,
        "ThongTinBienLai": dict(receipt),
    }
    message["MaXacThuc"] = checksum(message, INIT_FIELDS, secret)
    return message


def query_message(
    *, partner_code: str, reference: str, at: datetime, secret: str
) -> dict[str, Any]:
    message: dict[str, Any] = {
        "LoaiBanTin": "QUERY",
        "PhienBan": VERSION,
        "MaDoiTac": partner_code,
        "MaThamChieu": reference,
        "ThoiGianGD": timestamp(at),
    }
    message["MaXacThuc"] = checksum(message, QUERY_FIELDS, secret)
    return message


def amount_of(value: Any) -> int:
    """SoTien: a whole, positive number of đồng, as a number or a string of digits."""
    if isinstance(value, bool):
        raise MessageError(MALFORMED, "SoTien must be a whole number")
    if isinstance(value, int):
        amount = value
    elif isinstance(value, str) and value.isascii() and value.isdigit():
        amount = int(value)
    else:
        raise MessageError(MALFORMED, "SoTien must be a whole number of đồng")
    if not 0 < amount <= MAX_AMOUNT:
        raise MessageError(MALFORMED, "SoTien out of range")
    return amount


def confirm_fields(message: Any) -> dict[str, str]:
    """The callback's fields as strings, or `MessageError` (not an object, a field missing)."""
    if not isinstance(message, dict):
        raise MessageError(MALFORMED, "the body is not a JSON object")
    missing = [name for name in (*CONFIRM_FIELDS, "MaXacThuc") if name not in message]
    if missing:
        raise MessageError(MALFORMED, "missing fields: " + ", ".join(missing))
    for name in (*CONFIRM_FIELDS, "MaXacThuc"):
        value = message[name]
        if name == "SoTien":
            continue
        if not isinstance(value, str) or len(value) > 500:  # noqa: PLR2004 - a sane bound
            raise MessageError(MALFORMED, f"{name} must be a string")
    amount_of(message["SoTien"])
    return {name: str(message[name]) for name in (*CONFIRM_FIELDS, "MaXacThuc")}
