package io.github.abasnn.gpu.cuda;

import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.javacpp.BytePointer;

/** Every driver and NVRTC call's status checked: a failure names the call and CUDA's name for the error. */
public final class CudaCalls {
    private CudaCalls() {}

    /** Throws naming {@code call} unless {@code status} is {@code CUDA_SUCCESS}. */
    public static void check(int status, String call) {
        if (status != cudart.CUDA_SUCCESS) {
            BytePointer name = new BytePointer((BytePointer) null);
            String text = cudart.cuGetErrorName(status, name) == cudart.CUDA_SUCCESS && !name.isNull()
                    ? name.getString() : "error " + status;
            throw new IllegalStateException(call + " failed: " + text);
        }
    }

    /** Throws naming {@code call} unless {@code status} is {@code NVRTC_SUCCESS}. */
    public static void checkNvrtc(int status, String call, String log) {
        if (status != nvrtc.NVRTC_SUCCESS) {
            throw new IllegalStateException(call + " failed: " + nvrtc.nvrtcGetErrorString(status).getString()
                    + (log == null || log.isBlank() ? "" : "\n" + log));
        }
    }

    /** Whether the CUDA driver and runtime libraries load here and see a GPU. */
    public static boolean available() {
        return unavailableReason() == null;
    }

    /** Why no GPU can be used here (the library that did not load, the driver's error), or null when one can. */
    public static String unavailableReason() {
        try {
            org.bytedeco.javacpp.Loader.load(cudart.class);
            int status = cudart.cuInit(0);
            if (status != cudart.CUDA_SUCCESS) {
                return "cuInit returned " + status;
            }
            int[] count = new int[1];
            if (cudart.cuDeviceGetCount(count) != cudart.CUDA_SUCCESS || count[0] == 0) {
                return "the driver sees no GPU";
            }
            org.bytedeco.javacpp.Loader.load(nvrtc.class);
            return null;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            Throwable t = e;
            while (t.getCause() != null) {
                t = t.getCause();
            }
            return "the CUDA libraries do not load (" + t + ")";
        }
    }
}
