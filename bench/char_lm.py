#!/usr/bin/python3
"""Seqplay's reference benchmark model in PyTorch, for side-by-side speed comparisons.

The same model and training step as `java -jar target/seqplay.jar bench`: a character language
model with vocabulary 98, 2 recurrent layers of 256 units, sequence length 100, batch 32, one-hot
input, a softmax output at every step, Adam (lr 0.001), float32, full backpropagation through time,
random characters (speed does not depend on them). Prints one line per measurement:

    cell=<rnn|lstm|gru> threads=<n> chars_per_s=<number>

Run it with Debian's python3 (`apt-get install -y python3-torch libopenblas0-openmp`; without
libopenblas0-openmp Debian's PyTorch links the slow reference BLAS).
"""
import argparse
import sys
import time

import torch
import torch.nn as nn


class CharLM(nn.Module):
    def __init__(self, cell, vocab, hidden, layers):
        super().__init__()
        kinds = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}
        self.rnn = kinds[cell](vocab, hidden, num_layers=layers, batch_first=True)
        self.out = nn.Linear(hidden, vocab)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.out(y)


def measure(cell, threads, vocab, hidden, layers, length, batch, warmup, iterations):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    model = CharLM(cell, vocab, hidden, layers)
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    inputs = torch.randint(vocab, (batch, length))
    x = nn.functional.one_hot(inputs, vocab).float()
    targets = torch.randint(vocab, (batch, length))

    def step():
        optimiser.zero_grad()
        logits = model(x)
        loss = loss_fn(logits.reshape(-1, vocab), targets.reshape(-1))
        loss.backward()
        optimiser.step()

    for _ in range(warmup):
        step()
    start = time.perf_counter()
    for _ in range(iterations):
        step()
    seconds = (time.perf_counter() - start) / iterations
    return batch * length / seconds


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cell", default="rnn,lstm,gru", help="comma-separated cells: rnn, lstm, gru")
    p.add_argument("--threads", default="1", help="comma-separated thread counts")
    p.add_argument("--vocab", type=int, default=98)
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--length", type=int, default=100)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--iterations", type=int, default=10)
    a = p.parse_args()
    cells = [c.strip() for c in a.cell.split(",") if c.strip()]
    for c in cells:
        if c not in ("rnn", "lstm", "gru"):
            sys.exit(f"--cell: unknown cell '{c}': use rnn, lstm or gru")
    threads = [int(t) for t in a.threads.split(",")]
    for t in threads:
        for c in cells:
            cps = measure(c, t, a.vocab, a.hidden, a.layers, a.length, a.batch, a.warmup, a.iterations)
            print(f"cell={c} threads={t} chars_per_s={cps:.0f}", flush=True)


if __name__ == "__main__":
    main()
