"""The production shape, started for real: ``bin/cluster`` (HAProxy in front of two gunicorn
app servers, a private redis-server) on the test database, with uploads in a local S3 server.

Everything listens on loopback, on free ports. The app servers reach PostgreSQL through a TCP
proxy the tests own (tests/support/tcp_proxy.py), so a test can take the database away without
touching the shared server; S3 is moto's server mode, in this process. The cluster is started
once for the module and stopped by a finalizer, whatever happens.

Rows are written with the ORM and committed at once (no test transaction), so the app servers
see them; the database is emptied when the module ends. Names are unique per test for that.

These tests need PostgreSQL, haproxy, redis-server and openssl. Where any is missing they skip
with a message, unless PORTAL_REQUIRE_CLUSTER=1 (set by .ci/run): then they fail instead, so CI
can never go green by quietly skipping them.
"""

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLUSTER_DIR = Path(__file__).parent
S3_BUCKET = "portal-cluster-tests"
PASSWORD = "a long and unusual passphrase 4 staff"
# Bounds on every wait: long enough for a loaded 2-core machine, short enough to fail fast.
WAIT_SECONDS = 20


def _load_cluster_module():
    spec = importlib.util.spec_from_file_location("portal_cluster", ROOT / "deploy" / "cluster.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cluster_script = _load_cluster_module()


def cluster_unavailable_reason() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return "Cluster tests run on PostgreSQL: set DATABASE_URL=postgres://..."
    missing = [tool for tool in ("haproxy", "redis-server", "openssl") if not shutil.which(tool)]
    if missing:
        return f"Cluster tests need {', '.join(missing)}: apt-get install haproxy redis-server"
    for package in ("moto", "requests", "storages", "redis"):
        if importlib.util.find_spec(package) is None:
            return f'Cluster tests need the Python package {package}: pip install -e ".[dev]"'
    return None


def pytest_collection_modifyitems(config, items):
    ours = [item for item in items if CLUSTER_DIR in Path(item.path).parents]
    reason = cluster_unavailable_reason()
    for item in ours:
        item.add_marker(pytest.mark.cluster)
        if reason and os.environ.get("PORTAL_REQUIRE_CLUSTER") != "1":
            item.add_marker(pytest.mark.skip(reason=reason))


# ------------------------------------------------------------------------------------------
# The cluster
# ------------------------------------------------------------------------------------------
@dataclass
class Cluster:
    url: str
    cert: str
    state_dir: Path
    database_proxy: object
    s3: object
    redis_url: str
    env: dict
    seen: dict = field(default_factory=dict)

    def state(self) -> dict:
        return json.loads((self.state_dir / "state.json").read_text())

    def command(self, *arguments: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, str(ROOT / "deploy" / "cluster.py"), *arguments],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )

    def server_states(self, backend: str = "portal") -> dict[str, str]:
        return cluster_script.server_states(self.state(), backend)

    def wait_for_states(self, wanted: dict[str, str], backend: str = "portal") -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            states = self.server_states(backend)
            if all(states.get(name) == status for name, status in wanted.items()):
                return
            time.sleep(0.2)
        raise AssertionError(f"HAProxy still shows {self.server_states(backend)}, not {wanted}")

    def session(self):
        import requests

        session = requests.Session()
        # Loopback only: no proxy from the environment, and our certificate rather than a CA
        # bundle named there (REQUESTS_CA_BUNDLE would win over ``verify``).
        session.trust_env = False
        session.verify = self.cert
        return session

    def flush_cache(self) -> None:
        import redis

        redis.Redis.from_url(self.redis_url).flushdb()


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker, tmp_path_factory, request):
    reason = cluster_unavailable_reason()
    if reason:
        pytest.fail(reason)  # only reached with PORTAL_REQUIRE_CLUSTER=1
    import boto3
    from django.db import connection
    from moto.server import ThreadedMotoServer

    from tests.support.seeding import reseed_migration_data
    from tests.support.tcp_proxy import TCPProxy

    # pytest-django runs these (no django_db mark) after the transactional tests, whose flush
    # may have emptied the seeded rows: start from what migrate leaves.
    with django_db_blocker.unblock():
        reseed_migration_data()

    settings_dict = connection.settings_dict
    proxy = TCPProxy(settings_dict["HOST"] or "127.0.0.1", int(settings_dict["PORT"] or 5432))
    proxy.start()
    request.addfinalizer(proxy.stop)

    s3 = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    s3.start()
    request.addfinalizer(s3.stop)
    s3_host, s3_port = s3.get_host_and_port()
    s3_env = {
        "S3_BUCKET": S3_BUCKET,
        "S3_ENDPOINT_URL": f"http://{s3_host}:{s3_port}",
        "S3_REGION": "eu-west-2",
        "S3_ACCESS_KEY_ID": "cluster-tests",
        "S3_SECRET_ACCESS_KEY": "cluster-tests-secret",
        "S3_ADDRESSING_STYLE": "path",
    }
    bucket = boto3.client(
        "s3",
        endpoint_url=s3_env["S3_ENDPOINT_URL"],
        region_name=s3_env["S3_REGION"],
        aws_access_key_id=s3_env["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=s3_env["S3_SECRET_ACCESS_KEY"],
    )
    bucket.create_bucket(
        Bucket=S3_BUCKET, CreateBucketConfiguration={"LocationConstraint": s3_env["S3_REGION"]}
    )
    bucket.put_public_access_block(
        Bucket=S3_BUCKET,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )

    state_dir = tmp_path_factory.mktemp("cluster")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("S3_", "CLUSTER_", "PORTAL_")) and key not in {"REDIS_URL"}
    }
    env.update(
        s3_env,
        CLUSTER_DIR=str(state_dir),
        DATABASE_URL=(
            f"postgres://{settings_dict['USER'] or 'root'}@127.0.0.1:{proxy.port}/"
            f"{settings_dict['NAME']}"
        ),
        # pytest-django has migrated the test database already.
        CLUSTER_MIGRATE="0",
        CLUSTER_WORKERS="2",
        # Static files collected once for every run of this module (hashed names).
        CLUSTER_STATIC_ROOT=str(ROOT / "data" / "cluster-tests-static"),
        LOG_LEVEL="WARNING",
    )
    handle = Cluster(
        url="",
        cert="",
        state_dir=state_dir,
        database_proxy=proxy,
        s3=bucket,
        redis_url="",
        env=env,
    )
    # Stop whatever start managed to start, even if it failed half-way.
    request.addfinalizer(lambda: subprocess.run(
        [sys.executable, str(ROOT / "deploy" / "cluster.py"), "stop"],
        cwd=ROOT, env=env, capture_output=True, timeout=120,
    ))  # fmt: skip
    try:
        handle.command("start", "--app-servers", "2")
    except subprocess.CalledProcessError as error:
        logs = "\n".join(
            f"--- {log.name}\n{log.read_text()[-3000:]}" for log in (state_dir / "logs").glob("*")
        )
        pytest.fail(f"bin/cluster start failed:\n{error.stdout}\n{error.stderr}\n{logs}")
    state = handle.state()
    handle.url, handle.cert, handle.redis_url = state["url"], state["cert"], state["redis_url"]

    def empty_the_database():
        from django.core.management import call_command

        from tests.support.seeding import reseed_migration_data

        with django_db_blocker.unblock():
            connection.close()
            call_command("flush", interactive=False, verbosity=0)
            reseed_migration_data()

    # Finalizers run last-in first-out: this one after the cluster has stopped.
    request.addfinalizer(empty_the_database)
    request.addfinalizer(lambda: subprocess.run(
        [sys.executable, str(ROOT / "deploy" / "cluster.py"), "stop"],
        cwd=ROOT, env=env, capture_output=True, timeout=120,
    ))  # fmt: skip
    return handle


@pytest.fixture(autouse=True)
def _committed_rows_and_a_fresh_cache(django_db_blocker, request):
    """Database access without a test transaction (the app servers see every row at once),
    and the cluster's cache emptied before each test."""
    if "cluster" in request.fixturenames:
        request.getfixturevalue("cluster").flush_cache()
    with django_db_blocker.unblock():
        yield


# ------------------------------------------------------------------------------------------
# Helpers: staff and browsing through the load balancer
# ------------------------------------------------------------------------------------------
def make_staff(username: str, group: str = "Publisher"):
    """A staff account with a confirmed authenticator app, as production requires."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.create(username=username, is_staff=True)
    # The test settings hash with MD5, which production settings do not accept.
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt(), iterations=1000)
    user.save()
    user.groups.add(Group.objects.get(name=group))
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return user


def current_code(user) -> str:
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return f"{totp(TOTPDevice.objects.get(user=user).bin_key):06d}"


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def post_form(cluster: Cluster, session, path: str, data: dict, files=None, on: str = ""):
    """GET the page, then POST ``data`` with its CSRF token, as a browser would.

    With ``on``, the page is fetched from the other server, so that HAProxy's turn-taking
    sends the POST to ``on`` (the response's X-App-Server says where it really went)."""
    page = get_from(cluster, session, path, other(on)) if on else session.get(cluster.url + path)
    payload = {**data, "csrfmiddlewaretoken": csrf_token(page.text)}
    return session.post(
        cluster.url + path,
        data=payload,
        files=files,
        headers={"Referer": cluster.url + path},
        allow_redirects=False,
    )


def sign_in(cluster: Cluster, session, user) -> list[str]:
    """Password, then the authenticator code; returns the servers that answered each step."""
    password_step = post_form(
        cluster,
        session,
        "/admin/login/?next=/admin/",
        {"username": user.username, "password": PASSWORD, "next": "/admin/"},
    )
    assert password_step.status_code == 302, password_step.text[:500]
    assert "/admin/two-factor/" in password_step.headers["Location"]
    code_step = post_form(
        cluster, session, "/admin/two-factor/?next=/admin/", {"code": current_code(user)}
    )
    assert code_step.status_code == 302, code_step.text[:500]
    return [password_step.headers["X-App-Server"], code_step.headers["X-App-Server"]]


def get_from(cluster: Cluster, session, path: str, server: str, **kwargs):
    """GET ``path`` through the load balancer until ``server`` is the one that answers."""
    for _ in range(10):
        response = session.get(cluster.url + path, allow_redirects=False, **kwargs)
        if response.headers.get("X-App-Server") == server:
            return response
    raise AssertionError(f"{server} never answered {path} in 10 requests")


def other(server: str) -> str:
    return {"app1": "app2", "app2": "app1"}[server]
