"""Land financial obligations imported from the tax office's notices: all rows or none."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.dossiers.constants import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import dossier_forward
from motcua.payments.constants import Purpose
from motcua.payments.models import PaymentRequest
from motcua.payments.obligations import (
    ObligationImportError,
    amount_parse,
    obligations_import,
)
from motcua.payments.tests.conftest import Pay


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1250000", 1_250_000),
        ("1.250.000", 1_250_000),
        ("1 250 000", 1_250_000),
        ("35.400.000 đ", 35_400_000),
        ("1,250,000", 1_250_000),
        ("1.250.000,50", None),  # not a whole number of đồng
        ("12,5", None),
        ("-5", None),
        ("0", None),
        ("", None),
        ("1.25.000", None),  # badly grouped
        ("999999999999", None),  # above the sanity bound
        ("một triệu", None),
    ],
)
def test_amounts_as_accountants_write_them(text: str, amount: int | None) -> None:
    assert amount_parse(text) == amount


def _at_the_specialist(pay: Pay) -> Dossier:
    dossier = pay.receive()
    return dossier_forward(actor=pay.desk, dossier_id=dossier.pk)


def test_the_notices_put_each_dossier_in_status_6_with_a_payable_request(
    pay: Pay, django_capture_on_commit_callbacks: Any
) -> None:
    first, second = _at_the_specialist(pay), _at_the_specialist(pay)
    text = (
        "ma_ho_so;so_tien;noi_dung\n"
        f"{first.code};35.400.000;Thông báo nộp tiền sử dụng đất số 1234/TB-CCT\n"
        f"{second.code.lower()};1250000;\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        done = obligations_import(actor=pay.specialist, text=text)
    assert [r.amount for r in done.rows] == [35_400_000, 1_250_000] and done.total == 36_650_000
    for dossier, amount in ((first, 35_400_000), (second, 1_250_000)):
        dossier.refresh_from_db()
        assert dossier.status == DossierStatus.AWAITING_FINANCIAL_OBLIGATION
        request = PaymentRequest.objects.get(dossier=dossier, purpose=Purpose.LAND_OBLIGATION)
        assert request.amount == amount and request.status == "unpaid"
    assert first.events.last().note == "Thông báo nộp tiền sử dụng đất số 1234/TB-CCT"


def test_one_bad_row_imports_nothing_and_every_error_names_its_line(pay: Pay) -> None:
    good, _other = _at_the_specialist(pay), _at_the_specialist(pay)
    text = (
        "ma_ho_so,so_tien,noi_dung\n"
        f"{good.code},1.000.000,TB 1\n"
        "000.00.00.H19-000000-9999,1.000.000,TB 2\n"  # unknown
        f"{good.code},2.000.000,TB 3\n"  # twice
        f'{_other.code},"1.000,5",TB 4\n'  # not whole đồng
    )
    with pytest.raises(ObligationImportError) as raised:
        obligations_import(actor=pay.specialist, text=text)
    errors = raised.value.errors
    assert [e.split(":")[0] for e in errors] == ["Dòng 3", "Dòng 4", "Dòng 5"], errors
    assert "được liệt kê hai lần" in errors[1]
    good.refresh_from_db()
    assert good.status == DossierStatus.PROCESSING  # the good row was not applied either
    assert not PaymentRequest.objects.filter(purpose=Purpose.LAND_OBLIGATION).exists()


@pytest.mark.parametrize(
    "text",
    ["", "ma_ho_so;so_tien\n", "code;amount\nX;1\n", "\ufeff\n\n"],
)
def test_a_file_without_header_or_rows_is_refused(pay: Pay, text: str) -> None:
    with pytest.raises(ObligationImportError):
        obligations_import(actor=pay.specialist, text=text)


def test_a_dossier_not_in_processing_or_of_another_agency_is_refused(pay: Pay) -> None:
    from motcua.accounts.models import User

    received = pay.receive()  # at the desk's step: the desk forwards it first
    with pytest.raises(ObligationImportError) as raised:
        obligations_import(actor=pay.specialist, text=f"ma_ho_so;so_tien\n{received.code};5000\n")
    assert "không thể chuyển sang chờ thực hiện nghĩa vụ tài chính" in raised.value.errors[0]
    processing = _at_the_specialist(pay)
    stranger = User.objects.get(username="motcua2")  # another commune's desk
    with pytest.raises(ObligationImportError) as raised:
        obligations_import(actor=stranger, text=f"ma_ho_so;so_tien\n{processing.code};5000\n")
    assert "không có hồ sơ" in raised.value.errors[0]


def test_the_page_takes_a_file_for_specialists_only(pay: Pay, client: Any) -> None:
    dossier = _at_the_specialist(pay)
    url = reverse("backoffice:obligations_import")
    client.force_login(pay.desk)
    assert client.get(url).status_code == 404
    client.force_login(pay.specialist)
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile(
        "thong-bao.csv", f"ma_ho_so;so_tien;noi_dung\n{dossier.code};1.250.000;TB\n".encode()
    )
    answer = client.post(url, {"file": upload}, follow=True)
    assert "1 hồ sơ" in answer.content.decode() and "1.250.000" in answer.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWAITING_FINANCIAL_OBLIGATION
    wrong = client.post(url, {"text": "ma_ho_so;so_tien\nKHONG-CO;5\n"})
    assert "Không có gì được nhập" in wrong.content.decode()
