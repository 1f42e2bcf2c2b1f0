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


def queue_state(
    *, calls_per_hour: float, handle_seconds: float, agents: int, target_seconds: float, target_level: float
) -> QueueState:
    traffic = traffic_intensity(calls_per_hour=calls_per_hour, handle_seconds=handle_seconds)
    return QueueState(
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


def deflection_compare(
    *, calls_per_hour: float, deflected_per_hour: float, handle_seconds: float, agents: int,
    target_seconds: float, target_level: float,
) -> Deflection:
    """The line without the e-services (``calls_per_hour``) and with them (minus the deflected).

    ``operators_worth`` is how many fewer operators reach the same target service level once
    the deflected calls are gone.
    """
    common = {
        "handle_seconds": handle_seconds, "agents": agents,
        "target_seconds": target_seconds, "target_level": target_level,
    }
    before = queue_state(calls_per_hour=calls_per_hour, **common)
    after = queue_state(calls_per_hour=max(0.0, calls_per_hour - deflected_per_hour), **common)
    worth = None
    if before.agents_needed is not None and after.agents_needed is not None:
        worth = before.agents_needed - after.agents_needed
    return Deflection(before=before, after=after, operators_worth=worth)
