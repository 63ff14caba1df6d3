# thpl-nlp — kiểm tra, rà soát văn bản QPPL địa phương
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Tests get a throw-away home (tests/conftest.py) unless THPL_HOME was given explicitly.
ifeq ($(origin THPL_HOME),undefined)
TEST_ENV := env -u THPL_HOME -u PREFECT_HOME
endif
THPL_HOME ?= $(CURDIR)/data
export THPL_HOME
export PREFECT_HOME ?= $(THPL_HOME)/prefect
export DO_NOT_TRACK := 1

.PHONY: setup run test test-slow test-all bench eval lint clean

$(BIN)/thpl: pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/thpl

setup: $(BIN)/thpl ## create .venv with the `thpl` command (idempotent)

AS_OF ?= $(shell date +%F)

run: setup ## build the knowledge base, review the sample documents, fill the queue
	$(BIN)/thpl kb build
	$(BIN)/thpl review corpus/samples --as-of $(AS_OF)
	@echo
	@echo "Hàng đợi phát hiện: $(THPL_HOME)/thpl.sqlite3  (xem: $(BIN)/thpl queue list --json)"
	@echo "Mở ứng dụng web:  $(BIN)/thpl users add admin --role admin   (nhập mật khẩu)"
	@echo "                  $(BIN)/thpl serve   rồi mở http://127.0.0.1:8000"

test: setup ## fast test suite (corpus tests skip when ../shared/corpus is absent)
	$(BIN)/ruff check thpl_nlp pipelines tests scripts
	$(TEST_ENV) $(BIN)/pytest -q -m "not slow"
	$(TEST_ENV) $(BIN)/pytest -q --doctest-modules thpl_nlp --ignore=thpl_nlp/queue/migrations

test-slow: setup ## the slow acceptance tests (OCR round trip, SIGKILL re-run, deployments…)
	$(TEST_ENV) $(BIN)/pytest -q -m slow

test-all: setup
	$(TEST_ENV) $(BIN)/pytest -q

bench: setup ## speed benchmarks → reports/bench-*.json
	$(BIN)/python scripts/bench.py

eval: setup ## accuracy evaluations → reports/eval-*.json
	$(BIN)/python scripts/eval.py

lint: setup
	$(BIN)/ruff check thpl_nlp pipelines tests scripts
	$(BIN)/ruff format --check thpl_nlp pipelines tests scripts

clean:
	rm -rf $(THPL_HOME) reports .pytest_cache
