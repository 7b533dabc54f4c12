#!/usr/bin/env bash
# The README's curl examples (section "From other languages"), run by samples/cli/AdminApiCurlTest against a runner
# started with --port 0 --admin-port 0 --user alice:secret: ADMIN and TOKEN come from its line
# "Admin on $ADMIN token $TOKEN", SFTP from "Listening on $SFTP". Every call must succeed; each prints its answer.
set -euo pipefail
cd "$(mktemp -d)"
printf 'id,total\n1,42\n' > report.csv

# tag::admin-curl[]
auth="Authorization: Bearer $TOKEN"   # ADMIN is the printed http://127.0.0.1:PORT/, with its slash
curl -sS --fail-with-body -H "$auth" -T report.csv "${ADMIN}files/in/report.csv"   # directories are created
curl -sS --fail-with-body -H "$auth" "${ADMIN}files/in/report.csv"                 # the bytes; 404 when absent
curl -sS --fail-with-body -H "$auth" "${ADMIN}files/in?list"                       # a directory's entries
curl -sS --fail-with-body -H "$auth" -X PUT "${ADMIN}files/in/empty/"   # a directory: the trailing slash, no body

# a fault rule for this test, in the --fault grammar; the answer has its id
curl -sS --fail-with-body -H "$auth" -d '{"rule": "OPEN /in/*.csv status=FAILURE once"}' "${ADMIN}faults"
# the code under test runs; here curl's own SFTP client, whose first download fails
! curl -sS --insecure -u alice:secret "${SFTP}in/report.csv"
curl -sS --insecure -u alice:secret "${SFTP}in/report.csv"
curl -sS --fail-with-body -H "$auth" "${ADMIN}faults"           # every rule, with "fired" and "unused"
curl -sS --fail-with-body -H "$auth" -X DELETE "${ADMIN}faults/1"   # one rule; DELETE ${ADMIN}faults: all

# hold the next write to /out in a hang rule (id 2), wait until it is held, then let it go
curl -sS --fail-with-body -H "$auth" -d '{"rule": "WRITE /out/* hang once"}' "${ADMIN}faults"
curl -sS --insecure -u alice:secret -T report.csv --ftp-create-dirs "${SFTP}out/a.csv" & upload=$!   # code under test
curl -sS --fail-with-body -H "$auth" -d '{"fired": 1, "timeoutMs": 5000}' "${ADMIN}faults/2/await"   # 408: not yet
curl -sS --fail-with-body -H "$auth" -X POST "${ADMIN}faults/2/release"   # the write goes on
# answers once the upload completed (also when it already had), 408 after timeoutMs
curl -sS --fail-with-body -H "$auth" -d '{"file": "/out/a.csv", "timeoutMs": 5000}' "${ADMIN}recording/await"
wait "$upload"   # the upload's curl succeeded
curl -sS --fail-with-body -H "$auth" "${ADMIN}recording?operation=OPEN,WRITE&path=/out/*"   # --record-json lines
curl -sS --fail-with-body -H "$auth" "${ADMIN}recording?format=summary&connectionEvents=false&since=5"
curl -sS --fail-with-body -H "$auth" "${ADMIN}connections"
curl -sS --fail-with-body -H "$auth" -X DELETE "${ADMIN}connections"   # all; ${ADMIN}connections/ID: one
curl -sS --fail-with-body -H "$auth" -X DELETE "${ADMIN}files/in/report.csv"
curl -sS --fail-with-body -H "$auth" -X POST "${ADMIN}reset"   # files, rules, recording, connections: as at start
curl -sS --fail-with-body -H "$auth" -o openapi.json "${ADMIN}openapi.json"   # describes all of the above
# end::admin-curl[]
echo "openapi.json: $(wc -c < openapi.json) bytes"
