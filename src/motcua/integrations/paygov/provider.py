"""PayGov as a payment provider: INIT and QUERY over HTTPS (JSON), the confirm callback verified.

Settings: `MOTCUA_PAYGOV_URL` (the platform's endpoint; in development the simulator's),
`MOTCUA_PAYGOV_SECRETS` (partner code → secret key), `MOTCUA_PAYGOV_TIMEOUT_SECONDS`,
`MOTCUA_PAYGOV_PAID_STATES` and `MOTCUA_PAYGOV_FAILED_STATES` (QUERY's `TrangThaiGD` values;
REGULATION.md §4.2 only says "4" was treated as failed).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import datetime
from typing import Any

from django.conf import settings

from motcua.integrations.paygov import protocol
from motcua.integrations.payments import (
    Account,
    CallbackError,
    Confirmation,
    Order,
    ProviderError,
    Started,
)


def _secret(partner_code: str) -> str:
    secret = settings.MOTCUA_PAYGOV_SECRETS.get(partner_code)
    if not secret:
        raise ProviderError(f"no secret key configured for partner {partner_code!r}")
    return str(secret)


def _receipt(order: Order) -> dict[str, Any]:
    return {
        "MaDichVu": "2",
        "MaDVC": order.procedure_code,
        "TenDVC": order.procedure_name,
        "MaTTHC": order.procedure_code,
        "TenTTHC": order.procedure_name,
        "MaDonVi": order.agency_code,
        "TenDonVi": order.agency_name,
        "MaHoSo": order.dossier_code,
        "TKThuHuong": order.account.account_number,
        "MaNHThuHuong": order.account.bank_code,
        "TenTKThuHuong": order.account.account_name,
        "TaiKhoanThuNSNN": order.account.budget_account,
        "NoiDungThanhToan": order.description,
        "HoTenNguoiNop": order.payer_name,
        "SoCMNDNguoiNop": order.payer_id_number,
        "DiaChiNguoiNop": order.payer_address,
        "PhiLePhi": [
            {
                "LoaiPhiLePhi": f.kind,
                "MaPhiLePhi": f.code,
                "TenPhiLePhi": f.name,
                "SoTien": f.amount,
            }
            for f in order.fees
        ],
        "DSKhoanNop": [{"NoiDung": f.name, "SoTien": f.amount} for f in order.fees],
    }


class PayGovProvider:
    name = "paygov"

    def _post(self, message: dict[str, Any]) -> dict[str, Any]:
        request = urllib.request.Request(  # noqa: S310 - the URL is a setting, https in production
            settings.MOTCUA_PAYGOV_URL,
            data=json.dumps(message, ensure_ascii=False).encode("utf-8"),
            headers={"Content-Type": "application/json; charset=utf-8"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(  # noqa: S310
                request, timeout=settings.MOTCUA_PAYGOV_TIMEOUT_SECONDS
            ) as response:
                answer = json.loads(response.read(1_000_000))
        except (OSError, urllib.error.URLError, ValueError) as error:
            raise ProviderError(f"PayGov: {error}") from error
        if not isinstance(answer, dict):
            raise ProviderError("PayGov answered something that is not a JSON object")
        return answer

    def start(self, order: Order) -> Started:
        message = protocol.init_message(
            partner_code=order.account.partner_code,
            reference=order.reference,
            amount=order.amount,
            description=order.description,
            at=order.at,
            ip=order.client_ip,
            receipt=_receipt(order),
            secret=_secret(order.account.partner_code),
        )
        answer = self._post(message)
        url = answer.get("UrlThanhToan")
        if answer.get("MaLoi") != protocol.SUCCESS or not isinstance(url, str) or not url:
            raise ProviderError(
                f"PayGov refused INIT: {answer.get('MaLoi')} {answer.get('MoTaLoi', '')}"
            )
        return Started(payment_url=url, raw=answer)

    def query(self, *, reference: str, account: Account, at: datetime) -> Confirmation:
        secret = _secret(account.partner_code)
        answer = self._post(
            protocol.query_message(
                partner_code=account.partner_code, reference=reference, at=at, secret=secret
            )
        )
        if answer.get("MaThamChieu") != reference:
            raise ProviderError("PayGov answered QUERY about another reference")
        # [GAP] The reply is signed like a confirm callback (same fields, LoaiBanTin "QUERY").
        if not protocol.checksum_ok(answer, protocol.CONFIRM_FIELDS, secret):
            raise ProviderError("PayGov's QUERY reply has a wrong checksum")
        state = str(answer.get("TrangThaiGD", ""))
        paid = state in settings.MOTCUA_PAYGOV_PAID_STATES
        failed = state in settings.MOTCUA_PAYGOV_FAILED_STATES
        try:
            amount = protocol.amount_of(answer.get("SoTien"))
        except protocol.MessageError:
            amount = 0
        return Confirmation(
            reference=reference,
            partner_code=str(answer.get("MaDoiTac", "")),
            succeeded=paid and answer.get("MaLoi") == protocol.SUCCESS,
            pending=not paid and not failed,
            amount=amount,
            currency=str(answer.get("MaTienTe", "")),
            transaction_id=str(answer.get("MaGiaoDich", "")),
            bank_code=str(answer.get("MaNganHang", "")),
            at=str(answer.get("ThoiGianGD", "")),
            error_code=str(answer.get("MaLoi", "")),
            description=str(answer.get("ThongTinGiaoDich", "")),
        )

    def parse_callback(self, body: bytes) -> Confirmation:
        try:
            message = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise CallbackError(protocol.MALFORMED, "the body is not JSON") from error
        try:
            fields = protocol.confirm_fields(message)
        except protocol.MessageError as error:
            raise CallbackError(error.code, str(error)) from error
        secret = settings.MOTCUA_PAYGOV_SECRETS.get(fields["MaDoiTac"])
        if not secret:
            raise CallbackError(protocol.WRONG_PARTNER, "unknown partner code")
        if not protocol.checksum_ok(message, protocol.CONFIRM_FIELDS, str(secret)):
            raise CallbackError(protocol.BAD_CHECKSUM, "wrong checksum (MaXacThuc)")
        return Confirmation(
            reference=fields["MaThamChieu"],
            partner_code=fields["MaDoiTac"],
            succeeded=fields["MaLoi"] == protocol.SUCCESS,
            pending=False,
            amount=protocol.amount_of(message["SoTien"]),
            currency=fields["MaTienTe"],
            transaction_id=fields["MaGiaoDich"],
            bank_code=fields["MaNganHang"],
            at=fields["ThoiGianGD"],
            error_code=fields["MaLoi"],
            description=fields["ThongTinGiaoDich"],
        )

    def callback_answer(self, *, code: str, message: str) -> dict[str, object]:
        return {"MaLoi": code, "MoTaLoi": message}
