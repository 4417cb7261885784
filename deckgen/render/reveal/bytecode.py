"""The package templates' compiled code, kept in a per-user cache folder between processes.

Jinja2 compiles a template to Python code the first time an environment loads it, which takes
a few milliseconds a template: a build compiles the page, the slide frame, the macros and
every layout its deck uses, in every new process. Jinja2's ``FileSystemBytecodeCache`` keeps
that code on disk, by the template's name and file, with the checksum of its source; Jinja2
itself ignores an entry made from other source or by another Jinja2 or Python version.

Responsibility and contract:

- only the plain environment that renders this package's own templates uses it (never a
  brand's templates, which render in the sandbox, and never code compiled under other
  settings: the folder's name carries a fingerprint of the environment's kind, compile
  options and Jinja2 version, and the cache's own key the template file's path);
- the folder is ``$XDG_CACHE_HOME/deckgen/templates-<fingerprint>`` (``~/.cache`` without
  ``XDG_CACHE_HOME``), made private to the user; one that is not a folder of the user's own
  that only they can write, or cannot be made, means no cache, and a file that cannot be read
  or written is skipped: templates are then compiled as they always were;
- it never changes output: what it holds is the code Jinja2 compiles from the same source.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from pathlib import Path

import jinja2
from jinja2 import Environment
from jinja2.bccache import Bucket, FileSystemBytecodeCache


class _Cache(FileSystemBytecodeCache):
    """Jinja2's file cache, quiet about files it cannot read or write (a full disk, a folder
    made read-only or removed while deckgen runs): the template is compiled instead."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def fingerprint(env: Environment) -> str:
    """What the code compiled in ``env`` depends on besides the template's source and file."""
    settings = (
        type(env).__module__, type(env).__qualname__, jinja2.__version__, env.autoescape, env.optimized,
        env.keep_trailing_newline, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        sorted(env.extensions),
    )
    return hashlib.sha256(repr(settings).encode("utf-8")).hexdigest()[:16]


def cache_root() -> Path | None:
    """The user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``), or None without a home."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg)
    try:
        return Path.home() / ".cache"
    except RuntimeError:  # no home folder to be found
        return None


def attach(env: Environment, root: Path | None) -> None:
    """Give ``env`` a bytecode cache in ``root/deckgen/templates-<fingerprint>`` when that
    folder can be made private to the user; else leave it without one."""
    if root is None:
        return
    folder = root / "deckgen" / f"templates-{fingerprint(env)}"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return
    if not stat.S_ISDIR(info.st_mode):
        return
    if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o077):
        return  # someone else's, or others may write there: their code must never be loaded
    env.bytecode_cache = _Cache(str(folder))
