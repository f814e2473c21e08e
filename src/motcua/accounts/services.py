"""Writers of the accounts app: sign-in with lockout, and the demo users."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import F, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from motcua.accounts.constants import AGENCY_ROLES, API_ACCESS_SALT, PersonalDataKind, Role
from motcua.accounts.models import (
    AppSession,
    AppSignInCode,
    ExternalIdentity,
    HelperConsent,
    OfficerMembership,
    OneTimeCode,
    PersonalDataAccess,
    User,
)
from motcua.core.audit import audit_event_append
from motcua.integrations.oidc.client import OidcIdentity
from motcua.organisation.constants import MERGER_DATE, Tier
from motcua.organisation.models import Agency
from motcua.organisation.selectors import agency_list_valid_on


class LoginRefusedError(Exception):
    """Sign-in refused; ``message`` is for the person, in the active language."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _invalid_credentials() -> LoginRefusedError:
    return LoginRefusedError(
        _(
            "The username or password is incorrect. After %(count)d wrong attempts in a row "
            "the account is locked for %(minutes)d minutes."
        )
        % {
            "count": settings.MOTCUA_LOGIN_MAX_FAILURES,
            "minutes": settings.MOTCUA_LOGIN_LOCKOUT_MINUTES,
        },
        code="invalid_login",
    )


def _locked(until_minutes: int) -> LoginRefusedError:
    return LoginRefusedError(
        ngettext(
            "This account is locked after too many wrong passwords. Try again in %(minutes)d "
            "minute, or reset your password.",
            "This account is locked after too many wrong passwords. Try again in %(minutes)d "
            "minutes, or reset your password.",
            until_minutes,
        )
        % {"minutes": until_minutes},
        code="locked",
    )


def _client_key(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return f"login-client:{request.META.get('REMOTE_ADDR', '')}"


def _client_blocked() -> LoginRefusedError:
    return LoginRefusedError(
        _(
            "Too many wrong sign-ins from this connection. Try again in %(minutes)d minutes, "
            "or reset your password."
        )
        % {"minutes": settings.MOTCUA_LOGIN_CLIENT_WINDOW_MINUTES},
        code="client_blocked",
    )


def user_authenticate(*, request: HttpRequest | None, username: str, password: str) -> User:
    """Check a username and password, counting failures and locking the account.

    Invariant: a locked account is refused without checking the password; an unknown username
    changes nothing and gets the same message as a wrong password (no account discovery).
    After ``MOTCUA_LOGIN_MAX_FAILURES`` failures in a row the account is locked for
    ``MOTCUA_LOGIN_LOCKOUT_MINUTES``. Success resets the counter. Per connection, after
    ``MOTCUA_LOGIN_FAILURES_PER_CLIENT`` failures (any usernames) in a window of
    ``MOTCUA_LOGIN_CLIENT_WINDOW_MINUTES`` every sign-in from it is refused unchecked until the
    window ends: guessing one password over many accounts stops there.
    """
    from motcua.core.ratelimit import rate_limit_exceeded, rate_limit_reached

    client = _client_key(request)
    if client is not None and rate_limit_reached(
        key=client, limit=settings.MOTCUA_LOGIN_FAILURES_PER_CLIENT
    ):
        raise _client_blocked()
    now = timezone.now()
    account = User.objects.filter(username=username).only("pk", "locked_until").first()
    if account is not None and account.locked_until and account.locked_until > now:
        minutes = math.ceil((account.locked_until - now).total_seconds() / 60)
        raise _locked(minutes)
    user = authenticate(request, username=username, password=password)
    if user is None:
        if account is not None:
            _login_failure_record(user_id=account.pk)
        if client is not None:
            rate_limit_exceeded(
                key=client,
                limit=settings.MOTCUA_LOGIN_FAILURES_PER_CLIENT,
                window_seconds=settings.MOTCUA_LOGIN_CLIENT_WINDOW_MINUTES * 60,
            )
        raise _invalid_credentials()
    assert isinstance(user, User)
    if user.failed_login_count or user.locked_until:
        User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None)
    audit_event_append(
        action="accounts.login", actor_id=user.pk, object_type="accounts.user", object_id=user.pk
    )
    return user


def _login_failure_record(*, user_id: int) -> None:
    with transaction.atomic():
        User.objects.filter(pk=user_id).update(failed_login_count=F("failed_login_count") + 1)
        now = timezone.now()
        locked = (
            User.objects.filter(
                pk=user_id, failed_login_count__gte=settings.MOTCUA_LOGIN_MAX_FAILURES
            )
            .filter(Q(locked_until__isnull=True) | Q(locked_until__lte=now))
            .update(
                locked_until=now + timedelta(minutes=settings.MOTCUA_LOGIN_LOCKOUT_MINUTES),
                failed_login_count=0,
            )
        )
        audit_event_append(
            action="accounts.locked" if locked else "accounts.login_failed",
            object_type="accounts.user",
            object_id=user_id,
        )


def user_unlock(*, user_id: int, actor_id: int | None = None) -> None:
    """Clear a lockout (after a password reset, or by an administrator)."""
    with transaction.atomic():
        User.objects.filter(pk=user_id).update(failed_login_count=0, locked_until=None)
        audit_event_append(
            action="accounts.unlocked",
            actor_id=actor_id,
            object_type="accounts.user",
            object_id=user_id,
        )


# --- Demo users (dev settings only) --------------------------------------------------------

DEMO_PASSWORD = "MotCua@2026"  # noqa: S105 - documented demo password, refused outside dev
# The demo commune after the merger: the new ward that took over Đồng Xoài's centre.
DEMO_COMMUNE_NAME = "Phường Đồng Xoài"
DEMO_OTHER_COMMUNE_NAME = "Phường Bình Phước"


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: Role
    agency: str | None = None  # "commune", "other_commune" or None


DEMO_USERS: list[DemoUser] = [
    DemoUser("congdan", "Nguyễn Văn An", Role.CITIZEN),
    DemoUser("tocongnghe", "Điểu Thị Lan", Role.COMMUNITY_HELPER),
    DemoUser("motcua", "Trần Thị Bình", Role.DESK_OFFICER, "commune"),
    DemoUser("motcua2", "Lê Văn Cường", Role.DESK_OFFICER, "other_commune"),
    DemoUser("chuyenvien", "Phạm Thị Dung", Role.SPECIALIST, "commune"),
    DemoUser("lanhdao", "Hoàng Văn Em", Role.LEADER, "commune"),
    DemoUser("quantricoquan", "Vũ Thị Giang", Role.AGENCY_ADMIN, "commune"),
    DemoUser("giamsat", "Đỗ Văn Hùng", Role.PROVINCE_MONITOR),
    DemoUser("quantri", "Ngô Thị Khánh", Role.SYSTEM_ADMIN),
]


def _demo_agency(kind: str) -> Agency:
    name = DEMO_COMMUNE_NAME if kind == "commune" else DEMO_OTHER_COMMUNE_NAME
    return agency_list_valid_on(day=MERGER_DATE).get(tier=Tier.COMMUNE, unit__name=name)


def user_seed_demo() -> int:
    """Create one demo user per role with the documented password, idempotently.

    Refused unless ``MOTCUA_DEMO_USERS`` is on (dev and test settings only).
    """
    if not settings.MOTCUA_DEMO_USERS:
        raise ImproperlyConfigured("demo users exist only where MOTCUA_DEMO_USERS is on")
    created = 0
    with transaction.atomic():
        for spec in DEMO_USERS:
            user, was_created = User.objects.get_or_create(
                username=spec.username,
                defaults={
                    "full_name": spec.full_name,
                    "role": spec.role,
                    "email": f"{spec.username}@example.invalid",
                    "is_staff": spec.role == Role.SYSTEM_ADMIN,
                    "is_superuser": spec.role == Role.SYSTEM_ADMIN,
                },
            )
            if was_created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
                created += 1
            if spec.agency and spec.role in AGENCY_ROLES:
                agency = _demo_agency(spec.agency)
                OfficerMembership.objects.get_or_create(
                    user=user,
                    agency=agency,
                    role=spec.role,
                    valid_to=None,
                    defaults={
                        "valid_from": agency.valid_from,
                        "desk": agency.desks.first() if spec.role == Role.DESK_OFFICER else None,
                    },
                )
        if created:
            audit_event_append(action="accounts.demo_users_seeded", payload={"created": created})
    return created


def service_account_get(*, username: str, full_name: str, role: Role) -> User:
    """An account that signs nothing in: the actor recorded on rows a program writes (a
    synthetic history's approvals, say). Inactive, with no usable password; idempotent."""
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"full_name": full_name, "role": role, "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


# --- Citizens: sign-up, one-time codes, profile (issue 6) --------------------------------------


class AccountError(ValueError):
    """A citizen's account action refused; the message is for people."""


@dataclass(frozen=True)
class Contact:
    channel: str  # "sms" or "email"
    address: str  # the normalised phone number or e-mail address (also the username)


def contact_parse(value: str) -> Contact:
    """A phone number (SMS) or an e-mail address, normalised, or `AccountError`."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from motcua.core.identity import IdentifierInvalidError, phone_clean

    value = value.strip()
    if "@" in value:
        try:
            validate_email(value)
        except ValidationError as error:
            raise AccountError(_("This email address is not valid.")) from error
        return Contact("email", value.lower())
    try:
        return Contact("sms", phone_clean(value))
    except IdentifierInvalidError as error:
        raise AccountError(str(error)) from error


def _code_hash(otp_id: int | None, code: str) -> str:
    import hmac

    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{otp_id}:{code}".encode(), "sha256").hexdigest()


def one_time_code_issue(
    *, purpose: str, contact: Contact, user: User | None = None
) -> tuple[OneTimeCode, str]:
    """A new 6-digit code for `contact`, valid `MOTCUA_OTP_MINUTES`; the plain code to send.

    At most `MOTCUA_OTP_PER_ADDRESS` codes per address in the window, against SMS bombing.
    """
    import secrets

    from motcua.core.ratelimit import rate_limit_exceeded

    if rate_limit_exceeded(
        key=f"otp:{contact.address}",
        limit=settings.MOTCUA_OTP_PER_ADDRESS,
        window_seconds=settings.MOTCUA_OTP_MINUTES * 60,
    ):
        raise AccountError(
            _("Too many codes were sent to this number or address. Wait %(minutes)s minutes.")
            % {"minutes": settings.MOTCUA_OTP_MINUTES}
        )
    code = f"{secrets.randbelow(1_000_000):06d}"
    with transaction.atomic():
        otp = OneTimeCode.objects.create(
            user=user,
            purpose=purpose,
            channel=contact.channel,
            address=contact.address,
            code_hash="",
            expires_at=timezone.now() + timedelta(minutes=settings.MOTCUA_OTP_MINUTES),
        )
        otp.code_hash = _code_hash(otp.pk, code)
        otp.save(update_fields=["code_hash"])
    return otp, code


def one_time_code_check(*, otp_id: int, code: str, purpose: str) -> OneTimeCode:
    """Use the code once; wrong, expired, used or too many tries: `AccountError`.

    A wrong try is counted even though the call fails (its own transaction commits first).
    """
    import hmac

    with transaction.atomic():
        otp = OneTimeCode.objects.select_for_update().filter(pk=otp_id, purpose=purpose).first()
        if otp is None or otp.used_at is not None:
            raise AccountError(_("This code is no longer valid. Ask for a new one."))
        if otp.expires_at <= timezone.now():
            raise AccountError(_("This code has expired. Ask for a new one."))
        if otp.attempts >= settings.MOTCUA_OTP_MAX_ATTEMPTS:
            raise AccountError(_("Too many wrong codes. Ask for a new one."))
        given = "".join(code.split())
        if not hmac.compare_digest(otp.code_hash, _code_hash(otp.pk, given)):
            otp.attempts += 1
            otp.save(update_fields=["attempts"])
            wrong = True
        else:
            otp.used_at = timezone.now()
            otp.save(update_fields=["used_at"])
            wrong = False
    if wrong:
        raise AccountError(_("The code is not right. Check the message and try again."))
    return otp


def citizen_sign_up(
    *, contact_text: str, full_name: str, password: str
) -> tuple[User, OneTimeCode, str]:
    """A new citizen account, inactive until the one-time code sent to the contact is entered.

    Signing up again with an unverified contact replaces the pending account's name and
    password and sends a new code; a verified contact is refused (sign in or reset instead).
    """
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    contact = contact_parse(contact_text)
    name = " ".join(full_name.split())
    if not name:
        raise AccountError(_("Enter your full name."))
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=contact.address).first()
        if user is not None and user.is_active:
            raise AccountError(
                _("An account already uses this number or address. Sign in, or reset the password.")
            )
        candidate = user or User(username=contact.address, role=Role.CITIZEN, is_active=False)
        candidate.full_name = name
        try:
            validate_password(password, candidate)
        except ValidationError as error:
            raise AccountError(" ".join(error.messages)) from error
        candidate.set_password(password)
        if contact.channel == "sms":
            candidate.phone = contact.address
        else:
            candidate.email = contact.address
        candidate.save()
        otp, code = one_time_code_issue(
            purpose=OneTimeCode.Purpose.SIGN_UP, contact=contact, user=candidate
        )
        audit_event_append(
            action="accounts.sign_up",
            object_type="user",
            object_id=candidate.pk,
            payload={"channel": contact.channel},
        )
    return candidate, otp, code


def citizen_verify(*, otp_id: int, code: str) -> User:
    """The sign-up code: the account becomes active and its contact verified."""
    otp = one_time_code_check(otp_id=otp_id, code=code, purpose=OneTimeCode.Purpose.SIGN_UP)
    assert otp.user_id is not None
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=otp.user_id)
        user.is_active = True
        field = "phone_verified_at" if otp.channel == "sms" else "email_verified_at"
        setattr(user, field, timezone.now())
        user.save(update_fields=["is_active", field])
        audit_event_append(action="accounts.verified", object_type="user", object_id=user.pk)
    return user


@dataclass(frozen=True)
class Profile:
    full_name: str
    date_of_birth: Any
    id_number: str
    address: str
    unit_id: int | None
    organisation_name: str = ""
    tax_code: str = ""


def citizen_profile_save(*, user: User, profile: Profile) -> User:
    """Check and save what the citizen says of themselves; the forms are pre-filled with it."""
    import re

    from motcua.core.identity import IdentifierInvalidError, id_number_clean

    today = timezone.localdate()
    errors: list[str] = []
    name = " ".join(profile.full_name.split())
    if not name:
        errors.append(_("Enter your full name."))
    if profile.date_of_birth and profile.date_of_birth > today:
        errors.append(_("The date of birth cannot be in the future."))
    id_number = ""
    if profile.id_number:
        try:
            id_number = id_number_clean(profile.id_number, today=today)
        except IdentifierInvalidError as error:
            errors.append(str(error))
        if id_number and User.objects.filter(id_number=id_number).exclude(pk=user.pk).exists():
            errors.append(_("Another account already uses this ID number."))
    tax_code = profile.tax_code.strip()
    if tax_code and not re.fullmatch(r"\d{10}(-\d{3})?", tax_code):
        errors.append(_("A tax code has 10 digits, or 10 digits, a dash and 3 digits."))
    if errors:
        raise AccountError(" ".join(errors))
    user.full_name, user.date_of_birth, user.id_number = name, profile.date_of_birth, id_number
    user.address, user.unit_id = profile.address.strip(), profile.unit_id
    user.organisation_name, user.tax_code = profile.organisation_name.strip(), tax_code
    user.save(
        update_fields=[
            "full_name",
            "date_of_birth",
            "id_number",
            "address",
            "unit",
            "organisation_name",
            "tax_code",
        ]
    )
    return user


# --- Community helpers act for a citizen with the citizen's consent -----------------------------


def helper_consent_request(
    *, helper: User, phone: str, full_name: str, id_number: str = ""
) -> tuple[User, OneTimeCode, str]:
    """Find or create the citizen by phone and send them a consent code (the helper reads it
    from the citizen's phone, with them). A citizen without an account gets one, usable with
    a password reset later; the phone is verified when the code comes back."""
    from motcua.core.identity import IdentifierInvalidError, id_number_clean

    if helper.role != Role.COMMUNITY_HELPER:
        raise AccountError(_("Only a community digital team member can help in this way."))
    contact = contact_parse(phone)
    if contact.channel != "sms":
        raise AccountError(_("Enter the citizen's mobile phone number."))
    name = " ".join(full_name.split())
    clean_id = ""
    if id_number:
        try:
            clean_id = id_number_clean(id_number, today=timezone.localdate())
        except IdentifierInvalidError as error:
            raise AccountError(str(error)) from error
    with transaction.atomic():
        citizen = User.objects.select_for_update().filter(username=contact.address).first()
        if citizen is None:
            if not name:
                raise AccountError(_("Enter the citizen's full name."))
            citizen = User(
                username=contact.address,
                role=Role.CITIZEN,
                full_name=name,
                phone=contact.address,
                id_number=clean_id,
            )
            citizen.set_unusable_password()
            citizen.save()
        elif citizen.role != Role.CITIZEN:
            raise AccountError(_("This phone number belongs to an officer's account."))
        otp, code = one_time_code_issue(
            purpose=OneTimeCode.Purpose.CONSENT, contact=contact, user=citizen
        )
        audit_event_append(
            action="helper.consent_requested",
            actor_id=helper.pk,
            object_type="user",
            object_id=citizen.pk,
        )
    return citizen, otp, code


def helper_consent_confirm(*, helper: User, otp_id: int, code: str) -> HelperConsent:
    otp = one_time_code_check(otp_id=otp_id, code=code, purpose=OneTimeCode.Purpose.CONSENT)
    assert otp.user_id is not None
    now = timezone.now()
    with transaction.atomic():
        citizen = User.objects.select_for_update().get(pk=otp.user_id)
        citizen.is_active = True
        citizen.phone_verified_at = citizen.phone_verified_at or now
        citizen.save(update_fields=["is_active", "phone_verified_at"])
        consent = HelperConsent.objects.create(
            helper=helper,
            citizen=citizen,
            method=HelperConsent.Method.CODE,
            one_time_code=otp,
            granted_at=now,
            valid_until=now + timedelta(days=settings.MOTCUA_HELPER_CONSENT_DAYS),
        )
        audit_event_append(
            action="helper.consent_given",
            actor_id=helper.pk,
            object_type="user",
            object_id=citizen.pk,
            payload={"consent": consent.pk, "method": consent.method},
        )
    return consent


def helper_consent_paper(
    *, helper: User, phone: str, full_name: str, upload: Any, id_number: str = ""
) -> HelperConsent:
    """Consent by a signed paper authorisation the helper scanned (for a citizen whose phone
    cannot receive the code). The scan is kept with the consent; the act is audited."""
    from django.core.files.storage import default_storage

    from motcua.core.identity import IdentifierInvalidError, id_number_clean
    from motcua.core.uploads import UploadRejectedError, upload_check

    if helper.role != Role.COMMUNITY_HELPER:
        raise AccountError(_("Only a community digital team member can help in this way."))
    contact = contact_parse(phone)
    if contact.channel != "sms":
        raise AccountError(_("Enter the citizen's mobile phone number."))
    name = " ".join(full_name.split())
    if not name:
        raise AccountError(_("Enter the citizen's full name."))
    try:
        checked = upload_check(upload, name=upload.name or "", size=upload.size or 0)
        clean_id = id_number_clean(id_number, today=timezone.localdate()) if id_number else ""
    except (UploadRejectedError, IdentifierInvalidError) as error:
        raise AccountError(str(error)) from error
    now = timezone.now()
    with transaction.atomic():
        citizen = User.objects.select_for_update().filter(username=contact.address).first()
        if citizen is None:
            citizen = User(
                username=contact.address,
                role=Role.CITIZEN,
                full_name=name,
                phone=contact.address,
                id_number=clean_id,
            )
            citizen.set_unusable_password()
            citizen.save()
        elif citizen.role != Role.CITIZEN:
            raise AccountError(_("This phone number belongs to an officer's account."))
        stored = default_storage.save(checked.storage_name("consents"), upload)
        consent = HelperConsent.objects.create(
            helper=helper,
            citizen=citizen,
            method=HelperConsent.Method.PAPER,
            document=stored,
            granted_at=now,
            valid_until=now + timedelta(days=settings.MOTCUA_HELPER_CONSENT_DAYS),
        )
        audit_event_append(
            action="helper.consent_given",
            actor_id=helper.pk,
            object_type="user",
            object_id=citizen.pk,
            payload={"consent": consent.pk, "method": consent.method},
        )
    return consent


# --- Officers' looks at a citizen's personal data (issue 14) -----------------------------------

# One row per officer and object in this window: reloading a page, or going back and forth
# between a dossier and its actions, is one look, not dozens that would drown the others.
PERSONAL_DATA_ACCESS_QUIET = timedelta(minutes=10)


def id_number_digest(id_number: str) -> str:
    """The keyed hash (HMAC-SHA256 with SECRET_KEY) of an identification number, spaces
    removed; "" for no number. Changing SECRET_KEY breaks matching with earlier rows."""
    from django.utils.crypto import salted_hmac

    digits = "".join(str(id_number).split()).upper()
    if not digits:
        return ""
    return salted_hmac("motcua.accounts.PersonalDataAccess", digits, algorithm="sha256").hexdigest()


def _officer_agency(officer: User, prefer: Sequence[int | None]) -> Agency | None:
    from motcua.accounts.selectors import membership_list_for_user

    memberships = list(membership_list_for_user(user=officer))
    for agency_id in prefer:
        for membership in memberships:
            if agency_id is not None and membership.agency_id == agency_id:
                return membership.agency
    return memberships[0].agency if memberships else None


def personal_data_access_record(
    *,
    officer: User,
    kind: PersonalDataKind,
    reference: str,
    purpose: str,
    subject_id_number: str = "",
    subject_user_id: int | None = None,
    agency_ids: Sequence[int | None] = (),
) -> PersonalDataAccess | None:
    """Log that an officer opened a citizen's personal data; the citizen can read the log.

    Invariant: append-only; one row per officer and object (kind, reference, purpose) in
    `PERSONAL_DATA_ACCESS_QUIET` (two requests in the same instant may both write: harmless).
    Nothing is written when the person is the officer themselves, or is unknown (no account
    and no ID number: nobody could ever read the row).
    The agency is the officer's membership among `agency_ids` (those of the object), else their
    first current one, else none (province-wide roles).
    Legal basis: the data subject's right to know how their data is processed (NĐ 13/2023/NĐ-CP,
    Art. 9; not yet in REGULATION.md).
    Returns the row, or None when nothing was written.
    """
    digest = id_number_digest(subject_id_number)
    if subject_user_id is None and not digest:
        return None
    if subject_user_id == officer.pk or (digest and digest == id_number_digest(officer.id_number)):
        return None
    reference = reference.strip()[:60]
    purpose = purpose.strip()[:40]
    now = timezone.now()
    with transaction.atomic():
        recent = PersonalDataAccess.objects.filter(
            officer=officer,
            kind=kind,
            reference=reference,
            purpose=purpose,
            at__gt=now - PERSONAL_DATA_ACCESS_QUIET,
        )
        if recent.exists():
            return None
        return PersonalDataAccess.objects.create(
            officer=officer,
            agency=_officer_agency(officer, agency_ids),
            subject_id_hash=digest,
            subject_user_id=subject_user_id,
            kind=kind,
            reference=reference,
            purpose=purpose,
            at=now,
        )


# --- App sessions: access and refresh tokens of the mobile app (ADR 0018) ---------------------


class AppSessionError(Exception):
    """A refresh token that is unknown, expired, revoked or replaced (the message is for people)."""


def _token_hash(token: str) -> str:
    import hashlib

    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class AppTokens:
    session: AppSession
    access_token: str
    refresh_token: str
    expires_in: int  # seconds the access token lasts


def _tokens(session: AppSession, refresh_token: str) -> AppTokens:
    from django.core import signing

    access = signing.dumps({"s": session.pk, "u": session.user_id}, salt=API_ACCESS_SALT)
    return AppTokens(session, access, refresh_token, settings.MOTCUA_API_ACCESS_MINUTES * 60)


def app_session_start(*, user: User, device: str = "") -> AppTokens:
    """Sign an app in for `user` (already authenticated): a new session and its two tokens.

    Side effect: an audit event. The refresh token is returned once and stored only hashed.
    """
    import secrets

    now = timezone.now()
    refresh = secrets.token_urlsafe(32)
    with transaction.atomic():
        session = AppSession.objects.create(
            user=user,
            device=device[:100],
            refresh_hash=_token_hash(refresh),
            created_at=now,
            refreshed_at=now,
            expires_at=now + timedelta(days=settings.MOTCUA_API_REFRESH_DAYS),
        )
        audit_event_append(
            action="accounts.app_session_start",
            actor_id=user.pk,
            object_type="accounts.appsession",
            object_id=session.pk,
            payload={"device": session.device},
        )
    return _tokens(session, refresh)


def app_sign_in_code_issue(*, user: User, code_challenge: str) -> str:
    """A one-time code handing a browser sign-in (national identity) to the app that asked
    for it with this PKCE S256 challenge. Returned once; stored hashed; codes expired a day
    ago are cleared on the way."""
    import secrets

    now = timezone.now()
    code = secrets.token_urlsafe(32)
    with transaction.atomic():
        AppSignInCode.objects.filter(expires_at__lt=now - timedelta(days=1)).delete()
        AppSignInCode.objects.create(
            code_hash=_token_hash(code),
            user=user,
            code_challenge=code_challenge,
            created_at=now,
            expires_at=now + timedelta(seconds=settings.MOTCUA_API_SIGN_IN_CODE_SECONDS),
        )
    return code


def app_sign_in_code_redeem(*, code: str, code_verifier: str, device: str = "") -> AppTokens:
    """The app's tokens for a one-time code and the verifier of its challenge (RFC 7636).

    Invariant: a code works once, within its seconds, with its verifier only; a wrong verifier
    uses the code up too (whoever holds it without the verifier is not the app).
    """
    import base64
    import hashlib
    import hmac

    refused = _("This sign-in could not be completed. Start again.")
    now = timezone.now()
    with transaction.atomic():
        found = (
            AppSignInCode.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(code_hash=_token_hash(code))
            .first()
        )
        if found is None or found.used_at is not None or found.expires_at <= now:
            raise AppSessionError(refused)
        found.used_at = now
        found.save(update_fields=["used_at"])
        digest = hashlib.sha256(code_verifier.encode()).digest()
        expected = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        if not hmac.compare_digest(expected, found.code_challenge):
            audit_event_append(
                action="accounts.app_sign_in_code_refused", actor_id=found.user_id,
                object_type="user", object_id=found.user_id, payload={"reason": "verifier"},
            )  # fmt: skip
            verifier_wrong = True
        else:
            verifier_wrong = False
    if verifier_wrong or not found.user.is_active:
        raise AppSessionError(refused)
    return app_session_start(user=found.user, device=device)


def app_session_refresh(*, refresh_token: str) -> AppTokens:
    """New tokens for a refresh token, which is replaced (rotation).

    Invariant: each refresh token works once. A replaced token presented again means two
    holders: the session is revoked, so the thief's copy and the app's stop together.
    """
    import secrets

    digest = _token_hash(refresh_token)
    now = timezone.now()
    refused = ""
    with transaction.atomic():  # a refusal is raised after it, so a revocation stays
        session = (
            AppSession.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(refresh_hash=digest)
            .first()
        )
        if session is None:
            # The previous token again: within the grace period it is the app retrying after
            # losing the answer (weak network), and it gets new tokens; after it, a copy.
            retry = (
                AppSession.objects.select_for_update(of=("self",))
                .select_related("user")
                .filter(
                    previous_hash=digest,
                    revoked_at__isnull=True,
                    refreshed_at__gte=now
                    - timedelta(seconds=settings.MOTCUA_API_REFRESH_GRACE_SECONDS),
                )
                .first()
            )
            session = retry
        if session is None:
            refused = _("This sign-in is no longer valid. Sign in again.")
            reused = (
                AppSession.objects.select_for_update()
                .filter(previous_hash=digest, revoked_at__isnull=True)
                .first()
            )
            if reused is not None:
                reused.revoked_at, reused.revoked_reason = now, "refresh_reused"
                reused.save(update_fields=["revoked_at", "revoked_reason"])
                audit_event_append(
                    action="accounts.app_session_reuse",
                    actor_id=reused.user_id,
                    object_type="accounts.appsession",
                    object_id=reused.pk,
                )
        elif (
            session.revoked_at is not None
            or session.expires_at <= now
            or not session.user.is_active
        ):
            refused = _("This sign-in has ended. Sign in again.")
        else:
            refresh = secrets.token_urlsafe(32)
            if session.refresh_hash != digest:  # a retry: the lost token stays the previous one
                digest = session.previous_hash
            session.previous_hash, session.refresh_hash = digest, _token_hash(refresh)
            session.refreshed_at = now
            session.save(update_fields=["previous_hash", "refresh_hash", "refreshed_at"])
    if refused or session is None:
        raise AppSessionError(refused)
    return _tokens(session, refresh)


def app_session_revoke(*, refresh_token: str) -> bool:
    """Sign the app out (its refresh token); True if a live session ended. Idempotent."""
    with transaction.atomic():
        session = (
            AppSession.objects.select_for_update()
            .filter(refresh_hash=_token_hash(refresh_token), revoked_at__isnull=True)
            .first()
        )
        if session is None:
            return False
        session.revoked_at, session.revoked_reason = timezone.now(), "signed_out"
        session.save(update_fields=["revoked_at", "revoked_reason"])
    return True


# --- Single sign-on with the national identity (OpenID Connect, issue 15) ----------------------


class SsoError(Exception):
    """Single sign-on cannot go on; the message is for the person."""


def _identity_id_number(identity: OidcIdentity) -> str:
    from motcua.core.identity import IdentifierInvalidError, id_number_clean

    if not identity.id_number:
        return ""
    try:
        return id_number_clean(identity.id_number, today=timezone.localdate())
    except IdentifierInvalidError:
        return ""


def external_identity_link(*, user: User, identity: OidcIdentity) -> ExternalIdentity:
    """Link the provider's account to `user` (who keeps their dossiers), recording the number
    the provider vouched for; the profile takes it when it had none. Audited."""
    number = _identity_id_number(identity)
    now = timezone.now()
    with transaction.atomic():
        link, created = ExternalIdentity.objects.get_or_create(
            issuer=identity.issuer,
            subject=identity.subject,
            defaults={"user": user, "id_number": number, "linked_at": now, "last_sign_in_at": now},
        )
        if not created and link.user_id != user.pk:
            raise SsoError(_("This national identity is already linked to another account."))
        if not user.id_number and number:
            if User.objects.filter(id_number=number).exclude(pk=user.pk).exists():
                raise SsoError(_("Another account holds this ID number."))
            user.id_number = number
            user.save(update_fields=["id_number"])
        audit_event_append(
            action="accounts.sso_link",
            actor_id=user.pk,
            object_type="accounts.user",
            object_id=user.pk,
            payload={"issuer": identity.issuer, "id_number_tail": number[-2:]},
        )
    return link


def external_identity_sign_in(*, link: ExternalIdentity) -> User:
    """A returning person: the link's user, signed in now (inactive accounts refused)."""
    if not link.user.is_active:
        raise SsoError(_("This account is closed. Contact the province's support."))
    ExternalIdentity.objects.filter(pk=link.pk).update(last_sign_in_at=timezone.now())
    return link.user


def external_identity_register(*, identity: OidcIdentity) -> User:
    """A new citizen account for a person the national identity vouches for: their verified ID
    number, name and phone; no password (they sign in through the national identity)."""
    import hashlib

    number = _identity_id_number(identity)
    digest = hashlib.sha256(f"{identity.issuer} {identity.subject}".encode()).hexdigest()[:16]
    with transaction.atomic():
        if number and User.objects.filter(id_number=number).exists():
            raise SsoError(_("Another account holds this ID number."))
        user = User(
            username=f"dinhdanh-{digest}",
            role=Role.CITIZEN,
            full_name=" ".join(identity.name.split())[:200],
            id_number=number,
            phone=identity.phone[:20],
            phone_verified_at=timezone.now() if identity.phone else None,
        )
        user.set_unusable_password()
        user.save()
        audit_event_append(
            action="accounts.sso_register", object_type="accounts.user", object_id=user.pk
        )
        external_identity_link(user=user, identity=identity)
    return user


def external_identity_claim_number(*, holder: User, identity: OidcIdentity) -> User:
    """The national identity vouches for a number another account only typed in: that
    account loses it (audited, its dossiers untouched) and the person gets their own account."""
    number = _identity_id_number(identity)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=holder.pk)
        if locked.id_number != number or not number:
            raise SsoError(_("This sign-in could not be completed. Start again."))
        locked.id_number = ""
        locked.save(update_fields=["id_number"])
        audit_event_append(
            action="accounts.id_number_released",
            object_type="accounts.user",
            object_id=locked.pk,
            payload={"reason": "claimed_by_national_identity", "id_number_tail": number[-2:]},
        )
        return external_identity_register(identity=identity)
