package io.github.abasnn.gpu.cuda;

import org.bytedeco.cuda.cudnn.cudnnContext;
import org.bytedeco.cuda.global.cudnn;

/**
 * A cuDNN handle on one device's stream, its math mode, and one workspace shared by every convolution it runs (grown
 * to the largest any of them asks for; the calls are serialised on the stream).
 */
public final class Cudnn implements AutoCloseable {
    private final CudaDevice device;
    private final cudnnContext handle = new cudnnContext();
    private final MathMode math;
    private DeviceArray workspace;

    public Cudnn(CudaDevice device, MathMode math) {
        this.device = device;
        this.math = math;
        device.makeCurrent();
        check(cudnn.cudnnCreate(handle), "cudnnCreate");
        check(cudnn.cudnnSetStream(handle, device.stream()), "cudnnSetStream");
    }

    static void check(int status, String call) {
        if (status != cudnn.CUDNN_STATUS_SUCCESS) {
            throw new IllegalStateException(call + " failed: " + cudnn.cudnnGetErrorString(status).getString());
        }
    }

    cudnnContext handle() {
        return handle;
    }

    CudaDevice device() {
        return device;
    }

    public MathMode math() {
        return math;
    }

    /** A workspace of at least {@code bytes}. */
    DeviceArray workspace(long bytes) {
        if (workspace == null || workspace.bytes() < bytes) {
            if (workspace != null) {
                device.synchronize(); // a convolution queued before may still use it
                workspace.close();
            }
            workspace = DeviceArray.allocate(device, Math.max(bytes, 1 << 20));
        }
        return workspace;
    }

    /** cuDNN's version, e.g. 91900 for 9.19.0. */
    public static long version() {
        return cudnn.cudnnGetVersion();
    }

    @Override
    public void close() {
        device.makeCurrent();
        if (workspace != null) {
            workspace.close();
        }
        cudnn.cudnnDestroy(handle);
    }
}
