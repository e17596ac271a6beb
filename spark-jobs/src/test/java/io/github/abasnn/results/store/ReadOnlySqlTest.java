package io.github.abasnn.results.store;

import io.github.abasnn.results.report.SweepReport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.jobs.ToySpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadOnlySqlTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = ToySpark.start("read-only-sql");
        StructType schema = new StructType().add("target", DataTypes.StringType).add("acc", DataTypes.DoubleType);
        spark.createDataFrame(List.of(RowFactory.create("2/2/1, \"quoted\"", 0.9)), schema)
                .createOrReplaceTempView("trials");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void queriesRun() {
        assertEquals(1, ReadOnlySql.query(spark, "WITH t AS (SELECT * FROM trials) SELECT acc FROM t").count());
    }

    @ParameterizedTest
    @ValueSource(strings = {"INSERT OVERWRITE DIRECTORY '/tmp/aba-snn-never-written' USING parquet SELECT * FROM trials",
            "INSERT OVERWRITE DIRECTORY '/tmp/aba-snn-never-written' SELECT * FROM trials",
            "CREATE TABLE x AS SELECT * FROM trials", "DROP VIEW trials", "SET spark.sql.shuffle.partitions=1",
            "ADD JAR /tmp/evil.jar", "CACHE TABLE trials", "CREATE OR REPLACE TEMP VIEW v AS SELECT 1",
            "INSERT INTO trials SELECT * FROM trials"})
    void writesDefinitionsAndSettingsAreRefused(String sql) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReadOnlySql.query(spark, sql));
        assertTrue(e.getMessage().startsWith("sql is read-only: "), e.getMessage());
    }

    @Test
    void queriesOverFilesAreOff() {
        assertThrows(AnalysisException.class,
                () -> ReadOnlySql.query(spark, "SELECT * FROM parquet.`" + tmp.toUri() + "`").collectAsList());
    }

    @Test
    void csvQuotesFieldsThatNeedIt() {
        List<Row> rows = ReadOnlySql.query(spark, "SELECT target, acc FROM trials").collectAsList();
        String csv = new String(SweepReport.csv(rows, List.of("target", "acc")), StandardCharsets.UTF_8);
        assertEquals("target,acc\n\"2/2/1, \"\"quoted\"\"\",0.9\n", csv);
    }
}
