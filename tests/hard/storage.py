"""A file storage whose disk can be made full (ENOSPC), for the outage tests."""

from __future__ import annotations

import errno
import os
from typing import Any

from django.core.files.storage import FileSystemStorage


class FullDiskStorage(FileSystemStorage):
    """Like the default storage; while `full` is set, a save writes the first half of the
    file (what a disk filling up mid-write leaves) and fails with ENOSPC."""

    full = False
    failures = 0

    def _save(self, name: str, content: Any) -> str:
        if not FullDiskStorage.full:
            return str(super()._save(name, content))
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        content.seek(0)
        data = content.read()
        with open(path, "wb") as partial:
            partial.write(data[: len(data) // 2])
        FullDiskStorage.failures += 1
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)
