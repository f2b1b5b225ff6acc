# The Career Conversations Kit. The two commands that matter:
#   make site   set everything up, then build the whole site and every PDF into site/
#   make test   set everything up, then run every test
# Everything is installed into .venv/ (Python) and node_modules/ (the browser-side
# libraries the site ships, and the test tools);
# missing Debian packages are installed with apt.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# A second environment with ProperDocs (the maintained fork of MkDocs 1.x) in
# place of MkDocs, so that a test proves the kit builds on it too.
PROPERDOCS := .venv-properdocs
PROPERDOCS_STAMP := $(PROPERDOCS)/.installed
POT_OPTS := --sort-output --project="Career Conversations Kit" --copyright-holder="the Career Conversations Kit contributors" --msgid-bugs-address=""
LANGS := $(filter-out en,$(notdir $(wildcard content/*)))

.PHONY: site serve test check clean status bench package tbx i18n-extract i18n-update i18n-compile system-deps test-deps

site: $(STAMP) $(NODE_STAMP) system-deps
	$(PY) -m generator build

serve: $(STAMP) $(NODE_STAMP) system-deps
	$(PY) -m generator serve

check: $(STAMP)
	$(PY) -m generator check

status: $(STAMP)
	$(PY) -m generator status

test: $(STAMP) test-deps $(PROPERDOCS_STAMP)
	$(VENV)/bin/ruff check generator tests
	CAREER_KIT_PROPERDOCS_PYTHON=$(PROPERDOCS)/bin/python $(PY) -m pytest -n 2 --dist loadgroup

package: site
	$(PY) -m generator package

# The termbase (termbase.yml) as TBX, for translation tools: dist/termbase.tbx
tbx: $(STAMP)
	$(PY) -m generator tbx

bench: $(STAMP) $(NODE_STAMP) system-deps
	$(PY) -m generator bench

clean:
	rm -rf site .site-* .cache dist $(PROPERDOCS)
	find locales -name '*.mo' -delete

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

$(PROPERDOCS_STAMP): pyproject.toml requirements.lock
	test -x $(PROPERDOCS)/bin/python || $(PYTHON) -m venv $(PROPERDOCS)
	grep -v -e '^mkdocs==' -e '^mkdocs-get-deps==' requirements.lock > $(PROPERDOCS)/requirements.txt
	$(PROPERDOCS)/bin/pip install -q --disable-pip-version-check --no-deps -r $(PROPERDOCS)/requirements.txt properdocs==1.6.7
	$(PROPERDOCS)/bin/pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

system-deps:
	@scripts/system-deps.sh site

test-deps: $(NODE_STAMP)
	@scripts/system-deps.sh test

$(NODE_STAMP): package.json package-lock.json
	@scripts/system-deps.sh node
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Catalogs: extract the English strings, merge them into every language's
# catalog (changed strings become fuzzy), and check + compile them.
i18n-extract: $(STAMP)
	@mkdir -p locales
	$(VENV)/bin/pybabel extract -F babel/theme.cfg -k plural_forms:1,2 -o locales/theme.pot $(POT_OPTS) .
	$(VENV)/bin/pybabel extract -F babel/worksheets.cfg -o locales/worksheets.pot $(POT_OPTS) .
	$(VENV)/bin/pybabel extract -F babel/sessions.cfg -o locales/sessions.pot $(POT_OPTS) .

i18n-update: i18n-extract
	@for lang in $(LANGS); do for domain in theme worksheets sessions; do \
	  po=locales/$$lang/LC_MESSAGES/$$domain.po; \
	  if [ -f $$po ]; then $(VENV)/bin/pybabel update --ignore-obsolete -D $$domain -i locales/$$domain.pot -d locales -l $$lang --no-wrap; \
	  else $(VENV)/bin/pybabel init -D $$domain -i locales/$$domain.pot -d locales -l $$lang --no-wrap; fi; \
	done; done

i18n-compile: $(STAMP)
	$(PY) -m generator i18n-compile
