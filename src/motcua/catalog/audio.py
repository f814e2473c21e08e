"""Speak a text offline: espeak-ng (Vietnamese voice) to WAV, lame to a small MP3.

No network, no model download: both are Debian packages (scripts/system-deps.sh). A 32 kbit/s
mono MP3 keeps a one-minute summary near 240 kB, light enough for a 3G phone, and plays in
every mobile browser.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess

from django.conf import settings

TIMEOUT_SECONDS = 120


class AudioError(Exception):
    """The speech tools are missing or failed."""


def text_hash(text: str) -> str:
    voice = "|".join(
        str(v)
        for v in (
            settings.MOTCUA_AUDIO_VOICE,
            settings.MOTCUA_AUDIO_SPEED,
            settings.MOTCUA_AUDIO_BITRATE_KBPS,
        )
    )
    return hashlib.sha256(f"{voice}\n{text}".encode()).hexdigest()


def tools_available() -> bool:
    return bool(shutil.which("espeak-ng") and shutil.which("lame"))


def synthesise(text: str) -> bytes:
    """Return MP3 bytes of `text` read by the configured voice."""
    espeak, lame = shutil.which("espeak-ng"), shutil.which("lame")
    if not espeak or not lame:
        raise AudioError("espeak-ng and lame are required (make setup installs them)")
    try:
        wav = subprocess.run(  # noqa: S603 - fixed executable, text passed on stdin
            [
                espeak,
                "-v",
                settings.MOTCUA_AUDIO_VOICE,
                "-s",
                str(settings.MOTCUA_AUDIO_SPEED),
                "--stdin",
                "--stdout",
            ],
            input=text.encode(),
            capture_output=True,
            check=True,
            timeout=TIMEOUT_SECONDS,
        ).stdout
        mp3 = subprocess.run(  # noqa: S603
            [lame, "--quiet", "-m", "m", "-b", str(settings.MOTCUA_AUDIO_BITRATE_KBPS), "-", "-"],
            input=wav,
            capture_output=True,
            check=True,
            timeout=TIMEOUT_SECONDS,
        ).stdout
    except subprocess.CalledProcessError as error:
        raise AudioError(error.stderr.decode(errors="replace")[:500]) from error
    except subprocess.TimeoutExpired as error:
        raise AudioError("speech synthesis timed out") from error
    if not mp3:
        raise AudioError("speech synthesis produced no sound")
    return mp3
