"""Writers of the public information pages (news, guides, FAQ)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.core.audit import audit_event_append
from motcua.information.models import Article, ArticleTranslation
from motcua.information.selectors import article_source_hash

EDITABLE = ("kind", "slug", "title", "summary", "body", "is_published", "published_on")


def article_save(
    *,
    article_id: int | None,
    fields: dict[str, Any],
    procedure_ids: list[int],
    actor_id: int | None,
) -> Article:
    """Create or update an article; publishing without a date publishes today."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        article = (
            Article()
            if article_id is None
            else Article.objects.select_for_update().get(pk=article_id)
        )
        for key, value in fields.items():
            setattr(article, key, value)
        if article.is_published and article.published_on is None:
            article.published_on = timezone.localdate()
        article.save()
        article.procedures.set(procedure_ids)
        audit_event_append(
            action="information.article_saved",
            actor_id=actor_id,
            object_type="article",
            object_id=str(article.pk),
            payload={"slug": article.slug, "published": article.is_published},
        )
    return article


def article_translation_save(
    *, article_id: int, language: str, texts: dict[str, str], actor_id: int
) -> ArticleTranslation:
    with transaction.atomic():
        article = Article.objects.get(pk=article_id)
        translation, _created = ArticleTranslation.objects.update_or_create(
            article=article,
            language=language,
            defaults={
                **{k: texts.get(k, "").strip() for k in ("title", "summary", "body")},
                "source_hash": article_source_hash(article),
            },
        )
        audit_event_append(
            action="information.translation_saved", actor_id=actor_id, object_type="article",
            object_id=str(article.pk), payload={"language": language},
        )  # fmt: skip
    return translation


DEMO_ARTICLES: list[dict[str, Any]] = [
    {
        "kind": "guide",
        "slug": "huong-dan-nop-ho-so-truc-tuyen",
        "title": "Hướng dẫn nộp hồ sơ trực tuyến từ điện thoại",
        "summary": "Các bước tìm thủ tục, chuẩn bị giấy tờ và nộp hồ sơ trên Cổng Dịch vụ công.",
        "body": (
            "Bước 1. Tìm thủ tục: gõ tên thủ tục vào ô tìm kiếm, có thể gõ không dấu, ví dụ "
            "“dang ky tam tru”.\n\n"
            "Bước 2. Đọc kỹ thành phần hồ sơ, thời hạn giải quyết và lệ phí trên trang thủ tục. "
            "Chụp ảnh rõ nét các giấy tờ cần nộp.\n\n"
            "Bước 3. Bấm “Nộp hồ sơ trực tuyến”, đăng nhập bằng tài khoản định danh điện tử, điền "
            "tờ khai và đính kèm ảnh giấy tờ.\n\n"
            "Bước 4. Ghi lại mã hồ sơ để tra cứu. Khi cần, Tổ công nghệ số cộng đồng ở thôn, ấp "
            "sẽ hỗ trợ miễn phí."
        ),
        "codes": ["1.004194", "1.001193"],
    },
    {
        "kind": "faq",
        "slug": "go-khong-dau-co-tim-duoc-thu-tuc",
        "title": "Gõ không dấu có tìm được thủ tục không?",
        "summary": "",
        "body": (
            "Được. Ô tìm kiếm hiểu cả chữ không dấu, chữ hoa, chữ thường và thứ tự từ khác nhau. "
            "Bạn cũng có thể gõ mã thủ tục, ví dụ 1.004194."
        ),
        "codes": [],
    },
    {
        "kind": "faq",
        "slug": "ho-so-tre-han-thi-sao",
        "title": "Hồ sơ bị trễ hẹn thì tôi được thông báo thế nào?",
        "summary": "",
        "body": (
            "Trước ngày hẹn trả, cơ quan giải quyết phải gửi Phiếu xin lỗi và hẹn lại ngày trả kết "
            "quả, nêu rõ lý do và ngày hẹn mới. Bạn có thể phản ánh qua đường dây nóng nếu không "
            "nhận được phiếu."
        ),
        "codes": [],
    },
    {
        "kind": "faq",
        "slug": "lam-thu-tuc-o-xa-phuong-khac",
        "title": "Tôi có thể nộp hồ sơ ở xã, phường khác nơi cư trú không?",
        "summary": "",
        "body": (
            "Từ ngày 01/7/2025, Trung tâm Phục vụ hành chính công tỉnh và cấp xã tiếp nhận hồ sơ "
            "không phụ thuộc địa giới hành chính trong tỉnh đối với các thủ tục được công bố. "
            "Hồ sơ sẽ được chuyển đến cơ quan có thẩm quyền giải quyết."
        ),
        "codes": [],
    },
    {
        "kind": "news",
        "slug": "cong-dich-vu-cong-tinh-mo-rong-ngon-ngu",
        "title": "Thông tin thủ tục được cung cấp thêm bằng tiếng dân tộc và bản đọc",
        "summary": "Người dân có thể nghe bản tóm tắt thủ tục và đọc bản dịch khi có.",
        "body": (
            "Mỗi trang thủ tục có bản đọc tóm tắt bằng tiếng Việt. Các bản dịch tiếng Anh, Khmer, "
            "S'tiêng và M'nông được cán bộ biên dịch và rà soát dần; phần chưa dịch hiển thị bằng "
            "tiếng Việt kèm ghi chú."
        ),
        "codes": [],
    },
]


def article_seed_demo(*, today: date | None = None) -> int:
    """Create the demo articles once (by slug); returns how many were created."""
    from motcua.catalog.selectors import procedure_get

    today = today or timezone.localdate()
    created = 0
    for item in DEMO_ARTICLES:
        if Article.objects.filter(slug=item["slug"]).exists():
            continue
        procedures = [p.pk for code in item["codes"] if (p := procedure_get(code=code)) is not None]
        fields = {k: v for k, v in item.items() if k != "codes"}
        article_save(
            article_id=None,
            fields={**fields, "is_published": True, "published_on": today},
            procedure_ids=procedures,
            actor_id=None,
        )
        created += 1
    return created
