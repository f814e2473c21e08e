"""HTML to PDF with WeasyPrint, never touching the network: a document may embed `data:` URIs
(barcodes, QR codes as SVG) and nothing else; a template that points anywhere else fails loudly
instead of fetching it."""

from __future__ import annotations

import weasyprint  # type: ignore[import-untyped]


def pdf_from_html(html: str) -> bytes:
    fetcher = weasyprint.URLFetcher(allowed_protocols=["data"], fail_on_errors=True)
    pdf: bytes = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
    return pdf
