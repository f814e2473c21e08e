"""Security headers Django 5.2 does not set itself: the Content-Security-Policy.

The policy (`MOTCUA_CSP`) has no 'unsafe-inline' and no 'unsafe-eval': no page may carry an
inline script, an event-handler attribute, a `javascript:` URL or a `style="…"` attribute.
A cross-site scripting hole then cannot run script even when markup slips through escaping.
"""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

HEADER = "Content-Security-Policy"


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def csp_policy(*, path: str) -> str:
    """The policy for a page at `path`.

    `form-action` also covers the redirect that follows a form's POST (browsers enforce it):
    "Pay online" POSTs to us and we redirect to the payment platform's page, so its origin
    (from `MOTCUA_PAYGOV_URL`, read per request so a changed setting applies) is added there.
    `MOTCUA_CSP_BY_PATH` may give another policy under a path prefix.
    """
    policy = str(settings.MOTCUA_CSP)
    for prefix, other in getattr(settings, "MOTCUA_CSP_BY_PATH", {}).items():
        if path.startswith(prefix):
            policy = str(other)
            break
    payment = _origin(str(getattr(settings, "MOTCUA_PAYGOV_URL", "")))
    if payment is None:
        return policy
    directives = [part.strip() for part in policy.split(";") if part.strip()]
    for index, directive in enumerate(directives):
        name, _, sources = directive.partition(" ")
        if name == "form-action" and payment not in sources.split():
            directives[index] = f"{directive} {payment}"
    return "; ".join(directives)


class SecurityHeadersMiddleware:
    """Add the Content-Security-Policy to HTML pages.

    Only HTML carries the header: JSON, PDF and audio are not documents that run script, and a
    policy with `object-src 'none'` on a PDF stops the browser's own PDF viewer. With DEBUG on,
    Django's technical error pages (inline styles and scripts) are left without it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if HEADER in response or not settings.MOTCUA_CSP:
            return response
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        if settings.DEBUG and response.status_code >= HTTPStatus.BAD_REQUEST:
            return response
        response[HEADER] = csp_policy(path=request.path)
        return response
