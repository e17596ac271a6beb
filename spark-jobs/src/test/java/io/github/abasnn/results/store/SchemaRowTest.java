package io.github.abasnn.results.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Rows are built by column name against the declared schema, and every mistake names the column. */
class SchemaRowTest {
    private static SchemaRow classMetric() {
        return SchemaRow.of(ResultTables.CLASS_METRICS).set("dataset", "fashion-mnist").set("class", 3)
                .set("precision", 0.5).set("recall", 0.25).set("f1", 1.0 / 3).set("support", 8L);
    }

    @Test
    void valuesLandInTheirColumnsWhateverTheOrderTheyAreSetIn() {
        Row r = classMetric().set("confusion", new Long[] {1L, 2L}).build();
        assertEquals(3, r.getInt(ResultTables.CLASS_METRIC.fieldIndex("class")));
        assertEquals(8L, r.getLong(ResultTables.CLASS_METRIC.fieldIndex("support")));
        assertEquals(0.25, r.getDouble(ResultTables.CLASS_METRIC.fieldIndex("recall")));
    }

    @Test
    void anUnknownMissingDoubledOrMistypedColumnFailsNamingIt() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> classMetric().set("accuracy", 0.5));
        assertTrue(unknown.getMessage().contains("no column 'accuracy'"), unknown.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> classMetric().build());
        assertTrue(missing.getMessage().contains("'confusion' not set"), missing.getMessage());
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> classMetric().set("class", 4));
        assertTrue(twice.getMessage().contains("'class' set twice"), twice.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> SchemaRow.of(ResultTables.CLASS_METRICS).set("support", 8));
        assertTrue(type.getMessage().contains("'support' is bigint"), type.getMessage());
        IllegalArgumentException notNull = assertThrows(IllegalArgumentException.class,
                () -> SchemaRow.of(ResultTables.TRIALS).set("status", null));
        assertTrue(notNull.getMessage().contains("'status' is string not null, got null"), notNull.getMessage());
        SchemaRow.of(ResultTables.TRIALS).set("failure_reason", null); // nullable: explicit null is fine
    }
}
