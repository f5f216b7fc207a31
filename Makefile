# Ortak: `make run` to try the shop, `make test` to test it. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STRIPE_PORT ?= 8420
export DJANGO_SETTINGS_MODULE ?= shop.settings.dev
# The address emails link to (`migrate` writes it into Django's Sites and Wagtail's site):
# the one `make run` serves. Tests and production set their own.
run migrate demo: export SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run install migrate demo static test system-packages lint bench bench-payments soak clean

$(VENV)/.installed: pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -c requirements.lock -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput -v0

demo: migrate
	$(PY) manage.py load_demo_shop --if-empty

static: install
	$(PY) manage.py collectstatic --noinput -v0

# Starts the local Stripe server, the background worker (tasks and their schedule) and the web
# server together; Ctrl-C stops them all.
run: demo static
	@echo ""
	@echo "  Ortak is starting at http://127.0.0.1:$(PORT)/  (Stripe: localstripe on 127.0.0.1:$(STRIPE_PORT))"
	@echo ""
	@bash -c 'set -m; $(PY) manage.py run_localstripe --port $(STRIPE_PORT) \
		--webhook-url http://127.0.0.1:$(PORT)/stripe/webhook/ & stripe_pid=$$!; \
		STRIPE_API_BASE=http://127.0.0.1:$(STRIPE_PORT) $(PY) manage.py run_worker -v0 & worker_pid=$$!; \
		trap "kill $$stripe_pid $$worker_pid 2>/dev/null" EXIT INT TERM; \
		STRIPE_API_BASE=http://127.0.0.1:$(STRIPE_PORT) $(PY) manage.py runserver 127.0.0.1:$(PORT)'

# Debian's packages the tests need: Chromium drives the browser tests (never a downloaded
# browser), gettext's msgfmt checks the translations.
system-packages:
	@{ test -x /usr/bin/chromium && command -v msgfmt >/dev/null; } || { \
		echo "Installing Debian's chromium and gettext for the tests..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq chromium gettext >/dev/null) \
		|| { echo "Could not install them: run 'apt-get install chromium gettext' as root."; \
			exit 1; }; }

# axe-core, which the browser tests load into pages to check accessibility (npm registry).
node_modules/axe-core/axe.min.js: package.json
	@command -v npm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq npm >/dev/null)
	npm install --no-audit --no-fund --no-package-lock --silent
	@touch $@

test: install system-packages node_modules/axe-core/axe.min.js
	DJANGO_SETTINGS_MODULE=shop.settings.test $(PY) -m pytest --create-db -q $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

bench: install
	$(PY) -m shop.bench $(BENCH_ARGS)

# Pages' p95 while buyers pay (two gunicorn servers, PostgreSQL, Redis, localstripe): no faults.
bench-payments: install
	$(PY) -m shop.soak --no-faults --minutes 2 $(SOAK_ARGS)

# A few minutes of buyers and visitors with random faults (Stripe, PostgreSQL, Redis), then the
# ledger check; exits 1 if money and orders disagree. Uses its own database (shop/soak.py).
soak: install
	$(PY) -m shop.soak $(SOAK_ARGS)

clean:
	rm -rf var/static var/screenshots var/test-*.sqlite3
