"""Erlang C against a published worked example and hand calculation, and its edge cases.

Worked example (callcentrehelper.com's Erlang C article and most textbooks): 100 calls per
30 minutes (200 per hour), 3-minute (180 s) handle time, so A = 200 × 180 / 3600 = 10 erlangs,
14 agents, 20-second target.

By hand, Erlang B with the recursion B(n) = A·B(n−1) / (n + A·B(n−1)) for A = 10 gives
B(13) = 0.08434 and B(14) = 0.05682. Then
  C   = N·B / (N − A(1 − B)) = 14 × 0.05682 / (14 − 10 × 0.94318) = 0.79548 / 4.5682 = 0.1741
  ASA = C × AHT / (N − A) = 0.1741 × 180 / 4 = 7.83 s   (not 8.9 s: that figure does not hold)
  SL  = 1 − C·e^(−(N − A)·t / AHT) = 1 − 0.1741 × e^(−4 × 20 / 180) = 1 − 0.1741 × 0.6412 = 0.8884
With 13 agents, C = 13 × 0.08434 / (13 − 10 × 0.91566) = 1.09642 / 3.8434 = 0.2853 and
SL = 1 − 0.2853 × e^(−3 × 20 / 180) = 1 − 0.2853 × 0.7165 = 0.7956 < 0.80, so 14 agents are
the fewest that reach 80% in 20 s.
"""

import math

import pytest

from reports.analytics import queue_model as q


def test_traffic_intensity():
    assert q.traffic_intensity(calls_per_hour=200, handle_seconds=180) == pytest.approx(10.0)


def test_worked_example_wait_probability():
    assert q.erlang_c(traffic=10.0, agents=14) == pytest.approx(0.1741, abs=0.0005)


def test_worked_example_service_level():
    assert q.service_level(traffic=10.0, agents=14, handle_seconds=180, target_seconds=20) == pytest.approx(
        0.8884, abs=0.0005
    )


def test_worked_example_average_speed_of_answer():
    assert q.average_speed_of_answer(traffic=10.0, agents=14, handle_seconds=180) == pytest.approx(7.83, abs=0.02)


def test_erlang_b_by_hand_small_case():
    # A = 1, N = 2: B(1) = 1/2, B(2) = (1 × 1/2) / (2 + 1/2) = 0.2
    assert q.erlang_b(traffic=1.0, agents=2) == pytest.approx(0.2)
    # C = 2 × 0.2 / (2 − 1 × 0.8) = 0.4 / 1.2 = 1/3
    assert q.erlang_c(traffic=1.0, agents=2) == pytest.approx(1 / 3)


def test_thirteen_agents_miss_and_fourteen_meet_eighty_in_twenty():
    assert q.service_level(traffic=10.0, agents=13, handle_seconds=180, target_seconds=20) == pytest.approx(
        0.7956, abs=0.0005
    )
    assert q.agents_needed(traffic=10.0, handle_seconds=180, target_seconds=20, target_level=0.8) == 14


@pytest.mark.parametrize("agents", [5, 9, 10])
def test_agents_at_or_below_traffic_always_wait(agents):
    assert q.erlang_c(traffic=10.0, agents=agents) == 1.0
    assert math.isinf(q.average_speed_of_answer(traffic=10.0, agents=agents, handle_seconds=180))
    assert q.service_level(traffic=10.0, agents=agents, handle_seconds=180, target_seconds=20) == 0.0


def test_no_traffic_no_wait():
    assert q.erlang_c(traffic=0.0, agents=3) == 0.0
    assert q.average_speed_of_answer(traffic=0.0, agents=3, handle_seconds=180) == 0.0
    assert q.service_level(traffic=0.0, agents=3, handle_seconds=180, target_seconds=0) == 1.0


def test_stable_for_hundreds_of_agents():
    # A^N / N! would overflow a float long before N = 800; the recursion does not.
    wait = q.erlang_c(traffic=750.0, agents=800)
    assert 0.0 < wait < 1.0
    needed = q.agents_needed(traffic=750.0, handle_seconds=600, target_seconds=20, target_level=0.8)
    assert 750 < needed < 800
    level = q.service_level(traffic=750.0, agents=needed, handle_seconds=600, target_seconds=20)
    below = q.service_level(traffic=750.0, agents=needed - 1, handle_seconds=600, target_seconds=20)
    assert below < 0.8 <= level


def test_unreachable_target_gives_none_not_an_exception():
    # 80% in 20 s needs 14 agents (above): a search capped at 13 finds none.
    assert q.agents_needed(traffic=10.0, handle_seconds=180, target_seconds=20, target_level=0.8, limit=13) is None


def test_deflection_before_and_after():
    # Without the e-services 200 calls/h (A = 10), the e-services take 40 calls/h (A = 8).
    result = q.deflection_compare(
        calls_per_hour=200,
        deflected_per_hour=40,
        handle_seconds=180,
        agents=14,
        target_seconds=20,
        target_level=0.8,
    )
    assert result.before.wait_probability == pytest.approx(0.1741, abs=0.0005)
    assert result.after.traffic == pytest.approx(8.0)
    assert result.after.wait_probability < result.before.wait_probability
    assert result.before.agents_needed == 14
    # A = 8: B(10) = 0.12166, B(11) = 0.08129 by the recursion.
    # 11 agents: C = 11 × 0.08129 / (11 − 8 × 0.91871) = 0.2450, SL = 1 − 0.2450 × e^(−1/3) = 0.8245 ≥ 0.8;
    # 10 agents: C = 10 × 0.12166 / (10 − 8 × 0.87834) = 0.4092, SL = 1 − 0.4092 × e^(−2/9) = 0.6724.
    # So 11 operators after, 14 before: the deflection is worth 3.
    assert q.erlang_c(traffic=8.0, agents=11) == pytest.approx(0.2450, abs=0.0005)
    assert q.service_level(traffic=8.0, agents=11, handle_seconds=180, target_seconds=20) == pytest.approx(
        0.8245, abs=0.0005
    )
    assert q.service_level(traffic=8.0, agents=10, handle_seconds=180, target_seconds=20) == pytest.approx(
        0.6724, abs=0.0005
    )
    assert result.after.agents_needed == 11
    assert result.operators_worth == 3


def test_deflection_larger_than_traffic_floors_at_zero_calls():
    result = q.deflection_compare(
        calls_per_hour=10,
        deflected_per_hour=50,
        handle_seconds=180,
        agents=2,
        target_seconds=20,
        target_level=0.8,
    )
    assert result.after.calls_per_hour == 0.0
    assert result.after.wait_probability == 0.0
    assert result.after.agents_needed == 0
