# quantspan — run `make help` for the list of targets.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install serve test check-rules proto proto-check units lint fmt clean eval
.PHONY: tools node-deps clients clients-check test-go test-node test-clients breaking api-baseline
.PHONY: docs docs-check k8s-check k8s-schemas

BUF    := $(VENV)/bin/buf
# The Go tools, installed with `go install` into .tools/bin (gitignored). protoc-gen-go must match
# google.golang.org/protobuf in clients/go/go.mod.
TOOLS  := $(CURDIR)/.tools/bin
PROTOC_GEN_GO_VERSION      := v1.36.12
PROTOC_GEN_GO_GRPC_VERSION := v1.6.2
KUBECONFORM_VERSION        := v0.8.0
TOOLS_STAMP := .tools/.installed-$(PROTOC_GEN_GO_VERSION)-$(PROTOC_GEN_GO_GRPC_VERSION)-$(KUBECONFORM_VERSION)
NODE_DIR    := clients/node
NODE_STAMP  := $(NODE_DIR)/node_modules/.package-lock.json
# The server the Go and Node tests start.
QUANTSPAN_BIN ?= $(abspath $(VENV))/bin/quantspan
# What `buf breaking` keeps proto/ compatible with: the committed baseline image (README, "Checks").
BREAKING_AGAINST ?= api/baseline.json

help: ## List the targets
	@grep -E '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-14s %s\n", $$1, $$2}'

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

check-rules: $(STAMP) ## Load and validate the rules, run every rule example, ReDoS-check every pattern
	$(VENV)/bin/quantspan rules check

# Reliability (README, "Reliability"): a long soak and coverage-guided fuzzing, outside CI
# (CI runs tests/test_soak.py, a short soak, and replays the fuzz corpus in tests/test_fuzz_corpus.py).
.PHONY: soak fuzz
SOAK_REQUESTS ?= 100000
FUZZ_SECONDS  ?= 60
FUZZ_STAMP    := $(VENV)/.installed-fuzz

soak: $(STAMP) ## Send SOAK_REQUESTS (100000) mixed requests to a server; fail if its RSS grows > 1.2x after warm-up
	$(PY) -m tests.soak --requests $(SOAK_REQUESTS)

$(FUZZ_STAMP): $(STAMP) pyproject.toml constraints.txt
	$(PIP) install -q -c constraints.txt -e '.[fuzz]'
	@touch $@

fuzz: $(FUZZ_STAMP) ## Fuzz the engine with atheris for FUZZ_SECONDS (60); seeds in fuzz/corpus, crashes in fuzz/crashes
	mkdir -p fuzz/corpus-local fuzz/crashes
	$(PY) fuzz/fuzz_extract.py fuzz/corpus-local fuzz/corpus -dict=fuzz/extract.dict \
		-max_total_time=$(FUZZ_SECONDS) -timeout=30 -max_len=4096 -artifact_prefix=fuzz/crashes/

# $(call protoc,OUTDIR): generate the Python code of proto/ into OUTDIR
protoc = $(PY) -m grpc_tools.protoc -I proto --python_out=$(1) --pyi_out=$(1) --grpc_python_out=$(1) proto/quantspan/v1/quantspan.proto

proto: $(STAMP) ## Regenerate the Python code from proto/
	$(call protoc,service)

proto-check: $(STAMP) ## Fail if the committed generated code (service/quantspan/v1) is stale
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(call protoc,$$tmp) && \
	diff -ru -x __init__.py -x __pycache__ "$$tmp/quantspan/v1" service/quantspan/v1 && \
	echo "service/quantspan/v1 is up to date with proto/"

$(TOOLS_STAMP):
	mkdir -p $(TOOLS)
	GOBIN=$(TOOLS) go install google.golang.org/protobuf/cmd/protoc-gen-go@$(PROTOC_GEN_GO_VERSION)
	GOBIN=$(TOOLS) go install google.golang.org/grpc/cmd/protoc-gen-go-grpc@$(PROTOC_GEN_GO_GRPC_VERSION)
	GOBIN=$(TOOLS) go install github.com/yannh/kubeconform/cmd/kubeconform@$(KUBECONFORM_VERSION)
	rm -f .tools/.installed-* && touch $@

tools: $(TOOLS_STAMP) ## Install protoc-gen-go, protoc-gen-go-grpc and kubeconform into .tools/bin

$(NODE_STAMP): $(NODE_DIR)/package.json $(NODE_DIR)/package-lock.json
	cd $(NODE_DIR) && npm ci --no-audit --no-fund
	@touch $@

node-deps: $(NODE_STAMP) ## Install the Node client's dependencies (npm ci)

# $(call gen_clients,ROOT): generate the Go code (buf + Go plugins) and the Node client's proto
# copy and TypeScript types (proto-loader-gen-types) of proto/ under ROOT/clients
gen_clients = $(BUF) generate --template buf.gen.yaml -o $(1) && \
	mkdir -p $(1)/$(NODE_DIR)/proto/quantspan/v1 && \
	cp proto/quantspan/v1/quantspan.proto $(1)/$(NODE_DIR)/proto/quantspan/v1/ && \
	(cd $(1)/$(NODE_DIR) && $(CURDIR)/$(NODE_DIR)/node_modules/.bin/proto-loader-gen-types \
	  --grpcLib=@grpc/grpc-js --outDir=types --longs=String --enums=String --defaults --oneofs \
	  --includeComments quantspan/v1/quantspan.proto --includeDirs=proto)

clients: $(STAMP) $(TOOLS_STAMP) $(NODE_STAMP) ## Regenerate the Go and Node client code from proto/
	rm -rf clients/go/quantspan $(NODE_DIR)/proto $(NODE_DIR)/types
	$(call gen_clients,.)

clients-check: $(STAMP) $(TOOLS_STAMP) $(NODE_STAMP) ## Fail if the committed client code is stale (else run `make clients`)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(call gen_clients,$$tmp) && \
	diff -ru "$$tmp/clients/go/quantspan" clients/go/quantspan && \
	diff -ru "$$tmp/$(NODE_DIR)/proto" $(NODE_DIR)/proto && \
	diff -ru "$$tmp/$(NODE_DIR)/types" $(NODE_DIR)/types && \
	echo "clients/ is up to date with proto/"

test-go: $(STAMP) ## Go client: vet, then its tests against a live `quantspan serve`
	@unformatted=$$(gofmt -l clients/go); [ -z "$$unformatted" ] || { echo "gofmt: $$unformatted"; exit 1; }
	cd clients/go && go vet ./... && QUANTSPAN_BIN=$(QUANTSPAN_BIN) go test -count=1 ./...

test-node: $(STAMP) $(NODE_STAMP) ## Node client: its tests (node --test) against a live `quantspan serve`
	cd $(NODE_DIR) && QUANTSPAN_BIN=$(QUANTSPAN_BIN) node --test test/

test-clients: test-go test-node ## The Go and Node client tests

breaking: $(STAMP) ## buf breaking: proto/ against api/baseline.json, and against main from another branch
	$(BUF) breaking --against '$(BREAKING_AGAINST)'
	@branch=$$(git rev-parse --abbrev-ref HEAD 2>/dev/null || true); \
	if [ -n "$$branch" ] && [ "$$branch" != main ] && [ "$$branch" != HEAD ] && \
	   git rev-parse -q --verify refs/heads/main >/dev/null; then \
	  echo "buf breaking --against .git#branch=main"; $(BUF) breaking --against '.git#branch=main'; \
	fi

api-baseline: $(STAMP) ## Record proto/ as the compatibility baseline (api/baseline.json) of `make breaking`
	$(BUF) build --exclude-source-info -o '-#format=json' | $(PY) -m json.tool --indent 1 > api/baseline.json

docs: $(STAMP) ## Regenerate docs/api.md (proto comments, README error table, live examples)
	$(PY) scripts/gen_api_docs.py

docs-check: $(STAMP) ## Fail if docs/api.md is stale (else run `make docs`)
	$(PY) scripts/gen_api_docs.py --check

k8s-check: $(TOOLS_STAMP) ## Validate deploy/k8s/*.yaml offline: kubeconform with the vendored schemas
	$(TOOLS)/kubeconform -strict -summary \
	  -schema-location 'deploy/k8s/schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json' deploy/k8s/*.yaml

k8s-schemas: $(STAMP) ## Re-vendor deploy/k8s/schemas from the kubernetes-validate wheel (PyPI)
	$(PY) scripts/vendor_k8s_schemas.py

units: $(STAMP) ## Rebuild the unit table derived from quantulum3 (service/quantspan/data/units_en.json)
	$(PY) -m quantspan.engine.unitbuild

eval: $(STAMP) ## Score the service on every peer suite in ../shared and check the accuracy targets
	$(PY) scripts/eval.py

# Benchmarks (README, "Performance"). The bench extra brings Duckling (pyduckling-native-phihos)
# and pyinstrument; ghz, the gRPC load generator, is installed with `go install` into .tools/bin.
.PHONY: bench loadtest
GHZ_VERSION := v0.121.0
GHZ_STAMP   := .tools/.ghz-$(GHZ_VERSION)
BENCH_STAMP := $(VENV)/.installed-bench

$(BENCH_STAMP): $(STAMP) pyproject.toml constraints.txt
	$(PIP) install -q -c constraints.txt -e '.[bench]'
	@touch $@

$(GHZ_STAMP):
	mkdir -p $(TOOLS)
	GOBIN=$(TOOLS) go install github.com/bojand/ghz/cmd/ghz@$(GHZ_VERSION)
	rm -f .tools/.ghz-* && touch $@

bench: $(BENCH_STAMP) ## Engine benchmark vs quantulum3 and Duckling; JSON in bench/results (BENCH_STRICT=1 fails on a miss)
	$(PY) -m bench.bench $(BENCH_ARGS)

loadtest: $(STAMP) $(GHZ_STAMP) ## Load-test `quantspan serve --workers 2` with ghz (BENCH_STRICT=1 fails on a miss)
	GHZ=$(TOOLS)/ghz $(PY) -m bench.loadtest $(LOADTEST_ARGS)

lint: $(STAMP) ## ruff, buf lint and buf breaking
	$(VENV)/bin/ruff check service tests scripts bench fuzz
	$(VENV)/bin/ruff format --check service tests scripts bench fuzz
	$(BUF) lint
	$(MAKE) --no-print-directory breaking

fmt: $(STAMP) ## Format the Python code
	$(VENV)/bin/ruff format service tests scripts
	$(VENV)/bin/ruff check --fix service tests scripts

clean: ## Remove the virtualenv and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache
