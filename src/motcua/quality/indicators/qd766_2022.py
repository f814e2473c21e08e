"""QĐ 766/QĐ-TTg (23/06/2022) as the national portal scores it today (REGULATION.md §1.3).

Maxima and score functions are the observed ones [OBS]; where the 766 docx [SEC] disagrees
(indicator 4.2: full marks at 80 %), the portal wins and the docx value is one setting away
(`MOTCUA_QUALITY_RULE_CHANGES`, README "Choices for uncertain rules").

`threshold` is the ratio at which a metric reaches its maximum: score = min(max, max·R/threshold),
so a linear metric has threshold 1. `empty` is what a zero denominator scores. The codes are the
national API's; where the portal gives a group only as counts (progress, online, payment) the
metrics of the group carry our own codes and name the count fields they divide.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from motcua.quality.constants import Empty, Group
from motcua.quality.indicators.base import Metric, RuleSet

D = Decimal

RULES = RuleSet(
    effective_from=date(2022, 6, 23),
    source="QĐ 766/QĐ-TTg; scores as observed on the national portal (REGULATION.md §1.3)",
    metrics=(
        # --- 1. Công khai, minh bạch (18)
        Metric("PUBLISH_ON_TIME", Group.TRANSPARENCY, "1.1",
               _("Procedures published on time"), D(6)),
        Metric("PUBLIC_UPDATE_ON_TIME", Group.TRANSPARENCY, "1.2",
               _("Procedures updated and made public on time"), D(4)),
        Metric("PUBLIC_CONTENT_FULL", Group.TRANSPARENCY, "1.3",
               _("Procedures made public with all their components"), D(2)),
        Metric("DOSSIER_SYNC", Group.TRANSPARENCY, "1.4",
               _("Dossiers synchronised with the national portal"), D(6)),
        # --- 2. Tiến độ, kết quả giải quyết (20)
        Metric("ON_TIME", Group.PROGRESS, "2.1",
               _("Dossiers resolved early or on time"), D(20),
               counts=(("totalOnTime",), "totalReceived")),
        Metric("AVG_PROCESSING_DAYS", Group.PROGRESS, "2.2",
               _("Average processing time"), D(0), monitor=True),
        # --- 3. Dịch vụ công trực tuyến (12)
        Metric("ONLINE_PROCEDURES", Group.ONLINE, "3.1",
               _("Procedures offered as online public services"), D(2), threshold=D("0.8"),
               counts=(("partialCount", "fullCount"), "authorityCount")),
        Metric("ONLINE_SERVICES_USED", Group.ONLINE, "3.2",
               _("Online public services that received dossiers"), D(4),
               counts=(("onlineDossierCount",), "onlineServiceTotal")),
        Metric("ONLINE_DOSSIERS", Group.ONLINE, "3.3",
               _("Dossiers submitted online"), D(6), threshold=D("0.5"),
               counts=(("channelOnlineSum",), "channelTotalSum")),
        # --- Thanh toán trực tuyến (10)
        Metric("PAYMENT_INTEGRATED", Group.PAYMENT, "3.5a",
               _("Fee-bearing procedures integrated with online payment"), D(2),
               threshold=D("0.8"),
               counts=(("totalFeeDossierFormality",), "totalFeeFormality")),
        Metric("PAYMENT_TRANSACTED", Group.PAYMENT, "3.5b",
               _("Fee-bearing procedures with online payments"), D(2), threshold=D("0.8"),
               counts=(("totalDossierOnlineFormalityPaymentSuccess",), "totalFeeFormality")),
        Metric("ONLINE_PAYMENT_DOSSIERS", Group.PAYMENT, "3.6",
               _("Dossiers paid online"), D(6),
               counts=(("totalDossierOnlinePaymentSuccess",), "totalDossierFinancialObligation")),
        # --- 4. Số hóa hồ sơ (22)
        Metric("ORIGINAL_RESULT_AVAILABLE", Group.DIGITISATION, "4.1",
               _("Dossiers with an electronic result"), D(6)),
        Metric("SO_HOA_GIAY_TO_GIAI_QUYET", Group.DIGITISATION, "4.2",
               _("Dossiers digitised"), D(4)),
        Metric("ELECTRONIC_CERTIFIED_COPY", Group.DIGITISATION, "4.x",
               _("Electronic certified copies from originals"), D(2)),
        Metric("REUSED_DIGITIZED_DATA", Group.DIGITISATION, "4.3",
               _("Dossiers reusing digitised data"), D(2), threshold=D("0.8")),
        Metric("SYNCED_WITH_DVCQG_PERSONAL_STORAGE", Group.DIGITISATION, "4.4",
               _("Digitised dossiers shared with the citizen's national store"), D(4)),
        Metric("CITIZEN_DATA_CONNECTED_DOSSIER", Group.DIGITISATION, "4.5b",
               _("Dossiers using population-database data"), D(2)),
        Metric("CITIZEN_DATA_CONNECTED_FORMALITY", Group.DIGITISATION, "4.5a",
               _("Procedures connected to the population database"), D(2)),
        # --- 5. Mức độ hài lòng (18)
        Metric("PETITION_CLASSIFICATION_TTHC", Group.SATISFACTION, "5.1a",
               _("Petitions about rules and procedures"), D(0), monitor=True),
        Metric("PETITION_CLASSIFICATION_STAFF", Group.SATISFACTION, "5.1b",
               _("Petitions about the conduct of officials"), D(0), monitor=True),
        Metric("PETITION_PROCESSING_ON_TIME", Group.SATISFACTION, "5.2",
               _("Petitions handled on time"), D(6), empty=Empty.FULL),
        Metric("PETITION_HANDLING_SATISFACTION", Group.SATISFACTION, "5.3",
               _("Satisfaction with the handling of petitions"), D(6), empty=Empty.FULL),
        Metric("DOSSIER_RECEIVING_SATISFACTION", Group.SATISFACTION, "5.4",
               _("Satisfaction with receiving and resolving dossiers"), D(6),
               threshold=D("0.9"), empty=Empty.ZERO),
    ),
)  # fmt: skip
