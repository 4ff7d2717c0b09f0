import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** The Python of the emitter: IDX parsing (idx.ts), pixels (pixels.ts: bilinear resize, grey, normalise) and the checks of lower.ts. */
const IMAGE_DATASET_PY = `import struct

from netwright_torch import dataset_file


def _idx(node, path, ranks):
    """An IDX file of unsigned bytes (idx.ts): its dims and its data as a uint8 tensor."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:4] == b"NWIM":
        raise SystemExit(f'node "{node}": "{path}" is a folder of PNG/JPEG images; the PyTorch export reads IDX files only')
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise SystemExit(f'node "{node}": "{path}" is not an IDX file of unsigned bytes')
    rank = raw[3]
    dims = list(struct.unpack_from(">%dI" % rank, raw, 4))
    offset = 4 + 4 * rank
    if rank not in ranks or len(raw) - offset != math.prod(dims):
        raise SystemExit(f'node "{node}": "{path}": IDX dims {dims} do not fit its {len(raw) - offset} bytes of data or are not rank {ranks}')
    return dims, torch.frombuffer(bytearray(raw[offset:]), dtype=torch.uint8)


def _resized(px, height, width):
    """Bilinear resize in float64, as pixels.ts computes it (half-pixel centres, edges clamped)."""
    n, h, w, c = px.shape
    sy = ((torch.arange(height, dtype=torch.float64) + 0.5) * h / height - 0.5).clamp(0, h - 1)
    sx = ((torch.arange(width, dtype=torch.float64) + 0.5) * w / width - 0.5).clamp(0, w - 1)
    y0, x0 = sy.floor().long(), sx.floor().long()
    y1, x1 = (y0 + 1).clamp(max=h - 1), (x0 + 1).clamp(max=w - 1)
    fy, fx = (sy - y0)[None, :, None, None], (sx - x0)[None, None, :, None]
    top = px[:, y0][:, :, x0] * (1 - fx) + px[:, y0][:, :, x1] * fx
    bottom = px[:, y1][:, :, x0] * (1 - fx) + px[:, y1][:, :, x1] * fx
    return top * (1 - fy) + bottom * fy


def image_examples(px, height, width, channels, normalise):
    """Examples [n, height, width, 1 or 3] as float32 from uint8 pixels [n, h, w, c] (pixels.ts)."""
    v = px.to(torch.float64)
    if v.shape[1] != height or v.shape[2] != width:
        v = _resized(v, height, width)
    if channels == "rgb":
        out = (v if v.shape[3] == 3 else v[..., :1].expand(-1, -1, -1, 3)) / 255
    elif v.shape[3] == 3:
        out = ((0.299 * v[..., 0] + 0.587 * v[..., 1]) + 0.114 * v[..., 2])[..., None] / 255
    else:
        out = v / 255
    out = out.to(torch.float32)
    if normalise == "standard":
        flat = out.reshape(-1).double()
        mean = float(torch.cumsum(flat, 0)[-1]) / flat.numel()  # a running sum, as the JavaScript loop adds
        variance = float(torch.cumsum((flat - mean) ** 2, 0)[-1])
        std = math.sqrt(variance / flat.numel()) or 1.0
        out = ((flat - mean) / std).to(torch.float32).reshape(out.shape)
    return out


def image_dataset(node, images, images_size, images_sha256, labels, labels_size, labels_sha256, height, width, resize, channels, normalise, classes, eval_split, seed):
    """Netwright "image-dataset" from IDX files: the same examples, labels and stratified seeded split."""
    dims, px = _idx(node, dataset_file(node, "images", images, images_size, images_sha256), (3, 4))
    count, h, w = dims[0], dims[1], dims[2]
    c = dims[3] if len(dims) == 4 else 1
    if c not in (1, 3) or count == 0:
        raise SystemExit(f'node "{node}": "{images}" holds {count} images of {c} channels; only 1 or 3 channels')
    _, y = _idx(node, dataset_file(node, "labels", labels, labels_size, labels_sha256, only_param=True), (1,))
    if len(y) != count:
        raise SystemExit(f'node "{node}": "{images}" has {count} images but "{labels}" has {len(y)} labels')
    y = y.to(torch.int32)
    if int(y.max()) >= classes:
        raise SystemExit(f'node "{node}": a label of "{labels}" is not below "classes" ({classes})')
    if not resize and (h != height or w != width):
        raise SystemExit(f'node "{node}": "{images}" holds {w}x{h} images, not {width}x{height}: turn "resize" on')
    x = image_examples(px.reshape(count, h, w, c), height, width, channels, normalise)
    return ArraySource({"x": x, "y": y}, eval_split=eval_split, seed=seed, stratify="y")
`;

/**
 * PyTorch emitter of `image-dataset`, IDX source: train.py reads the images and labels files the
 * graph names (found as the CLI's `--data` finds them, each SHA-256 checked; `--data
 * NODE.images=PATH`, `--data NODE.labels=PATH`), decodes, resizes and normalises them as
 * `pixels.ts` does and splits them as the lowering does (seeded, stratified `ArraySource`). A
 * folder of PNG/JPEG images (no labels file) is refused naming the node: decoding JPEG needs an
 * image library the export does not assume.
 */
export const imageDatasetTorch: TorchEmitter = {
  source: IMAGE_DATASET_PY,
  construct: ({ node, params, py }) => {
    if (params.labels === '' && params.labelsSha256 === '')
      throw new Error(
        `the images are a folder of PNG/JPEG images ("${String(params.images)}"); the PyTorch export reads IDX files only: convert the folder to IDX images and labels`,
      );
    return `image_dataset(node=${py(node)}, images=${py(params.images)}, images_size=${py(params.imagesSize)}, images_sha256=${py(params.imagesSha256)}, labels=${py(params.labels)}, labels_size=${py(params.labelsSize)}, labels_sha256=${py(params.labelsSha256)}, height=${py(params.height)}, width=${py(params.width)}, resize=${py(params.resize)}, channels=${py(params.channels)}, normalise=${py(params.normalise)}, classes=${py(params.classes)}, eval_split=${py(params.evalSplit)}, seed=${py(params.seed)})`;
  },
};
