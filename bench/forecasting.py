#!/usr/bin/python3
"""Seqplay's default forecasting model in PyTorch, for side-by-side speed comparisons.

The same model and epoch as `java -jar target/seqplay.jar bench --task forecasting`, on the same
file (`bench --task forecasting --data-out FILE` writes it: a wide CSV, a header naming the series,
one row per time step). The defaults below are the values Seqplay proposes for that file.

Data, per series, as Seqplay cuts and scales it: the last 20% of the values are the test tail, the
10% before them the validation part (each at least one horizon); logarithms when every value is
positive, standardised with the mean and population standard deviation of the training part. A
window of `window` values ending just before an origin has two channels per step: the value
relative to the window's last one, and its change over one season (0 where the series does not
reach back that far). Its targets are the next `horizon` values relative to a reference forecast:
here the seasonal-naive one; Seqplay uses a Holt-Winters model fitted once on the training part
(falling back to seasonal naive), which changes the targets' values but not the work per epoch.
Training windows: every origin whose targets lie in the training part; validation windows: those
whose targets lie in the validation part; the intervals' latest windows: the validation windows,
topped up with the latest training windows to 24; test origins: one horizon apart from the start
of the test tail. One model learns from the windows of every series together.

Network: a one-layer LSTM (64 units) over the window, its last step into a linear output of
`horizon` values initialised to zero, mean squared error, Adam 0.005, global-norm clipping at 5,
batch 64, float32, training windows reshuffled every epoch. PyTorch's own initialisation of the
LSTM (speed does not depend on it).

An epoch is training on every training window, then the evaluation Seqplay's trainer does after
every epoch: the network over every validation window (the validation loss, and part of the latest
windows), over a random sample of at most 4,096 training windows and the latest training windows
(prediction interval half-widths: per-step 80% quantiles of the absolute training errors, scaled by
the latest windows' quantile), then each series' test tail forecast, mapped back to its units and
scored (MAE, RMSE, sMAPE, MASE, interval coverage; the mean over the series). Prints one line per epoch after the first:

    task=forecasting threads=<n> epoch=<e> s_per_epoch=<s> train_s=<s> eval_s=<s> cpu_s=<s>

Run it with Debian's python3 (`apt-get install -y python3-torch libopenblas0-openmp`).
"""
import argparse
import csv
import math
import time

import torch
import torch.nn as nn

TEST_FRACTION, VALIDATION_FRACTION = 0.2, 0.1
RECENT_WINDOWS = 24
LEVEL = 0.8
EVAL_BATCH = 512
SHAPE_WINDOWS = 4096  # most training windows that shape the intervals (Seqplay's Intervals.SHAPE_WINDOWS)


def read_series(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if len(rows) < 2:
        raise SystemExit(f"{path}: expected a header naming the series and one row per time step")
    names, columns = rows[0], [[] for _ in rows[0]]
    for number, row in enumerate(rows[1:], 2):
        if len(row) != len(names):
            raise SystemExit(f"{path}, line {number}: {len(row)} fields, the header has {len(names)}")
        for i, cell in enumerate(row):
            try:
                columns[i].append(float(cell))
            except ValueError:
                raise SystemExit(f"{path}, line {number}, column {names[i]}: '{cell}' is not a number")
    return names, columns


def split(length, horizon):
    """(trainEnd, validationEnd) as Seqplay's ChronologicalSplit (Java rounds halves up)."""
    test = max(horizon, math.floor(length * TEST_FRACTION + 0.5))
    validation = max(horizon, math.floor(length * VALIDATION_FRACTION + 0.5))
    return length - test - validation, length - test


class Series:
    """One series' split, transformation and windows."""

    def __init__(self, values, window, horizon, period):
        self.values, self.window, self.horizon, self.period = values, window, horizon, period
        self.train_end, self.validation_end = split(len(values), horizon)
        self.log = all(v > 0 for v in values)
        fit = [math.log(v) if self.log else v for v in values[:self.train_end]]
        self.mean = sum(fit) / len(fit)
        std = math.sqrt(sum((v - self.mean) ** 2 for v in fit) / len(fit))
        self.std = std if std > 1e-12 * max(1.0, abs(self.mean)) else 1.0
        self.z = torch.tensor([self.unit(v) for v in values], dtype=torch.float64)
        # the in-sample seasonal-naive error of the training part: MASE's denominator
        training = values[:self.train_end]
        self.scale = sum(abs(training[t] - training[t - period]) for t in range(period, len(training))) / (
            len(training) - period)
        history = max(window, period)
        last_training = self.train_end - horizon
        self.training = list(range(history, last_training + 1))
        first_validation = max(history, self.train_end)
        self.validation = list(range(first_validation, self.validation_end - horizon + 1))
        more = max(0, RECENT_WINDOWS - len(self.validation))
        # the training windows among the latest ones; the rest are the validation windows
        self.recent_training = list(range(max(history, last_training - more + 1), last_training + 1))
        self.recent = self.recent_training + self.validation
        self.test = [self.validation_end + i * horizon for i in range((len(values) - self.validation_end) // horizon)]

    def unit(self, value):
        return ((math.log(value) if self.log else value) - self.mean) / self.std

    def reference(self, origins):
        """The seasonal-naive forecast from each origin, in model units: [origins, horizon]."""
        steps = torch.arange(self.horizon)
        at = torch.tensor(origins)[:, None] - self.period + steps[None, :] % self.period
        return self.z[at]

    def examples(self, origins):
        """Inputs [origins, window, 2] and targets [origins, horizon], float32."""
        o = torch.tensor(origins)
        at = o[:, None] - self.window + torch.arange(self.window)[None, :]
        z = self.z[at]
        seasonal = torch.where(at - self.period >= 0, z - self.z[(at - self.period).clamp(min=0)],
                               torch.zeros_like(z))
        features = torch.stack([z - self.z[o - 1][:, None], seasonal], dim=2)
        targets = self.z[o[:, None] + torch.arange(self.horizon)[None, :]] - self.reference(origins)
        return features.float(), targets.float()

    def values_of(self, units):
        v = units * self.std + self.mean
        return torch.exp(v) if self.log else v


class Forecaster(nn.Module):
    def __init__(self, horizon, hidden):
        super().__init__()
        self.lstm = nn.LSTM(2, hidden, batch_first=True)
        self.out = nn.Linear(hidden, horizon)
        # as Seqplay's: a zero output layer forecasts exactly the reference until training moves it
        nn.init.zeros_(self.out.weight)
        nn.init.zeros_(self.out.bias)

    def forward(self, x):
        h, _ = self.lstm(x)
        return self.out(h[:, -1, :])


@torch.no_grad()
def predict(model, features):
    return torch.cat([model(features[i:i + EVAL_BATCH]) for i in range(0, len(features), EVAL_BATCH)])


def quantile(values, q):
    return torch.quantile(values.double(), q, dim=0)


def tail_scores(model, series, half_widths):
    """Each series' test tail forecast and scored in its own units; the mean over the series."""
    totals = {"mae": 0.0, "rmse": 0.0, "smape": 0.0, "mase": 0.0, "coverage": 0.0}
    for s in series:
        if not s.test:
            continue
        features, _ = s.examples(s.test)
        centre = predict(model, features).double() + s.reference(s.test)
        forecast, lower, upper = s.values_of(centre), s.values_of(centre - half_widths), s.values_of(centre + half_widths)
        actual = s.values_of(s.z[torch.tensor(s.test)[:, None] + torch.arange(s.horizon)[None, :]])
        error = forecast - actual
        totals["mae"] += float(error.abs().mean())
        totals["rmse"] += float(error.pow(2).mean().sqrt())
        totals["smape"] += float((2 * error.abs() / (forecast.abs() + actual.abs())).mean())
        totals["mase"] += float(error.abs().mean()) / s.scale
        totals["coverage"] += float(((actual >= lower) & (actual <= upper)).double().mean())
    return {k: v / len(series) for k, v in totals.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="file written by bench --task forecasting --data-out")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--window", type=int, default=48)
    parser.add_argument("--horizon", type=int, default=12)
    parser.add_argument("--period", type=int, default=24)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=0.005)
    parser.add_argument("--clip", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    _, columns = read_series(args.data)
    series = [Series(values, args.window, args.horizon, args.period) for values in columns]
    parts = {}
    for part in ("training", "validation", "recent_training"):
        examples = [s.examples(getattr(s, part)) for s in series if getattr(s, part)]
        parts[part] = (torch.cat([f for f, _ in examples]), torch.cat([t for _, t in examples])) if examples else (
            torch.empty(0, args.window, 2), torch.empty(0, args.horizon))
    train_x, train_y = parts["training"]
    model = Forecaster(args.horizon, args.hidden)
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = nn.MSELoss()
    shuffle = torch.Generator().manual_seed(args.seed)
    print(f"# {len(series)} series, {len(train_x)} training windows, {len(parts['validation'][0])} validation "
          f"windows, {sum(len(s.test) for s in series)} test forecasts", flush=True)
    for epoch in range(1, args.epochs + 1):
        wall0, cpu0 = time.perf_counter(), time.process_time()
        model.train()
        order = torch.randperm(len(train_x), generator=shuffle)
        for start in range(0, len(order), args.batch):
            rows = order[start:start + args.batch]
            optimiser.zero_grad()
            loss = loss_fn(model(train_x[rows]), train_y[rows])
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), args.clip)
            optimiser.step()
        wall1 = time.perf_counter()
        model.eval()
        # a random sample of at most SHAPE_WINDOWS training windows, as Seqplay
        n = len(train_x)
        sample = torch.randperm(n, generator=torch.Generator().manual_seed(n))[:SHAPE_WINDOWS].sort().values
        training_errors = (predict(model, train_x[sample]) - train_y[sample]).abs()
        # the validation windows' errors serve the intervals and the validation loss, as in Seqplay
        val_x, val_y = parts["validation"]
        val_errors = predict(model, val_x) - val_y
        recent_x, recent_y = parts["recent_training"]
        recent_errors = val_errors.abs() if len(recent_x) == 0 else torch.cat(
            [(predict(model, recent_x) - recent_y).abs(), val_errors.abs()])
        half_widths = quantile(training_errors, LEVEL)
        overall, latest = quantile(training_errors.reshape(-1), LEVEL), quantile(recent_errors.reshape(-1), LEVEL)
        if overall > 0 and latest > 0:
            half_widths = half_widths * (latest / overall)
        scores = tail_scores(model, series, half_widths)
        val_loss = float(val_errors.pow(2).mean())
        wall2, cpu2 = time.perf_counter(), time.process_time()
        if epoch > 1 or args.epochs == 1:
            print(f"task=forecasting threads={args.threads} epoch={epoch} s_per_epoch={wall2 - wall0:.2f} "
                  f"train_s={wall1 - wall0:.2f} eval_s={wall2 - wall1:.2f} cpu_s={cpu2 - cpu0:.2f}", flush=True)
        print(f"# epoch {epoch}: validation loss {val_loss:.4f}, test MASE {scores['mase']:.3f}, "
              f"coverage {scores['coverage']:.2f}", flush=True)


if __name__ == "__main__":
    main()
