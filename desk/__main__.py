"""`python -m desk` runs the same command as the `desk` script."""

import sys

from desk.cli import main

sys.exit(main())
