"""The Wilson score interval for a share, and what it means for "calls avoided". Pure."""
from __future__ import annotations

import math
from dataclasses import dataclass

Z_95 = 1.959963984540054  # the two-sided 95% quantile of the normal distribution


def wilson_interval(successes: int, trials: int, *, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval for ``successes`` out of ``trials``.

    Chosen over the normal approximation because it stays inside [0, 1] and behaves with
    small samples and shares near 0 or 1, which is what a new survey produces. With no
    trials nothing is known, so the interval is the whole of [0, 1].
    """
    if trials <= 0:
        return 0.0, 1.0
    if not 0 <= successes <= trials:
        raise ValueError("successes must lie between 0 and trials")
    p = successes / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (p + z2 / (2 * trials)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials))
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class CallShare:
    """The share of completed reports that would otherwise have been a call to 114 14."""

    answers: int  # all counterfactual answers in the period
    would_have_called: int
    share: float
    low: float
    high: float
    fallback: bool  # True: too few answers of its own, the pooled share or the assumption was used
    basis: str = "measured"  # "measured" (its own answers), "pooled" (all services'), "assumed"


def call_share(
    *, would_have_called: int, answers: int, min_answers: int,
    fallback_share: float, fallback_low: float, fallback_high: float, pooled: CallShare | None = None,
) -> CallShare:
    """The measured share with its 95% Wilson interval, or the documented fallback.

    Below ``min_answers`` a measured share says more about chance than about people, so the
    ``pooled`` share (every service's answers together) is used if it is itself measured,
    else the configured assumption and its range; either is flagged as such. ``answers`` and
    ``would_have_called`` stay this share's own, so the sample size shown is never borrowed.
    """
    if answers < max(1, min_answers):
        if pooled is not None and pooled.basis == "measured":
            return CallShare(answers, would_have_called, pooled.share, pooled.low, pooled.high, True, "pooled")
        return CallShare(answers, would_have_called, fallback_share, fallback_low, fallback_high, True, "assumed")
    low, high = wilson_interval(would_have_called, answers)
    return CallShare(answers, would_have_called, would_have_called / answers, low, high, False, "measured")


def calls_avoided(*, completed: int, called_anyway: int, share: float) -> float:
    """Completed reports times the share who would have called, minus the reports that cost a
    call anyway (told to phone by the check page and sent anyway, or needed a call back: each
    report once).

    Not clamped at zero: if more reports cost a call than would have been calls, the portal
    created work, and the figure should say so.
    """
    return completed * share - called_anyway
