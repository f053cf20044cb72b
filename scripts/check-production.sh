#!/usr/bin/env bash
# The production install, proven: after `npm ci` (done by the caller: CI runs this after its own),
#   npm run build:server && npm prune --omit=dev && npm run start:server
# in a copy of the install outside the repository (package.json, package-lock.json, node_modules,
# dist-server/; nothing up the tree to fall back on), so the repository keeps its dev tools. The
# server must start on the runtime dependencies alone (no tsx, no Vite), answer /healthz and
# /api/openapi.json, and stop cleanly on SIGTERM. Any failure fails loudly, with the server's output.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT
fail() {
  printf '\nproduction check FAILED: %s\n' "$*" >&2
  if [ -f "$dir/server.log" ]; then sed 's/^/  server| /' "$dir/server.log" >&2; fi
  exit 1
}

npm run --silent build:server

cp package.json package-lock.json "$dir/"
cp -R dist-server "$dir/"
# The contents (node_modules may itself be a link): prune must remove from the copy only.
mkdir "$dir/node_modules"
cp -a node_modules/. "$dir/node_modules/"
cd "$dir"
[ -d node_modules ] && [ ! -L node_modules ] || fail "node_modules in the copy is not a directory of its own"
npm prune --omit=dev --no-audit --no-fund --loglevel=error || fail "npm prune --omit=dev"
for tool in tsx vite vitest; do
  [ ! -e "node_modules/$tool" ] || fail "node_modules/$tool is still there: this is not a production install"
done

secret=$(node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("hex"))')
JWT_SECRET="$secret" PORT=0 DATA_DIR="$dir/data" LOG_LEVEL=warn npm run --silent start:server >"$dir/server.log" 2>&1 &
pid=$!
url=""
for _ in $(seq 1 150); do
  url=$(sed -n 's/^{"listening":"\([^"]*\)".*/\1/p' "$dir/server.log" | head -n 1)
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || fail "the server exited before listening"
  sleep 0.2
done
[ -n "$url" ] || fail "the server was not listening after 30 s"

health=$(curl -fsS --max-time 5 "$url/healthz") || fail "GET $url/healthz"
[[ "$health" == *'"status":"ok"'* ]] || fail "GET $url/healthz answered $health"
description=$(curl -fsS --max-time 5 "$url/api/openapi.json") || fail "GET $url/api/openapi.json"
[[ "$description" == '{"openapi":"3.1.0"'* ]] || fail "GET $url/api/openapi.json is not the OpenAPI document"

# SIGTERM to the server itself, as a supervisor sends it; npm (and a shell) sit between it and $pid.
server=$pid
while child=$(pgrep -P "$server" | head -n 1) && [ -n "$child" ]; do server=$child; done
kill -TERM "$server"
status=0
wait "$pid" || status=$?
pid=""
[ "$status" -eq 0 ] || fail "the server did not stop cleanly on SIGTERM (exit status $status)"
echo "production install: dist-server/ on the runtime dependencies alone answered $url/healthz with $health and stopped cleanly"
