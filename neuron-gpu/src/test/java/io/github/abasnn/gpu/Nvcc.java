package io.github.abasnn.gpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The CUDA compiler on the PATH (this machine's and CI's have nvcc 13.0, with no GPU), for the kernel tests. */
public final class Nvcc {
    private Nvcc() {}

    /** Whether {@code nvcc} runs here. */
    public static boolean available() {
        try {
            return run(List.of("nvcc", "--version"), Path.of(".")).exit() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The kernel sources from the class path, written to {@code dir} (what NVRTC would be given). */
    public static Path sources(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> e : KernelSources.all().entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue());
        }
        return dir;
    }

    public record Result(int exit, String output) {}

    public static Result run(List<String> command, Path dir) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
    }

    /** {@code nvcc} with the kernels' options, then {@code args}. */
    public static List<String> command(String... args) {
        List<String> c = new ArrayList<>(List.of("nvcc"));
        c.addAll(KernelSources.OPTIONS);
        c.addAll(List.of(args));
        return c;
    }
}
