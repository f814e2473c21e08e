"""A synthetic catalogue of any size for scale tests and benchmarks (`generate_catalog`).

Names are built from the verbs and objects real procedures use, per sector, so that search has
realistic word overlap ("đăng ký", "cấp", "giấy phép" everywhere). Codes use the prefix `9.`,
which no national code uses, so a generated catalogue can sit beside the real one.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from motcua.catalog.exchange import FORMAT

SECTORS: dict[str, tuple[str, str, list[str]]] = {
    "ho-tich": (
        "Hộ tịch",
        "peoples_committee",
        [
            "khai sinh",
            "kết hôn",
            "khai tử",
            "giám hộ",
            "nhận cha, mẹ, con",
            "thay đổi hộ tịch",
            "trích lục hộ tịch",
        ],
    ),
    "cu-tru": ("Cư trú", "police", ["tạm trú", "thường trú", "tạm vắng", "lưu trú", "tách hộ"]),
    "dat-dai": (
        "Đất đai",
        "land_registration_branch",
        [
            "giấy chứng nhận quyền sử dụng đất",
            "biến động đất đai",
            "tách thửa",
            "hợp thửa",
            "chuyển mục đích sử dụng đất",
        ],
    ),
    "xay-dung": (
        "Xây dựng",
        "department",
        ["giấy phép xây dựng", "chứng chỉ hành nghề xây dựng", "nhà ở riêng lẻ", "công trình tạm"],
    ),
    "giao-thong": (
        "Giao thông vận tải",
        "department",
        ["giấy phép lái xe", "đăng ký xe máy chuyên dùng", "phù hiệu xe", "giấy phép vận tải"],
    ),
    "y-te": (
        "Y tế",
        "department",
        [
            "chứng chỉ hành nghề khám bệnh",
            "giấy phép hoạt động phòng khám",
            "an toàn thực phẩm",
            "cơ sở bán lẻ thuốc",
        ],
    ),
    "giao-duc": (
        "Giáo dục và Đào tạo",
        "department",
        ["trường mầm non tư thục", "văn bằng, chứng chỉ", "trung tâm ngoại ngữ", "chuyển trường"],
    ),
    "lao-dong": (
        "Lao động",
        "department",
        ["giấy phép lao động", "trợ cấp thất nghiệp", "nội quy lao động", "thỏa ước lao động"],
    ),
    "bao-tro-xa-hoi": (
        "Bảo trợ xã hội",
        "peoples_committee",
        [
            "trợ cấp xã hội hằng tháng",
            "hộ nghèo, hộ cận nghèo",
            "mai táng phí",
            "chăm sóc người cao tuổi",
        ],
    ),
    "cong-thuong": (
        "Công Thương",
        "department",
        ["giấy phép bán lẻ rượu", "cửa hàng xăng dầu", "khuyến mại", "cụm công nghiệp"],
    ),
    "nong-nghiep": (
        "Nông nghiệp và Môi trường",
        "department",
        [
            "giấy phép khai thác nước",
            "giống cây trồng",
            "kiểm dịch động vật",
            "đánh giá tác động môi trường",
        ],
    ),
    "ho-kinh-doanh": (
        "Hộ kinh doanh",
        "peoples_committee",
        ["hộ kinh doanh", "hợp tác xã", "tổ hợp tác"],
    ),
}
VERBS = [
    "Đăng ký", "Cấp", "Cấp lại", "Cấp đổi", "Gia hạn", "Điều chỉnh", "Xác nhận", "Thu hồi",
    "Công nhận", "Chấm dứt", "Thay đổi nội dung", "Đề nghị hỗ trợ",
]  # fmt: skip
STEPS = "Bước 1: Nộp hồ sơ.\n\nBước 2: Cơ quan thẩm định.\n\nBước 3: Nhận kết quả."
QUALIFIERS = [
    "",
    "",
    "",
    " lần đầu",
    " có yếu tố nước ngoài",
    " do bị mất, hỏng",
    " cho tổ chức",
    " cho cá nhân",
]


# The tier whose agencies carry out a sector's procedures (land: the district branches).
TIER_OF_KIND = {
    "peoples_committee": "commune",
    "police": "commune",
    "land_registration_branch": "district",
}


def generate_document(
    *, count: int, seed: int = 766, valid_from: date | None = None
) -> dict[str, Any]:
    """`count` complete procedures in the exchange format, reproducible for a given seed;
    with `valid_from`, in force from that day (a synthetic history needs them years back)."""
    rng = random.Random(seed)  # noqa: S311 - test data, not security
    sector_items = list(SECTORS.items())
    procedures = []
    for index in range(1, count + 1):
        sector_code, (sector_name, agency_kind, objects) = sector_items[index % len(sector_items)]
        name = f"{rng.choice(VERBS)} {rng.choice(objects)}{rng.choice(QUALIFIERS)}"
        level = rng.choice(["full_online", "full_online", "partial_online", "in_person"])
        days = rng.choice([1, 3, 5, 7, 10, 15, 20])
        fee = rng.choice([None, 0, 15000, 50000, 100000, 500000])
        channels = [
            {
                "Kenh": "in_person",
                "ThoiHan": days,
                "DonViThoiHan": "working_days",
                "GioTiepNhanCuoi": None,
                "MoTaThoiHan": "",
                "PhiLePhi": [],
            }
        ]
        if level != "in_person":
            channels.append(
                {
                    "Kenh": "online",
                    "ThoiHan": days,
                    "DonViThoiHan": "working_days",
                    "GioTiepNhanCuoi": None,
                    "MoTaThoiHan": "",
                    "PhiLePhi": [],
                }
            )
        if fee:
            for channel in channels:
                channel["PhiLePhi"] = [
                    {"Loai": "charge", "MoTa": "Lệ phí", "SoTien": fee, "MienGiam": ""}
                ]
        tier = TIER_OF_KIND.get(agency_kind, "province")
        procedures.append(
            {
                "MaTTHC": f"9.{index:06d}",
                "TenTTHC": f"{name} (mẫu {index})",
                "LinhVuc": {"Ma": sector_code, "Ten": sector_name},
                "CapThucHien": [tier],
                "LoaiCoQuanThucHien": agency_kind,
                "CoQuanThucHien": {
                    "commune": "Ủy ban nhân dân cấp xã",
                    "district": "Chi nhánh Văn phòng đăng ký đất đai",
                }.get(tier, f"Sở {sector_name}"),
                "TrinhTuThucHien": STEPS,
                "CachThucThucHien": "Nộp trực tiếp, trực tuyến hoặc qua bưu chính công ích.",
                "DoiTuongThucHien": rng.choice(
                    ["Công dân Việt Nam", "Tổ chức, cá nhân", "Doanh nghiệp"]
                ),
                "KetQuaThucHien": f"Văn bản {name.lower()}",
                "MucDoDVC": level,
                "DuDieuKienToanTrinh": level == "full_online",
                "ThanhPhanHoSo": [
                    {
                        "Ten": "Tờ khai theo mẫu",
                        "SoLuong": 1,
                        "LoaiBan": "original",
                        "MaMau": None,
                        "GhiChu": "",
                    },
                    {
                        "Ten": "Giấy tờ chứng minh",
                        "SoLuong": 1,
                        "LoaiBan": "certified_copy",
                        "MaMau": None,
                        "GhiChu": "",
                    },
                ],
                "KenhThucHien": channels,
                "GiaDinh": ["Thủ tục sinh tự động để thử tải, không có thật."],
                "NgayHieuLuc": valid_from.isoformat() if valid_from else None,
            }
        )
    return {"format": FORMAT, "procedures": procedures}
