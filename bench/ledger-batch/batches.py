"""Writes the SQL of bench/ledger-batch/run.sh (alternating calls, each explained and rolled back), or reports it."""
import re
import statistics
import sys
import uuid

MERCHANT = "00000000-0000-0000-0000-00000000000f"


def call(function, n, rep):
    def arr(values, sql_type):
        return "cast(array[" + ",".join(f"'{v}'" for v in values) + f"] as {sql_type}[])"
    types, owners, amounts = [], [], []
    for i in range(n):
        types += ["CARD_LIABILITY", "MERCHANT_PAYABLE", "MERCHANT_ADVANCE"]
        owners += [f"00000000-0000-0000-0000-1{i + 1:011d}", MERCHANT, MERCHANT]
        amounts += ["100", "-80", "-20"]
    return (f"select count(*) from ledger.{function}("
            f"{arr([uuid.UUID(int=rep * 1000 + i + 1) for i in range(n)], 'uuid')}, "
            f"{arr([f'redemption:{rep}-{i}' for i in range(n)], 'text')}, {arr(['r'] * n, 'text')}, now(), "
            f"{arr(['CNY'] * n, 'text')}, {arr([1 + 3 * i for i in range(n)], 'int')}, {arr([3] * n, 'int')}, "
            f"{arr(types, 'text')}, {arr(owners, 'uuid')}, {arr(['true'] * 3 * n, 'boolean')}, {arr(amounts, 'bigint')}, "
            f"cast(array['MERCHANT_ADVANCE'] as text[]), {arr([i % 8 for i in range(n)], 'int')})")


def write(reps, sizes):
    for n in sizes:
        for rep in range(reps):
            for function in ("post_keyed_batch", "post_keyed_transfers"):
                print(f"\\echo {function} {n}\nbegin;")
                print("explain (analyze, buffers, costs off, timing off, summary on) " + call(function, n, rep) + ";")
                print("rollback;")


def report(path):
    current, results, seen = None, {}, False
    for line in open(path):
        s = line.strip()
        m = re.match(r"^(post_keyed_\w+) (\d+)$", s)
        if m:
            current, seen = (m.group(1), int(m.group(2))), False
            results.setdefault(current, {"rows": set(), "hits": [], "ms": []})
        elif current:
            if m := re.search(r"Function Scan on \w+ \(actual rows=(\d+)", s):
                results[current]["rows"].add(int(m.group(1)))
            if (m := re.search(r"Buffers: shared hit=(\d+)", s)) and not seen:
                results[current]["hits"].append(int(m.group(1)))
                seen = True
            if m := re.search(r"Execution Time: ([\d.]+)", s):
                results[current]["ms"].append(float(m.group(1)))
    print("| batch | function | entries | median ms | ms per transfer | buffer hits |\n|---|---|---|---|---|---|")
    for (function, n), r in sorted(results.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        ms = statistics.median(r["ms"][5:])
        print(f"| {n} | {function} | {sorted(r['rows'])} | {ms:.2f} | {ms / n:.3f} | {statistics.median(r['hits'][5:]):.0f} |")


if __name__ == "__main__":
    if sys.argv[1] == "--report":
        report(sys.argv[2])
    else:
        write(int(sys.argv[1]), [int(s) for s in sys.argv[2].split(",")])
