# The portal's two everyday commands: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

# `make test` runs against real services; point these elsewhere if yours live elsewhere.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
# `make run PORT=8080` serves elsewhere; links in e-mails (PORTAL_BASE_URL) follow the port.
PORT ?= 8000

.PHONY: install run test lint translations messages worker beat services clean

$(BIN)/.installed: requirements/base.txt requirements/dev.txt requirements/prod.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	touch $@

install: $(BIN)/.installed

translations: install
	DJANGO_DEBUG=1 $(MANAGE) compile_translations

# Regenerate the catalogues after changing user-facing text (needs GNU gettext).
messages: install
	DJANGO_DEBUG=1 $(MANAGE) makemessages --locale sv --locale en --locale ar --locale so --locale fi --locale fa --locale uk --ignore .venv --ignore bench --ignore tests --ignore scripts --no-obsolete

run: install translations
	mkdir -p var
	DJANGO_DEBUG=1 $(MANAGE) migrate --noinput
	DJANGO_DEBUG=1 PORT=$(PORT) $(MANAGE) demo_data
	DJANGO_DEBUG=1 PORT=$(PORT) $(MANAGE) runserver 127.0.0.1:$(PORT)

# PostgreSQL and Redis started, Chromium and gettext installed, when missing (scripts/ensure_services.sh).
services:
	TEST_DATABASE_URL=$(TEST_DATABASE_URL) TEST_REDIS_URL=$(TEST_REDIS_URL) scripts/ensure_services.sh

test: services install translations
	DJANGO_DEBUG=1 PORTAL_NO_SKIPS=1 DATABASE_URL=$(TEST_DATABASE_URL) PORTAL_TEST_REDIS_URL=$(TEST_REDIS_URL) \
		$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .

# A Celery worker and beat against Redis on this machine (production runs them per machine).
worker: install
	DJANGO_DEBUG=1 CELERY_BROKER_URL=$${CELERY_BROKER_URL:-redis://127.0.0.1:6379/0} \
		$(BIN)/celery -A portal worker --loglevel=INFO --concurrency=2

beat: install
	DJANGO_DEBUG=1 CELERY_BROKER_URL=$${CELERY_BROKER_URL:-redis://127.0.0.1:6379/0} \
		$(BIN)/celery -A portal beat --loglevel=INFO --schedule=var/celerybeat-schedule

clean:
	rm -rf $(VENV) var staticfiles
