#!/usr/bin/env bash
# Issue 13's decompression bomb, too big for `cargo test`: a gzip response
# of about 1 MB that inflates to 1 GiB, served from 127.0.0.1 with
# `Content-Encoding: gzip`, fetched by the release binary at the default
# --max-size (10 MiB). mizan must refuse it with a message and stay far
# below 200 MB of peak memory; the script prints the response size, mizan's
# error line, its exit status and its peak resident memory (GNU time).
#
#   nice scripts/feed_bomb.sh        # needs python3, gzip and /usr/bin/time
set -eu
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/mizan
work=$(mktemp -d)
server=
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

head -c 1073741824 /dev/zero | gzip -9 > "$work/bomb.xml.gz"
printf 'gzip response: %s bytes, inflating to 1073741824\n' "$(stat -c %s "$work/bomb.xml.gz")"

# A server that sends the file as it is, declaring the coding, and stops
# by itself after a minute.
python3 - "$work" <<'PY' > "$work/port" &
import http.server, sys, threading
work = sys.argv[1]
class Bomb(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = open(f"{work}/bomb.xml.gz", "rb").read()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Bomb)
print(server.server_address[1], flush=True)
threading.Timer(60, server.shutdown).start()
server.serve_forever()
PY
server=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$work/port")/bomb.xml"

printf '' > "$work/config.toml"
status=0
/usr/bin/time -v -o "$work/time" env MIZAN_DATA_DIR="$work" XDG_CONFIG_HOME="$work" \
    "$bin" --config "$work/config.toml" fetch --no-pages --jobs 1 --db "$work/bomb.db" "$url" \
    > "$work/out" 2> "$work/err" || status=$?
echo "mizan fetch exit status: $status"
sed 's/^/  /' "$work/err"
peak_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
echo "peak resident memory: $((peak_kb / 1024)) MiB (${peak_kb} kB)"
if [ "$status" -eq 0 ] || ! grep -q 'larger once gzip-decoded' "$work/err"; then
    echo "FAILED: the bomb was not refused with its message"
    exit 1
fi
if [ "$peak_kb" -ge 204800 ]; then
    echo "FAILED: peak memory is 200 MB or more"
    exit 1
fi
echo "ok: refused, peak under 200 MB"
