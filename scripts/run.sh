#!/usr/bin/env bash
# README command 1: set everything up and run PBudget locally.
# Starts Azurite (data kept in .local/azurite), the function app in Development with its local queue
# dispatcher, seeds the demo scheme (idempotent), waits for the site to be published, prints the URLs.
# Emails to residents are not sent locally: each lands as an .eml file in the mailbox folder (.local/mailbox).
# Ctrl+C stops everything it started. `--smoke` stops after printing the URLs (used by the tests).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SMOKE=false; [ "${1:-}" = "--smoke" ] && SMOKE=true

APP_PORT="${PBUDGET_PORT:-7071}"
BLOB_PORT="${AZURITE_BLOB_PORT:-10000}"; QUEUE_PORT="${AZURITE_QUEUE_PORT:-10001}"; TABLE_PORT="${AZURITE_TABLE_PORT:-10002}"
LOCAL="${PBUDGET_LOCAL_DIR:-$ROOT/.local}"; LOGS="$LOCAL/logs"; SITE="$LOCAL/site"; MAILBOX="$LOCAL/mailbox"
mkdir -p "$LOGS" "$LOCAL/azurite" "$SITE" "$MAILBOX"

need_tools
install_node_packages
say "Building PBudget"
for project in functions/PBudget.Functions functions/PBudget.Cli; do
  dotnet build "$ROOT/$project" -c Debug -nologo -clp:"ErrorsOnly;NoSummary" -v:quiet
done

pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$APP_PORT" "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT"; do
  port_free "$port" || { echo "Port $port is in use. Stop what uses it, or set PBUDGET_PORT / AZURITE_*_PORT." >&2; exit 1; }
done

say "Starting Azurite (Table, Queue, Blob) on ports $TABLE_PORT/$QUEUE_PORT/$BLOB_PORT"
node "$ROOT/node_modules/azurite/dist/src/azurite.js" --location "$LOCAL/azurite" --disableTelemetry --skipApiVersionCheck --loose \
  --blobHost 127.0.0.1 --blobPort "$BLOB_PORT" --queueHost 127.0.0.1 --queuePort "$QUEUE_PORT" \
  --tableHost 127.0.0.1 --tablePort "$TABLE_PORT" >"$LOGS/azurite.log" 2>&1 &
pids+=($!)

KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$KEY;BlobEndpoint=http://127.0.0.1:$BLOB_PORT/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE_PORT/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE_PORT/devstoreaccount1;"

wait_for() { # description, seconds, test command...
  local what="$1" seconds="$2"; shift 2
  for _ in $(seq 1 $((seconds * 4))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.25; done
  echo "Timed out waiting for $what. Logs are in $LOGS." >&2; exit 1
}
wait_for "Azurite" 30 bash -c "exec 3<>/dev/tcp/127.0.0.1/$TABLE_PORT"

say "Starting the function app on http://127.0.0.1:$APP_PORT"
APP_DIR="$ROOT/functions/PBudget.Functions/bin/Debug/net10.0"
(cd "$APP_DIR" && ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development \
  ASPNETCORE_URLS="http://127.0.0.1:$APP_PORT" Storage__ConnectionString="$STORAGE" \
  Publishing__OutputFolder="$SITE" Notifications__MailboxFolder="$MAILBOX" \
  exec dotnet PBudget.Functions.dll) >"$LOGS/app.log" 2>&1 &
pids+=($!)
wait_for "the function app" 60 curl -fsS "http://127.0.0.1:$APP_PORT/api/health"

say "Seeding the demo scheme"
dotnet "$ROOT/functions/PBudget.Cli/bin/Debug/net10.0/pbudget.dll" seed --url "http://127.0.0.1:$APP_PORT"
wait_for "the site to be published" 60 test -f "$SITE/schemes/riverside-2026-27/wards/index.html"

cat <<INFO

PBudget is running.
  Public site     http://localhost:$APP_PORT/
  Demo scheme     http://localhost:$APP_PORT/schemes/riverside-2026-27/
  API             http://localhost:$APP_PORT/api/schemes   (OpenAPI: /api/openapi/v1.json)
  Local sign-in   http://localhost:$APP_PORT/dev/sign-in   (tokens for Alex Admin, Olu Officer, Cllr Chris Councillor)
  Storage         Azurite, data in .local/azurite; logs in .local/logs
  Mail            Emails to residents land in: $MAILBOX   (one .eml file each)
Press Ctrl+C to stop.
INFO
$SMOKE && exit 0
wait
