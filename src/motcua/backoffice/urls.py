from django.urls import path

from motcua.backoffice import (
    views,
    views_catalog,
    views_digitisation,
    views_directives,
    views_directives_dashboard,
    views_dossiers,
    views_feedback,
    views_feedback_dashboard,
    views_information,
    views_payments,
    views_quality,
)

app_name = "backoffice"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("agencies/<int:pk>/manage/", views.agency_manage, name="agency_manage"),
    path("catalog/", views_catalog.catalog_home, name="catalog"),
    path("catalog/new/", views_catalog.procedure_create, name="catalog_create"),
    path("catalog/register/", views_catalog.register, name="catalog_register"),
    path("catalog/import/", views_catalog.catalog_import, name="catalog_import"),
    path("catalog/export.<str:kind>", views_catalog.catalog_export_file, name="catalog_export"),
    path("catalog/translations/", views_catalog.translations, name="catalog_translations"),
    path("catalog/audio/", views_catalog.audio, name="catalog_audio"),
    path(
        "catalog/versions/<int:version_id>/edit/",
        views_catalog.version_edit,
        name="catalog_version_edit",
    ),
    path(
        "catalog/versions/<int:version_id>/publish/",
        views_catalog.version_publish,
        name="catalog_publish",
    ),
    path(
        "catalog/versions/<int:version_id>/translate/<str:language>/",
        views_catalog.translation_edit,
        name="catalog_translate",
    ),
    path("catalog/<str:code>/", views_catalog.procedure_overview, name="catalog_procedure"),
    path(
        "catalog/<str:code>/new-version/", views_catalog.version_new_draft, name="catalog_new_draft"
    ),
    path("dossiers/", views_dossiers.dossier_queue, name="dossier_queue"),
    path("dossiers/go/", views_dossiers.dossier_go, name="dossier_go"),
    path("dossiers/bulk/", views_dossiers.dossier_bulk, name="dossier_bulk"),
    path("dossiers/receive/", views_dossiers.dossier_receive, name="dossier_receive"),
    path("dossiers/register/", views_dossiers.dossier_register, name="dossier_register"),
    path("digitisation/", views_digitisation.to_digitise, name="to_digitise"),
    path(
        "dossiers/<int:dossier_id>/documents/<int:document_id>/digitise/",
        views_digitisation.dossier_digitise,
        name="dossier_digitise",
    ),
    path(
        "dossiers/<int:dossier_id>/documents/<int:document_id>/file/",
        views_digitisation.dossier_document_file,
        name="dossier_document_file",
    ),
    path(
        "dossiers/<int:dossier_id>/store/<int:entry_id>/",
        views_digitisation.store_lookup,
        name="store_lookup",
    ),
    path("payments/reconciliation/", views_payments.reconciliation, name="payment_reconciliation"),
    path(
        "payments/obligations/",
        views_payments.obligations_import_page,
        name="obligations_import",
    ),
    path("dossiers/<int:dossier_id>/", views_dossiers.dossier_detail, name="dossier_detail"),
    path(
        "dossiers/<int:dossier_id>/act/<str:action>/",
        views_dossiers.dossier_act,
        name="dossier_act",
    ),
    path(
        "dossiers/<int:dossier_id>/pdf/<str:kind>/",
        views_dossiers.dossier_pdf,
        name="dossier_pdf",
    ),
    path(
        "dossiers/<int:dossier_id>/pdf/<str:kind>/<int:item>/",
        views_dossiers.dossier_pdf,
        name="dossier_pdf_item",
    ),
    path("quality/", views_quality.dashboard, name="quality"),
    path("quality/export.<str:kind>", views_quality.export, name="quality_export"),
    path("quality/targets/", views_quality.targets, name="quality_targets"),
    path("quality/payments/", views_quality.payment_rates, name="quality_payments"),
    path("quality/digitisation/", views_quality.digitisation, name="quality_digitisation"),
    path(
        "quality/targets/<int:target_id>/delete/",
        views_quality.target_remove,
        name="quality_target_delete",
    ),
    path("quality/figures/", views_quality.figures, name="quality_figures"),
    path("feedback/", views_feedback.feedback_inbox, name="feedback_inbox"),
    path("feedback/hotline/", views_feedback.feedback_hotline, name="feedback_hotline"),
    path(
        "feedback/dashboard/",
        views_feedback_dashboard.feedback_dashboard,
        name="feedback_dashboard",
    ),
    path(
        "feedback/dashboard.xlsx",
        views_feedback_dashboard.feedback_dashboard_export,
        name="feedback_dashboard_export",
    ),
    path("feedback/<int:feedback_id>/", views_feedback.feedback_detail, name="feedback_detail"),
    path(
        "feedback/<int:feedback_id>/files/<int:attachment_id>/",
        views_feedback.feedback_file,
        name="feedback_file",
    ),
    path(
        "feedback/<int:feedback_id>/<str:action>/",
        views_feedback.feedback_act,
        name="feedback_act",
    ),
    path("directives/", views_directives.directive_tasks, name="directive_tasks"),
    path("directives/new/", views_directives.directive_new, name="directive_new"),
    path(
        "directives/dashboard/",
        views_directives_dashboard.directive_dashboard,
        name="directive_dashboard",
    ),
    path(
        "directives/export.xlsx",
        views_directives_dashboard.directive_export,
        name="directive_export",
    ),
    path(
        "directives/<int:directive_id>/",
        views_directives.directive_detail,
        name="directive_detail",
    ),
    path(
        "directives/<int:directive_id>/file/",
        views_directives.directive_file,
        name="directive_file",
    ),
    path("directives/tasks/<int:task_id>/", views_directives.directive_task, name="directive_task"),
    path(
        "directives/tasks/<int:task_id>/cancel/",
        views_directives.directive_task_cancel,
        name="directive_task_cancel",
    ),
    path(
        "directives/occurrences/<int:occurrence_id>/report/",
        views_directives.directive_report,
        name="directive_report",
    ),
    path(
        "directives/reports/<int:report_id>/review/",
        views_directives.directive_review,
        name="directive_review",
    ),
    path(
        "directives/reports/<int:report_id>/file/",
        views_directives.directive_report_file,
        name="directive_report_file",
    ),
    path("information/", views_information.articles, name="articles"),
    path("information/new/", views_information.article_edit, name="article_create"),
    path("information/<int:article_id>/", views_information.article_edit, name="article_edit"),
]
