from django.urls import path

from motcua.portal import (
    views,
    views_catalog,
    views_feedback,
    views_helper,
    views_info,
    views_online,
    views_payment,
    views_privacy,
    views_results,
    views_signup,
    views_sso,
    views_supplement,
    views_tracking,
)

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("tim-kiem/", views.search, name="search"),
    path("tai-khoan/", views.account, name="account"),
    path("tai-khoan/ho-so/", views_signup.profile, name="profile"),
    path("tai-khoan/phan-anh/", views_feedback.my_feedback, name="my_feedback"),
    path("tai-khoan/ai-da-xem/", views_privacy.data_access, name="data_access"),
    path("phan-anh/", views_feedback.feedback_public, name="feedback_public"),
    path(
        "phan-anh/cong-khai/<str:code>/",
        views_feedback.feedback_public_detail,
        name="feedback_public_detail",
    ),
    path("phan-anh/gui/", views_feedback.feedback_new, name="feedback_new"),
    path("phan-anh/xac-minh/", views_feedback.feedback_verify, name="feedback_verify"),
    path("phan-anh/theo-doi/<str:token>/", views_feedback.feedback_track, name="feedback_track"),
    path("dang-ky/", views_signup.sign_up, name="sign_up"),
    path("dang-nhap/dinh-danh/", views_sso.sso_start, name="sso_start"),
    path("dang-nhap/dinh-danh/ve/", views_sso.sso_callback, name="sso_callback"),
    path("dang-nhap/dinh-danh/lien-ket/", views_sso.sso_link, name="sso_link"),
    path("dang-nhap/dinh-danh/ung-dung/", views_sso.sso_app_start, name="sso_app_start"),
    path("dang-nhap/dinh-danh/ung-dung/xong/", views_sso.sso_app_done, name="sso_app_done"),
    path("dang-ky/xac-minh/", views_signup.sign_up_verify, name="sign_up_verify"),
    path("thu-tuc/", views_catalog.catalogue, name="catalogue"),
    path("thu-tuc/<str:code>/", views_catalog.procedure_detail, name="procedure"),
    path(
        "thu-tuc/<str:code>/mau/<int:form_id>/", views_catalog.procedure_form, name="procedure_form"
    ),
    path("thu-tuc/<str:code>/tom-tat.mp3", views_catalog.procedure_audio, name="procedure_audio"),
    path("thong-tin/", views_info.information, name="information"),
    path("thong-tin/<slug:slug>/", views_info.article, name="article"),
    path("lien-he/", views_info.contact, name="contact"),
    path("tra-cuu/", views_tracking.track, name="track"),
    path("ho-so/<int:dossier_id>/bo-sung/", views_supplement.supplement, name="supplement"),
    path("nop-truc-tuyen/<str:code>/", views_online.start, name="submit_online"),
    path("ho-tro/", views_helper.helper_home, name="helper_home"),
    path("ho-tro/xac-nhan/", views_helper.helper_confirm, name="helper_confirm"),
    path("ho-tro/nop/", views_helper.helper_go, name="helper_go"),
    path(
        "ho-tro/<int:citizen_id>/nop/<str:code>/",
        views_helper.helper_start,
        name="helper_start",
    ),
    path("ho-so-nhap/<int:draft_id>/", views_online.draft_page, name="draft"),
    path("ho-so-nhap/<int:draft_id>/giay-to/", views_online.draft_files, name="draft_files"),
    path("ho-so-nhap/<int:draft_id>/xem-lai/", views_online.draft_review, name="draft_review"),
    path("ho-so-nhap/<int:draft_id>/nop/", views_online.draft_send, name="draft_send"),
    path("ho-so-nhap/<int:draft_id>/da-nop/", views_online.draft_done, name="draft_done"),
    path("tra-cuu/danh-gia/", views_tracking.rate, name="rate"),
    path(
        "ho-so/<int:dossier_id>/thanh-toan/", views_payment.dossier_payment, name="dossier_payment"
    ),
    path("thanh-toan/<int:request_id>/", views_payment.payment_go, name="payment_go"),
    path(
        "ho-so/<int:dossier_id>/thanh-toan/<int:request_id>/bien-lai.pdf",
        views_payment.payment_receipt,
        name="payment_receipt",
    ),
    path(
        "thanh-toan/ket-qua/<str:reference>/", views_payment.payment_return, name="payment_return"
    ),
    path("thanh-toan/paygov/xac-nhan/", views_payment.paygov_callback, name="paygov_callback"),
    path("xac-minh/<str:code>/", views_results.result_verify, name="result_verify"),
    path("tai-khoan/giay-to/", views_results.my_documents, name="my_documents"),
    path("tai-khoan/giay-to/<int:entry_id>/", views_results.my_document, name="my_document"),
    path(
        "ho-so/<int:dossier_id>/ket-qua-dien-tu.pdf",
        views_results.result_download,
        name="result_download",
    ),
]
