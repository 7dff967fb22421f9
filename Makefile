# Two commands set everything up on a fresh machine:
#   make demo   install, serve the bundled demo sites on 127.0.0.1, crawl, archive, summarise
#   make test   install (Python packages and redis-server) and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo test test-min system-deps eval bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	# pip 23 cannot resolve trafilatura's lxml extras: upgrade it inside the venv first
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

system-deps:
	tools/ensure-system-deps.sh

demo: $(STAMP)
	$(VENV)/bin/speech-archive demo

test: $(STAMP) system-deps
	SPEECH_ARCHIVE_REQUIRE_REDIS=1 $(PY) -m pytest -q

# The declared minimum of every direct dependency (pyproject.toml's lower bounds),
# installed in a second venv: the unit tests and the end-to-end crawls prove the minimums are true.
MIN_VENV ?= .venv-min
MIN_TESTS ?= tests/test_cleaning_*.py tests/test_archive_*.py tests/test_crawler_units.py tests/test_crawler_e2e.py \
             tests/test_scheduler_jobs.py tests/test_browser_reading.py tests/test_distributed_frontier.py tests/test_distributed_writer.py \
             tests/test_distributed_addon.py tests/test_hardening_crawl.py
$(MIN_VENV)/.installed: $(STAMP) pyproject.toml tools/min_constraints.py
	$(PYTHON) -m venv $(MIN_VENV)
	$(MIN_VENV)/bin/python -m pip install --quiet --upgrade pip
	mkdir -p build
	$(PY) tools/min_constraints.py --extra test > build/min-constraints.txt
	$(MIN_VENV)/bin/python -m pip install --quiet -c build/min-constraints.txt -e '.[test]'
	touch $@

test-min: $(MIN_VENV)/.installed
	$(MIN_VENV)/bin/python -m pytest -q -p no:cacheprovider $(MIN_TESTS)

eval: $(STAMP)
	$(PY) -m evaluation.evaluate tests/fixtures/pages

clean:
	rm -rf $(VENV) $(MIN_VENV) build *.egg-info demo.db demo.db-wal demo.db-shm
