"""Starting deckgen in a child process the way a terminal would, for the tests that stop it
with a signal.

A shell starts a background job (``pytest … &``, CI steps run that way) with SIGINT ignored,
and an ignored signal stays ignored across fork and exec. Python keeps an ignored SIGINT
ignored instead of turning it into KeyboardInterrupt, so a child started from such a test run
would never see the Ctrl+C the test sends. :func:`popen` restores the default disposition in
the child before deckgen starts, as an interactive terminal would have it.
"""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Sequence
from typing import Any


def sigint_restored() -> None:
    """Run in the child between fork and exec: SIGINT back to its default."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def popen(args: Sequence[str], **kwargs: Any) -> subprocess.Popen[str]:
    """:class:`subprocess.Popen` with SIGINT restored in the child (text mode by default)."""
    kwargs.setdefault("text", True)
    return subprocess.Popen(args, preexec_fn=sigint_restored, **kwargs)  # noqa: PLW1509 - only resets a signal
