#!/bin/sh
# CI on the main branch: build the whole site strictly and publish it to the web server's folder
# (bulletin deploy: a new release folder beside the live one, then the link `current` switched in one
# step; a failed build or copy leaves the live site as it was). Roll back with
# `.venv/bin/bulletin rollback --to "$BULLETIN_DEPLOY_DIR"`.
#
# The same on a push and on the schedule (a rebuild every N minutes, so that what the clock changes,
# a 续报 becoming overdue, a month ending, a scheduled issue's day, reaches the site without a commit):
# a build that changes nothing is not switched (bulletin build --if-changed: "网站没有变化，未切换"), and
# a deploy of the build already live does nothing (bulletin deploy --if-changed).
#
#   BULLETIN_DEPLOY_DIR       the web server's folder (its web root is $BULLETIN_DEPLOY_DIR/current);
#                             unset: the site is built and checked, and not published
#   BULLETIN_KEEP_RELEASES    how many releases to keep (default 5)
set -eu
cd "$(dirname "$0")/../.."
echo "== 生成网站（严格模式）"
scripts/ci/make.sh site BUILD_FLAGS=--if-changed
if [ -z "${BULLETIN_DEPLOY_DIR:-}" ]; then
  echo "没有设置 BULLETIN_DEPLOY_DIR：网站已生成（site/），没有发布。" >&2
  exit 0
fi
echo "== 发布到 $BULLETIN_DEPLOY_DIR"
.venv/bin/bulletin deploy --to "$BULLETIN_DEPLOY_DIR" --keep "${BULLETIN_KEEP_RELEASES:-5}" \
  --label "$(git rev-parse --short=12 HEAD)" --if-changed
