"""Support code of a Netwright PyTorch export: the seeded generator and data splits Netwright
uses (bit for bit), weight files in Netwright's format both ways, and the training loop with
DistributedDataParallel. Written by `netwright export torch`; train.py and model.py import it.
"""
import argparse
import json
import math
import os
import struct
import sys
import time

import torch
import torch.distributed as dist

_M32 = 0xFFFFFFFF


def float32(x):
    """Rounds a Python float to float32, as Netwright's Float32Array schedules do."""
    return struct.unpack("f", struct.pack("f", x))[0]


class Rng:
    """Netwright's seeded generator (mulberry32 with Box-Muller normals): same seed, same numbers."""

    def __init__(self, seed):
        self.seed = seed
        self._a = seed & _M32
        self._spare = None

    def next(self):
        self._a = (self._a + 0x6D2B79F5) & _M32
        t = self._a
        t = ((t ^ (t >> 15)) * (t | 1)) & _M32
        t = (t ^ ((t + (((t ^ (t >> 7)) * (t | 61)) & _M32)) & _M32)) & _M32
        return ((t ^ (t >> 14)) & _M32) / 4294967296.0

    def normal(self):
        if self._spare is not None:
            s, self._spare = self._spare, None
            return s
        u = 0.0
        while u == 0.0:
            u = self.next()
        v = self.next()
        r = math.sqrt(-2.0 * math.log(u))
        self._spare = r * math.sin(2.0 * math.pi * v)
        return r * math.cos(2.0 * math.pi * v)

    def int(self, n):
        return int(math.floor(self.next() * n))

    def fork(self, label):
        h = 2166136261
        units = label.encode("utf-16-le")
        for i in range(0, len(units), 2):
            h ^= units[i] | (units[i + 1] << 8)
            h = (h * 16777619) & _M32
        return Rng((h ^ ((self.seed & _M32) * 2654435761)) & _M32)


def seeded_permutation(n, seed):
    """Fisher-Yates shuffle of 0..n-1, as Netwright's data sources draw it."""
    rng = Rng(seed)
    p = list(range(n))
    for i in range(n - 1, 0, -1):
        j = rng.int(i + 1)
        p[i], p[j] = p[j], p[i]
    return p


class ArraySource:
    """A dataset held in tensors, split and batched exactly as Netwright's array sources do:
    a seeded split (stratified by a class column when given), a fresh seeded shuffle of the
    training split every epoch (a partial last batch dropped), the eval split in index order."""

    def __init__(self, columns, eval_split, seed, stratify=None):
        self.columns = columns
        count = len(next(iter(columns.values())))
        order = seeded_permutation(count, seed)
        groups = {}
        strat = columns[stratify].tolist() if stratify is not None else None
        for i in order:
            groups.setdefault(int(strat[i]) if strat is not None else 0, []).append(i)
        train, evaluation = [], []
        for key in sorted(groups):
            g = groups[key]
            n_eval = int(math.floor(len(g) * eval_split + 0.5))
            evaluation.extend(g[:n_eval])
            train.extend(g[n_eval:])
        self.train = train
        self.eval = sorted(evaluation)
        self.seed = seed
        self._perms = {}

    def _perm(self, epoch):
        if epoch not in self._perms:
            self._perms = {epoch: seeded_permutation(len(self.train), (self.seed ^ (((epoch + 1) * 0x9E3779B1) & _M32)) & _M32)}
        return self._perms[epoch]

    def train_rows(self, step, batch_size):
        """The rows of training step `step` (from 1): the trainer's batch order."""
        n = len(self.train)
        per_epoch = max(1, n // batch_size)
        epoch, index = divmod(step - 1, per_epoch)
        perm = self._perm(epoch)
        return [self.train[perm[(index * batch_size + j) % n]] for j in range(batch_size)]

    def gather(self, rows):
        idx = torch.tensor(rows, dtype=torch.long)
        return {name: col[idx] for name, col in self.columns.items()}

    def eval_all(self):
        return self.gather(self.eval if len(self.eval) > 0 else self.train)


_DATA = {"overrides": {}, "places": []}


def _set_data(pairs, places):
    """The --data NODE=PATH / NODE.PARAM=PATH pairs and the folders a dataset is looked for in."""
    overrides = {}
    for pair in pairs or []:
        key, sep, path = pair.partition("=")
        if not sep or not key or not path:
            raise SystemExit(f"--data {pair}: write --data NODE=PATH (or NODE.PARAM=PATH)")
        overrides[key] = path
    _DATA["overrides"], _DATA["places"] = overrides, places


def _sha256(path):
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def dataset_file(node, param, name, size, sha256, only_param=False):
    """The path of the data file node `node` reads through `param` (recorded as `name`, `size`
    bytes, `sha256`): --data NODE.PARAM=PATH or NODE=PATH, else `name` beside train.py, in the
    current folder, beside the exported graph or in its datasets/ folder. A file with another
    SHA-256 than the graph records is refused, naming both hashes, as `netwright train` does."""
    given = _DATA["overrides"].get(f"{node}.{param}") or (None if only_param else _DATA["overrides"].get(node))
    if given is None:
        found = [os.path.join(d, name) for d in _DATA["places"] if name and os.path.exists(os.path.join(d, name))]
        if not found:
            where = ", ".join(_DATA["places"])
            raise SystemExit(f'node "{node}": dataset "{name}" ({size} bytes, SHA-256 {sha256 or "not recorded"}) is not in {where}: pass it with --data {node}.{param}=PATH')
        given = found[0]
    if os.path.isdir(given):
        raise SystemExit(f'node "{node}": {given} is a folder; the PyTorch export reads the IDX or text file itself')
    got = _sha256(given)
    if sha256 and got != sha256:
        raise SystemExit(f'node "{node}": {given} has SHA-256 {got}, but the graph was made with "{name}" ({size} bytes, SHA-256 {sha256}): pass that file with --data {node}.{param}=PATH, or train this one with netwright train --new-data and export again')
    return given


def _to_torch(name, tensor, mapping):
    t = torch.tensor(tensor["data"], dtype=torch.float32 if tensor["dtype"] == "float32" else torch.int32)
    t = t.reshape(tensor["shape"])
    target, permute = mapping.get(name, (name.replace("/", "."), None))
    return target, (t.permute(*permute).contiguous() if permute else t)


def _read_packed(path):
    """A packed `*.weights.bin` (NWW1: uint32 header length, JSON header, 4-byte aligned data) as the JSON form."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:4] != b"NWW1" or len(raw) < 8:
        raise SystemExit(f"{path}: not a Netwright binary weight file (it does not start with NWW1)")
    (length,) = struct.unpack_from("<I", raw, 4)
    header = json.loads(raw[8 : 8 + length].decode("utf-8"))
    start = (8 + length + 3) // 4 * 4
    file = {"format": "netwright.weights", "graphHash": header.get("graphHash"), "tensors": {}, "state": {}}
    for e in header.get("entries", []):
        at = start + e["offset"]
        if at + 4 * e["length"] > len(raw):
            raise SystemExit(f"{path}: entry {e['key']} runs past the end of the file")
        code = "<%di" % e["length"] if e["dtype"] == "int32" else "<%df" % e["length"]
        data = list(struct.unpack_from(code, raw, at))
        file[e["section"]][e["key"]] = {"shape": e["shape"], "dtype": e["dtype"], "data": data}
    return file


def load_netwright_weights(model, path, weights_map, state_map):
    """Loads a `netwright.weights` JSON file or packed `.bin` (from the editor or `netwright train --save-weights`)."""
    if path.endswith(".bin"):
        file = _read_packed(path)
    else:
        with open(path, encoding="utf-8") as f:
            file = json.load(f)
    if file.get("format") != "netwright.weights":
        raise SystemExit(f"{path}: not a netwright.weights JSON file (format {file.get('format')!r})")
    own = model.state_dict()
    loaded = {}
    for part, mapping in (("tensors", weights_map), ("state", state_map)):
        for name, tensor in file.get(part, {}).items():
            target, value = _to_torch(name, tensor, mapping)
            if target not in own:
                raise SystemExit(f"{path}: {part}.{name}: the model has no {target}")
            if tuple(own[target].shape) != tuple(value.shape):
                raise SystemExit(f"{path}: {part}.{name}: shape {list(value.shape)} does not fit {target} {list(own[target].shape)}")
            loaded[target] = value.to(own[target].dtype)
    missing = [k for k in weights_map.values() if k[0] not in loaded]
    if missing:
        raise SystemExit(f"{path}: no values for {', '.join(m[0] for m in missing[:5])}")
    model.load_state_dict(loaded, strict=False)


def netwright_weights(model, weights_map, state_map, graph_hash):
    """The model's weights as a `netwright.weights` file (load it with `netwright train --load-weights`)."""
    own = model.state_dict()

    def back(mapping):
        out = {}
        for name, (target, permute) in mapping.items():
            t = own[target].detach().cpu()
            if permute:
                inverse = [0] * len(permute)
                for i, p in enumerate(permute):
                    inverse[p] = i
                t = t.permute(*inverse).contiguous()
            dtype = "int32" if t.dtype in (torch.int32, torch.int64) else "float32"
            out[name] = {"shape": list(t.shape), "dtype": dtype, "data": t.reshape(-1).tolist()}
        return out

    return {"format": "netwright.weights", "version": 1, "graphHash": graph_hash, "tensors": back(weights_map), "state": back(state_map)}


class HookContext:
    """What a module's training hooks reach, as Netwright's HookContext: the step, the other
    layers' weights (by Netwright key `node/weight`, as views in Netwright's layout, to edit in
    place), the optimiser reset, reports that go into the step's diagnostics, and a sum over
    the processes. A module opts in by defining any of netwright_before_run,
    netwright_transform_grads (after backward, before the norm and clipping),
    netwright_after_step (after the update) and netwright_after_run; each takes this context
    and runs under torch.no_grad(), in the graph's order, at the steps Netwright runs it."""

    def __init__(self, model, weights_map, optimizer, world, total_steps, device):
        self.step = 0
        self.total_steps = total_steps
        self.world = world
        self.device = device
        self.diagnostics = {}
        self._opt = optimizer
        self._map = weights_map
        self._tensors = dict(model.named_parameters())
        self._tensors.update(dict(model.named_buffers()))

    def _view(self, key, t):
        permute = self._map[key][1]
        if not permute:
            return t
        inverse = [0] * len(permute)
        for i, p in enumerate(permute):
            inverse[p] = i
        return t.permute(*inverse)

    def weight(self, key):
        """Netwright weight `node/weight` as a view of the torch parameter in Netwright's layout."""
        if key not in self._map:
            raise SystemExit(f"no weight {key} in the exported model")
        return self._view(key, self._tensors[self._map[key][0]])

    def grad(self, key):
        """The gradient of weight `node/weight` in Netwright's layout, or None."""
        g = self._tensors[self._map[key][0]].grad
        return None if g is None else self._view(key, g)

    def reset_optimizer(self):
        """Forgets the optimiser's moments (the next update is a first one again)."""
        self._opt.state.clear()

    def report(self, node, name, value):
        self.diagnostics.setdefault(node, {})[name] = value

    def all_reduce_sum(self, t):
        """`t` summed over the processes (itself in one process), on the device `t` is on."""
        return _all_reduce_sum(t, self.world, self.device)


def _hooks(model, which):
    return [getattr(m, which) for m in model.modules() if hasattr(m, which)]


def _call_hooks(hooks, ctx, step):
    ctx.step = step
    with torch.no_grad():
        for hook in hooks:
            hook(ctx)


def _emit(event):
    print(json.dumps(event, separators=(",", ":")), flush=True)


def _parse(argv):
    p = argparse.ArgumentParser(description="Train the exported Netwright graph with PyTorch.")
    p.add_argument("--steps", type=int, help="optimiser steps (default: the graph's)")
    p.add_argument("--eval-only", action="store_true", help="evaluate the loaded weights and exit")
    p.add_argument("--weights", default=None, help="netwright.weights JSON or packed .bin to start from (default: weights.json beside train.py)")
    p.add_argument("--load", help="resume from a checkpoint written by --save")
    p.add_argument("--save", help="write a checkpoint (model, optimiser, step) at the end")
    p.add_argument("--save-weights", help="write the trained weights as netwright.weights JSON (for netwright --load-weights)")
    p.add_argument("--nproc", type=int, default=1, help="spawn N processes (gloo on CPU, nccl on GPU)")
    p.add_argument("--data", action="append", metavar="NODE=PATH", help="the data file of a dataset node (NODE.PARAM=PATH for one of several); repeatable")
    return p.parse_args(argv)


def _all_reduce_sum(t, world, device):
    """`t` summed over the processes; through `device` (nccl reduces CUDA tensors only)."""
    if world == 1:
        return t
    on = t.to(device)
    dist.all_reduce(on)
    return on.to(t.device)


def _reduce_mean(values, world, device):
    return (_all_reduce_sum(torch.tensor(values, dtype=torch.float64), world, device) / world).tolist()


def _evaluate(model, sources):
    for mod in model.modules():
        if hasattr(mod, "netwright_step"):
            mod.netwright_step = 0
    model.eval()
    with torch.no_grad():
        out = model({node: s.eval_all() for node, s in sources.items()})
    metrics = {"loss": float(out["loss"])}
    metrics.update({k: float(v) for k, v in out["metrics"].items()})
    return metrics


def _worker(rank, world, spec, args):
    if world > 1:
        os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
        os.environ.setdefault("MASTER_PORT", str(spec.get("port", 29511)))
        dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo", rank=rank, world_size=world)
    device = torch.device(f"cuda:{rank % torch.cuda.device_count()}" if torch.cuda.is_available() else "cpu")
    settings = spec["settings"]
    steps = args.steps if args.steps is not None else settings["steps"]
    batch = settings["batchSize"]
    if batch % world != 0:
        raise SystemExit(f"the batch size {batch} does not split over {world} processes: use a world size that divides it")
    torch.manual_seed(settings["seed"])
    model = spec["build_model"]()
    weights_file = args.weights or os.path.join(spec["dir"], "weights.json")
    load_netwright_weights(model, weights_file, spec["weights_map"], spec["state_map"])
    model.to(device)
    log = rank == 0
    if log:
        _emit({"event": "backend", "name": f"pytorch-{device.type}", "reason": f"PyTorch {torch.__version__}, world size {world}"})
    _set_data(args.data, [spec["dir"], os.getcwd(), *spec.get("data_dirs", [])])
    sources = spec["make_sources"]()
    if args.eval_only:
        if log:
            metrics = _evaluate(model, sources)
            _emit({"event": "eval", "step": 0, "metrics": metrics})
            _emit({"event": "done", "metrics": metrics, "steps": 0, "seconds": 0, "backend": f"pytorch-{device.type}", "stopped": False})
        return
    ddp = torch.nn.parallel.DistributedDataParallel(model) if world > 1 else model
    scales = spec["lr_scales"]
    named = dict(model.named_parameters())
    no_decay = set(spec.get("no_decay", []))
    by_group = {}
    for name, p in named.items():
        by_group.setdefault((scales.get(name, 1.0), name not in no_decay), []).append(p)
    groups = [dict({"params": ps, "lr_scale": s}, **({} if decays else {"weight_decay": 0.0})) for (s, decays), ps in by_group.items()]
    opt = spec["make_optimizer"](groups)
    start_step = 0
    if args.load:
        ck = torch.load(args.load, map_location=device)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["optimizer"])
        start_step = ck["step"]
    lrs = spec["make_lrs"](steps)
    penalties = [(named[n], l1, l2) for n, (l1, l2) in spec["penalties"].items()]
    clip = settings["clipNorm"]
    per = batch // world
    hook_ctx = HookContext(model, spec["weights_map"], opt, world, steps, device)
    hooks = {w: _hooks(model, f"netwright_{w}") for w in ("before_run", "transform_grads", "after_step", "after_run")}
    if log:
        _emit({"event": "start", "totalSteps": steps, "batchSize": batch, "seed": settings["seed"], "backend": f"pytorch-{device.type}"})
    started = time.time()
    _call_hooks(hooks["before_run"], hook_ctx, 0)
    for step in range(start_step + 1, steps + 1):
        feeds = {}
        for node, s in sources.items():
            rows = s.train_rows(step, batch)[rank * per:(rank + 1) * per]
            feeds[node] = {k: v.to(device) for k, v in s.gather(rows).items()}
        for mod in model.modules():
            if hasattr(mod, "netwright_step"):
                mod.netwright_step = step  # layers whose training depends on the step (BiPer's stage 1)
        ddp.train()
        out = ddp(feeds)
        loss = out["loss"]
        total = loss
        for p, l1, l2 in penalties:
            total = total + l1 * p.abs().sum() + l2 * p.square().sum()
        opt.zero_grad()
        total.backward()
        hook_ctx.diagnostics = {}
        _call_hooks(hooks["transform_grads"], hook_ctx, step)
        grads = [p.grad for p in named.values() if p.grad is not None]
        norm = float(torch.sqrt(sum((g.double().square().sum() for g in grads), torch.zeros((), dtype=torch.float64))))
        if clip > 0 and norm > clip:
            for g in grads:
                g.mul_(clip / norm)
        lr = lrs[step - 1]
        for g in opt.param_groups:
            g["lr"] = lr * g["lr_scale"]
        opt.step()
        _call_hooks(hooks["after_step"], hook_ctx, step)
        names = list(out["metrics"])
        reduced = _reduce_mean([float(loss)] + [float(out["metrics"][k]) for k in names], world, device)
        if log:
            elapsed = max(time.time() - started, 1e-3)
            rate = (step - start_step) / elapsed
            _emit({"event": "step", "step": step, "totalSteps": steps, "loss": reduced[0], "metrics": dict(zip(names, reduced[1:])),
                   "lr": lr, "gradNorm": norm, "stepsPerSecond": rate, "etaSeconds": (steps - step) / rate, "diagnostics": hook_ctx.diagnostics})
        every = settings["evalEvery"]
        if every > 0 and step % every == 0 and step < steps and log:
            _emit({"event": "eval", "step": step, "metrics": _evaluate(model, sources)})
    _call_hooks(hooks["after_run"], hook_ctx, steps)
    if log:
        metrics = _evaluate(model, sources)
        _emit({"event": "eval", "step": steps, "metrics": metrics})
        _emit({"event": "done", "metrics": metrics, "steps": steps, "seconds": time.time() - started, "backend": f"pytorch-{device.type}", "stopped": False})
        if args.save:
            torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "step": steps}, args.save)
        if args.save_weights:
            with open(args.save_weights, "w", encoding="utf-8") as f:
                json.dump(netwright_weights(model, spec["weights_map"], spec["state_map"], spec["graph_hash"]), f)
    if world > 1:
        dist.barrier()
        dist.destroy_process_group()


def _spawned(rank, world, spec, args):
    _worker(rank, world, spec, args)


def main(spec, argv=None):
    """Runs train.py: single process, under torchrun (RANK/WORLD_SIZE) or with --nproc N."""
    args = _parse(sys.argv[1:] if argv is None else argv)
    if "WORLD_SIZE" in os.environ and "RANK" in os.environ:
        _worker(int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"]), spec, args)
    elif args.nproc > 1:
        import torch.multiprocessing as mp

        mp.spawn(_spawned, args=(args.nproc, spec, args), nprocs=args.nproc, join=True)
    else:
        _worker(0, 1, spec, args)
