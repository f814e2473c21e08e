"""Enumerations of the procedure catalogue (REGULATION.md §5.1, GLOSSARY.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ServiceLevel(models.TextChoices):
    """Online service level under NĐ 42/2022/NĐ-CP (REGULATION.md §3)."""

    FULL_ONLINE = "full_online", _("Full online service")
    PARTIAL_ONLINE = "partial_online", _("Partial online service")
    IN_PERSON = "in_person", _("In person only")


ONLINE_LEVELS = frozenset({ServiceLevel.FULL_ONLINE, ServiceLevel.PARTIAL_ONLINE})


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    POSTAL = "postal", _("Public postal service")


class TimeUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("working days")
    DAYS = "days", _("days")
    HOURS = "hours", _("working hours")


class CopyKind(models.TextChoices):
    ORIGINAL = "original", _("Original")
    CERTIFIED_COPY = "certified_copy", _("Certified copy")
    COPY = "copy", _("Copy")
    ORIGINAL_OR_CERTIFIED = "original_or_certified", _("Original or certified copy")
    PRESENTED = "presented", _("Presented (not kept)")


class FeeKind(models.TextChoices):
    CHARGE = "charge", _("Charge (lệ phí)")
    FEE = "fee", _("Fee (phí)")
    SERVICE_PRICE = "service_price", _("Service price")


class FeeCollection(models.TextChoices):
    """Thu trước / thu sau / miễn (REGULATION.md §4.2), printed on the receipt."""

    BEFORE = "before", _("Paid at receipt")
    AFTER = "after", _("Paid when the result is returned")
    NONE = "none", _("No fee")


class FeeRuleKind(models.TextChoices):
    DISCOUNT = "discount", _("Reduction")
    EXEMPTION = "exemption", _("Exemption")


class Beneficiary(models.TextChoices):
    """Who a reduction or an exemption is for. `ONLINE_SUBMISSION` applies by itself to online
    dossiers; the others are claimed, and the desk checks the evidence the rule names."""

    ONLINE_SUBMISSION = "online_submission", _("Submitted online")
    POOR_HOUSEHOLD = "poor_household", _("Poor or near-poor household")
    POLICY_BENEFICIARY = "policy_beneficiary", _("Policy beneficiary (người có công)")
    ETHNIC_MINORITY = "ethnic_minority", _("Ethnic minority in a designated commune")
    CHILD = "child", _("Child")
    ELDERLY = "elderly", _("Elderly person")
    DISABILITY = "disability", _("Person with a disability")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")
    ABOLISHED = "abolished", _("Abolished")


class PublicationAction(models.TextChoices):
    """What a publishing decision did to a procedure (công bố mới / sửa đổi, bổ sung / bãi bỏ)."""

    ANNOUNCE = "announce", _("Announced")
    AMEND = "amend", _("Amended")
    ABOLISH = "abolish", _("Abolished")


class DelegationKind(models.TextChoices):
    DECENTRALISATION = "decentralisation", _("Decentralisation (phân cấp)")
    AUTHORISATION = "authorisation", _("Authorisation (ủy quyền)")


class TranslationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEWED = "reviewed", _("Reviewed")


class AudioBatchStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    FAILED = "failed", _("Failed")


# The seven mandatory components of NĐ 63/2010 Art. 8(2) (766 indicator 1.3), as
# (key, label) pairs; `version_missing_components` checks each key.
MANDATORY_COMPONENTS: tuple[tuple[str, StrOrPromise], ...] = (
    ("name", _("name")),
    ("steps", _("steps")),
    ("methods", _("methods")),
    ("documents", _("documents and quantity")),
    ("time_limit", _("time limit")),
    ("subjects", _("subjects")),
    ("agency", _("executing agency")),
)

CODE_PATTERN = r"^\d\.\d{6}$"
