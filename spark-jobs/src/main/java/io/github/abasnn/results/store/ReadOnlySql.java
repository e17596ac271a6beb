package io.github.abasnn.results.store;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoDir;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.Option;

/**
 * The {@code sql} command's guard: a query over the result views, nothing else. A statement that writes, defines,
 * sets or loads anything (INSERT, CREATE/DROP, SET, ADD JAR, CACHE, ...) is refused before it runs, naming what it
 * is, and queries directly over files ({@code parquet.`/path`}) are switched off.
 */
public final class ReadOnlySql {
    private ReadOnlySql() {}

    public static Dataset<Row> query(SparkSession spark, String sql) {
        LogicalPlan plan;
        try {
            plan = spark.sessionState().sqlParser().parsePlan(sql);
        } catch (Exception e) { // ParseException, or an AnalysisException for statements this session cannot run
            throw new IllegalArgumentException("sql: not a query this command runs: " + e.getMessage(), e);
        }
        Option<LogicalPlan> bad = plan.find(n -> n instanceof Command || n instanceof InsertIntoStatement
                || n instanceof InsertIntoDir);
        if (bad.isDefined()) {
            throw new IllegalArgumentException("sql is read-only: " + bad.get().nodeName() + " is not allowed;"
                    + " query the views trials, epochs, layers, layer_epochs with SELECT (or WITH ... SELECT)");
        }
        spark.conf().set("spark.sql.runSQLOnFiles", "false");
        return spark.sql(sql);
    }
}
