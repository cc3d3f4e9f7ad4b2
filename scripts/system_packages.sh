#!/bin/sh
# The Debian packages the issues' PDFs need (WeasyPrint lays text out with pango and subsets the
# fonts with HarfBuzz's subset library: without it WeasyPrint falls back to fontTools and a cold
# build of the sample takes half an hour instead of a minute; the fonts are Noto CJK: the
# regular-weight Noto Serif CJK is only in fonts-noto-cjk-extra). The build refuses to make PDFs
# when a library is missing (bulletin.documents.issuepdf.check_pdf_libraries). Called by the
# Makefile before `make site` and `make test`: installs what is missing when run as root,
# otherwise stops and says the exact command. Nothing happens when all are there.
set -eu
PACKAGES="${BULLETIN_SYSTEM_PACKAGES:-libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk fonts-noto-cjk-extra}"  # the variable: for the tests

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "提示：这台机器不是 Debian/Ubuntu，无法检查系统软件包；生成 PDF 需要 pango、HarfBuzz 的 subset 库（libharfbuzz-subset）和 Noto CJK 字体（思源宋体、思源黑体）。" >&2
  exit 0
fi

missing=""
for package in $PACKAGES; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  case "$status" in
    *" installed") ;;
    *) missing="$missing $package" ;;
  esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = "0" ]; then
  echo "安装生成 PDF 所需的系统软件包：$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  echo "（约 1–3 分钟，视网络而定；字体包较大）" >&2
  apt-get update -q
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing
  exit 0
fi

echo "缺少生成 PDF 所需的系统软件包：$missing" >&2
echo "请用管理员权限安装后重试：" >&2
echo "  sudo apt-get install -y --no-install-recommends$missing" >&2
exit 1
