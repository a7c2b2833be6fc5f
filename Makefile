# hybridnet.expressroute — developer and CI entry points.
#
#   make test       set up everything on a fresh machine and run every test
#   make demo       the four connectivity models against the emulator
#   make emulator   serve the offline Azure in the foreground (STATE=dir)
#
SHELL := /bin/bash
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
DEFAULT_PYTHON_VERSION := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')
VENV ?= $(CURDIR)/.venv
BIN := $(VENV)/bin
# A second SDK generation (azure-mgmt-network 30.x, msrest-style models)
# for the emulator tests; the main venv has the newest (hybrid models).
SDK30_VENV ?= $(CURDIR)/.venv-sdk30
# The newest ansible-core needs Python 3.12+; sanity also runs there. The
# oldest Python the modules declare (3.9) compiles them. Both are found by
# version (PATH, then pyenv); a suite that needs a missing one says so and
# is skipped, it does not fail.
LATEST_PYTHON ?= $(shell scripts/find-python 3.13 3.12)
LATEST_VENV ?= $(CURDIR)/.venv-latest
OLDEST_PYTHON ?= $(shell scripts/find-python 3.9)
SANITY_ROOT := $(CURDIR)/build/sanity/ansible_collections/hybridnet/expressroute
COLLECTIONS := $(CURDIR)/build/collections
COLLECTION_DIR := $(COLLECTIONS)/ansible_collections/hybridnet/expressroute
STATE ?= $(CURDIR)/.emulator
PORT ?= 8443
PYTEST_ARGS ?=

export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)
export PYTHONPATH := $(CURDIR)/tests/emulator:$(COLLECTIONS)
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# Tests must not pick up a developer's ansible.cfg or roles.
export ANSIBLE_CONFIG := $(CURDIR)/tests/ansible.cfg

.PHONY: print-env
print-env: ## the environment the targets run with (export $$(make -s print-env))
	@echo ANSIBLE_COLLECTIONS_PATH=$(ANSIBLE_COLLECTIONS_PATH) PYTHONPATH=$(PYTHONPATH) ANSIBLE_CONFIG=$(ANSIBLE_CONFIG)

.PHONY: help
help: ## list the targets
	@grep -hE '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 24

# -- set-up ----------------------------------------------------------------
$(VENV)/.installed: requirements.txt requirements-test.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt -r requirements-test.txt
	touch $@

$(SDK30_VENV)/.installed: requirements-test.txt
	$(PYTHON) -m venv $(SDK30_VENV)
	$(SDK30_VENV)/bin/pip install --quiet --upgrade pip
	$(SDK30_VENV)/bin/pip install --quiet "azure-mgmt-network==30.2.0" "azure-identity>=1.15" pytest requests cryptography
	touch $@

# Clients nobody here wrote, each in its own venv (make test-clients):
# the Azure CLI, unmodified and pinned (installing it takes a few minutes, once),
# and azure-mgmt-network 28.x, the generation azure.azcollection pins (it sends
# api-version 2024-03-01).
AZCLI_VENV ?= $(CURDIR)/.venv-azcli
AZCLI_VERSION ?= 2.91.0
SDK28_VENV ?= $(CURDIR)/.venv-sdk28

$(AZCLI_VENV)/.installed:
	$(PYTHON) -m venv $(AZCLI_VENV)
	$(AZCLI_VENV)/bin/pip install --quiet --upgrade pip
	$(AZCLI_VENV)/bin/pip install --quiet "azure-cli==$(AZCLI_VERSION)"
	touch $@

$(SDK28_VENV)/.installed:
	$(PYTHON) -m venv $(SDK28_VENV)
	$(SDK28_VENV)/bin/pip install --quiet --upgrade pip
	$(SDK28_VENV)/bin/pip install --quiet "azure-mgmt-network==28.0.0" "azure-identity>=1.15" pytest requests cryptography
	touch $@

# azure.azcollection for make benchmark-compare only (its ~62 pins, ~2 GB):
# the `ansible` package bundles it; its own requirements file, found in the
# installed collection, installs the SDKs it pins. Never the project's venv.
AZCOLL_VENV ?= $(CURDIR)/.venv-azcollection
AZCOLL_ANSIBLE_VERSION ?= 12.3.0
$(AZCOLL_VENV)/.installed:
	$(PYTHON) -m venv $(AZCOLL_VENV)
	$(AZCOLL_VENV)/bin/pip install --quiet --upgrade pip
	$(AZCOLL_VENV)/bin/pip install --quiet "ansible==$(AZCOLL_ANSIBLE_VERSION)"
	req="$$(ls $(AZCOLL_VENV)/lib/python*/site-packages/ansible_collections/azure/azcollection/requirements*.txt | head -1)" && \
	echo "azcollection requirements: $$req" && $(AZCOLL_VENV)/bin/pip install --quiet -r "$$req"
	touch $@

$(LATEST_VENV)/.installed:
	@test -n "$(LATEST_PYTHON)" || { echo "no Python 3.12+ found (PATH, pyenv): cannot build $(LATEST_VENV)" >&2; exit 1; }
	$(LATEST_PYTHON) -m venv $(LATEST_VENV)
	$(LATEST_VENV)/bin/pip install --quiet --upgrade pip
	$(LATEST_VENV)/bin/pip install --quiet "ansible-core>=2.20"
	touch $@

.PHONY: venv
venv: $(VENV)/.installed layout ## create .venv with runtime and test requirements

.PHONY: layout
layout: ## expose the checkout as ansible_collections/hybridnet/expressroute
	@mkdir -p $(dir $(COLLECTION_DIR))
	@ln -sfn $(CURDIR) $(COLLECTION_DIR)

# -- the emulator ----------------------------------------------------------
.PHONY: emulator
emulator: venv ## serve the emulator in the foreground: make emulator STATE=/tmp/x [PORT=8443]
	$(BIN)/python -m expressroute_emulator --state $(STATE) --port $(PORT)

# The emulator as its own Python distribution (tests/emulator/pyproject.toml),
# for users who test their own playbooks against it: a wheel in dist/. Built from a private copy of its sources, so that builds running side
# by side (and the tests) never share setuptools' build/ and egg-info.
EMULATOR_DIST ?= $(CURDIR)/dist

.PHONY: emulator-dist
emulator-dist: venv ## the emulator's wheel in dist/ (pip install dist/expressroute_emulator-*.whl)
	@src="$$(mktemp -d)" && trap 'rm -rf "$$src"' EXIT && \
	cp -r tests/emulator/pyproject.toml tests/emulator/README.md tests/emulator/expressroute_emulator "$$src"/ && \
	find "$$src" -name __pycache__ -prune -exec rm -rf {} + && \
	mkdir -p $(EMULATOR_DIST) && \
	$(BIN)/pip wheel --quiet --no-deps --wheel-dir $(EMULATOR_DIST) "$$src" && \
	ls $(EMULATOR_DIST)/expressroute_emulator-*.whl

# -- the demo --------------------------------------------------------------
DEMO_STATE ?= $(CURDIR)/build/demo/emulator
DEMO_OUTPUT ?= $(CURDIR)/demo-output

.PHONY: demo
demo: venv ## the four connectivity models against the emulator (again: changes nothing)
	$(BIN)/python scripts/demo.py --state $(DEMO_STATE) --output $(DEMO_OUTPUT)

.PHONY: demo-clean
demo-clean: ## forget the demo's emulator state and output
	rm -rf $(CURDIR)/build/demo $(DEMO_OUTPUT)

# -- tests -----------------------------------------------------------------
# Every suite CI runs. A new suite is a target test-<name> plus one line
# `TEST_SUITES += test-<name>` beside its target. They are independent (each
# starts its own emulators on free ports, the BGP lab names its namespaces
# uniquely), so they run side by side; each suite's output is printed whole
# when it ends. The longest suite (test-integration) comes first, so that it
# starts at once instead of after the others have taken the job slots.
TEST_SUITES := test-integration test-unit test-emulator test-packaging test-sanity test-router test-lab test-awx test-molecule
TEST_JOBS ?= 3

# The whole output is also kept in build/test.log, and scripts/test_summary.py
# ends it with what failed: a failed suite's output can be anywhere in the
# middle, where a view of the log's head and tail does not reach.
TEST_LOG ?= $(CURDIR)/build/test.log

.PHONY: test
test: venv system-deps ## everything CI runs (suites side by side: TEST_JOBS=3)
	@mkdir -p $(dir $(TEST_LOG))
	@set -o pipefail; \
	$(MAKE) --no-print-directory -j$(TEST_JOBS) --output-sync=target -k $(TEST_SUITES) 2>&1 | tee $(TEST_LOG); \
	status=$$?; $(PYTHON) scripts/test_summary.py $(TEST_LOG) $(TEST_SUITES); exit $$status

.PHONY: test-emulator
test-emulator: venv $(SDK30_VENV)/.installed ## the emulator, driven by azure-mgmt-network 33.x and 30.x
	EXPECTED_SDK_MAJOR=33 $(BIN)/python -m pytest tests/emulator/tests $(PYTEST_ARGS)
	EXPECTED_SDK_MAJOR=30 $(SDK30_VENV)/bin/python -m pytest -p no:cacheprovider tests/emulator/tests $(PYTEST_ARGS)

# The REST spec's ExpressRoute examples replayed against the emulator (raw
# HTTPS, one SDK-free run: about 40 s).
TEST_SUITES += test-spec-examples
.PHONY: test-spec-examples
test-spec-examples: venv ## the REST spec's ExpressRoute examples replayed: accepted, and every key the example shows
	$(BIN)/python -m pytest -p no:cacheprovider tests/emulator/spec_replay $(PYTEST_ARGS)

# Clients nobody here wrote, unmodified, each from its own venv: the Azure CLI
# (custom cloud, service principal, the ExpressRoute lifecycle; prints the
# commands run/passed) and azure-mgmt-network 28.x over the emulator suite.
TEST_SUITES += test-clients
.PHONY: test-clients
test-clients: venv $(AZCLI_VENV)/.installed $(SDK28_VENV)/.installed ## the emulator driven by the Azure CLI and by azure-mgmt-network 28.x
	AZURE_CLI=$(AZCLI_VENV)/bin/az $(BIN)/python -m pytest -p no:cacheprovider tests/emulator/clients $(PYTEST_ARGS)
	EXPECTED_SDK_MAJOR=28 $(SDK28_VENV)/bin/python -m pytest -p no:cacheprovider tests/emulator/tests $(PYTEST_ARGS)

.PHONY: test-unit
test-unit: venv ## unit tests of module_utils and filters
	$(BIN)/python -m pytest tests/unit --ignore=tests/unit/router $(PYTEST_ARGS)  # router: test-router

.PHONY: test-integration
test-integration: venv ## the modules in playbooks against the emulator (credentials only as AZURE_* variables)
	$(BIN)/python -m pytest -n 2 --dist loadfile tests/integration $(PYTEST_ARGS)

# The fault matrix (issue 13 item 5): each fault kind Azure really fails with
# (tests/emulator/README.md) x each resource the roles write, a minimal play
# per resource run with the fault, then healed, then unchanged; one emulator
# per xdist worker; the matrix table and totals end the output.
TEST_SUITES += test-faults
.PHONY: test-faults
test-faults: venv ## fault matrix: applied-then-lost, stuck, Failed and 429-storm faults x every resource the roles write
	$(BIN)/python -m pytest -p no:cacheprovider -n 2 --dist loadgroup tests/faults $(PYTEST_ARGS)

# The bad-input corpus: ~240 inputs every module and the three model roles'
# entry points must refuse (clear message naming the input, no traceback),
# with zero writes in the emulator's request log; prints its totals.
.PHONY: test-bad-inputs
test-bad-inputs: venv ## the bad-input corpus: refused, named, nothing written
	$(BIN)/python -m pytest tests/bad_inputs $(PYTEST_ARGS)
TEST_SUITES += test-bad-inputs

# One molecule scenario per connectivity-model role, each with its own
# emulator and ephemeral directory, so they run side by side (CPU-bound
# module runs: on 2 cores this nearly halves the wall time); each scenario's
# output is printed whole when it ends.
MOLECULE_SCENARIOS := $(patsubst extensions/molecule/%/molecule.yml,%,$(wildcard extensions/molecule/*/molecule.yml))
MOLECULE_JOBS ?= 3

.PHONY: test-molecule
test-molecule: venv ## molecule: each connectivity-model role against its own emulator (converge, idempotence, verify, decommission)
	$(MAKE) --no-print-directory -j$(MOLECULE_JOBS) --output-sync=target $(addprefix test-molecule-,$(MOLECULE_SCENARIOS))

# One scenario: make test-molecule-<scenario>. From the collection root
# (molecule finds extensions/molecule there), with the venv's ansible tools.
test-molecule-%: venv
	cd $(CURDIR) && PATH=$(BIN):$$PATH $(BIN)/molecule test -s $* --no-command-borders

# Figures, not tests (issue 15): no-op task per module vs ansible.builtin.ping
# on both paths, requests per task by kind, a scale run at N/2 and N circuits
# (BENCH_SCALE, default 50; 0 skips it), make demo's first and second run.
BENCH_SCALE ?= 50
BENCH_ARGS ?=
.PHONY: benchmark
benchmark: venv ## figures: no-op task per module vs ping, requests by kind, scale run, demo runs (BENCH_SCALE=50)
	$(BIN)/python tests/benchmarks/benchmark.py --scale $(BENCH_SCALE) $(BENCH_ARGS)

.PHONY: benchmark-compare
benchmark-compare: venv $(AZCOLL_VENV)/.installed ## figures: the no-op circuit task beside azure.azcollection's azure_rm_expressroute
	$(BIN)/python tests/benchmarks/compare.py --azcollection-venv $(AZCOLL_VENV) $(BENCH_ARGS)

# -- router configuration ---------------------------------------------------
# Debian packages the router checks need: FRR (vtysh -C, and the daemons of
# the BGP lab) and iproute2 (namespaces, veth). Installed only when missing;
# the package lists are refreshed only if the install fails without them.
SYSTEM_DEPS := frr iproute2
.PHONY: system-deps
system-deps: ## install the Debian packages the tests need (FRR, iproute2) when missing
	@missing="$$(for p in $(SYSTEM_DEPS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null \
		| grep -q 'ok installed' || echo $$p; done)"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" != 0 ]; then echo "system-deps: install as root: apt-get install $$missing" >&2; exit 1; fi; \
		echo "system-deps: installing $$missing"; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing \
		|| { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; }; \
	fi

.PHONY: test-router
test-router: venv system-deps ## router configuration: data model, golden files, parse-back of six dialects, vtysh -C
	$(BIN)/python -m pytest tests/unit/router $(PYTEST_ARGS)

.PHONY: test-lab
# Its three files side by side (the lab mostly waits on BGP and BFD timers); each lab names its namespaces
# uniquely. -rA prints the figures (convergence, prefixes each MSEE received per session).
test-lab: venv system-deps ## BGP lab (root): rendered FRR configs judged from two simulated MSEEs in netns
	$(BIN)/python -m pytest -n 3 --dist loadfile -rA tests/bgp_lab $(PYTEST_ARGS)

.PHONY: golden
golden: venv ## re-render the router configuration golden files (review the diff like code)
	$(BIN)/python tests/unit/router/router_render.py tests/unit/router/golden

.PHONY: test-packaging
test-packaging: venv ## build the collection, install it, check what ships
	$(BIN)/python -m pytest tests/packaging --ignore=tests/packaging/test_emulator_distribution.py \
		--ignore=tests/packaging/test_docs.py --ignore=tests/packaging/test_docsite.py $(PYTEST_ARGS)

# The documentation site: antsibull-docs (sphinx-init, then the collection's
# plugin, role and extra docs as RST) and Sphinx with docs.ansible.com's theme,
# in its own venv (requirements-docs.txt); offline (scripts/build-docs.py).
DOCS_VENV ?= $(CURDIR)/.venv-docs
DOCS_DIR ?= $(CURDIR)/build/docs

$(DOCS_VENV)/.installed: requirements-docs.txt
	$(PYTHON) -m venv $(DOCS_VENV)
	$(DOCS_VENV)/bin/pip install --quiet --upgrade pip
	$(DOCS_VENV)/bin/pip install --quiet -r requirements-docs.txt
	touch $@

.PHONY: docs
docs: layout $(DOCS_VENV)/.installed ## the HTML documentation site in build/docs/html (offline; Sphinx warnings are errors)
	$(DOCS_VENV)/bin/python scripts/build-docs.py --dest $(DOCS_DIR)

# The documentation as docs.ansible.com builds it: antsibull-docs' linter
# (plugin, role and extra docs, links between them; offline: it reads the
# checkout through ansible-doc), then ansible-doc renders every module, filter
# and role entry point, then the site is built (Sphinx warnings are errors) and
# every link inside it must resolve (tests/packaging/test_docsite.py; offline,
# where Sphinx's linkcheck would need the network).
TEST_SUITES += test-docs
.PHONY: test-docs
# The linter runs without the exported collections path: with it, it takes the collection's metadata from there
# but its docs from its temporary copy, and renders a path into that copy on every page; about one run in 37 the
# copy's random name ends in "_", which reStructuredText reads as a reference ("Unknown target name: antsibull-docs-...").
test-docs: venv layout $(DOCS_VENV)/.installed ## the docs: antsibull-docs lint, ansible-doc on every plugin and role, the site (warnings are errors) and its links
	cd $(COLLECTION_DIR) && env -u ANSIBLE_COLLECTIONS_PATH PATH=$(BIN):$$PATH $(BIN)/antsibull-docs lint-collection-docs --plugin-docs .
	$(BIN)/python -m pytest -n 2 -p no:cacheprovider tests/packaging/test_docs.py $(PYTEST_ARGS)
	$(DOCS_VENV)/bin/python scripts/build-docs.py --dest $(CURDIR)/build/test-docs
	DOCSITE_HTML=$(CURDIR)/build/test-docs/html $(BIN)/python -m pytest -p no:cacheprovider \
		tests/packaging/test_docsite.py $(PYTEST_ARGS)

# The emulator's wheel in a fresh venv: entry point, plain SDK script, pytest
# plugin, and the README's molecule scenario (about 2 minutes, mostly pip and molecule).
TEST_SUITES += test-emulator-dist
.PHONY: test-emulator-dist
test-emulator-dist: venv ## the emulator's wheel installed in a fresh venv: entry point, SDK script, pytest plugin, molecule scenario
	$(BIN)/python -m pytest tests/packaging/test_emulator_distribution.py $(PYTEST_ARGS)

# -- linters ---------------------------------------------------------------
# As community.docker (antsibull-nox) and amazon.aws run them: ansible-lint at
# the production profile (.ansible-lint), yamllint (.yamllint), ruff check and
# ruff format --check (ruff.toml), mypy on plugins/ (.mypy.ini). Their own venv
# (requirements-lint.txt): ansible-lint brings the ansible-core it supports,
# apart from the test venv's pin. make lint runs them side by side with -j.
LINT_VENV ?= $(CURDIR)/.venv-lint
LINT_BIN := $(LINT_VENV)/bin

$(LINT_VENV)/.installed: requirements-lint.txt
	$(PYTHON) -m venv $(LINT_VENV)
	$(LINT_BIN)/pip install --quiet --upgrade pip
	$(LINT_BIN)/pip install --quiet -r requirements-lint.txt
	touch $@

TEST_SUITES += test-lint
.PHONY: lint test-lint lint-ansible lint-yaml lint-ruff lint-mypy
lint: lint-ansible lint-yaml lint-ruff lint-mypy ## linters: ansible-lint (production profile), yamllint, ruff check + format, mypy on plugins/
test-lint: lint

lint-ansible: $(LINT_VENV)/.installed layout
	cd $(CURDIR) && PATH=$(LINT_BIN):$$PATH $(LINT_BIN)/ansible-lint --nocolor

lint-yaml: $(LINT_VENV)/.installed
	$(LINT_BIN)/yamllint --strict .

# ruff format --check covers every Python file (ruff.toml; what git ignores is skipped).
RUFF_FORMAT_PATHS := .

lint-ruff: $(LINT_VENV)/.installed
	$(LINT_BIN)/ruff check --no-cache .
	$(LINT_BIN)/ruff format --no-cache --check $(RUFF_FORMAT_PATHS)

# From build/collections, where ansible_collections.hybridnet.expressroute is
# this checkout (make layout).
lint-mypy: $(LINT_VENV)/.installed layout
	cd $(COLLECTIONS) && $(LINT_BIN)/mypy --config-file $(CURDIR)/.mypy.ini ansible_collections/hybridnet/expressroute/plugins

# -- the supported ansible-core range -------------------------------------
# meta/runtime.yml declares ansible-core 2.17+: the roles converge, and change
# nothing on a second run, on the oldest (2.17) and on the newest release,
# each in its own venv (`make demo`'s three models, twice); the oldest also
# runs a representative part of the modules' integration suite. ansible-core
# 2.17 runs on Python 3.10-3.12 and the newest needs 3.12+: both found by
# version (PATH, then pyenv); a missing one is SKIPPED with the reason.
CORE_OLDEST := 2.17
CORE_OLDEST_PYTHON ?= $(shell scripts/find-python 3.12 3.11 3.10)
CORE_OLDEST_VENV ?= $(CURDIR)/.venv-core-oldest
CORE_NEWEST_PYTHON ?= $(shell scripts/find-python 3.14 3.13 3.12)
CORE_NEWEST_VENV ?= $(CURDIR)/.venv-core-newest
CORE_TEST_PACKAGES := pytest pytest-xdist requests cryptography pyyaml
# The modules' part: the circuit (auth, create, check/diff, no-op, refusals)
# and the roles' refusals; the rest of the integration suite runs on the
# default ansible-core (kept small for CI's time).
CORE_OLDEST_INTEGRATION := tests/integration/test_circuit.py tests/integration/test_roles_refusals.py

$(CORE_OLDEST_VENV)/.installed: requirements.txt
	$(CORE_OLDEST_PYTHON) -m venv $(CORE_OLDEST_VENV)
	$(CORE_OLDEST_VENV)/bin/pip install --quiet --upgrade pip
	$(CORE_OLDEST_VENV)/bin/pip install --quiet "ansible-core~=$(CORE_OLDEST).0" -r requirements.txt $(CORE_TEST_PACKAGES)
	touch $@

$(CORE_NEWEST_VENV)/.installed: requirements.txt
	$(CORE_NEWEST_PYTHON) -m venv $(CORE_NEWEST_VENV)
	$(CORE_NEWEST_VENV)/bin/pip install --quiet --upgrade pip
	$(CORE_NEWEST_VENV)/bin/pip install --quiet --upgrade ansible-core -r requirements.txt $(CORE_TEST_PACKAGES)
	touch $@

TEST_SUITES += test-core-oldest
.PHONY: test-core-oldest
test-core-oldest: layout ## ansible-core 2.17 (the declared floor): roles converge + idempotence, part of the integration suite
	@if [ -z "$(CORE_OLDEST_PYTHON)" ]; then \
		echo "SKIPPED: ansible-core $(CORE_OLDEST) (roles, integration): no Python 3.10-3.12 found on PATH or through pyenv"; \
	else $(MAKE) --no-print-directory $(CORE_OLDEST_VENV)/.installed && \
		EXPECTED_ANSIBLE_CORE=$(CORE_OLDEST) $(CORE_OLDEST_VENV)/bin/python -m pytest -p no:cacheprovider \
			tests/core_range $(PYTEST_ARGS) && \
		$(CORE_OLDEST_VENV)/bin/python -m pytest -p no:cacheprovider -n 2 --dist loadfile \
			$(CORE_OLDEST_INTEGRATION) $(PYTEST_ARGS); fi

TEST_SUITES += test-core-newest
.PHONY: test-core-newest
test-core-newest: layout ## the newest ansible-core release: roles converge + idempotence
	@if [ -z "$(CORE_NEWEST_PYTHON)" ]; then \
		echo "SKIPPED: the newest ansible-core (roles): no Python 3.12+ found on PATH or through pyenv"; \
	else $(MAKE) --no-print-directory $(CORE_NEWEST_VENV)/.installed && \
		EXPECTED_ANSIBLE_CORE="$$($(CORE_NEWEST_VENV)/bin/python -c 'import ansible; print(ansible.__version__)')" \
		$(CORE_NEWEST_VENV)/bin/python -m pytest -p no:cacheprovider tests/core_range $(PYTEST_ARGS); fi

# -- AWX and execution environments ----------------------------------------
# The image is built from build/ee: the collection tarball (a fixed name the
# execution-environment file refers to) and ansible-builder's context.
EE_DIR := $(CURDIR)/build/ee
EE_CONTEXT ?= $(EE_DIR)/context
CONTAINER_RUNTIME ?= podman
COLLECTION_VERSION = $(shell sed -n 's/^version: *//p' galaxy.yml)

.PHONY: ee-context
ee-context: venv ## the execution environment's build context in build/ee/context (no container engine needed)
	@rm -rf $(EE_DIR)/dist $(EE_CONTEXT) && mkdir -p $(EE_DIR)/dist
	$(BIN)/ansible-galaxy collection build --output-path $(EE_DIR)/dist $(CURDIR)
	cp $(EE_DIR)/dist/hybridnet-expressroute-$(COLLECTION_VERSION).tar.gz $(EE_DIR)/hybridnet-expressroute.tar.gz
	$(BIN)/ansible-builder create -f execution-environment/execution-environment.yml -c $(EE_CONTEXT) \
		--output-filename Containerfile

.PHONY: ee
ee: ee-context ## build the execution environment image (podman, or CONTAINER_RUNTIME=docker)
	$(CONTAINER_RUNTIME) build -f $(EE_CONTEXT)/Containerfile -t hybridnet/expressroute-ee:$(COLLECTION_VERSION) $(EE_CONTEXT)

.PHONY: test-awx
test-awx: venv ## AWX: execution-environment context, controller configuration, a job through ansible-runner
	$(BIN)/python -m pytest tests/awx $(PYTEST_ARGS)

# -- ansible-test sanity --------------------------------------------------
# ansible-test needs the collection under .../ansible_collections/NS/NAME; it
# gets a copy of the files git knows (tracked and new, not ignored): the
# collection's content and its unit tests.  The test harnesses (the emulator,
# the BGP lab, the playbook-driving suites, molecule) are not collection
# content and are left out.
SANITY_EXCLUDE := tests/emulator/|tests/core_range/|tests/bgp_lab/|tests/integration/|tests/bad_inputs/|tests/faults/|tests/benchmarks/|tests/packaging/|tests/awx/|extensions/|scripts/
.PHONY: sanity-tree
sanity-tree:
	@rm -rf $(CURDIR)/build/sanity && mkdir -p $(SANITY_ROOT)
	@git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} sh -c 'test -e "{}" && echo "{}"' \
		| grep -vE '^($(SANITY_EXCLUDE))' | tar -cf - -T - | tar -xf - -C $(SANITY_ROOT)
	@# Its own git repository: ansible-test lists files with git, and the
	@# checkout's repository ignores build/.
	@cd $(SANITY_ROOT) && git init -q && git add -A

# ansible-test --venv bootstraps pip with a script it downloads from a host
# this machine cannot reach: give it an offline one under every name it uses.
.PHONY: sanity-bootstrap
sanity-bootstrap:
	@mkdir -p $(HOME)/.ansible/test/cache
	@for version in 24_2 25_0 25_1 25_2 25_3 26_0 26_1 26_2; do \
		cp tests/sanity/get_pip_offline.py $(HOME)/.ansible/test/cache/get_pip_$$version.py; done

.PHONY: test-sanity
test-sanity: venv sanity-tree sanity-bootstrap ## ansible-test sanity: default ansible-core and the newest (Python 3.12+, when found)
	cd $(SANITY_ROOT) && $(BIN)/ansible-test sanity --venv --python $(DEFAULT_PYTHON_VERSION) --color no
	@$(MAKE) --no-print-directory sanity-newest sanity-oldest

# The parts of test-sanity that need another Python, found by version: each
# says SKIPPED, with the reason, where none is found (test-anywhere checks
# that on a machine with only python3, make and git). sanity-newest runs in
# the tree test-sanity has just built.
.PHONY: sanity-newest
sanity-newest:
	@if [ -n "$(LATEST_PYTHON)" ]; then \
		$(MAKE) --no-print-directory $(LATEST_VENV)/.installed && \
		cd $(SANITY_ROOT) && $(LATEST_VENV)/bin/ansible-test sanity --venv \
			--python "$$($(LATEST_PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')" --color no; \
	else echo "SKIPPED: sanity on the newest ansible-core: no Python 3.12+ found on PATH or through pyenv"; fi

.PHONY: sanity-oldest
sanity-oldest:
	@if [ -n "$(OLDEST_PYTHON)" ]; then \
		$(OLDEST_PYTHON) -m compileall -q plugins/modules plugins/module_utils; \
	else echo "SKIPPED: compiling the modules with Python 3.9 (their declared floor): no Python 3.9 found"; fi

# make test with pyenv hidden (issue 14 item 5): scripts/find-python finds
# interpreters by version outside pyenv, and every suite that needs one it
# cannot find (sanity-newest, sanity-oldest, test-core-oldest,
# test-core-newest) says SKIPPED with the reason and succeeds, on a machine
# whose PATH holds only python3, make and git. A few seconds.
TEST_SUITES += test-anywhere
.PHONY: test-anywhere
test-anywhere: venv layout ## make test on any machine: Python found by version with pyenv hidden; what cannot run says SKIPPED
	$(BIN)/python -m pytest -p no:cacheprovider tests/anywhere $(PYTEST_ARGS)

.PHONY: print-pythons
print-pythons: ## the interpreters found by version (empty: that part is SKIPPED)
	@echo LATEST_PYTHON=$(LATEST_PYTHON)
	@echo OLDEST_PYTHON=$(OLDEST_PYTHON)
	@echo CORE_OLDEST_PYTHON=$(CORE_OLDEST_PYTHON)
	@echo CORE_NEWEST_PYTHON=$(CORE_NEWEST_PYTHON)

.PHONY: clean
clean: ## remove build output (keeps the virtual environments)
	rm -rf build tests/output .pytest_cache

.PHONY: distclean
distclean: clean ## also remove the virtual environments and the default emulator state
	rm -rf $(VENV) $(SDK30_VENV) .venv-* $(STATE)
