"""Delivery channels as plugins, chosen by ``MOTCUA_NOTIFICATION_CHANNELS``.

E-mail goes through Django's mail backend (SMTP in production). SMS and Zalo have log backends
for development: they write the message to the ``motcua.notifications`` logger and keep the
last messages in memory (``sent_messages``), so a demo shows what a citizen would receive. The
real gateways plug in here with the same three-argument `send`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

logger = logging.getLogger("motcua.notifications")


class ChannelError(Exception):
    """The channel could not deliver; the message is retried or passed on."""


class Channel(Protocol):
    def send(self, *, address: str, subject: str, body: str) -> None: ...


class EmailChannel:
    def send(self, *, address: str, subject: str, body: str) -> None:
        try:
            send_mail(subject, body, None, [address], fail_silently=False)
        except OSError as error:  # SMTP errors are OSErrors; refused connections too
            raise ChannelError(f"email: {error}") from error


@dataclass(frozen=True)
class Sent:
    channel: str
    address: str
    subject: str
    body: str


sent_messages: list[Sent] = []
_KEEP = 200


class LogChannel:
    """SMS or Zalo in development: the message goes to the log, not to a phone."""

    name = "log"

    def send(self, *, address: str, subject: str, body: str) -> None:
        logger.info("%s to %s: %s", self.name, address, body)
        sent_messages.append(Sent(self.name, address, subject, body))
        del sent_messages[:-_KEEP]


class LogSmsChannel(LogChannel):
    name = "sms"


class LogZaloChannel(LogChannel):
    name = "zalo"


class FailingChannel:
    """A channel that is down: for tests and for rehearsing an outage."""

    def send(self, *, address: str, subject: str, body: str) -> None:
        raise ChannelError("channel unavailable")


def channel_for(kind: str) -> Channel:
    path = settings.MOTCUA_NOTIFICATION_CHANNELS[kind]
    channel = import_string(path)()
    assert hasattr(channel, "send")
    return channel  # type: ignore[no-any-return]
