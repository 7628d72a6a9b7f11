"""The admin's locks: brute-force lockout, two-step sign-in, and the password policy."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.two_factor import RECOVERY_CODE_COUNT

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase 4 staff"


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(
        "alice", "alice@example.org", PASSWORD, is_staff=True, first_name="Alice"
    )


def sign_in(client, username="alice", password=PASSWORD, **extra):
    return client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}, **extra
    )


class TestLockout:
    @pytest.fixture(autouse=True)
    def axes_on(self, settings):
        settings.AXES_ENABLED = True

    def test_repeated_failures_lock_the_account_with_a_clear_message(self, client, editor):
        for _ in range(4):
            assert sign_in(client, password="wrong").status_code == 200
        assert sign_in(client, password="wrong").status_code == 429  # the fifth locks it
        locked = sign_in(client)  # even the right password is refused now
        assert locked.status_code == 429
        assert "Too many sign-in attempts" in locked.content.decode()
        assert "_auth_user_id" not in client.session

    def test_repeated_failures_from_one_address_lock_it_for_every_username(self, client, editor):
        for number in range(5):
            sign_in(client, username=f"guess{number}", password="wrong")
        assert sign_in(client).status_code == 429

    def test_unlock_command_lets_the_person_back_in(self, client, editor):
        for _ in range(5):
            sign_in(client, password="wrong")
        call_command("axes_reset", stdout=io.StringIO())
        assert sign_in(client).status_code == 302

    def test_failures_are_counted_in_the_database_for_every_app_server(self, client, editor):
        from axes.models import AccessAttempt

        sign_in(client, password="wrong")
        assert AccessAttempt.objects.filter(username="alice", failures_since_start=1).exists()


class TestTwoStepSignIn:
    @pytest.fixture(autouse=True)
    def otp_on(self, settings):
        settings.OTP_REQUIRED = True

    def current_code(self, user):
        device = TOTPDevice.objects.get(user=user)
        return f"{totp(device.bin_key):06d}"

    def test_a_password_alone_does_not_open_the_admin(self, client, editor):
        response = sign_in(client)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/two-factor/")
        index = client.get("/admin/")
        assert index.status_code == 302 and "/admin/login/" in index["Location"]

    def test_setting_up_an_app_then_signing_in_with_it(self, client, editor):
        sign_in(client)
        setup = client.get("/admin/two-factor/")
        html = setup.content.decode()
        assert "Set up two-step sign-in" in html
        assert 'src="data:image/svg+xml' in html  # a QR code made here, not by a service

        done = client.post("/admin/two-factor/", {"code": self.current_code(editor)})
        assert "Save your recovery codes" in done.content.decode()
        assert len(done.context["codes"]) == RECOVERY_CODE_COUNT
        assert client.get("/admin/").status_code == 200

        client.logout()
        sign_in(client)
        assert "Enter your sign-in code" in client.get("/admin/two-factor/").content.decode()
        wrong = client.post("/admin/two-factor/", {"code": "000000"})
        assert "That code is not right" in wrong.content.decode()
        assert client.get("/admin/").status_code == 302

    def test_a_recovery_code_works_once(self, client, editor):
        sign_in(client)
        client.get("/admin/two-factor/")
        codes = client.post("/admin/two-factor/", {"code": self.current_code(editor)}).context[
            "codes"
        ]
        for attempt in range(2):
            client.logout()
            sign_in(client)
            response = client.post("/admin/two-factor/", {"code": codes[0]})
            if attempt == 0:
                assert response.status_code == 302
                assert client.get("/admin/").status_code == 200
            else:
                assert "That code is not right" in response.content.decode()

    def test_a_signed_out_visitor_cannot_reach_the_two_factor_page(self, client):
        response = client.get("/admin/two-factor/")
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


class TestPasswordPolicy:
    def test_short_passwords_are_refused(self, editor):
        with pytest.raises(ValidationError, match="at least 12 characters"):
            validate_password("Xk3#pLm9qT", editor)

    def test_common_passwords_are_refused(self, editor):
        with pytest.raises(ValidationError, match="too common"):
            validate_password("startfinding", editor)

    def test_passwords_like_the_account_are_refused(self, editor):
        with pytest.raises(ValidationError, match="too similar"):
            validate_password("alice@example.org", editor)

    def test_long_passphrases_are_welcome(self, editor):
        validate_password("correct horse battery staple " * 3, editor)  # 90 characters
