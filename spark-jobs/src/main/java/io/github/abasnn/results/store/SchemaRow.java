package io.github.abasnn.results.store;

import java.util.Arrays;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A row of a declared table schema ({@link ResultTables}) built column by column by name, so that adding, removing or
 * reordering a column cannot silently shift values into the wrong one: an unknown column, a column set twice, a value
 * of another type, or a column left unset (nullable ones too: they are set to null explicitly) fails naming it.
 */
public final class SchemaRow {
    private final String table;
    private final StructType schema;
    private final Object[] values;
    private final boolean[] set;

    private SchemaRow(String table, StructType schema) {
        this.table = table;
        this.schema = schema;
        this.values = new Object[schema.size()];
        this.set = new boolean[schema.size()];
    }

    /** An empty row of {@code table}'s schema. */
    public static SchemaRow of(String table) {
        return new SchemaRow(table, ResultTables.schema(table));
    }

    /** Sets {@code column} to {@code value} (null only where the schema allows it). */
    public SchemaRow set(String column, Object value) {
        int i;
        try {
            i = schema.fieldIndex(column);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("table " + table + " has no column '" + column + "'; its columns: "
                    + Arrays.toString(schema.fieldNames()), e);
        }
        if (set[i]) {
            throw new IllegalStateException("table " + table + ": column '" + column + "' set twice");
        }
        DataType type = schema.fields()[i].dataType();
        if (value == null ? !schema.fields()[i].nullable() : !fits(type, value)) {
            throw new IllegalArgumentException("table " + table + ": column '" + column + "' is " + type.simpleString()
                    + (schema.fields()[i].nullable() ? "" : " not null") + ", got "
                    + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
        }
        values[i] = value;
        set[i] = true;
        return this;
    }

    /** The row, every column set. */
    public Row build() {
        for (int i = 0; i < set.length; i++) {
            if (!set[i]) {
                throw new IllegalStateException("table " + table + ": column '" + schema.fields()[i].name()
                        + "' not set");
            }
        }
        return RowFactory.create(values.clone());
    }

    private static boolean fits(DataType type, Object v) {
        if (type.equals(DataTypes.StringType)) {
            return v instanceof String;
        }
        if (type.equals(DataTypes.IntegerType)) {
            return v instanceof Integer;
        }
        if (type.equals(DataTypes.LongType)) {
            return v instanceof Long;
        }
        if (type.equals(DataTypes.DoubleType)) {
            return v instanceof Double;
        }
        if (type.equals(DataTypes.BooleanType)) {
            return v instanceof Boolean;
        }
        if (type instanceof ArrayType a) {
            return v instanceof Object[] items && Arrays.stream(items).allMatch(x -> x == null
                    ? a.containsNull() : fits(a.elementType(), x));
        }
        return true; // types the result tables do not use are left to Spark's own check
    }
}
