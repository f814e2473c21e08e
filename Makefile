# Một Cửa. The two commands: `make run` and `make test` (see README).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed-$(shell cat requirements/lock.txt pyproject.toml | sha1sum | cut -c1-12)
PORT   ?= 8000
export PYTHONPATH := src:.

.PHONY: setup venv system-deps system-deps-test messages-compile migrate demo run worker simulators bench-smoke test-hard backup restore \
        test test-fast lint format typecheck messages check lock bench clean

$(STAMP):
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements/lock.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

venv: $(STAMP)

system-deps:
	@scripts/system-deps.sh run

system-deps-test:
	@scripts/system-deps.sh test

messages-compile: venv system-deps
	@$(PY) manage.py compilemessages --ignore='.venv/*' -v 0

setup: venv system-deps messages-compile

migrate: setup
	$(PY) manage.py migrate --noinput -v 0

# The demo data, then (first start) a synthetic year of dossiers at 2% of Bình Phước's volume
# (about 25,000, a minute or so) so queues, reports and dashboards show real-looking figures;
# later starts only add the days since the last one.
DEMO_HISTORY ?= --since 365 --scale 0.02 --procedures 400
demo: migrate
	$(PY) manage.py seed_demo
	$(PY) manage.py signing_demo_keys
	$(PY) manage.py history_generate $(DEMO_HISTORY)

# The local stand-ins of the national systems (simulators/README.md): PayGov on $(PAYGOV_PORT).
PAYGOV_PORT ?= 8765
PAYGOV_SIM := $(PYTHON) simulators/paygov/server.py --port $(PAYGOV_PORT) \
  --partners MOTCUA-DEMO=demo-secret-not-for-production \
  --callback-url http://127.0.0.1:$(PORT)/thanh-toan/paygov/xac-nhan/ \
  --return-url 'http://127.0.0.1:$(PORT)/thanh-toan/ket-qua/{reference}/'
# The national portal's dossier sync on $(DVCQG_PORT) (what it received is kept in var/).
DVCQG_PORT ?= 8766
DVCQG_SIM := $(PYTHON) simulators/dvcqg/server.py --port $(DVCQG_PORT) \
  --users motcua=demo-secret-not-for-production --state-file var/dvcqg-simulator.json
# The national identity (OpenID Connect) on $(OIDC_PORT); test identities: simulators/README.md.
# It signs ID tokens with RSA (the `cryptography` package), so it runs in the virtualenv.
OIDC_PORT ?= 8767
OIDC_SIM := $(PY) simulators/oidc/server.py --port $(OIDC_PORT) \
  --client 'motcua-local:demo-secret-not-for-production:http://127.0.0.1:$(PORT)/dang-nhap/dinh-danh/ve/,http://localhost:$(PORT)/dang-nhap/dinh-danh/ve/'
simulators:
	@mkdir -p var
	@trap 'kill 0' INT TERM EXIT; $(PAYGOV_SIM) & $(DVCQG_SIM) & $(OIDC_SIM)

# Web server on http://127.0.0.1:$(PORT), one background worker, the scheduler of periodic
# jobs (766 facts, notification retries, payment reconciliation, the national sync) and the
# PayGov and national-portal simulators;
# Ctrl+C stops them all.
run: demo
	@mkdir -p var
	@$(PY) manage.py enqueue_heartbeat
	@echo "Một Cửa: http://127.0.0.1:$(PORT)/  (demo users: README)"
	@trap 'kill 0' INT TERM EXIT; \
	  $(PY) manage.py db_worker --interval 1 & \
	  $(PY) manage.py run_schedule & \
	  $(PAYGOV_SIM) & \
	  $(DVCQG_SIM) & \
	  $(OIDC_SIM) & \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT)

worker: migrate
	$(PY) manage.py db_worker

# axe-core for the accessibility checks of the browser journeys (npm registry, pinned by lock).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $@

# The whole suite, browser journeys included (what CI runs).
test: setup system-deps-test node_modules/.installed
	$(BIN)/pytest -n auto -q

# The inner loop: no browser, nothing slow.
test-fast: setup system-deps-test
	$(BIN)/pytest -n auto -q -m "not slow and not e2e"

# The reliability suite at full size on PostgreSQL: property tests with 1,000 cases each,
# schemathesis, concurrency, crashes and outages (docs/reliability.md). Prints its figures.
test-hard: setup system-deps-test
	./scripts/test_hard.sh

# Back up the database (the one DATABASE_URL names), the stored files and a manifest into
# var/backups/motcua-<time>/ (MOTCUA_BACKUP_DIR); `make restore BACKUP=<that directory>` puts
# them back and checks row counts, the audit chain and file checksums (docs/reliability.md).
backup: migrate
	$(PY) manage.py backup_create

restore: setup
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/motcua-<time>"; exit 2; }
	$(PY) manage.py backup_restore "$(BACKUP)"

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run -v 0
	$(BIN)/pytest -q -p no:cacheprovider src/motcua/core/tests/test_conventions.py

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: venv
	$(BIN)/mypy

# Fails when the Vietnamese catalogue has an untranslated or fuzzy entry.
messages: venv
	$(PY) scripts/check_messages.py locale/vi/LC_MESSAGES/django.po

check: lint typecheck messages test

# Regenerate requirements/lock.txt from the pins in pyproject.toml, in a clean venv.
lock:
	rm -rf /tmp/motcua-lock && $(PYTHON) -m venv /tmp/motcua-lock
	$(PYTHON) -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; \
	  print('\n'.join(p['dependencies'] + p['optional-dependencies']['dev']))" > /tmp/motcua-lock/direct.txt
	/tmp/motcua-lock/bin/pip install -q -r /tmp/motcua-lock/direct.txt
	/tmp/motcua-lock/bin/pip freeze > requirements/lock.txt

# Every benchmark on SQLite and PostgreSQL; each writes bench/results/<name>-<database>.json,
# the table of them all is printed at the end (docs/performance.md: what it takes, how long).
BENCHES := bench/run.py bench/catalog_search.py bench/dossiers.py bench/quality.py bench/payments.py \
           bench/documents.py bench/sync.py bench/history.py bench/load.py bench/api.py

# locust (the load test's client) in a virtualenv of its own: its gevent stack stays out of the app.
.venv-bench/.installed: requirements/bench.txt
	@test -d .venv-bench || $(PYTHON) -m venv .venv-bench
	.venv-bench/bin/pip install -q --disable-pip-version-check -r requirements/bench.txt
	@touch $@

bench: setup .venv-bench/.installed
	@set -e; for b in $(BENCHES); do echo "::: $$b"; $(PY) $$b; done
	$(PY) bench/report.py

# The same benches shrunk (BENCH_SMOKE=1: scale 0.01, 2,000 dossiers, 20,000 facts) on
# PostgreSQL, so they never rot: what CI runs. Its figures are not the ones to report.
bench-smoke: setup .venv-bench/.installed
	@set -e; for b in $(BENCHES); do echo "::: $$b"; BENCH_SMOKE=1 BENCH_DATABASES=postgresql $(PY) $$b; done

clean:
	rm -rf $(VENV) var db.sqlite3*
