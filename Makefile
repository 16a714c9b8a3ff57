# Two commands for a fresh machine with Python >= 3.11:
#   make demo   sets up .venv and runs the demo on the embedded default (DuckDB files)
#   make test   sets up .venv and runs ruff, mypy and pytest
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install browser demo test lint typecheck unit bench docs clean

$(STAMP): pyproject.toml tools/pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "chuhai needs Python 3.11 or newer (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ./tools -e '.[dev,ner,tools]'
	@touch $@

install: $(STAMP)

# The browser tests drive Debian's Chromium (Playwright's own download does not work offline).
# Installing it needs root; without it the browser tests skip (CI requires them: .ci/run).
# Whatever stops the install (no apt-get, not root, apt's own error) is said, not guessed.
BROWSER_PACKAGES := chromium fonts-noto-cjk fonts-noto-color-emoji fonts-thai-tlwg
SKIP_NOTE := browser tests will be skipped
browser:
	@if test -x /usr/bin/chromium && test -d /usr/share/fonts/truetype/tlwg; then :; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
		echo "note: no Chromium and fonts in /usr, and no apt-get to install them; $(SKIP_NOTE)"; \
	elif [ "$$(id -u)" != 0 ]; then \
		echo "note: installing Chromium needs root (sudo make browser); $(SKIP_NOTE)"; \
	else \
		errors=$$(mktemp) || exit 0; \
		if apt-get install -y -q $(BROWSER_PACKAGES) >/dev/null 2>"$$errors"; then :; else \
			status=$$?; \
			last=$$(grep -v '^[[:space:]]*$$' "$$errors" | tail -n 1); \
			echo "note: apt-get install chromium failed (exit $$status): $${last:-no message}; $(SKIP_NOTE)"; \
		fi; \
		rm -f "$$errors"; \
	fi

demo: $(STAMP)
	$(BIN)/chuhai demo

test: browser lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy src tests benchmarks tools/src

# One worker per core; a file's tests stay on one worker (they share module fixtures).
unit: $(STAMP)
	$(BIN)/pytest -n auto --dist loadfile

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_ingest.py --rows 100000

docs: $(STAMP)
	$(BIN)/python -m chuhai.cli.reference > docs/CLI.md

clean:
	rm -rf $(VENV) chuhai-demo .pytest_cache .mypy_cache .ruff_cache
