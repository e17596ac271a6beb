// Per-element arithmetic of the method's quantizers and refined neuron (method.md §2, §3), written once for the
// device kernels (neuron.cu, weight_quant.cu) and for the host harness that holds them to neuron-core's CPU kernels
// (src/test/cuda/host_parity.cu). Everything is computed in double whatever the tensor type, in the CPU kernels'
// order of operations; kernels are compiled with --fmad=false so no multiply-add is contracted where the CPU rounds
// twice.
#pragma once

#ifdef __CUDACC__
#define ABA_HD __host__ __device__ __forceinline__
#else
#define ABA_HD inline
#endif

#ifndef __CUDACC_RTC__ // NVRTC has floor and fabs built in, and no system headers
#include <math.h>
#endif

// The most step slots a kernel supports: T_max of a time-free neuron, or the frames of an event neuron.
#define ABA_MAX_STEPS 64

// Largest integer level at `bits`: unsigned 2^b - 1; signed (first layer's spikes, weights) 2^(b-1) - 1, 1 at 1 bit.
ABA_HD int aba_qmax(int bits, bool is_signed) {
    if (is_signed) {
        return bits > 1 ? (1 << (bits - 1)) - 1 : 1;
    }
    return (1 << bits) - 1;
}

// Integer level of v = x / step (method.md §2): signed round-half-away within [-qmax, qmax] (sign at 1 bit);
// unsigned round-half-up within [0, qmax] (v > 0.5 at 1 bit), or floor for the FLOOR firing ablation.
ABA_HD double aba_level(double v, int bits, int qmax, bool is_signed, bool floor_firing) {
    if (is_signed) {
        if (bits == 1) {
            return v > 0 ? 1.0 : -1.0;
        }
        double c = v < -qmax ? (double) -qmax : (v > qmax ? (double) qmax : v);
        return c >= 0 ? floor(c + 0.5) : -floor(-c + 0.5);
    }
    double c = v < 0 ? 0.0 : v;
    c = c > qmax ? (double) qmax : c;
    if (floor_firing) {
        return floor(c);
    }
    if (bits == 1) {
        return v > 0.5 ? 1.0 : 0.0;
    }
    return floor(c + 0.5);
}

// The allocation of one neuron call: t steps, their step sizes, reciprocals and integer widths.
struct AbaNeuron {
    int t;
    bool is_signed;
    bool floor_firing;
    double decay;
    double step[ABA_MAX_STEPS];
    double inv[ABA_MAX_STEPS];
    int bits[ABA_MAX_STEPS];
    int qmax[ABA_MAX_STEPS];
};

// Time-free forward of one element x: sum_t s_t / T; nonzero[s] counts the step's nonzero levels when not null.
ABA_HD double aba_time_free_forward(const AbaNeuron& n, double x, unsigned* nonzero) {
    double m = x;
    double sum = 0;
    for (int s = 0; s < n.t; s++) {
        double level = aba_level(m * n.inv[s], n.bits[s], n.qmax[s], n.is_signed, n.floor_firing);
        double spike = level * n.step[s];
        sum += spike;
        m = n.decay * (m - spike) + x;
        if (nonzero != 0 && level != 0) {
            nonzero[s]++;
        }
    }
    return sum / n.t;
}

// Time-free backward of one element: returns dL/dx; adds the element's step terms to acc[s], bit terms to
// acc[t + s] and go * sum_t s_t to acc[2t] (finished into gradients by io.github.abasnn.gpu.NeuronSums).
ABA_HD double aba_time_free_backward(const AbaNeuron& n, double x, double go, double* acc) {
    double m = x;
    double sum = 0;
    double grad = 0;
    for (int s = 0; s < n.t; s++) {
        double q = n.qmax[s];
        double v = m * n.inv[s];
        double level = aba_level(v, n.bits[s], n.qmax[s], n.is_signed, n.floor_firing);
        double spike = level * n.step[s];
        sum += spike;
        if (v > q) {
            acc[s] += go * q;
            acc[n.t + s] += go;
        } else if (v < (n.is_signed ? -q : 0.0)) {
            if (n.is_signed) {
                acc[s] -= go * q;
                acc[n.t + s] -= go;
            }
        } else {
            grad += go;
            acc[s] += go * (level - v);
        }
        m = n.decay * (m - spike) + x;
    }
    acc[2 * n.t] += go * sum;
    return grad / n.t;
}

// Event (time-major) forward of element i of one frame: frame s sits at x[s * per_step + i]; writes every step's
// spike to out at the same place.
template <typename T>
ABA_HD void aba_event_forward(const AbaNeuron& n, const T* x, T* out, long long per_step, long long i,
                              unsigned* nonzero) {
    double m = 0;
    double spike = 0;
    for (int s = 0; s < n.t; s++) {
        double xi = (double) x[s * per_step + i];
        m = s == 0 ? xi : n.decay * (m - spike) + xi;
        double level = aba_level(m * n.inv[s], n.bits[s], n.qmax[s], n.is_signed, n.floor_firing);
        spike = level * n.step[s];
        if (nonzero != 0 && level != 0) {
            nonzero[s]++;
        }
        out[s * per_step + i] = (T) spike;
    }
}

// Event backward of element i: one upstream gradient per step in the same layout; writes dL/dx per step and adds
// step terms to acc[s], bit terms to acc[t + s].
template <typename T>
ABA_HD void aba_event_backward(const AbaNeuron& n, const T* x, const T* grad_out, T* grad_x, long long per_step,
                               long long i, double* acc) {
    double m = 0;
    double spike = 0;
    for (int s = 0; s < n.t; s++) {
        long long at = s * per_step + i;
        m = s == 0 ? (double) x[i] : n.decay * (m - spike) + (double) x[at];
        double v = m * n.inv[s];
        double q = n.qmax[s];
        double level = aba_level(v, n.bits[s], n.qmax[s], n.is_signed, n.floor_firing);
        spike = level * n.step[s];
        double go = (double) grad_out[at];
        if (v > q) {
            acc[s] += go * q;
            acc[n.t + s] += go;
            grad_x[at] = (T) 0;
        } else if (v < (n.is_signed ? -q : 0.0)) {
            if (n.is_signed) {
                acc[s] -= go * q;
                acc[n.t + s] -= go;
            }
            grad_x[at] = (T) 0;
        } else {
            acc[s] += go * (level - v);
            grad_x[at] = (T) go;
        }
    }
}

// Weight quantizer forward of one weight (signed levels, method.md §2): L(w / step) * step.
ABA_HD double aba_weight_forward(double w, double step, int bits, int qmax) {
    return aba_level(w / step, bits, qmax, true, false) * step;
}

// Weight quantizer backward of one weight: returns dL/dw (straight through inside the range); adds its step term to
// acc[0] and its bit term to acc[1].
ABA_HD double aba_weight_backward(double w, double go, double step, int bits, int qmax, double* acc) {
    double v = w / step;
    if (fabs(v) <= qmax) {
        acc[0] += go * (aba_level(v, bits, qmax, true, false) - v);
        return go;
    }
    double sign = v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0);
    acc[0] += go * qmax * sign;
    acc[1] += go * sign;
    return 0;
}
