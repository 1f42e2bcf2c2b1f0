"""portal.sessions (issue 13): Django's database sessions with plain-SQL reads and updates must
behave as Django's own: same rows, expiry honoured, a vanished row refused."""
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from portal.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_the_portal_uses_it():
    assert settings.SESSION_ENGINE == "portal.sessions"


def test_read_and_update_are_the_same_rows_as_djangos():
    store = SessionStore()
    store["wizard"] = {"step": "nar-var", "answer": "åäö"}
    store.save()  # a new session: Django's INSERT
    key = store.session_key
    assert DjangoSessionStore(key).load() == {"wizard": {"step": "nar-var", "answer": "åäö"}}

    again = SessionStore(key)
    assert again["wizard"]["step"] == "nar-var"
    again["wizard"] = {"step": "foremal"}
    before = Session.objects.get(pk=key).expire_date
    again.save()  # the plain-SQL UPDATE
    row = Session.objects.get(pk=key)
    assert row.get_decoded() == {"wizard": {"step": "foremal"}}
    assert row.expire_date >= before
    assert abs(row.expire_date - (timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE))) < timedelta(
        seconds=30
    )
    assert Session.objects.count() == 1


def test_an_expired_session_is_not_read_and_loses_its_key():
    store = SessionStore()
    store["secret"] = "answers"
    store.save()
    Session.objects.filter(pk=store.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))
    expired = SessionStore(store.session_key)
    assert expired.load() == {}
    assert expired.session_key is None
    assert SessionStore("no-such-session-key").load() == {}


def test_updating_a_session_whose_row_is_gone_is_refused():
    store = SessionStore()
    store["a"] = 1
    store.save()
    again = SessionStore(store.session_key)
    again["a"] = 2
    Session.objects.all().delete()  # cleared meanwhile (clearsessions, another request)
    with pytest.raises(UpdateError):
        again.save()
    assert not Session.objects.exists()  # not silently recreated


def test_update_inside_a_transaction_keeps_the_transaction_usable():
    store = SessionStore()
    store["a"] = 1
    store.save()
    with transaction.atomic():
        again = SessionStore(store.session_key)
        again["a"] = 2
        again.save()
        gone = SessionStore(store.session_key)
        gone["a"] = 3
        Session.objects.filter(pk=store.session_key).delete()
        with pytest.raises(UpdateError):
            gone.save()
        assert Session.objects.count() == 0  # the transaction still answers
