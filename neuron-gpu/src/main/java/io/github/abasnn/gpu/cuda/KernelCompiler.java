package io.github.abasnn.gpu.cuda;

import static io.github.abasnn.gpu.cuda.CudaCalls.checkNvrtc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * Compiles CUDA C with NVRTC at run time for the GPU found: machine code ({@code sm_XY}) when this NVRTC knows the
 * architecture, else PTX for the newest one it knows, which the driver compiles for the GPU (a GPU newer than the
 * CUDA libraries still runs). Results are cached on disk by the sources, options, architecture and NVRTC version.
 */
public final class KernelCompiler {
    private final Path cacheDir;

    /** @param cacheDir where compiled modules are kept across runs (created when needed) */
    public KernelCompiler(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** The default cache, {@code ~/.cache/abasnn/kernels}. */
    public static KernelCompiler withDefaultCache() {
        return new KernelCompiler(Path.of(System.getProperty("user.home"), ".cache", "abasnn", "kernels"));
    }

    /** A compiled module: machine code, or PTX (NUL-terminated) for the driver to finish. */
    public record Module(byte[] image, boolean ptx, String target) {}

    /**
     * Compiles {@code unit} (its source {@code sources.get(unit)}), the other entries of {@code sources} available as
     * headers, for {@code architecture} ({@code sm_90}), with {@code options}.
     */
    public Module compile(String unit, Map<String, String> sources, List<String> options, String architecture) {
        int cc = Integer.parseInt(architecture.substring(3));
        int[] supported = supportedArchitectures();
        boolean native_ = java.util.Arrays.stream(supported).anyMatch(a -> a == cc);
        int target = native_ ? cc : java.util.Arrays.stream(supported).filter(a -> a <= cc).max().orElseThrow(() ->
                new IllegalStateException("NVRTC supports none of the architectures up to " + architecture));
        String arch = (native_ ? "sm_" : "compute_") + target;
        List<String> all = new ArrayList<>(options);
        all.add("--gpu-architecture=" + arch);
        String key = key(unit, sources, all);
        Path cached = cacheDir.resolve(key + (native_ ? ".cubin" : ".ptx"));
        try {
            if (Files.isRegularFile(cached)) {
                return new Module(Files.readAllBytes(cached), !native_, arch);
            }
        } catch (IOException e) {
            // an unreadable cache entry is compiled again
        }
        byte[] image = nvrtcCompile(unit, sources, all, !native_);
        try {
            Files.createDirectories(cacheDir);
            Path tmp = Files.createTempFile(cacheDir, key, ".tmp");
            Files.write(tmp, image);
            Files.move(tmp, cached, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // a read-only home still runs; it compiles again next time
        }
        return new Module(image, !native_, arch);
    }

    /** The architectures this NVRTC compiles machine code for, as numbers ({@code 90} for sm_90). */
    public static int[] supportedArchitectures() {
        int[] n = new int[1];
        checkNvrtc(nvrtc.nvrtcGetNumSupportedArchs(n), "nvrtcGetNumSupportedArchs", null);
        int[] archs = new int[n[0]];
        checkNvrtc(nvrtc.nvrtcGetSupportedArchs(archs), "nvrtcGetSupportedArchs", null);
        return archs;
    }

    private static byte[] nvrtcCompile(String unit, Map<String, String> sources, List<String> options, boolean ptx) {
        List<String> headerNames = new ArrayList<>();
        List<String> headerTexts = new ArrayList<>();
        sources.forEach((name, text) -> {
            if (!name.equals(unit)) {
                headerNames.add(name);
                headerTexts.add(text);
            }
        });
        _nvrtcProgram program = new _nvrtcProgram();
        checkNvrtc(nvrtc.nvrtcCreateProgram(program, new BytePointer(sources.get(unit)), new BytePointer(unit),
                headerNames.size(), new PointerPointer<>(headerTexts.toArray(String[]::new)),
                new PointerPointer<>(headerNames.toArray(String[]::new))), "nvrtcCreateProgram " + unit, null);
        try {
            int status = nvrtc.nvrtcCompileProgram(program, options.size(),
                    new PointerPointer<>(options.toArray(String[]::new)));
            checkNvrtc(status, "nvrtcCompileProgram " + unit + " " + options, log(program));
            SizeTPointer size = new SizeTPointer(1);
            byte[] image;
            if (ptx) {
                checkNvrtc(nvrtc.nvrtcGetPTXSize(program, size), "nvrtcGetPTXSize", null);
                BytePointer out = new BytePointer(size.get());
                checkNvrtc(nvrtc.nvrtcGetPTX(program, out), "nvrtcGetPTX", null);
                image = new byte[(int) size.get()]; // includes the terminating NUL the loader needs
                out.get(image);
            } else {
                checkNvrtc(nvrtc.nvrtcGetCUBINSize(program, size), "nvrtcGetCUBINSize", null);
                BytePointer out = new BytePointer(size.get());
                checkNvrtc(nvrtc.nvrtcGetCUBIN(program, out), "nvrtcGetCUBIN", null);
                image = new byte[(int) size.get()];
                out.get(image);
            }
            return image;
        } finally {
            nvrtc.nvrtcDestroyProgram(program);
        }
    }

    private static String log(_nvrtcProgram program) {
        SizeTPointer size = new SizeTPointer(1);
        if (nvrtc.nvrtcGetProgramLogSize(program, size) != nvrtc.NVRTC_SUCCESS || size.get() <= 1) {
            return "";
        }
        BytePointer text = new BytePointer(size.get());
        nvrtc.nvrtcGetProgramLog(program, text);
        return text.getString();
    }

    private static String key(String unit, Map<String, String> sources, List<String> options) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((unit + "\n" + options + "\nnvrtc " + nvrtcVersion() + "\n").getBytes(StandardCharsets.UTF_8));
            new java.util.TreeMap<>(sources).forEach((k, v) -> md.update((k + "\0" + v + "\0")
                    .getBytes(StandardCharsets.UTF_8)));
            return unit.replace('.', '-') + "-" + HexFormat.of().formatHex(md.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** NVRTC's version, {@code major.minor}. */
    public static String nvrtcVersion() {
        int[] major = new int[1];
        int[] minor = new int[1];
        checkNvrtc(nvrtc.nvrtcVersion(major, minor), "nvrtcVersion", null);
        return major[0] + "." + minor[0];
    }
}
