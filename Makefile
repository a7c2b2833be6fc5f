# hybridnet.expressroute — developer and CI entry points.
#
#   make test       set up everything on a fresh machine and run every test
#   make demo       the three connectivity models against the emulator
#   make emulator   serve the offline Azure in the foreground (STATE=dir)
#
SHELL := /bin/bash
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV ?= $(CURDIR)/.venv
BIN := $(VENV)/bin
# A second SDK generation (azure-mgmt-network 30.x, msrest-style models)
# for the emulator tests; the main venv has the newest (hybrid models).
SDK30_VENV ?= $(CURDIR)/.venv-sdk30
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

# -- tests -----------------------------------------------------------------
.PHONY: test
test: venv test-emulator test-packaging ## everything CI runs

.PHONY: test-emulator
test-emulator: venv $(SDK30_VENV)/.installed ## the emulator, driven by azure-mgmt-network 33.x and 30.x
	EXPECTED_SDK_MAJOR=33 $(BIN)/python -m pytest tests/emulator/tests $(PYTEST_ARGS)
	EXPECTED_SDK_MAJOR=30 $(SDK30_VENV)/bin/python -m pytest -p no:cacheprovider tests/emulator/tests $(PYTEST_ARGS)

.PHONY: test-packaging
test-packaging: venv ## build the collection, install it, check what ships
	$(BIN)/python -m pytest tests/packaging $(PYTEST_ARGS)

.PHONY: clean
clean: ## remove build output (keeps the virtual environments)
	rm -rf build tests/output .pytest_cache

.PHONY: distclean
distclean: clean ## also remove the virtual environments and the default emulator state
	rm -rf $(VENV) $(SDK30_VENV) .venv-* $(STATE)
