// Per-element arithmetic of the training step's other ops (neuron-core's plan.CpuPlanStep): batch norm, ReLU, the
// softmax cross-entropy and the parameter update, written once for the device kernels (step.cu) and the host harness
// that holds them to the CPU plan (src/test/cuda/host_parity.cu). Float where the CPU rounds to float, double where
// it accumulates in double; compiled with --fmad=false like elements.cuh.
#pragma once

#include "elements.cuh"

// How a parameter is updated (plan.ParamSlice's updater): Nesterov momentum, plain SGD, or none (the gradient is the
// update: batch norm's running statistics).
#define ABA_RULE_NONE 0
#define ABA_RULE_SGD 1
#define ABA_RULE_NESTEROV 2

// One parameter's run of the flat vector and its rule for this step (rates already scheduled by the host).
struct AbaSlice {
    long long offset;       // first element in the flat parameter (and gradient) vector
    long long length;
    long long state_offset; // first element of its momentum in the flat updater state (Nesterov only)
    int rule;
    int divide;             // divide the gradient by the batch size first
    double lr;
    double momentum;
    double l2;              // L2 coefficient (gradient += l2 * parameter before the updater); 0: none
};

// The new value of one parameter: the gradient divided by the batch where the slice says, L2 added, then the rule;
// `v` is the element's momentum (Nesterov: v' = mu v - lr g, update mu v - (1 + mu) v'), updated in place.
ABA_HD float aba_update(float p, float g, float* v, const AbaSlice& s, float batch) {
    float grad = s.divide ? g / batch : g;
    if (s.l2 != 0) {
        grad = (float) s.l2 * p + grad;
    }
    float update;
    if (s.rule == ABA_RULE_NESTEROV) {
        float mu = (float) s.momentum;
        float previous = *v;
        float next = previous * mu - grad * (float) s.lr;
        *v = next;
        update = previous * mu - next * (float) (1 + s.momentum);
    } else if (s.rule == ABA_RULE_SGD) {
        update = grad * (float) s.lr;
    } else {
        update = grad;
    }
    return p - update;
}

// Batch norm forward with the channel's scale = gamma / sqrt(var + eps) and shift = beta - mean scale, as floats.
ABA_HD float aba_bn_forward(float x, float scale, float shift) {
    return x * scale + shift;
}

// Batch norm's input gradient from the channel's batch sums (method: the CPU kernel's, kernel.FusedBatchNorm).
ABA_HD float aba_bn_backward(float x, float dy, double mean, double inv, double scale, double mean_dy,
                             double mean_dy_xhat) {
    double xhat = ((double) x - mean) * inv;
    return (float) (scale * ((double) dy - mean_dy - xhat * mean_dy_xhat));
}

// ReLU's gradient: passes where the input was positive (NaN is not).
ABA_HD float aba_relu_backward(float z, float g) {
    return z > 0 ? g : 0.0f;
}

// One example's softmax cross-entropy over k logits: writes p (and p - y into grad), returns -sum y log clip(p).
ABA_HD double aba_softmax_xent(const float* z, const float* y, float* p, float* grad, int k, double clip) {
    double max = z[0];
    for (int j = 1; j < k; j++) {
        max = z[j] > max ? z[j] : max;
    }
    double sum = 0;
    for (int j = 0; j < k; j++) {
        sum += exp((double) z[j] - max);
    }
    double loss = 0;
    for (int j = 0; j < k; j++) {
        float pj = (float) (exp((double) z[j] - max) / sum);
        p[j] = pj;
        grad[j] = pj - y[j];
        double c = pj < clip ? clip : (pj > 1 - clip ? 1 - clip : (double) pj);
        if (y[j] != 0) {
            loss -= y[j] * log(c);
        }
    }
    return loss;
}
