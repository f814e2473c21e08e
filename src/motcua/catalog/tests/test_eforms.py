"""E-form definitions and answers, without a database."""

from __future__ import annotations

from datetime import date

import pytest

from motcua.catalog.eforms import (
    EformDefinitionError,
    eform_clean,
    eform_from_labels,
    eform_parse,
    is_asked,
)

TODAY = date(2026, 3, 2)
TEMPORARY_RESIDENCE = {
    "fields": [
        {"name": "ho_ten", "label": "Họ, chữ đệm và tên", "type": "text"},
        {"name": "ngay_sinh", "label": "Ngày sinh", "type": "date"},
        {"name": "so_dinh_danh", "label": "Số định danh cá nhân", "type": "id_number"},
        {"name": "dien_thoai", "label": "Số điện thoại", "type": "phone", "required": False},
        {"name": "noi_tam_tru", "label": "Xã, phường tạm trú", "type": "unit"},
        {"name": "thoi_han", "label": "Thời hạn tạm trú (tháng)", "type": "number"},
        {
            "name": "ly_do",
            "label": "Lý do",
            "type": "select",
            "options": ["Học tập", "Lao động", "Khác"],
        },
        {
            "name": "ly_do_khac",
            "label": "Lý do khác",
            "type": "text",
            "when": {"field": "ly_do", "equals": "Khác"},
        },
        {"name": "co_nguoi_cung", "label": "Có người cùng đăng ký", "type": "yes_no"},
        {
            "name": "nguoi_cung",
            "label": "Người cùng đăng ký",
            "type": "group",
            "max": 5,
            "required": False,
            "when": {"field": "co_nguoi_cung", "equals": True},
            "fields": [
                {"name": "ho_ten", "label": "Họ tên", "type": "text"},
                {"name": "quan_he", "label": "Quan hệ", "type": "text"},
            ],
        },
    ]
}
GOOD = {
    "ho_ten": " Nguyễn Văn An ",
    "ngay_sinh": "1990-01-31",
    "so_dinh_danh": "070090001234",
    "noi_tam_tru": "7",
    "thoi_han": "12",
    "ly_do": "Học tập",
    "ly_do_khac": "bỏ đi",
    "co_nguoi_cung": "yes",
    "nguoi_cung": [{"ho_ten": "Trần Thị Bé", "quan_he": "Vợ"}],
}


def test_a_good_form_cleans_and_drops_what_was_not_asked() -> None:
    eform = eform_parse(TEMPORARY_RESIDENCE)
    clean, errors = eform_clean(eform, GOOD, today=TODAY, units={7, 8})
    assert errors == {}
    assert clean["ho_ten"] == "Nguyễn Văn An"
    assert clean["noi_tam_tru"] == 7 and clean["co_nguoi_cung"] is True
    assert "ly_do_khac" not in clean  # only asked when the reason is "Khác"
    assert clean["nguoi_cung"] == [{"ho_ten": "Trần Thị Bé", "quan_he": "Vợ"}]
    assert not is_asked(eform.fields[7], clean)


def test_bad_answers_get_a_message_each() -> None:
    eform = eform_parse(TEMPORARY_RESIDENCE)
    bad = {
        **GOOD,
        "ngay_sinh": "2030-01-01",
        "so_dinh_danh": "123",
        "noi_tam_tru": "99",
        "thoi_han": "mười hai",
        "ly_do": "Du lịch",
        "co_nguoi_cung": "yes",
        "nguoi_cung": [{"ho_ten": "", "quan_he": "Con"}],
        "ho_ten": "",
    }
    _clean, errors = eform_clean(eform, bad, today=TODAY, units={7})
    assert set(errors) == {
        "ho_ten",
        "ngay_sinh",
        "so_dinh_danh",
        "noi_tam_tru",
        "thoi_han",
        "ly_do",
        "nguoi_cung.0.ho_ten",
    }
    assert all(isinstance(message, str) and message for message in errors.values())
    too_many = {**GOOD, "nguoi_cung": [{"ho_ten": "A", "quan_he": "B"}] * 6}
    assert "nguoi_cung" in eform_clean(eform, too_many, today=TODAY, units={7})[1]


@pytest.mark.parametrize(
    ("definition", "problem"),
    [
        ({}, "non-empty list"),
        ({"fields": [{"name": "A b", "label": "x", "type": "text"}]}, "slug"),
        ({"fields": [{"name": "a", "label": "x", "type": "file"}]}, "unknown type"),
        ({"fields": [{"name": "a", "label": " ", "type": "text"}]}, "label"),
        ({"fields": [{"name": "a", "label": "x", "type": "select"}]}, "options"),
        ({"fields": [{"name": "a", "label": "x", "type": "text"}] * 2}, "unique"),
        (
            {
                "fields": [
                    {"name": "a", "label": "x", "type": "text", "when": {"field": "b", "equals": 1}}
                ]
            },
            "does not come before",
        ),
        (
            {
                "fields": [
                    {
                        "name": "g",
                        "label": "x",
                        "type": "group",
                        "fields": [{"name": "h", "label": "y", "type": "group", "fields": []}],
                    }
                ]
            },
            "unknown type",
        ),
    ],
)
def test_bad_definitions_are_refused_with_the_reason(definition: object, problem: str) -> None:
    with pytest.raises(EformDefinitionError, match=problem):
        eform_parse(definition)


def test_a_form_is_derived_from_the_official_form_labels() -> None:
    eform = eform_from_labels(["Họ, chữ đệm, tên người yêu cầu", "Nơi cư trú"])
    assert [f.type for f in eform.fields] == ["text", "text"]
    assert eform.fields[0].name.startswith("f0_ho_chu_dem_ten")
    clean, errors = eform_clean(eform, {}, today=TODAY, units=set())
    assert set(errors) == {f.name for f in eform.fields} and clean == {}
