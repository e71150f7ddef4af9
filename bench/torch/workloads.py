"""PyTorch CPU twins of bench/src/workloads.ts: same shapes, losses and optimizer (Adam, lr 1e-3).

Usage: python3 torch/workloads.py WORKLOAD THREADS [SECONDS]
Prints one JSON line: {"workload", "engine", "threads", "steps", "ms_per_step", "samples_per_s", "peak_rss_mb"}.
"""
import json
import math
import resource
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def labels(batch, classes):
    return torch.randint(0, classes, (batch,))


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 6, 5, padding=2)
        self.c2 = nn.Conv2d(6, 16, 5)
        self.f1 = nn.Linear(16 * 5 * 5, 120)
        self.f2 = nn.Linear(120, 84)
        self.f3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.c1(x)), 2)
        x = F.max_pool2d(F.relu(self.c2(x)), 2)
        x = torch.flatten(x, 1)
        return self.f3(F.relu(self.f2(F.relu(self.f1(x)))))


class LastStepLSTM(nn.Module):
    def __init__(self, embed=None, inp=64, hidden=128, out=64, cell=nn.LSTM):
        super().__init__()
        self.embed = embed
        self.lstm = cell(inp, hidden, batch_first=True)
        self.head = nn.Linear(hidden, out)

    def forward(self, x):
        if self.embed is not None:
            x = self.embed(x)
        y, _ = self.lstm(x)
        return self.head(y[:, -1])


class Encoder(nn.Module):
    """Post-LN encoder layer written out like the tfjs version: MHA, add & norm, FFN, add & norm."""

    def __init__(self, d=64, heads=4, ffn=128, classes=10):
        super().__init__()
        self.h, self.dk = heads, d // heads
        self.q, self.k, self.v, self.o = (nn.Linear(d, d) for _ in range(4))
        self.n1, self.n2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.w1, self.w2 = nn.Linear(d, ffn), nn.Linear(ffn, d)
        self.head = nn.Linear(d, classes)

    def forward(self, x):
        b, s, d = x.shape
        split = lambda t: t.view(b, s, self.h, self.dk).transpose(1, 2)
        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(self.dk), dim=-1)
        ctx = (att @ v).transpose(1, 2).reshape(b, s, d)
        h1 = self.n1(x + self.o(ctx))
        h2 = self.n2(h1 + self.w2(F.relu(self.w1(h1))))
        return self.head(h2.mean(1))


class BasicBlock(nn.Module):
    """ResNet-18's block: two 3x3 convolutions without bias, batch norm (Keras's eps 1e-3), a skip."""

    def __init__(self, c_in, c, stride):
        super().__init__()
        self.c1, self.b1 = nn.Conv2d(c_in, c, 3, stride, 1, bias=False), nn.BatchNorm2d(c, eps=1e-3)
        self.c2, self.b2 = nn.Conv2d(c, c, 3, 1, 1, bias=False), nn.BatchNorm2d(c, eps=1e-3)
        self.short = None
        if stride != 1 or c_in != c:
            self.short = nn.Sequential(nn.Conv2d(c_in, c, 1, stride, bias=False), nn.BatchNorm2d(c, eps=1e-3))

    def forward(self, x):
        a = self.b2(self.c2(F.relu(self.b1(self.c1(x)))))
        return F.relu(a + (x if self.short is None else self.short(x)))


def resnet18(classes=10):
    """@dlkit/cnn's resNet18 for 32x32 images: 3x3 stem, no max-pool, stages 64-512, 11,173,962 parameters."""
    layers = [nn.Conv2d(3, 64, 3, 1, 1, bias=False), nn.BatchNorm2d(64, eps=1e-3), nn.ReLU()]
    c = 64
    for i, width in enumerate([64, 128, 256, 512]):
        for b in range(2):
            layers.append(BasicBlock(c, width, 2 if b == 0 and i > 0 else 1))
            c = width
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(512, classes)]
    return nn.Sequential(*layers)


# The optimizers of the mlp-<optimizer> rows, as in bench/src/workloads.ts.
OPTIMIZERS = {
    "adam": lambda ps: torch.optim.Adam(ps, lr=1e-3),
    "momentum": lambda ps: torch.optim.SGD(ps, lr=0.01, momentum=0.9),
    "rmsprop": lambda ps: torch.optim.RMSprop(ps, lr=1e-3, alpha=0.9, eps=1e-7),
    "adamw": lambda ps: torch.optim.AdamW(ps, lr=1e-3, weight_decay=0.01),
}


def workload(name):
    if name == "mlp" or name.startswith("mlp-"):
        m = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 10))
        return m, torch.randn(128, 784), labels(128, 10), 128
    if name == "lenet5":
        return LeNet5(), torch.randn(64, 1, 28, 28), labels(64, 10), 64
    if name == "charlstm":
        x = F.one_hot(torch.randint(0, 64, (32, 40)), 64).float()
        return LastStepLSTM(), x, labels(32, 64), 32
    if name == "embedlstm":
        return LastStepLSTM(nn.Embedding(64, 32), inp=32), torch.randint(0, 64, (32, 40)), labels(32, 64), 32
    if name == "gru":
        model = LastStepLSTM(nn.Embedding(64, 32), inp=32, cell=nn.GRU)
        return model, torch.randint(0, 64, (32, 40)), labels(32, 64), 32
    if name == "transformer":
        return Encoder(), torch.randn(32, 32, 64), labels(32, 10), 32
    if name == "resnet18":
        model = resnet18()
        assert sum(p.numel() for p in model.parameters()) == 11173962
        # Batch 8, as bench/src/workloads.ts (tfjs `cpu` cannot take a step of 32 in one run).
        return model, torch.randn(8, 3, 32, 32), labels(8, 10), 8
    raise SystemExit(f"unknown workload {name}")


def main():
    name, threads = sys.argv[1], int(sys.argv[2])
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 3.0
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model, x, y, batch = workload(name)
    optimizer = name.split("-", 1)[1] if name.startswith("mlp-") else "adam"
    opt = OPTIMIZERS[optimizer](model.parameters())

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    for _ in range(5):
        step()
    steps, start, cpu0 = 0, time.perf_counter(), time.process_time()
    while True:
        step()
        steps += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds and steps >= 5:
            break
    ms = elapsed / steps * 1000
    cpu_ms = (time.process_time() - cpu0) / steps * 1000
    print(json.dumps({
        "workload": name, "engine": f"torch-{threads}t", "threads": threads, "steps": steps,
        "ms_per_step": round(ms, 3), "samples_per_s": round(batch / ms * 1000, 1),
        "cpu_ms_per_step": round(cpu_ms, 3), "samples_per_cpu_s": round(batch / cpu_ms * 1000, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "torch": torch.__version__,
    }))


if __name__ == "__main__":
    main()
