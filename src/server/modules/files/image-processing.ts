/**
 * Images are decoded and written anew with sharp, so what is stored holds pixels and
 * nothing else: EXIF (GPS position, camera serial), comments and appended payloads are gone.
 * The header is read first and an image of more than MAX_PIXELS is refused before any
 * decoding, against decompression bombs (a 50,000 × 50,000 PNG is a few kilobytes).
 */
import sharp, { type Sharp } from 'sharp';
import type { FilePurpose } from '../../../shared/files-contracts.js';
import { AppError } from '../../http/errors.js';

/** 40 megapixels: above any phone camera, far below what would exhaust memory. */
export const MAX_PIXELS = 40_000_000;
const MIN_AVATAR_SIDE = 100;

// Decoded images are not cached between requests: uploads are one-off, and the cache holds memory.
sharp.cache(false);

export interface Rendition {
  variant: 'main' | 'thumb';
  bytes: Buffer;
  type: 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
}

const OPTIONS = { limitInputPixels: MAX_PIXELS, failOn: 'error' } as const;

/** Reads only the header: width, height, and whether the image is usable at all. */
async function readHeader(bytes: Buffer): Promise<{ width: number; height: number }> {
  let width: number | undefined;
  let height: number | undefined;
  try {
    ({ width, height } = await sharp(bytes, { limitInputPixels: false }).metadata());
  } catch {
    throw new AppError('file_rejected', { detail: 'The image could not be read.' });
  }
  if (!width || !height) throw new AppError('file_rejected', { detail: 'The image could not be read.' });
  if (width * height > MAX_PIXELS) throw new AppError('image_too_large');
  return { width, height };
}

async function render(pipeline: Sharp, variant: Rendition['variant'], type: Rendition['type']): Promise<Rendition> {
  const output = type === 'image/jpeg' ? pipeline.jpeg({ quality: 85, mozjpeg: true }) : pipeline.webp({ quality: 82 });
  try {
    const { data, info } = await output.toBuffer({ resolveWithObject: true });
    return { variant, bytes: data, type, width: info.width, height: info.height };
  } catch {
    // Truncated or corrupt pixel data that the header did not reveal.
    throw new AppError('file_rejected', { detail: 'The image could not be read.' });
  }
}

/**
 * The renditions stored for an uploaded image. Avatars: a 400 px square (centred on what
 * draws the eye) and a 96 px square, as JPEG on white. Portfolio images: at most 2000 px on
 * the long side and a 480 × 360 thumbnail, as WebP (keeps transparency). EXIF orientation is
 * applied before the metadata goes.
 */
export async function renderImage(bytes: Buffer, purpose: FilePurpose): Promise<Rendition[]> {
  const { width, height } = await readHeader(bytes);
  const base = () => sharp(bytes, OPTIONS).rotate();
  if (purpose === 'avatar') {
    if (Math.min(width, height) < MIN_AVATAR_SIDE) throw new AppError('image_too_small');
    const square = (side: number) =>
      base().resize(side, side, { fit: 'cover', position: sharp.strategy.attention }).flatten({ background: '#ffffff' });
    return Promise.all([render(square(400), 'main', 'image/jpeg'), render(square(96), 'thumb', 'image/jpeg')]);
  }
  return Promise.all([
    render(base().resize(2000, 2000, { fit: 'inside', withoutEnlargement: true }), 'main', 'image/webp'),
    render(base().resize(480, 360, { fit: 'cover', position: sharp.strategy.attention }), 'thumb', 'image/webp'),
  ]);
}
