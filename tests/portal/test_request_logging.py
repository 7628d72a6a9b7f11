import json
import logging

import pytest

from portal.logging import JSONFormatter

pytestmark = pytest.mark.django_db


def test_request_log_has_parameter_names_but_never_their_values(client, caplog):
    with caplog.at_level(logging.INFO, logger="portal.requests"):
        client.get("/help/?age=14&audience=young-person&q=my+dad+hits+me")
    record = next(r for r in caplog.records if r.name == "portal.requests")
    line = JSONFormatter().format(record)
    entry = json.loads(line)
    assert entry["path"] == "/help/"
    assert entry["query_params"] == ["age", "audience", "q"]
    assert entry["status"] in (200, 400)
    logged = json.dumps({k: v for k, v in entry.items() if k not in ("time", "duration_ms")})
    assert "14" not in logged
    assert "dad" not in logged and "young-person" not in logged
