#!/bin/sh
# CI on a pull request: check every report against the target branch, build the site strictly, and
# write what the change does to the published site into bulletin-diff.md (scripts/ci/comment.sh posts
# it on the pull request). When the check or the build fails, bulletin-diff.md says so instead, with
# the problems, and the step fails: the reviewer reads them in the comment as well as in the log.
#
#   review.sh BASE          BASE: the target branch (main); origin/BASE is fetched if missing
#   BULLETIN_SITE_URL       the published site's address for the summary's links (default: site_url
#                           of mkdocs.yml on the target branch; neither: links from the site's root)
set -u
cd "$(dirname "$0")/../.."
base="${1:?用法：scripts/ci/review.sh 目标分支（如 main）}"
BIN=.venv/bin
SUMMARY=bulletin-diff.md
OUT=.ci-output.txt
# the build date of the checks, as in `make site`: the day of the last commit
SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}"
export SOURCE_DATE_EPOCH NO_MKDOCS_2_WARNING=1
rm -f "$SUMMARY"

# The problems of a failed step, in the summary: an indented block, one problem a line (each
# problem is printed on one line, its untrusted text escaped), so no text of a report becomes markup.
refuse() {
  { printf '## %s\n\n%s\n\n' "$1" "$2"; sed 's/^/    /' "$OUT" | tail -n 200; } > "$SUMMARY"
  exit "$3"
}

if ! git rev-parse --verify --quiet "origin/$base^{commit}" >/dev/null; then
  git fetch --quiet origin "+refs/heads/$base:refs/remotes/origin/$base" || {
    echo "无法取回目标分支 origin/$base：请检查分支名和 CI 的读取权限。" >&2
    exit 1
  }
fi

echo "== 检查稿件（与 origin/$base 比较）"
"$BIN/bulletin" check --base "origin/$base" > "$OUT" 2>&1
status=$?
cat "$OUT"
[ "$status" -eq 0 ] || refuse "检查没有通过" "下面的问题要先改正（格式：文件:行: 字段: 说明），改好后再推送，这条评论会随之更新。" "$status"

echo "== 生成网站（严格模式）"
scripts/ci/make.sh site > "$OUT" 2>&1
status=$?
cat "$OUT"
[ "$status" -eq 0 ] || refuse "网站生成失败" "检查通过了，但生成网站时出错，下面是生成日志的最后部分；请联系维护人员。" "$status"

echo "== 本次变更对网站的影响"
if [ -n "${BULLETIN_SITE_URL:-}" ]; then
  "$BIN/bulletin" diff --base "origin/$base" --site-url "$BULLETIN_SITE_URL" > "$SUMMARY.new" 2> "$OUT"
else
  "$BIN/bulletin" diff --base "origin/$base" > "$SUMMARY.new" 2> "$OUT"
fi
status=$?
cat "$OUT" >&2
if [ "$status" -ne 0 ]; then
  rm -f "$SUMMARY.new"
  refuse "变更摘要没有生成" "bulletin diff 出错，下面是它的输出。" "$status"
fi
mv "$SUMMARY.new" "$SUMMARY"
cat "$SUMMARY"
rm -f "$OUT"
