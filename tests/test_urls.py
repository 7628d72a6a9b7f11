import pytest
from django.urls import resolve, reverse

ROUND_TRIPS = [
    ("home", {}, "/"),
    ("search", {}, "/search/"),
    ("resources:resource-list", {}, "/resources/"),
    ("resources:key-stage-detail", {"code": "ks3"}, "/resources/key-stages/ks3/"),
    ("resources:topic-detail", {"slug": "consent"}, "/resources/topics/consent/"),
    ("resources:resource-detail", {"slug": "a-page"}, "/resources/a-page/"),
    ("referrals:help", {}, "/help/"),
    ("referrals:service-detail", {"slug": "a-service"}, "/help/a-service/"),
    ("referrals:report-problem", {"slug": "a-service"}, "/help/a-service/report/"),
    ("referrals:report-sent", {"slug": "a-service"}, "/help/a-service/report/sent/"),
    ("staying-safe", {}, "/staying-safe-online/"),
]


@pytest.mark.parametrize(("name", "kwargs", "path"), ROUND_TRIPS)
def test_public_urls_are_stable(name, kwargs, path):
    assert reverse(name, kwargs=kwargs) == path
    assert resolve(path).view_name == name
