"""Erlang C: what a number of calls, a handle time and a number of operators mean for waiting.

Pure functions, no Django. Erlang B is computed with its recursion
B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)), which never forms A^N or N! and therefore stays
stable for thousands of operators; Erlang C follows from it:
C = N·B / (N − A·(1 − B)). With N ≤ A the queue grows without bound: every caller waits
(C = 1), the average speed of answer is infinite and the service level is 0.
"""
from __future__ import annotations

import math
from dataclasses import dataclass


def traffic_intensity(*, calls_per_hour: float, handle_seconds: float) -> float:
    """Offered load in erlangs: the number of operators busy on average."""
    if calls_per_hour < 0 or handle_seconds < 0:
        raise ValueError("calls and handle time cannot be negative")
    return calls_per_hour * handle_seconds / 3600.0


def erlang_b(*, traffic: float, agents: int) -> float:
    """Probability that all ``agents`` are busy in a loss system (Erlang B)."""
    if agents < 0:
        raise ValueError("agents cannot be negative")
    blocking = 1.0
    for n in range(1, agents + 1):
        blocking = traffic * blocking / (n + traffic * blocking)
    return blocking


def erlang_c(*, traffic: float, agents: int) -> float:
    """Probability that a caller has to wait (Erlang C); 1 when agents ≤ traffic."""
    if traffic <= 0:
        return 0.0
    if agents <= traffic:
        return 1.0
    blocking = erlang_b(traffic=traffic, agents=agents)
    return _c_from_b(blocking, traffic, agents)


def _c_from_b(blocking: float, traffic: float, agents: int) -> float:
    return agents * blocking / (agents - traffic * (1 - blocking))


def average_speed_of_answer(*, traffic: float, agents: int, handle_seconds: float) -> float:
    """Mean wait in seconds over all callers: C·AHT / (N − A); ``math.inf`` when N ≤ A."""
    if traffic <= 0:
        return 0.0
    if agents <= traffic:
        return math.inf
    return erlang_c(traffic=traffic, agents=agents) * handle_seconds / (agents - traffic)


def service_level(*, traffic: float, agents: int, handle_seconds: float, target_seconds: float) -> float:
    """P(wait ≤ target): 1 − C·exp(−(N − A)·t / AHT); 0 when N ≤ A."""
    if traffic <= 0:
        return 1.0
    if agents <= traffic:
        return 0.0
    wait = erlang_c(traffic=traffic, agents=agents)
    return 1.0 - wait * math.exp(-(agents - traffic) * target_seconds / handle_seconds)


def agents_needed(
    *, traffic: float, handle_seconds: float, target_seconds: float, target_level: float, limit: int = 100_000
) -> int | None:
    """The smallest number of operators whose service level reaches ``target_level``.

    Walks N upwards from ⌊A⌋ + 1 carrying Erlang B along, so the whole search is one pass.
    Returns None if even ``limit`` operators would not do (a target level of 1, say).
    """
    if traffic <= 0:
        return 0
    start = math.floor(traffic) + 1
    blocking = erlang_b(traffic=traffic, agents=start - 1)
    for agents in range(start, limit + 1):
        blocking = traffic * blocking / (agents + traffic * blocking)
        wait = _c_from_b(blocking, traffic, agents)
        level = 1.0 - wait * math.exp(-(agents - traffic) * target_seconds / handle_seconds)
        if level >= target_level:
            return agents
    return None


@dataclass(frozen=True)
class QueueState:
    calls_per_hour: float
    traffic: float
    agents: int
    wait_probability: float
    average_speed_of_answer: float  # seconds; math.inf when the queue grows without bound
    service_level: float
    agents_needed: int | None  # for the target service level
    handle_seconds: float = math.nan
    abandonment: ErlangA | None = None  # Erlang A at the same operators, when a patience is given


def queue_state(
    *, calls_per_hour: float, handle_seconds: float, agents: int, target_seconds: float, target_level: float,
    patience_seconds: float | None = None,
) -> QueueState:
    traffic = traffic_intensity(calls_per_hour=calls_per_hour, handle_seconds=handle_seconds)
    abandonment = None
    if patience_seconds and handle_seconds > 0:
        abandonment = erlang_a(calls_per_hour=calls_per_hour, handle_seconds=handle_seconds, agents=agents,
                               patience_seconds=patience_seconds)
    return QueueState(
        handle_seconds=handle_seconds,
        abandonment=abandonment,
        calls_per_hour=calls_per_hour,
        traffic=traffic,
        agents=agents,
        wait_probability=erlang_c(traffic=traffic, agents=agents),
        average_speed_of_answer=average_speed_of_answer(
            traffic=traffic, agents=agents, handle_seconds=handle_seconds
        ),
        service_level=service_level(
            traffic=traffic, agents=agents, handle_seconds=handle_seconds, target_seconds=target_seconds
        ),
        agents_needed=agents_needed(
            traffic=traffic, handle_seconds=handle_seconds, target_seconds=target_seconds,
            target_level=target_level,
        ),
    )


@dataclass(frozen=True)
class Deflection:
    before: QueueState
    after: QueueState
    operators_worth: int | None  # agents needed before − after, at the same service level
    deflected_handle_seconds: float = math.nan  # the handle time the avoided calls left with


def deflection_compare(
    *, calls_per_hour: float, deflected_per_hour: float, handle_seconds: float, agents: int,
    target_seconds: float, target_level: float, deflected_handle_seconds: float | None = None,
    patience_seconds: float | None = None,
) -> Deflection:
    """The line without the e-services (``calls_per_hour``) and with them (minus the deflected).

    The deflected calls leave with *their own* handle time (``deflected_handle_seconds``, the
    same minutes that give operator hours freed), so the traffic removed is exactly the hours
    freed: A_after = (λ·h − λ_d·h_d) / 3600. The remaining calls keep the rest of the work, so
    their average handle time is A_after·3600 / (λ − λ_d). ``operators_worth`` is how many fewer
    operators reach the same target service level once the deflected calls are gone.
    """
    common = {"agents": agents, "target_seconds": target_seconds, "target_level": target_level,
              "patience_seconds": patience_seconds}
    before = queue_state(calls_per_hour=calls_per_hour, handle_seconds=handle_seconds, **common)
    if deflected_handle_seconds is None or math.isnan(deflected_handle_seconds):
        deflected_handle_seconds = handle_seconds
    remaining = max(0.0, calls_per_hour - deflected_per_hour)
    work = max(0.0, calls_per_hour * handle_seconds - deflected_per_hour * deflected_handle_seconds)
    after_handle = work / remaining if remaining > 0 and work > 0 else handle_seconds
    if work <= 0:
        remaining = 0.0
    after = queue_state(calls_per_hour=remaining, handle_seconds=after_handle, **common)
    worth = None
    if before.agents_needed is not None and after.agents_needed is not None:
        worth = before.agents_needed - after.agents_needed
    return Deflection(before=before, after=after, operators_worth=worth,
                      deflected_handle_seconds=deflected_handle_seconds)


# -- Erlang A: callers who hang up -----------------------------------------------------------
@dataclass(frozen=True)
class ErlangA:
    """The M/M/N+M queue (Palm, "Erlang A"): exponential patience with mean ``patience`` s."""

    wait_probability: float  # P(all operators busy on arrival) = P(wait > 0)
    abandon_probability: float  # share of callers who hang up before an answer
    average_speed_of_answer: float  # mean wait in seconds over all callers (also those who hang up)
    queue_length: float  # mean number waiting


ERLANG_A_TAIL = 1e-15  # stop adding queue states once their weight is this small
ERLANG_A_MAX_QUEUE = 200_000  # a bound on the states summed (patience near infinite, overloaded)


def erlang_a(*, calls_per_hour: float, handle_seconds: float, agents: int, patience_seconds: float) -> ErlangA:
    """Erlang A from its birth–death chain, solved exactly (states summed until negligible).

    State j = callers in the system. Births at λ; deaths at min(j, N)·μ + max(j − N, 0)·θ with
    μ = 1/handle, θ = 1/patience. The stationary weights are products of birth/death ratios,
    kept in logarithms (so 20,000 operators neither overflow nor underflow). Then, by PASTA
    and Little: P(wait) = P(j ≥ N), E[queue] = Σ (j − N)·π_j, P(abandon) = θ·E[queue] / λ,
    mean wait = E[queue] / λ. With infinite patience it is Erlang C (where N > A).
    """
    if agents < 0 or handle_seconds <= 0 or patience_seconds <= 0 or calls_per_hour < 0:
        raise ValueError("agents, handle time and patience must be positive")
    lam = calls_per_hour / 3600.0
    if lam == 0:
        return ErlangA(0.0, 0.0, 0.0, 0.0)
    mu, theta = 1.0 / handle_seconds, 1.0 / patience_seconds
    logs = [0.0]  # log weight of state 0
    for j in range(1, agents + 1):
        logs.append(logs[-1] + math.log(lam / (j * mu)))
    queue_logs: list[float] = []
    current = logs[-1]
    k = 0
    top = max(logs)
    while True:
        k += 1
        current += math.log(lam / (agents * mu + k * theta))
        queue_logs.append(current)
        top = max(top, current)
        if (current - top < math.log(ERLANG_A_TAIL) and lam < agents * mu + k * theta) or k >= ERLANG_A_MAX_QUEUE:
            break
    weights = [math.exp(v - top) for v in logs]
    queue_weights = [math.exp(v - top) for v in queue_logs]
    total = sum(weights) + sum(queue_weights)
    wait = (weights[-1] + sum(queue_weights)) / total
    queue_length = sum((i + 1) * w for i, w in enumerate(queue_weights)) / total
    return ErlangA(
        wait_probability=wait,
        abandon_probability=theta * queue_length / lam,
        average_speed_of_answer=queue_length / lam,
        queue_length=queue_length,
    )


def full_time_equivalents(*, operator_hours: float, hours_per_fte: float) -> float:
    """Operator hours expressed as full-time staff: hours / productive hours of one FTE."""
    if hours_per_fte <= 0:
        raise ValueError("hours per FTE must be positive")
    return operator_hours / hours_per_fte
