"""Tags a sharded JSON Lines archive on Dask distributed, with the same
`mizan tag --input jsonl -` a single machine runs, unchanged: every
block of the archive is piped through it on a worker, as Spark's
`RDD.pipe` would, and written as one part file.

Concatenating the part files in name order gives exactly what one
`mizan tag --input jsonl -` over the shards in the order given writes
(tests/cli_archive.rs checks it). A block is a whole shard by default, so
a problem's line number is that shard's; `--blocksize` (`64MB`) cuts large
shards at line breaks into blocks of about that size (line numbers then
count from the start of the block).

Usage:
  python3 dask_tag.py [--local WORKERS | --scheduler ADDRESS] [--mizan PATH]
                      [--blocksize SIZE] OUTDIR SHARD...

`--local 2` starts a LocalCluster of two single-threaded worker processes
(the default); `--scheduler tcp://HOST:8786` uses a running cluster, whose
workers must all have mizan (at `--mizan`, default `mizan` on the PATH) and
read SHARD and write OUTDIR by the same names: a shared file system, or
URLs fsspec can open (s3://...). Problems with a line are printed on
standard error prefixed with their shard; the exit status is 1 when a line
was skipped, as mizan's is.
"""

import argparse
import os
import subprocess
import sys

import dask
import dask.bytes
import fsspec
from dask.distributed import Client, LocalCluster


def tag_block(block, shard, index, out_dir, mizan, threads):
    """Pipes one block of JSON Lines through mizan and writes its part
    file; returns (shard, exit status, standard error)."""
    if block and not block.endswith(b"\n"):
        block += b"\n"
    # One mizan per worker thread: its own threads would only compete.
    environment = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    done = subprocess.run(
        [mizan, "tag", "--input", "jsonl", "-"],
        input=block,
        capture_output=True,
        env=environment,
        check=False,
    )
    if done.returncode not in (0, 1):
        raise RuntimeError(f"mizan failed on {shard} ({done.returncode}): {done.stderr!r}")
    with fsspec.open(f"{out_dir}/part-{index:06d}.jsonl", "wb") as part:
        part.write(done.stdout)
    return shard, done.returncode, done.stderr.decode("utf-8", "replace")


def tag_archive(client, shards, out_dir, mizan, blocksize):
    """Runs every block on the cluster; whether any line was skipped."""
    # Blocks of bytes cut at line breaks, read where they are tagged: the
    # driver never holds the archive, and mizan judges the bytes itself.
    _, blocks_by_shard, paths = dask.bytes.read_bytes(
        shards, delimiter=b"\n", blocksize=blocksize, sample=False, include_path=True
    )
    file_system, path = fsspec.core.url_to_fs(out_dir)
    file_system.makedirs(path, exist_ok=True)
    threads = 1
    blocks = [(block, shard) for shard, blocks in zip(paths, blocks_by_shard) for block in blocks]
    tasks = [
        dask.delayed(tag_block)(block, shard, index, out_dir, mizan, threads)
        for index, (block, shard) in enumerate(blocks)
    ]
    skipped = False
    for shard, status, errors in client.compute(tasks, sync=True):
        for message in errors.splitlines():
            print(f"{shard}: {message}", file=sys.stderr)
        skipped |= status != 0
    return skipped


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--local", type=int, default=2, metavar="WORKERS")
    where.add_argument("--scheduler", metavar="ADDRESS")
    parser.add_argument("--mizan", default="mizan", metavar="PATH")
    parser.add_argument("--blocksize", default=None, metavar="SIZE")
    parser.add_argument("out_dir", metavar="OUTDIR")
    parser.add_argument("shards", nargs="+", metavar="SHARD")
    args = parser.parse_args()
    if args.scheduler:
        with Client(args.scheduler) as client:
            skipped = tag_archive(client, args.shards, args.out_dir, args.mizan, args.blocksize)
    else:
        cluster = LocalCluster(
            n_workers=args.local, threads_per_worker=1, processes=True, dashboard_address=None
        )
        with cluster, Client(cluster) as client:
            skipped = tag_archive(client, args.shards, args.out_dir, args.mizan, args.blocksize)
    sys.exit(1 if skipped else 0)


if __name__ == "__main__":
    main()
