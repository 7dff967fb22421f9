# Two commands set everything up on a fresh machine:
#   make demo   install, serve the bundled demo sites on 127.0.0.1, crawl, archive, summarise
#   make test   install (Python packages and redis-server) and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo test system-deps eval bench clean

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

eval: $(STAMP)
	$(PY) -m cleaning.evaluate tests/fixtures/pages

clean:
	rm -rf $(VENV) *.egg-info demo.db demo.db-wal demo.db-shm
