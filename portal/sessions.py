"""Django's database sessions (the same ``django_session`` table, rows and expiry), with the two
queries every wizard request makes written as plain SQL (issue 13).

Reading a session and updating an existing one went through the ORM (a queryset, a model
instance, a transaction around one UPDATE): on a wizard step that was about a tenth of the
request's CPU. Here the read is one ``SELECT``, and the update one ``UPDATE`` in autocommit
(inside a savepoint when the request already has a transaction open, as Django does). Creating
a session, deleting it, ``exists()``, ``clearsessions`` and the async methods stay Django's own.
"""
from __future__ import annotations

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import DatabaseError, connections, router, transaction
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    def _table(self) -> str:
        return self.model._meta.db_table

    def load(self):
        """As Django's: the data of the row with this key if it has not expired, else {} and no key."""
        if self.session_key is None:
            return {}
        connection = connections[router.db_for_read(self.model)]
        table = connection.ops.quote_name(self._table())
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {table} WHERE session_key = %s AND expire_date > %s",  # noqa: S608
                [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return {}
        return self.decode(row[0])

    def save(self, must_create=False):
        """As Django's: a new session is inserted by Django's code; an existing one is updated,
        and ``UpdateError`` is raised if its row is gone (the session middleware answers that)."""
        if self.session_key is None or must_create:
            return super().save(must_create=must_create)
        data = self._get_session(no_load=False)
        using = router.db_for_write(self.model)
        connection = connections[using]
        table = connection.ops.quote_name(self._table())
        sql = f"UPDATE {table} SET session_data = %s, expire_date = %s WHERE session_key = %s"  # noqa: S608
        expiry = connection.ops.adapt_datetimefield_value(self.get_expiry_date())
        params = [self.encode(data), expiry, self.session_key]
        try:
            if connection.in_atomic_block:
                with transaction.atomic(using=using), connection.cursor() as cursor:
                    cursor.execute(sql, params)
                    updated = cursor.rowcount
            else:
                with connection.cursor() as cursor:
                    cursor.execute(sql, params)
                    updated = cursor.rowcount
        except DatabaseError as error:
            raise UpdateError from error
        if updated != 1:
            raise UpdateError
