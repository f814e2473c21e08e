"""One user model for citizens and officers; officer scope through agency memberships."""

from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.accounts.constants import AGENCY_ROLES, PersonalDataKind, Role
from motcua.core.models import TimeStampedModel
from motcua.organisation.models import AdministrativeUnit, Agency, EffectiveDated, OneStopDesk


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CITIZEN)
    failed_login_count = models.PositiveIntegerField(_("failed logins in a row"), default=0)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)
    # The citizen's profile (issue 6): what forms are pre-filled with.
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    id_number = models.CharField(_("ID number"), max_length=12, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    unit = models.ForeignKey(
        AdministrativeUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune of residence"),
    )
    organisation_name = models.CharField(_("organisation"), max_length=255, blank=True)
    tax_code = models.CharField(_("tax code"), max_length=14, blank=True)
    phone_verified_at = models.DateTimeField(_("phone verified at"), null=True, blank=True)
    email_verified_at = models.DateTimeField(_("email verified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["id_number"], condition=~Q(id_number=""), name="user_id_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class OfficerMembership(TimeStampedModel, EffectiveDated):
    """An officer works in an agency in a role (and at a desk, for desk officers).

    Kept in `accounts`, not `organisation`, because it ties a user to an agency: organisation
    stays free of users, and the layer order accounts → organisation → core holds.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("agency")
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=[(r.value, r.label) for r in Role if r in AGENCY_ROLES],
    )
    desk = models.ForeignKey(
        OneStopDesk,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("one-stop desk"),
    )

    class Meta:
        verbose_name = _("officer membership")
        verbose_name_plural = _("officer memberships")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"],
                condition=Q(valid_to__isnull=True),
                name="membership_one_open_per_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.agency} ({self.get_role_display()})"


class OneTimeCode(models.Model):
    """A 6-digit code sent to a phone or an e-mail address; only its keyed hash is stored."""

    class Purpose(models.TextChoices):
        SIGN_UP = "sign_up", _("Verify a new account")
        CONSENT = "consent", _("Consent to a community helper")
        FEEDBACK = "feedback", _("Verify the phone number of a petition")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="one_time_codes"
    )
    purpose = models.CharField(max_length=12, choices=Purpose.choices)
    channel = models.CharField(max_length=10)
    address = models.CharField(max_length=254)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")

    def __str__(self) -> str:
        return f"{self.purpose} → {self.channel}"


class HelperConsent(models.Model):
    """A citizen agreed that a community digital team member acts for them (Tổ CNS cộng đồng).

    Given by reading a one-time code sent to the citizen's own phone, or by a signed paper
    authorisation the helper scanned. Valid for a limited time; every act is on the record.
    """

    class Method(models.TextChoices):
        CODE = "code", _("One-time code to the citizen's phone")
        PAPER = "paper", _("Signed authorisation, scanned")

    helper = models.ForeignKey(User, on_delete=models.PROTECT, related_name="consents_received")
    citizen = models.ForeignKey(User, on_delete=models.PROTECT, related_name="consents_given")
    method = models.CharField(_("how"), max_length=10, choices=Method.choices)
    one_time_code = models.ForeignKey(
        OneTimeCode, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    document = models.FileField(_("signed authorisation"), upload_to="consents/", blank=True)
    granted_at = models.DateTimeField(_("given at"))
    valid_until = models.DateTimeField(_("valid until"))

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = _("consent to a helper")
        verbose_name_plural = _("consents to helpers")

    def __str__(self) -> str:
        return f"{self.citizen_id} → {self.helper_id}"


class PersonalDataAccess(models.Model):
    """An officer opened something that holds a citizen's personal data; the citizen sees it.

    Append-only: written by `personal_data_access_record` only, never changed or deleted (the
    admin is read-only). The person is known by a keyed hash of their identification number
    (never the number itself, so the log is no second copy of it) and, when the data belongs
    to an account, by that account, so a citizen who signs up later still finds earlier looks.
    The agency is the one the officer worked for at the time (none for province-wide roles).
    """

    officer = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("officer")
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency"),
    )
    subject_id_hash = models.CharField(
        _("keyed hash of the ID number"), max_length=64, blank=True, db_index=True
    )
    subject_user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="personal_data_accesses",
        verbose_name=_("citizen"),
    )
    kind = models.CharField(_("what"), max_length=20, choices=PersonalDataKind.choices)
    reference = models.CharField(_("reference"), max_length=60)
    purpose = models.CharField(_("page"), max_length=40)
    at = models.DateTimeField(_("at"), db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("look at personal data")
        verbose_name_plural = _("looks at personal data")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(
                fields=["officer", "kind", "reference", "purpose", "at"],
                name="pda_officer_object_at",
            ),
        ]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(subject_user__isnull=False) | ~Q(subject_id_hash=""),
                name="pda_subject_known",
            ),
            models.CheckConstraint(condition=~Q(reference=""), name="pda_reference"),
        ]

    def __str__(self) -> str:
        return f"{self.officer_id} → {self.kind} {self.reference}"


class AppSignInCode(models.Model):
    """The one-time code that hands a national-identity sign-in, made in the browser, to the
    app (RFC 8252 style): bound to the app's PKCE challenge, valid seconds, used once. Only its
    SHA-256 is stored."""

    code_hash = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    code_challenge = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("app sign-in code")
        verbose_name_plural = _("app sign-in codes")

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M}"


class AppSession(models.Model):
    """A signed-in mobile app (or partner client): the long-lived half of its tokens.

    The app holds a short-lived access token (signed, stateless, naming this row) and a refresh
    token, stored here only as its SHA-256. Each refresh replaces the refresh token; presenting
    a replaced one again means it was copied, and the whole session is revoked (ADR 0018).
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="app_sessions", verbose_name=_("user")
    )
    device = models.CharField(_("device"), max_length=100, blank=True)
    refresh_hash = models.CharField(max_length=64, unique=True)
    previous_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(_("signed in at"))
    refreshed_at = models.DateTimeField(_("last refreshed at"))
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("why revoked"), max_length=40, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("app session")
        verbose_name_plural = _("app sessions")

    def __str__(self) -> str:
        return f"{self.user_id} / {self.device or '-'}"


class ExternalIdentity(models.Model):
    """A person's account at the national identity provider, linked to ours (single sign-on).

    `id_number` is the identification number the provider vouched for when it was linked: the
    national identity verifies it, so it confirms the number in the account's profile.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="external_identities", verbose_name=_("user")
    )
    issuer = models.CharField(_("identity provider"), max_length=200)
    subject = models.CharField(_("identifier at the provider"), max_length=255)
    id_number = models.CharField(_("verified ID number"), max_length=12, blank=True)
    linked_at = models.DateTimeField(_("linked at"))
    last_sign_in_at = models.DateTimeField(_("last signed in at"))

    class Meta:
        ordering = ["-linked_at"]
        verbose_name = _("national identity link")
        verbose_name_plural = _("national identity links")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="external_identity_once"),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.subject} → {self.user_id}"
