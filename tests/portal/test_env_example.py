import re
from pathlib import Path

from django.conf import settings


def test_env_example_documents_every_setting_read_from_the_environment():
    source = Path(settings.BASE_DIR, "portal", "settings.py").read_text()
    read = set(re.findall(r'(?:os\.environ\.get|env_bool|env_list)\(\s*"([A-Z_]+)"', source))
    documented = set(
        re.findall(r"^([A-Z_]+)=", Path(settings.BASE_DIR, ".env.example").read_text(), re.M)
    )
    assert read, "no settings found: has settings.py stopped reading the environment?"
    assert read - documented == set(), "undocumented in .env.example"
