"""Plausible applicants for synthetic dossiers: Vietnamese names, mobile numbers of the
national plan, 12-digit citizen ID numbers of the two provinces (070 Bình Phước, 075 Đồng
Nai). Pure: a seeded `random.Random` in, strings out."""

from __future__ import annotations

import random

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Điểu",
    "Thị",
]
MIDDLE = [
    "Văn",
    "Thị",
    "Hữu",
    "Đức",
    "Minh",
    "Thanh",
    "Ngọc",
    "Quốc",
    "Xuân",
    "Thu",
    "Kim",
    "Bảo",
    "Gia",
    "Hoài",
]
GIVEN = [
    "An",
    "Anh",
    "Bình",
    "Châu",
    "Cường",
    "Dũng",
    "Duy",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hoa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Nhung",
    "Phúc",
    "Phương",
    "Quân",
    "Quyên",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Trang",
    "Trí",
    "Tuấn",
    "Uyên",
    "Vy",
    "Yến",
    "Brơi",
    "Điểu",
    "K'Thương",
]
MOBILE_PREFIXES = [
    "032",
    "033",
    "034",
    "035",
    "036",
    "037",
    "038",
    "039",
    "070",
    "076",
    "077",
    "078",
    "079",
    "081",
    "083",
    "084",
    "085",
    "086",
    "088",
    "089",
    "090",
    "091",
    "093",
    "094",
    "096",
    "097",
    "098",
]
PROVINCE_CODES = ("070", "075")


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def mobile_number(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**7):07d}"


def id_number(rng: random.Random) -> str:
    """Province code, sex-and-century digit (0-3), year of birth 1945-2007, 6 random digits."""
    year = rng.randrange(1945, 2008)
    century = (0 if year < 2000 else 2) + rng.randrange(2)  # noqa: PLR2004
    return f"{rng.choice(PROVINCE_CODES)}{century}{year % 100:02d}{rng.randrange(10**6):06d}"
