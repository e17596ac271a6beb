package io.github.abasnn.ml;

import java.io.Serializable;
import org.apache.spark.ml.image.ImageSchema;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Reads one image cell as channel-major 8-bit pixels ({@code C*H*W}, RGB order): a struct of MLlib's image data
 * source ({@code spark.read().format("image")}: row-major, BGR interleaved), a binary cell already channel-major,
 * or an ML vector of {@code C*H*W} values in 0..255. Every mismatch names the column and the row's origin.
 */
final class ImageColumn implements Serializable {
    private static final long serialVersionUID = 1L;

    enum Kind { IMAGE_STRUCT, BINARY, VECTOR }

    private final String column;
    private final Kind kind;
    private final int channels;
    private final int height;
    private final int width;

    private ImageColumn(String column, Kind kind, int channels, int height, int width) {
        this.column = column;
        this.kind = kind;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /** How to read {@code column} of {@code schema} as {@code channels x height x width} images. */
    static ImageColumn of(StructType schema, String column, int channels, int height, int width) {
        if (!java.util.Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException("image column '" + column + "' is not in the DataFrame (columns: "
                    + String.join(", ", schema.fieldNames()) + ")");
        }
        DataType t = schema.apply(column).dataType();
        Kind kind;
        if (t instanceof StructType s && java.util.Arrays.asList(s.fieldNames()).containsAll(
                java.util.List.of("height", "width", "nChannels", "data"))) {
            kind = Kind.IMAGE_STRUCT;
        } else if (t instanceof BinaryType) {
            kind = Kind.BINARY;
        } else if (t.equals(SQLDataTypes.VectorType())) {
            kind = Kind.VECTOR;
        } else {
            throw new IllegalArgumentException("image column '" + column + "' has type " + t.simpleString()
                    + "; expected the image data source's struct, binary or an ML vector");
        }
        return new ImageColumn(column, kind, channels, height, width);
    }

    /** The shape of the first image in an image-struct column, or null for other kinds. */
    static int[] shapeOf(Row row, int index) {
        Row img = row.getStruct(index);
        return new int[] {ImageSchema.getNChannels(img), ImageSchema.getHeight(img), ImageSchema.getWidth(img)};
    }

    Kind kind() {
        return kind;
    }

    /** Channel-major pixels of {@code row}'s image cell at {@code index}. */
    byte[] pixels(Row row, int index) {
        int n = channels * height * width;
        if (row.isNullAt(index)) {
            throw new IllegalArgumentException("image column '" + column + "' is null in a row");
        }
        switch (kind) {
            case IMAGE_STRUCT -> {
                Row img = row.getStruct(index);
                int c = ImageSchema.getNChannels(img);
                int h = ImageSchema.getHeight(img);
                int w = ImageSchema.getWidth(img);
                if (c != channels || h != height || w != width) {
                    throw new IllegalArgumentException("image " + ImageSchema.getOrigin(img) + " in column '" + column
                            + "' is " + c + "x" + h + "x" + w + "; expected " + channels + "x" + height + "x" + width);
                }
                byte[] data = ImageSchema.getData(img);
                byte[] out = new byte[n];
                for (int ch = 0; ch < c; ch++) {
                    int src = c >= 3 ? 2 - ch : ch; // BGR to RGB
                    for (int p = 0; p < h * w; p++) {
                        out[ch * h * w + p] = data[p * c + src];
                    }
                }
                return out;
            }
            case BINARY -> {
                byte[] data = (byte[]) row.get(index);
                if (data.length != n) {
                    throw new IllegalArgumentException("image column '" + column + "' holds " + data.length
                            + " bytes; expected " + channels + "x" + height + "x" + width + " = " + n);
                }
                return data;
            }
            default -> {
                Vector v = (Vector) row.get(index);
                if (v.size() != n) {
                    throw new IllegalArgumentException("image column '" + column + "' holds vectors of " + v.size()
                            + " values; expected " + channels + "x" + height + "x" + width + " = " + n);
                }
                byte[] out = new byte[n];
                for (int i = 0; i < n; i++) {
                    double x = v.apply(i);
                    if (!(x >= 0 && x <= 255)) {
                        throw new IllegalArgumentException("image column '" + column + "': value " + x
                                + " outside 0..255");
                    }
                    out[i] = (byte) Math.round(x);
                }
                return out;
            }
        }
    }
}
