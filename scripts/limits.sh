#!/usr/bin/env bash
# The full-size limit cases of issue 7, too big for `cargo test`: each is
# generated in a temporary directory and run through the release binary,
# printing wall and CPU time and peak memory (GNU time). Past the first row
# the article limit is raised to 200 MB, so that the million lines (32 MB)
# are read. What to expect:
#   - a 100 MB article is refused at the default limit, naming
#     limits.max_article_bytes, and read when the limit is raised;
#   - a 1,000,000-line file, a 1 MB line, 10,000 bidi controls in one
#     paragraph, deep nesting of quotes and brackets and 100,000 articles
#     are rendered and tagged in time linear in their size;
#   - a 10,000-entry lexicon whose aliases share their first words is
#     checked, and an article naming each of its parties is tagged with it,
#     in linear time.
# Each n and 4n pair is followed by the ratio of their CPU times: a linear
# case takes about 4 times as long.
#
#   nice scripts/limits.sh       # needs python3, bc and /usr/bin/time
set -eu
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/mizan
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
printf '' > default.toml
printf '[limits]\nmax_article_bytes = 200000000\n' > big.toml

python3 - <<'PY'
import os
en = 'The minister said: "We blame the other side for the collapse of the talks," he added. '
ar = 'قال الوزير «نحمّل الطرف الآخر المسؤولية» في بيان. '
def article(name, body):
    with open(name, 'w', encoding='utf-8') as f:
        f.write('Title\n\n' + body + '\n')
# 100 MB article: paragraphs of both languages.
with open('article-100mb.txt', 'w', encoding='utf-8') as f:
    f.write('Title\n\n')
    block = (en * 20 + '\n\n' + ar * 20 + '\n\n')
    for _ in range(100 * 1024 * 1024 // len(block.encode())):
        f.write(block)
for n, label in ((250_000, 'n'), (1_000_000, '4n')):
    with open(f'lines-{label}.txt', 'w', encoding='utf-8') as f:
        f.write('Title\n' + '\n'.join(['A short line said the minister.'] * n) + '\n')
for size, label in ((256 * 1024, 'n'), (1024 * 1024, '4n')):
    article(f'line-{label}.txt', (en * (size // len(en)))[:size])
for n, label in ((2_500, 'n'), (10_000, '4n')):
    article(f'bidi-{label}.txt', '\u202e\u2067قال a\u202c\u2069 ' * (n // 4))
for n, label in ((25_000, 'n'), (100_000, '4n')):
    article(f'nest-{label}.txt', '«' * n + '(' * n + '"' * n + 'قال' + ')' * n + '»' * n + ' said the minister')
for n, label in ((25_000, 'n'), (100_000, '4n')):
    d = f'articles-{label}'
    os.makedirs(d)
    for i in range(n):
        with open(os.path.join(d, f'{i:06}.txt'), 'w', encoding='utf-8') as f:
            f.write(f'Story {i}\n\n{en}\n')
for n, label in ((2_500, 'n'), (10_000, '4n')):
    os.makedirs(f'lexicon-{label}/en')
    with open(f'lexicon-{label}/en/parties-many.toml', 'w', encoding='utf-8') as f:
        for i in range(n):
            f.write(f'[[party]]\nid = "party_{i}"\nkind = "group"\nname = "Party {i}"\n'
                    f'aliases = ["Front {i}", "Movement number {i}"]\n\n')
    article(f'lexicon-{label}.txt', ''.join(f'Front {i} said: "We will not sign."\n\n' for i in range(n)))
PY

# Each row: exit status, wall time, CPU time (user + system, what the n
# against 4n ratio compares, since wall time also counts waiting for a busy
# machine's cores) and peak resident memory.
declare -A cpu
run() {
    local label=$1
    shift
    /usr/bin/time -f "%e %U %S %M" -o time.txt "$@" >/dev/null 2>err.txt && code=0 || code=$?
    read -r wall user system peak < <(tail -1 time.txt)
    cpu[$label]=$(echo "$user + $system" | bc)
    printf '%-30s exit %-3s %7s s wall %7s s CPU %8s KB peak  %s\n' \
        "$label" "$code" "$wall" "${cpu[$label]}" "$peak" "$(head -c 120 err.txt | tr '\n' ' ')"
}

# The CPU time of the 4n row over the n row (linear: about 4); GNU time
# counts in hundredths of a second, too coarse below a tenth.
ratio() {
    local n=${cpu[$1]} large=${cpu[$2]} label=${2/ 4n/}
    if [ "$(echo "$n < 0.1" | bc)" = 1 ]; then
        printf '%-30s 4n/n CPU time: too fast to compare (n: %s s)\n' "$label" "$n"
    else
        printf '%-30s 4n/n CPU time: x%s\n' "$label" "$(echo "scale=1; $large / $n" | bc)"
    fi
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
run "100 MB article, default limit" "$bin" --config default.toml render article-100mb.txt
run "100 MB article, render" "$bin" --config big.toml render --width 80 article-100mb.txt
run "100 MB article, tag" "$bin" --config big.toml tag article-100mb.txt
for what in lines line bidi nest; do
    for command in "render --width 80" tag; do
        for label in n 4n; do
            # $command is two words for render.
            # shellcheck disable=SC2086
            run "$what $label, ${command%% *}" "$bin" --config big.toml $command "$what-$label.txt"
        done
        ratio "$what n, ${command%% *}" "$what 4n, ${command%% *}"
    done
done
for command in render tag; do
    for label in n 4n; do
        run "articles $label, $command" "$bin" --config default.toml "$command" articles-$label
    done
    ratio "articles n, $command" "articles 4n, $command"
done
for label in n 4n; do
    run "lexicon $label, check" "$bin" --config default.toml check --lexicons lexicon-$label
done
ratio "lexicon n, check" "lexicon 4n, check"
for label in n 4n; do
    run "lexicon $label, tag" "$bin" --config default.toml tag --lexicons lexicon-$label lexicon-$label.txt
done
ratio "lexicon n, tag" "lexicon 4n, tag"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
