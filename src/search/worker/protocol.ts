import type { LsaParams } from '../embed/lsa-train.ts';
import type { PackedTexts } from './packed-texts.ts';

/** What the main thread asks of the semantic worker; each request gets one reply with its id. */
export type WorkerRequest =
  | { id: number; op: 'train-begin'; params: LsaParams }
  | { id: number; op: 'train-add'; texts: PackedTexts }
  | { id: number; op: 'train-end' }
  | { id: number; op: 'load-model'; modelId: string; bytes: Uint8Array }
  | { id: number; op: 'embed'; modelId: string; texts: PackedTexts; indexKeys?: Int32Array }
  | { id: number; op: 'index-begin'; dims: number }
  | { id: number; op: 'index-save'; file: string };

/** The worker's answers: a trained model's bytes, a flat n × dims array of vectors, or an error. */
export type WorkerReply =
  | { id: number; ok: true; op: 'done' }
  | { id: number; ok: true; op: 'model'; modelId: string; bytes: Uint8Array; terms: number }
  | { id: number; ok: true; op: 'vectors'; vectors: Float32Array }
  | { id: number; ok: false; message: string };
