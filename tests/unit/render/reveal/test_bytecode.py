"""The package templates' compiled code kept in the user's cache folder: the same pages with
no cache, a cold one and a warm one; no cache where the folder cannot be made private or
written; never for a brand's templates."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from deckgen.model import Deck
from deckgen.render.reveal import bytecode, render_reveal
from deckgen.render.reveal.render import _environment, make_environment

POSIX = hasattr(os, "getuid")


@pytest.fixture()
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _environment.cache_clear()  # environments (and their caches) are made once per process
    yield tmp_path / "cache"
    _environment.cache_clear()


def entries(root: Path) -> list[Path]:
    return sorted(p for p in (root / "deckgen").rglob("*") if p.is_file()) if (root / "deckgen").exists() else []


def test_a_cold_and_a_warm_cache_give_the_same_bytes_as_none(deck: Deck, cache_home: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bytecode, "cache_root", lambda: None)
    _environment.cache_clear()
    uncached = render_reveal(deck), render_reveal(deck, single=True)
    assert _environment(()).bytecode_cache is None
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    _environment.cache_clear()
    cold = render_reveal(deck), render_reveal(deck, single=True)
    written = entries(cache_home)
    assert len(written) >= 3, "the page, the slide frame, the macros and the layouts were kept"
    assert written[0].parent.name.startswith("templates-")
    _environment.cache_clear()  # a new process: the code comes from the folder
    warm = render_reveal(deck), render_reveal(deck, single=True)
    assert cold == uncached and warm == uncached
    assert entries(cache_home) == written


@pytest.mark.skipif(not POSIX or os.geteuid() == 0, reason="permissions do not bind root")
def test_an_unwritable_cache_folder_means_no_cache_and_the_same_page(deck: Deck, cache_home: Path) -> None:
    cache_home.mkdir()
    cache_home.chmod(0o500)
    try:
        assert render_reveal(deck) == render_reveal(deck)
        assert _environment(()).bytecode_cache is None
    finally:
        cache_home.chmod(0o700)


@pytest.mark.skipif(not POSIX, reason="folder ownership and modes are POSIX's")
def test_a_folder_others_may_write_is_never_used(deck: Deck, cache_home: Path) -> None:
    env = make_environment({})
    folder = cache_home / "deckgen" / f"templates-{bytecode.fingerprint(env)}"
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    bytecode.attach(env, cache_home)
    assert env.bytecode_cache is None
    folder.chmod(0o700)
    bytecode.attach(env, cache_home)
    assert env.bytecode_cache is not None


def test_a_file_that_cannot_be_written_is_skipped(deck: Deck, cache_home: Path) -> None:
    env = make_environment({})
    bytecode.attach(env, cache_home)
    assert env.bytecode_cache is not None
    folder = Path(env.bytecode_cache.directory)  # type: ignore[attr-defined]
    folder.rmdir()  # gone while deckgen runs
    assert env.get_template("layouts/section.html.j2") is not None
    assert not folder.exists()


def test_brand_templates_are_never_cached(deck: Deck, cache_home: Path) -> None:
    own = "{%- extends \"slide.html.j2\" -%}{%- block content %}<p>x</p>{%- endblock %}"
    brand = dataclasses.replace(deck.brand, reveal_templates={"layouts/section.html.j2": own})
    render_reveal(dataclasses.replace(deck, brand=brand))
    assert _environment(tuple(sorted(brand.reveal_templates.items()))).bytecode_cache is None
    assert _environment(()).bytecode_cache is not None  # the page shell is the package's own


def test_the_fingerprint_tells_environments_apart() -> None:
    plain, sandboxed = make_environment({}), make_environment({"layouts/section.html.j2": "x"})
    assert bytecode.fingerprint(plain) != bytecode.fingerprint(sandboxed)
    assert bytecode.fingerprint(plain) == bytecode.fingerprint(make_environment({}))
