"""edition/build.py's own machinery, apart from whole builds (those are in tests/e2e/test_build.py)."""
import os

import pytest

from edition.core.errors import EditionError
from edition.workers import run_parallel


def _exit_hard():
    os._exit(3)


def test_a_dead_worker_is_an_error_not_a_hang():
    with pytest.raises(EditionError, match="worker died"):
        run_parallel([_exit_hard, _exit_hard])
