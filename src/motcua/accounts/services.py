"""Writers of the accounts app: sign-in with lockout, and the demo users."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import F, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from motcua.accounts.constants import AGENCY_ROLES, Role
from motcua.accounts.models import OfficerMembership, User
from motcua.core.audit import audit_event_append
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


def user_authenticate(*, request: HttpRequest | None, username: str, password: str) -> User:
    """Check a username and password, counting failures and locking the account.

    Invariant: a locked account is refused without checking the password; an unknown username
    changes nothing and gets the same message as a wrong password (no account discovery).
    After ``MOTCUA_LOGIN_MAX_FAILURES`` failures in a row the account is locked for
    ``MOTCUA_LOGIN_LOCKOUT_MINUTES``. Success resets the counter.
    """
    now = timezone.now()
    account = User.objects.filter(username=username).only("pk", "locked_until").first()
    if account is not None and account.locked_until and account.locked_until > now:
        minutes = math.ceil((account.locked_until - now).total_seconds() / 60)
        raise _locked(minutes)
    user = authenticate(request, username=username, password=password)
    if user is None:
        if account is not None:
            _login_failure_record(user_id=account.pk)
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
