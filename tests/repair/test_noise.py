"""The seeded noise injector: deterministic, each kind does its damage, repair undoes it."""

from __future__ import annotations

import pytest

from whimbrel.repair import repair
from whimbrel.repair.noise import KINDS, inject_noise

CLEAN = (
    "In 2024 alone, Russia and China conducted 14 joint naval exercises – nearly double the "
    "number a decade ago. China’s People’s Liberation Army (PLA) met NATO officers & "
    "diplomats. Fighting could spread to the South China Sea, the report said. "
) * 4


def test_inject_noise_is_deterministic() -> None:
    assert inject_noise(CLEAN, rate=0.2, seed=7) == inject_noise(CLEAN, rate=0.2, seed=7)
    assert inject_noise(CLEAN, rate=0.2, seed=7) != inject_noise(CLEAN, rate=0.2, seed=8)


def test_inject_noise_rate_zero_is_identity() -> None:
    assert inject_noise(CLEAN, rate=0.0, seed=1) == CLEAN


@pytest.mark.parametrize(
    ("kind", "sign"),
    [
        ("comma_space", "alone,Russia"),
        ("calque", "APL"),
        ("lowercase", "russia"),
        ("mojibake", "â€"),
        ("html", "&"),
        ("dash", "exercises–nearly"),
    ],
)
def test_inject_noise_each_kind_damages(kind: str, sign: str) -> None:
    noisy = inject_noise(CLEAN, rate=1.0, seed=3, kinds=[kind])
    assert noisy != CLEAN
    assert sign in noisy


def test_inject_noise_typo_swaps_letters_only() -> None:
    noisy = inject_noise(CLEAN, rate=0.5, seed=2, kinds=["typo"])
    assert noisy != CLEAN
    assert sorted(noisy) == sorted(CLEAN)


def test_inject_noise_rejects_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown noise kinds"):
        inject_noise(CLEAN, rate=0.1, kinds=["bitflip"])


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "typo"])
def test_repair_undoes_most_noise_of_each_kind(kind: str) -> None:
    noisy = inject_noise(CLEAN, rate=0.3, seed=5, kinds=[kind])
    repaired = repair(noisy)
    for name in ("Russia", "China", "NATO"):
        assert repaired.text.count(name) >= 0.8 * CLEAN.count(name)
    for start, end, old, _new in repaired.changes:
        assert noisy[start:end] == old
