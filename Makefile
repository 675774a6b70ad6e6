# The portal's two commands are `make run` (the demo) and `make test` (the whole suite).
# Everything they need is installed here, into .venv/ and node_modules/.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Production-like settings used by `make lint` for `check --deploy`.
DEPLOY_ENV := DEBUG=0 SECRET_KEY=lint-only-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ \
	ALLOWED_HOSTS=meetings.example.org DATABASE_URL=postgres://portal@db.example.org/portal \
	REDIS_URL=redis://redis.example.org:6379/0

.PHONY: run test lint format worker bench load faults install install-dev lock assets messages clean help

help:
	@echo "make run    - install, migrate, seed the demo and serve http://127.0.0.1:$(PORT)/"
	@echo "make test   - install and run the whole test suite"
	@echo "make lint   - ruff, import layers, ESLint, template lint, migrations check, check --deploy"
	@echo "make bench  - figures of documents, reminders and pages (PostgreSQL, Redis)"
	@echo "make load   - load scenario: 35 focal points and 100 readers (PostgreSQL)"
	@echo "make faults - fault tests with one result line each (PostgreSQL, Redis)"
	@echo "make lock   - re-pin requirements.lock and requirements-dev.lock after editing requirements*.txt"

$(PY):
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Installs come from the locks, where every package of the tree is pinned with its hashes;
# requirements.txt and requirements-dev.txt hold the compatible ranges that people edit.
$(VENV)/.installed-runtime: requirements.lock | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	@touch $@

$(VENV)/.installed-dev: requirements.lock requirements-dev.lock | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	@touch $@ $(VENV)/.installed-runtime

# `make lock` regenerates both locks from the ranges (run it after editing requirements*.txt
# and commit the two .lock files with them). Pins still inside the ranges are kept;
# `make lock LOCK_ARGS=--upgrade` moves every package to the newest release allowed.
# The dev lock is compiled under the runtime lock, so the versions they share agree.
# pip-compile (pip-tools) runs from its own venv outside the project and resolves through
# this machine's pip configuration, for CPython 3.11; each pin lists the hashes of all its files.
LOCKTOOL ?= /tmp/locktool
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(LOCKTOOL)/bin/pip-compile --quiet \
	--generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_ARGS)

$(LOCKTOOL)/bin/pip-compile:
	$(PYTHON) -m venv $(LOCKTOOL)
	$(LOCKTOOL)/bin/pip install --quiet pip-tools==7.7.0

lock: | $(LOCKTOOL)/bin/pip-compile
	$(PIP_COMPILE) --output-file=requirements.lock requirements.txt
	$(PIP_COMPILE) --constraint=requirements.lock --output-file=requirements-dev.lock requirements-dev.txt

install: $(VENV)/.installed-runtime assets
install-dev: $(VENV)/.installed-dev assets

# Bootstrap and SortableJS come from the npm registry; htmx comes with django-htmx.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the front-end libraries (apt-get install npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

assets: node_modules/.installed

# The four languages' catalogues: GNU gettext's msgfmt when installed, else polib.
messages: $(VENV)/.installed-runtime
	@if command -v msgfmt >/dev/null; then \
		$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0; \
	else \
		$(PY) -m cidi_meeting.catalogues; \
	fi

# The server and the workers get PORT: the demo's emailed links follow it (SITE_URL).
run: install messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@if [ -n "$$REDIS_URL" ]; then \
		echo "REDIS_URL is set: starting a Celery worker and beat beside the web server"; \
		mkdir -p var; \
		PORT=$(PORT) $(VENV)/bin/celery -A cidi_meeting worker --loglevel=INFO --concurrency=2 & worker=$$!; \
		PORT=$(PORT) $(VENV)/bin/celery -A cidi_meeting beat --loglevel=INFO --schedule=var/celerybeat-schedule & beat=$$!; \
		trap 'kill $$worker $$beat 2>/dev/null; wait $$worker $$beat 2>/dev/null' EXIT INT TERM; \
		PORT=$(PORT) $(PY) manage.py runserver 127.0.0.1:$(PORT); \
	else \
		PORT=$(PORT) $(PY) manage.py runserver 127.0.0.1:$(PORT); \
	fi

worker: install
	$(VENV)/bin/celery -A cidi_meeting worker --loglevel=INFO

# The whole suite runs as two lanes side by side (tests/lanes.py); with PYTEST_ARGS, one
# pytest run of what they select (a lane: PYTEST_ARGS="-m database"; a folder; a test).
test: install-dev messages
ifeq ($(strip $(PYTEST_ARGS)),)
	$(PY) tests/lanes.py
else
	$(PY) -m pytest $(PYTEST_ARGS)
endif

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/djlint templates --lint
	npx --no-install eslint static/js
	$(PY) manage.py makemigrations --check --dry-run
	$(DEPLOY_ENV) $(PY) manage.py check --deploy --fail-level WARNING

# Figures, never assertions: documents, reminders, then the pages against their floor at
# N=10, 40 and 500, each merged into bench-results.json. Needs only PostgreSQL and Redis
# running: the bench database is created if missing and migrated first.
bench: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/cidi_bench
bench: export REDIS_URL ?= redis://127.0.0.1:6379/14
bench: install-dev messages
	$(PY) manage.py bench_database
	$(PY) manage.py migrate --noinput
	$(PY) manage.py bench_documents
	$(PY) manage.py bench_reminders
	$(PY) manage.py bench_pages

# 35 focal points registering while 100 readers load the agenda (locust, bounded in time).
load: install-dev messages
	$(PY) bench/load/run_load.py

# Redis stopped, workers killed mid-job, SMTP refusing, the database restarting.
faults: install-dev messages
	$(PY) bench/faults.py $(ARGS)

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) node_modules staticfiles var .pytest_cache .ruff_cache
