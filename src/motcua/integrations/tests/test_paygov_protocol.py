"""PayGov's checksum and messages (REGULATION.md §4.2), against vectors computed here by hand:
the fields written out in the regulation's order, hashed with hashlib (and, for two of them,
with `sha256sum` in a shell when the test was written)."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.integrations.paygov import protocol
from motcua.integrations.paygov.provider import PayGovProvider
from motcua.integrations.payments import CallbackError

SECRET = "test-secret"
VN = ZoneInfo("Asia/Ho_Chi_Minh")
REF = "MC2603020900001A2B3C4D"
CONFIRM = {
    "LoaiBanTin": "CONFIRM",
    "MaLoi": "00",
    "MaDoiTac": "MOTCUA-TEST",
    "MaThamChieu": REF,
    "SoTien": 20000,
    "MaTienTe": "VND",
    "MaGiaoDich": "PG0001",
    "MaNganHang": "VCB",
    "ThoiGianGD": "20260302090500",
    "ThongTinGiaoDich": "THANH TOAN HO SO X",
}
# printf '%s' 'CONFIRM|00|MOTCUA-TEST|<REF>|20000|VND|PG0001|VCB|20260302090500|
#   THANH TOAN HO SO X|test-secret' | sha256sum   (one line; the same for QUERY)
CONFIRM_DIGEST = "0987586a07ca4a841950f707192be3e77b5df498be526fddb12a9df143d60053"
QUERY_DIGEST = "d65639603c518e324c7c5b46256a2686af5d571616b0a296bde4304add44b10f"


def test_confirm_checksum_matches_the_shell_vector() -> None:
    assert protocol.checksum(CONFIRM, protocol.CONFIRM_FIELDS, SECRET) == CONFIRM_DIGEST


def test_query_message_is_signed_in_the_regulations_order() -> None:
    message = protocol.query_message(
        partner_code="MOTCUA-TEST",
        reference=REF,
        at=datetime(2026, 3, 2, 9, 10, tzinfo=VN),
        secret=SECRET,
    )
    assert message["ThoiGianGD"] == "20260302091000"
    assert message["MaXacThuc"] == QUERY_DIGEST


def test_init_message_is_signed_over_its_fourteen_fields() -> None:
    message = protocol.init_message(
        partner_code="MOTCUA-TEST",
        reference=REF,
        amount=150000,
        description="THANH TOAN HO SO 001",
        at=datetime(2026, 3, 2, 9, 0, tzinfo=VN),
        ip="10.0.0.5",
        receipt={"MaHoSo": "001"},
        secret=SECRET,
    )
    by_hand = (
        "INIT|1.0.6|MOTCUA-TEST|" + REF + "|150000|PAY|1|1|vi-VN|VND|PAYMENT|"
        "THANH TOAN HO SO 001|20260302090000|10.0.0.5|test-secret"
    )
    assert message["MaXacThuc"] == hashlib.sha256(by_hand.encode()).hexdigest()
    assert message["ThongTinBienLai"] == {"MaHoSo": "001"}  # not part of the checksum


def _body(**changes: object) -> bytes:
    message = {**CONFIRM, **changes}
    message.setdefault("MaXacThuc", protocol.checksum(message, protocol.CONFIRM_FIELDS, SECRET))
    return json.dumps(message).encode()


def test_a_good_callback_parses(settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_PAYGOV_SECRETS = {"MOTCUA-TEST": SECRET}
    confirmation = PayGovProvider().parse_callback(_body())
    assert confirmation.succeeded and confirmation.amount == 20000
    assert confirmation.reference == REF and confirmation.transaction_id == "PG0001"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"", "05"),
        (b"not json", "05"),
        (_body()[:40], "05"),  # truncated
        (b"[1, 2]", "05"),
        (json.dumps({k: v for k, v in CONFIRM.items() if k != "SoTien"}).encode(), "05"),
        (_body(SoTien=-5), "05"),
        (_body(SoTien="1.5"), "05"),
        (_body(SoTien=True), "05"),
        (_body(MaLoi=None), "05"),
        (b"\xff\xfe", "05"),
        (_body(MaXacThuc="0" * 64), "01"),
        (_body(MaDoiTac="NOBODY"), "04"),
    ],
)
def test_bad_callbacks_are_refused_with_a_code(settings, body: bytes, code: str) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_PAYGOV_SECRETS = {"MOTCUA-TEST": SECRET}
    with pytest.raises(CallbackError) as caught:
        PayGovProvider().parse_callback(body)
    assert caught.value.code == code


def test_a_changed_amount_breaks_the_checksum(settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_PAYGOV_SECRETS = {"MOTCUA-TEST": SECRET}
    tampered = json.loads(_body())
    tampered["SoTien"] = 2000
    with pytest.raises(CallbackError) as caught:
        PayGovProvider().parse_callback(json.dumps(tampered).encode())
    assert caught.value.code == "01"
