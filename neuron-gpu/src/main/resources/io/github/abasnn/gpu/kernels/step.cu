// The training step's ops besides the neuron, the weight quantizer and the convolutions (cuDNN) and dense products
// (cuBLAS): batch norm in training mode, ReLU, residual adds and fan-out sums, pooling, the softmax cross-entropy and
// one fused update of the whole flat parameter vector. Float tensors (the networks' type), NCHW, grid-stride loops;
// batch norm's per-channel sums and the loss accumulate in double.
#include "step_elements.cuh"
#include "reduce.cuh"

#define ABA_BLOCK 256

// Per-channel mean and biased variance of x (n, c, plane): one block per channel, two passes as the CPU kernel.
__device__ double aba_block_sum(double v) {
    __shared__ double partial[ABA_BLOCK / 32];
    v = aba_warp_sum(v);
    int lane = threadIdx.x & 31;
    int warp = threadIdx.x >> 5;
    if (lane == 0) {
        partial[warp] = v;
    }
    __syncthreads();
    double total = 0;
    if (threadIdx.x == 0) {
        for (int w = 0; w < blockDim.x / 32; w++) {
            total += partial[w];
        }
        partial[0] = total;
    }
    __syncthreads();
    total = partial[0];
    __syncthreads();
    return total;
}

extern "C" {

__global__ void aba_bn_statistics_f32(const float* x, long long n, int c, long long plane, double* mean, double* var) {
    int ch = blockIdx.x;
    long long count = n * plane;
    double sum = 0;
    for (long long i = threadIdx.x; i < count; i += blockDim.x) {
        long long b = i / plane;
        sum += x[(b * c + ch) * plane + i % plane];
    }
    double mu = aba_block_sum(sum) / count;
    double squares = 0;
    for (long long i = threadIdx.x; i < count; i += blockDim.x) {
        long long b = i / plane;
        double d = x[(b * c + ch) * plane + i % plane] - mu;
        squares += d * d;
    }
    double v = aba_block_sum(squares) / count;
    if (threadIdx.x == 0) {
        mean[ch] = mu;
        var[ch] = v;
    }
}

__global__ void aba_bn_forward_f32(const float* x, float* y, long long n, int c, long long plane, const double* mean,
                                   const double* var, const float* gamma, const float* beta, double eps) {
    long long len = n * c * plane;
    long long stride = (long long) gridDim.x * blockDim.x;
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < len; i += stride) {
        int ch = (int) ((i / plane) % c);
        double scale = gamma[ch] / sqrt(var[ch] + eps);
        double shift = beta[ch] - mean[ch] * scale;
        y[i] = aba_bn_forward(x[i], (float) scale, (float) shift);
    }
}

// Per channel: dbeta = sum dy, dgamma = sum dy (x - mean) / std; then dx (one block per channel).
__global__ void aba_bn_backward_f32(const float* x, const float* dy, float* dx, long long n, int c, long long plane,
                                    const double* mean, const double* var, const float* gamma, double eps,
                                    float* dgamma, float* dbeta) {
    int ch = blockIdx.x;
    long long count = n * plane;
    double mu = mean[ch];
    double inv = 1 / sqrt(var[ch] + eps);
    double sum_dy = 0;
    double sum_centred = 0;
    for (long long i = threadIdx.x; i < count; i += blockDim.x) {
        long long at = ((i / plane) * c + ch) * plane + i % plane;
        sum_dy += dy[at];
        sum_centred += (double) dy[at] * ((double) x[at] - mu);
    }
    sum_dy = aba_block_sum(sum_dy);
    double sum_dy_xhat = aba_block_sum(sum_centred) * inv;
    if (threadIdx.x == 0) {
        dgamma[ch] = (float) sum_dy_xhat;
        dbeta[ch] = (float) sum_dy;
    }
    double scale = gamma[ch] * inv;
    for (long long i = threadIdx.x; i < count; i += blockDim.x) {
        long long at = ((i / plane) * c + ch) * plane + i % plane;
        dx[at] = aba_bn_backward(x[at], dy[at], mu, inv, scale, sum_dy / count, sum_dy_xhat / count);
    }
}

// The running statistics' "gradients" (subtracted by the update with rule none): (running - batch) (1 - decay) for
// the mean and the variance, or 0.5 log10(std^2 / (decay std^2 + (1 - decay) var)) for a log10 std.
__global__ void aba_bn_running_f32(const float* running_mean, const float* running_spread, const double* mean,
                                   const double* var, int c, double decay, int log_std, float* grad_mean,
                                   float* grad_spread) {
    int ch = blockIdx.x * blockDim.x + threadIdx.x;
    if (ch >= c) {
        return;
    }
    grad_mean[ch] = (running_mean[ch] - (float) mean[ch]) * (float) (1 - decay);
    if (log_std) {
        float std = powf(10.0f, running_spread[ch]);
        float now = std * std;
        float next = now * (float) decay + (float) var[ch] * (float) (1 - decay);
        grad_spread[ch] = logf(now / next) * (float) (1 / (2 * log(10.0)));
    } else {
        grad_spread[ch] = (running_spread[ch] - (float) var[ch]) * (float) (1 - decay);
    }
}

__global__ void aba_relu_forward_f32(const float* x, float* y, long long len) {
    long long stride = (long long) gridDim.x * blockDim.x;
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < len; i += stride) {
        y[i] = x[i] > 0 ? x[i] : 0.0f;
    }
}

__global__ void aba_relu_backward_f32(const float* z, const float* g, float* out, long long len) {
    long long stride = (long long) gridDim.x * blockDim.x;
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < len; i += stride) {
        out[i] = aba_relu_backward(z[i], g[i]);
    }
}

// out = a + b (residual add forward; fan-out gradient sum backward, out may be a).
__global__ void aba_add_f32(const float* a, const float* b, float* out, long long len) {
    long long stride = (long long) gridDim.x * blockDim.x;
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < len; i += stride) {
        out[i] = a[i] + b[i];
    }
}

// [rows, plane] -> [rows]: the mean of each plane (global average pooling, rows = batch x channels).
__global__ void aba_global_avg_pool_f32(const float* x, float* y, long long rows, long long plane) {
    long long stride = (long long) gridDim.x * blockDim.x;
    for (long long r = (long long) blockIdx.x * blockDim.x + threadIdx.x; r < rows; r += stride) {
        double sum = 0;
        for (long long k = 0; k < plane; k++) {
            sum += x[r * plane + k];
        }
        y[r] = (float) (sum / plane);
    }
}

__global__ void aba_global_avg_pool_backward_f32(const float* g, float* dx, long long rows, long long plane) {
    long long len = rows * plane;
    long long stride = (long long) gridDim.x * blockDim.x;
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < len; i += stride) {
        dx[i] = g[i / plane] / (float) plane;
    }
}

// Square-window pooling, zero padding not counted: one thread per output element (forward) or per input element
// (backward, gathering from the windows that cover it). kind 0 average, 1 max.
__global__ void aba_pool_f32(const float* x, float* y, long long planes, int h, int w, int oh, int ow, int k, int s,
                             int pad, int kind) {
    long long len = planes * oh * ow;
    long long stride = (long long) gridDim.x * blockDim.x;
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < len; i += stride) {
        long long plane = i / ((long long) oh * ow);
        int oy = (int) ((i / ow) % oh);
        int ox = (int) (i % ow);
        double acc = kind == 0 ? 0.0 : -3.4028234663852886e38; // -FLT_MAX: NVRTC has no INFINITY
        int taken = 0;
        for (int dy = 0; dy < k; dy++) {
            int iy = oy * s - pad + dy;
            for (int dx = 0; dx < k; dx++) {
                int ix = ox * s - pad + dx;
                if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                    continue;
                }
                float v = x[(plane * h + iy) * w + ix];
                acc = kind == 0 ? acc + v : (v > acc ? v : acc);
                taken++;
            }
        }
        y[i] = (float) (kind == 0 ? acc / taken : acc);
    }
}

__global__ void aba_pool_backward_f32(const float* x, const float* g, float* dx, long long planes, int h, int w,
                                      int oh, int ow, int k, int s, int pad, int kind) {
    long long len = planes * h * w;
    long long stride = (long long) gridDim.x * blockDim.x;
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < len; i += stride) {
        long long plane = i / ((long long) h * w);
        int iy = (int) ((i / w) % h);
        int ix = (int) (i % w);
        float sum = 0;
        for (int oy = 0; oy < oh; oy++) {
            int y0 = oy * s - pad;
            if (iy < y0 || iy >= y0 + k) {
                continue;
            }
            for (int ox = 0; ox < ow; ox++) {
                int x0 = ox * s - pad;
                if (ix < x0 || ix >= x0 + k) {
                    continue;
                }
                int ylo = y0 < 0 ? 0 : y0, yhi = y0 + k > h ? h : y0 + k;
                int xlo = x0 < 0 ? 0 : x0, xhi = x0 + k > w ? w : x0 + k;
                float go = g[(plane * oh + oy) * ow + ox];
                if (kind == 0) {
                    sum += go / (float) ((yhi - ylo) * (xhi - xlo));
                } else { // the window's first maximum takes the gradient
                    float best = -3.4028234663852886e38f;
                    int by = -1, bx = -1;
                    for (int yy = ylo; yy < yhi; yy++) {
                        for (int xx = xlo; xx < xhi; xx++) {
                            float v = x[(plane * h + yy) * w + xx];
                            if (v > best) {
                                best = v;
                                by = yy;
                                bx = xx;
                            }
                        }
                    }
                    if (by == iy && bx == ix) {
                        sum += go;
                    }
                }
            }
        }
        dx[i] = sum;
    }
}

// Softmax cross-entropy per example: probabilities, p - y into grad, and the summed loss added to *loss.
__global__ void aba_softmax_xent_f32(const float* z, const float* y, float* p, float* grad, long long rows, int k,
                                     double clip, double* loss) {
    double acc[1] = {0};
    long long stride = (long long) gridDim.x * blockDim.x;
    for (long long r = (long long) blockIdx.x * blockDim.x + threadIdx.x; r < rows; r += stride) {
        acc[0] += aba_softmax_xent(z + r * k, y + r * k, p + r * k, grad + r * k, k, clip);
    }
    aba_add_terms(acc, 1, loss);
}

// Bias of a linear map, per channel of (n, c, plane): y += bias[ch] (plane 1 for a dense product).
__global__ void aba_bias_add_f32(float* y, const float* bias, long long n, int c, long long plane) {
    long long len = n * c * plane;
    long long stride = (long long) gridDim.x * blockDim.x;
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < len; i += stride) {
        y[i] += bias[(i / plane) % c];
    }
}

// The bias gradient, a batch sum per channel (one block per channel), summed in double.
__global__ void aba_bias_grad_f32(const float* dy, float* db, long long n, int c, long long plane) {
    int ch = blockIdx.x;
    long long count = n * plane;
    double sum = 0;
    for (long long i = threadIdx.x; i < count; i += blockDim.x) {
        sum += dy[((i / plane) * c + ch) * plane + i % plane];
    }
    sum = aba_block_sum(sum);
    if (threadIdx.x == 0) {
        db[ch] = (float) sum;
    }
}

// Batch norm in inference mode reads the running statistics as batch statistics: the mean, and the variance or
// (log_std) 10^(2 log10 std).
__global__ void aba_bn_running_statistics_f32(const float* running_mean, const float* running_spread, int c,
                                              int log_std, double* mean, double* var) {
    int ch = blockIdx.x * blockDim.x + threadIdx.x;
    if (ch >= c) {
        return;
    }
    mean[ch] = running_mean[ch];
    if (log_std) {
        float std = powf(10.0f, running_spread[ch]);
        var[ch] = (double) (std * std);
    } else {
        var[ch] = running_spread[ch];
    }
}

// (d0, d1, inner) -> (d1, d0, inner): the event input's time fold ([B, T, rest] -> [T, B, rest]) and its inverse.
__global__ void aba_swap_leading_f32(const float* in, float* out, long long d0, long long d1, long long inner) {
    long long len = d0 * d1 * inner;
    long long stride = (long long) gridDim.x * blockDim.x;
    for (long long o = (long long) blockIdx.x * blockDim.x + threadIdx.x; o < len; o += stride) {
        long long k = o % inner;
        long long i = (o / inner) % d0;
        long long j = o / (inner * d0);
        out[o] = in[(i * d1 + j) * inner + k];
    }
}

// The event output's mean over frames: [T, rows] -> [rows], and its gradient, each frame g / T.
__global__ void aba_frame_mean_f32(const float* x, float* y, int frames, long long rows) {
    long long stride = (long long) gridDim.x * blockDim.x;
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < rows; i += stride) {
        float sum = 0;
        for (int t = 0; t < frames; t++) {
            sum += x[t * rows + i];
        }
        y[i] = sum / (float) frames;
    }
}

__global__ void aba_frame_spread_f32(const float* g, float* dx, int frames, long long rows) {
    long long len = frames * rows;
    long long stride = (long long) gridDim.x * blockDim.x;
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < len; i += stride) {
        dx[i] = g[i % rows] / (float) frames;
    }
}

// sum x^2 and sum |x| of a run of floats, added to out[0], out[1] in double (the L2 penalty's score, LSQ's mean).
__global__ void aba_square_abs_sums_f32(const float* x, long long len, double* out) {
    double acc[2] = {0, 0};
    long long stride = (long long) gridDim.x * blockDim.x;
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < len; i += stride) {
        double v = x[i];
        acc[0] += v * v;
        acc[1] += v < 0 ? -v : v;
    }
    aba_add_terms(acc, 2, out);
}

// One update of the whole flat parameter vector: each element finds its slice (sorted by offset) and applies it.
__global__ void aba_update_f32(float* params, const float* grad, float* state, const AbaSlice* slices, int count,
                               long long len, float batch) {
    long long stride = (long long) gridDim.x * blockDim.x;
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < len; i += stride) {
        int lo = 0, hi = count - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >> 1;
            if (slices[mid].offset <= i) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        const AbaSlice& s = slices[lo];
        float* v = s.rule == ABA_RULE_NESTEROV ? state + s.state_offset + (i - s.offset) : 0;
        float unused = 0;
        params[i] = aba_update(params[i], grad[i], v != 0 ? v : &unused, s, batch);
    }
}
}
