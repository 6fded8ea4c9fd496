#!/usr/bin/env bash
# README command 2: run every test. Installs what the tests need (Azurite, GOV.UK Frontend, Chromium),
# builds in Release, runs each test project (they start their own Azurite on free ports), and ends with
# one line, `N passed, N failed, N skipped`, summed over all test projects. Exits non-zero on any failure.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_tools
install_node_packages
install_chromium

RESULTS="$ROOT/TestResults/$(date +%Y%m%d-%H%M%S)-$$"
mkdir -p "$RESULTS"
say "Building (Release)"
dotnet build "$ROOT/PBudget.sln" -c Release -nologo -clp:"ErrorsOnly;NoSummary" -v:quiet

say "Checking formatting (dotnet format)"
format_status=0
dotnet format "$ROOT/PBudget.sln" --verify-no-changes --no-restore -v:quiet || format_status=$?

say "Running the tests"
{ dotnet test "$ROOT/PBudget.sln" -c Release --no-build --logger "trx" --results-directory "$RESULTS" -- RunConfiguration.CollectSourceInformation=false \
  && echo 0 >"$RESULTS/status" || echo $? >"$RESULTS/status"; } 2>&1 | tee "$RESULTS/console.log"
test_status=$(cat "$RESULTS/status")
# A test process that dies mid-run leaves its unfinished tests out of its .trx and can still exit 0: count
# each such crash as a failure, so that a lost test can never pass for a passed run.
crashed=$(grep -c -E "Catastrophic failure|Test Run Aborted" "$RESULTS/console.log" || true)
if [ "$crashed" -ne 0 ]; then echo "$crashed test process(es) crashed before reporting every test (see above)." >&2; fi

passed=0; failed=0; skipped=0; files=0
for trx in "$RESULTS"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  # VSTest counts a skipped test as neither executed nor notExecuted: skipped = total - executed.
  skipped=$((skipped + $(get total) - $(get executed)))
done

failed=$((failed + crashed))
if [ "$files" -eq 0 ]; then echo "No test results were written." >&2; test_status=1; fi
if [ "$format_status" -ne 0 ]; then echo "Formatting differs from .editorconfig: run 'dotnet format PBudget.sln'." >&2; fi
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$test_status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$format_status" -ne 0 ]; then exit 1; fi
