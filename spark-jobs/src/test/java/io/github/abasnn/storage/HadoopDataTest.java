package io.github.abasnn.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.data.DataChecksum;
import io.github.abasnn.data.Datasets;
import io.github.abasnn.data.IdxFiles;
import io.github.abasnn.data.ImageSet;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dataset on a real (in-process) HDFS read by the trainer's readers through its local copy. */
class HadoopDataTest {
    @TempDir
    static Path tmp;
    static MiniHdfs hdfs;

    @BeforeAll
    static void start() throws Exception {
        hdfs = new MiniHdfs(tmp.resolve("hdfs"));
        IdxFiles.writeToyDataset(tmp.resolve("fm"), 40, 20, 8, 4, 9);
        hdfs.put(tmp.resolve("fm"), hdfs.uri("/data/fm"));
    }

    @AfterAll
    static void stop() {
        hdfs.close();
    }

    @Test
    void anHdfsDatasetReadsAsTheLocalOneWithTheSameChecksum() {
        String uri = hdfs.uri("/data/fm");
        assertTrue(HadoopData.isRemote(uri));
        assertFalse(HadoopData.isRemote(tmp.resolve("fm").toString()));
        assertFalse(HadoopData.isRemote("file:///tmp/x"));
        Path copy = HadoopData.local(uri);
        ImageSet remote = Datasets.train("fashion-mnist", copy);
        ImageSet local = Datasets.train("fashion-mnist", tmp.resolve("fm"));
        assertArrayEquals(local.pixels(), remote.pixels());
        assertArrayEquals(local.labels(), remote.labels());
        assertEquals(DataChecksum.of(tmp.resolve("fm")), DataChecksum.of(copy));
        assertEquals(copy, HadoopData.local(uri), "copied once per JVM");
        io.github.abasnn.train.TrainConfig remoteConfig = io.github.abasnn.train.TrainCli.parse("--data-dir", uri);
        assertTrue(remoteConfig.data().isRemote());
        assertEquals(uri, remoteConfig.data().dataDir(), "the configuration carries the URI");
        assertEquals(copy, io.github.abasnn.distributed.LocalData.of(remoteConfig).data().localDir());
    }

    @Test
    void aSweepWhoseDatasetUriDoesNotExistIsRefusedNamingIt() throws Exception {
        Path file = java.nio.file.Files.writeString(tmp.resolve("missing.conf"), """
                sweep { name = missing, results = "%s",
                        base { network = resnet20, width = 2, data-dir = "%s", epochs = 1 } }
                """.formatted(tmp.resolve("results").toUri(), hdfs.uri("/datasets/nope")));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> io.github.abasnn.sweep.SweepSpec.load(file));
        assertTrue(e.getMessage().contains("dataset directory '" + hdfs.uri("/datasets/nope") + "' does not exist")
                && e.getMessage().contains("key data-dir"), e.getMessage());
    }

    @Test
    void aChangedDatasetGetsAFreshCopy() throws Exception {
        IdxFiles.writeToyDataset(tmp.resolve("fm2"), 40, 20, 8, 4, 1);
        hdfs.put(tmp.resolve("fm2"), hdfs.uri("/data/fm2"));
        Path first = HadoopData.local(hdfs.uri("/data/fm2"));
        hdfs.fs().delete(new org.apache.hadoop.fs.Path(hdfs.uri("/data/fm2")), true);
        IdxFiles.writeToyDataset(tmp.resolve("fm3"), 44, 20, 8, 4, 2);
        hdfs.put(tmp.resolve("fm3"), hdfs.uri("/data/fm2"));
        // a new JVM (or a new run) keys the copy by length and modification time of every file
        java.lang.reflect.Field cache = HadoopData.class.getDeclaredField("LOCALIZED");
        cache.setAccessible(true);
        ((java.util.Map<?, ?>) cache.get(null)).clear();
        Path second = HadoopData.local(hdfs.uri("/data/fm2"));
        assertNotEquals(first, second);
        assertEquals(44, Datasets.train("fashion-mnist", second).size());
    }

    @Test
    void aMissingUriIsNamed() {
        String missing = hdfs.uri("/data/nothing-here");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HadoopData.requireDirectory(missing, "dataset directory"));
        assertTrue(e.getMessage().contains("dataset directory '" + missing + "' does not exist"), e.getMessage());
        IllegalArgumentException viaCopy = assertThrows(IllegalArgumentException.class, () -> HadoopData.local(missing));
        assertTrue(viaCopy.getMessage().contains(missing), viaCopy.getMessage());
        IllegalArgumentException unreachable = assertThrows(IllegalArgumentException.class,
                () -> HadoopData.requireDirectory("hdfs://127.0.0.1:1/data", "dataset directory"));
        assertTrue(unreachable.getMessage().contains("'hdfs://127.0.0.1:1/data' cannot be read"),
                unreachable.getMessage());
    }
}
