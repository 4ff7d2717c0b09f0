import { definePlugin, tensorValue } from '../../runtime/sdk/index.ts';
import { classDataOutputs, dataSeedParam, evalSplitParam } from '../_shared/dataParams.ts';
import { imageDatasetTorch } from './torch.ts';

/** The shipped default (datasets/README.md): the UCI optical digits, 1,797 8×8 images, CC BY 4.0. */
export const DEFAULT_DIGITS = {
  images: { name: 'digits8x8-images.idx3-ubyte', size: 115_024, sha256: 'de28b89f0f92bce5e9b37ca3c621f9006c89df38a0425857f065de583f0c0023' },
  labels: { name: 'digits8x8-labels.idx1-ubyte', size: 1_805, sha256: 'ce71631c1f31ce56fa54f31d1d498fafacff59b001e6c30c4a5e29508aa277ad' },
} as const;

const fileName = (def: string, what: string) => ({ kind: 'text', default: def, maxLength: 255, doc: `Name of the ${what} file this graph was made with.` }) as const;
const fileSize = (def: number) => ({ kind: 'int', default: def, min: 0, max: 2 ** 31 - 1, doc: "The file's size in bytes (0 = not recorded yet)." }) as const;
const fileHash = (def: string) => ({ kind: 'text', default: def, maxLength: 64, doc: "The file's SHA-256 (empty = not recorded yet); a file with another hash is refused before training." }) as const;

/**
 * Labelled images from MNIST-format IDX files (images and labels), or from a folder of PNG/JPEG
 * images with one sub-folder per class (a folder pack, `folderPack.ts`): resized to height ×
 * width, grayscale or RGB, normalised, with a seeded stratified held-out split. The graph keeps
 * each file's (or the folder's) name, size and SHA-256, never the pixels; the host supplies the bytes.
 */
export const imageDatasetSpec = definePlugin({
  id: 'image-dataset',
  version: '1.0.0',
  title: 'Image dataset',
  category: 'data',
  role: 'data',
  doc: 'Images and class labels from MNIST-format IDX files (unsigned bytes; images [n, h, w] or [n, h, w, 1 or 3], labels [n]), or from a folder of PNG/JPEG images whose sub-folders name the classes (classes numbered in the sub-folders\' sorted order; the labels file is then unused). x is [?, height, width, channels] (NHWC, for conv2d), y the class id. Images of another size are resized (bilinear) unless "resize" is off; pixels are divided by 255 ("unit") or standardised. The eval split is stratified by class and seeded.',
  inputs: {},
  outputs: classDataOutputs({ rank: 4, doc: 'Images [?, height, width, 1 or 3].' }, 'Class ids [?].'),
  params: {
    images: { ...fileName(DEFAULT_DIGITS.images.name, 'IDX images (or the image folder)'), label: 'Images file or folder' },
    imagesSize: fileSize(DEFAULT_DIGITS.images.size),
    imagesSha256: fileHash(DEFAULT_DIGITS.images.sha256),
    labels: { ...fileName(DEFAULT_DIGITS.labels.name, 'IDX labels'), label: 'Labels file' },
    labelsSize: fileSize(DEFAULT_DIGITS.labels.size),
    labelsSha256: fileHash(DEFAULT_DIGITS.labels.sha256),
    height: { kind: 'int', default: 8, min: 1, max: 1024, log: true, doc: 'Height the images are resized to.' },
    width: { kind: 'int', default: 8, min: 1, max: 1024, log: true, doc: 'Width the images are resized to.' },
    resize: { kind: 'bool', default: true, doc: 'Resize every image to height × width (bilinear); off: an image of another size is refused, naming the file.' },
    channels: { kind: 'enum', options: ['grayscale', 'rgb'], default: 'grayscale' },
    normalise: { kind: 'enum', options: ['unit', 'standard'], default: 'unit', doc: 'unit: pixel / 255; standard: then zero mean, unit variance over all pixels.' },
    classes: { kind: 'int', default: 10, min: 2, max: 65536, log: true, doc: 'Number of classes; every label must be below it.' },
    evalSplit: evalSplitParam,
    seed: dataSeedParam,
  },
  keyParams: ['height', 'width', 'channels'],
  torch: imageDatasetTorch,
  infer(ctx) {
    const p = ctx.params;
    for (const key of ['imagesSha256', 'labelsSha256'] as const) {
      if (p[key] !== '' && !/^[0-9a-f]{64}$/.test(p[key])) return ctx.fail(`"${key}" must be 64 lowercase hex digits or empty`, { param: key });
    }
    return { outputs: { x: tensorValue([null, p.height, p.width, p.channels === 'rgb' ? 3 : 1]), y: tensorValue([null], 'int32') } };
  },
});
