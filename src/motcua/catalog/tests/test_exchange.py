"""Parsing and checking exchange records: pure, no database."""

from __future__ import annotations

import pytest

from motcua.catalog.exchange import DocumentInvalidError, parse_document, record_to_json
from motcua.catalog.tests.conftest import document, procedure_dict


def errors_of(doc: object) -> list[str]:
    with pytest.raises(DocumentInvalidError) as caught:
        parse_document(doc)
    return [str(e) for e in caught.value.errors]


def test_a_complete_record_parses_and_round_trips() -> None:
    source = procedure_dict("1.004194", "Đăng ký tạm trú", MaTTHCCu=["1.003306"])
    (record,) = parse_document(document(source))
    assert record.code == "1.004194"
    assert record.former_codes == ["1.003306"]
    assert [c.channel for c in record.channels] == ["in_person", "online"]
    assert record.channels[1].fees[0].amount == 7000
    assert record.documents[0].form_code == "CT01"
    again = parse_document(document(record_to_json(record)))
    assert record_to_json(again[0]) == record_to_json(record)


def test_not_a_catalogue_file_is_one_clear_error() -> None:
    errors = errors_of({"hello": 1})
    assert len(errors) == 1
    assert "motcua.catalog/1" in errors[0]


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        ({"MaTTHC": "1.0041"}, "MaTTHC"),
        ({"TenTTHC": ""}, "TenTTHC"),
        ({"MucDoDVC": "level4"}, "MucDoDVC"),
        ({"KenhThucHien": []}, "KenhThucHien"),
        ({"CapThucHien": ["village"]}, "CapThucHien"),
        ({"Bogus": 1}, "Bogus"),
        ({"KetQuaLaGiayTo": "yes"}, "KetQuaLaGiayTo"),
        (
            {
                "QuyetDinhCongBo": [
                    {
                        "So": "1",
                        "CoQuanBanHanh": "X",
                        "NgayBanHanh": "31/12/2023",
                        "HanhDong": "announce",
                    }
                ]
            },
            "NgayBanHanh",
        ),
        ({"ThanhPhanHoSo": [{"Ten": "Giấy", "SoLuong": 0, "LoaiBan": "original"}]}, "SoLuong"),
        (
            {
                "ThanhPhanHoSo": [
                    {"Ten": "Giấy", "SoLuong": 1, "LoaiBan": "original", "MaMau": "XX"}
                ]
            },
            "MaMau",
        ),
        (
            {"QuyTrinhNoiBo": [{"Ten": "Thẩm định", "VaiTro": "specialist", "SoGio": 40}]},
            "QuyTrinhNoiBo",
        ),
    ],
)
def test_each_bad_value_is_named_with_its_procedure(
    override: dict[str, object], expected: str
) -> None:
    good = procedure_dict("1.000001", "Thủ tục tốt")
    bad = procedure_dict("1.000002", "Thủ tục hỏng", **override)
    errors = errors_of(document(good, bad))
    assert errors, "a bad record must be reported"
    assert all("2" in e.split(":")[0] for e in errors), errors  # procedure no. 2, not no. 1
    assert any(expected in e for e in errors), errors


def test_duplicate_codes_across_records_are_reported() -> None:
    errors = errors_of(document(procedure_dict("1.000001", "A"), procedure_dict("1.000001", "B")))
    assert any("1.000001" in e for e in errors)


def test_control_characters_are_dropped_from_text() -> None:
    (record,) = parse_document(document(procedure_dict("1.000001", "Tên\x00 có\x07 ký tự lạ")))
    assert record.name == "Tên có ký tự lạ"
