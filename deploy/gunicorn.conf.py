"""gunicorn settings for one portal app server (`gunicorn -c deploy/gunicorn.conf.py portal.wsgi`).

Every app server is the same and keeps nothing of its own: sessions, sign-in lockouts and the
cache live in PostgreSQL and Redis, uploads in object storage. Run as many as the load needs
behind the load balancer (deploy/haproxy.cfg). Environment:

- PORTAL_BIND: address to listen on (default 127.0.0.1:8001; the load balancer's only).
- PORTAL_WORKERS: processes (default: 2 per CPU core, at least 2).
"""

import multiprocessing
import os

bind = [os.environ.get("PORTAL_BIND", "127.0.0.1:8001")]
workers = int(os.environ.get("PORTAL_WORKERS", str(max(2, 2 * multiprocessing.cpu_count()))))
# One request at a time per process: the load balancer queues the rest (maxconn per server).
worker_class = "sync"
# A request taking longer is killed and logged; the load balancer waits a little longer.
timeout = 30
# On SIGTERM: stop accepting at once (the load balancer sends new requests elsewhere), finish
# the requests in hand, then exit.
graceful_timeout = 30
# Sync workers close the connection after each response; the load balancer keeps its own
# connections to browsers alive.
keepalive = 0
# Recycle workers now and then, so a slow leak can never take a server down.
max_requests = 2000
max_requests_jitter = 200
# The portal logs one JSON line per request itself (portal.middleware.RequestLogMiddleware).
accesslog = None
errorlog = "-"
loglevel = "warning"
# X-Forwarded-* headers are believed only from the load balancer.
forwarded_allow_ips = os.environ.get("PORTAL_FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = os.environ.get("PORTAL_PROC_NAME", "portal")
