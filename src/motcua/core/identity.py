"""Shape checks for Vietnamese personal identifiers typed by officers and citizens.

The 12-digit personal identification number (số định danh cá nhân, printed on the căn cước
card) is not checksummed; its shape is (TT 59/2021/TT-BCA, before it TT 07/2016/TT-BCA):
3 digits of the province of birth registration, 1 digit of sex and century, 2 digits of the
year of birth, 6 random digits. We check the length, the province block and that the year of
birth is not in the future; a number that passes may still not exist.
"""

from __future__ import annotations

import re
from datetime import date

from django.utils.translation import gettext as _

# The 63 province codes of the identification number (TT 07/2016/TT-BCA, Appendix).
_PROVINCE_CODE_TEXT = """
001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036
037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075
077 079 080 082 083 084 086 087 089 091 092 093 094 095 096
"""
PROVINCE_CODES = frozenset(_PROVINCE_CODE_TEXT.split())
# Sex-and-century digit → the century of the year of birth.
_CENTURY = {
    0: 1900,
    1: 1900,
    2: 2000,
    3: 2000,
    4: 2100,
    5: 2100,
    6: 2200,
    7: 2200,
    8: 1800,
    9: 1800,
}
_PHONE = re.compile(r"^(?:0|\+84)(?:[35789]\d{8}|2\d{9})$")


class IdentifierInvalidError(ValueError):
    """The value has the wrong shape; the message is for people."""


def id_number_clean(value: str, *, today: date) -> str:
    """The identification number without spaces, or `IdentifierInvalidError`."""
    digits = "".join(value.split())
    if not digits.isdigit() or len(digits) != 12:  # noqa: PLR2004 - the legal length
        raise IdentifierInvalidError(_("An ID number has exactly 12 digits."))
    if digits[:3] not in PROVINCE_CODES:
        raise IdentifierInvalidError(
            _("An ID number starts with the code of a province (001 to 096); %(code)s is not one.")
            % {"code": digits[:3]}
        )
    year = _CENTURY[int(digits[3])] + int(digits[4:6])
    if year > today.year:
        raise IdentifierInvalidError(
            _("This ID number gives a year of birth in the future (%(year)s); check digits 4 to 6.")
            % {"year": year}
        )
    return digits


def phone_clean(value: str) -> str:
    """A Vietnamese phone number without spaces or dots, or `IdentifierInvalidError`."""
    compact = re.sub(r"[\s.\-]", "", value)
    if not _PHONE.match(compact):
        raise IdentifierInvalidError(
            _("A phone number has 10 digits and starts with 0 (e.g. 0912 345 678).")
        )
    return compact
