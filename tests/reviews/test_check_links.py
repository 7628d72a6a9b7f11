"""check_links against a local server this test starts: never the internet."""

import io
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse

from portal.reviews.links import check_url, check_urls
from portal.reviews.models import LinkCheck
from tests.referrals.factories import ContactRouteFactory, ServiceFactory
from tests.resources.factories import ResourceFactory, ResourceLinkFactory


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _answer(self, body: bool):
        path = self.path.split("?")[0]
        if path == "/ok":
            self._send(200, body)
        elif path == "/missing":
            self._send(404, body)
        elif path == "/broken":
            self._send(500, body)
        elif path == "/no-head":
            self._send(405 if self.command == "HEAD" else 200, body)
        elif path == "/moved":
            self._redirect(301, "/ok")
        elif path == "/loop":
            self._redirect(302, "/loop-again")
        elif path == "/loop-again":
            self._redirect(302, "/loop")
        elif path == "/slow":
            time.sleep(3)
            self._send(200, body)
        else:
            self._send(404, body)

    def _send(self, status, body):
        payload = b"hello"
        self.send_response(status)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if body:
            self.wfile.write(payload)

    def _redirect(self, status, location):
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self._answer(body=False)

    def do_GET(self):
        self._answer(body=True)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def refused_url():
    # A port that was free a moment ago and has nobody listening.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def test_a_working_link_is_ok(server):
    result = check_url(f"{server}/ok", timeout=2)
    assert (result.ok, result.status_code, result.redirects) == (True, 200, [])


def test_missing_and_failing_pages_are_broken(server):
    assert (check_url(f"{server}/missing", timeout=2).status_code, False) == (404, False)
    broken = check_url(f"{server}/broken", timeout=2)
    assert (broken.ok, broken.status_code) == (False, 500)


def test_a_server_that_refuses_head_is_asked_with_get(server):
    result = check_url(f"{server}/no-head", timeout=2)
    assert (result.ok, result.status_code) == (True, 200)


def test_redirects_are_followed_and_recorded(server):
    result = check_url(f"{server}/moved", timeout=2)
    assert result.ok
    assert result.final_url == f"{server}/ok"
    assert result.redirects == [{"status": 301, "url": f"{server}/ok"}]


def test_a_redirect_loop_is_broken(server):
    result = check_url(f"{server}/loop", timeout=2)
    assert (result.ok, result.error) == (False, "redirect loop")
    assert len(result.redirects) == 2


def test_a_server_that_hangs_times_out(server):
    started = time.monotonic()
    result = check_url(f"{server}/slow", timeout=0.5)
    assert not result.ok
    assert result.error == "no answer within 0.5 seconds"
    assert time.monotonic() - started < 2.5


def test_a_refused_connection_is_broken(refused_url):
    result = check_url(refused_url, timeout=2)
    assert (result.ok, result.error) == (False, "connection refused")


def test_only_web_addresses_are_fetched():
    assert check_url("file:///etc/passwd").error == "not a web address (http or https)"


def test_many_links_are_checked_at_once_within_a_deadline(server):
    urls = [f"{server}/slow?{n}" for n in range(4)] + [f"{server}/ok"]
    started = time.monotonic()
    results = check_urls(urls, workers=5, timeout=5, deadline=1)
    assert time.monotonic() - started < 2.5
    by_url = {result.url: result for result in results}
    assert by_url[f"{server}/ok"].ok
    # Not reached before the deadline: reported, and the last stored result stands.
    assert not by_url[f"{server}/slow?0"].checked


@pytest.mark.django_db
def test_check_links_stores_results_and_editors_see_broken_ones(server, refused_url, editor_client):
    resource = ResourceFactory(title="Consent lesson")
    ResourceLinkFactory(resource=resource, title="Slides", url=f"{server}/missing")
    ResourceLinkFactory(resource=resource, title="Video", url=f"{server}/ok")
    service = ServiceFactory(name="Parent line", website=f"{server}/moved")
    ContactRouteFactory(service=service, form=True, label="Referral form", url=refused_url)
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("check_links", "--timeout", "2", stdout=out)
    assert exit_.value.code == 1
    assert "2 broken" in out.getvalue()
    missing = LinkCheck.objects.get(url=f"{server}/missing")
    assert (missing.ok, missing.status_code) == (False, 404)
    assert missing.checked_at is not None
    moved = LinkCheck.objects.get(url=f"{server}/moved")
    assert (moved.ok, moved.final_url) == (True, f"{server}/ok")

    dashboard = editor_client.get(reverse("admin:index")).text
    assert "Consent lesson: Slides" in dashboard
    assert "Parent line: Referral form" in dashboard
    assert "connection refused" in dashboard
    assert "Consent lesson: Video" not in dashboard

    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("list_overdue", stdout=out)
    assert "Broken link (HTTP 404" in out.getvalue()
    assert "Consent lesson: Slides" in out.getvalue()


@pytest.mark.django_db
def test_check_links_with_nothing_broken_exits_0(server):
    ResourceLinkFactory(url=f"{server}/ok")
    out = io.StringIO()
    call_command("check_links", "--timeout", "2", stdout=out)
    assert "Checked 1 link(s): 0 broken." in out.getvalue()
