package io.github.abasnn.gpu.cuda;

import static io.github.abasnn.gpu.cuda.Cudnn.check;

import org.bytedeco.cuda.cudnn.cudnnConvolutionBwdDataAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionBwdFilterAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionFwdAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionStruct;
import org.bytedeco.cuda.cudnn.cudnnFilterStruct;
import org.bytedeco.cuda.cudnn.cudnnTensorStruct;
import org.bytedeco.cuda.global.cudnn;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * One convolution shape on cuDNN: NCHW float input {@code [n, c, h, w]}, filters {@code [k, c, r, r]} (DL4J's
 * layout), square stride and zero padding, cross-correlation as DL4J computes it; forward, backward data and backward
 * filter with algorithms chosen once by cuDNN's heuristics. Under {@link MathMode#FMA} only the GEMM-like algorithms
 * are taken (no FFT or Winograd transforms, whose rounding differs from a direct sum), with FMA math.
 */
public final class CudnnConvolution implements AutoCloseable {
    /** Largest workspace an algorithm may ask for. */
    private static final long WORKSPACE_LIMIT = 512L << 20;

    private final Cudnn dnn;
    private final cudnnTensorStruct input = new cudnnTensorStruct();
    private final cudnnTensorStruct output = new cudnnTensorStruct();
    private final cudnnFilterStruct filter = new cudnnFilterStruct();
    private final cudnnConvolutionStruct conv = new cudnnConvolutionStruct();
    private final int forwardAlgo;
    private final int dataAlgo;
    private final int filterAlgo;
    private final long forwardBytes;
    private final long dataBytes;
    private final long filterBytes;
    private final FloatPointer one = new FloatPointer(1f);
    private final FloatPointer zero = new FloatPointer(0f);

    public CudnnConvolution(Cudnn dnn, int n, int c, int h, int w, int k, int kernel, int stride, int padding) {
        this.dnn = dnn;
        dnn.device().makeCurrent();
        int oh = (h + 2 * padding - kernel) / stride + 1;
        int ow = (w + 2 * padding - kernel) / stride + 1;
        check(cudnn.cudnnCreateTensorDescriptor(input), "cudnnCreateTensorDescriptor");
        check(cudnn.cudnnCreateTensorDescriptor(output), "cudnnCreateTensorDescriptor");
        check(cudnn.cudnnCreateFilterDescriptor(filter), "cudnnCreateFilterDescriptor");
        check(cudnn.cudnnCreateConvolutionDescriptor(conv), "cudnnCreateConvolutionDescriptor");
        check(cudnn.cudnnSetTensor4dDescriptor(input, cudnn.CUDNN_TENSOR_NCHW, cudnn.CUDNN_DATA_FLOAT, n, c, h, w),
                "cudnnSetTensor4dDescriptor (input)");
        check(cudnn.cudnnSetTensor4dDescriptor(output, cudnn.CUDNN_TENSOR_NCHW, cudnn.CUDNN_DATA_FLOAT, n, k, oh, ow),
                "cudnnSetTensor4dDescriptor (output)");
        check(cudnn.cudnnSetFilter4dDescriptor(filter, cudnn.CUDNN_DATA_FLOAT, cudnn.CUDNN_TENSOR_NCHW, k, c, kernel,
                kernel), "cudnnSetFilter4dDescriptor");
        check(cudnn.cudnnSetConvolution2dDescriptor(conv, padding, padding, stride, stride, 1, 1,
                cudnn.CUDNN_CROSS_CORRELATION, cudnn.CUDNN_DATA_FLOAT), "cudnnSetConvolution2dDescriptor");
        boolean exact = dnn.math() == MathMode.FMA;
        check(cudnn.cudnnSetConvolutionMathType(conv, exact ? cudnn.CUDNN_FMA_MATH : cudnn.CUDNN_DEFAULT_MATH),
                "cudnnSetConvolutionMathType");
        String shape = "[" + n + ", " + c + ", " + h + ", " + w + "] * [" + k + ", " + c + ", " + kernel + ", "
                + kernel + "] stride " + stride + " pad " + padding;

        int[] returned = new int[1];
        cudnnConvolutionFwdAlgoPerf_t fwd = new cudnnConvolutionFwdAlgoPerf_t(cudnn.CUDNN_CONVOLUTION_FWD_ALGO_COUNT);
        check(cudnn.cudnnGetConvolutionForwardAlgorithm_v7(dnn.handle(), input, filter, conv, output,
                cudnn.CUDNN_CONVOLUTION_FWD_ALGO_COUNT, returned, fwd), "cudnnGetConvolutionForwardAlgorithm_v7");
        long[] chosen = choose(returned[0], i -> {
            fwd.position(i);
            return new long[] {fwd.algo(), fwd.status(), fwd.memory()};
        }, exact, java.util.Set.of(cudnn.CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_GEMM,
                cudnn.CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_PRECOMP_GEMM, cudnn.CUDNN_CONVOLUTION_FWD_ALGO_GEMM),
                "forward", shape);
        forwardAlgo = (int) chosen[0];
        forwardBytes = chosen[1];

        cudnnConvolutionBwdDataAlgoPerf_t data = new cudnnConvolutionBwdDataAlgoPerf_t(
                cudnn.CUDNN_CONVOLUTION_BWD_DATA_ALGO_COUNT);
        check(cudnn.cudnnGetConvolutionBackwardDataAlgorithm_v7(dnn.handle(), filter, output, conv, input,
                cudnn.CUDNN_CONVOLUTION_BWD_DATA_ALGO_COUNT, returned, data),
                "cudnnGetConvolutionBackwardDataAlgorithm_v7");
        chosen = choose(returned[0], i -> {
            data.position(i);
            return new long[] {data.algo(), data.status(), data.memory()};
        }, exact, java.util.Set.of(cudnn.CUDNN_CONVOLUTION_BWD_DATA_ALGO_0, cudnn.CUDNN_CONVOLUTION_BWD_DATA_ALGO_1),
                "backward data", shape);
        dataAlgo = (int) chosen[0];
        dataBytes = chosen[1];

        cudnnConvolutionBwdFilterAlgoPerf_t filt = new cudnnConvolutionBwdFilterAlgoPerf_t(
                cudnn.CUDNN_CONVOLUTION_BWD_FILTER_ALGO_COUNT);
        check(cudnn.cudnnGetConvolutionBackwardFilterAlgorithm_v7(dnn.handle(), input, output, conv, filter,
                cudnn.CUDNN_CONVOLUTION_BWD_FILTER_ALGO_COUNT, returned, filt),
                "cudnnGetConvolutionBackwardFilterAlgorithm_v7");
        chosen = choose(returned[0], i -> {
            filt.position(i);
            return new long[] {filt.algo(), filt.status(), filt.memory()};
        }, exact, java.util.Set.of(cudnn.CUDNN_CONVOLUTION_BWD_FILTER_ALGO_0, cudnn.CUDNN_CONVOLUTION_BWD_FILTER_ALGO_1,
                cudnn.CUDNN_CONVOLUTION_BWD_FILTER_ALGO_3), "backward filter", shape);
        filterAlgo = (int) chosen[0];
        filterBytes = chosen[1];
    }

    /**
     * The first of cuDNN's {@code returned} ranked results ({@code result(i)}: algorithm, status, workspace bytes)
     * that succeeded, fits the workspace limit and, when {@code exact}, is one of {@code gemmLike}: {algorithm,
     * bytes}. Fails naming the pass and shape when none is.
     */
    private static long[] choose(int returned, java.util.function.IntFunction<long[]> result, boolean exact,
                                 java.util.Set<Integer> gemmLike, String pass, String shape) {
        for (int i = 0; i < returned; i++) {
            long[] r = result.apply(i);
            boolean allowed = !exact || gemmLike.contains((int) r[0]);
            if (r[1] == cudnn.CUDNN_STATUS_SUCCESS && r[2] <= WORKSPACE_LIMIT && allowed) {
                return new long[] {r[0], r[2]};
            }
        }
        throw new IllegalStateException("cuDNN offers no " + pass + " algorithm for " + shape
                + (exact ? " among its GEMM-like ones (FMA math)" : ""));
    }

    /** {@code y = conv(x, w)}. */
    public void forward(DeviceArray x, DeviceArray w, DeviceArray y) {
        dnn.device().makeCurrent();
        DeviceArray ws = dnn.workspace(forwardBytes);
        check(cudnn.cudnnConvolutionForward(dnn.handle(), one, input, x.pointer(), filter, w.pointer(), conv,
                forwardAlgo, ws.pointer(), ws.bytes(), zero, output, y.pointer()), "cudnnConvolutionForward");
    }

    /** {@code dx = dL/dx} from {@code dy}. */
    public void backwardData(DeviceArray w, DeviceArray dy, DeviceArray dx) {
        dnn.device().makeCurrent();
        DeviceArray ws = dnn.workspace(dataBytes);
        check(cudnn.cudnnConvolutionBackwardData(dnn.handle(), one, filter, w.pointer(), output, dy.pointer(), conv,
                dataAlgo, ws.pointer(), ws.bytes(), zero, input, dx.pointer()), "cudnnConvolutionBackwardData");
    }

    /** {@code dw = dL/dw} from {@code x} and {@code dy} (overwritten, not accumulated). */
    public void backwardFilter(DeviceArray x, DeviceArray dy, DeviceArray dw) {
        dnn.device().makeCurrent();
        DeviceArray ws = dnn.workspace(filterBytes);
        check(cudnn.cudnnConvolutionBackwardFilter(dnn.handle(), one, input, x.pointer(), output, dy.pointer(), conv,
                filterAlgo, ws.pointer(), ws.bytes(), zero, filter, dw.pointer()), "cudnnConvolutionBackwardFilter");
    }

    /** The algorithms chosen, as cuDNN numbers them: forward, backward data, backward filter. */
    public int[] algorithms() {
        return new int[] {forwardAlgo, dataAlgo, filterAlgo};
    }

    @Override
    public void close() {
        dnn.device().makeCurrent();
        cudnn.cudnnDestroyTensorDescriptor(input);
        cudnn.cudnnDestroyTensorDescriptor(output);
        cudnn.cudnnDestroyFilterDescriptor(filter);
        cudnn.cudnnDestroyConvolutionDescriptor(conv);
    }
}
