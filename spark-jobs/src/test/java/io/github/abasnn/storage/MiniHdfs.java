package io.github.abasnn.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** An in-process HDFS (one NameNode, one DataNode) on 127.0.0.1 for tests, and copying local trees into it. */
public final class MiniHdfs implements AutoCloseable {
    private final MiniDFSCluster cluster;

    public MiniHdfs(Path baseDir) throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toAbsolutePath().toString());
        conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        conf.setBoolean("dfs.permissions.enabled", true);
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
    }

    /** {@code hdfs://127.0.0.1:port} followed by {@code path}. */
    public String uri(String path) {
        return "hdfs://127.0.0.1:" + cluster.getNameNodePort() + path;
    }

    public FileSystem fs() throws IOException {
        return cluster.getFileSystem();
    }

    /** Copies every file under {@code local} to {@code hdfsDir}. */
    public void put(Path local, String hdfsDir) throws IOException {
        FileSystem fs = fs();
        try (Stream<Path> walk = Files.walk(local)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(p.toUri()),
                        new org.apache.hadoop.fs.Path(hdfsDir + "/" + local.relativize(p)));
            }
        }
    }

    @Override
    public void close() {
        cluster.shutdown(true);
    }
}
