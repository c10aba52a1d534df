#!/usr/bin/env python3
"""Fits the rational tanh of FastActivations (engine/layers): tanh(x) ~ x P(s) / Q(s), s = x^2,
P and Q of degree 4 in s, Q(0) = 1, on [0, 9] (the function clamps x to [-9, 9]).

Minimises the largest relative error on a dense grid by iterated linear programming: with Q from
the previous round fixed in the weights, |x P - tanh(x) Q| / (tanh(x) Q_prev) <= e is linear in the
coefficients and e. Needs numpy, scipy and mpmath (reference values). Prints the coefficients in
powers of s, as the Java code uses them, and the largest relative error on the grid.
"""
import mpmath
import numpy as np
from scipy.optimize import linprog

CLAMP, DEG_P, DEG_Q = 9.0, 4, 4
mpmath.mp.dps = 30
x = np.unique(np.concatenate([np.linspace(1e-6, CLAMP, 6000), np.geomspace(1e-6, 1, 1000)]))
t = np.array([float(mpmath.tanh(mpmath.mpf(v))) for v in x])
u = (x / CLAMP) ** 2  # scaled variable keeps the linear programme well conditioned
vp = np.vstack([x * u ** k for k in range(DEG_P + 1)]).T
vq = np.vstack([u ** k for k in range(1, DEG_Q + 1)]).T
q_prev = np.ones_like(x)
best = None
for _ in range(60):
    w = np.abs(t) * q_prev
    upper = np.hstack([vp / w[:, None], -(t[:, None] * vq) / w[:, None], -np.ones((len(x), 1))])
    lower = np.hstack([-vp / w[:, None], (t[:, None] * vq) / w[:, None], -np.ones((len(x), 1))])
    cost = np.zeros(DEG_P + DEG_Q + 2)
    cost[-1] = 1
    res = linprog(cost, A_ub=np.vstack([upper, lower]), b_ub=np.concatenate([t / w, -t / w]),
                  bounds=[(None, None)] * (DEG_P + 1 + DEG_Q) + [(0, None)], method="highs",
                  options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10})
    p, q = res.x[:DEG_P + 1], res.x[DEG_P + 1:-1]
    q_prev = 1 + vq @ q
    err = np.max(np.abs((vp @ p) / q_prev - t) / np.abs(t))
    if best is None or err < best[0]:
        best = (err, p.copy(), q.copy())
err, p, q = best
print("P", [float(c / CLAMP ** (2 * k)) for k, c in enumerate(p)])
print("Q", [1.0] + [float(c / CLAMP ** (2 * (k + 1))) for k, c in enumerate(q)])
print(f"largest relative error on the grid: {err:.3e}")
