#!/bin/sh
# CI on a pull request, after review.sh (also when it failed): post bulletin-diff.md on the pull
# request as one comment, updated on every push (scripts/ci/post_comment.py). Without a token
# the summary stays in the log only, and this step does not fail.
#
#   comment.sh FORGE API REPO NUMBER     FORGE: gitea, github or gitlab; API: the forge's API address;
#                                        REPO: owner/name (GitLab: the project's id); NUMBER: the pull request's
#   BULLETIN_BOT_TOKEN                   a token that may comment (Gitea: write:issue; GitLab: api)
#   BULLETIN_BOT_USER                    optional: the token's user, so that only its own comment is edited
set -eu
cd "$(dirname "$0")/../.."
if [ $# -ne 4 ]; then
  echo "用法：scripts/ci/comment.sh gitea|github|gitlab API地址 仓库 合并请求编号" >&2
  exit 2
fi
if [ ! -f bulletin-diff.md ]; then
  echo "没有 bulletin-diff.md（检出或安装没有完成）：没有可发的评论，原因见前面的步骤。" >&2
  exit 0
fi
if [ -z "${BULLETIN_BOT_TOKEN:-}" ]; then
  echo "没有设置 BULLETIN_BOT_TOKEN：变更摘要没有发到合并请求上，只在上面的日志里。" >&2
  exit 0
fi
exec "${BULLETIN_PYTHON:-python3}" scripts/ci/post_comment.py --forge "$1" --api "$2" --repo "$3" --number "$4" \
  --body-file bulletin-diff.md
