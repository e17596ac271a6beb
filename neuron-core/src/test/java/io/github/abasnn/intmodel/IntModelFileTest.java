package io.github.abasnn.intmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntModelFileTest {
    @TempDir
    Path tmp;

    /** A small model using every op kind. */
    static IntModel sample() {
        Requant in = Requant.of(new double[][] {{0.01}}, new double[] {-0.5}, 16);
        IntNeuron first = new IntNeuron(true, false, new int[] {8, 8}, new int[] {3000, 2900});
        byte[] convLevels = new byte[2 * 3 * 3];
        for (int i = 0; i < convLevels.length; i++) {
            convLevels[i] = (byte) (i % 7 - 3);
        }
        IntOp conv = new IntOp.SpikingConv("stem", IntModel.INPUT, 1, 2, 3, 1, 1, 3, convLevels, first,
                Requant.of(new double[][] {{0.1, 0.2}, {0.3, -0.1}}, new double[] {0.5, -1}, 16));
        IntOp relu = new IntOp.Relu("relu", "stem");
        IntOp add = new IntOp.Add("add", "relu", "stem");
        IntOp pool = new IntOp.MaxPool("pool", "add", 2, 2, 0);
        IntOp avg = new IntOp.GlobalAvgPool("avg", "pool");
        IntNeuron n = new IntNeuron(false, false, new int[] {1}, new int[] {40000});
        IntOp fc = new IntOp.SpikingDense("fc", "avg", 2, 3, 1, new byte[] {1, -1, 1, 1, -1, -1}, n,
                Requant.of(new double[][] {{0.5}, {0.25}, {1}}, new double[] {0, 0.1, 0}, 16));
        return new IntModel(16, 1, 4, 4, 3, in, List.of(conv, relu, add, pool, avg, fc), "fc",
                Map.of("dataset", "toy", "network", "sample"));
    }

    @Test
    void aModelRoundTripsAndPredictsTheSame() throws IOException {
        IntModel m = sample();
        Path f = tmp.resolve("m.absnn-int");
        IntModelFile.write(m, f);
        IntModel back = IntModelFile.read(f);
        assertEquals(m.provenance(), back.provenance());
        assertEquals(m.ops().size(), back.ops().size());
        assertArrayEquals(((IntOp.SpikingConv) m.ops().get(0)).levels(),
                ((IntOp.SpikingConv) back.ops().get(0)).levels());
        assertArrayEquals(IntModelFile.encode(m), IntModelFile.encode(back));
        byte[] img = new byte[16];
        for (int i = 0; i < 16; i++) {
            img[i] = (byte) (i * 16);
        }
        assertArrayEquals(new IntEngine(m).logits(img), new IntEngine(back).logits(img));
        assertTrue(Files.size(f) > m.weightBytes());
        assertEquals(PackedLevels.bytes(18, 3) + PackedLevels.bytes(6, 1), m.weightBytes());
    }

    @Test
    void aTruncatedFileIsNamed() throws IOException {
        byte[] b = IntModelFile.encode(sample());
        Path f = tmp.resolve("cut.absnn-int");
        Files.write(f, Arrays.copyOf(b, b.length - 10));
        IOException e = assertThrows(IOException.class, () -> IntModelFile.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void aFlippedBitFailsTheChecksum() throws IOException {
        byte[] b = IntModelFile.encode(sample());
        b[b.length / 2] ^= 0x10;
        IOException e = assertThrows(IOException.class, () -> IntModelFile.decode(b, "model-x"));
        assertTrue(e.getMessage().contains("model-x is corrupted"), e.getMessage());
    }

    @Test
    void anotherFormatVersionOrAForeignFileIsRefused() {
        byte[] b = IntModelFile.encode(sample());
        b[9] = 7; // version 7
        IOException e = assertThrows(IOException.class, () -> IntModelFile.decode(b, "m"));
        assertTrue(e.getMessage().contains("format version 7; this build reads 1"), e.getMessage());
        IOException foreign = assertThrows(IOException.class,
                () -> IntModelFile.decode("PK\u0003\u0004 a zip file".getBytes(), "c.zip"));
        assertTrue(foreign.getMessage().contains("c.zip is not an integer model"), foreign.getMessage());
    }

    @Test
    void anImageOfTheWrongShapeIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IntEngine(sample()).logits(new byte[15]));
        assertTrue(e.getMessage().contains("15 pixels") && e.getMessage().contains("1x4x4"), e.getMessage());
    }

    @Test
    void predictRefusesADatasetItsModelCannotTakeNamingIt() {
        IntModel m = sample(); // 1x4x4, 3 classes
        io.github.abasnn.data.ImageSet wrongShape = new io.github.abasnn.data.ImageSet("grey5", new byte[25],
                new int[] {0}, 1, 5, 5, 3);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> IntModelCli.requireFits(m, wrongShape));
        assertTrue(shape.getMessage().contains("grey5 has 1x5x5 images; the model takes 1x4x4"), shape.getMessage());
        io.github.abasnn.data.ImageSet unknownLabel = new io.github.abasnn.data.ImageSet("toy", new byte[32],
                new int[] {1, 7}, 1, 4, 4, 10);
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> IntModelCli.requireFits(m, unknownLabel));
        assertTrue(label.getMessage().contains("image 1 has label 7, outside the model's 3 classes"), label.getMessage());
    }
}
