# Two commands: `make run` (the demo) and `make test` (the whole suite).
# Both work on a fresh Debian machine with only python3 and root.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
SYSSTAMP := $(VENV)/.system-packages
SYSTEM_PACKAGES := chromium chromium-driver redis-server

.PHONY: run test venv compiled system-packages bench screenshots clean

$(STAMP): pyproject.toml
	@echo "setup: creating the virtual environment $(VENV) with $(PY)"
	@# Debian's python3 lacks venv until python3-venv is installed: install it when we are root.
	@$(PY) -m venv $(VENV) 2>/dev/null || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "setup: installing python3-venv (apt-get)"; rm -rf $(VENV); \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; \
	  fi; $(PY) -m venv $(VENV); }
	@echo "setup: upgrading pip"
	@$(BIN)/pip install --quiet --upgrade pip
	@echo "setup: installing ma-demand and its dependencies (Scrapy, DuckDB, Dash, test tools) with pip: 1-3 minutes"
	@$(BIN)/pip install --quiet -e '.[test,compile]'
	@touch $(STAMP)
	@echo "setup: $(VENV) ready"

venv: $(STAMP)

# The tagger compiled with mypyc from its own sources (pipeline/compiled.py), rebuilt when one changes;
# without a C compiler it stays plain Python: the same tags, about three quarters of the rate.
COMPILED := build/mypyc/manifest.json
$(COMPILED): $(STAMP) $(wildcard pipeline/*.py)
	@echo "setup: compiling the tagger with mypyc (about 20 s)"
	@$(BIN)/ma-demand compile || echo "setup: the tagger could not be compiled; it runs as plain Python"

compiled: $(COMPILED)

# The browser and redis-server tests need Debian packages; install them when we are root.
$(SYSSTAMP):
	@echo "setup: checking the system packages the browser and redis tests need: $(SYSTEM_PACKAGES)"
	@if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then \
	    echo "setup: installing system packages with apt-get:$$missing (a minute or two)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "setup: system packages already installed"; fi; \
	else echo "not root on Debian: install $(SYSTEM_PACKAGES) yourself for the browser and redis tests"; fi
	@mkdir -p $(VENV) && touch $(SYSSTAMP)

system-packages: $(SYSSTAMP)

run: $(STAMP) $(COMPILED)
	$(BIN)/ma-demand demo

test: $(STAMP) $(SYSSTAMP) $(COMPILED)
	@echo "running the test suite (about 7-8 minutes; browser tests in headless Chromium)"
	$(BIN)/python -m pytest -q
	@echo "running the tagger's tests again on plain Python, as the Scrapyd egg runs it"
	MA_DEMAND_PURE_PYTHON=1 $(BIN)/python -m pytest -q tests/pipeline

# Rewrite docs/screenshots from the demo warehouse, in headless Chromium.
screenshots: $(STAMP) $(SYSSTAMP)
	MA_DEMAND_SCREENSHOTS=1 $(BIN)/python -m pytest -q tests/dashboard/test_demo_screens.py

bench: $(STAMP) $(COMPILED)
	$(BIN)/pip install --quiet -e '.[test,compile,bench]'
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) data build *.egg-info
