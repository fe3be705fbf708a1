import type { PaperText } from '../embed/lsa-model.ts';

/**
 * Papers' titles and abstracts as one UTF-8 buffer plus offsets, so a batch crosses to a worker
 * as two transferable typed arrays instead of a structured-cloned array of objects.
 */
export interface PackedTexts {
  bytes: Uint8Array;
  /** 2n + 1 byte offsets: paper i's title is [2i, 2i+1), its abstract [2i+1, 2i+2). */
  offsets: Uint32Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Encodes papers for a worker. */
export function packTexts(papers: readonly PaperText[]): PackedTexts {
  const parts: Uint8Array[] = [];
  const offsets = new Uint32Array(papers.length * 2 + 1);
  let at = 0;
  let k = 0;
  for (const paper of papers) {
    for (const text of [paper.title, paper.abstract]) {
      const part = encoder.encode(text);
      parts.push(part);
      at += part.byteLength;
      offsets[++k] = at;
    }
  }
  const bytes = new Uint8Array(at);
  at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return { bytes, offsets };
}

/** Decodes what `packTexts` encoded. */
export function unpackTexts(packed: PackedTexts): PaperText[] {
  const { bytes, offsets } = packed;
  const out: PaperText[] = [];
  for (let k = 0; k + 2 < offsets.length; k += 2) {
    out.push({
      title: decoder.decode(bytes.subarray(offsets[k]!, offsets[k + 1]!)),
      abstract: decoder.decode(bytes.subarray(offsets[k + 1]!, offsets[k + 2]!)),
    });
  }
  return out;
}

/** The buffers to transfer (not copy) with a packed batch. */
export function transferList(packed: PackedTexts): ArrayBuffer[] {
  return [packed.bytes.buffer as ArrayBuffer, packed.offsets.buffer as ArrayBuffer];
}
