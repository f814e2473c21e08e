"""The Cổng DVCQG simulator (simulators/dvcqg/server.py) against the contract
(docs/dvcqg-sync.md): run as its own process on a free port and spoken to over HTTP, the way the
application's client will speak to it."""

from __future__ import annotations

import base64
import json
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from motcua.core.testing import free_port, local_server

SIMULATOR = Path(__file__).resolve().parents[4] / "simulators" / "dvcqg" / "server.py"
USER, PASSWORD = "motcua", "secret"
CREATE, UPDATE, STEPS = "/api/hoso/themmoi", "/api/hoso/capnhat", "/api/hoso/tientrinh"
CODE = "H51.01-260302-0001"
OK = {"error_code": "0", "message": "Thành công"}


# --- the simulator as a process --------------------------------------------------------------
def basic(user: str = USER, password: str = PASSWORD) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@dataclass
class Portal:
    url: str

    def call(
        self,
        path: str,
        body: Any = None,
        *,
        raw: bytes | None = None,
        auth: str | None = None,
        timeout: float = 5,
    ) -> tuple[int, Any]:
        """(HTTP status, the answer parsed as JSON, or its text when it is not JSON). A POST
        when there is a body; credentials are motcua/secret unless `auth` says otherwise."""
        data = raw if raw is not None else None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(  # noqa: S310 - a local test server
            self.url + path, data=data, method="POST" if data is not None else "GET"
        )
        request.add_header("Content-Type", "application/json; charset=utf-8")
        request.add_header("Authorization", auth if auth is not None else basic())
        if auth == "":
            request.remove_header("Authorization")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - local
                status, text = response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode("utf-8")
        try:
            return status, json.loads(text)
        except ValueError:
            return status, text

    def post(self, path: str, body: Any) -> dict[str, Any]:
        status, answer = self.call(path, body)
        assert status == 200, answer
        assert isinstance(answer, dict)
        return answer

    def get(self, path: str) -> Any:
        status, answer = self.call(path)
        assert status == 200, answer
        return answer

    def control(self, mode: str, count: int | None = None) -> dict[str, Any]:
        order: dict[str, Any] = {"mode": mode}
        if count is not None:
            order["count"] = count
        status, answer = self.call("/_control", order, auth="")
        assert status == 200, answer
        assert isinstance(answer, dict)
        return answer

    def stored(self) -> dict[str, Any]:
        return {item["MaHoSo"]: item for item in self.get("/api/hoso")["items"]}

    def counters(self) -> dict[str, Any]:
        answer = self.get("/api/thongke")
        assert isinstance(answer, dict)
        return answer


@contextmanager
def portal_running(*extra: str, users: bool = True) -> Iterator[Portal]:
    """The simulator on a free port, knowing motcua/secret (and other/pw) unless not `users`,
    its 'timeout' mode sleeping 2 s."""
    port = free_port()
    command = [sys.executable, str(SIMULATOR), "--port", str(port), "--timeout-sleep", "2"]
    if users:
        command += ["--users", f"{USER}={PASSWORD},other=pw"]
    command += extra
    url = f"http://127.0.0.1:{port}"
    with local_server(command, f"{url}/_control"):
        yield Portal(url)


@pytest.fixture(scope="module")
def running() -> Iterator[Portal]:
    with portal_running() as portal:
        yield portal


@pytest.fixture
def portal(running: Portal) -> Portal:
    """The module's simulator, forgetting everything before each test."""
    status, _ = running.call("/_reset", {}, auth="")
    assert status == 200
    return running


# --- payloads --------------------------------------------------------------------------------
DATES_BY_STATUS = {
    "NgayTiepNhan": {2, 4, 6, 8, 9, 10},
    "NgayHenTra": {2, 4, 6, 9, 10},
    "NgayTra": {10},
    "NgayKetThucXuLy": {9, 10},
    "NgayTuChoi": {3},
}
DATES = {
    "NgayTiepNhan": "20260302090000",
    "NgayHenTra": "20260309170000",
    "NgayTra": "20260306100000",
    "NgayKetThucXuLy": "20260305160000",
    "NgayTuChoi": "20260302100000",
}


def dossier(code: str = CODE, status: int = 4, **overrides: Any) -> dict[str, Any]:
    """A dossier carrying every field the contract makes mandatory, for `status`, with one
    component handed in and one fee line."""
    values: dict[str, Any] = {
        "MaHoSo": code,
        "MaTTHC": "1.004873",
        "TenTTHC": "Cấp Giấy xác nhận tình trạng hôn nhân",
        "MaLinhVuc": "HT",
        "TenLinhVuc": "Hộ tịch",
        "KenhThucHien": 1,
        "ChuHoSo": "Điểu Thị Lan",
        "LoaiDoiTuong": 1,
        "TrichYeuHoSo": "Xác nhận tình trạng hôn nhân để đăng ký kết hôn",
        "NgayNopHoSo": "20260302085500",
        "TrangThaiHoSo": status,
        "DonViXuLy": "UBND xã Tân Tiến",
        "NoiNopHoSo": "UBND xã Tân Tiến",
        "HoSoCoThanhPhanSoHoa": 1,
        "TaiKhoanDuocXacThucVoiVNeID": 0,
        "DuocThanhToanTrucTuyen": 3,
        "TaiLieuNop": [
            {
                "TepDinhKemId": "TP-1",
                "TenTepDinhKem": "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
                "DuocSoHoa": 1,
                "DuocTaiSuDung": 0,
                "DuocLayTuKhoDMQG": 0,
            }
        ],
        "DanhSachLePhi": [{"TenPhiLePhi": "Lệ phí hộ tịch", "Gia": 20000, "LoaiPhiLePhi": 2}],
        "DanhSachHoSoBoSung": [],
        "DanhSachGiayToKetQua": [],
    }
    for name, statuses in DATES_BY_STATUS.items():
        if status in statuses:
            values[name] = DATES[name]
    values.update(overrides)
    return values


def step(code: str = CODE, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "MaHoSo": code,
        "NguoiXuLy": "Nguyễn Văn Một",
        "ThoiDiemXuLy": "20260302090000",
        "NoiDungXuLy": "Tiếp nhận hồ sơ",
        "TrangThai": 2,
    }
    values.update(overrides)
    return values


def without(values: dict[str, Any], name: str) -> dict[str, Any]:
    return {key: value for key, value in values.items() if key != name}


def refused(answer: dict[str, Any], *words: str) -> None:
    assert answer["error_code"] == "2", answer
    for word in words:
        assert word in answer["message"], answer


# --- create, update ----------------------------------------------------------------------------
def test_a_valid_create_is_accepted_and_readable_back(portal: Portal) -> None:
    assert portal.post(CREATE, [dossier()]) == OK

    one = portal.get(f"/api/hoso/{CODE}")
    assert one["HoSo"] == dossier()
    assert one["version_count"] == 1
    assert [v["endpoint"] for v in one["versions"]] == ["themmoi"]
    assert one["versions"][0]["received_at"]
    assert one["QuaTrinhXuLy"] == []
    assert portal.get("/api/hoso")["count"] == 1
    assert portal.counters()["dossiers_created"] == 1


@pytest.mark.parametrize("status", range(1, 11))
def test_the_helper_fills_what_every_status_requires(portal: Portal, status: int) -> None:
    assert portal.post(CREATE, [dossier(f"S{status}", status)]) == OK


def test_the_same_create_again_answers_3_and_changes_nothing(portal: Portal) -> None:
    portal.post(CREATE, [dossier()])

    again = portal.post(CREATE, [dossier(TrichYeuHoSo="Khác"), dossier("NEW-1")])

    assert again["error_code"] == "3"
    assert again["message"] == f"Hồ sơ đã tồn tại: {CODE}"
    stored = portal.stored()
    assert stored[CODE]["HoSo"]["TrichYeuHoSo"] == dossier()["TrichYeuHoSo"]
    assert stored[CODE]["version_count"] == 1
    assert "NEW-1" in stored  # the new one of the list was stored


def test_an_update_adds_a_version(portal: Portal) -> None:
    portal.post(CREATE, [dossier(status=2)])

    assert portal.post(UPDATE, [dossier(status=10)]) == OK

    one = portal.get(f"/api/hoso/{CODE}")
    assert one["HoSo"]["TrangThaiHoSo"] == 10
    assert [v["HoSo"]["TrangThaiHoSo"] for v in one["versions"]] == [2, 10]
    assert [v["endpoint"] for v in one["versions"]] == ["themmoi", "capnhat"]
    assert one["versions"][0]["received_at"] <= one["versions"][1]["received_at"]
    counters = portal.counters()
    assert counters["updates_applied"] == 1
    assert counters["versions"] == {CODE: 2}


def test_an_update_of_an_unknown_dossier_answers_4_and_stores_nothing(portal: Portal) -> None:
    portal.post(CREATE, [dossier()])

    answer = portal.post(UPDATE, [dossier(status=10), dossier("NEVER-SENT")])

    assert answer["error_code"] == "4"
    assert "NEVER-SENT" in answer["message"]
    assert portal.get(f"/api/hoso/{CODE}")["version_count"] == 1


# --- refusals ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (without(dossier(), "TrichYeuHoSo"), "TrichYeuHoSo"),
        (dossier(TrichYeuHoSo="   "), "TrichYeuHoSo"),
        (dossier(ChuHoSo=None), "ChuHoSo"),
        (without(dossier(status=4), "NgayHenTra"), "NgayHenTra"),
        (without(dossier(status=10), "NgayTra"), "NgayTra"),
        (without(dossier(status=3), "NgayTuChoi"), "NgayTuChoi"),
        (without(dossier(status=9), "NgayKetThucXuLy"), "NgayKetThucXuLy"),
        (without(dossier(), "DanhSachGiayToKetQua"), "DanhSachGiayToKetQua"),
        (dossier(TaiLieuNop=[{"TepDinhKemId": "1", "TenTepDinhKem": "x"}]), "DuocSoHoa"),
        (dossier(DanhSachLePhi=[{"TenPhiLePhi": "Lệ phí", "LoaiPhiLePhi": 2}]), "Gia"),
    ],
)
def test_a_missing_mandatory_field_is_refused_naming_it(
    portal: Portal, payload: dict[str, Any], field: str
) -> None:
    answer = portal.post(CREATE, [payload])

    refused(answer, CODE, field, "thiếu")
    assert answer["message"].startswith(f"{CODE}: ")
    assert portal.get("/api/hoso")["count"] == 0


def test_a_refused_list_stores_nothing_of_it(portal: Portal) -> None:
    answer = portal.post(CREATE, [dossier("GOOD-1"), without(dossier("BAD-2"), "MaTTHC")])

    refused(answer, "BAD-2", "MaTTHC")
    assert portal.get("/api/hoso")["count"] == 0
    assert portal.counters()["dossiers_created"] == 0


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (dossier(MaHoSoCu="X"), "MaHoSoCu"),
        (dossier(TaiLieuNop=[{**dossier()["TaiLieuNop"][0], "KichThuoc": 1}]), "KichThuoc"),
    ],
)
def test_an_unknown_field_is_refused(portal: Portal, payload: dict[str, Any], field: str) -> None:
    refused(portal.post(CREATE, [payload]), field)
    assert portal.get("/api/hoso")["count"] == 0


@pytest.mark.parametrize(
    "value", ["2026-03-02 09:00:00", "20260230090000", "20260302250000", "202603020900", 2026]
)
def test_a_bad_date_is_refused(portal: Portal, value: Any) -> None:
    refused(portal.post(CREATE, [dossier(NgayNopHoSo=value)]), CODE, "NgayNopHoSo")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"TrangThaiHoSo": 11}, "TrangThaiHoSo"),
        ({"TrangThaiHoSo": "4"}, "TrangThaiHoSo"),
        ({"KenhThucHien": 4}, "KenhThucHien"),
        ({"LoaiDoiTuong": 5}, "LoaiDoiTuong"),
        ({"HoSoCoThanhPhanSoHoa": True}, "HoSoCoThanhPhanSoHoa"),
        ({"TaiKhoanDuocXacThucVoiVNeID": 2}, "TaiKhoanDuocXacThucVoiVNeID"),
        ({"DuocThanhToanTrucTuyen": 0}, "DuocThanhToanTrucTuyen"),
        ({"TrichYeuHoSo": "x" * 1001}, "TrichYeuHoSo"),
        ({"ChuHoSo": 42}, "ChuHoSo"),
        ({"TaiLieuNop": {}}, "TaiLieuNop"),
        ({"DinhDanhCHS": [{"LoaiDinhDanh": 1, "SoDinhDanh": "12345"}]}, "SoDinhDanh"),
        ({"MaDoiTuong": "TECH-1", "KenhThucHien": 1}, "MaDoiTuong"),
    ],
)
def test_a_bad_value_is_refused(portal: Portal, overrides: dict[str, Any], field: str) -> None:
    refused(portal.post(CREATE, [dossier(**overrides)]), CODE, field)


@pytest.mark.parametrize(
    ("name", "value", "field"),
    [
        ("TaiLieuNop", {"DuocTaiSuDung": 3}, "DuocTaiSuDung"),
        ("TaiLieuNop", {"DuocLayTuKhoDMQG": 2}, "DuocLayTuKhoDMQG"),
        ("TaiLieuNop", {"IsDeleted": 0}, "IsDeleted"),
        ("DanhSachLePhi", {"Gia": -1}, "Gia"),
    ],
)
def test_a_bad_value_in_a_nested_list_is_refused(
    portal: Portal, name: str, value: dict[str, Any], field: str
) -> None:
    item = {**dossier()[name][0], **value}
    refused(portal.post(CREATE, [dossier(**{name: [item]})]), CODE, f"{name}[0].{field}")


def test_nested_supplements_and_results_are_checked_and_kept(portal: Portal) -> None:
    supplement = {
        "HoSoBoSungId": "BS-1",
        "NoiDungBoSung": "Bổ sung bản sao giấy tờ",
        "NgayBoSung": "20260303090000",
        "TrangThaiBoSung": 1,
        "NgayTiepNhanBoSung": "20260304090000",
        "NgayHenTraTruoc": "20260309170000",
        "NgayHenTraMoi": "20260311170000",
        "DanhSachLePhiBoSung": [],
    }
    result = {"TenGiayTo": "Giấy xác nhận", "GiayToId": "KQ-1", "MaGiayToKetQua": "KQ.1"}
    full = dossier(
        status=10,
        DanhSachHoSoBoSung=[supplement],
        DanhSachGiayToKetQua=[result],
        DinhDanhCHS=[{"LoaiDinhDanh": 1, "SoDinhDanh": "070190001234"}],
        DSKetNoiCSDL=[{"MaCSDL": "7"}],
        DanhSachTepDinhKemKhac=[{"TenGiayTo": "Ảnh", "SoLuong": 1}],
        HinhThuc=1,
        SoGiayToChuHoSo="070190001234",
        NgayTra=None,  # an optional field sent as null counts as absent...
    )
    refused(portal.post(CREATE, [full]), "NgayTra")  # ...and status 10 needs NgayTra
    full["NgayTra"] = DATES["NgayTra"]
    assert portal.post(CREATE, [full]) == OK
    assert portal.get(f"/api/hoso/{CODE}")["HoSo"]["DanhSachHoSoBoSung"] == [supplement]

    bad = {**supplement, "NgayBoSung": "20260230090000"}
    answer = portal.post(UPDATE, [{**full, "DanhSachHoSoBoSung": [bad]}])
    refused(answer, "DanhSachHoSoBoSung[0].NgayBoSung")
    answer = portal.post(UPDATE, [{**full, "DanhSachGiayToKetQua": [without(result, "GiayToId")]}])
    refused(answer, "DanhSachGiayToKetQua[0].GiayToId")


@pytest.mark.parametrize(
    "raw", [b'{"MaHoSo": "X"}', b"not json", b"[1, 2]", b"\xff\xfe", b'"a string"']
)
@pytest.mark.parametrize("path", [CREATE, UPDATE, STEPS])
def test_a_body_that_is_not_a_list_of_objects_is_refused(
    portal: Portal, raw: bytes, path: str
) -> None:
    status, answer = portal.call(path, raw=raw)
    assert status == 200
    assert answer["error_code"] == "2"


def test_a_code_twice_in_one_list_is_refused(portal: Portal) -> None:
    refused(portal.post(CREATE, [dossier(), dossier()]), CODE)
    assert portal.get("/api/hoso")["count"] == 0


# --- process steps -----------------------------------------------------------------------------
def test_eleven_steps_are_refused_ten_accepted(portal: Portal) -> None:
    portal.post(CREATE, [dossier()])
    steps = [step(NoiDungXuLy=f"Bước {n}") for n in range(11)]

    refused(portal.post(STEPS, steps), "10")
    assert portal.get(f"/api/hoso/{CODE}")["QuaTrinhXuLy"] == []

    assert portal.post(STEPS, steps[:10]) == OK
    assert portal.get(f"/api/hoso/{CODE}")["QuaTrinhXuLy"] == steps[:10]


def test_a_step_sent_twice_is_stored_once(portal: Portal) -> None:
    portal.post(CREATE, [dossier()])
    first, second = step(), step(ThoiDiemXuLy="20260303090000", TrangThai=4)

    assert portal.post(STEPS, [first, first]) == OK
    assert portal.post(STEPS, [first, second]) == OK
    # a different officer's role does not make it another step: the key is five fields
    assert portal.post(STEPS, [{**first, "ChucDanh": "Công chức một cửa"}]) == OK

    assert portal.get(f"/api/hoso/{CODE}")["QuaTrinhXuLy"] == [first, second]
    counters = portal.counters()
    assert counters["steps_stored"] == 2
    assert counters["duplicate_steps_ignored"] == 3


def test_a_step_of_an_unknown_dossier_answers_4_and_stores_nothing(portal: Portal) -> None:
    portal.post(CREATE, [dossier()])

    answer = portal.post(STEPS, [step(), step("NEVER-SENT")])

    assert answer["error_code"] == "4"
    assert "NEVER-SENT" in answer["message"]
    assert portal.get(f"/api/hoso/{CODE}")["QuaTrinhXuLy"] == []


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (step(NguoiXuLy="x" * 51), "NguoiXuLy"),
        (without(step(), "NoiDungXuLy"), "NoiDungXuLy"),
        (step(TrangThai=0), "TrangThai"),
        (step(ThoiDiemXuLy="20260302"), "ThoiDiemXuLy"),
        (step(NgayKetThucTheoQuyDinh="x"), "NgayKetThucTheoQuyDinh"),
        (step(GhiChu="x"), "GhiChu"),
    ],
)
def test_a_bad_step_is_refused(portal: Portal, payload: dict[str, Any], field: str) -> None:
    portal.post(CREATE, [dossier()])
    refused(portal.post(STEPS, [payload]), CODE, field)


def test_reading_back_all_dossiers_with_their_steps(portal: Portal) -> None:
    portal.post(CREATE, [dossier("A-1"), dossier("A-2", 2)])
    portal.post(UPDATE, [dossier("A-1", 9)])
    portal.post(STEPS, [step("A-2")])

    everything = portal.get("/api/hoso")

    assert everything["count"] == 2
    assert [i["MaHoSo"] for i in everything["items"]] == ["A-1", "A-2"]
    a1, a2 = everything["items"]
    assert a1["HoSo"]["TrangThaiHoSo"] == 9
    assert a1["version_count"] == 2
    assert "versions" not in a1
    assert a2["QuaTrinhXuLy"] == [step("A-2")]
    status, answer = portal.call("/api/hoso/UNKNOWN")
    assert status == 404
    assert answer["error_code"] == "4"


def test_the_counters(portal: Portal) -> None:
    portal.post(CREATE, [dossier()])
    portal.post(CREATE, [dossier()])
    portal.post(UPDATE, [dossier()])
    portal.post(STEPS, [step(), step()])
    portal.post(STEPS, [without(step(), "MaHoSo")])

    counters = portal.counters()

    assert counters["requests"] == {"themmoi": 2, "capnhat": 1, "tientrinh": 2}
    assert counters["answers"] == {"0": 3, "3": 1, "2": 1}
    assert counters["dossiers_created"] == 1
    assert counters["updates_applied"] == 1
    assert counters["steps_stored"] == 1
    assert counters["duplicate_steps_ignored"] == 1
    assert counters["versions"] == {CODE: 2}
    assert counters["control"] == {"mode": "ok", "count": None, "seconds": None}


# --- credentials -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "auth", ["", basic(password="wrong"), basic(user="nobody"), "Basic ???", "Bearer x"]
)
def test_wrong_or_missing_credentials_get_401(portal: Portal, auth: str) -> None:
    for path, body in [(CREATE, [dossier()]), ("/api/hoso", None), ("/api/thongke", None)]:
        status, answer = portal.call(path, body, auth=auth)
        assert status == 401
        assert answer["error_code"] == "1"
    assert portal.get("/api/hoso")["count"] == 0
    # another account of the list is accepted
    assert portal.call(CREATE, [dossier()], auth=basic("other", "pw")) == (200, OK)


def test_without_users_nobody_is_asked_for_credentials() -> None:
    with portal_running(users=False) as portal:
        assert portal.call(CREATE, [dossier()], auth="") == (200, OK)
        assert portal.call("/api/hoso", auth="")[0] == 200


# --- fault injection ---------------------------------------------------------------------------
def test_the_control_endpoint_says_and_changes_the_mode(portal: Portal) -> None:
    assert portal.get("/_control") == {"mode": "ok", "count": None, "seconds": None}
    assert portal.control("http500", 2) == {"mode": "http500", "count": 2, "seconds": None}
    assert portal.get("/_control") == {"mode": "http500", "count": 2, "seconds": None}
    for order in [{"mode": "nonsense"}, {"mode": "down", "count": 0}, {"count": 1}, ["ok"],
                  {"mode": "down", "seconds": 0}, {"mode": "down", "seconds": "1"}]:  # fmt: skip
        status, _ = portal.call("/_control", order, auth="")
        assert status == 400
    assert portal.control("ok") == {"mode": "ok", "count": None, "seconds": None}


def test_down_for_a_period_then_back(portal: Portal) -> None:
    status, answer = portal.call("/_control", {"mode": "down", "seconds": 1.5}, auth="")
    assert status == 200 and answer["mode"] == "down" and 0 < answer["seconds"] <= 1.5
    with pytest.raises(OSError):  # the connection closed without an answer
        portal.call(CREATE, [dossier()])
    time.sleep(1.6)
    assert portal.post(CREATE, [dossier()]) == OK  # the period is over
    assert portal.get("/_control")["mode"] == "ok"


def test_http500_answers_html_and_stores_nothing(portal: Portal) -> None:
    portal.control("http500", 1)

    status, answer = portal.call(CREATE, [dossier()])

    assert status == 500
    assert isinstance(answer, str)
    assert "<html>" in answer
    assert portal.get("/api/hoso")["count"] == 0
    assert portal.post(CREATE, [dossier()]) == OK  # the count is spent: back to normal


def test_malformed_answers_200_with_a_body_that_is_not_json(portal: Portal) -> None:
    portal.control("malformed", 1)

    status, answer = portal.call(CREATE, [dossier()])

    assert status == 200
    assert isinstance(answer, str)  # not JSON
    assert portal.get("/api/hoso")["count"] == 0
    assert portal.post(CREATE, [dossier()]) == OK


def test_unknown_code_answers_99_and_stores_nothing(portal: Portal) -> None:
    portal.control("unknown_code", 1)

    assert portal.post(CREATE, [dossier()]) == {
        "error_code": "99",
        "message": "Lỗi không xác định",
    }
    assert portal.get("/api/hoso")["count"] == 0


def test_down_closes_the_connection_without_an_answer(portal: Portal) -> None:
    portal.control("down", 1)

    with pytest.raises(OSError):  # http.client.RemoteDisconnected, ConnectionResetError
        portal.call(CREATE, [dossier()])

    assert portal.get("/api/hoso")["count"] == 0
    assert portal.post(CREATE, [dossier()]) == OK


def test_exists_answers_3_to_every_create_storing_the_new_ones(portal: Portal) -> None:
    portal.post(CREATE, [dossier("OLD-1")])
    portal.control("exists", 1)

    answer = portal.post(CREATE, [dossier("OLD-1", 9), dossier("NEW-1")])

    assert answer["error_code"] == "3"
    assert "đã tồn tại" in answer["message"]
    assert "NEW-1" in answer["message"]
    stored = portal.stored()
    assert stored["OLD-1"]["HoSo"]["TrangThaiHoSo"] == 4  # unchanged
    assert stored["NEW-1"]["version_count"] == 1
    # the sender then posts the same list to update (REGULATION §4.1)
    assert portal.post(UPDATE, [dossier("OLD-1", 9), dossier("NEW-1")]) == OK


def test_a_mode_without_count_lasts_until_told_otherwise(portal: Portal) -> None:
    portal.control("unknown_code")
    for path in [CREATE, UPDATE, STEPS, CREATE]:
        assert portal.post(path, [])["error_code"] == "99"
    assert portal.get("/_control") == {"mode": "unknown_code", "count": None, "seconds": None}
    portal.control("ok")
    assert portal.post(CREATE, [dossier()]) == OK


def test_the_count_is_spent_by_any_of_the_three_endpoints(portal: Portal) -> None:
    portal.control("http500", 3)
    assert portal.call(CREATE, [dossier()])[0] == 500
    assert portal.call(UPDATE, [dossier()])[0] == 500
    assert portal.get("/_control") == {"mode": "http500", "count": 1, "seconds": None}
    portal.get("/api/hoso")  # reading back spends nothing
    assert portal.call(STEPS, [step()])[0] == 500
    assert portal.get("/_control") == {"mode": "ok", "count": None, "seconds": None}
    assert portal.counters()["requests"] == {"themmoi": 1, "capnhat": 1, "tientrinh": 1}


def test_timeout_sleeps_and_stores_nothing_so_the_client_may_retry(portal: Portal) -> None:
    portal.control("timeout", 1)

    started = time.monotonic()
    with pytest.raises(TimeoutError):
        portal.call(CREATE, [dossier()], timeout=0.5)
    assert time.monotonic() - started < 1.5

    assert portal.post(CREATE, [dossier()]) == OK  # the retry, while the first one sleeps
    for _ in range(100):  # the sleeping request wakes up after 2 s...
        if portal.counters()["answers"].get("timeout"):
            break
        time.sleep(0.05)
    assert portal.counters()["answers"]["timeout"] == 1
    one = portal.get(f"/api/hoso/{CODE}")  # ...and still stores nothing
    assert one["version_count"] == 1


def test_reset_forgets_everything(portal: Portal) -> None:
    portal.post(CREATE, [dossier()])
    portal.post(STEPS, [step()])
    portal.control("http500")

    status, answer = portal.call("/_reset", {}, auth="")

    assert status == 200
    assert answer["mode"] == "ok"
    assert portal.get("/api/hoso")["count"] == 0
    counters = portal.counters()
    assert counters["dossiers_created"] == 0
    assert counters["requests"] == {"themmoi": 0, "capnhat": 0, "tientrinh": 0}


# --- a restart ---------------------------------------------------------------------------------
def test_the_state_file_survives_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "dvcqg.json"
    with portal_running("--state-file", str(state)) as portal:
        portal.post(CREATE, [dossier()])
        portal.post(UPDATE, [dossier(status=10)])
        portal.post(STEPS, [step(), step()])
        before = portal.get(f"/api/hoso/{CODE}")
        counters = portal.counters()
    assert json.loads(state.read_text(encoding="utf-8"))["dossiers"][CODE]
    assert [p.name for p in tmp_path.iterdir()] == ["dvcqg.json"]  # no temporary file left

    with portal_running("--state-file", str(state)) as portal:
        assert portal.get(f"/api/hoso/{CODE}") == before
        assert portal.counters() == counters
        assert portal.post(CREATE, [dossier()])["error_code"] == "3"
