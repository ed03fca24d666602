// A tiny PNG reader (8-bit greyscale/RGB/RGBA, not interlaced) for checking that a screenshot
// is not blank: it decodes the pixels with Node's zlib and measures their spread.
import { inflateSync } from "node:zlib";

/** Decodes a PNG buffer into { width, height, channels, pixels }. Throws on anything else. */
export function decodePng(buf) {
  const sig = [137, 80, 78, 71, 13, 10, 26, 10];
  sig.forEach((b, i) => {
    if (buf[i] !== b) throw new Error("not a PNG");
  });
  let off = 8;
  let width = 0, height = 0, bitDepth = 0, colourType = 0, interlace = 0;
  const idat = [];
  while (off + 8 <= buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString("latin1", off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bitDepth = data[8];
      colourType = data[9];
      interlace = data[12];
    } else if (type === "IDAT") {
      idat.push(data);
    } else if (type === "IEND") {
      break;
    }
    off += 12 + len;
  }
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colourType];
  if (bitDepth !== 8 || !channels || interlace !== 0) {
    throw new Error(`unsupported PNG: depth ${bitDepth}, colour type ${colourType}, interlace ${interlace}`);
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : null;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[x - channels] : 0;
      const b = prev ? prev[x] : 0;
      const c = prev && x >= channels ? prev[x - channels] : 0;
      let v = line[x];
      switch (filter) {
        case 0: break;
        case 1: v += a; break;
        case 2: v += b; break;
        case 3: v += (a + b) >> 1; break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
          v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: throw new Error(`bad PNG filter ${filter}`);
      }
      out[x] = v & 255;
    }
  }
  return { width, height, channels, pixels };
}

/** Luminance standard deviation and number of distinct colours (RGB, sampled) of a PNG. */
export function pngStats(buf) {
  const { width, height, channels, pixels } = decodePng(buf);
  let n = 0, sum = 0, sum2 = 0;
  const colours = new Set();
  for (let i = 0; i < width * height; i++) {
    const p = i * channels;
    const r = pixels[p], g = channels >= 3 ? pixels[p + 1] : r, b = channels >= 3 ? pixels[p + 2] : r;
    const l = 0.299 * r + 0.587 * g + 0.114 * b;
    n++; sum += l; sum2 += l * l;
    if (i % 7 === 0 && colours.size < 100000) colours.add((r << 16) | (g << 8) | b);
  }
  const mean = sum / n;
  return { width, height, stddev: Math.sqrt(Math.max(0, sum2 / n - mean * mean)), colours: colours.size };
}
