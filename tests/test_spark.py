"""Spark reads the Parquet snapshot unchanged: on a 1,000,000-row synthetic warehouse its totals,
summed from the customs rows, equal to the cent what the dashboard's own queries read from the
rollup, and a filter on `year` opens that year's folder only. Needs Java 17+ (`.ci/install-java`)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as sf

from etl.build import REFERENCE_DIR, build
from indicators import trade
from indicators.db import connect
from indicators.scope import TradeScope

ROWS = 1_000_000
YEAR = 2024

# Spark warns on import that pandas 3 is newer than it supports; these tests never convert to pandas.
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")


@pytest.fixture(scope="module")
def warehouse_1m(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic warehouse of ROWS customs rows; its snapshot is `snapshot/` beside it."""
    folder = tmp_path_factory.mktemp("spark")
    build(folder / "warehouse.duckdb", REFERENCE_DIR, synthetic_rows=ROWS, parquet_dir=folder / "snapshot")
    return folder / "warehouse.duckdb"


@pytest.fixture(scope="module")
def dashboard(warehouse_1m: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect(warehouse_1m)
    yield con
    con.close()


@pytest.fixture(scope="module")
def spark(warehouse_1m: Path) -> Iterator[SparkSession]:
    """A local Spark on two cores, bound to the loopback interface, without its web UI."""
    if shutil.which("java") is None:
        pytest.fail("Spark needs Java 17+: run `bash .ci/install-java`")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SPARK_LOCAL_IP", "127.0.0.1")  # else Spark looks up the host's public address
        session = (
            SparkSession.builder.master("local[2]")
            .appName("border-snapshot-test")
            .config("spark.driver.memory", "512m")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "2")  # 200 by default: tasks for nothing on two cores
            .config("spark.sql.adaptive.enabled", "false")  # so the executed plan is the scan itself
            .config("spark.local.dir", str(warehouse_1m.parent / "spark-local"))
            .config("spark.sql.warehouse.dir", str(warehouse_1m.parent / "spark-warehouse"))
            .getOrCreate()
        )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def cents_of_musd(value: float) -> int:
    """A dashboard figure (million USD, a double) as whole cents, converted exactly then rounded."""
    return int((Decimal(value) * 10**8).to_integral_value())


def cents(frame: DataFrame, *keys: str) -> dict[tuple, int]:
    """Spark's rows as {keys: cents}, from the `usd` column (an exact DECIMAL sum)."""
    return {tuple(row[k] for k in keys): int(row["usd"] * 100) for row in frame.collect()}


# The tested commands, as docs/scaling.md shows them. Every value_usd is a whole number of cents,
# so the DECIMAL(18,2) cast is exact and so is Spark's sum of it.
def spark_turnover(spark: SparkSession, snapshot: str) -> dict[str, DataFrame]:
    flows = spark.read.parquet(f"{snapshot}/trade_flows")  # year comes from the year=… folders
    gates = spark.read.parquet(f"{snapshot}/border_gates.parquet").select("gate_id", "border_line")
    usd = sf.sum(sf.col("value_usd").cast("decimal(18,2)")).alias("usd")
    return {
        "line_year_direction": flows.join(gates, "gate_id")
        .groupBy("border_line", "year", "direction")
        .agg(usd),
        "gate_year": flows.groupBy("gate_id", "year").agg(usd),
        "year_month": flows.groupBy("year", "month").agg(usd),
        "sections": flows.groupBy("hs_section").agg(usd).orderBy(sf.desc("usd")),
        "one_year": flows.where(sf.col("year") == YEAR).agg(usd),
    }


@pytest.fixture(scope="module")
def answers(spark: SparkSession, warehouse_1m: Path) -> dict[str, DataFrame]:
    return spark_turnover(spark, str(warehouse_1m.parent / "snapshot"))


def years(con: duckdb.DuckDBPyConnection) -> list[int]:
    return [r[0] for r in con.execute("SELECT DISTINCT year FROM trade_monthly ORDER BY 1").fetchall()]


def test_turnover_by_line_year_and_direction_equals_the_dashboards_to_the_cent(
    answers: dict[str, DataFrame], dashboard: duckdb.DuckDBPyConnection
) -> None:
    expected = {}
    for year in years(dashboard):
        lines = trade.trade_by_line(dashboard, TradeScope(year_from=year, year_to=year))
        for row in lines.itertuples():
            expected[(row.border_line, year, "export")] = cents_of_musd(row.export_musd)
            expected[(row.border_line, year, "import")] = cents_of_musd(row.import_musd)
    assert len(expected) == 3 * 10 * 2
    assert cents(answers["line_year_direction"], "border_line", "year", "direction") == expected


def test_turnover_by_gate_and_by_month_equals_the_dashboards_to_the_cent(
    answers: dict[str, DataFrame], dashboard: duckdb.DuckDBPyConnection
) -> None:
    by_gate = {}
    for year in years(dashboard):
        gates = trade.trade_by_gate(dashboard, TradeScope(year_from=year, year_to=year))
        by_gate |= {(row.gate_id, year): cents_of_musd(row.turnover_musd) for row in gates.itertuples()}
    assert cents(answers["gate_year"], "gate_id", "year") == by_gate
    months = trade.monthly_trend(dashboard)
    by_month = {(row.year, row.month): cents_of_musd(row.turnover_musd) for row in months.itertuples()}
    assert len(by_month) == 120
    assert cents(answers["year_month"], "year", "month") == by_month


def test_top_hs_sections_equal_the_dashboards_in_order_and_to_the_cent(
    answers: dict[str, DataFrame], dashboard: duckdb.DuckDBPyConnection
) -> None:
    sections = trade.top_commodities(dashboard)
    expected = [(row.hs_section, cents_of_musd(row.turnover_musd)) for row in sections.itertuples()]
    assert [(row["hs_section"], int(row["usd"] * 100)) for row in answers["sections"].collect()] == expected


def test_a_year_filter_reads_only_that_years_partition(
    answers: dict[str, DataFrame], dashboard: duckdb.DuckDBPyConnection, warehouse_1m: Path
) -> None:
    one_year = answers["one_year"]
    (row,) = one_year.collect()
    balance = trade.trade_balance(dashboard, TradeScope(year_from=YEAR, year_to=YEAR))
    assert int(row["usd"] * 100) == cents_of_musd(balance["turnover_musd"].iloc[0])
    plan = one_year._jdf.queryExecution().executedPlan()
    assert re.search(rf"PartitionFilters: \[isnotnull\(year#\d+\), \(year#\d+ = {YEAR}\)\]", plan.toString())
    (scan,) = [
        leaf for leaf in _scala_list(plan.collectLeaves()) if leaf.nodeName().startswith("Scan parquet")
    ]
    metrics = scan.metrics()
    folder = warehouse_1m.parent / "snapshot" / "trade_flows"
    assert len(list(folder.iterdir())) == 10
    assert metrics.apply("numPartitions").value() == 1
    assert metrics.apply("numFiles").value() == len(list((folder / f"year={YEAR}").glob("*.parquet")))


def _scala_list(seq: object) -> list:
    items, iterator = [], seq.iterator()
    while iterator.hasNext():
        items.append(iterator.next())
    return items
