"""Shared fixtures. Every test runs with its own data/cache folders and no network."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = REPO / "corpora" / "caspian-nato-ru-en"


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the user's folders and from the network."""
    base = tmp_path_factory.mktemp("env")
    monkeypatch.setenv("MTREVIEW_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("MTREVIEW_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    if "HF_HOME" not in os.environ:
        monkeypatch.setenv("HF_HOME", str(base / "hf"))


@pytest.fixture
def write(tmp_path: Path):
    """Write a text (or bytes) file under tmp_path and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write
