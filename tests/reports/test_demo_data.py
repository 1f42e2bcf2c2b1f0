"""`make run` loads demo data: staff login, demo reports with their deliveries, figures."""
import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from reports.analytics.models import DailyCount
from reports.delivery.models import Delivery
from reports.models import GateRecord, Submission

pytestmark = pytest.mark.django_db


def test_demo_data_creates_a_usable_portal_once(settings, celery_eager, capsys):
    settings.DEBUG = True
    call_command("demo_data")
    call_command("demo_data")  # a second `make run` adds nothing
    out = capsys.readouterr().out
    assert "demo-admin" in out and "TOTP" in out
    # The login comes last and plainly, not buried under the hooks' logs.
    assert out.rstrip().splitlines()[-3:] == [
        f"  address:  {settings.PORTAL_BASE_URL}/personal/", "  user:     demo-admin",
        "  password: demo-lösenord-2026",
    ]
    assert len(out.splitlines()) <= 2 * 12  # two runs, each a dozen lines at most
    assert get_user_model().objects.get(username="demo-admin").is_superuser
    assert Submission.objects.filter(service="stold").count() == 12
    assert Delivery.objects.filter(source_kind="submission").count() == 12
    assert GateRecord.objects.exclude(outcome="e_service").count() == 12
    assert DailyCount.objects.exists()


def test_demo_data_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo_data")
