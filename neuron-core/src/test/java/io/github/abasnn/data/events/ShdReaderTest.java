package io.github.abasnn.data.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.data.DataFormatException;
import io.github.abasnn.train.TrainConfig;
import io.github.abasnn.train.TrainResult;
import io.github.abasnn.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SHD HDF5 (fixture written by make_tiny.py with h5py, beside it in test resources). */
class ShdReaderTest {
    @TempDir
    Path tmp;

    static Path tiny() throws Exception {
        return Path.of(ShdReaderTest.class.getResource("/shd/shd-tiny.h5").toURI());
    }

    @Test
    void binsSpikesPerChannel() throws Exception {
        SpikeBinSet s = ShdReader.read(tiny(), 10, 1.0, 0);
        assertArrayEquals(new int[] {7, 19, 0}, s.labels());
        assertEquals(10 * 700, s.counts().length / 3);
        int per = 10 * 700;
        assertEquals(1, s.counts()[0 * 700 + 0]);            // t 0.01 s -> bin 0, unit 0
        assertEquals(1, s.counts()[0 * 700 + 699]);          // t 0.02 s -> bin 0, unit 699
        assertEquals(1, s.counts()[5 * 700 + 3]);            // t 0.5 s -> bin 5, unit 3
        assertEquals(1, s.counts()[8 * 700 + 3]);            // t 0.9f s = 0.89999998 s -> bin 8, unit 3
        assertEquals(1, s.counts()[per + 1 * 700 + 42]);     // recording 1: t 0.1 s -> bin 1, unit 42
        int total = 0;
        for (byte b : s.counts()) {
            total += b & 0xff;
        }
        assertEquals(5, total);
        assertEquals(2, ShdReader.read(tiny(), 2, 0.4, 0).counts()[0] + ShdReader.read(tiny(), 2, 0.4, 0).counts()[699]
                , "spikes after the duration are dropped, the rest kept");
    }

    @Test
    void notHdf5OrMissingIsNamed() throws Exception {
        Path bad = Files.writeString(tmp.resolve("shd_train.h5"), "not hdf5");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ShdReader.read(bad, 10, 1.0, 0));
        assertTrue(e.getMessage().contains("shd_train.h5"), e.getMessage());
        assertTrue(assertThrows(DataFormatException.class, () -> ShdReader.read(tmp.resolve("nope.h5"), 10, 1.0, 0))
                .getMessage().contains("missing"));
    }

    @Test
    void spikeMlpTrainsOnShd() throws Exception {
        Files.copy(tiny(), tmp.resolve("shd_train.h5"));
        Files.copy(tiny(), tmp.resolve("shd_test.h5"));
        TrainConfig cfg = io.github.abasnn.train.TinyConfigs.events("spike-mlp", 16, "shd", tmp, tmp.resolve("out"), 2,
                2, 5);
        TrainResult r = new Trainer(cfg, false).run(false);
        assertEquals(2, r.epochs().size());
        assertEquals(3, r.layers().size());
        assertTrue(r.layers().stream().allMatch(l -> l.timeSteps() == 5));
    }
}
