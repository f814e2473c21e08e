"""The national portal's codes (REGULATION.md §4.1, docs/dvcqg-sync.md): the only place where our
enumeration values meet DVCQG's numbers. Values marked [GAP] in the contract are our reading."""

from __future__ import annotations

from typing import Final

# TrangThaiHoSo 1-10, sent truthfully: never folded into "done" (REGULATION §4.1, warnings).
STATUS: Final = {
    "submitted": 1,
    "received": 2,
    "receipt_refused": 3,
    "processing": 4,
    "awaiting_supplement": 5,
    "awaiting_financial_obligation": 6,
    "withdrawn": 7,
    "stopped": 8,
    "resolved": 9,
    "result_returned": 10,
}
CHANNEL: Final = {"in_person": 1, "online": 2, "postal": 3}
RETURN_METHOD: Final = {"at_desk": 1, "online": 2, "postal": 3}  # HinhThuc [GAP]
APPLICANT_KIND: Final = {"citizen": 1, "business": 2, "state_agency": 3, "other": 4}
FEE_KIND: Final = {"fee": 1, "charge": 2, "service_price": 3}  # LoaiPhiLePhi [GAP]
FEE_COLLECTION: Final = {"before": 1, "after": 2}  # HinhThucThu [GAP]
# DuocThanhToanTrucTuyen: 1 on DVCQG's platform, 2 through the province's own gateway, 3 not
# paid online (the 766 docx; the reference code base sends 3).
PAID_ONLINE: Final = {"national_platform": 1, "provincial_gateway": 2, "not_online": 3}
REUSE: Final = {"none": 0, "component": 1, "result": 2}  # DuocTaiSuDung
SUPPLEMENT_STATE: Final = {"waiting": 0, "supplied": 1, "cancelled": 2}  # TrangThaiBoSung [GAP]
ID_KIND: Final = {12: 1, 9: 2}  # LoaiDinhDanh by the number's length

# Statuses whose dates the portal needs (docs/dvcqg-sync.md).
NEEDS_RECEIVED: Final = frozenset({2, 4, 6, 8, 9, 10})  # 5, 7: also before receipt
NEEDS_APPOINTMENT: Final = frozenset({2, 4, 6, 9, 10})
NEEDS_ENDED: Final = frozenset({9, 10})
NEEDS_RETURNED: Final = frozenset({10})
NEEDS_REFUSED: Final = frozenset({3})

OK: Final = frozenset({"0"})
EXISTS: Final = frozenset({"3", "-3"})
UNKNOWN_DOSSIER: Final = frozenset({"4"})
REFUSED: Final = frozenset({"2"})
