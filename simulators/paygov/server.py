"""A local stand-in for the national payment platform (PayGov), protocol 1.0.6.

Standard library only, its own process; see simulators/README.md. The checksum is written here
again on purpose, from REGULATION.md §4.2, so the application's implementation is checked
against an independent one.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import hmac
import html
import json
import secrets
import threading
import urllib.error
import urllib.request
from datetime import datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

INIT = [
    "LoaiBanTin",
    "PhienBan",
    "MaDoiTac",
    "MaThamChieu",
    "SoTien",
    "LoaiHinhThanhToan",
    "MaKenhThanhToan",
    "MaThietBi",
    "NgonNgu",
    "MaTienTe",
    "MaNganHang",
    "ThongTinGiaoDich",
    "ThoiGianGD",
    "Ip",
]
QUERY = ["LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "ThoiGianGD"]
CONFIRM = [
    "LoaiBanTin",
    "MaLoi",
    "MaDoiTac",
    "MaThamChieu",
    "SoTien",
    "MaTienTe",
    "MaGiaoDich",
    "MaNganHang",
    "ThoiGianGD",
    "ThongTinGiaoDich",
]
MODES = {
    "success": "Thanh toán thành công",
    "failure": "Ngân hàng từ chối",
    "timeout": "Thành công, không gửi xác nhận",
    "duplicate": "Thành công, gửi xác nhận 5 lần",
    "late": "Thành công, xác nhận đến muộn",
}


def sign(message: dict[str, Any], fields: list[str], secret: str) -> str:
    text = "|".join(str(message.get(name, "")) for name in fields) + "|" + secret
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Platform:
    def __init__(self, args: argparse.Namespace) -> None:
        self.partners = dict(p.split("=", 1) for p in args.partners.split(",") if "=" in p)
        self.callback_url: str = args.callback_url
        self.return_url: str = args.return_url
        self.mode: str = args.mode
        self.late_seconds: float = args.late_seconds
        self.public_url: str = args.public_url or f"http://127.0.0.1:{args.port}"
        self.state_file: str | None = args.state_file
        self.lock = threading.Lock()
        self.transactions: dict[str, dict[str, Any]] = {}
        if self.state_file:
            try:
                with open(self.state_file, encoding="utf-8") as f:
                    self.transactions = json.load(f)
            except (OSError, ValueError):
                pass

    def save(self) -> None:
        if self.state_file:
            with open(self.state_file, "w", encoding="utf-8") as f:
                json.dump(self.transactions, f, ensure_ascii=False)

    # --- API -----------------------------------------------------------------------------
    def api(self, message: dict[str, Any]) -> dict[str, Any]:
        kind = message.get("LoaiBanTin")
        partner = str(message.get("MaDoiTac", ""))
        secret = self.partners.get(partner)
        if secret is None:
            return {"MaLoi": "04", "MoTaLoi": "Mã đối tác không tồn tại"}
        fields = INIT if kind == "INIT" else QUERY if kind == "QUERY" else None
        if fields is None:
            return {"MaLoi": "05", "MoTaLoi": "Loại bản tin không hợp lệ"}
        if not hmac.compare_digest(
            str(message.get("MaXacThuc", "")), sign(message, fields, secret)
        ):
            return {"MaLoi": "01", "MoTaLoi": "Sai mã xác thực"}
        reference = str(message.get("MaThamChieu", ""))
        if kind == "INIT":
            return self.init(message, reference)
        return self.query(reference, partner, secret)

    def init(self, message: dict[str, Any], reference: str) -> dict[str, Any]:
        amount = message.get("SoTien")
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            return {"MaLoi": "03", "MoTaLoi": "Số tiền không hợp lệ"}
        with self.lock:
            if reference in self.transactions:
                return {"MaLoi": "06", "MoTaLoi": "Mã tham chiếu đã tồn tại"}
            self.transactions[reference] = {
                "message": message,
                "state": "0",
                "mode": None,
                "transaction_id": "",
                "callbacks": [],
            }
            self.save()
        return {
            "MaLoi": "00",
            "MoTaLoi": "Thành công",
            "MaThamChieu": reference,
            "UrlThanhToan": f"{self.public_url}/thanh-toan/{reference}",
        }

    def confirmation(self, reference: str, kind: str = "CONFIRM") -> dict[str, Any]:
        t = self.transactions[reference]
        m = t["message"]
        secret = self.partners[m["MaDoiTac"]]
        answer = {
            "LoaiBanTin": kind,
            "MaLoi": "00" if t["state"] == "1" else "51" if t["state"] == "4" else "00",
            "MaDoiTac": m["MaDoiTac"],
            "MaThamChieu": reference,
            "SoTien": m["SoTien"],
            "MaTienTe": "VND",
            "MaGiaoDich": t["transaction_id"],
            "MaNganHang": "VCB" if t["transaction_id"] else "",
            "ThoiGianGD": t.get("paid_at", m["ThoiGianGD"]),
            "ThongTinGiaoDich": m["ThongTinGiaoDich"],
        }
        answer["MaXacThuc"] = sign(answer, CONFIRM, secret)
        return answer

    def query(self, reference: str, partner: str, secret: str) -> dict[str, Any]:
        with self.lock:
            t = self.transactions.get(reference)
            if t is None or t["message"]["MaDoiTac"] != partner:
                return {
                    "MaLoi": "02",
                    "MoTaLoi": "Không tìm thấy giao dịch",
                    "MaThamChieu": reference,
                }
            answer = self.confirmation(reference, "QUERY")
            answer["TrangThaiGD"] = t["state"]
            return answer

    # --- payment -------------------------------------------------------------------------
    def pay(self, reference: str, mode: str) -> None:
        with self.lock:
            t = self.transactions[reference]
            if t["state"] != "0":
                return  # already paid or refused: the page is stale
            t["mode"] = mode
            t["state"] = "4" if mode == "failure" else "1"
            t["transaction_id"] = f"PG{secrets.token_hex(6).upper()}"
            t["paid_at"] = datetime.now().astimezone().strftime("%Y%m%d%H%M%S")
            self.save()
            body = self.confirmation(reference)
        if mode == "timeout":
            return
        if mode == "late":
            threading.Timer(self.late_seconds, self.send, args=(reference, body)).start()
            return
        for _ in range(5 if mode == "duplicate" else 1):
            self.send(reference, body)

    def send(self, reference: str, body: dict[str, Any]) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(  # noqa: S310 - the callback URL is an argument
            self.callback_url,
            data=data,
            method="POST",
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - a setting
                outcome = f"{response.status} {response.read(500).decode('utf-8', 'replace')}"
        except urllib.error.HTTPError as error:
            outcome = f"{error.code} {error.read(500).decode('utf-8', 'replace')}"
        except OSError as error:
            outcome = f"error {error}"
        with self.lock:
            self.transactions[reference]["callbacks"].append(outcome)
            self.save()


def page(platform: Platform, reference: str) -> str:
    t = platform.transactions[reference]
    m = t["message"]
    receipt = m.get("ThongTinBienLai") or {}
    amount = f"{m['SoTien']:,}".replace(",", ".")
    lines = "".join(
        f"<tr><td>{html.escape(str(f.get('TenPhiLePhi', '')))}</td>"
        f"<td class=n>{f.get('SoTien', 0):,}</td></tr>".replace(",", ".")
        for f in receipt.get("PhiLePhi", [])
    )
    done = t["state"] != "0"
    buttons = "".join(
        f'<button name="mode" value="{key}" class="alt">{html.escape(label)}</button>'
        for key, label in MODES.items()
    )
    status = {"1": "Đã thanh toán", "4": "Thanh toán không thành công"}.get(t["state"], "")
    return f"""<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Thanh toán trực tuyến — Nền tảng thanh toán (mô phỏng)</title>
<style>body{{font-family:sans-serif;max-width:32rem;margin:1rem auto;padding:0 1rem;color:#1a1a1a}}
h1{{font-size:1.3rem}}table{{width:100%;border-collapse:collapse}}td{{padding:.3rem 0;
border-bottom:1px solid #ddd}}.n{{text-align:right}}.total{{font-size:1.4rem;font-weight:bold}}
button{{display:block;width:100%;padding:.8rem;margin:.4rem 0;font-size:1rem;border:0;
border-radius:.3rem;background:#b3261e;color:#fff}}.alt{{background:#eee;color:#1a1a1a}}
.note{{background:#fff4ce;padding:.5rem}}</style></head><body>
<p class="note">Đây là trình mô phỏng Nền tảng thanh toán trên Cổng DVCQG, dùng để thử nghiệm.
Không có tiền thật.</p>
<h1>Thanh toán phí, lệ phí hồ sơ</h1>
<table><tr><td>Mã hồ sơ</td><td class=n>{html.escape(str(receipt.get("MaHoSo", "")))}</td></tr>
<tr><td>Đơn vị thụ hưởng</td><td class=n>{
        html.escape(str(receipt.get("TenTKThuHuong", "")))
    }</td></tr>
<tr><td>Nội dung</td><td class=n>{html.escape(str(m.get("ThongTinGiaoDich", "")))}</td></tr>
{lines}<tr><td>Số tiền</td><td class="n total">{amount} đ</td></tr></table>
<p>Mã tham chiếu: {html.escape(reference)}</p>
{
        f"<p><strong>{status}</strong></p>"
        if done
        else f'''<form method="post">
<button name="mode" value="{platform.mode}">Thanh toán {amount} đ</button>
<details><summary>Chế độ thử nghiệm</summary>{buttons}</details></form>'''
    }
</body></html>"""


def handler_for(platform: Platform) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "PayGovSimulator/1.0.6"

        def log_message(self, format: str, *args: Any) -> None:
            print(f"paygov-sim: {format % args}", flush=True)

        def _send(
            self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status: int, data: Any) -> None:
            self._send(
                status,
                json.dumps(data, ensure_ascii=False).encode("utf-8"),
                "application/json; charset=utf-8",
            )

        def _body(self) -> bytes:
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(min(length, 1_000_000))

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path == "/api/giao-dich":
                with platform.lock:
                    self._json(200, platform.transactions)
                return
            if path.startswith("/thanh-toan/"):
                reference = path.removeprefix("/thanh-toan/")
                if reference in platform.transactions:
                    self._send(
                        200, page(platform, reference).encode("utf-8"), "text/html; charset=utf-8"
                    )
                    return
            self._send(404, "Không tìm thấy".encode(), "text/plain; charset=utf-8")

        def do_POST(self) -> None:
            path = urlsplit(self.path).path
            body = self._body()
            if path == "/api/thanh-toan":
                try:
                    message = json.loads(body)
                except ValueError:
                    self._json(400, {"MaLoi": "05", "MoTaLoi": "Dữ liệu không hợp lệ"})
                    return
                if not isinstance(message, dict):
                    self._json(400, {"MaLoi": "05", "MoTaLoi": "Dữ liệu không hợp lệ"})
                    return
                self._json(200, platform.api(message))
                return
            if path.startswith("/thanh-toan/"):
                reference = path.removeprefix("/thanh-toan/")
                if reference not in platform.transactions:
                    self._send(404, "Không tìm thấy".encode(), "text/plain; charset=utf-8")
                    return
                form = parse_qs(body.decode("utf-8", "replace"))
                mode = form.get("mode", [platform.mode])[0]
                if mode not in MODES:
                    mode = platform.mode
                platform.pay(reference, mode)
                back = platform.return_url.format(reference=reference)
                self._send(HTTPStatus.SEE_OTHER, b"", "text/plain", {"Location": back})
                return
            self._send(404, b"", "text/plain")

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--public-url", default="", help="the URL citizens' browsers reach")
    parser.add_argument("--partners", default="MOTCUA-DEMO=demo-secret-not-for-production")
    parser.add_argument(
        "--callback-url", default="http://127.0.0.1:8000/thanh-toan/paygov/xac-nhan/"
    )
    parser.add_argument(
        "--return-url", default="http://127.0.0.1:8000/thanh-toan/ket-qua/{reference}/"
    )
    parser.add_argument("--mode", choices=sorted(MODES), default="success")
    parser.add_argument("--late-seconds", type=float, default=5.0)
    parser.add_argument("--state-file", default=None)
    args = parser.parse_args()
    platform = Platform(args)
    server = ThreadingHTTPServer((args.host, args.port), handler_for(platform))
    print(
        f"paygov-sim: listening on http://{args.host}:{server.server_port} (mode {args.mode})",
        flush=True,
    )
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
