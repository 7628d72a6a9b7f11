"""Two app servers behind HAProxy behave as one site: what a visitor or an editor does through
one server holds on the other, a server can stop under load, and a database outage gives the
help-first page on both. See conftest.py for how the cluster is started."""

import os
import signal
import threading
import time
from urllib.parse import quote

import pytest

from tests.resources.factories import ResourceFactory

from .conftest import WAIT_SECONDS, get_from, make_staff, other, post_form, sign_in

pytestmark = pytest.mark.cluster


def test_signed_in_through_one_server_is_signed_in_on_the_other(cluster):
    user = make_staff("sessions")
    browser = cluster.session()
    password_server, code_server = sign_in(cluster, browser, user)

    # Whichever server answers next, the visitor is still signed in: the session is shared.
    for server in (other(code_server), code_server):
        page = get_from(cluster, browser, "/admin/", server)
        assert page.status_code == 200, server
        assert "Dashboard" in page.text and "Log out" in page.text


def test_failed_sign_ins_over_both_servers_lock_the_account_on_both(cluster):
    from axes.models import AccessAttempt

    user = make_staff("lockout")
    browser = cluster.session()
    # A made-up address: HAProxy replaces it with the one it saw.
    browser.headers["X-Forwarded-For"] = "198.51.100.1"
    wrong = {"username": user.username, "password": "not the password", "next": "/admin/"}
    answered = []
    try:
        for server in ("app1", "app2", "app1", "app2"):
            attempt = post_form(cluster, browser, "/admin/login/", wrong, on=server)
            assert attempt.status_code == 200, "refused before the fifth failure"
            answered.append(attempt.headers["X-App-Server"])
        fifth = post_form(cluster, browser, "/admin/login/", wrong, on="app1")
        answered.append(fifth.headers["X-App-Server"])
        assert fifth.status_code == 429
        assert set(answered) == {"app1", "app2"}, "the failures were not spread over both"
        attempt = AccessAttempt.objects.get(username=user.username)
        assert (attempt.failures_since_start, attempt.ip_address) == (5, "127.0.0.1")

        # Now even the right password is refused, on either server.
        right = {**wrong, "password": "a long and unusual passphrase 4 staff"}
        refused_by = set()
        for server in ("app1", "app2"):
            response = post_form(cluster, browser, "/admin/login/", right, on=server)
            assert response.status_code == 429
            assert "Too many sign-in attempts" in response.text
            refused_by.add(response.headers["X-App-Server"])
        assert refused_by == {"app1", "app2"}
        assert "sessionid" not in browser.cookies
    finally:
        # The lock also holds the tests' address: lift it for the tests that follow.
        AccessAttempt.objects.all().delete()


def test_a_file_uploaded_through_one_server_downloads_through_the_other(cluster):
    from tests.editors.conftest import form_data
    from tests.editors.test_uploads import SAMPLES

    resource = ResourceFactory(
        lesson_pack=True, title="Cluster lesson pack", slug="cluster-lesson-pack"
    )
    resource.key_stages.set(["ks3"])
    user = make_staff("uploads")
    browser = cluster.session()
    sign_in(cluster, browser, user)

    change = f"/admin/resources/resource/{resource.pk}/change/"
    form = browser.get(cluster.url + change)
    data = form_data(form, "resource_form")
    data.update(
        {
            "files-TOTAL_FORMS": ["1"],
            "files-0-title": ["Lesson plan"],
            "files-0-order": ["0"],
        }
    )
    upload = browser.post(
        cluster.url + change,
        data=data,
        files={"files-0-file": ("Week 1 plan.docx", SAMPLES["plan.docx"])},
        headers={"Referer": cluster.url + change},
        allow_redirects=False,
    )
    assert upload.status_code == 302, upload.text[-2000:]
    uploaded_by = upload.headers["X-App-Server"]

    stored = resource.files.get()
    # In the private bucket, under a generated name; nothing on the app servers' disks.
    keys = [item["Key"] for item in cluster.s3.list_objects_v2(Bucket="portal-cluster-tests")
            ["Contents"]]  # fmt: skip
    assert f"media/{stored.file.name}" in keys
    assert "Week" not in stored.file.name
    acl = cluster.s3.get_object_acl(Bucket="portal-cluster-tests", Key=f"media/{stored.file.name}")
    assert not any("AllUsers" in str(grant["Grantee"]) for grant in acl["Grants"])

    download = get_from(cluster, cluster.session(), stored.get_absolute_url(), other(uploaded_by))
    assert download.status_code == 200
    assert download.content == SAMPLES["plan.docx"]
    assert download.headers["Content-Disposition"] == ('attachment; filename="Week 1 plan.docx"')


def test_an_edit_through_one_server_shows_on_the_other_at_once(cluster):
    resource = ResourceFactory(draft=True, title="Waiting for approval", slug="cluster-edit")
    resource.key_stages.set(["ks4"])
    user = make_staff("edits")
    visitor = cluster.session()
    # Both servers have the list's counts cached before the edit.
    before = {
        server: get_from(cluster, visitor, "/resources/?key_stage=ks4", server).text
        for server in ("app1", "app2")
    }
    assert all("Waiting for approval" not in html for html in before.values())

    editor = cluster.session()
    sign_in(cluster, editor, user)
    from tests.editors.conftest import form_data

    change = f"/admin/resources/resource/{resource.pk}/change/"
    data = form_data(editor.get(cluster.url + change), "resource_form")
    data["status"] = ["published"]
    saved = editor.post(
        cluster.url + change, data=data, headers={"Referer": cluster.url + change},
        allow_redirects=False,
    )  # fmt: skip
    assert saved.status_code == 302, saved.text[-2000:]
    edited_on = saved.headers["X-App-Server"]

    after = get_from(cluster, visitor, "/resources/?key_stage=ks4", other(edited_on)).text
    assert "Waiting for approval" in after
    assert "1 resource" in after  # the cached count was replaced, not served for 60 s
    assert "0 resources" in before[other(edited_on)]


def test_stopping_an_app_server_under_load_loses_no_request_beyond_those_it_was_serving(
    cluster,
):
    ResourceFactory(title="Under load", slug="under-load")
    failures, served_by, lock = [], [], threading.Lock()
    stop_load = threading.Event()

    def visitor():
        session = cluster.session()
        while not stop_load.is_set():
            try:
                response = session.get(cluster.url + "/resources/", timeout=15)
                outcome = response.status_code, response.headers.get("X-App-Server")
            except Exception as error:  # a lost request, whatever the cause
                outcome = type(error).__name__, None
            with lock:
                if outcome[0] == 200:
                    served_by.append((time.monotonic(), outcome[1]))
                else:
                    failures.append((time.monotonic(), outcome))

    def served_since(moment):
        with lock:
            return [server for at, server in served_by if at > moment]

    def wait_for_answers(moment, expected, count=20):
        # At least ``count`` answers, and until the servers expected have all answered: just
        # after a server comes back, the first answers can all come from one of the two while
        # the other works through the requests it queued alone. A server that should not answer
        # shows in the set whenever it does.
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            answers = served_since(moment)
            if len(answers) >= count and set(answers) == expected:
                break
            time.sleep(0.1)
        return set(served_since(moment))

    threads = [threading.Thread(target=visitor, daemon=True) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        assert wait_for_answers(0, {"app1", "app2"}) == {"app1", "app2"}

        # A graceful stop (SIGTERM): requests in hand are finished, new ones go to app1.
        cluster.command("stop-app", "2")
        cluster.wait_for_states({"app1": "UP", "app2": "DOWN"})
        out = time.monotonic()
        assert wait_for_answers(out, {"app1"}) == {"app1"}

        # Back again: the health check puts it back in turn.
        cluster.command("start-app", "2")
        cluster.wait_for_states({"app1": "UP", "app2": "UP"})
        back = time.monotonic()
        assert wait_for_answers(back, {"app1", "app2"}) == {"app1", "app2"}

        # A crash (SIGKILL to every process of app1): the requests it was serving may die with
        # it (HAProxy resends those whose answer had not begun), and no others.
        pid = cluster.state()["pids"]["app1"]
        crash = time.monotonic()
        os.killpg(pid, signal.SIGKILL)
        cluster.wait_for_states({"app1": "DOWN", "app2": "UP"})
        cluster.command("start-app", "1")
        cluster.wait_for_states({"app1": "UP", "app2": "UP"})
    finally:
        stop_load.set()
        for thread in threads:
            thread.join(timeout=20)
    assert [outcome for at, outcome in failures if at < crash] == [], "lost in a graceful stop"
    # At most one request per worker of the crashed server (each serves one at a time).
    assert len(failures) <= 2, failures
    assert len(served_by) > 50


def test_without_the_database_both_servers_give_the_help_page_and_recover(cluster):
    from tests.referrals.factories import ContactRouteFactory

    ContactRouteFactory(
        featured=True, label="Family helpline", number="+441632960777", service__name="Helpers"
    )
    # What an app server does at start (and cron hourly): the snapshot into Redis and disk.
    cluster.command("manage", "refresh_helpline_snapshot")
    browser = cluster.session()
    # Not one of the pages asked for below: the page cache would give that one back for the
    # rest of the minute, outage or not (the right page for that minute, but not this test).
    assert browser.get(cluster.url + "/help/?audience=parent").status_code == 200

    cluster.database_proxy.cut()
    try:
        answered = set()
        deadline = time.monotonic() + WAIT_SECONDS
        both_down = {"app1": "DOWN", "app2": "DOWN"}
        while time.monotonic() < deadline and (
            answered != {"app1", "app2"} or cluster.server_states() != both_down
        ):
            for path in ("/", "/help/", "/resources/?key_stage=ks3", "/search/?q=consent"):
                started = time.monotonic()
                response = browser.get(cluster.url + path)
                assert time.monotonic() - started < 5, f"{path} took too long"
                assert response.status_code == 503, path
                assert 'call <a href="tel:999">999</a>' in response.text
                # The portal's own page with the helplines, not the load balancer's.
                assert "01632 960777" in response.text and "tel:+441632960777" in response.text
                assert response.headers["Retry-After"].isdigit()
                answered.add(response.headers["X-App-Server"])
        assert answered == {"app1", "app2"}
        # Readiness failed on both: HAProxy took them out, and sends visitors to them anyway.
        assert cluster.server_states() == {"app1": "DOWN", "app2": "DOWN"}
        assert cluster.server_states("portal_unready") == {"app1": "UP", "app2": "UP"}
    finally:
        cluster.database_proxy.restore()

    cluster.wait_for_states({"app1": "UP", "app2": "UP"})
    for server in ("app1", "app2"):
        for path in ("/", "/help/"):
            assert get_from(cluster, browser, path, server).status_code == 200


def test_plain_http_is_sent_to_https(cluster):
    import requests

    port = cluster.state()["http_port"]
    url = f"http://127.0.0.1:{port}/help/?q={quote('a b')}"
    response = requests.Session()
    response.trust_env = False
    response = response.get(url, allow_redirects=False)
    assert response.status_code == 301
    assert response.headers["Location"].startswith("https://")
    assert response.headers["Location"].endswith("/help/?q=a%20b")


def test_the_example_load_balancer_settings_make_a_valid_configuration(cluster):
    """deploy/haproxy.env.example with deploy/haproxy.cfg is what a council installs."""
    import subprocess
    from pathlib import Path

    deploy = Path(__file__).resolve().parents[2] / "deploy"
    settings = dict(
        line.split("=", 1)
        for line in (deploy / "haproxy.env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )
    # Paths that exist only on a real load balancer, pointed at this machine's equivalents
    # (the `haproxy` user is the Debian package's).
    settings.update(
        PORTAL_LB_CERT=cluster.cert,
        PORTAL_LB_ERRORFILE=str(deploy / "haproxy-503.http"),
        PORTAL_LB_ADMIN_SOCKET=str(cluster.state_dir / "check.sock"),
    )
    check = subprocess.run(
        ["haproxy", "-c", "-f", str(deploy / "haproxy.cfg")],
        env={"PATH": os.environ["PATH"], **settings},
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Configuration file is valid" in check.stdout


def test_the_servers_are_given_different_ports(monkeypatch):
    """Every port bin/cluster chooses is different, even when the system keeps handing out
    the one it just freed (a CI run once gave HAProxy the first app server's port)."""
    from .conftest import cluster_script

    names = [f"CLUSTER_TEST_PORT_{n}" for n in range(6)]
    for name in names:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(names[0], "8443")
    ports = cluster_script.ports_from_env(*names)
    assert ports[names[0]] == 8443
    assert len(set(ports.values())) == len(names)
