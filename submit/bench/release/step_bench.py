"""Times training steps of the authors' PyTorch release on the CPU, the same step submit/bench/bench.sh times.

ResNet-20 at --width (the release hard-codes 128; the width is substituted into its source when loaded, nothing of it
is copied here), 3x32x32 random images, batch 64, init W/S/T 4/4/2 with bits and T learnable, the release's bit loss
towards 2/2/1 at penalties 0.04/0.04/0.01, per-layer weight and spike quantizers with positive spikes (the flags
its autoRun_q.py passes), SGD with momentum; torch threads = --threads. Prints images/s last.
On a GPU (--device cuda) the model and batch live on the device, the release's own cuDNN settings apply (no benchmark
search, deterministic algorithms: its seeding helper sets both), TF32 is on or off for matrix products and
convolutions as --tf32 says (match the project's bench), and the timer waits for the device.
Usage: python3 step_bench.py RELEASE_DIR [--width 16] [--batch 64] [--warmup 5] [--steps 20] [--threads 2]
                             [--device cpu|cuda] [--tf32 off|on]
"""
import argparse
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import time
import types


class _Placeholder:
    """Stands for a class of a package the timed step never uses (the release imports them at module level)."""

    def __init__(self, *args, **kwargs):
        raise RuntimeError("a placeholder of a package that is not installed was used")


class _StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Makes the listed packages importable as empty modules whose every attribute is a placeholder."""

    def __init__(self, roots):
        self.roots = roots

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in self.roots:
            return importlib.machinery.ModuleSpec(name, self, is_package=True)
        return None

    def create_module(self, spec):
        module = types.ModuleType(spec.name)
        module.__path__ = []
        module.__getattr__ = lambda attr: _Placeholder
        return module

    def exec_module(self, module):
        pass


def load_release(root, width):
    sys.path.insert(0, root)
    missing = [m for m in ("DCLS", "spikingjelly", "IPython") if importlib.util.find_spec(m) is None]
    sys.meta_path.append(_StubFinder(set(missing)))
    importlib.import_module("models.quantization")
    path = root + "/models/resnet_q.py"
    with open(path) as f:
        src = f.read().replace("inplanes = 128", "inplanes = %d" % width)
    module = types.ModuleType("models.resnet_q")
    module.__file__ = path
    module.__package__ = "models"
    sys.modules["models.resnet_q"] = module
    exec(compile(src, path, "exec"), module.__dict__)
    spike_model = importlib.import_module("models.spike_model_q")
    return module, spike_model


def main():
    p = argparse.ArgumentParser()
    p.add_argument("release")
    p.add_argument("--width", type=int, default=16)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    p.add_argument("--tf32", choices=["off", "on"], default="off")
    a = p.parse_args()
    import torch
    torch.set_num_threads(a.threads)
    device = torch.device(a.device)
    if a.device == "cuda":
        if not torch.cuda.is_available():
            sys.exit("step_bench.py: --device cuda, but torch sees no GPU")
        torch.backends.cudnn.benchmark = False
        torch.backends.cudnn.deterministic = True
        torch.backends.cuda.matmul.allow_tf32 = a.tf32 == "on"
        torch.backends.cudnn.allow_tf32 = a.tf32 == "on"

    def sync():
        if a.device == "cuda":
            torch.cuda.synchronize()

    torch.manual_seed(42)
    resnet_q, spike_model = load_release(a.release, a.width)
    net = resnet_q.resnet20_cifar_q(num_classes=10)
    model = spike_model.SpikeModel_q(net, 2, learn_spike_bit=True, learn_weight_bit=True, learn_time_step=True,
                                     init_spike_bit=4, init_weight_bit=4, weight_per_layer=True,
                                     spike_per_layer=True, spike_all_positive=True, decay=1.0, learn_decay=False)
    model.set_spike_state(True)
    model.to(device)
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
    criterion = torch.nn.CrossEntropyLoss()
    x = torch.randn(a.batch, 3, 32, 32).to(device)
    y = (torch.arange(a.batch) % 10).to(device)

    def step():
        optimizer.zero_grad()
        out = model(x, is_drop=False)
        wb, sb, tb = model.get_bit_loss(target_weight_bit=2, target_spike_bit=2, target_spike_step=1,
                                        weight_bit_penalty=0.04, spike_bit_penalty=0.04, spike_step_penalty=0.01)
        loss = criterion(out, y) + wb + sb + tb
        loss.backward()
        optimizer.step()

    for _ in range(a.warmup):
        step()
    sync()
    start = time.perf_counter()
    for _ in range(a.steps):
        step()
    sync()
    seconds = time.perf_counter() - start
    where = ("%d threads" % torch.get_num_threads()) if a.device == "cpu" else (
        "%s, TF32 %s" % (torch.cuda.get_device_name(0), a.tf32))
    print("release: ResNet-20 width %d, batch %d, %d steps after %d warm-up, %.3f s per step, torch %s, %s"
          % (a.width, a.batch, a.steps, a.warmup, seconds / a.steps, torch.__version__, where))
    print("images/s: %.1f" % (a.steps * a.batch / seconds))


if __name__ == "__main__":
    main()
