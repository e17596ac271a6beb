"""Reads the aba-snn result tables for the notebooks.

Without Spark: the JSON-lines snapshot that `submit/spark/local.sh export --results R --out E` writes (E/<table>/part-*.json).
With PySpark installed (a user's cluster): the tables under the results location directly, committed trials only.
"""
import glob
import os

import pandas as pd

EXPORT = os.environ.get("ABASNN_EXPORT", "../runs/export")
RESULTS = os.environ.get("ABASNN_RESULTS", "../runs/results")
SWEEP = os.environ.get("ABASNN_SWEEP", "quickstart")


def _spark():
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return None
    return SparkSession.builder.appName("aba-snn notebook").getOrCreate()


def load(table, sweep=None):
    """One table as a DataFrame, optionally one sweep's rows (default: SWEEP)."""
    sweep = SWEEP if sweep is None else sweep
    spark = _spark()
    if spark is not None:
        df = spark.read.parquet(f"{RESULTS}/{table}")
        if table != "trials":  # rows of trials without a trials row are crash leftovers
            trials = spark.read.parquet(f"{RESULTS}/trials").select("sweep", "trial_id")
            df = df.join(trials, ["sweep", "trial_id"], "left_semi")
        return df.filter(df.sweep == sweep).toPandas()
    files = [f for f in sorted(glob.glob(f"{EXPORT}/{table}/part-*.json")) if os.path.getsize(f) > 0]
    if not glob.glob(f"{EXPORT}/{table}"):
        raise FileNotFoundError(f"no export of table '{table}' under {EXPORT}: run "
                                f"submit/spark/local.sh export --results <results> --out {EXPORT}")
    if not files:
        return pd.DataFrame()
    df = pd.concat([pd.read_json(f, lines=True, dtype={"trial_id": str, "sweep": str}) for f in files],
                   ignore_index=True)
    return df[df["sweep"].astype(str) == str(sweep)].reset_index(drop=True)


def label(row):
    """learned 2/2/1 s3407 | uniform 4/4/1 s3407"""
    kind = "uniform " + row["init"] if row["uniform"] else "learned " + str(row["target"])
    return f"{kind} s{row['seed']}"


def finished_trials(sweep=None):
    t = load("trials", sweep)
    if t.empty:
        raise ValueError(f"sweep '{SWEEP if sweep is None else sweep}' has no trials in the tables")
    t = t[t["status"] == "ok"].copy()
    t["label"] = t.apply(label, axis=1)
    return t.sort_values(["uniform", "bit_budget", "seed"]).reset_index(drop=True)
