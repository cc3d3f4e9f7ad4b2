#!/bin/sh
# A plain shell runner (a Jenkins job's "Execute shell", or cron) on a machine of the intranet with
# python3.11, git and make. Copy it anywhere; it calls scripts/ci/*.sh of the checkout it works in.
#
#   shell-runner.sh review BASE   in a checkout of the pull request (a Jenkins workspace; fetch with
#                                 the whole history): check, strict build, summary in bulletin-diff.md,
#                                 and the comment when FORGE, FORGE_API, FORGE_REPO, FORGE_NUMBER and
#                                 BULLETIN_BOT_TOKEN are set
#   shell-runner.sh publish       in a checkout of main: strict build, deploy to BULLETIN_DEPLOY_DIR
#   shell-runner.sh poll          for cron: keep the checkout BULLETIN_CHECKOUT up to date with
#                                 BULLETIN_REPO_URL's main branch and publish it on every run (the
#                                 crontab's interval is the schedule: what the clock changes, a 续报
#                                 becoming overdue, a month ending, reaches the site without a commit;
#                                 a run that changes nothing switches and deploys nothing), e.g.
#                                 */5 * * * * BULLETIN_REPO_URL=http://git.example.intranet/office/bulletin.git \
#                                   BULLETIN_CHECKOUT=/var/lib/bulletin/checkout BULLETIN_DEPLOY_DIR=/srv/bulletin \
#                                   PIP_INDEX_URL=http://pypi.example.intranet/simple/ /usr/local/bin/shell-runner.sh poll
#
# Variables: as in the other templates (PIP_INDEX_URL, PIP_TRUSTED_HOST, BULLETIN_PYTHON,
# BULLETIN_SITE_URL, BULLETIN_DEPLOY_DIR, BULLETIN_KEEP_RELEASES, NOTIFY_URL and NOTIFY_TOKEN for the duty
# room's message after a publish); BULLETIN_BRANCH (default main) for poll. Two polls never publish at once:
# the second waits for the first (flock on $BULLETIN_CHECKOUT.lock when flock(1) is installed) and the
# build's own lock refuses a second build anyway.
set -eu

review() {
  scripts/ci/install.sh
  status=0
  scripts/ci/review.sh "$1" || status=$?
  if [ -n "${FORGE:-}" ]; then
    scripts/ci/comment.sh "$FORGE" "${FORGE_API:?}" "${FORGE_REPO:?}" "${FORGE_NUMBER:?}" || status=1
  fi
  return "$status"
}

publish() {
  scripts/ci/install.sh
  scripts/ci/publish.sh
  scripts/ci/notify.sh
}

poll() {
  checkout="${BULLETIN_CHECKOUT:?请设置 BULLETIN_CHECKOUT：本机上放仓库检出的文件夹}"
  branch="${BULLETIN_BRANCH:-main}"
  if [ ! -d "$checkout/.git" ]; then
    git clone --quiet --branch "$branch" "${BULLETIN_REPO_URL:?请设置 BULLETIN_REPO_URL：仓库地址}" "$checkout"
  fi
  cd "$checkout"
  git fetch --quiet origin "+refs/heads/$branch:refs/remotes/origin/$branch"
  latest="$(git rev-parse "origin/$branch")"
  if [ "$(git rev-parse HEAD)" = "$latest" ]; then
    echo "没有新的提交（$branch 仍是 ${latest}）：照常重新生成，只有时间带来的变化才会发布。"
  fi
  git checkout --quiet --force --detach "$latest"
  git clean -ffdq
  publish
}

case "${1:-}" in
  review) [ $# -eq 2 ] || { echo "用法：shell-runner.sh review 目标分支" >&2; exit 2; }
          review "$2" ;;
  publish) publish ;;
  poll) if command -v flock >/dev/null 2>&1 && [ -z "${BULLETIN_POLL_LOCKED:-}" ] && [ -n "${BULLETIN_CHECKOUT:-}" ]; then
          mkdir -p "$(dirname "$BULLETIN_CHECKOUT")"
          exec env BULLETIN_POLL_LOCKED=1 flock "$BULLETIN_CHECKOUT.lock" "$0" poll
        fi
        poll ;;
  *) echo "用法：shell-runner.sh review 目标分支 | publish | poll" >&2; exit 2 ;;
esac
