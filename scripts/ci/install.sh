#!/bin/sh
# CI step 1: the pinned tools into .venv (make .venv/.installed), from the office's package mirror.
# Nothing comes from the internet: pip reads the mirror from PIP_INDEX_URL (and PIP_TRUSTED_HOST for
# a mirror served over plain http), which the CI templates take from a CI variable.
#
#   BULLETIN_PYTHON   the Python 3.11 of the runner or its image (default: python3)
#   PIP_INDEX_URL     the mirror's simple index, e.g. http://pypi.example.intranet/simple/
#   PIP_TRUSTED_HOST  its host name, when it is served over http
#   BULLETIN_CI_VENV  for the tests only: a .venv already installed from this very checkout's
#                     requirements, linked instead of installed (nothing is installed then)
set -eu
cd "$(dirname "$0")/../.."

PYTHON="${BULLETIN_PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "需要 Python 3.11 或更新的版本：$PYTHON 不存在或版本太旧。请在运行器（或它的容器镜像）里装好 python3.11，" \
       "或用 CI 变量 BULLETIN_PYTHON 指明它的位置（如 /usr/bin/python3.11）。" >&2
  exit 1
fi

if [ -n "${BULLETIN_CI_VENV:-}" ]; then
  [ -e .venv ] || ln -s "$BULLETIN_CI_VENV" .venv
  echo "使用已装好的工具：.venv -> $BULLETIN_CI_VENV"
  exit 0
fi

if [ -z "${PIP_INDEX_URL:-}" ]; then
  echo "警告：没有设置 PIP_INDEX_URL（单位的软件包镜像），pip 会去 pypi.org 下载；内网上这一步会失败。" \
       "请在 CI 变量里设置 PIP_INDEX_URL（如 http://pypi.example.intranet/simple/）。" >&2
else
  # the mirror's address without a password that may be written into it
  echo "软件包镜像：$(printf '%s' "$PIP_INDEX_URL" | sed 's|//[^/@]*@|//***@|')"
  export PIP_INDEX_URL
fi
[ -z "${PIP_TRUSTED_HOST:-}" ] || export PIP_TRUSTED_HOST
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_DEFAULT_TIMEOUT="${PIP_DEFAULT_TIMEOUT:-30}"
make .venv/.installed PYTHON="$PYTHON"
