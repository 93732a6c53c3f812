"""A second copy of the app, as far as single-instance goes.

    python -m tests.packaging.second_instance DIR [--hold]

Stands in for ``python -m sobrus_comm --data-dir`` until the entry point is wired.
Exit codes: 0 = another copy holds DIR (it was rung), 10 = this process got DIR.
With ``--hold``: take DIR, print ``held``, then keep it until killed (a crashing copy).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication

from sobrus_comm.gui.single_instance import acquire_single_instance

GOT_IT = 10


def main(argv: list[str]) -> int:
    app = QCoreApplication(sys.argv[:1])
    instance = acquire_single_instance(Path(argv[0]))
    if instance is None:
        return 0
    if "--hold" in argv:
        print("held", flush=True)
        return app.exec()
    instance.release()
    return GOT_IT


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
