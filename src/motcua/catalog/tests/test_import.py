"""Importing catalogue files: all or nothing, versions, publications, Excel and JSON."""

from __future__ import annotations

import json
from datetime import date

import pytest

from motcua.catalog.constants import VersionStatus
from motcua.catalog.excel import workbook_from_document
from motcua.catalog.exchange import DocumentInvalidError
from motcua.catalog.files import FileRejectedError, read_catalog_file
from motcua.catalog.models import Procedure, ProcedureVersion, Publication
from motcua.catalog.selectors import catalog_export, version_get_current
from motcua.catalog.services import catalog_import
from motcua.catalog.tests.conftest import document, procedure_dict

pytestmark = pytest.mark.django_db


def load(doc: dict[str, object], name: str = "catalog.json") -> object:
    return read_catalog_file(name, json.dumps(doc, ensure_ascii=False).encode())


def test_first_import_creates_published_versions_from_the_decision_date() -> None:
    report = catalog_import(
        records=load(document(procedure_dict("1.004194", "Đăng ký tạm trú", MaTTHCCu=["1.003306"])))
    )
    assert (report.created, report.new_versions, report.unchanged, report.publications) == (
        1,
        0,
        0,
        1,
    )
    version = version_get_current(code="1.004194")
    assert version is not None
    assert version.status == VersionStatus.PUBLISHED
    assert version.valid_from == date(2023, 3, 1)
    assert version.search_folded.startswith(" 1.004194 1.003306 dang ky tam tru")
    assert version.documents.get().form.code == "CT01"
    assert list(version.channels.values_list("channel", flat=True)) == ["in_person", "online"]


def test_reimporting_the_same_file_changes_nothing() -> None:
    doc = document(procedure_dict("1.004194", "Đăng ký tạm trú"))
    catalog_import(records=load(doc))
    report = catalog_import(records=load(doc))
    assert (report.created, report.new_versions, report.unchanged) == (0, 0, 1)
    assert ProcedureVersion.objects.count() == 1


def test_a_changed_procedure_gets_a_new_version_and_the_old_one_ends() -> None:
    catalog_import(records=load(document(procedure_dict("1.004194", "Đăng ký tạm trú"))))
    changed = procedure_dict(
        "1.004194", "Đăng ký tạm trú", NgayHieuLuc="2025-07-01", KetQuaThucHien="Thông báo mới"
    )
    report = catalog_import(records=load(document(changed)), today=date(2025, 8, 1))
    assert report.new_versions == 1
    old, new = ProcedureVersion.objects.order_by("number")
    assert (old.status, old.valid_to) == (VersionStatus.SUPERSEDED, date(2025, 7, 1))
    assert (new.number, new.valid_from, new.result) == (2, date(2025, 7, 1), "Thông báo mới")
    assert version_get_current(code="1.004194", on=date(2025, 6, 30)) == old
    assert version_get_current(code="1.004194", on=date(2025, 7, 1)) == new


def test_one_bad_row_imports_nothing_and_names_the_row_and_reason() -> None:
    good = procedure_dict("1.004194", "Đăng ký tạm trú")
    bad = procedure_dict(
        "1.004222",
        "Đăng ký thường trú",
        KenhThucHien=[{"Kenh": "online", "ThoiHan": -3, "DonViThoiHan": "working_days"}],
    )
    with pytest.raises(DocumentInvalidError) as caught:
        catalog_import(records=load(document(good, bad)))
    messages = [str(e) for e in caught.value.errors]
    assert any("2" in m.split(":")[0] and "ThoiHan" in m for m in messages), messages
    assert Procedure.objects.count() == 0
    assert Publication.objects.count() == 0


def test_unknown_related_code_fails_the_whole_import() -> None:
    doc = document(procedure_dict("1.004194", "Đăng ký tạm trú", TTHCLienQuan=["1.999999"]))
    with pytest.raises(DocumentInvalidError) as caught:
        catalog_import(records=load(doc))
    assert "1.999999" in str(caught.value.errors[0])
    assert Procedure.objects.count() == 0


def test_related_codes_link_within_the_file() -> None:
    doc = document(
        procedure_dict("1.004194", "Đăng ký tạm trú", TTHCLienQuan=["1.004222"]),
        procedure_dict("1.004222", "Đăng ký thường trú"),
    )
    catalog_import(records=load(doc))
    version = version_get_current(code="1.004194")
    assert version is not None
    assert [p.code for p in version.related_procedures.all()] == ["1.004222"]


def test_excel_export_then_import_round_trips_unchanged() -> None:
    catalog_import(
        records=load(document(procedure_dict("1.004194", "Đăng ký tạm trú", MaTTHCCu=["1.003306"])))
    )
    content = workbook_from_document(catalog_export())
    records = read_catalog_file("catalog.xlsx", content)
    report = catalog_import(records=records)
    assert (report.created, report.new_versions, report.unchanged) == (0, 0, 1)


def test_excel_with_wrong_columns_is_refused_naming_the_sheet() -> None:
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "TTHC"
    sheet.append(["Ma", "Ten"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(DocumentInvalidError) as caught:
        read_catalog_file("catalog.xlsx", buffer.getvalue())
    text = " ".join(str(e) for e in caught.value.errors)
    assert "TTHC" in text
    assert "MaTTHC" in text


def test_excel_row_errors_name_sheet_and_row() -> None:
    catalog_import(records=load(document(procedure_dict("1.004194", "Đăng ký tạm trú"))))
    doc = catalog_export()
    doc["procedures"][0]["KenhThucHien"][1]["DonViThoiHan"] = "weeks"
    with pytest.raises(DocumentInvalidError) as caught:
        read_catalog_file("catalog.xlsx", workbook_from_document(doc))
    (error,) = caught.value.errors
    assert "KenhThucHien" in error.location
    assert "3" in error.location  # header + 2 channel rows: the online channel is row 3
    assert "weeks" in error.message


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("catalog.xlsx", b"this is plain text, not a workbook"),
        ("catalog.xlsx", b"PK\x03\x04 broken zip"),
        ("catalog.pdf", b"%PDF-1.4"),
        ("catalog.json", b"{not json"),
        ("catalog.json", "\udcff".encode("utf-8", "surrogatepass")),
    ],
)
def test_files_that_are_not_catalogues_are_rejected_clearly(name: str, content: bytes) -> None:
    with pytest.raises(FileRejectedError) as caught:
        read_catalog_file(name, content)
    assert str(caught.value)
    assert Procedure.objects.count() == 0
