"""``bench/run.py --through-cluster N``: load the pages through HAProxy in front of N app servers.

The cluster is deploy/cluster.py's (the configuration a council deploys, on loopback): HAProxy
terminating TLS, N gunicorn servers with ``--workers`` each, and a private redis-server as the
shared cache. It serves the benchmark's database and collected static files, with
``bench.settings`` so that the bare view is served the same way.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class RunningCluster:
    def __init__(self, env: dict, directory: Path):
        self.env = env
        self.directory = directory
        state = json.loads((directory / "state.json").read_text())
        self.url = state["url"]
        self.cert = state["cert"]

    def terminate(self) -> None:
        subprocess.run(
            [sys.executable, str(ROOT / "deploy" / "cluster.py"), "stop"],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            timeout=120,
        )

    def wait(self, timeout: float | None = None) -> None:
        """``stop`` has already waited for every process (run.py's Popen interface)."""


def start_cluster(env: dict, app_servers: int, workers: int, workdir: Path) -> RunningCluster:
    directory = workdir / "cluster"
    cluster_env = {
        **env,
        "CLUSTER_DIR": str(directory),
        "CLUSTER_STATIC_ROOT": env["STATIC_ROOT"],
        "CLUSTER_MIGRATE": "0",
        "CLUSTER_WORKERS": str(workers),
        "CLUSTER_DJANGO_SETTINGS_MODULE": "bench.settings",
    }
    cluster_env.pop("REDIS_URL", None)
    started = subprocess.run(
        [sys.executable, str(ROOT / "deploy" / "cluster.py"), "start"]
        + ["--app-servers", str(app_servers)],
        cwd=ROOT,
        env=cluster_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if started.returncode != 0:
        sys.exit(f"bin/cluster start failed:\n{started.stdout}{started.stderr}")
    cluster = RunningCluster(cluster_env, directory)
    # This process checks the pages over HTTPS before loading them: trust the cluster's
    # self-signed certificate (wrk does not check certificates).
    os.environ["SSL_CERT_FILE"] = cluster.cert
    return cluster
