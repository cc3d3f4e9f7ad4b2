#!/bin/sh
# CI after publish.sh, optional: word to the duty room (bulletin notify). A short JSON message of what
# was published since the last message (new issues, 紧急信息 events declared or newly overdue, 更正),
# POSTed to NOTIFY_URL. Nothing is sent when NOTIFY_URL is unset or nothing new was published. This step
# never fails the publish: the site is live already; a failure is a warning in the log.
#
#   NOTIFY_URL            the duty room's address on the intranet, e.g. http://duty.example.intranet/bulletin
#   NOTIFY_TOKEN          optional (a secret): sent as "Authorization: Bearer …", never printed
#   BULLETIN_DEPLOY_DIR   the web server's folder (the message's record is kept there: .notified.json)
#   BULLETIN_SITE_URL     the site's address for the message's links (default: site_url of mkdocs.yml)
set -u
cd "$(dirname "$0")/../.."
if [ -z "${NOTIFY_URL:-}" ]; then
  echo "没有设置 NOTIFY_URL：不通知值班室。"
  exit 0
fi
if [ -z "${BULLETIN_DEPLOY_DIR:-}" ]; then
  echo "没有设置 BULLETIN_DEPLOY_DIR：网站没有发布，不通知值班室。"
  exit 0
fi
set -- --to "$BULLETIN_DEPLOY_DIR"
[ -z "${BULLETIN_SITE_URL:-}" ] || set -- "$@" --site-url "$BULLETIN_SITE_URL"
echo "== 通知值班室"
.venv/bin/bulletin notify "$@" || echo "警告：通知值班室这一步出错（退出码 $?）；网站已照常发布。" >&2
exit 0
