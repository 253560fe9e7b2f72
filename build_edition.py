"""Build the edition from sources/: `python build_edition.py` (see README.md)."""
import sys

from edition.cli import main

if __name__ == "__main__":
    sys.exit(main())
