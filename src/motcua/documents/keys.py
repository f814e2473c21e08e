"""Development and test certificates, generated on the machine that uses them (never committed):
a root, and one signing certificate per agency in the layout `signing.py` reads
(`<dir>/roots/<name>.pem`, `<dir>/<identifier>.p12`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

ROOT_NAME = "Một Cửa – gốc thử nghiệm (không dùng thật)"


@dataclass(frozen=True)
class Root:
    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate


def _name(common_name: str) -> x509.Name:
    # X.509 bounds a common name to 64; long Vietnamese agency names are cut to fit.
    while len(common_name.encode("utf-8")) > 64:  # noqa: PLR2004
        common_name = common_name[:-1]
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True, content_commitment=not ca, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
        encipher_only=False, decipher_only=False,
    )  # fmt: skip


def root_create(directory: Path, *, name: str = ROOT_NAME, file_name: str = "root") -> Root:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(name))
        .issuer_name(_name(name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_usage(ca=True), critical=True)
        .sign(key, hashes.SHA256())
    )
    roots = directory / "roots"
    roots.mkdir(parents=True, exist_ok=True)
    (roots / f"{file_name}.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return Root(key, certificate)


def agency_key_create(
    directory: Path,
    root: Root,
    *,
    identifier: str,
    common_name: str,
    passphrase: str,
    valid_days: int = 730,
    starts_in_days: int = -1,
) -> Path:
    """A signing certificate for one agency, issued by `root`; `valid_days` < 0 makes an
    expired one (for tests)."""
    key = ec.generate_private_key(ec.SECP256R1())
    start = datetime.now(UTC) + timedelta(days=starts_in_days)
    end = start + timedelta(days=valid_days) if valid_days > 0 else start - timedelta(days=1)
    if valid_days <= 0:
        start -= timedelta(days=30)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(root.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(_usage(ca=False), critical=True)
        .sign(root.key, hashes.SHA256())
    )
    safe = "".join(c for c in identifier if c.isalnum() or c in ".-_")
    path = directory / f"{safe}.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            common_name.encode()[:64],
            key,
            certificate,
            [root.certificate],
            serialization.BestAvailableEncryption(passphrase.encode()),
        )
    )
    path.chmod(0o600)
    return path


def root_load_or_create(directory: Path) -> Root:
    """The development root kept in `directory` (its key beside it, readable by the owner
    only), created the first time."""
    key_file, cert_file = directory / "root-key.pem", directory / "roots" / "root.pem"
    if key_file.is_file() and cert_file.is_file():
        key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
        assert isinstance(key, ec.EllipticCurvePrivateKey)
        return Root(key, x509.load_pem_x509_certificate(cert_file.read_bytes()))
    directory.mkdir(parents=True, exist_ok=True)
    root = root_create(directory)
    key_file.write_bytes(
        root.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_file.chmod(0o600)
    return root
