"""Error hierarchy: every user-facing failure is an MtReviewError printed as one line by the CLI."""

from __future__ import annotations

from pathlib import Path


class MtReviewError(Exception):
    """A failure the user can act on. The CLI prints ``str(err)`` on one line and exits with ``exit_code``."""

    exit_code = 2

    def __init__(self, message: str, title: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.title = title or "Error"

    def __str__(self) -> str:
        return self.message


class InputError(MtReviewError):
    """Bad input file: names the file and, where it applies, the line (1-based)."""

    def __init__(self, path: str | Path | None, message: str, line: int | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        where = self.path or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}", title="Bad input")


class UsageError(MtReviewError):
    """Options that do not fit together, or a missing argument."""


class NotImplementedYet(MtReviewError):
    """A subcommand whose issue has not landed yet."""


class ModelUnavailableError(MtReviewError):
    """A translation model that is neither cached nor downloadable."""


class StoreError(MtReviewError):
    """A project file that cannot be opened or is corrupt."""


class ProjectWriteError(StoreError):
    """A change the project file could not take (a full disk, an I/O error, a read-only file system): rolled
    back, nothing of it stored; the same change may be tried again once the cause is fixed."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason
