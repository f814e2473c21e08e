"""The national payment platform (Nền tảng thanh toán, PayGov), protocol 1.0.6.

REGULATION.md §4.2.
"""

from motcua.integrations.paygov.provider import PayGovProvider

__all__ = ["PayGovProvider"]
