"""Shared fixtures.

The public annotated data sets live outside the repository (``../shared/datasets`` relative to the
project root, or wherever ``ANALYSIS_DATASETS`` points).  Tests that need them take the
``datasets_root`` fixture and are skipped cleanly when the folder is absent.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis.datasets import default_root

ROOT = Path(__file__).resolve().parents[1]
SEED_PATH = ROOT / "corpus" / "000_rt_lavrov_nato_central_asia.md"


@pytest.fixture(scope="session")
def datasets_root() -> Path:
    root = default_root()
    if root is None:
        pytest.skip("shared data sets not present (set ANALYSIS_DATASETS or place them in ../shared/datasets)")
    return root


def dataset_dir(root: Path, name: str) -> Path:
    path = root / name
    if not path.is_dir():
        pytest.skip(f"data set {name!r} not present under {root}")
    return path


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT
