"""Run the production shape on one machine, on loopback: HAProxy in front of two gunicorn app
servers, with PostgreSQL and Redis. Used through ``bin/cluster`` (see its --help and the README,
"Running in production: two app servers and a load balancer").

    bin/cluster start [--app-servers 1|2] [--demo]   # starts everything, waits until ready
    bin/cluster status                              # what runs, and HAProxy's view of it
    bin/cluster stop-app 2 / start-app 2            # one app server, as in maintenance
    bin/cluster manage <command> ...                # manage.py with the cluster's settings
    bin/cluster stop                                # stops everything start started

The app servers, HAProxy and their settings are exactly those of a real deployment
(deploy/gunicorn.conf.py, deploy/haproxy.cfg); only the addresses are loopback ones. PostgreSQL
is the machine's (``DATABASE_URL``; never started or stopped here). Redis is ``REDIS_URL`` if
set, or a private redis-server this script starts and stops. What was started is recorded in
``CLUSTER_DIR/state.json``, and ``stop`` ends exactly those processes.
"""

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
PYTHON = sys.executable
MAX_APP_SERVERS = 2  # deploy/haproxy.cfg names app1 and app2; add lines there for more
START_TIMEOUT = 60
STOP_TIMEOUT = 40  # gunicorn's graceful_timeout (30 s) and some


class ClusterError(RuntimeError):
    pass


def log(message: str) -> None:
    print(f"[cluster {time.strftime('%H:%M:%S')}] {message}", flush=True)


# ------------------------------------------------------------------------------------------
# Settings: from the environment, with loopback defaults
# ------------------------------------------------------------------------------------------
def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def cluster_dir() -> Path:
    return Path(os.environ.get("CLUSTER_DIR") or ROOT / "data" / "cluster").resolve()


def state_path() -> Path:
    return cluster_dir() / "state.json"


def read_state() -> dict | None:
    try:
        return json.loads(state_path().read_text())
    except (OSError, ValueError):
        return None


def write_state(state: dict) -> None:
    path = state_path()
    path.write_text(json.dumps(state, indent=1))
    path.chmod(0o600)  # it holds the app servers' environment, secret key included


def secret_key(run: Path) -> str:
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = run / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def tls_certificate(run: Path) -> Path:
    """CLUSTER_CERT (a PEM with certificate and key), or a self-signed one for loopback."""
    if os.environ.get("CLUSTER_CERT"):
        return Path(os.environ["CLUSTER_CERT"]).resolve()
    pem = run / "tls" / "portal.pem"
    if pem.exists():
        return pem
    if not shutil.which("openssl"):
        raise ClusterError("openssl is needed to make a certificate: apt-get install openssl")
    pem.parent.mkdir(parents=True, exist_ok=True)
    key, cert = pem.parent / "key.pem", pem.parent / "cert.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    pem.write_bytes(cert.read_bytes() + key.read_bytes())
    pem.chmod(0o600)
    key.unlink()
    return pem


def app_environment(state: dict) -> dict:
    """The app servers' settings: production's (DEBUG off), on loopback behind one proxy."""
    run = Path(state["dir"])
    env = dict(os.environ)
    for name in ("DEBUG", "OTP_REQUIRED", "DJANGO_SETTINGS_MODULE", "PORTAL_BIND"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE=state.get("settings_module", "portal.settings"),
        SECRET_KEY=state["secret_key"],
        ALLOWED_HOSTS=state["allowed_hosts"],
        DATABASE_URL=state["database_url"],
        REDIS_URL=state["redis_url"],
        # HAProxy appends the visitor's address to X-Forwarded-For: one trusted proxy.
        TRUSTED_PROXY_COUNT="1",
        STATIC_ROOT=state["static_root"],
        # One machine: the data folder (outage snapshot) and local uploads are shared by
        # both servers, as a network share would be (uploads go to S3 when S3_BUCKET is set).
        DATA_DIR=str(run / "data"),
        MEDIA_ROOT=str(run / "media"),
        PORTAL_WORKERS=str(state["workers"]),
        PYTHONPATH=str(ROOT),
    )
    return env


def haproxy_environment(state: dict) -> dict:
    run = Path(state["dir"])
    env = dict(os.environ)
    env.update(
        PORTAL_LB_HTTP=f"127.0.0.1:{state['http_port']}",
        PORTAL_LB_HTTPS=f"127.0.0.1:{state['https_port']}",
        PORTAL_LB_CERT=state["cert"],
        PORTAL_LB_ADMIN_SOCKET=str(run / "haproxy.sock"),
        PORTAL_LB_LOG_TARGET="stdout",
        PORTAL_LB_ERRORFILE=str(DEPLOY / "haproxy-503.http"),
        # The Host the health checks send must be one the app servers answer to.
        PORTAL_HEALTH_HOST=state["allowed_hosts"].split(",")[0].strip(),
        # Requests beyond the workers wait in HAProxy, ready for whichever server is free first.
        PORTAL_APP_MAXCONN=str(state["workers"]),
    )
    for number, port in enumerate(state["app_ports"], start=1):
        env[f"PORTAL_APP{number}"] = f"127.0.0.1:{port}"
    for number in range(len(state["app_ports"]) + 1, MAX_APP_SERVERS + 1):
        env.pop(f"PORTAL_APP{number}", None)
    return env


# ------------------------------------------------------------------------------------------
# Processes
# ------------------------------------------------------------------------------------------
def spawn(name: str, command: list[str], env: dict, run: Path) -> int:
    logfile = (run / "logs" / f"{name}.log").open("ab")
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=logfile,
        stderr=subprocess.STDOUT,
        # Its own session: a Ctrl+C in the terminal that started it does not reach it.
        start_new_session=True,
    )
    return process.pid


def is_running(pid: int, expect: str) -> bool:
    """Whether ``pid`` is alive (not a zombie) and still the program we started."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return False
    state = status.rsplit(")", 1)[1].split()[0]
    return state != "Z" and expect in command


def terminate(pid: int, expect: str, name: str, timeout: float = STOP_TIMEOUT) -> None:
    if not is_running(pid, expect):
        return
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not is_running(pid, expect):
            return
        time.sleep(0.1)
    log(f"{name} (pid {pid}) did not stop within {timeout:.0f} s: killing it")
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def wait_for(description: str, ready, pid: int | None = None, expect: str = "", log_file=None):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if ready():
            return
        # Any program: until it has started, the child still shows this script's command line.
        if pid is not None and not is_running(pid, ""):
            raise ClusterError(f"{description}: the process exited. See {log_file}")
        time.sleep(0.2)
    raise ClusterError(f"{description}: not ready within {START_TIMEOUT} s. See {log_file}")


def answers(url: str, context: ssl.SSLContext | None = None) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2, context=context) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def free_ports(count: int) -> list[int]:
    """``count`` different free ports. The probes are held open together while they are
    chosen: one at a time, the system may hand out a port it has just handed out again."""
    probes = []
    try:
        for _ in range(count):
            probe = socket.socket()
            probes.append(probe)
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()


def ports_from_env(*names: str) -> dict[str, int]:
    """The port each variable names, or a free one, never the same port twice."""
    chosen = {name: env_int(name, 0) for name in names}
    taken = set(chosen.values())
    spare = iter(port for port in free_ports(2 * len(names)) if port not in taken)
    return {name: port or next(spare) for name, port in chosen.items()}


# ------------------------------------------------------------------------------------------
# Redis and PostgreSQL
# ------------------------------------------------------------------------------------------
def check_postgres(url: str) -> None:
    import psycopg

    if urlsplit(url).scheme not in {"postgres", "postgresql"}:
        raise ClusterError("DATABASE_URL must name a PostgreSQL database (postgres://...).")
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.OperationalError as error:
        raise ClusterError(
            f"PostgreSQL does not answer at {url}: {error}".strip()
            + "\nStart it, or create the database (createdb), and run again."
        ) from None


def start_redis(state: dict) -> str:
    if not shutil.which("redis-server"):
        raise ClusterError("redis-server is needed (apt-get install redis-server), or REDIS_URL.")
    run = Path(state["dir"])
    port = state["redis_port"]
    (run / "redis").mkdir(exist_ok=True)
    # Nothing in it must survive: the cache is rebuilt, sessions are also in the database.
    command = [
        "redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "",
        "--appendonly", "no", "--dir", str(run / "redis"),
        "--maxmemory", "128mb", "--maxmemory-policy", "allkeys-lru",
    ]  # fmt: skip
    pid = spawn("redis", command, dict(os.environ), run)
    state["pids"]["redis"] = pid

    def pong():
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
        return False

    wait_for("redis-server", pong, pid, "redis-server", run / "logs" / "redis.log")
    return f"redis://127.0.0.1:{port}/0"


# ------------------------------------------------------------------------------------------
# The app servers and HAProxy
# ------------------------------------------------------------------------------------------
def manage(state: dict, *arguments: str, capture: bool = False) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(
            [PYTHON, "manage.py", *arguments],
            cwd=ROOT,
            env=app_environment(state),
            check=True,
            capture_output=capture,
            text=True,
        )
    except subprocess.CalledProcessError as error:
        output = ((error.stdout or "") + (error.stderr or ""))[-3000:]
        raise ClusterError(f"manage.py {' '.join(arguments)} failed:\n{output}") from None


def static_files_current(static_root: Path) -> bool:
    manifest = static_root / "staticfiles.json"
    if not manifest.exists():
        return False
    sources = (path for path in (ROOT / "static").rglob("*") if path.is_file())
    newest = max((path.stat().st_mtime for path in sources), default=0)
    return manifest.stat().st_mtime > newest


def start_app(state: dict, number: int) -> None:
    run = Path(state["dir"])
    port = state["app_ports"][number - 1]
    env = app_environment(state)
    env["PORTAL_BIND"] = f"127.0.0.1:{port}"
    env["PORTAL_PROC_NAME"] = f"portal-app{number}"
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "--config", str(DEPLOY / "gunicorn.conf.py"),
        "portal.wsgi:application",
    ]  # fmt: skip
    pid = spawn(f"app{number}", command, env, run)
    state["pids"][f"app{number}"] = pid
    write_state(state)
    wait_for(
        f"app server {number}",
        lambda: answers(f"http://127.0.0.1:{port}/healthz"),
        pid,
        "gunicorn",
        run / "logs" / f"app{number}.log",
    )


def stop_app(state: dict, number: int) -> None:
    pid = state["pids"].pop(f"app{number}", None)
    if pid:
        terminate(pid, "gunicorn", f"app server {number}")
    write_state(state)


def haproxy_command(state: dict) -> list[str]:
    return ["haproxy", "-W", "-db", "-f", str(DEPLOY / "haproxy.cfg")]


def start_haproxy(state: dict) -> None:
    run = Path(state["dir"])
    if not shutil.which("haproxy"):
        raise ClusterError("HAProxy is needed: apt-get install haproxy")
    check = subprocess.run(
        ["haproxy", "-c", "-q", "-f", str(DEPLOY / "haproxy.cfg")],
        env=haproxy_environment(state),
        capture_output=True,
        text=True,
    )
    if check.returncode != 0:
        raise ClusterError(f"deploy/haproxy.cfg is not valid:\n{check.stdout}{check.stderr}")
    pid = spawn("haproxy", haproxy_command(state), haproxy_environment(state), run)
    state["pids"]["haproxy"] = pid
    write_state(state)
    wait_for(
        "HAProxy with every app server up",
        lambda: (
            all(status == "UP" for status in server_states(state).values())
            and len(server_states(state)) == len(state["app_ports"])
        ),
        pid,
        "haproxy",
        run / "logs" / "haproxy.log",
    )


def admin_command(state: dict, command: str) -> str:
    """A command on HAProxy's runtime API (its admin socket)."""
    path = str(Path(state["dir"]) / "haproxy.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(2)
        connection.connect(path)
        connection.sendall(command.encode() + b"\n")
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks).decode()


def server_states(state: dict, backend: str = "portal") -> dict[str, str]:
    """HAProxy's view of each app server in ``backend``: "UP", "DOWN", "MAINT"..."""
    try:
        csv = admin_command(state, "show stat")
    except OSError:
        return {}
    lines = csv.lstrip("# ").splitlines()
    if not lines:
        return {}
    header = lines[0].split(",")
    name, server, status = header.index("pxname"), header.index("svname"), header.index("status")
    states = {}
    for line in lines[1:]:
        fields = line.split(",")
        in_backend = len(fields) > status and fields[name] == backend
        if in_backend and fields[server] not in {"FRONTEND", "BACKEND"}:
            states[fields[server]] = fields[status].split(" ")[0]
    return states


# ------------------------------------------------------------------------------------------
# Commands
# ------------------------------------------------------------------------------------------
def running_state() -> dict | None:
    state = read_state()
    if state and any(is_running(pid, "") for pid in state["pids"].values()):
        return state
    return None


def start(app_servers: int, demo: bool) -> dict:
    if not 1 <= app_servers <= MAX_APP_SERVERS:
        raise ClusterError(f"--app-servers must be 1 to {MAX_APP_SERVERS}")
    if running_state():
        raise ClusterError(f"Already running (see {state_path()}): bin/cluster stop first.")
    run = cluster_dir()
    (run / "logs").mkdir(parents=True, exist_ok=True)
    run.chmod(0o700)
    database_url = os.environ.get("DATABASE_URL", "postgres://root@127.0.0.1:5432/portal_cluster")
    check_postgres(database_url)
    # Chosen together, so no two of the servers started below are given the same port.
    ports = ports_from_env(
        "CLUSTER_HTTPS_PORT",
        "CLUSTER_HTTP_PORT",
        "CLUSTER_REDIS_PORT",
        *(f"CLUSTER_APP{n}_PORT" for n in range(1, app_servers + 1)),
    )
    state = {
        "dir": str(run),
        "pids": {},
        "database_url": database_url,
        "redis_url": os.environ.get("REDIS_URL", ""),
        "secret_key": secret_key(run),
        "cert": str(tls_certificate(run)),
        "https_port": ports["CLUSTER_HTTPS_PORT"],
        "http_port": ports["CLUSTER_HTTP_PORT"],
        "app_ports": [ports[f"CLUSTER_APP{n}_PORT"] for n in range(1, app_servers + 1)],
        "redis_port": ports["CLUSTER_REDIS_PORT"],
        "workers": env_int("CLUSTER_WORKERS", 2),
        "static_root": os.environ.get("CLUSTER_STATIC_ROOT") or str(run / "static"),
        "allowed_hosts": os.environ.get("ALLOWED_HOSTS") or "localhost,127.0.0.1",
        # bench/run.py --through-cluster serves its bare view too (bench.settings).
        "settings_module": os.environ.get("CLUSTER_DJANGO_SETTINGS_MODULE") or "portal.settings",
    }
    write_state(state)
    try:
        if not state["redis_url"]:
            state["redis_url"] = start_redis(state)
            write_state(state)
        if os.environ.get("CLUSTER_MIGRATE", "1") != "0":
            log("migrate")
            manage(state, "migrate", "--no-input", capture=True)
        log("compile_translations")
        manage(state, "compile_translations", capture=True)
        if not static_files_current(Path(state["static_root"])):
            log("collectstatic")
            manage(state, "collectstatic", "--no-input", capture=True)
        if demo:
            log("load_demo_content")
            manage(state, "load_demo_content", capture=True)
        manage(state, "refresh_helpline_snapshot", capture=True)
        for number in range(1, app_servers + 1):
            log(f"app server {number} on 127.0.0.1:{state['app_ports'][number - 1]}")
            start_app(state, number)
        log(f"HAProxy on https://127.0.0.1:{state['https_port']}/")
        start_haproxy(state)
    except BaseException:
        stop()
        raise
    state["url"] = f"https://127.0.0.1:{state['https_port']}"
    write_state(state)
    log(f"ready: {state['url']}/ (certificate {state['cert']}); logs in {run / 'logs'}")
    return state


STOP_ORDER = [("haproxy", "haproxy"), ("app1", "gunicorn"), ("app2", "gunicorn")]


def stop() -> None:
    state = read_state()
    if not state:
        log("nothing recorded as running")
        return
    for name, expect in [*STOP_ORDER, ("redis", "redis-server")]:
        if pid := state["pids"].get(name):
            terminate(pid, expect, name)
    state["pids"] = {}
    write_state(state)
    log("stopped")


def status() -> int:
    state = read_state()
    if not state:
        print("not running")
        return 1
    expected = dict([*STOP_ORDER, ("redis", "redis-server")])
    for name, pid in state["pids"].items():
        alive = is_running(pid, expected.get(name, ""))
        print(f"{name:8} pid {pid:<8} {'running' if alive else 'NOT RUNNING'}")
    for backend in ("portal", "portal_unready"):
        print(f"HAProxy {backend}: {server_states(state, backend) or 'not answering'}")
    print(f"URL: {state.get('url', '-')}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bin/cluster", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    start_parser = commands.add_parser("start", help="start everything and wait until ready")
    start_parser.add_argument("--app-servers", type=int, default=2)
    start_parser.add_argument("--demo", action="store_true", help="load the demo content")
    commands.add_parser("stop", help="stop everything start started")
    commands.add_parser("status", help="what runs, and HAProxy's view of the app servers")
    for name in ("start-app", "stop-app"):
        command = commands.add_parser(name, help=f"{name.split('-')[0]} one app server")
        command.add_argument("number", type=int, choices=range(1, MAX_APP_SERVERS + 1))
    manage_parser = commands.add_parser("manage", help="manage.py with the cluster's settings")
    manage_parser.add_argument("arguments", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    try:
        if args.command == "start":
            start(args.app_servers, args.demo)
        elif args.command == "stop":
            stop()
        elif args.command == "status":
            return status()
        else:
            state = running_state()
            if not state:
                raise ClusterError("Not running: bin/cluster start first.")
            if args.command == "manage":
                return subprocess.run(
                    [PYTHON, "manage.py", *args.arguments], cwd=ROOT, env=app_environment(state)
                ).returncode
            if args.number > len(state["app_ports"]):
                raise ClusterError(f"Started with {len(state['app_ports'])} app server(s).")
            if args.command == "stop-app":
                stop_app(state, args.number)
            else:
                start_app(state, args.number)
    except ClusterError as error:
        print(f"bin/cluster: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
