from __future__ import annotations

import sys

from sobrus_comm.app import main

sys.exit(main())
