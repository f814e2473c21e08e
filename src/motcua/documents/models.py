"""Electronic results signed by the deciding agency (kết quả điện tử). Only `services.py` writes
these rows; the signed file itself is never rewritten (its hash is recorded when it is made)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import Dossier, Result
from motcua.organisation.models import Agency


class SignedResult(models.Model):
    """One signed electronic result: the file, its SHA-256, who signed it for which agency and
    when, and the code (mã giấy tờ kết quả) and token its verification page is found by."""

    result = models.OneToOneField(Result, on_delete=models.PROTECT, related_name="signed")
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="signed_results")
    code = models.CharField(_("result document code"), max_length=60, unique=True)
    token = models.CharField(max_length=32, unique=True)  # in the QR code: not guessable
    title = models.CharField(_("document"), max_length=500)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    file = models.FileField(_("signed file"), upload_to="results/signed/%Y/%m/", max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    generated = models.BooleanField(default=False)  # from the template (else uploaded)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    signer_name = models.CharField(_("certificate"), max_length=200)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed at"))
    recipient_name = models.CharField(_("issued to"), max_length=200)
    recipient_id_number = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["-signed_at"]
        verbose_name = _("signed electronic result")
        verbose_name_plural = _("signed electronic results")

    def __str__(self) -> str:
        return self.code


class StoredDocument(models.Model):
    """Kho quản lý dữ liệu điện tử của cá nhân: a document the state already holds about a
    person (by identification number), reusable in later dossiers: the results issued to them
    and the components digitised from their dossiers. The file is the source's own (the signed
    result, the scan); this row says what it is, who issued it and for how long it is valid."""

    class Kind(models.TextChoices):
        RESULT = "result", _("Electronic result")
        CERTIFIED_COPY = "certified_copy", _("Electronic certified copy")
        COMPONENT = "component", _("Digitised document")

    id_number = models.CharField(_("identification number"), max_length=20, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("document"), max_length=500)
    issuer = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(_("issued or digitised at"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    file = models.FileField(_("file"), max_length=200)
    sha256 = models.CharField(max_length=64)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="+")
    # One entry per source: "result:<signed id>" or "component:<dossier document id>".
    source_key = models.CharField(max_length=40, unique=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("stored document")
        verbose_name_plural = _("stored documents")

    def __str__(self) -> str:
        return f"{self.id_number}: {self.title[:40]}"
