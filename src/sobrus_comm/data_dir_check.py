"""Can the app keep its files where it was told to? Checked once, before anything opens.

A data folder that cannot be created (a path through a file, a missing drive) or written
(a read-only file system, no permission) must stop the start with a French message naming
the folder, not look like "another copy is running" or end in a traceback. Qt-free: the
composition root shows the message (stderr, and a dialog when a screen is there).
"""

from __future__ import annotations

import errno
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from sobrus_comm.paths import AppPaths

# The exit status of a start refused for want of a usable data folder (0 is success, 1 a
# crash, 2 a bad command line).
EXIT_DATA_DIR_UNUSABLE = 3

_CAUSES_FR = {
    errno.EROFS: "le disque est en lecture seule",
    errno.EACCES: "votre compte n'a pas le droit d'y écrire",
    errno.EPERM: "votre compte n'a pas le droit d'y écrire",
    errno.ENOSPC: "le disque est plein",
    errno.EDQUOT: "votre quota d'espace disque est atteint",
    errno.ENOTDIR: "une partie de ce chemin est un fichier, pas un dossier",
    errno.EEXIST: "un fichier porte déjà ce nom",
    errno.ENOENT: "le lecteur ou le dossier parent n'existe pas",
}


@dataclass(frozen=True)
class DataDirProblem:
    folder: Path
    created: bool  # False: the folder could not even be created
    error: OSError

    @property
    def cause_fr(self) -> str:
        known = _CAUSES_FR.get(self.error.errno or 0)
        return known or f"erreur du système : {self.error.strerror or self.error}"

    @property
    def message_fr(self) -> str:
        what = ("ne peut pas écrire dans" if self.created else "ne peut pas créer")
        return (
            f"Sobrus Comm {what} son dossier de données :\n{self.folder}\n\n"
            f"Cause : {self.cause_fr}.\n\n"
            "Vos SMS et votre historique y sont gardés : l'application ne peut pas démarrer "
            "sans lui. Vérifiez que ce dossier est accessible en écriture (disque branché, "
            "non plein, non protégé en écriture, droits de votre compte), ou lancez "
            "l'application avec --data-dir vers un dossier où vous pouvez écrire, puis "
            "relancez Sobrus Comm. Si le problème continue, contactez le support Sobrus."
        )


def check_app_dirs(paths: AppPaths) -> DataDirProblem | None:
    """Create every folder of ``paths`` and prove each writable; the first problem, if any."""
    for folder in (paths.data, paths.config, paths.logs, paths.cache):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return DataDirProblem(folder, created=False, error=exc)
        try:
            _probe_write(folder)
        except OSError as exc:
            return DataDirProblem(folder, created=True, error=exc)
    return None


def _probe_write(folder: Path) -> None:
    """Create, write and delete a small file: what the database and the lock file need."""
    probe = folder / f".write-test-{uuid.uuid4().hex}"
    fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, b"ok")
    finally:
        os.close(fd)
        probe.unlink(missing_ok=True)
