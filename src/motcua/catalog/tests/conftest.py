"""Catalogue test helpers: exchange records built by hand, and the real seed catalogue."""

from __future__ import annotations

import copy
from typing import Any


def procedure_dict(code: str, name: str, **overrides: Any) -> dict[str, Any]:
    """A complete, valid exchange record; override any key."""
    data: dict[str, Any] = {
        "MaTTHC": code,
        "TenTTHC": name,
        "LinhVuc": {"Ma": "cu-tru", "Ten": "Cư trú"},
        "CapThucHien": ["commune"],
        "LoaiCoQuanThucHien": "police",
        "CoQuanThucHien": "Công an cấp xã",
        "TrinhTuThucHien": "Bước 1: Nộp hồ sơ.\n\nBước 2: Nhận kết quả.",
        "CachThucThucHien": "Trực tiếp hoặc trực tuyến.",
        "DoiTuongThucHien": "Công dân Việt Nam",
        "KetQuaThucHien": "Xác nhận",
        "MucDoDVC": "full_online",
        "DuDieuKienToanTrinh": True,
        "CanCuPhapLy": [
            {"SoKyHieu": "Luật Cư trú số 68/2020/QH14", "TrichYeu": "", "NgayHieuLuc": "2021-07-01"}
        ],
        "MauDonToKhai": [
            {
                "Ma": "CT01",
                "Ten": "Tờ khai thay đổi thông tin cư trú",
                "NguonPhapLy": "TT 66/2023/TT-BCA",
                "TruongThongTin": ["Họ, chữ đệm và tên", "Ngày sinh"],
            }
        ],
        "ThanhPhanHoSo": [
            {
                "Ten": "Tờ khai thay đổi thông tin cư trú",
                "SoLuong": 1,
                "LoaiBan": "original",
                "MaMau": "CT01",
                "GhiChu": "",
            }
        ],
        "KenhThucHien": [
            {
                "Kenh": "in_person",
                "ThoiHan": 3,
                "DonViThoiHan": "working_days",
                "GioTiepNhanCuoi": None,
                "MoTaThoiHan": "",
                "PhiLePhi": [{"Loai": "charge", "MoTa": "Lệ phí", "SoTien": 15000, "MienGiam": ""}],
            },
            {
                "Kenh": "online",
                "ThoiHan": 3,
                "DonViThoiHan": "working_days",
                "GioTiepNhanCuoi": None,
                "MoTaThoiHan": "",
                "PhiLePhi": [{"Loai": "charge", "MoTa": "Lệ phí", "SoTien": 7000, "MienGiam": ""}],
            },
        ],
        "QuyTrinhNoiBo": [
            {"Ten": "Tiếp nhận", "VaiTro": "desk_officer", "SoGio": 4},
            {"Ten": "Thẩm định", "VaiTro": "specialist", "SoGio": 12},
            {"Ten": "Phê duyệt", "VaiTro": "leader", "SoGio": 8},
        ],
        "QuyetDinhCongBo": [
            {
                "So": "100/QĐ-UBND",
                "CoQuanBanHanh": "Ủy ban nhân dân tỉnh",
                "NgayBanHanh": "2023-03-01",
                "HanhDong": "announce",
                "NgayCongKhai": "2023-03-03",
            }
        ],
    }
    data.update(copy.deepcopy(overrides))
    return data


def document(*procedures: dict[str, Any]) -> dict[str, Any]:
    return {"format": "motcua.catalog/1", "procedures": list(procedures)}
