package io.github.abasnn.gpu.cuda;

import static io.github.abasnn.gpu.cuda.CudaCalls.check;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/** A compiled module loaded into a device's context, and launches of its kernels on the device's stream. */
public final class KernelModule implements AutoCloseable {
    private final CudaDevice device;
    private final CUmod_st module = new CUmod_st();
    private final Map<String, CUfunc_st> functions = new ConcurrentHashMap<>();

    public KernelModule(CudaDevice device, KernelCompiler.Module compiled) {
        this.device = device;
        device.makeCurrent();
        check(cudart.cuModuleLoadData(module, new BytePointer(compiled.image())), "cuModuleLoadData ("
                + compiled.target() + ")");
    }

    private CUfunc_st function(String name) {
        return functions.computeIfAbsent(name, n -> {
            CUfunc_st f = new CUfunc_st();
            check(cudart.cuModuleGetFunction(f, module, n), "cuModuleGetFunction " + n);
            return f;
        });
    }

    /**
     * Queues kernel {@code name} on the device's stream with {@code blocks} x {@code threads} and its arguments,
     * each a pointer to the argument's bytes (an address, a scalar, a struct), in the kernel's order.
     */
    public void launch(String name, int blocks, int threads, Pointer... arguments) {
        device.makeCurrent();
        check(cudart.cuLaunchKernel(function(name), blocks, 1, 1, threads, 1, 1, 0, device.stream(),
                new PointerPointer<>(arguments), (PointerPointer<?>) null), "cuLaunchKernel " + name);
    }

    @Override
    public void close() {
        device.makeCurrent();
        cudart.cuModuleUnload(module);
    }
}
