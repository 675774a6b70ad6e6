"""A small concurrent keep-alive HTTP load loop, standard library only.

``load(host, port, path, duration=3, threads=4)`` has ``threads`` threads each hold one
keep-alive ``http.client`` connection and request ``path`` back to back for ``duration``
seconds; it returns the requests per second and the latency percentiles. A request that
fails or answers a status other than the expected one is counted as an error (and the
connection is opened again); its latency is left out of the figures.
"""

import http.client
import statistics
import threading
import time
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class LoadResult:
    path: str
    duration_s: float
    threads: int
    requests: int
    errors: int
    statuses: dict
    requests_per_s: float
    p50_ms: float | None
    p95_ms: float | None
    mean_bytes: int

    def as_dict(self):
        return asdict(self)


def percentile(values, fraction):
    """Return the ``fraction`` percentile of ``values`` (nearest rank), None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


def _worker(host, port, path, *, headers, deadline, expected, out, timeout):
    latencies, statuses, errors, sizes = [], {}, 0, []
    connection = None
    while time.perf_counter() < deadline:
        if connection is None:
            connection = http.client.HTTPConnection(host, port, timeout=timeout)
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            connection = None
            continue
        elapsed = time.perf_counter() - started
        statuses[response.status] = statuses.get(response.status, 0) + 1
        if response.status == expected:
            latencies.append(elapsed)
            sizes.append(len(body))
        else:
            errors += 1
        if response.will_close:
            connection.close()
            connection = None
    if connection is not None:
        connection.close()
    out.append((latencies, statuses, errors, sizes))


def load(host, port, path, *, duration=3.0, threads=4, headers=None, expected=200, timeout=30):
    """Request ``path`` from ``threads`` keep-alive connections for ``duration`` seconds."""
    headers = {"Host": f"{host}", "Connection": "keep-alive", **(headers or {})}
    out = []
    started = time.perf_counter()
    deadline = started + duration
    workers = [
        threading.Thread(
            target=_worker,
            args=(host, port, path),
            kwargs={
                "headers": headers,
                "deadline": deadline,
                "expected": expected,
                "out": out,
                "timeout": timeout,
            },
            daemon=True,
        )
        for _index in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    latencies = [value for result in out for value in result[0]]
    statuses = {}
    for result in out:
        for status, count in result[1].items():
            statuses[status] = statuses.get(status, 0) + count
    sizes = [value for result in out for value in result[3]]
    p50, p95 = percentile(latencies, 0.50), percentile(latencies, 0.95)
    return LoadResult(
        path=path,
        duration_s=round(elapsed, 3),
        threads=threads,
        requests=len(latencies),
        errors=sum(result[2] for result in out),
        statuses={str(status): count for status, count in sorted(statuses.items())},
        requests_per_s=round(len(latencies) / elapsed, 1) if elapsed else 0.0,
        p50_ms=None if p50 is None else round(p50 * 1000, 2),
        p95_ms=None if p95 is None else round(p95 * 1000, 2),
        mean_bytes=int(statistics.fmean(sizes)) if sizes else 0,
    )
