"""Checking external links: does each address still answer, and where does it lead?

``check_url`` asks one address with the standard library only: HEAD first (cheap), then GET
when a server refuses or mishandles HEAD. Redirects are followed one hop at a time, so every
hop is recorded and a loop is caught. ``check_urls`` checks many at once with a bounded pool
of threads, each request with its own time limit and the whole run with a deadline.
"""

import dataclasses
import socket
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor, as_completed
from urllib.parse import urljoin, urlsplit

MAX_REDIRECTS = 10
USER_AGENT = "SafeguardingPortalLinkChecker/1.0 (+checks that links for families still work)"
# Some servers answer HEAD with these though GET works: ask again with GET.
RETRY_WITH_GET = {400, 403, 404, 405, 406, 429, 500, 501, 502, 503}


@dataclasses.dataclass
class LinkResult:
    url: str
    ok: bool
    status_code: int | None = None
    error: str = ""
    final_url: str = ""
    redirects: list = dataclasses.field(default_factory=list)
    # False when the run's deadline came first: the last stored result stands.
    checked: bool = True


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hand redirects back to us, so each hop is recorded and loops are caught."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _request(url: str, method: str, timeout: float) -> tuple[int, str | None]:
    """One request: its status and, for a redirect, where it points."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with _opener.open(request, timeout=timeout) as response:
            if method == "GET":
                response.read(1024)  # enough to know the body starts; never the whole file
            return response.status, None
    except urllib.error.HTTPError as error:
        location = error.headers.get("Location") if 300 <= error.code < 400 else None
        error.close()
        return error.code, location


def _follow(url: str, method: str, timeout: float) -> LinkResult:
    redirects = []
    seen = {url}
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        status, location = _request(current, method, timeout)
        if location is None:
            return LinkResult(
                url=url,
                ok=200 <= status < 300,
                status_code=status,
                final_url=current,
                redirects=redirects,
            )
        current = urljoin(current, location)
        redirects.append({"status": status, "url": current})
        if current in seen:
            return LinkResult(
                url=url,
                ok=False,
                status_code=status,
                error="redirect loop",
                final_url=current,
                redirects=redirects,
            )
        seen.add(current)
        if urlsplit(current).scheme not in {"http", "https"}:
            return LinkResult(
                url=url,
                ok=False,
                status_code=status,
                error="redirects to a non-web address",
                final_url=current,
                redirects=redirects,
            )
    return LinkResult(
        url=url,
        ok=False,
        error=f"more than {MAX_REDIRECTS} redirects",
        final_url=current,
        redirects=redirects,
    )


def check_url(url: str, *, timeout: float = 10) -> LinkResult:
    """Check one address. Never raises: what went wrong is in ``error``, in words."""
    if urlsplit(url).scheme not in {"http", "https"}:
        return LinkResult(url=url, ok=False, error="not a web address (http or https)")
    try:
        result = _follow(url, "HEAD", timeout)
        if not result.ok and not result.error and result.status_code in RETRY_WITH_GET:
            result = _follow(url, "GET", timeout)
        return result
    except TimeoutError:
        return LinkResult(url=url, ok=False, error=f"no answer within {timeout:g} seconds")
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            return LinkResult(url=url, ok=False, error=f"no answer within {timeout:g} seconds")
        if isinstance(reason, ConnectionRefusedError):
            return LinkResult(url=url, ok=False, error="connection refused")
        if isinstance(reason, socket.gaierror):
            return LinkResult(url=url, ok=False, error="no such server (DNS)")
        return LinkResult(url=url, ok=False, error=f"could not connect: {reason}"[:300])
    except (OSError, ValueError) as error:
        # Dropped connections, TLS failures, malformed answers.
        return LinkResult(url=url, ok=False, error=f"failed: {error}"[:300])


def check_urls(
    urls, *, workers: int = 8, timeout: float = 10, deadline: float | None = None
) -> list[LinkResult]:
    """Check many addresses, ``workers`` at a time. Addresses not reached before ``deadline``
    seconds are reported as not checked, so one slow run never blocks the next cron job."""
    urls = list(dict.fromkeys(urls))
    results = {}
    started = time.monotonic()
    pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="check_links")
    try:
        futures = {pool.submit(check_url, url, timeout=timeout): url for url in urls}
        remaining = None if deadline is None else max(0.0, deadline - (time.monotonic() - started))
        try:
            for future in as_completed(futures, timeout=remaining):
                results[futures[future]] = future.result()
        except TimeoutError:
            pass
    finally:
        # Requests already running end by their own time limit; queued ones never start.
        pool.shutdown(wait=False, cancel_futures=True)
    return [
        results.get(url) or LinkResult(url=url, ok=False, error="not checked", checked=False)
        for url in urls
    ]
