package io.github.abasnn.gpu.cuda;

import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.javacpp.FloatPointer;

/**
 * A cuBLAS handle on one device's stream, for the dense products of row-major (c order) float matrices. cuBLAS is
 * column-major: a row-major {@code [r, c]} matrix is its column-major transpose, so each product below is written
 * transposed.
 */
public final class Cublas implements AutoCloseable {
    private final CudaDevice device;
    private final cublasContext handle = new cublasContext();
    private final FloatPointer one = new FloatPointer(1f);
    private final FloatPointer zero = new FloatPointer(0f);

    public Cublas(CudaDevice device, MathMode math) {
        this.device = device;
        device.makeCurrent();
        check(cublas.cublasCreate_v2(handle), "cublasCreate");
        check(cublas.cublasSetStream_v2(handle, device.stream()), "cublasSetStream");
        check(cublas.cublasSetMathMode(handle, math == MathMode.TF32 ? cublas.CUBLAS_TF32_TENSOR_OP_MATH
                : cublas.CUBLAS_DEFAULT_MATH), "cublasSetMathMode");
    }

    private static void check(int status, String call) {
        if (status != cublas.CUBLAS_STATUS_SUCCESS) {
            throw new IllegalStateException(call + " failed: cuBLAS status " + status);
        }
    }

    /** {@code y[b, out] = x[b, in] w[in, out]}. */
    public void forward(DeviceArray x, DeviceArray w, DeviceArray y, int b, int in, int out) {
        device.makeCurrent();
        check(cublas.cublasSgemm_v2(handle, cublas.CUBLAS_OP_N, cublas.CUBLAS_OP_N, out, b, in, one, w.floatPointer(),
                out, x.floatPointer(), in, zero, y.floatPointer(), out), "cublasSgemm (dense forward)");
    }

    /** {@code dx[b, in] = dy[b, out] w[in, out]^T}. */
    public void backwardData(DeviceArray dy, DeviceArray w, DeviceArray dx, int b, int in, int out) {
        device.makeCurrent();
        check(cublas.cublasSgemm_v2(handle, cublas.CUBLAS_OP_T, cublas.CUBLAS_OP_N, in, b, out, one, w.floatPointer(),
                out, dy.floatPointer(), out, zero, dx.floatPointer(), in), "cublasSgemm (dense backward data)");
    }

    /** {@code dw[in, out] = x[b, in]^T dy[b, out]}. */
    public void backwardWeights(DeviceArray x, DeviceArray dy, DeviceArray dw, int b, int in, int out) {
        device.makeCurrent();
        check(cublas.cublasSgemm_v2(handle, cublas.CUBLAS_OP_N, cublas.CUBLAS_OP_T, out, in, b, one,
                dy.floatPointer(), out, x.floatPointer(), in, zero, dw.floatPointer(), out),
                "cublasSgemm (dense backward weights)");
    }

    /** cuBLAS's version, e.g. 130100. */
    public int version() {
        int[] v = new int[1];
        check(cublas.cublasGetVersion_v2(handle, v), "cublasGetVersion");
        return v[0];
    }

    @Override
    public void close() {
        device.makeCurrent();
        cublas.cublasDestroy_v2(handle);
    }
}
