"""Who may see what: every scoped read of the back office starts here."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from motcua.accounts.constants import API_ACCESS_SALT, PROVINCE_WIDE_ROLES, Role
from motcua.accounts.models import ExternalIdentity, OfficerMembership, PersonalDataAccess, User
from motcua.organisation.models import Agency
from motcua.organisation.selectors import agency_list_valid_on


def _today() -> date:
    return timezone.localdate()


def membership_list_for_user(*, user: User, day: date | None = None) -> QuerySet[OfficerMembership]:
    day = day or _today()
    return (
        OfficerMembership.objects.filter(user=user, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("agency__unit", "desk")
        .order_by("agency__name", "role")
    )


def agency_list_for_user(*, user: User, day: date | None = None) -> QuerySet[Agency]:
    """Agencies the user may see: all (province-wide roles) or those of their memberships."""
    day = day or _today()
    agencies = agency_list_valid_on(day=day)
    if user.role in PROVINCE_WIDE_ROLES:
        return agencies
    return agencies.filter(
        pk__in=membership_list_for_user(user=user, day=day).values("agency_id")
    ).distinct()


def agency_list_administered_by(*, user: User, day: date | None = None) -> QuerySet[Agency]:
    """Agencies whose administration pages the user may open."""
    day = day or _today()
    if user.role == Role.SYSTEM_ADMIN:
        return agency_list_valid_on(day=day)
    return agency_list_valid_on(day=day).filter(
        pk__in=membership_list_for_user(user=user, day=day)
        .filter(role=Role.AGENCY_ADMIN)
        .values("agency_id")
    )


def membership_list_for_agency(
    *, agency: Agency, day: date | None = None
) -> QuerySet[OfficerMembership]:
    day = day or _today()
    return (
        OfficerMembership.objects.filter(agency=agency, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("user", "desk")
        .order_by("role", "user__full_name")
    )


def user_get_by_username(*, username: str) -> User | None:
    return User.objects.filter(username=username).first()


def helper_may_act_for(*, helper: User, citizen: User) -> bool:
    """A consent of this citizen to this helper is in force now."""
    from django.utils import timezone

    from motcua.accounts.models import HelperConsent

    return HelperConsent.objects.filter(
        helper=helper, citizen=citizen, valid_until__gt=timezone.now()
    ).exists()


def helper_citizens(*, helper: User) -> QuerySet[User]:
    """The citizens who consented to this helper, consent still in force."""
    from django.utils import timezone

    return User.objects.filter(
        consents_given__helper=helper, consents_given__valid_until__gt=timezone.now()
    ).distinct()


def user_get(*, user_id: int) -> User | None:
    return User.objects.filter(pk=user_id).first()


def user_list_with_role(*, role: str) -> QuerySet[User]:
    """Active users of one role (e.g. the province office, for escalations)."""
    return User.objects.filter(role=role, is_active=True).order_by("pk")


def personal_data_access_list_for_citizen(
    *, citizen: User, id_number_confirmed: bool
) -> QuerySet[PersonalDataAccess]:
    """Officers' looks at this citizen's data, newest first: rows naming the account, and rows
    recorded under the account's ID number when the caller has confirmed that the number is
    the person's own (a number typed into a profile proves nothing: it could be someone
    else's)."""
    from motcua.accounts.services import id_number_digest

    match = Q(subject_user=citizen)
    digest = id_number_digest(citizen.id_number) if id_number_confirmed else ""
    if digest:
        match |= Q(subject_id_hash=digest)
    return (
        PersonalDataAccess.objects.filter(match)
        .select_related("officer", "agency")
        .order_by("-at", "-pk")
    )


def app_session_user(*, access_token: str) -> User | None:
    """The user an access token stands for, or None: forged, expired (MOTCUA_API_ACCESS_MINUTES),
    or its session revoked or ended, or the user deactivated. One query."""
    from django.core import signing

    from motcua.accounts.models import AppSession

    try:
        claims = signing.loads(
            access_token, salt=API_ACCESS_SALT, max_age=settings.MOTCUA_API_ACCESS_MINUTES * 60
        )
    except signing.BadSignature:  # SignatureExpired is one
        return None
    if not isinstance(claims, dict):
        return None
    session_id, user_id = claims.get("s"), claims.get("u")
    if not isinstance(session_id, int) or not isinstance(user_id, int):
        return None
    session = (
        AppSession.objects.select_related("user")
        .filter(
            pk=session_id,
            user_id=user_id,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
            user__is_active=True,
        )
        .first()
    )
    return session.user if session else None


def external_identity_get(*, issuer: str, subject: str) -> ExternalIdentity | None:
    return (
        ExternalIdentity.objects.select_related("user")
        .filter(issuer=issuer, subject=subject)
        .first()
    )


def user_get_by_id_number(*, id_number: str) -> User | None:
    if not id_number:
        return None
    return User.objects.filter(id_number=id_number).first()


def id_number_vouched_by_national_identity(*, user: User) -> bool:
    """The profile's ID number is the one the national identity verified at linking."""
    return (
        bool(user.id_number) and user.external_identities.filter(id_number=user.id_number).exists()
    )
