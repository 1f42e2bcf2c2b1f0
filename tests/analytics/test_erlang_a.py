"""Erlang A (M/M/N+M) against published values and an independent simulation.

Published references:

1. Poisson table. With patience equal to the handle time (θ = μ) every caller in the system
   leaves at the same rate whether waiting or served, so the number in the system is that of
   an M/M/∞ queue: Poisson with mean A. For A = 10 erlangs and N = 14 operators,
   P(wait) = P(X ≥ 14) = 1 − P(X ≤ 13) = 1 − 0.8645 = 0.1355 (the cumulative Poisson table,
   λ = 10, x = 13, e.g. any statistics textbook's appendix table of Poisson probabilities).
2. Erlang C limit. With (near) infinite patience nobody hangs up and Erlang A is Erlang C:
   the worked example in test_queue_model.py (callcentrehelper.com: 200 calls per hour,
   180 s handle time, 14 agents) gives C = 0.1741 and ASA = 7.83 s.

Independent check: a Gillespie simulation of the same birth–death chain (seeded), whose
time averages and counted hang-ups must agree with the exact solution.
"""

import math
import random

import pytest

from reports.analytics import queue_model as q


def test_patience_equal_to_handle_time_is_the_poisson_table_value():
    result = q.erlang_a(calls_per_hour=200, handle_seconds=180, agents=14, patience_seconds=180)
    assert result.wait_probability == pytest.approx(0.1355, abs=0.0001)
    # E[(X − 14)+] for X ~ Poisson(10), summed independently here; P(abandon) = θ·E[queue]/λ
    tail = sum((k - 14) * math.exp(-10) * 10**k / math.factorial(k) for k in range(15, 80))
    assert result.queue_length == pytest.approx(tail, rel=1e-9)
    assert result.abandon_probability == pytest.approx((1 / 180) * tail / (200 / 3600), rel=1e-9)
    assert result.abandon_probability == pytest.approx(0.0187, abs=0.0001)


def test_infinite_patience_is_the_published_erlang_c_example():
    result = q.erlang_a(calls_per_hour=200, handle_seconds=180, agents=14, patience_seconds=1e9)
    assert result.wait_probability == pytest.approx(0.1741, abs=0.0005)
    assert result.average_speed_of_answer == pytest.approx(7.83, abs=0.01)
    assert result.abandon_probability < 1e-6


def test_overloaded_line_stays_finite_with_abandonment():
    # 650 calls per hour at 360 s is 65 erlangs; 50 operators cannot keep up. Erlang C says
    # the wait is infinite; with 300 s patience the queue settles and about a quarter hang up.
    result = q.erlang_a(calls_per_hour=650, handle_seconds=360, agents=50, patience_seconds=300)
    assert q.average_speed_of_answer(traffic=65, agents=50, handle_seconds=360) == math.inf
    assert result.abandon_probability == pytest.approx(0.2325, abs=0.0005)
    # Flow balance: answered work fills at most the 50 operators: λ(1 − P(ab))·h ≤ N
    assert 650 / 3600 * (1 - result.abandon_probability) * 360 <= 50


def _simulate(*, lam, mu, theta, agents, events, seed):
    """Gillespie simulation of the M/M/N+M chain: time in states ≥ N, arrivals, hang-ups."""
    rng = random.Random(seed)
    j, clock, busy_time, arrivals, hangups = 0, 0.0, 0.0, 0, 0
    for _ in range(events):
        serve, wait = min(j, agents) * mu, max(j - agents, 0) * theta
        total = lam + serve + wait
        dt = rng.expovariate(total)
        clock += dt
        if j >= agents:
            busy_time += dt
        u = rng.random() * total
        if u < lam:
            j += 1
            arrivals += 1
        elif u < lam + serve:
            j -= 1
        else:
            j -= 1
            hangups += 1
    return busy_time / clock, hangups / arrivals


@pytest.mark.parametrize(
    ("calls_per_hour", "handle", "agents", "patience"),
    [(200, 180, 14, 120), (200, 180, 9, 300)],  # a staffed line; an overloaded one (A = 10 > 9)
)
def test_exact_solution_agrees_with_a_simulation(calls_per_hour, handle, agents, patience):
    exact = q.erlang_a(calls_per_hour=calls_per_hour, handle_seconds=handle, agents=agents,
                       patience_seconds=patience)
    busy, abandoned = _simulate(lam=calls_per_hour / 3600, mu=1 / handle, theta=1 / patience,
                                agents=agents, events=1_500_000, seed=114)
    assert busy == pytest.approx(exact.wait_probability, abs=0.01)
    assert abandoned == pytest.approx(exact.abandon_probability, abs=0.01)


def test_erlang_a_rejects_nonsense():
    with pytest.raises(ValueError):
        q.erlang_a(calls_per_hour=100, handle_seconds=0, agents=3, patience_seconds=60)
    assert q.erlang_a(calls_per_hour=0, handle_seconds=180, agents=3, patience_seconds=60).wait_probability == 0


def test_full_time_equivalents():
    assert q.full_time_equivalents(operator_hours=3200, hours_per_fte=1600) == 2.0
