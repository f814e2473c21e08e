"""Hostile uploads (issue 14): every file a person sends goes through `core.uploads`, and here
through the real pages too, with wrong types, polyglots, ZIP and image bombs, hostile names,
empty and oversized files.

Where files are uploaded (grep FileField / UploadedFile / request.FILES over src/motcua):
  * citizen files checked by `core.uploads.upload_check`: the online draft (portal draft_files),
    the online supplement (portal supplement), petitions (portal feedback_new, API v1 feedback,
    the 1022 hotline), directive and report files (back office), the helper's paper consent
    (portal helper) and desk digitisation (back office, which also decodes images under a pixel
    bound);
  * officer files with their own check: the electronic result (PDF magic + 20 MB), the catalogue
    import (.json / .xlsx: a ZIP), the national figures (JSON), the tax office's CSV.
The validator is probed with every case; the pages tested end to end are the draft upload, the
portal and API petitions, digitisation, the catalogue import and the national figures; the
others call the same validator in their service (named above), so its cases cover them.

Expected for a hostile file: a message in the person's language, no row, no file left under
MEDIA_ROOT; for a hostile name on a good file: stored under a generated name, the client's name
only displayed, cleaned.
"""

from __future__ import annotations

import io
import json
import re
import struct
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from PIL import Image

from motcua.core.uploads import UploadRejectedError, upload_check
from motcua.dossiers.tests import conftest as dossier_fixtures
from motcua.dossiers.tests.conftest import World

pytestmark = pytest.mark.hard
world = dossier_fixtures.world  # the officers, the citizen and the seed catalogue
VI = {"HTTP_ACCEPT_LANGUAGE": "vi"}
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
GIB = 1024**3
LIMIT_MB = 4  # the upload limit in these tests: a 2 GiB bomb fits under it
MEMORY_BOUND = 64 * 1024 * 1024  # what one hostile request may allocate (traced), at most
STORED = re.compile(r"^[a-z]+(/\d+)?/[0-9a-f]{32}\.(pdf|jpg|png)$")


def _vi(msgid: str) -> str:
    """What the person reads: the message as the Vietnamese catalogue gives it."""
    with translation.override("vi"):
        return str(translation.gettext(msgid))


TYPE = "Only PDF, JPEG or PNG files are accepted (this file is of another type)."
POLYGLOT = (
    "The file also contains a web page or an archive; save it again as a plain PDF, JPEG or PNG."
)
ACTIVE = "The PDF contains scripts, actions or attached files: export it again as plain PDF."
BOMB = "%(name)s is too large an image: scan at 300 dpi."
EMPTY = "The file is empty."
LARGE = "The file is larger than %(mb)s MB; scan at a lower resolution or split it."
UNPACKED = "The file is too large once unpacked; split it into smaller files."
# Django's form field refuses an empty file before our validator sees it, in its own words.
ALSO = {EMPTY: ("The submitted file is empty.",)}
UNREADABLE = (  # the 400 page: Django's parser refuses e.g. a part header over 1,024 bytes
    "Nothing was saved. A file name or a field may be too long, or the form was damaged on the "
    "way: go back, shorten the file name and send again."
)


# --- Payloads ------------------------------------------------------------------------------


def _image(kind: str, size: tuple[int, int] = (16, 16)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, kind)
    return out.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_bomb(width: int = 50_000, height: int = 50_000) -> bytes:
    """A PNG whose header declares width × height pixels; its data is a few bytes of a deflate
    stream of zeros (what a decoder would inflate to 7.5 GB)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 1_000_000, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", pixels)
        + _png_chunk(b"IEND", b"")
    )


def _jpeg_bomb(width: int = 60_000, height: int = 60_000) -> bytes:
    """A real 16×16 JPEG whose frame header (SOF0) is rewritten to declare width × height."""
    data = bytearray(_image("JPEG"))
    at = data.index(b"\xff\xc0")
    struct.pack_into(">HH", data, at + 5, height, width)
    return bytes(data)


def _zeros_deflated(total: int, chunk: int = 8 * 1024 * 1024) -> bytes:
    """A raw deflate stream of `total` zero bytes built without compressing them: one chunk
    compressed and fully flushed (so it stands alone) repeated, then an empty final block."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b"\x00" * chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block * (total // chunk) + b"\x03\x00"


def _zip_bomb(members: dict[str, int]) -> bytes:
    """A ZIP whose members inflate to the sizes given (zeros), written by hand so that nothing
    is compressed at full size. CRCs are left 0: a reader inflates everything before it can
    notice, which is the harm a bomb does."""
    out = io.BytesIO()
    central = b""
    for name, size in members.items():
        data = _zeros_deflated(size) if size else b""
        encoded = name.encode()
        offset = out.tell()
        out.write(
            struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, 0, len(data), size,
                        len(encoded), 0) + encoded + data
        )  # fmt: skip
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, 0, len(data), size,
            len(encoded), 0, 0, 0, 0, 0, offset,
        ) + encoded  # fmt: skip
    start = out.tell()
    out.write(central)
    count = len(members)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), start, 0))
    return out.getvalue()


XLSX_BOMB_MEMBERS = {
    "[Content_Types].xml": 0,
    "xl/workbook.xml": 0,
    "xl/sharedStrings.xml": GIB,
    "xl/worksheets/sheet1.xml": GIB,
}


def _zip_appended(image: bytes) -> bytes:
    """A GIFAR-style polyglot: a valid image with a ZIP (a Java archive) after its end."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nMain-Class: X\n")
    return image + archive.getvalue()


@dataclass(frozen=True)
class Case:
    label: str
    name: str
    content: Callable[[], bytes]
    refusal: str | None  # the msgid the person must read; None: a good file, must be kept safely


CONTENT_CASES = [
    Case("exe renamed .pdf", "hoa-don.pdf", lambda: b"MZ\x90\x00\x03" + b"\x00" * 200, TYPE),
    Case("ELF renamed .png", "anh.png", lambda: b"\x7fELF\x02\x01\x01" + b"\x00" * 200, TYPE),
    Case(
        "HTML renamed .jpg",
        "anh.jpg",
        lambda: b"<html><body><script>alert(1)</script></body></html>",
        TYPE,
    ),
    Case(
        "SVG renamed .png",
        "anh.png",
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        TYPE,
    ),
    Case(
        "PDF that is also a web page",
        "to-khai.pdf",
        lambda: b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>\n" + PDF,
        POLYGLOT,
    ),
    Case(
        "PDF with JavaScript",
        "to-khai.pdf",
        lambda: (
            b"%PDF-1.7\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>"
            b">>endobj\n%%EOF\n"
        ),
        ACTIVE,
    ),
    Case(
        "PDF launching a program",
        "to-khai.pdf",
        lambda: b"%PDF-1.7\n" + b"%" * (1024 * 1024 - 12) + b"<</S/Launch/F(cmd.exe)>>\n%%EOF\n",
        ACTIVE,
    ),
    Case("JPEG + ZIP (GIFAR)", "anh.jpg", lambda: _zip_appended(_image("JPEG")), POLYGLOT),
    Case("PNG + ZIP", "anh.png", lambda: _zip_appended(_image("PNG")), POLYGLOT),
    Case("ZIP bomb as .zip", "ho-so.zip", lambda: _zip_bomb({"a.txt": GIB, "b.txt": GIB}), TYPE),
    Case(
        "ZIP bomb as .docx", "don.docx", lambda: _zip_bomb({"word/document.xml": 2 * GIB - 1}), TYPE
    ),
    Case("ZIP bomb as .xlsx", "bang.xlsx", lambda: _zip_bomb(XLSX_BOMB_MEMBERS), TYPE),
    Case("ZIP bomb renamed .pdf", "ban-sao.pdf", lambda: _zip_bomb({"x": GIB}), TYPE),
    Case("PNG bomb 50000×50000", "anh.png", _png_bomb, BOMB),
    Case("JPEG bomb 60000×60000", "anh.jpg", _jpeg_bomb, BOMB),
    Case("empty file", "trong.pdf", lambda: b"", EMPTY),
    Case("over the limit", "lon.pdf", lambda: PDF + b"0" * (LIMIT_MB * 1024 * 1024), LARGE),
    Case("PDF named .png (type from content)", "anh.png", lambda: PDF, None),
    Case("a real JPEG", "anh.jpg", lambda: _image("JPEG"), None),
    Case("a real PNG", "anh.png", lambda: _image("PNG", (1200, 1700)), None),
]
NAME_CASES = [
    Case("10,000-character name", "a" * 10_000 + ".pdf", lambda: PDF, None),
    Case("POSIX traversal", "../../etc/passwd", lambda: PDF, None),
    Case("Windows traversal", "..\\..\\x.pdf", lambda: PDF, None),
    Case("absolute path", "/etc/cron.d/x.pdf", lambda: PDF, None),
    Case("drive path", "C:\\Windows\\System32\\x.pdf", lambda: PDF, None),
    Case("NUL byte", "x.pdf\x00.exe", lambda: PDF, None),
    Case("control characters", "a\r\nContent-Type: text/html\x1b[31m.pdf", lambda: PDF, None),
    Case("full-width slash and dots", "．．／．．／etc／passwd.pdf", lambda: PDF, None),
    Case("one-dot leaders", "\u2024\u2024/\u2024\u2024/x.pdf", lambda: PDF, None),
    Case("right-to-left override", "hoadon\u202efdp.exe", lambda: PDF, None),
    Case("markup in the name", '"><img src=x onerror=alert(1)>.pdf', lambda: PDF, None),
    Case("only dots", "..", lambda: PDF, None),
]
CASES = CONTENT_CASES + NAME_CASES


def _safe_display(display: str) -> bool:
    return (
        len(display) <= 120
        and not any(c in display for c in "/\\<>\"'\x00")
        and all(c.isprintable() for c in display)
        and display not in {"", ".", ".."}
    )


# --- The validator ---------------------------------------------------------------------------


def test_the_validator_refuses_hostile_files_and_keeps_names_out_of_paths(
    settings: Any, hard_figures: Any
) -> None:
    settings.MOTCUA_UPLOAD_MAX_MB = LIMIT_MB
    losses = []
    for case in CASES:
        content = case.content()
        stream = io.BytesIO(content)
        try:
            checked = upload_check(stream, name=case.name, size=len(content))
        except UploadRejectedError as error:
            if case.refusal is None or str(error) != _vi(case.refusal) % {
                "mb": LIMIT_MB,
                "name": case.name,
            }:
                losses.append(f"{case.label}: refused with {error}")
            continue
        if case.refusal is not None:
            losses.append(f"{case.label}: accepted")
            continue
        stored = checked.storage_name("dossiers/7")
        if not STORED.match(stored) or not _safe_display(checked.display_name):
            losses.append(f"{case.label}: stored {stored!r}, shown {checked.display_name!r}")
        if stream.tell() != 0:
            losses.append(f"{case.label}: the stream was not rewound")
    hard_figures(cases=len(CASES), losses=len(losses))
    assert not losses, losses


def test_the_bomb_builders_build_what_they_claim() -> None:
    """The test's own payloads: the deflate stream inflates to zeros of the declared size and
    the ZIP's directory declares the members; the image bombs declare their pixels."""
    small = zlib.decompressobj(-15).decompress(_zeros_deflated(3 * 8 * 1024 * 1024))
    assert small == b"\x00" * (3 * 8 * 1024 * 1024)
    bomb = _zip_bomb(XLSX_BOMB_MEMBERS)
    assert len(bomb) < 3 * 1024 * 1024  # 2 GiB in under 3 MB
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        assert sum(m.file_size for m in archive.infolist()) == 2 * GIB
        with archive.open("xl/sharedStrings.xml") as member:
            assert member.read(1024 * 1024) == b"\x00" * 1024 * 1024  # it really inflates
    with pytest.raises(Image.DecompressionBombError, match="3600000000 pixels"):
        Image.open(io.BytesIO(_jpeg_bomb()))  # Pillow reads the declared 60000×60000


# --- Through the pages -----------------------------------------------------------------------


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MOTCUA_UPLOAD_MAX_MB = LIMIT_MB
    return Path(settings.MEDIA_ROOT)


def _files(media: Path) -> set[Path]:
    return {p for p in media.rglob("*") if p.is_file()} if media.exists() else set()


@pytest.fixture
def no_inflating(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Any ZIP member opened while a hostile request runs is recorded and refused, so that a
    regression fails the test instead of inflating gigabytes on a shared machine."""
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def guarded(self: zipfile.ZipFile, name: Any, *args: Any, **kwargs: Any) -> Any:
        info = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
        if info.file_size > 64 * 1024 * 1024:
            opened.append(info.filename)
            raise AssertionError(f"a {info.file_size} byte member was opened")
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", guarded)
    yield opened


def _upload(case: Case) -> SimpleUploadedFile:
    """The file as the browser sends it, under the client's name verbatim (Django's own
    constructor refuses a name of dots; the multipart body may carry one)."""
    upload = SimpleUploadedFile("x", case.content())
    upload._name = case.name  # type: ignore[attr-defined]
    return upload


def _traced(label: str, call: Callable[[], Any]) -> tuple[Any, int]:
    """The call's result and, for a bomb, the peak of memory it allocated (tracemalloc, which
    slows everything down: only where memory is the point)."""
    if "bomb" not in label:
        return call(), 0
    tracemalloc.start()
    try:
        result = call()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def _citizen_ready(world: World) -> None:
    agency = world.desk.memberships.get().agency
    citizen = world.citizen
    citizen.full_name, citizen.phone = "Nguyễn Văn An", "0912345678"
    citizen.unit_id, citizen.id_number = agency.unit_id, "070190001234"
    citizen.save()


def _judge(
    case: Case, *, status: int, text: str, before: set[Path], after: set[Path], rows: int,
    stored: list[str], display: list[str], media: Path,
) -> list[str]:  # fmt: skip
    """The unsafe outcomes of one request (empty when it went as it must)."""
    problems = []
    if case.refusal is not None:
        said = [
            _vi(m) % {"mb": LIMIT_MB, "name": case.name}
            for m in (case.refusal, *ALSO.get(case.refusal, ()))
        ]
        if not any(message in text for message in said):
            problems.append(f"{case.label}: none of {said!r} is shown")
        if rows or after != before:
            problems.append(f"{case.label}: refused but stored ({rows} rows)")
        return problems
    # A good file under a hostile name: kept under a generated name. Only a name of dots may
    # be dropped (Django's multipart parser discards it), then with a message and nothing kept.
    if rows == 0:
        unreadable = status == 400 and _vi(UNREADABLE) in text
        if not (case.label == "only dots" or unreadable) or after != before:
            problems.append(f"{case.label}: a good file was not kept (HTTP {status})")
        return problems
    for name in stored:
        path = (media / name).resolve()
        if not STORED.match(name) or not path.is_relative_to(media.resolve()):
            problems.append(f"{case.label}: stored as {name!r}")
    problems += [f"{case.label}: shown as {d!r}" for d in display if not _safe_display(d)]
    if len(after - before) != rows:
        problems.append(f"{case.label}: {len(after - before)} files for {rows} rows")
    return problems


def test_the_online_draft_upload_refuses_hostile_files(
    world: World, client: Client, media: Path, no_inflating: list[str], hard_figures: Any
) -> None:
    from motcua.dossiers.models import DraftFile
    from motcua.dossiers.services import draft_detach, draft_start

    _citizen_ready(world)
    draft = draft_start(citizen=world.citizen, version_id=world.version.pk)
    document = world.version.documents.first()
    assert document is not None
    client.force_login(world.citizen)
    url = reverse("portal:draft_files", args=[draft.pk])
    losses, peaks = [], {}
    for case in CASES:
        before = _files(media)
        upload = _upload(case)
        response, peak = _traced(
            case.label,
            lambda upload=upload: client.post(
                url, {"document": document.pk, "file": upload}, follow=True, **VI
            ),
        )
        peaks[case.label] = peak
        rows = list(DraftFile.objects.filter(draft=draft))
        losses += _judge(
            case, status=response.status_code, text=response.content.decode(), before=before,
            after=_files(media), rows=len(rows), stored=[r.file.name for r in rows],
            display=[r.file_name for r in rows], media=media,
        )  # fmt: skip
        if response.status_code not in (200, 400):
            losses.append(f"{case.label}: HTTP {response.status_code}")
        for row in rows:  # the next case starts from an empty draft
            draft_detach(citizen=world.citizen, draft_id=draft.pk, file_id=row.pk)
    big = {label: peak for label, peak in peaks.items() if peak > MEMORY_BOUND}
    hard_figures(cases=len(CASES), losses=len(losses) + len(big) + len(no_inflating))
    assert not losses, losses
    assert not big, big  # the bombs were refused in bounded memory
    assert not no_inflating


def _petition_form(**overrides: Any) -> dict[str, Any]:
    values = {
        "kind": "regulation", "title": "Hồ sơ trễ hẹn", "name": "Nguyễn Văn An", "email": "",
        "content": "Hồ sơ của tôi đã quá hẹn 5 ngày mà chưa có kết quả.",
    }  # fmt: skip
    values.update(overrides)
    return values


def test_petitions_on_the_portal_and_the_api_refuse_hostile_files(
    world: World, client: Client, media: Path, no_inflating: list[str], hard_figures: Any
) -> None:
    import time_machine
    from django.utils import timezone

    from motcua.feedback.models import Feedback, FeedbackAttachment

    world.citizen.phone = "0912345678"
    world.citizen.save(update_fields=["phone"])
    client.force_login(world.citizen)
    losses: list[str] = []
    sent = 0
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for case in CASES:
            clock.shift(120)  # one petition a minute per phone: each case is its own minute
            before, rows_before = _files(media), set(FeedbackAttachment.objects.values_list("pk"))
            upload = _upload(case)
            response, peak = _traced(
                case.label,
                lambda upload=upload: client.post(
                    reverse("portal:feedback_new"), _petition_form(attachments=[upload]), **VI
                ),
            )
            sent += 1
            if response.status_code == 302:  # accepted: the tracking page
                response = client.get(response["Location"], **VI)
            new = FeedbackAttachment.objects.exclude(pk__in=[p for (p,) in rows_before])
            losses += _judge(
                case, status=response.status_code, text=response.content.decode(), before=before,
                after=_files(media), rows=new.count(), stored=[a.file.name for a in new],
                display=[a.file_name for a in new], media=media,
            )  # fmt: skip
            if peak > MEMORY_BOUND:
                losses.append(f"{case.label}: {peak} bytes traced")
            petitions = Feedback.objects.filter(title="Hồ sơ trễ hẹn").count()
            with_files = FeedbackAttachment.objects.values("feedback").distinct().count()
            if case.refusal is not None and petitions != with_files:
                losses.append(f"{case.label}: a petition was stored without its file")
    hard_figures(cases=sent, losses=len(losses) + len(no_inflating))
    assert not losses, losses
    assert not no_inflating


def test_the_api_petition_refuses_hostile_files_with_a_structured_answer(
    world: World, media: Path, no_inflating: list[str], hard_figures: Any
) -> None:
    from motcua.feedback.models import Feedback
    from motcua.notifications import channels

    client = Client()
    asked = client.post("/api/v1/feedback/codes", {"phone": "0912345678"},
                        content_type="application/json")  # fmt: skip
    code = re.search(r"\b(\d{6})\b", channels.sent_messages[-1].body)
    assert asked.status_code == 201 and code
    token = client.post(
        "/api/v1/feedback/codes/check",
        {"verification_id": asked.json()["verification_id"], "code": code.group(1)},
        content_type="application/json",
    ).json()["phone_token"]
    hostile = [c for c in CASES if c.refusal is not None]
    losses = []
    for case in hostile:
        before = _files(media)
        upload = _upload(case)
        response = client.post(
            "/api/v1/feedback", {**_petition_form(phone_token=token), "attachments": [upload]}, **VI
        )
        message = _vi(case.refusal or "") % {"mb": LIMIT_MB, "name": case.name}
        if not 400 <= response.status_code < 500:
            losses.append(f"{case.label}: HTTP {response.status_code}")
        elif message not in json.dumps(response.json(), ensure_ascii=False):
            losses.append(f"{case.label}: {response.json()}")
        if Feedback.objects.exists() or _files(media) != before:
            losses.append(f"{case.label}: stored")
    hard_figures(cases=len(hostile), losses=len(losses) + len(no_inflating))
    assert not losses, losses


def test_digitisation_refuses_bombs_and_polyglots_and_keeps_the_document(
    world: World, client: Client, media: Path, hard_figures: Any
) -> None:
    dossier = world.receive()
    document = dossier.documents.order_by("pk").first()
    assert document is not None
    client.force_login(world.desk)
    url = reverse("backoffice:dossier_digitise", args=[dossier.pk, document.pk])
    # The desk's scanner path decodes images: the bombs and polyglots matter most here.
    hostile = [
        c for c in CONTENT_CASES
        if c.refusal in (BOMB, POLYGLOT, ACTIVE)
        or c.label in ("HTML renamed .jpg", "ZIP bomb renamed .pdf", "exe renamed .pdf")
    ]  # fmt: skip
    losses = []
    for case in hostile:
        before = _files(media)
        upload = _upload(case)
        response, peak = _traced(
            case.label, lambda upload=upload: client.post(url, {"pages": [upload]}, **VI)
        )
        if response.status_code == 302:  # the message is read on a light page, not the detail
            response = client.get(reverse("backoffice:to_digitise"), **VI)
        document.refresh_from_db()
        text = response.content.decode()
        if (
            response.status_code != 200
            or _vi(case.refusal or "") % {"mb": LIMIT_MB, "name": case.name} not in text
        ):
            losses.append(f"{case.label}: HTTP {response.status_code}, message not shown")
        if document.file or _files(media) != before or peak > MEMORY_BOUND:
            losses.append(f"{case.label}: stored or {peak} bytes traced")
    hard_figures(cases=len(hostile), losses=len(losses))
    assert not losses, losses


def test_the_catalogue_import_refuses_a_zip_bomb_and_a_nesting_bomb(
    world: World, client: Client, no_inflating: list[str], hard_figures: Any
) -> None:
    """An .xlsx is a ZIP: its directory declares 2 GiB, it is refused before anything is
    inflated (no member opened) in bounded memory. A JSON nested 100,000 deep is refused with a
    message instead of a server error (RecursionError), here and in the national figures."""
    from motcua.catalog.models import Procedure

    procedures = Procedure.objects.count()
    client.force_login(world.monitor)
    url = reverse("backoffice:catalog_import")
    NESTED = _vi("The file is nested too deeply to be read.")  # noqa: N806
    probes = [
        ("danh-muc.xlsx", _zip_bomb(XLSX_BOMB_MEMBERS), UNPACKED),
        ("danh-muc.json", b"[" * 100_000, "The file is nested too deeply to be read."),
        ("danh-muc.json", b'{"a":' * 100_000, "The file is nested too deeply to be read."),
    ]
    losses = []
    for name, content, msgid in probes:
        upload = SimpleUploadedFile(name, content)
        response, peak = _traced(
            "bomb", lambda upload=upload: client.post(url, {"file": upload}, **VI)
        )
        if response.status_code != 200 or _vi(msgid) not in response.content.decode():
            losses.append(f"{name}: HTTP {response.status_code}")
        if peak > MEMORY_BOUND:
            losses.append(f"{name}: {peak} bytes traced")
    figures = SimpleUploadedFile("so-lieu.json", b"[" * 100_000)
    response = client.post(
        reverse("backoffice:quality_figures"),
        {"group": "transparency", "period": "quarter", "year": 2026, "n": 1, "file": figures},
        **VI,
    )
    if response.status_code != 200 or NESTED not in response.content.decode():
        losses.append(f"figures: HTTP {response.status_code}")
    hard_figures(cases=len(probes) + 1, losses=len(losses) + len(no_inflating))
    assert not losses, losses
    assert not no_inflating and Procedure.objects.count() == procedures
