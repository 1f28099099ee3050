// Photos carry EXIF, XMP and IPTC metadata: the camera, the time, often the place (GPS) where a
// practitioner stood. Every image is decoded and encoded again in its own format with sharp,
// which writes no metadata unless asked; the orientation is applied to the pixels first, so the
// picture still stands the right way up. Re-encoding also drops anything hidden after the image.
import { Injectable } from '@nestjs/common';
import pLimit from 'p-limit';
import sharp from 'sharp';
import type { AcceptedFileType } from '#libs/contracts';
import { FileTooLargeError, UnsupportedFileTypeError } from './files.errors.js';

/** Largest image decoded: 64 megapixels (a 48 MP phone photo fits; a decompression bomb does not). */
export const MAX_IMAGE_PIXELS = 64_000_000;

// Decoding holds the whole bitmap in memory (3–4 bytes a pixel): a few at a time per node.
const decoding = pLimit(2);
sharp.cache(false);

@Injectable()
export class ImageScrubber {
  /** Writes `source` again to `target` without metadata; refuses what is not a sound image. */
  scrub(source: string, target: string, type: AcceptedFileType): Promise<void> {
    return decoding(() => this.reencode(source, target, type));
  }

  private async reencode(source: string, target: string, type: AcceptedFileType): Promise<void> {
    const animated = type.contentType === 'image/gif' || type.contentType === 'image/webp';
    const image = sharp(source, { animated, limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' });
    try {
      const oriented = image.autoOrient().keepIccProfile();
      const encoded =
        type.contentType === 'image/jpeg'
          ? oriented.jpeg({ quality: 90 })
          : type.contentType === 'image/png'
            ? oriented.png()
            : type.contentType === 'image/webp'
              ? oriented.webp({ quality: 90 })
              : oriented.gif();
      await encoded.toFile(target);
    } catch (error) {
      const message = (error as Error).message ?? '';
      if (/pixel limit/i.test(message))
        throw new FileTooLargeError(
          `An image may have at most ${MAX_IMAGE_PIXELS / 1_000_000} megapixels.`,
        );
      throw new UnsupportedFileTypeError('This image could not be read: it may be damaged.');
    }
  }
}
