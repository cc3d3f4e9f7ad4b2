# Two commands on a fresh machine (Python 3.11, git, make):
#   make site   build the archive site from reports/ into site/ (one step: the old site stays if the build fails)
#   make test   run the tests
# Both create .venv and install the pinned versions from requirements.txt first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SITE   := site
MO     := hooks/bulletin/locale/en/LC_MESSAGES/bulletin.mo hooks/bulletin/locale/zh/LC_MESSAGES/click.mo
# The site speaks for the moment it is built (hooks/bulletin/times.py), as `bulletin new` and
# `bulletin event` stamp it: a deadline passed since the last commit is overdue. For a
# reproducible build pin the moment: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) make site
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test lint serve check clean messages system-packages

$(STAMP): requirements.txt pyproject.toml
	@echo "准备 Python 环境 $(VENV)：安装 requirements.txt 中固定版本的软件包（首次约 1–2 分钟，下面逐个列出）" >&2
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar off -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# One build at a time, built in .site-builds/ and switched live in one step: site is a link to
# the last complete build (hooks/bulletin/commands/build.py). Ends with where the site is.
# BUILD_FLAGS=--if-changed (CI's publish): a build that changes nothing is not switched.
site: system-packages $(STAMP) $(MO)
	$(BIN)/bulletin build --site $(SITE) $(BUILD_FLAGS)

# The tests on every core (pytest-xdist); the sites they only read are built once for the run.
test: system-packages $(STAMP) $(MO)
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

# The Debian packages of the issues' PDFs (pango, Noto CJK fonts): installed when missing if
# run as root (apt-get); otherwise it stops with the exact apt-get line to run.
system-packages:
	@sh scripts/system_packages.sh

# Lint, format, types and the house's layers (settings in pyproject.toml); CI runs it before the tests.
lint: $(STAMP)
	$(BIN)/ruff check hooks tests scripts
	$(BIN)/ruff format --check hooks tests scripts
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# Editors' preview: only the last PREVIEW_MONTHS months of issues are built, so a change
# shows in seconds even on a ten-year archive (PREVIEW_MONTHS=0 builds everything).
PREVIEW_MONTHS ?= 3
serve: $(STAMP) $(MO)
	BULLETIN_PREVIEW_MONTHS=$(PREVIEW_MONTHS) $(BIN)/mkdocs serve

check: $(STAMP) $(MO)
	$(BIN)/bulletin check

clean:
	rm -rf $(VENV) $(SITE) .site-builds $(SITE).new $(SITE).old .pytest_cache .cache $(MO)

# Messages (hooks/bulletin/i18n.py): written in Chinese in the code, English in the catalog
# locale/en/LC_MESSAGES/bulletin.po; Click's own words in Chinese in locale/zh/LC_MESSAGES/click.po.
# `make messages` extracts the messages into bulletin.pot and updates the English catalog (then
# translate the new entries; tests/test_i18n.py fails while one has no translation).
LOCALE := hooks/bulletin/locale
messages: $(STAMP)
	$(BIN)/pybabel -q extract -F babel.cfg --no-location --sort-output -k _ -w 100 -o $(LOCALE)/bulletin.pot hooks
	$(BIN)/pybabel -q update -i $(LOCALE)/bulletin.pot -d $(LOCALE) -D bulletin -l en -w 100 --no-fuzzy-matching --ignore-obsolete

# The compiled catalogs (not in Git), made again whenever a catalog changes.
%.mo: %.po $(STAMP)
	$(BIN)/pybabel -q compile -i $< -o $@
