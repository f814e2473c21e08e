"""The catalogue for the app: search without accents, filters, pages, one procedure in full;
unknown codes and bad parameters are structured 4xx errors."""

from __future__ import annotations

from typing import Any

from django.test import Client

API = "/api/v1/procedures"
MARRIAGE = "1.004873"  # Cấp Giấy xác nhận tình trạng hôn nhân


def test_search_pages_and_detail(client: Client, seed_catalogue: Any) -> None:
    found = client.get(API, {"q": "xac nhan tinh trang hon nhan"}).json()
    assert found["results"][0]["code"] == MARRIAGE and found["count"] >= 1
    everything = client.get(API, {"page_size": 5}).json()
    assert len(everything["results"]) == 5 and everything["pages"] >= 2
    last = client.get(API, {"page_size": 5, "page": 10_000}).json()
    assert last["page"] == everything["pages"]  # past the end: the last page
    detail = client.get(f"{API}/{MARRIAGE}").json()
    assert detail["code"] == MARRIAGE and detail["name"].startswith("Cấp Giấy xác nhận")
    assert detail["documents"] and detail["channels"]
    assert {"channel", "time_limit", "time_unit", "fees"} <= set(detail["channels"][0])


def test_unknown_codes_and_bad_parameters_are_structured(
    client: Client, seed_catalogue: Any
) -> None:
    missing = client.get(f"{API}/9.999999", HTTP_ACCEPT_LANGUAGE="vi")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    for params in ({"page": 0}, {"page_size": 1000}, {"service_level": "x"}, {"page": "a"}):
        response = client.get(API, params, HTTP_ACCEPT_LANGUAGE="vi")
        assert response.status_code == 400, params
        assert response.json()["error"]["code"] == "invalid_request"
