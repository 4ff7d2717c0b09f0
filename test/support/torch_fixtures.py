"""Runs fixture calls on PyTorch modules written by the plugins' torch emitters.

Reads a JSON list of cases on stdin (source, construct, weight and state maps, weights, state,
inputs, cotangents, mode, step, totalSteps: set for a schedule; or, for a pure call such as the
AP mask's pruneCycle, source, function, params and inputs) and prints one JSON object: per case the outputs, the gradients
of L = sum(output * cotangent) for the inputs and weights, and the state after the call, in
Netwright's layouts. Test-only (test/support/torchFixtures.ts drives it).
"""
import json
import math
import sys
import traceback

import torch
import torch.nn.functional as F
from torch import nn


def tensor(t, dtype):
    return torch.tensor(t["data"], dtype=torch.float64).reshape(t["shape"]).to(dtype)


def plain(t, perm=None):
    t = t.detach()
    if perm:
        inverse = [0] * len(perm)
        for i, p in enumerate(perm):
            inverse[p] = i
        t = t.permute(*inverse)
    return {"shape": list(t.shape), "data": t.double().reshape(-1).tolist()}


def run_call(ns, c):
    """A pure call (not apply): the emitter's Python function for it on float64 inputs."""
    inputs = {k: torch.tensor(t["data"], dtype=torch.float64).reshape(t["shape"]) for k, t in c["inputs"].items()}
    out = ns[c["function"]](c["params"], inputs)
    return {"outputs": {k: plain(v) for k, v in out.items()}}


def run(c):
    ns = {"torch": torch, "nn": nn, "F": F, "math": math}
    exec(c["source"], ns)
    if c.get("function") is not None:
        return run_call(ns, c)
    if c["totalSteps"] is not None:
        # a schedule: construct is an expression in total_steps giving one rate per step
        ns["total_steps"] = c["totalSteps"]
        rates = [float(v) for v in eval(c["construct"], ns)]
        return {"outputs": {"lr": {"shape": [len(rates)], "data": rates}}, "state": {}}
    m = eval(c["construct"], ns)
    own = m.state_dict()
    loaded = {}
    for part, mapping in (("weights", c["weightMap"]), ("state", c["stateMap"])):
        for name, t in c[part].items():
            target, perm = mapping[name]
            v = tensor(t, own[target].dtype)
            loaded[target] = v.permute(*perm).contiguous() if perm else v
    m.load_state_dict(loaded, strict=False)
    m.train(c["mode"] == "train")
    for mod in m.modules():
        if hasattr(mod, "netwright_step"):
            mod.netwright_step = c["step"]
    inputs = {}
    for port, t in c["inputs"].items():
        if c["inputDtypes"].get(port) == "int32":
            inputs[port] = tensor(t, torch.int64)
        else:
            inputs[port] = tensor(t, torch.float32).requires_grad_(True)
    out = m(**inputs)
    if not isinstance(out, dict):
        out = {c["outputs"][0]: out}
    result = {"outputs": {p: plain(v) for p, v in out.items()}}
    if c["cotangents"]:
        loss = sum((out[p] * tensor(t, out[p].dtype)).sum() for p, t in c["cotangents"].items())
        loss.backward()
        params = dict(m.named_parameters())
        result["grads"] = {
            "inputs": {p: plain(v.grad) for p, v in inputs.items() if v.grad is not None},
            "weights": {n: plain(params[t].grad, perm) for n, (t, perm) in c["weightMap"].items() if t in params and params[t].grad is not None},
        }
    after = m.state_dict()
    result["state"] = {n: plain(after[t], perm) for n, (t, perm) in c["stateMap"].items()}
    return result


results = []
for case in json.load(sys.stdin):
    try:
        results.append(run(case))
    except Exception:
        results.append({"error": traceback.format_exc(limit=3)})
print(json.dumps(results))
