"""Allow ``python -m tillitsleder``."""

import sys

from tillitsleder.cli import main

sys.exit(main())
