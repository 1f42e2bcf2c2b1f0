"""The Wilson interval, the fallback share and "calls avoided", against hand calculation."""

import pytest

from reports.analytics import stats


def test_wilson_eight_of_ten():
    # p = 0.8, z = 1.96, n = 10: centre = (0.8 + 0.19208) / 1.38416 = 0.71674,
    # half = 1.96 / 1.38416 × √(0.016 + 0.009604) = 1.41602 × 0.16001 = 0.22658
    low, high = stats.wilson_interval(8, 10)
    assert low == pytest.approx(0.490, abs=0.0005)
    assert high == pytest.approx(0.943, abs=0.0005)


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [
        (0, 10, 0.0, 0.2775),  # z²/(n + z²) = 3.8415 / 13.8415 = 0.2775
        (10, 10, 0.7225, 1.0),
        (0, 0, 0.0, 1.0),  # nothing known
    ],
)
def test_wilson_edges(successes, trials, low, high):
    got = stats.wilson_interval(successes, trials)
    assert got[0] == pytest.approx(low, abs=0.0005)
    assert got[1] == pytest.approx(high, abs=0.0005)


def test_wilson_refuses_impossible_counts():
    with pytest.raises(ValueError):
        stats.wilson_interval(11, 10)


def test_measured_share_used_from_min_answers():
    share = stats.call_share(
        would_have_called=8,
        answers=10,
        min_answers=10,
        fallback_share=0.6,
        fallback_low=0.4,
        fallback_high=0.8,
    )
    assert share.fallback is False
    assert share.share == pytest.approx(0.8)
    assert share.low == pytest.approx(0.490, abs=0.0005)


def test_fallback_share_below_min_answers():
    share = stats.call_share(
        would_have_called=8,
        answers=10,
        min_answers=11,
        fallback_share=0.6,
        fallback_low=0.4,
        fallback_high=0.8,
    )
    assert share.fallback is True
    assert (share.share, share.low, share.high) == (0.6, 0.4, 0.8)


def test_calls_avoided_can_be_negative():
    assert stats.calls_avoided(completed=5, called_anyway=2, share=0.8) == pytest.approx(2.0)
    assert stats.calls_avoided(completed=2, called_anyway=3, share=0.5) == pytest.approx(-2.0)
