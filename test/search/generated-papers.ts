import type { PaperRecord } from '../../src/domain/paper.ts';

const TOPICS: string[][] = [
  'language model transformer token attention pretraining prompt instruction decoder corpus translation dialogue'.split(
    ' ',
  ),
  'image pixel convolution segmentation detection camera video diffusion texture resolution scene'.split(
    ' ',
  ),
  'reinforcement policy reward agent environment exploration bandit trajectory actor critic planning'.split(
    ' ',
  ),
  'graph node edge molecule message passing protein chemistry bond lattice crystal'.split(' '),
  'speech audio acoustic speaker waveform phoneme recognition spectrogram music voice prosody'.split(
    ' ',
  ),
  'privacy federated client server encryption attack adversarial robustness certificate poisoning defense'.split(
    ' ',
  ),
  'robot manipulation grasp locomotion sensor control trajectory gripper navigation lidar odometry'.split(
    ' ',
  ),
  'theorem proof bound convex gradient convergence optimization regret lemma complexity estimator'.split(
    ' ',
  ),
];
const COMMON =
  'we propose method results show novel approach performance dataset experiments baseline state art improve evaluate framework'.split(
    ' ',
  );

/** Deterministic papers on eight topics with distinct vocabularies, for semantic checks. */
export function generatedPapers(count: number, offset = 0, seed = 7): PaperRecord[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (list: string[]) => list[Math.floor(random() * list.length)]!;
  const out: PaperRecord[] = [];
  for (let i = 0; i < count; i++) {
    const n = offset + i;
    const topic = TOPICS[n % TOPICS.length]!;
    const other = TOPICS[Math.floor(random() * TOPICS.length)]!;
    const title = Array.from({ length: 6 }, () => pick(topic)).join(' ');
    const words = Array.from({ length: 60 }, () => {
      const r = random();
      return r < 0.6 ? pick(topic) : r < 0.9 ? pick(COMMON) : pick(other);
    });
    out.push({
      id: `2601.${String(10000 + n).padStart(5, '0')}`,
      title: `${title} ${n}`,
      abstract: words.join(' '),
      authors: ['Ada Lovelace'],
      categories: ['cs.LG'],
      listingDate: '2026-01-05',
    });
  }
  return out;
}
