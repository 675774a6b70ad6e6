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

.PHONY: run test lint format worker bench load faults install install-dev assets messages clean help

help:
	@echo "make run    - install, migrate, seed the demo and serve http://127.0.0.1:$(PORT)/"
	@echo "make test   - install and run the whole test suite"
	@echo "make lint   - ruff, template lint, migrations check, check --deploy"
	@echo "make bench  - figures of documents, reminders and pages (PostgreSQL, Redis)"
	@echo "make load   - load scenario: 35 focal points and 100 readers (PostgreSQL)"
	@echo "make faults - fault tests with one result line each (PostgreSQL, Redis)"

$(PY):
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-runtime: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed-runtime

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

run: install messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@if [ -n "$$REDIS_URL" ]; then \
		echo "REDIS_URL is set: starting a Celery worker and beat beside the web server"; \
		mkdir -p var; \
		$(VENV)/bin/celery -A cidi_meeting worker --loglevel=INFO --concurrency=2 & worker=$$!; \
		$(VENV)/bin/celery -A cidi_meeting beat --loglevel=INFO --schedule=var/celerybeat-schedule & beat=$$!; \
		trap 'kill $$worker $$beat 2>/dev/null; wait $$worker $$beat 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver 127.0.0.1:$(PORT); \
	else \
		$(PY) manage.py runserver 127.0.0.1:$(PORT); \
	fi

worker: install
	$(VENV)/bin/celery -A cidi_meeting worker --loglevel=INFO

test: install-dev messages
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint
	$(PY) manage.py makemigrations --check --dry-run
	$(DEPLOY_ENV) $(PY) manage.py check --deploy --fail-level WARNING

# Prints figures (never asserted): document rendering and the reminder sweep's throughput.
# Figures, never assertions: documents, reminders, then pages under gunicorn at N=10 and
# N=500 (needs PostgreSQL; writes bench-results.json).
bench: install-dev messages
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
