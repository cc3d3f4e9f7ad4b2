#!/bin/sh
# `make` as the CI steps run it: with BULLETIN_CI_VENV (the tests' linked .venv) the installed
# tools are never remade, whatever the age of requirements.txt in a fresh clone.
set -eu
cd "$(dirname "$0")/../.."
if [ -n "${BULLETIN_CI_VENV:-}" ]; then
  exec make -o .venv/.installed "$@"
fi
exec make "$@"
