"""cleanpress on Dask, with a real LocalCluster of two worker processes: bags, dataframes and
``cleanpress clean SHARD... --output-dir DIR --dask ADDRESS``, all identical to serial runs."""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("distributed")

import dask.bag as db
from distributed import Client, LocalCluster

import cleanpress
import cleanpress.dask as cp_dask
from cleanpress.cli import main
from cleanpress.config import CleanerSpec
from test_shards import AD, make_shards, serial, shard_lines

pytestmark = pytest.mark.dask


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(processes=True, n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster) as dask_client,
    ):
        yield dask_client


def records(count: int = 30) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i in range(count):
        if i % 3 == 0:
            out.append({"id": i, "text": f"Story {i}.\n{AD}\nAdvertisement\nThe end.\n", "lang": "en"})
        elif i % 3 == 1:
            out.append({"id": i, "text": f"Plain prose {i}."})
        else:
            out.append({"id": i, "body": None})
    return out


def test_clean_bag_gives_the_serial_results_in_order(client: Client, cleaner: cleanpress.Cleaner) -> None:
    data = records()
    cleaned = cp_dask.clean_bag(db.from_sequence(data, npartitions=5)).compute()
    assert [r["id"] for r in cleaned] == [r["id"] for r in data]
    for before, after in zip(data, cleaned, strict=True):
        if "text" not in before:
            assert after == {
                **before,
                "cleanpress": {"status": "no-field", "message": after["cleanpress"]["message"]},
            }
            continue
        result = cleaner.clean(before["text"])
        report = result.to_dict()
        assert after["text"] == result.text
        assert {k: v for k, v in after.items() if k not in ("text", "cleanpress")} == {
            k: v for k, v in before.items() if k != "text"
        }
        assert after["cleanpress"]["status"] == ("changed" if result.changed else "unchanged")
        assert after["cleanpress"]["removals"] == report["removals"]
        assert after["cleanpress"]["removed_chars"] == report["removed_chars"]
    assert cleaned[0]["cleanpress"]["counts"] == {"CP101": 1, "CP301": 1}


def test_options_travel_as_a_small_spec_and_rules_are_built_once_per_worker(client: Client) -> None:
    bag = db.from_sequence(records(40), npartitions=8)
    first = cp_dask.clean_bag(bag, ignore=["CP301"]).compute()
    assert "Advertisement" in first[0]["text"] and AD not in first[0]["text"]
    spec = cp_dask.cleaner_spec(ignore=["cp301"])
    assert len(pickle.dumps(cp_dask.RecordJob(spec))) < 1_000  # what each task carries

    def built() -> list[int]:
        return [id(cleaner) for key, cleaner in cp_dask._cleaners.items() if key == spec]

    before = client.run(built)
    cp_dask.clean_bag(bag, ignore=["CP301"]).compute()
    after = client.run(built)
    assert before == after and all(len(ids) <= 1 for ids in after.values())
    assert sum(len(ids) for ids in after.values()) >= 1


def test_clean_dataframe_adds_removals_and_removed_chars(client: Client, cleaner: cleanpress.Cleaner) -> None:
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    texts = [r.get("text", "") for r in records(12)]
    frame = dd.from_pandas(pd.DataFrame({"id": range(12), "text": texts}), npartitions=3)
    out = cp_dask.clean_dataframe(frame).compute()
    assert list(out["id"]) == list(range(12))
    for text, cleaned, removals, chars in zip(
        texts, out["text"], out["removals"], out["removed_chars"], strict=True
    ):
        report = cleaner.clean(text).to_dict()
        assert cleaned == cleaner.clean(text).text
        assert json.loads(removals) == report["removals"] and chars == report["removed_chars"]


def test_cli_on_a_scheduler_writes_the_serial_shards(
    client: Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shards = make_shards(tmp_path / "in", 4)
    out, reports = tmp_path / "out", tmp_path / "reports"
    args = ["clean", *map(str, shards), "--output-dir", str(out), "--report-jsonl", str(reports)]
    assert main([*args, "--dask", client.scheduler.address, "--isolated"]) == 0
    err = capsys.readouterr().err
    assert err.count("Dask dashboard:") == 1 and "4 of 4 shards written" in err
    for shard in shards:
        text, report = serial(shard, tmp_path / "ref" / shard.name)
        assert (out / shard.name).read_bytes() == text
        assert (reports / f"{shard.stem}.report.jsonl").read_bytes() == report


def test_cli_on_dask_reports_a_failing_shard_and_finishes_the_others(
    client: Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shards = make_shards(tmp_path / "in", 3)
    shards[0].write_bytes(b"[]\n" + shard_lines(0))
    out = tmp_path / "out"
    args = ["clean", *map(str, shards), "--output-dir", str(out), "--on-malformed", "error", "-q"]
    assert main([*args, "--dask", client.scheduler.address, "--isolated"]) == 2
    err = capsys.readouterr().err
    assert f"cleanpress: error: {shards[0]}:1: not a JSON object (list)" in err
    assert sorted(p.name for p in out.iterdir()) == [shards[1].name, shards[2].name]
    for shard in shards[1:]:
        assert (out / shard.name).read_bytes() == serial(shard, tmp_path / "ref" / shard.name)[0]


def test_dask_targets() -> None:
    assert cp_dask.parse_target("local:3") == cp_dask.Target(None, 3)
    assert cp_dask.parse_target("local").workers >= 1
    assert cp_dask.parse_target("tcp://scheduler:8786") == cp_dask.Target("tcp://scheduler:8786")
    with pytest.raises(ValueError, match="local:N"):
        cp_dask.parse_target("local:zero")


def test_dask_without_output_dir_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shard = make_shards(tmp_path, 1)[0]
    assert main(["clean", str(shard), "--dask", "local:1", "--isolated"]) == 2
    assert "need --output-dir" in capsys.readouterr().err


def test_cleaner_spec_is_what_the_cli_builds() -> None:
    assert cp_dask.cleaner_spec(select=["cp1"], ignore=["cp202"]) == CleanerSpec(
        select=("CP1",), ignore=("CP202",)
    )
