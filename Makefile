# quantspan — run `make help` for the list of targets.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install serve test check-rules proto proto-check units lint fmt clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) ## Create .venv with quantspan, its pinned dependencies and the dev tools

serve: $(STAMP) ## Serve on 127.0.0.1:50051 with the embedded rules
	$(VENV)/bin/quantspan serve

test: $(STAMP) ## Run every test: rule examples, engine, seed golden, service
	$(PY) -m pytest

check-rules: $(STAMP) ## Load and validate the rules, then run every rule example
	$(VENV)/bin/quantspan rules check

# $(call protoc,OUTDIR): generate the Python code of proto/ into OUTDIR
protoc = $(PY) -m grpc_tools.protoc -I proto --python_out=$(1) --pyi_out=$(1) --grpc_python_out=$(1) proto/quantspan/v1/quantspan.proto

proto: $(STAMP) ## Regenerate the Python code from proto/
	$(call protoc,service)

proto-check: $(STAMP) ## Fail if the committed generated code (service/quantspan/v1) is stale
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(call protoc,$$tmp) && \
	diff -ru -x __init__.py -x __pycache__ "$$tmp/quantspan/v1" service/quantspan/v1 && \
	echo "service/quantspan/v1 is up to date with proto/"

units: $(STAMP) ## Rebuild the unit table derived from quantulum3 (service/quantspan/data/units_en.json)
	$(PY) -m quantspan.engine.unitbuild

lint: $(STAMP) ## ruff and buf lint
	$(VENV)/bin/ruff check service tests
	$(VENV)/bin/ruff format --check service tests
	$(VENV)/bin/buf lint

fmt: $(STAMP) ## Format the Python code
	$(VENV)/bin/ruff format service tests
	$(VENV)/bin/ruff check --fix service tests

clean: ## Remove the virtualenv and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache
