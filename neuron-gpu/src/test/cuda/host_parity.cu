// Runs the kernels' per-element functions (kernels/elements.cuh) on the host over one case read from a text file and
// prints what the kernels compute: outputs, nonzero counts and the raw gradient sums. Built with nvcc and driven by
// HostParityTest, which holds it to neuron-core's CPU kernels; needs no GPU. Sums run in element order, as the CPU
// kernels' do within one chunk.
//   host_parity <case file>
// Case file: "neuron <form: tf|ev> <t> <signed 0|1> <floor 0|1> <decay>", t steps, t bits, "<n>", the input
// (n values time-free, n*t time-major for ev) and the upstream gradient (same count); or
// "weight <step> <bits> <n>", n weights, n upstream gradients.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vector>
#include "elements.cuh"

static double next(FILE* f) {
    double v;
    if (fscanf(f, "%lf", &v) != 1) {
        fprintf(stderr, "host_parity: malformed case file\n");
        exit(2);
    }
    return v;
}

static void print(const char* name, const std::vector<double>& v) {
    printf("%s", name);
    for (double d : v) {
        printf(" %.17g", d);
    }
    printf("\n");
}

int main(int argc, char** argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: host_parity <case file>\n");
        return 2;
    }
    FILE* f = fopen(argv[1], "r");
    if (f == 0) {
        perror(argv[1]);
        return 2;
    }
    char kind[16];
    if (fscanf(f, "%15s", kind) != 1) {
        return 2;
    }
    if (strcmp(kind, "weight") == 0) {
        double step = next(f);
        int bits = (int) next(f);
        long long n = (long long) next(f);
        std::vector<double> w(n), go(n), out(n), gw(n), acc(2, 0.0);
        for (auto& v : w) v = next(f);
        for (auto& v : go) v = next(f);
        int qmax = aba_qmax(bits, true);
        for (long long i = 0; i < n; i++) {
            out[i] = aba_weight_forward(w[i], step, bits, qmax);
            gw[i] = aba_weight_backward(w[i], go[i], step, bits, qmax, acc.data());
        }
        print("out", out);
        print("grad", gw);
        print("sums", acc);
        return 0;
    }
    char form[8];
    if (fscanf(f, "%7s", form) != 1) {
        return 2;
    }
    AbaNeuron n;
    n.t = (int) next(f);
    n.is_signed = next(f) != 0;
    n.floor_firing = next(f) != 0;
    n.decay = next(f);
    for (int s = 0; s < n.t; s++) {
        n.step[s] = next(f);
        n.inv[s] = 1.0 / n.step[s];
    }
    for (int s = 0; s < n.t; s++) {
        n.bits[s] = (int) next(f);
        n.qmax[s] = aba_qmax(n.bits[s], n.is_signed);
    }
    long long per = (long long) next(f);
    bool event = strcmp(form, "ev") == 0;
    long long len = event ? per * n.t : per;
    std::vector<double> x(len), go(len), out(len), gx(len);
    for (auto& v : x) v = next(f);
    for (auto& v : go) v = next(f);
    std::vector<unsigned> nz(n.t, 0);
    std::vector<double> acc(2 * n.t + 1, 0.0);
    if (event) {
        for (long long i = 0; i < per; i++) {
            aba_event_forward(n, x.data(), out.data(), per, i, nz.data());
        }
        for (long long i = 0; i < per; i++) {
            aba_event_backward(n, x.data(), go.data(), gx.data(), per, i, acc.data());
        }
        acc.resize(2 * n.t);
    } else {
        for (long long i = 0; i < per; i++) {
            out[i] = aba_time_free_forward(n, x[i], nz.data());
            gx[i] = aba_time_free_backward(n, x[i], go[i], acc.data());
        }
    }
    print("out", out);
    print("nonzero", std::vector<double>(nz.begin(), nz.end()));
    print("grad", gx);
    print("sums", acc);
    return 0;
}
