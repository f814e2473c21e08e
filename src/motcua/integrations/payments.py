"""The interface every payment provider implements, and the registry that picks one by name.

A provider speaks one platform's protocol (the national PayGov platform; a bank's gateway later).
The `payments` domain app calls it with an `Order` and gets plain answers back; it never sees a
model. `MOTCUA_PAYMENT_PROVIDERS` maps a name to the dotted path of a class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class ProviderError(Exception):
    """The platform could not be reached or answered nonsense: try again later."""


class CallbackError(Exception):
    """A callback that must be refused; `code` is what the platform is answered (MaLoi)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class FeeItem:
    kind: str  # "phí" or "lệ phí" as the platform's LoaiPhiLePhi
    code: str
    name: str
    amount: int


@dataclass(frozen=True)
class Account:
    """Where the money goes: the collecting agency's partner code and beneficiary account."""

    partner_code: str
    account_number: str
    bank_code: str
    account_name: str
    budget_account: str = ""  # TaiKhoanThuNSNN


@dataclass(frozen=True)
class Order:
    reference: str  # MaThamChieu, unique per transaction
    amount: int
    description: str  # ThongTinGiaoDich
    at: datetime
    client_ip: str
    account: Account
    dossier_code: str
    procedure_code: str
    procedure_name: str
    agency_code: str
    agency_name: str
    payer_name: str
    payer_id_number: str = ""
    payer_address: str = ""
    fees: tuple[FeeItem, ...] = ()


@dataclass(frozen=True)
class Started:
    payment_url: str
    raw: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Confirmation:
    """A verified answer of the platform about one transaction (callback or QUERY)."""

    reference: str
    partner_code: str
    succeeded: bool
    pending: bool
    amount: int
    currency: str
    transaction_id: str
    bank_code: str
    at: str
    error_code: str
    description: str = ""


class PaymentProvider(Protocol):
    name: str

    def start(self, order: Order) -> Started: ...

    def query(self, *, reference: str, account: Account, at: datetime) -> Confirmation: ...

    def parse_callback(self, body: bytes) -> Confirmation:
        """Parse and verify (checksum) a callback; `CallbackError` if it must be refused."""
        ...

    def callback_answer(self, *, code: str, message: str) -> dict[str, object]: ...


def provider_get(name: str) -> PaymentProvider:
    try:
        path = settings.MOTCUA_PAYMENT_PROVIDERS[name]
    except KeyError as error:
        raise ProviderError(f"unknown payment provider {name!r}") from error
    provider: PaymentProvider = import_string(path)()
    return provider
