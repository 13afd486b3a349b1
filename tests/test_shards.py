"""Several JSONL shards into --output-dir: each output byte-identical to the serial one-file run,
reports beside them, failures reported per shard, a summary on stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cleanpress
from cleanpress.batch.parallel import Cleaners
from cleanpress.batch.shards import ShardJob, clean_shard, plan_shards
from cleanpress.cli import main
from cleanpress.config import CleanerSpec
from cleanpress.corpus_summary import MAX_TRACKED, CorpusSummary
from cleanpress.formats.jsonl import JsonlOptions

from conftest import SEED

AD = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"


def shard_lines(shard: int, count: int = 12) -> bytes:
    """Changed, unchanged, compact, non-ASCII, no-field and blank records, CRLF and LF."""
    seed = SEED.read_text(encoding="utf-8")
    out: list[bytes] = []
    for i in range(count):
        key = f"s{shard}-{i}"
        if i % 4 == 0:
            record = {"id": key, "text": f"Story {key} begins.\n{AD}\nAdvertisement\nIt ends – “here”.\n"}
            out.append((json.dumps(record, ensure_ascii=False) + "\n").encode())
        elif i % 4 == 1:
            out.append((json.dumps({"id": key, "text": f"Clean prose {key}.", "n": 1.50}) + "\r\n").encode())
        elif i % 4 == 2:
            record = {"id": key, "meta": {"k": [1, None]}, "text": seed}
            out.append((json.dumps(record, separators=(",", ":")) + "\n").encode())
        else:
            out.append(f'{{"id": "{key}", "body": "no text field"}}\n\n'.encode())
    return b"".join(out)


def make_shards(folder: Path, count: int = 3) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for shard in range(count):
        path = folder / f"part-{shard:04d}.jsonl"
        path.write_bytes(shard_lines(shard))
        paths.append(path)
    return paths


def serial(shard: Path, out: Path) -> tuple[bytes, bytes]:
    """The reference: ``cleanpress clean SHARD -o OUT --report-jsonl OUT.report``."""
    report = out.with_suffix(".report")
    out.parent.mkdir(parents=True, exist_ok=True)
    assert main(["clean", str(shard), "-o", str(out), "--report-jsonl", str(report), "-q", "--isolated"]) == 0
    return out.read_bytes(), report.read_bytes()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_each_output_shard_is_byte_identical_to_the_serial_run(tmp_path: Path, jobs: str) -> None:
    shards = make_shards(tmp_path / "in")
    args = ["clean", *map(str, shards), "--output-dir", str(tmp_path / "out"), "-j", jobs, "--isolated"]
    assert main([*args, "--report-jsonl", str(tmp_path / "reports"), "-q"]) == 0
    for shard in shards:
        text, report = serial(shard, tmp_path / "ref" / shard.name)
        assert (tmp_path / "out" / shard.name).read_bytes() == text
        assert (tmp_path / "reports" / f"{shard.stem}.report.jsonl").read_bytes() == report
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [s.name for s in shards]  # no temp files


def test_summary_counts_rules_hosts_and_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shards = make_shards(tmp_path / "in", 2)
    assert main(["clean", *map(str, shards), "--output-dir", str(tmp_path / "out"), "--isolated"]) == 0
    err = capsys.readouterr().err
    # 12 records a shard, the blank lines are not records; 3 of 12 are no-field.
    assert "cleanpress: 2 of 2 shards written to" in err
    assert "24 documents, 12 changed" in err and "6 no-field" in err
    assert "CP101" in err and "CP301" in err
    assert "cpmrevenuegate.com" in err.split("most removed hosts:")[1]
    assert "Advertisement" in err.split("most removed lines:")[1]


def test_one_failing_shard_is_reported_and_the_others_finish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shards = make_shards(tmp_path / "in")
    broken = shards[1]
    broken.write_bytes(shard_lines(1) + b"{not json\n")
    missing = tmp_path / "in" / "part-9999.jsonl"
    out = tmp_path / "out"
    args = ["clean", *map(str, shards), str(missing), "--output-dir", str(out), "--on-malformed", "error"]
    assert main([*args, "--isolated", "-j", "2"]) == 2
    err = capsys.readouterr().err
    assert f"cleanpress: error: {broken}:16: invalid JSON" in err
    assert f"cleanpress: error: {missing}: No such file or directory" in err
    assert "2 of 4 shards written" in err
    assert "24 documents" in err  # the shards written, not what the failed one read
    assert not (out / broken.name).exists() and not (out / missing.name).exists()
    for shard in (shards[0], shards[2]):
        assert (out / shard.name).read_bytes() == serial(shard, tmp_path / "ref" / shard.name)[0]
    assert sorted(p.name for p in out.iterdir()) == [shards[0].name, shards[2].name]


def test_malformed_lines_pass_through_with_a_warning_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shard = tmp_path / "a.jsonl"
    shard.write_bytes(b'{"text": "x"}\n[1, 2]\n')
    assert main(["clean", str(shard), "--output-dir", str(tmp_path / "out"), "--isolated"]) == 2
    assert (tmp_path / "out" / "a.jsonl").read_bytes() == shard.read_bytes()
    assert (
        f"cleanpress: warning: {shard}:2: not a JSON object (list) (passed through)"
        in capsys.readouterr().err
    )


def test_clashing_names_and_overwriting_the_input_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = make_shards(tmp_path / "a", 1)[0], make_shards(tmp_path / "b", 1)[0]
    assert main(["clean", str(a), str(b), "--output-dir", str(tmp_path / "out"), "--isolated"]) == 2
    assert "would both be written to" in capsys.readouterr().err
    assert main(["clean", str(a), "--output-dir", str(tmp_path / "a"), "--isolated"]) == 2
    assert "would overwrite the input" in capsys.readouterr().err
    assert a.read_bytes() == shard_lines(0)
    assert main(["clean", str(a), str(b), "--isolated"]) == 2
    assert "need --output-dir" in capsys.readouterr().err


def test_clean_shard_returns_samples_and_summary(cleaner: cleanpress.Cleaner, tmp_path: Path) -> None:
    shard = make_shards(tmp_path / "in", 1)[0]
    job = ShardJob(str(shard), str(tmp_path / "o.jsonl"), None, CleanerSpec(), JsonlOptions(), samples=2)
    result = clean_shard(Cleaners(CleanerSpec()), job)
    assert result.error == "" and result.size == shard.stat().st_size
    assert [(s.line, s.record_id) for s in result.samples] == [(1, "s0-0"), (3, "s0-2")]
    assert result.samples[0].removals[0].rule == "CP101"
    assert result.summary.documents == 12 and result.summary.changed == 6


def test_plan_shards_names_reports_after_the_shard(tmp_path: Path) -> None:
    def job(source: str, output: str, report: str | None) -> ShardJob:
        return ShardJob(source, output, report, CleanerSpec(), JsonlOptions())

    jobs = plan_shards(["x/part-1.jsonl", "y/part-2.jsonl"], "out", "rep", job)
    assert [(j.output, j.report) for j in jobs] == [
        ("out/part-1.jsonl", "rep/part-1.report.jsonl"),
        ("out/part-2.jsonl", "rep/part-2.report.jsonl"),
    ]


def test_summary_merge_is_the_sum_and_tallies_stay_bounded() -> None:
    one, two = CorpusSummary(), CorpusSummary()
    one.removals["CP101"], two.removals["CP101"] = 2, 3
    one.documents, two.documents = 5, 7
    for i in range(MAX_TRACKED + 1):
        two.hosts[f"h{i}.example"] = 1
    two.hosts["top.example"] = 99
    one.merge(two)
    assert one.documents == 12 and one.removals["CP101"] == 5
    assert len(one.hosts) < MAX_TRACKED and one.hosts["top.example"] == 99


def test_files_go_to_workers_in_chunks_that_keep_every_worker_busy() -> None:
    from cleanpress.batch.files import FILES_PER_CHUNK, chunk_size

    assert chunk_size(2000, 1) == 1  # in this process: progress per file
    assert chunk_size(2000, 2) == FILES_PER_CHUNK
    assert chunk_size(40, 2) == 5  # 8 chunks: four in flight per worker
    assert chunk_size(3, 2) == 1
