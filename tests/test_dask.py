"""analysis.dask on a real distributed LocalCluster gives the rows of the in-process analysis."""
from __future__ import annotations

import sys

import pandas as pd
import pytest

import analysis

from conftest import ROOT

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")


def _canon(df: pd.DataFrame) -> pd.DataFrame:
    """Rows as plain objects (partitions may infer string vs object dtypes differently)."""
    out = df.reset_index(drop=True).astype(object)
    return out.where(out.notna(), None)


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return analysis.load_corpus(ROOT / "corpus")


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as cluster:
        with distributed.Client(cluster) as c:
            yield c


def test_local_cluster_tables_equal_in_process_results(client, corpus):
    expected = analysis.analyze(corpus, progress=False).tables()
    ddf = dd.from_pandas(corpus, npartitions=3, sort=False)
    tables = analysis.dask.analyze(ddf)
    computed = dict(zip(tables, client.compute(list(tables.values()), sync=True)))
    assert set(computed) == set(expected)
    for name, exp in expected.items():
        got = computed[name]
        assert list(got.columns) == list(exp.columns), name
        assert len(exp) > 0, f"{name}: the bundled corpus should fill every table"
        pd.testing.assert_frame_equal(_canon(got), _canon(exp), check_dtype=False, obj=name)
    # the partitions were analysed in the cluster's worker processes, not in this one
    ran = client.run(lambda: "analysis.pipeline" in sys.modules and analysis.pipeline._DEFAULT_RESOURCES is not None)
    assert len(ran) == 2 and any(ran.values())


def test_dask_needs_doc_id_and_text(corpus):
    with pytest.raises(ValueError, match="doc_id"):
        analysis.dask.analyze(dd.from_pandas(corpus.drop(columns="doc_id"), npartitions=1))
    with pytest.raises(ValueError, match="'text'"):
        analysis.dask.analyze(dd.from_pandas(corpus.drop(columns="text"), npartitions=1))
